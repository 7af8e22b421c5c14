package main

import (
	"encoding/json"
	"strings"

	"storeops/domain/appraisal"
)

// apSeedMonth gives Alice a November (Shanghai time) with two new listings decided, one
// approved at its first review (MUG-1) and one only after a rejection (MUG-2), and two
// inquiries answered at 11:30, #1 within its promise and #2 late.
func (h *harness) apSeedMonth() {
	t := h.t
	t.Helper()
	h.clock.Set(shanghaiTime(t, "2026-11-20 10:00"))
	h.publish(map[string]string{"sku": "MUG-1"})
	n := len(h.cards())
	h.submitNewListing(alice, map[string]string{"sku": "MUG-2"})
	h.click(bob, h.card(n+1), "approval.reject")
	h.waitFor("reject modal", func() bool { _, ok := h.emu.TopView(bob); return ok })
	v, _ := h.emu.TopView(bob)
	if _, err := h.ws.Submit(h.ctx, bob, v.ID, map[string]string{"reason": "Blurry photos"}); err != nil {
		t.Fatal(err)
	}
	h.settle()
	h.cmd(alice, "listing edit MUG-2")
	h.waitFor("edit modal", func() bool { _, ok := h.emu.TopView(alice); return ok })
	v, _ = h.emu.TopView(alice)
	if r, err := h.ws.Submit(h.ctx, alice, v.ID, map[string]string{"images": "https://img.example.com/mug2-sharp.jpg"}); err != nil || len(r.Errors) > 0 {
		t.Fatalf("resubmit: %v %v", err, r)
	}
	h.click(bob, h.card(n+2), "approval.approve")
	h.settle()
	for _, promise := range []string{"2h", "1h"} {
		if r := h.recordInquiry(alice, map[string]string{"inquiry.promise": promise}); len(r.Errors) != 0 {
			t.Fatalf("inquiry: %v", r.Errors)
		}
		h.settle()
	}
	h.clock.Set(shanghaiTime(t, "2026-11-20 11:30"))
	h.say(alice, "inquiry answer 1 Yes, it is dishwasher safe.")
	h.say(alice, "inquiry answer 2 Yes, it is dishwasher safe.")
}

// apItemsAgree checks, for every area, that the figures of user's month as the appraisal
// computes them (counts in the database for inquiries and complaints) are those of the
// records a drill-down lists, and returns how many records each short key lists.
func (h *harness) apItemsAgree(user string, m appraisal.Month) map[string]int {
	t := h.t
	t.Helper()
	src := appraisalSources{db: h.app.db, inquiries: h.app.inquiries, complaints: h.app.complaints,
		aftersaleWithin: h.app.aftersale.Settings().EscalateAfter}
	zone := h.app.appraisals.Zone()
	from, to := m.Start(zone), m.End(zone)
	out := map[string]int{}
	for _, fn := range []appraisal.DetailFunc{src.listings, src.heldOrders, src.aftersales, src.campaignItems, src.inquiryTimeliness, src.complaintFigures} {
		figures, err := fn.Figures(h.ctx, user, from, to)
		if err != nil {
			t.Fatal(err)
		}
		details, err := fn.Details(h.ctx, user, from, to)
		if err != nil {
			t.Fatal(err)
		}
		if len(figures) != len(details) {
			t.Fatalf("%d figures but %d details", len(figures), len(details))
		}
		for i, d := range details {
			if d.Figure != figures[i] {
				t.Errorf("figure %s: counted %+v, listed %+v", d.Figure.Short, figures[i], d.Figure)
			}
			if len(d.Items) != d.Figure.Counted {
				t.Errorf("figure %s counts %d but lists %d records", d.Figure.Short, d.Figure.Counted, len(d.Items))
			}
			out[d.Figure.Short] = len(d.Items)
		}
	}
	return out
}

// itemLines returns the record lines of a drill-down as messageText gave it (the text,
// then the blocks' JSON).
func itemLines(text string) []string {
	var blocks []struct {
		Text *struct{ Text string }
	}
	if i := strings.Index(text, "\n["); i >= 0 {
		_ = json.Unmarshal([]byte(text[i+1:]), &blocks)
	}
	var out []string
	for _, b := range blocks {
		if b.Text == nil {
			continue
		}
		for _, line := range strings.Split(b.Text.Text, "\n") {
			if strings.HasPrefix(line, "• `") {
				out = append(out, line)
			}
		}
	}
	return out
}

// hasItemLine reports whether a record line names ref and ends with outcome.
func hasItemLine(lines []string, ref, outcome string) bool {
	for _, l := range lines {
		if strings.Contains(l, ref) && strings.HasSuffix(l, outcome) {
			return true
		}
	}
	return false
}
