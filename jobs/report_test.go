package jobs

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"testing"
	"time"

	"storeops/domain"
	"storeops/domain/audit"
	"storeops/domain/outbox"
	"storeops/domain/report"
)

func TestPeriodReportPostsEachChannelOncePerPeriod(t *testing.T) {
	shanghai, _ := time.LoadLocation("Asia/Shanghai")
	// Monday 30 November 2026, 09:30 in Shanghai: the week before is W48.
	clock := domain.NewManualClock(time.Date(2026, 11, 30, 9, 30, 0, 0, shanghai))
	ob := &memOutbox{}
	reports := report.NewService(report.Deps{Metrics: emptyMetrics{}, Settings: noSettings{}, Tx: direct{}, Clock: clock, TZ: shanghai,
		Outbox: outbox.New(ob, clock), Audit: audit.NewLog(nil, clock),
		Stores: storeList{{Code: "TM01", TeamChannel: "C1"}, {Code: "JD01", TeamChannel: "C2"}, {Code: "PD01"}}})
	runs := &memRuns{done: map[string]bool{}}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	weekly := PeriodReport{Kind: report.KindWeek, Tx: direct{}, Reports: reports, Runs: runs, Clock: clock, Log: log}
	monthly := PeriodReport{Kind: report.KindMonth, Tx: direct{}, Reports: reports, Runs: runs, Clock: clock, Log: log}
	ctx := context.Background()
	posted := func() (out []string) {
		for _, m := range ob.msgs {
			out = append(out, m.Template+" "+m.Channel+" "+m.Ref)
		}
		return out
	}
	if weekly.Name() != "report-weekly" || monthly.Name() != "report-monthly" {
		t.Fatalf("names %s %s", weekly.Name(), monthly.Name())
	}
	for range 2 {
		if err := weekly.Run(ctx); err != nil {
			t.Fatal(err)
		}
	}
	// Without figures: the report says so, and there is no chart.
	want := []string{"report.period C1 report-weekly:C1:2026-W48", "report.period C2 report-weekly:C2:2026-W48"}
	if got := posted(); !slices.Equal(got, want) {
		t.Fatalf("posted %q, want %q", got, want)
	}
	clock.Set(time.Date(2026, 12, 1, 10, 0, 0, 0, shanghai))
	for range 2 {
		if err := monthly.Run(ctx); err != nil {
			t.Fatal(err)
		}
		if err := weekly.Run(ctx); err != nil {
			t.Fatal(err)
		}
	}
	want = append(want, "report.period C1 report-monthly:C1:2026-11", "report.period C2 report-monthly:C2:2026-11")
	if got := posted(); !slices.Equal(got, want) {
		t.Fatalf("posted %q, want %q", got, want)
	}
	clock.Set(time.Date(2026, 12, 7, 9, 30, 0, 0, shanghai))
	if err := weekly.Run(ctx); err != nil {
		t.Fatal(err)
	}
	if got := posted(); len(got) != 6 || got[5] != "report.period C2 report-weekly:C2:2026-W49" {
		t.Fatalf("next week: %q", got)
	}
}

// A channel of Los Angeles stores gets last week's report on Monday 09:30 there, not on
// Monday morning in Shanghai, when its Sunday is still going on.
func TestPeriodReportWaitsForTheChannelsMonday(t *testing.T) {
	shanghai, _ := time.LoadLocation("Asia/Shanghai")
	la, _ := time.LoadLocation("America/Los_Angeles")
	clock := domain.NewManualClock(time.Date(2026, 11, 30, 9, 30, 0, 0, shanghai))
	ob := &memOutbox{}
	reports := report.NewService(report.Deps{Metrics: emptyMetrics{}, Settings: noSettings{}, Tx: direct{}, Clock: clock, TZ: shanghai,
		Outbox: outbox.New(ob, clock), Audit: audit.NewLog(nil, clock),
		Stores: storeList{{Code: "TM01", TeamChannel: "C1"}, {Code: "LA01", TeamChannel: "C2", TimeZone: "America/Los_Angeles"}}})
	weekly := PeriodReport{Kind: report.KindWeek, Tx: direct{}, Reports: reports, Runs: &memRuns{done: map[string]bool{}}, Clock: clock,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	ctx := context.Background()
	refs := func() (out []string) {
		for _, m := range ob.msgs {
			out = append(out, m.Ref)
		}
		return out
	}
	for _, at := range []time.Time{clock.Now(), time.Date(2026, 11, 30, 9, 29, 0, 0, la)} {
		clock.Set(at)
		if err := weekly.Run(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if got := refs(); !slices.Equal(got, []string{"report-weekly:C1:2026-W48"}) {
		t.Fatalf("before 09:30 on Monday in Los Angeles: %q", got)
	}
	for _, at := range []time.Time{time.Date(2026, 11, 30, 9, 30, 0, 0, la), time.Date(2026, 11, 30, 23, 50, 0, 0, la)} {
		clock.Set(at)
		if err := weekly.Run(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if got := refs(); !slices.Equal(got, []string{"report-weekly:C1:2026-W48", "report-weekly:C2:2026-W48"}) {
		t.Fatalf("on Monday in Los Angeles: %q", got)
	}
}
