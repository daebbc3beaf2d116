package app

import (
	"math"
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Validation collects field-level problems and turns them into one
// EINVALID error. The first message recorded for a field wins.
type Validation struct {
	fields map[string]string
}

// Add records msg for field unless the field already has a message.
func (v *Validation) Add(field, msg string) {
	if v.fields == nil {
		v.fields = make(map[string]string)
	}
	if _, ok := v.fields[field]; !ok {
		v.fields[field] = msg
	}
}

// Check records msg for field when ok is false.
func (v *Validation) Check(ok bool, field, msg string) {
	if !ok {
		v.Add(field, msg)
	}
}

// Has reports whether field already has a problem.
func (v *Validation) Has(field string) bool {
	_, ok := v.fields[field]
	return ok
}

// Merge copies another error's fields into v, prefixing each with prefix.
// A non-validation error is recorded under prefix itself.
func (v *Validation) Merge(prefix string, err error) {
	if err == nil {
		return
	}
	fields := ErrorFields(err)
	if len(fields) == 0 {
		v.Add(prefix, ErrorMessage(err))
		return
	}
	for k, msg := range fields {
		v.Add(prefix+k, msg)
	}
}

// Err returns nil when nothing was recorded, else an EINVALID *Error whose
// message names the offending fields.
func (v *Validation) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	names := make([]string, 0, len(v.fields))
	for k := range v.fields {
		names = append(names, k)
	}
	sort.Strings(names)
	msg := "invalid " + strings.Join(names, ", ")
	if len(names) == 1 {
		msg = names[0] + ": " + v.fields[names[0]]
	}
	return &Error{Code: EINVALID, Message: msg, Fields: v.fields}
}

// RequireText checks that s is a non-blank single line (a name, a title)
// of at most max characters.
func (v *Validation) RequireText(field, s string, max int) {
	if strings.TrimSpace(s) == "" {
		v.Add(field, "is required")
		return
	}
	v.MaxText(field, s, max)
}

// MaxText checks that s is a single line of at most max characters: no
// line break, tab or other control character.
func (v *Validation) MaxText(field, s string, max int) {
	v.Check(SingleLine(s), field, "must be one line without control characters")
	v.maxRunes(field, s, max)
}

// RequireMultiline checks that s is a non-blank text of at most max
// characters; line breaks and tabs are its only control characters.
func (v *Validation) RequireMultiline(field, s string, max int) {
	if strings.TrimSpace(s) == "" {
		v.Add(field, "is required")
		return
	}
	v.MaxMultiline(field, s, max)
}

// MaxMultiline checks that s (a description, a note) is at most max
// characters long and has no control character but line breaks and tabs.
func (v *Validation) MaxMultiline(field, s string, max int) {
	v.Check(Multiline(s), field, "must not contain control characters other than line breaks and tabs")
	v.maxRunes(field, s, max)
}

func (v *Validation) maxRunes(field, s string, max int) {
	if utf8.RuneCountInString(s) > max {
		v.Add(field, "must be at most "+itoa(max)+" characters")
	}
}

// SingleLine reports whether s has no control
// character (line breaks and tabs included) or Unicode line separator.
func SingleLine(s string) bool {
	for _, r := range s {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return false
		}
	}
	return true
}

// Multiline reports whether the only control characters of s
// are line feeds, carriage returns and tabs.
func Multiline(s string) bool {
	for _, r := range s {
		if r == '\n' || r == '\r' || r == '\t' {
			continue
		}
		if unicode.IsControl(r) {
			return false
		}
	}
	return true
}

// Range checks min <= n <= max.
func (v *Validation) Range(field string, n, min, max int64) {
	if n < min || n > max {
		v.Add(field, "must be between "+itoa64(min)+" and "+itoa64(max))
	}
}

// Amount checks 0 <= n <= MaxAmountCNY for an amount in yuan.
func (v *Validation) Amount(field string, n int64) {
	switch {
	case n < 0:
		v.Add(field, "must be ≥ 0")
	case n > MaxAmountCNY:
		v.Add(field, "must be at most "+itoa64(MaxAmountCNY)+" yuan")
	}
}

// Enum checks that s is one of allowed.
func (v *Validation) Enum(field, s string, allowed []string) {
	for _, a := range allowed {
		if s == a {
			return
		}
	}
	v.Add(field, "must be one of: "+strings.Join(allowed, ", "))
}

// EnumList checks every element of list against allowed and rejects
// duplicates.
func (v *Validation) EnumList(field string, list []string, allowed []string) {
	seen := make(map[string]bool, len(list))
	for _, s := range list {
		if seen[s] {
			v.Add(field, "duplicate value "+quote(s))
			return
		}
		seen[s] = true
		if !slices.Contains(allowed, s) {
			v.Add(field, "unknown value "+quote(s)+"; allowed: "+strings.Join(allowed, ", "))
			return
		}
	}
}

// Email checks an optional e-mail address; required makes it mandatory.
func (v *Validation) Email(field, s string, required bool) {
	if s == "" {
		v.Check(!required, field, "is required")
		return
	}
	v.Check(ValidEmail(s), field, "is not a valid e-mail address")
}

// Phone checks an optional telephone number.
func (v *Validation) Phone(field, s string) {
	if s != "" {
		v.Check(ValidPhone(s), field, "is not a valid phone number (mobile 13800138000, landline 010-12345678, or +86…)")
	}
}

// TimeZone checks an IANA time-zone name; empty is allowed.
func (v *Validation) TimeZone(field, s string) {
	if s != "" {
		v.Check(ValidTimeZone(s), field, "is not an IANA time zone such as Asia/Shanghai")
	}
}

// URL checks an optional http(s) URL.
func (v *Validation) URL(field, s string) {
	if s == "" {
		return
	}
	u, err := url.Parse(s)
	v.Check(err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "", field, "must be an http or https URL")
}

// ValidEmail reports whether s is a bare e-mail address.
func ValidEmail(s string) bool {
	if len(s) > 254 || !SingleLine(s) {
		return false
	}
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && a.Name == "" && strings.Contains(s[strings.LastIndexByte(s, '@'):], ".")
}

var (
	mobileRe   = regexp.MustCompile(`^1[3-9][0-9]{9}$`)
	landlineRe = regexp.MustCompile(`^0[1-9][0-9]{1,2}-?[0-9]{7,8}(-[0-9]{1,6})?$`)
	intlRe     = regexp.MustCompile(`^\+[1-9][0-9]{6,14}$`)
)

// ValidPhone accepts a mainland mobile number, a landline with area code,
// or an international number in E.164 form (spaces ignored).
func ValidPhone(s string) bool {
	s = strings.ReplaceAll(s, " ", "")
	if strings.HasPrefix(s, "+86") {
		s = strings.TrimPrefix(s, "+86")
		return mobileRe.MatchString(s) || landlineRe.MatchString("0"+strings.TrimPrefix(s, "0"))
	}
	return mobileRe.MatchString(s) || landlineRe.MatchString(s) || intlRe.MatchString(s)
}

// ValidTimeZone reports whether name is a loadable IANA zone other than
// "Local".
func ValidTimeZone(name string) bool {
	if name == "" || name == "Local" {
		return false
	}
	_, err := time.LoadLocation(name)
	return err == nil
}

// ValidDate reports whether s is a YYYY-MM-DD calendar date.
func ValidDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

func quote(s string) string { return "\"" + s + "\"" }

// MaxAmountCNY bounds every amount in yuan (10^12 yuan, one trillion): a
// need, a ticket, a product's limits, a deal. Sums of bounded amounts stay
// far inside int64.
const MaxAmountCNY int64 = 1_000_000_000_000

// AddAmount returns a+b for non-negative amounts in yuan, saturating at
// the largest int64 instead of wrapping, so a total over rows stored
// before amounts were bounded never turns negative or fails.
func AddAmount(a, b int64) int64 {
	if b > 0 && a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}
