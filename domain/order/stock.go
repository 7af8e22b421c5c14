package order

import (
	"context"
	"fmt"
)

// StockKeeper takes ordered quantities off the store's listings (listing.Service.Reserve).
// It joins the transaction in ctx, so that an order and its stock change commit together.
type StockKeeper interface {
	// Reserve lowers the stock of the store's listed SKUs by the quantities (SKU → pieces),
	// never below zero, and returns how many pieces it took of each; SKUs StoreOps does not
	// list are left alone.
	Reserve(ctx context.Context, store string, quantities map[string]int) (map[string]int, error)
	// Release gives pieces back to the stock of the store's listed SKUs.
	Release(ctx context.Context, store string, quantities map[string]int) error
	// Take takes exactly the pieces (SKU → pieces) off the store's listed SKUs, in SKU
	// order, or returns ECONFLICT when a listing no longer has them.
	Take(ctx context.Context, store string, pieces map[string]int) error
}

// Quantities sums an order's lines per SKU.
func Quantities(o Order) map[string]int {
	out := make(map[string]int, len(o.Items))
	for _, q := range quantities(o) {
		if q.n > 0 {
			out[q.sku] = q.n
		}
	}
	return out
}

// reserve takes a new order's quantities off the stock and records on each line how many
// pieces it took. Only SKUs whose stock the review knew (known, from Stock.Available) can be
// listed, so the others are not looked up again.
func (s *Service) reserve(ctx context.Context, o *Order, known map[string]int) error {
	if s.d.Keeper == nil {
		return nil
	}
	q := Quantities(*o)
	for sku := range q {
		if _, ok := known[sku]; !ok {
			delete(q, sku)
		}
	}
	if len(q) == 0 {
		return nil
	}
	taken, err := s.d.Keeper.Reserve(ctx, o.StoreCode, q)
	if err != nil {
		return fmt.Errorf("reserve stock for %s: %w", o.Ref(), err)
	}
	for i := range o.Items {
		it := &o.Items[i]
		it.Reserved = min(it.Quantity, taken[it.SKU])
		taken[it.SKU] -= it.Reserved
	}
	return nil
}

// stockLedger is a chunk's account of the stock its new orders take. Each order of the chunk
// is reviewed against the listings' stock less what the chunk's earlier orders took, and the
// chunk takes the total off the listings at its end, in SKU order (StockKeeper.Take). So the
// best sellers' rows are locked only from the end of the chunk to its commit, and two chunks
// never lock them in different orders. If the stock moved meanwhile so that the total is no
// longer there, Take refuses and the chunk is stored again one order at a time.
type stockLedger struct {
	taken map[string]int
}

func newStockLedger() *stockLedger { return &stockLedger{taken: map[string]int{}} }

// adjust lowers the stock read from the listings by what the chunk has taken so far.
func (l *stockLedger) adjust(stock map[string]int) {
	for sku, n := range l.taken {
		if cur, ok := stock[sku]; ok {
			stock[sku] = max(0, cur-n)
		}
	}
}

// reserve records on each line of a new order the pieces it takes of the stock known to
// the review (known, already adjusted), as Service.reserve does through the keeper.
func (l *stockLedger) reserve(o *Order, known map[string]int) {
	left := make(map[string]int, len(known))
	for sku, n := range known {
		left[sku] = n
	}
	for i := range o.Items {
		it := &o.Items[i]
		n, ok := left[it.SKU]
		if !ok || it.Quantity <= 0 {
			continue
		}
		it.Reserved = min(it.Quantity, n)
		left[it.SKU] -= it.Reserved
		l.taken[it.SKU] += it.Reserved
	}
}

// release gives a cancelled order's reserved pieces back to the stock.
func (s *Service) release(ctx context.Context, o *Order) error {
	if s.d.Keeper == nil {
		return nil
	}
	back := map[string]int{}
	for i := range o.Items {
		if o.Items[i].Reserved > 0 {
			back[o.Items[i].SKU] += o.Items[i].Reserved
			o.Items[i].Reserved = 0
		}
	}
	if len(back) == 0 {
		return nil
	}
	if err := s.d.Keeper.Release(ctx, o.StoreCode, back); err != nil {
		return fmt.Errorf("release stock of %s: %w", o.Ref(), err)
	}
	return nil
}

// stockBeforeReservation is the stock a stored order may count on when it is reviewed
// again: the listings' stock already lacks what the order reserved, so its own quantities
// are added back. Not for a SKU the order was oversold on: the order took what stock there
// was (the stock stops at zero), and its shortfall was never in stock, so the order must see
// a real restock before the oversold flag clears.
func stockBeforeReservation(stock map[string]int, o Order) map[string]int {
	oversold := map[string]bool{}
	for _, f := range o.Flags {
		if f.Check == CheckOversold && len(f.Args) > 0 {
			oversold[f.Args[0]] = true
		}
	}
	out := make(map[string]int, len(stock))
	for sku, n := range stock {
		out[sku] = n
	}
	for sku, n := range Quantities(o) {
		if cur, ok := out[sku]; ok && !oversold[sku] {
			out[sku] = cur + n
		}
	}
	return out
}
