package webhook

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"storeops/domain"
	"storeops/domain/order"
)

func TestSignIsHMACOfTimestampDotBody(t *testing.T) {
	// Computed independently: printf '1764403200.{"a":1}' | openssl dgst -sha256 -hmac whsec_test
	const want = "v1=f922d89ed850cddfc1fb9abaca9cdfe9c0d76a965093ee62e9fda3c0de6845ee"
	got := Sign("whsec_test", 1764403200, []byte(`{"a":1}`))
	if got != want {
		t.Fatalf("Sign = %q, want %q", got, want)
	}
	for _, other := range []string{
		Sign("whsec_other", 1764403200, []byte(`{"a":1}`)),
		Sign("whsec_test", 1764403201, []byte(`{"a":1}`)),
		Sign("whsec_test", 1764403200, []byte(`{"a":2}`)),
	} {
		if other == got {
			t.Errorf("a different secret, time or body signs the same: %s", other)
		}
	}
}

func TestVerify(t *testing.T) {
	now := time.Unix(1764403200, 0)
	body := []byte(`{"batch_id":"TM01-1"}`)
	sig := Sign("s3cret", now.Unix(), body)
	cases := []struct {
		name, secret, ts, sig string
		body                  []byte
		at                    time.Time
		ok                    bool
	}{
		{"good", "s3cret", "1764403200", sig, body, now, true},
		{"good a minute later", "s3cret", "1764403200", sig, body, now.Add(time.Minute), true},
		{"stale", "s3cret", "1764403200", sig, body, now.Add(10 * time.Minute), false},
		{"wrong secret", "other", "1764403200", sig, body, now, false},
		{"changed body", "s3cret", "1764403200", sig, []byte(`{"batch_id":"TM01-2"}`), now, false},
		{"changed timestamp", "s3cret", "1764403201", sig, body, now, false},
		{"no timestamp", "s3cret", "", sig, body, now, false},
		{"no signature", "s3cret", "1764403200", "", body, now, false},
	}
	for _, c := range cases {
		err := Verify(c.secret, c.ts, c.sig, c.body, c.at, 5*time.Minute)
		if (err == nil) != c.ok {
			t.Errorf("%s: Verify = %v, want ok=%v", c.name, err, c.ok)
		}
	}
}

func TestSendSignsAndReportsFailures(t *testing.T) {
	clock := domain.NewManualClock(time.Unix(1764403200, 0))
	var got *http.Request
	var body []byte
	status := http.StatusInternalServerError
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r
		body, _ = io.ReadAll(r.Body)
		w.WriteHeader(status)
		_, _ = w.Write([]byte("busy"))
	}))
	defer srv.Close()
	s := NewSender(clock, "test")
	d := order.WebhookDelivery{BatchID: "TM01-7", Body: []byte(`{"batch_id":"TM01-7"}`)}
	err := s.Send(context.Background(), srv.URL, "s3cret", d)
	if err == nil || !strings.Contains(err.Error(), "500") || !strings.Contains(err.Error(), "busy") {
		t.Fatalf("a 500 should be an error naming it: %v", err)
	}
	status = http.StatusNoContent
	if err := s.Send(context.Background(), srv.URL, "s3cret", d); err != nil {
		t.Fatal(err)
	}
	if got.Method != http.MethodPost || got.Header.Get(HeaderDelivery) != "TM01-7" || !strings.HasPrefix(got.Header.Get("Content-Type"), "application/json") {
		t.Errorf("request %s %v", got.Method, got.Header)
	}
	if err := Verify("s3cret", got.Header.Get(HeaderTimestamp), got.Header.Get(HeaderSignature), body, clock.Now(), time.Minute); err != nil {
		t.Errorf("the receiver cannot verify: %v", err)
	}
}
