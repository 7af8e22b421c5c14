// Package approval is the one workflow for every "a supervisor decides": a request is filed by
// an area, shown on a card, decided by someone with the approver role, and the decision is
// applied by the area that filed it, all in one transaction.
package approval

import (
	"context"
	"encoding/json"
	"time"

	"storeops/domain"
)

// Kind names what is being approved; each kind registers a Policy and an Applier.
type Kind string

const (
	KindListingPublish Kind = "listing.publish"
	KindListingChange  Kind = "listing.change"
	KindListingDelist  Kind = "listing.delist"
	// KindRefund is an after-sales refund above the store's threshold.
	KindRefund Kind = "aftersale.refund"
)

// Status of a request.
type Status string

const (
	StatusPending   Status = "pending"
	StatusApproved  Status = "approved"
	StatusRejected  Status = "rejected"
	StatusCancelled Status = "cancelled"
	StatusExpired   Status = "expired"
)

// Outcome of one person's decision.
type Outcome string

const (
	OutcomeApprove Outcome = "approve"
	OutcomeReject  Outcome = "reject"
)

// Decision is one person's vote on a request.
type Decision struct {
	By      string    `json:"by"`
	Outcome Outcome   `json:"outcome"`
	Reason  string    `json:"reason,omitempty"`
	At      time.Time `json:"at"`
}

// Field is one line of what the card shows about the subject: a catalog key for the label and
// a value already formatted (values are data, not text to translate).
type Field struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// Request is one thing waiting for (or having had) a decision.
type Request struct {
	ID      int64
	Kind    Kind
	Subject domain.Subject
	// Title is the one-line name of the subject for cards and lists (e.g. "TM01/SKU-1 Red mug").
	Title     string
	Requester string
	// Details are what the approver needs to decide, as submitted.
	Details []Field
	// Payload is the proposed change, as submitted, for the applier.
	Payload   json.RawMessage
	Note      string
	Status    Status
	Decisions []Decision
	// Reason is the reason given by the rejecting approver.
	Reason         string
	DecidedBy      string
	DecidedAt      time.Time
	CreatedAt      time.Time
	DueAt          time.Time
	LastRemindedAt time.Time
	Version        int
}

// Repository stores requests. Writes join the transaction in ctx.
type Repository interface {
	Create(ctx context.Context, r *Request) error
	// Find returns ENOTFOUND with key "approval.not_found" for an unknown id.
	Find(ctx context.Context, id int64) (Request, error)
	// Update loads the request with a row lock, calls fn, and saves the result with
	// Version+1 — unless fn returns an error, in which case nothing is saved.
	Update(ctx context.Context, id int64, fn func(*Request) error) (Request, error)
	// ListPending returns pending requests of the given kinds (all kinds when empty),
	// oldest first.
	ListPending(ctx context.Context, kinds []Kind) ([]Request, error)
	// ListBySubject returns the subject's requests, newest first.
	ListBySubject(ctx context.Context, subject domain.Subject) ([]Request, error)
}
