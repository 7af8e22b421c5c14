package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"storeops/bot/i18n"
	"storeops/domain"
	"storeops/domain/order"
	"storeops/domain/store"
)

// The edge is tested here with fakes behind its ports: what it refuses, how it reads each
// order and how it says the results. The end-to-end tests of the module root run it against
// the real services and database.

type fakeStores struct{}

func (fakeStores) Find(_ context.Context, code string) (store.Store, error) {
	if strings.EqualFold(code, "TM01") {
		return store.Store{Code: "TM01", Platform: "tmall"}, nil
	}
	return store.Store{}, fmt.Errorf("find store %s: %w", code, domain.Errorf(domain.ENOTFOUND, "store.not_found", code))
}

type fakeTokens struct{}

func (fakeTokens) Authenticate(_ context.Context, code, token string) error {
	if code == "TM01" && token == "good" {
		return nil
	}
	return domain.Errorf(domain.EFORBIDDEN, "store.token.invalid")
}

// fakeOrders records what it was given and answers with answer (or, when nil, created for
// every order).
type fakeOrders struct {
	mu     sync.Mutex
	calls  int
	actor  domain.Actor
	store  string
	inputs []order.Input
	answer func(inputs []order.Input) ([]order.Result, error)
}

func (f *fakeOrders) Ingest(_ context.Context, actor domain.Actor, storeCode string, inputs []order.Input) ([]order.Result, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	f.actor, f.store, f.inputs = actor, storeCode, inputs
	if f.answer != nil {
		return f.answer(inputs)
	}
	out := make([]order.Result, len(inputs))
	for i, in := range inputs {
		out[i] = order.Result{PlatformOrderID: in.PlatformOrderID, Outcome: order.OutcomeCreated,
			Order: order.Order{ID: int64(i + 1), Status: order.StatusReleased}}
	}
	return out, nil
}

func newTestAPI(orders *fakeOrders, log *slog.Logger) http.Handler {
	return New(Deps{Orders: orders, Tokens: fakeTokens{}, Stores: fakeStores{}, Catalog: i18n.New(), Log: log}).Handler()
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("answer is not JSON: %v\n%s", err, r.body)
	}
}

func send(h http.Handler, method, path, auth string, body []byte) response {
	req := httptest.NewRequest(method, path, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return response{status: rec.Code, header: rec.Header(), body: rec.Body.Bytes()}
}

const oneOrder = `{"platform_order_id":"P1","items":[{"sku":"MUG-1","quantity":1,"unit_price":"10.00"}],"amounts":{"goods":"10.00","paid":"10.00"},"created_at":"2026-11-11T00:05:00+08:00"}`

func batch(n int) []byte {
	orders := make([]string, n)
	for i := range orders {
		orders[i] = oneOrder
	}
	return []byte(`{"store":"TM01","orders":[` + strings.Join(orders, ",") + `]}`)
}

func TestRefusalsWriteNothing(t *testing.T) {
	en := i18n.New().For("en")
	huge := append([]byte(`{"store":"TM01","orders":[`), bytes.Repeat([]byte(oneOrder+","), MaxBodyBytes/len(oneOrder)+1)...)
	for _, tc := range []struct {
		name, method, path, auth string
		body                     []byte
		status                   int
		code                     string
		challenge                string
	}{
		{"body too large", "POST", "/api/v1/orders", "Bearer good", huge, 413, "body_too_large", ""},
		{"not JSON", "POST", "/api/v1/orders", "Bearer good", []byte(`{"store":"TM01","orders":[`), 400, "malformed_json", ""},
		{"trailing garbage", "POST", "/api/v1/orders", "Bearer good", append(batch(1), " x"...), 400, "malformed_json", ""},
		{"orders not an array", "POST", "/api/v1/orders", "Bearer good", []byte(`{"store":"TM01","orders":{}}`), 400, "malformed_json", ""},
		{"no store", "POST", "/api/v1/orders", "Bearer good", []byte(`{"orders":[` + oneOrder + `]}`), 400, "store_required", ""},
		{"unknown store", "POST", "/api/v1/orders", "Bearer good", []byte(`{"store":"XX99","orders":[` + oneOrder + `]}`), 404, "unknown_store", ""},
		{"no token", "POST", "/api/v1/orders", "", batch(1), 401, "invalid_token", `Bearer realm="storeops"`},
		{"wrong token", "POST", "/api/v1/orders", "Bearer bad", batch(1), 401, "invalid_token", `Bearer realm="storeops", error="invalid_token"`},
		{"not bearer", "POST", "/api/v1/orders", "Basic good", batch(1), 401, "invalid_token", `Bearer realm="storeops", error="invalid_token"`},
		{"too many orders", "POST", "/api/v1/orders", "Bearer good", batch(order.MaxBatch + 1), 413, "batch_too_large", ""},
		{"no orders", "POST", "/api/v1/orders", "Bearer good", []byte(`{"store":"TM01","orders":[]}`), 400, "empty_batch", ""},
		{"orders null", "POST", "/api/v1/orders", "Bearer good", []byte(`{"store":"TM01"}`), 400, "empty_batch", ""},
		{"GET", "GET", "/api/v1/orders", "Bearer good", nil, 405, "method_not_allowed", ""},
		{"unknown path", "POST", "/api/v1/shipmentz", "Bearer good", batch(1), 404, "not_found", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			orders := &fakeOrders{}
			r := send(newTestAPI(orders, nil), tc.method, tc.path, tc.auth, tc.body)
			var e errorBody
			r.decode(t, &e)
			if r.status != tc.status || e.Error != tc.code {
				t.Fatalf("got %d %q, want %d %q: %s", r.status, e.Error, tc.status, tc.code, r.body)
			}
			if e.Message == "" || strings.HasPrefix(e.Message, "api.") || strings.HasPrefix(e.Message, "store.") {
				t.Errorf("message %q is not from the catalog", e.Message)
			}
			if got := r.header.Get("WWW-Authenticate"); got != tc.challenge {
				t.Errorf("WWW-Authenticate = %q, want %q", got, tc.challenge)
			}
			if orders.calls != 0 {
				t.Errorf("a refused request reached the service")
			}
		})
	}
	r := send(newTestAPI(&fakeOrders{}, nil), "POST", "/api/v1/orders", "Bearer good", batch(order.MaxBatch+1))
	if want := en.T("order.batch.too_large", order.MaxBatch+1, order.MaxBatch); !strings.Contains(string(r.body), want) {
		t.Errorf("batch too large says %s, want %q", r.body, want)
	}
	if want := fmt.Sprintf("%d MiB", MaxBodyBytes>>20); !strings.Contains(en.T("api.body_too_large"), want) {
		t.Errorf("api.body_too_large does not name the limit %s", want)
	}
}

func TestAcceptedBatch(t *testing.T) {
	orders := &fakeOrders{}
	r := send(newTestAPI(orders, nil), "POST", "/api/v1/orders", "bearer good", []byte(`{"store":" tm01 ","orders":[`+oneOrder+`]}`))
	if r.status != http.StatusOK {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	if orders.actor.UserID != "api:TM01" || len(orders.actor.Roles) != 0 || orders.store != "TM01" || len(orders.inputs) != 1 {
		t.Errorf("service called with actor %+v store %q and %d orders", orders.actor, orders.store, len(orders.inputs))
	}
	// Flags and problems are arrays even when empty, so that clients need not test for null.
	want := `{"results":[{"platform_order_id":"P1","outcome":"created","order_id":1,"status":"released","flags":[],"problems":[]}],` +
		`"summary":{"created":1,"updated":0,"unchanged":0,"rejected":0}}` + "\n"
	if string(r.body) != want {
		t.Errorf("body\n got %s\nwant %s", r.body, want)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
}

// TestBadOrderShapeIsRejectedAlone: an order the decoder cannot read is rejected in its
// place, naming the field where it can, and the others still go to the service.
func TestBadOrderShapeIsRejectedAlone(t *testing.T) {
	orders := &fakeOrders{}
	body := `{"store":"TM01","orders":[` + oneOrder + `,42,` +
		`{"platform_order_id":"P3","items":[{"sku":"A","quantity":1},{"sku":"B","quantity":"12,5"}]},` +
		`{"platform_order_id":"P4","items":[{"sku":7,"quantity":1}]},` +
		`{"platform_order_id":5,"amounts":{"paid":"¥10"}}]}`
	r := send(newTestAPI(orders, nil), "POST", "/api/v1/orders", "Bearer good", []byte(body))
	var got deliveryResult
	r.decode(t, &got)
	if r.status != http.StatusOK || len(got.Results) != 5 {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	if len(orders.inputs) != 1 || orders.inputs[0].PlatformOrderID != "P1" {
		t.Errorf("service got %d orders", len(orders.inputs))
	}
	want := []struct{ id, outcome, field, code string }{
		{"P1", "created", "", ""},
		{"", "rejected", "", "api.order.not_object"},
		{"P3", "rejected", "items[1].quantity", "order.quantity.invalid"},
		{"P4", "rejected", "items.sku", "api.order.wrong_type"},
		{"5", "rejected", "amounts.paid", "order.amount.invalid"},
	}
	for i, w := range want {
		res := got.Results[i]
		if res.PlatformOrderID != w.id || string(res.Outcome) != w.outcome {
			t.Errorf("result %d: %s %s, want %s %s", i, res.PlatformOrderID, res.Outcome, w.id, w.outcome)
		}
		if w.code == "" {
			continue
		}
		if len(res.Problems) != 1 || res.Problems[0].Field != w.field || res.Problems[0].Code != w.code || res.Problems[0].Message == w.code {
			t.Errorf("result %d problems %+v, want %s at %q", i, res.Problems, w.code, w.field)
		}
	}
	if got.Summary != (summary{Created: 1, Rejected: 4}) {
		t.Errorf("summary %+v", got.Summary)
	}
}

func TestResultsInEnglishWithCodes(t *testing.T) {
	orders := &fakeOrders{answer: func(inputs []order.Input) ([]order.Result, error) {
		return []order.Result{
			{PlatformOrderID: "P1", Outcome: order.OutcomeRejected, Problems: []domain.Problem{
				{Field: "items[0].quantity", Key: "order.quantity.invalid", Args: []any{"0"}},
				{Field: "store", Key: "order.store.mismatch", Args: []any{"JD01", "TM01"}}}},
			{PlatformOrderID: "P2", Outcome: order.OutcomeUnchanged, Order: order.Order{ID: 9, Status: order.StatusHeld,
				Flags: []order.Flag{{Check: "x", Severity: order.SeverityHold, Key: "store.not_found", Args: []string{"Q1"}}}}},
		}, nil
	}}
	r := send(newTestAPI(orders, nil), "POST", "/api/v1/orders", "Bearer good", batch(2))
	var got deliveryResult
	r.decode(t, &got)
	en := i18n.New().For("en")
	p := got.Results[0].Problems
	if len(p) != 2 || p[0].Message != en.T("order.quantity.invalid", "0") || p[1].Message != en.T("order.store.mismatch", "JD01", "TM01") {
		t.Errorf("problems %+v", p)
	}
	if got.Results[0].OrderID != 0 || got.Results[0].Status != "" {
		t.Errorf("a rejected order has an id or status: %+v", got.Results[0])
	}
	f := got.Results[1].Flags
	if len(f) != 1 || f[0] != (flag{Check: "x", Severity: order.SeverityHold, Message: en.T("store.not_found", "Q1"), Code: "store.not_found"}) {
		t.Errorf("flags %+v", f)
	}
	if got.Summary != (summary{Unchanged: 1, Rejected: 1}) {
		t.Errorf("summary %+v", got.Summary)
	}
}

func TestInternalErrorShowsOnlyARef(t *testing.T) {
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	orders := &fakeOrders{answer: func([]order.Input) ([]order.Result, error) {
		return nil, errors.New("dial tcp 10.0.0.7:3306: connection refused")
	}}
	r := send(newTestAPI(orders, log), "POST", "/api/v1/orders", "Bearer good", batch(1))
	var e errorBody
	r.decode(t, &e)
	if r.status != 500 || e.Error != "internal" || e.Ref == "" || !strings.Contains(e.Message, e.Ref) || strings.Contains(string(r.body), "dial") {
		t.Fatalf("got %d %s", r.status, r.body)
	}
	if !strings.Contains(logs.String(), "ref="+e.Ref) || !strings.Contains(logs.String(), "connection refused") {
		t.Errorf("log lacks the ref or the detail: %s", logs.String())
	}

	panicky := &fakeOrders{answer: func([]order.Input) ([]order.Result, error) { panic("boom") }}
	r = send(newTestAPI(panicky, log), "POST", "/api/v1/orders", "Bearer good", batch(1))
	if r.decode(t, &e); r.status != 500 || e.Error != "internal" {
		t.Errorf("panic: %d %s", r.status, r.body)
	}
}

// TestKeysExist checks every literal catalog key of this package, as TestCallerKeysExist does
// for bot, handlers and jobs.
func TestKeysExist(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	pattern := regexp.MustCompile(`(?:\.T\(|Key:\s*)"([^"]+)"`)
	en, zh := i18n.New().For("en"), i18n.New().For("zh")
	found := 0
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range pattern.FindAllStringSubmatch(string(src), -1) {
			found++
			if en.T(m[1]) == m[1] || zh.T(m[1]) == m[1] || en.T(m[1]) == zh.T(m[1]) {
				t.Errorf("%s uses %q, which is missing from a catalog", path, m[1])
			}
		}
	}
	if found < 10 {
		t.Errorf("found only %d keys; is the scan broken?", found)
	}
}

// TestClientGoneIsNotAnInternalError: a client that gives up mid-batch is logged as such,
// not as a failure with a reference for an admin to chase.
func TestClientGoneIsNotAnInternalError(t *testing.T) {
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	ctx, cancel := context.WithCancel(context.Background())
	orders := &fakeOrders{answer: func([]order.Input) ([]order.Result, error) {
		cancel()
		return nil, fmt.Errorf("ingest order: %w", context.Canceled)
	}}
	req := httptest.NewRequestWithContext(ctx, "POST", "/api/v1/orders", bytes.NewReader(batch(1)))
	req.Header.Set("Authorization", "Bearer good")
	rec := httptest.NewRecorder()
	newTestAPI(orders, log).ServeHTTP(rec, req)
	var e errorBody
	response{status: rec.Code, body: rec.Body.Bytes()}.decode(t, &e)
	if rec.Code != http.StatusServiceUnavailable || e.Error != "cancelled" || e.Ref != "" {
		t.Errorf("got %d %s", rec.Code, rec.Body.Bytes())
	}
	if !strings.Contains(logs.String(), "level=WARN") || strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("log: %s", logs.String())
	}
}
