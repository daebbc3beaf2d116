package store

import (
	"context"
	"time"

	"gorm.io/gorm"

	"roadshow/app"
)

type zoneRow struct {
	ID          int64 `gorm:"primaryKey"`
	Code        *string
	NameZH      string `gorm:"column:name_zh"`
	ShortNameZH string `gorm:"column:short_name_zh"`
	NameEN      string `gorm:"column:name_en"`
	Province    string
	City        string
	BranchID    *int64
	Since       string
}

func (zoneRow) TableName() string { return "zones" }

func (r *zoneRow) domain() *app.Zone {
	return &app.Zone{ID: r.ID, Code: deref(r.Code), NameZH: r.NameZH, ShortNameZH: r.ShortNameZH, NameEN: r.NameEN,
		Province: r.Province, City: r.City, BranchID: r.BranchID}
}

var _ app.ZoneService = (*Store)(nil)

// FindZoneByID returns a zone; zones are public.
func (s *Store) FindZoneByID(ctx context.Context, id int64) (*app.Zone, error) {
	r, err := s.zone(s.conn(ctx), id)
	if err != nil {
		return nil, err
	}
	return r.domain(), nil
}

func (s *Store) zone(db *gorm.DB, id int64) (*zoneRow, error) {
	var r zoneRow
	if err := db.First(&r, id).Error; err != nil {
		if isNotFound(err) {
			return nil, errNotFound("zone")
		}
		return nil, translate(err)
	}
	return &r, nil
}

// FindZones lists zones by province, branch or name.
func (s *Store) FindZones(ctx context.Context, f app.ZoneFilter) (app.List[*app.Zone], error) {
	q := s.conn(ctx).Model(&zoneRow{})
	if f.Province != "" {
		q = q.Where("province = ?", f.Province)
	}
	if f.BranchID != 0 {
		q = q.Where("branch_id = ?", f.BranchID)
	}
	if f.Q != "" {
		q = q.Where("name_zh LIKE ? ESCAPE '!' OR short_name_zh LIKE ? ESCAPE '!' OR code = ?", likeArg(f.Q), likeArg(f.Q), f.Q)
	}
	var rows []zoneRow
	if err := pageOf(q, f.Page).Find(&rows).Error; err != nil {
		return app.List[*app.Zone]{}, translate(err)
	}
	return listOf(rows, f.Page, func(r *zoneRow) int64 { return r.ID }, (*zoneRow).domain), nil
}

type branchRow struct {
	ID        int64 `gorm:"primaryKey"`
	Name      string
	Kind      string
	Province  string
	City      string
	CreatedAt time.Time `gorm:"autoCreateTime:false"`
}

func (branchRow) TableName() string { return "branches" }

func (r *branchRow) domain() *app.Branch {
	return &app.Branch{ID: r.ID, Name: r.Name, Kind: r.Kind, Province: r.Province, City: r.City}
}

var _ app.BranchService = (*Store)(nil)

// FindBranchByID returns a branch; branches are public.
func (s *Store) FindBranchByID(ctx context.Context, id int64) (*app.Branch, error) {
	var r branchRow
	if err := s.conn(ctx).First(&r, id).Error; err != nil {
		if isNotFound(err) {
			return nil, errNotFound("branch")
		}
		return nil, translate(err)
	}
	return r.domain(), nil
}

// FindBranches lists branches.
func (s *Store) FindBranches(ctx context.Context, f app.BranchFilter) (app.List[*app.Branch], error) {
	q := s.conn(ctx).Model(&branchRow{})
	if f.Province != "" {
		q = q.Where("province = ?", f.Province)
	}
	if f.Q != "" {
		q = q.Where("name LIKE ? ESCAPE '!'", likeArg(f.Q))
	}
	var rows []branchRow
	if err := pageOf(q, f.Page).Find(&rows).Error; err != nil {
		return app.List[*app.Branch]{}, translate(err)
	}
	return listOf(rows, f.Page, func(r *branchRow) int64 { return r.ID }, (*branchRow).domain), nil
}

// CreateBranch adds a branch; admins only.
func (s *Store) CreateBranch(ctx context.Context, b *app.Branch) error {
	if err := app.RequireAdmin(app.PrincipalFromContext(ctx)); err != nil {
		return err
	}
	if err := b.Validate(s.vocab); err != nil {
		return err
	}
	r := branchRow{Name: b.Name, Kind: b.Kind, Province: b.Province, City: b.City, CreatedAt: s.now()}
	if err := s.conn(ctx).Create(&r).Error; err != nil {
		return translate(err)
	}
	b.ID = r.ID
	return nil
}

// zoneBranch returns the branch covering a zone (0 when none).
func (s *Store) zoneBranch(db *gorm.DB, zoneID int64) (int64, error) {
	z, err := s.zone(db, zoneID)
	if err != nil {
		return 0, err
	}
	if z.BranchID == nil {
		return 0, nil
	}
	return *z.BranchID, nil
}
