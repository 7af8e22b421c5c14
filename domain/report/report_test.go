package report

import (
	"context"
	"slices"
	"testing"
	"time"

	"storeops/domain"
	"storeops/domain/audit"
	"storeops/domain/metrics"
	"storeops/domain/outbox"
	"storeops/domain/store"
)

// fakeMetrics is metrics.Repository over a slice, for the digest's rules.
type fakeMetrics struct{ days []metrics.Day }

func (f *fakeMetrics) Put(_ context.Context, d *metrics.Day) (*metrics.Day, error) {
	f.days = append(f.days, *d)
	return nil, nil
}

func (f *fakeMetrics) Range(_ context.Context, st string, src metrics.Source, from, to time.Time, _ bool) ([]metrics.Day, error) {
	var out []metrics.Day
	for _, d := range f.days {
		if d.StoreCode == st && d.Source == src && !d.Date.Before(from) && !d.Date.After(to) {
			out = append(out, d)
		}
	}
	slices.SortFunc(out, func(a, b metrics.Day) int { return a.Date.Compare(b.Date) })
	return out, nil
}

func (f *fakeMetrics) TopSKUs(_ context.Context, st string, from, to time.Time, n int) ([]metrics.SKUDay, error) {
	sum := map[string]metrics.SKUDay{}
	for _, d := range f.days {
		if d.StoreCode == st && !d.Date.Before(from) && !d.Date.After(to) {
			for _, s := range d.SKUs {
				t := sum[s.SKU]
				t.SKU, t.Units, t.PaidAmount = s.SKU, t.Units+s.Units, t.PaidAmount+s.PaidAmount
				sum[s.SKU] = t
			}
		}
	}
	var out []metrics.SKUDay
	for _, s := range sum {
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b metrics.SKUDay) int { return int(b.PaidAmount - a.PaidAmount) })
	return out[:min(n, len(out))], nil
}

type fakeStores []store.Store

func (f fakeStores) List(context.Context) ([]store.Store, error) { return f, nil }

type counts map[string]int

func (c counts) HeldOrders(context.Context) (map[string]int, error)        { return c, nil }
func (c counts) OverdueComplaints(context.Context) (map[string]int, error) { return c, nil }

type approvals int

func (a approvals) PendingApprovals(context.Context) (int, error) { return int(a), nil }

var date = time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)

// morning is when date's digest is built: 09:00 the day after.
var morning = date.AddDate(0, 0, 1).Add(9 * time.Hour)

func day(st string, offset int, c metrics.Counts, skus ...metrics.SKUDay) metrics.Day {
	return metrics.Day{StoreCode: st, Date: date.AddDate(0, 0, -offset), Source: metrics.SourceOverall, Counts: c, SKUs: skus}
}

func newTestService(m *fakeMetrics, stores ...store.Store) *Service {
	return NewService(Deps{Metrics: m, Stores: fakeStores(stores), TZ: time.UTC, Clock: domain.NewManualClock(morning),
		Held: counts{"TM01": 2}, Complaints: counts{"TM01": 1, "JD01": 3}, Approvals: approvals(4)})
}

func fig(sd StoreDigest, name string) Figure {
	for _, f := range sd.Figures {
		if f.Name == name {
			return f
		}
	}
	return Figure{}
}

func TestBuildComparesAndFlags(t *testing.T) {
	m := &fakeMetrics{}
	base := metrics.Counts{Visitors: 1000, Sessions: 1200, PayingBuyers: 30, PaidOrders: 40, PaidAmount: 400000, RefundedOrders: 1}
	yesterday := base
	yesterday.Visitors, yesterday.PaidOrders, yesterday.PaidAmount = 1100, 50, 520000
	week := base
	week.Visitors = 1400
	m.days = append(m.days, day("TM01", 0, yesterday, metrics.SKUDay{SKU: "MUG-1", Units: 3, PaidAmount: 30000},
		metrics.SKUDay{SKU: "CUP-2", Units: 9, PaidAmount: 90000}), day("TM01", 1, base), day("TM01", 7, week),
		day("TM01", 20, metrics.Counts{PaidOrders: 10, RefundedOrders: 5}),  // in the refund window
		day("TM01", 40, metrics.Counts{PaidOrders: 10, RefundedOrders: 10}), // outside it
		day("JD01", 1, base))
	svc := newTestService(m,
		store.Store{Code: "TM01", Name: "Tmall", TeamChannel: "C1"},
		store.Store{Code: "JD01", Name: "JD", TeamChannel: "C1", ConversionBasis: "sessions"},
		store.Store{Code: "XX01", Name: "Elsewhere", TeamChannel: "C2"})
	d, err := svc.Build(context.Background(), Defaults("C1"), date)
	if err != nil {
		t.Fatal(err)
	}
	if d.Date != "2026-11-29" || d.Approvals != 4 || len(d.Stores) != 2 || d.Stores[0].Code != "JD01" || d.Stores[1].Code != "TM01" {
		t.Fatalf("digest %+v", d)
	}
	jd, tm := d.Stores[0], d.Stores[1]
	if !jd.NoData || len(jd.Figures) != 0 || jd.Basis != metrics.BasisSessions || jd.Waiting.OverdueComplaints != 3 {
		t.Errorf("a store without figures for the day: %+v", jd)
	}
	if tm.NoData || tm.Basis != metrics.BasisBuyers || tm.Waiting != (Waiting{HeldOrders: 2, OverdueComplaints: 1}) {
		t.Errorf("TM01 %+v", tm)
	}
	checks := []struct {
		name         string
		value, vsDay metrics.KPI
		vsWeek       metrics.KPI
		flagged      bool
	}{
		{FigVisitors, metrics.KPIOf(1100), metrics.KPIOf(10), metrics.KPIOf(-21.4), true},
		{FigOrders, metrics.KPIOf(50), metrics.KPIOf(25), metrics.KPIOf(25), true},
		{FigPaidAmount, metrics.KPIOf(520000), metrics.KPIOf(30), metrics.KPIOf(30), true},
		{FigConversion, metrics.KPIOf(30.0 / 1100), metrics.KPIOf(-9.1), metrics.KPIOf(27.3), true},
		{FigAOV, metrics.KPIOf(10400), metrics.KPIOf(4), metrics.KPIOf(4), false},
	}
	for _, c := range checks {
		f := fig(tm, c.name)
		if f.Value.Round(6) != c.value.Round(6) || f.VsDay != c.vsDay || f.VsWeek != c.vsWeek || f.Flagged != c.flagged {
			t.Errorf("%s = %v (%v day, %v week, flagged %v), want %v (%v, %v, %v)", c.name, f.Value, f.VsDay, f.VsWeek, f.Flagged,
				c.value, c.vsDay, c.vsWeek, c.flagged)
		}
	}
	// Refund rate over 30 days ending on the date: days 0, 1, 7, 20 → 8 refunds / 140 orders
	// (day 40 lies outside the window).
	if f := fig(tm, FigRefundRate); f.Value.Round(4) != metrics.KPIOf(0.0571) {
		t.Errorf("refund rate %v, want 0.0571", f.Value)
	}
	if len(tm.Top) != 2 || tm.Top[0].SKU != "CUP-2" {
		t.Errorf("top %+v", tm.Top)
	}
	if len(tm.Series) != SeriesDays || tm.Series[0].Date != "2026-11-16" || tm.Series[SeriesDays-1].Date != "2026-11-29" ||
		!tm.Series[SeriesDays-1].HasData || tm.Series[SeriesDays-3].HasData {
		t.Errorf("series %+v", tm.Series)
	}
	c := d.Chart()
	if len(c.Points) != SeriesDays || c.Points[SeriesDays-2].Visitors != 2000 || !slices.Equal(c.Stores, []string{"JD01", "TM01"}) {
		t.Errorf("chart adds up the stores: %+v", c)
	}
	if !d.HasData() {
		t.Error("HasData")
	}
}

func TestBuildADayWithoutData(t *testing.T) {
	m := &fakeMetrics{days: []metrics.Day{day("TM01", 1, metrics.Counts{Visitors: 5})}}
	svc := newTestService(m, store.Store{Code: "TM01", TeamChannel: "C1"})
	d, err := svc.Build(context.Background(), Defaults("C1"), date)
	if err != nil {
		t.Fatal(err)
	}
	if d.HasData() || !d.Stores[0].NoData || len(d.Stores[0].Figures) != 0 || len(d.Stores[0].Top) != 0 {
		t.Errorf("no data for the date must say so, not show zeros: %+v", d)
	}
}

func TestFigureZeroBaseAndThreshold(t *testing.T) {
	f := figure(FigOrders, KindCount, metrics.CountKPI(5), metrics.CountKPI(0), true, metrics.CountKPI(4), true, 25)
	if f.VsDay.OK || f.VsWeek != metrics.KPIOf(25) || !f.Flagged {
		t.Errorf("from zero there is no change; 25 %% reaches a 25 %% threshold: %+v", f)
	}
	f = figure(FigOrders, KindCount, metrics.CountKPI(5), metrics.CountKPI(6), true, metrics.NoKPI(), false, 20)
	if f.VsDay != metrics.KPIOf(-16.7) || f.VsWeek.OK || f.Flagged {
		t.Errorf("%+v", f)
	}
	f = figure(FigConversion, KindRate, metrics.NoKPI(), metrics.KPIOf(0.1), true, metrics.KPIOf(0.1), true, 20)
	if f.Value.OK || f.VsDay.OK || f.Flagged {
		t.Errorf("a missing value has no change: %+v", f)
	}
}

// memSettings is SettingsRepository in memory.
type memSettings map[string]ChannelSettings

func (m memSettings) List(context.Context) ([]ChannelSettings, error) {
	var out []ChannelSettings
	for _, s := range m {
		out = append(out, s)
	}
	return out, nil
}

func (m memSettings) Save(_ context.Context, s ChannelSettings) error {
	s.Stores = nil
	m[s.Channel] = s
	return nil
}

type noTx struct{}

func (noTx) InTx(ctx context.Context, fn func(context.Context) error) error { return fn(ctx) }

type memAudit struct {
	audit.Repository
	n int
}

func (a *memAudit) Append(context.Context, *audit.Entry) error { a.n++; return nil }

type memOutbox struct {
	outbox.Repository
	msgs []outbox.Message
}

func (o *memOutbox) Add(_ context.Context, m *outbox.Message) error {
	o.msgs = append(o.msgs, *m)
	return nil
}

func TestSettingsAndPosting(t *testing.T) {
	ctx := context.Background()
	m := &fakeMetrics{days: []metrics.Day{day("TM01", 0, metrics.Counts{Visitors: 10, PayingBuyers: 1, PaidOrders: 1, PaidAmount: 100})}}
	settings, ob, au := memSettings{}, &memOutbox{}, &memAudit{}
	clock := domain.NewManualClock(date.Add(26 * time.Hour)) // 2026-11-30 02:00 UTC
	svc := NewService(Deps{Metrics: m, Settings: settings, Tx: noTx{}, Audit: audit.NewLog(au, clock), Outbox: outbox.New(ob, clock),
		Clock: clock, TZ: time.UTC, Stores: fakeStores{
			{Code: "TM01", TeamChannel: "C1"}, {Code: "TM02", TeamChannel: "C1"}, {Code: "JD01", TeamChannel: "C0"}, {Code: "NO01"}}})
	admin := domain.Actor{UserID: "U1", Roles: []domain.Role{domain.RoleAdmin}}
	assistant := domain.Actor{UserID: "U2", Roles: []domain.Role{domain.RoleAssistant}}

	all, err := svc.Settings(ctx)
	if err != nil || len(all) != 2 || all[0].Channel != "C0" || all[1].At != DefaultAt || !slices.Equal(all[1].Stores, []string{"TM01", "TM02"}) {
		t.Fatalf("settings %+v %v", all, err)
	}
	if _, err := svc.SetTime(ctx, assistant, "C1", "07:30"); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Errorf("assistant sets the time: %v", err)
	}
	if _, err := svc.SetTime(ctx, admin, "C9", "07:30"); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("a channel that is no team channel: %v", err)
	}
	if _, err := svc.SetTime(ctx, admin, "C1", "7h"); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("bad time: %v", err)
	}
	if _, err := svc.SetThreshold(ctx, admin, "C1", 0); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("zero threshold: %v", err)
	}
	if _, err := svc.SetTime(ctx, admin, "C1", "07:30"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.SetThreshold(ctx, admin, "C1", 35); err != nil {
		t.Fatal(err)
	}
	all, _ = svc.Settings(ctx)
	if all[1].At != 450 || all[1].Threshold != 35 || all[1].UpdatedBy != "U1" || all[0].At != DefaultAt || au.n != 2 {
		t.Errorf("after setting: %+v, %d audit entries", all, au.n)
	}

	if _, err := svc.PostNow(ctx, assistant, "C1"); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Errorf("assistant posts now: %v", err)
	}
	p, err := svc.Preview(ctx, assistant, "C1")
	if err != nil || !p.Preview || p.Date != "2026-11-29" || p.Threshold != 35 || len(ob.msgs) != 0 {
		t.Errorf("preview %+v %v (queued %d)", p, err, len(ob.msgs))
	}
	if _, err := svc.PostNow(ctx, admin, "C1"); err != nil {
		t.Fatal(err)
	}
	if len(ob.msgs) != 2 || ob.msgs[0].Template != TemplateDigest || ob.msgs[1].Template != TemplateChart ||
		!ob.msgs[1].Thread || ob.msgs[1].Ref != ob.msgs[0].Ref || ob.msgs[0].Ref == Ref("C1", date) {
		t.Errorf("post now queued %+v", ob.msgs)
	}
	// A channel without any data gets the digest saying so, and no chart.
	d, err := svc.Build(ctx, Defaults("C0"), date)
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.Queue(ctx, d, Ref("C0", date)); err != nil {
		t.Fatal(err)
	}
	if len(ob.msgs) != 3 || ob.msgs[2].Ref != "digest:C0:2026-11-29" {
		t.Errorf("no chart without data: %+v", ob.msgs[2:])
	}
}
