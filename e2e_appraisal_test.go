package main

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"storeops/bot/slackemu"
	"storeops/domain"
	"storeops/domain/appraisal"
	"storeops/domain/approval"
)

// hr is the HR person of the appraisal tests.
const hr = "U0HANA"

func appraisalHarness(t *testing.T) *harness {
	t.Helper()
	h := newHarness(t)
	h.emu.AddUser(slackemu.User{ID: hr, Name: "hana", Locale: "en-US"})
	h.grant(hr, domain.RoleHR)
	return h
}

// apDMs returns the DMs to user whose text contains s.
func (h *harness) apDMs(user, s string) []slackemu.Message {
	var out []slackemu.Message
	for _, m := range h.emu.Messages(h.emu.DMChannel(user)) {
		if strings.Contains(messageText(m), s) {
			out = append(out, m)
		}
	}
	return out
}

func (h *harness) apAt(s string) {
	h.t.Helper()
	h.clock.Set(shanghaiTime(h.t, s))
	h.run("appraisal")
}

func (h *harness) apCycle(user, month string) appraisal.Cycle {
	h.t.Helper()
	m, _ := appraisal.ParseMonth(month)
	c, err := h.app.appraisals.Show(h.ctx, domain.Actor{UserID: user}, user, m)
	if err != nil {
		h.t.Fatalf("appraisal of %s %s: %v", user, month, err)
	}
	return c
}

// apSelf opens the self-assessment from the prompt's button and submits it.
func (h *harness) apSelf(user, month string) {
	h.t.Helper()
	prompts := h.apDMs(user, "self-assessment of "+month)
	if len(prompts) == 0 {
		h.t.Fatalf("%s has no prompt for %s", user, month)
	}
	h.click(user, prompts[0], "Write my self-assessment")
	h.waitFor("self-assessment modal", func() bool { _, ok := h.emu.TopView(user); return ok })
	v, _ := h.emu.TopView(user)
	r, err := h.ws.Submit(h.ctx, user, v.ID, map[string]string{
		appraisal.FieldAchievements: "Listed 12 new products", appraisal.FieldShortcomings: "Two late inquiry replies",
		appraisal.FieldMeasures: "Check the queue every hour", appraisal.FieldRateTask: "85", appraisal.FieldRateStore: "80",
		appraisal.FieldRateCustomer: "75", appraisal.FieldRateTeamwork: "90", appraisal.FieldRateAttitude: "95"})
	if err != nil || len(r.Errors) > 0 {
		h.t.Fatalf("submit self-assessment: %v %v", err, r.Errors)
	}
	h.settle()
}

// apRate opens the rating modal by command as rater and submits the scores.
func (h *harness) apRate(rater, user, month string, score string) *slackemu.Reply {
	h.t.Helper()
	before := len(h.emu.OpenViews(rater))
	h.cmd(rater, "appraisal rate <@"+user+"> "+month)
	h.waitFor("rating modal", func() bool { return len(h.emu.OpenViews(rater)) > before })
	v, _ := h.emu.TopView(rater)
	r, err := h.ws.Submit(h.ctx, rater, v.ID, map[string]string{appraisal.FieldRateTask: score, appraisal.FieldRateStore: score,
		appraisal.FieldRateCustomer: score, appraisal.FieldRateTeamwork: score, appraisal.FieldRateAttitude: score,
		appraisal.FieldComment: "Steady month"})
	if err != nil {
		h.t.Fatalf("submit rating: %v", err)
	}
	h.settle()
	return r
}

// TestAppraisalMonth walks a fake clock through the cycle of November 2026, prompted in
// December in the company zone (Asia/Shanghai): prompts on the 1st at 09:00 and not a
// minute before, reminders on the 3rd and on the deadline morning only to who has not
// submitted, the escalation to HR after the deadline, the rating, the result to the
// assistant and HR, and an appeal granted by HR with the old score kept.
func TestAppraisalMonth(t *testing.T) {
	h := appraisalHarness(t)

	h.apAt("2026-12-01 08:59")
	if n := len(h.apDMs(alice, "self-assessment")); n != 0 {
		t.Fatalf("prompted before 09:00: %d", n)
	}
	h.apAt("2026-12-01 09:00")
	h.apAt("2026-12-01 09:05")
	for _, u := range []string{alice, frank} {
		if n := len(h.apDMs(u, "Time for your self-assessment of 2026-11")); n != 1 {
			t.Fatalf("%s got %d prompts, want 1", u, n)
		}
	}
	if n := len(h.apDMs(bob, "Time for your self-assessment")); n != 0 {
		t.Fatalf("a supervisor who is no assistant was prompted")
	}

	// Alice submits; the supervisors get her rating card with the self-assessment.
	h.clock.Set(shanghaiTime(t, "2026-12-02 10:00"))
	h.apSelf(alice, "2026-11")
	if c := h.apCycle(alice, "2026-11"); c.Status != appraisal.StatusSelfSubmitted || c.Self.Scores.Attitude != 95 {
		t.Fatalf("after submission: %s %+v", c.Status, c.Self)
	}
	for _, u := range []string{bob, carol} {
		if cards := h.apDMs(u, "Rate <@"+alice+">"); len(cards) != 1 || !strings.Contains(messageText(cards[0]), "Listed 12 new products") {
			t.Fatalf("%s's rating card: %d", u, len(cards))
		}
	}

	// Reminders go to Frank alone, once each.
	h.apAt("2026-12-03 09:00")
	h.apAt("2026-12-03 12:00")
	if a, f := len(h.apDMs(alice, "Reminder")), len(h.apDMs(frank, "Reminder: your self-assessment of 2026-11")); a != 0 || f != 1 {
		t.Fatalf("reminders on the 3rd: alice %d, frank %d", a, f)
	}
	h.apAt("2026-12-05 09:00")
	h.apAt("2026-12-05 09:30")
	if a, f := len(h.apDMs(alice, "Last call")), len(h.apDMs(frank, "Last call")); a != 0 || f != 1 {
		t.Fatalf("last calls: alice %d, frank %d", a, f)
	}
	if n := len(h.apDMs(hr, "has not sent")); n != 0 {
		t.Fatalf("escalated before the deadline")
	}
	h.apAt("2026-12-05 18:00")
	h.apAt("2026-12-06 09:00")
	if n := len(h.apDMs(hr, "<@"+frank+"> has not sent the self-assessment of 2026-11")); n != 1 {
		t.Fatalf("escalations to HR: %d", n)
	}
	if n := len(h.apDMs(alice, "has not sent")) + len(h.apDMs(hr, "<@"+alice+"> has not sent")); n != 0 {
		t.Fatalf("alice's submitted cycle escalated")
	}
	if c := h.apCycle(frank, "2026-11"); !c.Late(h.clock.Now()) {
		t.Errorf("frank's cycle not late")
	}

	// Frank may not rate himself; Bob rates Alice.
	if got := h.say(frank, "appraisal rate <@"+frank+"> 2026-11"); !strings.Contains(got, "Nobody rates their own") {
		t.Errorf("self-rating: %s", got)
	}
	h.apRate(bob, alice, "2026-11", "80")
	c := h.apCycle(alice, "2026-11")
	if c.Status != appraisal.StatusPublished || c.Result.Total != 800 || c.Result.Tier != appraisal.TierB {
		t.Fatalf("after rating: %s %s %s", c.Status, appraisal.Tenths(c.Result.Total), c.Result.Tier)
	}
	if n := len(h.apDMs(alice, "appraisal of 2026-11: 80.0, tier B")); n != 1 {
		t.Fatalf("result DMs to alice: %d", n)
	}
	if n := len(h.apDMs(hr, "<@"+alice+">'s appraisal of 2026-11: 80.0")); n != 1 {
		t.Fatalf("result DMs to HR: %d", n)
	}
	if got := h.say(alice, "appraisal show 2026-11"); !strings.Contains(got, "80.0") {
		t.Errorf("show: %s", got)
	}
	if got := h.say(alice, "appraisal show <@"+frank+"> 2026-11"); !strings.Contains(got, "only your own") {
		t.Errorf("alice saw frank's: %s", got)
	}
	if got := h.say(hr, "appraisal show <@"+alice+"> 2026-11"); !strings.Contains(got, "tier B") {
		t.Errorf("HR show: %s", got)
	}

	// An appeal within the window goes to HR; the approve button alone is refused, the
	// adjust command grants it with the new score, and the old one is kept.
	h.clock.Set(shanghaiTime(t, "2026-12-08 10:00"))
	h.cmd(alice, "appraisal appeal 2026-11 My inquiry figures miss the weekend shift")
	h.settle()
	c = h.apCycle(alice, "2026-11")
	if c.Status != appraisal.StatusAppealed || c.AppealID == 0 {
		t.Fatalf("after appeal: %s %d", c.Status, c.AppealID)
	}
	req, err := h.app.approvals.Find(h.ctx, c.AppealID)
	if err != nil || req.Kind != appraisal.KindAppeal || req.Status != approval.StatusPending {
		t.Fatalf("appeal request: %+v %v", req, err)
	}
	if _, err := h.app.approvals.Approve(h.ctx, domain.Actor{UserID: bob, Roles: []domain.Role{domain.RoleSupervisor}}, c.AppealID); err == nil {
		t.Fatalf("a supervisor decided an appeal")
	}
	if got := h.say(hr, "appraisal adjust <@"+alice+"> 2026-11 85 Weekend inquiries were covered by her"); !strings.Contains(got, "adjusted from 80.0 to 85.0") {
		t.Fatalf("adjust: %s", got)
	}
	h.settle()
	c = h.apCycle(alice, "2026-11")
	if c.Status != appraisal.StatusAdjusted || c.Result.Total != 850 || c.Result.Tier != appraisal.TierB || c.Adjustment == nil || c.Adjustment.OldTotal != 800 {
		t.Fatalf("after adjustment: %s %+v %+v", c.Status, c.Result, c.Adjustment)
	}
	if n := h.count("audit_entries", "action = ? AND subject = ?", "appraisal.adjusted", string(c.Subject())); n != 1 {
		t.Errorf("audit rows of the adjustment: %d", n)
	}
	if n := len(h.apDMs(alice, "went from 80.0 to 85.0")); n != 1 {
		t.Errorf("adjustment DMs: %d", n)
	}

	// Frank's late month is rated after the escalation; an appeal after the window is refused.
	h.apRate(bob, frank, "2026-11", "70")
	h.clock.Set(shanghaiTime(t, "2026-12-20 10:00"))
	if got := h.say(frank, "appraisal appeal 2026-11 too low"); !strings.Contains(got, "appeal window of 2026-11 closed") {
		t.Fatalf("late appeal: %s", got)
	}
	if c := h.apCycle(frank, "2026-11"); c.Status != appraisal.StatusPublished {
		t.Fatalf("late appeal changed the cycle: %s", c.Status)
	}
}

// TestAppraisalTwoFailingMonths flags the second failing month to the supervisors and HR,
// and the improvement plan's review is reminded on its day.
func TestAppraisalTwoFailingMonths(t *testing.T) {
	h := appraisalHarness(t)
	h.apAt("2026-12-01 09:00")
	h.apRate(bob, alice, "2026-11", "50")
	if n := len(h.apDMs(hr, "two months in a row")); n != 0 {
		t.Fatalf("flagged after one failing month")
	}
	h.apAt("2027-01-01 09:00")
	h.apRate(bob, alice, "2026-12", "55")
	for _, u := range []string{bob, carol, hr} {
		if n := len(h.apDMs(u, "<@"+alice+"> is below the pass mark of 60.0 for two months in a row (2026-11, 2026-12)")); n != 1 {
			t.Fatalf("%s got %d flags", u, n)
		}
	}
	if c := h.apCycle(alice, "2026-12"); !c.Flagged {
		t.Errorf("cycle not flagged")
	}
	// HR exports the month; a supervisor may not.
	if got := h.say(bob, "appraisal export 2026-12"); strings.Contains(got, "appraisals-2026-12.xlsx") {
		t.Errorf("a supervisor exported: %s", got)
	}
	if got := h.say(hr, "appraisal export 2026-12"); !strings.Contains(got, "appraisals-2026-12.xlsx") {
		t.Fatalf("export: %s", got)
	}
	h.settle()
	found := false
	for _, f := range h.emu.Files() {
		found = found || (f.Name == "appraisals-2026-12.xlsx" && f.Completed && len(f.Bytes) > 0)
	}
	if !found {
		t.Errorf("no workbook uploaded")
	}
	if got := h.say(bob, "appraisal plan <@"+alice+"> 2027-01-20 Answer every inquiry within its promise"); !strings.Contains(got, "2027-01-20 09:00") {
		t.Fatalf("plan: %s", got)
	}
	h.clock.Set(shanghaiTime(t, "2027-01-20 08:59"))
	h.run("timers")
	if n := len(h.apDMs(alice, "due for review")); n != 0 {
		t.Fatalf("plan reminded early")
	}
	h.clock.Set(shanghaiTime(t, "2027-01-20 09:00"))
	h.run("timers")
	for _, u := range []string{alice, bob, hr} {
		if n := len(h.apDMs(u, "due for review today")); n != 1 {
			t.Fatalf("%s got %d plan reminders", u, n)
		}
	}
}

// TestAppraisalPromptsExactlyOnceAcrossInstances runs the cycle's job on three instances
// over one database and Redis at once, with and without the scheduler's lock: every
// assistant is prompted once.
func TestAppraisalPromptsExactlyOnceAcrossInstances(t *testing.T) {
	h := appraisalHarness(t)
	apps := []*app{h.app, instance(h), instance(h)}
	h.clock.Set(shanghaiTime(t, "2026-12-01 09:00"))
	var wg sync.WaitGroup
	for _, a := range apps {
		wg.Go(func() {
			if err := a.scheduler.RunNow(h.ctx, "appraisal"); err != nil {
				t.Error(err)
			}
		})
		// Without the lock, the unique cycle row alone decides.
		wg.Go(func() {
			if _, err := a.appraisals.Tick(context.Background()); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	h.settle()
	for _, u := range []string{alice, frank} {
		if n := len(h.apDMs(u, "Time for your self-assessment of 2026-11")); n != 1 {
			t.Fatalf("%s got %d prompts from three instances, want 1", u, n)
		}
	}
	if n := h.count("appraisal_cycles", "month = ?", "2026-11"); n != 2 {
		t.Fatalf("%d cycles, want 2", n)
	}
}

// TestAppraisalData lists the figures StoreOps computed, each saying what it counts, and
// the campaign figure counts none (Alice owns no checklist item).
func TestAppraisalData(t *testing.T) {
	h := appraisalHarness(t)
	// In November Alice gets one listing approved at its first review, and one only
	// after a rejection; she answers one inquiry in time and one late.
	h.apSeedMonth()

	h.clock.Set(shanghaiTime(t, "2026-12-02 10:00"))
	h.cmd(bob, "appraisal target TM01 2026-11 paid=1000 conversion=2.5%")
	got := h.say(bob, "appraisal data <@"+alice+"> 2026-11")
	for _, want := range []string{"Inquiries answered on time", "answered by the time promised", "Campaign checklist items done on time* none this month",
		"Complaint satisfaction", "Paid amount against target (TM01)", "New listings approved first time* 1 of 2 (50.0%)",
		"Inquiries answered on time* 1 of 2 (50.0%)", "Customer satisfaction* — data part 50.0"} {
		if !strings.Contains(got, want) {
			t.Errorf("data lacks %q:\n%s", want, got)
		}
	}
	if got := h.say(alice, "appraisal data <@"+frank+"> 2026-11"); !strings.Contains(got, "only your own") {
		t.Errorf("alice saw frank's data: %s", got)
	}
}

// TestAppraisalSettings: HR changes the pass mark and the appeal window; the next rating is
// graded by them, and an assistant may not change them.
func TestAppraisalSettings(t *testing.T) {
	h := appraisalHarness(t)
	if got := h.say(alice, "appraisal settings pass=10"); !strings.Contains(got, "needs") {
		t.Errorf("assistant: %s", got)
	}
	if got := h.say(bob, "appraisal settings pass=10"); !strings.Contains(got, "needs") {
		t.Errorf("supervisor changed the settings: %s", got)
	}
	if got := h.say(hr, "appraisal settings task=50"); !strings.Contains(got, "add up to 100") {
		t.Errorf("bad weights: %s", got)
	}
	if got := h.say(hr, "appraisal settings pass=70 appeal=3"); !strings.Contains(got, "Pass mark:* 70.0") || !strings.Contains(got, "within 3 days") {
		t.Fatalf("settings: %s", got)
	}
	h.apAt("2026-12-01 09:00")
	h.apRate(bob, alice, "2026-11", "65")
	c := h.apCycle(alice, "2026-11")
	if c.Result.Passed || c.Result.PassMark != 700 || c.Result.Tier != appraisal.TierD {
		t.Fatalf("graded %+v", c.Result)
	}
	h.clock.Set(shanghaiTime(t, "2026-12-01 09:00").AddDate(0, 0, 3).Add(time.Minute))
	if got := h.say(alice, "appraisal appeal 2026-11 unfair"); !strings.Contains(got, "window of 2026-11 closed") {
		t.Fatalf("appeal after 3 days: %s", got)
	}
}

// TestAppraisalZoneSetting: with STOREOPS_APPRAISAL_TZ set, the prompts go out on the 1st at
// 09:00 in that zone, not in the store's.
func TestAppraisalZoneSetting(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, func(c *Config) { c.AppraisalTZ = london })
	h.apAt("2026-12-01 09:00") // 01:00 in London
	if n := len(h.apDMs(alice, "self-assessment")); n != 0 {
		t.Fatalf("prompted at 09:00 store time: %d", n)
	}
	h.apAt("2026-12-01 17:00") // 09:00 in London
	if n := len(h.apDMs(alice, "Time for your self-assessment of 2026-11")); n != 1 {
		t.Fatalf("prompts at 09:00 London time: %d, want 1", n)
	}
}

// TestAppraisalCampaignItems: the campaign checklist figure counts, per assistant, the items
// they own that fell due in the month and those ticked by their due time; a cancelled
// campaign's items do not count.
func TestAppraisalCampaignItems(t *testing.T) {
	h := appraisalHarness(t)
	h.cpSetup()            // 2026-11-01 09:00
	c, _ := h.cpApproved() // starts 2026-11-11 00:00; alice owns its 5 items, due from the 6th to the 10th
	id := c.Number()
	for _, cmd := range []string{"campaign task assign " + id + " 3 <@" + frank + "|frank>", "campaign task due " + id + " 5 2026-12-02 10:00"} {
		if got := h.say(alice, cmd); !strings.Contains(got, "Item") {
			t.Fatalf("%s: %s", cmd, got)
		}
	}
	tick := func(user, at, no string) {
		t.Helper()
		h.clock.Set(shanghaiTime(t, at))
		if got := h.say(user, "campaign task tick "+id+" "+no); !strings.Contains(got, no) {
			t.Fatalf("tick %s: %s", no, got)
		}
	}
	tick(alice, "2026-11-05 18:00", "1") // due the 6th: on time
	tick(alice, "2026-11-08 12:00", "2") // due the 8th 00:00: late
	tick(frank, "2026-11-08 20:00", "3") // due the 9th: on time, frank's
	// Item 4 (due the 9th) is never ticked; item 5 falls due in December.

	h.clock.Set(shanghaiTime(t, "2026-12-02 10:00"))
	if got := h.say(bob, "appraisal data <@"+alice+"> 2026-11"); !strings.Contains(got, "Campaign checklist items done on time* 1 of 3 (33.3%)") {
		t.Errorf("alice's campaign items:\n%s", got)
	}
	if got := h.say(bob, "appraisal data <@"+frank+"> 2026-11"); !strings.Contains(got, "Campaign checklist items done on time* 1 of 1 (100.0%)") {
		t.Errorf("frank's campaign items:\n%s", got)
	}
	// A cancelled campaign's checklist counts for nobody.
	if got := h.say(bob, "campaign cancel "+id+" budget withdrawn"); !strings.Contains(got, id) {
		t.Fatalf("cancel: %s", got)
	}
	if got := h.say(bob, "appraisal data <@"+alice+"> 2026-11"); !strings.Contains(got, "Campaign checklist items done on time* none this month") {
		t.Errorf("alice's items of a cancelled campaign:\n%s", got)
	}
}

// TestAppraisalItems: each figure of the data view names its own drill-down, which lists
// exactly the records the figure counted, each with its time in the appraisal's zone and
// how it counted; an assistant may not drill into someone else's month.
func TestAppraisalItems(t *testing.T) {
	h := appraisalHarness(t)
	h.apSeedMonth()
	h.clock.Set(shanghaiTime(t, "2026-12-02 10:00"))
	nov := appraisal.Month{Year: 2026, Month: time.November}
	counts := h.apItemsAgree(alice, nov)
	if counts["listings"] != 2 || counts["inquiries"] != 2 {
		t.Fatalf("records listed per figure: %v", counts)
	}

	data := h.say(bob, "appraisal data <@"+alice+"> 2026-11")
	for _, want := range []string{"(`/ops appraisal items <@" + alice + "> 2026-11 listings`)", "(`/ops appraisal items <@" + alice + "> 2026-11 inquiries`)",
		"(`/ops appraisal items <@" + alice + "> 2026-11 held`)"} {
		if !strings.Contains(data, want) {
			t.Errorf("data view lacks %s:\n%s", want, data)
		}
	}

	got := h.say(bob, "appraisal items <@"+alice+"> 2026-11 listings")
	lines := itemLines(got)
	if !strings.Contains(got, "New listings approved first time* 1 of 2 (50.0%)") || len(lines) != 2 {
		t.Fatalf("listings drill-down:\n%s", got)
	}
	for sku, want := range map[string]string{"TM01/MUG-1": "2026-11-20 10:00 — approved first time", "TM01/MUG-2": "2026-11-20 10:00 — approved after a rejection"} {
		if !hasItemLine(lines, sku, want) {
			t.Errorf("no line of %s ending %q:\n%s", sku, want, got)
		}
	}

	got = h.say(bob, "appraisal items <@"+alice+"> 2026-11 inquiries")
	lines = itemLines(got)
	if !strings.Contains(got, "Inquiries answered on time* 1 of 2 (50.0%)") || len(lines) != 2 ||
		!strings.HasPrefix(lines[0], "• `#1`") || !strings.HasSuffix(lines[0], "2026-11-20 11:30 — answered on time") ||
		!strings.HasPrefix(lines[1], "• `#2`") || !strings.HasSuffix(lines[1], "2026-11-20 11:30 — answered late") {
		t.Errorf("inquiries drill-down:\n%s", got)
	}
	// Alice's December has none of them.
	if got := h.say(bob, "appraisal items <@"+alice+"> 2026-12 inquiries"); len(itemLines(got)) != 0 || !strings.Contains(got, "No records this month") {
		t.Errorf("december:\n%s", got)
	}
	// Alice sees her own records, not Frank's; an unknown figure names the known ones.
	if got := h.say(alice, "appraisal items 2026-11 inquiries"); len(itemLines(got)) != 2 {
		t.Errorf("alice's own items:\n%s", got)
	}
	if got := h.say(alice, "appraisal items <@"+frank+"> 2026-11 listings"); !strings.Contains(got, "only your own") || len(itemLines(got)) != 0 {
		t.Errorf("alice saw frank's items: %s", got)
	}
	if got := h.say(bob, "appraisal items <@"+alice+"> 2026-11 sales"); !strings.Contains(got, "no figure") || !strings.Contains(got, "held") {
		t.Errorf("unknown figure: %s", got)
	}
}
