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
	rk := &ranker{m: m, c: c, r: m.resolve(c)}
	ws := rk.workers()
	rows := make([][]Candidate, len(c.ents))
	parallel(ws, len(c.ents), func(w *worker, i int) {
		rk.scoreRow(w, i)
		rows[i] = rk.candidateRow(w, i, threshold)
	})
	total := 0
	for _, r := range rows {
		total += len(r)
	}
	out := make([]Candidate, 0, total)
	for _, r := range rows {
		out = append(out, r...)
	}
	return out, nil
}

// candidateRow collects enterprise i's candidates from its scored row.
func (rk *ranker) candidateRow(w *worker, i int, threshold int) []Candidate {
	n := len(w.pinned)
	for _, s := range w.row {
		if int(s) >= threshold && s >= 0 {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]Candidate, 0, n)
	p := 0
	eid := rk.c.ents[i].id
	pinned := w.pinned // in investor order: rules are sorted by investor
	for j, s := range w.row {
		if p < len(pinned) && keyIndex(pinned[p]) == j {
			out = append(out, Candidate{EnterpriseID: eid, InvestorID: rk.c.invs[j].id, Score: keyScore(pinned[p])})
			p++
			continue
		}
		if s >= 0 && int(s) >= threshold {
			out = append(out, Candidate{EnterpriseID: eid, InvestorID: rk.c.invs[j].id, Score: int(s)})
		}
	}
	return out
}
