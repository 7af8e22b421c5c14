package order

import (
	"strings"
	"testing"
	"time"

	"storeops/domain"
)

func TestShipMoves(t *testing.T) {
	at := placed().Add(24 * time.Hour)
	cases := []struct {
		name              string
		status            Status
		carrier, tracking string // already recorded
		update            bool
		want              ShipOutcome
		wantKey           string
	}{
		{"released ships", StatusReleased, "", "", false, ShipShipped, ""},
		{"same tracking again is unchanged", StatusShipped, "SF Express", "SF100", true, ShipUnchanged, ""},
		{"same tracking, carrier in another case", StatusShipped, "sf express", "SF100", true, ShipUnchanged, ""},
		{"another tracking number updates (API)", StatusShipped, "SF Express", "SF099", true, ShipUpdated, ""},
		{"another tracking number is refused (command)", StatusShipped, "SF Express", "SF099", false, "", "order.ship.already"},
		{"held is refused", StatusHeld, "", "", true, "", "order.ship.held"},
		{"cancelled is refused", StatusCancelled, "", "", true, "", "order.ship.cancelled"},
		{"unknown status is refused", "lost", "", "", true, "", "order.ship.status"},
	}
	for _, c := range cases {
		o := cleanOrder()
		o.Status, o.Carrier, o.TrackingNo = c.status, c.carrier, c.tracking
		before := o
		got, err := ship(&o, "SF Express", "SF100", at, c.update)
		if c.wantKey != "" {
			if e, ok := domain.AsError(err); !ok || e.Code != domain.ECONFLICT || e.Key != c.wantKey {
				t.Errorf("%s: err = %v, want %s", c.name, err, c.wantKey)
			}
			if o.Status != before.Status || o.TrackingNo != before.TrackingNo {
				t.Errorf("%s: a refused shipment changed the order", c.name)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%s: %s %v, want %s", c.name, got, err, c.want)
			continue
		}
		if got != ShipUnchanged && (o.Status != StatusShipped || o.TrackingNo != "SF100" || !o.ShippedAt.Equal(at)) {
			t.Errorf("%s: order after = %s %s %s", c.name, o.Status, o.TrackingNo, o.ShippedAt)
		}
	}
}

func TestCheckShipment(t *testing.T) {
	cases := []struct {
		carrier, tracking string
		fields            string
	}{
		{"SF Express", "SF1234567890", ""},
		{"顺丰速运", "JD0001234567-1-1", ""},
		{"", "SF1234567890", "carrier"},
		{strings.Repeat("顺", MaxCarrier+1), "SF1234567890", "carrier"},
		{"SF", "SF1", "tracking_no"},
		{"SF", "SF 123 456", "tracking_no"},
		{"SF", strings.Repeat("9", 41), "tracking_no"},
		{"SF", "-SF12345", "tracking_no"},
		{"", "", "carrier,tracking_no"},
	}
	for _, c := range cases {
		var fields []string
		for _, p := range checkShipment(c.carrier, c.tracking) {
			fields = append(fields, p.Field)
		}
		if got := strings.Join(fields, ","); got != c.fields {
			t.Errorf("checkShipment(%q, %q) = %s, want %s", c.carrier, c.tracking, got, c.fields)
		}
	}
}

func TestShouldRemind(t *testing.T) {
	released := placed()
	now := released.Add(48 * time.Hour)
	cases := []struct {
		name    string
		change  func(*Order)
		promise time.Duration
		at      time.Time
		want    bool
	}{
		{"exactly at the promise", nil, 48 * time.Hour, now, true},
		{"a minute before", nil, 48 * time.Hour, now.Add(-time.Minute), false},
		{"long overdue", nil, 48 * time.Hour, now.Add(72 * time.Hour), true},
		{"a shorter promise", nil, 24 * time.Hour, released.Add(25 * time.Hour), true},
		{"shipped", func(o *Order) { o.Status, o.ShippedAt = StatusShipped, now }, 48 * time.Hour, now, false},
		{"held", func(o *Order) { o.Status = StatusHeld }, 48 * time.Hour, now, false},
		{"cancelled", func(o *Order) { o.Status = StatusCancelled }, 48 * time.Hour, now, false},
		{"never released", func(o *Order) { o.ReleasedAt = time.Time{} }, 48 * time.Hour, now, false},
	}
	for _, c := range cases {
		o := cleanOrder()
		o.Status, o.ReleasedAt = StatusReleased, released
		if c.change != nil {
			c.change(&o)
		}
		if got := ShouldRemind(o, c.promise, c.at); got != c.want {
			t.Errorf("%s: ShouldRemind = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestDiscloseMasksForAssistants(t *testing.T) {
	o := cleanOrder()
	for _, c := range []struct {
		roles  []domain.Role
		masked bool
	}{
		{[]domain.Role{domain.RoleAssistant}, true},
		{[]domain.Role{domain.RoleHR}, true},
		{nil, true},
		{[]domain.Role{domain.RoleSupervisor}, false},
		{[]domain.Role{domain.RoleAdmin}, false},
		{[]domain.Role{domain.RoleAssistant, domain.RoleSupervisor}, false},
	} {
		d := Disclose(domain.Actor{UserID: "U1", Roles: c.roles}, o)
		if d.Masked != c.masked {
			t.Errorf("%v: masked = %v", c.roles, d.Masked)
		}
		if c.masked && (d.Buyer.Phone != "138****8000" || d.Address.Street != "" || d.Address.Postcode != "" || d.Address.City != "杭州市") {
			t.Errorf("%v sees %+v %+v", c.roles, d.Buyer, d.Address)
		}
		if !c.masked && (d.Buyer.Phone != o.Buyer.Phone || d.Address != o.Address) {
			t.Errorf("%v should see the order whole: %+v", c.roles, d.Order)
		}
	}
	if o.Buyer.Phone != "13800138000" {
		t.Error("Disclose changed the caller's order")
	}
}

func TestHandoffListIsMaskedAndTheWebhookWhole(t *testing.T) {
	o := cleanOrder()
	o.ID, o.Status, o.ReleasedAt = 17, StatusReleased, placed()
	at := placed().Add(10 * time.Minute)
	l := HandoffListOf("TM01", "TM01-17", at, []Order{o})
	line := l.Orders[0]
	if line.Phone != "138****8000" || line.Region != "浙江省 杭州市 西湖区" || line.Ref != "TM01/TB1" || len(line.Items) != 2 {
		t.Errorf("channel line = %+v", line)
	}
	b := WarehouseBatchOf("TM01", "TM01-17", at, []Order{o})
	w := b.Orders[0]
	if w.Buyer.Phone != "13800138000" || w.Address.Street != o.Address.Street || w.Items[0].UnitPrice != "39.90" || w.Paid != "137.80" || b.BatchID != "TM01-17" {
		t.Errorf("webhook order = %+v", w)
	}
}

func TestWebhookBackoff(t *testing.T) {
	for _, c := range []struct {
		failures int
		want     time.Duration
	}{
		{0, 5 * time.Minute}, {1, 5 * time.Minute}, {2, 10 * time.Minute}, {3, 20 * time.Minute},
		{5, 80 * time.Minute}, {6, 2 * time.Hour}, {50, 2 * time.Hour},
	} {
		if got := WebhookBackoff(c.failures); got != c.want {
			t.Errorf("WebhookBackoff(%d) = %s, want %s", c.failures, got, c.want)
		}
	}
}

func TestStockBeforeReservation(t *testing.T) {
	o := cleanOrder() // MUG-RED-01 ×2, TEA-GREEN-250 ×1
	got := stockBeforeReservation(map[string]int{"MUG-RED-01": 3, "TEA-GREEN-250": 0}, o)
	if got["MUG-RED-01"] != 5 || got["TEA-GREEN-250"] != 1 {
		t.Errorf("reserved quantities come back: %v", got)
	}
	// Oversold on tea: it took the stock there was, and must see a restock to clear.
	o.Flags = []Flag{{Check: CheckOversold, Severity: SeverityHold, Key: "flag.oversold", Args: []string{"TEA-GREEN-250", "1", "0"}}}
	got = stockBeforeReservation(map[string]int{"MUG-RED-01": 3, "TEA-GREEN-250": 0}, o)
	if got["MUG-RED-01"] != 5 || got["TEA-GREEN-250"] != 0 {
		t.Errorf("an oversold SKU gets nothing back: %v", got)
	}
	if _, ok := stockBeforeReservation(map[string]int{}, o)["MUG-RED-01"]; ok {
		t.Error("a SKU with unknown stock became known")
	}
}

func TestSameFlags(t *testing.T) {
	a := []Flag{{Check: CheckUnpaid, Severity: SeverityHold, Key: "flag.unpaid"}}
	if !SameFlags(a, []Flag{{Check: CheckUnpaid, Severity: SeverityHold, Key: "flag.unpaid"}}) || !SameFlags(nil, []Flag{}) {
		t.Error("equal findings differ")
	}
	if SameFlags(a, nil) || SameFlags(a, []Flag{{Check: CheckUnpaid, Severity: SeverityAlert, Key: "flag.unpaid"}}) ||
		SameFlags([]Flag{{Check: CheckOversold, Key: "k", Args: []string{"A", "2"}}}, []Flag{{Check: CheckOversold, Key: "k", Args: []string{"A", "3"}}}) {
		t.Error("different findings are the same")
	}
}
