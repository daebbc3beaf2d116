package store

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"roadshow/app"
)

// The 2025 Five Ones campaign (走进千企万户“五个一”专项行动).
var campaign2025 = app.Campaign{
	Name:        "2025 火炬赋能“五个一”专项行动",
	StartsOn:    "2025-03-06",
	ContactsDue: "2025-03-15",
	EndsOn:      "2025-06-30",
}

// Seed inserts the embedded bank branches and high-tech zones and the 2025
// campaign where they are missing. It is safe to run at every start.
func (s *Store) Seed(ctx context.Context) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		ids, err := s.seedBranches(tx)
		if err != nil {
			return err
		}
		if err := s.seedZones(tx, ids); err != nil {
			return err
		}
		c := campaign2025
		return tx.Exec(s.insertIgnore("campaigns", "name, starts_on, contacts_due, ends_on, created_at", "?, ?, ?, ?, ?"),
			c.Name, c.StartsOn, c.ContactsDue, c.EndsOn, s.now()).Error
	})
}

func (s *Store) seedBranches(tx *gorm.DB) (map[string]int64, error) {
	seeds, err := app.SeedBranches()
	if err != nil {
		return nil, err
	}
	for _, b := range seeds {
		err := tx.Exec(s.insertIgnore("branches", "name, kind, province, city, created_at", "?, ?, ?, ?, ?"),
			b.Name, b.Kind, b.Province, b.City, s.now()).Error
		if err != nil {
			return nil, fmt.Errorf("store: seed branch %s: %w", b.Name, err)
		}
	}
	var rows []branchRow
	if err := tx.Find(&rows).Error; err != nil {
		return nil, err
	}
	ids := make(map[string]int64, len(rows))
	for _, r := range rows {
		ids[r.Name] = r.ID
	}
	return ids, nil
}

func (s *Store) seedZones(tx *gorm.DB, branchIDs map[string]int64) error {
	seeds, err := app.SeedZones()
	if err != nil {
		return err
	}
	for _, z := range seeds {
		var branch *int64
		if id, ok := branchIDs[z.Branch]; ok {
			branch = &id
		}
		var code *string
		if z.Code != "" {
			code = &z.Code
		}
		err := tx.Exec(s.insertIgnore("zones", "code, name_zh, short_name_zh, name_en, province, city, branch_id, since",
			"?, ?, ?, '', ?, ?, ?, ?"), code, z.NameZH, z.ShortNameZH, z.Province, z.City, branch, z.Since).Error
		if err != nil {
			return fmt.Errorf("store: seed zone %s: %w", z.Code, err)
		}
	}
	return nil
}
