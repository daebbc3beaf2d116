package store

import (
	"fmt"
	"strings"

	"gorm.io/gorm"

	"roadshow/app"
)

// dependant is a set of rows that go with a deleted row: table and the
// condition naming them, with one ? per mention of the deleted row's id.
// They are deleted explicitly, children first, rather than left to ON
// DELETE CASCADE: TiDB enforces foreign keys only from v6.6, only on keys
// created there and only with foreign_key_checks on, and a MySQL server may
// run with the checks off.
type dependant struct {
	table, where string
}

// enterpriseDependants belong to an enterprise (its meetings, pitches and
// deals are history: an enterprise that has any is never deleted).
var enterpriseDependants = []dependant{
	{"web_sessions", "enterprise_id = ? OR token_id IN (SELECT id FROM tokens WHERE enterprise_id = ?)"},
	{"login_links", "enterprise_id = ?"},
	{"tokens", "enterprise_id = ?"},
	{"calendar_tokens", "party_type = '" + app.SideEnterprise + "' AND party_id = ?"},
	{"registrations", "enterprise_id = ?"},
	{"pair_rules", "enterprise_id = ?"},
	{"meeting_requests", "enterprise_id = ?"},
}

// investorDependants belong to an investor, as enterpriseDependants.
var investorDependants = []dependant{
	{"web_sessions", "investor_id = ? OR token_id IN (SELECT id FROM tokens WHERE investor_id = ?)"},
	{"login_links", "investor_id = ?"},
	{"tokens", "investor_id = ?"},
	{"calendar_tokens", "party_type = '" + app.SideInvestor + "' AND party_id = ?"},
	{"registrations", "investor_id = ?"},
	{"pair_rules", "investor_id = ?"},
	{"meeting_requests", "investor_id = ?"},
	{"session_investors", "investor_id = ?"},
	{"products", "investor_id = ?"},
}

// sessionDependants belong to an event's session.
var sessionDependants = []dependant{
	{"session_investors", "session_id = ?"},
	{"pitches", "session_id = ?"},
}

// deleteDependants deletes, in order, the rows that go with id.
func deleteDependants(tx *gorm.DB, deps []dependant, id int64) error {
	for _, d := range deps {
		args := make([]any, strings.Count(d.where, "?"))
		for i := range args {
			args[i] = id
		}
		if err := tx.Exec("DELETE FROM "+d.table+" WHERE "+d.where, args...).Error; err != nil {
			return fmt.Errorf("store: delete %s: %w", d.table, translate(err))
		}
	}
	return nil
}

// partyExists reports whether the enterprise or investor a credential
// (token, web session, sign-in link) belongs to still exists; a credential
// of no party (staff) passes. Credentials are deleted with their party, but
// one left behind — a party removed outside roadshow on a database that did
// not cascade — must not keep working.
func partyExists(db *gorm.DB, enterpriseID, investorID *int64) (bool, error) {
	for _, ref := range []struct {
		table string
		id    *int64
	}{{"enterprises", enterpriseID}, {"investors", investorID}} {
		if ref.id == nil || *ref.id == 0 {
			continue
		}
		ok, err := exists(db, ref.table, *ref.id)
		if err != nil || !ok {
			return false, err
		}
	}
	return true, nil
}

// errPartyGone is the answer to a credential whose party no longer exists.
func errPartyGone() error {
	return app.Errorf(app.EUNAUTHORIZED, "the enterprise or investor of this credential no longer exists")
}
