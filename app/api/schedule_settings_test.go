package api_test

import (
	"testing"
)

// TestEventSettings_ScheduleTimeLimit sets the solver's time limit of an
// event: kept and returned within 1–60 s, refused naming the field
// outside it, and a schedule still runs under it.
func TestEventSettings_ScheduleTimeLimit(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		f := newMatchFixture(h, 2, 2)
		ev := path("/api/v1/events/%d", f.event)
		for _, bad := range []int{-1, 61, 3600} {
			body := map[string]any{"settings": map[string]any{"schedule": map[string]any{"time_limit_seconds": bad}}}
			if r := h.do("PATCH", ev, h.org, body); r.Status != 422 || r.FieldError("settings.schedule.time_limit_seconds") == "" {
				t.Fatalf("time limit %d: %d %s", bad, r.Status, r.Body)
			}
		}
		h.must(200, "PATCH", ev, h.org, map[string]any{"settings": map[string]any{"schedule": map[string]any{"time_limit_seconds": 3}}})
		var got struct {
			Settings struct {
				Schedule struct {
					TimeLimitSeconds int `json:"time_limit_seconds"`
				} `json:"schedule"`
			} `json:"settings"`
		}
		h.must(200, "GET", ev, h.org, nil).Decode(t, &got)
		if got.Settings.Schedule.TimeLimitSeconds != 3 {
			t.Fatalf("time limit %d, want 3", got.Settings.Schedule.TimeLimitSeconds)
		}
		var plan planJSON
		h.must(200, "POST", path("/api/v1/events/%d/schedule", f.event), h.org, map[string]any{"dry_run": true}).Decode(t, &plan)
		checkPlan(t, plan)
	})
}
