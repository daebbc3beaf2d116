package scheduler

import "hash/maphash"

// idTable maps meeting ids to indices with open addressing over an int32
// array: about 8 bytes per meeting, against some 60 for a map keyed by
// string, which matters with millions of candidate meetings. The random
// hash seed affects only where ids sit in the table, never a result.
type idTable struct {
	seed  maphash.Seed
	slots []int32 // meeting index + 1; 0 when empty
	mask  uint64
	ms    []Meeting
}

func newIDTable(ms []Meeting) *idTable {
	size := uint64(16)
	for size < uint64(len(ms))*2 {
		size *= 2
	}
	return &idTable{seed: maphash.MakeSeed(), slots: make([]int32, size), mask: size - 1, ms: ms}
}

// add records that ms[i] has its id; it reports false if an earlier
// meeting has the same id.
func (t *idTable) add(i int32) bool {
	id := t.ms[i].ID
	for h := maphash.String(t.seed, id) & t.mask; ; h = (h + 1) & t.mask {
		switch j := t.slots[h]; {
		case j == 0:
			t.slots[h] = i + 1
			return true
		case t.ms[j-1].ID == id:
			return false
		}
	}
}

// find returns the index of the meeting with the given id.
func (t *idTable) find(id string) (int32, bool) {
	for h := maphash.String(t.seed, id) & t.mask; ; h = (h + 1) & t.mask {
		switch j := t.slots[h]; {
		case j == 0:
			return -1, false
		case t.ms[j-1].ID == id:
			return j - 1, true
		}
	}
}
