package scheduler

import (
	"slices"
	"sort"
	"time"
)

// RoadshowInput describes a financing roadshow: sessions in rooms, the
// enterprises that pitch, and the investors who may attend. Every pitch
// lasts PitchMinutes + QAMinutes.
type RoadshowInput struct {
	PitchMinutes int                `json:"pitch_minutes"`
	QAMinutes    int                `json:"qa_minutes"`
	Sessions     []RoadshowSession  `json:"sessions"`
	Pitchers     []Pitcher          `json:"pitchers"`
	Investors    []RoadshowInvestor `json:"investors"`
}

// RoadshowSession is one block of pitches in a room. A session with no
// Sectors accepts pitchers of any sector. Pitches skip the Breaks.
type RoadshowSession struct {
	ID      string     `json:"id"`
	Start   time.Time  `json:"start"`
	End     time.Time  `json:"end"`
	Room    string     `json:"room"`
	Sectors []string   `json:"sectors,omitempty"`
	Breaks  []Interval `json:"breaks,omitempty"`
}

// Interval is a span of time, Start inclusive, End exclusive.
type Interval struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// Pitcher is an enterprise that pitches once.
type Pitcher struct {
	EnterpriseID string `json:"enterprise_id"`
	Sector       string `json:"sector"`
	Subsector    string `json:"subsector,omitempty"`
	// PreferredSession, when set, names the session the enterprise asked
	// for; it is honoured where capacity allows.
	PreferredSession string `json:"preferred_session,omitempty"`
}

// RoadshowInvestor is an investor and the sectors it follows.
type RoadshowInvestor struct {
	ID      string   `json:"id"`
	Sectors []string `json:"sectors"`
}

// RoadshowPlan is the outcome of PlanRoadshow.
type RoadshowPlan struct {
	// Sessions follows the order of RoadshowInput.Sessions.
	Sessions []SessionPlan `json:"sessions"`
	// Unplaced lists the enterprises whose pitch fits no session.
	Unplaced []string `json:"unplaced"`
}

// SessionPlan is one session's pitch order and invitations.
type SessionPlan struct {
	SessionID string  `json:"session_id"`
	Room      string  `json:"room"`
	Capacity  int     `json:"capacity"`
	Pitches   []Pitch `json:"pitches"`
	// Investors are those whose sectors meet the sectors pitched here,
	// sorted by id.
	Investors []string `json:"investors"`
}

// Pitch is one enterprise's place in a session.
type Pitch struct {
	EnterpriseID string    `json:"enterprise_id"`
	Order        int       `json:"order"`
	Start        time.Time `json:"start"`
	End          time.Time `json:"end"`
	// SectorMatch reports that the session lists the pitcher's sector.
	SectorMatch bool `json:"sector_match"`
}

// Costs of putting a pitcher in a session: a session listing its sector
// costs nothing, an open session (no sectors) a little, another sector's
// session more, and missing the preferred session more still.
const (
	costOpenSession    = 1
	costSectorMismatch = 3
	costNotPreferred   = 5
)

// PlanRoadshow assigns each pitcher to exactly one session, maximising the
// number placed and then minimising the total cost (sector mismatch and
// missed preferences) by an exact min-cost flow; orders each session's
// pitches by subsector, then enterprise id; times them back to back,
// skipping breaks; and invites the investors whose sectors meet the
// session's. Invalid input is reported as an *InputError.
func PlanRoadshow(in RoadshowInput) (RoadshowPlan, error) {
	if err := validateRoadshow(in); err != nil {
		return RoadshowPlan{}, err
	}
	length := time.Duration(in.PitchMinutes+in.QAMinutes) * time.Minute
	starts := make([][]time.Time, len(in.Sessions))
	caps := make([]int, len(in.Sessions))
	for k, s := range in.Sessions {
		starts[k] = pitchStarts(s, length)
		caps[k] = len(starts[k])
	}
	assign := assignPitchers(in, caps)
	plan := RoadshowPlan{Unplaced: []string{}}
	for k, s := range in.Sessions {
		plan.Sessions = append(plan.Sessions, planSession(in, k, s, assign, starts[k], length))
	}
	for j, p := range in.Pitchers {
		if assign[j] < 0 {
			plan.Unplaced = append(plan.Unplaced, p.EnterpriseID)
		}
	}
	return plan, nil
}

func validateRoadshow(in RoadshowInput) error {
	if in.PitchMinutes <= 0 || in.QAMinutes < 0 {
		return inputErr("pitch_minutes", "pitch %d and Q&A %d minutes: the pitch must be positive", in.PitchMinutes, in.QAMinutes)
	}
	ids := map[string]bool{}
	for _, s := range in.Sessions {
		if s.ID == "" || ids[s.ID] {
			return inputErr(s.ID, "session id empty or duplicate")
		}
		ids[s.ID] = true
		if !s.End.After(s.Start) {
			return inputErr(s.ID, "session ends at or before its start")
		}
		for _, b := range s.Breaks {
			if !b.End.After(b.Start) {
				return inputErr(s.ID, "a break ends at or before its start")
			}
		}
	}
	seen := map[string]bool{}
	for _, p := range in.Pitchers {
		if p.EnterpriseID == "" || seen[p.EnterpriseID] {
			return inputErr(p.EnterpriseID, "pitcher id empty or duplicate")
		}
		seen[p.EnterpriseID] = true
		if p.PreferredSession != "" && !ids[p.PreferredSession] {
			return inputErr(p.EnterpriseID, "unknown preferred session %q", p.PreferredSession)
		}
	}
	return nil
}

// pitchStarts lists the start times of back-to-back pitches of the given
// length inside session s, each moved past any break it would overlap.
func pitchStarts(s RoadshowSession, length time.Duration) []time.Time {
	breaks := slices.Clone(s.Breaks)
	sort.Slice(breaks, func(a, b int) bool { return breaks[a].Start.Before(breaks[b].Start) })
	var out []time.Time
	t := s.Start
	for !t.Add(length).After(s.End) {
		if b, ok := overlapping(breaks, t, t.Add(length)); ok {
			t = b.End
			continue
		}
		out = append(out, t)
		t = t.Add(length)
	}
	return out
}

func overlapping(breaks []Interval, from, to time.Time) (Interval, bool) {
	for _, b := range breaks {
		if from.Before(b.End) && b.Start.Before(to) {
			return b, true
		}
	}
	return Interval{}, false
}

// pitchCost is the cost of pitcher p in session s.
func pitchCost(p Pitcher, s RoadshowSession) int64 {
	var c int64
	switch {
	case len(s.Sectors) == 0:
		c = costOpenSession
	case !slices.Contains(s.Sectors, p.Sector):
		c = costSectorMismatch
	}
	if p.PreferredSession != "" && p.PreferredSession != s.ID {
		c += costNotPreferred
	}
	return c
}

// planSession orders and times the pitches of session k and lists its
// investors.
func planSession(in RoadshowInput, k int, s RoadshowSession, assign []int, starts []time.Time, length time.Duration) SessionPlan {
	sp := SessionPlan{SessionID: s.ID, Room: s.Room, Capacity: len(starts), Pitches: []Pitch{}, Investors: []string{}}
	var mine []Pitcher
	for j, p := range in.Pitchers {
		if assign[j] == k {
			mine = append(mine, p)
		}
	}
	sort.Slice(mine, func(a, b int) bool {
		if mine[a].Subsector != mine[b].Subsector {
			return mine[a].Subsector < mine[b].Subsector
		}
		return mine[a].EnterpriseID < mine[b].EnterpriseID
	})
	sectors := map[string]bool{}
	for n, p := range mine {
		sp.Pitches = append(sp.Pitches, Pitch{
			EnterpriseID: p.EnterpriseID, Order: n + 1, Start: starts[n], End: starts[n].Add(length),
			SectorMatch: slices.Contains(s.Sectors, p.Sector),
		})
		sectors[p.Sector] = true
	}
	for _, inv := range in.Investors {
		if slices.ContainsFunc(inv.Sectors, func(x string) bool { return sectors[x] }) {
			sp.Investors = append(sp.Investors, inv.ID)
		}
	}
	sort.Strings(sp.Investors)
	return sp
}
