package bench

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
	"slices"
	"strconv"

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
			//lint:ignore SA4000 two random draws: two busy slots, maybe the same
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
// enterprise in investor order. Ids share one string and participant
// lists one slice, so millions of meetings cost a few allocations.
func (in *Instance) addMeetings(pop Population, rows [][]Scored, reqs map[uint64]request) {
	byEnterprise := make([][]int32, in.Enterprises)
	for k := range reqs {
		e := int(k >> 32)
		byEnterprise[e] = append(byEnterprise[e], int32(k))
	}
	var pairs []pairDraft
	for e, row := range rows {
		extra := byEnterprise[e]
		slices.Sort(extra)
		for _, c := range mergeRequests(row, extra, func(i int) int { return pop.Score(e, i) }) {
			pairs = append(pairs, pairDraft{e: int32(e), i: c.Index, score: c.Score})
		}
	}
	in.buildMeetings(pairs, reqs)
}

// pairDraft is a candidate pair before it becomes a meeting.
type pairDraft struct {
	e, i  int32
	score int16
}

// buildMeetings fills Problem.Meetings and the per-meeting flags.
func (in *Instance) buildMeetings(pairs []pairDraft, reqs map[uint64]request) {
	ps := in.Problem.Participants
	var ids []byte
	ends := make([]int, len(pairs))
	for m := range pairs {
		ids = strconv.AppendInt(append(ids, 'm'), int64(m), 10)
		ends[m] = len(ids)
	}
	all := string(ids)
	members := make([]string, 2*len(pairs))
	in.Problem.Meetings = make([]scheduler.Meeting, len(pairs))
	in.Requested = make([]bool, len(pairs))
	in.Mutual = make([]bool, len(pairs))
	in.Priority1 = make([]bool, len(pairs))
	from := 0
	for m, d := range pairs {
		q := reqs[pairKey(int(d.e), int(d.i))]
		w := int64(d.score) + bonus(q.fromEnterprise) + bonus(q.fromInvestor)
		in.Mutual[m] = q.fromEnterprise != 0 && q.fromInvestor != 0
		if in.Mutual[m] {
			w += mutualBonus
		}
		members[2*m], members[2*m+1] = ps[d.e].ID, ps[in.Enterprises+int(d.i)].ID
		in.Problem.Meetings[m] = scheduler.Meeting{ID: all[from:ends[m]], Participants: members[2*m : 2*m+2 : 2*m+2], Weight: max(w, 1)}
		from = ends[m]
		in.Requested[m] = q.fromEnterprise != 0 || q.fromInvestor != 0
		in.Priority1[m] = q.fromEnterprise == 1 || q.fromInvestor == 1
	}
}

// mergeRequests returns the candidate row with the requested investors
// (ascending) that are not in it, scored by score, in investor order.
func mergeRequests(row []Scored, requested []int32, score func(i int) int) []Scored {
	out := make([]Scored, 0, len(row)+len(requested))
	k := 0
	for _, i := range requested {
		for k < len(row) && row[k].Index < i {
			out = append(out, row[k])
			k++
		}
		if k < len(row) && row[k].Index == i {
			continue
		}
		out = append(out, Scored{Index: i, Score: int16(score(int(i)))})
	}
	return append(out, row[k:]...)
}
