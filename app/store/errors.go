package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"net"
	"strings"

	gomysql "github.com/go-sql-driver/mysql"
	"gorm.io/gorm"

	"roadshow/app"
)

// uniqueRule names a unique index and the message a duplicate gets.
type uniqueRule struct {
	index   string // MySQL index name
	columns string // SQLite "table.col, table.col" text in the error
	field   string
	message string
}

// uniqueRules translates unique-index violations into conflicts a user
// understands. Later migrations append their own rules here.
var uniqueRules = []uniqueRule{
	{"uq_enterprises_credit_code", "enterprises.credit_code", "credit_code", "an enterprise with this credit code is already registered"},
	{"uq_investors_name", "investors.name", "name", "an investor with this name is already registered"},
	{"uq_products_investor_name", "products.investor_id, products.name", "name", "this investor already has a product with this name"},
	{"uq_branches_name", "branches.name", "name", "a branch with this name exists"},
	{"uq_campaigns_name", "campaigns.name", "name", "a campaign with this name exists"},
	{"uq_registrations_enterprise", "registrations.event_id, registrations.enterprise_id", "enterprise_id", "this enterprise is already registered for the event"},
	{"uq_registrations_investor", "registrations.event_id, registrations.investor_id", "investor_id", "this investor is already registered for the event"},
	{"uq_meeting_requests_pair", "meeting_requests.event_id, meeting_requests.enterprise_id, meeting_requests.investor_id, meeting_requests.from_side", "investor_id", "a meeting request between these two already exists"},
	{"uq_pair_rules_pair", "pair_rules.event_id, pair_rules.enterprise_id, pair_rules.investor_id", "investor_id", "a rule for this pair exists; delete it first"},
	{"uq_meetings_enterprise_slot", "meetings.event_id, meetings.enterprise_id, meetings.active_slot", "slot", "the enterprise already has a meeting in that slot"},
	{"uq_meetings_investor_slot", "meetings.event_id, meetings.investor_id, meetings.active_slot", "slot", "the investor already has a meeting in that slot"},
	{"uq_meetings_table_slot", "meetings.event_id, meetings.table_no, meetings.active_slot", "table", "that table is taken in that slot"},
	{"uq_pitches_enterprise", "pitches.event_id, pitches.enterprise_id, pitches.active_key", "enterprise_id", "the enterprise already pitches at this event"},
	{"uq_pitches_order", "pitches.session_id, pitches.ord, pitches.active_key", "order", "that place in the session is taken"},
	{"uq_idempotency_keys", "idempotency_keys.scope, idempotency_keys.idem_key", "Idempotency-Key", "a request with this Idempotency-Key is in progress"},
}

// translate turns database errors into app errors: a missing row into
// ENOTFOUND, a unique violation into ECONFLICT naming the field, a foreign
// key violation into EINVALID or ECONFLICT, and an unreachable database, a
// passed deadline, or a lock or write conflict still there after the
// retries, into EUNAVAILABLE.
// App errors and nil pass through.
func translate(err error) error {
	if err == nil {
		return nil
	}
	var ae *app.Error
	switch {
	case errors.As(err, &ae):
		return err
	case errors.Is(err, gorm.ErrRecordNotFound):
		return app.Errorf(app.ENOTFOUND, "not found")
	case errors.Is(err, context.DeadlineExceeded):
		return &app.Error{Code: app.EUNAVAILABLE, Message: "the database did not answer in time"}
	case errors.Is(err, context.Canceled):
		return err
	case retryable(err):
		return &app.Error{Code: app.EUNAVAILABLE, Message: "the database is busy; try again"}
	}
	if rule, ok := uniqueViolation(err); ok {
		return &app.Error{Code: app.ECONFLICT, Message: rule.message, Fields: map[string]string{rule.field: rule.message}}
	}
	if isUnique(err) {
		return app.Errorf(app.ECONFLICT, "duplicate")
	}
	if isForeignKey(err) {
		return app.Errorf(app.ECONFLICT, "the record is referenced by, or refers to, a record that does not exist or is still in use")
	}
	if unavailable(err) {
		return &app.Error{Code: app.EUNAVAILABLE, Message: "database unreachable"}
	}
	if retryable(err) {
		return &app.Error{Code: app.EUNAVAILABLE, Message: "the database is busy; try again"}
	}
	return err
}

func uniqueViolation(err error) (uniqueRule, bool) {
	msg := err.Error()
	for _, r := range uniqueRules {
		if strings.Contains(msg, "'"+r.index+"'") || strings.Contains(msg, "."+r.index+"'") ||
			strings.Contains(msg, "UNIQUE constraint failed: "+r.columns) {
			return r, true
		}
	}
	return uniqueRule{}, false
}

func isUnique(err error) bool {
	var me *gomysql.MySQLError
	if errors.As(err, &me) {
		return me.Number == 1062
	}
	return strings.Contains(err.Error(), "UNIQUE constraint failed")
}

func isForeignKey(err error) bool {
	var me *gomysql.MySQLError
	if errors.As(err, &me) {
		return me.Number == 1451 || me.Number == 1452
	}
	return strings.Contains(err.Error(), "FOREIGN KEY constraint failed")
}

// unavailable reports whether the database could not be reached: a
// network or bad-connection error, or TiDB's PD server timeout (9001),
// TiKV server timeout (9002) or region unavailable (9005).
func unavailable(err error) bool {
	var me *gomysql.MySQLError
	if errors.As(err, &me) {
		return me.Number == 9001 || me.Number == 9002 || me.Number == 9005
	}
	var ne net.Error
	var oe *net.OpError
	msg := err.Error()
	return errors.Is(err, driver.ErrBadConn) || errors.As(err, &ne) || errors.As(err, &oe) ||
		errors.Is(err, gomysql.ErrInvalidConn) || strings.Contains(msg, "database is closed") ||
		strings.Contains(msg, "connection refused") || strings.Contains(msg, "bad connection")
}
