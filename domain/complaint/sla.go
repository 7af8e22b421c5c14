package complaint

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// SLA is how long a complaint of one severity may wait for acknowledgement and for
// resolution, both counted from its creation.
type SLA struct {
	Ack     time.Duration
	Resolve time.Duration
}

// Bounds of an SLA duration: at least a minute (the timers job runs every minute) and at
// most 90 days.
const (
	MinSLA = time.Minute
	MaxSLA = 90 * 24 * time.Hour
)

// DefaultSLA is the SLA of a severity without an override.
func DefaultSLA(s Severity) SLA {
	switch s {
	case SeverityHigh:
		return SLA{Ack: time.Hour, Resolve: 24 * time.Hour}
	case SeverityMedium:
		return SLA{Ack: 4 * time.Hour, Resolve: 48 * time.Hour}
	}
	return SLA{Ack: 24 * time.Hour, Resolve: 72 * time.Hour}
}

// EffectiveSLA is the override of the severity when there is one, else its default.
func EffectiveSLA(s Severity, overrides map[Severity]SLA) SLA {
	if o, ok := overrides[s]; ok && o.Ack > 0 && o.Resolve > 0 {
		return o
	}
	return DefaultSLA(s)
}

// Deadlines are the acknowledgement and resolution deadlines of a complaint created at
// created under sla.
func Deadlines(created time.Time, sla SLA) (ack, resolve time.Time) {
	return created.Add(sla.Ack), created.Add(sla.Resolve)
}

// ReminderShare is where, between creation and a deadline, the owner is reminded.
const ReminderShare = 0.8

// ParseDuration reads an SLA duration as people type it: a number and a unit, repeated —
// "90m", "4h", "1h30m", "2d", "1d12h" (units d, h, m; also "min", "hr"/"hrs", "day"/"days",
// and 天 / 小时 / 分钟). The result is within [MinSLA, MaxSLA].
func ParseDuration(s string) (time.Duration, error) {
	in := strings.ToLower(strings.TrimSpace(s))
	if in == "" {
		return 0, fmt.Errorf("empty duration")
	}
	var total time.Duration
	rest := in
	for rest != "" {
		i := 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if i == 0 || i > 6 {
			return 0, fmt.Errorf("%q: want a number then a unit (d, h, m)", s)
		}
		n, err := strconv.Atoi(rest[:i])
		if err != nil {
			return 0, fmt.Errorf("%q: %w", s, err)
		}
		rest = strings.TrimLeft(rest[i:], " ")
		unit, size := durationUnit(rest)
		if size == 0 {
			return 0, fmt.Errorf("%q: unknown unit", s)
		}
		rest = strings.TrimLeft(rest[size:], " ")
		// Compared before multiplying, so that a huge number cannot overflow into a
		// small duration.
		if time.Duration(n) > (MaxSLA-total)/unit {
			return 0, fmt.Errorf("%q is longer than %s", s, FormatDuration(MaxSLA))
		}
		total += time.Duration(n) * unit
	}
	if total < MinSLA {
		return 0, fmt.Errorf("%q is shorter than a minute", s)
	}
	return total, nil
}

// durationUnit reads the unit at the start of s: its length and the length of its text,
// 0 when there is none. Longer spellings are tried first, so that "min" is not "m" + "in".
func durationUnit(s string) (time.Duration, int) {
	for _, u := range []struct {
		text string
		d    time.Duration
	}{
		{"days", 24 * time.Hour}, {"day", 24 * time.Hour}, {"天", 24 * time.Hour}, {"d", 24 * time.Hour},
		{"hours", time.Hour}, {"hour", time.Hour}, {"hrs", time.Hour}, {"hr", time.Hour}, {"小时", time.Hour}, {"h", time.Hour},
		{"minutes", time.Minute}, {"minute", time.Minute}, {"mins", time.Minute}, {"min", time.Minute}, {"分钟", time.Minute}, {"m", time.Minute},
	} {
		if strings.HasPrefix(s, u.text) {
			return u.d, len(u.text)
		}
	}
	return 0, 0
}

// FormatDuration shows a duration in the units ParseDuration reads, largest first:
// "1d12h", "4h", "90m" → "1h30m". Seconds are dropped.
func FormatDuration(d time.Duration) string {
	d = d.Truncate(time.Minute)
	if d <= 0 {
		return "0m"
	}
	var b strings.Builder
	if days := d / (24 * time.Hour); days > 0 {
		fmt.Fprintf(&b, "%dd", days)
		d -= days * 24 * time.Hour
	}
	if h := d / time.Hour; h > 0 {
		fmt.Fprintf(&b, "%dh", h)
		d -= h * time.Hour
	}
	if m := d / time.Minute; m > 0 {
		fmt.Fprintf(&b, "%dm", m)
	}
	return b.String()
}
