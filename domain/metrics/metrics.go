// Package metrics keeps the stores' daily figures (SPEC §5): what the platforms report
// (traffic, orders, sales, refunds, per source and per SKU) and what StoreOps derives from
// its own orders, cleaned on the way in, and the KPIs derived from them — never stored.
package metrics

import (
	"context"
	"time"

	"storeops/domain"
)

// Source is where a day's traffic came from; SourceOverall is the store's whole day.
type Source string

const (
	SourceOverall        Source = "overall"
	SourceSearch         Source = "search"
	SourceAds            Source = "ads"
	SourceRecommendation Source = "recommendation"
	SourceSocial         Source = "social"
)

// Sources lists the known sources, overall first.
func Sources() []Source {
	return []Source{SourceOverall, SourceSearch, SourceAds, SourceRecommendation, SourceSocial}
}

// Origin says where a figure came from.
type Origin string

const (
	// OriginPlatform: reported by the platform (API or file import).
	OriginPlatform Origin = "platform"
	// OriginOrders: counted by StoreOps from the orders it received.
	OriginOrders Origin = "orders"
)

// Counts are the raw figures of a store's day; every KPI is derived from them.
type Counts struct {
	Visitors       int64 // unique visitors (UV)
	Sessions       int64
	PageViews      int64
	PayingBuyers   int64
	PaidOrders     int64
	PaidAmount     domain.Money
	RefundedOrders int64
	RefundedAmount domain.Money
}

// Day is a store's figures for one date and source. Date is the calendar day in the store's
// time zone, kept as midnight UTC of that date (only its year, month and day mean anything).
type Day struct {
	StoreCode string
	Date      time.Time
	Source    Source
	Counts
	// Origins names, per figure that StoreOps derived from its orders (field names of
	// Counts in snake case: "paid_orders"), OriginOrders; figures not listed came from the
	// platform.
	Origins map[string]Origin
	// SKUs are the per-SKU rows of the day (overall source only).
	SKUs      []SKUDay
	UpdatedBy string
	UpdatedAt time.Time
	Version   int
}

// SKUDay is one SKU's figures on a day.
type SKUDay struct {
	SKU        string
	Visitors   int64
	Buyers     int64
	Units      int64
	PaidAmount domain.Money
}

// DateOf is the calendar date of t in loc, as Day.Date keeps it.
func DateOf(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Repository stores days. Writes join the transaction in ctx.
type Repository interface {
	// Put stores d, replacing the store's day of the same date and source; it returns the
	// day it replaced, if any, for the audit.
	Put(ctx context.Context, d *Day) (replaced *Day, err error)
	// Range returns the store's days of source with from ≤ Date ≤ to, oldest first, SKU
	// rows included when withSKUs.
	Range(ctx context.Context, store string, source Source, from, to time.Time, withSKUs bool) ([]Day, error)
	// TopSKUs sums the store's SKU rows over from ≤ Date ≤ to and returns the n with the
	// highest paid amount.
	TopSKUs(ctx context.Context, store string, from, to time.Time, n int) ([]SKUDay, error)
}
