package complaint

import (
	"testing"
	"time"

	"storeops/domain/timer"
)

func TestDeadlinesBySeverity(t *testing.T) {
	created := time.Date(2026, 11, 30, 23, 30, 0, 0, time.UTC)
	custom := map[Severity]SLA{SeverityMedium: {Ack: 30 * time.Minute, Resolve: 6 * time.Hour}}
	cases := []struct {
		sev                          Severity
		overrides                    map[Severity]SLA
		ack, resolve, ackRem, resRem time.Duration
	}{
		{SeverityHigh, nil, time.Hour, 24 * time.Hour, 48 * time.Minute, 19*time.Hour + 12*time.Minute},
		{SeverityMedium, nil, 4 * time.Hour, 48 * time.Hour, 3*time.Hour + 12*time.Minute, 38*time.Hour + 24*time.Minute},
		{SeverityLow, nil, 24 * time.Hour, 72 * time.Hour, 19*time.Hour + 12*time.Minute, 57*time.Hour + 36*time.Minute},
		{SeverityMedium, custom, 30 * time.Minute, 6 * time.Hour, 24 * time.Minute, 4*time.Hour + 48*time.Minute},
		// An override of another severity leaves this one at its default.
		{SeverityHigh, custom, time.Hour, 24 * time.Hour, 48 * time.Minute, 19*time.Hour + 12*time.Minute},
		// A half-set override (a zero duration) is not used.
		{SeverityLow, map[Severity]SLA{SeverityLow: {Ack: time.Hour}}, 24 * time.Hour, 72 * time.Hour, 19*time.Hour + 12*time.Minute, 57*time.Hour + 36*time.Minute},
	}
	for _, tc := range cases {
		ack, resolve := Deadlines(created, EffectiveSLA(tc.sev, tc.overrides))
		if !ack.Equal(created.Add(tc.ack)) || !resolve.Equal(created.Add(tc.resolve)) {
			t.Errorf("%s %v: deadlines %s, %s", tc.sev, tc.overrides, ack, resolve)
		}
		if r := timer.Fraction(created, ack, ReminderShare); !r.Equal(created.Add(tc.ackRem)) {
			t.Errorf("%s: ack reminder at %s, want +%s", tc.sev, r, tc.ackRem)
		}
		if r := timer.Fraction(created, resolve, ReminderShare); !r.Equal(created.Add(tc.resRem)) {
			t.Errorf("%s: resolve reminder at %s, want +%s", tc.sev, r, tc.resRem)
		}
	}
}

func TestParseDuration(t *testing.T) {
	good := map[string]time.Duration{
		"90m": 90 * time.Minute, "4h": 4 * time.Hour, "1h30m": 90 * time.Minute, "2d": 48 * time.Hour,
		"1d12h": 36 * time.Hour, " 2H ": 2 * time.Hour, "30min": 30 * time.Minute, "3 hours": 3 * time.Hour,
		"1 day 2 hrs": 26 * time.Hour, "2小时": 2 * time.Hour, "1天": 24 * time.Hour, "45分钟": 45 * time.Minute,
		"1m": time.Minute, "90d": MaxSLA, "0h1m": time.Minute,
	}
	for in, want := range good {
		got, err := ParseDuration(in)
		if err != nil || got != want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "h", "5", "1x", "-1h", "1.5h", "0m", "30s", "91d", "2160h1m", "999999d", "1h 30", "h1", "1hh"} {
		if got, err := ParseDuration(in); err == nil {
			t.Errorf("ParseDuration(%q) = %v, want an error", in, got)
		}
	}
}

func TestFormatDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		time.Minute: "1m", 90 * time.Minute: "1h30m", 24 * time.Hour: "1d", 36 * time.Hour: "1d12h",
		26*time.Hour + 5*time.Minute: "1d2h5m", 0: "0m",
	} {
		if got := FormatDuration(d); got != want {
			t.Errorf("FormatDuration(%s) = %q, want %q", d, got, want)
		}
	}
}

// FuzzParseDuration: whatever is typed, a duration read is within bounds, whole minutes,
// and reads back the same from how it is shown.
func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"90m", "1h30m", "2d", "1d12h", "3 hours", "2小时", "999999d", "0m", "1.5h", "mins"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDuration(s)
		if err != nil {
			return
		}
		if d < MinSLA || d > MaxSLA || d%time.Minute != 0 {
			t.Fatalf("%q parsed to %v, outside [%v, %v] or not whole minutes", s, d, MinSLA, MaxSLA)
		}
		back, err := ParseDuration(FormatDuration(d))
		if err != nil || back != d {
			t.Fatalf("%q parsed to %v, shown %q, which reads back as %v, %v", s, d, FormatDuration(d), back, err)
		}
	})
}
