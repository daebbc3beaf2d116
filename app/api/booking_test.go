package api_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"
)

// meetingSettings is a full "meeting" settings object for a PATCH.
func meetingSettings(slot, brk, tables int) map[string]any {
	return map[string]any{"slot_minutes": slot, "break_minutes": brk, "tables": tables,
		"max_per_enterprise": 6, "max_per_investor": 16}
}

// eventStart returns an event's start.
func (h *harness) eventStart(event int64) time.Time {
	h.t.Helper()
	start, err := time.Parse(time.RFC3339, h.must(200, "GET", path("/api/v1/events/%d", event), "", nil).JSON()["starts_at"].(string))
	if err != nil {
		h.t.Fatal(err)
	}
	return start
}

// TestBooking_TablesUnderRace: ten different pairs accept at once in one
// slot with eight free tables — exactly eight are booked, each at its own
// table, and two are told that every table is taken.
func TestBooking_TablesUnderRace(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		f := newMatchFixture(h, 10, 10)
		ev := path("/api/v1/events/%d", f.event)
		h.must(200, "PATCH", ev, h.org, map[string]any{"meeting": meetingSettings(20, 5, 8),
			"settings": map[string]any{"booking_mode": "self_service"}})
		slot := h.eventStart(f.event).Add(25 * time.Minute).Format(time.RFC3339)
		var ids []int64
		for i := range 10 {
			r := h.must(201, "POST", ev+"/meeting-requests", f.entTokens[i], map[string]any{"investor_id": f.invs[i], "proposed_start": slot})
			ids = append(ids, int64(r.JSON()["id"].(float64)))
		}
		statuses := make([]int, len(ids))
		var wg sync.WaitGroup
		for i, id := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				statuses[i] = h.do("POST", path("/api/v1/meeting-requests/%d/accept", id), f.invTokens[i], nil).Status
			}()
		}
		wg.Wait()
		count := map[int]int{}
		for _, s := range statuses {
			count[s]++
		}
		if count[200] != 8 || count[409] != 2 {
			t.Fatalf("accept statuses %v: want eight 200 and two 409", count)
		}
		tables := map[int]bool{}
		for _, m := range h.meetings(f.event, h.org) {
			if tables[m.Table] || m.Table < 1 || m.Table > 8 {
				t.Fatalf("table %d twice or off the event's tables", m.Table)
			}
			tables[m.Table] = true
		}
		if len(tables) != 8 {
			t.Fatalf("%d meetings booked, want 8", len(tables))
		}
	})
}

// TestBooking_NoOverlapInTime: after any sequence of API calls — changes
// of the slot settings, the event's times and its sessions, self-service
// bookings (some accepted long after they were proposed), organizer moves,
// cancellations and committed schedules — no participant and no table holds
// two active meetings that overlap in time, and every active meeting sits
// at the times its slot number has in the event's current grid. Each seed
// runs on its own event; no call may fail with a 5xx.
func TestBooking_NoOverlapInTime(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		f := newMatchFixture(h, 6, 4)
		for seed := uint64(1); seed <= 3; seed++ {
			event := f.event
			if seed > 1 {
				event = h.createEvent()
				for _, tok := range f.entTokens {
					h.join(event, tok, "meeter")
				}
				for _, tok := range f.invTokens {
					h.join(event, tok, "investor")
				}
			}
			w := &walk{h: h, f: f, event: event, rnd: rand.New(rand.NewPCG(seed, 10)), start: h.eventStart(event),
				cancelled: map[[2]int64]int{}, pinned: map[[2]int64][2]int64{}}
			h.must(200, "PATCH", w.ev(), h.org, map[string]any{"meeting": meetingSettings(20, 5, 3),
				"settings": map[string]any{"booking_mode": "hybrid"}})
			for step := range 150 {
				op := w.step()
				if msg := w.violation(); msg != "" {
					t.Fatalf("seed %d step %d (%s): %s", seed, step, op, msg)
				}
			}
			t.Logf("seed %d: %v", seed, w.statuses)
		}
	})
}

// walk is one random sequence of API calls on one event.
type walk struct {
	h        *harness
	f        *matchFixture
	event    int64
	rnd      *rand.Rand
	start    time.Time // the event's original start
	sessions []int64
	pending  []pendingRequest
	stale    []string // slot starts seen earlier
	statuses map[string]int
	steps    int
	// The step at which a person last cancelled a pair's meeting, and at
	// which the organizer last pinned it (with the rule's id).
	cancelled map[[2]int64]int
	pinned    map[[2]int64][2]int64
}

type pendingRequest struct {
	id  int64
	inv int
}

func (w *walk) ev() string { return path("/api/v1/events/%d", w.event) }

// call sends a request and fails on any status but 2xx, 409, 422 and 429.
func (w *walk) call(op, method, p, token string, body any) response {
	w.h.t.Helper()
	r := w.h.do(method, p, token, body)
	if r.Status >= 500 || r.Status != 409 && r.Status != 422 && r.Status != 429 && r.Status/100 != 2 {
		w.h.t.Fatalf("%s: %s %s: status %d: %s", op, method, p, r.Status, r.Body)
	}
	if w.statuses == nil {
		w.statuses = map[string]int{}
	}
	w.statuses[fmt.Sprintf("%s %d", op, r.Status)]++
	return r
}

// minutes returns the event's original start plus m minutes.
func (w *walk) minutes(m int) string {
	return w.start.Add(time.Duration(m) * time.Minute).Format(time.RFC3339)
}

func (w *walk) pick(list ...int) int { return list[w.rnd.IntN(len(list))] }

// step makes one random call and names it.
func (w *walk) step() string {
	w.steps++
	org := w.h.org
	switch n := w.rnd.IntN(21); {
	case n < 2:
		slot, brk := w.pick(15, 20, 30), w.pick(0, 5, 10)
		if w.rnd.IntN(2) == 0 { // the same grid, other tables
			m := w.h.must(200, "GET", w.ev(), org, nil).JSON()["meeting"].(map[string]any)
			slot, brk = int(m["slot_minutes"].(float64)), int(m["break_minutes"].(float64))
		}
		w.call("settings", "PATCH", w.ev(), org, map[string]any{"meeting": meetingSettings(slot, brk, w.pick(2, 3, 4))})
		return "settings"
	case n < 3:
		w.call("times", "PATCH", w.ev(), org, map[string]any{"starts_at": w.minutes(w.pick(-30, 0, 30)), "ends_at": w.minutes(w.pick(420, 480))})
		return "times"
	case n < 5:
		from := 15 * w.rnd.IntN(24)
		r := w.call("session", "POST", w.ev()+"/sessions", org, map[string]any{"title": "对接专场",
			"starts_at": w.minutes(from), "ends_at": w.minutes(from + w.pick(60, 90, 120))})
		if r.Status == 201 {
			w.sessions = append(w.sessions, int64(r.JSON()["id"].(float64)))
		}
		return "session"
	case n < 6 && len(w.sessions) > 0:
		id, from := w.sessions[w.rnd.IntN(len(w.sessions))], 15*w.rnd.IntN(24)
		w.call("session-move", "PATCH", path("/api/v1/sessions/%d", id), org, map[string]any{"starts_at": w.minutes(from), "ends_at": w.minutes(from + 90)})
		return "session-move"
	case n < 7 && len(w.sessions) > 0:
		i := w.rnd.IntN(len(w.sessions))
		if r := w.call("session-delete", "DELETE", path("/api/v1/sessions/%d", w.sessions[i]), org, nil); r.Status/100 == 2 {
			w.sessions = append(w.sessions[:i], w.sessions[i+1:]...)
		}
		return "session-delete"
	case n < 12:
		return w.book()
	case n < 14 && len(w.pending) > 0:
		i := w.rnd.IntN(len(w.pending))
		p := w.pending[i]
		if r := w.call("late-accept", "POST", path("/api/v1/meeting-requests/%d/accept", p.id), w.f.invTokens[p.inv], nil); r.Status != 409 && r.Status != 422 {
			w.pending = append(w.pending[:i], w.pending[i+1:]...)
		}
		return "late-accept"
	case n < 17:
		if m := w.someMeeting(); m != nil {
			w.call("move", "PATCH", path("/api/v1/meetings/%d", m.ID), org, map[string]any{"slot": 1 + w.rnd.IntN(20), "table": 1 + w.rnd.IntN(4)})
		}
		return "move"
	case n < 19:
		if m := w.someMeeting(); m != nil {
			who := []string{org, w.f.entTokens[w.entIndex(m.EnterpriseID)]}[w.rnd.IntN(2)]
			if r := w.call("cancel", "POST", path("/api/v1/meetings/%d/cancel", m.ID), who, nil); r.Status == 200 {
				w.cancelled[[2]int64{m.EnterpriseID, m.InvestorID}] = w.steps
			}
		}
		return "cancel"
	case n < 20:
		return w.pin()
	default:
		return w.schedule()
	}
}

// pin pins a random pair, or removes its pin.
func (w *walk) pin() string {
	pair := [2]int64{w.f.ents[w.rnd.IntN(len(w.f.ents))], w.f.invs[w.rnd.IntN(len(w.f.invs))]}
	if p, ok := w.pinned[pair]; ok {
		if r := w.call("unpin", "DELETE", path("/api/v1/pair-rules/%d", p[1]), w.h.org, nil); r.Status/100 == 2 {
			delete(w.pinned, pair)
		}
		return "unpin"
	}
	r := w.call("pin", "POST", w.ev()+"/pair-rules", w.h.org, map[string]any{"enterprise_id": pair[0], "investor_id": pair[1], "rule": "pin"})
	if r.Status == 201 {
		w.pinned[pair] = [2]int64{int64(w.steps), int64(r.JSON()["id"].(float64))}
	}
	return "pin"
}

// schedule commits a plan and checks that it created no meeting for a
// pair a person cancelled, unless the organizer pinned it since.
func (w *walk) schedule() string {
	var last int64
	for _, m := range w.h.meetings(w.event, w.h.org) {
		last = max(last, m.ID)
	}
	if r := w.call("schedule", "POST", w.ev()+"/schedule", w.h.org, map[string]any{"time_limit_ms": 500}); r.Status != 200 {
		return "schedule"
	}
	for _, m := range w.active() {
		pair := [2]int64{m.EnterpriseID, m.InvestorID}
		at, ok := w.cancelled[pair]
		if m.ID > last && ok && w.pinned[pair][0] <= int64(at) {
			w.h.t.Fatalf("step %d: the schedule re-created meeting %d of pair %v, cancelled at step %d and not pinned since", w.steps, m.ID, pair, at)
		}
	}
	return "schedule"
}

// book proposes a slot (now or one seen earlier) and usually accepts at
// once; the rest stay pending for a late acceptance.
func (w *walk) book() string {
	slots := w.slots()
	if len(slots) == 0 {
		return "book (no slots)"
	}
	start := slots[w.rnd.IntN(len(slots))].StartsAt
	w.stale = append(w.stale, start)
	if w.rnd.IntN(4) == 0 {
		start = w.stale[w.rnd.IntN(len(w.stale))]
	}
	e, i := w.rnd.IntN(len(w.f.ents)), w.rnd.IntN(len(w.f.invs))
	r := w.call("request", "POST", w.ev()+"/meeting-requests", w.f.entTokens[e], map[string]any{"investor_id": w.f.invs[i], "proposed_start": start})
	if r.Status != 201 {
		return "book"
	}
	id := int64(r.JSON()["id"].(float64))
	if w.rnd.IntN(3) == 0 {
		w.pending = append(w.pending, pendingRequest{id, i})
		return "request"
	}
	w.call("accept", "POST", path("/api/v1/meeting-requests/%d/accept", id), w.f.invTokens[i], nil)
	return "book"
}

type slotJSON struct {
	Slot     int    `json:"slot"`
	StartsAt string `json:"starts_at"`
	EndsAt   string `json:"ends_at"`
}

func (w *walk) slots() []slotJSON {
	var ag struct{ Slots []slotJSON }
	w.h.must(200, "GET", w.ev()+"/agenda", w.h.org, nil).Decode(w.h.t, &ag)
	return ag.Slots
}

func (w *walk) active() []meetingJSON {
	var out []meetingJSON
	for _, m := range w.h.meetings(w.event, w.h.org) {
		if m.Status != "cancelled" {
			out = append(out, m)
		}
	}
	return out
}

func (w *walk) someMeeting() *meetingJSON {
	ms := w.active()
	if len(ms) == 0 {
		return nil
	}
	return &ms[w.rnd.IntN(len(ms))]
}

func (w *walk) entIndex(id int64) int {
	for i, e := range w.f.ents {
		if e == id {
			return i
		}
	}
	w.h.t.Fatalf("enterprise %d is not in the fixture", id)
	return 0
}

// violation returns what breaks the invariant, or "".
func (w *walk) violation() string {
	ms := w.active()
	for i, a := range ms {
		for _, b := range ms[i+1:] {
			if !overlap(a, b) {
				continue
			}
			if a.EnterpriseID == b.EnterpriseID || a.InvestorID == b.InvestorID || a.Table == b.Table {
				return fmt.Sprintf("meetings %d and %d overlap in time: %+v %+v", a.ID, b.ID, a, b)
			}
		}
	}
	slots := w.slots()
	for _, m := range ms {
		if m.Slot < 1 || m.Slot > len(slots) || !sameInstant(slots[m.Slot-1].StartsAt, m.StartsAt) || !sameInstant(slots[m.Slot-1].EndsAt, m.EndsAt) {
			return fmt.Sprintf("meeting %d in slot %d at %s–%s is not at its slot's times (%d slots)", m.ID, m.Slot, m.StartsAt, m.EndsAt, len(slots))
		}
	}
	return ""
}

func overlap(a, b meetingJSON) bool {
	as, _ := time.Parse(time.RFC3339, a.StartsAt)
	ae, _ := time.Parse(time.RFC3339, a.EndsAt)
	bs, _ := time.Parse(time.RFC3339, b.StartsAt)
	be, _ := time.Parse(time.RFC3339, b.EndsAt)
	return as.Before(be) && bs.Before(ae)
}

// TestBooking_TimingChange: once a meeting is booked, a change that would
// move it in time (slot length, breaks, a new session) is refused with 409
// naming the field and the meeting; changes that keep it in place pass.
func TestBooking_TimingChange(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		f := newMatchFixture(h, 1, 1)
		ev := path("/api/v1/events/%d", f.event)
		h.must(200, "PATCH", ev, h.org, map[string]any{"meeting": meetingSettings(20, 5, 4),
			"settings": map[string]any{"booking_mode": "self_service"}})
		start := h.eventStart(f.event)
		r := h.must(201, "POST", ev+"/meeting-requests", f.entTokens[0], map[string]any{"investor_id": f.invs[0],
			"proposed_start": start.Add(50 * time.Minute).Format(time.RFC3339)})
		h.must(200, "POST", path("/api/v1/meeting-requests/%d/accept", int64(r.JSON()["id"].(float64))), f.invTokens[0], nil)
		id := h.meetings(f.event, h.org)[0].ID
		for field, body := range map[string]map[string]any{
			"meeting.slot_minutes":  {"meeting": meetingSettings(30, 5, 4)},
			"meeting.break_minutes": {"meeting": meetingSettings(20, 10, 4)},
			"starts_at":             {"starts_at": start.Add(10 * time.Minute).Format(time.RFC3339)},
		} {
			r := h.do("PATCH", ev, h.org, body)
			if r.Status != 409 || r.ErrorCode() != "conflict" || !strings.Contains(r.FieldError(field), fmt.Sprint(id)) {
				t.Fatalf("%s: %d %s", field, r.Status, r.Body)
			}
		}
		session := map[string]any{"title": "上午场", "starts_at": start.Add(2 * time.Hour).Format(time.RFC3339),
			"ends_at": start.Add(4 * time.Hour).Format(time.RFC3339)}
		if r := h.do("POST", ev+"/sessions", h.org, session); r.Status != 409 || !strings.Contains(r.FieldError("starts_at"), fmt.Sprint(id)) {
			t.Fatalf("a session that moves the grid: %d %s", r.Status, r.Body)
		}
		h.must(200, "PATCH", ev, h.org, map[string]any{"meeting": meetingSettings(20, 5, 6), "timezone": "Asia/Urumqi",
			"ends_at": start.Add(6 * time.Hour).Format(time.RFC3339)})
		session["starts_at"] = start.Format(time.RFC3339)
		h.must(201, "POST", ev+"/sessions", h.org, session)
		if m := h.meetings(f.event, h.org)[0]; m.Status != "scheduled" || !sameInstant(m.StartsAt, start.Add(50*time.Minute).Format(time.RFC3339)) {
			t.Fatalf("the meeting moved: %+v", m)
		}
	})
}

// TestSchedule_CancelledPairsStayOut: a meeting the organizer or a side
// cancelled is not re-created by the next committed schedule, and stays in
// the meeting list (filterable by status); pinning the pair again after
// the cancellation brings it back. A pin older than the cancellation does
// not.
func TestSchedule_CancelledPairsStayOut(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		f := newMatchFixture(h, 2, 1)
		ev := path("/api/v1/events/%d", f.event)
		rules := ev + "/pair-rules"
		pin := h.must(201, "POST", rules, h.org, map[string]any{"enterprise_id": f.ents[1], "investor_id": f.invs[0], "rule": "pin"})
		h.must(200, "POST", ev+"/schedule", h.org, map[string]any{})
		first := h.meetings(f.event, h.org)
		if len(first) != 2 {
			t.Fatalf("the first schedule holds %d meetings, want both pairs", len(first))
		}
		h.must(200, "POST", path("/api/v1/meetings/%d/cancel", first[0].ID), h.org, nil)
		h.must(200, "POST", path("/api/v1/meetings/%d/cancel", first[1].ID), f.invTokens[0], nil)
		var plan planJSON
		h.must(200, "POST", ev+"/schedule", h.org, map[string]any{}).Decode(t, &plan)
		if len(plan.Meetings) != 0 || plan.Changes == nil || plan.Changes.Created != 0 {
			t.Fatalf("the re-plan brought cancelled pairs back: %+v", plan)
		}
		all := h.meetings(f.event, h.org)
		if len(all) != 2 || all[0].Status != "cancelled" || all[1].Status != "cancelled" {
			t.Fatalf("the cancelled meetings must stay listed: %+v", all)
		}
		var cancelled, scheduled struct{ Items []meetingJSON }
		h.must(200, "GET", ev+"/meetings?status=cancelled", h.org, nil).Decode(t, &cancelled)
		h.must(200, "GET", ev+"/meetings?status=scheduled", h.org, nil).Decode(t, &scheduled)
		if len(cancelled.Items) != 2 || len(scheduled.Items) != 0 {
			t.Fatalf("status filter: %d cancelled, %d scheduled", len(cancelled.Items), len(scheduled.Items))
		}
		// Pinned again after the cancellation: the pair is planned again.
		h.must(204, "DELETE", path("/api/v1/pair-rules/%d", int64(pin.JSON()["id"].(float64))), h.org, nil)
		h.must(201, "POST", rules, h.org, map[string]any{"enterprise_id": f.ents[1], "investor_id": f.invs[0], "rule": "pin"})
		h.must(200, "POST", ev+"/schedule", h.org, map[string]any{}).Decode(t, &plan)
		if len(plan.Meetings) != 1 || plan.Meetings[0].EnterpriseID != f.ents[1] {
			t.Fatalf("the re-pinned pair must be planned, and only it: %+v", plan.Meetings)
		}
		if n := len(h.meetings(f.event, h.org)); n != 3 {
			t.Fatalf("%d meetings listed, want the two cancelled and the new one", n)
		}
	})
}

// TestOpenAPI_MeetingStatusFilter: the meeting list's status filter is in
// the OpenAPI document with its values.
func TestOpenAPI_MeetingStatusFilter(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		var doc struct {
			Paths map[string]map[string]struct {
				Parameters []struct {
					Name   string
					In     string
					Schema struct{ Enum []string }
				}
			}
		}
		h.must(200, "GET", "/openapi.json", "", nil).Decode(t, &doc)
		for _, p := range doc.Paths["/api/v1/events/{id}/meetings"]["get"].Parameters {
			if p.Name == "status" && p.In == "query" && strings.Join(p.Schema.Enum, ",") == "scheduled,cancelled,done" {
				return
			}
		}
		t.Fatalf("no status filter with its values: %+v", doc.Paths["/api/v1/events/{id}/meetings"])
	})
}

// TestBooking_NextTableOnIndexConflict: when the table index refuses the
// table a booking chose — here a meeting written before times were kept in
// step with slots sits at table 1 in the slot, at other times — the
// booking takes the next free table instead of failing.
func TestBooking_NextTableOnIndexConflict(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		f := newMatchFixture(h, 2, 2)
		ev := path("/api/v1/events/%d", f.event)
		h.must(200, "PATCH", ev, h.org, map[string]any{"meeting": meetingSettings(20, 5, 3),
			"settings": map[string]any{"booking_mode": "self_service"}})
		slot := h.eventStart(f.event).Add(25 * time.Minute).Format(time.RFC3339)
		for i := range 2 {
			r := h.must(201, "POST", ev+"/meeting-requests", f.entTokens[i], map[string]any{"investor_id": f.invs[i], "proposed_start": slot})
			h.must(200, "POST", path("/api/v1/meeting-requests/%d/accept", int64(r.JSON()["id"].(float64))), f.invTokens[i], nil)
			if i == 0 {
				_, err := h.store.DB().Exec("UPDATE meetings SET starts_at = ?, ends_at = ? WHERE event_id = ?",
					time.Now().UTC().AddDate(1, 0, 0), time.Now().UTC().AddDate(1, 0, 0).Add(20*time.Minute), f.event)
				if err != nil {
					t.Fatal(err)
				}
			}
		}
		ms := h.meetings(f.event, h.org)
		if len(ms) != 2 || ms[0].Table == ms[1].Table || ms[0].Slot != ms[1].Slot {
			t.Fatalf("meetings: %+v", ms)
		}
	})
}

// TestSchedule_CommitCancellationsDoNotBlock: a meeting a commit itself
// cancelled (here: the investor's cap was lowered) does not keep its pair
// out once the cap is raised again.
func TestSchedule_CommitCancellationsDoNotBlock(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		f := newMatchFixture(h, 2, 1)
		ev := path("/api/v1/events/%d", f.event)
		for _, tok := range f.entTokens {
			h.must(201, "POST", ev+"/meeting-requests", tok, map[string]any{"investor_id": f.invs[0], "priority": 1})
		}
		capTo := func(n int) {
			m := meetingSettings(20, 5, 10)
			m["max_per_investor"] = n
			h.must(200, "PATCH", ev, h.org, map[string]any{"meeting": m})
			h.must(200, "POST", ev+"/schedule", h.org, map[string]any{})
		}
		capTo(2)
		capTo(1)
		if n := len(h.meetings(f.event, h.org)); n != 2 {
			t.Fatalf("%d meetings, want one kept and one cancelled by the commit", n)
		}
		capTo(2)
		var scheduled struct{ Items []meetingJSON }
		h.must(200, "GET", ev+"/meetings?status=scheduled", h.org, nil).Decode(t, &scheduled)
		if len(scheduled.Items) != 2 {
			t.Fatalf("%d meetings scheduled after raising the cap, want both pairs", len(scheduled.Items))
		}
	})
}
