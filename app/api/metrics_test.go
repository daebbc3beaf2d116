package api_test

import (
	"bytes"
	"testing"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// scrape fetches /metrics and parses it as Prometheus text: a scrape that
// does not parse, or answers anything but 200, fails the test.
func (h *harness) scrape() map[string][]map[string]string {
	h.t.Helper()
	r := h.do("GET", "/metrics", "", nil)
	if r.Status != 200 {
		h.t.Fatalf("/metrics: %d %s", r.Status, r.Body)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(bytes.NewReader(r.Body))
	if err != nil {
		h.t.Fatalf("/metrics does not parse: %v", err)
	}
	out := map[string][]map[string]string{}
	for name, f := range fams {
		for _, m := range f.GetMetric() {
			labels := map[string]string{}
			for _, l := range m.GetLabel() {
				labels[l.GetName()] = l.GetValue()
			}
			out[name] = append(out[name], labels)
		}
	}
	return out
}

// TestMetrics_LabelsSurviveTraffic sends a mix of methods to many routes;
// the scrape afterwards must parse and name only the methods sent (request
// strings must not alias Fiber's reused buffers).
func TestMetrics_LabelsSurviveTraffic(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		zone := path("/api/v1/zones/%d/contact", h.zone.ID)
		for i := 0; i < 3; i++ {
			h.do("PUT", zone, h.org, map[string]any{"name": "x"})
			h.do("GET", "/api/v1/zones", "", nil)
			h.do("PATCH", "/api/v1/events/1", h.org, map[string]any{})
			h.do("GET", "/api/v1/events", "", nil)
			h.do("DELETE", "/api/v1/tokens/999", h.admin, nil)
			h.do("POST", "/api/v1/events", h.org, map[string]any{})
			h.do("GET", "/healthz", "", nil)
			h.do("OPTIONS", "/api/v1/zones", "", nil)
			h.do("GET", "/api/v1/vocabulary", "", nil)
		}
		sent := map[string]bool{"GET": true, "PUT": true, "PATCH": true, "DELETE": true, "POST": true, "OPTIONS": true}
		for _, labels := range h.scrape()["roadshow_http_requests_total"] {
			if !sent[labels["method"]] {
				t.Errorf("a series has method %q: %v", labels["method"], labels)
			}
		}
		h.scrape() // a second scrape must still answer
	})
}
