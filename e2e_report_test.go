package main

import (
	"bytes"
	"image/png"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"storeops/bot/slackemu"
)

// periodReports are the weekly or monthly report posts in a channel.
func periodReports(emu *slackemu.Slack, channel, title string) []slackemu.Message {
	var out []slackemu.Message
	for _, m := range emu.Messages(channel) {
		if (m.ThreadTS == "" || m.ThreadTS == m.TS) && strings.Contains(m.Text, title) {
			out = append(out, m)
		}
	}
	return out
}

func filesNamed(emu *slackemu.Slack, prefix string) []slackemu.File {
	var out []slackemu.File
	for _, f := range emu.Files() {
		if strings.HasPrefix(f.Name, prefix) {
			out = append(out, f)
		}
	}
	return out
}

func TestReportWeeklyOnDemandComparesWithTheWeekBefore(t *testing.T) {
	h := digestHarness(t)
	say := h.say(alice, "report weekly TM01 2026-W48")
	// W48 (23–29 Nov) against W47 (16–22 Nov): visitors 7,000 + 10 × (13+…+19) = 8,120 vs
	// 7,630 (+6.4%), paid amount 7 × 3,500.00 + 100.00 × 112 = 35,700.00 vs 30,800.00
	// (+15.9%); no figures a year before.
	for _, want := range []string{"Weekly report · 2026-W48 (2026-11-23 – 2026-11-29)", "*TM01*", "8,120", "▲6.4% vs period before",
		"35,700.00", "▲15.9% vs period before", "— vs last year", "No figures for 2025-W48", "MUG-1", "Conversion = paying buyers ÷ unique visitors"} {
		if !strings.Contains(say, want) {
			t.Errorf("weekly report lacks %q:\n%s", want, say)
		}
	}
	if say := h.say(alice, "report daily"); !strings.Contains(say, "Daily report · 2026-11-29") || !strings.Contains(say, "1,190") {
		t.Errorf("this channel's report of yesterday: %s", say)
	}
	if say := h.say(alice, "report monthly 2026-10"); !strings.Contains(say, "No store has figures for 2026-10") {
		t.Errorf("a month without figures must say so: %s", say)
	}
	if say := h.say(alice, "report weekly 2026-W50"); !strings.Contains(say, "has not begun") {
		t.Errorf("a future week: %s", say)
	}
	if say := h.say(alice, "report weekly TM09"); !strings.Contains(say, "TM09") {
		t.Errorf("an unknown store: %s", say)
	}
}

func TestReportExportSendsAWorkbook(t *testing.T) {
	h := digestHarness(t)
	if say := h.say(alice, "report export weekly TM01 2026-W48"); !strings.Contains(say, "report-weekly-TM01-2026-W48.xlsx") {
		t.Fatalf("export: %s", say)
	}
	h.settle()
	files := filesNamed(h.emu, "report-weekly-TM01-2026-W48.xlsx")
	if len(files) != 1 || !files[0].Completed || len(files[0].Channels) != 1 || files[0].Channels[0] == team {
		t.Fatalf("workbook uploads %+v, want one, in the asker's DM", files)
	}
	f, err := excelize.OpenReader(bytes.NewReader(files[0].Bytes))
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	defer func() { _ = f.Close() }()
	if got := f.GetSheetList(); len(got) != 4 {
		t.Fatalf("sheets %q", got)
	}
	if v, _ := f.GetCellValue("Daily figures", "C9", excelize.Options{RawCellValue: true}); v != "8120" {
		t.Errorf("week's visitors %q, want 8120", v)
	}
	if pics, err := f.GetPictures("Chart", "A3"); err != nil || len(pics) != 1 {
		t.Errorf("chart picture: %d, %v", len(pics), err)
	}
}

func TestWeeklyReportPostsOncePerChannel(t *testing.T) {
	h := digestHarness(t)
	h.clock.Set(shanghaiTime(t, "2026-11-30 09:30"))
	h.run("report-weekly")
	got := periodReports(h.emu, team, "Weekly report for 2026-W48")
	if len(got) != 1 {
		t.Fatalf("%d weekly reports, want 1", len(got))
	}
	if all := messageText(got[0]); !strings.Contains(all, "8,120") || !strings.Contains(all, "▲6.4% vs period before") {
		t.Errorf("weekly report:\n%s", all)
	}
	charts := filesNamed(h.emu, "report-weekly-"+team+"-2026-W48")
	if len(charts) != 1 || charts[0].ThreadTS != got[0].TS || !charts[0].Completed {
		t.Fatalf("chart files %+v, want one in the thread of %s", charts, got[0].TS)
	}
	if _, err := png.Decode(bytes.NewReader(charts[0].Bytes)); err != nil {
		t.Fatalf("chart is no PNG: %v", err)
	}
	h.clock.Set(shanghaiTime(t, "2026-11-30 10:30"))
	h.run("report-weekly")
	if n, f := len(periodReports(h.emu, team, "Weekly report")), len(filesNamed(h.emu, "report-weekly-")); n != 1 || f != 1 {
		t.Errorf("a second run posted again: %d reports, %d charts", n, f)
	}
	if n := h.count("job_runs", "job = ?", "report-weekly:"+team); n != 1 {
		t.Errorf("%d sent-records, want 1", n)
	}

	// The monthly report of November on 1 December: every day of it that has figures.
	h.clock.Set(shanghaiTime(t, "2026-12-01 10:00"))
	h.run("report-monthly")
	h.run("report-monthly")
	months := periodReports(h.emu, team, "Monthly report for 2026-11")
	if len(months) != 1 || !strings.Contains(messageText(months[0]), "Figures for 20 of 30 days only.") {
		t.Fatalf("%d monthly reports", len(months))
	}
}

// The repeat purchase rate comes from StoreOps' own orders: the platforms' daily figures
// cannot tell one buyer's orders apart.
func TestReportShowsTheRepeatPurchaseRateFromOrders(t *testing.T) {
	h := digestHarness(t)
	if say := h.say(alice, "report weekly TM01 2026-W48"); strings.Contains(say, "Repeat purchase rate") {
		t.Errorf("a repeat rate without any orders:\n%s", say)
	}
	token := h.rotateToken("TM01")
	var orders []map[string]any
	for n := 1; n <= 4; n++ {
		o := cleanOrder(n)
		o["paid_at"] = "2026-11-25T10:00:00+08:00"
		if n == 4 { // buyer 1 again: one repeat buyer of three
			o["buyer"] = cleanOrder(1)["buyer"]
		}
		orders = append(orders, o)
	}
	h.postOrders(token, orders...)
	say := h.say(alice, "report weekly TM01 2026-W48")
	if !strings.Contains(say, "*Repeat purchase rate*\\n33.33%") {
		t.Errorf("weekly report lacks the repeat purchase rate of 1 buyer in 3:\n%s", say)
	}
}
