package matching

// Candidates returns every enterprise–investor pair scoring at least
// threshold after the met-before penalty, plus every pinned pair whatever
// its score, minus forbidden pairs, ordered by enterprise ID then investor
// ID. It is the scheduler's input and scales to 10^7 pairs.
func (m *Matcher) Candidates(enterprises []Enterprise, investors []Investor, threshold int) ([]Candidate, error) {
	c, err := compile(&Input{Enterprises: enterprises, Investors: investors}, &m.table)
	if err != nil {
		return nil, err
	}
	rk := &ranker{m: m, c: c, cols: newColumns(c.invs), r: m.resolve(c)}
	ws := rk.workers()
	rows := make([][]uint64, len(c.ents))
	parallel(ws, len(c.ents), func(w *worker, i int) {
		rk.scoreRow(w, i)
		rows[i] = rk.candidateRow(w, threshold)
	})
	total := 0
	for _, r := range rows {
		total += len(r)
	}
	out := make([]Candidate, 0, total)
	for i, r := range rows {
		eid := c.ents[i].id
		for _, key := range r {
			out = append(out, Candidate{EnterpriseID: eid, InvestorID: c.invs[keyIndex(key)].id, Score: keyScore(key)})
		}
		rows[i] = nil
	}
	return out, nil
}

// candidateRow collects the candidates of a scored row as keys (8 bytes
// each, a third of a Candidate) in investor order.
func (rk *ranker) candidateRow(w *worker, threshold int) []uint64 {
	n := len(w.pinned)
	for _, s := range w.row {
		if s >= 0 && int(s) >= threshold {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]uint64, 0, n)
	pinned := w.pinned // in investor order: rules are sorted by investor
	for j, s := range w.row {
		if len(pinned) > 0 && keyIndex(pinned[0]) == j {
			out = append(out, pinned[0])
			pinned = pinned[1:]
		} else if s >= 0 && int(s) >= threshold {
			out = append(out, makeKey(int(s), j))
		}
	}
	return out
}
