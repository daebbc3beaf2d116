package store

import (
	"time"

	"gorm.io/gorm"

	"roadshow/app"
)

// dropCancelledPairs keeps out of the plan every pair whose meeting the
// organizers or either side cancelled, unless the organizer pinned the
// pair after that cancellation or the pair holds an active meeting again
// (booked by its sides). Meetings a schedule or a cascade cancelled do not
// count.
func (s *Store) dropCancelledPairs(db *gorm.DB, in *meetingInput) error {
	var rows []meetingRow
	err := db.Select("enterprise_id", "investor_id", "updated_at").
		Where("event_id = ? AND status = ? AND cancelled_by <> ''", in.ev.ID, app.MeetingCancelled).Find(&rows).Error
	if err != nil || len(rows) == 0 {
		return translate(err)
	}
	var pins []pairRuleRow
	if err := db.Where("event_id = ? AND rule = ?", in.ev.ID, app.PairPin).Find(&pins).Error; err != nil {
		return translate(err)
	}
	pinned := map[string]time.Time{}
	for _, p := range pins {
		pinned[pairKey(p.EnterpriseID, p.InvestorID)] = p.CreatedAt
	}
	active := map[string]bool{}
	for _, m := range in.existing {
		active[pairKey(m.EnterpriseID, m.InvestorID)] = true
	}
	for _, r := range rows { // any cancellation later than the pin keeps the pair out
		key := pairKey(r.EnterpriseID, r.InvestorID)
		if at, ok := pinned[key]; active[key] || ok && at.After(r.UpdatedAt) {
			continue
		}
		delete(in.candidates, key)
	}
	return nil
}
