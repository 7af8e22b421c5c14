package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"storeops/domain/metrics"
)

// Store figures end to end: days posted to /api/v1/metrics with a store token, files of
// figures shared with the bot, the figures derived from StoreOps' orders, `/ops metrics show`
// and `/ops store kpi`. The clock is pinned, so that "the future" does not depend on when
// the tests run.

// metricsNow is 2026-11-29 09:00 in Shanghai.
var metricsNow = time.Date(2026, 11, 29, 1, 0, 0, 0, time.UTC)

type metricsAnswer struct {
	status int
	raw    []byte

	Results []struct {
		Date     string            `json:"date"`
		Source   string            `json:"source"`
		Outcome  string            `json:"outcome"`
		Origins  map[string]string `json:"origins"`
		Problems []struct {
			Field   string `json:"field"`
			Message string `json:"message"`
			Code    string `json:"code"`
		} `json:"problems"`
	} `json:"results"`
	Summary map[string]int `json:"summary"`
	Error   string         `json:"error"`
}

// shape is what the tests compare of an answer: each day's outcome and problems.
func (a metricsAnswer) shape() []string {
	var out []string
	for _, r := range a.Results {
		s := fmt.Sprintf("%s/%s %s", r.Date, r.Source, r.Outcome)
		for _, p := range r.Problems {
			s += fmt.Sprintf(" problem=%s/%s", p.Field, p.Code)
		}
		out = append(out, s)
	}
	return out
}

func (h *harness) postMetrics(token string, body []byte) metricsAnswer {
	h.t.Helper()
	var a metricsAnswer
	a.status, _, a.raw = h.postAPI("/api/v1/metrics", token, body, &a)
	return a
}

func metricsBody(store string, days ...map[string]any) []byte {
	b, err := json.Marshal(map[string]any{"store": store, "days": days})
	if err != nil {
		panic(err)
	}
	return b
}

func searchDay(visitors int) map[string]any {
	return map[string]any{"date": "2026-11-27", "source": "search", "visitors": visitors, "sessions": 610, "paying_buyers": 18,
		"paid_orders": 20, "paid_amount": "2210.00"}
}

func TestMetricsAPIIsIdempotentAndAudited(t *testing.T) {
	h := newHarness(t)
	h.clock.Set(metricsNow)
	token := h.rotateToken("TM01")

	first := h.postMetrics(token, metricsBody("TM01", searchDay(560)))
	if first.status != http.StatusOK || fmt.Sprint(first.shape()) != "[2026-11-27/search created]" {
		t.Fatalf("first: %d %s", first.status, first.raw)
	}
	again := h.postMetrics(token, metricsBody("TM01", searchDay(560)))
	if fmt.Sprint(again.shape()) != "[2026-11-27/search unchanged]" || again.Summary["unchanged"] != 1 {
		t.Fatalf("again: %s", again.raw)
	}
	changed := h.postMetrics(token, metricsBody("TM01", searchDay(580)))
	if fmt.Sprint(changed.shape()) != "[2026-11-27/search replaced]" {
		t.Fatalf("changed: %s", changed.raw)
	}
	if n := h.count("metric_days", "store_code = ?", "TM01"); n != 1 {
		t.Fatalf("%d days stored, want 1", n)
	}
	if n := h.count("audit_entries", "action = ? AND actor = ?", "metrics.record", "api:TM01"); n != 1 {
		t.Errorf("%d metrics.record entries", n)
	}
	// BEFORE is a reserved word in MySQL: the columns keep their names.
	var entry struct{ BeforeJSON, AfterJSON string }
	if err := h.db.Table("audit_entries").Select("before_json, after_json").Where("action = ?", "metrics.replace").Scan(&entry).Error; err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(entry.BeforeJSON, `"Visitors":560`) || !strings.Contains(entry.AfterJSON, `"Visitors":580`) {
		t.Errorf("metrics.replace audit = %+v", entry)
	}

	// A bad day never blocks the good ones.
	mixed := h.postMetrics(token, metricsBody("TM01",
		map[string]any{"date": "2026-11-30", "visitors": 5},                                          // the future in Shanghai
		map[string]any{"date": "2026-11-26", "visitors": -1, "paid_amount": "1.234", "source": "tv"}, // three problems
		map[string]any{"date": "2026-11-26", "visitors": 7},
		map[string]any{"date": "2026-11-26", "visitors": "lots"},
	))
	want := "[2026-11-30/overall rejected problem=date/metrics.date.future " +
		"2026-11-26/tv rejected problem=source/metrics.source.unknown problem=visitors/metrics.count.negative problem=paid_amount/metrics.amount.invalid " +
		"2026-11-26/overall created " +
		"2026-11-26/overall rejected problem=visitors/metrics.count.invalid problem=date/metrics.day.twice]"
	if fmt.Sprint(mixed.shape()) != want {
		t.Fatalf("mixed:\n%v\nwant\n%s", mixed.shape(), want)
	}
	if mixed.Results[1].Problems[0].Message == "" {
		t.Error("a problem without a message")
	}

	// Requests refused as a whole write nothing.
	before := h.count("metric_days", "")
	other := h.rotateToken("TM01") // rotating stops the first token
	many := make([]map[string]any, metrics.MaxBatch+1)
	for i := range many {
		many[i] = map[string]any{"date": "2026-11-20", "visitors": i}
	}
	huge := metricsBody("TM01", map[string]any{"date": "2026-11-20", "visitors": 1, "skus": strings.Repeat("x", 1<<20)})
	for _, tc := range []struct {
		name, token string
		body        []byte
		status      int
		code        string
	}{
		{"no token", "", metricsBody("TM01", searchDay(1)), http.StatusUnauthorized, "invalid_token"},
		{"old token", token, metricsBody("TM01", searchDay(1)), http.StatusUnauthorized, "invalid_token"},
		{"unknown store", other, metricsBody("XX99", searchDay(1)), http.StatusNotFound, "unknown_store"},
		{"no days", other, metricsBody("TM01"), http.StatusBadRequest, "empty_batch"},
		{"malformed", other, []byte(`{"store":"TM01","days":[`), http.StatusBadRequest, "malformed_json"},
		{"too many days", other, metricsBody("TM01", many...), http.StatusRequestEntityTooLarge, "batch_too_large"},
		{"too large", other, huge, http.StatusRequestEntityTooLarge, "body_too_large"},
	} {
		a := h.postMetrics(tc.token, tc.body)
		if a.status != tc.status || a.Error != tc.code {
			t.Errorf("%s: %d %s, want %d %s", tc.name, a.status, a.raw, tc.status, tc.code)
		}
	}
	if n := h.count("metric_days", ""); n != before {
		t.Errorf("refused requests stored %d days", n-before)
	}
}

func TestMetricsDerivedFromOrders(t *testing.T) {
	h := newHarness(t)
	h.clock.Set(metricsNow)
	token := h.rotateToken("TM01")
	// Two paid orders of 2026-11-11 (Shanghai), 129.90 each.
	h.postOrders(token, cleanOrder(1), cleanOrder(2))

	a := h.postMetrics(token, metricsBody("TM01", map[string]any{"date": "2026-11-11", "visitors": 500, "paid_orders": 3}))
	if fmt.Sprint(a.shape()) != "[2026-11-11/overall created]" {
		t.Fatalf("answer: %s", a.raw)
	}
	// The platform's paid orders win; what it left out comes from the orders.
	wantOrigins := map[string]string{"paying_buyers": "orders", "paid_amount": "orders", "refunded_orders": "orders", "refunded_amount": "orders"}
	if fmt.Sprint(a.Results[0].Origins) != fmt.Sprint(wantOrigins) {
		t.Errorf("origins = %v, want %v", a.Results[0].Origins, wantOrigins)
	}
	days, err := h.app.figures.Show(h.ctx, "TM01", "2026-11-11")
	if err != nil || len(days) != 1 {
		t.Fatalf("Show = %v, %v", days, err)
	}
	if c := days[0].Counts; c.PaidOrders != 3 || c.PayingBuyers != 2 || c.PaidAmount != 25980 || c.Visitors != 500 {
		t.Errorf("counts = %+v", c)
	}
	shown := h.say(alice, "metrics show TM01 2026-11-11")
	for _, want := range []string{"TM01 · 2026-11-11", "Unique visitors: 500 (platform)", "Paid orders: 3 (platform)",
		"Paying buyers: 2 (StoreOps orders)", "Paid amount: 259.80 (StoreOps orders)", "Recorded by api:TM01"} {
		if !strings.Contains(shown, want) {
			t.Errorf("metrics show lacks %q:\n%s", want, shown)
		}
	}
	if got := h.say(alice, "metrics show TM01 2026-11-12"); !strings.Contains(got, "TM01 has no figures of 2026-11-12") {
		t.Errorf("a day without figures: %q", got)
	}
	// A day without orders derives nothing.
	b := h.postMetrics(token, metricsBody("TM01", map[string]any{"date": "2026-11-12", "visitors": 5}))
	if len(b.Results) != 1 || b.Results[0].Origins != nil {
		t.Errorf("day without orders: %s", b.raw)
	}
}

// metricsCSV has an overall day with a SKU row (rows 2–3) and a search day (row 4).
const metricsCSV = "日期,来源,访客数,浏览量,支付买家数,支付订单数,支付金额,退款订单数,退款金额,商品编码,支付件数\n" +
	"2026-11-27,整体,\"1,234\",4321,40,45,5843.50,2,129.90,,\n" +
	"2026-11-27,,300,,12,,974.25,,,MUG-1,15\n" +
	"2026-11-27,搜索,560,1800,18,20,2210.00,1,64.95,,\n"

// shareMetricsFile shares a file in alice's DM and returns the bot's answer after its
// "Checking …" note.
func (h *harness) shareMetricsFile(user, name, data string) string {
	h.t.Helper()
	dm := h.emu.DMChannel(user)
	before := len(h.botMessages(dm))
	if _, reply, err := h.ws.ShareFile(h.ctx, user, "", name, []byte(data)); err != nil || reply.Status != 200 {
		h.t.Fatalf("share %s: %+v %v", name, reply, err)
	}
	var answer string
	h.waitFor("the answer to "+name, func() bool {
		for _, m := range h.botMessages(dm)[before:] {
			if !strings.HasPrefix(m.Text, "Checking ") {
				answer = m.Text
				return true
			}
		}
		return false
	})
	return answer
}

func TestMetricsFileImportIsAllOrReport(t *testing.T) {
	h := newHarness(t)
	h.clock.Set(metricsNow)
	ready := h.say(alice, "import metrics TM01")
	if !strings.Contains(ready, "Ready to import store figures into TM01") {
		t.Fatalf("ready: %q", ready)
	}
	bad := strings.Replace(metricsCSV, "2026-11-27,搜索,560", "2026-11-27,搜索,-560", 1)
	bad = strings.Replace(bad, "MUG-1,15", "MUG-1,lots", 1)
	report := h.shareMetricsFile(alice, "figures.csv", bad)
	for _, want := range []string{"Nothing was imported from figures.csv: 2 of its 2 days are wrong",
		"Row 2 (2026-11-27 overall): 支付件数 (row 3): “lots” is not a whole number",
		"Row 4 (2026-11-27 search): 访客数: “-560” is negative"} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}
	if n := h.count("metric_days", ""); n != 0 {
		t.Fatalf("%d days stored from a file with wrong rows", n)
	}

	// The command stays armed: the corrected file is stored, all of it.
	done := h.shareMetricsFile(alice, "figures.csv", metricsCSV)
	if !strings.Contains(done, "Imported figures.csv into TM01: 2 days (created 2 · replaced 0 · unchanged 0)") {
		t.Fatalf("summary: %q", done)
	}
	days, err := h.app.figures.Show(h.ctx, "TM01", "2026-11-27")
	if err != nil || len(days) != 2 {
		t.Fatalf("Show = %+v, %v", days, err)
	}
	if d := days[0]; d.Visitors != 1234 || d.PaidAmount != 584350 || len(d.SKUs) != 1 || d.SKUs[0].Units != 15 || d.UpdatedBy != alice {
		t.Errorf("overall day = %+v", d)
	}
	if n := h.count("audit_entries", "action = ? AND actor = ?", "metrics.record", alice); n != 2 {
		t.Errorf("%d metrics.record entries by alice", n)
	}
	again := h.shareMetricsFile(alice, "figures.csv", metricsCSV)
	if !strings.Contains(again, "unchanged 2") {
		t.Errorf("the same file again: %q", again)
	}

	// The template opens as a file of figures.
	if got := h.say(alice, "import template metrics csv"); !strings.Contains(got, "metrics-template.csv") {
		t.Errorf("template: %q", got)
	}
	// Someone without the role is refused.
	h.say(erin, "import metrics TM01")
	if got := h.shareMetricsFile(erin, "figures.csv", metricsCSV); !strings.Contains(got, "assistant / supervisor") {
		t.Errorf("erin's import: %q", got)
	}
}

func TestMetricsStoreKPI(t *testing.T) {
	h := newHarness(t)
	if got := h.say(alice, "store kpi TM01 conversion=sessions"); !strings.Contains(got, "admin / supervisor") {
		t.Errorf("an assistant: %q", got)
	}
	if got := h.say(bob, "store kpi TM01 conversion=clicks"); !strings.Contains(got, "“clicks” is not a conversion basis") {
		t.Errorf("a bad basis: %q", got)
	}
	if got := h.say(bob, "store kpi TM01 conversion=sessions"); !strings.Contains(got, "TM01 now computes conversion as sessions that paid / sessions") {
		t.Errorf("set: %q", got)
	}
	st, err := h.app.stores.Find(h.ctx, "TM01")
	if err != nil || st.ConversionBasis != "sessions" {
		t.Fatalf("store = %+v, %v", st, err)
	}
	if n := h.count("audit_entries", "action = ? AND actor = ?", "store.kpi", bob); n != 1 {
		t.Errorf("%d store.kpi entries", n)
	}
}

// TestMetricsOpenAPIExamples sends the request examples of POST /api/v1/metrics in
// docs/openapi.yaml, in order, and checks each answer against the response example of the
// same name (status, error code, each day's outcome and problems, the summary).
func TestMetricsOpenAPIExamples(t *testing.T) {
	src, err := os.ReadFile("docs/openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := parseYAMLOutline(string(src))
	if err != nil {
		t.Fatal(err)
	}
	const op = "paths > /api/v1/metrics > post > "
	if !doc.keys[op+"security > bearerAuth"] {
		t.Error("the operation does not require bearerAuth")
	}
	reqPattern := regexp.MustCompile(`^` + regexp.QuoteMeta(op) + `requestBody > content > application/json > examples > ([^>]+) > value$`)
	respPattern := regexp.MustCompile(`^` + regexp.QuoteMeta(op) + `responses > (\d{3}) > content > application/json > examples > ([^>]+) > value$`)
	requests := map[string]string{}
	var names []string
	type response struct {
		status int
		body   string
	}
	responses := map[string]response{}
	for _, v := range doc.values {
		if m := reqPattern.FindStringSubmatch(v.path); m != nil {
			requests[m[1]] = v.text
			names = append(names, m[1])
		} else if m := respPattern.FindStringSubmatch(v.path); m != nil {
			status, _ := strconv.Atoi(m[1])
			responses[m[2]] = response{status, v.text}
		}
	}
	if len(names) < 4 {
		t.Fatalf("only %d request examples: %v", len(names), names)
	}
	h := newHarness(t)
	h.clock.Set(metricsNow)
	token := h.rotateToken("TM01")
	for _, name := range names {
		resp, ok := responses[name]
		if !ok {
			t.Errorf("request example %s has no response example", name)
			continue
		}
		got := h.postMetrics(token, []byte(requests[name]))
		var want metricsAnswer
		if err := json.NewDecoder(bytes.NewReader([]byte(resp.body))).Decode(&want); err != nil {
			t.Fatal(err)
		}
		if got.status != resp.status || got.Error != want.Error ||
			!slices.Equal(got.shape(), want.shape()) || fmt.Sprint(got.Summary) != fmt.Sprint(want.Summary) {
			t.Errorf("%s: got %d %v %v\ndocumented %d %v %v", name, got.status, got.shape(), got.Summary, resp.status, want.shape(), want.Summary)
		}
	}
}
