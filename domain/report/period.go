package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"storeops/domain"
)

// PeriodKind is the length of a report's period.
type PeriodKind string

const (
	KindDay   PeriodKind = "daily"
	KindWeek  PeriodKind = "weekly"
	KindMonth PeriodKind = "monthly"
)

// ParseKind reads "daily", "weekly" or "monthly".
func ParseKind(s string) (PeriodKind, error) {
	switch k := PeriodKind(strings.ToLower(strings.TrimSpace(s))); k {
	case KindDay, KindWeek, KindMonth:
		return k, nil
	}
	return "", domain.Errorf(domain.EINVALID, "report.kind.invalid", s)
}

// Period is a day, an ISO week (Monday to Sunday) or a calendar month of the stores' time
// zone. Start and End are metrics dates (midnight UTC of the first and last day, both
// included), so that they compare with metrics.Day.Date directly.
type Period struct {
	Kind  PeriodKind
	Start time.Time
	End   time.Time
}

// DayPeriod is the day of date (a metrics date).
func DayPeriod(date time.Time) Period {
	d := midnight(date)
	return Period{Kind: KindDay, Start: d, End: d}
}

// WeekPeriod is the ISO week that holds date.
func WeekPeriod(date time.Time) Period {
	d := midnight(date)
	// Monday is day 0 of an ISO week; Go's Sunday is 0.
	back := (int(d.Weekday()) + 6) % 7
	start := d.AddDate(0, 0, -back)
	return Period{Kind: KindWeek, Start: start, End: start.AddDate(0, 0, 6)}
}

// MonthPeriod is the calendar month that holds date.
func MonthPeriod(date time.Time) Period {
	y, m, _ := date.Date()
	start := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	return Period{Kind: KindMonth, Start: start, End: start.AddDate(0, 1, -1)}
}

// PeriodOf is the period of kind that holds date.
func PeriodOf(kind PeriodKind, date time.Time) Period {
	switch kind {
	case KindWeek:
		return WeekPeriod(date)
	case KindMonth:
		return MonthPeriod(date)
	}
	return DayPeriod(date)
}

// Last is the last complete period of kind before today (a metrics date): yesterday, last
// week, last month.
func Last(kind PeriodKind, today time.Time) Period {
	return PeriodOf(kind, midnight(today)).Previous()
}

// Previous is the period of the same kind just before p.
func (p Period) Previous() Period { return PeriodOf(p.Kind, p.Start.AddDate(0, 0, -1)) }

// LastYear is the same period a year before: the same date, the ISO week of the same number
// (week 53 becomes week 52 in a year without one) or the same month.
func (p Period) LastYear() Period {
	switch p.Kind {
	case KindWeek:
		year, week := p.Start.ISOWeek()
		if w, ok := isoWeek(year-1, week); ok {
			return w
		}
		w, _ := isoWeek(year-1, 52)
		return w
	case KindMonth:
		return MonthPeriod(time.Date(p.Start.Year()-1, p.Start.Month(), 1, 0, 0, 0, 0, time.UTC))
	}
	// 29 February falls back to the 28th, not to 1 March.
	d := p.Start.AddDate(-1, 0, 0)
	if d.Month() != p.Start.Month() {
		d = d.AddDate(0, 0, -d.Day())
	}
	return DayPeriod(d)
}

// Days is the number of days in p.
func (p Period) Days() int { return int(p.End.Sub(p.Start).Hours()/24) + 1 }

// Dates lists p's days, first to last.
func (p Period) Dates() []time.Time {
	out := make([]time.Time, 0, p.Days())
	for d := p.Start; !d.After(p.End); d = d.AddDate(0, 0, 1) {
		out = append(out, d)
	}
	return out
}

// Contains reports whether date (a metrics date) falls in p.
func (p Period) Contains(date time.Time) bool { return !date.Before(p.Start) && !date.After(p.End) }

// Key names p the way people write it: "2026-11-28", "2026-W48", "2026-11". It is also
// the period of the weekly and monthly reports' sent-records.
func (p Period) Key() string {
	switch p.Kind {
	case KindWeek:
		y, w := p.Start.ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, w)
	case KindMonth:
		return p.Start.Format("2006-01")
	}
	return p.Start.Format(time.DateOnly)
}

// MinYear is the first year a report may be of: no store has figures from before, and it
// keeps a year before it (the comparison) well inside the calendar.
const MinYear = 2000

// ParsePeriod reads the period of kind that a user named, relative to today (a metrics
// date in the stores' zone): empty is the last complete one (yesterday, last week, last
// month); "yesterday", "last-week" and "last-month" say so; "2026-11-28" is that day or the
// week or month that holds it; "2026-W48" a week; "2026-11" a month. A period that has not
// begun is refused.
func ParsePeriod(kind PeriodKind, s string, today time.Time) (Period, error) {
	today = midnight(today)
	p, ok := parsePeriod(kind, strings.ToLower(strings.TrimSpace(s)), today)
	if !ok || p.Start.Year() < MinYear {
		return Period{}, domain.Errorf(domain.EINVALID, "report.period.invalid", s, examples(kind))
	}
	if p.Start.After(today) {
		return Period{}, domain.Errorf(domain.EINVALID, "report.period.future", p.Key())
	}
	return p, nil
}

func parsePeriod(kind PeriodKind, s string, today time.Time) (Period, bool) {
	switch {
	case s == "":
		return Last(kind, today), true
	case s == "yesterday" && kind == KindDay, s == "last-week" && kind == KindWeek, s == "last-month" && kind == KindMonth:
		return Last(kind, today), true
	case s == "today" && kind == KindDay, s == "this-week" && kind == KindWeek, s == "this-month" && kind == KindMonth:
		return PeriodOf(kind, today), true
	}
	if d, err := time.Parse(time.DateOnly, s); err == nil {
		return PeriodOf(kind, d), true
	}
	if y, w, ok := strings.Cut(s, "-w"); ok && kind == KindWeek {
		year, err1 := strconv.Atoi(y)
		week, err2 := strconv.Atoi(w)
		if err1 != nil || err2 != nil || len(y) != 4 || len(w) != 2 {
			return Period{}, false
		}
		return isoWeek(year, week)
	}
	if kind == KindMonth && len(s) == len("2006-01") {
		if m, err := time.Parse("2006-01", s); err == nil {
			return MonthPeriod(m), true
		}
	}
	return Period{}, false
}

// isoWeek is week of ISO year; ok is false when the year has no such week.
func isoWeek(year, week int) (Period, bool) {
	if year < 1 || year > 9999 || week < 1 || week > 53 {
		return Period{}, false
	}
	// 4 January is always in week 1.
	p := WeekPeriod(time.Date(year, 1, 4, 0, 0, 0, 0, time.UTC))
	p = WeekPeriod(p.Start.AddDate(0, 0, 7*(week-1)))
	if y, w := p.Start.ISOWeek(); y != year || w != week {
		return Period{}, false
	}
	return p, true
}

// examples are the forms ParsePeriod takes for kind, for the error that refuses one.
func examples(kind PeriodKind) string {
	switch kind {
	case KindWeek:
		return "2026-W48, last-week, 2026-11-28"
	case KindMonth:
		return "2026-11, last-month, 2026-11-28"
	}
	return "2026-11-28, yesterday"
}

// midnight drops the time of day of a metrics date.
func midnight(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
