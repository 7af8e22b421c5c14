package metrics

import (
	"fmt"
	"math"
	"strings"

	"storeops/domain"
)

// KPI is a derived figure, or none when its denominator was zero: a store with no visitors
// has no conversion rate, which is not the same as a rate of 0. Views show a missing value as
// "—"; no KPI function ever returns NaN or ±Inf.
type KPI struct {
	V  float64 `json:"v"`
	OK bool    `json:"ok"`
}

// NoKPI is the missing value.
func NoKPI() KPI { return KPI{} }

// KPIOf is a present value; NaN and ±Inf become NoKPI, so that no arithmetic slip reaches a view.
func KPIOf(v float64) KPI {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return KPI{}
	}
	return KPI{V: v, OK: true}
}

// CountKPI is a raw count as a KPI (always present).
func CountKPI(n int64) KPI { return KPIOf(float64(n)) }

// AmountKPI is a sum of money as a KPI in minor units (always present).
func AmountKPI(m domain.Money) KPI { return KPIOf(float64(m)) }

// ratio is num / den, none when den is zero.
func kpiRatio(num, den float64) KPI {
	if den == 0 {
		return NoKPI()
	}
	return KPIOf(num / den)
}

// Round rounds the value to places decimals, half away from zero.
func (v KPI) Round(places int) KPI {
	if !v.OK {
		return v
	}
	p := math.Pow10(places)
	return KPIOf(math.Round(v.V*p) / p)
}

// Percent is a ratio as a percentage (0.0312 → 3.12).
func (v KPI) Percent() KPI {
	if !v.OK {
		return v
	}
	return KPIOf(v.V * 100)
}

// Money is a value in minor units rounded to a whole minor unit, for amounts such as AOV.
func (v KPI) Money() (domain.Money, bool) {
	if !v.OK {
		return 0, false
	}
	return domain.Money(math.Round(v.V)), true
}

// Basis is how a store computes its conversion rate (SPEC §5): platforms define it
// differently, so each store chooses.
type Basis string

const (
	// BasisBuyers: paying buyers / unique visitors (Taobao's 支付转化率). The default.
	BasisBuyers Basis = "buyers"
	// BasisSessions: converted sessions / sessions (Shopify). The counts have no converted
	// sessions, so paid orders stand in for them (one order per converting session).
	BasisSessions Basis = "sessions"
)

// ParseBasis reads a basis; empty means the default (buyers).
func ParseBasis(s string) (Basis, error) {
	switch Basis(strings.ToLower(strings.TrimSpace(s))) {
	case "", BasisBuyers:
		return BasisBuyers, nil
	case BasisSessions:
		return BasisSessions, nil
	}
	return "", domain.Errorf(domain.EINVALID, "kpi.basis.invalid", s)
}

// Conversion is the conversion rate (a ratio, 0.05 = 5 %) of c on basis b; an unknown
// basis counts as the default.
func Conversion(c Counts, b Basis) KPI {
	if b == BasisSessions {
		return kpiRatio(float64(c.PaidOrders), float64(c.Sessions))
	}
	return kpiRatio(float64(c.PayingBuyers), float64(c.Visitors))
}

// AOV is the average order value: paid amount / paid orders, in minor units.
func AOV(c Counts) KPI { return kpiRatio(float64(c.PaidAmount), float64(c.PaidOrders)) }

// PerBuyer is 客单价: paid amount / paying buyers, in minor units. It differs from AOV
// when buyers place several orders.
func PerBuyer(c Counts) KPI { return kpiRatio(float64(c.PaidAmount), float64(c.PayingBuyers)) }

// RevenuePerVisitor is paid amount / unique visitors, in minor units.
func RevenuePerVisitor(c Counts) KPI {
	return kpiRatio(float64(c.PaidAmount), float64(c.Visitors))
}

// RefundRateOrders is refunded orders / paid orders of c (a ratio). For the rate over a
// window, pass Sum of the window's days.
func RefundRateOrders(c Counts) KPI {
	return kpiRatio(float64(c.RefundedOrders), float64(c.PaidOrders))
}

// RefundRateAmount is refunded amount / paid amount of c (a ratio).
func RefundRateAmount(c Counts) KPI {
	return kpiRatio(float64(c.RefundedAmount), float64(c.PaidAmount))
}

// DefaultRefundWindow is the number of days refund rates are computed over (SPEC §5):
// refunds trail their orders, so one day's rate says little.
const DefaultRefundWindow = 30

// RepeatRate is buyers with at least two orders in a period / buyers in the period.
func RepeatRate(repeatBuyers, buyers int64) KPI {
	return kpiRatio(float64(repeatBuyers), float64(buyers))
}

// SumCounts adds the counts of several days (a window). The result is the window's totals;
// buyers and visitors are summed per day, as the platforms report them.
func SumCounts(days ...Counts) Counts {
	var s Counts
	for _, c := range days {
		s.Visitors += c.Visitors
		s.Sessions += c.Sessions
		s.PageViews += c.PageViews
		s.PayingBuyers += c.PayingBuyers
		s.PaidOrders += c.PaidOrders
		s.PaidAmount += c.PaidAmount
		s.RefundedOrders += c.RefundedOrders
		s.RefundedAmount += c.RefundedAmount
	}
	return s
}

// ChangePct is the change from base to cur in percent ((cur − base) / |base| × 100); none
// when either is missing or base is zero (a rise from nothing has no percentage).
func ChangePct(cur, base KPI) KPI {
	if !cur.OK || !base.OK || base.V == 0 {
		return NoKPI()
	}
	return KPIOf((cur.V - base.V) / math.Abs(base.V) * 100)
}

// String shows a value for logs and test failures ("—" when missing).
func (v KPI) String() string {
	if !v.OK {
		return "—"
	}
	return fmt.Sprintf("%g", v.V)
}
