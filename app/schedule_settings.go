package app

import "time"

// ScheduleSettings tune the solver for one event.
type ScheduleSettings struct {
	// TimeLimitSeconds caps the solver's search (1–60); 0 means
	// DefaultScheduleTimeLimit. A small event finishes sooner, as soon as
	// its schedule is proven optimal.
	TimeLimitSeconds int `json:"time_limit_seconds,omitempty"`
}

// DefaultScheduleTimeLimit is the solver's time limit of an event that
// sets none.
const DefaultScheduleTimeLimit = 10 * time.Second

// TimeLimit is the solver's time limit for a run: the run's own limit
// when set (requested), else the event's, else the default.
func (s ScheduleSettings) TimeLimit(requested time.Duration) time.Duration {
	switch {
	case requested > 0:
		return requested
	case s.TimeLimitSeconds > 0:
		return time.Duration(s.TimeLimitSeconds) * time.Second
	}
	return DefaultScheduleTimeLimit
}

func (s ScheduleSettings) validate(val *Validation) {
	val.Range("settings.schedule.time_limit_seconds", int64(s.TimeLimitSeconds), 0, 60)
}
