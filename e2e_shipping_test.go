package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"storeops/bot/slackemu"
	"storeops/domain"
	"storeops/domain/listing"
	"storeops/domain/order"
	"storeops/webhook"
)

// Shipping end to end: recording shipments by command and through the API, reading orders
// with personal data masked by role, the recheck of held orders, the stock an order takes,
// the warehouse hand-off (channel and signed webhook) and the daily unshipped reminder.

const warehouse = "C0WAREHOUSE"

// shipAnswer is what POST /api/v1/shipments answered.
type shipAnswer struct {
	status int
	raw    []byte

	Results []struct {
		PlatformOrderID string `json:"platform_order_id"`
		Outcome         string `json:"outcome"`
		OrderID         int64  `json:"order_id"`
		Status          string `json:"status"`
		Carrier         string `json:"carrier"`
		TrackingNo      string `json:"tracking_no"`
		Problems        []struct {
			Field string `json:"field"`
			Code  string `json:"code"`
		} `json:"problems"`
	} `json:"results"`
	Summary map[string]int `json:"summary"`
	Error   string         `json:"error"`
}

// shape is each result as "id:outcome[:problem code]".
func (a shipAnswer) shape() []string {
	var out []string
	for _, r := range a.Results {
		s := r.PlatformOrderID + ":" + r.Outcome
		for _, p := range r.Problems {
			s += ":" + p.Code
		}
		out = append(out, s)
	}
	return out
}

func (h *harness) postShipments(token string, body []byte) shipAnswer {
	h.t.Helper()
	a := shipAnswer{}
	a.status, _, a.raw = h.postAPI("/api/v1/shipments", token, body, &a)
	return a
}

func shipments(store string, items ...map[string]any) []byte {
	b, err := json.Marshal(map[string]any{"store": store, "shipments": items})
	if err != nil {
		panic(err)
	}
	return b
}

// run runs a job now, as its schedule would, and waits for what it queued to be delivered.
func (h *harness) run(job string) {
	h.t.Helper()
	if err := h.app.scheduler.RunNow(h.ctx, job); err != nil {
		h.t.Fatalf("run %s: %v", job, err)
	}
	h.settle()
}

func (h *harness) order(id int64) order.Order {
	h.t.Helper()
	o, err := h.app.orders.Find(h.ctx, id)
	if err != nil {
		h.t.Fatal(err)
	}
	return o
}

func TestShipByCommand(t *testing.T) {
	h := newHarness(t)
	token := h.rotateToken("TM01")
	noPhone := cleanOrder(3)
	noPhone["buyer"].(map[string]any)["phone"] = ""
	a := h.postOrders(token, cleanOrder(1), cleanOrder(2), noPhone)
	released, held := a.Results[0], a.Results[2]

	if got := h.say(alice, "order ship TM01/P-0001 SF Express SF1234567890"); !strings.Contains(got, "TM01/P-0001 is shipped: SF Express, tracking number SF1234567890") {
		t.Fatalf("ship: %s", got)
	}
	o := h.order(released.OrderID)
	if o.Status != order.StatusShipped || o.Carrier != "SF Express" || o.TrackingNo != "SF1234567890" || o.ShippedAt.IsZero() {
		t.Fatalf("after ship: %s %q %q %s", o.Status, o.Carrier, o.TrackingNo, o.ShippedAt)
	}
	// The platform id alone names the order when only one store has it; a shipped order is
	// not shipped again, with or without another number.
	for _, number := range []string{"SF1234567890", "SF0000000001"} {
		if got := h.say(bob, "order ship P-0001 SF "+number); !strings.Contains(got, "already shipped (SF Express, tracking number SF1234567890)") {
			t.Errorf("shipping a shipped order: %s", got)
		}
	}
	if got := h.say(alice, "order ship P-0003 SF SF1234567891"); !strings.Contains(got, "TM01/P-0003 is held") {
		t.Errorf("shipping a held order: %s", got)
	}
	if _, err := h.app.orders.Cancel(h.ctx, domain.Actor{UserID: bob, Roles: []domain.Role{domain.RoleSupervisor}}, a.Results[1].OrderID, "buyer asked"); err != nil {
		t.Fatal(err)
	}
	if got := h.say(alice, "order ship P-0002 SF SF1234567892"); !strings.Contains(got, "cancelled") {
		t.Errorf("shipping a cancelled order: %s", got)
	}
	if got := h.say(alice, "order ship P-0001 SF SF 12"); !strings.Contains(got, "is not a tracking number") {
		t.Errorf("a bad tracking number: %s", got)
	}
	if got := h.say(alice, "order ship P-9999 SF SF1234567893"); !strings.Contains(got, "There is no order P-9999") {
		t.Errorf("an unknown order: %s", got)
	}
	// Admins configure; they do not ship.
	if got := h.say(erin, "order ship P-0003 SF SF1234567894"); !strings.Contains(got, "assistant") {
		t.Errorf("an admin shipping: %s", got)
	}
	if n := h.count("audit_entries", "action = ?", "order.ship"); n != 1 {
		t.Errorf("order.ship audit rows = %d, want 1", n)
	}
	if o := h.order(held.OrderID); o.Status != order.StatusHeld {
		t.Errorf("the held order became %s", o.Status)
	}
}

func TestShipThroughTheAPIIsIdempotent(t *testing.T) {
	h := newHarness(t)
	token := h.rotateToken("TM01")
	noPhone := cleanOrder(3)
	noPhone["buyer"].(map[string]any)["phone"] = ""
	h.postOrders(token, cleanOrder(1), cleanOrder(2), noPhone)

	ship := func(pid, carrier, number string) map[string]any {
		return map[string]any{"platform_order_id": pid, "carrier": carrier, "tracking_no": number, "shipped_at": "2026-11-12T10:00:00+08:00"}
	}
	first := h.postShipments(token, shipments("TM01", ship("P-0001", "YTO", "YT1000000001"), ship("P-0002", "YTO", "YT1000000002"),
		ship("P-0003", "YTO", "YT1000000003"), ship("P-0404", "YTO", "YT1000000004"), ship("P-0001", "", "x")))
	want := []string{"P-0001:shipped", "P-0002:shipped", "P-0003:rejected:order.ship.held", "P-0404:rejected:order.not_found",
		"P-0001:rejected:order.carrier.invalid:order.tracking.invalid"}
	if first.status != http.StatusOK || !slices.Equal(first.shape(), want) {
		t.Fatalf("first delivery: %d %v\n%s", first.status, first.shape(), first.raw)
	}
	if fmt.Sprint(first.Summary) != "map[rejected:3 shipped:2 unchanged:0 updated:0]" {
		t.Errorf("summary %v", first.Summary)
	}
	// The same delivery again changes nothing; a corrected number is an update.
	again := h.postShipments(token, shipments("TM01", ship("P-0001", "YTO", "YT1000000001"), ship("P-0002", "yto", "YT1000000002")))
	if !slices.Equal(again.shape(), []string{"P-0001:unchanged", "P-0002:unchanged"}) {
		t.Errorf("redelivery: %v", again.shape())
	}
	fixed := h.postShipments(token, shipments("TM01", ship("P-0002", "ZTO", "ZT2000000002")))
	if !slices.Equal(fixed.shape(), []string{"P-0002:updated"}) || fixed.Results[0].TrackingNo != "ZT2000000002" || fixed.Results[0].Status != "shipped" {
		t.Errorf("correction: %s", fixed.raw)
	}
	if n := h.count("audit_entries", "action = ?", "order.ship"); n != 2 {
		t.Errorf("order.ship audit rows = %d, want 2", n)
	}
	if n := h.count("audit_entries", "action = ?", "order.ship_update"); n != 1 {
		t.Errorf("order.ship_update audit rows = %d, want 1", n)
	}
	var shippedAt time.Time
	if err := h.db.Table("orders").Where("platform_order_id = ?", "P-0001").Select("shipped_at").Row().Scan(&shippedAt); err != nil {
		t.Fatal(err)
	}
	if !shippedAt.Equal(time.Date(2026, 11, 12, 2, 0, 0, 0, time.UTC)) {
		t.Errorf("shipped_at = %s", shippedAt)
	}
	// Refusals of the whole request.
	for _, c := range []struct {
		token string
		body  string
		code  string
	}{
		{"sot_wrong", string(shipments("TM01", ship("P-0001", "YTO", "YT1"))), "invalid_token"},
		{token, `{"store": "TM01", "shipments": []}`, "empty_batch"},
		{token, `{"store": "TM01", "shipments": [}`, "malformed_json"},
		{token, string(shipments("XX99", ship("P-0001", "YTO", "YT1"))), "unknown_store"},
	} {
		if got := h.postShipments(c.token, []byte(c.body)); got.Error != c.code {
			t.Errorf("%s: %d %s", c.code, got.status, got.raw)
		}
	}
}

// TestShipmentsOpenAPIExamples sends the shipments examples of docs/openapi.yaml, in order,
// after the order they ship was received, and compares each answer with the example of the
// same name.
func TestShipmentsOpenAPIExamples(t *testing.T) {
	src, err := os.ReadFile("docs/openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := parseYAMLOutline(string(src))
	if err != nil {
		t.Fatal(err)
	}
	const op = "paths > /api/v1/shipments > post > "
	if !doc.keys[op+"security > bearerAuth"] {
		t.Error("the shipments operation does not require bearerAuth")
	}
	reqPattern := regexp.MustCompile(`^` + regexp.QuoteMeta(op) + `requestBody > content > application/json > examples > ([^>]+) > value$`)
	respPattern := regexp.MustCompile(`^` + regexp.QuoteMeta(op) + `responses > (\d{3}) > content > application/json > examples > ([^>]+) > value$`)
	var names []string
	requests, responses, statuses := map[string]string{}, map[string]string{}, map[string]int{}
	for _, v := range doc.values {
		if m := reqPattern.FindStringSubmatch(v.path); m != nil {
			requests[m[1]], names = v.text, append(names, m[1])
		} else if m := respPattern.FindStringSubmatch(v.path); m != nil {
			statuses[m[2]], _ = strconv.Atoi(m[1])
			responses[m[2]] = v.text
		}
	}
	if len(names) < 3 {
		t.Fatalf("want at least 3 shipment examples, have %v", names)
	}
	h := newHarness(t)
	token := h.rotateToken("TM01")
	var orders struct {
		Orders []map[string]any `json:"orders"`
	}
	for _, v := range doc.values {
		if strings.HasSuffix(v.path, "/api/v1/orders > post > requestBody > content > application/json > examples > clean-order > value") {
			if err := json.Unmarshal([]byte(v.text), &orders); err != nil {
				t.Fatal(err)
			}
		}
	}
	if len(orders.Orders) != 1 {
		t.Fatal("the orders example clean-order is missing")
	}
	h.postOrders(token, orders.Orders...)
	for _, name := range names {
		resp, ok := responses[name]
		if !ok {
			t.Errorf("shipment example %s has no response example", name)
			continue
		}
		got := h.postShipments(token, []byte(requests[name]))
		var want shipAnswer
		if err := json.Unmarshal([]byte(resp), &want); err != nil {
			t.Fatal(err)
		}
		if got.status != statuses[name] || got.Error != want.Error || !slices.Equal(got.shape(), want.shape()) ||
			fmt.Sprint(got.Summary) != fmt.Sprint(want.Summary) {
			t.Errorf("%s: got %d %q %v %v, documented %d %q %v %v", name, got.status, got.Error, got.shape(), got.Summary,
				statuses[name], want.Error, want.shape(), want.Summary)
		}
	}
}

func TestOrderShowFindAndListMaskForAssistants(t *testing.T) {
	h := newHarness(t)
	token := h.rotateToken("TM01")
	noPhone := cleanOrder(2)
	noPhone["buyer"].(map[string]any)["phone"] = ""
	h.postOrders(token, cleanOrder(1), noPhone)

	show := h.say(alice, "order show TM01/P-0001")
	if !strings.Contains(show, "138****0001") || strings.Contains(show, "13800130001") || strings.Contains(show, "文三路") {
		t.Errorf("an assistant sees the phone or street: %s", show)
	}
	if !strings.Contains(show, "浙江省 杭州市 西湖区") || !strings.Contains(show, "masked") {
		t.Errorf("an assistant should see the region and be told what is masked: %s", show)
	}
	full := h.say(bob, "order show P-0001")
	if !strings.Contains(full, "13800130001") || !strings.Contains(full, "文三路 101 号") || strings.Contains(full, "masked") {
		t.Errorf("a supervisor sees the order whole: %s", full)
	}
	found := h.say(alice, "order find +86 138-0013-0001")
	if !strings.Contains(found, "TM01/P-0001") || strings.Contains(found, "13800130001") || strings.Contains(found, "P-0002") {
		t.Errorf("find by phone: %s", found)
	}
	if byName := h.say(alice, "order find 李雷"); !strings.Contains(byName, "P-0001") || !strings.Contains(byName, "P-0002") {
		t.Errorf("find by name: %s", byName)
	}
	if held := h.say(alice, "order list held"); !strings.Contains(held, "P-0002") || strings.Contains(held, "P-0001") || !strings.Contains(held, "missing_contact") {
		t.Errorf("list held: %s", held)
	}
	if unshipped := h.say(alice, "order list unshipped TM01"); !strings.Contains(unshipped, "P-0001") || strings.Contains(unshipped, "P-0002") {
		t.Errorf("list unshipped: %s", unshipped)
	}
	if got := h.say(alice, "order list late"); !strings.Contains(got, "held, unshipped") {
		t.Errorf("an unknown list: %s", got)
	}
	// People without an operations role see nothing.
	h.grant("U0HR", domain.RoleHR)
	h.emu.AddUser(slackemu.User{ID: "U0HR", Name: "hana", Locale: "en-US"})
	if got := h.say("U0HR", "order show P-0001"); strings.Contains(got, "P-0001") && strings.Contains(got, "李雷") {
		t.Errorf("HR sees orders: %s", got)
	}
}

// TestRecheckReleasesWhenTheReasonClears holds an order as oversold (which also leaves its
// listing sold out, offered to the owner for delisting), then restocks the listing: the
// recheck releases the order and its card says so; a second run changes nothing.
func TestRecheckReleasesWhenTheReasonClears(t *testing.T) {
	h := newHarness(t)
	h.publish(map[string]string{"stock": "1"})
	h.say(erin, "store channel TM01 <#"+team+"|team>")
	token := h.rotateToken("TM01")
	a := h.postOrders(token, cleanOrder(1)) // MUG-1 × 2, one in stock
	r := a.Results[0]
	if r.Status != "held" || !slices.ContainsFunc(r.Flags, func(f apiFlag) bool { return f.Check == order.CheckOversold }) {
		t.Fatalf("the order should be held as oversold: %s", a.raw)
	}
	h.settle()
	var card slackemu.Message
	for _, m := range h.emu.Messages(team) {
		if strings.Contains(messageText(m), "TM01/P-0001") {
			card = m
		}
	}
	if card.TS == "" {
		t.Fatal("no card for the held order")
	}
	if l := h.listing("MUG-1"); l.Stock != 0 {
		t.Errorf("stock after the oversold order = %d, want 0 (it stops at zero)", l.Stock)
	}
	// Before a restock the recheck leaves it held (the first run may restate the stock it
	// saw, 0 now), and a run after that writes nothing.
	h.run("order-recheck")
	before := h.order(r.OrderID)
	h.run("order-recheck")
	if o := h.order(r.OrderID); o.Status != order.StatusHeld || o.Version != before.Version {
		t.Fatalf("recheck before the restock: %s v%d, was v%d", o.Status, o.Version, before.Version)
	}
	rechecks := h.count("audit_entries", "action LIKE ?", "order.recheck%")
	h.say(alice, "listing update MUG-1 stock=10")
	h.run("order-recheck")
	o := h.order(r.OrderID)
	if o.Status != order.StatusReleased || o.DecidedBy != "" || o.ReleasedAt.IsZero() || len(o.Holds()) != 0 {
		t.Fatalf("after the restock: %s decided by %q flags %v", o.Status, o.DecidedBy, o.Flags)
	}
	m, _ := h.emu.Message(team, card.TS)
	if len(m.Buttons()) != 0 || !strings.Contains(messageText(m), "released by the review") {
		t.Errorf("the card should say the review released it, without buttons: %s", messageText(m))
	}
	if n := h.count("audit_entries", "action = ?", "order.recheck_release"); n != 1 {
		t.Errorf("recheck_release audit rows = %d", n)
	}
	updates := m.Updates
	h.run("order-recheck")
	if m, _ := h.emu.Message(team, card.TS); m.Updates != updates {
		t.Error("a second recheck updated the card again")
	}
	if n := h.count("audit_entries", "action LIKE ?", "order.recheck%"); n != rechecks+1 {
		t.Errorf("a second recheck audited again: %d rows, want %d", n, rechecks+1)
	}
	// Restocking did not take the order's two pieces a second time.
	if l := h.listing("MUG-1"); l.Stock != 10 {
		t.Errorf("stock = %d, want 10", l.Stock)
	}
}

// TestRecheckReleasesADuplicateWhenTheOtherIsCancelled: a duplicate stays one however much
// time passes, and clears when the order it duplicates is cancelled.
func TestRecheckReleasesADuplicateWhenTheOtherIsCancelled(t *testing.T) {
	h := newHarness(t)
	token := h.rotateToken("TM01")
	first := h.postOrders(token, cleanOrder(1)).Results[0]
	dup := cleanOrder(1)
	dup["platform_order_id"] = "P-0001-B"
	second := h.postOrders(token, dup).Results[0]
	if first.Status != "released" || second.Status != "held" || second.Flags[0].Check != order.CheckDuplicateOrder {
		t.Fatalf("first %s, second %s %+v", first.Status, second.Status, second.Flags)
	}
	h.clock.Advance(3 * time.Hour)
	h.run("order-recheck")
	if o := h.order(second.OrderID); o.Status != order.StatusHeld {
		t.Fatalf("a duplicate was released by time alone: %s", o.Status)
	}
	if _, err := h.app.orders.Cancel(h.ctx, domain.Actor{UserID: bob, Roles: []domain.Role{domain.RoleSupervisor}}, first.OrderID, "merged into P-0001-B"); err != nil {
		t.Fatal(err)
	}
	h.run("order-recheck")
	if o := h.order(second.OrderID); o.Status != order.StatusReleased {
		t.Fatalf("after the first was cancelled: %s %v", o.Status, o.Flags)
	}
}

// TestRedeliveryMarkingPaidReleases: an unpaid order is held; the platform's redelivery
// with the payment reviews it again and releases it at once, so the recheck after it has
// nothing left to do.
func TestRedeliveryMarkingPaidReleases(t *testing.T) {
	h := newHarness(t)
	token := h.rotateToken("TM01")
	unpaid := cleanOrder(1)
	unpaid["payment_status"] = "unpaid"
	unpaid["amounts"].(map[string]any)["paid"] = "0"
	delete(unpaid, "paid_at")
	r := h.postOrders(token, unpaid).Results[0]
	if r.Status != "held" {
		t.Fatalf("unpaid: %s", r.Status)
	}
	h.run("order-recheck")
	if o := h.order(r.OrderID); o.Status != order.StatusHeld {
		t.Fatalf("an unpaid order was released: %s", o.Status)
	}
	paid := h.postOrders(token, cleanOrder(1)).Results[0]
	if paid.Outcome != "updated" || paid.Status != "released" {
		t.Fatalf("the paid redelivery: %+v", paid)
	}
	h.run("order-recheck")
	if n := h.count("audit_entries", "action LIKE ?", "order.recheck%"); n != 0 {
		t.Errorf("the recheck acted on a released order: %d", n)
	}
}

// TestOrderTakesStockAndOffersDelistingAtZero: a new order lowers the listing's stock (a
// redelivery does not), and the order that empties a live listing offers its owner
// delisting with the listing's button.
func TestOrderTakesStockAndOffersDelistingAtZero(t *testing.T) {
	h := newHarness(t)
	h.publish(map[string]string{"stock": "4"})
	token := h.rotateToken("TM01")
	h.postOrders(token, cleanOrder(1))
	if l := h.listing("MUG-1"); l.Stock != 2 || l.LastSaleAt.IsZero() {
		t.Fatalf("after one order of 2: stock %d, last sale %s", l.Stock, l.LastSaleAt)
	}
	h.postOrders(token, cleanOrder(1))
	if l := h.listing("MUG-1"); l.Stock != 2 {
		t.Fatalf("a redelivery took stock again: %d", l.Stock)
	}
	dm := h.emu.DMChannel(alice)
	offers := func() []slackemu.Message {
		var out []slackemu.Message
		for _, m := range h.emu.Messages(dm) {
			if strings.Contains(messageText(m), "sold out") || strings.Contains(messageText(m), listing.ReasonSoldOut) {
				out = append(out, m)
			}
		}
		return out
	}
	h.settle()
	if n := len(offers()); n != 0 {
		t.Fatalf("offered delisting with stock left: %d", n)
	}
	if r := h.postOrders(token, cleanOrder(2)).Results[0]; r.Status != "released" {
		t.Errorf("an order of exactly the stock left should be released: %s", r.Status)
	}
	h.settle()
	if l := h.listing("MUG-1"); l.Stock != 0 {
		t.Fatalf("stock = %d, want 0", l.Stock)
	}
	got := offers()
	if len(got) != 1 || len(got[0].Buttons()) != 1 || !strings.HasSuffix(got[0].Buttons()[0].Value, ":"+listing.ReasonSoldOut) ||
		!strings.Contains(messageText(got[0]), "MUG-1") {
		t.Fatalf("the owner should get one sold-out offer with its button: %v", got)
	}
	// The next order finds no stock: oversold, held, and no second offer.
	r := h.postOrders(token, cleanOrder(3)).Results[0]
	if r.Status != "held" || r.Flags[0].Check != order.CheckOversold {
		t.Errorf("an order beyond the stock: %s %+v", r.Status, r.Flags)
	}
	h.settle()
	if n := len(offers()); n != 1 {
		t.Errorf("offers after the stock was already zero: %d", n)
	}
	// The button works like the weekly scan's.
	b := got[0].Buttons()[0]
	if _, err := h.ws.Click(h.ctx, alice, got[0].Target(), b.ActionID, b.Value); err != nil {
		t.Fatal(err)
	}
	h.waitFor("pending delisting", func() bool { return h.listing("MUG-1").Status == listing.StatusPendingDelisting })
}

// webhookReceiver is a warehouse system: it records every call and answers fail first.
type webhookReceiver struct {
	mu    sync.Mutex
	fail  int
	calls []webhookCall
	srv   *httptest.Server
}

type webhookCall struct {
	header http.Header
	body   []byte
	status int
}

func newWebhookReceiver(t *testing.T, fail int) *webhookReceiver {
	rcv := &webhookReceiver{fail: fail}
	rcv.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rcv.mu.Lock()
		defer rcv.mu.Unlock()
		status := http.StatusOK
		if rcv.fail > 0 {
			rcv.fail--
			status = http.StatusInternalServerError
		}
		rcv.calls = append(rcv.calls, webhookCall{header: r.Header.Clone(), body: body, status: status})
		w.WriteHeader(status)
	}))
	t.Cleanup(rcv.srv.Close)
	return rcv
}

func (r *webhookReceiver) received() []webhookCall {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.calls)
}

var secretInReply = regexp.MustCompile("`(whsec_[A-Za-z0-9_-]+)`")

func TestWarehouseHandoffByChannelAndWebhook(t *testing.T) {
	h := newHarness(t)
	h.emu.AddChannel(warehouse, "warehouse")
	h.say(erin, "store warehouse TM01 <#"+warehouse+"|warehouse>")
	rcv := newWebhookReceiver(t, 1)
	if got := h.say(alice, "store webhook TM01 "+rcv.srv.URL); !strings.Contains(got, "admin") {
		t.Errorf("an assistant set the webhook: %s", got)
	}
	reply := h.say(erin, "store webhook TM01 <"+rcv.srv.URL+"/storeops>")
	m := secretInReply.FindStringSubmatch(reply)
	if m == nil {
		t.Fatalf("no secret in %q", reply)
	}
	secret := m[1]
	// Changing another setting of the store afterwards must not copy the secret either.
	h.say(erin, "store warehouse TM01 <#"+warehouse+"|warehouse>")
	if n := h.count("audit_entries", "after_json LIKE ? OR before_json LIKE ?", "%"+secret+"%", "%"+secret+"%"); n != 0 {
		t.Errorf("the secret is in %d audit rows", n)
	}
	token := h.rotateToken("TM01")
	noPhone := cleanOrder(4)
	noPhone["buyer"].(map[string]any)["phone"] = ""
	a := h.postOrders(token, cleanOrder(1), cleanOrder(2), cleanOrder(3), noPhone)

	h.run("warehouse-handoff")
	posts := h.emu.Messages(warehouse)
	if len(posts) != 1 {
		t.Fatalf("hand-off messages = %d, want 1 batch", len(posts))
	}
	text := messageText(posts[0])
	for _, want := range []string{"TM01/P-0001", "TM01/P-0002", "TM01/P-0003", "MUG-1×2", "浙江省 杭州市 西湖区", "138****0001"} {
		if !strings.Contains(text, want) {
			t.Errorf("the hand-off lacks %q: %s", want, text)
		}
	}
	for _, never := range []string{"13800130001", "文三路", "P-0004"} {
		if strings.Contains(text, never) {
			t.Errorf("the hand-off shows %q: %s", never, text)
		}
	}
	for _, r := range a.Results[:3] {
		if o := h.order(r.OrderID); o.HandedOffAt.IsZero() {
			t.Errorf("%s not marked handed off", o.Ref())
		}
	}
	// The warehouse answered 500: the batch waits, nothing is lost.
	calls := rcv.received()
	if len(calls) != 1 || calls[0].status != http.StatusInternalServerError {
		t.Fatalf("webhook calls after the first run: %+v", calls)
	}
	if n := h.count("warehouse_webhooks", "sent_at IS NULL AND attempts = 1"); n != 1 {
		t.Errorf("the failed batch should wait with one attempt: %d", n)
	}
	// A run before the retry time sends nothing new anywhere.
	h.run("warehouse-handoff")
	if len(h.emu.Messages(warehouse)) != 1 || len(rcv.received()) != 1 {
		t.Fatalf("a second run sent again: %d messages, %d calls", len(h.emu.Messages(warehouse)), len(rcv.received()))
	}
	h.clock.Advance(10 * time.Minute)
	h.run("warehouse-handoff")
	calls = rcv.received()
	if len(calls) != 2 || calls[1].status != http.StatusOK {
		t.Fatalf("the retry: %+v", calls)
	}
	got := calls[1]
	if err := webhook.Verify(secret, got.header.Get("X-StoreOps-Timestamp"), got.header.Get("X-StoreOps-Signature"), got.body, h.clock.Now(), 5*time.Minute); err != nil {
		t.Errorf("the warehouse cannot verify the call: %v", err)
	}
	if !bytes.Equal(got.body, calls[0].body) {
		t.Error("the retry sent another body")
	}
	var batch order.WarehouseBatch
	if err := json.Unmarshal(got.body, &batch); err != nil {
		t.Fatal(err)
	}
	if batch.Store != "TM01" || len(batch.Orders) != 3 || batch.Orders[0].Buyer.Phone != "13800130001" || !strings.Contains(batch.Orders[0].Address.Street, "文三路") ||
		got.header.Get("X-StoreOps-Delivery") != batch.BatchID {
		t.Errorf("webhook body %s", got.body)
	}
	h.clock.Advance(10 * time.Minute)
	h.run("warehouse-handoff")
	if len(rcv.received()) != 2 || len(h.emu.Messages(warehouse)) != 1 {
		t.Errorf("a delivered batch went again: %d calls", len(rcv.received()))
	}
	// The held order goes once it is released, alone in its batch.
	if _, err := h.app.orders.Release(h.ctx, domain.Actor{UserID: bob, Roles: []domain.Role{domain.RoleSupervisor}}, a.Results[3].OrderID); err != nil {
		t.Fatal(err)
	}
	h.run("warehouse-handoff")
	posts = h.emu.Messages(warehouse)
	if len(posts) != 2 || !strings.Contains(messageText(posts[1]), "P-0004") || strings.Contains(messageText(posts[1]), "P-0001") {
		t.Errorf("the second batch: %d messages", len(posts))
	}
	if calls := rcv.received(); len(calls) != 3 || calls[2].status != http.StatusOK {
		t.Errorf("webhook calls after the second batch: %d", len(calls))
	}
	if n := h.count("audit_entries", "action = ?", "order.handoff"); n != 2 {
		t.Errorf("hand-off audit rows = %d, want 2", n)
	}
	// Removing the webhook keeps the channel.
	if got := h.say(erin, "store webhook TM01 off"); !strings.Contains(got, "no longer") {
		t.Errorf("webhook off: %s", got)
	}
}

func TestUnshippedReminderOncePerDay(t *testing.T) {
	h := newHarness(t)
	// 01:01 in Shanghai: the runs 23 h and 25 h later fall on the same store day, so the
	// empty first run must not use up that day's reminder.
	h.clock.Set(time.Date(2026, 11, 29, 17, 1, 0, 0, time.UTC))
	h.say(erin, "store channel TM01 <#"+team+"|team>")
	if got := h.say(alice, "store promise TM01 24"); !strings.Contains(got, "supervisor") {
		t.Errorf("an assistant set the promise: %s", got)
	}
	if got := h.say(bob, "store promise TM01 24"); !strings.Contains(got, "within 24 hours") {
		t.Fatalf("promise: %s", got)
	}
	token := h.rotateToken("TM01")
	h.postOrders(token, cleanOrder(1), cleanOrder(2))
	h.say(alice, "order ship P-0001 SF SF1234567890")
	reminders := func() []slackemu.Message {
		var out []slackemu.Message
		for _, m := range h.emu.Messages(team) {
			if strings.Contains(messageText(m), "Not shipped within") {
				out = append(out, m)
			}
		}
		return out
	}
	h.clock.Advance(23 * time.Hour)
	h.run("unshipped-reminder")
	if n := len(reminders()); n != 0 {
		t.Fatalf("reminded before the promise ran out: %d", n)
	}
	h.clock.Advance(2 * time.Hour)
	h.run("unshipped-reminder")
	h.run("unshipped-reminder")
	got := reminders()
	if len(got) != 1 {
		t.Fatalf("reminders after 25 h (run twice) = %d, want 1", len(got))
	}
	if text := messageText(got[0]); !strings.Contains(text, "TM01/P-0002") || strings.Contains(text, "P-0001") || !strings.Contains(text, "24 h") {
		t.Errorf("reminder: %s", text)
	}
	h.clock.Advance(24 * time.Hour)
	h.run("unshipped-reminder")
	if n := len(reminders()); n != 2 {
		t.Errorf("reminders the next day = %d, want 2", n)
	}
	h.say(bob, "order ship P-0002 SF SF1234567899")
	h.clock.Advance(24 * time.Hour)
	h.run("unshipped-reminder")
	if n := len(reminders()); n != 2 {
		t.Errorf("reminded with nothing overdue: %d", n)
	}
}

func TestCancellingAnOrderGivesItsStockBack(t *testing.T) {
	h := newHarness(t)
	h.publish(map[string]string{"stock": "3"})
	token := h.rotateToken("TM01")
	o := cleanOrder(1) // MUG-1 × 2
	o["buyer"].(map[string]any)["phone"] = ""
	a := h.postOrders(token, o)
	if got := h.listing("MUG-1").Stock; got != 1 {
		t.Fatalf("stock after an order of 2 out of 3 = %d, want 1", got)
	}
	big := cleanOrder(2)
	big["items"] = []any{map[string]any{"sku": "MUG-1", "quantity": 5, "unit_price": "64.95"}}
	big["amounts"] = map[string]any{"goods": "324.75", "shipping": "0", "discount": "0", "paid": "324.75"}
	b := h.postOrders(token, big)
	if got := h.listing("MUG-1").Stock; got != 0 {
		t.Fatalf("stock after an oversold order = %d, want 0", got)
	}
	supervisor := domain.Actor{UserID: bob, Roles: []domain.Role{domain.RoleSupervisor}}
	if _, err := h.app.orders.Cancel(h.ctx, supervisor, b.Results[0].OrderID, "oversold"); err != nil {
		t.Fatal(err)
	}
	// The oversold order took only the one piece there was, and gives back only that.
	if got := h.listing("MUG-1").Stock; got != 1 {
		t.Fatalf("stock after cancelling the oversold order = %d, want 1", got)
	}
	if _, err := h.app.orders.Cancel(h.ctx, supervisor, a.Results[0].OrderID, "buyer unreachable"); err != nil {
		t.Fatal(err)
	}
	if got := h.listing("MUG-1").Stock; got != 3 {
		t.Errorf("stock after cancelling both = %d, want 3", got)
	}
	if _, err := h.app.orders.Cancel(h.ctx, supervisor, a.Results[0].OrderID, "again"); err == nil {
		t.Error("cancelling twice was accepted")
	}
	if got := h.listing("MUG-1").Stock; got != 3 {
		t.Errorf("a refused second cancel moved the stock to %d", got)
	}
}

func TestCancellingAHandedOffOrderTellsTheWarehouse(t *testing.T) {
	h := newHarness(t)
	h.emu.AddChannel(warehouse, "warehouse")
	h.say(erin, "store warehouse TM01 <#"+warehouse+"|warehouse>")
	rcv := newWebhookReceiver(t, 0)
	m := secretInReply.FindStringSubmatch(h.say(erin, "store webhook TM01 <"+rcv.srv.URL+">"))
	if m == nil {
		t.Fatal("no webhook secret")
	}
	token := h.rotateToken("TM01")
	h.postOrders(token, cleanOrder(1), cleanOrder(2))
	h.run("warehouse-handoff")
	if len(h.emu.Messages(warehouse)) != 1 || len(rcv.received()) != 1 {
		t.Fatalf("hand-off: %d messages, %d webhook calls", len(h.emu.Messages(warehouse)), len(rcv.received()))
	}
	var batch order.WarehouseBatch
	if err := json.Unmarshal(rcv.received()[0].body, &batch); err != nil || batch.Event != order.EventHandoff {
		t.Errorf("the hand-off body has event %q (%v), want %q", batch.Event, err, order.EventHandoff)
	}

	if got := h.say(alice, "order cancel TM01/P-0001 buyer cancelled"); !strings.Contains(got, "supervisor") {
		t.Errorf("an assistant cancelled an order: %s", got)
	}
	if got := h.say(bob, "order cancel TM01/P-0001"); !strings.Contains(got, "reason") {
		t.Errorf("a cancel without a reason: %s", got)
	}
	got := h.say(bob, "order cancel TM01/P-0001 buyer cancelled on the platform")
	if !strings.Contains(got, "warehouse has been told") {
		t.Errorf("cancel reply: %s", got)
	}
	h.waitFor("the warehouse notice", func() bool { return len(h.emu.Messages(warehouse)) == 2 })
	notice := messageText(h.emu.Messages(warehouse)[1])
	for _, want := range []string{"Do not ship", "TM01/P-0001", "buyer cancelled on the platform", "<@" + bob + ">", "MUG-1×2"} {
		if !strings.Contains(notice, want) {
			t.Errorf("the warehouse notice lacks %q: %s", want, notice)
		}
	}
	if strings.Contains(notice, "P-0002") {
		t.Errorf("the notice names another order: %s", notice)
	}
	// The webhook call goes with the next hand-off run, signed like every other.
	h.run("warehouse-handoff")
	calls := rcv.received()
	if len(calls) != 2 {
		t.Fatalf("webhook calls = %d, want the hand-off and the cancellation", len(calls))
	}
	if err := webhook.Verify(m[1], calls[1].header.Get("X-StoreOps-Timestamp"), calls[1].header.Get("X-StoreOps-Signature"), calls[1].body, h.clock.Now(), 5*time.Minute); err != nil {
		t.Errorf("the warehouse cannot verify the cancellation: %v", err)
	}
	var c order.WarehouseCallBack
	if err := json.Unmarshal(calls[1].body, &c); err != nil {
		t.Fatal(err)
	}
	if c.Event != order.EventCancelled || c.PlatformOrderID != "P-0001" || c.Store != "TM01" || c.Reason != "buyer cancelled on the platform" ||
		calls[1].header.Get("X-StoreOps-Delivery") != c.BatchID {
		t.Errorf("cancellation body %s", calls[1].body)
	}

	// An order the warehouse never had is cancelled quietly: the next batch leaves it out.
	h.postOrders(token, cleanOrder(3))
	if got := h.say(bob, "order cancel P-0003 duplicate of P-0002"); !strings.Contains(got, "is cancelled") || strings.Contains(got, "warehouse") {
		t.Errorf("cancel before the hand-off: %s", got)
	}
	h.run("warehouse-handoff")
	if len(h.emu.Messages(warehouse)) != 2 || len(rcv.received()) != 2 {
		t.Errorf("a cancelled order went to the warehouse: %d messages, %d calls", len(h.emu.Messages(warehouse)), len(rcv.received()))
	}
	if n := h.count("audit_entries", "action = ?", "order.cancel"); n != 2 {
		t.Errorf("cancel audit rows = %d, want 2", n)
	}

	// The buyer asks the platform for a refund of P-0002, which the warehouse has: the
	// redelivery holds it, and the warehouse is told to keep it aside.
	refund := cleanOrder(2)
	refund["payment_status"] = "refund_requested"
	if a := h.postOrders(token, refund); a.Results[0].Outcome != "updated" || a.Results[0].Status != "held" {
		t.Fatalf("the refund redelivery: %+v", a.Results[0])
	}
	h.waitFor("the hold notice", func() bool { return len(h.emu.Messages(warehouse)) == 3 })
	notice = messageText(h.emu.Messages(warehouse)[2])
	for _, want := range []string{"Do not ship", "for now", "TM01/P-0002", "refund"} {
		if !strings.Contains(notice, want) {
			t.Errorf("the hold notice lacks %q: %s", want, notice)
		}
	}
	h.run("warehouse-handoff")
	calls = rcv.received()
	if len(calls) != 3 {
		t.Fatalf("webhook calls = %d, want the hold as the third", len(calls))
	}
	var held order.WarehouseCallBack
	if err := json.Unmarshal(calls[2].body, &held); err != nil || held.Event != order.EventHeld || held.PlatformOrderID != "P-0002" || !strings.Contains(held.Reason, "refund") {
		t.Errorf("hold body %s (%v)", calls[2].body, err)
	}
	// The refund is withdrawn and a supervisor releases it: the next hand-off carries it
	// again, which is the warehouse's go-ahead.
	id := h.postOrders(token, cleanOrder(2)).Results[0].OrderID
	if o := h.order(id); o.Status == order.StatusHeld {
		if _, err := h.app.orders.Release(h.ctx, domain.Actor{UserID: bob, Roles: []domain.Role{domain.RoleSupervisor}}, id); err != nil {
			t.Fatal(err)
		}
	}
	if o := h.order(id); o.Status != order.StatusReleased || !o.HandedOffAt.IsZero() {
		t.Fatalf("after the release P-0002 is %s, handed off at %v; want released and waiting for a hand-off", o.Status, o.HandedOffAt)
	}
	h.run("warehouse-handoff")
	calls = rcv.received()
	var again order.WarehouseBatch
	if len(calls) != 4 || json.Unmarshal(calls[3].body, &again) != nil || again.Event != order.EventHandoff ||
		len(again.Orders) != 1 || again.Orders[0].PlatformOrderID != "P-0002" {
		t.Errorf("after the release, webhook calls = %d; the last %s", len(calls), calls[len(calls)-1].body)
	}
	if posts := h.emu.Messages(warehouse); len(posts) != 4 || !strings.Contains(messageText(posts[3]), "P-0002") {
		t.Errorf("after the release the warehouse channel has %d messages", len(posts))
	}
}

func TestOrderBelowTheListingsFloorPriceIsHeld(t *testing.T) {
	h := newHarness(t)
	h.publish(map[string]string{"price": "79.00", "floor_price": "70.00"})
	token := h.rotateToken("TM01")
	a := h.postOrders(token, cleanOrder(1)) // MUG-1 × 2 at 64.95
	if r := a.Results[0]; r.Status != string(order.StatusHeld) {
		t.Fatalf("an order below the floor price is %s, want held", r.Status)
	}
	o := h.order(a.Results[0].OrderID)
	if len(o.Flags) == 0 || o.Flags[0].Check != order.CheckBelowFloorPrice || !slices.Contains(o.Flags[0].Args, "70.00") {
		t.Errorf("flags %+v, want below_floor_price naming the floor 70.00", o.Flags)
	}
	// Lowering the floor lets the next order at that price through.
	if got := h.say(alice, "listing update MUG-1 floor_price=60"); !strings.Contains(got, "60.00") {
		t.Fatalf("update floor: %s", got)
	}
	if r := h.postOrders(token, cleanOrder(2)).Results[0]; r.Status != string(order.StatusReleased) {
		t.Errorf("an order above the lowered floor is %s, want released", r.Status)
	}
}

// TestADeliveryTakesStockOrderByOrder posts several orders of one SKU in one delivery, which
// the service stores as one chunk: each order must see the stock the earlier ones left, as
// if they had come one by one.
func TestADeliveryTakesStockOrderByOrder(t *testing.T) {
	h := newHarness(t)
	h.publish(map[string]string{"stock": "5"})
	token := h.rotateToken("TM01")
	var orders []map[string]any
	for n := 1; n <= 4; n++ {
		o := cleanOrder(n) // MUG-1 × 2
		orders = append(orders, o)
	}
	a := h.postOrders(token, orders...)
	wantReserved := []int{2, 2, 1, 0}
	for i, r := range a.Results {
		o := h.order(r.OrderID)
		oversold := slices.ContainsFunc(o.Flags, func(f order.Flag) bool { return f.Check == order.CheckOversold })
		if o.Items[0].Reserved != wantReserved[i] || oversold != (wantReserved[i] < 2) {
			t.Errorf("order %d took %d pieces (oversold flag %v), want %d", i+1, o.Items[0].Reserved, oversold, wantReserved[i])
		}
	}
	if got := h.listing("MUG-1").Stock; got != 0 {
		t.Errorf("stock after the delivery = %d, want 0", got)
	}
	// The chunk itself got it right: it was not rolled back and stored again one by one.
	if strings.Contains(h.log.String(), "order chunk rolled back") {
		t.Error("the delivery's chunk was rolled back and stored again one order at a time")
	}
	h.settle()
	offers := 0
	for _, m := range h.emu.Messages(h.emu.DMChannel(alice)) {
		if strings.Contains(messageText(m), "MUG-1") && strings.Contains(messageText(m), "sold out") {
			offers++
		}
	}
	if offers != 1 {
		t.Errorf("%d sold-out offers to the owner, want 1", offers)
	}
}

// TestConcurrentDeliveriesShareHotStockExactly sends eight deliveries at once, all ordering the
// same SKU, for more pieces than it has. However the deliveries interleave (on MariaDB their
// chunks race for the stock and some are stored again one order at a time), every piece is
// taken once: what the orders recorded equals what left the stock, the stock ends at zero,
// and exactly the orders that got less than they asked for are flagged oversold.
func TestConcurrentDeliveriesShareHotStockExactly(t *testing.T) {
	h := newHarness(t)
	h.publish(map[string]string{"stock": "150"})
	token := h.rotateToken("TM01")
	answers := make([]apiAnswer, 8)
	var wg sync.WaitGroup
	for d := range answers {
		var orders []map[string]any
		for n := range 25 {
			orders = append(orders, cleanOrder(100+d*25+n)) // MUG-1 × 2 each: 400 asked
		}
		wg.Go(func() { answers[d] = h.post(token, delivery("TM01", orders...)) })
	}
	wg.Wait()
	reserved := 0
	for d, a := range answers {
		if a.status != http.StatusOK || len(a.Results) != 25 {
			t.Fatalf("delivery %d: %d %s", d, a.status, a.raw)
		}
		for _, r := range a.Results {
			o := h.order(r.OrderID)
			got := o.Items[0].Reserved
			oversold := slices.ContainsFunc(o.Flags, func(f order.Flag) bool { return f.Check == order.CheckOversold })
			if got < 0 || got > 2 || oversold != (got < 2) {
				t.Errorf("%s took %d of 2 pieces with oversold flag %v", o.Ref(), got, oversold)
			}
			reserved += got
		}
	}
	if stock := h.listing("MUG-1").Stock; stock != 0 || reserved != 150 {
		t.Errorf("orders recorded %d pieces taken and the stock is %d; want 150 and 0", reserved, stock)
	}
	if n := h.count("orders", ""); n != 200 {
		t.Errorf("%d orders stored, want 200", n)
	}
}
