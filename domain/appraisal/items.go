package appraisal

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"storeops/domain"
)

// MaxItems is how many records a drill-down lists; the rest are only counted.
const MaxItems = 50

// Item is one record behind a figure: its reference (an id the areas' commands take), a
// label (what it is), the time that put it in the month, and how it counted: Good for a
// ratio (on time, first time), Value for an average (the rating).
type Item struct {
	Ref   string    `json:"ref"`
	Label string    `json:"label,omitempty"`
	At    time.Time `json:"at"`
	Good  bool      `json:"good,omitempty"`
	Value int       `json:"value,omitempty"`
}

// Detail is a figure with the records behind it, read by the same query as its counts.
type Detail struct {
	Figure Figure
	Items  []Item
}

// Itemiser is a Source that can also list the records behind its figures.
type Itemiser interface {
	Source
	Details(ctx context.Context, assistant string, from, to time.Time) ([]Detail, error)
}

// DetailFunc adapts a function computing an area's figures, with their records when items
// is true, to an Itemiser: the figures and their records come from one reading, so that a
// list always agrees with its figure.
type DetailFunc func(ctx context.Context, assistant string, from, to time.Time, items bool) ([]Detail, error)

// Figures calls f without the records.
func (f DetailFunc) Figures(ctx context.Context, assistant string, from, to time.Time) ([]Figure, error) {
	ds, err := f(ctx, assistant, from, to, false)
	if err != nil {
		return nil, err
	}
	out := make([]Figure, len(ds))
	for i, d := range ds {
		out[i] = d.Figure
	}
	return out, nil
}

// Details calls f with the records.
func (f DetailFunc) Details(ctx context.Context, assistant string, from, to time.Time) ([]Detail, error) {
	return f(ctx, assistant, from, to, true)
}

// Tally is the counts of a ratio or a count figure from its records: Counted every record,
// Good those that counted as good.
func Tally(items []Item) (counted, good int) {
	for _, it := range items {
		if it.Good {
			good++
		}
	}
	return len(items), good
}

// Drill is a figure of an assistant's month with the records behind it, the first
// MaxItems of them (oldest first) in Items, and Total of them in all.
type Drill struct {
	Assistant string
	Month     string
	Figure    Figure
	Items     []Item
	Total     int
}

// Items lists the records behind one figure (by its short key) of an assistant's month:
// the assistant their own, supervisors and HR anyone's.
func (s *Service) Items(ctx context.Context, actor domain.Actor, assistant string, m Month, short string) (Drill, error) {
	if err := mayView(actor, assistant); err != nil {
		return Drill{}, err
	}
	short = strings.ToLower(strings.TrimSpace(short))
	from, to := m.Start(s.d.Zone), m.End(s.d.Zone)
	var shorts []string
	for _, src := range s.d.Sources {
		it, ok := src.(Itemiser)
		if !ok {
			continue
		}
		ds, err := it.Details(ctx, assistant, from, to)
		if err != nil {
			return Drill{}, fmt.Errorf("records of %s for %s: %w", assistant, m, err)
		}
		for _, d := range ds {
			if d.Figure.Short == "" {
				continue
			}
			shorts = append(shorts, d.Figure.Short)
			if d.Figure.Short != short {
				continue
			}
			items := slices.Clone(d.Items)
			slices.SortStableFunc(items, func(a, b Item) int { return a.At.Compare(b.At) })
			out := Drill{Assistant: assistant, Month: m.String(), Figure: d.Figure, Total: len(items)}
			out.Items = items[:min(len(items), MaxItems)]
			return out, nil
		}
	}
	return Drill{}, domain.Errorf(domain.EINVALID, "appraisal.items.figure.invalid", short, strings.Join(shorts, ", "))
}
