package order

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"storeops/domain"
	"storeops/domain/audit"
	"storeops/domain/jobrun"
	"storeops/domain/outbox"
	"storeops/domain/store"
)

// Stores finds the shop an order belongs to, and lists them for the jobs.
type Stores interface {
	Find(ctx context.Context, code string) (store.Store, error)
	List(ctx context.Context) ([]store.Store, error)
}

// Catalog tells what StoreOps knows of a store's SKUs from its listings.
type Catalog interface {
	// Listed returns, for each of the SKUs that the store lists, its available stock and its
	// floor price; SKUs it does not list are absent.
	Listed(ctx context.Context, store string, skus []string) (map[string]Listed, error)
}

// Listed is what the review knows of a listed SKU.
type Listed struct {
	Stock int
	// FloorPrice is the lowest unit price the store sells it at; 0 when it has none.
	FloorPrice domain.Money
}

// Deps are what the order service needs.
type Deps struct {
	Repo    Repository
	Rules   RuleRepository
	Tx      domain.TxRunner
	Audit   *audit.Log
	Outbox  *outbox.Outbox
	Stores  Stores
	Catalog Catalog
	// Keeper takes a new order's quantities off the listings' stock (listing.Service); nil
	// leaves the stock alone.
	Keeper StockKeeper
	// Webhooks queues the warehouse webhook batches and Sender delivers them; without
	// them stores' webhooks are ignored (the warehouse channel still gets its messages).
	Webhooks WebhookRepository
	Sender   WebhookSender
	// Runs remembers which day's list of flagged orders a store already has, so that the
	// first ALERT order of a day opens the list and the others reply in its thread; nil
	// posts no such list.
	Runs  jobrun.Repository
	Clock domain.Clock
	// Log hears of chunks of a delivery that had to be stored one order at a time; nil
	// discards it.
	Log *slog.Logger
	// TZ is the store's time zone, which decides what "a day" is (UTC when nil).
	TZ *time.Location
}

// Service receives and reviews orders.
type Service struct{ d Deps }

// NewService builds the order service.
func NewService(d Deps) *Service { return &Service{d: d} }

// Outcome says what a delivery did to one order.
type Outcome string

const (
	OutcomeCreated   Outcome = "created"
	OutcomeUpdated   Outcome = "updated"
	OutcomeUnchanged Outcome = "unchanged"
	OutcomeRejected  Outcome = "rejected"
)

// Result is the answer for one order of a delivery.
type Result struct {
	PlatformOrderID string
	Outcome         Outcome
	Order           Order
	// Problems say why an order was rejected, each naming its field.
	Problems []domain.Problem
}

// Ingest stores a delivery of orders for one store. Each order is its own transaction, so
// a bad order never blocks the good ones, and each is idempotent on its platform order id:
// a redelivery (or a concurrent duplicate) answers unchanged, a changed order is updated
// and reviewed again. The caller has authenticated the store.
//
// The store's rules and the orders already stored are read once for the whole delivery: a
// rule change lands between deliveries, and a redelivered batch is answered without a
// transaction per order.
func (s *Service) Ingest(ctx context.Context, actor domain.Actor, storeCode string, inputs []Input) ([]Result, error) {
	st, err := s.d.Stores.Find(ctx, storeCode)
	if err != nil {
		return nil, err
	}
	if len(inputs) > MaxBatch {
		return nil, domain.Errorf(domain.EINVALID, "order.batch.too_large", len(inputs), MaxBatch)
	}
	rules, err := s.rulesOf(ctx, st.Code)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(inputs))
	for _, in := range inputs {
		if id := strings.TrimSpace(in.PlatformOrderID); id != "" {
			ids = append(ids, id)
		}
	}
	stored, err := s.d.Repo.FindByPlatformIDs(ctx, st.Code, ids)
	if err != nil {
		return nil, fmt.Errorf("ingest %d orders of %s: %w", len(inputs), st.Code, err)
	}
	results := make([]Result, len(inputs))
	var chunk []pendingOrder
	inChunk := map[string]bool{}
	flush := func() error {
		done, err := s.storeChunk(ctx, actor, st, rules, chunk)
		if err != nil {
			return fmt.Errorf("ingest %d orders of %s: %w", len(chunk), st.Code, err)
		}
		for i, p := range chunk {
			results[p.index] = done[i]
			if done[i].Outcome == OutcomeCreated || done[i].Outcome == OutcomeUpdated {
				// A later copy of the order in the same delivery compares with this one.
				stored[done[i].Order.PlatformOrderID] = done[i].Order
			}
		}
		chunk, inChunk = chunk[:0], map[string]bool{}
		return nil
	}
	for i, in := range inputs {
		if strings.TrimSpace(in.StoreCode) == "" {
			in.StoreCode = st.Code
		}
		o, problems := in.Parse()
		if o.StoreCode != "" && o.StoreCode != st.Code {
			problems = append(problems, domain.Problem{Field: "store", Key: "order.store.mismatch", Args: []any{o.StoreCode, st.Code}})
		}
		if len(problems) > 0 {
			results[i] = Result{PlatformOrderID: o.PlatformOrderID, Outcome: OutcomeRejected, Problems: problems}
			continue
		}
		// A second copy of an order waits for the first to be stored, and is compared with it.
		if inChunk[o.PlatformOrderID] || len(chunk) == ChunkSize {
			if err := flush(); err != nil {
				return nil, err
			}
		}
		cur, known := stored[o.PlatformOrderID]
		if known && cur.Fingerprint == o.Fingerprint {
			results[i] = Result{PlatformOrderID: o.PlatformOrderID, Outcome: OutcomeUnchanged, Order: cur}
			continue
		}
		chunk = append(chunk, pendingOrder{index: i, order: o, fresh: !known})
		inChunk[o.PlatformOrderID] = true
	}
	if len(chunk) > 0 {
		if err := flush(); err != nil {
			return nil, err
		}
	}
	return results, nil
}

// ChunkSize is how many orders of a delivery share a transaction. A commit per order made
// the database's log flush the bottleneck of a busy delivery; a bigger chunk costs more to
// store again when it is rolled back.
const ChunkSize = 50

// pendingOrder is an order of a delivery to be created or updated: its place in the
// delivery, and whether it was not stored when the delivery began.
type pendingOrder struct {
	index int
	order Order
	fresh bool
}

// storeChunk stores orders of a delivery in one transaction, their stock taken at its end
// (stockLedger). Any failure — a concurrent delivery of one of the orders winning its insert,
// another delivery taking the stock the chunk counted on, one order the database refuses —
// rolls the chunk back, and its orders are then
// stored one transaction each, the way that keeps a bad order from blocking the good ones.
// Either way each order, its stock, audit row and messages commit together, once.
func (s *Service) storeChunk(ctx context.Context, actor domain.Actor, st store.Store, rules []Rule, chunk []pendingOrder) ([]Result, error) {
	out := make([]Result, len(chunk))
	if len(chunk) > 1 {
		err := s.d.Tx.InTx(ctx, func(ctx context.Context) error {
			var ledger *stockLedger
			if s.d.Keeper != nil {
				ledger = newStockLedger()
			}
			for i, p := range chunk {
				res, err := s.store(ctx, actor, st, rules, p.order, p.fresh, ledger)
				if err != nil {
					return err
				}
				out[i] = res
			}
			if ledger == nil || len(ledger.taken) == 0 {
				return nil
			}
			return s.d.Keeper.Take(ctx, st.Code, ledger.taken)
		})
		if err == nil {
			return out, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if s.d.Log != nil {
			s.d.Log.WarnContext(ctx, "order chunk rolled back; storing its orders one at a time",
				"store", st.Code, "orders", len(chunk), "err", err)
		}
	}
	for i, p := range chunk {
		res, err := s.storeOne(ctx, actor, st, rules, p.order, p.fresh)
		if err != nil {
			return nil, fmt.Errorf("order %q: %w", p.order.PlatformOrderID, err)
		}
		out[i] = res
	}
	return out, nil
}

// storeOne stores one order in its own transaction. An order not stored when the delivery
// began is inserted straight away; a concurrent delivery of the same order may win the
// insert, and the second attempt then looks it up and answers as for a redelivery.
func (s *Service) storeOne(ctx context.Context, actor domain.Actor, st store.Store, rules []Rule, o Order, fresh bool) (Result, error) {
	var res Result
	var err error
	for range 2 {
		res, err = s.store(ctx, actor, st, rules, o, fresh, nil)
		if domain.ErrorCode(err) != domain.ECONFLICT {
			break
		}
		fresh = false
	}
	return res, err
}

// store creates the order or applies a redelivery to the stored one, in one transaction.
// A fresh order is inserted without looking for a stored one first: the unique key refuses
// it (ECONFLICT) if it is there after all. With a ledger (a chunk of a delivery) a new
// order's stock is counted there and taken at the end of the chunk; without, at once.
func (s *Service) store(ctx context.Context, actor domain.Actor, st store.Store, rules []Rule, o Order, fresh bool, ledger *stockLedger) (Result, error) {
	res := Result{PlatformOrderID: o.PlatformOrderID}
	err := s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		var cur Order
		var err error
		if !fresh {
			cur, err = s.d.Repo.FindByPlatformID(ctx, st.Code, o.PlatformOrderID)
		}
		switch {
		case fresh || domain.ErrorCode(err) == domain.ENOTFOUND:
			now := s.d.Clock.Now()
			o.ReceivedAt, o.UpdatedAt = now, now
			facts, err := s.reviewWith(ctx, st, rules, &o, ledger)
			if err != nil {
				return err
			}
			// Only a new order takes stock: a redelivery of it has already. The stock moves
			// before the insert so that each line records what it took; a failed insert
			// rolls both back.
			if ledger != nil {
				ledger.reserve(&o, facts.Stock)
			} else if err := s.reserve(ctx, &o, facts.Stock); err != nil {
				return err
			}
			if err := s.d.Repo.Create(ctx, &o); err != nil {
				return err
			}
			res.Outcome, res.Order = OutcomeCreated, o
			if err := s.d.Audit.Record(ctx, actor, "order.receive", o.Subject(), nil, auditView(o)); err != nil {
				return err
			}
			return s.announce(ctx, st, Order{}, o)
		case err != nil:
			return err
		case cur.Fingerprint == o.Fingerprint:
			res.Outcome, res.Order = OutcomeUnchanged, cur
			return nil
		}
		var before Order
		updated, err := s.d.Repo.Update(ctx, cur.ID, func(x *Order) error {
			before = *x
			x.Buyer, x.Address, x.Items, x.Amounts = o.Buyer, o.Address, o.Items, o.Amounts
			x.PaymentMethod, x.PaymentStatus, x.BuyerRemark = o.PaymentMethod, o.PaymentStatus, o.BuyerRemark
			x.PlacedAt, x.PaidAt, x.Fingerprint, x.UpdatedAt = o.PlacedAt, o.PaidAt, o.Fingerprint, s.d.Clock.Now()
			// Shipped and cancelled orders keep their status; the change is recorded.
			if x.Status == StatusHeld || x.Status == StatusReleased {
				_, err := s.reviewWith(ctx, st, rules, x, ledger)
				return err
			}
			return nil
		})
		if err != nil {
			return err
		}
		res.Outcome, res.Order = OutcomeUpdated, updated
		if err := s.d.Audit.Record(ctx, actor, "order.update", updated.Subject(), auditView(before), auditView(updated)); err != nil {
			return err
		}
		return s.announce(ctx, st, before, updated)
	})
	return res, err
}

// announce posts the card of an order that has just become held to the store's team channel,
// and re-renders the card of one that already had it.
func (s *Service) announce(ctx context.Context, st store.Store, before, after Order) error {
	switch {
	case after.Status == StatusHeld && before.Status != StatusHeld:
		// A redelivery (a refund requested, say) may hold an order the warehouse already has.
		if err := s.callBack(ctx, "", after, EventHeld, after.UpdatedAt); err != nil {
			return err
		}
		if st.TeamChannel == "" {
			// Nowhere to post: `/ops order list held` still shows it.
			return nil
		}
		return s.d.Outbox.Post(ctx, TemplateCard, st.TeamChannel, CardRef(after.ID), CardOf(after))
	case before.Status == StatusHeld:
		return s.d.Outbox.UpdateRef(ctx, TemplateCard, CardRef(after.ID), CardOf(after))
	case after.Status == StatusReleased && before.Status != StatusReleased && len(after.Alerts()) > 0:
		return s.listAlert(ctx, st, after)
	}
	return nil
}

// listAlert adds an order released with ALERT flags to the thread of the day's list of
// flagged orders in the team channel, opening the list with the day's first one. The list
// and its marker commit with the order, so a redelivery or a second replica never opens two.
func (s *Service) listAlert(ctx context.Context, st store.Store, o Order) error {
	if st.TeamChannel == "" || s.d.Runs == nil {
		return nil
	}
	tz := s.d.TZ
	if tz == nil {
		tz = time.UTC
	}
	now := s.d.Clock.Now()
	day := now.In(tz).Format(time.DateOnly)
	ref := AlertsRef(st.Code, day)
	first, err := s.d.Runs.MarkOnce(ctx, "order-alerts:"+st.Code, day, now)
	if err != nil {
		return fmt.Errorf("open the flagged-orders list of %s %s: %w", st.Code, day, err)
	}
	if first {
		if err := s.d.Outbox.Post(ctx, TemplateAlertsDay, st.TeamChannel, ref, AlertsDay{Store: st.Code, Day: day}); err != nil {
			return err
		}
	}
	return s.d.Outbox.Reply(ctx, TemplateAlert, st.TeamChannel, ref, CardOf(o))
}

// review runs the store's rules on o and sets its flags and status.
func (s *Service) review(ctx context.Context, st store.Store, o *Order) error {
	rules, err := s.rulesOf(ctx, st.Code)
	if err != nil {
		return err
	}
	_, err = s.reviewWith(ctx, st, rules, o, nil)
	return err
}

// reviewWith is review by the given rules, returning the facts it judged by; a chunk's
// ledger lowers the stock by what the chunk's earlier orders took.
func (s *Service) reviewWith(ctx context.Context, st store.Store, rules []Rule, o *Order, ledger *stockLedger) (Facts, error) {
	facts, err := s.facts(ctx, st, *o, rules, ledger)
	if err != nil {
		return Facts{}, err
	}
	o.Flags = Review(*o, facts, rules)
	switch next := Decide(o.Flags); {
	case next == StatusReleased && o.Status != StatusReleased:
		o.release(facts.Now)
	default:
		o.Status = next
	}
	return facts, nil
}

// rulesOf returns the store's rules, or the defaults for a store that has not tuned them.
func (s *Service) rulesOf(ctx context.Context, storeCode string) ([]Rule, error) {
	rs, err := s.d.Rules.RuleSet(ctx, storeCode)
	switch {
	case domain.ErrorCode(err) == domain.ENOTFOUND:
		return DefaultRules(), nil
	case err != nil:
		return nil, fmt.Errorf("rules of %s: %w", storeCode, err)
	}
	return rs.Rules, nil
}

// facts gathers what the checks need to know beyond the order.
func (s *Service) facts(ctx context.Context, st store.Store, o Order, rules []Rule, ledger *stockLedger) (Facts, error) {
	f := Facts{Now: s.d.Clock.Now(), Platform: st.Platform}
	var err error
	if w := MaxWindow(rules); w > 0 {
		// The window is anchored at the order, not at the review: a stored order reviewed
		// again (a redelivery, the recheck) is compared with the same neighbours, so that a
		// duplicate or a burst to one address stays one however late the recheck runs, and
		// clears only when the neighbours change (cancelled, say).
		anchor := f.Now
		if !o.ReceivedAt.IsZero() && o.ReceivedAt.Before(anchor) {
			anchor = o.ReceivedAt
		}
		if f.Recent, err = s.d.Repo.Recent(ctx, o, anchor.Add(-w)); err != nil {
			return Facts{}, fmt.Errorf("recent orders: %w", err)
		}
	}
	if f.Blacklisted, err = s.d.Rules.MatchBlacklist(ctx, st.Code, o.Buyer.PlatformID, NormalizePhone(o.Buyer.Phone), NormalizeAddress(o.Address)); err != nil {
		return Facts{}, fmt.Errorf("blacklist: %w", err)
	}
	skus := make([]string, 0, len(o.Items))
	for _, it := range o.Items {
		skus = append(skus, it.SKU)
	}
	listed, err := s.d.Catalog.Listed(ctx, st.Code, skus)
	if err != nil {
		return Facts{}, fmt.Errorf("listed SKUs: %w", err)
	}
	f.Stock = make(map[string]int, len(listed))
	for sku, l := range listed {
		f.Stock[sku] = l.Stock
		if l.FloorPrice > 0 {
			if f.FloorPrice == nil {
				f.FloorPrice = map[string]domain.Money{}
			}
			f.FloorPrice[sku] = l.FloorPrice
		}
	}
	if ledger != nil {
		ledger.adjust(f.Stock)
	}
	if o.ID != 0 && s.d.Keeper != nil {
		f.Stock = stockBeforeReservation(f.Stock, o)
	}
	return f, nil
}

// auditView is what the audit trail keeps of an order: what people compare between versions.
// The phone is masked: the audit trail is shown to the whole team.
func auditView(o Order) map[string]any {
	flags := make([]string, 0, len(o.Flags))
	for _, f := range o.Flags {
		flags = append(flags, f.Check)
	}
	return map[string]any{
		"status": o.Status, "payment_status": o.PaymentStatus, "paid": o.Amounts.Paid.String(),
		"address": strings.Join([]string{o.Address.Province, o.Address.City, o.Address.District, o.Address.Street}, " "),
		"phone":   MaskPhone(o.Buyer.Phone), "items": len(o.Items), "flags": strings.Join(flags, ", "),
	}
}
