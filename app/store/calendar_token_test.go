package store_test

import (
	"context"
	"testing"

	"roadshow/app"
	"roadshow/app/store"
	"roadshow/app/store/storetest"
)

// feedOwner registers an enterprise and returns its principal's context.
func feedOwner(t *testing.T, s *store.Store) context.Context {
	t.Helper()
	e := newEnterprise(firstZone(t, s).ID, 41)
	if _, err := s.CreateEnterprise(admin(), e); err != nil {
		t.Fatal(err)
	}
	return as(&app.Principal{Role: app.RoleEnterprise, EnterpriseID: e.ID})
}

func storedFeedToken(t *testing.T, s *store.Store) string {
	t.Helper()
	var stored string
	if err := s.DB().QueryRow("SELECT token FROM calendar_tokens").Scan(&stored); err != nil {
		t.Fatal(err)
	}
	return stored
}

// TestCalendarToken_StoredHashed: the feed secret is stored as its hash and
// shown only when created or rotated; the URL works, the hash does not,
// rotation replaces it.
func TestCalendarToken_StoredHashed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := feedOwner(t, s)
		created, err := s.FindCalendarToken(ctx)
		if err != nil || created.Token == "" || created.URL == "" {
			t.Fatalf("first use: %+v %v", created, err)
		}
		stored := storedFeedToken(t, s)
		if stored == created.Token || stored != store.HashSecret(created.Token) {
			t.Fatalf("stored %q for secret %q: want its hash", stored, created.Token)
		}
		again, err := s.FindCalendarToken(ctx)
		if err != nil || again.Token != "" || again.URL != "" || again.WebcalURL != "" || !again.CreatedAt.Equal(created.CreatedAt) {
			t.Fatalf("second look: %+v %v; want no secret", again, err)
		}
		if _, err := s.ParticipantCalendar(context.Background(), created.Token); err != nil {
			t.Fatalf("feed by its secret: %v", err)
		}
		if _, err := s.ParticipantCalendar(context.Background(), stored); app.ErrorCode(err) != app.ENOTFOUND {
			t.Fatalf("feed by the stored hash: %v", err)
		}
		rotated, err := s.RotateCalendarToken(ctx)
		if err != nil || rotated.Token == "" || rotated.Token == created.Token {
			t.Fatalf("rotate: %+v %v", rotated, err)
		}
		if _, err := s.ParticipantCalendar(context.Background(), created.Token); app.ErrorCode(err) != app.ENOTFOUND {
			t.Fatalf("old secret after rotation: %v", err)
		}
		if _, err := s.ParticipantCalendar(context.Background(), rotated.Token); err != nil {
			t.Fatalf("new secret: %v", err)
		}
	})
}

// TestMigration0011_HashesFeedTokens: a feed secret stored in the clear
// before migration 0011 is hashed by it, and its URL keeps working.
func TestMigration0011_HashesFeedTokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := feedOwner(t, s)
		if _, err := s.FindCalendarToken(ctx); err != nil {
			t.Fatal(err)
		}
		const legacy = "0123456789abcdef0123456789abcdef0123456789abcdef"
		if _, err := s.DB().Exec("UPDATE calendar_tokens SET token = ?", legacy); err != nil {
			t.Fatal(err)
		}
		if _, err := s.DB().Exec("DELETE FROM schema_migrations WHERE version = 11"); err != nil {
			t.Fatal(err)
		}
		if st, err := s.Migrate(context.Background()); err != nil || len(st.Applied) != 1 {
			t.Fatalf("migrate again: %+v %v", st, err)
		}
		if stored := storedFeedToken(t, s); stored != store.HashSecret(legacy) {
			t.Fatalf("stored %q after the migration, want the hash of the legacy secret", stored)
		}
		if _, err := s.ParticipantCalendar(context.Background(), legacy); err != nil {
			t.Fatalf("the legacy feed URL: %v", err)
		}
		if _, err := s.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
	})
}
