package listing

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"storeops/domain"
	"storeops/domain/approval"
	"storeops/domain/audit"
	"storeops/domain/outbox"
	"storeops/domain/store"
)

// Settings are the store team's tunable rules.
type Settings struct {
	// PriceChangePct is the price move, in percent, above which a change needs approval.
	PriceChangePct float64
	// SlowMovingDays is how long a live listing may go without a sale before it is offered
	// for delisting.
	SlowMovingDays int
}

// Approvals files requests with the approval engine.
type Approvals interface {
	Submit(ctx context.Context, actor domain.Actor, s approval.Submission) (approval.Request, error)
}

// Stores finds shops.
type Stores interface {
	Find(ctx context.Context, code string) (store.Store, error)
}

// Deps are what the listing service needs.
type Deps struct {
	Repo      Repository
	Tx        domain.TxRunner
	Audit     *audit.Log
	Outbox    *outbox.Outbox
	Approvals Approvals
	Stores    Stores
	Clock     domain.Clock
	Settings  Settings
}

// Service runs listings.
type Service struct{ d Deps }

// NewService builds the listing service.
func NewService(d Deps) *Service {
	if d.Settings.PriceChangePct <= 0 {
		d.Settings.PriceChangePct = 20
	}
	if d.Settings.SlowMovingDays <= 0 {
		d.Settings.SlowMovingDays = 30
	}
	return &Service{d: d}
}

// Submit checks a new (or rejected, or delisted) listing and sends it to final review. Every
// problem comes back at once, each naming its field.
func (s *Service) Submit(ctx context.Context, actor domain.Actor, in Input) (Listing, error) {
	if err := actor.Require(domain.RoleAssistant); err != nil {
		return Listing{}, err
	}
	l, problems := in.Parse()
	if l.StoreCode != "" {
		if _, err := s.d.Stores.Find(ctx, l.StoreCode); err != nil {
			if domain.ErrorCode(err) != domain.ENOTFOUND {
				return Listing{}, fmt.Errorf("submit listing %s: %w", l.SKU, err)
			}
			problems = append(problems, domain.Problem{Field: FieldStore, Key: "listing.store.unknown", Args: []any{l.StoreCode}})
		}
	}
	if len(problems) > 0 {
		return Listing{}, domain.Invalid(problems)
	}
	var out Listing
	err := s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		existing, err := s.d.Repo.FindBySKU(ctx, l.StoreCode, l.SKU)
		if err != nil {
			return err
		}
		now := s.d.Clock.Now()
		var before *Listing
		if len(existing) == 0 {
			l.Status, l.Owner, l.CreatedAt, l.UpdatedAt = StatusDraft, actor.UserID, now, now
			if err := s.d.Repo.Create(ctx, &l); err != nil {
				return err
			}
		} else {
			cur := existing[0]
			if !canMove(cur.Status, StatusPendingReview) {
				return domain.Errorf(domain.ECONFLICT, "listing.exists", cur.Ref(), string(cur.Status))
			}
			before = &cur
			l.ID = cur.ID
		}
		req, err := s.d.Approvals.Submit(ctx, actor, approval.Submission{
			Kind: approval.KindListingPublish, Subject: l.Subject(), Title: l.StoreCode + "/" + l.SKU + " " + l.Title,
			Details: publishDetails(l), Payload: map[string]int64{"listing_id": l.ID},
		})
		if err != nil {
			return err
		}
		out, err = s.d.Repo.Update(ctx, l.ID, func(cur *Listing) error {
			cur.Title, cur.Category, cur.Keywords, cur.Price, cur.FloorPrice, cur.Stock = l.Title, l.Category, l.Keywords, l.Price, l.FloorPrice, l.Stock
			cur.Images, cur.Description = l.Images, l.Description
			cur.Status, cur.ApprovalID, cur.RejectReason, cur.UpdatedAt = StatusPendingReview, req.ID, "", now
			return nil
		})
		if err != nil {
			return err
		}
		var b any
		if before != nil {
			b = auditView(*before)
		}
		return s.d.Audit.Record(ctx, actor, "listing.submit", out.Subject(), b, auditView(out))
	})
	if err != nil {
		return Listing{}, fmt.Errorf("submit listing %s/%s: %w", l.StoreCode, l.SKU, err)
	}
	return out, nil
}

func publishDetails(l Listing) []approval.Field {
	out := []approval.Field{
		{Label: "field.store", Value: l.StoreCode},
		{Label: "field.sku", Value: l.SKU},
		{Label: "field.title", Value: l.Title},
		{Label: "field.category", Value: l.Category},
		{Label: "field.price", Value: l.Price.String()},
	}
	// The supervisor sees a floor only when there is one; most listings have none.
	if l.FloorPrice > 0 {
		out = append(out, approval.Field{Label: "field.floor_price", Value: l.FloorPrice.String()})
	}
	return append(out,
		approval.Field{Label: "field.stock", Value: fmt.Sprint(l.Stock)},
		approval.Field{Label: "field.keywords", Value: strings.Join(l.Keywords, ", ")},
		approval.Field{Label: "field.images", Value: strings.Join(l.Images, "\n")},
		approval.Field{Label: "field.description", Value: l.Description},
	)
}

// Find resolves what a user typed — "STORE/SKU" or a SKU that only one store has — to a
// listing.
func (s *Service) Find(ctx context.Context, ref string) (Listing, error) {
	ref = strings.TrimSpace(ref)
	storeCode, sku, hasStore := strings.Cut(ref, "/")
	if !hasStore {
		storeCode, sku = "", ref
	}
	if sku == "" {
		return Listing{}, domain.Errorf(domain.EINVALID, "listing.ref.invalid", ref)
	}
	found, err := s.d.Repo.FindBySKU(ctx, strings.ToUpper(storeCode), sku)
	if err != nil {
		return Listing{}, fmt.Errorf("find listing %s: %w", ref, err)
	}
	switch len(found) {
	case 0:
		return Listing{}, domain.Errorf(domain.ENOTFOUND, "listing.sku_not_found", ref)
	case 1:
		return found[0], nil
	}
	stores := make([]string, len(found))
	for i, l := range found {
		stores[i] = l.Ref()
	}
	return Listing{}, domain.Errorf(domain.EINVALID, "listing.ambiguous", sku, strings.Join(stores, ", "))
}

// FindByID returns a listing by its id.
func (s *Service) FindByID(ctx context.Context, id int64) (Listing, error) {
	l, err := s.d.Repo.Find(ctx, id)
	if err != nil {
		return Listing{}, fmt.Errorf("find listing %d: %w", id, err)
	}
	return l, nil
}

// List returns listings matching f.
func (s *Service) List(ctx context.Context, f Filter) ([]Listing, error) {
	if f.Status != "" && !slices.Contains(Statuses(), f.Status) {
		return nil, domain.Errorf(domain.EINVALID, "listing.status.unknown", string(f.Status))
	}
	out, err := s.d.Repo.List(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("list listings: %w", err)
	}
	return out, nil
}

// History returns the listing's audit trail, oldest first.
func (s *Service) History(ctx context.Context, l Listing, limit int) ([]audit.Entry, error) {
	return s.d.Audit.History(ctx, l.Subject(), limit)
}

// auditView is what the audit trail keeps of a listing: the fields a reader compares.
func auditView(l Listing) map[string]any {
	m := map[string]any{
		"status": l.Status, "title": l.Title, "category": l.Category, "price": l.Price.String(),
		"stock": l.Stock, "keywords": strings.Join(l.Keywords, ", "), "images": strings.Join(l.Images, " "),
		"description": l.Description,
	}
	// Left out when there is none, so that the trails of listings without a floor read as
	// before floors existed.
	if l.FloorPrice > 0 {
		m["floor_price"] = l.FloorPrice.String()
	}
	if l.RejectReason != "" {
		m["reject_reason"] = l.RejectReason
	}
	if l.Pending != nil {
		m["pending_change"] = l.Pending.summary()
	}
	return m
}
