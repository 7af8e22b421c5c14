package campaign

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"storeops/domain"
	"storeops/domain/metrics"
	"storeops/domain/store"
)

// DayFigures are one campaign day's figures.
type DayFigures struct {
	Date         string       `json:"date"` // 2006-01-02 in the store's zone
	PaidAmount   domain.Money `json:"paid_amount"`
	PaidOrders   int64        `json:"paid_orders"`
	Visitors     int64        `json:"visitors"`
	PayingBuyers int64        `json:"paying_buyers"`
	// Metrics is true when the day came from the daily figures; otherwise from the orders
	// (paid amount and orders only), up to now when it is today.
	Metrics bool `json:"metrics,omitempty"`
}

// SKUFigures are a campaign SKU's sales over the days with figures.
type SKUFigures struct {
	SKU        string       `json:"sku"`
	Units      int64        `json:"units"`
	PaidAmount domain.Money `json:"paid_amount"`
}

// Live is a campaign's figures at a moment against its pro-rated targets.
type Live struct {
	Campaign Card      `json:"campaign"`
	At       time.Time `json:"at"`
	// Closing marks the evening closing summary; Final the figures at the end.
	Closing bool `json:"closing,omitempty"`
	// ClockPct and DaysPct are the elapsed shares (Elapsed) in percent.
	ClockPct int          `json:"clock_pct"`
	DaysPct  int          `json:"days_pct"`
	Share    int          `json:"share"`
	Actuals  Actuals      `json:"actuals"`
	Figures  []Figure     `json:"figures"`
	Days     []DayFigures `json:"days"`
	SKUs     []SKUFigures `json:"skus,omitempty"`
}

// Below are the figures under their share of the pro-rated target.
func (l Live) Below() []Figure {
	var out []Figure
	for _, f := range l.Figures {
		if f.Below {
			out = append(out, f)
		}
	}
	return out
}

func (s *Service) alertShare(c Campaign) int {
	if c.AlertShare > 0 {
		return c.AlertShare
	}
	return s.d.Settings.AlertShare
}

// measure reads the campaign's figures up to now (or its end). Each day of the campaign, in
// the store's zone, counts from the store's daily figures once it is over and has them, and
// otherwise from StoreOps' own orders of that day within the campaign (today: up to now).
// Visitors and buyers come only from daily figures. A campaign that starts inside a day
// counts that day's daily figures whole.
func (s *Service) measure(ctx context.Context, c Campaign, st store.Store, now time.Time) (Live, error) {
	loc := s.zoneOf(st)
	endAt := now
	if c.End.Before(endAt) {
		endAt = c.End
	}
	live := Live{Campaign: CardOf(c, loc, now), At: now, Share: s.alertShare(c)}
	if !endAt.After(c.Start) {
		live.Figures = Evaluate(c.Targets, Actuals{ConversionBP: -1}, 0, 0, live.Share)
		return live, nil
	}
	first := metrics.DateOf(c.Start, loc)
	last := metrics.DateOf(endAt.Add(-time.Nanosecond), loc)
	days, err := s.d.Figures.Range(ctx, c.StoreCode, metrics.SourceOverall, first, last, true)
	if err != nil {
		return Live{}, fmt.Errorf("figures of %s: %w", c.Number(), err)
	}
	byDate := map[string]metrics.Day{}
	for _, d := range days {
		byDate[d.Date.Format(time.DateOnly)] = d
	}
	wanted := map[string]bool{}
	for _, sku := range c.SKUs {
		wanted[strings.ToUpper(sku)] = true
	}
	skus := map[string]*SKUFigures{}
	var withFigures []metrics.Counts
	var lastDay time.Time
	var a Actuals
	for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
		y, m, dd := d.Date()
		dayStart, dayEnd := time.Date(y, m, dd, 0, 0, 0, 0, loc), time.Date(y, m, dd+1, 0, 0, 0, 0, loc)
		key := d.Format(time.DateOnly)
		row := DayFigures{Date: key}
		if md, ok := byDate[key]; ok && !dayEnd.After(now) {
			row.Metrics = true
			row.PaidAmount, row.PaidOrders, row.Visitors, row.PayingBuyers = md.PaidAmount, md.PaidOrders, md.Visitors, md.PayingBuyers
			withFigures = append(withFigures, md.Counts)
			lastDay = d
			for _, sk := range md.SKUs {
				k := strings.ToUpper(sk.SKU)
				if len(wanted) > 0 && !wanted[k] {
					continue
				}
				if skus[k] == nil {
					skus[k] = &SKUFigures{SKU: sk.SKU}
				}
				skus[k].Units += sk.Units
				skus[k].PaidAmount += sk.PaidAmount
			}
		} else {
			from, to := maxTime(dayStart, c.Start), minTime(dayEnd, endAt)
			t, err := s.d.Orders.Totals(ctx, c.StoreCode, from, to)
			if err != nil {
				return Live{}, fmt.Errorf("orders of %s on %s: %w", c.Number(), key, err)
			}
			row.PaidAmount, row.PaidOrders = t.PaidAmount, t.PaidOrders
		}
		a.PaidAmount += row.PaidAmount
		a.PaidOrders += row.PaidOrders
		a.Visitors += row.Visitors
		a.PayingBuyers += row.PayingBuyers
		live.Days = append(live.Days, row)
	}
	a.ConversionBP = -1
	if conv := metrics.Conversion(metrics.SumCounts(withFigures...), metrics.Basis(st.ConversionBasis)); conv.OK {
		a.ConversionBP = int64(math.Round(conv.V * 10000))
	}
	for _, sku := range c.SKUs {
		if skus[strings.ToUpper(sku)] == nil {
			skus[strings.ToUpper(sku)] = &SKUFigures{SKU: sku}
		}
	}
	for _, f := range skus {
		live.SKUs = append(live.SKUs, *f)
	}
	slices.SortFunc(live.SKUs, func(x, y SKUFigures) int {
		if x.PaidAmount != y.PaidAmount {
			if x.PaidAmount > y.PaidAmount {
				return -1
			}
			return 1
		}
		return strings.Compare(x.SKU, y.SKU)
	})
	clock, daysShare := Elapsed(c.Start, c.End, endAt, loc, lastDay)
	live.ClockPct, live.DaysPct = int(math.Round(clock*100)), int(math.Round(daysShare*100))
	live.Actuals = a
	live.Figures = Evaluate(c.Targets, a, clock, daysShare, live.Share)
	return live, nil
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// Show returns the campaign's figures now (`/ops campaign show`): live while it runs, final
// after, none before.
func (s *Service) Show(ctx context.Context, id int64) (Campaign, *Live, error) {
	c, err := s.Find(ctx, id)
	if err != nil {
		return Campaign{}, nil, err
	}
	if c.Status != StatusRunning && c.Status != StatusEnded && c.Status != StatusSummarised {
		return c, nil, nil
	}
	st, err := s.d.Stores.Find(ctx, c.StoreCode)
	if err != nil {
		return Campaign{}, nil, err
	}
	live, err := s.measure(ctx, c, st, s.d.Clock.Now())
	if err != nil {
		return Campaign{}, nil, err
	}
	return c, &live, nil
}

// Watch jobs.
const (
	JobWatch   = "campaign.watch"
	JobClose   = "campaign.close"
	JobSoldOut = "campaign.soldout"
)

// WatchResult counts what a Watch run sent.
type WatchResult struct {
	Posts, Closings, Alerts int
}

// Watch posts the live figures of every running campaign once per WatchEvery slot (counted
// from its start) and the closing summary once an evening (CloseHour of the store's day),
// alerting the owner of figures below their share of the pro-rated target and of campaign
// SKUs sold out. Each post commits with its jobrun marker, so that replicas and reruns never
// post a slot twice.
func (s *Service) Watch(ctx context.Context) (WatchResult, error) {
	var res WatchResult
	running, err := s.d.Repo.List(ctx, Filter{Statuses: []Status{StatusRunning}})
	if err != nil {
		return res, fmt.Errorf("running campaigns: %w", err)
	}
	for _, c := range running {
		if err := s.watchOne(ctx, c, &res); err != nil {
			return res, fmt.Errorf("watch %s: %w", c.Number(), err)
		}
	}
	return res, nil
}

// Slot is the period of a live post at now: its number since the start ("C-12/3").
func Slot(c Campaign, every time.Duration, now time.Time) (string, bool) {
	if now.Before(c.Start) || !now.Before(c.End) || every <= 0 {
		return "", false
	}
	n := int64(now.Sub(c.Start) / every)
	return c.Number() + "/" + strconv.FormatInt(n, 10), true
}

// ClosingDue reports whether the evening closing summary of now's day (in loc) is due, and
// the day: from closeHour of a campaign day until the day ends.
func ClosingDue(c Campaign, closeHour int, loc *time.Location, now time.Time) (string, bool) {
	if now.Before(c.Start) || !now.Before(c.End) {
		return "", false
	}
	local := now.In(loc)
	if local.Hour() < closeHour {
		return "", false
	}
	return c.Number() + "/" + local.Format(time.DateOnly), true
}

func (s *Service) watchOne(ctx context.Context, c Campaign, res *WatchResult) error {
	st, err := s.d.Stores.Find(ctx, c.StoreCode)
	if err != nil {
		return err
	}
	now := s.d.Clock.Now()
	loc := s.zoneOf(st)
	post := func(job, period string, closing bool) error {
		return s.d.Tx.InTx(ctx, func(ctx context.Context) error {
			first, err := s.d.Runs.MarkOnce(ctx, job, period, now)
			if err != nil || !first {
				return err
			}
			live, err := s.measure(ctx, c, st, now)
			if err != nil {
				return err
			}
			live.Closing = closing
			if st.TeamChannel != "" {
				if err := s.d.Outbox.Post(ctx, TemplateLive, st.TeamChannel, "", live); err != nil {
					return err
				}
				if len(live.Days) > 0 {
					if err := s.d.Outbox.Post(ctx, TemplateChart, st.TeamChannel, "", live); err != nil {
						return err
					}
				}
			}
			if closing {
				res.Closings++
			} else {
				res.Posts++
			}
			for _, f := range live.Below() {
				if err := s.d.Outbox.DM(ctx, TemplateAlert, c.Owner, "", Alert{Campaign: live.Campaign, Figure: f, Share: live.Share}); err != nil {
					return err
				}
				res.Alerts++
			}
			return nil
		})
	}
	if slot, ok := Slot(c, s.d.Settings.WatchEvery, now); ok {
		if err := post(JobWatch, slot, false); err != nil {
			return err
		}
	}
	if day, ok := ClosingDue(c, s.d.Settings.CloseHour, loc, now); ok {
		if err := post(JobClose, day, true); err != nil {
			return err
		}
	}
	return s.soldOut(ctx, c, loc, now, res)
}

// soldOut alerts the owner, once per SKU and campaign, of campaign SKUs whose listing
// stock is 0.
func (s *Service) soldOut(ctx context.Context, c Campaign, loc *time.Location, now time.Time, res *WatchResult) error {
	if len(c.SKUs) == 0 || s.d.Stock == nil {
		return nil
	}
	stock, err := s.d.Stock.Stock(ctx, c.StoreCode, c.SKUs)
	if err != nil {
		return err
	}
	for _, sku := range c.SKUs {
		if n, ok := stock[sku]; !ok || n > 0 {
			continue
		}
		err := s.d.Tx.InTx(ctx, func(ctx context.Context) error {
			first, err := s.d.Runs.MarkOnce(ctx, JobSoldOut, soldOutPeriod(c, sku), now)
			if err != nil || !first {
				return err
			}
			res.Alerts++
			return s.d.Outbox.DM(ctx, TemplateAlert, c.Owner, "", Alert{Campaign: CardOf(c, loc, now), SoldOut: sku})
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// soldOutPeriod is the jobrun period of a SKU's sold-out alert: "C-12/MUG-1", with a long
// SKU replaced by its hash so that the key fits the marker's 64 characters.
func soldOutPeriod(c Campaign, sku string) string {
	p := c.Number() + "/" + strings.ToUpper(sku)
	if len(p) <= 64 {
		return p
	}
	sum := sha256.Sum256([]byte(strings.ToUpper(sku)))
	return c.Number() + "/" + hex.EncodeToString(sum[:])[:40]
}
