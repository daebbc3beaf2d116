package matching

import (
	"strconv"
	"strings"
)

// decimal formats n/unit exactly, without trailing zeros ("8", "8.05").
func decimal(n, unit int64) string {
	whole := strconv.FormatInt(n/unit, 10)
	rem := n % unit
	if rem == 0 {
		return whole
	}
	width := len(strconv.FormatInt(unit, 10)) - 1
	frac := strconv.FormatInt(rem, 10)
	frac = strings.Repeat("0", width-len(frac)) + frac
	return whole + "." + strings.TrimRight(frac, "0")
}

// amountZH formats yuan the way the campaign speaks of money: 万元 below
// one 亿, 亿元 above.
func amountZH(y int64) string {
	switch {
	case y >= 100_000_000:
		return decimal(y, 100_000_000) + " 亿元"
	case y >= 10_000:
		return decimal(y, 10_000) + " 万元"
	}
	return strconv.FormatInt(y, 10) + " 元"
}

// amountEN formats yuan in millions or billions.
func amountEN(y int64) string {
	switch {
	case y >= 1_000_000_000:
		return "CNY " + decimal(y, 1_000_000_000) + " billion"
	case y >= 10_000:
		return "CNY " + decimal(y, 1_000_000) + " million"
	}
	return "CNY " + strconv.FormatInt(y, 10)
}

// rangeZH and rangeEN format an amount range; hi 0 is unbounded.
func rangeZH(lo, hi int64) string {
	switch {
	case lo <= 0 && hi <= 0:
		return "不限金额"
	case hi <= 0:
		return amountZH(lo) + "以上"
	case lo <= 0:
		return amountZH(hi) + "以内"
	}
	return amountZH(lo) + "至 " + amountZH(hi)
}

func rangeEN(lo, hi int64) string {
	switch {
	case lo <= 0 && hi <= 0:
		return "any amount"
	case hi <= 0:
		return amountEN(lo) + " or more"
	case lo <= 0:
		return "up to " + amountEN(hi)
	}
	return amountEN(lo) + " to " + amountEN(hi)
}

// maxListed is how many names a list text shows before "等".
const maxListed = 4

// joinNames joins the names of the set bits of mask, "、" in Chinese and
// ", " in English, shortening long lists.
func joinNames(names []name, mask uint64) (zh, en string) {
	var zs, es []string
	for i := range names {
		if mask&(1<<i) != 0 {
			zs = append(zs, names[i].zh)
			es = append(es, names[i].en)
		}
	}
	return joinList(zs, es)
}

func joinList(zs, es []string) (zh, en string) {
	if len(zs) == 0 {
		return "无", "none"
	}
	if len(zs) > maxListed {
		return strings.Join(zs[:maxListed], "、") + "等", strings.Join(es[:maxListed], ", ") + " and others"
	}
	return strings.Join(zs, "、"), strings.Join(es, ", ")
}

// sectorKeyNames returns the names of a sector key, the sub-sector when
// there is one.
func sectorKeyNames(key uint8) (zh, en string) {
	sec, sub := keySector(key)
	switch {
	case sub >= 0:
		return subsectorNames[sub].zh + "（" + subsectorNames[sub].code + "）", subsectorNames[sub].en + " (" + subsectorNames[sub].code + ")"
	case sec >= 0:
		return sectorNames[sec].zh, sectorNames[sec].en
	}
	return "未知行业", "an unknown sector"
}

// sectorOnlyNames returns the names of the sector of a sector key.
func sectorOnlyNames(key uint8) (zh, en string) {
	if sec, _ := keySector(key); sec >= 0 {
		return sectorNames[sec].zh, sectorNames[sec].en
	}
	return "未知行业", "an unknown sector"
}

// offerSectorNames lists an offer's sectors and sub-sectors.
func offerSectorNames(secMask uint16, subMask uint64) (zh, en string) {
	var zs, es []string
	for i := range sectorNames {
		if secMask&(1<<i) != 0 {
			zs, es = append(zs, sectorNames[i].zh), append(es, sectorNames[i].en)
		}
	}
	for i := range subsectorNames {
		if subMask&(1<<i) != 0 {
			zs, es = append(zs, subsectorNames[i].zh), append(es, subsectorNames[i].en)
		}
	}
	return joinList(zs, es)
}

func stageNamesOf(s uint8) (zh, en string) {
	if s == 0 || int(s) > len(stageNames) {
		return "未知阶段", "an unknown stage"
	}
	return stageNames[s-1].zh, stageNames[s-1].en
}

// provinceList lists the provinces of a mask.
func (p *provinces) list(mask uint64) (zh, en string) {
	var zs, es []string
	for id := 1; id < numProvinceIDs; id++ {
		if mask&(1<<id) != 0 {
			z, e := p.names(uint8(id))
			zs, es = append(zs, z), append(es, e)
		}
	}
	return joinList(zs, es)
}
