package metrics

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"storeops/domain"
	"storeops/domain/audit"
	"storeops/domain/order"
	"storeops/domain/store"
)

// Outcome says what recording did to one day.
type Outcome string

const (
	OutcomeCreated   Outcome = "created"
	OutcomeReplaced  Outcome = "replaced"
	OutcomeUnchanged Outcome = "unchanged"
	OutcomeRejected  Outcome = "rejected"
	// OutcomeNotStored is a good day of a file that was not imported because another of its
	// days was rejected (a file is all or nothing).
	OutcomeNotStored Outcome = "not_stored"
)

// Result is what happened to one day of a batch, in the order sent.
type Result struct {
	// Date and Source are as parsed, or as sent when they could not be.
	Date   string
	Source string
	// Outcome OutcomeRejected comes with Problems, each naming its field.
	Outcome  Outcome
	Day      Day
	Problems []domain.Problem
}

// Orders adds up a store's orders of a period (order.Repository).
type Orders interface {
	Totals(ctx context.Context, store string, from, to time.Time) (order.Totals, error)
}

// Stores finds a store (store.Service).
type Stores interface {
	Find(ctx context.Context, code string) (store.Store, error)
}

// Deps are what the service needs. TZ is the company zone, for stores without their own
// (store.Store.Zone): a store's day is a calendar day in its zone, and "the future" starts
// at its next midnight.
type Deps struct {
	Repo   Repository
	Orders Orders
	Stores Stores
	Tx     domain.TxRunner
	Audit  *audit.Log
	Clock  domain.Clock
	TZ     *time.Location
}

// Service records the stores' daily figures.
type Service struct{ d Deps }

// NewService builds the service.
func NewService(d Deps) *Service {
	if d.TZ == nil {
		d.TZ = time.UTC
	}
	return &Service{d: d}
}

// Record stores days sent by a platform: each day on its own, so that a bad day never
// blocks the good ones. A day already stored with the same figures is unchanged; with other
// figures it is replaced (and audited as such).
func (s *Service) Record(ctx context.Context, actor domain.Actor, storeCode string, days []Input) ([]Result, error) {
	st, parsed, results, err := s.parse(ctx, storeCode, days)
	if err != nil {
		return nil, err
	}
	for i, p := range parsed {
		if results[i].Outcome == OutcomeRejected {
			continue
		}
		err := s.d.Tx.InTx(ctx, func(ctx context.Context) error {
			var err error
			results[i], err = s.put(ctx, actor, st, p)
			return err
		})
		if domain.ErrorCode(err) == domain.ECONFLICT {
			// Another request stored the same new day at the same moment; this one is
			// refused on its own, and sending it again compares with what won.
			results[i] = Result{Date: results[i].Date, Source: results[i].Source, Outcome: OutcomeRejected,
				Problems: []domain.Problem{{Field: "date", Key: "metrics.day.concurrent", Args: []any{st.Code, results[i].Date}}}}
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("record %s %s of %s: %w", results[i].Date, results[i].Source, st.Code, err)
		}
	}
	return results, nil
}

// Import stores the days of a file all or nothing: when any day is rejected nothing is
// written, and the results name every rejected day with its reasons (the good ones are
// OutcomeNotStored); otherwise every day is stored in one transaction.
func (s *Service) Import(ctx context.Context, actor domain.Actor, storeCode string, days []Input) ([]Result, error) {
	st, parsed, results, err := s.parse(ctx, storeCode, days)
	if err != nil {
		return nil, err
	}
	if Rejected(results) > 0 {
		for i := range results {
			if results[i].Outcome != OutcomeRejected {
				results[i].Outcome = OutcomeNotStored
			}
		}
		return results, nil
	}
	err = s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		for i, p := range parsed {
			var err error
			if results[i], err = s.put(ctx, actor, st, p); err != nil {
				return fmt.Errorf("day %s %s: %w", results[i].Date, results[i].Source, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("import %d days of %s: %w", len(days), st.Code, err)
	}
	return results, nil
}

// Rejected counts the rejected results.
func Rejected(results []Result) int {
	n := 0
	for _, r := range results {
		if r.Outcome == OutcomeRejected {
			n++
		}
	}
	return n
}

// parse checks a batch: the store exists, the batch is not too large, and each day on its
// own; a day whose date and source came earlier in the batch is rejected, since which of
// the two is meant cannot be told.
func (s *Service) parse(ctx context.Context, storeCode string, days []Input) (store.Store, []Parsed, []Result, error) {
	st, err := s.d.Stores.Find(ctx, storeCode)
	if err != nil {
		return store.Store{}, nil, nil, fmt.Errorf("record figures: %w", err)
	}
	if len(days) > MaxBatch {
		return store.Store{}, nil, nil, domain.Errorf(domain.EINVALID, "metrics.batch.too_large", len(days), MaxBatch)
	}
	now := s.d.Clock.Now()
	parsed := make([]Parsed, len(days))
	results := make([]Result, len(days))
	seen := map[string]int{}
	for i, in := range days {
		p, problems := in.Parse(st.Code, now, st.Zone(s.d.TZ))
		parsed[i] = p
		results[i] = Result{Date: strings.TrimSpace(in.Date), Source: string(p.Day.Source), Day: p.Day}
		if !p.Day.Date.IsZero() {
			results[i].Date = FormatDate(p.Day.Date)
			key := results[i].Date + "/" + results[i].Source
			if j, dup := seen[key]; dup {
				problems = append(problems, domain.Problem{Field: "date", Key: "metrics.day.twice", Args: []any{results[i].Date, results[i].Source, j + 1}})
			} else {
				seen[key] = i
			}
		}
		if len(problems) > 0 {
			results[i].Outcome, results[i].Problems = OutcomeRejected, problems
		}
	}
	return st, parsed, results, nil
}

// put derives what the orders tell, compares with the stored day and writes when it
// differs, with the audit, in the transaction of ctx.
func (s *Service) put(ctx context.Context, actor domain.Actor, st store.Store, p Parsed) (Result, error) {
	d := p.Day
	res := Result{Date: FormatDate(d.Date), Source: string(d.Source)}
	if d.Source == SourceOverall {
		from := time.Date(d.Date.Year(), d.Date.Month(), d.Date.Day(), 0, 0, 0, 0, st.Zone(s.d.TZ))
		totals, err := s.d.Orders.Totals(ctx, st.Code, from, from.AddDate(0, 0, 1))
		if err != nil {
			return res, err
		}
		derive(&d, p.Sent, totals)
	}
	stored, err := s.d.Repo.Range(ctx, st.Code, d.Source, d.Date, d.Date, true)
	if err != nil {
		return res, err
	}
	if len(stored) == 1 && same(stored[0], d) {
		res.Outcome, res.Day = OutcomeUnchanged, stored[0]
		return res, nil
	}
	d.UpdatedBy, d.UpdatedAt = actor.UserID, s.d.Clock.Now()
	replaced, err := s.d.Repo.Put(ctx, &d)
	if err != nil {
		return res, err
	}
	subject := domain.Subject(fmt.Sprintf("metrics:%s/%s/%s", st.Code, res.Date, d.Source))
	if replaced != nil {
		res.Outcome = OutcomeReplaced
		err = s.d.Audit.Record(ctx, actor, "metrics.replace", subject, auditView(*replaced), auditView(d))
	} else {
		res.Outcome = OutcomeCreated
		err = s.d.Audit.Record(ctx, actor, "metrics.record", subject, nil, auditView(d))
	}
	res.Day = d
	return res, err
}

// derive fills the order figures the platform did not send from StoreOps' own orders of the
// day, when it has any, and records that they came from there. The platform's figures win
// when both exist: it sees every order, including those that never reached StoreOps
// (cancelled before delivery, other channels), so its count is the store's record.
func derive(d *Day, sent map[string]bool, t order.Totals) {
	if t.Orders == 0 {
		return
	}
	for _, f := range []struct {
		name string
		dst  *int64
		v    int64
	}{
		{FieldPaidOrders, &d.PaidOrders, t.PaidOrders}, {FieldPayingBuyers, &d.PayingBuyers, t.PayingBuyers},
		{FieldPaidAmount, (*int64)(&d.PaidAmount), int64(t.PaidAmount)},
		{FieldRefundedOrders, &d.RefundedOrders, t.RefundedOrders}, {FieldRefundedAmount, (*int64)(&d.RefundedAmount), int64(t.RefundedAmount)},
	} {
		if sent[f.name] {
			continue
		}
		*f.dst = f.v
		if d.Origins == nil {
			d.Origins = map[string]Origin{}
		}
		d.Origins[f.name] = OriginOrders
	}
}

// same reports whether two days carry the same figures (who stored them and when aside).
func same(a, b Day) bool {
	return a.Counts == b.Counts && maps.Equal(a.Origins, b.Origins) && slices.Equal(a.SKUs, b.SKUs)
}

// auditView is what the audit trail keeps of a day: its figures and where they came from;
// the SKU rows are counted, not listed (hundreds of them would drown the trail).
func auditView(d Day) any {
	return struct {
		Counts
		Origins map[string]Origin `json:",omitempty"`
		SKUs    int               `json:"skus"`
	}{d.Counts, d.Origins, len(d.SKUs)}
}

// Show returns the store's days of a date, one per source that has one, overall first.
func (s *Service) Show(ctx context.Context, storeCode, date string) ([]Day, error) {
	st, err := s.d.Stores.Find(ctx, storeCode)
	if err != nil {
		return nil, fmt.Errorf("show figures: %w", err)
	}
	d, ok := ParseDate(date, st.Zone(s.d.TZ))
	if !ok {
		return nil, domain.Errorf(domain.EINVALID, "metrics.date.invalid", date)
	}
	var out []Day
	for _, src := range Sources() {
		days, err := s.d.Repo.Range(ctx, st.Code, src, d, d, true)
		if err != nil {
			return nil, fmt.Errorf("show figures of %s on %s: %w", st.Code, FormatDate(d), err)
		}
		out = append(out, days...)
	}
	if len(out) == 0 {
		return nil, domain.Errorf(domain.ENOTFOUND, "metrics.day.not_found", st.Code, FormatDate(d))
	}
	return out, nil
}
