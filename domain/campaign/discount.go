package campaign

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"storeops/domain"
)

// DiscountKind is the discount strategy of a plan.
type DiscountKind string

const (
	DiscountCoupon        DiscountKind = "coupon"         // 优惠券: Value off, from MinSpend
	DiscountFullReduction DiscountKind = "full_reduction" // 满减: tiers of "spend X, save Y"
	DiscountPercentage    DiscountKind = "percentage"     // 折扣: Percent off
	DiscountGift          DiscountKind = "gift"           // 赠品: Gift, from MinSpend
)

// DiscountKinds lists the strategies in the order the form offers them.
func DiscountKinds() []DiscountKind {
	return []DiscountKind{DiscountCoupon, DiscountFullReduction, DiscountPercentage, DiscountGift}
}

// Tier is one step of a full reduction: spend Threshold, save Reduction.
type Tier struct {
	Threshold domain.Money `json:"threshold"`
	Reduction domain.Money `json:"reduction"`
}

// Discount is the strategy with its parameters; only those of its kind are set.
type Discount struct {
	Kind     DiscountKind `json:"kind"`
	Value    domain.Money `json:"value,omitempty"`
	MinSpend domain.Money `json:"min_spend,omitempty"`
	Tiers    []Tier       `json:"tiers,omitempty"`
	Percent  int          `json:"percent,omitempty"`
	Gift     string       `json:"gift,omitempty"`
}

// Limits of the discount parameters.
const (
	MaxTiers      = 5
	MaxGiftText   = 200
	MaxParamsText = 500
)

// ParseDiscount reads the parameters of a strategy as typed in the form:
//
//	coupon:         "20" (20.00 off) or "20/199" (20.00 off from 199.00)
//	full_reduction: "300-50" or "满300减50", several tiers separated by commas ("300-50, 500-100")
//	percentage:     "15%" or "15" (15 % off, 1 to 90)
//	gift:           "Mug MUG-1" or "Mug MUG-1/199" (from 199.00)
//
// The problem it returns has no Field: the caller places it.
func ParseDiscount(kind, params string) (Discount, *domain.Problem) {
	k := DiscountKind(norm(kind))
	d := Discount{Kind: k}
	params = strings.TrimSpace(params)
	bad := func() (Discount, *domain.Problem) {
		return d, &domain.Problem{Key: "campaign.discount.invalid." + string(k), Args: []any{Cut(params, 40)}}
	}
	if utf8.RuneCountInString(params) > MaxParamsText {
		return d, &domain.Problem{Key: "campaign.text.too_long", Args: []any{MaxParamsText}}
	}
	switch k {
	case DiscountCoupon:
		v, minSpend, ok := strings.Cut(params, "/")
		val, err := domain.ParseMoney(strings.TrimSpace(v))
		if err != nil || val <= 0 {
			return bad()
		}
		d.Value = val
		if ok {
			m, err := domain.ParseMoney(strings.TrimSpace(minSpend))
			if err != nil || m < val {
				return bad()
			}
			d.MinSpend = m
		}
	case DiscountFullReduction:
		parts := strings.FieldsFunc(params, func(r rune) bool { return r == ',' || r == '，' || r == ';' || r == '\n' })
		if len(parts) == 0 || len(parts) > MaxTiers {
			return bad()
		}
		for _, p := range parts {
			p = strings.TrimSpace(p)
			p = strings.TrimPrefix(p, "满")
			p = strings.ReplaceAll(p, "减", "-")
			a, b, ok := strings.Cut(p, "-")
			th, err1 := domain.ParseMoney(strings.TrimSpace(a))
			red, err2 := domain.ParseMoney(strings.TrimSpace(b))
			if !ok || err1 != nil || err2 != nil || red <= 0 || th <= red {
				return bad()
			}
			if n := len(d.Tiers); n > 0 && th <= d.Tiers[n-1].Threshold {
				return bad()
			}
			d.Tiers = append(d.Tiers, Tier{Threshold: th, Reduction: red})
		}
	case DiscountPercentage:
		p, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(params, "%")))
		if err != nil || p < 1 || p > 90 {
			return bad()
		}
		d.Percent = p
	case DiscountGift:
		gift, minSpend, ok := strings.Cut(params, "/")
		d.Gift = strings.TrimSpace(gift)
		if d.Gift == "" || utf8.RuneCountInString(d.Gift) > MaxGiftText {
			return bad()
		}
		if ok {
			m, err := domain.ParseMoney(strings.TrimSpace(minSpend))
			if err != nil || m < 0 {
				return bad()
			}
			d.MinSpend = m
		}
	default:
		return Discount{}, &domain.Problem{Key: "campaign.discount.unknown", Args: []any{Cut(kind, 40)}}
	}
	return d, nil
}

// String writes the parameters back the way ParseDiscount reads them.
func (d Discount) String() string {
	switch d.Kind {
	case DiscountCoupon:
		if d.MinSpend > 0 {
			return d.Value.String() + "/" + d.MinSpend.String()
		}
		return d.Value.String()
	case DiscountFullReduction:
		parts := make([]string, len(d.Tiers))
		for i, t := range d.Tiers {
			parts[i] = t.Threshold.String() + "-" + t.Reduction.String()
		}
		return strings.Join(parts, ", ")
	case DiscountPercentage:
		return strconv.Itoa(d.Percent) + "%"
	case DiscountGift:
		if d.MinSpend > 0 {
			return d.Gift + "/" + d.MinSpend.String()
		}
		return d.Gift
	}
	return ""
}

func norm(s string) string {
	return strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToLower(strings.TrimSpace(s)))
}

// Cut shortens s to n runes with an ellipsis, for echoing user input in messages.
func Cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
