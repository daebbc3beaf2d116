package scheduler

import (
	"math/bits"
	"slices"
	"sort"
)

// prevPlace is where each meeting sat in the timetable being repaired:
// its slot (-1 when it was not placed) and table (0 then).
type prevPlace struct {
	slot  []int8
	table []int16
}

// kept reports whether meeting i is in the slot it had before.
func (pp *prevPlace) kept(i int32, s int8) bool {
	return pp != nil && pp.slot[i] == s && pp.table[i] > 0
}

// moved reports whether meeting i had a table before, in another slot.
func (pp *prevPlace) moved(i int32, s int8) bool {
	return pp != nil && pp.slot[i] >= 0 && pp.slot[i] != s && pp.table[i] > 0
}

// assignTables gives every placed meeting a table 1..L once slots are
// final. In each slot: pinned meetings get their table; then, when
// repairing (prev not nil), a meeting still in its previous slot keeps
// its previous table; a meeting with a host goes to the host's home
// table; a meeting that changed slot takes its previous table; the rest
// take the lowest free table. Each free table is taken only if free. It
// returns the table per meeting (0 when not placed).
func (st *slotState) assignTables(prev *prevPlace) []int16 {
	m := st.m
	home := st.homeTables(prev)
	table := make([]int16, m.numMeetings())
	used := make([]bool, m.L+1)
	take := func(i int32, t int16) {
		if table[i] == 0 && t > 0 && int(t) <= m.L && !used[t] {
			table[i], used[t] = t, true
		}
	}
	for s := 0; s < m.T; s++ {
		list := append([]int32(nil), st.inSl[s]...)
		slices.Sort(list)
		clear(used)
		for _, i := range list {
			if t := m.fixedTable[i]; t > 0 {
				table[i], used[t] = t, true
			}
		}
		for _, i := range list {
			if prev.kept(i, int8(s)) {
				take(i, prev.table[i])
			}
		}
		for _, i := range list {
			if h := st.hostOf(i); h >= 0 {
				take(i, home[h])
			}
		}
		for _, i := range list {
			if prev.moved(i, int8(s)) {
				take(i, prev.table[i])
			}
		}
		next := int16(1)
		for _, i := range list {
			if table[i] != 0 {
				continue
			}
			for used[next] {
				next++
			}
			table[i], used[next] = next, true
		}
	}
	return table
}

// hostOf returns the first host participant of meeting i, or -1.
func (st *slotState) hostOf(i int32) int32 {
	for _, p := range st.m.parts(i) {
		if int(p) < st.m.nReal && st.m.host[p] {
			return p
		}
	}
	return -1
}

// homeTables chooses a table for every host, busiest hosts first. When
// repairing, a host first gets the table most of its previous meetings
// were at, if no host given it earlier meets in the same slots; then every
// other host takes the table whose slots overlap its own the least (see
// leastOverlap). Pinned meetings count as occupying their table.
func (st *slotState) homeTables(prev *prevPlace) []int16 {
	m := st.m
	home := make([]int16, m.nP)
	var hosts []int32
	for p := 0; p < m.nReal; p++ {
		if m.host[p] && st.busy[p] != 0 {
			hosts = append(hosts, int32(p))
		}
	}
	sort.SliceStable(hosts, func(a, b int) bool {
		return bits.OnesCount64(st.busy[hosts[a]]) > bits.OnesCount64(st.busy[hosts[b]])
	})
	occ := make([]uint64, m.L+1)
	for i := range st.slot {
		if s := st.slot[i]; s >= 0 && m.fixedTable[i] > 0 {
			occ[m.fixedTable[i]] |= 1 << uint(s)
		}
	}
	for _, h := range hosts {
		if t := st.previousHome(h, prev); t > 0 && occ[t]&st.busy[h] == 0 {
			home[h] = t
			occ[t] |= st.busy[h]
		}
	}
	for _, h := range hosts {
		if home[h] == 0 {
			home[h] = leastOverlap(occ, st.busy[h])
			occ[home[h]] |= st.busy[h]
		}
	}
	return home
}

// previousHome is the table most of host h's placed meetings had before
// (lowest on ties), or 0.
func (st *slotState) previousHome(h int32, prev *prevPlace) int16 {
	if prev == nil {
		return 0
	}
	count := map[int16]int{}
	best := int16(0)
	for _, i := range st.m.meetingsOf(h) {
		t := prev.table[i]
		if st.slot[i] < 0 || t <= 0 || int(t) > st.m.L {
			continue
		}
		count[t]++
		if best == 0 || count[t] > count[best] || count[t] == count[best] && t < best {
			best = t
		}
	}
	return best
}

// leastOverlap is the table 1..len(occ)-1 whose occupied slots meet busy
// the least; on ties the least occupied (a table of its own when one is
// left, so that later changes to other hosts' days cannot collide), then
// the lowest.
func leastOverlap(occ []uint64, busy uint64) int16 {
	best, bestN, bestOcc := int16(1), 65, 65
	for t := 1; t < len(occ); t++ {
		n, o := bits.OnesCount64(occ[t]&busy), bits.OnesCount64(occ[t])
		if n < bestN || n == bestN && o < bestOcc {
			best, bestN, bestOcc = int16(t), n, o
			if o == 0 {
				break
			}
		}
	}
	return best
}
