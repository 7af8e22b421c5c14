package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"storeops/domain/order"
)

// The ingestion API end to end: tokens made through Slack, orders posted over HTTP to the
// running server, the answers and the stored rows (orders, audit) checked.

// apiAnswer is what POST /api/v1/orders answered, success or error.
type apiAnswer struct {
	status int
	header http.Header
	raw    []byte

	Results []apiResult    `json:"results"`
	Summary map[string]int `json:"summary"`
	Error   string         `json:"error"`
	Message string         `json:"message"`
}

type apiResult struct {
	PlatformOrderID string    `json:"platform_order_id"`
	Outcome         string    `json:"outcome"`
	OrderID         int64     `json:"order_id"`
	Status          string    `json:"status"`
	Flags           []apiFlag `json:"flags"`
	Problems        []struct {
		Field   string `json:"field"`
		Message string `json:"message"`
		Code    string `json:"code"`
	} `json:"problems"`
}

type apiFlag struct {
	Check    string `json:"check"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Code     string `json:"code"`
}

// outcomes lists each result as "id:outcome".
func (a apiAnswer) outcomes() []string {
	var out []string
	for _, r := range a.Results {
		out = append(out, r.PlatformOrderID+":"+r.Outcome)
	}
	return out
}

// post sends a body to the ingestion API with a bearer token ("" sends no header).
func (h *harness) post(token string, body []byte) apiAnswer {
	h.t.Helper()
	a := apiAnswer{}
	a.status, a.header, a.raw = h.postAPI("/api/v1/orders", token, body, &a)
	return a
}

// postAPI posts a JSON body to an API path with a bearer token ("" sends no header) and
// decodes the answer into out, failing the test unless the answer is JSON.
func (h *harness) postAPI(path, token string, body []byte, out any) (int, http.Header, []byte) {
	h.t.Helper()
	req, err := http.NewRequestWithContext(h.ctx, http.MethodPost, h.url+path, bytes.NewReader(body))
	if err != nil {
		h.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		h.t.Fatal(err)
	}
	if err := json.Unmarshal(raw, out); err != nil {
		h.t.Fatalf("answer to %s is not JSON (%d): %v\n%s", path, resp.StatusCode, err, raw)
	}
	return resp.StatusCode, resp.Header, raw
}

// postOrders sends orders for TM01 and fails unless the API answers 200.
func (h *harness) postOrders(token string, orders ...map[string]any) apiAnswer {
	h.t.Helper()
	a := h.post(token, delivery("TM01", orders...))
	if a.status != http.StatusOK {
		h.t.Fatalf("POST /api/v1/orders: %d %s", a.status, a.raw)
	}
	if len(a.Results) != len(orders) {
		h.t.Fatalf("%d results for %d orders: %s", len(a.Results), len(orders), a.raw)
	}
	return a
}

var tokenInReply = regexp.MustCompile("`(sot_[A-Za-z0-9_-]+)`")

// rotateToken makes a new API token for a store through `/ops store token` as erin.
func (h *harness) rotateToken(code string) string {
	h.t.Helper()
	reply := h.say(erin, "store token "+code)
	m := tokenInReply.FindStringSubmatch(reply)
	if m == nil {
		h.t.Fatalf("no token in the reply to /ops store token %s: %q", code, reply)
	}
	return m[1]
}

func delivery(store string, orders ...map[string]any) []byte {
	b, err := json.Marshal(map[string]any{"store": store, "orders": orders})
	if err != nil {
		panic(err)
	}
	return b
}

// cleanOrder is an order that the default rules release: complete address and contact, paid
// in full, one ordinary item. Each n has its own buyer, phone and street, so that orders of
// one test do not look like duplicates of each other.
func cleanOrder(n int) map[string]any {
	return map[string]any{
		"platform_order_id": fmt.Sprintf("P-%04d", n),
		"buyer":             map[string]any{"name": "李雷", "phone": fmt.Sprintf("1380013%04d", n), "platform_id": fmt.Sprintf("buyer-%d", n)},
		"address": map[string]any{"province": "浙江省", "city": "杭州市", "district": "西湖区",
			"street": fmt.Sprintf("文三路 %d 号 2 单元", 100+n), "postcode": "310012"},
		"items":          []any{map[string]any{"sku": "MUG-1", "quantity": 2, "unit_price": "64.95"}},
		"amounts":        map[string]any{"goods": "129.90", "shipping": "0.00", "discount": "0.00", "paid": "129.90"},
		"payment_method": "alipay",
		"payment_status": "paid",
		"buyer_remark":   "请下午送",
		"created_at":     "2026-11-11T00:05:00+08:00",
		"paid_at":        "2026-11-11T00:06:10+08:00",
	}
}

func TestOrderTokenIsRotatedByAdminsOnly(t *testing.T) {
	h := newHarness(t)
	// No token yet: every bearer is refused.
	if a := h.post("sot_guess", delivery("TM01", cleanOrder(1))); a.status != http.StatusUnauthorized || a.Error != "invalid_token" {
		t.Fatalf("before any token: %d %s", a.status, a.raw)
	}
	if got := h.say(alice, "store token TM01"); !strings.Contains(got, "admin role") || tokenInReply.MatchString(got) {
		t.Errorf("assistant asking for a token got %q", got)
	}
	if n := h.count("audit_entries", "action = ?", "store.token_rotated"); n != 0 {
		t.Fatalf("a refused rotation was audited (%d rows)", n)
	}

	if got := h.say(erin, "store token XX99"); !strings.Contains(got, "no store XX99") {
		t.Errorf("token for an unknown store: %q", got)
	}
	reply := h.say(erin, "store token tm01")
	for _, want := range []string{"TM01", "only time", "previous token"} {
		if !strings.Contains(reply, want) {
			t.Errorf("token reply lacks %q: %q", want, reply)
		}
	}
	first := tokenInReply.FindStringSubmatch(reply)[1]
	if a := h.postOrders(first, cleanOrder(1)); a.Results[0].Outcome != "created" {
		t.Fatalf("first token: %s", a.raw)
	}

	second := h.rotateToken("TM01")
	if second == first {
		t.Fatal("rotation gave the same token")
	}
	a := h.post(first, delivery("TM01", cleanOrder(2)))
	if a.status != http.StatusUnauthorized || a.Error != "invalid_token" || !strings.Contains(a.header.Get("WWW-Authenticate"), "Bearer") {
		t.Errorf("old token after rotation: %d %v %s", a.status, a.header, a.raw)
	}
	if a := h.postOrders(second, cleanOrder(2)); a.Results[0].Outcome != "created" {
		t.Errorf("new token: %s", a.raw)
	}
	if n := h.count("orders", ""); n != 2 {
		t.Errorf("%d orders stored, want 2", n)
	}
	if n := h.count("audit_entries", "action = ? AND actor = ? AND subject = ?", "store.token_rotated", erin, "store:TM01"); n != 2 {
		t.Errorf("%d token_rotated audit rows by erin, want 2", n)
	}
	// The token is shown once and kept nowhere but as a hash.
	for _, tok := range []string{first, second} {
		if n := h.count("audit_entries", "before_json LIKE ? OR after_json LIKE ?", "%"+tok+"%", "%"+tok+"%"); n != 0 {
			t.Errorf("a token is in the audit trail")
		}
	}
}

func TestOrderCleanIsCreatedAndReleased(t *testing.T) {
	h := newHarness(t)
	token := h.rotateToken("TM01")
	a := h.postOrders(token, cleanOrder(1))
	r := a.Results[0]
	if r.PlatformOrderID != "P-0001" || r.Outcome != "created" || r.Status != string(order.StatusReleased) || r.OrderID == 0 ||
		len(r.Flags) != 0 || len(r.Problems) != 0 {
		t.Fatalf("clean order: %s", a.raw)
	}
	if a.Summary["created"] != 1 || a.Summary["rejected"] != 0 {
		t.Errorf("summary %v", a.Summary)
	}
	if n := h.count("orders", "store_code = ? AND platform_order_id = ?", "TM01", "P-0001"); n != 1 {
		t.Errorf("%d rows for P-0001", n)
	}
	subject := fmt.Sprintf("order:%d", r.OrderID)
	if n := h.count("audit_entries", "action = ? AND actor = ? AND subject = ?", "order.receive", "api:TM01", subject); n != 1 {
		t.Errorf("%d order.receive audit rows by api:TM01 for %s", n, subject)
	}
}

// TestOrderRedeliveryIsIdempotent: the same batch three times in a row and eight times at
// once stores each order once, and every answer after the first says unchanged with the
// first answer's order id.
func TestOrderRedeliveryIsIdempotent(t *testing.T) {
	h := newHarness(t)
	token := h.rotateToken("TM01")
	orders := []map[string]any{cleanOrder(1), cleanOrder(2), cleanOrder(3)}
	ids := map[string]int64{}
	created := 0
	check := func(a apiAnswer) {
		t.Helper()
		for _, r := range a.Results {
			switch r.Outcome {
			case "created":
				created++
			case "unchanged":
			default:
				t.Errorf("%s: %s", r.PlatformOrderID, r.Outcome)
			}
			if id, ok := ids[r.PlatformOrderID]; ok && id != r.OrderID {
				t.Errorf("%s answered as order %d, earlier %d", r.PlatformOrderID, r.OrderID, id)
			}
			ids[r.PlatformOrderID] = r.OrderID
			if r.Status != string(order.StatusReleased) {
				t.Errorf("%s status %q", r.PlatformOrderID, r.Status)
			}
		}
	}
	for i := range 3 {
		a := h.postOrders(token, orders...)
		check(a)
		if i > 0 && a.Summary["unchanged"] != 3 {
			t.Errorf("delivery %d: %v", i+1, a.Summary)
		}
	}
	if created != 3 {
		t.Fatalf("%d created in the sequential deliveries, want 3", created)
	}

	// Eight at once, of a batch that is new to the store this time, so that the deliveries
	// race for the inserts.
	fresh := []map[string]any{cleanOrder(4), cleanOrder(5), cleanOrder(6)}
	answers := make([]apiAnswer, 8)
	var wg sync.WaitGroup
	for i := range answers {
		wg.Go(func() { answers[i] = h.post(token, delivery("TM01", fresh...)) })
	}
	wg.Wait()
	created = 0
	for i, a := range answers {
		if a.status != http.StatusOK || len(a.Results) != 3 {
			t.Fatalf("concurrent delivery %d: %d %s", i, a.status, a.raw)
		}
		check(a)
	}
	if created != 3 {
		t.Errorf("%d created among the concurrent deliveries, want exactly 3", created)
	}
	if n := h.count("orders", ""); n != 6 {
		t.Errorf("%d order rows, want 6", n)
	}
	if n := h.count("audit_entries", "action = ?", "order.receive"); n != 6 {
		t.Errorf("%d order.receive audit rows, want 6", n)
	}
	if n := h.count("audit_entries", "action = ?", "order.update"); n != 0 {
		t.Errorf("%d order.update audit rows for redeliveries", n)
	}
}

func TestOrderChangedAddressIsAnUpdate(t *testing.T) {
	h := newHarness(t)
	token := h.rotateToken("TM01")
	first := h.postOrders(token, cleanOrder(1)).Results[0]
	moved := cleanOrder(1)
	moved["address"].(map[string]any)["street"] = "古墩路 88 号 5 幢"
	a := h.postOrders(token, moved)
	r := a.Results[0]
	if r.Outcome != "updated" || r.OrderID != first.OrderID || a.Summary["updated"] != 1 {
		t.Fatalf("changed address: %s", a.raw)
	}
	if n := h.count("orders", ""); n != 1 {
		t.Errorf("%d order rows, want 1", n)
	}
	subject := fmt.Sprintf("order:%d", r.OrderID)
	if n := h.count("audit_entries", "action = ? AND actor = ? AND subject = ? AND after_json LIKE ?",
		"order.update", "api:TM01", subject, "%古墩路%"); n != 1 {
		t.Errorf("%d order.update audit rows with the new address", n)
	}
	if a := h.postOrders(token, moved); a.Results[0].Outcome != "unchanged" {
		t.Errorf("the changed order again: %s", a.raw)
	}
}

func TestOrderBadOrderDoesNotBlockTheGoodOne(t *testing.T) {
	h := newHarness(t)
	token := h.rotateToken("TM01")
	bad := cleanOrder(1)
	delete(bad["items"].([]any)[0].(map[string]any), "quantity")
	a := h.postOrders(token, bad, cleanOrder(2))
	if got := a.outcomes(); !slices.Equal(got, []string{"P-0001:rejected", "P-0002:created"}) {
		t.Fatalf("outcomes %v: %s", got, a.raw)
	}
	p := a.Results[0].Problems
	if len(p) != 1 || p[0].Field != "items[0].quantity" || p[0].Code != "order.field.required" || p[0].Message == p[0].Code {
		t.Errorf("problems of the bad order: %+v", p)
	}
	if a.Results[0].OrderID != 0 || a.Summary["rejected"] != 1 || a.Summary["created"] != 1 {
		t.Errorf("answer %s", a.raw)
	}
	if n := h.count("orders", ""); n != 1 {
		t.Errorf("%d order rows, want 1", n)
	}
}

// TestOrderRefusedRequestsWriteNothing: each request refused as a whole gets its 4xx and a
// JSON error, and leaves no order and no audit row behind.
func TestOrderRefusedRequestsWriteNothing(t *testing.T) {
	h := newHarness(t)
	token := h.rotateToken("TM01")
	tooMany := make([]map[string]any, order.MaxBatch+1)
	for i := range tooMany {
		tooMany[i] = cleanOrder(i)
	}
	for _, tc := range []struct {
		name   string
		token  string
		body   []byte
		status int
		code   string
	}{
		{"malformed JSON", token, []byte(`{"store":"TM01","orders":[{"platform_order_id":"P-1",}]}`), 400, "malformed_json"},
		{"no store", token, delivery("", cleanOrder(1)), 400, "store_required"},
		{"unknown store", token, delivery("XX99", cleanOrder(1)), 404, "unknown_store"},
		{"wrong token", "sot_wrong", delivery("TM01", cleanOrder(1)), 401, "invalid_token"},
		{"no token", "", delivery("TM01", cleanOrder(1)), 401, "invalid_token"},
		{"1001 orders", token, delivery("TM01", tooMany...), 413, "batch_too_large"},
		{"no orders", token, delivery("TM01"), 400, "empty_batch"},
	} {
		a := h.post(tc.token, tc.body)
		if a.status != tc.status || a.Error != tc.code || a.Message == "" {
			t.Errorf("%s: %d %s", tc.name, a.status, a.raw)
		}
		if tc.status == http.StatusUnauthorized && !strings.HasPrefix(a.header.Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("%s: WWW-Authenticate %q", tc.name, a.header.Get("WWW-Authenticate"))
		}
	}
	if n := h.count("orders", ""); n != 0 {
		t.Errorf("%d order rows after refused requests", n)
	}
	if n := h.count("audit_entries", "action LIKE ?", "order.%"); n != 0 {
		t.Errorf("%d order audit rows after refused requests", n)
	}
}

func TestOrderHeldByTheDefaultRules(t *testing.T) {
	h := newHarness(t)
	token := h.rotateToken("TM01")
	noPhone := cleanOrder(1)
	noPhone["buyer"].(map[string]any)["phone"] = ""
	a := h.postOrders(token, noPhone)
	r := a.Results[0]
	if r.Outcome != "created" || r.Status != string(order.StatusHeld) {
		t.Fatalf("order without a phone: %s", a.raw)
	}
	i := slices.IndexFunc(r.Flags, func(f apiFlag) bool { return f.Check == order.CheckMissingContact })
	if i < 0 || r.Flags[i].Severity != string(order.SeverityHold) || r.Flags[i].Code != "flag.missing_contact.phone" || r.Flags[i].Message == "" {
		t.Errorf("flags %+v", r.Flags)
	}
	if n := h.count("orders", "status = ?", "held"); n != 1 {
		t.Errorf("%d held order rows", n)
	}
}

// TestOpenAPIExamples sends every request example of docs/openapi.yaml to the running
// server, in the order the document lists them, and checks the answer against the response
// example of the same name: the status under which it is documented, and per order the
// outcome, status, flags (check, severity, code) and problems (field, code). Messages and
// ids are not compared: the catalog words them and the database numbers them.
func TestOpenAPIExamples(t *testing.T) {
	src, err := os.ReadFile("docs/openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := parseYAMLOutline(string(src))
	if err != nil {
		t.Fatalf("docs/openapi.yaml: %v", err)
	}
	for path, want := range map[string]string{
		"openapi": "3.0.3",
		"components > securitySchemes > bearerAuth > type":   "http",
		"components > securitySchemes > bearerAuth > scheme": "bearer",
	} {
		if got := doc.scalars[path]; got != want {
			t.Errorf("%s = %q, want %q", path, got, want)
		}
	}
	const op = "paths > /api/v1/orders > post > "
	if !doc.keys[op+"security > bearerAuth"] {
		t.Error("the operation does not require bearerAuth")
	}
	requests := map[string]string{}
	var names []string
	responses := map[string]struct {
		status int
		body   string
	}{}
	reqPattern := regexp.MustCompile(`^` + regexp.QuoteMeta(op) + `requestBody > content > application/json > examples > ([^>]+) > value$`)
	respPattern := regexp.MustCompile(`^` + regexp.QuoteMeta(op) + `responses > (\d{3}) > content > application/json > examples > ([^>]+) > value$`)
	for _, v := range doc.values {
		if !json.Valid([]byte(v.text)) {
			t.Fatalf("%s is not JSON:\n%s", v.path, v.text)
		}
		if m := reqPattern.FindStringSubmatch(v.path); m != nil {
			requests[m[1]] = v.text
			names = append(names, m[1])
		} else if m := respPattern.FindStringSubmatch(v.path); m != nil {
			status, _ := strconv.Atoi(m[1])
			if _, dup := responses[m[2]]; dup {
				t.Errorf("two response examples named %s", m[2])
			}
			responses[m[2]] = struct {
				status int
				body   string
			}{status, v.text}
		}
	}
	for _, want := range []string{"clean-order", "order-with-problems", "redelivery"} {
		if _, ok := requests[want]; !ok {
			t.Errorf("no request example %q; have %v", want, names)
		}
	}

	h := newHarness(t)
	token := h.rotateToken("TM01")
	for _, name := range names {
		resp, ok := responses[name]
		if !ok {
			t.Errorf("request example %s has no response example of its name", name)
			continue
		}
		got := h.post(token, []byte(requests[name]))
		var want apiAnswer
		if err := json.Unmarshal([]byte(resp.body), &want); err != nil {
			t.Fatal(err)
		}
		if got.status != resp.status || got.Error != want.Error {
			t.Errorf("%s: got %d %q, documented %d %q\n%s", name, got.status, got.Error, resp.status, want.Error, got.raw)
			continue
		}
		if !slices.Equal(resultShape(got), resultShape(want)) || fmt.Sprint(got.Summary) != fmt.Sprint(want.Summary) {
			t.Errorf("%s: got\n  %v %v\ndocumented\n  %v %v", name, resultShape(got), got.Summary, resultShape(want), want.Summary)
		}
	}
}

// resultShape is what TestOpenAPIExamples compares of a result.
func resultShape(a apiAnswer) []string {
	var out []string
	for _, r := range a.Results {
		s := fmt.Sprintf("%s %s status=%s", r.PlatformOrderID, r.Outcome, r.Status)
		for _, f := range r.Flags {
			s += fmt.Sprintf(" flag=%s/%s/%s", f.Check, f.Severity, f.Code)
		}
		for _, p := range r.Problems {
			s += fmt.Sprintf(" problem=%s/%s", p.Field, p.Code)
		}
		out = append(out, s)
	}
	return out
}

// yamlOutline is what parseYAMLOutline reads of a YAML document.
type yamlOutline struct {
	// keys holds the path of every mapping key ("paths > /api/v1/orders > post").
	keys map[string]bool
	// scalars holds the plain one-line values by path.
	scalars map[string]string
	// values are the `value:` keys (OpenAPI examples) whose value is JSON, in document order.
	values []yamlJSON
}

type yamlJSON struct{ path, text string }

// parseYAMLOutline reads the YAML subset that docs/openapi.yaml keeps to, since the module
// has no YAML library: block mappings indented with spaces, "- " sequence items, one-line
// scalars, block scalars (| and >) that are skipped, and flow collections written as JSON,
// possibly over several more-indented lines. Every example value is such a JSON collection,
// which is valid YAML too, so the document stays ordinary OpenAPI for every other tool.
func parseYAMLOutline(src string) (yamlOutline, error) {
	out := yamlOutline{keys: map[string]bool{}, scalars: map[string]string{}}
	type level struct {
		indent int
		key    string
	}
	var stack []level
	lines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	indentOf := func(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }
	// more collects the lines after i indented deeper than indent (blank lines included).
	more := func(i, indent int) (string, int) {
		var b strings.Builder
		j := i + 1
		for ; j < len(lines); j++ {
			if strings.TrimSpace(lines[j]) != "" && indentOf(lines[j]) <= indent {
				break
			}
			b.WriteString(lines[j])
			b.WriteByte('\n')
		}
		return b.String(), j - 1
	}
	for i := 0; i < len(lines); i++ {
		line := strings.TrimRight(lines[i], " ")
		content := strings.TrimSpace(line)
		if content == "" || strings.HasPrefix(content, "#") {
			continue
		}
		if strings.HasPrefix(strings.TrimLeft(line, " "), "\t") {
			return out, fmt.Errorf("line %d: a tab in the indentation", i+1)
		}
		indent := indentOf(line)
		for strings.HasPrefix(content, "- ") {
			indent, content = indent+2, strings.TrimSpace(content[2:])
		}
		for len(stack) > 0 && stack[len(stack)-1].indent >= indent {
			stack = stack[:len(stack)-1]
		}
		key, value, ok := splitYAMLKey(content)
		if !ok {
			continue // a scalar sequence item
		}
		var path []string
		for _, l := range stack {
			path = append(path, l.key)
		}
		full := strings.Join(append(path, key), " > ")
		out.keys[full] = true
		switch {
		case value == "" && key == "value":
			text, last := more(i, indent)
			out.values = append(out.values, yamlJSON{full, text})
			i = last
		case value == "":
			stack = append(stack, level{indent, key})
		case strings.HasPrefix(value, "|") || strings.HasPrefix(value, ">"):
			_, i = more(i, indent)
		case strings.HasPrefix(value, "{") || strings.HasPrefix(value, "["):
			text, last := more(i, indent)
			if key == "value" {
				out.values = append(out.values, yamlJSON{full, value + "\n" + text})
			}
			i = last
		default:
			out.scalars[full] = unquoteYAML(value)
		}
	}
	return out, nil
}

// splitYAMLKey splits "key: value" (the key possibly quoted); ok is false for a line
// that is no mapping entry.
func splitYAMLKey(s string) (key, value string, ok bool) {
	if s != "" && (s[0] == '"' || s[0] == '\'') {
		end := strings.IndexByte(s[1:], s[0])
		if end < 0 || !strings.HasPrefix(s[end+2:], ":") {
			return "", "", false
		}
		return s[1 : end+1], strings.TrimSpace(s[end+3:]), true
	}
	if k, v, found := strings.Cut(s, ": "); found {
		return k, strings.TrimSpace(v), true
	}
	if strings.HasSuffix(s, ":") {
		return strings.TrimSuffix(s, ":"), "", true
	}
	return "", "", false
}

// unquoteYAML reads a one-line scalar: quoted, or plain with an optional " #" comment.
func unquoteYAML(v string) string {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		return v[1 : len(v)-1]
	}
	if i := strings.Index(v, " #"); i >= 0 {
		v = v[:i]
	}
	return strings.TrimSpace(v)
}
