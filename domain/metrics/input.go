package metrics

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"storeops/domain"
)

// MaxBatch is the most days one API request or file may carry (a year and more of one
// store's overall and per-source days).
const MaxBatch = 400

// MaxSKUs is the most SKU rows of one day.
const MaxSKUs = 5000

// Input is one store day as a platform (or a file) sends it. Figures are numbers or text
// ("1,234", "129.90"); a figure left out is not sent, which lets StoreOps derive it from its
// orders where it can.
type Input struct {
	// Store is optional: the request (or file) names the store; a day that names another
	// one is refused.
	Store          string     `json:"store,omitempty"`
	Date           string     `json:"date"`
	Source         string     `json:"source,omitempty"`
	Visitors       Value      `json:"visitors,omitempty"`
	Sessions       Value      `json:"sessions,omitempty"`
	PageViews      Value      `json:"page_views,omitempty"`
	PayingBuyers   Value      `json:"paying_buyers,omitempty"`
	PaidOrders     Value      `json:"paid_orders,omitempty"`
	PaidAmount     Value      `json:"paid_amount,omitempty"`
	RefundedOrders Value      `json:"refunded_orders,omitempty"`
	RefundedAmount Value      `json:"refunded_amount,omitempty"`
	SKUs           []SKUInput `json:"skus,omitempty"`
}

// SKUInput is one SKU's figures of the day as sent.
type SKUInput struct {
	SKU        string `json:"sku"`
	Visitors   Value  `json:"visitors,omitempty"`
	Buyers     Value  `json:"buyers,omitempty"`
	Units      Value  `json:"units,omitempty"`
	PaidAmount Value  `json:"paid_amount,omitempty"`
}

// Figure names, as problems and Day.Origins name them.
const (
	FieldVisitors       = "visitors"
	FieldSessions       = "sessions"
	FieldPageViews      = "page_views"
	FieldPayingBuyers   = "paying_buyers"
	FieldPaidOrders     = "paid_orders"
	FieldPaidAmount     = "paid_amount"
	FieldRefundedOrders = "refunded_orders"
	FieldRefundedAmount = "refunded_amount"
)

// Figures lists the figure names in Counts order.
func Figures() []string {
	return []string{FieldVisitors, FieldSessions, FieldPageViews, FieldPayingBuyers, FieldPaidOrders, FieldPaidAmount,
		FieldRefundedOrders, FieldRefundedAmount}
}

// Parsed is a checked day and which of its figures the sender gave.
type Parsed struct {
	Day  Day
	Sent map[string]bool
}

// Parse checks a day against the store's calendar (today is the date of now in tz) and
// returns it with every problem found, each naming its field ("skus[2].units"). It is pure:
// which figures StoreOps can derive is the service's business.
func (in Input) Parse(storeCode string, now time.Time, tz *time.Location) (Parsed, []domain.Problem) {
	var ps []domain.Problem
	add := func(field, key string, args ...any) {
		ps = append(ps, domain.Problem{Field: field, Key: key, Args: args})
	}
	out := Parsed{Day: Day{StoreCode: storeCode}, Sent: map[string]bool{}}
	if s := strings.TrimSpace(in.Store); s != "" && !strings.EqualFold(s, storeCode) {
		add("store", "metrics.store.other", s, storeCode)
	}
	switch d, ok := ParseDate(in.Date, tz); {
	case strings.TrimSpace(in.Date) == "":
		add("date", "metrics.field.required")
	case !ok:
		add("date", "metrics.date.invalid", in.Date)
	case d.After(DateOf(now, tz)):
		add("date", "metrics.date.future", FormatDate(d), FormatDate(DateOf(now, tz)))
	default:
		out.Day.Date = d
	}
	src := Source(strings.ToLower(strings.TrimSpace(in.Source)))
	if src == "" {
		src = SourceOverall
	}
	if !slices.Contains(Sources(), src) {
		add("source", "metrics.source.unknown", in.Source, sourceList())
	}
	out.Day.Source = src

	c := &out.Day.Counts
	count := func(field string, v Value, dst *int64) {
		if !v.Sent() {
			return
		}
		n, err := ParseCount(string(v))
		switch {
		case err == errNegative:
			add(field, "metrics.count.negative", string(v))
		case err != nil:
			add(field, "metrics.count.invalid", string(v))
		default:
			*dst, out.Sent[field] = n, true
		}
	}
	amount := func(field string, v Value, dst *domain.Money) {
		if !v.Sent() {
			return
		}
		m, err := ParseAmount(string(v))
		switch {
		case err == errNegative:
			add(field, "metrics.count.negative", string(v))
		case err != nil:
			add(field, "metrics.amount.invalid", string(v))
		default:
			*dst, out.Sent[field] = m, true
		}
	}
	count(FieldVisitors, in.Visitors, &c.Visitors)
	count(FieldSessions, in.Sessions, &c.Sessions)
	count(FieldPageViews, in.PageViews, &c.PageViews)
	count(FieldPayingBuyers, in.PayingBuyers, &c.PayingBuyers)
	count(FieldPaidOrders, in.PaidOrders, &c.PaidOrders)
	amount(FieldPaidAmount, in.PaidAmount, &c.PaidAmount)
	count(FieldRefundedOrders, in.RefundedOrders, &c.RefundedOrders)
	amount(FieldRefundedAmount, in.RefundedAmount, &c.RefundedAmount)
	ps = append(ps, checkCounts(*c, out.Sent)...)
	if !in.anySent() && len(in.SKUs) == 0 {
		add(FieldVisitors, "metrics.day.empty")
	}
	ps = append(ps, parseSKUs(in.SKUs, src, &out.Day)...)
	return out, ps
}

// anySent reports whether the day carries a figure, readable or not (one that is not is
// refused on its own).
func (in Input) anySent() bool {
	for _, v := range []Value{in.Visitors, in.Sessions, in.PageViews, in.PayingBuyers, in.PaidOrders, in.PaidAmount,
		in.RefundedOrders, in.RefundedAmount} {
		if v.Sent() {
			return true
		}
	}
	return false
}

// checkCounts finds the figures that contradict each other. A figure that was not sent is
// unknown, not zero, and contradicts nothing.
func checkCounts(c Counts, sent map[string]bool) []domain.Problem {
	var ps []domain.Problem
	both := func(a, b string) bool { return sent[a] && sent[b] }
	if both(FieldPayingBuyers, FieldVisitors) && c.PayingBuyers > c.Visitors {
		ps = append(ps, domain.Problem{Field: FieldPayingBuyers, Key: "metrics.buyers.above_visitors", Args: []any{c.PayingBuyers, c.Visitors}})
	}
	if both(FieldPaidAmount, FieldPaidOrders) && c.PaidAmount > 0 && c.PaidOrders == 0 {
		ps = append(ps, domain.Problem{Field: FieldPaidAmount, Key: "metrics.amount.without_orders", Args: []any{c.PaidAmount.String()}})
	}
	if both(FieldPaidAmount, FieldPaidOrders) && c.PaidOrders > 0 && c.PaidAmount == 0 {
		ps = append(ps, domain.Problem{Field: FieldPaidOrders, Key: "metrics.orders.without_amount", Args: []any{c.PaidOrders}})
	}
	if both(FieldPayingBuyers, FieldPaidOrders) && c.PayingBuyers > c.PaidOrders {
		ps = append(ps, domain.Problem{Field: FieldPayingBuyers, Key: "metrics.buyers.above_orders", Args: []any{c.PayingBuyers, c.PaidOrders}})
	}
	if both(FieldRefundedOrders, FieldPaidOrders) && c.RefundedOrders > c.PaidOrders {
		ps = append(ps, domain.Problem{Field: FieldRefundedOrders, Key: "metrics.refunds.above_orders", Args: []any{c.RefundedOrders, c.PaidOrders}})
	}
	if both(FieldRefundedAmount, FieldPaidAmount) && c.RefundedAmount > c.PaidAmount {
		ps = append(ps, domain.Problem{Field: FieldRefundedAmount, Key: "metrics.refunds.above_amount", Args: []any{c.RefundedAmount.String(), c.PaidAmount.String()}})
	}
	return ps
}

// parseSKUs checks the day's SKU rows: the overall day only (a platform's SKU report is the
// store's, not a traffic source's), each SKU once.
func parseSKUs(in []SKUInput, src Source, d *Day) []domain.Problem {
	var ps []domain.Problem
	if len(in) == 0 {
		return nil
	}
	if src != SourceOverall {
		return []domain.Problem{{Field: "skus", Key: "metrics.sku.not_overall"}}
	}
	if len(in) > MaxSKUs {
		return []domain.Problem{{Field: "skus", Key: "metrics.sku.too_many", Args: []any{MaxSKUs}}}
	}
	seen := map[string]bool{}
	for i, s := range in {
		path := fmt.Sprintf("skus[%d]", i)
		row := SKUDay{SKU: strings.TrimSpace(s.SKU)}
		switch {
		case row.SKU == "":
			ps = append(ps, domain.Problem{Field: path + ".sku", Key: "metrics.field.required"})
		case utf8.RuneCountInString(row.SKU) > 64:
			ps = append(ps, domain.Problem{Field: path + ".sku", Key: "metrics.sku.too_long", Args: []any{64}})
		case seen[strings.ToUpper(row.SKU)]:
			ps = append(ps, domain.Problem{Field: path + ".sku", Key: "metrics.sku.twice", Args: []any{row.SKU}})
		}
		seen[strings.ToUpper(row.SKU)] = true
		for _, f := range []struct {
			name string
			v    Value
			dst  *int64
		}{{"visitors", s.Visitors, &row.Visitors}, {"buyers", s.Buyers, &row.Buyers}, {"units", s.Units, &row.Units}} {
			if !f.v.Sent() {
				continue
			}
			n, err := ParseCount(string(f.v))
			switch {
			case err == errNegative:
				ps = append(ps, domain.Problem{Field: path + "." + f.name, Key: "metrics.count.negative", Args: []any{string(f.v)}})
			case err != nil:
				ps = append(ps, domain.Problem{Field: path + "." + f.name, Key: "metrics.count.invalid", Args: []any{string(f.v)}})
			default:
				*f.dst = n
			}
		}
		if s.PaidAmount.Sent() {
			m, err := ParseAmount(string(s.PaidAmount))
			switch {
			case err == errNegative:
				ps = append(ps, domain.Problem{Field: path + ".paid_amount", Key: "metrics.count.negative", Args: []any{string(s.PaidAmount)}})
			case err != nil:
				ps = append(ps, domain.Problem{Field: path + ".paid_amount", Key: "metrics.amount.invalid", Args: []any{string(s.PaidAmount)}})
			default:
				row.PaidAmount = m
			}
		}
		if s.Visitors.Sent() && s.Buyers.Sent() && row.Buyers > row.Visitors {
			ps = append(ps, domain.Problem{Field: path + ".buyers", Key: "metrics.buyers.above_visitors", Args: []any{row.Buyers, row.Visitors}})
		}
		d.SKUs = append(d.SKUs, row)
	}
	return ps
}

func sourceList() string {
	names := make([]string, 0, len(Sources()))
	for _, s := range Sources() {
		names = append(names, string(s))
	}
	return strings.Join(names, ", ")
}
