package app

import "strings"

// creditAlphabet is the character set of the unified social credit code
// (GB 32100-2015): digits and upper-case letters without I, O, S, V, Z.
const creditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var creditWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// CheckCreditCode validates an 18-character unified social credit code and
// returns "" when it is valid, else a message saying what is wrong.
func CheckCreditCode(code string) string {
	if len(code) != 18 {
		return "must be 18 characters"
	}
	for i := 0; i < 18; i++ {
		if strings.IndexByte(creditAlphabet, code[i]) < 0 {
			return "character " + itoa(i+1) + " is not allowed (digits and upper-case letters except I, O, S, V, Z)"
		}
	}
	for i := 2; i < 8; i++ {
		if code[i] < '0' || code[i] > '9' {
			return "characters 3–8 must be the digits of an administrative division code"
		}
	}
	if creditCheckChar(code[:17]) != code[17] {
		return "check digit does not match"
	}
	return ""
}

func creditCheckChar(body string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += strings.IndexByte(creditAlphabet, body[i]) * creditWeights[i]
	}
	c := 31 - sum%31
	if c == 31 {
		c = 0
	}
	return creditAlphabet[c]
}

// ExampleCreditCode derives a valid code deterministically from n, for demo
// data and tests: registration authority 9 (industry and commerce), type 1
// (enterprise), division 320500 (Suzhou), an organization body from n.
func ExampleCreditCode(n uint64) string { return ExampleCreditCodeIn("320500", n) }

// ExampleCreditCodeIn is ExampleCreditCode with another six-digit
// administrative division code.
func ExampleCreditCodeIn(division string, n uint64) string {
	b := []byte("91" + division)
	for i := 0; i < 9; i++ {
		b = append(b, creditAlphabet[n%31])
		n /= 31
	}
	return string(b) + string(creditCheckChar(string(b)))
}
