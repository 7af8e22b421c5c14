package main

import (
	"strings"
	"testing"

	"storeops/bot/i18n"
	"storeops/bot/slackemu"
	"storeops/bot/view"
	"storeops/domain"
	"storeops/domain/order"
)

// heldOrder posts an order without a phone for TM01, whose team channel is #team, and
// returns its card.
func (h *harness) heldOrder() (apiResult, slackemu.Message) {
	h.t.Helper()
	if got := h.say(erin, "store channel TM01 <#"+team+"|team>"); !strings.Contains(got, "TM01") {
		h.t.Fatalf("store channel: %s", got)
	}
	token := h.rotateToken("TM01")
	o := cleanOrder(7)
	o["buyer"].(map[string]any)["phone"] = ""
	r := h.postOrders(token, o).Results[0]
	if r.Status != string(order.StatusHeld) {
		h.t.Fatalf("order should be held: %+v", r)
	}
	h.settle()
	for _, m := range h.emu.Messages(team) {
		if strings.Contains(messageText(m), "TM01/P-0007") {
			return r, m
		}
	}
	h.t.Fatalf("no card for the held order in #team: %v", h.emu.Messages(team))
	return r, slackemu.Message{}
}

func TestHeldOrderIsReleasedFromItsCard(t *testing.T) {
	h := newHarness(t)
	r, card := h.heldOrder()
	if len(card.Buttons()) != 4 {
		t.Fatalf("a held card has Release, Cancel, Blacklist and Note: %s", card.Blocks)
	}
	if strings.Contains(messageText(card), "13800130007") {
		t.Errorf("the card shows a whole phone number")
	}

	// An assistant may add a note but not release.
	before := len(h.emu.Ephemerals(alice))
	h.click(alice, card, view.ActionOrderRelease)
	h.waitFor("refusal", func() bool { return len(h.emu.Ephemerals(alice)) > before })
	if msg := messageText(h.emu.Ephemerals(alice)[before]); !strings.Contains(msg, "supervisor") {
		t.Errorf("assistant's refusal should name the role: %s", msg)
	}
	h.click(alice, card, "order.note")
	h.waitFor("note modal", func() bool { _, ok := h.emu.TopView(alice); return ok })
	v, _ := h.emu.TopView(alice)
	if rep, err := h.ws.Submit(h.ctx, alice, v.ID, map[string]string{"note": "Called the buyer: phone is 13800130007"}); err != nil || len(rep.Errors) > 0 {
		t.Fatalf("note: %v %v", err, rep.Errors)
	}
	h.waitFor("note on the card", func() bool {
		m, _ := h.emu.Message(team, card.TS)
		return strings.Contains(messageText(m), "Called the buyer")
	})

	h.click(bob, card, view.ActionOrderRelease)
	h.waitFor("card decided", func() bool {
		m, _ := h.emu.Message(team, card.TS)
		return len(m.Buttons()) == 0
	})
	m, _ := h.emu.Message(team, card.TS)
	if !strings.Contains(messageText(m), "<@"+bob+">") {
		t.Errorf("the decided card should name the decider: %s", messageText(m))
	}
	o, err := h.app.orders.Find(h.ctx, r.OrderID)
	if err != nil || o.Status != order.StatusReleased || o.DecidedBy != bob || len(o.Notes) != 1 {
		t.Fatalf("after release: %+v %v", o, err)
	}
	if n := h.count("audit_entries", "action = ?", "order.release"); n != 1 {
		t.Errorf("release audit rows = %d", n)
	}
	// Releasing again is refused and says what happened.
	carolActor := domain.Actor{UserID: carol, Roles: []domain.Role{domain.RoleSupervisor}}
	if _, err := h.app.orders.Release(h.ctx, carolActor, r.OrderID); err == nil || !strings.Contains(i18n.New().For("en").Error(err), "already released (decided by <@"+bob+">)") {
		t.Errorf("a second release: %v", err)
	}
	if n := h.count("audit_entries", "action = ?", "order.release"); n != 1 {
		t.Errorf("a late release released again: %d rows", n)
	}
}

func TestHeldOrderCancelNeedsAReasonAndBlacklistHoldsTheNext(t *testing.T) {
	h := newHarness(t)
	r, card := h.heldOrder()
	h.click(bob, card, "order.blacklist")
	h.waitFor("blacklisted", func() bool { return h.count("order_blacklist", "") > 0 })
	h.click(bob, card, "order.cancel")
	h.waitFor("cancel modal", func() bool { _, ok := h.emu.TopView(bob); return ok })
	v, _ := h.emu.TopView(bob)
	if rep, err := h.ws.Submit(h.ctx, bob, v.ID, map[string]string{"reason": "Fake address, buyer unreachable"}); err != nil || len(rep.Errors) > 0 {
		t.Fatalf("cancel: %v %v", err, rep.Errors)
	}
	h.settle()
	if o, _ := h.app.orders.Find(h.ctx, r.OrderID); o.Status != order.StatusCancelled || o.CancelReason == "" {
		t.Fatalf("after cancel: %s %q", o.Status, o.CancelReason)
	}
	// The same buyer's next order is held as blacklisted.
	next := cleanOrder(8)
	next["buyer"].(map[string]any)["platform_id"] = "buyer-7"
	a := h.postOrders(h.rotateToken("TM01"), next)
	held := false
	for _, f := range a.Results[0].Flags {
		held = held || f.Check == order.CheckBlacklisted
	}
	if !held || a.Results[0].Status != string(order.StatusHeld) {
		t.Errorf("the blacklisted buyer's next order: %s", a.raw)
	}
}

func TestAlertOrdersAreListedInTheDaysThread(t *testing.T) {
	h := newHarness(t)
	if got := h.say(erin, "store channel TM01 <#"+team+"|team>"); !strings.Contains(got, "TM01") {
		t.Fatalf("store channel: %s", got)
	}
	token := h.rotateToken("TM01")
	alerting := func(n int) map[string]any {
		o := cleanOrder(n)
		o["buyer_remark"] = "不满意就退款"
		return o
	}
	first := h.postOrders(token, alerting(1), cleanOrder(2)).Results
	h.postOrders(token, alerting(3))
	h.settle()
	if first[0].Status != string(order.StatusReleased) || len(first[0].Flags) == 0 || first[0].Flags[0].Severity != string(order.SeverityAlert) {
		t.Fatalf("an order with a watched remark is released with an alert: %+v", first[0])
	}
	var lists, replies []slackemu.Message
	for _, m := range h.emu.Messages(team) {
		switch {
		case m.ThreadTS == "" && strings.Contains(m.Text, "released with alerts"):
			lists = append(lists, m)
		case m.ThreadTS != "":
			replies = append(replies, m)
		}
	}
	if len(lists) != 1 {
		t.Fatalf("one list of flagged orders a day, got %d: %v", len(lists), h.emu.Messages(team))
	}
	if len(replies) != 2 {
		t.Fatalf("the two flagged orders (not the clean one) should be replies, got %d", len(replies))
	}
	for _, r := range replies {
		if r.ThreadTS != lists[0].TS || !strings.Contains(messageText(r), "退款") {
			t.Errorf("reply not in the list's thread or without its reason: %+v", r)
		}
	}
	if strings.Contains(messageText(replies[0])+messageText(replies[1]), "P-0002") {
		t.Error("the clean order was listed as flagged")
	}
}
