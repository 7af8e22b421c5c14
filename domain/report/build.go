package report

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"storeops/domain/metrics"
	"storeops/domain/store"
)

// Build builds a channel's digest of date (a metrics date: midnight UTC of the day) for
// every store whose team channel it is, with what is waiting now. A store whose own zone
// has not finished date yet (a store in Los Angeles in a channel that reads Shanghai
// time) shows its last finished day instead, named as such: a partial day would read as a
// collapse.
func (s *Service) Build(ctx context.Context, settings ChannelSettings, date time.Time) (Digest, error) {
	w, err := s.WaitingNow(ctx)
	if err != nil {
		return Digest{}, fmt.Errorf("digest of %s: %w", settings.Channel, err)
	}
	return s.BuildWith(ctx, settings, date, w)
}

// WaitingNow is what waits now in every store, and the pending approvals: what the
// digests show under "waiting".
type WaitingNow struct {
	ByStore   map[string]Waiting
	Approvals int
}

// WaitingNow counts what waits now across the stores. The counts cover every store, so
// the digest job takes them once a run for all its channels (BuildWith) rather than once a
// channel: held orders alone are thousands of index entries at a busy time.
func (s *Service) WaitingNow(ctx context.Context) (WaitingNow, error) {
	byStore, approvals, err := s.waiting(ctx)
	if err != nil {
		return WaitingNow{}, err
	}
	return WaitingNow{ByStore: byStore, Approvals: approvals}, nil
}

// BuildWith builds a channel's digest of date as Build does, with waiting counted before.
func (s *Service) BuildWith(ctx context.Context, settings ChannelSettings, date time.Time, waiting WaitingNow) (Digest, error) {
	all, err := s.d.Stores.List(ctx)
	if err != nil {
		return Digest{}, fmt.Errorf("digest of %s: %w", settings.Channel, err)
	}
	var stores []store.Store
	for _, st := range all {
		if st.TeamChannel == settings.Channel {
			stores = append(stores, st)
		}
	}
	slices.SortFunc(stores, func(a, b store.Store) int { return strings.Compare(a.Code, b.Code) })
	d := Digest{Channel: settings.Channel, Date: dateKey(date), Threshold: settings.Threshold, Approvals: waiting.Approvals}
	for _, st := range stores {
		day := date
		if last := LastDay(st.Zone(s.d.TZ), s.d.Clock.Now()); last.Before(day) {
			day = last
		}
		sd, err := s.storeDigest(ctx, st, day, settings.Threshold)
		if err != nil {
			return Digest{}, fmt.Errorf("digest of %s: %w", settings.Channel, err)
		}
		if !day.Equal(date) {
			sd.Date = dateKey(day)
		}
		sd.Waiting = waiting.ByStore[st.Code]
		d.Stores = append(d.Stores, sd)
	}
	return d, nil
}

// storeDigest reads the store's days in one query: the day, the day before, the same
// weekday last week, the chart's 14 days and the refund windows ending on each of the three
// comparison days all lie within the last 30 + 7 days.
func (s *Service) storeDigest(ctx context.Context, st store.Store, date time.Time, threshold float64) (StoreDigest, error) {
	sd := StoreDigest{Code: st.Code, Name: st.Name, Basis: basisOf(st), Window: metrics.DefaultRefundWindow}
	from := date.AddDate(0, 0, -(metrics.DefaultRefundWindow - 1 + 7))
	days, err := s.d.Metrics.Range(ctx, st.Code, metrics.SourceOverall, from, date, false)
	if err != nil {
		return StoreDigest{}, fmt.Errorf("figures of %s: %w", st.Code, err)
	}
	byDate := make(map[string]metrics.Counts, len(days))
	for _, d := range days {
		byDate[dateKey(d.Date)] = d.Counts
	}
	for i := SeriesDays - 1; i >= 0; i-- {
		k := dateKey(date.AddDate(0, 0, -i))
		c, ok := byDate[k]
		sd.Series = append(sd.Series, Point{Date: k, HasData: ok, Visitors: c.Visitors, PaidAmount: c.PaidAmount})
	}
	today, ok := byDate[dateKey(date)]
	if !ok {
		sd.NoData = true
		return sd, nil
	}
	dayBefore, hasDay := byDate[dateKey(date.AddDate(0, 0, -1))]
	weekBefore, hasWeek := byDate[dateKey(date.AddDate(0, 0, -7))]
	// The refund rate is a window's: the window ending on the date, compared with the
	// windows ending on the comparison days.
	window := func(end time.Time) metrics.Counts {
		var in []metrics.Counts
		for _, d := range days {
			if !d.Date.After(end) && d.Date.After(end.AddDate(0, 0, -metrics.DefaultRefundWindow)) {
				in = append(in, d.Counts)
			}
		}
		return metrics.SumCounts(in...)
	}
	type fig struct {
		name, kind string
		of         func(c metrics.Counts) metrics.KPI
	}
	figs := []fig{
		{FigVisitors, KindCount, func(c metrics.Counts) metrics.KPI { return metrics.CountKPI(c.Visitors) }},
		{FigOrders, KindCount, func(c metrics.Counts) metrics.KPI { return metrics.CountKPI(c.PaidOrders) }},
		{FigPaidAmount, KindMoney, func(c metrics.Counts) metrics.KPI { return metrics.AmountKPI(c.PaidAmount) }},
		{FigConversion, KindRate, func(c metrics.Counts) metrics.KPI { return metrics.Conversion(c, sd.Basis) }},
		{FigAOV, KindMoney, metrics.AOV},
	}
	for _, f := range figs {
		sd.Figures = append(sd.Figures, figure(f.name, f.kind, f.of(today), f.of(dayBefore), hasDay, f.of(weekBefore), hasWeek, threshold))
	}
	sd.Figures = append(sd.Figures, figure(FigRefundRate, KindRate,
		metrics.RefundRateOrders(window(date)),
		metrics.RefundRateOrders(window(date.AddDate(0, 0, -1))), hasDay,
		metrics.RefundRateOrders(window(date.AddDate(0, 0, -7))), hasWeek, threshold))
	top, err := s.d.Metrics.TopSKUs(ctx, st.Code, date, date, TopN)
	if err != nil {
		return StoreDigest{}, fmt.Errorf("top SKUs of %s: %w", st.Code, err)
	}
	for _, t := range top {
		sd.Top = append(sd.Top, TopSKU{SKU: t.SKU, Units: t.Units, PaidAmount: t.PaidAmount})
	}
	return sd, nil
}

// figure compares a value with the day before and the week before; a comparison day
// without data gives no change rather than a change against zero.
func figure(name, kind string, cur, day metrics.KPI, hasDay bool, week metrics.KPI, hasWeek bool, threshold float64) Figure {
	f := Figure{Name: name, Kind: kind, Value: cur}
	if hasDay {
		f.VsDay = metrics.ChangePct(cur, day).Round(1)
	}
	if hasWeek {
		f.VsWeek = metrics.ChangePct(cur, week).Round(1)
	}
	for _, c := range []metrics.KPI{f.VsDay, f.VsWeek} {
		if c.OK && (c.V >= threshold || c.V <= -threshold) {
			f.Flagged = true
		}
	}
	return f
}

// basisOf is the store's conversion basis; an unset or unknown one is the default.
func basisOf(st store.Store) metrics.Basis {
	b, err := metrics.ParseBasis(st.ConversionBasis)
	if err != nil {
		return metrics.BasisBuyers
	}
	return b
}

// waiting counts what waits now, per store, and the pending approvals.
func (s *Service) waiting(ctx context.Context) (map[string]Waiting, int, error) {
	out := map[string]Waiting{}
	add := func(counts map[string]int, set func(*Waiting, int)) {
		for code, n := range counts {
			w := out[code]
			set(&w, n)
			out[code] = w
		}
	}
	if s.d.Held != nil {
		m, err := s.d.Held.HeldOrders(ctx)
		if err != nil {
			return nil, 0, fmt.Errorf("count held orders: %w", err)
		}
		add(m, func(w *Waiting, n int) { w.HeldOrders = n })
	}
	if s.d.Stale != nil {
		m, err := s.d.Stale.StaleCases(ctx)
		if err != nil {
			return nil, 0, fmt.Errorf("count stale after-sales cases: %w", err)
		}
		add(m, func(w *Waiting, n int) { w.StaleCases = n })
	}
	if s.d.Inquiries != nil {
		m, err := s.d.Inquiries.OverdueInquiries(ctx)
		if err != nil {
			return nil, 0, fmt.Errorf("count overdue inquiries: %w", err)
		}
		add(m, func(w *Waiting, n int) { w.OverdueInquiries = n })
	}
	if s.d.Complaints != nil {
		m, err := s.d.Complaints.OverdueComplaints(ctx)
		if err != nil {
			return nil, 0, fmt.Errorf("count overdue complaints: %w", err)
		}
		add(m, func(w *Waiting, n int) { w.OverdueComplaints = n })
	}
	approvals := 0
	if s.d.Approvals != nil {
		n, err := s.d.Approvals.PendingApprovals(ctx)
		if err != nil {
			return nil, 0, fmt.Errorf("count pending approvals: %w", err)
		}
		approvals = n
	}
	return out, approvals, nil
}
