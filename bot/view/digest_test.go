package view

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"storeops/bot/i18n"
	"storeops/domain"
	"storeops/domain/metrics"
	"storeops/domain/report"
)

func digestStoreFixture(code string, i int) report.StoreDigest {
	k := func(v float64) metrics.KPI { return metrics.KPIOf(v) }
	s := report.StoreDigest{Code: code, Name: "Store <" + code + "> & co", Basis: metrics.BasisBuyers, Window: 30,
		Figures: []report.Figure{
			{Name: report.FigVisitors, Kind: report.KindCount, Value: k(12345 + float64(i)), VsDay: k(10), VsWeek: k(-21.4), Flagged: true},
			{Name: report.FigOrders, Kind: report.KindCount, Value: k(50), VsDay: k(0), VsWeek: metrics.NoKPI()},
			{Name: report.FigPaidAmount, Kind: report.KindMoney, Value: k(1234567), VsDay: k(30.04), VsWeek: k(30), Flagged: true},
			{Name: report.FigConversion, Kind: report.KindRate, Value: k(0.02727), VsDay: k(-9.1), VsWeek: k(27.3), Flagged: true},
			{Name: report.FigAOV, Kind: report.KindMoney, Value: k(10400.4), VsDay: k(4), VsWeek: k(4)},
			{Name: report.FigRefundRate, Kind: report.KindRate, Value: metrics.NoKPI(), VsDay: metrics.NoKPI(), VsWeek: metrics.NoKPI()},
		},
		Waiting: report.Waiting{HeldOrders: 2, OverdueComplaints: 1}}
	for j := range report.TopN {
		s.Top = append(s.Top, report.TopSKU{SKU: fmt.Sprintf("SKU-%d", j+1), Units: int64(9 - j), PaidAmount: domain.Money(90000 - 1000*j)})
	}
	return s
}

func oneStoreDigest() report.Digest {
	s := digestStoreFixture("TM01", 0)
	s.Basis = metrics.BasisSessions
	return report.Digest{Channel: "C0TEAM", Date: "2026-11-29", Threshold: 20, Approvals: 4, Stores: []report.StoreDigest{s}}
}

func manyStoresDigest(n int) report.Digest {
	d := report.Digest{Channel: "C0TEAM", Date: "2026-11-29", Threshold: 20, Approvals: 4}
	for i := range n {
		s := digestStoreFixture(fmt.Sprintf("ST%02d", i+1), i)
		if i%7 == 3 {
			s = report.StoreDigest{Code: s.Code, Name: s.Name, NoData: true, Basis: metrics.BasisSessions, Waiting: report.Waiting{StaleCases: 1}}
		}
		d.Stores = append(d.Stores, s)
	}
	return d
}

func noDataDigest() report.Digest {
	return report.Digest{Channel: "C0TEAM", Date: "2026-11-29", Threshold: 20,
		Stores: []report.StoreDigest{{Code: "TM01", Name: "Tmall", NoData: true, Basis: metrics.BasisBuyers}}}
}

func TestDigestGolden(t *testing.T) {
	for _, loc := range []string{"en", "zh"} {
		l := i18n.New().For(loc)
		suffix := ""
		if loc == "zh" {
			suffix = "_zh"
		}
		text, blocks := Digest(l, oneStoreDigest())
		golden(t, "digest_1_store"+suffix, msg(text, blocks))
		text, blocks = Digest(l, manyStoresDigest(60))
		golden(t, "digest_60_stores"+suffix, msg(text, blocks))
		text, blocks = Digest(l, noDataDigest())
		golden(t, "digest_no_data"+suffix, msg(text, blocks))
	}
}

var digestRawKey = regexp.MustCompile(`\b(digest|kpi)\.[a-z_.]+`)

func TestDigestWithinLimits(t *testing.T) {
	for loc, l := range localizers() {
		for _, n := range []int{0, 1, 2, DigestFullStores, DigestFullStores + 1, 60, 200} {
			d := manyStoresDigest(n)
			text, blocks := Digest(l, d)
			name := fmt.Sprintf("%s digest of %d stores", loc, n)
			check(t, name, msg(text, blocks))
			for _, s := range texts(msg(text, blocks)) {
				if m := digestRawKey.FindString(s); m != "" || strings.Contains(s, "%!") || strings.Contains(s, "NaN") || strings.Contains(s, "Inf") {
					t.Errorf("%s shows %q in %q", name, m, s)
				}
			}
		}
		text, blocks := DigestSettings(l, nil, "Asia/Shanghai")
		check(t, loc+" empty settings", msg(text, blocks))
		var many []report.ChannelSettings
		for i := range 300 {
			many = append(many, report.ChannelSettings{Channel: fmt.Sprintf("C%05d", i), At: 540, Threshold: 20, Stores: []string{"TM01", "JD01"}})
		}
		text, blocks = DigestSettings(l, many, "Asia/Shanghai")
		check(t, loc+" settings of 300 channels", msg(text, blocks))
	}
}

func TestDigestShowsWhatMatters(t *testing.T) {
	text, blocks := Digest(en(), oneStoreDigest())
	all := joined(msg(text, blocks))
	for _, want := range []string{"Daily digest · 2026-11-29", "12,345", "▲10.0% vs day before", "▼21.4% vs last week", "12,345.67",
		"2.73%", "104.00", "=0.0%", "Refund rate (30 days)", "—", "Visitors ⚠", "1. SKU-1 — 9 units, 900.00",
		"held orders: 2", "overdue complaints: 1", "pending approvals: 4", "paid orders stand in for sessions",
		"Store &lt;TM01&gt; &amp; co", "20%"} {
		if !strings.Contains(all, want) {
			t.Errorf("digest lacks %q:\n%s", want, all)
		}
	}
	if strings.Contains(all, "stale") || strings.Contains(all, "inquiries") {
		t.Errorf("digest names waiting items that do not exist:\n%s", all)
	}
	text, blocks = Digest(en(), noDataDigest())
	all = joined(msg(text, blocks))
	if !strings.Contains(all, "No figures for 2026-11-29") || strings.Contains(all, "Visitors") {
		t.Errorf("a day without data must say so, without zeros:\n%s", all)
	}
	// Sixty stores: one line each, every store named.
	_, blocks = Digest(en(), manyStoresDigest(60))
	all = joined(msg("", blocks))
	for i := 1; i <= 60; i++ {
		if !strings.Contains(all, fmt.Sprintf("*ST%02d*", i)) {
			t.Errorf("store ST%02d missing from the 60-store digest", i)
		}
	}
}

func TestDigestFormats(t *testing.T) {
	for in, want := range map[string]string{"0": "0", "999": "999", "1000": "1,000", "1234567.89": "1,234,567.89", "-1234.00": "-1,234.00"} {
		if got := groupThousands(in); got != want {
			t.Errorf("groupThousands(%s) = %s, want %s", in, got, want)
		}
	}
	for _, c := range []struct {
		v    metrics.KPI
		want string
	}{{metrics.KPIOf(12.345), "▲12.3%"}, {metrics.KPIOf(-0.04), "=0.0%"}, {metrics.KPIOf(-3), "▼3.0%"}, {metrics.NoKPI(), "—"}} {
		if got := formatChange(c.v); got != c.want {
			t.Errorf("formatChange(%v) = %s, want %s", c.v, got, c.want)
		}
	}
}

func TestDigestOutboxAndChartFile(t *testing.T) {
	raw, _ := json.Marshal(oneStoreDigest())
	text, blocks, err := Outbox(en(), report.TemplateDigest, raw, time.UTC)
	if err != nil || !strings.HasPrefix(text, "Daily digest for 2026-11-29 · stores: 1") || len(blocks) == 0 {
		t.Fatalf("outbox digest: %q %v", text, err)
	}
	if _, ok, _ := OutboxFile(en(), report.TemplateDigest, raw); ok {
		t.Error("the digest is no file")
	}
	d := oneStoreDigest()
	d.Stores[0].Series = []report.Point{{Date: "2026-11-28", HasData: true, Visitors: 10, PaidAmount: 100}, {Date: "2026-11-29"}}
	raw, _ = json.Marshal(d.Chart())
	f, ok, err := OutboxFile(i18n.New().For("zh"), report.TemplateChart, raw)
	if err != nil || !ok || f.Name != "digest-C0TEAM-2026-11-29.png" || len(f.Data) == 0 || !strings.Contains(f.Comment, "TM01") {
		t.Errorf("chart file %+v %v %v", f.Name, ok, err)
	}
	if _, ok, err := OutboxFile(en(), report.TemplateChart, []byte("{")); !ok || err == nil {
		t.Error("a broken chart payload must fail")
	}
}

func TestDigestNamesAStoresOwnDay(t *testing.T) {
	d := oneStoreDigest()
	d.Stores[0].Date = "2026-11-28"
	all := joined(msg(Digest(en(), d)))
	if !strings.Contains(all, "figures of 2026-11-28, the last day finished in the store's time zone") {
		t.Errorf("a store behind the channel's day does not say which day it shows:\n%s", all)
	}
	many := manyStoresDigest(DigestFullStores + 1)
	many.Stores[0].Date = "2026-11-28"
	many.Stores[1] = report.StoreDigest{Code: "SH01", NoData: true, Date: "2026-11-27"}
	all = joined(msg(Digest(en(), many)))
	if !strings.Contains(all, "(figures of 2026-11-28") || !strings.Contains(all, "No figures for 2026-11-27") {
		t.Errorf("one-line stores do not name their own day:\n%s", all)
	}
	text, blocks := DigestSettings(en(), []report.ChannelSettings{
		{Channel: "C1", At: 540, Threshold: 20, Stores: []string{"SH01"}, StoreZone: "America/Los_Angeles"},
		{Channel: "C2", At: 480, Threshold: 20, Stores: []string{"TM01"}}}, "Asia/Shanghai")
	all = joined(msg(text, blocks))
	if !strings.Contains(all, "<#C1> at 09:00 America/Los_Angeles") || !strings.Contains(all, "<#C2> at 08:00 Asia/Shanghai") {
		t.Errorf("settings do not name each channel's zone:\n%s", all)
	}
}
