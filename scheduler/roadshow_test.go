package scheduler

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
)

var rsDay = time.Date(2026, 5, 12, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))

func rsAt(h, m int) time.Time {
	return rsDay.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
}

func rsSession(id string, from, to time.Time, sectors ...string) RoadshowSession {
	return RoadshowSession{ID: id, Start: from, End: to, Room: "room-" + id, Sectors: sectors}
}

func rsPitchersOf(plan RoadshowPlan, id string) []string {
	for _, s := range plan.Sessions {
		if s.SessionID == id {
			out := []string{}
			for _, p := range s.Pitches {
				out = append(out, p.EnterpriseID)
			}
			return out
		}
	}
	return nil
}

func TestPlanRoadshow(t *testing.T) {
	fin := rsSession("fin", rsAt(9, 0), rsAt(10, 0), "finance")
	bio := rsSession("bio", rsAt(9, 0), rsAt(10, 0), "bio")
	open := rsSession("open", rsAt(14, 0), rsAt(14, 30))
	withBreak := rsSession("fin", rsAt(9, 0), rsAt(10, 0), "finance")
	withBreak.Breaks = []Interval{{rsAt(9, 30), rsAt(9, 40)}}
	tests := []struct {
		name     string
		sessions []RoadshowSession
		pitchers []Pitcher
		want     map[string][]string
		unplaced []string
	}{
		{"BySector", []RoadshowSession{fin, bio},
			[]Pitcher{{"e1", "bio", "b1", ""}, {"e2", "finance", "f1", ""}, {"e3", "bio", "b0", ""}},
			map[string][]string{"fin": {"e2"}, "bio": {"e3", "e1"}}, nil},
		{"OpenSessionTakesOverflow", []RoadshowSession{rsSession("fin", rsAt(9, 0), rsAt(9, 15), "finance"), open},
			[]Pitcher{{"e1", "finance", "", ""}, {"e2", "finance", "", ""}},
			map[string][]string{"fin": {"e1"}, "open": {"e2"}}, nil},
		{"PreferenceBeatsSector", []RoadshowSession{fin, bio},
			[]Pitcher{{"e1", "bio", "", "fin"}},
			map[string][]string{"fin": {"e1"}, "bio": {}}, nil},
		{"MismatchRatherThanUnplaced", []RoadshowSession{rsSession("fin", rsAt(9, 0), rsAt(9, 15), "finance")},
			[]Pitcher{{"e1", "bio", "", ""}},
			map[string][]string{"fin": {"e1"}}, nil},
		{"Unplaced", []RoadshowSession{rsSession("fin", rsAt(9, 0), rsAt(9, 29), "finance")},
			[]Pitcher{{"e1", "finance", "", ""}, {"e2", "bio", "", ""}},
			map[string][]string{"fin": {"e1"}}, []string{"e2"}},
		{"BreakSkipped", []RoadshowSession{withBreak},
			[]Pitcher{{"e1", "finance", "", ""}, {"e2", "finance", "", ""}, {"e3", "finance", "", ""}, {"e4", "finance", "", ""}},
			map[string][]string{"fin": {"e1", "e2", "e3"}}, []string{"e4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan, err := PlanRoadshow(RoadshowInput{PitchMinutes: 10, QAMinutes: 5, Sessions: tt.sessions, Pitchers: tt.pitchers})
			if err != nil {
				t.Fatal(err)
			}
			for id, want := range tt.want {
				if got := rsPitchersOf(plan, id); !reflect.DeepEqual(got, want) {
					t.Errorf("session %s: %v, want %v", id, got, want)
				}
			}
			if want := append([]string{}, tt.unplaced...); !reflect.DeepEqual(plan.Unplaced, want) {
				t.Errorf("unplaced %v, want %v", plan.Unplaced, want)
			}
		})
	}
}

func TestPlanRoadshow_TimesAndInvestors(t *testing.T) {
	s := rsSession("fin", rsAt(9, 0), rsAt(10, 0), "finance", "bio")
	s.Breaks = []Interval{{rsAt(9, 30), rsAt(9, 40)}}
	in := RoadshowInput{
		PitchMinutes: 10, QAMinutes: 5, Sessions: []RoadshowSession{s},
		Pitchers:  []Pitcher{{"e1", "finance", "", ""}, {"e2", "finance", "", ""}, {"e3", "finance", "", ""}},
		Investors: []RoadshowInvestor{{"v2", []string{"finance"}}, {"v1", []string{"bio", "finance"}}, {"v3", []string{"bio"}}},
	}
	plan, err := PlanRoadshow(in)
	if err != nil {
		t.Fatal(err)
	}
	sp := plan.Sessions[0]
	wantStarts := []time.Time{rsAt(9, 0), rsAt(9, 15), rsAt(9, 40)}
	for n, p := range sp.Pitches {
		if !p.Start.Equal(wantStarts[n]) || !p.End.Equal(wantStarts[n].Add(15*time.Minute)) || p.Order != n+1 {
			t.Errorf("pitch %d: %+v, want start %v", n, p, wantStarts[n])
		}
	}
	if sp.Capacity != 3 || !reflect.DeepEqual(sp.Investors, []string{"v1", "v2"}) {
		t.Errorf("capacity %d investors %v", sp.Capacity, sp.Investors)
	}
}

func TestPlanRoadshow_InputErrors(t *testing.T) {
	ok := RoadshowInput{PitchMinutes: 10, Sessions: []RoadshowSession{rsSession("a", rsAt(9, 0), rsAt(10, 0))},
		Pitchers: []Pitcher{{EnterpriseID: "e1"}}}
	tests := []struct {
		name   string
		change func(*RoadshowInput)
		id     string
	}{
		{"PitchLength", func(in *RoadshowInput) { in.PitchMinutes = 0 }, "pitch_minutes"},
		{"SessionEnds", func(in *RoadshowInput) { in.Sessions[0].End = rsAt(8, 0) }, "a"},
		{"DuplicateSession", func(in *RoadshowInput) { in.Sessions = append(in.Sessions, in.Sessions[0]) }, "a"},
		{"DuplicatePitcher", func(in *RoadshowInput) { in.Pitchers = append(in.Pitchers, in.Pitchers[0]) }, "e1"},
		{"UnknownPreference", func(in *RoadshowInput) { in.Pitchers[0].PreferredSession = "zz" }, "e1"},
		{"BadBreak", func(in *RoadshowInput) { in.Sessions[0].Breaks = []Interval{{rsAt(9, 30), rsAt(9, 10)}} }, "a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := ok
			in.Sessions = append([]RoadshowSession(nil), ok.Sessions...)
			in.Pitchers = append([]Pitcher(nil), ok.Pitchers...)
			tt.change(&in)
			var ie *InputError
			if _, err := PlanRoadshow(in); !errors.As(err, &ie) || ie.ID != tt.id {
				t.Fatalf("err %v, want *InputError naming %q", err, tt.id)
			}
		})
	}
}

// rsBruteCost is the least total pitchCost over every assignment that
// places min(pitchers, capacity) pitchers.
func rsBruteCost(in RoadshowInput, caps []int) int64 {
	best := int64(-1)
	left := append([]int(nil), caps...)
	total := 0
	for _, c := range caps {
		total += c
	}
	want := min(total, len(in.Pitchers))
	var rec func(j, placed int, cost int64)
	rec = func(j, placed int, cost int64) {
		if j == len(in.Pitchers) {
			if placed == want && (best < 0 || cost < best) {
				best = cost
			}
			return
		}
		rec(j+1, placed, cost)
		for k, s := range in.Sessions {
			if left[k] > 0 {
				left[k]--
				rec(j+1, placed+1, cost+pitchCost(in.Pitchers[j], s))
				left[k]++
			}
		}
	}
	rec(0, 0, 0)
	return best
}

// TestPlanRoadshow_Optimal compares the flow with brute force on random
// small roadshows and checks timing rules.
func TestPlanRoadshow_Optimal(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	sectors := []string{"fin", "bio", "ai"}
	for c := 0; c < 200; c++ {
		in := RoadshowInput{PitchMinutes: 10 + rng.IntN(3)*5, QAMinutes: rng.IntN(2) * 5}
		for k := 0; k < 1+rng.IntN(3); k++ {
			s := rsSession(fmt.Sprint("s", k), rsAt(9+k, 0), rsAt(9+k, 20+rng.IntN(40)))
			if rng.IntN(3) > 0 {
				s.Sectors = []string{sectors[rng.IntN(3)]}
			}
			if rng.IntN(2) == 0 {
				s.Breaks = []Interval{{rsAt(9+k, 10+rng.IntN(10)), rsAt(9+k, 25)}}
			}
			in.Sessions = append(in.Sessions, s)
		}
		for j := 0; j < 1+rng.IntN(6); j++ {
			p := Pitcher{EnterpriseID: fmt.Sprint("e", j), Sector: sectors[rng.IntN(3)], Subsector: fmt.Sprint(rng.IntN(3))}
			if rng.IntN(4) == 0 {
				p.PreferredSession = in.Sessions[rng.IntN(len(in.Sessions))].ID
			}
			in.Pitchers = append(in.Pitchers, p)
		}
		rsCheckPlan(t, c, in)
	}
}

func rsCheckPlan(t *testing.T, c int, in RoadshowInput) {
	plan, err := PlanRoadshow(in)
	if err != nil {
		t.Fatal(err)
	}
	caps := make([]int, len(in.Sessions))
	var cost int64
	placed := 0
	for k, sp := range plan.Sessions {
		caps[k] = sp.Capacity
		s := in.Sessions[k]
		for n, p := range sp.Pitches {
			if p.Start.Before(s.Start) || p.End.After(s.End) || n > 0 && p.Start.Before(sp.Pitches[n-1].End) {
				t.Fatalf("case %d: pitch %+v outside session or overlapping", c, p)
			}
			if _, hit := overlapping(s.Breaks, p.Start, p.End); hit {
				t.Fatalf("case %d: pitch %+v overlaps a break", c, p)
			}
			for _, q := range in.Pitchers {
				if q.EnterpriseID == p.EnterpriseID {
					cost += pitchCost(q, s)
				}
			}
			placed++
		}
	}
	if placed+len(plan.Unplaced) != len(in.Pitchers) {
		t.Fatalf("case %d: %d placed + %d unplaced != %d", c, placed, len(plan.Unplaced), len(in.Pitchers))
	}
	if want := rsBruteCost(in, caps); cost != want {
		t.Fatalf("case %d: cost %d, brute force %d", c, cost, want)
	}
}
