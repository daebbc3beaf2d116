package app

import (
	"context"
	"strings"
	"time"
)

// Enterprise is a company that applies to pitch or to meet investors.
type Enterprise struct {
	ID               int64     `json:"id"`
	Name             string    `json:"name"`
	CreditCode       string    `json:"credit_code"`
	ZoneID           int64     `json:"zone_id"`
	Sector           string    `json:"sector"`
	Subsector        string    `json:"subsector"`
	Stage            string    `json:"stage"`
	Labels           []string  `json:"labels"`
	InnovationPoints int       `json:"innovation_points"`
	Need             *Need     `json:"need,omitempty"`    // private
	Contact          *Contact  `json:"contact,omitempty"` // private
	PitchDeckURL     string    `json:"pitch_deck_url"`
	CreatedAt        time.Time `json:"created_at"`
	UpdatedAt        time.Time `json:"updated_at"`
}

// Need is an enterprise's financing need.
type Need struct {
	AmountCNY   int64    `json:"amount_cny"`
	Instruments []string `json:"instruments"`
	Purpose     string   `json:"purpose"`
}

// Contact is a person to reach at an organization.
type Contact struct {
	Name     string `json:"name"`
	Title    string `json:"title,omitempty"`
	Email    string `json:"email"`
	Phone    string `json:"phone"`
	TimeZone string `json:"timezone,omitempty"`
}

// Public returns a copy without the private fields (need and contact).
func (e *Enterprise) Public() *Enterprise {
	c := *e
	c.Need, c.Contact = nil, nil
	return &c
}

// Normalize trims text and upper-cases the credit code.
func (e *Enterprise) Normalize() {
	e.Name = strings.TrimSpace(e.Name)
	e.CreditCode = strings.ToUpper(strings.TrimSpace(e.CreditCode))
	if e.Labels == nil {
		e.Labels = []string{}
	}
	if e.Need == nil {
		e.Need = &Need{}
	}
	if e.Need.Instruments == nil {
		e.Need.Instruments = []string{}
	}
	if e.Contact != nil {
		e.Contact.normalize()
	}
}

func (c *Contact) normalize() {
	c.Name = strings.TrimSpace(c.Name)
	c.Email = strings.TrimSpace(c.Email)
	c.Phone = strings.TrimSpace(c.Phone)
}

// Validate checks every field except the zone's existence, which the store
// checks.
func (e *Enterprise) Validate(v *Vocabulary) error {
	var val Validation
	val.RequireText("name", e.Name, 200)
	if e.CreditCode == "" {
		val.Add("credit_code", "is required")
	} else if msg := CheckCreditCode(e.CreditCode); msg != "" {
		val.Add("credit_code", msg)
	}
	val.Check(e.ZoneID > 0, "zone_id", "is required")
	val.Enum("sector", e.Sector, Codes(v.Sectors))
	if e.Subsector != "" && !val.Has("sector") {
		val.Check(v.SubsectorOf(e.Subsector, e.Sector), "subsector", "is not a subsector of "+e.Sector)
	}
	val.Enum("stage", e.Stage, Codes(v.Stages))
	val.EnumList("labels", e.Labels, Codes(v.Labels))
	val.Range("innovation_points", int64(e.InnovationPoints), 0, 1000)
	val.Amount("need.amount_cny", e.Need.AmountCNY)
	val.EnumList("need.instruments", e.Need.Instruments, Codes(v.Instruments))
	val.MaxMultiline("need.purpose", e.Need.Purpose, 2000)
	val.URL("pitch_deck_url", e.PitchDeckURL)
	if e.Contact == nil {
		val.Add("contact", "is required")
	} else {
		e.Contact.validate(&val, "contact.")
	}
	return val.Err()
}

func (c *Contact) validate(val *Validation, prefix string) {
	val.RequireText(prefix+"name", c.Name, 50)
	val.MaxText(prefix+"title", c.Title, 50)
	val.Email(prefix+"email", c.Email, true)
	val.Phone(prefix+"phone", c.Phone)
	val.TimeZone(prefix+"timezone", c.TimeZone)
}

// EnterpriseUpdate holds the fields of a PATCH; nil means unchanged.
type EnterpriseUpdate struct {
	Name             *string   `json:"name"`
	CreditCode       *string   `json:"credit_code"`
	ZoneID           *int64    `json:"zone_id"`
	Sector           *string   `json:"sector"`
	Subsector        *string   `json:"subsector"`
	Stage            *string   `json:"stage"`
	Labels           *[]string `json:"labels"`
	InnovationPoints *int      `json:"innovation_points"`
	Need             *Need     `json:"need"`
	Contact          *Contact  `json:"contact"`
	PitchDeckURL     *string   `json:"pitch_deck_url"`
}

// Apply copies the set fields of u onto e.
func (e *Enterprise) Apply(u EnterpriseUpdate) {
	setIf(&e.Name, u.Name)
	setIf(&e.CreditCode, u.CreditCode)
	setIf(&e.ZoneID, u.ZoneID)
	setIf(&e.Sector, u.Sector)
	setIf(&e.Subsector, u.Subsector)
	setIf(&e.Stage, u.Stage)
	setIf(&e.Labels, u.Labels)
	setIf(&e.InnovationPoints, u.InnovationPoints)
	setIf(&e.PitchDeckURL, u.PitchDeckURL)
	if u.Need != nil {
		e.Need = u.Need
	}
	if u.Contact != nil {
		e.Contact = u.Contact
	}
}

// EnterpriseFilter selects enterprises.
type EnterpriseFilter struct {
	ZoneID int64
	Sector string
	Stage  string
	Label  string
	Q      string
	Page   Page
}

// EnterpriseService manages enterprises. Reads return private fields only
// to callers allowed to see them.
type EnterpriseService interface {
	// FindEnterpriseByID returns ENOTFOUND.
	FindEnterpriseByID(ctx context.Context, id int64) (*Enterprise, error)
	FindEnterprises(ctx context.Context, f EnterpriseFilter) (List[*Enterprise], error)
	// CreateEnterprise registers e and returns the secret of its new
	// enterprise token, shown once; EINVALID, EUNAUTHORIZED, EFORBIDDEN,
	// ECONFLICT for a duplicate credit code.
	CreateEnterprise(ctx context.Context, e *Enterprise) (token string, err error)
	// UpdateEnterprise returns ENOTFOUND, EFORBIDDEN, EINVALID, ECONFLICT.
	UpdateEnterprise(ctx context.Context, id int64, u EnterpriseUpdate) (*Enterprise, error)
	// DeleteEnterprise returns ENOTFOUND, EFORBIDDEN, ECONFLICT when meetings
	// or deals refer to it.
	DeleteEnterprise(ctx context.Context, id int64) error
}

func setIf[T any](dst *T, src *T) {
	if src != nil {
		*dst = *src
	}
}
