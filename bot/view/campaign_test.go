package view

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"
	"github.com/xuri/excelize/v2"

	"storeops/bot/i18n"
	"storeops/domain"
	"storeops/domain/campaign"
)

var campaignStart = time.Date(2026, 11, 10, 16, 0, 0, 0, time.UTC) // 2026-11-11 00:00 in Shanghai

func campaignCard() campaign.Card {
	start := campaignStart
	return campaign.Card{ID: 12, Version: 3, Store: "TM01", Theme: "Double 11 <双十一>", Type: campaign.TypePlatformEvent,
		Status: campaign.StatusPreparing, Owner: "U1", Zone: "Asia/Shanghai", Start: start, End: start.Add(48 * time.Hour),
		Discount: campaign.Discount{Kind: campaign.DiscountFullReduction, Tiers: []campaign.Tier{{Threshold: 30000, Reduction: 5000}}},
		Budget:   500000, Targets: campaign.Targets{PaidAmount: 10000000, Visitors: 20000, ConversionBP: 300},
		Channels: []campaign.Channel{campaign.ChannelHomeBanner, campaign.ChannelSearchAds}, SKUs: []string{"MUG-1", "MUG-2"},
		Overlaps: []int64{9},
		Tasks: []campaign.TaskCard{
			{No: 1, Key: campaign.TaskPageDesign, Owner: "U1", Due: start.Add(-120 * time.Hour), Done: true, DoneBy: "U1", DoneAt: start.Add(-130 * time.Hour)},
			{No: 2, Key: campaign.TaskStockReserved, Owner: "U2", Due: start.Add(-72 * time.Hour), Late: true},
			{No: 3, Title: "Brief customer service", Owner: "U1", Due: start.Add(-12 * time.Hour)},
		},
		Open: 2, Tickable: true}
}

func runningCard() campaign.Card {
	c := campaignCard()
	c.Status, c.Tickable, c.LaunchedBy, c.LaunchedAt, c.LaunchedAnyway = campaign.StatusRunning, false, "U9", campaignStart, true
	return c
}

func campaignLive() campaign.Live {
	return campaign.Live{Campaign: runningCard(), At: campaignStart.Add(26 * time.Hour), ClockPct: 54, DaysPct: 50, Share: 70,
		Actuals: campaign.Actuals{PaidAmount: 2000000, PaidOrders: 300, Visitors: 9000, PayingBuyers: 270, ConversionBP: 300},
		Figures: []campaign.Figure{
			{Name: campaign.FigurePaidAmount, Actual: 2000000, Due: 5416667, Target: 10000000, PctOfDue: 36, Below: true},
			{Name: campaign.FigureVisitors, Actual: 9000, Due: 10000, Target: 20000, PctOfDue: 90},
			{Name: campaign.FigureConversion, Actual: 300, Due: 300, Target: 300, PctOfDue: 100}},
		Days: []campaign.DayFigures{{Date: "2026-11-11", PaidAmount: 2000000, PaidOrders: 300, Visitors: 9000, PayingBuyers: 270, Metrics: true},
			{Date: "2026-11-12", PaidAmount: 0}},
		SKUs: []campaign.SKUFigures{{SKU: "MUG-1", Units: 200, PaidAmount: 1500000}, {SKU: "MUG-2", Units: 50, PaidAmount: 500000}}}
}

func campaignReport() campaign.Report {
	live := campaignLive()
	live.Campaign.Status = campaign.StatusSummarised
	return campaign.Report{Live: live, Budget: 500000, Cost: 420000, Best: live.SKUs[:1], Worst: live.SKUs[1:],
		Tasks: []campaign.TaskTimeliness{{Task: live.Campaign.Tasks[0], OnTime: true}, {Task: live.Campaign.Tasks[1]}}, OnTime: 1,
		Summary:  campaign.Summary{Worked: "Search ads", NotWorked: "Late stock", Lessons: "Reserve earlier", Cost: 420000, By: "U1", At: campaignStart.Add(50 * time.Hour)},
		Launched: campaign.LaunchFacts{By: "U9", At: campaignStart, Anyway: true}}
}

func TestCampaignGolden(t *testing.T) {
	l := en()
	zh := i18n.New().For("zh")
	text, blocks := CampaignCard(l, campaignCard(), cst)
	golden(t, "campaign_card_preparing", msg(text, blocks))
	text, blocks = CampaignCard(zh, runningCard(), cst)
	golden(t, "campaign_card_running_zh", msg(text, blocks))
	golden(t, "campaign_form", CampaignForm(l, "TM01", "Asia/Shanghai", "C0TEAM"))
	text, blocks = CampaignLive(l, campaignLive(), cst)
	golden(t, "campaign_live", msg(text, blocks))
	text, blocks = CampaignHeld(l, campaign.Held{Campaign: campaignCard(), Open: campaignCard().Tasks[1:], Decide: true}, cst)
	golden(t, "campaign_held_supervisor", msg(text, blocks))
	text, blocks = CampaignReport(l, campaignReport(), cst)
	golden(t, "campaign_report", msg(text, blocks))
	text, blocks = CampaignReport(zh, campaignReport(), cst)
	golden(t, "campaign_report_zh", msg(text, blocks))
}

func TestCampaignCardShowsStoreTimeAndTickButtons(t *testing.T) {
	text, blocks := CampaignCard(en(), campaignCard(), time.UTC)
	all := joined(msg(text, blocks))
	// The store's zone, not the reader's: 00:00 in Shanghai.
	if !strings.Contains(all, "2026-11-11 00:00 – 2026-11-13 00:00 (Asia/Shanghai)") {
		t.Errorf("dates not in the store's zone: %s", all)
	}
	if !strings.Contains(all, "Double 11 &lt;双十一&gt;") {
		t.Errorf("the theme is not escaped: %s", all)
	}
	var ids []string
	for _, b := range actionBlocks(blocks) {
		for _, el := range b.Elements.ElementSet {
			btn := el.(*slack.ButtonBlockElement)
			ids = append(ids, btn.ActionID+"="+btn.Value)
		}
	}
	if strings.Join(ids, " ") != "campaign.tick.2=12:2 campaign.tick.3=12:3" {
		t.Errorf("tick buttons %v: one per open item", ids)
	}
	_, blocks = CampaignCard(en(), runningCard(), time.UTC)
	if len(actionBlocks(blocks)) != 0 {
		t.Error("a running campaign has no tick buttons")
	}
	if id, no, err := ParseCampaignTickValue("12:3"); err != nil || id != 12 || no != 3 {
		t.Errorf("ParseCampaignTickValue: %d %d %v", id, no, err)
	}
	for _, bad := range []string{"", "12", "x:1", "12:0", "-1:2"} {
		if _, _, err := ParseCampaignTickValue(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

var campaignRawKey = regexp.MustCompile(`\b(view\.campaign|campaign)\.[a-z_.]+`)

// TestCampaignViewsFitSlack renders every campaign view in both languages, with long user
// text and the most items, and checks Slack's limits and that no catalog key shows raw.
func TestCampaignViewsFitSlack(t *testing.T) {
	long := strings.Repeat("长文本 long text ", 400)
	huge := campaignCard()
	huge.Theme, huge.CancelReason = long, long
	huge.Discount = campaign.Discount{Kind: campaign.DiscountGift, Gift: long}
	for i := range campaign.MaxSKUs {
		huge.SKUs = append(huge.SKUs, strings.Repeat("S", 60)+string(rune('A'+i%26)))
	}
	for i := range campaign.MaxTasks {
		huge.Tasks = append(huge.Tasks, campaign.TaskCard{No: 4 + i, Title: long, Owner: "U1", Due: campaignStart})
	}
	for i := range 300 {
		huge.Overlaps = append(huge.Overlaps, int64(i))
	}
	hugeLive := campaignLive()
	hugeLive.Campaign = huge
	for i := range 92 {
		hugeLive.Days = append(hugeLive.Days, campaign.DayFigures{Date: "2026-11-12", PaidAmount: domain.Money(i * 100)})
	}
	hugeReport := campaignReport()
	hugeReport.Live = hugeLive
	hugeReport.Summary.Worked, hugeReport.Summary.NotWorked, hugeReport.Summary.Lessons = long, long, long
	for _, l := range []i18n.Localizer{en(), i18n.New().For("zh")} {
		for _, c := range []campaign.Card{campaignCard(), runningCard(), huge} {
			text, blocks := CampaignCard(l, c, cst)
			checkCampaign(t, l, "card", text, blocks)
			checkCampaign(t, l, "detail", "x", CampaignDetail(l, c, &hugeLive, cst))
			for _, tmpl := range []string{campaign.TemplateTaskDue, campaign.TemplateTaskLate} {
				text, blocks = CampaignTaskNotice(l, tmpl, campaign.TaskNotice{Campaign: c, Task: huge.Tasks[5]}, cst)
				checkCampaign(t, l, tmpl, text, blocks)
			}
			text, blocks = CampaignHeld(l, campaign.Held{Campaign: c, Open: huge.Tasks, Decide: true}, cst)
			checkCampaign(t, l, "held", text, blocks)
			text, blocks = CampaignLaunched(l, campaign.Launched{Campaign: c, Anyway: true, Open: huge.Tasks}, cst)
			checkCampaign(t, l, "launched", text, blocks)
			text, blocks = CampaignAlert(l, campaign.Alert{Campaign: c, SoldOut: strings.Repeat("S", 64)})
			checkCampaign(t, l, "sold out", text, blocks)
			text, blocks = CampaignAlert(l, campaign.Alert{Campaign: c, Figure: hugeLive.Figures[0], Share: 70})
			checkCampaign(t, l, "below", text, blocks)
			text, blocks = CampaignEnded(l, c)
			checkCampaign(t, l, "ended", text, blocks)
			for _, m := range []slack.ModalViewRequest{CampaignPostponeForm(l, c, cst), CampaignSummaryForm(l, c)} {
				if err := CheckModal(m); err != nil {
					t.Errorf("%s modal %s: %v", l.Locale(), m.CallbackID, err)
				}
			}
		}
		text, blocks := CampaignLive(l, hugeLive, cst)
		checkCampaign(t, l, "live", text, blocks)
		text, blocks = CampaignReport(l, hugeReport, cst)
		checkCampaign(t, l, "report", text, blocks)
		cards := make([]campaign.Card, 40)
		for i := range cards {
			cards[i] = huge
		}
		checkCampaign(t, l, "list", "x", CampaignList(l, "title", cards, cst))
		checkCampaign(t, l, "list/empty", "x", CampaignList(l, "title", nil, cst))
		if err := CheckModal(CampaignForm(l, "TM01", "Asia/Shanghai", "C0TEAM")); err != nil {
			t.Errorf("form: %v", err)
		}
	}
}

func checkCampaign(t *testing.T, l i18n.Localizer, name, text string, blocks []slack.Block) {
	t.Helper()
	raw, _ := json.Marshal(blocks)
	if err := CheckMessage(blocks); err != nil {
		t.Errorf("%s %s: %v", l.Locale(), name, err)
	}
	if m := campaignRawKey.FindString(strings.Join(texts(msg(text, blocks)), "\n")); m != "" {
		t.Errorf("%s %s shows the key %s", l.Locale(), name, m)
	}
	if m := rawKey.FindString(text + string(raw)); m != "" {
		t.Errorf("%s %s shows the key %s", l.Locale(), name, m)
	}
	if strings.TrimSpace(text) == "" {
		t.Errorf("%s %s has no notification text", l.Locale(), name)
	}
}

func TestOutboxRendersCampaignTemplates(t *testing.T) {
	c := campaignCard()
	for tmpl, payload := range map[string]any{
		campaign.TemplateCard: c, campaign.TemplateTaskDue: campaign.TaskNotice{Campaign: c, Task: c.Tasks[1]},
		campaign.TemplateTaskLate: campaign.TaskNotice{Campaign: c, Task: c.Tasks[1]},
		campaign.TemplateHeld:     campaign.Held{Campaign: c, Open: c.Tasks[1:]}, campaign.TemplateLaunched: campaign.Launched{Campaign: c},
		campaign.TemplateLive: campaignLive(), campaign.TemplateAlert: campaign.Alert{Campaign: c, SoldOut: "MUG-1"},
		campaign.TemplateEnded: c, campaign.TemplateReport: campaignReport(),
	} {
		raw, _ := json.Marshal(payload)
		text, blocks, err := Outbox(en(), tmpl, raw, cst)
		if err != nil || text == "" || len(blocks) == 0 {
			t.Errorf("%s: %q %d blocks %v", tmpl, text, len(blocks), err)
		}
		if _, ok, _ := OutboxFile(en(), tmpl, raw); ok {
			t.Errorf("%s is no file", tmpl)
		}
	}
	raw, _ := json.Marshal(campaignLive())
	f, ok, err := OutboxFile(en(), campaign.TemplateChart, raw)
	if err != nil || !ok || f.Name != "campaign-12-20261111-1800.png" || len(f.Data) == 0 || !strings.Contains(f.Comment, "C-12") {
		t.Errorf("chart file %q %v %v", f.Name, ok, err)
	}
}

// The summary report's workbook is written at delivery from the queued report, in the
// reader's language and the campaign's zone.
func TestOutboxRendersCampaignWorkbook(t *testing.T) {
	raw, _ := json.Marshal(campaignReport())
	f, ok, err := OutboxFile(i18n.New().For("zh"), campaign.TemplateWorkbook, raw)
	if err != nil || !ok || f.Name != "campaign-C-12-TM01.xlsx" || f.Title != "活动报告 C-12" || len(f.Data) == 0 {
		t.Fatalf("workbook file %q %q %v %v", f.Name, f.Title, ok, err)
	}
	x, err := excelize.OpenReader(bytes.NewReader(f.Data))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = x.Close() }()
	if got := x.GetSheetList(); len(got) == 0 || got[0] != i18n.New().For("zh").T("campaign.xlsx.sheet.summary") {
		t.Errorf("sheets %v", got)
	}
	dates, err := x.GetCellValue(x.GetSheetList()[0], "B3")
	if err != nil || !strings.Contains(dates, "2026-11-11 00:00") || !strings.Contains(dates, "Asia/Shanghai") {
		t.Errorf("dates %q %v", dates, err)
	}
	if _, ok, err := OutboxFile(en(), campaign.TemplateWorkbook, []byte("{")); !ok || err == nil {
		t.Errorf("a broken payload is a file that fails: %v %v", ok, err)
	}
}
