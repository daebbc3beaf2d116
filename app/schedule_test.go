package app_test

import (
	"testing"

	"roadshow/app"
)

func TestUnscheduledReason(t *testing.T) {
	for _, tc := range []struct {
		code    string
		parties []string
		en, zh  string
	}{
		{app.UnscheduledNoCommonSlot, []string{"enterprise 2", "investor 1"}, "no common free slot for enterprise 2 and investor 1", "双方没有共同的空闲时段"},
		{app.UnscheduledCapReached, []string{"investor 3"}, "cap reached for investor 3", "一方的会谈数已达上限"},
		{app.UnscheduledSlotsTaken, []string{"enterprise 7"}, "every available slot of enterprise 7 taken", "一方的可用时段已排满"},
		{app.UnscheduledNoTable, nil, "table capacity", "桌位不足"},
		{app.UnscheduledLowerValue, nil, "lower value than the meetings chosen", "价值低于已安排的会谈"},
		{app.UnscheduledNoSlotLeft, []string{"enterprise 1", "investor 2"}, "no common free slot left for enterprise 1 and investor 2", "双方没有共同的空闲时段"},
		{"new_code", nil, "new_code", "new_code"},
	} {
		en, zh := app.UnscheduledReason(tc.code, tc.parties...)
		if en != tc.en || zh != tc.zh {
			t.Errorf("%s: %q, %q; want %q, %q", tc.code, en, zh, tc.en, tc.zh)
		}
	}
}
