package web

import (
	"fmt"
	"html/template"
	"sort"
	"strings"

	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

// campaignPage is the campaign dashboard: the national and provincial
// totals, every zone's five items, the zones at risk and why, and the
// deals landed month by month.
type campaignPage struct {
	Progress  *app.Progress
	Province  string
	Provinces []string
	Items     []string
	AtRisk    []app.ZoneProgress
	Months    []monthTotal
	Chart     template.HTML
}

// monthTotal is the deals landed in one month and the running total.
type monthTotal struct {
	Month      string // YYYY-MM
	Count      int
	AmountCNY  int64
	Cumulative int64
}

func (w *Console) handleCampaign(c *fiber.Ctx) error {
	province := c.Query("province")
	if province != "" && !w.svc.Vocabulary.ValidProvince(province) {
		province = ""
	}
	p, err := w.svc.Progress.CampaignProgress(ctx(c), app.ProgressFilter{Province: province})
	if err != nil {
		return err
	}
	data := campaignPage{Progress: p, Province: province, Provinces: w.svc.Vocabulary.Provinces, Items: app.FiveOnes}
	for _, z := range p.Zones {
		if z.AtRisk {
			data.AtRisk = append(data.AtRisk, z)
		}
	}
	lines, err := w.svc.Reports.DealLines(ctx(c), app.DealReportFilter{CampaignID: p.Campaign.ID, Province: province})
	if err != nil {
		return err
	}
	data.Months = monthlyDeals(lines)
	data.Chart = dealsChart(data.Months, translator{w.langOf(c)})
	return w.render(c, fiber.StatusOK, "campaign", w.newView(c, "campaign.title", data))
}

// monthlyDeals sums the landed deals (approved or disbursed) per month of
// their date, with the running total.
func monthlyDeals(lines []*app.DealLine) []monthTotal {
	byMonth := map[string]*monthTotal{}
	for _, l := range lines {
		if l.Status != app.DealApproved && l.Status != app.DealDisbursed || len(l.Date) < 7 {
			continue
		}
		m := l.Date[:7]
		if byMonth[m] == nil {
			byMonth[m] = &monthTotal{Month: m}
		}
		byMonth[m].Count++
		byMonth[m].AmountCNY = app.AddAmount(byMonth[m].AmountCNY, l.AmountCNY)
	}
	out := make([]monthTotal, 0, len(byMonth))
	for _, m := range byMonth {
		out = append(out, *m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Month < out[j].Month })
	var sum int64
	for i := range out {
		sum = app.AddAmount(sum, out[i].AmountCNY)
		out[i].Cumulative = sum
	}
	return out
}

// dealsChart draws the monthly amounts as bars and the running total as a
// line, in an SVG that scales to its container (no script, no styles).
func dealsChart(months []monthTotal, tr translator) template.HTML {
	if len(months) == 0 {
		return ""
	}
	const w, h, left, bottom, top = 640.0, 240.0, 8.0, 28.0, 16.0
	var peak int64 = 1
	for _, m := range months {
		peak = max(peak, m.Cumulative)
	}
	slot := (w - 2*left) / float64(len(months))
	y := func(v int64) float64 { return h - bottom - (h-bottom-top)*float64(v)/float64(peak) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %.0f %.0f" role="img" aria-label="%s">`, w, h,
		template.HTMLEscapeString(tr.T("campaign.chart_label")))
	fmt.Fprintf(&b, `<line x1="%.0f" y1="%.1f" x2="%.0f" y2="%.1f" stroke="#8c959f" stroke-width="1"/>`, left, h-bottom, w-left, h-bottom)
	var line []string
	for i, m := range months {
		x := left + slot*float64(i)
		bw := slot * 0.6
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="#0969da"><title>%s %s</title></rect>`,
			x+slot*0.2, y(m.AmountCNY), bw, h-bottom-y(m.AmountCNY), template.HTMLEscapeString(m.Month),
			template.HTMLEscapeString(wanText(m.AmountCNY)))
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="11" text-anchor="middle" fill="#57606a">%s</text>`,
			x+slot/2, h-bottom+16, template.HTMLEscapeString(m.Month))
		line = append(line, fmt.Sprintf("%.1f,%.1f", x+slot/2, y(m.Cumulative)))
	}
	fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="#bf3989" stroke-width="2"/>`, strings.Join(line, " "))
	last := months[len(months)-1]
	fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="11" text-anchor="end" fill="#bf3989">%s</text>`,
		w-left, y(last.Cumulative)-6, template.HTMLEscapeString(wanText(last.Cumulative)))
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}
