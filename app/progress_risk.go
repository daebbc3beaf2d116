package app

import (
	"fmt"
	"strconv"
)

// Warning windows of the at-risk rules, in days before the campaign's
// last day.
const (
	RiskWindowEvents     = 30 // an event neither held nor planned
	RiskWindowDeals      = 30 // no deal landed
	RiskWindowExperience = 14 // no experience written
)

// itemNames are the items' Chinese and English names.
var itemNames = map[string][2]string{
	ItemContact:       {"联系人回执", "contact receipt"},
	ItemExchangeVisit: {"主任-行长面对面", "director–bank president exchange visit"},
	ItemMatchmaking:   {"银企对接会", "bank–enterprise matchmaking meeting"},
	ItemRoadshow:      {"融资路演", "financing roadshow"},
	ItemDeals:         {"融资落地", "financing landed"},
	ItemExperience:    {"可复制推广经验", "replicable experience"},
}

// ItemName returns an item's Chinese and English names.
func ItemName(item string) (zh, en string) {
	n := itemNames[item]
	return n[0], n[1]
}

// zoneRisks applies the at-risk rules to a zone on day today, daysLeft
// days before the campaign's last day (negative after it):
//   - the contact receipt is missing after its due date;
//   - with ≤ 30 days left, an event item neither held nor planned before
//     the end;
//   - with ≤ 30 days left, no deal landed;
//   - with ≤ 14 days left, no experience written;
//   - after the end, every item not done.
func zoneRisks(z *ZoneProgress, c *Campaign, today string, daysLeft int) []Risk {
	risks := []Risk{}
	if !z.ContactSubmitted && today > c.ContactsDue {
		risks = append(risks, Risk{Code: "contact_overdue", Item: ItemContact,
			TextZH: "联系人回执逾期未报送（截止 " + c.ContactsDue + "）",
			TextEN: "contact receipt not submitted; it was due " + c.ContactsDue})
	}
	if daysLeft < 0 {
		for _, item := range FiveOnes {
			if !z.Done(item) {
				zh, en := ItemName(item)
				risks = append(risks, Risk{Code: "missed", Item: item,
					TextZH: "活动已于 " + c.EndsOn + " 结束，" + missedZH(item, zh),
					TextEN: "the campaign ended on " + c.EndsOn + " without a " + en})
			}
		}
		return risks
	}
	return append(risks, openRisks(z, daysLeft)...)
}

func missedZH(item, name string) string {
	switch item {
	case ItemDeals:
		return "尚无融资落地"
	case ItemExperience:
		return "未报送可复制推广经验"
	}
	return "未举办" + name
}

// openRisks are the risks while the campaign runs.
func openRisks(z *ZoneProgress, daysLeft int) []Risk {
	var risks []Risk
	left := strconv.Itoa(daysLeft)
	if daysLeft <= RiskWindowEvents {
		for _, kind := range EventKinds {
			if z.Events[kind] == EventMissing {
				zh, en := ItemName(kind)
				risks = append(risks, Risk{Code: "not_scheduled", Item: kind,
					TextZH: "距活动结束仅剩 " + left + " 天，" + zh + "尚未举办也未安排",
					TextEN: fmt.Sprintf("%s days left and no %s held or scheduled before the end", left, en)})
			}
		}
	}
	if daysLeft <= RiskWindowDeals && z.DealsCount == 0 {
		risks = append(risks, Risk{Code: "not_landed", Item: ItemDeals,
			TextZH: "距活动结束仅剩 " + left + " 天，尚无融资落地（审批通过或已放款）",
			TextEN: left + " days left and no financing landed (approved or disbursed)"})
	}
	if daysLeft <= RiskWindowExperience && z.ExperiencesCount == 0 {
		risks = append(risks, Risk{Code: "not_written", Item: ItemExperience,
			TextZH: "距活动结束仅剩 " + left + " 天，尚未报送可复制推广经验",
			TextEN: left + " days left and no replicable experience written"})
	}
	return risks
}

// ZoneMissing is what a zone still misses in a campaign, for reminders.
// The contact's e-mail address is there to address the reminder; it is
// never shown in progress reports.
type ZoneMissing struct {
	ZoneID       int64    `json:"zone_id"`
	ZoneName     string   `json:"zone_name"`
	Province     string   `json:"province"`
	BranchID     *int64   `json:"branch_id"`
	Items        []string `json:"items"` // ItemContact and the FiveOnes not done, in that order
	AtRisk       bool     `json:"at_risk"`
	ContactName  string   `json:"contact_name"`
	ContactEmail string   `json:"contact_email"`
}

// MissingItems lists, in the progress's zone order, the zones that miss
// at least one item (the contact receipt or one of the Five Ones) and
// which.
func MissingItems(p *Progress) []ZoneMissing {
	out := []ZoneMissing{}
	for i := range p.Zones {
		z := &p.Zones[i]
		var items []string
		for _, item := range append([]string{ItemContact}, FiveOnes...) {
			if !z.Done(item) {
				items = append(items, item)
			}
		}
		if len(items) == 0 {
			continue
		}
		m := ZoneMissing{ZoneID: z.ZoneID, ZoneName: z.ZoneName, Province: z.Province, BranchID: z.BranchID,
			Items: items, AtRisk: z.AtRisk}
		if z.Contact != nil {
			m.ContactName = z.Contact.Name
		}
		out = append(out, m)
	}
	return out
}
