package main

import (
	"slices"
	"strings"
	"testing"
	"time"

	"storeops/bot/slackemu"
	"storeops/bot/view"
	"storeops/domain"
	"storeops/domain/campaign"
	"storeops/domain/listing"
	"storeops/domain/listing/listingdb"
	"storeops/domain/metrics"
)

// cpShanghai is the company zone of the harness (and so TM01's).
func cpShanghai(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// cpPlan points TM01 at #team, opens the plan modal as user and submits values over a
// Double 11 plan (2026-11-11 00:00 to 2026-11-13 00:00, 100,000.00 and 20,000 visitors).
func (h *harness) cpPlan(user string, values map[string]string) *slackemu.Reply {
	h.t.Helper()
	before, _ := h.emu.TopView(user)
	h.cmd(user, "campaign new TM01")
	h.waitFor("campaign modal", func() bool { v, ok := h.emu.TopView(user); return ok && v.ID != before.ID })
	v, _ := h.emu.TopView(user)
	all := map[string]string{campaign.FieldTheme: "Double 11 双十一", campaign.FieldType: "platform_event",
		campaign.FieldStart: "2026-11-11 00:00", campaign.FieldEnd: "2026-11-13 00:00", campaign.FieldDiscount: "full_reduction",
		campaign.FieldDiscountParams: "300-50, 500-100", campaign.FieldBudget: "5000", campaign.FieldTargetAmount: "100000",
		campaign.FieldTargetVisitors: "20000", campaign.FieldTargetConv: "3", campaign.FieldChannels: "home_banner,search_ads",
		campaign.FieldSKUs: "MUG-1, MUG-2"}
	for k, val := range values {
		all[k] = val
	}
	r, err := h.ws.Submit(h.ctx, user, v.ID, all)
	if err != nil {
		h.t.Fatalf("submit plan: %v", err)
	}
	return r
}

func (h *harness) cpCampaign(id int64) campaign.Campaign {
	h.t.Helper()
	c, err := h.app.campaigns.Find(h.ctx, id)
	if err != nil {
		h.t.Fatal(err)
	}
	return c
}

func (h *harness) cpAudit(action string, id int64) []string {
	h.t.Helper()
	var actors []string
	if err := h.db.Table("audit_entries").Where("action = ? AND subject = ?", action, "campaign:"+asID(id)).Order("id").Pluck("actor", &actors).Error; err != nil {
		h.t.Fatal(err)
	}
	return actors
}

func (h *harness) cpSetup() *time.Location {
	h.t.Helper()
	sh := cpShanghai(h.t)
	h.clock.Set(time.Date(2026, 11, 1, 9, 0, 0, 0, sh))
	if got := h.say(erin, "store channel TM01 <#"+team+"|team>"); !strings.Contains(got, "TM01") {
		h.t.Fatalf("store channel: %s", got)
	}
	return sh
}

// cpApproved plans the default campaign as alice and has bob approve it; it returns the
// campaign and its card in #team.
func (h *harness) cpApproved() (campaign.Campaign, slackemu.Message) {
	h.t.Helper()
	n := len(h.cards())
	if r := h.cpPlan(alice, nil); len(r.Errors) > 0 {
		h.t.Fatalf("plan refused: %v", r.Errors)
	}
	card := h.card(n + 1)
	if text := messageText(card); !strings.Contains(text, "Double 11") || !strings.Contains(text, "100000.00") {
		h.t.Errorf("approval card should show the plan: %s", text)
	}
	h.click(bob, card, "approval.approve")
	var c campaign.Campaign
	h.waitFor("campaign approved", func() bool {
		cs, _ := h.app.campaigns.List(h.ctx, campaign.ListUpcoming, 10)
		for _, x := range cs {
			if x.Status == campaign.StatusPreparing {
				c = x
				return true
			}
		}
		return false
	})
	h.settle()
	return c, h.asMessage(team, "Campaign "+c.Number())
}

func TestCampaignPlanApprovedTickedLaunchedWatchedAndSummarised(t *testing.T) {
	h := newHarness(t)
	sh := h.cpSetup()

	// Inline validation: end before start, a target of zero.
	r := h.cpPlan(alice, map[string]string{campaign.FieldEnd: "2026-11-10 00:00", campaign.FieldTargetAmount: "0"})
	if !strings.Contains(r.Errors[campaign.FieldEnd], "after the start") || !strings.Contains(r.Errors[campaign.FieldTargetAmount], "above zero") {
		t.Fatalf("inline errors: %v", r.Errors)
	}

	c, card := h.cpApproved()
	if c.Owner != alice || len(c.Tasks) != 5 || c.Targets.PaidAmount != 10000000 {
		t.Fatalf("approved campaign: %+v", c)
	}
	if !c.Start.Equal(time.Date(2026, 11, 11, 0, 0, 0, 0, sh)) {
		t.Errorf("start %s: the form's times are the store's", c.Start)
	}
	if got := len(card.Buttons()); got != 5 {
		t.Fatalf("the card offers %d tick buttons, want 5: %s", got, messageText(card))
	}
	if got := h.cpAudit("campaign.approve", c.ID); len(got) != 1 || got[0] != bob {
		t.Errorf("approval audit: %v", got)
	}

	// Ticking: the button disappears and the checklist says who did it.
	h.click(alice, card, view.CampaignTickAction(1))
	h.waitFor("item 1 ticked", func() bool { x := h.cpCampaign(c.ID); t1, _ := x.Task(1); return t1.Done })
	h.settle()
	card, _ = h.emu.Message(team, card.TS)
	if got := len(card.Buttons()); got != 4 || !strings.Contains(messageText(card), "1 of 5 done") {
		t.Errorf("after a tick: %d buttons, %s", got, messageText(card))
	}
	if got := h.say(alice, "campaign task tick "+c.Number()+" 1"); !strings.Contains(got, "already ticked by <@"+alice+">") {
		t.Errorf("second tick: %s", got)
	}
	// The checklist is editable: an item added, one given to frank, one moved.
	if got := h.say(alice, "campaign task add "+c.Number()+" -12h Brief the customer service team"); !strings.Contains(got, "Item 6 added") {
		t.Errorf("task add: %s", got)
	}
	if got := h.say(alice, "campaign task assign "+c.Number()+" 6 <@"+frank+"|frank>"); !strings.Contains(got, "<@"+frank+">") {
		t.Errorf("task assign: %s", got)
	}
	if got := h.say(alice, "campaign task due "+c.Number()+" 6 2026-11-10 20:00"); !strings.Contains(got, "2026-11-10 20:00") {
		t.Errorf("task due: %s", got)
	}

	// Reminders: the day before item 2 (stock reserved, due the 8th 00:00) alice is reminded,
	// once; after its due time she is told it is late.
	h.clock.Set(time.Date(2026, 11, 7, 1, 0, 0, 0, sh))
	h.run("timers")
	h.settle()
	if n := h.asDMs(alice, "Reminder: item “Stock reserved for the campaign SKUs”"); n != 1 {
		t.Errorf("%d reminders of item 2", n)
	}
	h.run("timers")
	h.settle()
	if n := h.asDMs(alice, "Reminder: item “Stock reserved"); n != 1 {
		t.Errorf("the reminder is sent once, got %d", n)
	}
	h.clock.Set(time.Date(2026, 11, 8, 0, 30, 0, 0, sh))
	h.run("timers")
	h.settle()
	if n := h.asDMs(alice, "Late: item “Stock reserved"); n != 1 {
		t.Errorf("%d late notices of item 2", n)
	}

	// Tick everything but item 2 and frank's; at the start the launch is held.
	for _, no := range []int{3, 4, 5} {
		h.say(alice, "campaign task tick "+c.Number()+" "+asID(int64(no)))
	}
	h.clock.Set(time.Date(2026, 11, 11, 0, 0, 30, 0, sh))
	h.run("timers")
	h.settle()
	if got := h.cpCampaign(c.ID); got.Status != campaign.StatusPreparing || got.HeldAt.IsZero() {
		t.Fatalf("with items open the launch is held: %+v", got.Status)
	}
	held := h.asMessage(h.emu.DMChannel(bob), "is held: 2 checklist item(s) are open")
	if len(held.Buttons()) != 2 {
		t.Errorf("the supervisor's notice offers launch anyway and postpone: %s", messageText(held))
	}
	if h.asDMs(alice, "is held") != 1 || h.asDMs(frank, "is held") != 1 {
		t.Errorf("the owners of open items are told")
	}
	if got := h.say(alice, "campaign list upcoming"); !strings.Contains(got, c.Number()) || !strings.Contains(got, "2 open") {
		t.Errorf("list upcoming: %s", got)
	}
	h.click(bob, held, view.ActionCampaignLaunch)
	h.waitFor("launched anyway", func() bool { return h.cpCampaign(c.ID).Status == campaign.StatusRunning })
	if got := h.cpCampaign(c.ID); !got.LaunchedAnyway || got.LaunchedBy != bob {
		t.Errorf("launch: %+v", got)
	}
	if got := h.cpAudit("campaign.launch_anyway", c.ID); len(got) != 1 || got[0] != bob {
		t.Errorf("launch anyway audit: %v", got)
	}
	h.settle()
	h.asMessage(team, "was launched anyway by <@"+bob+"> with 2 item(s) open")
	card, _ = h.emu.Message(team, card.TS)
	if len(card.Buttons()) != 0 {
		t.Errorf("a running campaign's card has no tick buttons: %s", messageText(card))
	}

	// Watch: day 1's figures are far below the target; the 02:00 post of day 2 shows them
	// against the pro-rated target and alice is alerted.
	h.clock.Set(time.Date(2026, 11, 12, 2, 0, 0, 0, sh))
	// Two orders: one of day 1, which day 1's figures already count, and one of today,
	// which only the orders count.
	o1, o2 := cleanOrder(1), cleanOrder(2)
	o2["created_at"], o2["paid_at"] = "2026-11-12T00:59:00+08:00", "2026-11-12T01:00:00+08:00"
	for _, o := range []map[string]any{o1, o2} {
		if r := h.postOrders(h.rotateToken("TM01"), o).Results[0]; r.OrderID == 0 {
			t.Fatalf("order not stored: %+v", r)
		}
	}
	if _, err := h.app.figures.Record(h.ctx, domain.Actor{UserID: erin, Roles: []domain.Role{domain.RoleAdmin}}, "TM01", []metrics.Input{{
		Date: "2026-11-11", Visitors: "9000", PayingBuyers: "270", PaidOrders: "300", PaidAmount: "20000.00",
		SKUs: []metrics.SKUInput{{SKU: "MUG-1", Units: "200", PaidAmount: "15000.00"}, {SKU: "MUG-2", Units: "50", PaidAmount: "5000.00"}}}}); err != nil {
		t.Fatal(err)
	}
	now := h.clock.Now()
	for _, l := range []listing.Listing{{StoreCode: "TM01", SKU: "MUG-1", Title: "Mug", Price: 5000, Stock: 40},
		{StoreCode: "TM01", SKU: "MUG-2", Title: "Mug", Price: 5000, Stock: 0}} {
		l.Status, l.Owner, l.CreatedAt, l.UpdatedAt, l.Version = listing.StatusLive, alice, now, now, 1
		if err := listingdb.New(h.db).Create(h.ctx, &l); err != nil {
			t.Fatal(err)
		}
	}
	files := len(h.emu.Files())
	h.run("campaign-watch")
	h.settle()
	live := h.asMessage(team, "Live: "+c.Number())
	if text := messageText(live); !strings.Contains(text, "20,129.90 of 54,166.67 due so far (37%)") || !strings.Contains(text, "⚠") {
		t.Errorf("live post: %s", text)
	}
	if n := h.asDMs(alice, "Paid amount is 20,129.90, 37% of the 54,166.67 due so far, below 70%"); n != 1 {
		t.Errorf("%d alerts: %v", n, h.emu.Messages(h.emu.DMChannel(alice)))
	}
	if len(h.emu.Files()) != files+1 {
		t.Errorf("the live post comes with a chart")
	}
	if n := h.asDMs(alice, "campaign SKU MUG-2 is sold out"); n != 1 {
		t.Errorf("%d sold-out alerts for MUG-2", n)
	}
	if n := h.asDMs(alice, "MUG-1 is sold out"); n != 0 {
		t.Errorf("MUG-1 has stock")
	}
	posts := len(h.emu.Messages(team))
	h.run("campaign-watch")
	h.settle()
	if got := len(h.emu.Messages(team)); got != posts {
		t.Errorf("a second run in the same slot posted %d messages", got-posts)
	}
	if n := h.asDMs(alice, "is sold out"); n != 1 {
		t.Errorf("the sold-out alert is sent once, got %d", n)
	}
	// The next slot (04:00) posts again, without an alert once the owner lowered the share
	// to 30 %; the closing summary at 21:00 says it is the day's.
	if got := h.say(alice, "campaign alert "+c.Number()+" 30"); !strings.Contains(got, "below 30%") {
		t.Errorf("alert share: %s", got)
	}
	h.clock.Set(time.Date(2026, 11, 12, 4, 0, 0, 0, sh))
	h.run("campaign-watch")
	h.settle()
	if n := h.asDMs(alice, "Paid amount is"); n != 1 {
		t.Errorf("34%% is above the owner's 30%%: %d alerts", n)
	}
	if got := len(h.emu.Messages(team)); got != posts+2 {
		t.Errorf("the 04:00 slot posted %d messages, want 2 (the figures and their chart)", got-posts)
	}
	h.clock.Set(time.Date(2026, 11, 12, 21, 5, 0, 0, sh))
	h.run("campaign-watch")
	h.settle()
	h.asMessage(team, "Closing of the day: "+c.Number())
	if show := h.say(bob, "campaign show "+c.Number()); !strings.Contains(show, "2026-11-12 · paid 129.90 · 1 orders") || !strings.Contains(show, "Checklist: 4 of 6 done") {
		t.Errorf("show: %s", show)
	}

	// The end: alice is asked for the summary, files it; the report goes to #team.
	h.clock.Set(time.Date(2026, 11, 13, 0, 0, 30, 0, sh))
	h.run("timers")
	h.settle()
	if got := h.cpCampaign(c.ID).Status; got != campaign.StatusEnded {
		t.Fatalf("at the end: %s", got)
	}
	ask := h.asMessage(h.emu.DMChannel(alice), "has ended")
	files = len(h.emu.Files())
	// Slack is down for the workbook's first upload: it must still arrive (the outbox
	// retries it), in the report's thread.
	h.emu.FailNextWith("files.getUploadURLExternal", 1, "service_unavailable")
	h.click(alice, ask, view.ActionCampaignSummary)
	h.waitFor("summary modal", func() bool { v, ok := h.emu.TopView(alice); return ok && v.CallbackID == view.CallbackCampaignSummary })
	v, _ := h.emu.TopView(alice)
	if r, err := h.ws.Submit(h.ctx, alice, v.ID, map[string]string{campaign.FieldWorked: "Search ads brought buyers",
		campaign.FieldNotWorked: "Stock came late", campaign.FieldLessons: "Reserve stock a week ahead", campaign.FieldCost: "4200"}); err != nil || len(r.Errors) > 0 {
		t.Fatalf("summary: %v %v", err, r.Errors)
	}
	if got := h.cpCampaign(c.ID); got.Status != campaign.StatusSummarised || got.Summary.Lessons != "Reserve stock a week ahead" {
		t.Fatalf("after the summary: %+v", got)
	}
	// The outbox waits on the store's clock between attempts: move it on until the upload
	// goes through.
	workbook := func() (slackemu.File, bool) {
		for _, f := range h.emu.Files()[files:] {
			if f.Name == "campaign-C-1-TM01.xlsx" && f.Completed {
				return f, true
			}
		}
		return slackemu.File{}, false
	}
	for i := 0; ; i++ {
		if _, ok := workbook(); ok {
			break
		}
		if i == 200 {
			t.Fatalf("the workbook never came; outbox: %d pending", h.count("outbox_messages", "status = ?", "pending"))
		}
		h.clock.Advance(time.Minute)
		h.app.dispatcher.Nudge()
		time.Sleep(20 * time.Millisecond)
	}
	h.settle()
	repMsg := h.asMessage(team, "Campaign report: "+c.Number())
	rep := messageText(repMsg)
	for _, want := range []string{"Search ads brought buyers", "Cost 4,200.00 of a budget of 5,000.00", "`MUG-1` · 200 units", "items done on time"} {
		if !strings.Contains(rep, want) {
			t.Errorf("report lacks %q: %s", want, rep)
		}
	}
	if f, _ := workbook(); !slices.Contains(f.Channels, team) || f.ThreadTS != repMsg.TS || len(f.Bytes) == 0 {
		t.Errorf("workbook %s to %v in thread %q (report %s), %d bytes", f.Name, f.Channels, f.ThreadTS, repMsg.TS, len(f.Bytes))
	}
	if calls := h.emu.Calls("files.getUploadURLExternal"); len(calls) < 2 || calls[len(calls)-2].OK() {
		t.Errorf("the first upload of the workbook should have failed: %d calls", len(calls))
	}
	// On demand, the workbook goes to the asker's DM.
	before := len(h.emu.Files())
	if got := h.say(bob, "campaign export "+c.Number()); !strings.Contains(got, "campaign-C-1-TM01.xlsx") {
		t.Errorf("export: %s", got)
	}
	h.waitFor("exported workbook", func() bool { return len(h.emu.Files()) > before })
	if f := h.emu.Files()[before]; f.Name != "campaign-C-1-TM01.xlsx" || !slices.Contains(f.Channels, h.emu.DMChannel(bob)) || len(f.Bytes) == 0 {
		t.Errorf("exported workbook %s to %v, %d bytes", f.Name, f.Channels, len(f.Bytes))
	}
	if got := h.say(alice, "campaign list ended"); !strings.Contains(got, c.Number()) {
		t.Errorf("list ended: %s", got)
	}
}

func TestCampaignLaunchesOnTimeWhenTheChecklistIsDone(t *testing.T) {
	h := newHarness(t)
	sh := h.cpSetup()
	c, _ := h.cpApproved()
	for _, tk := range c.Tasks {
		h.say(alice, "campaign task tick "+c.Number()+" "+asID(int64(tk.No)))
	}
	h.clock.Set(time.Date(2026, 11, 11, 0, 0, 30, 0, sh))
	h.run("timers")
	h.settle()
	got := h.cpCampaign(c.ID)
	if got.Status != campaign.StatusRunning || got.LaunchedAnyway || got.LaunchedBy != domain.SystemUser {
		t.Fatalf("a prepared campaign launches at its start: %+v", got)
	}
	h.asMessage(team, "is running until 2026-11-13 00:00")
}

func TestCampaignHeldThenPostponed(t *testing.T) {
	h := newHarness(t)
	sh := h.cpSetup()
	c, _ := h.cpApproved()
	h.clock.Set(time.Date(2026, 11, 11, 0, 0, 30, 0, sh))
	h.run("timers")
	h.settle()
	if testing.Verbose() {
		t.Log(h.log.String())
	}
	held := h.asMessage(h.emu.DMChannel(bob), "is held")
	if _, err := h.ws.ClickButton(h.ctx, alice, held.Target(), view.ActionCampaignLaunch); err == nil {
		h.settle()
		if h.cpCampaign(c.ID).Status != campaign.StatusPreparing {
			t.Fatal("an assistant cannot launch anyway")
		}
	}
	h.click(bob, held, view.ActionCampaignPostpone)
	h.waitFor("postpone modal", func() bool { v, ok := h.emu.TopView(bob); return ok && v.CallbackID == view.CallbackCampaignPostpone })
	v, _ := h.emu.TopView(bob)
	if r, err := h.ws.Submit(h.ctx, bob, v.ID, map[string]string{campaign.FieldStart: "2026-11-10 00:00", campaign.FieldEnd: "2026-11-20 00:00"}); err != nil ||
		!strings.Contains(r.Errors[campaign.FieldStart], "in the future") {
		t.Fatalf("a start in the past: %v %v", err, r.Errors)
	}
	if r, err := h.ws.Submit(h.ctx, bob, v.ID, map[string]string{campaign.FieldStart: "2026-11-18 00:00", campaign.FieldEnd: "2026-11-20 00:00"}); err != nil || len(r.Errors) > 0 {
		t.Fatalf("postpone: %v %v", err, r.Errors)
	}
	got := h.cpCampaign(c.ID)
	if !got.Start.Equal(time.Date(2026, 11, 18, 0, 0, 0, 0, sh)) || !got.HeldAt.IsZero() || got.Status != campaign.StatusPreparing {
		t.Fatalf("postponed: %+v", got)
	}
	if got := h.cpAudit("campaign.postpone", c.ID); len(got) != 1 || got[0] != bob {
		t.Errorf("postpone audit: %v", got)
	}
	// The launch timer moved with the start: nothing happens before it.
	h.clock.Set(time.Date(2026, 11, 12, 0, 0, 0, 0, sh))
	h.run("timers")
	h.settle()
	if !h.cpCampaign(c.ID).HeldAt.IsZero() {
		t.Error("held again before the new start")
	}
	// Cancelling is a supervisor's, with a reason; it ends the timers.
	if got := h.say(alice, "campaign cancel "+c.Number()+" budget cut"); !strings.Contains(got, "supervisor") {
		t.Errorf("an assistant cancels: %s", got)
	}
	if got := h.say(bob, "campaign cancel "+c.Number()+" budget cut"); !strings.Contains(got, "is cancelled") {
		t.Fatalf("cancel: %s", got)
	}
	if pending, _ := h.app.timers.Pending(h.ctx, h.cpCampaign(c.ID).Subject()); len(pending) != 0 {
		t.Errorf("a cancelled campaign keeps timers: %+v", pending)
	}
	if got := h.say(bob, "campaign cancel "+c.Number()+" again"); !strings.Contains(got, "cancelled and cannot go to cancelled") {
		t.Errorf("cancel twice: %s", got)
	}
}

func TestCampaignOverlapIsNamedNotRefused(t *testing.T) {
	h := newHarness(t)
	h.cpSetup()
	first, _ := h.cpApproved()
	n := len(h.cards())
	before := len(h.emu.Ephemerals(alice))
	if r := h.cpPlan(alice, map[string]string{campaign.FieldTheme: "Warm-up", campaign.FieldStart: "2026-11-12 00:00", campaign.FieldEnd: "2026-11-14 00:00"}); len(r.Errors) > 0 {
		t.Fatalf("an overlap is no error: %v", r.Errors)
	}
	h.waitFor("planner told", func() bool { return len(h.emu.Ephemerals(alice)) > before })
	if msg := messageText(h.emu.Ephemerals(alice)[before]); !strings.Contains(msg, "overlaps "+first.Number()) {
		t.Errorf("the planner is told of the overlap: %s", msg)
	}
	if text := messageText(h.card(n + 1)); !strings.Contains(text, first.Number()) {
		t.Errorf("the approval card names the overlap: %s", text)
	}
	// Another type or store does not overlap.
	before = len(h.emu.Ephemerals(alice))
	h.cpPlan(alice, map[string]string{campaign.FieldType: "holiday"})
	h.waitFor("planner told", func() bool { return len(h.emu.Ephemerals(alice)) > before })
	if msg := messageText(h.emu.Ephemerals(alice)[before]); strings.Contains(msg, "overlaps") {
		t.Errorf("a holiday campaign does not overlap a platform event: %s", msg)
	}
	if got := h.say(bob, "help campaign"); !strings.Contains(got, "campaign new") || !strings.Contains(got, "campaign task due") {
		t.Errorf("help: %s", got)
	}
}
