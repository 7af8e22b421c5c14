package appraisal

import (
	"context"
	"time"
)

// FigureKind says how a figure turns into a 0–100 part of its dimension.
type FigureKind string

const (
	// KindRatio is Good of Counted (on time, approved first time): Good/Counted.
	KindRatio FigureKind = "ratio"
	// KindAverage is an average on a 1–5 scale (complaint satisfaction), in tenths.
	KindAverage FigureKind = "average"
	// KindTarget is an actual against a target (store KPIs): min(actual/target, 1).
	KindTarget FigureKind = "target"
	// KindCount is a plain count with no score of its own (delistings handled).
	KindCount FigureKind = "count"
)

// Figure is one number StoreOps computed for an assistant's month from its own records. Key
// names it (the catalog says what it counts); Short names its drill-down (the records
// behind it), or else List is a command that shows what it reads. A figure whose area cannot say yet (campaigns) is not Available.
type Figure struct {
	Key       string     `json:"key"`
	Dimension Dimension  `json:"dimension"`
	Kind      FigureKind `json:"kind"`
	Available bool       `json:"available"`
	Counted   int        `json:"counted,omitempty"`
	Good      int        `json:"good,omitempty"`
	// Value is the average (tenths) or the actual; Target the target, both in the figure's
	// unit (cents, basis points).
	Value  int64  `json:"value,omitempty"`
	Target int64  `json:"target,omitempty"`
	Store  string `json:"store,omitempty"`
	// Extra is a detail shown beside the figure (the mean decision time of held orders,
	// in minutes).
	Extra int64  `json:"extra,omitempty"`
	List  string `json:"list,omitempty"`
	// Short is the figure's key in `/ops appraisal items` (held, listings…), which lists
	// the records behind it; "" for a figure with no records of its own (store results).
	Short string `json:"short,omitempty"`
}

// Part is the figure's 0–1000 (tenths of a percent) contribution to its dimension, and
// whether it has one.
func (f Figure) Part() (int, bool) {
	if !f.Available {
		return 0, false
	}
	switch f.Kind {
	case KindRatio:
		if f.Counted <= 0 {
			return 0, false
		}
		return divRound(f.Good*1000, f.Counted), true
	case KindAverage:
		if f.Counted <= 0 {
			return 0, false
		}
		// 1 is 0 and 5 is 100: (v - 1) / 4, with v in tenths.
		v := int(f.Value)
		return clampTenths(divRound(max(v-10, 0)*1000, 40)), true
	case KindTarget:
		if f.Target <= 0 {
			return 0, false
		}
		if f.Value >= f.Target {
			return 1000, true
		}
		return int((f.Value*2000 + f.Target) / (2 * f.Target)), true
	}
	return 0, false
}

// Figures are an assistant's month in numbers.
type Figures struct {
	Month     string   `json:"month"`
	Assistant string   `json:"assistant"`
	Items     []Figure `json:"items"`
}

// DataScores are the data parts of the dimensions that have any: the mean of the parts of
// their figures, rounded half up.
func (f Figures) DataScores() map[Dimension]int {
	sums, counts := map[Dimension]int{}, map[Dimension]int{}
	for _, it := range f.Items {
		if p, ok := it.Part(); ok {
			sums[it.Dimension] += p
			counts[it.Dimension]++
		}
	}
	out := map[Dimension]int{}
	for d, n := range counts {
		out[d] = divRound(sums[d], n)
	}
	return out
}

// Source is one area's figures of an assistant over [from, to): main adapts each area
// (listings, orders, after-sales, inquiries, complaints, campaigns) to it, so that appraisal
// imports none of them.
type Source interface {
	Figures(ctx context.Context, assistant string, from, to time.Time) ([]Figure, error)
}

// SourceFunc adapts a function to a Source.
type SourceFunc func(ctx context.Context, assistant string, from, to time.Time) ([]Figure, error)

// Figures calls f.
func (f SourceFunc) Figures(ctx context.Context, assistant string, from, to time.Time) ([]Figure, error) {
	return f(ctx, assistant, from, to)
}

// NotAvailable is a source for an area that cannot report yet: its figure is listed as not
// available and counts for nothing.
func NotAvailable(key string, d Dimension) Source {
	return SourceFunc(func(context.Context, string, time.Time, time.Time) ([]Figure, error) {
		return []Figure{{Key: key, Dimension: d, Kind: KindRatio}}, nil
	})
}

// Target is a store's KPI targets of a month: paid amount (cents) and conversion (basis
// points: 250 is 2.50 %); zero is no target.
type Target struct {
	Store      string
	Month      string
	Paid       int64
	Conversion int64
	SetBy      string
	SetAt      time.Time
}

// Actuals are a store's figures of a period as the targets measure them.
type Actuals struct {
	Paid int64
	// Conversion in basis points; HasConversion false when there were no visitors.
	Conversion    int64
	HasConversion bool
	HasData       bool
}

// StoreFigures reads a store's actuals of [from, to) (main adapts domain/metrics).
type StoreFigures interface {
	Actuals(ctx context.Context, store string, from, to time.Time) (Actuals, error)
}

// Figure keys of the store results.
const (
	FigurePaid       = "store_paid"
	FigureConversion = "store_conversion"
)

// targetFigures are the store results of a month against its targets: every store with a
// target counts for every assistant (StoreOps does not assign assistants to stores).
func targetFigures(ctx context.Context, sf StoreFigures, targets []Target, from, to time.Time) ([]Figure, error) {
	var out []Figure
	for _, t := range targets {
		a, err := sf.Actuals(ctx, t.Store, from, to)
		if err != nil {
			return nil, err
		}
		if t.Paid > 0 {
			out = append(out, Figure{Key: FigurePaid, Dimension: DimStore, Kind: KindTarget, Available: a.HasData,
				Value: a.Paid, Target: t.Paid, Store: t.Store, List: "report monthly " + t.Store + " " + t.Month})
		}
		if t.Conversion > 0 {
			out = append(out, Figure{Key: FigureConversion, Dimension: DimStore, Kind: KindTarget, Available: a.HasData && a.HasConversion,
				Value: a.Conversion, Target: t.Conversion, Store: t.Store, List: "report monthly " + t.Store + " " + t.Month})
		}
	}
	return out, nil
}
