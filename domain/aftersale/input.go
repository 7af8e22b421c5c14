package aftersale

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"storeops/domain"
	"storeops/domain/order"
)

// Form fields, named as the modal's blocks and the problems that point at them.
const (
	FieldType         = "case_type"
	FieldItems        = "case_items"
	FieldAmount       = "refund_amount"
	FieldReason       = "reason"
	FieldDemand       = "case_demand"
	FieldEvidence     = "case_evidence"
	FieldCustomerText = "case_customer_text"
)

// Limits of what a case holds.
const (
	MaxEvidence    = 9
	MaxURL         = 500
	MaxText        = 1000
	MaxItemsText   = 2000
	maxItemsLines  = 100
	maxSKUInItems  = 64
	maxQuantityInt = 1_000_000
)

// Input is the form as the user filled it in: text, parsed and checked by Parse.
type Input struct {
	Type, Items, Amount, Reason, Demand, Evidence string
}

// Parse checks the form against the order and returns the case it describes, or every
// problem at once, each naming its field. The cap is checked by the service, which knows the
// order's other cases.
func (in Input) Parse(o order.Order) (Case, []domain.Problem) {
	var problems []domain.Problem
	add := func(field, key string, args ...any) {
		problems = append(problems, domain.Problem{Field: field, Key: key, Args: args})
	}
	c := Case{OrderID: o.ID, OrderRef: o.Ref(), StoreCode: o.StoreCode, Paid: o.Amounts.Paid,
		Reason: strings.TrimSpace(in.Reason), Demand: strings.TrimSpace(in.Demand)}
	t, ok := ParseType(in.Type)
	if !ok {
		add(FieldType, "aftersale.type.invalid", strings.TrimSpace(in.Type))
	}
	c.Type = t
	lines, p := ParseItems(in.Items)
	if p != nil {
		p.Field = FieldItems
		problems = append(problems, *p)
	} else if p := checkLines(lines, o); p != nil {
		problems = append(problems, *p)
	}
	c.Lines = lines
	if ok && len(lines) == 0 && p == nil && t != TypeRefundOnly {
		add(FieldItems, "aftersale.items.required")
	}
	amount := strings.TrimSpace(in.Amount)
	if amount == "" {
		amount = "0"
	}
	m, err := domain.ParseMoney(amount)
	switch {
	case err != nil || m < 0:
		add(FieldAmount, "aftersale.amount.invalid", strings.TrimSpace(in.Amount))
	case m == 0 && (t == TypeReturn || t == TypeRefundOnly):
		add(FieldAmount, "aftersale.amount.required")
	}
	c.Amount = m
	switch n := utf8.RuneCountInString(c.Reason); {
	case n == 0:
		add(FieldReason, "aftersale.reason.required")
	case n > MaxText:
		add(FieldReason, "aftersale.text.too_long", MaxText)
	}
	if utf8.RuneCountInString(c.Demand) > MaxText {
		add(FieldDemand, "aftersale.text.too_long", MaxText)
	}
	ev, p := ParseEvidence(in.Evidence)
	if p != nil {
		problems = append(problems, *p)
	}
	c.Evidence = ev
	return c, problems
}

// checkLines refuses SKUs the order does not have and quantities above what it ordered.
func checkLines(lines []Line, o order.Order) *domain.Problem {
	ordered := map[string]int{}
	for _, it := range o.Items {
		ordered[strings.ToUpper(it.SKU)] += it.Quantity
	}
	for _, l := range lines {
		q, ok := ordered[strings.ToUpper(l.SKU)]
		if !ok {
			return &domain.Problem{Field: FieldItems, Key: "aftersale.items.not_in_order", Args: []any{l.SKU, o.Ref()}}
		}
		if l.Quantity > q {
			return &domain.Problem{Field: FieldItems, Key: "aftersale.items.too_many", Args: []any{l.SKU, l.Quantity, q}}
		}
	}
	return nil
}

// ParseItems reads "SKU×qty, SKU×qty": lines separated by commas (also "，", ";" or new
// lines), each a SKU and a quantity joined by ×, x, X or *; a SKU alone is one piece. A SKU
// named twice is refused rather than added up, since it is more likely a typo. The problem it
// returns has no Field: the caller places it.
func ParseItems(s string) ([]Line, *domain.Problem) {
	if utf8.RuneCountInString(s) > MaxItemsText {
		return nil, &domain.Problem{Key: "aftersale.items.too_long", Args: []any{MaxItemsText}}
	}
	parts := strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == '，' || r == ';' || r == '；' || r == '\n' || r == '\r' || r == '、'
	})
	var out []Line
	seen := map[string]bool{}
	for _, part := range parts {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if len(out) == maxItemsLines {
			return nil, &domain.Problem{Key: "aftersale.items.too_many_lines", Args: []any{maxItemsLines}}
		}
		// The quantity is what follows the last ×/x/*, when that is a number: a SKU may
		// itself contain an x ("BOX-1").
		sku, qty := part, "1"
		if i := strings.LastIndexAny(part, "×xX*"); i > 0 {
			_, size := utf8.DecodeRuneInString(part[i:])
			if tail := strings.TrimSpace(part[i+size:]); tail != "" && strings.Trim(tail, "0123456789") == "" {
				sku, qty = strings.TrimSpace(part[:i]), tail
			}
		}
		n, err := strconv.Atoi(qty)
		if err != nil || n < 1 || n > maxQuantityInt {
			return nil, &domain.Problem{Key: "aftersale.items.invalid", Args: []any{part}}
		}
		if sku == "" || utf8.RuneCountInString(sku) > maxSKUInItems || strings.ContainsAny(sku, " \t×*") {
			return nil, &domain.Problem{Key: "aftersale.items.invalid", Args: []any{part}}
		}
		key := strings.ToUpper(sku)
		if seen[key] {
			return nil, &domain.Problem{Key: "aftersale.items.twice", Args: []any{sku}}
		}
		seen[key] = true
		out = append(out, Line{SKU: sku, Quantity: n})
	}
	return out, nil
}

// ParseEvidence reads image URLs separated by white space or commas: http or https with a
// host, at most MaxEvidence of them.
func ParseEvidence(s string) ([]string, *domain.Problem) {
	fields := strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == '，' || r == ' ' || r == '\n' || r == '\r' || r == '\t'
	})
	if len(fields) > MaxEvidence {
		return nil, &domain.Problem{Field: FieldEvidence, Key: "aftersale.evidence.too_many", Args: []any{MaxEvidence, len(fields)}}
	}
	var out []string
	for _, f := range fields {
		u, err := url.Parse(f)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || len(f) > MaxURL {
			return nil, &domain.Problem{Field: FieldEvidence, Key: "aftersale.evidence.invalid", Args: []any{cut(f, 80)}}
		}
		out = append(out, f)
	}
	return out, nil
}

func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// itemsText shows lines as they are typed: "MUG-1×2, CUP-3×1".
func itemsText(lines []Line) string {
	parts := make([]string, len(lines))
	for i, l := range lines {
		parts[i] = fmt.Sprintf("%s×%d", l.SKU, l.Quantity)
	}
	return strings.Join(parts, ", ")
}
