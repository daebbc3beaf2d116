package notifications

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-ical"
)

func TestFold_Table(t *testing.T) {
	zh := strings.Repeat("路", 25) // 75 octets
	cases := []struct {
		name, in string
		want     []string // physical lines
	}{
		{"Short", "A:b", []string{"A:b"}},
		{"Exactly75", strings.Repeat("x", 75), []string{strings.Repeat("x", 75)}},
		{"76", strings.Repeat("x", 76), []string{strings.Repeat("x", 75), " x"}},
		{"Chinese75", zh, []string{zh}},
		{"ChineseShifted", "a" + zh, []string{"a" + strings.Repeat("路", 24), " 路"}},
		{"EmojiNotSplit", "ab" + strings.Repeat("🎉", 19), []string{"ab" + strings.Repeat("🎉", 18), " 🎉"}},
		{"SecondLineHas74", strings.Repeat("y", 75+74+1), []string{strings.Repeat("y", 75), " " + strings.Repeat("y", 74), " y"}},
		{"LFAndCRBecomeCRLF", "A:1\nB:2\rC:3\r\n", []string{"A:1", "B:2", "C:3"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := string(Fold([]byte(c.in)))
			want := strings.Join(c.want, "\r\n") + "\r\n"
			if got != want {
				t.Fatalf("Fold(%q) =\n%q\nwant\n%q", c.in, got, want)
			}
		})
	}
}

// checkFolded checks folded output line by line and returns it unfolded.
func checkFolded(t *testing.T, folded []byte, wantUTF8 bool) string {
	t.Helper()
	if err := checkLines(folded); err != nil && (wantUTF8 || !strings.Contains(err.Error(), "UTF-8")) {
		t.Fatalf("%v in %q", err, folded)
	}
	for _, l := range bytes.Split(bytes.TrimSuffix(folded, []byte("\r\n")), []byte("\r\n")) {
		if len(l) > MaxLineOctets || bytes.ContainsAny(l, "\r\n") {
			t.Fatalf("bad physical line %q", l)
		}
		if wantUTF8 && !utf8.Valid(l) {
			t.Fatalf("a UTF-8 character was split: %q", l)
		}
	}
	return strings.ReplaceAll(string(folded), "\r\n ", "")
}

// randomText mixes Chinese, emoji, ASCII and characters that need escaping,
// sized to land around one or two fold boundaries.
func randomText(rng *rand.Rand) string {
	pools := [][]rune{
		[]rune("火炬赋能融资路演银企对接会高新区专精特新小巨人交通银行杭州分行张伟李娜"),
		[]rune("🎉🚀💰📅🤝👩‍💼🇨🇳"),
		[]rune("abcXYZ0189 -_.:/@"),
		[]rune(`\;,"` + "\n\t"),
	}
	var b strings.Builder
	target := 50 + rng.IntN(120)
	for b.Len() < target {
		p := pools[rng.IntN(len(pools))]
		b.WriteRune(p[rng.IntN(len(p))])
	}
	return b.String()
}

// TestFold_Property: text built around the 75-octet boundary survives
// escaping, folding and go-ical's parser exactly.
func TestFold_Property(t *testing.T) {
	rng := rand.New(rand.NewPCG(2025, 520))
	for i := range 3000 {
		s := strings.Repeat("a", i%4) + randomText(rng)
		roundTrip(t, s)
		line := "X-T:" + strings.ReplaceAll(strings.ReplaceAll(s, "\n", " "), "\r", " ")
		if got := checkFolded(t, Fold([]byte(line)), true); got != line+"\r\n" {
			t.Fatalf("unfold(Fold(%q)) = %q", line, got)
		}
	}
}

// roundTrip puts s into every text field of an invite and reads it back.
func roundTrip(t *testing.T, s string) {
	t.Helper()
	sh, _ := time.LoadLocation("Asia/Shanghai")
	ev := CalEvent{UID: "fold@roadshow.example.cn", Summary: s, Description: s, Location: s,
		Start: time.Date(2025, 5, 20, 14, 0, 0, 0, sh), End: time.Date(2025, 5, 20, 15, 0, 0, 0, sh),
		TimeZone: "Asia/Shanghai", Organizer: Address{Name: s, Email: "o@torch.example.cn"},
		Attendee: Address{Name: s, Email: "a@ent.example.cn"}, Stamp: time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)}
	ics, err := BuildRequest(ev)
	if err != nil {
		t.Fatalf("BuildRequest(%q): %v", s, err)
	}
	checkFolded(t, ics, true)
	if err := Validate(ics); err != nil {
		t.Fatalf("Validate for %q: %v\n%s", s, err, ics)
	}
	cal, err := ical.NewDecoder(bytes.NewReader(ics)).Decode()
	if err != nil {
		t.Fatal(err)
	}
	e := cal.Events()[0]
	want := map[string]string{ical.PropSummary: singleLine(s), ical.PropDescription: cleanText(s), ical.PropLocation: singleLine(s)}
	for name, w := range want {
		if got, _ := e.Props.Text(name); got != w {
			t.Fatalf("%s: got %q, want %q", name, got, w)
		}
	}
	if cn := e.Props.Get(ical.PropAttendee).Params.Get("CN"); cn != paramText(s) {
		t.Fatalf("CN: got %q, want %q", cn, paramText(s))
	}
}

// FuzzFold checks Fold on arbitrary input: lines of at most 75 octets,
// CRLF only, no split UTF-8 character when the input is UTF-8, and
// unfolding gives the input back (line ends normalised), and checks that
// the same text survives the whole builder.
func FuzzFold(f *testing.F) {
	for _, seed := range []string{
		"", "a", strings.Repeat("x", 74), strings.Repeat("x", 75), strings.Repeat("x", 76),
		strings.Repeat("路", 25), "a" + strings.Repeat("路", 25), "ab" + strings.Repeat("🎉", 19),
		"第一行\r\n第二行", "逗号, 分号; 反斜杠\\ 引号\"", strings.Repeat("👩‍💼", 12), "\xff\xfe" + strings.Repeat("é", 40),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var lines []string
		for _, l := range strings.Split(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"), "\n") {
			lines = append(lines, "X:"+l) // content lines never start with a space
		}
		in := strings.Join(lines, "\r\n") + "\r\n"
		if got := checkFolded(t, Fold([]byte(s2b(lines))), utf8.ValidString(s)); got != in {
			t.Fatalf("unfold(Fold(x)) = %q, want %q", got, in)
		}
		if utf8.ValidString(s) {
			roundTrip(t, s)
		}
	})
}

// s2b joins lines with bare LF, which Fold must turn into CRLF.
func s2b(lines []string) string { return strings.Join(lines, "\n") }
