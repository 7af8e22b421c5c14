package view

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"storeops/bot/i18n"
	"storeops/domain/appraisal"
)

func appraisalFigures() appraisal.Figures {
	return appraisal.Figures{Month: "2026-11", Assistant: "U1", Items: []appraisal.Figure{
		{Key: "listing_first_time", Dimension: appraisal.DimTask, Kind: appraisal.KindRatio, Available: true, Counted: 4, Good: 3, Short: "listings"},
		{Key: "held_orders", Dimension: appraisal.DimTask, Kind: appraisal.KindRatio, Available: true, Counted: 10, Good: 9, Extra: 95, Short: "held"},
		{Key: "campaign_items", Dimension: appraisal.DimTask, Kind: appraisal.KindRatio},
		{Key: "store_paid", Dimension: appraisal.DimStore, Kind: appraisal.KindTarget, Available: true, Value: 9000000, Target: 12000000, Store: "TM01", List: "report monthly TM01 2026-11"},
		{Key: "store_conversion", Dimension: appraisal.DimStore, Kind: appraisal.KindTarget, Available: true, Value: 260, Target: 250, Store: "TM01"},
		{Key: "inquiry_timeliness", Dimension: appraisal.DimCustomer, Kind: appraisal.KindRatio, Available: true, Short: "inquiries"},
		{Key: "complaint_satisfaction", Dimension: appraisal.DimCustomer, Kind: appraisal.KindAverage, Available: true, Counted: 3, Value: 43},
	}}
}

// appraisalDrill is the held orders figure with three of its ten records listed.
func appraisalDrill() appraisal.Drill {
	return appraisal.Drill{Assistant: "U1", Month: "2026-11", Figure: appraisalFigures().Items[1], Total: 10, Items: []appraisal.Item{
		{Ref: "TM01/PO-1001", At: t0, Good: true},
		{Ref: "TM01/PO-1002 <b>", At: t0.Add(26 * time.Hour), Good: false},
		{Ref: "TM02/PO-7", Label: "note", At: t0.Add(50 * time.Hour), Good: true},
	}}
}

func appraisalCard() appraisal.Card {
	return appraisal.Card{ID: 7, Month: "2026-11", Assistant: "U1", Status: appraisal.StatusSelfSubmitted,
		DeadlineAt: time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC), SubmittedAt: t0,
		Self: &appraisal.Self{Achievements: "Listed 12 new products <!channel>", Shortcomings: "Two late replies", Measures: "Hourly queue check",
			Scores: appraisal.Ratings{Task: 85, Store: 80, Customer: 75, Teamwork: 90, Attitude: 95}},
		Figures: appraisalFigures(), PassMark: 600}
}

func publishedCard() appraisal.Card {
	c := appraisalCard()
	r := appraisal.Ratings{Task: 80, Store: 70, Customer: 90, Teamwork: 85, Attitude: 95}
	res := appraisal.Compute(appraisal.DefaultScoring(), c.Figures.DataScores(), r)
	c.Status, c.Ratings, c.Result, c.Comment, c.RatedBy = appraisal.StatusPublished, &r, &res, "A steady month.", "U2"
	c.PublishedAt, c.AppealUntil = t0, t0.AddDate(0, 0, 5)
	return c
}

func TestAppraisalGolden(t *testing.T) {
	l := en()
	zh := i18n.New().For("zh")
	text, blocks := AppraisalPrompt(l, appraisalCard(), cst)
	golden(t, "appraisal_prompt", msg(text, blocks))
	text, blocks = AppraisalRatingCard(l, appraisalCard(), cst)
	golden(t, "appraisal_rating_card", msg(text, blocks))
	text, blocks = AppraisalResult(l, publishedCard(), cst)
	golden(t, "appraisal_result", msg(text, blocks))
	text, blocks = AppraisalResult(zh, publishedCard(), cst)
	golden(t, "appraisal_result_zh", msg(text, blocks))
	text, blocks = AppraisalData(l, appraisalFigures())
	golden(t, "appraisal_data", msg(text, blocks))
	text, blocks = AppraisalItems(l, appraisalDrill(), cst)
	golden(t, "appraisal_items", msg(text, blocks))
	text, blocks = AppraisalItems(zh, appraisalDrill(), cst)
	checkAppraisal(t, zh, "items", text, blocks)
	golden(t, "appraisal_self_form", AppraisalSelfForm(l, appraisalCard(), cst))
	golden(t, "appraisal_rate_form", AppraisalRateForm(l, appraisalCard(), cst))
	st := appraisal.Settings{Scoring: appraisal.DefaultScoring(), Schedule: appraisal.DefaultSchedule()}
	text, blocks = AppraisalSettings(l, st, cst)
	golden(t, "appraisal_settings", msg(text, blocks))
	text, blocks = AppraisalSettings(zh, st, cst)
	checkAppraisal(t, zh, "settings", text, blocks)
}

// TestAppraisalViewsFitSlack renders every appraisal message and modal in both languages
// with huge data and checks Slack's limits and that no catalog key shows raw.
func TestAppraisalViewsFitSlack(t *testing.T) {
	long := strings.Repeat("长文本 long text ", 400)
	huge := publishedCard()
	huge.Self.Achievements, huge.Self.Shortcomings, huge.Self.Measures, huge.Comment, huge.Appeal = long, long, long, long, long
	huge.Adjustment = &appraisal.Adjustment{OldTotal: 700, NewTotal: 750, By: "U3", Reason: long}
	for i := range 200 {
		f := appraisalFigures().Items[i%7]
		f.Store = strings.Repeat("S", 32)
		huge.Figures.Items = append(huge.Figures.Items, f)
	}
	huge.Failing = []string{"2026-10", "2026-11"}
	for _, l := range []i18n.Localizer{en(), i18n.New().For("zh")} {
		for _, c := range []appraisal.Card{appraisalCard(), publishedCard(), huge} {
			for _, tmpl := range appraisal.Templates() {
				if tmpl == appraisal.TemplatePlanReview {
					continue
				}
				payload, _ := json.Marshal(c)
				text, blocks, err := Outbox(l, tmpl, payload, cst)
				if err != nil {
					t.Fatal(err)
				}
				checkAppraisal(t, l, tmpl, text, blocks)
			}
			for _, m := range []slack.ModalViewRequest{AppraisalSelfForm(l, c, cst), AppraisalRateForm(l, c, cst)} {
				if err := CheckModal(m); err != nil {
					t.Errorf("%s %s: %v", l.Locale(), m.CallbackID, err)
				}
			}
		}
		payload, _ := json.Marshal(appraisal.PlanNotice{Assistant: "U1", Goals: long, ReviewAt: t0, By: "U2"})
		text, blocks, err := Outbox(l, appraisal.TemplatePlanReview, payload, cst)
		if err != nil {
			t.Fatal(err)
		}
		checkAppraisal(t, l, "plan", text, blocks)
		text, blocks = AppraisalData(l, huge.Figures)
		checkAppraisal(t, l, "data", text, blocks)
		d := appraisalDrill()
		d.Items = nil
		for i := range appraisal.MaxItems {
			d.Items = append(d.Items, appraisal.Item{Ref: strings.Repeat("R", 200), Label: long, At: t0.Add(time.Duration(i) * time.Hour), Good: i%2 == 0})
		}
		d.Total = 5000
		for _, f := range appraisalFigures().Items {
			d.Figure = f
			text, blocks = AppraisalItems(l, d, cst)
			checkAppraisal(t, l, "items/"+f.Key, text, blocks)
		}
		text, blocks = AppraisalItems(l, appraisal.Drill{Assistant: "U1", Month: "2026-11", Figure: appraisalFigures().Items[0]}, cst)
		checkAppraisal(t, l, "items/empty", text, blocks)
		cards := make([]appraisal.Card, 300)
		for i := range cards {
			cards[i] = huge
		}
		text, blocks = AppraisalList(l, "2026-11", cards)
		checkAppraisal(t, l, "list", text, blocks)
		text, blocks = AppraisalList(l, "2026-11", nil)
		checkAppraisal(t, l, "list/empty", text, blocks)
	}
}

func checkAppraisal(t *testing.T, l i18n.Localizer, name, text string, blocks []slack.Block) {
	t.Helper()
	raw, _ := json.Marshal(blocks)
	if err := CheckMessage(blocks); err != nil {
		t.Errorf("%s %s: %v", l.Locale(), name, err)
	}
	if m := rawKey.FindString(text + string(raw)); m != "" && strings.Contains(m, "appraisal") {
		t.Errorf("%s %s shows the key %s", l.Locale(), name, m)
	}
	if strings.TrimSpace(text) == "" || strings.Contains(text+string(raw), "%!") {
		t.Errorf("%s %s: bad text %q", l.Locale(), name, text)
	}
}
