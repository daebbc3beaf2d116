package app_test

import (
	"testing"

	"roadshow/app"
)

func TestMayRevokeToken(t *testing.T) {
	admin := &app.Principal{Role: app.RoleAdmin}
	org := &app.Principal{Role: app.RoleOrganizer, ZoneID: 1, TokenID: 10}
	sibling := &app.Principal{Role: app.RoleOrganizer, ZoneID: 1, TokenID: 11}
	cli := &app.Principal{Role: app.RoleOrganizer, ZoneID: 1} // a web session without a token
	tests := []struct {
		name    string
		p       *app.Principal
		id      int64
		minters []int64
		want    bool
	}{
		{"AdminAny", admin, 12, nil, true},
		{"AdminBootstrapAny", admin, 10, []int64{3}, true},
		{"Itself", org, 10, nil, true},
		{"MintedByIt", org, 12, []int64{10}, true},
		{"Grandchild", org, 13, []int64{12, 10}, true},
		{"ErrSibling", sibling, 10, nil, false},
		{"ErrSiblingsChild", sibling, 12, []int64{10}, false},
		{"ErrParent", org, 3, nil, false},
		{"ErrNoToken", cli, 12, []int64{10}, false},
		{"ErrAnonymous", nil, 12, []int64{10}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := app.MayRevokeToken(tt.p, tt.id, tt.minters); got != tt.want {
				t.Fatalf("MayRevokeToken = %v, want %v", got, tt.want)
			}
		})
	}
}
