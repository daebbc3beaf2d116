package importer

// Column constructors by cell type. Each takes the column's English name,
// Chinese header, other accepted headers, the Validate field it feeds and
// where the value lives in the record.

func names(aliases ...string) []string { return aliases }

func textCol[T any](name, zh string, aliases []string, field string, at func(*T) *string) column[T] {
	return column[T]{name: name, zh: zh, aliases: aliases, field: field,
		parse: func(_ *lookups, cell string, dst *T) string { *at(dst) = cell; return "" },
		copy:  func(dst, src *T) { *at(dst) = *at(src) }}
}

// codeCol takes a code or a name from index (what names the vocabulary in
// messages).
func codeCol[T any](name, zh string, aliases []string, field, what string, index func(*lookups) map[string]string,
	at func(*T) *string) column[T] {
	return column[T]{name: name, zh: zh, aliases: aliases, field: field,
		parse: func(l *lookups, cell string, dst *T) string {
			code, msg := codeOf(index(l), cell, what)
			*at(dst) = code
			return msg
		},
		copy: func(dst, src *T) { *at(dst) = *at(src) }}
}

// listCol takes codes or names separated by , 、 ; or line breaks.
func listCol[T any](name, zh string, aliases []string, field, what string, index func(*lookups) map[string]string,
	at func(*T) *[]string) column[T] {
	return column[T]{name: name, zh: zh, aliases: aliases, field: field,
		parse: func(l *lookups, cell string, dst *T) string {
			codes, msg := codesOf(index(l), cell, what)
			*at(dst) = codes
			return msg
		},
		copy: func(dst, src *T) { *at(dst) = append([]string{}, *at(src)...) }}
}

// customListCol takes a list through its own resolver (sectors, provinces).
func customListCol[T any](name, zh string, aliases []string, field string, resolve func(*lookups, string) ([]string, string),
	at func(*T) *[]string) column[T] {
	return column[T]{name: name, zh: zh, aliases: aliases, field: field,
		parse: func(l *lookups, cell string, dst *T) string {
			codes, msg := resolve(l, cell)
			*at(dst) = codes
			return msg
		},
		copy: func(dst, src *T) { *at(dst) = append([]string{}, *at(src)...) }}
}

func intCol[T any](name, zh string, aliases []string, field string, at func(*T) *int) column[T] {
	return column[T]{name: name, zh: zh, aliases: aliases, field: field,
		parse: func(_ *lookups, cell string, dst *T) string {
			n, msg := integer(cell)
			*at(dst) = int(n)
			return msg
		},
		copy: func(dst, src *T) { *at(dst) = *at(src) }}
}

// yuanCol and wanCol take an amount in yuan or in 万元 into yuan.
func yuanCol[T any](name, zh string, aliases []string, field string, at func(*T) *int64) column[T] {
	return amountCol(name, zh, aliases, field, yuan, at)
}

func wanCol[T any](name, zh string, aliases []string, field string, at func(*T) *int64) column[T] {
	return amountCol(name, zh, aliases, field, wan, at)
}

func amountCol[T any](name, zh string, aliases []string, field string, parse func(string) (int64, string),
	at func(*T) *int64) column[T] {
	return column[T]{name: name, zh: zh, aliases: aliases, field: field,
		parse: func(_ *lookups, cell string, dst *T) string {
			n, msg := parse(cell)
			*at(dst) = n
			return msg
		},
		copy: func(dst, src *T) { *at(dst) = *at(src) }}
}
