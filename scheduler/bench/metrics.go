package bench

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"roadshow/scheduler"
)

// scheduleHash returns a short hex digest of the assignments sorted by
// meeting id: equal schedules give equal hashes whatever the order the
// solver listed them in.
func scheduleHash(as []scheduler.Assignment) string {
	sorted := slices.Clone(as)
	slices.SortFunc(sorted, func(a, b scheduler.Assignment) int { return strings.Compare(a.Meeting, b.Meeting) })
	h := sha256.New()
	for _, a := range sorted {
		fmt.Fprintf(h, "%s %d %d\n", a.Meeting, a.Slot, a.Table)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// breakStats returns the mean and maximum breaks over participants with at
// least two meetings, and the spread (maximum minus minimum).
func breakStats(p scheduler.Problem, as []scheduler.Assignment) (mean float64, most, spread int) {
	per := scheduler.ParticipantBreaks(p, as)
	if len(per) == 0 {
		return 0, 0, 0
	}
	least, total := -1, 0
	for _, b := range per {
		total += b
		most = max(most, b)
		if least < 0 || b < least {
			least = b
		}
	}
	return float64(total) / float64(len(per)), most, most - least
}

// shares fills the request and coverage shares of the report from the
// meetings held.
func (rep *Report) shares(in *Instance, as []scheduler.Assignment) {
	index := make(map[string]int, len(in.Problem.Meetings))
	for m, mt := range in.Problem.Meetings {
		index[mt.ID] = m
	}
	who := make(map[string]int, len(in.Problem.Participants))
	for v, q := range in.Problem.Participants {
		who[q.ID] = v
	}
	met := make([]bool, in.Enterprises)
	var mutual, p1, mutualHeld, p1Held int
	for m := range in.Problem.Meetings {
		mutual += b2i(in.Mutual[m])
		p1 += b2i(in.Priority1[m])
	}
	for _, a := range as {
		m, ok := index[a.Meeting]
		if !ok {
			continue
		}
		mutualHeld += b2i(in.Mutual[m])
		p1Held += b2i(in.Priority1[m])
		for _, id := range in.Problem.Meetings[m].Participants {
			if v := who[id]; v < in.Enterprises {
				met[v] = true
			}
		}
	}
	rep.MutualShare = ratio(int64(mutualHeld), int64(mutual))
	rep.Priority1Share = ratio(int64(p1Held), int64(p1))
	for _, ok := range met {
		rep.EnterprisesMet += b2i(ok)
	}
	rep.EnterprisesMetShare = ratio(int64(rep.EnterprisesMet), int64(in.Enterprises))
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ratio returns a/b, or 1 when b is 0 (nothing to achieve).
func ratio(a, b int64) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}
