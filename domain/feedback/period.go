package feedback

import (
	"strings"
	"time"

	"storeops/domain"
)

// Periods a summary may cover by name.
const (
	PeriodWeek  = "week"
	PeriodMonth = "month"
)

// MaxPeriodDays bounds a custom period.
const MaxPeriodDays = 366

// ParsePeriod reads the period of a summary, relative to now and in the store's zone tz:
//   - "" or "week": the last 7 days, [now-7d, now);
//   - "month": the last 30 days;
//   - "2026-11-01..2026-11-30": whole days, both included, in tz.
//
// Errors are EINVALID with the key "feedback.period.invalid" (args: the text) or
// "feedback.period.too_long" (args: MaxPeriodDays).
func ParsePeriod(s string, now time.Time, tz *time.Location) (from, to time.Time, err error) {
	if tz == nil {
		tz = time.UTC
	}
	text := strings.ToLower(strings.TrimSpace(s))
	switch text {
	case "", PeriodWeek:
		return now.AddDate(0, 0, -7), now, nil
	case PeriodMonth:
		return now.AddDate(0, 0, -30), now, nil
	}
	invalid := domain.Errorf(domain.EINVALID, "feedback.period.invalid", strings.TrimSpace(s))
	a, b, ok := strings.Cut(text, "..")
	if !ok {
		return time.Time{}, time.Time{}, invalid
	}
	first, err1 := time.ParseInLocation("2006-01-02", strings.TrimSpace(a), tz)
	last, err2 := time.ParseInLocation("2006-01-02", strings.TrimSpace(b), tz)
	if err1 != nil || err2 != nil || last.Before(first) {
		return time.Time{}, time.Time{}, invalid
	}
	// The day after the last, by the calendar: a DST day is not 24 hours long.
	end := time.Date(last.Year(), last.Month(), last.Day()+1, 0, 0, 0, 0, tz)
	if end.After(first.AddDate(0, 0, MaxPeriodDays)) {
		return time.Time{}, time.Time{}, domain.Errorf(domain.EINVALID, "feedback.period.too_long", MaxPeriodDays)
	}
	return first, end, nil
}

// LastWeek is the calendar week before the one now falls in, Monday 00:00 to Monday 00:00
// in tz: what the weekly summary covers.
func LastWeek(now time.Time, tz *time.Location) (from, to time.Time) {
	local := now.In(tz)
	back := (int(local.Weekday()) + 6) % 7 // days since Monday
	to = time.Date(local.Year(), local.Month(), local.Day()-back, 0, 0, 0, 0, tz)
	return time.Date(to.Year(), to.Month(), to.Day()-7, 0, 0, 0, 0, tz), to
}
