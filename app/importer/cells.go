package importer

import (
	"math"
	"slices"
	"strconv"
	"strings"
)

// splitList splits a list cell at , 、 ; ， ； and line breaks.
func splitList(cell string) []string {
	parts := strings.FieldsFunc(cell, func(r rune) bool { return strings.ContainsRune(",、;，；\n\r/", r) })
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// codeOf resolves a code or name through index; what names the cell in a
// problem message.
func codeOf(index map[string]string, cell, what string) (string, string) {
	if code, ok := index[key(cell)]; ok {
		return code, ""
	}
	return "", "unknown " + what + " " + strconv.Quote(cell)
}

// codesOf resolves every element of a list cell; duplicates are dropped.
func codesOf(index map[string]string, cell, what string) ([]string, string) {
	out := []string{}
	seen := map[string]bool{}
	for _, part := range splitList(cell) {
		code, msg := codeOf(index, part, what)
		if msg != "" {
			return nil, msg
		}
		if !seen[code] {
			seen[code] = true
			out = append(out, code)
		}
	}
	return out, ""
}

// number parses a decimal number as people type it: thousands separators,
// full-width digits, a unit suffix among units.
func number(cell string, units ...string) (float64, bool) {
	s := key(cell)
	s = strings.NewReplacer(",", "", "，", "").Replace(s)
	for _, u := range units {
		s = strings.TrimSuffix(s, u)
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil && !math.IsInf(f, 0) && !math.IsNaN(f)
}

// integer parses a whole number (720, 720.0, 1,000).
func integer(cell string, units ...string) (int64, string) {
	f, ok := number(cell, units...)
	switch {
	case !ok:
		return 0, "must be a whole number, not " + strconv.Quote(cell)
	case f != math.Trunc(f):
		return 0, "must be a whole number, not " + strconv.Quote(cell)
	case math.Abs(f) > 1e15:
		return 0, "is too large"
	}
	return int64(f), ""
}

// yuan parses an amount in yuan; fractions of a yuan are refused.
func yuan(cell string) (int64, string) {
	f, ok := number(cell, "元", "cny", "rmb", "¥", "￥")
	switch {
	case !ok:
		return 0, "must be an amount in yuan such as 30000000, not " + strconv.Quote(cell)
	case math.Abs(f) > 1e15:
		return 0, "is too large"
	case math.Abs(f-math.Round(f)) > 1e-6:
		return 0, "must be a whole number of yuan"
	}
	return int64(math.Round(f)), ""
}

// wan parses an amount in 万元 (ten thousand yuan) into yuan, rounded to
// the yuan.
func wan(cell string) (int64, string) {
	f, ok := number(cell, "万元", "万")
	switch {
	case !ok:
		return 0, "must be an amount in 万元 such as 3000 or 3000.5, not " + strconv.Quote(cell)
	case math.Abs(f) > 1e11:
		return 0, "is too large"
	}
	return int64(math.Round(f * 10_000)), ""
}

// nationwide reports whether a provinces cell means "everywhere".
func nationwide(cell string) bool {
	switch key(cell) {
	case "全国", "全国范围", "不限", "nationwide", "all":
		return true
	}
	return false
}

// provincesOf resolves a provinces cell; "全国" is the empty list.
func (l *lookups) provincesOf(cell string) ([]string, string) {
	if nationwide(cell) {
		return []string{}, ""
	}
	return codesOf(l.provinces, cell, "province (use a name such as 江苏省 or 江苏, or 全国)")
}

// sectorsOf resolves a list of sectors and subsectors. Names that hold a
// separator (互联网与云计算、大数据服务) are replaced by their codes first.
func (l *lookups) sectorsOf(cell string) ([]string, string) {
	for _, t := range l.vocab.Subsectors {
		if strings.ContainsAny(t.NameZH, ",、;/") {
			cell = strings.ReplaceAll(cell, t.NameZH, t.Code)
		}
	}
	out := []string{}
	for _, part := range splitList(cell) {
		code, ok := l.sectors[key(part)]
		if !ok {
			code, ok = l.subsectors[key(part)]
		}
		if !ok {
			return nil, "unknown sector or subsector " + strconv.Quote(part)
		}
		if !slices.Contains(out, code) {
			out = append(out, code)
		}
	}
	return out, ""
}
