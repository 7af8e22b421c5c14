package view

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"storeops/domain"
	"storeops/domain/order"
)

func blocksText(t *testing.T, blocks []slack.Block) string {
	t.Helper()
	raw, err := json.Marshal(blocks)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

func shippingOrder(n int) order.Order {
	return order.Order{ID: int64(n), StoreCode: "TM01", PlatformOrderID: fmt.Sprintf("P-%04d", n),
		Buyer:   order.Buyer{Name: "李雷 <!channel>", Phone: fmt.Sprintf("1380013%04d", n)},
		Address: order.Address{Province: "浙江省", City: "杭州市", District: "西湖区", Street: "文三路 101 号", Postcode: "310012"},
		Items:   []order.Item{{SKU: "MUG-1", Quantity: 2, UnitPrice: 6495}, {SKU: strings.Repeat("LONG-SKU-", 20), Quantity: 1, UnitPrice: 100}},
		Amounts: order.Amounts{Goods: 13090, Paid: 13090}, PaymentStatus: order.PaymentPaid, Status: order.StatusReleased,
		ReceivedAt: time.Date(2026, 11, 10, 16, 5, 0, 0, time.UTC), ReleasedAt: time.Date(2026, 11, 10, 16, 6, 0, 0, time.UTC)}
}

func TestOrderHandoffFitsSlackAndMasks(t *testing.T) {
	var orders []order.Order
	for i := 1; i <= order.HandoffBatch; i++ {
		orders = append(orders, shippingOrder(i))
	}
	h := order.HandoffListOf("TM01", "TM01-1", time.Date(2026, 11, 10, 16, 10, 0, 0, time.UTC), orders)
	for loc, l := range localizers() {
		text, blocks := OrderHandoff(l, h, shanghai(t))
		if err := CheckMessage(blocks); err != nil {
			t.Fatalf("%s: %v", loc, err)
		}
		all := text + blocksText(t, blocks)
		if !strings.Contains(all, "TM01/P-0001") || !strings.Contains(all, "138****0001") || !strings.Contains(all, "MUG-1×2") {
			t.Errorf("%s: the hand-off lacks the order: %.400s", loc, all)
		}
		if strings.Contains(all, "13800130001") || strings.Contains(all, "文三路") || strings.Contains(all, "<!channel>") {
			t.Errorf("%s: the hand-off shows personal data or a raw mention", loc)
		}
	}
}

func TestOrderUnshippedFitsSlack(t *testing.T) {
	u := order.UnshippedList{Store: "TM01", Hours: 48, More: 12}
	for i := 1; i <= order.MaxReminded; i++ {
		u.Orders = append(u.Orders, order.UnshippedLine{ID: int64(i), Ref: fmt.Sprintf("TM01/P-%04d", i),
			ReleasedAt: time.Date(2026, 11, 10, 16, 6, 0, 0, time.UTC), HandedOff: i%2 == 0})
	}
	for loc, l := range localizers() {
		text, blocks := OrderUnshipped(l, u, shanghai(t))
		if err := CheckMessage(blocks); err != nil {
			t.Fatalf("%s: %v", loc, err)
		}
		if !strings.Contains(text, "52") || !strings.Contains(blocksText(t, blocks), "2026-11-11 00:06") {
			t.Errorf("%s: %s %s", loc, text, blocksText(t, blocks))
		}
	}
}

func TestOrderDetailAndListMaskAsDisclosed(t *testing.T) {
	o := shippingOrder(1)
	o.Status, o.Carrier, o.TrackingNo, o.ShippedAt = order.StatusShipped, "SF Express", "SF1234567890", o.ReleasedAt.Add(time.Hour)
	assistant := order.Disclose(domain.Actor{UserID: "U1", Roles: []domain.Role{domain.RoleAssistant}}, o)
	supervisor := order.Disclose(domain.Actor{UserID: "U2", Roles: []domain.Role{domain.RoleSupervisor}}, o)
	l := en()
	masked := blocksText(t, OrderDetail(l, assistant, shanghai(t)))
	if strings.Contains(masked, "13800130001") || strings.Contains(masked, "文三路") || !strings.Contains(masked, "138****0001") ||
		!strings.Contains(masked, "masked") || !strings.Contains(masked, "SF1234567890") {
		t.Errorf("assistant's view: %s", masked)
	}
	whole := blocksText(t, OrderDetail(l, supervisor, shanghai(t)))
	if !strings.Contains(whole, "13800130001") || !strings.Contains(whole, "文三路 101 号") || strings.Contains(whole, "masked") {
		t.Errorf("supervisor's view: %s", whole)
	}
	var list []order.Disclosed
	for i := 1; i <= order.MaxList; i++ {
		list = append(list, order.Disclose(domain.Actor{Roles: []domain.Role{domain.RoleAssistant}}, shippingOrder(i)))
	}
	for loc, l := range localizers() {
		blocks := OrderList(l, "Held orders: 50", list, l.T("view.orders.more", 50, "held"), shanghai(t))
		if err := CheckMessage(blocks); err != nil {
			t.Fatalf("%s: %v", loc, err)
		}
		if all := blocksText(t, blocks); strings.Contains(all, "13800130001") || !strings.Contains(all, "TM01/P-0050") {
			t.Errorf("%s: list %.300s", loc, all)
		}
	}
	if got := blocksText(t, OrderList(l, "none", nil, "", nil)); !strings.Contains(got, "No orders.") {
		t.Errorf("empty list: %s", got)
	}
}

func TestOrderCardSaysTheReviewReleasedIt(t *testing.T) {
	o := shippingOrder(1)
	_, blocks := OrderCard(en(), order.CardOf(o), shanghai(t))
	if got := blocksText(t, blocks); !strings.Contains(got, "released by the review on 2026-11-11 00:06") {
		t.Errorf("card: %s", got)
	}
	o.DecidedBy, o.DecidedAt = "U2", o.ReleasedAt
	_, blocks = OrderCard(en(), order.CardOf(o), shanghai(t))
	if got := blocksText(t, blocks); strings.Contains(got, "by the review") || !strings.Contains(got, "decided by \\u003c@U2") {
		t.Errorf("a person's release: %s", got)
	}
}

func shanghai(t *testing.T) *time.Location {
	t.Helper()
	tz, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	return tz
}
