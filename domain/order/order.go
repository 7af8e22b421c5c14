// Package order receives the store platforms' orders, reviews them against the store's rules,
// and follows them to the warehouse and shipping (SPEC §2).
package order

import (
	"context"
	"time"

	"storeops/domain"
)

// Status of an order in StoreOps (not the platform's).
type Status string

const (
	// StatusHeld waits for a person: a HOLD check found something.
	StatusHeld Status = "held"
	// StatusReleased passed review (possibly with ALERT flags) and goes to the warehouse.
	StatusReleased  Status = "released"
	StatusShipped   Status = "shipped"
	StatusCancelled Status = "cancelled"
)

// Statuses lists every status in lifecycle order.
func Statuses() []Status {
	return []Status{StatusHeld, StatusReleased, StatusShipped, StatusCancelled}
}

// PaymentStatus is what the platform says of the money.
type PaymentStatus string

const (
	PaymentUnpaid          PaymentStatus = "unpaid"
	PaymentPartial         PaymentStatus = "partial"
	PaymentPaid            PaymentStatus = "paid"
	PaymentRefundRequested PaymentStatus = "refund_requested"
	PaymentRefunded        PaymentStatus = "refunded"
)

// PaymentStatuses lists the payment statuses the API accepts.
func PaymentStatuses() []PaymentStatus {
	return []PaymentStatus{PaymentUnpaid, PaymentPartial, PaymentPaid, PaymentRefundRequested, PaymentRefunded}
}

// Buyer is who ordered.
type Buyer struct {
	Name  string `json:"name"`
	Phone string `json:"phone"`
	// PlatformID is the buyer's account on the platform.
	PlatformID string `json:"platform_id"`
}

// Address is where the parcel goes.
type Address struct {
	Province string `json:"province"`
	City     string `json:"city"`
	District string `json:"district"`
	Street   string `json:"street"`
	Postcode string `json:"postcode"`
}

// Item is one order line.
type Item struct {
	SKU       string       `json:"sku"`
	Quantity  int          `json:"quantity"`
	UnitPrice domain.Money `json:"unit_price"`
	// Reserved is how many of the pieces this line took off the listing's stock (less than
	// Quantity when the order oversold); a cancellation gives exactly these back.
	Reserved int `json:"reserved,omitempty"`
}

// Amounts are the order's money, as the platform computed it.
type Amounts struct {
	Goods    domain.Money `json:"goods"`
	Shipping domain.Money `json:"shipping"`
	Discount domain.Money `json:"discount"`
	Paid     domain.Money `json:"paid"`
}

// Severity says what a check's finding does to the order.
type Severity string

const (
	// SeverityHold blocks release until a person decides.
	SeverityHold Severity = "hold"
	// SeverityAlert lets the order through with a flag and the reason.
	SeverityAlert Severity = "alert"
)

// Flag is one finding of the review: which check, how serious, and why (a catalog key with
// string arguments, so that it is shown in the reader's language).
type Flag struct {
	Check    string   `json:"check"`
	Severity Severity `json:"severity"`
	Key      string   `json:"key"`
	Args     []string `json:"args,omitempty"`
}

// Order is one platform order in one store.
type Order struct {
	ID              int64
	StoreCode       string
	PlatformOrderID string
	Buyer           Buyer
	Address         Address
	Items           []Item
	Amounts         Amounts
	PaymentMethod   string
	PaymentStatus   PaymentStatus
	BuyerRemark     string
	ServiceRemark   string
	// PlacedAt and PaidAt are the platform's times; PaidAt is zero when unpaid.
	PlacedAt time.Time
	PaidAt   time.Time

	Status Status
	Flags  []Flag
	// Notes are what people wrote after contacting the customer.
	Notes      []Note
	Carrier    string
	TrackingNo string
	// DecidedBy and DecidedAt name who released or cancelled a held order; CancelReason
	// says why it was cancelled.
	DecidedBy    string
	DecidedAt    time.Time
	CancelReason string
	ReceivedAt   time.Time
	ReleasedAt   time.Time
	// HandedOffAt is when the released order went to the warehouse (channel message and/or
	// webhook); zero while it waits for the next hand-off.
	HandedOffAt time.Time
	ShippedAt   time.Time
	UpdatedAt   time.Time
	// Fingerprint is a hash of what the platform sent, so that a redelivery of the same
	// order is recognised as unchanged without comparing field by field.
	Fingerprint string
	Version     int
}

// Note is a remark a person added to an order.
type Note struct {
	By   string    `json:"by"`
	Text string    `json:"text"`
	At   time.Time `json:"at"`
}

// release lets the order go to the warehouse. An order held after its hand-off was called
// back from the warehouse, so it is handed off again: that batch is the go-ahead.
func (o *Order) release(now time.Time) {
	o.Status, o.ReleasedAt, o.HandedOffAt = StatusReleased, now, time.Time{}
}

// Ref is how people name an order: "STORE/platform order id".
func (o Order) Ref() string { return o.StoreCode + "/" + o.PlatformOrderID }

// Subject is the order's name in audit rows and outbox refs.
func (o Order) Subject() domain.Subject { return domain.SubjectOf("order", o.ID) }

// Holds returns the flags that block release.
func (o Order) Holds() []Flag {
	var out []Flag
	for _, f := range o.Flags {
		if f.Severity == SeverityHold {
			out = append(out, f)
		}
	}
	return out
}

// Alerts returns the flags that let the order through with a warning.
func (o Order) Alerts() []Flag {
	var out []Flag
	for _, f := range o.Flags {
		if f.Severity == SeverityAlert {
			out = append(out, f)
		}
	}
	return out
}

// ItemCount is the number of pieces ordered.
func (o Order) ItemCount() int {
	n := 0
	for _, it := range o.Items {
		n += it.Quantity
	}
	return n
}

// Filter selects orders for List.
type Filter struct {
	StoreCode string
	Status    Status
	// Phone, BuyerName, PlatformOrderID match exactly (phone on its digits).
	Phone           string
	BuyerName       string
	PlatformOrderID string
	// ReleasedBefore keeps orders released before it (for the unshipped reminder).
	ReleasedBefore time.Time
	// NotHandedOff keeps orders not yet handed to the warehouse.
	NotHandedOff bool
	// AfterID keeps orders with a larger id, and Oldest lists oldest (lowest id) first
	// instead of newest first, so that a job can walk every matching order page by page.
	AfterID int64
	Oldest  bool
	Limit   int
}

// Repository stores orders. Writes join the transaction in ctx.
type Repository interface {
	// Create returns ECONFLICT with key "order.exists" (args: store/platform id) when the
	// store already has the platform order id; the caller then loads and compares.
	Create(ctx context.Context, o *Order) error
	// Find returns ENOTFOUND with key "order.not_found" (args: the id).
	Find(ctx context.Context, id int64) (Order, error)
	// FindByPlatformID returns the store's order with that platform id, ENOTFOUND
	// "order.not_found" (args: store/platform id) when there is none.
	FindByPlatformID(ctx context.Context, store, platformOrderID string) (Order, error)
	// FindByPlatformIDs returns the store's orders with any of the platform ids, keyed by
	// platform id; ids it does not have are absent.
	FindByPlatformIDs(ctx context.Context, store string, platformOrderIDs []string) (map[string]Order, error)
	// Update loads with a row lock, calls fn and saves with Version+1, or saves nothing when
	// fn fails (returning fn's error unchanged).
	Update(ctx context.Context, id int64, fn func(*Order) error) (Order, error)
	// List returns orders matching f, newest first.
	List(ctx context.Context, f Filter) ([]Order, error)
	// Recent returns the store's orders received since since that share the buyer's phone,
	// platform buyer id or normalised address with o (o itself excluded), for the duplicate,
	// several-addresses and many-orders-to-one-address checks.
	Recent(ctx context.Context, o Order, since time.Time) ([]Order, error)
	// Totals sums the store's orders of a period for its daily figures (SPEC §5).
	Totals(ctx context.Context, store string, from, to time.Time) (Totals, error)
}

// BuyerCounts are a store's paying buyers of a period and those among them who paid for two
// orders or more in it (SPEC §5, repeat purchase rate), buyers told apart as in Totals.
type BuyerCounts struct {
	Buyers int64
	Repeat int64
}

// Totals are what a store's orders of a period add up to: the orders paid within
// from ≤ t < to (received within it, for an order without a payment time), cancelled orders
// left out. Paid means the money arrived (paid, refund requested or refunded); a buyer is a
// distinct platform buyer id, else phone.
type Totals struct {
	Orders         int64
	PaidOrders     int64
	PayingBuyers   int64
	PaidAmount     domain.Money
	RefundedOrders int64
	RefundedAmount domain.Money
}
