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
	// LockStock takes the locks of the store's listed SKUs in one global order, before one
	// transaction reserves stock for several orders.
	LockStock(ctx context.Context, store string, skus []string) error
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
