package order

import (
	"encoding/json"
	"testing"
)

func validInput() Input {
	return Input{StoreCode: "tm01", PlatformOrderID: "TB-1001",
		Buyer:         Buyer{Name: "王小明", Phone: "13812345678", PlatformID: "tb_wxm"},
		Address:       Address{Province: "浙江省", City: "杭州市", District: "西湖区", Street: "文三路 100 号", Postcode: "310012"},
		Items:         []ItemInput{{SKU: "TEA-01", Quantity: "2", UnitPrice: "268.00"}},
		Amounts:       AmountInput{Goods: "536.00", Shipping: "0", Discount: "36", Paid: "500.00"},
		PaymentMethod: "alipay", PaymentStatus: "paid", CreatedAt: "2026-11-11T00:01:02+08:00", PaidAt: "2026-11-11T00:01:30+08:00"}
}

func TestParseValidOrder(t *testing.T) {
	o, problems := validInput().Parse()
	if len(problems) > 0 {
		t.Fatalf("problems: %+v", problems)
	}
	if o.StoreCode != "TM01" || o.Amounts.Paid != 50000 || o.Items[0].Quantity != 2 || o.PlacedAt.Hour() != 16 || o.Fingerprint == "" {
		t.Errorf("parsed: %+v", o)
	}
}

func TestParseNamesFieldPaths(t *testing.T) {
	in := validInput()
	in.Items = append(in.Items, ItemInput{SKU: "", Quantity: "0", UnitPrice: "-1"})
	in.Amounts.Paid = "12.345"
	in.PaymentStatus = "maybe"
	in.CreatedAt = "yesterday"
	_, problems := in.Parse()
	want := map[string]string{
		"items[1].sku": "order.field.required", "items[1].quantity": "order.quantity.invalid",
		"items[1].unit_price": "order.amount.invalid", "amounts.paid": "order.amount.invalid",
		"payment_status": "order.payment_status.invalid", "created_at": "order.time.invalid",
	}
	got := map[string]string{}
	for _, p := range problems {
		got[p.Field] = p.Key
	}
	for field, key := range want {
		if got[field] != key {
			t.Errorf("%s: got %q, want %q (all: %v)", field, got[field], key, got)
		}
	}
	if len(problems) != len(want) {
		t.Errorf("%d problems, want %d: %v", len(problems), len(want), got)
	}
}

func TestFingerprintSeesWhatChanged(t *testing.T) {
	a, _ := validInput().Parse()
	same, _ := validInput().Parse()
	if a.Fingerprint != same.Fingerprint {
		t.Fatal("the same order gave two fingerprints")
	}
	in := validInput()
	in.Address.Street = "文三路 200 号"
	moved, _ := in.Parse()
	in = validInput()
	in.PaymentStatus = "refund_requested"
	refund, _ := in.Parse()
	if moved.Fingerprint == a.Fingerprint || refund.Fingerprint == a.Fingerprint {
		t.Error("a changed address or payment status kept the fingerprint")
	}
}

func TestAmountsAcceptNumbersAndText(t *testing.T) {
	var in Input
	if err := json.Unmarshal([]byte(`{"store":"TM01","platform_order_id":"X","items":[{"sku":"A","quantity":1,"unit_price":9.9}],
		"amounts":{"goods":"9.90","paid":9.9},"created_at":"2026-11-11T00:00:00Z"}`), &in); err != nil {
		t.Fatal(err)
	}
	o, problems := in.Parse()
	if len(problems) > 0 || o.Amounts.Paid != 990 || o.Items[0].UnitPrice != 990 || o.PaymentStatus != PaymentPaid {
		t.Errorf("parsed %+v, problems %+v", o.Amounts, problems)
	}
}
