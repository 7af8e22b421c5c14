package listing

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Why a listing is offered for delisting.
const (
	ReasonSlowMoving = "slow_moving"
	ReasonSoldOut    = "sold_out"
)

// Candidate is a live listing the scan offers for delisting.
type Candidate struct {
	ListingID int64  `json:"listing_id"`
	Ref       string `json:"ref"`
	Title     string `json:"title"`
	Stock     int    `json:"stock"`
	Reason    string `json:"reason"`
	// IdleDays is how long since the last sale (or since going live, when never sold).
	IdleDays int `json:"idle_days"`
}

// CandidateList is the payload of the "listing.delist_candidates" message to one owner.
type CandidateList struct {
	Owner      string      `json:"owner"`
	Days       int         `json:"days"`
	Candidates []Candidate `json:"candidates"`
}

// TemplateDelistCandidates is the outbox template of the scan's message.
const TemplateDelistCandidates = "listing.delist_candidates"

// DelistCandidates finds live listings that are sold out or have not sold for the configured
// number of days, grouped by owner. A listing with a held change still qualifies; one already
// waiting for delisting is not live and so is not offered again.
func (s *Service) DelistCandidates(ctx context.Context) ([]CandidateList, error) {
	live, err := s.d.Repo.ListLive(ctx)
	if err != nil {
		return nil, fmt.Errorf("scan listings: %w", err)
	}
	now := s.d.Clock.Now()
	limit := s.d.Settings.SlowMovingDays
	byOwner := map[string]*CandidateList{}
	for _, l := range live {
		since := l.LastSaleAt
		if since.IsZero() {
			since = l.LiveSince
		}
		idle := int(now.Sub(since) / (24 * time.Hour))
		reason := ""
		switch {
		case l.Stock == 0:
			reason = ReasonSoldOut
		case !since.IsZero() && idle >= limit:
			reason = ReasonSlowMoving
		default:
			continue
		}
		cl, ok := byOwner[l.Owner]
		if !ok {
			cl = &CandidateList{Owner: l.Owner, Days: limit}
			byOwner[l.Owner] = cl
		}
		cl.Candidates = append(cl.Candidates, Candidate{ListingID: l.ID, Ref: l.Ref(), Title: l.Title, Stock: l.Stock, Reason: reason, IdleDays: idle})
	}
	out := make([]CandidateList, 0, len(byOwner))
	for _, cl := range byOwner {
		out = append(out, *cl)
	}
	slices.SortFunc(out, func(a, b CandidateList) int { return strings.Compare(a.Owner, b.Owner) })
	return out, nil
}

// OfferDelisting sends each owner the list of their candidates, with a button per item. It
// joins the caller's transaction, so that a job's "sent" marker and the messages commit
// together.
func (s *Service) OfferDelisting(ctx context.Context) (int, error) {
	lists, err := s.DelistCandidates(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, cl := range lists {
		if err := s.d.Outbox.DM(ctx, TemplateDelistCandidates, cl.Owner, "", cl); err != nil {
			return n, fmt.Errorf("offer delisting to %s: %w", cl.Owner, err)
		}
		n += len(cl.Candidates)
	}
	return n, nil
}

// Available returns the stock of the store's listed SKUs among skus, for the order review's
// oversold check; SKUs StoreOps does not list are left out (their stock is unknown).
func (s *Service) Available(ctx context.Context, store string, skus []string) (map[string]int, error) {
	listed, err := s.Listed(ctx, store, skus)
	if err != nil {
		return nil, fmt.Errorf("stock of %s: %w", store, err)
	}
	out := make(map[string]int, len(listed))
	for sku, l := range listed {
		out[sku] = l.Stock
	}
	return out, nil
}

// Listed returns, for each of skus that the store lists, its listing, keyed by the SKU as
// requested (SKUs match whatever their case), in one query however many SKUs an order has.
// A SKU counts as listed only when the store has exactly one listing of it and that one is
// not delisted: what the order path knows about such a SKU (stock, floor price) is what the
// store sells now, and anything else is left out rather than guessed.
func (s *Service) Listed(ctx context.Context, store string, skus []string) (map[string]Listing, error) {
	out := map[string]Listing{}
	if len(skus) == 0 {
		return out, nil
	}
	found, err := s.d.Repo.FindBySKUs(ctx, store, skus)
	if err != nil {
		return nil, fmt.Errorf("find listings of %s by SKU: %w", store, err)
	}
	byKey := map[string][]Listing{}
	for _, l := range found {
		byKey[skuKey(l.SKU)] = append(byKey[skuKey(l.SKU)], l)
	}
	for _, sku := range skus {
		if ls := byKey[skuKey(sku)]; len(ls) == 1 && ls[0].Status != StatusDelisted {
			out[sku] = ls[0]
		}
	}
	return out, nil
}

// skuKey is how SKUs compare: users type them in any case (the repository's lookups ignore
// case too).
func skuKey(sku string) string { return strings.ToUpper(strings.TrimSpace(sku)) }
