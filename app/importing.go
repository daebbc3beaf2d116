package app

import "context"

// Import kinds: what a spreadsheet holds.
const (
	ImportEnterprises = "enterprises"
	ImportInvestors   = "investors"
	ImportProducts    = "products"
)

// ImportKinds lists the import kinds.
var ImportKinds = []string{ImportEnterprises, ImportInvestors, ImportProducts}

// ImportOptions tune an import.
type ImportOptions struct {
	DryRun    bool // validate only, write nothing
	KeepValid bool // write the valid rows even when others are rejected
	// Progress, when set, is called as rows are checked (phase "check")
	// and written (phase "write").
	Progress func(phase string, done, total int)
}

// ImportReport says what an import did (or, in a dry run, would do).
// Created and Updated count the rows written; with rejected rows and no
// keep_valid nothing is written and both are 0.
type ImportReport struct {
	Kind           string        `json:"kind"`
	Sheet          string        `json:"sheet,omitempty"`
	Rows           int           `json:"rows"`
	Created        int           `json:"created"`
	Updated        int           `json:"updated"`
	Errors         []ImportError `json:"errors"`
	IgnoredColumns []string      `json:"ignored_columns"`
	DryRun         bool          `json:"dry_run"`
	Written        bool          `json:"written"`
	// Truncated says the check stopped after MaxImportProblems problems;
	// nothing is written then, even with keep_valid.
	Truncated bool `json:"truncated,omitempty"`
}

// ImportError is one problem: the row as the spreadsheet numbers it (the
// header is row 1 unless a title sits above it; 0 is the file as a whole),
// the column's English name ("" for the whole row) and its header in the
// file, and what is wrong.
type ImportError struct {
	Row     int    `json:"row"`
	Column  string `json:"column"`
	Header  string `json:"header,omitempty"`
	Message string `json:"message"`
}

// Rejected reports whether any row or the file was rejected.
func (r *ImportReport) Rejected() bool { return len(r.Errors) > 0 }

// ImportBatch is what an import writes in one transaction: records with
// ID 0 are created, the others updated. Records are keyed by credit code,
// investor name, and investor and product name.
type ImportBatch struct {
	Enterprises []*Enterprise
	Investors   []*Investor
	Products    []*Product
}

// Len returns the number of records in the batch.
func (b *ImportBatch) Len() int { return len(b.Enterprises) + len(b.Investors) + len(b.Products) }

// ProductKey identifies a product by its investor and name.
type ProductKey struct {
	InvestorID int64
	Name       string
}

// ImportService imports spreadsheets (.xlsx or .csv) of enterprises,
// investors or products.
type ImportService interface {
	// Import checks every row and writes the valid ones as the options say.
	// Rejected rows and file problems are in the report, not the error;
	// the error is ENOTFOUND for an unknown kind, EUNAUTHORIZED or
	// EFORBIDDEN for a caller who may not import that kind, ECONFLICT when
	// a concurrent write took a key, or a database error; in every error
	// case nothing is written.
	Import(ctx context.Context, kind string, data []byte, opt ImportOptions) (*ImportReport, error)
}

// MayImport checks who may import a kind: admins anything, organizers
// enterprises (of the zones they cover), investors their own products.
func MayImport(p *Principal, kind string) error {
	if err := RequireAuth(p); err != nil {
		return err
	}
	switch {
	case p.IsAdmin():
		return nil
	case kind == ImportEnterprises && p.IsOrganizer():
		return nil
	case kind == ImportProducts && p.Role == RoleInvestor:
		return nil
	}
	return Errorf(EFORBIDDEN, "your role may not import %s", kind)
}

// MaxImportProblems bounds the problems an import reports: past it the
// check stops, the report is Truncated and nothing is written.
const MaxImportProblems = 1_000
