package main

import (
	"context"
	"io"
	"log"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack/socketmode"

	"storeops/bot/slackemu"
	"storeops/domain/listing"
)

// newSocketHarness is the end-to-end harness with StoreOps on Socket Mode: the bot runs
// RunSocketMode with slack-go's client against the emulator, and the workspace sends
// everything as envelopes, so nothing reaches the bot's HTTP endpoints.
func newSocketHarness(t *testing.T) *harness {
	t.Helper()
	h := newHarness(t, func(cfg *Config) { cfg.AppToken = slackemu.DefaultAppToken })
	// Registered after newHarness's cleanup, so it runs first: the socket closes before the
	// app and the emulator stop.
	ctx, cancel := context.WithCancel(h.ctx)
	client := socketmode.New(h.app.api, socketmode.OptionLog(log.New(io.Discard, "", 0)))
	stopped := make(chan error, 1)
	go func() { stopped <- h.app.bot.RunSocketMode(ctx, client) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-stopped:
			if err != nil {
				t.Errorf("RunSocketMode: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Error("RunSocketMode did not stop")
		}
	})
	h.ws.UseSocketMode(true)
	h.waitFor("the bot's socket", func() bool { return h.emu.Sockets() == 1 })
	return h
}

// envelopes returns the Socket Mode envelopes of one type that the emulator sent, in order.
func (h *harness) envelopes(typ string) []slackemu.Envelope {
	var out []slackemu.Envelope
	for _, e := range h.emu.Envelopes() {
		if e.Type == typ {
			out = append(out, e)
		}
	}
	return out
}

func TestSocketHelpReplyTravelsInTheAck(t *testing.T) {
	h := newSocketHarness(t)
	r := h.cmd(alice, "help")
	if r.Msg == nil || !strings.Contains(string(r.Body), "/ops listing new") || r.EnvelopeID == "" {
		t.Fatalf("help ack = %+v %s", r, r.Body)
	}
	env, ok := h.emu.EnvelopeByID(r.EnvelopeID)
	if !ok || env.Type != slackemu.EnvelopeSlashCommands || !env.Acked || env.Deliveries != 1 || len(env.Ack) == 0 {
		t.Fatalf("envelope = %+v", env)
	}
	eph := h.emu.Ephemerals(alice)
	if len(eph) != 1 || eph[0].Source != "command_reply" || !strings.Contains(messageText(eph[0]), "/ops role") {
		t.Fatalf("help not shown from the ack: %+v", eph)
	}
	h.settle()
	if n := len(h.emu.Calls(slackemu.ResponseURLMethod)); n != 0 {
		t.Errorf("help also went through response_url %d times", n)
	}
}

func TestSocketListingSubmittedApprovedAndLive(t *testing.T) {
	h := newSocketHarness(t)
	r := h.submitNewListing(alice, nil)
	if len(r.Errors) > 0 || r.View != nil {
		t.Fatalf("valid submission: errors %v, view still open %v", r.Errors, r.View != nil)
	}
	if n := len(h.emu.Calls("views.open")); n != 1 {
		t.Fatalf("views.open calls = %d", n)
	}
	if l := h.listing("MUG-1"); l.Status != listing.StatusPendingReview || l.Owner != alice {
		t.Fatalf("after submit: %s owned by %s", l.Status, l.Owner)
	}
	card := h.card(1)
	if len(card.Buttons()) != 2 || !strings.Contains(messageText(card), "Red ceramic mug") {
		t.Fatalf("card should show the listing with Approve and Reject: %s", messageText(card))
	}
	subs := h.envelopes(slackemu.EnvelopeInteractive)
	if len(subs) != 1 || !subs[0].AcceptsResponsePayload || !subs[0].Acked || len(subs[0].Ack) != 0 {
		t.Fatalf("submission envelope (an empty ack closes the modal): %+v", subs)
	}

	h.click(bob, card, "approval.approve")
	h.waitFor("card updated", func() bool { c, _ := h.emu.Message(appr, card.TS); return c.Updates == 1 })
	updated, _ := h.emu.Message(appr, card.TS)
	if len(updated.Buttons()) != 0 || !strings.Contains(messageText(updated), "<@"+bob+">") {
		t.Errorf("decided card: %s", messageText(updated))
	}
	h.waitFor("listing live", func() bool { return h.listing("MUG-1").Status == listing.StatusLive })
	if l := h.listing("TM01/MUG-1"); l.LiveSince.IsZero() {
		t.Errorf("after approval: %+v", l)
	}
	h.waitFor("alice's DM", func() bool { return len(h.emu.Messages(h.emu.DMChannel(alice))) == 1 })
	h.settle()
	if n := h.count("audit_entries", "action = ?", "listing.publish"); n != 1 {
		t.Errorf("publish audit rows = %d", n)
	}
	if n := h.count("audit_entries", "action = ?", "approval.approve"); n != 1 {
		t.Errorf("approval audit rows = %d", n)
	}
	clicks := h.envelopes(slackemu.EnvelopeInteractive)[1:]
	if len(clicks) != 1 || clicks[0].AcceptsResponsePayload || !clicks[0].Acked || clicks[0].Deliveries != 1 {
		t.Errorf("click envelope: %+v", clicks)
	}
}

func TestSocketInvalidListingShowsInlineErrors(t *testing.T) {
	h := newSocketHarness(t)
	r := h.submitNewListing(alice, map[string]string{"price": "12.345", "images": "not-a-url", "sku": "bad sku"})
	if r.ResponseAction != "errors" || r.View == nil || r.EnvelopeID == "" {
		t.Fatalf("reply = %+v", r)
	}
	for _, field := range []string{"price", "images", "sku"} {
		if r.Errors[field] == "" {
			t.Errorf("no inline error on %s: %v", field, r.Errors)
		}
	}
	env, _ := h.emu.EnvelopeByID(r.EnvelopeID)
	if !strings.Contains(string(env.Ack), `"response_action":"errors"`) {
		t.Errorf("the errors did not travel in the ack: %s", env.Ack)
	}
	if v, ok := h.emu.TopView(alice); !ok || v.ID != r.View.ID {
		t.Error("the modal should stay open")
	}
	h.settle()
	if n := h.count("listings", ""); n != 0 {
		t.Errorf("an invalid submission stored %d listings", n)
	}
	if n := h.count("approval_requests", ""); n != 0 {
		t.Errorf("an invalid submission filed %d approvals", n)
	}
}

func TestSocketRedeliveredMentionIsAnsweredOnce(t *testing.T) {
	h := newSocketHarness(t)
	h.ws.RedeliverAfter = 100 * time.Millisecond
	// The bot's first ack is lost: Slack sends the same envelope again with retry_attempt 1.
	h.emu.LoseNextAcks(1)
	ev := map[string]any{"user": alice, "channel": team, "text": "<@U0BOT> hi", "ts": "1700000000.000100"}
	r, err := h.ws.Event(h.ctx, "app_mention", ev)
	if err != nil {
		t.Fatal(err)
	}
	env, _ := h.emu.EnvelopeByID(r.EnvelopeID)
	if env.Type != slackemu.EnvelopeEventsAPI || env.Deliveries != 2 || env.LostAcks != 1 || !env.Acked {
		t.Fatalf("envelope = %+v", env)
	}
	h.settle()
	replies := h.emu.Messages(team)
	if len(replies) != 1 {
		t.Fatalf("replies to a twice-delivered mention = %d, want 1", len(replies))
	}
	if replies[0].ThreadTS != "1700000000.000100" {
		t.Errorf("reply not in the mention's thread: %+v", replies[0])
	}
	if env, _ := h.emu.EnvelopeByID(r.EnvelopeID); env.Deliveries != 2 || env.Acks != 1 {
		t.Errorf("after settling: %+v", env)
	}
}
