// Package report turns the stores' daily figures into what the team reads: the morning
// digest of each team channel (SPEC §5). It reads metrics and counts what is waiting in the
// other areas through small ports, and queues the digest in the outbox.
package report

import (
	"time"

	"storeops/domain"
	"storeops/domain/metrics"
)

// Outbox templates of the digest.
const (
	// TemplateDigest is the digest message (payload Digest).
	TemplateDigest = "report.digest"
	// TemplateChart is the 14-day chart, a PNG uploaded into the digest's thread at
	// delivery (payload Chart).
	TemplateChart = "report.digest.chart"
)

// Limits of a digest.
const (
	// SeriesDays is how many days the chart shows, ending with the digest's date.
	SeriesDays = 14
	// TopN is how many SKUs a store's digest names.
	TopN = 5
)

// Figure names, in the order a digest shows them.
const (
	FigVisitors   = "visitors"
	FigOrders     = "orders"
	FigPaidAmount = "paid_amount"
	FigConversion = "conversion"
	FigAOV        = "aov"
	FigRefundRate = "refund_rate"
)

// Kinds of figure, which say how a view formats the value.
const (
	KindCount = "count" // a whole number
	KindMoney = "money" // minor units
	KindRate  = "rate"  // a ratio, shown as a percentage
)

// Digest is one team channel's morning message: yesterday's figures of each of its stores.
type Digest struct {
	Channel string `json:"channel"`
	// Date is the day the figures are of (yesterday in the store's zone), "2006-01-02".
	Date string `json:"date"`
	// Threshold is the |change| in percent at or above which a figure is flagged.
	Threshold float64       `json:"threshold"`
	Stores    []StoreDigest `json:"stores"`
	// Approvals is the number of pending approval requests (they belong to no store, so
	// the channel gets one count).
	Approvals int `json:"approvals,omitempty"`
	// Preview marks an on-demand digest (not the scheduled one).
	Preview bool `json:"preview,omitempty"`
}

// StoreDigest is one store's part of a digest.
type StoreDigest struct {
	Code string `json:"code"`
	Name string `json:"name"`
	// Basis is the conversion formula used (the footnote says which).
	Basis metrics.Basis `json:"basis"`
	// Date is the day the store's figures are of when it is not the digest's (its zone
	// has not finished the digest's day yet); "" otherwise.
	Date string `json:"date,omitempty"`
	// NoData: the store has no figures for the date; Figures and Top are then empty.
	NoData  bool     `json:"no_data,omitempty"`
	Figures []Figure `json:"figures,omitempty"`
	Top     []TopSKU `json:"top,omitempty"`
	Waiting Waiting  `json:"waiting"`
	Series  []Point  `json:"series,omitempty"`
	// Window is the number of days the refund rate is computed over.
	Window int `json:"refund_window,omitempty"`
}

// Figure is one of a store's figures with its changes.
type Figure struct {
	Name  string      `json:"name"`
	Kind  string      `json:"kind"`
	Value metrics.KPI `json:"value"`
	// VsDay and VsWeek are the changes in percent against the day before and the same
	// weekday a week before; none when that day has no data or a zero value.
	VsDay  metrics.KPI `json:"vs_day"`
	VsWeek metrics.KPI `json:"vs_week"`
	// Flagged: one of the changes reached the threshold.
	Flagged bool `json:"flagged,omitempty"`
}

// TopSKU is one of a store's best sellers of the day.
type TopSKU struct {
	SKU        string       `json:"sku"`
	Units      int64        `json:"units"`
	PaidAmount domain.Money `json:"paid_amount"`
}

// Waiting counts what waits in a store at the time the digest is built.
type Waiting struct {
	HeldOrders        int `json:"held_orders,omitempty"`
	StaleCases        int `json:"stale_cases,omitempty"`
	OverdueInquiries  int `json:"overdue_inquiries,omitempty"`
	OverdueComplaints int `json:"overdue_complaints,omitempty"`
}

// Any reports whether anything waits.
func (w Waiting) Any() bool {
	return w.HeldOrders+w.StaleCases+w.OverdueInquiries+w.OverdueComplaints > 0
}

// Point is one day of the chart; HasData false is a gap, not a zero.
type Point struct {
	Date       string       `json:"date"`
	HasData    bool         `json:"has_data,omitempty"`
	Visitors   int64        `json:"visitors,omitempty"`
	PaidAmount domain.Money `json:"paid_amount,omitempty"`
}

// Chart is the payload of TemplateChart: the channel's stores added up per day.
type Chart struct {
	Channel string `json:"channel"`
	// Date is the digest's date, or a report's period key ("2026-W48").
	Date string `json:"date"`
	// Kind is the period of a weekly or monthly report's chart; empty for the digest's.
	Kind   PeriodKind `json:"kind,omitempty"`
	Stores []string   `json:"stores"`
	Points []Point    `json:"points"`
}

// HasData reports whether any store of the digest has figures for its date.
func (d Digest) HasData() bool {
	for _, s := range d.Stores {
		if !s.NoData {
			return true
		}
	}
	return false
}

// add adds one store's point to the chart's point of the same date (byDate indexes them),
// keeping the dates in the order they first come.
func (c *Chart) add(byDate map[string]int, p Point) {
	i, ok := byDate[p.Date]
	if !ok {
		i = len(c.Points)
		byDate[p.Date] = i
		c.Points = append(c.Points, Point{Date: p.Date})
	}
	if p.HasData {
		c.Points[i].HasData = true
		c.Points[i].Visitors += p.Visitors
		c.Points[i].PaidAmount += p.PaidAmount
	}
}

// Chart adds up the stores' series: the channel's chart.
func (d Digest) Chart() Chart {
	c := Chart{Channel: d.Channel, Date: d.Date}
	byDate := map[string]int{}
	for _, s := range d.Stores {
		c.Stores = append(c.Stores, s.Code)
		for _, p := range s.Series {
			c.add(byDate, p)
		}
	}
	return c
}

// dateKey is the form a Digest keeps dates in.
func dateKey(t time.Time) string { return t.Format(time.DateOnly) }
