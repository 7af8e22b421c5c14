package report

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"storeops/domain"
	"storeops/domain/metrics"
	"storeops/domain/store"
)

// Outbox template of the weekly and monthly reports (payload PeriodReport); their chart
// goes into the thread with TemplateChart, like the digest's.
const TemplatePeriod = "report.period"

// Figure names a period report shows beside the digest's.
const (
	FigPerBuyer          = "per_buyer"
	FigRefundRateAmount  = "refund_rate_amount"
	FigRevenuePerVisitor = "revenue_per_visitor"
	FigRepeatRate        = "repeat_rate"
)

// PeriodReport is the figures of a period for one store or for the stores of a team
// channel, with the changes against the period before and the same period last year.
type PeriodReport struct {
	Kind PeriodKind `json:"kind"`
	// Period, Previous and LastYear are period keys ("2026-W48"); From and To the first
	// and last day of Period.
	Period   string `json:"period"`
	From     string `json:"from"`
	To       string `json:"to"`
	Previous string `json:"previous"`
	LastYear string `json:"last_year"`
	// Channel is the team channel the report is for; empty for one store's report.
	Channel string        `json:"channel,omitempty"`
	Stores  []StorePeriod `json:"stores"`
}

// StorePeriod is one store's part of a period report.
type StorePeriod struct {
	Code  string        `json:"code"`
	Name  string        `json:"name"`
	Basis metrics.Basis `json:"basis"`
	// Days, PrevDays and YearDays count the days with figures in the period, the period
	// before and the same period last year; a comparison period without any gives no
	// changes, and a partial one is named as such.
	Days     int `json:"days"`
	PrevDays int `json:"prev_days"`
	YearDays int `json:"year_days"`
	// NoData: no figures in the period; Figures, Totals and Top are then empty.
	NoData  bool           `json:"no_data,omitempty"`
	Totals  metrics.Counts `json:"totals"`
	Figures []PeriodFigure `json:"figures,omitempty"`
	Top     []TopSKU       `json:"top,omitempty"`
	// Series is one point a day of the period, for the chart and the daily sheet.
	Series []DailyCounts `json:"series,omitempty"`
}

// PeriodFigure is a figure of the period with its changes in percent; a change is missing
// when its comparison period has no figures or a zero value.
type PeriodFigure struct {
	Name   string      `json:"name"`
	Kind   string      `json:"kind"`
	Value  metrics.KPI `json:"value"`
	VsPrev metrics.KPI `json:"vs_prev"`
	VsYear metrics.KPI `json:"vs_year"`
}

// DailyCounts is one day of a period; HasData false is a day without figures.
type DailyCounts struct {
	Date    string         `json:"date"`
	HasData bool           `json:"has_data,omitempty"`
	Counts  metrics.Counts `json:"counts"`
}

// HasData reports whether any store has figures in the period.
func (r PeriodReport) HasData() bool {
	return slices.ContainsFunc(r.Stores, func(s StorePeriod) bool { return !s.NoData })
}

// Chart adds up the stores' days: the report's chart, in the digest's chart payload.
func (r PeriodReport) Chart() Chart {
	c := Chart{Channel: r.Channel, Date: r.Period, Kind: r.Kind}
	byDate := map[string]int{}
	for _, s := range r.Stores {
		c.Stores = append(c.Stores, s.Code)
		for _, d := range s.Series {
			c.add(byDate, Point{Date: d.Date, HasData: d.HasData, Visitors: d.Counts.Visitors, PaidAmount: d.Counts.PaidAmount})
		}
	}
	return c
}

// Report builds the report of p for one store (code) or, without one, for the stores whose
// team channel is channel. The team only.
func (s *Service) Report(ctx context.Context, actor domain.Actor, code, channel string, p Period) (PeriodReport, error) {
	if len(actor.Roles) == 0 {
		names := make([]string, 0, len(domain.Roles()))
		for _, r := range domain.Roles() {
			names = append(names, string(r))
		}
		return PeriodReport{}, domain.Errorf(domain.EFORBIDDEN, "error.needs_role", strings.Join(names, " / "))
	}
	all, err := s.d.Stores.List(ctx)
	if err != nil {
		return PeriodReport{}, fmt.Errorf("%s report %s: %w", p.Kind, p.Key(), err)
	}
	var stores []store.Store
	for _, st := range all {
		if (code != "" && strings.EqualFold(st.Code, code)) || (code == "" && st.TeamChannel == channel) {
			stores = append(stores, st)
		}
	}
	switch {
	case code != "" && len(stores) == 0:
		return PeriodReport{}, domain.Errorf(domain.ENOTFOUND, "report.store.not_found", code)
	case len(stores) == 0:
		return PeriodReport{}, domain.Errorf(domain.EINVALID, "report.store.needed", "<#"+channel+">")
	case code != "":
		channel = ""
	}
	return s.BuildPeriod(ctx, channel, stores, p)
}

// ChannelReport builds the report of p for the stores whose team channel is channel, as
// the weekly and monthly jobs post it.
func (s *Service) ChannelReport(ctx context.Context, channel string, p Period) (PeriodReport, error) {
	all, err := s.d.Stores.List(ctx)
	if err != nil {
		return PeriodReport{}, fmt.Errorf("%s report of %s: %w", p.Kind, channel, err)
	}
	var stores []store.Store
	for _, st := range all {
		if st.TeamChannel == channel {
			stores = append(stores, st)
		}
	}
	return s.BuildPeriod(ctx, channel, stores, p)
}

// BuildPeriod builds the report of p for stores, in code order.
func (s *Service) BuildPeriod(ctx context.Context, channel string, stores []store.Store, p Period) (PeriodReport, error) {
	stores = slices.Clone(stores)
	slices.SortFunc(stores, func(a, b store.Store) int { return strings.Compare(a.Code, b.Code) })
	prev, year := p.Previous(), p.LastYear()
	r := PeriodReport{Kind: p.Kind, Period: p.Key(), From: dateKey(p.Start), To: dateKey(p.End),
		Previous: prev.Key(), LastYear: year.Key(), Channel: channel}
	for _, st := range stores {
		sp, err := s.storePeriod(ctx, st, p, prev, year)
		if err != nil {
			return PeriodReport{}, fmt.Errorf("%s report %s: %w", p.Kind, p.Key(), err)
		}
		r.Stores = append(r.Stores, sp)
	}
	return r, nil
}

// storePeriod reads the period and the one before in one query (they are adjacent) and
// last year's in another, rather than the whole year between.
func (s *Service) storePeriod(ctx context.Context, st store.Store, p, prev, year Period) (StorePeriod, error) {
	sp := StorePeriod{Code: st.Code, Name: st.Name, Basis: basisOf(st)}
	days, err := s.d.Metrics.Range(ctx, st.Code, metrics.SourceOverall, prev.Start, p.End, false)
	if err != nil {
		return StorePeriod{}, fmt.Errorf("figures of %s: %w", st.Code, err)
	}
	yearDays, err := s.d.Metrics.Range(ctx, st.Code, metrics.SourceOverall, year.Start, year.End, false)
	if err != nil {
		return StorePeriod{}, fmt.Errorf("last year's figures of %s: %w", st.Code, err)
	}
	cur, curN := sumIn(days, p)
	before, prevN := sumIn(days, prev)
	ago, yearN := sumIn(yearDays, year)
	sp.Days, sp.PrevDays, sp.YearDays = curN, prevN, yearN
	byDate := map[string]metrics.Counts{}
	for _, d := range days {
		if p.Contains(d.Date) {
			byDate[dateKey(d.Date)] = d.Counts
		}
	}
	for _, d := range p.Dates() {
		c, ok := byDate[dateKey(d)]
		sp.Series = append(sp.Series, DailyCounts{Date: dateKey(d), HasData: ok, Counts: c})
	}
	if curN == 0 {
		sp.NoData = true
		return sp, nil
	}
	sp.Totals = cur
	for _, f := range PeriodFigures(sp.Basis) {
		pf := PeriodFigure{Name: f.Name, Kind: f.Kind, Value: f.Of(cur)}
		if prevN > 0 {
			pf.VsPrev = metrics.ChangePct(pf.Value, f.Of(before)).Round(1)
		}
		if yearN > 0 {
			pf.VsYear = metrics.ChangePct(pf.Value, f.Of(ago)).Round(1)
		}
		sp.Figures = append(sp.Figures, pf)
	}
	repeat, ok, err := s.repeatFigure(ctx, st, p, prev, year, prevN > 0, yearN > 0)
	if err != nil {
		return StorePeriod{}, err
	}
	if ok {
		sp.Figures = append(sp.Figures, repeat)
	}
	top, err := s.d.Metrics.TopSKUs(ctx, st.Code, p.Start, p.End, TopN)
	if err != nil {
		return StorePeriod{}, fmt.Errorf("top SKUs of %s: %w", st.Code, err)
	}
	for _, t := range top {
		sp.Top = append(sp.Top, TopSKU{SKU: t.SKU, Units: t.Units, PaidAmount: t.PaidAmount})
	}
	return sp, nil
}

// repeatFigure is the period's repeat purchase rate from StoreOps' orders, compared like the
// other figures; ok is false when StoreOps has none of the store's paid orders in the
// period (a store known only by its platform's figures), rather than a rate of "—" every
// period.
func (s *Service) repeatFigure(ctx context.Context, st store.Store, p, prev, year Period, withPrev, withYear bool) (PeriodFigure, bool, error) {
	if s.d.Buyers == nil {
		return PeriodFigure{}, false, nil
	}
	zone := st.Zone(s.d.TZ)
	rate := func(q Period) (metrics.KPI, error) {
		from := time.Date(q.Start.Year(), q.Start.Month(), q.Start.Day(), 0, 0, 0, 0, zone)
		to := time.Date(q.End.Year(), q.End.Month(), q.End.Day()+1, 0, 0, 0, 0, zone)
		buyers, repeat, err := s.d.Buyers.RepeatBuyers(ctx, st.Code, from, to)
		if err != nil {
			return metrics.KPI{}, fmt.Errorf("repeat buyers of %s in %s: %w", st.Code, q.Key(), err)
		}
		return metrics.RepeatRate(repeat, buyers), nil
	}
	cur, err := rate(p)
	if err != nil || !cur.OK {
		return PeriodFigure{}, false, err
	}
	f := PeriodFigure{Name: FigRepeatRate, Kind: KindRate, Value: cur}
	for _, c := range []struct {
		with bool
		q    Period
		dst  *metrics.KPI
	}{{withPrev, prev, &f.VsPrev}, {withYear, year, &f.VsYear}} {
		if !c.with {
			continue
		}
		v, err := rate(c.q)
		if err != nil {
			return PeriodFigure{}, false, err
		}
		*c.dst = metrics.ChangePct(cur, v).Round(1)
	}
	return f, true, nil
}

// sumIn adds up the days of p and counts them.
func sumIn(days []metrics.Day, p Period) (metrics.Counts, int) {
	var in []metrics.Counts
	for _, d := range days {
		if p.Contains(d.Date) {
			in = append(in, d.Counts)
		}
	}
	return metrics.SumCounts(in...), len(in)
}

// FigureDef is how a period figure is derived from the period's summed counts.
type FigureDef struct {
	Name string
	Kind string
	Of   func(metrics.Counts) metrics.KPI
}

// PeriodFigures are the figures of a period report, in the order shown, with conversion on
// basis. The refund rates are the period's own (refunds of the period ÷ orders of the
// period), not the digest's trailing window.
func PeriodFigures(basis metrics.Basis) []FigureDef {
	return []FigureDef{
		{FigVisitors, KindCount, func(c metrics.Counts) metrics.KPI { return metrics.CountKPI(c.Visitors) }},
		{FigOrders, KindCount, func(c metrics.Counts) metrics.KPI { return metrics.CountKPI(c.PaidOrders) }},
		{FigPaidAmount, KindMoney, func(c metrics.Counts) metrics.KPI { return metrics.AmountKPI(c.PaidAmount) }},
		{FigConversion, KindRate, func(c metrics.Counts) metrics.KPI { return metrics.Conversion(c, basis) }},
		{FigAOV, KindMoney, metrics.AOV},
		{FigPerBuyer, KindMoney, metrics.PerBuyer},
		{FigRevenuePerVisitor, KindMoney, metrics.RevenuePerVisitor},
		{FigRefundRate, KindRate, metrics.RefundRateOrders},
		{FigRefundRateAmount, KindRate, metrics.RefundRateAmount},
	}
}

// QueuePeriod queues a built period report to its channel under ref, with its chart in
// the thread when any store has figures, in the caller's transaction (so that a job's
// sent-record commits with it).
func (s *Service) QueuePeriod(ctx context.Context, r PeriodReport, ref string) error {
	if err := s.d.Outbox.Post(ctx, TemplatePeriod, r.Channel, ref, r); err != nil {
		return fmt.Errorf("queue %s report of %s: %w", r.Kind, r.Channel, err)
	}
	if !r.HasData() {
		return nil
	}
	if err := s.d.Outbox.Reply(ctx, TemplateChart, r.Channel, ref, r.Chart()); err != nil {
		return fmt.Errorf("queue %s report chart of %s: %w", r.Kind, r.Channel, err)
	}
	return nil
}

// Times of day, in a channel's zone, of the scheduled period reports (SPEC §5): the weekly
// report on Monday at 09:30, the monthly one on the 1st at 10:00.
const (
	WeeklyAt  = 9*60 + 30
	MonthlyAt = 10 * 60
)

// PeriodDue says whether a channel's scheduled report of kind is due at now, and of which
// period: the last complete one in the channel's zone (Location), due from its time of day
// on the period's first day (Monday 09:30, the 1st 10:00) to the end of that day there, so
// that a replica that was down at 09:30 still posts it; the caller's sent-record makes it
// once. A channel of Los Angeles stores is not sent last week's report on Monday morning in
// Shanghai, when its Sunday is still going on.
func PeriodDue(kind PeriodKind, s ChannelSettings, company *time.Location, now time.Time) (Period, bool) {
	tz := s.Location(company)
	local := now.In(tz)
	p := Last(kind, metrics.DateOf(now, tz))
	var at int
	var firstDay bool
	switch kind {
	case KindWeek:
		at, firstDay = WeeklyAt, local.Weekday() == time.Monday
	case KindMonth:
		at, firstDay = MonthlyAt, local.Day() == 1
	default:
		return p, false
	}
	y, m, d := local.Date()
	return p, firstDay && !local.Before(time.Date(y, m, d, at/60, at%60, 0, 0, tz))
}

// Today is the current metrics date in the stores' zone, from which periods are named.
func (s *Service) Today() time.Time { return metrics.DateOf(s.d.Clock.Now(), s.d.TZ) }

// PeriodRef is the outbox ref of a channel's scheduled report of p.
func PeriodRef(channel string, p Period) string {
	return "report-" + string(p.Kind) + ":" + channel + ":" + p.Key()
}
