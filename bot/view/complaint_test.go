package view

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"storeops/bot/i18n"
	"storeops/domain"
	"storeops/domain/complaint"
	"storeops/domain/store"
)

// rawComplaintKey is a catalog key shown instead of its text.
var rawComplaintKey = regexp.MustCompile(`\b(view\.)?complaint\.[a-z_]+`)

var complaintT0 = time.Date(2026, 11, 30, 1, 0, 0, 0, time.UTC)

// complaintAt is a complaint card in each state of its life.
func complaintAt(s complaint.Status) complaint.Card {
	c := complaint.Card{ID: 12, Store: "TM01", Customer: "Wang Xiaoming", Order: "TM01/P-0007", Category: "logistics",
		Severity: complaint.SeverityHigh, Description: "Parcel arrived crushed; the mug is broken.", Demand: "A new mug today.",
		Status: s, CreatedBy: "U1", CreatedAt: complaintT0, AckDue: complaintT0.Add(time.Hour), ResolveDue: complaintT0.Add(24 * time.Hour)}
	if s == complaint.StatusOpen {
		return c
	}
	c.AckedBy, c.AckedAt = "U2", complaintT0.Add(20*time.Minute)
	if s == complaint.StatusAcknowledged {
		return c
	}
	c.EscalatedBy, c.EscalatedAt, c.EscalationReason = domain.SystemUser, complaintT0.Add(24*time.Hour), complaint.EscalatedResolveLate
	c.ResolvedBy, c.ResolvedAt = "U2", complaintT0.Add(25*time.Hour)
	c.Resolution, c.CustomerTold = "Reshipped with SF100200300.", "Sorry! A new mug left today."
	if s == complaint.StatusResolved {
		return c
	}
	c.Rating, c.RatedBy, c.RatedAt = 4, "U2", complaintT0.Add(26*time.Hour)
	return c
}

func complaintViews(l i18n.Localizer) map[string]any {
	out := map[string]any{}
	for _, s := range complaint.Statuses() {
		text, blocks := ComplaintCard(l, complaintAt(s), cst)
		out["card/"+string(s)] = msg(text, blocks)
	}
	text, blocks := ComplaintDetail(l, complaintAt(complaint.StatusRated), cst)
	out["detail"] = msg(text, blocks)
	for _, kind := range []string{complaint.NoticeAckReminder, complaint.NoticeResolveReminder, complaint.NoticeAckBreach,
		complaint.NoticeResolveBreach, complaint.NoticeEscalated} {
		text, blocks := ComplaintNotice(l, complaint.Notice{Kind: kind, Card: complaintAt(complaint.StatusAcknowledged),
			Due: complaintT0.Add(time.Hour), By: "U3"}, cst)
		out["notice/"+kind] = msg(text, blocks)
	}
	list := []complaint.Complaint{{ID: 3, StoreCode: "TM01", Customer: "Li", Category: "product", Severity: complaint.SeverityLow,
		Status: complaint.StatusOpen, AckDue: complaintT0.Add(time.Hour), ResolveDue: complaintT0.Add(72 * time.Hour)},
		{ID: 2, StoreCode: "TM01", Customer: "Wang", Category: "物流部", Severity: complaint.SeverityHigh, AckedBy: "U2",
			Status: complaint.StatusAcknowledged, AckDue: complaintT0.Add(-time.Hour), ResolveDue: complaintT0.Add(-time.Minute)}}
	out["list"] = msg("", ComplaintList(l, "Unresolved", list, "", complaintT0, cst))
	out["list/empty"] = msg("", ComplaintList(l, "Unresolved", nil, "", complaintT0, cst))
	out["form"] = ComplaintForm(l, stores(), append(complaint.Categories(), "物流部"), `{"channel":"C1"}`)
	out["form/nostores"] = ComplaintForm(l, nil, complaint.Categories(), "")
	out["resolve"] = ComplaintResolveForm(l, complaintAt(complaint.StatusAcknowledged), "12")
	return out
}

func TestComplaintGolden(t *testing.T) {
	zh := i18n.New().For("zh")
	for _, s := range complaint.Statuses() {
		text, blocks := ComplaintCard(en(), complaintAt(s), cst)
		golden(t, "complaint_card_"+string(s), msg(text, blocks))
	}
	text, blocks := ComplaintCard(zh, complaintAt(complaint.StatusResolved), cst)
	golden(t, "complaint_card_resolved_zh", msg(text, blocks))
	text, blocks = ComplaintNotice(en(), complaint.Notice{Kind: complaint.NoticeResolveBreach, Card: complaintAt(complaint.StatusAcknowledged),
		Due: complaintT0.Add(24 * time.Hour), By: domain.SystemUser}, cst)
	golden(t, "complaint_notice_breach", msg(text, blocks))
	golden(t, "complaint_form", ComplaintForm(en(), stores(), complaint.Categories(), `{"channel":"C1"}`))
	golden(t, "complaint_resolve_form", ComplaintResolveForm(en(), complaintAt(complaint.StatusAcknowledged), "12"))
}

// TestComplaintCardButtons pins which buttons each state offers: the moves its state allows.
func TestComplaintCardButtons(t *testing.T) {
	want := map[complaint.Status][]string{
		complaint.StatusOpen:         {ActionComplaintAck, ActionComplaintEscalate},
		complaint.StatusAcknowledged: {ActionComplaintResolve, ActionComplaintEscalate},
		complaint.StatusResolved:     {"complaint.rate.1", "complaint.rate.2", "complaint.rate.3", "complaint.rate.4", "complaint.rate.5"},
		complaint.StatusRated:        nil,
	}
	for s, ids := range want {
		_, blocks := ComplaintCard(en(), complaintAt(s), cst)
		raw, _ := json.Marshal(blocks)
		var got []string
		for _, part := range strings.Split(string(raw), `"action_id":"`)[1:] {
			got = append(got, part[:strings.IndexByte(part, '"')])
		}
		if strings.Join(got, ",") != strings.Join(ids, ",") {
			t.Errorf("%s: buttons %v, want %v", s, got, ids)
		}
	}
	// An escalated complaint is not offered Escalate again.
	c := complaintAt(complaint.StatusOpen)
	c.EscalatedBy, c.EscalatedAt = "U3", complaintT0
	_, blocks := ComplaintCard(en(), c, cst)
	if raw, _ := json.Marshal(blocks); strings.Contains(string(raw), ActionComplaintEscalate) {
		t.Error("an escalated card offers Escalate")
	}
}

func TestComplaintViewsWithinLimitsAndTranslated(t *testing.T) {
	for loc, l := range localizers() {
		for name, v := range complaintViews(l) {
			check(t, loc+" complaint "+name, v)
			for _, s := range texts(v) {
				if rawComplaintKey.MatchString(s) || strings.Contains(s, "%!") {
					t.Errorf("%s %s shows a raw key or a bad template: %q", loc, name, s)
				}
			}
		}
	}
	huge := complaintAt(complaint.StatusResolved)
	huge.Customer, huge.Description, huge.Demand, huge.Resolution, huge.CustomerTold, huge.Order = big(5000), big(5000), big(5000), big(5000), big(5000), big(500)
	huge.Category, huge.Store = big(300), big(300)
	many := make([]complaint.Complaint, 0, 500)
	for i := range 500 {
		many = append(many, complaint.Complaint{ID: int64(i + 1), StoreCode: big(50), Customer: big(500), Category: big(100),
			Severity: complaint.SeverityLow, Status: complaint.StatusOpen})
	}
	manyStores := make([]store.Store, 0, 150)
	for range 150 {
		manyStores = append(manyStores, store.Store{Code: big(30), Name: big(500), Platform: "tmall"})
	}
	for loc, l := range localizers() {
		text, blocks := ComplaintCard(l, huge, cst)
		check(t, loc+" huge card", msg(text, blocks))
		text, blocks = ComplaintNotice(l, complaint.Notice{Kind: complaint.NoticeEscalated, Card: huge, By: "U1"}, cst)
		check(t, loc+" huge notice", msg(text, blocks))
		check(t, loc+" huge list", msg("", ComplaintList(l, big(400), many, big(500), complaintT0, cst)))
		cats := make([]string, 0, 200)
		for i := range 200 {
			cats = append(cats, strings.Repeat("类", i%40+1))
		}
		check(t, loc+" huge form", ComplaintForm(l, manyStores, cats, big(100)))
		check(t, loc+" huge form, few stores", ComplaintForm(l, manyStores[:3], cats, ""))
		check(t, loc+" huge resolve", ComplaintResolveForm(l, huge, "12"))
	}
}

// TestComplaintRuntimeKeys checks the keys the views and handlers build at run time, which
// the catalog tests' source scans cannot see, in both locales.
func TestComplaintRuntimeKeys(t *testing.T) {
	en, zh := en(), i18n.New().For("zh")
	var keys []string
	for _, s := range complaint.Statuses() {
		keys = append(keys, "complaint.status."+string(s))
	}
	for _, a := range complaint.Actions() {
		keys = append(keys, "complaint.action."+string(a))
	}
	for _, s := range complaint.Severities() {
		keys = append(keys, "complaint.severity."+string(s))
	}
	for _, c := range complaint.Categories() {
		keys = append(keys, "complaint.category."+c)
	}
	for _, r := range []string{complaint.EscalatedManually, complaint.EscalatedAckOverdue, complaint.EscalatedResolveLate} {
		keys = append(keys, "complaint.escalation."+r)
	}
	for _, k := range []string{complaint.NoticeAckReminder, complaint.NoticeResolveReminder, complaint.NoticeAckBreach, complaint.NoticeResolveBreach, complaint.NoticeEscalated} {
		keys = append(keys, "view.complaint.notice."+k)
	}
	for _, w := range []string{complaint.ListOpen, complaint.ListOverdue, complaint.ListMine} {
		keys = append(keys, "view.complaint.list.title."+w)
	}
	for _, f := range []string{complaint.FieldStore, complaint.FieldCustomer, complaint.FieldOrder, complaint.FieldCategory, complaint.FieldSeverity,
		complaint.FieldDescription, complaint.FieldDemand, complaint.FieldResolution, complaint.FieldCustomerTold} {
		keys = append(keys, "field."+f)
	}
	for _, k := range keys {
		if !en.Has(k) {
			t.Errorf("no English text for %q", k)
		}
		if zh.T(k) == en.T(k) {
			t.Errorf("no Chinese text for %q", k)
		}
	}
	for _, k := range []string{"view.complaint.form.title", "view.complaint.form.submit", "view.complaint.resolve.submit", "view.form.cancel"} {
		for _, l := range []i18n.Localizer{en, zh} {
			if n := len([]rune(l.T(k))); n > MaxModalTitle {
				t.Errorf("%s %q has %d characters, Slack allows %d", l.Locale(), k, n, MaxModalTitle)
			}
		}
	}
}
