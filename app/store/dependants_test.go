package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"roadshow/app"
	"roadshow/app/store"
	"roadshow/app/store/storetest"
)

// openWithoutForeignKeys opens a migrated, seeded store on one connection
// whose foreign key checks are off, as on a TiDB cluster that does not
// enforce them: nothing cascades.
func openWithoutForeignKeys(t *testing.T, dialect string) *store.Store {
	t.Helper()
	var s *store.Store
	var err error
	off := "PRAGMA foreign_keys = OFF"
	if dialect == "mysql" {
		s, err = store.Open("mysql", storetest.NewMySQLDatabase(t), store.Options{MaxOpenConns: 1})
		off = "SET SESSION foreign_key_checks = 0"
	} else {
		s, err = store.Open("sqlite", filepath.Join(t.TempDir(), "test.db"), store.Options{MaxOpenConns: 1})
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	ctx := context.Background()
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.Seed(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().Exec(off); err != nil {
		t.Fatal(err)
	}
	return s
}

func rowCount(t *testing.T, s *store.Store, query string, args ...any) int {
	t.Helper()
	var n int
	if err := s.DB().QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// TestDeleteParty_WithoutCascades deletes an enterprise and an investor
// where foreign keys do not cascade: their tokens, web sessions, sign-in
// links, products and registrations go with them, and their tokens answer
// 401.
func TestDeleteParty_WithoutCascades(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(d, func(t *testing.T) {
			s := openWithoutForeignKeys(t, d)
			ctx := context.Background()
			e := newEnterprise(firstZone(t, s).ID, 11)
			entToken, err := s.CreateEnterprise(admin(), e)
			if err != nil {
				t.Fatal(err)
			}
			inv := &app.Investor{Name: "级联测试资本", Kind: "vc", Contacts: []app.Contact{{Name: "李强", Email: "liqiang@example.cn"}}}
			invToken, err := s.CreateInvestor(admin(), inv)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.CreateProduct(admin(), &app.Product{InvestorID: inv.ID, Name: "科创贷", Instrument: "loan",
				AmountMinCNY: 1_000_000, AmountMaxCNY: 10_000_000, TermMonths: 12}); err != nil {
				t.Fatal(err)
			}
			var cookies []string
			for _, secret := range []string{entToken, invToken} {
				p, err := s.Authenticate(ctx, secret)
				if err != nil {
					t.Fatal(err)
				}
				cookie, _, err := s.CreateWebSession(ctx, p)
				if err != nil {
					t.Fatal(err)
				}
				cookies = append(cookies, cookie)
			}
			req := app.SignInRequest{Email: "liqiang@example.cn", LinkPrefix: "https://console.example/signin/link?t="}
			if _, err := s.RequestSignInLinks(ctx, req); err != nil {
				t.Fatal(err)
			}
			if err := s.DeleteEnterprise(admin(), e.ID); err != nil {
				t.Fatal(err)
			}
			if err := s.DeleteInvestor(admin(), inv.ID); err != nil {
				t.Fatal(err)
			}
			for i, secret := range []string{entToken, invToken} {
				if _, err := s.Authenticate(ctx, secret); app.ErrorCode(err) != app.EUNAUTHORIZED {
					t.Errorf("token %d after its party was deleted: %v, want unauthorized", i, err)
				}
				if _, err := s.FindWebSession(ctx, cookies[i]); app.ErrorCode(err) != app.EUNAUTHORIZED {
					t.Errorf("web session %d after its party was deleted: %v, want unauthorized", i, err)
				}
			}
			for _, q := range []string{"SELECT COUNT(*) FROM tokens WHERE enterprise_id = ? OR investor_id = ?",
				"SELECT COUNT(*) FROM web_sessions WHERE enterprise_id = ? OR investor_id = ?",
				"SELECT COUNT(*) FROM login_links WHERE enterprise_id = ? OR investor_id = ?",
				"SELECT COUNT(*) FROM registrations WHERE enterprise_id = ? OR investor_id = ?",
				"SELECT COUNT(*) FROM products WHERE ? = 0 OR investor_id = ?"} {
				if n := rowCount(t, s, q, e.ID, inv.ID); n != 0 {
					t.Errorf("%s: %d rows left", q, n)
				}
			}
		})
	}
}

// TestAuthenticate_PartyGone: a party removed behind roadshow's back, on a
// database that does not cascade, leaves its credentials in place; they
// answer 401.
func TestAuthenticate_PartyGone(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(d, func(t *testing.T) {
			s := openWithoutForeignKeys(t, d)
			ctx := context.Background()
			e := newEnterprise(firstZone(t, s).ID, 12)
			secret, err := s.CreateEnterprise(admin(), e)
			if err != nil {
				t.Fatal(err)
			}
			p, err := s.Authenticate(ctx, secret)
			if err != nil {
				t.Fatal(err)
			}
			cookie, _, err := s.CreateWebSession(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.DB().Exec("DELETE FROM enterprises WHERE id = ?", e.ID); err != nil {
				t.Fatal(err)
			}
			if n := rowCount(t, s, "SELECT COUNT(*) FROM tokens WHERE enterprise_id = ?", e.ID); n != 1 {
				t.Fatalf("the token was removed (%d left): foreign keys cascaded, the test proves nothing", n)
			}
			if _, err := s.Authenticate(ctx, secret); app.ErrorCode(err) != app.EUNAUTHORIZED {
				t.Errorf("token of a deleted enterprise: %v, want unauthorized", err)
			}
			if _, err := s.FindWebSession(ctx, cookie); app.ErrorCode(err) != app.EUNAUTHORIZED {
				t.Errorf("web session of a deleted enterprise: %v, want unauthorized", err)
			}
		})
	}
}

// TestDeleteProduct_WithoutCascades: a deal keeps its record without the
// deleted product, where foreign keys do not set it to NULL.
func TestDeleteProduct_WithoutCascades(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(d, func(t *testing.T) {
			s := openWithoutForeignKeys(t, d)
			e := newEnterprise(firstZone(t, s).ID, 13)
			if _, err := s.CreateEnterprise(admin(), e); err != nil {
				t.Fatal(err)
			}
			inv := &app.Investor{Name: "产品测试银行", Kind: "bank", Instruments: []string{"loan"},
				Contacts: []app.Contact{{Name: "李强", Email: "liqiang@bank.example.cn"}}}
			if _, err := s.CreateInvestor(admin(), inv); err != nil {
				t.Fatal(err)
			}
			prod := &app.Product{InvestorID: inv.ID, Name: "科创贷", Instrument: "loan", AmountMinCNY: 1_000_000,
				AmountMaxCNY: 10_000_000, TermMonths: 12}
			if err := s.CreateProduct(admin(), prod); err != nil {
				t.Fatal(err)
			}
			deal := &app.Deal{EnterpriseID: e.ID, InvestorID: inv.ID, ProductID: &prod.ID, Instrument: "loan",
				AmountCNY: 8_000_000, Status: app.DealApproved, Date: "2031-03-05"}
			if err := s.CreateDeal(admin(), deal); err != nil {
				t.Fatal(err)
			}
			if err := s.DeleteProduct(admin(), prod.ID); err != nil {
				t.Fatal(err)
			}
			if n := rowCount(t, s, "SELECT COUNT(*) FROM deals WHERE id = ? AND product_id IS NULL", deal.ID); n != 1 {
				t.Fatalf("the deal still names the deleted product")
			}
		})
	}
}
