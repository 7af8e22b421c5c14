package report

import (
	"context"
	"errors"
	"testing"
	"time"

	"storeops/domain"
	"storeops/domain/metrics"
	"storeops/domain/store"
)

// week48 has seven days of figures: 1000 visitors, 30 buyers, 40 orders, 4000.00 paid and
// one refund a day.
func weekDays(st, from string, n int, c metrics.Counts) []metrics.Day {
	var out []metrics.Day
	for i := range n {
		out = append(out, metrics.Day{StoreCode: st, Date: d(from).AddDate(0, 0, i), Source: metrics.SourceOverall, Counts: c})
	}
	return out
}

func periodFig(sp StorePeriod, name string) PeriodFigure {
	for _, f := range sp.Figures {
		if f.Name == name {
			return f
		}
	}
	return PeriodFigure{}
}

func TestPeriodReportSumsAndCompares(t *testing.T) {
	cur := metrics.Counts{Visitors: 1000, Sessions: 1250, PayingBuyers: 30, PaidOrders: 40, PaidAmount: 400000, RefundedOrders: 1, RefundedAmount: 5000}
	prev := metrics.Counts{Visitors: 800, Sessions: 1000, PayingBuyers: 20, PaidOrders: 25, PaidAmount: 250000, RefundedOrders: 1, RefundedAmount: 10000}
	ago := metrics.Counts{Visitors: 2000, Sessions: 2500, PayingBuyers: 30, PaidOrders: 40, PaidAmount: 800000}
	week := WeekPeriod(d("2026-11-29"))
	k := metrics.KPIOf
	tests := []struct {
		name   string
		days   []metrics.Day
		basis  string
		want   map[string][3]metrics.KPI // value, vs previous, vs last year
		days3  [3]int
		noData bool
	}{
		{
			name: "both comparisons",
			days: append(append(weekDays("TM01", "2026-11-23", 7, cur), weekDays("TM01", "2026-11-16", 7, prev)...), weekDays("TM01", "2025-11-24", 7, ago)...),
			want: map[string][3]metrics.KPI{
				FigVisitors:          {k(7000), k(25), k(-50)},
				FigOrders:            {k(280), k(60), k(0)},
				FigPaidAmount:        {k(2800000), k(60), k(-50)},
				FigConversion:        {k(0.03), k(20), k(100)}, // 210/7000 vs 140/5600 = 0.025, vs 210/14000
				FigAOV:               {k(10000), k(0), k(-50)}, // 2800000/280 vs 1750000/175
				FigPerBuyer:          {k(400000.0 / 30), k(6.7), k(-50)},
				FigRevenuePerVisitor: {k(400), k(28), k(0)},    // vs 312.5, vs 400
				FigRefundRate:        {k(0.025), k(-37.5), {}}, // last year had no refunds: a zero base has no change
				FigRefundRateAmount:  {k(0.0125), k(-68.8), {}},
			},
			days3: [3]int{7, 7, 7},
		},
		{
			name: "no figures last year",
			days: append(weekDays("TM01", "2026-11-23", 7, cur), weekDays("TM01", "2026-11-16", 7, prev)...),
			want: map[string][3]metrics.KPI{
				FigVisitors:   {k(7000), k(25), {}},
				FigPaidAmount: {k(2800000), k(60), {}},
			},
			days3: [3]int{7, 7, 0},
		},
		{
			name:  "half a week, nothing before, sessions basis",
			days:  weekDays("TM01", "2026-11-26", 3, cur),
			basis: "sessions",
			want: map[string][3]metrics.KPI{
				FigVisitors:   {k(3000), {}, {}},
				FigConversion: {k(0.032), {}, {}}, // 120 orders / 3750 sessions
			},
			days3: [3]int{3, 0, 0},
		},
		{
			name:   "no figures in the week",
			days:   weekDays("TM01", "2026-11-16", 7, prev),
			noData: true,
			days3:  [3]int{0, 7, 0},
		},
	}
	for _, tt := range tests {
		m := &fakeMetrics{days: tt.days}
		svc := newTestService(m, store.Store{Code: "TM01", Name: "Tmall", TeamChannel: "C1", ConversionBasis: tt.basis})
		r, err := svc.ChannelReport(context.Background(), "C1", week)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if r.Period != "2026-W48" || r.Previous != "2026-W47" || r.LastYear != "2025-W48" || r.From != "2026-11-23" || r.To != "2026-11-29" || len(r.Stores) != 1 {
			t.Fatalf("%s: report %+v", tt.name, r)
		}
		sp := r.Stores[0]
		if got := [3]int{sp.Days, sp.PrevDays, sp.YearDays}; got != tt.days3 || sp.NoData != tt.noData || len(sp.Series) != 7 {
			t.Errorf("%s: days %v, no data %t, %d points", tt.name, got, sp.NoData, len(sp.Series))
		}
		if tt.noData {
			if len(sp.Figures) != 0 || r.HasData() {
				t.Errorf("%s: figures without data: %+v", tt.name, sp.Figures)
			}
			continue
		}
		for name, want := range tt.want {
			f := periodFig(sp, name)
			got := [3]metrics.KPI{f.Value.Round(6), f.VsPrev, f.VsYear}
			want[0] = want[0].Round(6)
			if got != want {
				t.Errorf("%s: %s = %v, want %v", tt.name, name, got, want)
			}
		}
	}
}

func TestPeriodReportSeriesTopAndChart(t *testing.T) {
	c := metrics.Counts{Visitors: 100, PaidOrders: 2, PaidAmount: 5000}
	days := weekDays("TM01", "2026-11-23", 2, c)
	days[1].SKUs = []metrics.SKUDay{{SKU: "MUG-1", Units: 3, PaidAmount: 3000}, {SKU: "CUP-2", Units: 1, PaidAmount: 4000}}
	days = append(days, weekDays("JD01", "2026-11-24", 1, c)...)
	m := &fakeMetrics{days: days}
	svc := newTestService(m, store.Store{Code: "TM01", TeamChannel: "C1"}, store.Store{Code: "JD01", TeamChannel: "C1"}, store.Store{Code: "XX01", TeamChannel: "C2"})
	r, err := svc.ChannelReport(context.Background(), "C1", WeekPeriod(d("2026-11-25")))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Stores) != 2 || r.Stores[0].Code != "JD01" {
		t.Fatalf("stores %+v", r.Stores)
	}
	tm := r.Stores[1]
	if len(tm.Top) != 2 || tm.Top[0].SKU != "CUP-2" || !tm.Series[0].HasData || tm.Series[2].HasData || tm.Series[6].Date != "2026-11-29" {
		t.Errorf("TM01 top %+v series %+v", tm.Top, tm.Series)
	}
	ch := r.Chart()
	if ch.Kind != KindWeek || ch.Date != "2026-W48" || len(ch.Points) != 7 || ch.Points[1].Visitors != 200 || ch.Points[0].Visitors != 100 || ch.Points[3].HasData {
		t.Errorf("chart %+v", ch)
	}
}

func TestReportAsksForAStoreAndARole(t *testing.T) {
	svc := newTestService(&fakeMetrics{}, store.Store{Code: "TM01", TeamChannel: "C1"})
	ctx, week := context.Background(), WeekPeriod(d("2026-11-29"))
	member := domain.Actor{UserID: "U1", Roles: []domain.Role{domain.RoleAssistant}}
	tests := []struct {
		actor         domain.Actor
		code, channel string
		wantCode      string
	}{
		{domain.Actor{UserID: "U9"}, "TM01", "C1", domain.EFORBIDDEN},
		{member, "TM09", "C1", domain.ENOTFOUND},
		{member, "", "C7", domain.EINVALID},
		{member, "tm01", "C7", ""},
		{member, "", "C1", ""},
	}
	for _, tt := range tests {
		r, err := svc.Report(ctx, tt.actor, tt.code, tt.channel, week)
		var de *domain.Error
		switch {
		case tt.wantCode == "" && err != nil:
			t.Errorf("%q in %s: %v", tt.code, tt.channel, err)
		case tt.wantCode != "" && (!errors.As(err, &de) || de.Code != tt.wantCode):
			t.Errorf("%q in %s: %v, want %s", tt.code, tt.channel, err, tt.wantCode)
		case tt.wantCode == "" && (len(r.Stores) != 1 || r.Stores[0].Code != "TM01" || !r.Stores[0].NoData):
			t.Errorf("%q in %s: %+v", tt.code, tt.channel, r)
		}
	}
}

// fakeBuyers answers RepeatBuyers by the period's first instant in its zone (RFC 3339),
// and records the bounds asked.
type fakeBuyers struct {
	counts map[string][2]int64
	asked  []string
}

func (f *fakeBuyers) RepeatBuyers(_ context.Context, _ string, from, to time.Time) (int64, int64, error) {
	f.asked = append(f.asked, from.Format(time.RFC3339)+"/"+to.Format(time.RFC3339))
	c := f.counts[from.Format(time.RFC3339)]
	return c[0], c[1], nil
}

func TestPeriodReportRepeatPurchaseRate(t *testing.T) {
	cur := metrics.Counts{Visitors: 1000, PayingBuyers: 30, PaidOrders: 40, PaidAmount: 400000}
	week := WeekPeriod(d("2026-11-29"))
	la, _ := time.LoadLocation("America/Los_Angeles")
	buyers := &fakeBuyers{counts: map[string][2]int64{
		time.Date(2026, 11, 23, 0, 0, 0, 0, la).Format(time.RFC3339): {200, 30}, // 15 %
		time.Date(2026, 11, 16, 0, 0, 0, 0, la).Format(time.RFC3339): {100, 10}, // 10 %
	}}
	m := &fakeMetrics{days: append(weekDays("LA01", "2026-11-23", 7, cur), weekDays("LA01", "2026-11-16", 7, cur)...)}
	svc := newTestService(m, store.Store{Code: "LA01", TeamChannel: "C1", TimeZone: "America/Los_Angeles"})
	svc.d.Buyers = buyers
	r, err := svc.ChannelReport(context.Background(), "C1", week)
	if err != nil {
		t.Fatal(err)
	}
	f := periodFig(r.Stores[0], FigRepeatRate)
	if f.Value.Round(6) != metrics.KPIOf(0.15) || f.VsPrev != metrics.KPIOf(50) || f.VsYear.OK || f.Kind != KindRate {
		t.Errorf("repeat rate %+v", f)
	}
	// The week is the store's: Monday 00:00 to the next Monday 00:00 in Los Angeles; last
	// year has no figures, so it is not asked.
	if len(buyers.asked) != 2 || buyers.asked[0] != "2026-11-23T00:00:00-08:00/2026-11-30T00:00:00-08:00" {
		t.Errorf("periods asked: %v", buyers.asked)
	}
	// Without any of the store's orders in StoreOps the figure is left out, not shown as "—".
	buyers.counts, buyers.asked = nil, nil
	r, err = svc.ChannelReport(context.Background(), "C1", week)
	if err != nil {
		t.Fatal(err)
	}
	if f := periodFig(r.Stores[0], FigRepeatRate); f.Name != "" || len(r.Stores[0].Figures) != len(PeriodFigures(metrics.BasisBuyers)) {
		t.Errorf("repeat rate without orders: %+v", r.Stores[0].Figures)
	}
}

func TestPeriodDue(t *testing.T) {
	shanghai, _ := time.LoadLocation("Asia/Shanghai")
	ch := Defaults("C1")
	cases := []struct {
		kind   PeriodKind
		now    time.Time
		period string
		due    bool
	}{
		{KindWeek, time.Date(2026, 11, 30, 9, 29, 0, 0, shanghai), "2026-W48", false},
		{KindWeek, time.Date(2026, 11, 30, 9, 30, 0, 0, shanghai), "2026-W48", true},
		{KindWeek, time.Date(2026, 11, 30, 23, 59, 0, 0, shanghai), "2026-W48", true},
		{KindWeek, time.Date(2026, 12, 1, 9, 30, 0, 0, shanghai), "2026-W48", false}, // Tuesday
		{KindWeek, time.Date(2027, 1, 4, 9, 30, 0, 0, shanghai), "2026-W53", true},   // 2026 has 53 ISO weeks
		{KindMonth, time.Date(2026, 12, 1, 9, 59, 0, 0, shanghai), "2026-11", false},
		{KindMonth, time.Date(2026, 12, 1, 10, 0, 0, 0, shanghai), "2026-11", true},
		{KindMonth, time.Date(2027, 1, 1, 10, 0, 0, 0, shanghai), "2026-12", true},
		{KindMonth, time.Date(2026, 12, 2, 10, 0, 0, 0, shanghai), "2026-11", false},
		{KindDay, time.Date(2026, 12, 1, 10, 0, 0, 0, shanghai), "2026-11-30", false}, // the digest's job
	}
	for _, c := range cases {
		p, due := PeriodDue(c.kind, ch, shanghai, c.now)
		if p.Key() != c.period || due != c.due {
			t.Errorf("%s at %s: %s %v, want %s %v", c.kind, c.now, p.Key(), due, c.period, c.due)
		}
	}
}
