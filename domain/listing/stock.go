package listing

import (
	"context"
	"fmt"
	"slices"

	"storeops/domain"
)

// Reserve takes ordered quantities (SKU → pieces) off the store's listings, the stock the
// order review counts on (Available). The listings are found in one query (Listed), then
// each is changed under its row lock, in SKU order so that two orders never wait for each
// other's locks. The stock stops at zero; an order asking for
// more than there was is the oversold check's to flag, and its shortfall is not carried as
// negative stock. A live listing that reaches zero now offers its owner delisting (the
// weekly scan's message with this one listing, reason sold out), queued in the caller's
// transaction with the order. SKUs the store does not list (or lists twice, or delisted)
// are left alone, as Available leaves them out.
func (s *Service) Reserve(ctx context.Context, store string, quantities map[string]int) (map[string]int, error) {
	return s.take(ctx, store, quantities, false)
}

// Take takes exactly the pieces (SKU → pieces) off the store's listings, as Reserve does,
// or nothing: ECONFLICT "listing.stock.moved" when a listing now has fewer pieces than asked,
// or is no longer listed. It is for a caller that reviewed several orders against the stock
// it read before and takes their pieces at the end, in SKU order, holding the best sellers'
// row locks only from then until its commit; a conflict means its reading is out of date.
func (s *Service) Take(ctx context.Context, store string, pieces map[string]int) error {
	_, err := s.take(ctx, store, pieces, true)
	return err
}

func (s *Service) take(ctx context.Context, store string, quantities map[string]int, exact bool) (map[string]int, error) {
	taken := map[string]int{}
	skus := make([]string, 0, len(quantities))
	for sku, n := range quantities {
		if n > 0 {
			skus = append(skus, sku)
		}
	}
	slices.Sort(skus)
	listed, err := s.Listed(ctx, store, skus)
	if err != nil {
		return nil, fmt.Errorf("reserve stock of %s: %w", store, err)
	}
	now := s.d.Clock.Now()
	for _, sku := range skus {
		found, ok := listed[sku]
		if !ok {
			if exact {
				return nil, domain.Errorf(domain.ECONFLICT, "listing.stock.moved", store+"/"+sku)
			}
			continue
		}
		soldOut := false
		l, err := s.d.Repo.Update(ctx, found.ID, func(l *Listing) error {
			if exact && (l.Stock < quantities[sku] || l.Status == StatusDelisted) {
				return domain.Errorf(domain.ECONFLICT, "listing.stock.moved", l.Ref())
			}
			before := l.Stock
			l.Stock = max(0, l.Stock-quantities[sku])
			taken[sku] = before - l.Stock
			l.LastSaleAt, l.UpdatedAt = now, now
			soldOut = l.Status == StatusLive && before > 0 && l.Stock == 0
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("reserve %s/%s: %w", store, sku, err)
		}
		if !soldOut || l.Owner == "" {
			continue
		}
		offer := CandidateList{Owner: l.Owner, Days: s.d.Settings.SlowMovingDays,
			Candidates: []Candidate{{ListingID: l.ID, Ref: l.Ref(), Title: l.Title, Stock: 0, Reason: ReasonSoldOut}}}
		if err := s.d.Outbox.DM(ctx, TemplateDelistCandidates, l.Owner, "", offer); err != nil {
			return nil, fmt.Errorf("offer delisting of sold-out %s: %w", l.Ref(), err)
		}
	}
	return taken, nil
}

// Release gives pieces (SKU → pieces) back to the stock of the store's listings, as when an
// order that reserved them is cancelled. A delisted listing keeps its recorded stock of 0.
func (s *Service) Release(ctx context.Context, store string, quantities map[string]int) error {
	skus := make([]string, 0, len(quantities))
	for sku, n := range quantities {
		if n > 0 {
			skus = append(skus, sku)
		}
	}
	slices.Sort(skus)
	listed, err := s.Listed(ctx, store, skus)
	if err != nil {
		return fmt.Errorf("release stock of %s: %w", store, err)
	}
	for _, sku := range skus {
		found, ok := listed[sku]
		if !ok {
			continue
		}
		if _, err := s.d.Repo.Update(ctx, found.ID, func(l *Listing) error {
			l.Stock = min(MaxStock, l.Stock+quantities[sku])
			l.UpdatedAt = s.d.Clock.Now()
			return nil
		}); err != nil {
			return fmt.Errorf("release %s/%s: %w", store, sku, err)
		}
	}
	return nil
}
