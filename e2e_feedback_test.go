package main

import (
	"strings"
	"testing"
	"time"

	"storeops/bot/slackemu"
)

// Feedback end to end: recorded through the modal, summed up by tag and product on
// request, and posted to the configured channel by the weekly job exactly once a week.

const feedbackChannel = "C0FEEDBACK"

// addFeedback opens the feedback modal as user and submits values.
func (h *harness) addFeedback(user string, values map[string]string) *slackemu.Reply {
	h.t.Helper()
	h.cmd(user, "feedback add")
	h.waitFor("feedback modal", func() bool { v, ok := h.emu.TopView(user); return ok && v.CallbackID == "feedback.form" })
	v, _ := h.emu.TopView(user)
	all := map[string]string{"store": "TM01"}
	for k, val := range values {
		all[k] = val
	}
	r, err := h.ws.Submit(h.ctx, user, v.ID, all)
	if err != nil {
		h.t.Fatalf("submit feedback: %v", err)
	}
	return r
}

func TestFeedbackSummaryAndWeeklyPost(t *testing.T) {
	h := newHarness(t)
	h.emu.AddChannel(feedbackChannel, "feedback")
	// Wednesday 2026-11-25 10:00 in Shanghai.
	h.clock.Set(time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC))

	for _, f := range []map[string]string{
		{"feedback.kind": "review", "sku": "mug-1", "feedback.text": "The box was crushed, the mug survived.", "feedback.tags": "Packaging, quality, packaging"},
		{"feedback.kind": "suggestion", "sku": "MUG-1", "feedback.text": "Offer a gift box.", "feedback.tags": "packaging"},
		{"feedback.kind": "opinion", "feedback.text": "Delivery took a week.", "feedback.tags": "delivery"},
		{"feedback.kind": "review", "feedback.text": "Lovely shop."},
	} {
		if r := h.addFeedback(alice, f); len(r.Errors) != 0 || r.View != nil {
			t.Fatalf("add %v: errors %v", f, r.Errors)
		}
		h.clock.Advance(time.Minute)
	}
	if r := h.addFeedback(bob, map[string]string{"feedback.kind": "review", "feedback.text": "ok", "sku": "bad sku", "feedback.tags": strings.Repeat("x", 31)}); !strings.Contains(r.Errors["sku"], "is not a SKU") ||
		!strings.Contains(r.Errors["feedback.tags"], "longer than 30") {
		t.Errorf("bad feedback: %v", r.Errors)
	}
	if n := h.count("feedback", ""); n != 4 {
		t.Fatalf("feedback rows = %d, want 4", n)
	}

	got := h.say(bob, "feedback summary")
	for _, want := range []string{"4 pieces of feedback", "*packaging* 2 (Review 1 · Suggestion 1)", "*quality* 1 (Review 1)",
		"*delivery* 1 (Opinion 1)", "*MUG-1* 2 (Review 1 · Suggestion 1)", "1 without tags", "Lovely shop."} {
		if !strings.Contains(got, want) {
			t.Errorf("summary lacks %q:\n%s", want, got)
		}
	}
	if got := h.say(bob, "feedback summary 2026-11-01..2026-11-20"); !strings.Contains(got, "No feedback was recorded") {
		t.Errorf("an empty period: %s", got)
	}
	if got := h.say(bob, "feedback summary year"); !strings.Contains(got, `"year" is not a period`) {
		t.Errorf("a bad period: %s", got)
	}

	// No channel yet: the Monday job posts nothing, and does not use up the week.
	monday := time.Date(2026, 11, 30, 1, 0, 0, 0, time.UTC) // 09:00 in Shanghai
	h.clock.Set(monday)
	h.run("feedback-summary")
	if got := h.say(alice, "feedback channel <#"+feedbackChannel+"|feedback>"); !strings.Contains(got, "supervisor") {
		t.Errorf("an assistant setting the channel: %s", got)
	}
	if got := h.say(bob, "feedback channel <#"+feedbackChannel+"|feedback>"); !strings.Contains(got, "goes to <#"+feedbackChannel+">") {
		t.Fatalf("set channel: %s", got)
	}
	h.run("feedback-summary")
	h.run("feedback-summary")
	h.clock.Advance(3 * time.Hour)
	h.run("feedback-summary")
	posts := h.emu.Messages(feedbackChannel)
	if len(posts) != 1 {
		t.Fatalf("weekly posts = %d, want 1", len(posts))
	}
	if text := messageText(posts[0]); !strings.Contains(text, "2026-11-23 00:00 – 2026-11-30 00:00") || !strings.Contains(text, "*packaging* 2") {
		t.Errorf("weekly post: %s", text)
	}

	// A week without feedback says so, once.
	h.clock.Set(monday.AddDate(0, 0, 7))
	h.run("feedback-summary")
	h.run("feedback-summary")
	posts = h.emu.Messages(feedbackChannel)
	if len(posts) != 2 || !strings.Contains(messageText(posts[1]), "No feedback was recorded in this period") {
		t.Fatalf("second week: %d posts %s", len(posts), supportTexts(posts))
	}
	if n := h.count("audit_entries", "action = ?", "feedback.add"); n != 4 {
		t.Errorf("feedback.add audit rows = %d", n)
	}
}
