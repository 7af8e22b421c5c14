// Package orderdb stores orders, the stores' order rules and the blacklist with gorm.
package orderdb

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"storeops/domain"
	"storeops/domain/gormdb"
	"storeops/domain/order"
)

// Repo is the order.Repository on MySQL or SQLite.
type Repo struct {
	db *gorm.DB
}

var _ order.Repository = (*Repo)(nil)

// New builds a Repo over db.
func New(db *gorm.DB) *Repo { return &Repo{db: db} }

// List limits: a filter without a limit gets DefaultLimit orders, and none gets more than
// MaxLimit.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// Column sizes of the keys computed here; longer values are cut, which only costs matching
// on what lies past the cut.
const (
	phoneKeySize   = 32
	addressKeySize = 255
)

// orderRow keeps the buyer's phone and the address as sent and, in PhoneKey and AddressKey,
// normalised, so that Recent and List find "+86 138 0013 8000" and "13800138000", or
// "广东 深圳市" and "廣東省深圳市", alike through an index. Items, flags and notes are JSON
// text: they are only read with their order.
type orderRow struct {
	ID              int64
	StoreCode       string
	PlatformOrderID string
	BuyerName       string
	BuyerPhone      string
	PhoneKey        string
	BuyerPlatformID string
	Province        string
	City            string
	District        string
	Street          string
	Postcode        string
	AddressKey      string
	Items           string
	GoodsAmount     int64
	ShippingAmount  int64
	DiscountAmount  int64
	PaidAmount      int64
	PaymentMethod   string
	PaymentStatus   string
	BuyerRemark     string
	ServiceRemark   string
	PlacedAt        *time.Time
	PaidAt          *time.Time
	Status          string
	Flags           string
	Notes           string
	Carrier         string
	TrackingNo      string
	DecidedBy       string
	DecidedAt       *time.Time
	CancelReason    string
	ReceivedAt      *time.Time
	ReleasedAt      *time.Time
	HandedOffAt     *time.Time
	ShippedAt       *time.Time
	UpdatedAt       *time.Time `gorm:"autoUpdateTime:false"`
	Fingerprint     string
	Version         int
}

func (orderRow) TableName() string { return "orders" }

// phoneKey and addressKey are the order package's normalised phone and address, the same
// values the checks compare and the blacklist holds, so that Recent finds every order a
// check would count. A change to order.NormalizePhone or order.NormalizeAddress must come
// with a migration that recomputes phone_key and address_key.
func phoneKey(phone string) string { return clip(order.NormalizePhone(phone), phoneKeySize) }

func addressKey(a order.Address) string { return clip(order.NormalizeAddress(a), addressKeySize) }

// clip cuts s to at most n characters.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

func toRow(o order.Order) (orderRow, error) {
	items, err := gormdb.JSON(o.Items)
	if err != nil {
		return orderRow{}, fmt.Errorf("items: %w", err)
	}
	flags, err := gormdb.JSON(o.Flags)
	if err != nil {
		return orderRow{}, fmt.Errorf("flags: %w", err)
	}
	var notes []order.Note
	if o.Notes != nil {
		notes = make([]order.Note, len(o.Notes))
		for i, n := range o.Notes {
			n.At = gormdb.UTC(n.At)
			notes[i] = n
		}
	}
	notesJSON, err := gormdb.JSON(notes)
	if err != nil {
		return orderRow{}, fmt.Errorf("notes: %w", err)
	}
	return orderRow{
		ID: o.ID, StoreCode: o.StoreCode, PlatformOrderID: o.PlatformOrderID,
		BuyerName: o.Buyer.Name, BuyerPhone: o.Buyer.Phone, PhoneKey: phoneKey(o.Buyer.Phone), BuyerPlatformID: o.Buyer.PlatformID,
		Province: o.Address.Province, City: o.Address.City, District: o.Address.District, Street: o.Address.Street,
		Postcode: o.Address.Postcode, AddressKey: addressKey(o.Address),
		Items: items, GoodsAmount: int64(o.Amounts.Goods), ShippingAmount: int64(o.Amounts.Shipping),
		DiscountAmount: int64(o.Amounts.Discount), PaidAmount: int64(o.Amounts.Paid),
		PaymentMethod: o.PaymentMethod, PaymentStatus: string(o.PaymentStatus),
		BuyerRemark: o.BuyerRemark, ServiceRemark: o.ServiceRemark,
		PlacedAt: gormdb.NullTime(o.PlacedAt), PaidAt: gormdb.NullTime(o.PaidAt),
		Status: string(o.Status), Flags: flags, Notes: notesJSON, Carrier: o.Carrier, TrackingNo: o.TrackingNo,
		DecidedBy: o.DecidedBy, DecidedAt: gormdb.NullTime(o.DecidedAt), CancelReason: o.CancelReason,
		ReceivedAt: gormdb.NullTime(o.ReceivedAt), ReleasedAt: gormdb.NullTime(o.ReleasedAt),
		HandedOffAt: gormdb.NullTime(o.HandedOffAt),
		ShippedAt:   gormdb.NullTime(o.ShippedAt), UpdatedAt: gormdb.NullTime(o.UpdatedAt),
		Fingerprint: o.Fingerprint, Version: o.Version,
	}, nil
}

func fromRow(r orderRow) (order.Order, error) {
	o := order.Order{
		ID: r.ID, StoreCode: r.StoreCode, PlatformOrderID: r.PlatformOrderID,
		Buyer:   order.Buyer{Name: r.BuyerName, Phone: r.BuyerPhone, PlatformID: r.BuyerPlatformID},
		Address: order.Address{Province: r.Province, City: r.City, District: r.District, Street: r.Street, Postcode: r.Postcode},
		Amounts: order.Amounts{Goods: domain.Money(r.GoodsAmount), Shipping: domain.Money(r.ShippingAmount),
			Discount: domain.Money(r.DiscountAmount), Paid: domain.Money(r.PaidAmount)},
		PaymentMethod: r.PaymentMethod, PaymentStatus: order.PaymentStatus(r.PaymentStatus),
		BuyerRemark: r.BuyerRemark, ServiceRemark: r.ServiceRemark,
		PlacedAt: gormdb.TimeOf(r.PlacedAt), PaidAt: gormdb.TimeOf(r.PaidAt),
		Status: order.Status(r.Status), Carrier: r.Carrier, TrackingNo: r.TrackingNo,
		DecidedBy: r.DecidedBy, DecidedAt: gormdb.TimeOf(r.DecidedAt), CancelReason: r.CancelReason,
		ReceivedAt: gormdb.TimeOf(r.ReceivedAt), ReleasedAt: gormdb.TimeOf(r.ReleasedAt),
		HandedOffAt: gormdb.TimeOf(r.HandedOffAt),
		ShippedAt:   gormdb.TimeOf(r.ShippedAt), UpdatedAt: gormdb.TimeOf(r.UpdatedAt),
		Fingerprint: r.Fingerprint, Version: r.Version,
	}
	if err := gormdb.FromJSON(r.Items, &o.Items); err != nil {
		return order.Order{}, fmt.Errorf("order %d items: %w", r.ID, err)
	}
	if err := gormdb.FromJSON(r.Flags, &o.Flags); err != nil {
		return order.Order{}, fmt.Errorf("order %d flags: %w", r.ID, err)
	}
	if err := gormdb.FromJSON(r.Notes, &o.Notes); err != nil {
		return order.Order{}, fmt.Errorf("order %d notes: %w", r.ID, err)
	}
	for i := range o.Notes {
		o.Notes[i].At = o.Notes[i].At.UTC()
	}
	return o, nil
}

func exists(o order.Order) error {
	return domain.Errorf(domain.ECONFLICT, "order.exists", o.Ref())
}

// Create inserts the order and sets its ID; the unique key (store, platform order id)
// refuses a second copy even when a platform delivers the order twice at once.
func (r *Repo) Create(ctx context.Context, o *order.Order) error {
	row, err := toRow(*o)
	if err != nil {
		return fmt.Errorf("create order %s: %w", o.Ref(), err)
	}
	row.ID = 0
	if err := gormdb.Conn(ctx, r.db).Create(&row).Error; err != nil {
		if gormdb.IsDuplicate(err) {
			return exists(*o)
		}
		return gormdb.Err(err, "create order "+o.Ref())
	}
	o.ID = row.ID
	return nil
}

// Find reads one order.
func (r *Repo) Find(ctx context.Context, id int64) (order.Order, error) {
	var row orderRow
	if err := gormdb.Conn(ctx, r.db).Where("id = ?", id).Take(&row).Error; err != nil {
		return order.Order{}, gormdb.NotFound(err, fmt.Sprintf("find order %d", id), "order.not_found", id)
	}
	return fromRow(row)
}

// FindByPlatformID looks the store code and platform order id up as given.
func (r *Repo) FindByPlatformID(ctx context.Context, store, platformOrderID string) (order.Order, error) {
	ref := store + "/" + platformOrderID
	var row orderRow
	err := gormdb.Conn(ctx, r.db).Where("store_code = ? AND platform_order_id = ?", store, platformOrderID).Take(&row).Error
	if err != nil {
		return order.Order{}, gormdb.NotFound(err, "find order "+ref, "order.not_found", ref)
	}
	return fromRow(row)
}

// FindByPlatformIDs looks a delivery's orders up in one query, so that a redelivered batch is
// answered without a transaction per order.
func (r *Repo) FindByPlatformIDs(ctx context.Context, store string, platformOrderIDs []string) (map[string]order.Order, error) {
	out := make(map[string]order.Order, len(platformOrderIDs))
	if len(platformOrderIDs) == 0 {
		return out, nil
	}
	var rows []orderRow
	err := gormdb.Conn(ctx, r.db).Where("store_code = ? AND platform_order_id IN ?", store, platformOrderIDs).Find(&rows).Error
	if err != nil {
		return nil, gormdb.Err(err, fmt.Sprintf("find %d orders of %s", len(platformOrderIDs), store))
	}
	for _, row := range rows {
		o, err := fromRow(row)
		if err != nil {
			return nil, err
		}
		out[o.PlatformOrderID] = o
	}
	return out, nil
}

// Update loads the order with a row lock, so that two changes to it (a person releasing it
// while the platform redelivers it) queue instead of one overwriting the other, and saves
// only when fn accepts. fn's error comes back as is.
func (r *Repo) Update(ctx context.Context, id int64, fn func(*order.Order) error) (order.Order, error) {
	return gormdb.Update(ctx, r.db, gormdb.Versioned[order.Order, orderRow]{
		What:        "order",
		NotFound:    gormdb.NotFoundID("order.not_found"),
		FromRow:     fromRow,
		ToRow:       toRow,
		RowVersion:  func(r orderRow) int { return r.Version },
		Stamp:       func(o *order.Order, id int64, version int) { o.ID, o.Version = id, version },
		OnDuplicate: exists, // fn moved it onto a key the store already has
	}, id, fn)
}

// List applies the filter, newest (last received) first, or by id when f.Oldest. Store code, status, buyer name
// and platform order id compare as given; the phone compares normalised (order.NormalizePhone). A limit of 0
// means DefaultLimit, and more than MaxLimit is cut to it.
func (r *Repo) List(ctx context.Context, f order.Filter) ([]order.Order, error) {
	q := gormdb.Conn(ctx, r.db)
	if f.StoreCode != "" {
		q = q.Where("store_code = ?", f.StoreCode)
	}
	if f.Status != "" {
		q = q.Where("status = ?", string(f.Status))
	}
	if f.Phone != "" {
		key := phoneKey(f.Phone)
		if key == "" {
			return []order.Order{}, nil // no digits: no phone can match
		}
		q = q.Where("phone_key = ?", key)
	}
	if f.BuyerName != "" {
		q = q.Where("buyer_name = ?", f.BuyerName)
	}
	if f.PlatformOrderID != "" {
		q = q.Where("platform_order_id = ?", f.PlatformOrderID)
	}
	if !f.ReleasedBefore.IsZero() {
		q = q.Where("released_at < ?", gormdb.UTC(f.ReleasedBefore))
	}
	if f.NotHandedOff {
		q = q.Where("handed_off_at IS NULL")
	}
	if f.AfterID > 0 {
		q = q.Where("id > ?", f.AfterID)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	if f.Oldest {
		q = q.Order("id ASC")
	} else {
		q = q.Order("received_at DESC").Order("id DESC")
	}
	var rows []orderRow
	if err := q.Limit(limit).Find(&rows).Error; err != nil {
		return nil, gormdb.Err(err, "list orders")
	}
	return gormdb.MapRows(rows, fromRow)
}

// Recent is one statement over the three indexed keys of the store: the normalised phone,
// the platform buyer id and the normalised address, each only when o has it. o is left out by
// its ID and by its platform order id, so that an order not yet stored (ID 0) does not find
// an earlier delivery of itself. Newest first; a zero since does not bound the time.
func (r *Repo) Recent(ctx context.Context, o order.Order, since time.Time) ([]order.Order, error) {
	type term struct{ column, value string }
	var terms []term
	if key := phoneKey(o.Buyer.Phone); key != "" {
		terms = append(terms, term{"phone_key", key})
	}
	if o.Buyer.PlatformID != "" {
		terms = append(terms, term{"buyer_platform_id", o.Buyer.PlatformID})
	}
	if key := addressKey(o.Address); key != "" {
		terms = append(terms, term{"address_key", key})
	}
	if len(terms) == 0 {
		return []order.Order{}, nil
	}
	// A UNION ALL of one SELECT per key rather than one SELECT with ORs: each part is
	// planned on its own (store_code, key, received_at) index. With the ORs SQLite chose the
	// (store_code, received_at) index instead, and during a burst — when every order is
	// recent — each new order scanned all the others.
	parts := make([]string, 0, len(terms))
	var args []any
	for _, t := range terms {
		part := "SELECT * FROM orders WHERE store_code = ? AND " + t.column + " = ? AND id <> ? AND platform_order_id <> ?"
		args = append(args, o.StoreCode, t.value, o.ID, o.PlatformOrderID)
		if !since.IsZero() {
			part += " AND received_at >= ?"
			args = append(args, gormdb.UTC(since))
		}
		parts = append(parts, part)
	}
	var found []orderRow
	if err := gormdb.Conn(ctx, r.db).Raw(strings.Join(parts, " UNION ALL "), args...).Scan(&found).Error; err != nil {
		return nil, gormdb.Err(err, "find recent orders like "+o.Ref())
	}
	rows := make([]orderRow, 0, len(found))
	seen := make(map[int64]bool, len(found))
	for _, row := range found {
		if !seen[row.ID] {
			seen[row.ID] = true
			rows = append(rows, row)
		}
	}
	slices.SortFunc(rows, func(a, b orderRow) int {
		if c := gormdb.TimeOf(b.ReceivedAt).Compare(gormdb.TimeOf(a.ReceivedAt)); c != 0 {
			return c
		}
		return cmp.Compare(b.ID, a.ID)
	})
	return gormdb.MapRows(rows, fromRow)
}
