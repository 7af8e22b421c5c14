// Package aftersale runs after-sales cases (售后, SPEC §2): a return, exchange, refund or
// reissue opened against an order, approved by a supervisor when the refund is above the
// store's threshold, moved through an explicit state table, confirmed by the warehouse, closed
// with the text told to the customer, and reminded when it stops moving.
package aftersale

import (
	"context"
	"strconv"
	"time"

	"storeops/domain"
)

// Type is what the customer asked for.
type Type string

const (
	TypeReturn     Type = "return"      // 退货退款: the goods come back, the money goes out
	TypeExchange   Type = "exchange"    // 换货: the goods come back, others go out
	TypeRefundOnly Type = "refund_only" // 仅退款: money only, nothing comes back
	TypeReissue    Type = "reissue"     // 补发: missing or broken pieces are sent again
)

// Types lists every type in the order the form offers them.
func Types() []Type { return []Type{TypeReturn, TypeExchange, TypeRefundOnly, TypeReissue} }

// Status of a case.
type Status string

const (
	StatusRequested      Status = "requested"
	StatusApproved       Status = "approved"
	StatusAwaitingReturn Status = "awaiting_return"
	StatusReceived       Status = "received"
	StatusInspected      Status = "inspected"
	StatusRefunded       Status = "refunded"
	StatusExchanged      Status = "exchanged"
	StatusReissued       Status = "reissued"
	StatusClosed         Status = "closed"
	StatusRejected       Status = "rejected"
)

// Statuses lists every status in lifecycle order.
func Statuses() []Status {
	return []Status{StatusRequested, StatusApproved, StatusAwaitingReturn, StatusReceived, StatusInspected,
		StatusRefunded, StatusExchanged, StatusReissued, StatusClosed, StatusRejected}
}

// Open reports whether a case in s still needs work (it is neither closed nor rejected).
func (s Status) Open() bool { return s != StatusClosed && s != StatusRejected }

// Line is one item of the order that the case is about.
type Line struct {
	SKU      string `json:"sku"`
	Quantity int    `json:"quantity"`
}

// Case is one after-sales request about one order.
type Case struct {
	ID        int64
	OrderID   int64
	OrderRef  string
	StoreCode string
	Type      Type
	Lines     []Line
	// Amount is what the customer gets back; zero is allowed for exchanges and reissues.
	Amount domain.Money
	// Paid is what the order was paid, kept with the case so that the card shows it.
	Paid     domain.Money
	Reason   string
	Demand   string
	Evidence []string
	// Owner is the assistant who opened the case; every move by someone else is told to them.
	Owner  string
	Status Status
	// ApprovalID is the refund approval the case waits for, 0 when none.
	ApprovalID int64
	// AutoApproved marks a case approved at once because its amount was within the store's
	// threshold (Threshold, as it was then).
	AutoApproved bool
	Threshold    domain.Money
	RejectReason string
	// CustomerText is what the customer was told when the case was closed.
	CustomerText string
	// ReceivedBy/At and StockBy/At are the warehouse's confirmations.
	ReceivedBy string
	ReceivedAt time.Time
	StockBy    string
	StockAt    time.Time
	// MovedBy and MovedAt name the last move (the opening counts as one).
	MovedBy   string
	MovedAt   time.Time
	CreatedAt time.Time
	UpdatedAt time.Time
	Version   int
}

// Subject is the case's name in audit rows, approvals and timers.
func (c Case) Subject() domain.Subject { return domain.SubjectOf("aftersale", c.ID) }

// Number is how people name a case: "#12".
func (c Case) Number() string { return "#" + strconv.FormatInt(c.ID, 10) }

// Refund reports whether the case pays money back (and so counts against the order's cap).
func (c Case) Refund() bool { return c.Amount > 0 }

// Filter selects cases for List.
type Filter struct {
	// OpenOnly keeps cases that are neither closed nor rejected.
	OpenOnly bool
	Owner    string
	// MovedBefore keeps cases whose last move is older (the stale list).
	MovedBefore time.Time
	Limit       int
}

// Repository stores cases. Writes join the transaction in ctx.
type Repository interface {
	Create(ctx context.Context, c *Case) error
	// Find returns ENOTFOUND "aftersale.not_found" (args: the id).
	Find(ctx context.Context, id int64) (Case, error)
	// ListByOrder returns the order's cases, oldest first, with a row lock when in a
	// transaction, so that two cases opened at once cannot both take the last of the cap.
	ListByOrder(ctx context.Context, orderID int64) ([]Case, error)
	// Update loads with a row lock, calls fn and saves with Version+1, or saves nothing when
	// fn fails (returning fn's error unchanged).
	Update(ctx context.Context, id int64, fn func(*Case) error) (Case, error)
	// List returns cases matching f, newest first.
	List(ctx context.Context, f Filter) ([]Case, error)
}
