package main

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"storeops/bot/slackemu"
)

const testSecret = "bench-test-secret"

var testWS = workspace{TeamID: "T0BENCH", TeamDomain: "bench", AppID: "A0BENCH"}

func TestLoadAgainstBareHandler(t *testing.T) {
	srv := httptest.NewServer(bareHandler(testSecret))
	defer srv.Close()
	client := newClient(4)
	defer client.CloseIdleConnections()
	body := commandBody(testWS, slackemu.User{ID: "U0ADA", Name: "ada"}, "C0TEAM", "team", "help", srv.URL+"/hooks/x")
	res := Load(context.Background(), client, srv.URL, testSecret, func(int) Request {
		return Request{Path: commandPath, Body: body}
	}, LoadOptions{Concurrency: 4, Duration: 200 * time.Millisecond, MaxRequests: 1 << 20})
	if res.Requests == 0 || res.Errors != 0 {
		t.Fatalf("requests %d errors %d (%s)", res.Requests, res.Errors, res.FirstError)
	}
	if !(0 < res.P50 && res.P50 <= res.P90 && res.P90 <= res.P99 && res.P99 <= res.Max) {
		t.Errorf("percentiles out of order: p50 %v p90 %v p99 %v max %v", res.P50, res.P90, res.P99, res.Max)
	}
	if res.Throughput <= 0 || res.Elapsed < 200*time.Millisecond || res.Elapsed > 5*time.Second {
		t.Errorf("throughput %.0f/s over %v", res.Throughput, res.Elapsed)
	}
}

func TestLoadStopsAtCountAndCountsRefusals(t *testing.T) {
	srv := httptest.NewServer(bareHandler(testSecret))
	defer srv.Close()
	client := newClient(3)
	defer client.CloseIdleConnections()
	body := commandBody(testWS, slackemu.User{ID: "U0ADA", Name: "ada"}, "C0TEAM", "team", "help", "")
	res := Load(context.Background(), client, srv.URL, "another-secret", func(int) Request {
		return Request{Path: commandPath, Body: body}
	}, LoadOptions{Concurrency: 3, Duration: 10 * time.Second, MaxRequests: 25})
	if res.Requests != 25 || res.Errors != 25 {
		t.Fatalf("requests %d errors %d; want 25 refused by the signature check", res.Requests, res.Errors)
	}
	if res.FirstError == "" || res.P99 != 0 {
		t.Errorf("first error %q, p99 %v", res.FirstError, res.P99)
	}
}

func TestPercentile(t *testing.T) {
	var lat []time.Duration
	for i := 1; i <= 100; i++ {
		lat = append(lat, time.Duration(i)*time.Millisecond)
	}
	for _, c := range []struct {
		p    float64
		want time.Duration
	}{{50, 50 * time.Millisecond}, {90, 90 * time.Millisecond}, {99, 99 * time.Millisecond}, {100, 100 * time.Millisecond}, {0, time.Millisecond}} {
		if got := percentile(lat, c.p); got != c.want {
			t.Errorf("p%v = %v, want %v", c.p, got, c.want)
		}
	}
	if got := percentile(nil, 50); got != 0 {
		t.Errorf("p50 of nothing = %v", got)
	}
	if got := percentile(lat[:1], 99); got != time.Millisecond {
		t.Errorf("p99 of one = %v", got)
	}
}

// The click payload must parse as slack-go parses Slack's, with the button's action.
func TestApproveClickBodyParses(t *testing.T) {
	msg := slackemu.Message{Channel: "C0APPR", TS: "1700000000.000100", Text: "Listing review", User: "U0BOT", BotID: "B0BOT",
		Blocks: json.RawMessage(`[{"type":"actions","block_id":"b1","elements":[{"type":"button","action_id":"approval.approve","value":"7:1","text":{"type":"plain_text","text":"Approve"}}]}]`)}
	btn := msg.Buttons()[0]
	body := approveClickBody(testWS, slackemu.User{ID: "U0SUP", Name: "sup"}, "approvals", msg, btn, "http://127.0.0.1:1/hooks/h")
	form, err := url.ParseQuery(string(body))
	if err != nil {
		t.Fatal(err)
	}
	var ic slack.InteractionCallback
	if err := json.Unmarshal([]byte(form.Get("payload")), &ic); err != nil {
		t.Fatal(err)
	}
	if ic.Type != slack.InteractionTypeBlockActions || ic.User.ID != "U0SUP" || ic.Channel.ID != "C0APPR" {
		t.Errorf("payload: type %s user %s channel %s", ic.Type, ic.User.ID, ic.Channel.ID)
	}
	acts := ic.ActionCallback.BlockActions
	if len(acts) != 1 || acts[0].ActionID != "approval.approve" || acts[0].Value != "7:1" || acts[0].BlockID != "b1" {
		t.Errorf("actions: %+v", acts)
	}
	if ic.Message.Timestamp != msg.TS || ic.ResponseURL == "" {
		t.Errorf("message ts %q response_url %q", ic.Message.Timestamp, ic.ResponseURL)
	}
}
