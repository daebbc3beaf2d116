package matching

import "testing"

func TestAmountFormats(t *testing.T) {
	tests := []struct {
		yuan   int64
		zh, en string
	}{
		{8_000_000, "800 万元", "CNY 8 million"},
		{8_050_000, "805 万元", "CNY 8.05 million"},
		{500_000, "50 万元", "CNY 0.5 million"},
		{12_345, "1.2345 万元", "CNY 0.012345 million"},
		{100_000_000, "1 亿元", "CNY 100 million"},
		{150_000_000, "1.5 亿元", "CNY 150 million"},
		{2_500_000_000, "25 亿元", "CNY 2.5 billion"},
		{999, "999 元", "CNY 999"},
	}
	for _, tc := range tests {
		if got := amountZH(tc.yuan); got != tc.zh {
			t.Errorf("amountZH(%d) = %q, want %q", tc.yuan, got, tc.zh)
		}
		if got := amountEN(tc.yuan); got != tc.en {
			t.Errorf("amountEN(%d) = %q, want %q", tc.yuan, got, tc.en)
		}
	}
}

func TestRangeFormats(t *testing.T) {
	tests := []struct {
		lo, hi int64
		zh, en string
	}{
		{1_000_000, 10_000_000, "100 万元至 1000 万元", "CNY 1 million to CNY 10 million"},
		{1_000_000, 0, "100 万元以上", "CNY 1 million or more"},
		{0, 10_000_000, "1000 万元以内", "up to CNY 10 million"},
		{0, 0, "不限金额", "any amount"},
	}
	for _, tc := range tests {
		if zh, en := rangeZH(tc.lo, tc.hi), rangeEN(tc.lo, tc.hi); zh != tc.zh || en != tc.en {
			t.Errorf("range(%d, %d) = %q, %q; want %q, %q", tc.lo, tc.hi, zh, en, tc.zh, tc.en)
		}
	}
}

func TestJoinList_Shortens(t *testing.T) {
	zh, en := joinNames(labelNames[:], 0b11111)
	if zh != "高新技术企业、科技型中小企业、创新型中小企业、专精特新中小企业等" || en == "" {
		t.Errorf("joinNames = %q, %q", zh, en)
	}
}

func TestProvinces_Interning(t *testing.T) {
	var p provinces
	if p.id("江苏省") != p.id("江苏") || p.id("江苏") == 0 {
		t.Error("short and full province names differ")
	}
	if p.id("") != 0 {
		t.Error("empty province is not unknown")
	}
	a, b := p.id("火星"), p.id("金星")
	if a == 0 || b == 0 || a == b || p.id("火星") != a {
		t.Errorf("extra provinces interned as %d, %d", a, b)
	}
	for i := range 100 {
		p.id(string(rune('a' + i)))
	}
	if id := p.id("overflow"); id != 0 {
		t.Errorf("province beyond 63 got id %d, want 0", id)
	}
}

func TestKeys_OrderScoreThenLowerIndex(t *testing.T) {
	if !(makeKey(50, 3) > makeKey(49, 0)) || !(makeKey(50, 3) > makeKey(50, 4)) {
		t.Error("key order wrong")
	}
	if k := makeKey(77, 12345); keyScore(k) != 77 || keyIndex(k) != 12345 {
		t.Errorf("key round trip: %d %d", keyScore(k), keyIndex(k))
	}
}
