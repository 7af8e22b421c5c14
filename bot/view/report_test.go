package view

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"storeops/bot/i18n"
	"storeops/domain"
	"storeops/domain/metrics"
	"storeops/domain/report"
)

func reportStoreFixture(code string, i int) report.StorePeriod {
	k := metrics.KPIOf
	s := report.StorePeriod{Code: code, Name: "Store <" + code + "> & co", Basis: metrics.BasisBuyers, Days: 7, PrevDays: 7, YearDays: 0,
		Totals: metrics.Counts{Visitors: 70000 + int64(i), PaidOrders: 280, PaidAmount: 2800000},
		Figures: []report.PeriodFigure{
			{Name: report.FigVisitors, Kind: report.KindCount, Value: k(70000 + float64(i)), VsPrev: k(25)},
			{Name: report.FigOrders, Kind: report.KindCount, Value: k(280), VsPrev: k(60)},
			{Name: report.FigPaidAmount, Kind: report.KindMoney, Value: k(2800000), VsPrev: k(60)},
			{Name: report.FigConversion, Kind: report.KindRate, Value: k(0.03), VsPrev: k(20)},
			{Name: report.FigAOV, Kind: report.KindMoney, Value: k(10000), VsPrev: k(0)},
			{Name: report.FigPerBuyer, Kind: report.KindMoney, Value: k(13333.33), VsPrev: k(6.7)},
			{Name: report.FigRevenuePerVisitor, Kind: report.KindMoney, Value: k(400), VsPrev: k(28)},
			{Name: report.FigRefundRate, Kind: report.KindRate, Value: k(0.025), VsPrev: k(-37.5)},
			{Name: report.FigRefundRateAmount, Kind: report.KindRate, Value: metrics.NoKPI(), VsPrev: metrics.NoKPI()},
			{Name: report.FigRepeatRate, Kind: report.KindRate, Value: metrics.KPIOf(0.1234), VsPrev: metrics.KPIOf(-3.5)},
		}}
	for j := range report.TopN {
		s.Top = append(s.Top, report.TopSKU{SKU: fmt.Sprintf("SKU-%d", j+1), Units: int64(90 - j), PaidAmount: domain.Money(900000 - 1000*j)})
	}
	for j := range 7 {
		s.Series = append(s.Series, report.DailyCounts{Date: fmt.Sprintf("2026-11-%02d", 23+j), HasData: true, Counts: metrics.Counts{Visitors: 10000}})
	}
	return s
}

func weekReport(n int) report.PeriodReport {
	r := report.PeriodReport{Kind: report.KindWeek, Period: "2026-W48", From: "2026-11-23", To: "2026-11-29",
		Previous: "2026-W47", LastYear: "2025-W48", Channel: "C0TEAM"}
	for i := range n {
		s := reportStoreFixture(fmt.Sprintf("ST%02d", i+1), i)
		switch {
		case i%7 == 3:
			s = report.StorePeriod{Code: s.Code, Name: s.Name, NoData: true, Basis: metrics.BasisSessions, PrevDays: 7}
		case i%5 == 1:
			s.Days, s.YearDays, s.Basis = 4, 7, metrics.BasisSessions
			s.Figures[0].VsYear = metrics.KPIOf(-12.5)
		}
		r.Stores = append(r.Stores, s)
	}
	return r
}

func TestReportGolden(t *testing.T) {
	for _, loc := range []string{"en", "zh"} {
		l := i18n.New().For(loc)
		suffix := ""
		if loc == "zh" {
			suffix = "_zh"
		}
		text, blocks := PeriodReport(l, weekReport(2))
		golden(t, "report_week"+suffix, msg(text, blocks))
		text, blocks = PeriodReport(l, weekReport(60))
		golden(t, "report_60_stores"+suffix, msg(text, blocks))
		empty := weekReport(1)
		empty.Kind, empty.Period, empty.From, empty.To, empty.Previous, empty.LastYear = report.KindDay, "2026-11-28", "2026-11-28", "2026-11-28", "2026-11-27", "2025-11-28"
		empty.Stores[0] = report.StorePeriod{Code: "TM01", Name: "Tmall", NoData: true}
		text, blocks = PeriodReport(l, empty)
		golden(t, "report_no_data"+suffix, msg(text, blocks))
	}
}

var reportRawKey = regexp.MustCompile(`\b(digest|report|kpi)\.[a-z_.]+`)

func TestReportWithinLimits(t *testing.T) {
	for loc, l := range localizers() {
		for _, n := range []int{0, 1, 2, DigestFullStores, DigestFullStores + 1, 60, 200} {
			text, blocks := PeriodReport(l, weekReport(n))
			name := fmt.Sprintf("%s report of %d stores", loc, n)
			check(t, name, msg(text, blocks))
			for _, s := range texts(msg(text, blocks)) {
				if m := reportRawKey.FindString(s); m != "" || strings.Contains(s, "%!") || strings.Contains(s, "NaN") || strings.Contains(s, "Inf") {
					t.Errorf("%s shows %q in %q", name, m, s)
				}
			}
		}
	}
}

func TestReportShowsWhatMatters(t *testing.T) {
	text, blocks := PeriodReport(en(), weekReport(2))
	all := joined(msg(text, blocks))
	for _, want := range []string{"Weekly report · 2026-W48 (2026-11-23 – 2026-11-29)", "70,000", "▲25.0% vs period before",
		"— vs last year", "▼12.5% vs last year", "28,000.00", "3.00%", "Per buyer (客单价)", "133.33", "Refund rate (amount)",
		"1. SKU-1 — 90 units, 9,000.00", "*Repeat purchase rate*\n12.34%\n▼3.5% vs period before", "No figures for 2025-W48, so no change against last year.", "Figures for 4 of 7 days only.",
		"against 2026-W47 (the period before) and 2025-W48", "paid orders stand in for sessions", "Conversion = paying buyers"} {
		if !strings.Contains(all, want) {
			t.Errorf("report lacks %q:\n%s", want, all)
		}
	}
	_, blocks = PeriodReport(en(), weekReport(60))
	all = joined(msg("", blocks))
	for i := range 60 {
		if code := fmt.Sprintf("ST%02d", i+1); !strings.Contains(all, code) {
			t.Errorf("60 stores: %s missing", code)
		}
	}
}

func TestReportChartFile(t *testing.T) {
	c := weekReport(1).Chart()
	f, ok, err := OutboxFile(en(), report.TemplateChart, mustJSON(t, c))
	if err != nil || !ok || f.Name != "report-weekly-C0TEAM-2026-W48.png" || !strings.Contains(f.Comment, "2026-W48") || len(f.Data) == 0 {
		t.Fatalf("report chart file %q %q %d bytes: %v", f.Name, f.Comment, len(f.Data), err)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}
