package main

import (
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"storeops/bot/slackemu"
	"storeops/domain/gormdb"
	"storeops/domain/inquiry"
	"storeops/domain/timer"
	"storeops/domain/timer/timerdb"
)

// Inquiries end to end: recorded through the modal with a promised reply time, the owner
// reminded at 80 % of it and told when it is broken (the team channel too), each once
// however often the timers job runs, answered on time or late, and counted for appraisals.

// inquiryStart is Monday 2026-11-30 10:00 in Shanghai, the harness's store zone.
var inquiryStart = time.Date(2026, 11, 30, 2, 0, 0, 0, time.UTC)

// recordInquiry opens the inquiry modal as user and submits values over the defaults.
func (h *harness) recordInquiry(user string, values map[string]string) *slackemu.Reply {
	h.t.Helper()
	h.cmd(user, "inquiry new")
	h.waitFor("inquiry modal", func() bool { v, ok := h.emu.TopView(user); return ok && v.CallbackID == "inquiry.form" })
	v, _ := h.emu.TopView(user)
	all := map[string]string{"store": "TM01", "inquiry.customer": "Wang Fang", "inquiry.question": "Is the red mug dishwasher safe?",
		"inquiry.promise": "2h"}
	for k, val := range values {
		all[k] = val
	}
	r, err := h.ws.Submit(h.ctx, user, v.ID, all)
	if err != nil {
		h.t.Fatalf("submit inquiry: %v", err)
	}
	return r
}

// supportDMs returns the DMs to user whose text contains s.
func (h *harness) supportDMs(user, s string) []slackemu.Message {
	var out []slackemu.Message
	for _, m := range h.emu.Messages(h.emu.DMChannel(user)) {
		if strings.Contains(messageText(m), s) {
			out = append(out, m)
		}
	}
	return out
}

// supportTexts lists the messages' texts, for failure messages.
func supportTexts(ms []slackemu.Message) string {
	var b strings.Builder
	for _, m := range ms {
		b.WriteString("\n" + m.Text)
	}
	return b.String()
}

// supportPosts returns the posts in channel whose text contains s.
func (h *harness) supportPosts(channel, s string) []slackemu.Message {
	var out []slackemu.Message
	for _, m := range h.emu.Messages(channel) {
		if strings.Contains(messageText(m), s) {
			out = append(out, m)
		}
	}
	return out
}

func TestInquiryRemindedAndBreachedOnce(t *testing.T) {
	h := newHarness(t)
	h.clock.Set(inquiryStart)
	h.say(erin, "store channel TM01 <#"+team+"|team>")

	r := h.recordInquiry(alice, map[string]string{"inquiry.order": "P-0001"})
	if len(r.Errors) != 0 || r.View != nil {
		t.Fatalf("submission: errors %v, view open %v", r.Errors, r.View != nil)
	}
	h.waitFor("the recorded notice", func() bool {
		for _, m := range h.emu.Ephemerals(alice) {
			if strings.Contains(m.Text, "Inquiry #1 from Wang Fang recorded: reply promised by 2026-11-30 12:00, owner <@"+alice+">") {
				return true
			}
		}
		return false
	})
	if n := h.count("timers", "subject = ? AND fired_at IS NULL", "inquiry:1"); n != 2 {
		t.Fatalf("armed timers = %d, want 2", n)
	}

	// 80 % of 2 h is 96 min: not at 95, once from 96 on.
	h.clock.Set(inquiryStart.Add(95 * time.Minute))
	h.run("timers")
	if got := h.supportDMs(alice, "is due at"); len(got) != 0 {
		t.Fatalf("reminded before 80 %%: %s", messageText(got[0]))
	}
	h.clock.Set(inquiryStart.Add(96 * time.Minute))
	h.run("timers")
	h.run("timers") // a second run, as after a restart or on another replica
	reminders := h.supportDMs(alice, "is due at")
	if len(reminders) != 1 || !strings.Contains(reminders[0].Text, "Inquiry #1 is due at 12:00, 24 min left") {
		t.Fatalf("reminders: %d %s", len(reminders), supportTexts(reminders))
	}
	if got := h.supportDMs(alice, "overdue"); len(got) != 0 {
		t.Fatalf("breach before the promise: %s", got[0].Text)
	}
	// A restarted process (or another replica) starts with nothing in memory: it finds the
	// reminder fired in the database and fires nothing.
	restarted := timer.NewRunner(timerdb.New(h.db), gormdb.NewTxRunner(h.db), h.clock, slog.New(slog.NewTextHandler(io.Discard, nil)))
	restarted.Handle(inquiry.KindRemind, h.app.inquiries.Remind)
	restarted.Handle(inquiry.KindBreach, h.app.inquiries.Breach)
	if res, err := restarted.RunDue(h.ctx); err != nil || res.Fired != 0 {
		t.Fatalf("restarted runner: %+v, %v", res, err)
	}

	// The promise is broken at 2 h: the owner and the team hear it, once.
	h.clock.Set(inquiryStart.Add(2 * time.Hour))
	h.run("timers")
	h.clock.Advance(5 * time.Minute)
	h.run("timers")
	h.run("timers")
	if got := h.supportDMs(alice, "is overdue"); len(got) != 1 || !strings.Contains(got[0].Text, "The reply promised for inquiry #1 at 12:00 is overdue") {
		t.Fatalf("owner's breach DMs: %d %s", len(got), supportTexts(got))
	}
	if got := h.supportPosts(team, "Inquiry #1"); len(got) != 1 || !strings.Contains(got[0].Text, "owner <@"+alice+">") {
		t.Fatalf("team breach posts: %d %s", len(got), supportTexts(got))
	}
	if got := h.supportDMs(alice, "is due at"); len(got) != 1 {
		t.Errorf("reminders after the breach: %d", len(got))
	}

	if got := h.say(alice, "inquiry list overdue"); !strings.Contains(got, "past their promised time (1)") || !strings.Contains(got, "*#1* TM01") {
		t.Errorf("overdue list: %s", got)
	}
	if got := h.say(alice, "inquiry list mine"); !strings.Contains(got, "Your open inquiries (1)") || !strings.Contains(got, "promise broken") {
		t.Errorf("alice's list: %s", got)
	}
	if got := h.say(frank, "inquiry list mine"); !strings.Contains(got, "Your open inquiries (0)") {
		t.Errorf("frank's list: %s", got)
	}
	if got := h.say(alice, "inquiry answer #1 Yes, up to 70 °C."); !strings.Contains(got, "Inquiry #1 from Wang Fang answered, after the promised time") {
		t.Errorf("late answer: %s", got)
	}
	if got := h.say(alice, "inquiry list overdue"); !strings.Contains(got, "(0)") {
		t.Errorf("overdue list after the answer: %s", got)
	}
	if got := h.say(bob, "inquiry show 1"); !strings.Contains(got, "answered late") || !strings.Contains(got, "Yes, up to 70 °C.") || !strings.Contains(got, "P-0001") {
		t.Errorf("show: %s", got)
	}
	answered, onTime, err := h.app.inquiries.Timeliness(h.ctx, alice, inquiryStart, inquiryStart.Add(24*time.Hour))
	if err != nil || answered != 1 || onTime != 0 {
		t.Errorf("timeliness = %d, %d, %v; want 1, 0", answered, onTime, err)
	}
	for _, action := range []string{"inquiry.record", "inquiry.breach", "inquiry.answer"} {
		if n := h.count("audit_entries", "action = ? AND subject = ?", action, "inquiry:1"); n != 1 {
			t.Errorf("%s audit rows = %d, want 1", action, n)
		}
	}
}

func TestInquiryAnsweredInTimeIsNotReminded(t *testing.T) {
	h := newHarness(t)
	h.clock.Set(inquiryStart)
	h.say(erin, "store channel TM01 <#"+team+"|team>")
	// Recorded by alice for frank, with a clock-time promise: 12:00 today.
	if r := h.recordInquiry(alice, map[string]string{"inquiry.promise": "12:00", "owner": frank}); len(r.Errors) != 0 {
		t.Fatalf("submission errors: %v", r.Errors)
	}
	h.clock.Advance(30 * time.Minute)
	if got := h.say(frank, "inquiry answer 1 Yes, it is."); !strings.Contains(got, "answered, within the promised time") {
		t.Fatalf("answer: %s", got)
	}
	if got := h.say(alice, "inquiry answer 1 Again"); !strings.Contains(got, "Inquiry #1 is already answered") {
		t.Errorf("second answer: %s", got)
	}
	for _, d := range []time.Duration{96 * time.Minute, 2 * time.Hour, 3 * time.Hour} {
		h.clock.Set(inquiryStart.Add(d))
		h.run("timers")
	}
	if dms := h.emu.Messages(h.emu.DMChannel(frank)); len(dms) != 0 {
		t.Errorf("the owner of an answered inquiry got %d DMs: %s", len(dms), messageText(dms[0]))
	}
	if posts := h.supportPosts(team, "Inquiry #1"); len(posts) != 0 {
		t.Errorf("team posts: %d", len(posts))
	}
	if n := h.count("timers", "subject = ?", "inquiry:1"); n != 0 {
		t.Errorf("timers left after the answer: %d", n)
	}
	answered, onTime, err := h.app.inquiries.Timeliness(h.ctx, frank, inquiryStart, inquiryStart.Add(24*time.Hour))
	if err != nil || answered != 1 || onTime != 1 {
		t.Errorf("frank's timeliness = %d, %d, %v; want 1, 1", answered, onTime, err)
	}
	if a, _, _ := h.app.inquiries.Timeliness(h.ctx, alice, inquiryStart, inquiryStart.Add(24*time.Hour)); a != 0 {
		t.Errorf("alice, who only recorded it, answered %d", a)
	}
}

func TestInquiryBadInputNamesTheField(t *testing.T) {
	h := newHarness(t)
	h.clock.Set(inquiryStart)
	r := h.recordInquiry(alice, map[string]string{"inquiry.promise": "soon", "inquiry.order": "P 1"})
	if !strings.Contains(r.Errors["inquiry.promise"], `"soon" is not a reply time`) || r.View == nil {
		t.Errorf("bad promise: errors %v, view open %v", r.Errors, r.View != nil)
	}
	if !strings.Contains(r.Errors["inquiry.order"], "not an order number") {
		t.Errorf("bad order: %v", r.Errors)
	}
	// Fixed in the same modal, with a time already past and an owner who may not answer.
	v, _ := h.emu.TopView(alice)
	r, err := h.ws.Submit(h.ctx, alice, v.ID, map[string]string{"inquiry.promise": "2026-11-30 09:00", "inquiry.order": "", "owner": erin})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r.Errors["inquiry.promise"], "already passed") || !strings.Contains(r.Errors["owner"], "assistant or a supervisor") || len(r.Errors) != 2 {
		t.Errorf("second submission: %v", r.Errors)
	}
	if n := h.count("inquiries", ""); n != 0 {
		t.Errorf("inquiries stored: %d", n)
	}
	for cmd, want := range map[string]string{
		"inquiry answer x12 hello": `"x12" is not an inquiry number`,
		"inquiry answer 99 hello":  "There is no inquiry #99",
		"inquiry answer 1":         "inquiry answer <id> <answer>",
		"inquiry list closed":      `There is no list "closed"`,
		"inquiry show 7":           "There is no inquiry #7",
	} {
		if got := h.say(alice, cmd); !strings.Contains(got, want) {
			t.Errorf("/ops %s: %s", cmd, got)
		}
	}
	if got := h.say(erin, "inquiry new"); !strings.Contains(got, "assistant") {
		t.Errorf("an admin recording: %s", got)
	}
}
