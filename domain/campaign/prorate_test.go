package campaign

import (
	"strings"
	"testing"
	"time"

	"storeops/domain"
)

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestElapsedAndProRating(t *testing.T) {
	shanghai := mustZone(t, "Asia/Shanghai")
	berlin := mustZone(t, "Europe/Berlin")
	ny := mustZone(t, "America/New_York")
	kolkata := mustZone(t, "Asia/Kolkata")
	date := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		name       string
		loc        *time.Location
		start, end time.Time // wall times in loc
		now        time.Time
		lastDay    time.Time
		clock      float64
		days       float64
		target     domain.Money
		due        domain.Money
	}{
		{name: "Shanghai, half of a 4-day campaign", loc: shanghai,
			start: time.Date(2026, 11, 11, 0, 0, 0, 0, shanghai), end: time.Date(2026, 11, 15, 0, 0, 0, 0, shanghai),
			now: time.Date(2026, 11, 13, 0, 0, 0, 0, shanghai), lastDay: date(2026, 11, 12), clock: 0.5, days: 0.5,
			target: 100000_00, due: 50000_00},
		{name: "Shanghai, day 3 at 06:00 with figures of day 1 only", loc: shanghai,
			start: time.Date(2026, 11, 11, 0, 0, 0, 0, shanghai), end: time.Date(2026, 11, 15, 0, 0, 0, 0, shanghai),
			now: time.Date(2026, 11, 13, 6, 0, 0, 0, shanghai), lastDay: date(2026, 11, 11), clock: 54.0 / 96, days: 0.25,
			target: 96_00, due: 54_00},
		{name: "Shanghai, before the start", loc: shanghai,
			start: time.Date(2026, 11, 11, 0, 0, 0, 0, shanghai), end: time.Date(2026, 11, 15, 0, 0, 0, 0, shanghai),
			now: time.Date(2026, 11, 10, 23, 0, 0, 0, shanghai), clock: 0, days: 0, target: 100_00, due: 0},
		{name: "Shanghai, after the end", loc: shanghai,
			start: time.Date(2026, 11, 11, 0, 0, 0, 0, shanghai), end: time.Date(2026, 11, 15, 0, 0, 0, 0, shanghai),
			now: time.Date(2026, 11, 20, 0, 0, 0, 0, shanghai), lastDay: date(2026, 11, 14), clock: 1, days: 1, target: 100_00, due: 100_00},
		{name: "Shanghai, starts at 10:00, figures of the first day end at its midnight", loc: shanghai,
			start: time.Date(2026, 6, 18, 10, 0, 0, 0, shanghai), end: time.Date(2026, 6, 20, 10, 0, 0, 0, shanghai),
			now: time.Date(2026, 6, 19, 10, 0, 0, 0, shanghai), lastDay: date(2026, 6, 18), clock: 0.5, days: 14.0 / 48,
			target: 48_00, due: 24_00},
		{name: "Kolkata (+05:30, no DST), a third", loc: kolkata,
			start: time.Date(2026, 3, 1, 0, 0, 0, 0, kolkata), end: time.Date(2026, 3, 4, 0, 0, 0, 0, kolkata),
			now: time.Date(2026, 3, 2, 0, 0, 0, 0, kolkata), lastDay: date(2026, 3, 1), clock: 1.0 / 3, days: 1.0 / 3,
			target: 300_00, due: 100_00},
		// Berlin moves its clocks forward on 2026-03-29 at 02:00: the campaign of the 28th
		// to the 30th lasts 47 hours, and its first day (24 h) is 24/47 of it.
		{name: "Berlin across the spring change", loc: berlin,
			start: time.Date(2026, 3, 28, 0, 0, 0, 0, berlin), end: time.Date(2026, 3, 30, 0, 0, 0, 0, berlin),
			now: time.Date(2026, 3, 29, 0, 0, 0, 0, berlin), lastDay: date(2026, 3, 28), clock: 24.0 / 47, days: 24.0 / 47,
			target: 47_00, due: 24_00},
		// New York falls back on 2026-11-01: the day is 25 hours long.
		{name: "New York across the autumn change", loc: ny,
			start: time.Date(2026, 11, 1, 0, 0, 0, 0, ny), end: time.Date(2026, 11, 3, 0, 0, 0, 0, ny),
			now: time.Date(2026, 11, 2, 0, 0, 0, 0, ny), lastDay: date(2026, 11, 1), clock: 25.0 / 49, days: 25.0 / 49,
			target: 49_00, due: 25_00},
		{name: "no daily figures yet", loc: shanghai,
			start: time.Date(2026, 11, 11, 0, 0, 0, 0, shanghai), end: time.Date(2026, 11, 12, 0, 0, 0, 0, shanghai),
			now: time.Date(2026, 11, 11, 12, 0, 0, 0, shanghai), clock: 0.5, days: 0, target: 1_00, due: 50},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clock, days := Elapsed(tc.start, tc.end, tc.now, tc.loc, tc.lastDay)
			if !near(clock, tc.clock) || !near(days, tc.days) {
				t.Errorf("Elapsed = %v, %v; want %v, %v", clock, days, tc.clock, tc.days)
			}
			if got := ProRateMoney(tc.target, clock); got != tc.due {
				t.Errorf("ProRateMoney(%s, %v) = %s, want %s", tc.target, clock, got, tc.due)
			}
		})
	}
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

func TestEvaluate(t *testing.T) {
	targets := Targets{PaidAmount: 1000_00, Visitors: 10000, ConversionBP: 300}
	for _, tc := range []struct {
		name        string
		a           Actuals
		clock, days float64
		want        map[string]Figure
	}{
		{"on track", Actuals{PaidAmount: 500_00, Visitors: 5000, ConversionBP: 300}, 0.5, 0.5, map[string]Figure{
			FigurePaidAmount: {Name: FigurePaidAmount, Actual: 500_00, Due: 500_00, Target: 1000_00, PctOfDue: 100},
			FigureVisitors:   {Name: FigureVisitors, Actual: 5000, Due: 5000, Target: 10000, PctOfDue: 100},
			FigureConversion: {Name: FigureConversion, Actual: 300, Due: 300, Target: 300, PctOfDue: 100}}},
		{"sales at 69 % of due are below 70 %", Actuals{PaidAmount: 345_00, Visitors: 3500, ConversionBP: 210}, 0.5, 0.5, map[string]Figure{
			FigurePaidAmount: {Name: FigurePaidAmount, Actual: 345_00, Due: 500_00, Target: 1000_00, PctOfDue: 69, Below: true},
			FigureVisitors:   {Name: FigureVisitors, Actual: 3500, Due: 5000, Target: 10000, PctOfDue: 70},
			FigureConversion: {Name: FigureConversion, Actual: 210, Due: 300, Target: 300, PctOfDue: 70}}},
		{"nothing due yet", Actuals{ConversionBP: -1}, 0, 0, map[string]Figure{
			FigurePaidAmount: {Name: FigurePaidAmount, Target: 1000_00, PctOfDue: -1},
			FigureVisitors:   {Name: FigureVisitors, Target: 10000, PctOfDue: -1},
			FigureConversion: {Name: FigureConversion, Target: 300, PctOfDue: -1}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Evaluate(targets, tc.a, tc.clock, tc.days, 70)
			if len(got) != 3 {
				t.Fatalf("%d figures", len(got))
			}
			for _, f := range got {
				if f != tc.want[f.Name] {
					t.Errorf("%s = %+v, want %+v", f.Name, f, tc.want[f.Name])
				}
			}
		})
	}
	if got := Evaluate(Targets{PaidAmount: 1}, Actuals{}, 1, 1, 70); len(got) != 1 {
		t.Errorf("figures without targets are left out: %+v", got)
	}
}

func TestSlotAndClosing(t *testing.T) {
	sh := mustZone(t, "Asia/Shanghai")
	c := Campaign{ID: 4, Start: time.Date(2026, 11, 11, 0, 0, 0, 0, sh), End: time.Date(2026, 11, 12, 0, 0, 0, 0, sh)}
	for _, tc := range []struct {
		at   time.Time
		slot string
	}{
		{time.Date(2026, 11, 10, 23, 59, 0, 0, sh), ""},
		{time.Date(2026, 11, 11, 0, 0, 0, 0, sh), "C-4/0"},
		{time.Date(2026, 11, 11, 1, 59, 0, 0, sh), "C-4/0"},
		{time.Date(2026, 11, 11, 2, 0, 0, 0, sh), "C-4/1"},
		{time.Date(2026, 11, 11, 23, 0, 0, 0, sh), "C-4/11"},
		{time.Date(2026, 11, 12, 0, 0, 0, 0, sh), ""},
	} {
		if got, _ := Slot(c, 2*time.Hour, tc.at); got != tc.slot {
			t.Errorf("Slot at %s = %q, want %q", tc.at, got, tc.slot)
		}
	}
	if _, ok := ClosingDue(c, 21, sh, time.Date(2026, 11, 11, 20, 59, 0, 0, sh)); ok {
		t.Error("closing before 21:00")
	}
	if got, ok := ClosingDue(c, 21, sh, time.Date(2026, 11, 11, 21, 0, 0, 0, sh)); !ok || got != "C-4/2026-11-11" {
		t.Errorf("closing at 21:00 = %q %v", got, ok)
	}
	// 21:00 in Shanghai is 13:00 UTC: the store's zone decides, not UTC's.
	if _, ok := ClosingDue(c, 21, time.UTC, time.Date(2026, 11, 11, 21, 0, 0, 0, sh)); ok {
		t.Error("closing read in the wrong zone")
	}
}

func TestSoldOutPeriodFitsTheMarker(t *testing.T) {
	c := Campaign{ID: 123456789}
	if got := soldOutPeriod(c, "mug-1"); got != "C-123456789/MUG-1" {
		t.Errorf("short SKU: %q", got)
	}
	long := soldOutPeriod(c, strings.Repeat("长", 64))
	if len(long) > 64 || long == soldOutPeriod(c, strings.Repeat("长", 63)+"短") {
		t.Errorf("long SKU: %q", long)
	}
}
