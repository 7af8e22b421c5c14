package main

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"storeops/bot/slackemu"
	"storeops/bot/view"
	"storeops/domain"
	"storeops/domain/aftersale"
)

func asID(id int64) string { return strconv.FormatInt(id, 10) }

const asWarehouse = "C0ASWAREHOUSE"

// aftersaleStore points TM01 at #team and #warehouse and delivers one order whose lines are
// MUG-1 × 2 at unit, paid 2 × unit; it returns the order's ref.
func (h *harness) aftersaleStore(n int, unit string, paid string) string {
	h.t.Helper()
	h.emu.AddChannel(asWarehouse, "warehouse")
	for _, c := range []string{"store channel TM01 <#" + team + "|team>", "store warehouse TM01 <#" + asWarehouse + "|warehouse>"} {
		if got := h.say(erin, c); !strings.Contains(got, "TM01") {
			h.t.Fatalf("%s: %s", c, got)
		}
	}
	o := cleanOrder(n)
	o["items"] = []any{map[string]any{"sku": "MUG-1", "quantity": 2, "unit_price": unit}}
	o["amounts"] = map[string]any{"goods": paid, "shipping": "0.00", "discount": "0.00", "paid": paid}
	r := h.postOrders(h.rotateToken("TM01"), o).Results[0]
	if r.OrderID == 0 {
		h.t.Fatalf("order not stored: %+v", r)
	}
	h.settle()
	return "TM01/" + r.PlatformOrderID
}

// asOpenCase opens the case modal as user and submits values over sensible defaults.
func (h *harness) asOpenCase(user, ref string, values map[string]string) *slackemu.Reply {
	h.t.Helper()
	before := len(h.emu.OpenViews(user))
	h.cmd(user, "aftersale new "+ref)
	h.waitFor("case modal", func() bool { return len(h.emu.OpenViews(user)) > before })
	v, _ := h.emu.TopView(user)
	all := map[string]string{aftersale.FieldType: "return", aftersale.FieldItems: "MUG-1×2", aftersale.FieldAmount: "800.00",
		aftersale.FieldReason: "Both mugs arrived broken", aftersale.FieldDemand: "Full refund",
		aftersale.FieldEvidence: "https://img.example.com/broken.jpg"}
	for k, val := range values {
		all[k] = val
	}
	r, err := h.ws.Submit(h.ctx, user, v.ID, all)
	if err != nil {
		h.t.Fatalf("submit case: %v", err)
	}
	return r
}

func (h *harness) asCase(id int64) aftersale.Case {
	h.t.Helper()
	c, err := h.app.aftersale.Find(h.ctx, id)
	if err != nil {
		h.t.Fatal(err)
	}
	return c
}

// asLastCase is the newest case.
func (h *harness) asLastCase() aftersale.Case {
	h.t.Helper()
	cs, err := h.app.aftersale.List(h.ctx, domain.Actor{UserID: erin}, aftersale.ListOpen, 1)
	if err != nil || len(cs) == 0 {
		h.t.Fatalf("no open case: %v", err)
	}
	return cs[0]
}

// message finds the newest message in channel whose text contains s.
func (h *harness) asMessage(channel, s string) slackemu.Message {
	h.t.Helper()
	var found slackemu.Message
	h.waitFor("a message with "+s+" in "+channel, func() bool {
		ms := h.emu.Messages(channel)
		for i := len(ms) - 1; i >= 0; i-- {
			if strings.Contains(messageText(ms[i]), s) {
				found = ms[i]
				return true
			}
		}
		return false
	})
	return found
}

// dms are the DMs user got whose text contains s.
func (h *harness) asDMs(user, s string) int {
	n := 0
	for _, m := range h.emu.Messages(h.emu.DMChannel(user)) {
		if strings.Contains(messageText(m), s) {
			n++
		}
	}
	return n
}

func (h *harness) asAuditRows(action string, id int64) []map[string]any {
	h.t.Helper()
	var rows []struct{ Actor, BeforeJSON, AfterJSON string }
	if err := h.db.Table("audit_entries").Select("actor, before_json, after_json").Where("action = ? AND subject = ?", action, "aftersale:"+asID(id)).Order("id").Find(&rows).Error; err != nil {
		h.t.Fatal(err)
	}
	out := []map[string]any{}
	for _, r := range rows {
		m := map[string]any{"actor": r.Actor}
		var b, a map[string]any
		_ = json.Unmarshal([]byte(r.BeforeJSON), &b)
		_ = json.Unmarshal([]byte(r.AfterJSON), &a)
		m["before"], m["after"] = b["status"], a["status"]
		out = append(out, m)
	}
	return out
}

func TestAftersaleRefundAboveThresholdApprovedThroughToClosed(t *testing.T) {
	h := newHarness(t)
	ref := h.aftersaleStore(1, "450.00", "900.00")
	if r := h.asOpenCase(alice, ref, nil); len(r.Errors) > 0 {
		t.Fatalf("refused: %v", r.Errors)
	}
	c := h.asLastCase()
	if c.Status != aftersale.StatusRequested || c.ApprovalID == 0 || c.Owner != alice || c.Amount != 80000 {
		t.Fatalf("after opening: %+v", c)
	}
	card := h.card(1)
	if text := messageText(card); !strings.Contains(text, "800.00") || !strings.Contains(text, ref) {
		t.Errorf("approval card should show the order and amount: %s", text)
	}
	teamCard := h.asMessage(team, "After-sales #")
	if len(teamCard.Buttons()) != 0 {
		t.Errorf("a case waiting for approval offers moves: %s", teamCard.Blocks)
	}

	h.click(bob, card, "approval.approve")
	h.waitFor("case approved", func() bool { return h.asCase(c.ID).Status == aftersale.StatusApproved })
	h.settle()
	if h.asDMs(alice, "moved by <@"+bob+">") != 1 {
		t.Errorf("alice should be told bob moved her case: %v", h.emu.Messages(h.emu.DMChannel(alice)))
	}
	teamCard, _ = h.emu.Message(team, teamCard.TS)
	if len(teamCard.Buttons()) != 2 {
		t.Fatalf("an approved return offers awaiting return and rejected: %s", teamCard.Blocks)
	}

	if got := h.say(alice, "aftersale move "+asID(c.ID)+" refunded"); !strings.Contains(got, "is approved and cannot go to refunded") ||
		!strings.Contains(got, "awaiting return (`awaiting_return`), `rejected`") {
		t.Errorf("an illegal move: %s", got)
	}
	if got := h.say(alice, "aftersale move "+asID(c.ID)+" awaiting_return"); !strings.Contains(got, "awaiting return") {
		t.Fatalf("move: %s", got)
	}
	h.settle()
	wh := h.asMessage(asWarehouse, "#"+asID(c.ID))
	h.click(carol, wh, view.ActionAftersaleReceived)
	h.waitFor("received", func() bool { return h.asCase(c.ID).Status == aftersale.StatusReceived })
	if got := h.asCase(c.ID); got.ReceivedBy != carol {
		t.Errorf("received by %q", got.ReceivedBy)
	}
	before := len(h.emu.Ephemerals(bob))
	h.ws.Click(h.ctx, bob, wh.Target(), view.ActionAftersaleReceived, asID(c.ID))
	h.waitFor("second click answered", func() bool { return len(h.emu.Ephemerals(bob)) > before })
	if msg := messageText(h.emu.Ephemerals(bob)[before]); !strings.Contains(msg, "already confirmed received by <@"+carol+">") {
		t.Errorf("second click: %s", msg)
	}

	h.settle()
	teamCard, _ = h.emu.Message(team, teamCard.TS)
	h.click(alice, teamCard, view.AftersaleMoveAction(aftersale.StatusInspected))
	h.waitFor("inspected", func() bool { return h.asCase(c.ID).Status == aftersale.StatusInspected })
	h.say(bob, "aftersale move #"+asID(c.ID)+" refunded")
	if got := h.say(alice, "aftersale move "+asID(c.ID)+" closed"); !strings.Contains(got, "what the customer was told") {
		t.Errorf("closing without the text: %s", got)
	}
	h.settle()
	teamCard, _ = h.emu.Message(team, teamCard.TS)
	h.click(alice, teamCard, view.AftersaleMoveAction(aftersale.StatusClosed))
	h.waitFor("close modal", func() bool { _, ok := h.emu.TopView(alice); return ok })
	v, _ := h.emu.TopView(alice)
	if r, err := h.ws.Submit(h.ctx, alice, v.ID, map[string]string{aftersale.FieldCustomerText: "Refunded 800.00 to your Alipay"}); err != nil || len(r.Errors) > 0 {
		t.Fatalf("close: %v %v", err, r.Errors)
	}
	got := h.asCase(c.ID)
	if got.Status != aftersale.StatusClosed || got.CustomerText != "Refunded 800.00 to your Alipay" {
		t.Fatalf("after closing: %+v", got)
	}
	h.settle()
	teamCard, _ = h.emu.Message(team, teamCard.TS)
	if len(teamCard.Buttons()) != 0 || !strings.Contains(messageText(teamCard), "Refunded 800.00 to your Alipay") {
		t.Errorf("closed card: %s", messageText(teamCard))
	}
	if n := h.asDMs(alice, "moved by <@"); n != 3 {
		t.Errorf("alice got %d move DMs (approval, received, refunded)", n)
	}
	if pending, _ := h.app.timers.Pending(h.ctx, got.Subject()); len(pending) != 0 {
		t.Errorf("a closed case keeps timers: %+v", pending)
	}
	for _, tc := range []struct {
		action string
		want   []map[string]any
	}{
		{"aftersale.open", []map[string]any{{"actor": alice, "before": nil, "after": "requested"}}},
		{"aftersale.approve", []map[string]any{{"actor": bob, "before": "requested", "after": "approved"}}},
		{"aftersale.receive", []map[string]any{{"actor": carol, "before": "awaiting_return", "after": "received"}}},
		{"aftersale.move", []map[string]any{
			{"actor": alice, "before": "approved", "after": "awaiting_return"},
			{"actor": alice, "before": "received", "after": "inspected"},
			{"actor": bob, "before": "inspected", "after": "refunded"},
			{"actor": alice, "before": "refunded", "after": "closed"}}},
	} {
		rows := h.asAuditRows(tc.action, c.ID)
		if len(rows) != len(tc.want) {
			t.Errorf("%s: %d rows %v, want %v", tc.action, len(rows), rows, tc.want)
			continue
		}
		for i := range rows {
			for k, w := range tc.want[i] {
				if rows[i][k] != w {
					t.Errorf("%s row %d: %s = %v, want %v", tc.action, i, k, rows[i][k], w)
				}
			}
		}
	}
	if show := h.say(bob, "aftersale show "+asID(c.ID)); !strings.Contains(show, "Refunded 800.00 to your Alipay") {
		t.Errorf("show: %s", show)
	}
}

func TestAftersaleUnderThresholdProceeds(t *testing.T) {
	h := newHarness(t)
	ref := h.aftersaleStore(2, "64.95", "129.90")
	if r := h.asOpenCase(alice, ref, map[string]string{aftersale.FieldType: "refund_only", aftersale.FieldItems: "", aftersale.FieldAmount: "50"}); len(r.Errors) > 0 {
		t.Fatalf("refused: %v", r.Errors)
	}
	c := h.asLastCase()
	if c.Status != aftersale.StatusApproved || !c.AutoApproved || c.ApprovalID != 0 {
		t.Fatalf("under the threshold: %+v", c)
	}
	h.settle()
	if n := len(h.cards()); n != 0 {
		t.Errorf("%d approval cards for a case under the threshold", n)
	}
	if rows := h.asAuditRows("aftersale.auto_approve", c.ID); len(rows) != 1 || rows[0]["after"] != "approved" {
		t.Errorf("auto-approve audit: %v", rows)
	}
	card := h.asMessage(team, "within the store's threshold of 500.00")
	if len(card.Buttons()) != 2 {
		t.Errorf("an approved refund-only case offers refunded and rejected: %s", card.Blocks)
	}
	// The threshold is the store's: lowered, the same amount needs approval.
	if got := h.say(bob, "store refund-threshold TM01 20"); !strings.Contains(got, "above 20.00") {
		t.Fatalf("threshold: %s", got)
	}
	if got := h.say(alice, "store refund-threshold TM01 20"); !strings.Contains(got, "role") {
		t.Errorf("an assistant setting the threshold: %s", got)
	}
	if r := h.asOpenCase(alice, ref, map[string]string{aftersale.FieldType: "refund_only", aftersale.FieldItems: "", aftersale.FieldAmount: "30"}); len(r.Errors) > 0 {
		t.Fatalf("refused: %v", r.Errors)
	}
	if c2 := h.asLastCase(); c2.Status != aftersale.StatusRequested || c2.ApprovalID == 0 {
		t.Errorf("above the lowered threshold: %+v", c2)
	}
}

func TestAftersaleRefundCapAndRights(t *testing.T) {
	h := newHarness(t)
	ref := h.aftersaleStore(3, "64.95", "129.90")
	r := h.asOpenCase(alice, ref, map[string]string{aftersale.FieldAmount: "130.00"})
	if msg := r.Errors[aftersale.FieldAmount]; !strings.Contains(msg, "at most 129.90") {
		t.Fatalf("above what was paid: %v", r.Errors)
	}
	h.ws.Close(h.ctx, alice, r.View.ID)
	if r := h.asOpenCase(alice, ref, map[string]string{aftersale.FieldAmount: "100.00"}); len(r.Errors) > 0 {
		t.Fatalf("refused: %v", r.Errors)
	}
	r = h.asOpenCase(alice, ref, map[string]string{aftersale.FieldAmount: "50.00"})
	if msg := r.Errors[aftersale.FieldAmount]; !strings.Contains(msg, "at most 29.90") {
		t.Fatalf("two cases above what was paid: %v", r.Errors)
	}
	h.ws.Close(h.ctx, alice, r.View.ID)
	r = h.asOpenCase(alice, ref, map[string]string{aftersale.FieldItems: "MUG-1×3, CUP-1", aftersale.FieldAmount: "1.2.3", aftersale.FieldEvidence: "ftp://img"})
	for _, f := range []string{aftersale.FieldItems, aftersale.FieldAmount, aftersale.FieldEvidence} {
		if r.Errors[f] == "" {
			t.Errorf("no inline error on %s: %v", f, r.Errors)
		}
	}
	h.ws.Close(h.ctx, alice, r.View.ID)

	h.emu.AddUser(slackemu.User{ID: "U0NOBODY", Name: "nobody", Locale: "en-US"})
	if got := h.say("U0NOBODY", "aftersale new "+ref); !strings.Contains(got, "role") {
		t.Errorf("a user without a role: %s", got)
	}
	if got := h.say("U0NOBODY", "aftersale move 1 closed done"); !strings.Contains(got, "role") {
		t.Errorf("a user without a role moving: %s", got)
	}
	if got := h.say(alice, "aftersale new TM01/P-9999"); !strings.Contains(got, "no order") {
		t.Errorf("an unknown order: %s", got)
	}
	if n := h.count("aftersale_cases", ""); n != 1 {
		t.Errorf("%d cases stored", n)
	}
}

func TestAftersaleRemindersAndEscalation(t *testing.T) {
	h := newHarness(t)
	ref := h.aftersaleStore(4, "64.95", "129.90")
	if r := h.asOpenCase(alice, ref, map[string]string{aftersale.FieldType: "refund_only", aftersale.FieldItems: "", aftersale.FieldAmount: "20"}); len(r.Errors) > 0 {
		t.Fatalf("refused: %v", r.Errors)
	}
	c := h.asLastCase()
	stale, escalated := "has not moved for 24 h", "has not moved for 72 h"

	h.clock.Advance(23 * time.Hour)
	h.run("timers")
	if n := h.asDMs(alice, stale); n != 0 {
		t.Fatalf("reminded before 24 h")
	}
	h.clock.Advance(time.Hour + time.Minute)
	h.run("timers")
	h.run("timers") // a restart: the same job again
	if n := h.asDMs(alice, stale); n != 1 {
		t.Fatalf("owner reminded %d times at 24 h", n)
	}
	if got := h.say(alice, "aftersale list stale"); !strings.Contains(got, "#"+asID(c.ID)) {
		t.Errorf("stale list: %s", got)
	}
	h.clock.Advance(48 * time.Hour)
	h.run("timers")
	h.run("timers")
	for _, u := range []string{bob, carol, frank} {
		if n := h.asDMs(u, escalated); n != 1 {
			t.Errorf("supervisor %s told %d times at 72 h", u, n)
		}
	}
	if n := h.asDMs(alice, stale); n != 1 {
		t.Errorf("owner reminded again: %d", n)
	}
	notes := 0
	for _, m := range h.emu.Messages(team) {
		if strings.Contains(messageText(m), escalated) {
			notes++
		}
	}
	if notes != 1 {
		t.Errorf("%d escalation notes in the team channel", notes)
	}

	// A move re-arms both from now.
	h.say(bob, "aftersale move "+asID(c.ID)+" refunded")
	h.clock.Advance(23 * time.Hour)
	h.run("timers")
	if n := h.asDMs(alice, stale); n != 1 {
		t.Fatalf("reminded before 24 h after the move")
	}
	h.clock.Advance(2 * time.Hour)
	h.run("timers")
	if n := h.asDMs(alice, stale); n != 2 {
		t.Errorf("reminded %d times after the move", n)
	}
	h.say(alice, "aftersale move "+asID(c.ID)+" closed Refunded 20.00")
	h.clock.Advance(72 * time.Hour)
	h.run("timers")
	if n := h.asDMs(bob, escalated); n != 1 {
		t.Errorf("a closed case escalated: %d", n)
	}
}
