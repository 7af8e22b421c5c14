package order

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"storeops/domain"
	"storeops/domain/store"
)

// RecheckResult says what a recheck run did.
type RecheckResult struct {
	// Checked held orders were reviewed again; Released of them had no HOLD reason left,
	// and Changed are still held but for other reasons than before.
	Checked, Released, Changed int
}

// recheckPage is how many held orders one query of the recheck reads.
const recheckPage = 500

// Recheck reviews every held order again with today's facts and rules (SPEC §2: a payment,
// a refund, a restock or a cancelled neighbour may have arrived since) and releases those
// whose HOLD reasons all cleared; their card says "released by the review" in place. Held
// orders are those no person has decided yet (a person's decision moves an order out of
// held). An order whose findings did not change is not written, so a second run changes
// nothing. Each order is its own transaction: one failing does not undo the others.
func (s *Service) Recheck(ctx context.Context) (RecheckResult, error) {
	var res RecheckResult
	stores := map[string]store.Store{}
	var after int64
	for {
		page, err := s.d.Repo.List(ctx, Filter{Status: StatusHeld, Oldest: true, AfterID: after, Limit: recheckPage})
		if err != nil {
			return res, fmt.Errorf("recheck held orders: %w", err)
		}
		for _, o := range page {
			after = o.ID
			st, ok := stores[o.StoreCode]
			if !ok {
				if st, err = s.d.Stores.Find(ctx, o.StoreCode); err != nil {
					return res, fmt.Errorf("recheck %s: %w", o.Ref(), err)
				}
				stores[o.StoreCode] = st
			}
			released, changed, err := s.recheckOne(ctx, st, o.ID)
			if err != nil {
				return res, fmt.Errorf("recheck %s: %w", o.Ref(), err)
			}
			res.Checked++
			if released {
				res.Released++
			} else if changed {
				res.Changed++
			}
		}
		if len(page) < recheckPage {
			return res, nil
		}
	}
}

func (s *Service) recheckOne(ctx context.Context, st store.Store, id int64) (released, changed bool, err error) {
	err = s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		var before Order
		o, err := s.d.Repo.Update(ctx, id, func(o *Order) error {
			if o.Status != StatusHeld {
				return errSkip // decided since the list was read
			}
			before = *o
			if err := s.review(ctx, st, o); err != nil {
				return err
			}
			if o.Status == StatusHeld && SameFlags(before.Flags, o.Flags) {
				return errSkip
			}
			o.UpdatedAt = s.d.Clock.Now()
			return nil
		})
		if errors.Is(err, errSkip) {
			return nil
		}
		if err != nil {
			return err
		}
		action := "order.recheck"
		if o.Status == StatusReleased {
			action, released = "order.recheck_release", true
		} else {
			changed = true
		}
		if err := s.d.Audit.Record(ctx, domain.System(), action, o.Subject(), auditView(before), auditView(o)); err != nil {
			return err
		}
		return s.d.Outbox.UpdateRef(ctx, TemplateCard, CardRef(o.ID), CardOf(o))
	})
	return released, changed, err
}

// SameFlags says whether two reviews found the same things.
func SameFlags(a, b []Flag) bool {
	return slices.EqualFunc(a, b, func(x, y Flag) bool {
		return x.Check == y.Check && x.Severity == y.Severity && x.Key == y.Key && slices.Equal(x.Args, y.Args)
	})
}
