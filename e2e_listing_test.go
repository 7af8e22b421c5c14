package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"storeops/bot/slackemu"
	"storeops/domain/listing"
)

func (h *harness) listing(ref string) listing.Listing {
	h.t.Helper()
	l, err := h.app.listings.Find(h.ctx, ref)
	if err != nil {
		h.t.Fatalf("find %s: %v", ref, err)
	}
	return l
}

func (h *harness) click(user string, m slackemu.Message, key string) {
	h.t.Helper()
	if _, err := h.ws.ClickButton(h.ctx, user, m.Target(), key); err != nil {
		h.t.Fatalf("%s clicks %s: %v", user, key, err)
	}
}

// publish takes a listing through submission and approval.
func (h *harness) publish(values map[string]string) listing.Listing {
	h.t.Helper()
	n := len(h.cards())
	if r := h.submitNewListing(alice, values); len(r.Errors) > 0 {
		h.t.Fatalf("submission refused: %v", r.Errors)
	}
	card := h.card(n + 1)
	h.click(bob, card, "approval.approve")
	sku := values["sku"]
	if sku == "" {
		sku = "MUG-1"
	}
	h.waitFor("listing live", func() bool {
		l, err := h.app.listings.Find(h.ctx, sku)
		return err == nil && l.Status == listing.StatusLive
	})
	h.settle()
	return h.listing(sku)
}

func TestListingApprovedGoesLive(t *testing.T) {
	h := newHarness(t)
	r := h.submitNewListing(alice, nil)
	if len(r.Errors) > 0 || r.View != nil {
		t.Fatalf("valid submission: errors %v, view still open %v", r.Errors, r.View != nil)
	}
	if l := h.listing("MUG-1"); l.Status != listing.StatusPendingReview || l.Owner != alice {
		t.Fatalf("after submit: %s owned by %s", l.Status, l.Owner)
	}
	card := h.card(1)
	if len(card.Buttons()) != 2 || !strings.Contains(messageText(card), "Red ceramic mug") {
		t.Fatalf("card should show the listing with Approve and Reject: %s", messageText(card))
	}
	h.waitFor("alice told of the submission", func() bool { return len(h.emu.Ephemerals(alice)) > 0 })

	h.click(bob, card, "approval.approve")
	h.waitFor("card updated", func() bool { c, _ := h.emu.Message(appr, card.TS); return c.Updates == 1 })
	updated, _ := h.emu.Message(appr, card.TS)
	if len(updated.Buttons()) != 0 {
		t.Errorf("decided card still has buttons: %s", updated.Blocks)
	}
	if !strings.Contains(messageText(updated), "<@"+bob+">") {
		t.Errorf("decided card should name the decider: %s", messageText(updated))
	}
	h.waitFor("alice's DM", func() bool { return len(h.emu.Messages(h.emu.DMChannel(alice))) == 1 })
	if dm := messageText(h.emu.Messages(h.emu.DMChannel(alice))[0]); !strings.Contains(strings.ToLower(dm), "approved") {
		t.Errorf("requester DM: %s", dm)
	}
	l := h.listing("TM01/MUG-1")
	if l.Status != listing.StatusLive || l.LiveSince.IsZero() {
		t.Errorf("after approval: %+v", l)
	}
	if n := h.count("audit_entries", "action = ?", "listing.publish"); n != 1 {
		t.Errorf("publish audit rows = %d", n)
	}
	history := h.say(alice, "audit MUG-1")
	for _, want := range []string{"<@" + alice + ">", "<@" + bob + ">"} {
		if !strings.Contains(history, want) {
			t.Errorf("/ops audit lacks %s: %s", want, history)
		}
	}
}

func TestListingRejectedThenResubmitted(t *testing.T) {
	h := newHarness(t)
	h.submitNewListing(alice, nil)
	card := h.card(1)
	h.click(carol, card, "approval.reject")
	h.waitFor("reason modal", func() bool { _, ok := h.emu.TopView(carol); return ok })
	v, _ := h.emu.TopView(carol)
	r, err := h.ws.Submit(h.ctx, carol, v.ID, map[string]string{"reason": "Photos are blurry"})
	if err != nil || len(r.Errors) > 0 {
		t.Fatalf("reject: %v %v", err, r.Errors)
	}
	h.waitFor("card updated", func() bool { c, _ := h.emu.Message(appr, card.TS); return c.Updates == 1 })
	updated, _ := h.emu.Message(appr, card.TS)
	if !strings.Contains(messageText(updated), "Photos are blurry") || len(updated.Buttons()) != 0 {
		t.Errorf("rejected card: %s", messageText(updated))
	}
	l := h.listing("MUG-1")
	if l.Status != listing.StatusDraft || l.RejectReason != "Photos are blurry" {
		t.Fatalf("after reject: %s %q", l.Status, l.RejectReason)
	}
	if show := h.say(alice, "listing show MUG-1"); !strings.Contains(show, "Photos are blurry") || !strings.Contains(show, "draft") {
		t.Errorf("show of a rejected draft: %s", show)
	}

	h.cmd(alice, "listing edit MUG-1")
	h.waitFor("edit modal", func() bool { _, ok := h.emu.TopView(alice); return ok })
	ev, _ := h.emu.TopView(alice)
	if !strings.Contains(string(ev.Blocks), "Red ceramic mug") {
		t.Fatalf("edit modal is not filled in: %s", ev.Blocks)
	}
	r, err = h.ws.Submit(h.ctx, alice, ev.ID, map[string]string{"images": "https://img.example.com/sharp.jpg"})
	if err != nil || len(r.Errors) > 0 {
		t.Fatalf("resubmit: %v %v", err, r.Errors)
	}
	second := h.card(2)
	if !strings.Contains(messageText(second), "sharp.jpg") {
		t.Errorf("second card should show the new image: %s", messageText(second))
	}
	if l := h.listing("MUG-1"); l.Status != listing.StatusPendingReview || l.Images[0] != "https://img.example.com/sharp.jpg" {
		t.Errorf("after resubmit: %+v", l)
	}
}

func TestInvalidListingShowsInlineErrors(t *testing.T) {
	h := newHarness(t)
	r := h.submitNewListing(alice, map[string]string{"price": "12.345", "images": "not-a-url", "sku": "bad sku"})
	for _, field := range []string{"price", "images", "sku"} {
		if r.Errors[field] == "" {
			t.Errorf("no inline error on %s: %v", field, r.Errors)
		}
	}
	if r.View == nil {
		t.Error("the modal should stay open")
	}
	if n := h.count("listings", ""); n != 0 {
		t.Errorf("an invalid submission stored %d listings", n)
	}
	if n := h.count("approval_requests", ""); n != 0 {
		t.Errorf("an invalid submission filed %d approvals", n)
	}
}

func TestUnsignedRequestsChangeNothing(t *testing.T) {
	h := newHarness(t)
	form := url.Values{"command": {"/ops"}, "text": {"store add JD01 jd Evil"}, "user_id": {erin}, "channel_id": {team},
		"team_id": {"T0"}, "response_url": {h.url + "/nowhere"}, "trigger_id": {"1.2.3"}}
	body := []byte(form.Encode())
	now := time.Now()
	send := func(name string, body []byte, ts time.Time, sign []byte) {
		req, _ := http.NewRequest(http.MethodPost, h.url+"/slack/commands", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Slack-Request-Timestamp", strconv.FormatInt(ts.Unix(), 10))
		req.Header.Set("X-Slack-Signature", slackemu.Sign(testSecret, ts.Unix(), sign))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s: status %d, want 401", name, resp.StatusCode)
		}
	}
	send("stale timestamp", body, now.Add(-6*time.Minute), body)
	send("future timestamp", body, now.Add(6*time.Minute), body)
	send("tampered body", append(append([]byte{}, body...), []byte("&text=role+U0X+admin")...), now, body)
	wrong := slackemu.Sign("another-secret", now.Unix(), body)
	req, _ := http.NewRequest(http.MethodPost, h.url+"/slack/commands", bytes.NewReader(body))
	req.Header.Set("X-Slack-Request-Timestamp", strconv.FormatInt(now.Unix(), 10))
	req.Header.Set("X-Slack-Signature", wrong)
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("wrong secret: %v %v", resp.StatusCode, err)
	}
	req, _ = http.NewRequest(http.MethodPost, h.url+"/slack/interactions", strings.NewReader("payload={}"))
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("no signature on interactions: %v %v", resp.StatusCode, err)
	}
	big := bytes.Repeat([]byte("a"), 2<<20)
	req, _ = http.NewRequest(http.MethodPost, h.url+"/slack/events", bytes.NewReader(big))
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("2 MiB body: %v %v", resp.StatusCode, err)
	}
	h.settle()
	if n := h.count("stores", "code = ?", "JD01"); n != 0 {
		t.Error("an unsigned command created a store")
	}
	if calls := h.emu.Calls(""); len(calls) != 0 {
		t.Errorf("unsigned requests made %d Web API calls", len(calls))
	}
}

func TestOnlyOtherSupervisorsDecide(t *testing.T) {
	h := newHarness(t)
	h.submitNewListing(alice, nil)
	card := h.card(1)
	before := len(h.emu.Ephemerals(alice))
	h.click(alice, card, "approval.approve")
	h.waitFor("refusal", func() bool { return len(h.emu.Ephemerals(alice)) > before })
	if msg := messageText(h.emu.Ephemerals(alice)[before]); !strings.Contains(msg, "supervisor") {
		t.Errorf("assistant's refusal should name the role: %s", msg)
	}

	// frank is assistant and supervisor: he may file and decide, but not his own request.
	h.cmd(frank, "listing new")
	h.waitFor("frank's modal", func() bool { _, ok := h.emu.TopView(frank); return ok })
	v, _ := h.emu.TopView(frank)
	if _, err := h.ws.Submit(h.ctx, frank, v.ID, map[string]string{"store": "TM01", "sku": "CUP-9", "title": "Cup", "category": "Kitchen",
		"keywords": "cup", "price": "9.90", "stock": "3", "images": "https://img.example.com/c.jpg", "description": "A small espresso cup."}); err != nil {
		t.Fatal(err)
	}
	own := h.card(2)
	before = len(h.emu.Ephemerals(frank))
	h.click(frank, own, "approval.approve")
	h.waitFor("self-approval refusal", func() bool { return len(h.emu.Ephemerals(frank)) > before })
	if msg := messageText(h.emu.Ephemerals(frank)[before]); !strings.Contains(strings.ToLower(msg), "own") {
		t.Errorf("self-approval refusal: %s", msg)
	}
	h.settle()
	if l := h.listing("MUG-1"); l.Status != listing.StatusPendingReview {
		t.Errorf("assistant's click changed the listing to %s", l.Status)
	}
	if l := h.listing("CUP-9"); l.Status != listing.StatusPendingReview {
		t.Errorf("self-approval changed the listing to %s", l.Status)
	}
	if n := h.count("audit_entries", "action like ?", "approval.approve"); n != 0 {
		t.Errorf("refused clicks wrote %d decisions", n)
	}
}

func TestConcurrentApprovalsDecideOnce(t *testing.T) {
	h := newHarness(t)
	h.submitNewListing(alice, nil)
	card := h.card(1)
	h.settle()
	updatesBefore := len(h.emu.Calls("chat.update"))
	// Every approver's client shows the card as first posted, so each click carries its
	// button even after the first decision has replaced the card's buttons.
	var approve slackemu.Button
	for _, b := range card.Buttons() {
		if b.ActionID == "approval.approve" {
			approve = b
		}
	}
	if approve.ActionID == "" {
		t.Fatalf("no Approve button on the card: %s", messageText(card))
	}
	var wg sync.WaitGroup
	for i := range 20 {
		who := bob
		if i%2 == 1 {
			who = carol
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := h.ws.Click(context.Background(), who, card.Target(), approve.ActionID, approve.Value); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	h.waitFor("listing live", func() bool { return h.listing("MUG-1").Status == listing.StatusLive })
	h.waitFor("late clickers told", func() bool {
		return len(h.emu.Ephemerals(bob))+len(h.emu.Ephemerals(carol)) >= 19
	})
	h.settle()
	if n := h.count("audit_entries", "action = ?", "approval.approve"); n != 1 {
		t.Errorf("decisions recorded = %d, want 1", n)
	}
	if n := len(h.emu.Calls("chat.update")) - updatesBefore; n != 1 {
		t.Errorf("card updates = %d, want 1", n)
	}
	told := 0
	for _, m := range append(h.emu.Ephemerals(bob), h.emu.Ephemerals(carol)...) {
		if strings.Contains(messageText(m), "Already approved by") {
			told++
		}
	}
	if told != 19 {
		t.Errorf("%d of 19 late clickers were told it was already approved", told)
	}
}

func TestNotificationSurvivesSlackErrors(t *testing.T) {
	h := newHarness(t)
	// Two 500s and a 429 are absorbed by the client's retries; the next six 503s outlast them
	// and the outbox retries on its own schedule.
	h.emu.FailNext("chat.postMessage", 2, http.StatusInternalServerError, 0)
	h.submitNewListing(alice, nil)
	h.card(1)
	h.emu.FailNext("chat.postMessage", 1, http.StatusTooManyRequests, time.Second)
	h.emu.FailNext("chat.postMessage", 6, http.StatusServiceUnavailable, 0)
	h.submitNewListing(alice, map[string]string{"sku": "MUG-2"})
	// The outbox waits on the store's clock between attempts: move it on until the outage ends.
	for i := 0; len(h.cards()) < 2; i++ {
		if i == 200 {
			t.Fatalf("the second card never came; outbox: %d pending", h.count("outbox_messages", "status = ?", "pending"))
		}
		h.clock.Advance(time.Minute)
		h.app.dispatcher.Nudge()
		time.Sleep(20 * time.Millisecond)
	}
	h.settle()
	if n := len(h.cards()); n != 2 {
		t.Fatalf("cards in channel = %d, want 2 (each delivered once)", n)
	}
	ok := 0
	for _, c := range h.emu.Calls("chat.postMessage") {
		if c.OK() {
			ok++
		}
	}
	if ok != 2 {
		t.Errorf("successful posts = %d, want 2", ok)
	}
	if n := h.count("outbox_messages", "status <> ?", "sent"); n != 0 {
		t.Errorf("%d outbox messages not delivered", n)
	}
}

func TestMajorUpdateWaitsForApproval(t *testing.T) {
	h := newHarness(t)
	h.publish(nil)
	reply := strings.ToLower(h.say(alice, "listing update MUG-1 price=150 stock=80"))
	if !strings.Contains(reply, "stock") || !strings.Contains(reply, "price") {
		t.Errorf("update answer should say what applied and what waits: %s", reply)
	}
	l := h.listing("MUG-1")
	if l.Stock != 80 || l.Price.String() != "100.00" || l.Pending == nil {
		t.Fatalf("stock should apply and price wait: stock %d price %s pending %v", l.Stock, l.Price, l.Pending)
	}
	if show := h.say(alice, "listing show MUG-1"); !strings.Contains(show, "150.00") || !strings.Contains(strings.ToLower(show), "pending change") {
		t.Errorf("show should put the pending change beside the current price: %s", show)
	}
	if again := h.say(alice, "listing update MUG-1 title=Other"); !strings.Contains(strings.ToLower(again), "waiting") {
		t.Errorf("a second major change while one waits should be refused: %s", again)
	}
	card := h.card(2)
	if !strings.Contains(messageText(card), "100.00 → 150.00") {
		t.Errorf("change card should show before → after: %s", messageText(card))
	}
	h.click(bob, card, "approval.approve")
	h.waitFor("price applied", func() bool { return h.listing("MUG-1").Price.String() == "150.00" })
	if l := h.listing("MUG-1"); l.Pending != nil || l.Status != listing.StatusLive {
		t.Errorf("after approval: pending %v status %s", l.Pending, l.Status)
	}
	// A small price move applies at once.
	h.say(alice, "listing update MUG-1 price=160")
	if p := h.listing("MUG-1").Price.String(); p != "160.00" {
		t.Errorf("a 6.7%% price change should apply at once, price is %s", p)
	}
}

func TestDelistingFromTheWeeklyScan(t *testing.T) {
	h := newHarness(t)
	h.publish(nil)
	h.publish(map[string]string{"sku": "SOLD-1", "title": "Sold out teapot", "stock": "0"})
	h.clock.Advance(31 * 24 * time.Hour)
	if err := h.app.scheduler.RunNow(h.ctx, "delist-scan"); err != nil {
		t.Fatal(err)
	}
	dm := h.emu.DMChannel(alice)
	h.waitFor("scan DM", func() bool {
		for _, m := range h.emu.Messages(dm) {
			if len(m.Buttons()) == 2 {
				return true
			}
		}
		return false
	})
	var offer slackemu.Message
	for _, m := range h.emu.Messages(dm) {
		if len(m.Buttons()) == 2 {
			offer = m
		}
	}
	if !strings.Contains(messageText(offer), "SOLD-1") || !strings.Contains(messageText(offer), "MUG-1") {
		t.Fatalf("offer should list both: %s", messageText(offer))
	}
	before := len(h.emu.Messages(dm))
	if err := h.app.scheduler.RunNow(h.ctx, "delist-scan"); err != nil {
		t.Fatal(err)
	}
	h.settle()
	if n := len(h.emu.Messages(dm)); n != before {
		t.Errorf("second scan in the same week sent %d more messages", n-before)
	}
	var soldOut slackemu.Button
	for _, b := range offer.Buttons() {
		if strings.HasSuffix(b.Value, ":"+listing.ReasonSoldOut) {
			soldOut = b
		}
	}
	if _, err := h.ws.Click(h.ctx, alice, offer.Target(), soldOut.ActionID, soldOut.Value); err != nil {
		t.Fatal(err)
	}
	h.waitFor("pending delisting", func() bool { return h.listing("SOLD-1").Status == listing.StatusPendingDelisting })
	card := h.card(3)
	h.click(bob, card, "approval.approve")
	h.waitFor("delisted", func() bool { return h.listing("SOLD-1").Status == listing.StatusDelisted })
	if l := h.listing("SOLD-1"); l.Stock != 0 {
		t.Errorf("delisted stock = %d", l.Stock)
	}

	// And by command, with a reason.
	reply := h.say(alice, "listing delist MUG-1 no longer made")
	if !strings.Contains(reply, "MUG-1") {
		t.Errorf("delist answer: %s", reply)
	}
	card = h.card(4)
	if !strings.Contains(messageText(card), "no longer made") {
		t.Errorf("delist card should carry the reason: %s", messageText(card))
	}
}

func TestApprovalReminderOncePerDay(t *testing.T) {
	h := newHarness(t)
	h.submitNewListing(alice, nil)
	h.card(1)
	h.settle()
	posts := func() int { return len(h.emu.Messages(appr)) }
	before := posts()
	run := func() {
		if err := h.app.scheduler.RunNow(h.ctx, "approval-reminders"); err != nil {
			t.Fatal(err)
		}
		h.settle()
	}
	h.clock.Advance(23 * time.Hour)
	run()
	if posts() != before {
		t.Fatalf("reminded before 24 h")
	}
	h.clock.Advance(2 * time.Hour)
	run()
	run()
	if n := posts() - before; n != 1 {
		t.Fatalf("reminders after 25 h = %d, want 1", n)
	}
	h.clock.Advance(24 * time.Hour)
	run()
	if n := posts() - before; n != 2 {
		t.Errorf("reminders after 49 h = %d, want 2", n)
	}
}

func TestCommandsExplainThemselves(t *testing.T) {
	h := newHarness(t)
	cases := []struct {
		user, text string
		want       []string
	}{
		{alice, "help", []string{"/ops listing new", "/ops role"}},
		{alice, "help listing", []string{"/ops listing delist"}},
		{alice, "listing frobnicate", []string{"/ops listing new"}},
		{alice, "nonsense", []string{"/ops help"}},
		{alice, "listing delist", []string{"/ops listing delist <sku> <reason>"}},
		{alice, "store add JD01 jd JD store", []string{"admin"}},
		{alice, "role <@U0BOB|bob> admin", []string{"admin"}},
		{erin, "role <@U0DAVE|dave> boss", []string{"boss"}},
		{erin, "listing show NOPE-1", []string{"NOPE-1"}},
		{erin, "listing list sideways", []string{"sideways"}},
		{alice, "whoami", []string{"assistant"}},
	}
	for _, c := range cases {
		if got := h.say(c.user, c.text); !containsAll(got, c.want) {
			t.Errorf("/ops %s → %q; want it to mention %q", c.text, got, c.want)
		}
	}
	if got := h.say(erin, "role <@U0DAVE|dave> hr"); !strings.Contains(got, "<@U0DAVE>") {
		t.Errorf("grant answer: %s", got)
	}
	if got := h.say(erin, "role U0DAVE supervisor"); !strings.Contains(got, "<@U0DAVE>") {
		t.Errorf("grant by bare ID: %s", got)
	}
	if got := h.say(erin, "role list"); !strings.Contains(got, "U0DAVE") {
		t.Errorf("role list: %s", got)
	}
	if got := h.say(erin, "role remove <@U0DAVE> hr"); !strings.Contains(got, "<@U0DAVE>") {
		t.Errorf("revoke: %s", got)
	}
	if got := h.say(erin, "store add JD01 jd JD Outlet"); !strings.Contains(got, "JD01") {
		t.Errorf("store add: %s", got)
	}
	if got := h.say(erin, "store list"); !strings.Contains(got, "JD Outlet") {
		t.Errorf("store list: %s", got)
	}
}

func containsAll(s string, parts []string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

func TestEventsAreHandledOnce(t *testing.T) {
	h := newHarness(t)
	r, err := h.ws.URLVerification(h.ctx, "challenge-123")
	if err != nil || string(r.Body) != "challenge-123" {
		t.Fatalf("url_verification: %v %q", err, r.Body)
	}
	ev := map[string]any{"type": "app_mention", "user": alice, "channel": team, "text": "<@U0BOT> hi", "ts": "1700000000.000100"}
	for i := range 3 {
		if _, err := h.ws.EventWithID(h.ctx, "Ev0DEDUPE1", i, "http_timeout", "app_mention", ev); err != nil {
			t.Fatal(err)
		}
	}
	h.settle()
	if n := len(h.emu.Messages(team)); n != 1 {
		t.Errorf("replies to a thrice-delivered mention = %d, want 1", n)
	}
}

var _ = fmt.Sprint

func TestEditingALiveListingUpdatesIt(t *testing.T) {
	h := newHarness(t)
	h.publish(nil)
	h.cmd(alice, "listing edit MUG-1")
	h.waitFor("edit modal", func() bool { _, ok := h.emu.TopView(alice); return ok })
	v, _ := h.emu.TopView(alice)
	for _, in := range v.Inputs() {
		if in.BlockID == "store" || in.BlockID == "sku" {
			t.Errorf("store and SKU name the listing and must not be editable; found input %s", in.BlockID)
		}
	}
	r, err := h.ws.Submit(h.ctx, alice, v.ID, map[string]string{"title": "Blue ceramic mug", "stock": "7", "price": "105.00"})
	if err != nil || len(r.Errors) > 0 {
		t.Fatalf("edit: %v %v", err, r.Errors)
	}
	h.settle()
	l := h.listing("MUG-1")
	if l.Stock != 7 || l.Price.String() != "105.00" || l.Title != "Red ceramic mug" || l.Pending == nil || l.Pending.Title == nil {
		t.Fatalf("minor changes should apply and the title wait: stock %d price %s title %q pending %+v", l.Stock, l.Price, l.Title, l.Pending)
	}
	if card := h.card(2); !strings.Contains(messageText(card), "Red ceramic mug → Blue ceramic mug") {
		t.Errorf("the title change should go to the supervisor: %s", messageText(card))
	}
	if list := h.say(alice, "listing list live"); !strings.Contains(list, "MUG-1") {
		t.Errorf("listing list live: %s", list)
	}
	if list := h.say(alice, "listing list draft"); strings.Contains(list, "MUG-1") {
		t.Errorf("a live listing is listed as draft: %s", list)
	}
}

func TestListingFloorPrice(t *testing.T) {
	h := newHarness(t)
	// Through the form: a floor above the price is named next to its field.
	r := h.submitNewListing(alice, map[string]string{"floor_price": "120"})
	if !strings.Contains(r.Errors["floor_price"], "above the price 100.00") || r.View == nil {
		t.Fatalf("floor above the price: errors %v, modal open %v", r.Errors, r.View != nil)
	}
	if n := h.count("listings", ""); n != 0 {
		t.Fatalf("a refused submission stored %d listings", n)
	}
	v, _ := h.emu.TopView(alice)
	if r, err := h.ws.Submit(h.ctx, alice, v.ID, map[string]string{"floor_price": "80"}); err != nil || len(r.Errors) > 0 {
		t.Fatalf("corrected floor: %v %v", err, r.Errors)
	}
	if card := messageText(h.card(1)); !strings.Contains(card, "Floor price") || !strings.Contains(card, "80.00") {
		t.Errorf("the review card should show the floor price: %s", card)
	}
	h.click(bob, h.card(1), "approval.approve")
	h.waitFor("listing live", func() bool { return h.listing("MUG-1").Status == listing.StatusLive })
	if l := h.listing("MUG-1"); l.FloorPrice.String() != "80.00" {
		t.Fatalf("floor after approval = %s", l.FloorPrice)
	}

	// A listing without one (the optional input left untouched) shows none.
	h.publish(map[string]string{"sku": "MUG-2"})
	if l := h.listing("MUG-2"); l.FloorPrice != 0 {
		t.Errorf("untouched floor input stored %s", l.FloorPrice)
	}
	if show := h.say(alice, "listing show MUG-2"); strings.Contains(show, "Floor price") {
		t.Errorf("a listing without a floor shows one: %s", show)
	}

	// Through the command: a minor change, applied at once on a live listing and audited.
	if reply := h.say(alice, "listing update MUG-2 floor_price=12.50"); !strings.Contains(reply, "Floor price:* — → 12.50") {
		t.Errorf("update answer: %s", reply)
	}
	l := h.listing("MUG-2")
	if l.FloorPrice.String() != "12.50" || l.Pending != nil {
		t.Fatalf("floor %s pending %v, want 12.50 applied at once", l.FloorPrice, l.Pending)
	}
	if show := h.say(alice, "listing show MUG-2"); !strings.Contains(show, `*Floor price*\n12.50`) {
		t.Errorf("show should put the floor price beside the price: %s", show)
	}
	if history := h.say(alice, "audit MUG-2"); !strings.Contains(history, "Floor price:* — → 12.50") {
		t.Errorf("audit should show the floor change: %s", history)
	}
	if reply := h.say(alice, "listing update MUG-2 floor_price=150"); !strings.Contains(reply, "above the price 100.00") {
		t.Errorf("a floor above the price should be refused: %s", reply)
	}
	if l := h.listing("MUG-2"); l.FloorPrice.String() != "12.50" {
		t.Errorf("a refused floor changed it to %s", l.FloorPrice)
	}

	// The edit form shows it, and emptying the input removes it.
	h.cmd(alice, "listing edit MUG-2")
	h.waitFor("edit modal", func() bool { _, ok := h.emu.TopView(alice); return ok })
	ev, _ := h.emu.TopView(alice)
	if !strings.Contains(string(ev.Blocks), `"initial_value":"12.50"`) {
		t.Errorf("edit form should show the floor price: %s", ev.Blocks)
	}
	if r, err := h.ws.Submit(h.ctx, alice, ev.ID, map[string]string{"floor_price": ""}); err != nil || len(r.Errors) > 0 {
		t.Fatalf("clear the floor: %v %v", err, r.Errors)
	}
	h.settle()
	if l := h.listing("MUG-2"); l.FloorPrice != 0 || l.Price.String() != "100.00" {
		t.Errorf("after clearing: floor %s price %s", l.FloorPrice, l.Price)
	}
}
