package web

import (
	"bytes"
	"io"
	"net/url"
	"slices"

	"github.com/gofiber/fiber/v2"

	"roadshow/app"
	"roadshow/app/api"
	"roadshow/app/export"
)

func (w *Console) registerStaffRoutes(r fiber.Router) {
	r.Get("/console/outbox", w.signedIn(w.handleOutbox))
	r.Post("/console/outbox/:id/retry", w.signedInForm(w.handleOutboxRetry))
	r.Get("/console/imports", w.signedIn(w.handleImports))
	r.Post("/console/imports", w.signedInForm(w.handleImport))
	r.Get("/console/exports/progress.xlsx", w.signedIn(w.handleProgressXLSX))
	r.Get("/console/exports/deals.xlsx", w.signedIn(w.handleDealsXLSX))
	r.Get("/console/campaign", w.signedIn(w.handleCampaign))
}

// outboxPage lists notifications of one status.
type outboxPage struct {
	Status   string
	Statuses []string
	EventID  int64
	Items    []*app.Notification
	Next     string // the next page's URL, "" at the end
}

// outboxTabs are the statuses the outbox page offers.
var outboxTabs = []string{app.NotificationPending, app.NotificationSent, app.NotificationFailed, app.NotificationDead,
	app.NotificationSuperseded}

func (w *Console) handleOutbox(c *fiber.Ctx) error {
	status := c.Query("status")
	if !slices.Contains(app.NotificationStatuses, status) {
		status = ""
	}
	page, err := app.NewPage(100, c.Query("cursor"))
	if err != nil {
		return err
	}
	f := app.NotificationFilter{Status: status, EventID: queryID(c, "event_id"), Page: page}
	list, err := w.svc.Notifications.FindNotifications(ctx(c), f)
	if err != nil {
		return err
	}
	data := outboxPage{Status: status, Statuses: outboxTabs, EventID: f.EventID, Items: list.Items}
	if list.NextCursor != "" {
		q := url.Values{"cursor": {list.NextCursor}}
		if status != "" {
			q.Set("status", status)
		}
		if f.EventID != 0 {
			q.Set("event_id", idString(f.EventID))
		}
		data.Next = "/console/outbox?" + q.Encode()
	}
	return w.render(c, fiber.StatusOK, "outbox", w.newView(c, "outbox.title", data))
}

func (w *Console) handleOutboxRetry(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	_, err = w.svc.Notifications.RetryNotification(ctx(c), id)
	q := url.Values{}
	if st := formValue(c, "status"); st != "" {
		q.Set("status", st)
	}
	return w.afterAction(c, err, "flash.retried", "/console/outbox", q)
}

// importsPage is the upload form and, after an upload, its report.
type importsPage struct {
	Kinds  []string
	Kind   string
	Report *app.ImportReport
}

func (w *Console) handleImports(c *fiber.Ctx) error {
	if err := app.RequireAuth(principal(c)); err != nil {
		return err
	}
	data := importsPage{Kinds: app.ImportKinds, Kind: app.ImportEnterprises}
	return w.render(c, fiber.StatusOK, "imports", w.newView(c, "imports.title", data))
}

// maxUpload is the largest spreadsheet the console accepts.
const maxUpload = 16 << 20

func (w *Console) handleImport(c *fiber.Ctx) error {
	kind := formValue(c, "kind")
	data := importsPage{Kinds: app.ImportKinds, Kind: kind}
	v := w.newView(c, "imports.title", &data)
	fh, err := c.FormFile("file")
	if err != nil {
		v.Errors["file"] = translator{v.Lang}.T("imports.no_file")
		return w.render(c, fiber.StatusUnprocessableEntity, "imports", v)
	}
	if fh.Size > maxUpload {
		return app.Errorf(app.ETOOLARGE, "the file is larger than 16 MiB")
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	body, err := io.ReadAll(io.LimitReader(f, maxUpload))
	if err != nil {
		return err
	}
	opt := app.ImportOptions{DryRun: formValue(c, "dry_run") != "", KeepValid: formValue(c, "keep_valid") != ""}
	rep, err := w.svc.Imports.Import(ctx(c), kind, body, opt)
	if err != nil {
		return err
	}
	data.Report = rep
	status := fiber.StatusOK
	if rep.Rejected() {
		status = fiber.StatusUnprocessableEntity
	}
	return w.render(c, status, "imports", v)
}

func (w *Console) handleProgressXLSX(c *fiber.Ctx) error {
	p, err := w.svc.Progress.CampaignProgress(ctx(c), app.ProgressFilter{Province: c.Query("province")})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := export.WriteProgress(&buf, p, w.svc.Vocabulary); err != nil {
		return err
	}
	return api.SendXLSX(c, "progress.xlsx", p.Campaign.Name+" 进度.xlsx", buf.Bytes())
}

func (w *Console) handleDealsXLSX(c *fiber.Ctx) error {
	lines, err := w.svc.Reports.DealLines(ctx(c), app.DealReportFilter{Province: c.Query("province")})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := export.WriteDeals(&buf, lines, w.svc.Vocabulary); err != nil {
		return err
	}
	return api.SendXLSX(c, "deals.xlsx", "融资落地.xlsx", buf.Bytes())
}
