package api_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

type planJSON struct {
	Committed   bool    `json:"committed"`
	Status      string  `json:"status"`
	Value       int64   `json:"value"`
	UpperBound  int64   `json:"upper_bound"`
	Ratio       float64 `json:"ratio"`
	Tables      int     `json:"tables"`
	Slots       []struct{ Slot int }
	Meetings    []plannedJSON
	Unscheduled []struct {
		Reason   string `json:"reason"`
		ReasonZH string `json:"reason_zh"`
	}
	Unserved []struct {
		EnterpriseID int64  `json:"enterprise_id"`
		InvestorID   int64  `json:"investor_id"`
		Code         string `json:"code"`
		Reason       string `json:"reason"`
		ReasonZH     string `json:"reason_zh"`
	}
	Breaks  *struct{ Total int }
	Changes *struct{ Created, Moved, Kept, Cancelled int }
	Pitches []struct {
		SessionID    int64 `json:"session_id"`
		EnterpriseID int64 `json:"enterprise_id"`
		Order        int
	}
}

type plannedJSON struct {
	MeetingID    int64 `json:"meeting_id"`
	EnterpriseID int64 `json:"enterprise_id"`
	InvestorID   int64 `json:"investor_id"`
	Slot         int
	Table        int
	Requested    string
}

type meetingJSON struct {
	ID           int64  `json:"id"`
	EnterpriseID int64  `json:"enterprise_id"`
	InvestorID   int64  `json:"investor_id"`
	Slot         int    `json:"slot"`
	Table        int    `json:"table"`
	Status       string `json:"status"`
	Sequence     int    `json:"sequence"`
	UID          string `json:"uid"`
	StartsAt     string `json:"starts_at"`
	EndsAt       string `json:"ends_at"`
}

// checkPlan verifies the plan's hard rules independently of the solver.
func checkPlan(t *testing.T, p planJSON) {
	t.Helper()
	busy := map[string]bool{}
	for _, m := range p.Meetings {
		for _, k := range []string{fmt.Sprintf("e%d@%d", m.EnterpriseID, m.Slot), fmt.Sprintf("i%d@%d", m.InvestorID, m.Slot),
			fmt.Sprintf("t%d@%d", m.Table, m.Slot)} {
			if busy[k] {
				t.Fatalf("double booking %s in %+v", k, m)
			}
			busy[k] = true
		}
		if m.Table < 1 || m.Table > p.Tables {
			t.Fatalf("table %d of %d", m.Table, p.Tables)
		}
	}
	if p.Value > p.UpperBound || (p.UpperBound > 0 && p.Ratio <= 0) {
		t.Fatalf("value %d bound %d ratio %f", p.Value, p.UpperBound, p.Ratio)
	}
}

func (h *harness) meetings(event int64, token string) []meetingJSON {
	h.t.Helper()
	var out struct{ Items []meetingJSON }
	h.must(200, "GET", path("/api/v1/events/%d/meetings", event), token, nil).Decode(h.t, &out)
	return out.Items
}

func TestScheduleAPI_Matchmaking(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		f := newMatchFixture(h, 5, 3)
		ev := path("/api/v1/events/%d", f.event)
		h.must(200, "PATCH", ev, h.org, map[string]any{"meeting": map[string]any{"slot_minutes": 30, "break_minutes": 0,
			"tables": 2, "max_per_enterprise": 2, "max_per_investor": 4}})
		reqs := ev + "/meeting-requests"
		h.must(201, "POST", reqs, f.entTokens[0], map[string]any{"investor_id": f.invs[2], "priority": 1})
		h.must(201, "POST", reqs, f.invTokens[2], map[string]any{"enterprise_id": f.ents[0]})
		if r := h.do("POST", ev+"/schedule", f.entTokens[0], map[string]any{"dry_run": true}); r.Status != 403 {
			t.Fatalf("enterprise schedules: %d", r.Status)
		}
		var dry planJSON
		h.must(200, "POST", ev+"/schedule", h.org, map[string]any{"dry_run": true}).Decode(t, &dry)
		checkPlan(t, dry)
		if dry.Committed || len(dry.Meetings) == 0 || len(dry.Slots) != 16 || len(dry.Unserved) != 0 {
			t.Fatalf("dry run: %+v", dry)
		}
		if n := len(h.meetings(f.event, h.org)); n != 0 {
			t.Fatalf("a dry run wrote %d meetings", n)
		}
		mutual := false
		for _, m := range dry.Meetings {
			mutual = mutual || (m.EnterpriseID == f.ents[0] && m.InvestorID == f.invs[2] && m.Requested == "mutual")
		}
		if !mutual {
			t.Fatalf("the mutual request was not scheduled: %+v", dry.Meetings)
		}
		var plan planJSON
		h.must(200, "POST", ev+"/schedule", h.org, map[string]any{}).Decode(t, &plan)
		checkPlan(t, plan)
		if !plan.Committed || plan.Changes.Created != len(plan.Meetings) {
			t.Fatalf("commit: %+v", plan.Changes)
		}
		if st := h.must(200, "GET", ev, h.org, nil).JSON()["status"]; st != "scheduled" {
			t.Fatalf("event status %v", st)
		}
		all := h.meetings(f.event, h.org)
		if len(all) != len(plan.Meetings) {
			t.Fatalf("%d meetings stored for %d planned", len(all), len(plan.Meetings))
		}
		t.Run("Scope", func(t *testing.T) {
			for _, m := range h.meetings(f.event, f.entTokens[1]) {
				if m.EnterpriseID != f.ents[1] {
					t.Fatalf("enterprise sees another's meeting: %+v", m)
				}
			}
			for _, m := range h.meetings(f.event, f.invTokens[0]) {
				if m.InvestorID != f.invs[0] {
					t.Fatalf("investor sees another's meeting: %+v", m)
				}
			}
			agenda := h.must(200, "GET", ev+"/agenda", "", nil).JSON()
			if n := len(agenda["meetings"].([]any)); n != 0 {
				t.Fatalf("anonymous agenda shows %d meetings", n)
			}
			if r := h.do("GET", ev+"/meetings", h.orgX, nil); r.Status != 403 {
				t.Fatalf("other organizer: %d", r.Status)
			}
		})
		t.Run("Move", func(t *testing.T) {
			m := all[0]
			mp := path("/api/v1/meetings/%d", m.ID)
			var other *meetingJSON
			for i := range all {
				if all[i].EnterpriseID == m.EnterpriseID && all[i].ID != m.ID {
					other = &all[i]
				}
			}
			if other != nil {
				if r := h.do("PATCH", mp, h.org, map[string]any{"slot": other.Slot, "table": 1 + other.Table%2}); r.Status != 409 {
					t.Fatalf("moving onto the enterprise's other meeting: %d %s", r.Status, r.Body)
				}
			}
			if r := h.do("PATCH", mp, h.org, map[string]any{"slot": 99}); r.Status != 422 {
				t.Fatalf("slot off the grid: %d", r.Status)
			}
			if r := h.do("PATCH", mp, f.entTokens[0], map[string]any{"slot": 1}); r.Status != 403 {
				t.Fatalf("enterprise moves a meeting: %d", r.Status)
			}
			free := freeSlot(all, m)
			got := h.must(200, "PATCH", mp, h.org, map[string]any{"slot": free}).JSON()
			if int(got["slot"].(float64)) != free || int(got["sequence"].(float64)) != m.Sequence+1 || got["uid"] != m.UID {
				t.Fatalf("move: %v", got)
			}
		})
		t.Run("CancelAndRepair", func(t *testing.T) {
			m := all[len(all)-1]
			outsider := f.entTokens[4]
			if m.EnterpriseID == f.ents[4] {
				outsider = f.entTokens[3]
			}
			mp := path("/api/v1/meetings/%d", m.ID)
			if r := h.do("POST", mp+"/cancel", outsider, nil); r.Status != 404 {
				t.Fatalf("unrelated enterprise cancels: %d", r.Status)
			}
			got := h.must(200, "POST", mp+"/cancel", h.org, nil).JSON()
			if got["status"] != "cancelled" || int(got["sequence"].(float64)) != m.Sequence+1 {
				t.Fatalf("cancel: %v", got)
			}
			if r := h.do("POST", mp+"/cancel", h.org, nil); r.Status != 409 {
				t.Fatalf("cancel twice: %d", r.Status)
			}
			var again planJSON
			h.must(200, "POST", ev+"/schedule", h.org, map[string]any{}).Decode(t, &again)
			checkPlan(t, again)
			if again.Changes.Kept < len(all)-2 {
				t.Fatalf("re-scheduling moved too much: %+v", again.Changes)
			}
		})
		t.Run("OutcomeAndDeal", func(t *testing.T) {
			m := h.meetings(f.event, h.org)[0]
			mp := path("/api/v1/meetings/%d", m.ID)
			if r := h.do("POST", mp+"/outcome", h.org, map[string]any{"outcome": "deal"}); r.Status != 409 {
				t.Fatalf("outcome before the meeting: %d %s", r.Status, r.Body)
			}
			start, _ := time.Parse(time.RFC3339, m.StartsAt)
			h.store.Now = func() time.Time { return start.Add(time.Hour) }
			defer func() { h.store.Now = time.Now }()
			if r := h.do("POST", mp+"/outcome", h.org, map[string]any{"outcome": "great"}); r.Status != 422 || r.FieldError("outcome") == "" {
				t.Fatalf("unknown outcome: %d %s", r.Status, r.Body)
			}
			tok := ""
			for i, id := range f.ents {
				if id == m.EnterpriseID {
					tok = f.entTokens[i]
				}
			}
			got := h.must(200, "POST", mp+"/outcome", tok, map[string]any{"outcome": "term_sheet", "note": "尽调中"}).JSON()
			if got["outcome"] != "term_sheet" || got["status"] != "done" {
				t.Fatalf("outcome: %v", got)
			}
			deal := map[string]any{"enterprise_id": m.EnterpriseID, "investor_id": m.InvestorID, "meeting_id": m.ID,
				"instrument": "loan", "amount_cny": 3_000_000, "date": start.Format("2006-01-02")}
			d := h.must(201, "POST", "/api/v1/deals", h.org, deal).JSON()
			if int64(d["event_id"].(float64)) != f.event {
				t.Fatalf("a deal from a meeting belongs to its event: %v", d)
			}
			for _, inv := range f.invs {
				if inv != m.InvestorID {
					deal["investor_id"] = inv
				}
			}
			if r := h.do("POST", "/api/v1/deals", h.org, deal); r.Status != 422 || r.FieldError("meeting_id") == "" {
				t.Fatalf("a meeting of other parties: %d %s", r.Status, r.Body)
			}
		})
		t.Run("Cascade", func(t *testing.T) {
			regs := h.must(200, "GET", path("/api/v1/events/%d/registrations?investor_id=%d", f.event, f.invs[0]), h.org, nil).JSON()["items"].([]any)
			reg := int64(regs[0].(map[string]any)["id"].(float64))
			h.must(200, "PATCH", path("/api/v1/registrations/%d", reg), f.invTokens[0], map[string]any{"status": "withdrawn"})
			for _, m := range h.meetings(f.event, h.org) {
				if m.InvestorID == f.invs[0] && m.Status == "scheduled" {
					t.Fatalf("meeting of a withdrawn investor still %s", m.Status)
				}
			}
			h.must(200, "POST", ev+"/cancel", h.org, nil)
			for _, m := range h.meetings(f.event, h.org) {
				if m.Status == "scheduled" {
					t.Fatalf("meeting of a cancelled event still %s", m.Status)
				}
			}
		})
	})
}

func freeSlot(all []meetingJSON, m meetingJSON) int {
	busy := map[int]bool{}
	for _, x := range all {
		if x.EnterpriseID == m.EnterpriseID || x.InvestorID == m.InvestorID {
			busy[x.Slot] = true
		}
	}
	for s := 1; ; s++ {
		if !busy[s] {
			tableBusy := false
			for _, x := range all {
				tableBusy = tableBusy || (x.Slot == s && x.Table == m.Table)
			}
			if !tableBusy {
				return s
			}
		}
	}
}

// TestBooking_Concurrent: two enterprises propose the same slot to one
// investor, who accepts both at once — exactly one meeting is booked.
// TestScheduleAPI_Unserved: with three investors of one meeting each,
// five enterprises cannot all meet; the dry run names the two left out
// and says why, and an enterprise approved without any candidate (its
// every pair forbidden) is named too.
func TestScheduleAPI_Unserved(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		f := newMatchFixture(h, 6, 3)
		ev := path("/api/v1/events/%d", f.event)
		h.must(200, "PATCH", ev, h.org, map[string]any{"meeting": map[string]any{"slot_minutes": 30, "break_minutes": 0,
			"tables": 3, "max_per_enterprise": 2, "max_per_investor": 1}})
		for _, inv := range f.invs {
			h.must(201, "POST", ev+"/pair-rules", h.org, map[string]any{"enterprise_id": f.ents[5], "investor_id": inv, "rule": "forbid"})
		}
		var dry planJSON
		h.must(200, "POST", ev+"/schedule", h.org, map[string]any{"dry_run": true}).Decode(t, &dry)
		checkPlan(t, dry)
		if len(dry.Meetings) != 3 || len(dry.Unserved) != 3 {
			t.Fatalf("%d meetings, unserved %+v", len(dry.Meetings), dry.Unserved)
		}
		met := map[int64]bool{}
		for _, m := range dry.Meetings {
			met[m.EnterpriseID] = true
		}
		codes := map[string]int{}
		for _, u := range dry.Unserved {
			if u.EnterpriseID == 0 || met[u.EnterpriseID] || u.Reason == "" || u.ReasonZH == "" || u.Reason == u.Code {
				t.Fatalf("unserved %+v", u)
			}
			codes[u.Code]++
			if u.EnterpriseID == f.ents[5] && u.Code != "no_candidate" {
				t.Fatalf("enterprise without candidates: %+v", u)
			}
		}
		if codes["partners_full"] != 2 || codes["no_candidate"] != 1 {
			t.Fatalf("codes %v", codes)
		}
	})
}

func TestBooking_Concurrent(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		f := newMatchFixture(h, 5, 2)
		ev := path("/api/v1/events/%d", f.event)
		h.must(200, "PATCH", ev, h.org, map[string]any{"settings": map[string]any{"booking_mode": "self_service"}})
		start, _ := time.Parse(time.RFC3339, h.must(200, "GET", ev, "", nil).JSON()["starts_at"].(string))
		slot := start.Add(25 * time.Minute).Format(time.RFC3339)
		if r := h.do("POST", ev+"/meeting-requests", f.entTokens[0], map[string]any{"investor_id": f.invs[0],
			"proposed_start": start.Add(7 * time.Minute).Format(time.RFC3339)}); r.Status != 422 || r.FieldError("proposed_start") == "" {
			t.Fatalf("a start off the grid: %d %s", r.Status, r.Body)
		}
		var ids []int64
		for i := range 4 {
			r := h.must(201, "POST", ev+"/meeting-requests", f.entTokens[i], map[string]any{"investor_id": f.invs[0], "proposed_start": slot}).JSON()
			ids = append(ids, int64(r["id"].(float64)))
		}
		statuses := make([]int, len(ids))
		var wg sync.WaitGroup
		for i, id := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				statuses[i] = h.do("POST", path("/api/v1/meeting-requests/%d/accept", id), f.invTokens[0], nil).Status
			}()
		}
		wg.Wait()
		count := map[int]int{}
		for _, s := range statuses {
			count[s]++
		}
		if count[200] != 1 || count[409] != len(ids)-1 {
			t.Fatalf("accept statuses %v: want exactly one 200", count)
		}
		booked := h.meetings(f.event, h.org)
		if len(booked) != 1 || booked[0].InvestorID != f.invs[0] || booked[0].StartsAt != slot && !sameInstant(booked[0].StartsAt, slot) {
			t.Fatalf("booked: %+v", booked)
		}
		pending := h.must(200, "GET", ev+"/meeting-requests?status=pending", h.org, nil).JSON()["items"].([]any)
		if len(pending) != len(ids)-1 {
			t.Fatalf("the refused acceptances must leave their requests pending, got %d", len(pending))
		}
		// One enterprise proposes one slot to two investors, who accept at once.
		later := start.Add(50 * time.Minute).Format(time.RFC3339)
		var two []int64
		for _, inv := range f.invs {
			r := h.must(201, "POST", ev+"/meeting-requests", f.entTokens[4], map[string]any{"investor_id": inv, "proposed_start": later})
			two = append(two, int64(r.JSON()["id"].(float64)))
		}
		res := make([]int, 2)
		for i, id := range two {
			wg.Add(1)
			go func() {
				defer wg.Done()
				res[i] = h.do("POST", path("/api/v1/meeting-requests/%d/accept", id), f.invTokens[i], nil).Status
			}()
		}
		wg.Wait()
		if !(res[0] == 200 && res[1] == 409 || res[0] == 409 && res[1] == 200) {
			t.Fatalf("one enterprise booked twice in a slot: %v", res)
		}
	})
}

func sameInstant(a, b string) bool {
	ta, err1 := time.Parse(time.RFC3339, a)
	tb, err2 := time.Parse(time.RFC3339, b)
	return err1 == nil && err2 == nil && ta.Equal(tb)
}

func TestScheduleAPI_Roadshow(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		b := h.eventBody()
		b["kind"] = "roadshow"
		id := int64(h.must(201, "POST", "/api/v1/events", h.org, b).JSON()["id"].(float64))
		ev := path("/api/v1/events/%d", id)
		h.must(200, "PATCH", ev, h.org, map[string]any{"status": "open"})
		if r := h.do("POST", ev+"/schedule", h.org, map[string]any{"dry_run": true}); r.Status != 422 || r.FieldError("sessions") == "" {
			t.Fatalf("roadshow without sessions: %d %s", r.Status, r.Body)
		}
		start, _ := time.Parse(time.RFC3339, b["starts_at"].(string))
		for i, sectors := range [][]string{{"new_generation_it"}, {"biotech"}} {
			h.must(201, "POST", ev+"/sessions", h.org, map[string]any{"title": fmt.Sprintf("专场%d", i+1),
				"starts_at": start.Add(time.Duration(i) * 2 * time.Hour).Format(time.RFC3339),
				"ends_at":   start.Add(time.Duration(i)*2*time.Hour + time.Hour).Format(time.RFC3339), "sectors": sectors})
		}
		for i := uint64(1); i <= 3; i++ {
			_, tok := h.registerEnterprise(i)
			h.join(id, tok, "pitcher")
		}
		_, inv := h.registerInvestor("路演评委银行")
		h.join(id, inv, "investor")
		var plan planJSON
		h.must(200, "POST", ev+"/schedule", h.org, map[string]any{}).Decode(t, &plan)
		if !plan.Committed || len(plan.Pitches) != 3 {
			t.Fatalf("roadshow plan: %+v", plan)
		}
		pitches := h.must(200, "GET", ev+"/pitches", "", nil).JSON()["items"].([]any)
		if len(pitches) != 3 {
			t.Fatalf("public pitches: %d", len(pitches))
		}
		order := map[int64]bool{}
		for _, p := range plan.Pitches {
			key := p.SessionID*100 + int64(p.Order)
			if order[key] {
				t.Fatalf("two pitches at one place: %+v", plan.Pitches)
			}
			order[key] = true
		}
		visit := h.eventBody()
		visit["kind"] = "exchange_visit"
		vid := int64(h.must(201, "POST", "/api/v1/events", h.org, visit).JSON()["id"].(float64))
		if r := h.do("POST", path("/api/v1/events/%d/schedule", vid), h.org, map[string]any{"dry_run": true}); r.Status != 409 {
			t.Fatalf("scheduling an exchange visit: %d", r.Status)
		}
	})
}

// TestScheduleAPI_MaxConsecutive: with meeting.max_consecutive 2 the
// investor rests after two meetings in a row, and the day starts at the
// first slot; the setting is bounded.
func TestScheduleAPI_MaxConsecutive(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		f := newMatchFixture(h, 5, 1)
		ev := path("/api/v1/events/%d", f.event)
		if r := h.do("PATCH", ev, h.org, map[string]any{"meeting": map[string]any{"slot_minutes": 30, "break_minutes": 0,
			"tables": 1, "max_per_enterprise": 1, "max_per_investor": 5, "max_consecutive": 65}}); r.Status != 422 ||
			!strings.Contains(string(r.Body), "meeting.max_consecutive") {
			t.Fatalf("max_consecutive 65: %d %s", r.Status, r.Body)
		}
		got := h.must(200, "PATCH", ev, h.org, map[string]any{"meeting": map[string]any{"slot_minutes": 30, "break_minutes": 0,
			"tables": 1, "max_per_enterprise": 1, "max_per_investor": 5, "max_consecutive": 2}}).JSON()
		if mc := got["meeting"].(map[string]any)["max_consecutive"]; mc != float64(2) {
			t.Fatalf("max_consecutive %v after PATCH", mc)
		}
		var dry planJSON
		h.must(200, "POST", ev+"/schedule", h.org, map[string]any{"dry_run": true}).Decode(t, &dry)
		checkPlan(t, dry)
		busy := map[int]bool{}
		first := 99
		for _, m := range dry.Meetings {
			busy[m.Slot] = true
			first = min(first, m.Slot)
		}
		if len(dry.Meetings) != 5 || first != 1 {
			t.Fatalf("%d meetings, first in slot %d: %+v", len(dry.Meetings), first, dry.Meetings)
		}
		for s := 1; s+2 <= 16; s++ {
			if busy[s] && busy[s+1] && busy[s+2] {
				t.Fatalf("three meetings in a row from slot %d: %+v", s, dry.Meetings)
			}
		}
	})
}

func TestScheduleAPI_UnscheduledReasons(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		f := newMatchFixture(h, 3, 2)
		ev := path("/api/v1/events/%d", f.event)
		h.must(200, "PATCH", ev, h.org, map[string]any{"meeting": map[string]any{"slot_minutes": 30, "break_minutes": 0,
			"tables": 2, "max_per_enterprise": 2, "max_per_investor": 1}})
		for _, tok := range f.entTokens[:2] {
			h.must(201, "POST", ev+"/meeting-requests", tok, map[string]any{"investor_id": f.invs[0], "priority": 1})
		}
		var dry planJSON
		h.must(200, "POST", ev+"/schedule", h.org, map[string]any{"dry_run": true}).Decode(t, &dry)
		if len(dry.Unscheduled) != 1 {
			t.Fatalf("unscheduled %+v", dry.Unscheduled)
		}
		u := dry.Unscheduled[0]
		words := map[string]bool{fmt.Sprintf("cap reached for investor %d", f.invs[0]): true}
		for _, e := range f.ents[:2] {
			words[fmt.Sprintf("cap reached for enterprise %d", e)] = true
		}
		if !words[u.Reason] || u.ReasonZH != "一方的会谈数已达上限" {
			t.Fatalf("unscheduled %+v, want one of %v", u, words)
		}
	})
}
