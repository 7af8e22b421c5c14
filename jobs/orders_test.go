package jobs

import (
	"testing"
	"time"
)

func TestDayPeriodFollowsTheStoreZone(t *testing.T) {
	shanghai, _ := time.LoadLocation("Asia/Shanghai")
	cases := []struct {
		at   string
		tz   *time.Location
		want string
	}{
		{"2026-11-30T02:00:00Z", shanghai, "2026-11-30"}, // 10:00 in Shanghai
		{"2026-11-29T16:00:00Z", shanghai, "2026-11-30"}, // midnight in Shanghai
		{"2026-11-29T15:59:59Z", shanghai, "2026-11-29"},
		{"2026-11-29T16:00:00Z", time.UTC, "2026-11-29"},
		{"2026-12-31T16:30:00Z", shanghai, "2027-01-01"},
	}
	for _, c := range cases {
		at, _ := time.Parse(time.RFC3339, c.at)
		if got := DayPeriod(at, c.tz); got != c.want {
			t.Errorf("DayPeriod(%s in %s) = %s, want %s", c.at, c.tz, got, c.want)
		}
	}
	if got := StorePeriod("2026-11-30", "TM01"); got != "2026-11-30/TM01" {
		t.Errorf("StorePeriod = %s", got)
	}
}
