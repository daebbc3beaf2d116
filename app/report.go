package app

import "context"

// DealLine is a deal with the names a report shows beside it.
type DealLine struct {
	Deal
	EnterpriseName string `json:"enterprise_name"`
	CreditCode     string `json:"credit_code"`
	ZoneName       string `json:"zone_name"`
	Province       string `json:"province"`
	InvestorName   string `json:"investor_name"`
	ProductName    string `json:"product_name"`
	EventTitle     string `json:"event_title"`
}

// DealReportFilter selects the deals of a report; zero values select all.
type DealReportFilter struct {
	CampaignID   int64
	ZoneID       int64
	Province     string
	EnterpriseID int64
	InvestorID   int64
	EventID      int64
	Status       string
	Instrument   string
}

// ReportService assembles the records of spreadsheet reports.
type ReportService interface {
	// DealLines returns the deals the caller may see (as FindDeals scopes
	// them) with their parties' names, by date; EUNAUTHORIZED, EINVALID
	// for an unknown province.
	DealLines(ctx context.Context, f DealReportFilter) ([]*DealLine, error)
	// PartyNames returns the names of enterprises and investors (names are
	// public); EUNAUTHORIZED.
	PartyNames(ctx context.Context, enterpriseIDs, investorIDs []int64) (PartyNames, error)
}

// PartyNames maps enterprise and investor ids to their names.
type PartyNames struct {
	Enterprises map[int64]string
	Investors   map[int64]string
}
