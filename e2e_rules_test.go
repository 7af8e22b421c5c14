package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"storeops/domain"
	"storeops/domain/order"
	"storeops/domain/order/orderdb"
)

// Review rules and the blacklist end to end: signed /ops commands change a store's rules, and
// the orders posted to the ingestion API afterwards are reviewed with them.

// rulesOrderAt is cleanOrder(n) placed at hh:mm on 11 November (paid a minute later), with its
// own platform order id when n is reused for the same buyer and address.
func rulesOrderAt(n int, id string, hhmm string) map[string]any {
	o := cleanOrder(n)
	o["platform_order_id"] = id
	o["created_at"] = "2026-11-11T" + hhmm + ":00+08:00"
	o["paid_at"] = "2026-11-11T" + hhmm + ":30+08:00"
	return o
}

// rulesToStreet sends an order to the street of cleanOrder(n).
func rulesToStreet(o map[string]any, n int) map[string]any {
	o["address"].(map[string]any)["street"] = fmt.Sprintf("文三路 %d 号 2 单元", 100+n)
	return o
}

// rulesFlags lists the checks that flagged an order, as "severity check".
func rulesFlags(r apiResult) []string {
	var out []string
	for _, f := range r.Flags {
		out = append(out, f.Severity+" "+f.Check)
	}
	return out
}

func rulesFlagged(r apiResult, check string) bool {
	return slices.ContainsFunc(r.Flags, func(f apiFlag) bool { return f.Check == check })
}

// rulesAuditRows returns the after-JSON of the audit rows of an action on a subject, oldest first.
func (h *harness) rulesAuditRows(action, subject string) []map[string]any {
	h.t.Helper()
	var rows []struct{ AfterJSON, BeforeJSON string }
	if err := h.db.Table("audit_entries").Select("after_json, before_json").Where("action = ? AND subject = ?", action, subject).
		Order("id").Find(&rows).Error; err != nil {
		h.t.Fatal(err)
	}
	var out []map[string]any
	for _, r := range rows {
		m := map[string]any{}
		_ = json.Unmarshal([]byte(r.AfterJSON), &m)
		before := map[string]any{}
		_ = json.Unmarshal([]byte(r.BeforeJSON), &before)
		m["_before"] = before
		out = append(out, m)
	}
	return out
}

func rulesWant(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, got)
		}
	}
}

func TestRulesShowTheDefaultsAndOnlySupervisorsChangeThem(t *testing.T) {
	h := newHarness(t)
	got := h.say(alice, "rules TM01")
	rulesWant(t, "an assistant's /ops rules", got, "Review rules · TM01", "TM01 uses the default rules",
		"`buffer` (duration): 30m (default)", "`max_orders` (whole number): 5 (default)", "Scope: every order")
	for _, c := range order.Checks() {
		rulesWant(t, "/ops rules", got, "`"+c.Name+"`")
	}

	for _, cmd := range []string{"rules TM01 set duplicate_order buffer=2h", "rules TM01 disable unpaid", "rules TM01 enable unpaid"} {
		if got := h.say(alice, cmd); !strings.Contains(got, "needs the supervisor / admin role") {
			t.Errorf("an assistant's %q: %s", cmd, got)
		}
	}
	for _, cmd := range []string{"blacklist add TM01 phone 13800130001 Fraud", "blacklist remove TM01 phone 13800130001"} {
		if got := h.say(alice, cmd); !strings.Contains(got, "needs the supervisor / admin role") {
			t.Errorf("an assistant's %q: %s", cmd, got)
		}
	}
	if n := h.count("order_rule_sets", ""); n != 0 {
		t.Errorf("refused changes saved %d rule sets", n)
	}
	if n := h.count("order_blacklist", ""); n != 0 {
		t.Errorf("refused changes blacklisted %d", n)
	}
	if n := h.count("audit_entries", "action LIKE ? OR action LIKE ?", "rules.%", "blacklist.%"); n != 0 {
		t.Errorf("refused changes audited %d rows", n)
	}

	// Help names every command with its summary.
	rulesWant(t, "/ops help rules", h.say(alice, "help rules"), "/ops rules &lt;store&gt;", "Show a store's order review rules")
	rulesWant(t, "/ops help blacklist", h.say(alice, "help blacklist"),
		"/ops blacklist add", "/ops blacklist remove", "/ops blacklist list", "Blacklist a buyer account, phone or address")
}

func TestRulesChangesApplyToTheNextOrders(t *testing.T) {
	h := newHarness(t)
	token := h.rotateToken("TM01")

	// Before the change: the same buyer to the same address an hour later is no duplicate
	// (buffer 30m), and three orders to one address in an hour are no malicious batch (max 5).
	a := h.postOrders(token, rulesOrderAt(1, "D-1", "00:05"), rulesOrderAt(1, "D-2", "01:05"),
		rulesToStreet(rulesOrderAt(20, "M-1", "00:10"), 30), rulesToStreet(rulesOrderAt(21, "M-2", "00:20"), 30), rulesToStreet(rulesOrderAt(22, "M-3", "00:30"), 30))
	for _, r := range a.Results {
		if r.Outcome != "created" || r.Status != string(order.StatusReleased) {
			t.Fatalf("before the change %s is %s %s %v", r.PlatformOrderID, r.Outcome, r.Status, rulesFlags(r))
		}
	}

	got := h.say(bob, "rules TM01 set duplicate_order buffer=2h")
	rulesWant(t, "the reply to set buffer", got, "Review rules of TM01 changed", "`duplicate_order`", "`buffer`: 30m (default) → 2h", "version 1")
	got = h.say(carol, "rules TM01 set many_to_one_address max_orders=2")
	rulesWant(t, "the reply to set max_orders", got, "`max_orders`: 5 (default) → 2", "version 2")

	// After it: the next order of the same buyer an hour later is a duplicate of both, and a
	// fourth order to the shared address is one too many.
	a = h.postOrders(token, rulesOrderAt(1, "D-3", "02:05"), rulesToStreet(rulesOrderAt(23, "M-4", "00:40"), 30))
	dup, many := a.Results[0], a.Results[1]
	if dup.Status != string(order.StatusHeld) || !rulesFlagged(dup, order.CheckDuplicateOrder) {
		t.Errorf("the same buyer 1 h later, after buffer=2h: %s %v", dup.Status, rulesFlags(dup))
	}
	if many.Status != string(order.StatusHeld) || !rulesFlagged(many, order.CheckManyToOneAddress) {
		t.Errorf("the 4th order to one address, after max_orders=2: %s %v", many.Status, rulesFlags(many))
	}

	// Several pairs at once, the severity among them.
	got = h.say(bob, "rules TM01 set abnormal_quantity max_items=80 max_skus=30 severity=hold")
	rulesWant(t, "the reply to several pairs", got, "`max_items`: 50 (default) → 80", "`max_skus`: 20 (default) → 30",
		"Severity: ⚠️ *Alert* → 🛑 *Hold*", "version 3")
	// The same values again change nothing and write nothing.
	rulesWant(t, "a repeat", h.say(bob, "rules TM01 set abnormal_quantity max_items=80"), "nothing changed")

	got = h.say(alice, "rules TM01")
	rulesWant(t, "/ops rules after the changes", got, "Last changed by", "(version 3)", "*2h* (default 30m)",
		"`max_orders` (whole number): *2* (default 5)", "`max_items` (whole number): *80* (default 50)")

	bobActor := domain.Actor{UserID: bob, Roles: []domain.Role{domain.RoleSupervisor}}
	rs, err := h.app.orders.Rules(h.ctx, bobActor, "tm01")
	if err != nil || rs.Version != 3 {
		t.Fatalf("stored rules: %+v %v", rs, err)
	}
	if r := rs.RulesOf(order.CheckAbnormalQuantity)[0]; r.Severity != order.SeverityHold || r.Params["max_items"] != "80" {
		t.Errorf("abnormal_quantity rule: %+v", r)
	}
	// Back to the default: the store follows it again.
	rulesWant(t, "buffer=default", h.say(bob, "rules TM01 set duplicate_order buffer=default"), "`buffer`: 2h → 30m (default)")

	// Each change is one audit row with the rule before → after.
	if n := h.count("audit_entries", "action = ?", "rules.change"); n != 4 {
		t.Errorf("%d rules.change audit rows, want 4", n)
	}
	rows := h.rulesAuditRows("rules.change", "rules:TM01/duplicate_order")
	if len(rows) != 2 || rows[0]["param.buffer"] != "2h" || rows[0]["_before"].(map[string]any)["param.buffer"] != "30m (default)" ||
		rows[0]["enabled"] != true || rows[0]["severity"] != "hold" {
		t.Errorf("duplicate_order audit rows: %v", rows)
	}
	if rows := h.rulesAuditRows("rules.change", "rules:TM01/many_to_one_address"); len(rows) != 1 || rows[0]["param.max_orders"] != "2" {
		t.Errorf("many_to_one_address audit rows: %v", rows)
	}
}

// Supervisors tuning different checks of one store at the same moment all succeed: each edit
// is applied to the rule set the others saved, none is lost, each is audited once.
func TestRulesConcurrentChangesAreAllKept(t *testing.T) {
	h := newHarness(t)
	edits := map[string]string{order.CheckDuplicateOrder: "buffer", order.CheckMultipleAddresses: "window",
		order.CheckManyToOneAddress: "window", order.CheckRemoteKeywords: "keywords"}
	values := map[string]string{"buffer": "45m", "window": "3h", "keywords": "新疆,西藏"}
	var wg sync.WaitGroup
	errs := make(chan error, len(edits))
	for check, param := range edits {
		wg.Add(1)
		go func() {
			defer wg.Done()
			actor := domain.Actor{UserID: bob, Roles: []domain.Role{domain.RoleSupervisor}}
			_, err := h.app.orders.SetRuleParam(h.ctx, actor, "TM01", check, param, values[param])
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("a concurrent change: %v", err)
		}
	}
	rs, err := h.app.orders.Rules(h.ctx, domain.Actor{UserID: alice, Roles: []domain.Role{domain.RoleAssistant}}, "TM01")
	if err != nil || rs.Version != len(edits) {
		t.Fatalf("rules after %d concurrent changes: version %d, %v", len(edits), rs.Version, err)
	}
	for check, param := range edits {
		if got := rs.RulesOf(check)[0].Params[param]; got != values[param] {
			t.Errorf("%s %s = %q, want %q", check, param, got, values[param])
		}
	}
	if n := h.count("audit_entries", "action = ?", "rules.change"); n != int64(len(edits)) {
		t.Errorf("%d audit rows for %d changes", n, len(edits))
	}
}

func TestRulesDisabledCheckReleasesWhatItWouldHold(t *testing.T) {
	h := newHarness(t)
	token := h.rotateToken("TM01")
	noPhone := func(n int) map[string]any {
		o := cleanOrder(n)
		o["buyer"].(map[string]any)["phone"] = ""
		return o
	}
	if r := h.postOrders(token, noPhone(1)).Results[0]; r.Status != string(order.StatusHeld) || !rulesFlagged(r, order.CheckMissingContact) {
		t.Fatalf("an order without a phone under the defaults: %s %v", r.Status, rulesFlags(r))
	}
	rulesWant(t, "disable", h.say(bob, "rules TM01 disable missing_contact"), "On/off: ✅ on → ⏸️ off")
	rulesWant(t, "/ops rules", h.say(alice, "rules TM01"), "`missing_contact` — 🛑 *Hold* · ⏸️ off")
	if r := h.postOrders(token, noPhone(2)).Results[0]; r.Status != string(order.StatusReleased) || rulesFlagged(r, order.CheckMissingContact) {
		t.Errorf("an order without a phone, check disabled: %s %v", r.Status, rulesFlags(r))
	}
	// The natural slip `/ops rules enable TM01 …` works too.
	rulesWant(t, "enable", h.say(erin, "rules enable TM01 missing_contact"), "On/off: ⏸️ off → ✅ on")
	if r := h.postOrders(token, noPhone(3)).Results[0]; r.Status != string(order.StatusHeld) {
		t.Errorf("an order without a phone, check enabled again: %s %v", r.Status, rulesFlags(r))
	}
	if n := h.count("audit_entries", "action = ? AND subject = ?", "rules.change", "rules:TM01/missing_contact"); n != 2 {
		t.Errorf("%d audit rows for disable + enable", n)
	}
}

// A rule set saved before a check existed lacks its rule: the check does not run, the rules
// say so, and enabling it adds its default rule.
func TestRulesEnableACheckTheSetLacks(t *testing.T) {
	h := newHarness(t)
	var rules []order.Rule
	for _, r := range order.DefaultRules() {
		if r.Check != order.CheckOversold {
			rules = append(rules, r)
		}
	}
	if err := orderdb.NewRuleRepo(h.db).SaveRuleSet(h.ctx, &order.RuleSet{StoreCode: "TM01", Rules: rules, UpdatedBy: erin, UpdatedAt: h.clock.Now()}); err != nil {
		t.Fatal(err)
	}
	rulesWant(t, "/ops rules", h.say(alice, "rules TM01"), "*Oversold* `oversold`\\n⏸️ off: not in this store's rules")
	rulesWant(t, "enable", h.say(bob, "rules TM01 enable oversold"), "On/off: ⏸️ off → ✅ on", "version 2")
	rs, err := h.app.orders.Rules(h.ctx, domain.Actor{UserID: bob, Roles: []domain.Role{domain.RoleSupervisor}}, "TM01")
	if err != nil || len(rs.RulesOf(order.CheckOversold)) != 1 || !rs.RulesOf(order.CheckOversold)[0].Enabled || len(rs.Rules) != len(order.Checks()) {
		t.Errorf("after enable: %+v %v", rs, err)
	}
}

func TestRulesRefuseWhatIsWrongAndSayWhy(t *testing.T) {
	h := newHarness(t)
	for _, tc := range []struct {
		cmd   string
		wants []string
	}{
		{"rules TM01 set duplicate_order buffer=soon", []string{"buffer: “soon” is not a valid duration value.", "A duration is written like 30m, 2h"}},
		{"rules TM01 set many_to_one_address max_orders=-2 window=2h", []string{"max_orders: “-2” is not a valid int value.", "A whole number is written like 5."}},
		{"rules TM01 set fraud threshold=1", []string{"“fraud” is not a check; use one of: incomplete_address, missing_contact", "remark_keywords"}},
		{"rules TM01 enable fraud", []string{"“fraud” is not a check"}},
		{"rules TM01 set duplicate_order colour=red", []string{"colour: duplicate_order has no parameter “colour” (its parameters: buffer)."}},
		{"rules TM01 set blacklisted buffer=1h", []string{"blacklisted has no parameters"}},
		{"rules TM01 set duplicate_order severity=block", []string{"“block” is not a severity; use one of: hold, alert."}},
		{"rules TM01 set duplicate_order 2h", []string{"“2h” is not param=value"}},
		{"rules TM01 set duplicate_order", []string{"Nothing to change for duplicate_order"}},
		{"rules TM01 set abnormal_quantity min_items=60", []string{"The minimum min_items=60 is above the maximum max_items=50."}},
		{"rules TM01 set unpaid scope.platforms=amazon", []string{"“amazon” is not a platform"}},
		{"rules TM01 set unpaid scope.provinces=Atlantis", []string{"“Atlantis” is not a province"}},
		{"rules XX99", []string{"XX99"}},
		{"rules TM01 frobnicate unpaid", []string{"Usage: /ops rules <store> [set <check>"}},
		{"rules", []string{"Usage: /ops rules"}},
	} {
		rulesWant(t, tc.cmd, h.say(bob, tc.cmd), tc.wants...)
	}
	if n := h.count("order_rule_sets", ""); n != 0 {
		t.Errorf("refused changes saved %d rule sets", n)
	}
	if n := h.count("audit_entries", "action = ?", "rules.change"); n != 0 {
		t.Errorf("refused changes audited %d rows", n)
	}
	// A scope that is right is saved and shown.
	rulesWant(t, "scope", h.say(bob, "rules TM01 set unpaid scope.platforms=tmall scope.min_amount=100 scope.provinces=广东,浙江"),
		"Scope: every order → Scope: platforms Tmall, provinces 广东, 浙江, amount ≥ ¥100.00")
}

func TestBlacklistHoldsListsAndReleases(t *testing.T) {
	h := newHarness(t)
	token := h.rotateToken("TM01")

	rulesWant(t, "add", h.say(bob, "blacklist add tm01 phone +86-138-0013-0005 Coupon abuse"),
		"Added to the blacklist of TM01: phone `13800130005`")
	rulesWant(t, "a repeat", h.say(carol, "blacklist add TM01 phone 13800130005"), "13800130005 is already on the blacklist")
	r := h.postOrders(token, rulesOrderAt(5, "B-1", "00:05")).Results[0]
	i := slices.IndexFunc(r.Flags, func(f apiFlag) bool { return f.Check == order.CheckBlacklisted })
	if r.Status != string(order.StatusHeld) || i < 0 || r.Flags[i].Code != "flag.blacklisted.phone" || !strings.Contains(r.Flags[i].Message, "Coupon abuse") {
		t.Fatalf("an order from the blacklisted phone: %s", rulesResultJSON(r))
	}

	// Assistants see the list with phones masked; supervisors and admins see them whole.
	got := h.say(alice, "blacklist list TM01")
	rulesWant(t, "an assistant's list", got, "Blacklist · TM01 (1)", "138****0005", "Coupon abuse", "Phone numbers are masked")
	if strings.Contains(got, "13800130005") {
		t.Errorf("an assistant sees the whole phone: %s", got)
	}
	for _, u := range []string{bob, erin} {
		if got := h.say(u, "blacklist list TM01"); !strings.Contains(got, "13800130005") || strings.Contains(got, "138****0005") {
			t.Errorf("%s's list: %s", u, got)
		}
	}

	// An address (quoted, as typed) and a buyer account hold the orders that match them.
	rulesWant(t, "add address", h.say(bob, `blacklist add TM01 address "浙江省 杭州市 西湖区 文三路 107 号 2 单元" Drop address`), "Added to the blacklist of TM01: address")
	rulesWant(t, "add buyer", h.say(bob, "blacklist add TM01 buyer buyer-8"), "Added to the blacklist of TM01: buyer account `buyer-8`")
	a := h.postOrders(token, rulesOrderAt(7, "B-2", "00:05"), rulesOrderAt(8, "B-3", "00:05"))
	if r := a.Results[0]; r.Status != string(order.StatusHeld) || !slices.ContainsFunc(r.Flags, func(f apiFlag) bool { return f.Code == "flag.blacklisted.address" }) {
		t.Errorf("an order to the blacklisted address: %s", rulesResultJSON(r))
	}
	if r := a.Results[1]; r.Status != string(order.StatusHeld) || !slices.ContainsFunc(r.Flags, func(f apiFlag) bool { return f.Code == "flag.blacklisted.buyer" }) {
		t.Errorf("an order of the blacklisted buyer: %s", rulesResultJSON(r))
	}
	rulesWant(t, "the list of three", h.say(alice, "blacklist list TM01"), "Blacklist · TM01 (3)", "buyer-8")

	// Wrong input is refused, saying why.
	for cmd, want := range map[string]string{
		"blacklist add TM01 email a@b.c":          "“email” cannot be blacklisted; use one of: buyer, phone, address.",
		"blacklist add TM01 phone 138****0005":    "is not a phone number StoreOps can match",
		"blacklist add XX99 phone 13800130009":    "XX99",
		"blacklist add TM01 phone":                "Usage: /ops blacklist add",
		"blacklist remove TM01 phone 13800130009": "13800130009 is not on the blacklist.",
	} {
		rulesWant(t, cmd, h.say(bob, cmd), want)
	}

	// Removed: the phone's next order (3 hours later, elsewhere) is released again.
	rulesWant(t, "remove", h.say(carol, "blacklist remove TM01 phone 138 0013 0005"), "Removed from the blacklist of TM01: phone `13800130005`")
	next := rulesToStreet(rulesOrderAt(5, "B-4", "03:05"), 40)
	if r := h.postOrders(token, next).Results[0]; r.Status != string(order.StatusReleased) || rulesFlagged(r, order.CheckBlacklisted) {
		t.Errorf("the phone's next order after removal: %s", rulesResultJSON(r))
	}
	rulesWant(t, "the list after removal", h.say(bob, "blacklist list TM01"), "Blacklist · TM01 (2)")

	// Audit: three additions and a removal, the phone masked in the trail.
	if n := h.count("audit_entries", "action = ? AND subject = ?", "blacklist.add", "blacklist:TM01"); n != 3 {
		t.Errorf("%d blacklist.add rows", n)
	}
	rows := h.rulesAuditRows("blacklist.remove", "blacklist:TM01")
	if len(rows) != 1 || rows[0]["_before"].(map[string]any)["value"] != "138****0005" || rows[0]["_before"].(map[string]any)["reason"] != "Coupon abuse" {
		t.Errorf("blacklist.remove rows: %v", rows)
	}
	if n := h.count("audit_entries", "(action = ? OR action = ?) AND (after_json LIKE ? OR before_json LIKE ?)",
		"blacklist.add", "blacklist.remove", "%13800130005%", "%13800130005%"); n != 0 {
		t.Errorf("%d audit rows show the whole phone", n)
	}
}

func rulesResultJSON(r apiResult) string {
	b, _ := json.Marshal(r)
	return string(b)
}
