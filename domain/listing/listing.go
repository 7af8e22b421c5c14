// Package listing runs the product listings of a store: new listing, final review, updates,
// delisting, and the scan for slow-moving and sold-out items (SPEC §1).
package listing

import (
	"context"
	"time"

	"storeops/domain"
)

// Status of a listing.
type Status string

const (
	StatusDraft            Status = "draft"
	StatusPendingReview    Status = "pending_review"
	StatusLive             Status = "live"
	StatusPendingDelisting Status = "pending_delisting"
	StatusDelisted         Status = "delisted"
)

// Statuses lists every status in lifecycle order.
func Statuses() []Status {
	return []Status{StatusDraft, StatusPendingReview, StatusLive, StatusPendingDelisting, StatusDelisted}
}

// Listing is one product on one store.
type Listing struct {
	ID        int64
	StoreCode string
	SKU       string
	Title     string
	Category  string
	Keywords  []string
	Price     domain.Money
	// FloorPrice is the lowest unit price an order may pay without being held for review
	// (order check below_floor_price); 0 is no floor. It never exceeds Price.
	FloorPrice  domain.Money
	Stock       int
	Images      []string
	Description string

	Status Status
	// Owner is the assistant who runs the listing and hears about it.
	Owner string
	// RejectReason is the supervisor's reason when a submission went back to draft.
	RejectReason string
	// Pending is a major change waiting for approval; the listing keeps its current values
	// until it is approved.
	Pending *Change
	// ApprovalID is the pending approval request about this listing, 0 when none.
	ApprovalID int64
	LiveSince  time.Time
	LastSaleAt time.Time
	CreatedAt  time.Time
	UpdatedAt  time.Time
	Version    int
}

// Ref is how users name a listing: "STORE/SKU", or just "SKU" when only one store has it.
func (l Listing) Ref() string { return l.StoreCode + "/" + l.SKU }

// Subject is the listing's name in audit rows and approvals.
func (l Listing) Subject() domain.Subject { return domain.SubjectOf("listing", l.ID) }

// Filter selects listings for List.
type Filter struct {
	Status    Status
	StoreCode string
	Owner     string
	Limit     int
}

// Repository stores listings. Writes join the transaction in ctx.
type Repository interface {
	// Create returns ECONFLICT with key "listing.exists" (args: store/SKU) when the store
	// already has the SKU.
	Create(ctx context.Context, l *Listing) error
	// Find returns ENOTFOUND with key "listing.not_found" (args: the id).
	Find(ctx context.Context, id int64) (Listing, error)
	// FindBySKU returns every store's listing with the SKU (case-insensitive), and with
	// store set only that store's.
	FindBySKU(ctx context.Context, store, sku string) ([]Listing, error)
	// FindBySKUs returns the store's listings of any of the SKUs (case-insensitive), in one
	// query, ordered by SKU; no SKUs find nothing.
	FindBySKUs(ctx context.Context, store string, skus []string) ([]Listing, error)
	// Update loads with a row lock, calls fn and saves with Version+1, or saves nothing when
	// fn fails.
	Update(ctx context.Context, id int64, fn func(*Listing) error) (Listing, error)
	// List returns listings matching the filter ordered by store and SKU.
	List(ctx context.Context, f Filter) ([]Listing, error)
	// ListLive returns every live listing (for the scans).
	ListLive(ctx context.Context) ([]Listing, error)
}
