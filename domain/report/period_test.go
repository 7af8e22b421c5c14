package report

import (
	"errors"
	"testing"
	"time"

	"storeops/domain"
)

func d(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestParsePeriod(t *testing.T) {
	today := d("2026-11-30") // a Monday
	tests := []struct {
		kind     PeriodKind
		in       string
		key      string
		from, to string
		err      string // the error's key
	}{
		{KindDay, "", "2026-11-29", "2026-11-29", "2026-11-29", ""},
		{KindDay, "yesterday", "2026-11-29", "2026-11-29", "2026-11-29", ""},
		{KindDay, "today", "2026-11-30", "2026-11-30", "2026-11-30", ""},
		{KindDay, "2026-11-28", "2026-11-28", "2026-11-28", "2026-11-28", ""},
		{KindDay, " 2024-02-29 ", "2024-02-29", "2024-02-29", "2024-02-29", ""},
		{KindDay, "2026-12-01", "", "", "", "report.period.future"},
		{KindDay, "2026-W48", "", "", "", "report.period.invalid"},
		{KindDay, "last-week", "", "", "", "report.period.invalid"},
		{KindDay, "2026-02-30", "", "", "", "report.period.invalid"},
		{KindWeek, "", "2026-W48", "2026-11-23", "2026-11-29", ""},
		{KindWeek, "last-week", "2026-W48", "2026-11-23", "2026-11-29", ""},
		{KindWeek, "LAST-WEEK", "2026-W48", "2026-11-23", "2026-11-29", ""},
		{KindWeek, "this-week", "2026-W49", "2026-11-30", "2026-12-06", ""},
		{KindWeek, "2026-W48", "2026-W48", "2026-11-23", "2026-11-29", ""},
		{KindWeek, "2026-w01", "2026-W01", "2025-12-29", "2026-01-04", ""},
		{KindWeek, "2020-W53", "2020-W53", "2020-12-28", "2021-01-03", ""},
		{KindWeek, "2026-W53", "", "", "", "report.period.future"}, // 2026 begins on a Thursday: 53 weeks
		{KindWeek, "2025-W53", "", "", "", "report.period.invalid"},
		{KindWeek, "1999-W10", "", "", "", "report.period.invalid"},
		{KindWeek, "2026-W00", "", "", "", "report.period.invalid"},
		{KindWeek, "2026-W8", "", "", "", "report.period.invalid"},
		{KindWeek, "2026-11-26", "2026-W48", "2026-11-23", "2026-11-29", ""},
		{KindWeek, "2026-W50", "", "", "", "report.period.future"},
		{KindWeek, "2026-11", "", "", "", "report.period.invalid"},
		{KindMonth, "", "2026-10", "2026-10-01", "2026-10-31", ""},
		{KindMonth, "last-month", "2026-10", "2026-10-01", "2026-10-31", ""},
		{KindMonth, "this-month", "2026-11", "2026-11-01", "2026-11-30", ""},
		{KindMonth, "2026-11", "2026-11", "2026-11-01", "2026-11-30", ""},
		{KindMonth, "2024-02", "2024-02", "2024-02-01", "2024-02-29", ""},
		{KindMonth, "2026-02-14", "2026-02", "2026-02-01", "2026-02-28", ""},
		{KindMonth, "2026-13", "", "", "", "report.period.invalid"},
		{KindMonth, "2026-12", "", "", "", "report.period.future"},
		{KindMonth, "2026-W48", "", "", "", "report.period.invalid"},
		{KindMonth, "november", "", "", "", "report.period.invalid"},
	}
	for _, tt := range tests {
		p, err := ParsePeriod(tt.kind, tt.in, today)
		if tt.err != "" {
			var de *domain.Error
			if !errors.As(err, &de) || de.Key != tt.err || de.Code != domain.EINVALID {
				t.Errorf("%s %q: err %v, want %s", tt.kind, tt.in, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s %q: %v", tt.kind, tt.in, err)
			continue
		}
		if p.Kind != tt.kind || p.Key() != tt.key || dateKey(p.Start) != tt.from || dateKey(p.End) != tt.to {
			t.Errorf("%s %q = %s %s..%s, want %s %s..%s", tt.kind, tt.in, p.Key(), dateKey(p.Start), dateKey(p.End), tt.key, tt.from, tt.to)
		}
	}
}

func TestPeriodComparisons(t *testing.T) {
	tests := []struct {
		p               Period
		prev, lastYear  string
		prevFrom, yFrom string
		days            int
	}{
		{DayPeriod(d("2026-11-29")), "2026-11-28", "2025-11-29", "2026-11-28", "2025-11-29", 1},
		{DayPeriod(d("2026-03-01")), "2026-02-28", "2025-03-01", "2026-02-28", "2025-03-01", 1},
		{DayPeriod(d("2024-02-29")), "2024-02-28", "2023-02-28", "2024-02-28", "2023-02-28", 1},
		{WeekPeriod(d("2026-11-29")), "2026-W47", "2025-W48", "2026-11-16", "2025-11-24", 7},
		{WeekPeriod(d("2026-01-01")), "2025-W52", "2025-W01", "2025-12-22", "2024-12-30", 7},
		{WeekPeriod(d("2021-01-01")), "2020-W52", "2019-W52", "2020-12-21", "2019-12-23", 7}, // 2020-W53: 2019 has no W53
		{MonthPeriod(d("2026-11-15")), "2026-10", "2025-11", "2026-10-01", "2025-11-01", 30},
		{MonthPeriod(d("2026-01-31")), "2025-12", "2025-01", "2025-12-01", "2025-01-01", 31},
		{MonthPeriod(d("2024-03-31")), "2024-02", "2023-03", "2024-02-01", "2023-03-01", 31},
	}
	for _, tt := range tests {
		prev, year := tt.p.Previous(), tt.p.LastYear()
		if prev.Key() != tt.prev || year.Key() != tt.lastYear || dateKey(prev.Start) != tt.prevFrom || dateKey(year.Start) != tt.yFrom || tt.p.Days() != tt.days {
			t.Errorf("%s: previous %s from %s, last year %s from %s, %d days; want %s %s, %s %s, %d",
				tt.p.Key(), prev.Key(), dateKey(prev.Start), year.Key(), dateKey(year.Start), tt.p.Days(), tt.prev, tt.prevFrom, tt.lastYear, tt.yFrom, tt.days)
		}
		if prev.Kind != tt.p.Kind || year.Kind != tt.p.Kind || prev.End.AddDate(0, 0, 1) != tt.p.Start {
			t.Errorf("%s: previous %+v is not the period just before", tt.p.Key(), prev)
		}
	}
}

func TestLastAndWeekStartsMonday(t *testing.T) {
	for day := d("2026-11-23"); day.Before(d("2026-11-30")); day = day.AddDate(0, 0, 1) {
		if w := WeekPeriod(day); w.Key() != "2026-W48" || w.Start.Weekday() != time.Monday || w.End.Weekday() != time.Sunday {
			t.Errorf("week of %s = %s %s..%s", dateKey(day), w.Key(), dateKey(w.Start), dateKey(w.End))
		}
	}
	if got := Last(KindMonth, d("2026-01-01")).Key(); got != "2025-12" {
		t.Errorf("last month on 1 January = %s", got)
	}
	if got := Last(KindWeek, d("2026-11-29")).Key(); got != "2026-W47" {
		t.Errorf("last week on a Sunday = %s", got)
	}
	if _, err := ParseKind("Weekly"); err != nil {
		t.Error(err)
	}
	if _, err := ParseKind("yearly"); err == nil {
		t.Error("yearly is no kind")
	}
}

// FuzzParsePeriod: any text either is refused with EINVALID or gives a period of the kind
// asked for, that has begun, whose key parses back to itself and whose comparisons are of
// the same kind and come before it.
func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"", "yesterday", "last-week", "last-month", "2026-11-28", "2026-W48", "2026-11", "2020-W53", "0000-W01", "9999-12", "2026-W5x", "-w"} {
		f.Add(s)
	}
	today := d("2026-11-30")
	f.Fuzz(func(t *testing.T, s string) {
		for _, kind := range []PeriodKind{KindDay, KindWeek, KindMonth} {
			p, err := ParsePeriod(kind, s, today)
			if err != nil {
				var de *domain.Error
				if !errors.As(err, &de) || de.Code != domain.EINVALID {
					t.Fatalf("%s %q: %v is not EINVALID", kind, s, err)
				}
				continue
			}
			if p.Kind != kind || p.Start.After(today) || p.End.Before(p.Start) {
				t.Fatalf("%s %q = %+v", kind, s, p)
			}
			back, err := ParsePeriod(kind, p.Key(), today)
			if err != nil || back != p {
				t.Fatalf("%s %q: key %s parses to %+v, %v", kind, s, p.Key(), back, err)
			}
			prev, year := p.Previous(), p.LastYear()
			if !prev.End.Before(p.Start) || !year.End.Before(p.Start) || prev.Kind != kind || year.Kind != kind {
				t.Fatalf("%s %q: previous %+v, last year %+v", kind, s, prev, year)
			}
		}
	})
}
