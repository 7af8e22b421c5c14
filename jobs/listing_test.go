package jobs

import (
	"testing"
	"time"
)

func TestWeekPeriodFollowsTheStoreZone(t *testing.T) {
	shanghai, _ := time.LoadLocation("Asia/Shanghai")
	cases := []struct {
		at   string
		tz   *time.Location
		want string
	}{
		{"2026-11-30T02:00:00Z", shanghai, "2026-W49"}, // Monday 10:00 in Shanghai
		{"2026-11-29T17:00:00Z", shanghai, "2026-W49"}, // already Monday 01:00 in Shanghai
		{"2026-11-29T17:00:00Z", time.UTC, "2026-W48"}, // still Sunday in UTC
		{"2027-01-01T04:00:00Z", shanghai, "2026-W53"}, // ISO week of a year boundary
		{"2026-12-28T00:00:00Z", shanghai, "2026-W53"},
	}
	for _, c := range cases {
		at, _ := time.Parse(time.RFC3339, c.at)
		if got := WeekPeriod(at, c.tz); got != c.want {
			t.Errorf("WeekPeriod(%s in %s) = %s, want %s", c.at, c.tz, got, c.want)
		}
	}
}
