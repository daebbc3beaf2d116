package web

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

// partyForm is an enterprise or investor form as submitted: the values
// parsed so far and the fields the browser sent in a shape the services
// cannot take (a non-numeric amount).
type partyForm struct {
	Enterprise *app.Enterprise
	Investor   *app.Investor
	Errors     map[string]string // field → message key
}

// formInt reads an integer field; ok is false when it is not one.
func formInt(c *fiber.Ctx, name string) (int, bool) {
	v := strings.TrimSpace(c.FormValue(name))
	if v == "" {
		return 0, true
	}
	n, err := strconv.Atoi(v)
	return n, err == nil
}

// formID reads an id field; 0 when missing or malformed.
func formID(c *fiber.Ctx, name string) int64 {
	n, err := strconv.ParseInt(strings.TrimSpace(c.FormValue(name)), 10, 64)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// queryID reads an id from the query string; 0 when missing or malformed.
func queryID(c *fiber.Ctx, name string) int64 {
	n, err := strconv.ParseInt(c.Query(name), 10, 64)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// paramID reads an id from the path; ENOTFOUND when it is not one.
func paramID(c *fiber.Ctx) (int64, error) {
	n, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil || n <= 0 {
		return 0, app.Errorf(app.ENOTFOUND, "page not found")
	}
	return n, nil
}

// parseEnterpriseForm reads the enterprise fields of a registration or
// profile form.
func parseEnterpriseForm(c *fiber.Ctx) *partyForm {
	f := &partyForm{Errors: map[string]string{}}
	e := &app.Enterprise{
		Name: formValue(c, "name"), CreditCode: strings.ToUpper(strings.TrimSpace(formValue(c, "credit_code"))),
		ZoneID: formID(c, "zone_id"), Sector: formValue(c, "sector"), Subsector: formValue(c, "subsector"),
		Stage: formValue(c, "stage"), Labels: nonNil(formValues(c, "labels")), PitchDeckURL: strings.TrimSpace(formValue(c, "pitch_deck_url")),
		Need: &app.Need{Instruments: nonNil(formValues(c, "need.instruments")), Purpose: formValue(c, "need.purpose")},
		Contact: &app.Contact{Name: formValue(c, "contact.name"), Title: formValue(c, "contact.title"),
			Email: strings.TrimSpace(formValue(c, "contact.email")), Phone: strings.TrimSpace(formValue(c, "contact.phone")),
			TimeZone: "Asia/Shanghai"},
	}
	if n, ok := formInt(c, "innovation_points"); ok {
		e.InnovationPoints = n
	} else {
		f.Errors["innovation_points"] = "form.not_integer"
	}
	if amt, ok := parseWan(formValue(c, "need.amount_wan")); ok {
		e.Need.AmountCNY = amt
	} else {
		f.Errors["need.amount_cny"] = "form.not_amount"
	}
	f.Enterprise = e
	return f
}

// parseInvestorForm reads the investor fields of a registration or
// profile form; the contact rows are contacts[0..2].
func parseInvestorForm(c *fiber.Ctx) *partyForm {
	f := &partyForm{Errors: map[string]string{}}
	inv := &app.Investor{Name: formValue(c, "name"), Kind: formValue(c, "kind"),
		Sectors: nonNil(formValues(c, "sectors")), Stages: nonNil(formValues(c, "stages")),
		Instruments: nonNil(formValues(c, "instruments")), Provinces: nonNil(formValues(c, "provinces")),
		Description: formValue(c, "description")}
	for _, k := range []struct {
		field string
		dst   *int64
	}{{"ticket_min_cny", &inv.TicketMinCNY}, {"ticket_max_cny", &inv.TicketMaxCNY}} {
		if amt, ok := parseWan(formValue(c, strings.TrimSuffix(k.field, "_cny")+"_wan")); ok {
			*k.dst = amt
		} else {
			f.Errors[k.field] = "form.not_amount"
		}
	}
	for i := 0; i < 3; i++ {
		p := "contacts[" + strconv.Itoa(i) + "]."
		ct := app.Contact{Name: formValue(c, p+"name"), Title: formValue(c, p+"title"),
			Email: strings.TrimSpace(formValue(c, p+"email")), Phone: strings.TrimSpace(formValue(c, p+"phone")),
			TimeZone: "Asia/Shanghai"}
		if i == 0 || ct.Name != "" || ct.Email != "" || ct.Phone != "" {
			inv.Contacts = append(inv.Contacts, ct)
		}
	}
	f.Investor = inv
	return f
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// applyFormErrors adds a form's own parse errors to a view.
func applyFormErrors(v *view, errs map[string]string) bool {
	tr := translator{v.Lang}
	for f, key := range errs {
		v.Errors[f] = tr.T(key)
	}
	return len(errs) > 0
}
