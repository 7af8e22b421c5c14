package order

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"storeops/domain"
	"storeops/domain/store"
)

// TemplateHandoff is the outbox template of the batched message to a store's warehouse
// channel.
const TemplateHandoff = "order.handoff"

// TemplateCallBack is the outbox template of the warehouse channel's notice not to ship an
// order it was given: the order was cancelled, or held again.
const TemplateCallBack = "order.call_back"

// Events of the warehouse webhook, in the body's "event".
const (
	// EventHandoff: pack and ship these orders.
	EventHandoff = "handoff"
	// EventCancelled: do not ship the order, ever.
	EventCancelled = "cancelled"
	// EventHeld: do not ship the order for now; if it is released again it comes back in a
	// later hand-off, which is the go-ahead.
	EventHeld = "held"
)

// CallBack is the payload of TemplateCallBack.
type CallBack struct {
	Event  string `json:"event"`
	Ref    string `json:"ref"`
	Items  []Item `json:"items"`
	Region string `json:"region"`
	// Reason is the cancel reason; Flags the reasons of a hold.
	Reason      string    `json:"reason,omitempty"`
	Flags       []Flag    `json:"flags,omitempty"`
	By          string    `json:"by,omitempty"`
	At          time.Time `json:"at"`
	HandedOffAt time.Time `json:"handed_off_at"`
}

// HandoffBatch is the most orders one hand-off message (and one webhook call) carries; a
// store with more released orders gets several batches in one run.
const HandoffBatch = 200

// HandoffLine is one order in the warehouse channel's list. The channel is seen by more
// people than need the buyer's details, so the phone is masked and the street left out
// (SPEC §2); the warehouse system gets the whole address through the webhook.
type HandoffLine struct {
	ID     int64  `json:"id"`
	Ref    string `json:"ref"`
	Items  []Item `json:"items"`
	Region string `json:"region"`
	Phone  string `json:"phone"`
}

// HandoffList is the payload of TemplateHandoff.
type HandoffList struct {
	Store   string        `json:"store"`
	BatchID string        `json:"batch_id"`
	At      time.Time     `json:"at"`
	Orders  []HandoffLine `json:"orders"`
}

// WarehouseBatch is the JSON body of a warehouse webhook call (docs/warehouse-webhook.md):
// the orders with everything needed to pack and ship them, the full address and phone
// included, since the receiver is the warehouse's own system.
type WarehouseBatch struct {
	// Event is EventHandoff: pack and ship these orders.
	Event       string           `json:"event"`
	BatchID     string           `json:"batch_id"`
	Store       string           `json:"store"`
	HandedOffAt time.Time        `json:"handed_off_at"`
	Orders      []WarehouseOrder `json:"orders"`
}

// WarehouseOrder is one order of a WarehouseBatch.
type WarehouseOrder struct {
	OrderID         int64           `json:"order_id"`
	PlatformOrderID string          `json:"platform_order_id"`
	Buyer           Buyer           `json:"buyer"`
	Address         Address         `json:"address"`
	Items           []WarehouseItem `json:"items"`
	PaymentMethod   string          `json:"payment_method"`
	Paid            string          `json:"paid"`
	BuyerRemark     string          `json:"buyer_remark"`
	ReleasedAt      time.Time       `json:"released_at"`
}

// WarehouseItem is one order line of a WarehouseOrder; the price is decimal text, as in
// the ingestion API.
type WarehouseItem struct {
	SKU       string `json:"sku"`
	Quantity  int    `json:"quantity"`
	UnitPrice string `json:"unit_price"`
}

// WebhookDelivery is one batch queued for a store's warehouse webhook. It is written in the
// transaction that marks its orders handed off, and stays until the warehouse answered 2xx:
// a failing endpoint delays a batch, never loses it. The body is fixed when queued; the URL
// and secret are the store's at each attempt, so that fixing a wrong URL (or rotating the
// secret) also applies to the batches still waiting.
type WebhookDelivery struct {
	ID            int64
	StoreCode     string
	BatchID       string
	Body          []byte
	Orders        int
	SentAt        time.Time
	NextAttemptAt time.Time
	Attempts      int
	LastError     string
	CreatedAt     time.Time
}

// WebhookRepository is the queue of warehouse webhook batches. AddWebhook joins the
// transaction in ctx.
type WebhookRepository interface {
	AddWebhook(ctx context.Context, d *WebhookDelivery) error
	// DueWebhooks returns undelivered batches due at now, oldest first.
	DueWebhooks(ctx context.Context, now time.Time, limit int) ([]WebhookDelivery, error)
	MarkWebhookSent(ctx context.Context, id int64, at time.Time) error
	// MarkWebhookRetry counts a failed attempt and sets the next one.
	MarkWebhookRetry(ctx context.Context, id int64, next time.Time, lastError string) error
}

// WebhookSender makes one signed POST of a batch to url; any error (a non-2xx answer
// included) means "not delivered, try again later".
type WebhookSender interface {
	Send(ctx context.Context, url, secret string, d WebhookDelivery) error
}

// HandoffResult says what a hand-off run did.
type HandoffResult struct {
	// Orders were handed off in Batches; Delivered webhook batches reached the warehouse
	// and Failed ones will be tried again.
	Orders, Batches, Delivered, Failed int
}

// errSkip tells a Repo.Update callback's caller that the order changed meanwhile and is
// left as it is.
var errSkip = errors.New("order changed meanwhile")

// HandOff hands every store's released, not yet handed-off orders to its warehouse: one
// message per batch to the warehouse channel and/or one batch queued for the warehouse
// webhook. Marking the orders and queueing the message and the webhook batch commit in one
// transaction, so an order is handed off exactly once, with its message. A store with
// neither a warehouse channel nor a webhook keeps its orders until it gets one.
func (s *Service) HandOff(ctx context.Context) (HandoffResult, error) {
	var res HandoffResult
	stores, err := s.d.Stores.List(ctx)
	if err != nil {
		return res, fmt.Errorf("hand off: %w", err)
	}
	for _, st := range stores {
		if st.WarehouseChannel == "" && !s.hasWebhook(st) {
			continue
		}
		// Each round takes the oldest waiting orders; a store with thousands waiting gets
		// several batches, and the cap keeps a bug from looping forever.
		for range 1000 {
			listed, handed, err := s.handOffBatch(ctx, st)
			if err != nil {
				return res, fmt.Errorf("hand off orders of %s: %w", st.Code, err)
			}
			if handed > 0 {
				res.Orders += handed
				res.Batches++
			}
			if listed < HandoffBatch {
				break
			}
		}
	}
	return res, nil
}

func (s *Service) hasWebhook(st store.Store) bool {
	return st.WarehouseWebhookURL != "" && s.d.Webhooks != nil
}

// handOffBatch hands off one batch of a store's orders in one transaction; it returns how
// many orders it looked at and how many it handed off.
func (s *Service) handOffBatch(ctx context.Context, st store.Store) (listed, handed int, err error) {
	err = s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		waiting, err := s.d.Repo.List(ctx, Filter{StoreCode: st.Code, Status: StatusReleased, NotHandedOff: true, Oldest: true, Limit: HandoffBatch})
		if err != nil {
			return err
		}
		listed = len(waiting)
		now := s.d.Clock.Now()
		var batch []Order
		for _, w := range waiting {
			// Under the row lock: an order cancelled or shipped since the list was read
			// stays out of the batch.
			o, err := s.d.Repo.Update(ctx, w.ID, func(o *Order) error {
				if o.Status != StatusReleased || !o.HandedOffAt.IsZero() {
					return errSkip
				}
				o.HandedOffAt = now
				return nil
			})
			if errors.Is(err, errSkip) {
				continue
			}
			if err != nil {
				return err
			}
			batch = append(batch, o)
		}
		handed = len(batch)
		if handed == 0 {
			return nil
		}
		// The first order of a batch is in no other batch, so it names the batch.
		batchID := fmt.Sprintf("%s-%d", st.Code, batch[0].ID)
		refs := make([]string, len(batch))
		for i, o := range batch {
			refs[i] = o.Ref()
		}
		if st.WarehouseChannel != "" {
			if err := s.d.Outbox.Post(ctx, TemplateHandoff, st.WarehouseChannel, "", HandoffListOf(st.Code, batchID, now, batch)); err != nil {
				return err
			}
		}
		hook := s.hasWebhook(st)
		if hook {
			body, err := json.Marshal(WarehouseBatchOf(st.Code, batchID, now, batch))
			if err != nil {
				return fmt.Errorf("webhook body: %w", err)
			}
			d := &WebhookDelivery{StoreCode: st.Code, BatchID: batchID, Body: body, Orders: len(batch), NextAttemptAt: now, CreatedAt: now}
			if err := s.d.Webhooks.AddWebhook(ctx, d); err != nil {
				return err
			}
		}
		return s.d.Audit.Record(ctx, domain.System(), "order.handoff", domain.Subject("store:"+st.Code), nil,
			map[string]any{"batch": batchID, "orders": refs, "channel": st.WarehouseChannel, "webhook": hook})
	})
	return listed, handed, err
}

// HandoffListOf is the warehouse channel's view of a batch: masked as channel posts are.
func HandoffListOf(storeCode, batchID string, at time.Time, orders []Order) HandoffList {
	l := HandoffList{Store: storeCode, BatchID: batchID, At: at, Orders: make([]HandoffLine, 0, len(orders))}
	for _, o := range orders {
		l.Orders = append(l.Orders, HandoffLine{ID: o.ID, Ref: o.Ref(), Items: o.Items, Region: Region(o.Address), Phone: MaskPhone(o.Buyer.Phone)})
	}
	return l
}

// WarehouseBatchOf is the webhook body of a batch.
func WarehouseBatchOf(storeCode, batchID string, at time.Time, orders []Order) WarehouseBatch {
	b := WarehouseBatch{Event: EventHandoff, BatchID: batchID, Store: storeCode, HandedOffAt: at.UTC(), Orders: make([]WarehouseOrder, 0, len(orders))}
	for _, o := range orders {
		items := make([]WarehouseItem, len(o.Items))
		for i, it := range o.Items {
			items[i] = WarehouseItem{SKU: it.SKU, Quantity: it.Quantity, UnitPrice: it.UnitPrice.String()}
		}
		b.Orders = append(b.Orders, WarehouseOrder{OrderID: o.ID, PlatformOrderID: o.PlatformOrderID, Buyer: o.Buyer, Address: o.Address,
			Items: items, PaymentMethod: o.PaymentMethod, Paid: o.Amounts.Paid.String(), BuyerRemark: o.BuyerRemark, ReleasedAt: o.ReleasedAt.UTC()})
	}
	return b
}

// WarehouseCallBack is the webhook body that calls back one order handed off earlier:
// cancelled, or held (docs/warehouse-webhook.md).
type WarehouseCallBack struct {
	// Event is EventCancelled or EventHeld.
	Event           string `json:"event"`
	BatchID         string `json:"batch_id"`
	Store           string `json:"store"`
	OrderID         int64  `json:"order_id"`
	PlatformOrderID string `json:"platform_order_id"`
	// Reason is the cancel reason, or the checks that hold the order, comma-separated.
	Reason string    `json:"reason"`
	At     time.Time `json:"at"`
}

// callBack tells a warehouse that already has o not to ship it (event EventCancelled or
// EventHeld): a notice in the warehouse channel and a call through the webhook, queued in
// the transaction that changed the order, so that the change and the call-back commit
// together. An order never handed off needs none: the next batch simply leaves it out.
func (s *Service) callBack(ctx context.Context, by string, o Order, event string, now time.Time) error {
	if o.HandedOffAt.IsZero() {
		return nil
	}
	st, err := s.d.Stores.Find(ctx, o.StoreCode)
	if err != nil {
		return fmt.Errorf("call back %s from the warehouse: %w", o.Ref(), err)
	}
	reason := o.CancelReason
	var flags []Flag
	if event == EventHeld {
		var checks []string
		for _, f := range o.Flags {
			if f.Severity == SeverityHold {
				flags, checks = append(flags, f), append(checks, f.Check)
			}
		}
		reason = strings.Join(checks, ", ")
	}
	if st.WarehouseChannel != "" {
		notice := CallBack{Event: event, Ref: o.Ref(), Items: o.Items, Region: Region(o.Address), Reason: o.CancelReason,
			Flags: flags, By: by, At: now, HandedOffAt: o.HandedOffAt}
		if err := s.d.Outbox.Post(ctx, TemplateCallBack, st.WarehouseChannel, "", notice); err != nil {
			return err
		}
	}
	if !s.hasWebhook(st) {
		return nil
	}
	// Each change of the order has its own version, so the version names the call.
	c := WarehouseCallBack{Event: event, BatchID: fmt.Sprintf("%s-%d-%s-v%d", st.Code, o.ID, event, o.Version), Store: st.Code,
		OrderID: o.ID, PlatformOrderID: o.PlatformOrderID, Reason: reason, At: now.UTC()}
	body, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("call-back body of %s: %w", o.Ref(), err)
	}
	return s.d.Webhooks.AddWebhook(ctx, &WebhookDelivery{StoreCode: st.Code, BatchID: c.BatchID, Body: body, Orders: 1, NextAttemptAt: now, CreatedAt: now})
}

// Region is the part of an address a channel post shows: province, city and district.
func Region(a Address) string {
	out := ""
	for _, p := range []string{a.Province, a.City, a.District} {
		if p == "" {
			continue
		}
		if out != "" {
			out += " "
		}
		out += p
	}
	return out
}

// DeliverWebhooks sends the due webhook batches, each once per run, oldest first. A batch
// the warehouse refuses (or that cannot reach it) is tried again on a later run after
// WebhookBackoff; nothing is dropped.
//
// Why here and not in the Slack dispatcher: that dispatcher only speaks to Slack. The
// batches have their own table, written in the hand-off transaction, and this method is
// their only reader; it runs inside the hand-off job, whose lock lets one replica at a time
// deliver, so a batch is never sent by two at once. A crash between the warehouse's 2xx
// and MarkWebhookSent sends that batch again on the next run: the body's batch_id (also in
// the X-StoreOps-Delivery header) lets the receiver ignore the repeat.
func (s *Service) DeliverWebhooks(ctx context.Context) (delivered, failed int, err error) {
	if s.d.Webhooks == nil || s.d.Sender == nil {
		return 0, 0, nil
	}
	due, err := s.d.Webhooks.DueWebhooks(ctx, s.d.Clock.Now(), 100)
	if err != nil {
		return 0, 0, fmt.Errorf("deliver warehouse webhooks: %w", err)
	}
	for _, d := range due {
		if ctx.Err() != nil {
			return delivered, failed, ctx.Err()
		}
		sendErr := s.sendWebhook(ctx, d)
		now := s.d.Clock.Now()
		if sendErr == nil {
			if err := s.d.Webhooks.MarkWebhookSent(ctx, d.ID, now); err != nil {
				return delivered, failed, fmt.Errorf("deliver warehouse webhook %s: %w", d.BatchID, err)
			}
			delivered++
			continue
		}
		failed++
		if err := s.d.Webhooks.MarkWebhookRetry(ctx, d.ID, now.Add(WebhookBackoff(d.Attempts+1)), sendErr.Error()); err != nil {
			return delivered, failed, fmt.Errorf("deliver warehouse webhook %s: %w", d.BatchID, err)
		}
	}
	return delivered, failed, nil
}

func (s *Service) sendWebhook(ctx context.Context, d WebhookDelivery) error {
	st, err := s.d.Stores.Find(ctx, d.StoreCode)
	if err != nil {
		return err
	}
	if st.WarehouseWebhookURL == "" {
		return fmt.Errorf("store %s has no warehouse webhook any more; the batch waits for one", st.Code)
	}
	return s.d.Sender.Send(ctx, st.WarehouseWebhookURL, st.WarehouseWebhookSecret, d)
}

// WebhookBackoff is the wait before attempt n+1 after n failed ones: 5 minutes, doubling,
// at most 2 hours (the hand-off job runs every 10 minutes, so short waits mean "next run").
func WebhookBackoff(failures int) time.Duration {
	d := 5 * time.Minute
	for i := 1; i < failures && d < 2*time.Hour; i++ {
		d *= 2
	}
	return min(d, 2*time.Hour)
}
