package bench

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
	"slices"

	"roadshow/scheduler"
)

// participants draws the enterprises' and investors' caps and availability.
func participants(r *rand.Rand, regime string, slots, ne, ni int) []scheduler.Participant {
	out := make([]scheduler.Participant, 0, ne+ni)
	for e := range ne {
		out = append(out, participant(r, regime, slots, fmt.Sprintf("e%05d", e), 2+r.IntN(5), false))
	}
	for i := range ni {
		out = append(out, participant(r, regime, slots, fmt.Sprintf("i%04d", i), 8+r.IntN(9), true))
	}
	return out
}

// participant draws one participant's unavailable slots; its cap never
// exceeds the slots it attends (an organizer does not promise more
// meetings than a participant can sit).
func participant(r *rand.Rand, regime string, slots int, id string, cap int, host bool) scheduler.Participant {
	busy := unavailable(r, regime, slots)
	free := slots - bits.OnesCount64(busy)
	q := scheduler.Participant{ID: id, MaxMeetings: min(cap, free), Host: host}
	for t := 1; t <= slots; t++ {
		if busy&(1<<(t-1)) != 0 {
			q.Unavailable = append(q.Unavailable, t)
		}
	}
	return q
}

// unavailable returns the set of blocked slots (bit t-1 for slot t):
//   - R0: none;
//   - R1: half the participants block a stretch of 2–5 slots, three in ten
//     one or two random slots, one in ten attends only the morning or only
//     the afternoon;
//   - R2: everyone blocks a stretch of 2–5 slots and each slot is blocked
//     with probability 30 %;
//   - R3 (8 slots): half block a stretch of 1–3 slots, three in ten one
//     random slot.
//
// At least two slots always stay free.
func unavailable(r *rand.Rand, regime string, slots int) uint64 {
	var busy uint64
	switch regime {
	case "R1":
		if r.IntN(2) == 0 {
			busy |= stretch(r, slots, 2, 5)
		}
		if r.IntN(10) < 3 {
			busy |= 1<<r.IntN(slots) | 1<<r.IntN(slots)
		}
		switch r.IntN(20) {
		case 0:
			busy |= (1<<(slots/2) - 1) << (slots / 2) // morning only
		case 1:
			busy |= 1<<(slots/2) - 1 // afternoon only
		}
	case "R2":
		busy |= stretch(r, slots, 2, 5)
		for t := range slots {
			if r.IntN(10) < 3 {
				busy |= 1 << t
			}
		}
	case "R3":
		if r.IntN(2) == 0 {
			busy |= stretch(r, slots, 1, 3)
		}
		if r.IntN(10) < 3 {
			busy |= 1 << r.IntN(slots)
		}
	}
	for slots-bits.OnesCount64(busy) < 2 {
		busy &^= 1 << r.IntN(slots)
	}
	return busy
}

// stretch returns a run of lo..hi consecutive slots at a random place.
func stretch(r *rand.Rand, slots, lo, hi int) uint64 {
	n := lo + r.IntN(hi-lo+1)
	from := r.IntN(slots - n + 1)
	return (1<<n - 1) << from
}

// addMeetings turns candidates and requests into meetings, enterprise by
// enterprise in investor order.
func (in *Instance) addMeetings(pop Population, rows [][]Scored, reqs map[uint64]request) {
	ps := in.Problem.Participants
	byEnterprise := make([][]int32, in.Enterprises)
	for k := range reqs {
		e := int(k >> 32)
		byEnterprise[e] = append(byEnterprise[e], int32(k))
	}
	for e, row := range rows {
		extra := byEnterprise[e]
		slices.Sort(extra)
		for _, c := range mergeRequests(row, extra, func(i int) int { return pop.Score(e, i) }) {
			q := reqs[pairKey(e, int(c.Investor))]
			w := int64(c.Score) + bonus(q.fromEnterprise) + bonus(q.fromInvestor)
			mutual := q.fromEnterprise != 0 && q.fromInvestor != 0
			if mutual {
				w += mutualBonus
			}
			in.Problem.Meetings = append(in.Problem.Meetings, scheduler.Meeting{
				ID:           fmt.Sprintf("m%d", len(in.Problem.Meetings)),
				Participants: []string{ps[e].ID, ps[in.Enterprises+int(c.Investor)].ID},
				Weight:       max(w, 1),
			})
			in.Requested = append(in.Requested, q.fromEnterprise != 0 || q.fromInvestor != 0)
			in.Mutual = append(in.Mutual, mutual)
			in.Priority1 = append(in.Priority1, q.fromEnterprise == 1 || q.fromInvestor == 1)
		}
	}
}

// mergeRequests returns the candidate row with the requested investors
// (ascending) that are not in it, scored by score, in investor order.
func mergeRequests(row []Scored, requested []int32, score func(i int) int) []Scored {
	out := make([]Scored, 0, len(row)+len(requested))
	k := 0
	for _, i := range requested {
		for k < len(row) && row[k].Investor < i {
			out = append(out, row[k])
			k++
		}
		if k < len(row) && row[k].Investor == i {
			continue
		}
		out = append(out, Scored{Investor: i, Score: int16(score(int(i)))})
	}
	return append(out, row[k:]...)
}
