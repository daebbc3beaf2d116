package matching

import "slices"

// A key packs a score and an index so that a larger key ranks higher: the
// score in the upper half, the bitwise complement of the index in the lower
// half (lower index, which is lower ID, wins a tie). Keys are unique per
// list, so sorting them is a total order and the result is deterministic.
func makeKey(score int, idx int) uint64 {
	return uint64(score)<<32 | uint64(^uint32(idx))
}

func keyScore(k uint64) int { return int(k >> 32) }
func keyIndex(k uint64) int { return int(^uint32(k)) }

// heapPush offers key to the min-heap h[:n] of capacity k and returns the
// new length.
func heapPush(h []uint64, n, k int, key uint64) int {
	if n < k {
		h[n] = key
		siftUp(h, n)
		return n + 1
	}
	if k > 0 && key > h[0] {
		h[0] = key
		siftDown(h[:n], 0)
	}
	return n
}

func siftUp(h []uint64, i int) {
	for i > 0 {
		p := (i - 1) / 2
		if h[p] <= h[i] {
			return
		}
		h[p], h[i] = h[i], h[p]
		i = p
	}
}

func siftDown(h []uint64, i int) {
	for {
		l := 2*i + 1
		if l >= len(h) {
			return
		}
		if r := l + 1; r < len(h) && h[r] < h[l] {
			l = r
		}
		if h[i] <= h[l] {
			return
		}
		h[i], h[l] = h[l], h[i]
		i = l
	}
}

// topK keeps the k largest keys offered to it.
type topK struct {
	k int
	n int
	h []uint64
}

func newTopK(k int) topK {
	return topK{k: k, h: make([]uint64, k)}
}

func (t *topK) reset()          { t.n = 0 }
func (t *topK) push(key uint64) { t.n = heapPush(t.h, t.n, t.k, key) }
func (t *topK) keys() []uint64  { return t.h[:t.n] }
func sortDesc(keys []uint64)    { slices.SortFunc(keys, func(a, b uint64) int { return cmpUint64(b, a) }) }
func cmpUint64(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
