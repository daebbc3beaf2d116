package notifications

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// MaxLineOctets is the longest iCalendar content line, without its CRLF,
// that RFC 5545 section 3.1 allows before folding.
const MaxLineOctets = 75

// Fold folds every content line of an iCalendar object to at most
// MaxLineOctets octets (the leading space of a continuation line included)
// without splitting a UTF-8 character, and ends every line with CRLF. Bare
// LF or CR line ends in the input become CRLF. Unfolding the result (delete
// each CRLF followed by one space) gives the input lines back exactly.
func Fold(ics []byte) []byte {
	out := make([]byte, 0, len(ics)+len(ics)/64+8)
	for len(ics) > 0 {
		line, rest := nextLine(ics)
		out = foldLine(out, line)
		ics = rest
	}
	return out
}

// nextLine splits off one line, accepting CRLF, LF or CR as its end.
func nextLine(b []byte) (line, rest []byte) {
	i := bytes.IndexAny(b, "\r\n")
	if i < 0 {
		return b, nil
	}
	if b[i] == '\r' && i+1 < len(b) && b[i+1] == '\n' {
		return b[:i], b[i+2:]
	}
	return b[:i], b[i+1:]
}

func foldLine(out, line []byte) []byte {
	limit := MaxLineOctets
	for len(line) > limit {
		cut := limit
		for cut > limit-utf8.UTFMax && !utf8.RuneStart(line[cut]) {
			cut--
		}
		out = append(out, line[:cut]...)
		out = append(out, '\r', '\n', ' ')
		line = line[cut:]
		limit = MaxLineOctets - 1 // the leading space counts
	}
	out = append(out, line...)
	return append(out, '\r', '\n')
}

// cleanText prepares a TEXT value: valid UTF-8, CRLF and CR turned into LF
// (go-ical escapes LF as \n and refuses CR), other control characters but
// TAB removed.
func cleanText(s string) string {
	if isCleanText(s, false) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

// isCleanText reports whether s is valid UTF-8 without control characters
// other than LF and TAB (none at all when oneLine), so cleaning would not
// change it.
func isCleanText(s string, oneLine bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 0x20 && (oneLine || (c != '\n' && c != '\t'))) || c == 0x7f {
			return false
		}
	}
	return utf8.ValidString(s)
}

// singleLine is cleanText for one-line values (SUMMARY, LOCATION, URL):
// line breaks and tabs become spaces, surrounding space is trimmed.
func singleLine(s string) string {
	if isCleanText(s, true) && strings.TrimSpace(s) == s {
		return s
	}
	s = cleanText(s)
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return ' '
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// paramText prepares a parameter value such as CN: one line, no double
// quote (RFC 5545 has no escape for it); go-ical quotes values holding
// ":", ";" or ",".
func paramText(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(singleLine(s), `"`, ""))
}
