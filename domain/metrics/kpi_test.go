package metrics

import (
	"math"
	"testing"

	"storeops/domain"
)

func TestKPIs(t *testing.T) {
	day := Counts{Visitors: 1200, Sessions: 1500, PageViews: 4000, PayingBuyers: 36, PaidOrders: 40,
		PaidAmount: 523456, RefundedOrders: 2, RefundedAmount: 12900}
	none := Counts{}
	cases := []struct {
		name string
		got  KPI
		want KPI
	}{
		{"conversion buyers", Conversion(day, BasisBuyers).Round(4), KPIOf(0.03)},
		{"conversion sessions", Conversion(day, BasisSessions).Round(4), KPIOf(0.0267)},
		{"conversion unknown basis is buyers", Conversion(day, "clicks").Round(4), KPIOf(0.03)},
		{"conversion no visitors", Conversion(none, BasisBuyers), NoKPI()},
		{"conversion no sessions", Conversion(Counts{Visitors: 10, PaidOrders: 1}, BasisSessions), NoKPI()},
		{"AOV", AOV(day).Round(2), KPIOf(13086.4)},
		{"AOV no orders", AOV(Counts{PaidAmount: 100}), NoKPI()},
		{"per buyer", PerBuyer(day).Round(2), KPIOf(14540.44)},
		{"per buyer no buyers", PerBuyer(none), NoKPI()},
		{"revenue per visitor", RevenuePerVisitor(day).Round(2), KPIOf(436.21)},
		{"revenue per visitor no visitors", RevenuePerVisitor(none), NoKPI()},
		{"refund rate orders", RefundRateOrders(day), KPIOf(0.05)},
		{"refund rate amount", RefundRateAmount(day).Round(4), KPIOf(0.0246)},
		{"refund rate no orders", RefundRateOrders(none), NoKPI()},
		{"refund rate no amount", RefundRateAmount(none), NoKPI()},
		{"repeat rate", RepeatRate(3, 36).Round(4), KPIOf(0.0833)},
		{"repeat rate no buyers", RepeatRate(0, 0), NoKPI()},
		{"percent", KPIOf(0.0312).Percent().Round(2), KPIOf(3.12)},
		{"percent of none", NoKPI().Percent(), NoKPI()},
		{"round half away from zero", KPIOf(2.345).Round(2), KPIOf(2.35)},
		{"round negative", KPIOf(-2.5).Round(0), KPIOf(-3)},
		{"change up", ChangePct(CountKPI(120), CountKPI(100)), KPIOf(20)},
		{"change down", ChangePct(CountKPI(75), CountKPI(100)), KPIOf(-25)},
		{"change from zero", ChangePct(CountKPI(5), CountKPI(0)), NoKPI()},
		{"change to zero", ChangePct(CountKPI(0), CountKPI(5)), KPIOf(-100)},
		{"change of none", ChangePct(NoKPI(), CountKPI(5)), NoKPI()},
		{"change from none", ChangePct(CountKPI(5), NoKPI()), NoKPI()},
		{"change from negative base", ChangePct(KPIOf(-50), KPIOf(-100)), KPIOf(50)},
		{"NaN is none", KPIOf(math.NaN()), NoKPI()},
		{"Inf is none", KPIOf(math.Inf(1)), NoKPI()},
	}
	for _, c := range cases {
		if c.got.OK != c.want.OK || math.Abs(c.got.V-c.want.V) > 1e-9 {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

func TestRefundRateOverAWindow(t *testing.T) {
	// Refunds land days after their orders: a day's own rate can exceed 100 %, the window's
	// does not.
	days := []Counts{{PaidOrders: 10, PaidAmount: 10000}, {PaidOrders: 0, RefundedOrders: 2, RefundedAmount: 2000}, {PaidOrders: 10, PaidAmount: 10000}}
	if got := RefundRateOrders(days[1]); got.OK {
		t.Errorf("a day with refunds but no orders has a rate %v", got)
	}
	w := SumCounts(days...)
	if got := RefundRateOrders(w); got != KPIOf(0.1) {
		t.Errorf("window refund rate = %v, want 0.1", got)
	}
	if got := RefundRateAmount(w); got != KPIOf(0.1) {
		t.Errorf("window refund amount rate = %v, want 0.1", got)
	}
	if SumCounts() != (Counts{}) {
		t.Error("empty window is not zero")
	}
}

func TestMoneyRounds(t *testing.T) {
	for _, c := range []struct {
		v    KPI
		want domain.Money
		ok   bool
	}{{KPIOf(1308.4), 1308, true}, {KPIOf(1308.5), 1309, true}, {NoKPI(), 0, false}} {
		if got, ok := c.v.Money(); got != c.want || ok != c.ok {
			t.Errorf("%v.Money() = %v %v, want %v %v", c.v, got, ok, c.want, c.ok)
		}
	}
}

func TestParseBasis(t *testing.T) {
	for in, want := range map[string]Basis{"": BasisBuyers, "buyers": BasisBuyers, " Sessions ": BasisSessions} {
		if got, err := ParseBasis(in); err != nil || got != want {
			t.Errorf("ParseBasis(%q) = %v %v", in, got, err)
		}
	}
	if _, err := ParseBasis("clicks"); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("ParseBasis(clicks) = %v", err)
	}
}
