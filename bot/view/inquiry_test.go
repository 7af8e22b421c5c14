package view

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"storeops/domain/feedback"
	"storeops/domain/inquiry"
)

func sampleInquiry() inquiry.Inquiry {
	return inquiry.Inquiry{ID: 12, StoreCode: "TM01", Customer: "Wang Fang", Platform: "tmall", OrderRef: "P-0001",
		Question: "Is the red mug dishwasher safe?", Owner: "U1", RecordedBy: "U2", AskedAt: t0,
		PromisedAt: t0.Add(2 * time.Hour), Status: inquiry.StatusOpen}
}

func sampleSummary() feedback.Summary {
	return feedback.Summary{From: t0.AddDate(0, 0, -7), To: t0, Total: 4,
		Kinds:    map[feedback.Kind]int{feedback.KindReview: 2, feedback.KindSuggestion: 1, feedback.KindOpinion: 1},
		ByTag:    []feedback.Group{{Key: "packaging", Total: 2, Kinds: map[feedback.Kind]int{feedback.KindReview: 1, feedback.KindSuggestion: 1}}},
		BySKU:    []feedback.Group{{Key: "MUG-1", Total: 2, Kinds: map[feedback.Kind]int{feedback.KindReview: 1, feedback.KindSuggestion: 1}}},
		Untagged: 1,
		Examples: []feedback.Feedback{{ID: 4, Kind: feedback.KindReview, StoreCode: "TM01", SKU: "MUG-1", Text: "The box was <crushed>.",
			Tags: []string{"packaging"}, RecordedBy: "U1", CreatedAt: t0}}}
}

func TestSupportGolden(t *testing.T) {
	l := en()
	q := sampleInquiry()
	golden(t, "inquiry_form", InquiryForm(l, stores(), `{"channel":"C1"}`))
	golden(t, "inquiry_show", msg("", Inquiry(l, q, t0, cst)))
	n := inquiry.Notice{ID: 12, Store: "TM01", Customer: "Wang Fang", Question: q.Question, Owner: "U1", PromisedAt: q.PromisedAt,
		At: t0.Add(96 * time.Minute), MinutesLeft: 24}
	text, blocks := InquiryReminder(l, n, cst)
	golden(t, "inquiry_reminder", msg(text, blocks))
	text, blocks = InquiryBreachTeam(l, n, cst)
	golden(t, "inquiry_breach_team", msg(text, blocks))
	golden(t, "feedback_form", FeedbackForm(l, stores(), `{"channel":"C1"}`))
	text, blocks = FeedbackSummary(l, sampleSummary(), cst)
	golden(t, "feedback_summary", msg(text, blocks))
}

// TestSupportViewsWithinLimits renders the largest inputs the domain lets through, in both
// languages, and checks them against Slack's limits.
func TestSupportViewsWithinLimits(t *testing.T) {
	long := strings.Repeat("长<&>", 1000)
	q := sampleInquiry()
	q.Customer, q.Question, q.OrderRef = long[:inquiry.MaxCustomer], long, strings.Repeat("P", 64)
	answered := q
	answered.Status, answered.Answer, answered.AnsweredBy, answered.AnsweredAt = inquiry.StatusAnswered, long, "U3", t0
	var many []inquiry.Inquiry
	for i := range inquiry.MaxList {
		x := q
		x.ID = int64(i + 1)
		many = append(many, x)
	}
	sum := sampleSummary()
	sum.Total, sum.MoreTags, sum.MoreSKUs = 100000, 500, 500
	sum.ByTag, sum.BySKU, sum.Examples = nil, nil, nil
	for i := range feedback.MaxGroups {
		g := feedback.Group{Key: fmt.Sprintf("%d%s", i, strings.Repeat("标", feedback.MaxTag)), Total: 1000 - i,
			Kinds: map[feedback.Kind]int{feedback.KindReview: 500, feedback.KindSuggestion: 300, feedback.KindOpinion: 200 - i}}
		sum.ByTag = append(sum.ByTag, g)
		g.Key = strings.Repeat("S", 64)
		sum.BySKU = append(sum.BySKU, g)
	}
	for i := range feedback.MaxExamples {
		sum.Examples = append(sum.Examples, feedback.Feedback{ID: int64(i), Kind: feedback.KindOpinion, StoreCode: "TM01",
			SKU: strings.Repeat("S", 64), Text: long, Tags: strings.Split(strings.Repeat("tag,", feedback.MaxTags), ","), RecordedBy: "U1", CreatedAt: t0})
	}
	for name, l := range localizers() {
		n := inquiry.Notice{ID: 1 << 40, Store: "TM01", Customer: q.Customer, OrderRef: q.OrderRef, Question: long, Owner: "U1",
			PromisedAt: t0.Add(48 * time.Hour), At: t0, MinutesLeft: 600}
		for what, blocks := range map[string]func() error{
			"show":        func() error { return CheckMessage(Inquiry(l, answered, t0, cst)) },
			"list":        func() error { return CheckMessage(InquiryList(l, "title", many, true, t0, cst)) },
			"empty list":  func() error { return CheckMessage(InquiryList(l, "title", nil, false, t0, cst)) },
			"reminder":    func() error { _, b := InquiryReminder(l, n, cst); return CheckMessage(b) },
			"breach":      func() error { _, b := InquiryBreach(l, n, cst); return CheckMessage(b) },
			"breach team": func() error { _, b := InquiryBreachTeam(l, n, cst); return CheckMessage(b) },
			"summary":     func() error { _, b := FeedbackSummary(l, sum, cst); return CheckMessage(b) },
			"empty summary": func() error {
				_, b := FeedbackSummary(l, feedback.Summary{From: t0, To: t0}, cst)
				return CheckMessage(b)
			},
			"inquiry form":  func() error { return CheckModal(InquiryForm(l, stores(), `{}`)) },
			"feedback form": func() error { return CheckModal(FeedbackForm(l, stores(), `{}`)) },
		} {
			if err := blocks(); err != nil {
				t.Errorf("%s %s: %v", name, what, err)
			}
		}
	}
}

// TestSupportOutboxRoundTrip renders the outbox templates from their JSON payloads, as the
// dispatcher does.
func TestSupportOutboxRoundTrip(t *testing.T) {
	l := en()
	n := inquiry.Notice{ID: 3, Store: "TM01", Customer: "Li", Question: "?", Owner: "U1", PromisedAt: t0.Add(time.Hour), At: t0, MinutesLeft: 60}
	for template, payload := range map[string]any{
		inquiry.TemplateReminder: n, inquiry.TemplateBreach: n, inquiry.TemplateBreachTeam: n, feedback.TemplateSummary: sampleSummary(),
	} {
		raw, err := json.Marshal(payload)
		if err != nil {
			t.Fatal(err)
		}
		text, blocks, err := Outbox(l, template, raw, cst)
		if err != nil || text == "" || CheckMessage(blocks) != nil {
			t.Errorf("%s: %q, %v, %v", template, text, err, CheckMessage(blocks))
		}
	}
	if _, _, err := Outbox(l, inquiry.TemplateReminder, []byte("{"), cst); err == nil {
		t.Error("a broken payload rendered")
	}
}
