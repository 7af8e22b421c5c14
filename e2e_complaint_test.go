package main

import (
	"strings"
	"testing"
	"time"

	"storeops/bot/slackemu"
	"storeops/bot/view"
	"storeops/domain"
	"storeops/domain/complaint"
)

const logistics = "C0LOGISTICS"

// complaintT0 pins the clock: a Monday morning, so that no test depends on the time of day.
var complaintT0 = time.Date(2026, 11, 30, 1, 0, 0, 0, time.UTC) // 09:00 in Shanghai

// openComplaint submits the complaint modal as user over the default values and returns
// the reply to the submission.
func (h *harness) openComplaint(user string, values map[string]string) *slackemu.Reply {
	h.t.Helper()
	before, _ := h.emu.TopView(user)
	h.cmd(user, "complaint new")
	h.waitFor("complaint modal", func() bool { v, ok := h.emu.TopView(user); return ok && v.ID != before.ID })
	v, _ := h.emu.TopView(user)
	all := map[string]string{complaint.FieldStore: "TM01", complaint.FieldCustomer: "Wang Xiaoming (tb_wang88)",
		complaint.FieldCategory: "logistics", complaint.FieldSeverity: "high",
		complaint.FieldDescription: "The parcel arrived crushed and the mug inside is broken.",
		complaint.FieldDemand:      "A new mug, shipped today."}
	for k, val := range values {
		all[k] = val
	}
	r, err := h.ws.Submit(h.ctx, user, v.ID, all)
	if err != nil {
		h.t.Fatalf("submit complaint: %v", err)
	}
	return r
}

// complaintCard returns the card of complaint #id in channel, as it is now.
func (h *harness) complaintCard(channel string, id int64) slackemu.Message {
	h.t.Helper()
	h.settle()
	for _, m := range h.emu.Messages(channel) {
		if m.ThreadTS == "" && strings.Contains(m.Text, complaint.Ref(id)+" ") {
			return m
		}
	}
	h.t.Fatalf("no card of complaint %d in %s: %v", id, channel, h.emu.Messages(channel))
	return slackemu.Message{}
}

func (h *harness) complaint(id int64) complaint.Complaint {
	h.t.Helper()
	c, err := h.app.complaints.Find(h.ctx, id)
	if err != nil {
		h.t.Fatal(err)
	}
	return c
}

// complaintDMs returns the texts of the bot's DMs to user that contain substr.
func (h *harness) complaintDMs(user, substr string) []string {
	var out []string
	for _, m := range h.emu.Messages(h.emu.DMChannel(user)) {
		if strings.Contains(messageText(m), substr) {
			out = append(out, messageText(m))
		}
	}
	return out
}

// TestComplaintRoutedAcknowledgedEscalatedResolvedRated walks one complaint through its
// life over signed Slack payloads: routed by category, acknowledged with the card's
// button, escalated when its resolution deadline passes, resolved through the modal and
// rated with the card's buttons.
func TestComplaintRoutedAcknowledgedEscalatedResolvedRated(t *testing.T) {
	h := newHarness(t)
	h.clock.Set(complaintT0)
	h.emu.AddChannel(logistics, "logistics")
	if got := h.say(alice, "complaint route logistics <#"+logistics+"|logistics>"); !strings.Contains(got, "supervisor") {
		t.Errorf("an assistant may not route: %s", got)
	}
	if got := h.say(bob, "complaint route logistics <#"+logistics+"|logistics>"); !strings.Contains(got, "<#"+logistics+">") {
		t.Fatalf("route: %s", got)
	}

	told := len(h.emu.Ephemerals(alice))
	if r := h.openComplaint(alice, nil); len(r.Errors) > 0 {
		t.Fatalf("submission refused: %v", r.Errors)
	}
	h.waitFor("the submitter is told", func() bool { return len(h.emu.Ephemerals(alice)) > told })
	if got := messageText(h.emu.Ephemerals(alice)[told]); !strings.Contains(got, "#1") || !strings.Contains(got, "<#"+logistics+">") {
		t.Errorf("the submitter should hear where complaint #1 went: %s", got)
	}
	card := h.complaintCard(logistics, 1)
	if len(h.emu.Messages(team)) != 0 {
		t.Errorf("a routed complaint went to the team channel too: %v", h.emu.Messages(team))
	}
	if b := card.Buttons(); len(b) != 2 || b[0].ActionID != view.ActionComplaintAck || b[1].ActionID != view.ActionComplaintEscalate {
		t.Fatalf("an open card offers Acknowledge and Escalate: %s", card.Blocks)
	}
	c := h.complaint(1)
	if !c.AckDue.Equal(complaintT0.Add(time.Hour)) || !c.ResolveDue.Equal(complaintT0.Add(24*time.Hour)) || !c.Routed {
		t.Fatalf("high severity deadlines: %+v", c)
	}

	// Acknowledged by button, 20 minutes in: the card names who and when, in place.
	h.clock.Set(complaintT0.Add(20 * time.Minute))
	h.click(alice, card, view.ActionComplaintAck)
	h.waitFor("card acknowledged", func() bool {
		m, _ := h.emu.Message(logistics, card.TS)
		return strings.Contains(messageText(m), "Acknowledged by <@"+alice+"> at 2026-11-30 09:20")
	})
	card, _ = h.emu.Message(logistics, card.TS)
	before := len(h.emu.Ephemerals(frank))
	h.click(frank, card, view.ActionComplaintResolve) // the current card: Resolve is offered
	h.settle()
	h.click(frank, card, view.ActionComplaintEscalate)
	h.waitFor("escalation answered", func() bool { return len(h.emu.Ephemerals(frank)) > before })
	h.settle()
	// A second acknowledgement (Slack has replaced the button, so through the service)
	// names the first.
	_, err := h.app.complaints.Acknowledge(h.ctx, domain.Actor{UserID: frank, Roles: []domain.Role{domain.RoleAssistant}}, 1)
	if e, ok := domain.AsError(err); !ok || e.Key != complaint.KeyAlreadyAcknowledged || e.Args[1] != alice {
		t.Errorf("a second acknowledgement should name the first: %v", err)
	}
	if v, ok := h.emu.TopView(frank); !ok || v.CallbackID != view.CallbackComplaintResolve {
		t.Fatalf("Resolve opens the resolution modal")
	} else if _, err := h.ws.Close(h.ctx, frank, v.ID); err != nil {
		t.Fatal(err)
	}
	if c := h.complaint(1); c.EscalationReason != complaint.EscalatedManually || c.EscalatedBy != frank || c.Owner() != alice || !c.AckOnTime {
		t.Fatalf("after acknowledgement and manual escalation: %+v", c)
	}
	if n := len(h.complaintDMs(bob, "escalated complaint #1")); n != 1 {
		t.Errorf("bob should get one escalation DM, got %d", n)
	}

	// The acknowledgement timers are gone; the reminder before the resolution deadline
	// (80 % of 24 h = 19:12 in) goes to the owner.
	h.clock.Set(complaintT0.Add(19*time.Hour + 13*time.Minute))
	h.run("timers")
	if n := len(h.complaintDMs(alice, "must be resolved by 2026-12-01 09:00")); n != 1 {
		t.Errorf("the owner should be reminded once before the deadline, got %d", n)
	}
	if len(h.complaintDMs(bob, "not acknowledged")) != 0 {
		t.Error("the acknowledgement breach fired although the complaint was acknowledged")
	}

	// The resolution deadline passes: a note in the card's thread and one DM to every
	// supervisor, once, however often the job runs.
	h.clock.Set(complaintT0.Add(24*time.Hour + time.Minute))
	h.run("timers")
	h.run("timers")
	h.clock.Advance(time.Hour)
	h.run("timers")
	for _, s := range []string{bob, carol, frank} {
		if n := len(h.complaintDMs(s, "was not resolved by 2026-12-01 09:00")); n != 1 {
			t.Errorf("supervisor %s got %d breach DMs, want 1", s, n)
		}
	}
	if n := len(h.complaintDMs(alice, "was not resolved")); n != 0 {
		t.Errorf("the assistant is not a supervisor but got %d breach DMs", n)
	}
	notes := 0
	for _, m := range h.emu.Messages(logistics) {
		if m.ThreadTS == card.TS && strings.Contains(m.Text, "was not resolved by") {
			notes++
		}
	}
	if notes != 1 {
		t.Errorf("breach notes in the card's thread = %d, want 1", notes)
	}

	// Resolved through the modal; both texts are required and named when missing.
	card, _ = h.emu.Message(logistics, card.TS)
	h.click(alice, card, view.ActionComplaintResolve)
	h.waitFor("resolve modal", func() bool { v, ok := h.emu.TopView(alice); return ok && v.CallbackID == view.CallbackComplaintResolve })
	v, _ := h.emu.TopView(alice)
	r, err := h.ws.Submit(h.ctx, alice, v.ID, map[string]string{complaint.FieldResolution: "Reshipped a new mug with SF, tracking SF100200300."})
	if err != nil || len(r.Errors) == 0 || r.Errors[complaint.FieldCustomerTold] == "" {
		t.Fatalf("a resolution without what the customer was told: %v %v", err, r.Errors)
	}
	r, err = h.ws.Submit(h.ctx, alice, v.ID, map[string]string{complaint.FieldCustomerTold: "Sorry! A new mug left today, SF100200300."})
	if err != nil || len(r.Errors) > 0 {
		t.Fatalf("resolve: %v %v", err, r.Errors)
	}
	h.waitFor("card resolved", func() bool {
		m, _ := h.emu.Message(logistics, card.TS)
		return len(m.Buttons()) == 5
	})

	// Rated with the card's buttons, once.
	card, _ = h.emu.Message(logistics, card.TS)
	h.click(alice, card, "4")
	h.waitFor("card rated", func() bool {
		m, _ := h.emu.Message(logistics, card.TS)
		return strings.Contains(messageText(m), "Satisfaction 4/5") && len(m.Buttons()) == 0
	})
	if got := h.say(frank, "complaint rate 1 5"); !strings.Contains(got, "already rated 4/5 by <@"+alice+">") {
		t.Errorf("a second rating should name the first rater: %s", got)
	}
	c = h.complaint(1)
	if c.Status != complaint.StatusRated || c.Rating != 4 || c.ResolvedOnTime || c.CustomerTold == "" {
		t.Fatalf("after rating: %+v", c)
	}
	for _, a := range []string{"complaint.open", "complaint.acknowledge", "complaint.escalate", "complaint.resolve_breach", "complaint.resolve", "complaint.rate"} {
		if n := h.count("audit_entries", "action = ? AND subject = ?", a, "complaint:1"); n != 1 {
			t.Errorf("audit rows of %s = %d, want 1", a, n)
		}
	}
	if n := h.count("timers", "subject = ? AND fired_at IS NULL", "complaint:1"); n != 0 {
		t.Errorf("%d timers still armed after resolution", n)
	}
	avg, n, err := h.app.complaints.SatisfactionAverage(h.ctx, alice, complaintT0, complaintT0.Add(48*time.Hour))
	if err != nil || n != 1 || avg != 4 {
		t.Errorf("satisfaction of alice = %v over %d, %v", avg, n, err)
	}
	if acked, onTime, err := h.app.complaints.AckTimeliness(h.ctx, alice, complaintT0, complaintT0.Add(48*time.Hour)); err != nil || acked != 1 || onTime != 1 {
		t.Errorf("ack timeliness of alice = %d/%d, %v", onTime, acked, err)
	}
}

// TestComplaintFallbackInputAndAckBreach: an unrouted category goes to the store's team
// channel and the submitter is told so; bad input names its field; a user without a role
// is refused; a missed acknowledgement escalates to every supervisor once.
func TestComplaintFallbackInputAndAckBreach(t *testing.T) {
	h := newHarness(t)
	h.clock.Set(complaintT0)
	const dave = "U0DAVE"
	h.emu.AddUser(slackemu.User{ID: dave, Name: "dave", Locale: "en-US"})
	if got := h.say(dave, "complaint list"); !strings.Contains(got, "assistant") {
		t.Errorf("a user without a role should be refused, naming the roles: %s", got)
	}
	if got := h.say(alice, "complaint rate 1 9"); !strings.Contains(got, "“9” is not a rating") {
		t.Errorf("a bad rating: %s", got)
	}
	if got := h.say(bob, "complaint sla high ack=soon"); !strings.Contains(got, "ack=soon") {
		t.Errorf("a bad SLA duration should name the field: %s", got)
	}
	if got := h.say(bob, "complaint sla medium ack=30m resolve=6h"); !strings.Contains(got, "30m") || !strings.Contains(got, "6h") {
		t.Errorf("sla: %s", got)
	}
	// No team channel and no route: nowhere to send, and the modal says so.
	if r := h.openComplaint(alice, map[string]string{complaint.FieldCategory: "service"}); len(r.Errors) == 0 {
		t.Fatal("a complaint with nowhere to go was accepted")
	}
	h.say(erin, "store channel TM01 <#"+team+"|team>")
	r := h.openComplaint(alice, map[string]string{complaint.FieldOrder: "P-404"})
	if msg := r.Errors[complaint.FieldOrder]; !strings.Contains(msg, "P-404") {
		t.Fatalf("an unknown order should be named next to its field: %v", r.Errors)
	}
	v, _ := h.emu.TopView(alice)
	told := len(h.emu.Ephemerals(alice))
	if r, err := h.ws.Submit(h.ctx, alice, v.ID, map[string]string{complaint.FieldOrder: "", complaint.FieldSeverity: "medium",
		complaint.FieldCategory: "service"}); err != nil || len(r.Errors) > 0 {
		t.Fatalf("submit: %v %v", err, r.Errors)
	}
	h.waitFor("the submitter is told", func() bool { return len(h.emu.Ephemerals(alice)) > told })
	if got := messageText(h.emu.Ephemerals(alice)[told]); !strings.Contains(got, "team channel of TM01") {
		t.Errorf("the submitter should hear it went to the team channel: %s", got)
	}
	h.complaintCard(team, 1)
	c := h.complaint(1)
	if c.Routed || c.Channel != team || !c.AckDue.Equal(complaintT0.Add(30*time.Minute)) || !c.ResolveDue.Equal(complaintT0.Add(6*time.Hour)) {
		t.Fatalf("an unrouted medium complaint under the new SLA: %+v", c)
	}

	// 80 % of the 30 minutes: the channel is reminded, nobody owns it yet.
	h.clock.Set(complaintT0.Add(24 * time.Minute))
	h.run("timers")
	reminders := 0
	for _, m := range h.emu.Messages(team) {
		if strings.Contains(m.Text, "must be acknowledged by 2026-11-30 09:30") {
			reminders++
		}
	}
	if reminders != 1 {
		t.Errorf("ack reminders in the team channel = %d, want 1", reminders)
	}
	h.clock.Set(complaintT0.Add(31 * time.Minute))
	h.run("timers")
	h.run("timers")
	for _, s := range []string{bob, carol, frank} {
		if n := len(h.complaintDMs(s, "was not acknowledged by 2026-11-30 09:30")); n != 1 {
			t.Errorf("supervisor %s got %d ack breach DMs, want 1", s, n)
		}
	}
	if got := h.say(alice, "complaint list overdue"); !strings.Contains(got, "#1") || !strings.Contains(got, "overdue") {
		t.Errorf("overdue list: %s", got)
	}
	if got := h.say(alice, "complaint list mine"); !strings.Contains(got, "#1") {
		t.Errorf("alice recorded #1, nobody owns it: it is hers: %s", got)
	}
	// Acknowledged late: recorded as not on time.
	h.click(alice, h.complaintCard(team, 1), view.ActionComplaintAck)
	h.waitFor("acknowledged", func() bool { return h.complaint(1).AckedBy == alice })
	if c := h.complaint(1); c.AckOnTime || c.EscalationReason != complaint.EscalatedAckOverdue {
		t.Errorf("a late acknowledgement: %+v", c)
	}
	if got := h.say(bob, "complaint show #1"); !strings.Contains(got, "not acknowledged in time") {
		t.Errorf("show: %s", got)
	}
}
