package api

import (
	"bytes"
	"net/url"

	"github.com/gofiber/fiber/v2"

	"roadshow/app"
	"roadshow/app/export"
)

// mimeXLSX is the content type of .xlsx workbooks.
const mimeXLSX = MIMEXLSX

// MIMEXLSX is the content type of .xlsx workbooks.
const MIMEXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

func (s *Server) registerProgressRoutes() {
	q := []string{"campaign_id", "province", "branch_id"}
	s.add(route{Method: "GET", Path: v1 + "/campaign/progress", Summary: "The campaign's progress per zone, province and nation (admins, organizers)",
		Tag: "campaign", Resp: app.Progress{}, Query: q}, s.handleProgress)
	s.add(route{Method: "GET", Path: v1 + "/campaign/progress.xlsx", Summary: "The campaign return as an Excel workbook",
		Tag: "campaign", Raw: mimeXLSX, Query: q}, s.handleProgressXLSX)
	s.add(route{Method: "GET", Path: v1 + "/deals.xlsx", Summary: "The deals you may see as an Excel workbook", Tag: "deals", Raw: mimeXLSX,
		Query: []string{"campaign_id", "zone_id", "province", "enterprise_id", "investor_id", "event_id", "status", "instrument"}},
		s.handleDealsXLSX)
}

func (s *Server) parseProgressFilter(c *fiber.Ctx) (f app.ProgressFilter, err error) {
	err = queryInts(c, map[string]*int64{"campaign_id": &f.CampaignID, "branch_id": &f.BranchID})
	f.Province = queryText(c, "province")
	return f, err
}

func (s *Server) progress(c *fiber.Ctx) (*app.Progress, error) {
	if err := app.RequireStaff(principal(c)); err != nil {
		return nil, err
	}
	f, err := s.parseProgressFilter(c)
	if err != nil {
		return nil, err
	}
	return s.svc.Progress.CampaignProgress(c.UserContext(), f)
}

func (s *Server) handleProgress(c *fiber.Ctx) error {
	p, err := s.progress(c)
	if err != nil {
		return err
	}
	return c.JSON(p)
}

func (s *Server) handleProgressXLSX(c *fiber.Ctx) error {
	p, err := s.progress(c)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := export.WriteProgress(&buf, p, s.svc.Vocabulary); err != nil {
		return err
	}
	return sendXLSX(c, "progress.xlsx", p.Campaign.Name+" 进度.xlsx", buf.Bytes())
}

func (s *Server) handleDealsXLSX(c *fiber.Ctx) error {
	if err := app.RequireAuth(principal(c)); err != nil {
		return err
	}
	var f app.DealReportFilter
	var err error
	if f.Status, err = queryEnum(c, "status", app.DealStatuses); err != nil {
		return err
	}
	if f.Instrument, err = queryEnum(c, "instrument", app.Codes(s.svc.Vocabulary.Instruments)); err != nil {
		return err
	}
	err = queryInts(c, map[string]*int64{"campaign_id": &f.CampaignID, "zone_id": &f.ZoneID, "enterprise_id": &f.EnterpriseID,
		"investor_id": &f.InvestorID, "event_id": &f.EventID})
	if err != nil {
		return err
	}
	f.Province = queryText(c, "province")
	lines, err := s.svc.Reports.DealLines(c.UserContext(), f)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := export.WriteDeals(&buf, lines, s.svc.Vocabulary); err != nil {
		return err
	}
	return sendXLSX(c, "deals.xlsx", "融资落地.xlsx", buf.Bytes())
}

// sendXLSX answers with a workbook to download.
func sendXLSX(c *fiber.Ctx, ascii, name string, data []byte) error {
	return SendXLSX(c, ascii, name, data)
}

// SendXLSX answers with a workbook to download, named in ASCII and, for
// browsers that read RFC 5987, in Chinese. The web console uses it too.
func SendXLSX(c *fiber.Ctx, ascii, name string, data []byte) error {
	c.Set(fiber.HeaderContentType, mimeXLSX)
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+ascii+`"; filename*=UTF-8''`+url.PathEscape(name))
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(data)
}
