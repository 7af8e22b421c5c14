package metrics

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"storeops/domain/order"
)

var (
	shanghai = time.FixedZone("CST", 8*3600)
	// now is 2026-11-29 08:30 in Shanghai, still 2026-11-29 00:30 UTC.
	now = time.Date(2026, 11, 29, 0, 30, 0, 0, time.UTC)
)

func good() Input {
	return Input{Date: "2026-11-28", Visitors: "1,234", Sessions: "1500", PageViews: "4321", PayingBuyers: "40",
		PaidOrders: "45", PaidAmount: "5,843.50", RefundedOrders: "2", RefundedAmount: "129.90",
		SKUs: []SKUInput{{SKU: "MUG-1", Visitors: "300", Buyers: "12", Units: "15", PaidAmount: "974.25"}}}
}

func TestParseGood(t *testing.T) {
	p, problems := good().Parse("TM01", now, shanghai)
	if len(problems) > 0 {
		t.Fatalf("problems: %+v", problems)
	}
	want := Counts{Visitors: 1234, Sessions: 1500, PageViews: 4321, PayingBuyers: 40, PaidOrders: 45, PaidAmount: 584350,
		RefundedOrders: 2, RefundedAmount: 12990}
	if p.Day.Counts != want || p.Day.Source != SourceOverall || !p.Day.Date.Equal(time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("day = %+v", p.Day)
	}
	if len(p.Sent) != 8 || len(p.Day.SKUs) != 1 || p.Day.SKUs[0] != (SKUDay{SKU: "MUG-1", Visitors: 300, Buyers: 12, Units: 15, PaidAmount: 97425}) {
		t.Fatalf("sent %v, skus %+v", p.Sent, p.Day.SKUs)
	}
	// Today in the store's zone is not the future, though it is tomorrow in UTC.
	in := good()
	in.Date = "2026年11月29日"
	if _, problems := in.Parse("TM01", now, shanghai); len(problems) > 0 {
		t.Fatalf("today: %+v", problems)
	}
}

// TestParseRejects checks that each wrong value is refused with a problem naming its field.
func TestParseRejects(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(*Input)
		field string
		key   string
	}{
		{"no date", func(in *Input) { in.Date = " " }, "date", "metrics.field.required"},
		{"bad date", func(in *Input) { in.Date = "28/11/2026" }, "date", "metrics.date.invalid"},
		{"impossible date", func(in *Input) { in.Date = "2026-02-30" }, "date", "metrics.date.invalid"},
		{"future date", func(in *Input) { in.Date = "2026-11-30" }, "date", "metrics.date.future"},
		{"unknown source", func(in *Input) { in.Source, in.SKUs = "tv", nil }, "source", "metrics.source.unknown"},
		{"other store", func(in *Input) { in.Store = "JD01" }, "store", "metrics.store.other"},
		{"negative visitors", func(in *Input) { in.Visitors = "-3" }, "visitors", "metrics.count.negative"},
		{"fractional sessions", func(in *Input) { in.Sessions = "1.5" }, "sessions", "metrics.count.invalid"},
		{"bad separators", func(in *Input) { in.PageViews = "12,34" }, "page_views", "metrics.count.invalid"},
		{"text count", func(in *Input) { in.PaidOrders = "many" }, "paid_orders", "metrics.count.invalid"},
		{"three decimals", func(in *Input) { in.PaidAmount = "12.345" }, "paid_amount", "metrics.amount.invalid"},
		{"negative amount", func(in *Input) { in.RefundedAmount = "-1.00" }, "refunded_amount", "metrics.count.negative"},
		{"buyers above visitors", func(in *Input) { in.Visitors = "30" }, "paying_buyers", "metrics.buyers.above_visitors"},
		{"amount without orders", func(in *Input) { in.PaidOrders, in.PayingBuyers, in.RefundedOrders = "0", "0", "0" }, "paid_amount", "metrics.amount.without_orders"},
		{"orders without amount", func(in *Input) { in.PaidAmount, in.RefundedAmount = "0", "0" }, "paid_orders", "metrics.orders.without_amount"},
		{"buyers above orders", func(in *Input) { in.PayingBuyers = "46" }, "paying_buyers", "metrics.buyers.above_orders"},
		{"refunds above orders", func(in *Input) { in.RefundedOrders = "46" }, "refunded_orders", "metrics.refunds.above_orders"},
		{"refunds above amount", func(in *Input) { in.RefundedAmount = "9999.00" }, "refunded_amount", "metrics.refunds.above_amount"},
		{"nothing sent", func(in *Input) { *in = Input{Date: "2026-11-28"} }, "visitors", "metrics.day.empty"},
		{"sku without a name", func(in *Input) { in.SKUs[0].SKU = "" }, "skus[0].sku", "metrics.field.required"},
		{"sku twice", func(in *Input) { in.SKUs = append(in.SKUs, SKUInput{SKU: "mug-1"}) }, "skus[1].sku", "metrics.sku.twice"},
		{"sku negative units", func(in *Input) { in.SKUs[0].Units = "-1" }, "skus[0].units", "metrics.count.negative"},
		{"sku bad amount", func(in *Input) { in.SKUs[0].PaidAmount = "1.001" }, "skus[0].paid_amount", "metrics.amount.invalid"},
		{"sku buyers above visitors", func(in *Input) { in.SKUs[0].Buyers = "301" }, "skus[0].buyers", "metrics.buyers.above_visitors"},
		{"skus of a source", func(in *Input) { in.Source = "ads" }, "skus", "metrics.sku.not_overall"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := good()
			tc.edit(&in)
			_, problems := in.Parse("TM01", now, shanghai)
			if len(problems) != 1 || problems[0].Field != tc.field || problems[0].Key != tc.key {
				t.Fatalf("problems = %+v, want one %s on %s", problems, tc.key, tc.field)
			}
		})
	}
}

// TestParseUnsentIsUnknown: a figure left out contradicts nothing (it may come from the
// orders), unlike a zero.
func TestParseUnsentIsUnknown(t *testing.T) {
	in := Input{Date: "2026-11-28", Source: "Search", Visitors: "10", PaidAmount: "99.00"}
	p, problems := in.Parse("TM01", now, shanghai)
	if len(problems) > 0 || p.Day.Source != SourceSearch || !p.Sent[FieldPaidAmount] || p.Sent[FieldPaidOrders] {
		t.Fatalf("day %+v sent %v problems %+v", p.Day, p.Sent, problems)
	}
}

func TestValueJSON(t *testing.T) {
	var in Input
	if err := json.Unmarshal([]byte(`{"date":"2026-11-28","visitors":1234,"sessions":"1,500","page_views":null}`), &in); err != nil {
		t.Fatal(err)
	}
	if in.Visitors != "1234" || in.Sessions != "1,500" || in.PageViews.Sent() {
		t.Fatalf("input = %+v", in)
	}
	if err := json.Unmarshal([]byte(`{"visitors":true}`), &in); err == nil {
		t.Fatal("a boolean figure was read")
	}
}

func TestParseCountAndDate(t *testing.T) {
	for s, want := range map[string]string{"0": "0", "1,234,567": "1234567", "１２３": "123", "12.0": "12", " 7 ": "7", "1 234": "1234",
		"-0": "0", "": "err", "1,23": "err", ",123": "err", "1e3": "err", "12.5": "err", "-2": "negative", "99999999999999999999": "err"} {
		n, err := ParseCount(s)
		got := fmt.Sprint(n)
		switch {
		case err == errNegative:
			got = "negative"
		case err != nil:
			got = "err"
		}
		if got != want {
			t.Errorf("ParseCount(%q) = %s, want %s", s, got, want)
		}
	}
	for s, want := range map[string]string{"2026-11-28": "2026-11-28", "2026/1/5": "2026-01-05", "2026.11.28": "2026-11-28",
		"2026年11月28日": "2026-11-28", "20261128": "2026-11-28", "2026-11-28 00:00:00": "2026-11-28",
		"2026-11-27T20:00:00Z": "2026-11-28", "２０２６-１１-２８": "2026-11-28", "11/28/2026": "", "1999-01-01": "", "": ""} {
		d, ok := ParseDate(s, shanghai)
		got := ""
		if ok {
			got = FormatDate(d)
		}
		if got != want {
			t.Errorf("ParseDate(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestDerive(t *testing.T) {
	d := Day{Counts: Counts{Visitors: 100, PaidOrders: 7}}
	derive(&d, map[string]bool{FieldVisitors: true, FieldPaidOrders: true},
		order.Totals{Orders: 9, PaidOrders: 8, PayingBuyers: 6, PaidAmount: 1000, RefundedOrders: 1, RefundedAmount: 100})
	want := Counts{Visitors: 100, PaidOrders: 7, PayingBuyers: 6, PaidAmount: 1000, RefundedOrders: 1, RefundedAmount: 100}
	if d.Counts != want {
		t.Fatalf("counts = %+v", d.Counts)
	}
	if d.Origins[FieldPaidOrders] != "" || d.Origins[FieldPayingBuyers] != OriginOrders || len(d.Origins) != 4 {
		t.Fatalf("origins = %v", d.Origins)
	}
	// No orders that day: nothing is derived (zero would claim a day without sales).
	e := Day{}
	derive(&e, map[string]bool{}, order.Totals{})
	if e.Origins != nil {
		t.Fatalf("origins without orders = %v", e.Origins)
	}
}

func FuzzParseCount(f *testing.F) {
	for _, s := range []string{"1,234", "-5", "１２３", "12.0", "", "1,2,3", "9223372036854775807", "0.000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseCount(s)
		if err == nil && (n < 0 || n > MaxCount) {
			t.Fatalf("ParseCount(%q) = %d", s, n)
		}
		if err == nil && !strings.ContainsAny(s, "0123456789０１２３４５６７８９") {
			t.Fatalf("ParseCount(%q) = %d without a digit", s, n)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-11-28", "2026年11月28日", "20261128", "2026-11-27T20:00:00Z", "2026/2/30", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := ParseDate(s, shanghai)
		if ok && (d.Hour() != 0 || d.Location() != time.UTC || d.Year() < 1999) {
			t.Fatalf("ParseDate(%q) = %v", s, d)
		}
	})
}

func FuzzInputParse(f *testing.F) {
	f.Add("2026-11-28", "overall", "1,234", "12.50", "MUG-1", "3")
	f.Add("", "tv", "-1", "1.001", "", "x")
	f.Fuzz(func(t *testing.T, date, source, count, amount, sku, units string) {
		in := Input{Date: date, Source: source, Visitors: Value(count), PaidAmount: Value(amount), PaidOrders: Value(count),
			SKUs: []SKUInput{{SKU: sku, Units: Value(units)}}}
		p, problems := in.Parse("TM01", now, shanghai)
		for _, pr := range problems {
			if pr.Field == "" || pr.Key == "" {
				t.Fatalf("problem without field or key: %+v", pr)
			}
		}
		if len(problems) == 0 && (p.Day.Visitors < 0 || p.Day.PaidAmount < 0 || p.Day.Date.IsZero()) {
			t.Fatalf("accepted %+v", p.Day)
		}
	})
}
