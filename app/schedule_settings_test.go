package app

import (
	"testing"
	"time"
)

func TestScheduleSettings_TimeLimit(t *testing.T) {
	tests := []struct {
		name      string
		seconds   int
		requested time.Duration
		want      time.Duration
	}{
		{"Default", 0, 0, DefaultScheduleTimeLimit},
		{"EventSetting", 3, 0, 3 * time.Second},
		{"RunOverrides", 3, 500 * time.Millisecond, 500 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := (ScheduleSettings{TimeLimitSeconds: tt.seconds}).TimeLimit(tt.requested); got != tt.want {
				t.Fatalf("TimeLimit = %v, want %v", got, tt.want)
			}
		})
	}
}
