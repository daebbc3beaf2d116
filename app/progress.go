package app

import (
	"context"
	"sort"
	"time"
)

// Items of the campaign's progress: the contact receipt and the Five Ones.
const (
	ItemContact       = "contact"
	ItemExchangeVisit = KindExchangeVisit
	ItemMatchmaking   = KindMatchmaking
	ItemRoadshow      = KindRoadshow
	ItemDeals         = "deals"
	ItemExperience    = "experience"
)

// FiveOnes lists the campaign's five items in order: a zone is complete
// when it has all five.
var FiveOnes = []string{ItemExchangeVisit, ItemMatchmaking, ItemRoadshow, ItemDeals, ItemExperience}

// States of an event item in a zone's progress.
const (
	EventHeld    = "held"    // an event of the kind closed, or scheduled and ended
	EventPlanned = "planned" // open or scheduled, not ended, starting by the campaign's end
	EventMissing = "missing" // neither
)

// ProgressFilter selects the zones of a progress report.
type ProgressFilter struct {
	CampaignID int64 // 0 = the current campaign
	Province   string
	BranchID   int64
}

// ProgressInput is what ComputeProgress needs: the campaign, the instant,
// the zones to report and per-zone aggregates of the campaign's records.
type ProgressInput struct {
	Campaign    Campaign
	Now         time.Time
	Location    *time.Location // the campaign's reference zone for dates; nil = Asia/Shanghai
	Zones       []*Zone
	Contacts    []ContactFact
	Events      []EventTally
	Deals       []DealTally
	Experiences []ExperienceTally
}

// ContactFact is a zone's contact receipt for the campaign.
type ContactFact struct {
	ZoneID      int64
	Name, Title string
	SubmittedAt time.Time
}

// EventTally counts a zone's campaign events of one kind and status: all
// of them, those that ended before now, and those that have not ended and
// start before the campaign's end (CampaignEnd).
type EventTally struct {
	ZoneID       int64
	Kind, Status string
	Count        int
	Ended        int
	Upcoming     int
}

// DealTally counts a zone's campaign deals of one status and instrument.
type DealTally struct {
	ZoneID             int64
	Status, Instrument string
	Count              int
	AmountCNY          int64
}

// ExperienceTally counts a zone's experiences in the campaign.
type ExperienceTally struct {
	ZoneID int64
	Count  int
}

// Progress is the campaign's return: one row per zone, totals per province
// and nationally (over the zones selected).
type Progress struct {
	Campaign  Campaign           `json:"campaign"`
	AsOf      string             `json:"as_of"`     // today, YYYY-MM-DD
	DaysLeft  int                `json:"days_left"` // to the campaign's last day; negative after it
	Zones     []ZoneProgress     `json:"zones"`
	Provinces []ProvinceProgress `json:"provinces"`
	National  ProgressTotals     `json:"national"`
}

// ZoneProgress is one zone's state in the campaign. Contact phone numbers
// and e-mail addresses are never part of it.
type ZoneProgress struct {
	ZoneID             int64             `json:"zone_id"`
	ZoneCode           string            `json:"zone_code"`
	ZoneName           string            `json:"zone_name"`
	Province           string            `json:"province"`
	City               string            `json:"city"`
	BranchID           *int64            `json:"branch_id"`
	ContactSubmitted   bool              `json:"contact_submitted"`
	ContactOnTime      bool              `json:"contact_on_time"`
	ContactSubmittedAt *time.Time        `json:"contact_submitted_at"`
	Contact            *ProgressContact  `json:"contact,omitempty"` // admins and the zone's organizers only
	ExchangeVisit      bool              `json:"exchange_visit"`
	Matchmaking        bool              `json:"matchmaking"`
	Roadshow           bool              `json:"roadshow"`
	Events             map[string]string `json:"events"` // kind → held, planned or missing
	DealsCount         int               `json:"deals_count"`
	DealsAmountCNY     int64             `json:"deals_amount_cny"`
	DealsByInstrument  []InstrumentTotal `json:"deals_by_instrument"`
	IntentCount        int               `json:"intent_count"`
	IntentAmountCNY    int64             `json:"intent_amount_cny"`
	ExperiencesCount   int               `json:"experiences_count"`
	ItemsDone          int               `json:"items_done"` // of the five
	Complete           bool              `json:"complete"`
	AtRisk             bool              `json:"at_risk"`
	Risks              []Risk            `json:"risks"`
}

// ProgressContact is the name and title of a zone's contact person.
type ProgressContact struct {
	Name  string `json:"name"`
	Title string `json:"title"`
}

// InstrumentTotal counts landed deals of one instrument.
type InstrumentTotal struct {
	Instrument string `json:"instrument"`
	Count      int    `json:"count"`
	AmountCNY  int64  `json:"amount_cny"`
}

// Risk is why a zone is at risk of missing the campaign, in Chinese and
// English. Code is contact_overdue, not_scheduled, not_landed, not_written
// or missed; Item names the item concerned.
type Risk struct {
	Code   string `json:"code"`
	Item   string `json:"item"`
	TextZH string `json:"text_zh"`
	TextEN string `json:"text_en"`
}

// ProgressTotals sum zones: how many zones reached each item, and the
// deals and experiences they recorded.
type ProgressTotals struct {
	Zones                int               `json:"zones"`
	ContactSubmitted     int               `json:"contact_submitted"`
	ContactOnTime        int               `json:"contact_on_time"`
	ExchangeVisit        int               `json:"exchange_visit"`
	Matchmaking          int               `json:"matchmaking"`
	Roadshow             int               `json:"roadshow"`
	ZonesWithDeals       int               `json:"zones_with_deals"`
	DealsCount           int               `json:"deals_count"`
	DealsAmountCNY       int64             `json:"deals_amount_cny"`
	DealsByInstrument    []InstrumentTotal `json:"deals_by_instrument"`
	IntentCount          int               `json:"intent_count"`
	IntentAmountCNY      int64             `json:"intent_amount_cny"`
	ZonesWithExperiences int               `json:"zones_with_experiences"`
	ExperiencesCount     int               `json:"experiences_count"`
	Complete             int               `json:"complete"`
	AtRisk               int               `json:"at_risk"`
}

// ProvinceProgress is the totals of one province's zones.
type ProvinceProgress struct {
	Province string `json:"province"`
	ProgressTotals
}

// ProgressService reports the campaign's progress.
type ProgressService interface {
	// CampaignProgress returns the progress of the selected zones: to
	// admins and organizers (EUNAUTHORIZED, EFORBIDDEN); ENOTFOUND for an
	// unknown campaign, EINVALID for an unknown province.
	CampaignProgress(ctx context.Context, f ProgressFilter) (*Progress, error)
	// CampaignMissing returns, for the campaign as of at, the zones that
	// miss an item and which (for the reminder job); admins only.
	CampaignMissing(ctx context.Context, campaignID int64, at time.Time) ([]ZoneMissing, error)
}

// ProgressLocation returns loc, or Asia/Shanghai when loc is nil.
func ProgressLocation(loc *time.Location) *time.Location {
	if loc != nil {
		return loc
	}
	if l, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		return l
	}
	return time.FixedZone("CST", 8*3600)
}

// CampaignEnd returns the first instant after the campaign's last day in
// loc: an event "before the end" starts before it.
func CampaignEnd(c *Campaign, loc *time.Location) time.Time {
	d, err := time.ParseInLocation(time.DateOnly, c.EndsOn, ProgressLocation(loc))
	if err != nil {
		return time.Time{}
	}
	return d.AddDate(0, 0, 1)
}

// daysBetween returns the days from date a to date b (YYYY-MM-DD).
func daysBetween(a, b string) int {
	ta, err1 := time.Parse(time.DateOnly, a)
	tb, err2 := time.Parse(time.DateOnly, b)
	if err1 != nil || err2 != nil {
		return 0
	}
	return int(tb.Sub(ta).Hours() / 24)
}

// ComputeProgress derives every zone's state, its risks and the totals.
// Zones come out in the order of their code (which follows the provinces'
// division codes), provinces in the order of their first zone.
func ComputeProgress(in ProgressInput) *Progress {
	loc := ProgressLocation(in.Location)
	today := in.Now.In(loc).Format(time.DateOnly)
	p := &Progress{Campaign: in.Campaign, AsOf: today, DaysLeft: daysBetween(today, in.Campaign.EndsOn)}
	facts := indexFacts(in)
	zones := append([]*Zone(nil), in.Zones...)
	sort.SliceStable(zones, func(i, j int) bool { return zoneLess(zones[i], zones[j]) })
	p.Zones = make([]ZoneProgress, 0, len(zones))
	for _, z := range zones {
		row := facts.zoneRow(z, &in.Campaign, loc)
		row.Risks = zoneRisks(&row, &in.Campaign, today, p.DaysLeft)
		row.AtRisk = len(row.Risks) > 0
		p.Zones = append(p.Zones, row)
	}
	p.Provinces, p.National = totalsOf(p.Zones)
	return p
}

func zoneLess(a, b *Zone) bool {
	if (a.Code == "") != (b.Code == "") {
		return a.Code != ""
	}
	if a.Code != b.Code {
		return a.Code < b.Code
	}
	return a.ID < b.ID
}

// zoneFacts indexes the aggregates by zone.
type zoneFacts struct {
	contacts    map[int64]ContactFact
	events      map[int64][]EventTally
	deals       map[int64][]DealTally
	experiences map[int64]int
}

func indexFacts(in ProgressInput) zoneFacts {
	f := zoneFacts{contacts: map[int64]ContactFact{}, events: map[int64][]EventTally{},
		deals: map[int64][]DealTally{}, experiences: map[int64]int{}}
	for _, c := range in.Contacts {
		f.contacts[c.ZoneID] = c
	}
	for _, e := range in.Events {
		f.events[e.ZoneID] = append(f.events[e.ZoneID], e)
	}
	for _, d := range in.Deals {
		f.deals[d.ZoneID] = append(f.deals[d.ZoneID], d)
	}
	for _, x := range in.Experiences {
		f.experiences[x.ZoneID] += x.Count
	}
	return f
}

func (f zoneFacts) zoneRow(z *Zone, c *Campaign, loc *time.Location) ZoneProgress {
	row := ZoneProgress{ZoneID: z.ID, ZoneCode: z.Code, ZoneName: z.NameZH, Province: z.Province, City: z.City,
		BranchID: z.BranchID, Events: map[string]string{}, DealsByInstrument: []InstrumentTotal{}}
	if ct, ok := f.contacts[z.ID]; ok {
		at := ct.SubmittedAt
		row.ContactSubmitted, row.ContactSubmittedAt = true, &at
		row.ContactOnTime = at.In(loc).Format(time.DateOnly) <= c.ContactsDue
		row.Contact = &ProgressContact{Name: ct.Name, Title: ct.Title}
	}
	for _, kind := range EventKinds {
		row.Events[kind] = eventState(f.events[z.ID], kind)
	}
	row.ExchangeVisit = row.Events[KindExchangeVisit] == EventHeld
	row.Matchmaking = row.Events[KindMatchmaking] == EventHeld
	row.Roadshow = row.Events[KindRoadshow] == EventHeld
	addDeals(&row, f.deals[z.ID])
	row.ExperiencesCount = f.experiences[z.ID]
	for _, item := range FiveOnes {
		if row.Done(item) {
			row.ItemsDone++
		}
	}
	row.Complete = row.ItemsDone == len(FiveOnes)
	return row
}

// eventState applies the rule: held when an event of the kind is closed,
// or scheduled and ended; planned when one is open or scheduled, has not
// ended and starts before the campaign's end; else missing. Drafts and
// cancelled events count for nothing.
func eventState(tallies []EventTally, kind string) string {
	state := EventMissing
	for _, t := range tallies {
		if t.Kind != kind {
			continue
		}
		switch {
		case t.Status == StatusClosed && t.Count > 0, t.Status == StatusScheduled && t.Ended > 0:
			return EventHeld
		case (t.Status == StatusOpen || t.Status == StatusScheduled) && t.Upcoming > 0:
			state = EventPlanned
		}
	}
	return state
}

// addDeals sums a zone's deals: approved and disbursed deals have landed,
// intents are shown apart.
func addDeals(row *ZoneProgress, tallies []DealTally) {
	for _, d := range tallies {
		switch d.Status {
		case DealApproved, DealDisbursed:
			row.DealsCount += d.Count
			row.DealsAmountCNY = AddAmount(row.DealsAmountCNY, d.AmountCNY)
			row.DealsByInstrument = addInstrument(row.DealsByInstrument, InstrumentTotal{d.Instrument, d.Count, d.AmountCNY})
		case DealIntent:
			row.IntentCount += d.Count
			row.IntentAmountCNY = AddAmount(row.IntentAmountCNY, d.AmountCNY)
		}
	}
}

// addInstrument adds t to the list, kept in the vocabulary's order.
func addInstrument(list []InstrumentTotal, t InstrumentTotal) []InstrumentTotal {
	for i := range list {
		if list[i].Instrument == t.Instrument {
			list[i].Count += t.Count
			list[i].AmountCNY = AddAmount(list[i].AmountCNY, t.AmountCNY)
			return list
		}
	}
	list = append(list, t)
	order := Codes(instrumentTerms)
	sort.SliceStable(list, func(i, j int) bool {
		return indexOf(order, list[i].Instrument) < indexOf(order, list[j].Instrument)
	})
	return list
}

// Done reports whether the zone has the item (one of FiveOnes, or
// ItemContact).
func (z *ZoneProgress) Done(item string) bool {
	switch item {
	case ItemContact:
		return z.ContactSubmitted
	case ItemDeals:
		return z.DealsCount > 0
	case ItemExperience:
		return z.ExperiencesCount > 0
	}
	return z.Events[item] == EventHeld
}

// HideContacts removes the contact names of the zones viewer does not act
// for: only admins and the zone's organizers (of the zone or of its
// branch) see them.
func (p *Progress) HideContacts(viewer *Principal) {
	for i := range p.Zones {
		z := &p.Zones[i]
		var branch int64
		if z.BranchID != nil {
			branch = *z.BranchID
		}
		if !viewer.CoversZone(z.ZoneID, branch) {
			z.Contact = nil
		}
	}
}

func totalsOf(zones []ZoneProgress) ([]ProvinceProgress, ProgressTotals) {
	var national ProgressTotals
	national.DealsByInstrument = []InstrumentTotal{}
	provinces := []ProvinceProgress{}
	index := map[string]int{}
	for i := range zones {
		z := &zones[i]
		k, ok := index[z.Province]
		if !ok {
			k = len(provinces)
			index[z.Province] = k
			provinces = append(provinces, ProvinceProgress{Province: z.Province,
				ProgressTotals: ProgressTotals{DealsByInstrument: []InstrumentTotal{}}})
		}
		provinces[k].add(z)
		national.add(z)
	}
	return provinces, national
}

func (t *ProgressTotals) add(z *ZoneProgress) {
	t.Zones++
	t.ContactSubmitted += b2i(z.ContactSubmitted)
	t.ContactOnTime += b2i(z.ContactSubmitted && z.ContactOnTime)
	t.ExchangeVisit += b2i(z.ExchangeVisit)
	t.Matchmaking += b2i(z.Matchmaking)
	t.Roadshow += b2i(z.Roadshow)
	t.ZonesWithDeals += b2i(z.DealsCount > 0)
	t.DealsCount += z.DealsCount
	t.DealsAmountCNY = AddAmount(t.DealsAmountCNY, z.DealsAmountCNY)
	for _, it := range z.DealsByInstrument {
		t.DealsByInstrument = addInstrument(t.DealsByInstrument, it)
	}
	t.IntentCount += z.IntentCount
	t.IntentAmountCNY = AddAmount(t.IntentAmountCNY, z.IntentAmountCNY)
	t.ZonesWithExperiences += b2i(z.ExperiencesCount > 0)
	t.ExperiencesCount += z.ExperiencesCount
	t.Complete += b2i(z.Complete)
	t.AtRisk += b2i(z.AtRisk)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
