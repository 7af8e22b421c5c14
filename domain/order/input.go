package order

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"storeops/domain"
)

// MaxBatch is the most orders one delivery may carry.
const MaxBatch = 1000

// Limits on what one order may carry; far above any real order, they keep a bad delivery
// from filling the database.
const (
	MaxItems     = 200
	MaxTextField = 500
	MaxQuantity  = 100_000
)

// Input is one order as a platform (or an export file) sends it. Amounts are decimal text
// or JSON numbers ("129.90" or 129.9); times are RFC 3339.
type Input struct {
	StoreCode       string      `json:"store"`
	PlatformOrderID string      `json:"platform_order_id"`
	Buyer           Buyer       `json:"buyer"`
	Address         Address     `json:"address"`
	Items           []ItemInput `json:"items"`
	Amounts         AmountInput `json:"amounts"`
	PaymentMethod   string      `json:"payment_method"`
	PaymentStatus   string      `json:"payment_status"`
	BuyerRemark     string      `json:"buyer_remark"`
	CreatedAt       string      `json:"created_at"`
	PaidAt          string      `json:"paid_at"`
}

// ItemInput is one order line as sent.
type ItemInput struct {
	SKU       string      `json:"sku"`
	Quantity  json.Number `json:"quantity"`
	UnitPrice json.Number `json:"unit_price"`
}

// AmountInput are the order's amounts as sent.
type AmountInput struct {
	Goods    json.Number `json:"goods"`
	Shipping json.Number `json:"shipping"`
	Discount json.Number `json:"discount"`
	Paid     json.Number `json:"paid"`
}

// Parse checks an order and returns it with every problem found, each naming its field by
// its JSON path within the order ("items[2].quantity").
func (in Input) Parse() (Order, []domain.Problem) {
	var p problems
	o := Order{
		StoreCode:       strings.ToUpper(strings.TrimSpace(in.StoreCode)),
		PlatformOrderID: strings.TrimSpace(in.PlatformOrderID),
		Buyer:           Buyer{Name: strings.TrimSpace(in.Buyer.Name), Phone: strings.TrimSpace(in.Buyer.Phone), PlatformID: strings.TrimSpace(in.Buyer.PlatformID)},
		Address: Address{Province: strings.TrimSpace(in.Address.Province), City: strings.TrimSpace(in.Address.City),
			District: strings.TrimSpace(in.Address.District), Street: strings.TrimSpace(in.Address.Street), Postcode: strings.TrimSpace(in.Address.Postcode)},
		PaymentMethod: strings.TrimSpace(in.PaymentMethod),
		BuyerRemark:   strings.TrimSpace(in.BuyerRemark),
	}
	if o.StoreCode == "" {
		p.add("store", "order.field.required")
	}
	switch {
	case o.PlatformOrderID == "":
		p.add("platform_order_id", "order.field.required")
	case utf8.RuneCountInString(o.PlatformOrderID) > 64:
		p.add("platform_order_id", "order.field.too_long", "64")
	}
	for path, v := range map[string]string{
		"buyer.name": o.Buyer.Name, "buyer.phone": o.Buyer.Phone, "buyer.platform_id": o.Buyer.PlatformID,
		"address.province": o.Address.Province, "address.city": o.Address.City, "address.district": o.Address.District,
		"address.street": o.Address.Street, "address.postcode": o.Address.Postcode, "payment_method": o.PaymentMethod,
		"buyer_remark": o.BuyerRemark,
	} {
		if utf8.RuneCountInString(v) > MaxTextField {
			p.add(path, "order.field.too_long", fmt.Sprint(MaxTextField))
		}
	}
	// Missing contact or address details are not refused here: the review holds such an
	// order so that someone contacts the customer (待聯繫), which is what the store wants.
	switch {
	case len(in.Items) == 0:
		p.add("items", "order.items.empty")
	case len(in.Items) > MaxItems:
		p.add("items", "order.items.too_many", fmt.Sprint(MaxItems))
	}
	for i, it := range in.Items {
		path := fmt.Sprintf("items[%d]", i)
		item := Item{SKU: strings.TrimSpace(it.SKU)}
		if item.SKU == "" {
			p.add(path+".sku", "order.field.required")
		}
		q, err := it.Quantity.Int64()
		switch {
		case it.Quantity == "":
			p.add(path+".quantity", "order.field.required")
		case err != nil || q < 1 || q > MaxQuantity:
			p.add(path+".quantity", "order.quantity.invalid", it.Quantity.String())
		}
		item.Quantity = int(q)
		item.UnitPrice = p.money(path+".unit_price", it.UnitPrice, true)
		o.Items = append(o.Items, item)
	}
	o.Amounts = Amounts{
		Goods:    p.money("amounts.goods", in.Amounts.Goods, true),
		Shipping: p.money("amounts.shipping", in.Amounts.Shipping, false),
		Discount: p.money("amounts.discount", in.Amounts.Discount, false),
		Paid:     p.money("amounts.paid", in.Amounts.Paid, false),
	}
	status := PaymentStatus(strings.ToLower(strings.TrimSpace(in.PaymentStatus)))
	if status == "" {
		status = PaymentPaid
		if o.Amounts.Paid == 0 {
			status = PaymentUnpaid
		}
	}
	if !slices.Contains(PaymentStatuses(), status) {
		p.add("payment_status", "order.payment_status.invalid", string(status), joinStatuses())
	}
	o.PaymentStatus = status
	o.PlacedAt = p.time("created_at", in.CreatedAt, true)
	o.PaidAt = p.time("paid_at", in.PaidAt, false)
	o.Fingerprint = fingerprint(o)
	return o, p.list
}

func joinStatuses() string {
	names := make([]string, 0, len(PaymentStatuses()))
	for _, s := range PaymentStatuses() {
		names = append(names, string(s))
	}
	return strings.Join(names, ", ")
}

// problems collects field problems.
type problems struct{ list []domain.Problem }

func (p *problems) add(field, key string, args ...string) {
	a := make([]any, len(args))
	for i, s := range args {
		a[i] = s
	}
	p.list = append(p.list, domain.Problem{Field: field, Key: key, Args: a})
}

func (p *problems) money(field string, n json.Number, required bool) domain.Money {
	if n == "" {
		if required {
			p.add(field, "order.field.required")
		}
		return 0
	}
	m, err := domain.ParseMoney(n.String())
	if err != nil || m < 0 {
		p.add(field, "order.amount.invalid", n.String())
		return 0
	}
	return m
}

func (p *problems) time(field, s string, required bool) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		if required {
			p.add(field, "order.field.required")
		}
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		p.add(field, "order.time.invalid", s)
		return time.Time{}
	}
	return t.UTC()
}

// fingerprint hashes what the platform sent, so that a redelivery is recognised as the same.
func fingerprint(o Order) string {
	sent := struct {
		Buyer         Buyer
		Address       Address
		Items         []Item
		Amounts       Amounts
		PaymentMethod string
		PaymentStatus PaymentStatus
		BuyerRemark   string
		PlacedAt      time.Time
		PaidAt        time.Time
	}{o.Buyer, o.Address, o.Items, o.Amounts, o.PaymentMethod, o.PaymentStatus, o.BuyerRemark, o.PlacedAt, o.PaidAt}
	b, _ := json.Marshal(sent)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}
