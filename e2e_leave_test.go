package main

import (
	"strings"
	"testing"

	"storeops/bot/slackemu"
	"storeops/bot/view"
	"storeops/domain/aftersale"
	"storeops/domain/leave"
)

// TestLeaveHoldsRemindersUntilBack: a supervisor approves the leave; the inquiry reminder
// and broken-promise notice that fall due during it are not sent during it, and once the
// person is back the broken promise is told (the inquiry area drops a reminder that comes
// after its promise); the appraisal reminders skip them too, and the escalation comes
// after the leave.
func TestLeaveHoldsRemindersUntilBack(t *testing.T) {
	h := appraisalHarness(t)
	h.clock.Set(shanghaiTime(t, "2026-11-30 10:00"))
	if got := h.say(frank, "leave 2026-12-10 2026-12-01 annual oops"); !strings.Contains(got, "ends (2026-12-01) before it starts") {
		t.Fatalf("reversed dates: %s", got)
	}
	if got := h.say(frank, "leave 2026-12-02 2026-12-06 holiday x"); !strings.Contains(got, "Unknown type of leave") {
		t.Fatalf("bad type: %s", got)
	}
	n := len(h.cards())
	if got := h.say(frank, "leave 2026-12-02 2026-12-06 annual family visit"); !strings.Contains(got, "from 2026-12-02 to 2026-12-06") {
		t.Errorf("the request's days as asked, in the store's zone: %s", got)
	}
	card := h.card(n + 1)
	// Frank holds the supervisor role too, but nobody approves their own request.
	h.click(frank, card, "approval.approve")
	h.settle()
	if ls, _ := h.app.leave.Current(h.ctx); len(ls) != 0 {
		t.Fatalf("self-approved leave: %+v", ls)
	}
	h.click(bob, card, "approval.approve")
	h.settle()
	ls, err := h.app.leave.Current(h.ctx)
	if err != nil || len(ls) != 1 || ls[0].User != frank || ls[0].Status != leave.StatusApproved {
		t.Fatalf("approved leave: %+v %v", ls, err)
	}
	if got := h.say(alice, "leave list"); !strings.Contains(got, "<@"+frank+"> 2026-12-02 – 2026-12-06, annual leave") {
		t.Errorf("leave list: %s", got)
	}

	// An inquiry owned by Frank, promised during his leave.
	h.clock.Set(shanghaiTime(t, "2026-12-02 10:00"))
	if r := h.recordInquiry(alice, map[string]string{"owner": frank}); len(r.Errors) != 0 {
		t.Fatalf("inquiry: %v", r.Errors)
	}
	h.settle()
	h.clock.Set(shanghaiTime(t, "2026-12-02 13:00"))
	h.run("timers")
	h.clock.Set(shanghaiTime(t, "2026-12-06 23:59"))
	h.run("timers")
	if n := len(h.supportDMs(frank, "is due at")) + len(h.supportDMs(frank, "is overdue")); n != 0 {
		t.Fatalf("reminded during the leave: %d", n)
	}

	// The appraisal: Frank is prompted, but not reminded while away; Alice is.
	h.apAt("2026-12-01 09:00")
	h.apAt("2026-12-03 09:00")
	h.apAt("2026-12-05 09:00")
	h.apAt("2026-12-05 18:00")
	if a, f := len(h.apDMs(alice, "Reminder: your self-assessment")), len(h.apDMs(frank, "Reminder")); a != 1 || f != 0 {
		t.Fatalf("appraisal reminders during frank's leave: alice %d, frank %d", a, f)
	}
	if n := len(h.apDMs(hr, "<@"+frank+"> has not sent")); n != 0 {
		t.Fatalf("escalated during the leave")
	}
	if n := len(h.apDMs(hr, "<@"+alice+"> has not sent")); n != 1 {
		t.Fatalf("alice not escalated: %d", n)
	}

	// Back on the 7th: the held inquiry reminder goes out, and the appraisal escalation.
	h.clock.Set(shanghaiTime(t, "2026-12-07 00:00"))
	h.run("timers")
	if n := len(h.supportDMs(frank, "inquiry #1 at 2026-12-02 12:00 is overdue")); n != 1 {
		t.Fatalf("notices after the leave: %d", n)
	}
	h.apAt("2026-12-07 09:00")
	if n := len(h.apDMs(hr, "<@"+frank+"> has not sent")); n != 1 {
		t.Fatalf("escalations after the leave: %d", n)
	}
}

// TestApprovalRemindersWaitForApproversOnLeave: with approval cards sent by DM, the daily
// reminder skips an approver on approved leave; a request whose every approver is away is
// not reminded at all (and not marked reminded), and each is reminded once back.
func TestApprovalRemindersWaitForApproversOnLeave(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.ApprovalsChannel = "" })
	h.clock.Set(shanghaiTime(t, "2026-12-01 10:00"))
	approveLeave := func(user, dates, approver string) {
		t.Helper()
		h.cmd(user, "leave "+dates+" annual trip")
		var card slackemu.Message
		h.waitFor("leave card to "+approver, func() bool {
			for _, m := range h.apDMs(approver, "<@"+user+">") {
				if len(m.Buttons()) > 0 {
					card = m
				}
			}
			return len(card.Buttons()) > 0
		})
		h.click(approver, card, "approval.approve")
		h.settle()
	}
	approveLeave(bob, "2026-12-02 2026-12-04", carol)
	approveLeave(carol, "2026-12-02 2026-12-03", bob)
	if ls, err := h.app.leave.Current(h.ctx); err != nil || len(ls) != 2 {
		t.Fatalf("approved leave: %+v %v", ls, err)
	}
	// Frank files a listing: Bob and Carol decide it (nobody decides their own).
	h.submitNewListing(frank, nil)
	h.waitFor("listing card", func() bool { return len(h.apDMs(bob, "Red ceramic mug")) > 0 })
	reminders := func(user string) int { return len(h.apDMs(user, "Reminder: New listing")) }
	remindAt := func(at string) {
		t.Helper()
		h.clock.Set(shanghaiTime(t, at))
		h.run("approval-reminders")
		h.settle()
	}

	remindAt("2026-12-02 11:00") // overdue, but both approvers are away
	if b, c := reminders(bob), reminders(carol); b != 0 || c != 0 {
		t.Fatalf("reminded during the leave: bob %d, carol %d", b, c)
	}
	remindAt("2026-12-04 00:30") // Carol is back, Bob is not
	if b, c := reminders(bob), reminders(carol); b != 0 || c != 1 {
		t.Fatalf("after carol's leave: bob %d, carol %d; want 0, 1", b, c)
	}
	remindAt("2026-12-04 12:00") // once a day
	if c := reminders(carol); c != 1 {
		t.Fatalf("carol reminded twice in a day: %d", c)
	}
	remindAt("2026-12-05 01:00") // Bob is back too
	if b, c := reminders(bob), reminders(carol); b != 1 || c != 2 {
		t.Fatalf("after both leaves: bob %d, carol %d; want 1, 2", b, c)
	}
}

// TestAssigningWorkSaysWhoIsOnLeave: work given to a person on approved leave is given all
// the same, and the one giving it hears until when they are away: an inquiry's owner, a
// campaign checklist item, an after-sales case moved while its owner is away, and a
// complaint escalated to the supervisors.
func TestAssigningWorkSaysWhoIsOnLeave(t *testing.T) {
	h := newHarness(t)
	h.cpSetup() // 2026-11-01 09:00, TM01 → #team
	for _, l := range []struct{ user, dates string }{{frank, "2026-11-02 2026-11-05"}, {alice, "2026-11-02 2026-11-04"}} {
		n := len(h.cards())
		h.cmd(l.user, "leave "+l.dates+" annual trip")
		h.click(bob, h.card(n+1), "approval.approve")
		h.settle()
	}
	ref := h.aftersaleStore(1, "450.00", "900.00")
	n := len(h.cards())
	if r := h.asOpenCase(alice, ref, nil); len(r.Errors) > 0 {
		t.Fatalf("case refused: %v", r.Errors)
	}
	h.click(bob, h.card(n+1), "approval.approve")
	cs := h.asLastCase()
	h.waitFor("case approved", func() bool { return h.asCase(cs.ID).Status == aftersale.StatusApproved })
	c, _ := h.cpApproved()

	h.clock.Set(shanghaiTime(t, "2026-11-03 10:00"))
	frankAway := "<@" + frank + "> is on leave until 2026-11-05."
	aliceAway := "<@" + alice + "> is on leave until 2026-11-04."
	if got := h.say(bob, "campaign task assign "+c.Number()+" 2 <@"+frank+"|frank>"); !strings.Contains(got, frankAway) {
		t.Errorf("task assigned to frank: %s", got)
	}
	if got := h.say(frank, "campaign task assign "+c.Number()+" 3 <@"+bob+"|bob>"); strings.Contains(got, "on leave") {
		t.Errorf("bob is not on leave: %s", got)
	}
	if cc := h.cpCampaign(c.ID); cc.Tasks[1].No != 2 || cc.Tasks[1].Owner != frank {
		t.Errorf("item 2 owner %+v, want frank all the same", cc.Tasks[1])
	}

	if r := h.recordInquiry(bob, map[string]string{"owner": frank}); len(r.Errors) != 0 {
		t.Fatalf("inquiry: %v", r.Errors)
	}
	h.waitFor("the inquiry's owner is on leave", func() bool {
		for _, m := range h.emu.Ephemerals(bob) {
			if strings.Contains(m.Text, "owner <@"+frank+">") && strings.Contains(m.Text, frankAway) {
				return true
			}
		}
		return false
	})

	if got := h.say(bob, "aftersale move "+asID(cs.ID)+" awaiting_return"); !strings.Contains(got, "awaiting return") || !strings.Contains(got, aliceAway) {
		t.Errorf("case moved while its owner is away: %s", got)
	}

	h.emu.AddChannel(logistics, "logistics")
	h.say(bob, "complaint route logistics <#"+logistics+"|logistics>")
	if r := h.openComplaint(bob, nil); len(r.Errors) > 0 {
		t.Fatalf("complaint refused: %v", r.Errors)
	}
	before := len(h.emu.Ephemerals(carol))
	h.click(carol, h.complaintCard(logistics, 1), view.ActionComplaintEscalate)
	h.waitFor("escalation answered", func() bool { return len(h.emu.Ephemerals(carol)) > before })
	if got := messageText(h.emu.Ephemerals(carol)[before]); !strings.Contains(got, frankAway) || strings.Contains(got, "<@"+bob+"> is on leave") {
		t.Errorf("escalated to the supervisors, frank away: %s", got)
	}
}

// TestApprovalChannelRemindersWaitWhileEveryApproverIsAway: with an approvals channel the
// reminder is posted there unless every approver who could decide is on leave; it is posted
// as soon as one is back.
func TestApprovalChannelRemindersWaitWhileEveryApproverIsAway(t *testing.T) {
	h := newHarness(t)
	h.clock.Set(shanghaiTime(t, "2026-12-01 10:00"))
	for _, l := range []struct{ user, dates, approver string }{
		{bob, "2026-12-02 2026-12-04", carol}, {carol, "2026-12-02 2026-12-03", frank}, {frank, "2026-12-02 2026-12-03", bob},
	} {
		n := len(h.cards())
		h.cmd(l.user, "leave "+l.dates+" annual trip")
		h.click(l.approver, h.card(n+1), "approval.approve")
		h.settle()
	}
	if ls, err := h.app.leave.Current(h.ctx); err != nil || len(ls) != 3 {
		t.Fatalf("approved leave: %+v %v", ls, err)
	}
	h.submitNewListing(alice, nil)
	h.settle()
	reminders := func() int {
		n := 0
		for _, m := range h.cards() {
			if strings.Contains(m.Text, "Reminder: New listing") {
				n++
			}
		}
		return n
	}
	h.clock.Set(shanghaiTime(t, "2026-12-02 11:00"))
	h.run("approval-reminders")
	if n := reminders(); n != 0 {
		t.Fatalf("reminded while every approver is away: %d", n)
	}
	h.clock.Set(shanghaiTime(t, "2026-12-04 00:30")) // carol and frank are back
	h.run("approval-reminders")
	if n := reminders(); n != 1 {
		t.Fatalf("reminders once an approver is back: %d, want 1", n)
	}
}
