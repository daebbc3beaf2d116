package scheduler

import (
	"math/bits"
	"sort"
)

// assignTables gives every placed meeting a table 1..L once slots are
// final: pinned meetings get their table, then a meeting keeps its prefer
// table (a previous timetable's, when prefer is not nil) if free, a
// meeting with a host goes to the host's home table when that is free,
// the rest take the lowest free table. It returns the table per meeting
// (0 when not placed).
func (st *slotState) assignTables(prefer []int16) []int16 {
	m := st.m
	home := st.homeTables()
	table := make([]int16, m.numMeetings())
	used := make([]bool, m.L+1)
	for s := 0; s < m.T; s++ {
		list := append([]int32(nil), st.inSl[s]...)
		sort.Slice(list, func(a, b int) bool { return list[a] < list[b] })
		clear(used)
		for _, i := range list {
			if t := m.fixedTable[i]; t > 0 {
				table[i], used[t] = t, true
			}
		}
		for _, i := range list {
			if t := preferred(prefer, i); table[i] == 0 && t > 0 && int(t) <= m.L && !used[t] {
				table[i], used[t] = t, true
			}
		}
		for _, i := range list {
			if h := st.hostOf(i); table[i] == 0 && h >= 0 && !used[home[h]] {
				table[i], used[home[h]] = home[h], true
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

func preferred(prefer []int16, i int32) int16 {
	if prefer == nil {
		return 0
	}
	return prefer[i]
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

// homeTables chooses a table for every host: busiest hosts first, each to
// the table whose slots overlap its own the least (pinned meetings count
// as occupying their table), lowest table on ties.
func (st *slotState) homeTables() []int16 {
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
		best, bestN := int16(1), 65
		for t := 1; t <= m.L; t++ {
			if n := bits.OnesCount64(occ[t] & st.busy[h]); n < bestN {
				best, bestN = int16(t), n
				if n == 0 {
					break
				}
			}
		}
		home[h] = best
		occ[best] |= st.busy[h]
	}
	return home
}
