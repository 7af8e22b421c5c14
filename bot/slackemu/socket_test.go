package slackemu

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// socketBot is a bot on slack-go's own Socket Mode client: it records every event the
// client emits and acks envelopes with what the test's handler returns.
type socketBot struct {
	t      *testing.T
	api    *slack.Client
	client *socketmode.Client

	mu     sync.Mutex
	events []socketmode.Event
	// handle answers an envelope: the ack payload (nil for none) and whether to ack at all.
	handle func(evt socketmode.Event) (payload any, ack bool)
	runErr chan error
}

func startSocketBot(t *testing.T, emu *Slack, apiURL, appToken string, opts ...socketmode.Option) *socketBot {
	t.Helper()
	api := client(apiURL, slack.OptionAppLevelToken(appToken))
	opts = append([]socketmode.Option{socketmode.OptionLog(log.New(io.Discard, "", 0))}, opts...)
	b := &socketBot{t: t, api: api, client: socketmode.New(api, opts...), runErr: make(chan error, 1)}
	ctx, cancel := context.WithCancel(context.Background())
	go func() { b.runErr <- b.client.RunContext(ctx) }()
	consumed := make(chan struct{})
	go func() {
		defer close(consumed)
		for {
			select {
			case <-ctx.Done():
				return
			case evt := <-b.client.Events:
				b.serve(evt)
			}
		}
	}()
	t.Cleanup(func() {
		cancel()
		<-consumed
		select {
		case <-b.runErr:
		case <-time.After(5 * time.Second):
			t.Error("socketmode client did not stop")
		}
	})
	return b
}

func (b *socketBot) serve(evt socketmode.Event) {
	b.mu.Lock()
	b.events = append(b.events, evt)
	handle := b.handle
	b.mu.Unlock()
	if evt.Request == nil || evt.Request.EnvelopeID == "" {
		return
	}
	var payload any
	ack := true
	if handle != nil {
		payload, ack = handle(evt)
	}
	if !ack {
		return
	}
	var err error
	if payload == nil {
		err = b.client.Ack(*evt.Request)
	} else {
		err = b.client.Ack(*evt.Request, payload)
	}
	if err != nil {
		b.t.Errorf("ack %s: %v", evt.Request.EnvelopeID, err)
	}
}

func (b *socketBot) setHandler(h func(evt socketmode.Event) (any, bool)) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.handle = h
}

// requests returns the Socket Mode requests of type typ the client parsed, in order.
func (b *socketBot) requests(typ socketmode.EventType) []socketmode.Event {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []socketmode.Event
	for _, e := range b.events {
		if e.Type == typ {
			out = append(out, e)
		}
	}
	return out
}

func waitEmu(t *testing.T, emu *Slack, what string, cond func() bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := emu.Wait(ctx, cond); err != nil {
		t.Fatalf("waiting for %s: %v", what, err)
	}
}

// eventually polls cond, for state the emulator does not own (what the bot received).
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %s: timed out", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func connected(t *testing.T, emu *Slack, n int) {
	t.Helper()
	waitEmu(t, emu, "socket connection", func() bool { return emu.Sockets() == n })
}

func TestSocketHello(t *testing.T) {
	emu, apiURL := startEmu(t, Options{AppID: "A0HELLO"})
	bot := startSocketBot(t, emu, apiURL, DefaultAppToken)
	connected(t, emu, 1)
	eventually(t, "hello", func() bool { return len(bot.requests(socketmode.EventTypeHello)) == 1 })
	hello := bot.requests(socketmode.EventTypeHello)[0].Request
	if hello.Type != "hello" || hello.NumConnections != 1 || hello.ConnectionInfo.AppID != "A0HELLO" ||
		hello.DebugInfo.Host == "" || hello.DebugInfo.ApproximateConnectionTime == 0 {
		t.Fatalf("hello = %+v", hello)
	}
	if len(bot.requests(socketmode.EventTypeConnected)) != 1 {
		t.Fatal("the client did not report the connection")
	}
	calls := emu.Calls(appsConnectionsOpen)
	if len(calls) != 1 || !calls[0].OK() {
		t.Fatalf("apps.connections.open calls = %+v", calls)
	}
	var open struct {
		URL string `json:"url"`
	}
	if err := json.Unmarshal(calls[0].Response, &open); err != nil ||
		!strings.HasPrefix(open.URL, "ws://"+strings.TrimPrefix(emu.BaseURL(), "http://")+SocketPath+"?") {
		t.Fatalf("socket URL = %q (%v)", open.URL, err)
	}
	// The ticket in the URL is single-use.
	if c, resp, err := websocket.DefaultDialer.Dial(open.URL, nil); err == nil {
		_ = c.Close()
		t.Fatal("a used ticket opened a second socket")
	} else if resp == nil || resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("reused ticket: %v %v", resp, err)
	}

	// A second connection of the same app counts both.
	other := socketmode.New(client(apiURL, slack.OptionAppLevelToken(DefaultAppToken)))
	_, url, err := other.OpenContext(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	c, _, err := websocket.DefaultDialer.Dial(url, nil)
	if err != nil {
		t.Fatal(err)
	}
	var second socketmode.Request
	if err := c.ReadJSON(&second); err != nil || second.NumConnections != 2 {
		t.Fatalf("second hello = %+v (%v)", second, err)
	}
	connected(t, emu, 2)
	_ = c.Close()
	connected(t, emu, 1)
}

func TestSocketNeedsTheAppLevelToken(t *testing.T) {
	emu, apiURL := startEmu(t, Options{AppToken: "xapp-1-right"})
	for _, c := range []struct{ token, want string }{
		{"", "not_authed"},
		{testToken, "not_allowed_token_type"},
		{"xapp-1-wrong", "invalid_auth"},
	} {
		_, _, err := client(apiURL, slack.OptionAppLevelToken(c.token)).StartSocketModeContext(context.Background())
		slackErr(t, err, c.want)
	}
	if _, url, err := client(apiURL, slack.OptionAppLevelToken("xapp-1-right")).StartSocketModeContext(context.Background()); err != nil || url == "" {
		t.Fatalf("right token: %q %v", url, err)
	}
	// slack-go gives up for good on invalid_auth, which is why the bot supervises it.
	sm := socketmode.New(client(apiURL, slack.OptionAppLevelToken("xapp-1-wrong")), socketmode.OptionLog(log.New(io.Discard, "", 0)))
	done := make(chan error, 1)
	go func() { done <- sm.RunContext(context.Background()) }()
	drained := make(chan struct{})
	defer close(drained)
	go func() {
		for { // RunContext would block on a full Events channel
			select {
			case <-sm.Events:
			case <-drained:
				return
			}
		}
	}()
	select {
	case err := <-done:
		if err == nil || err.Error() != "invalid_auth" {
			t.Fatalf("run = %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("socketmode kept retrying a wrong token")
	}
	if emu.SocketsOpened() != 0 {
		t.Fatal("a wrong token opened a socket")
	}
}

func TestSocketCommandIsAckedWithTheReply(t *testing.T) {
	emu, apiURL := startEmu(t, Options{TeamID: "T0SHOP", TeamDomain: "shop"})
	// The same command over HTTP, to compare payloads.
	tiny, botURL := newTinyBot(t, apiURL)
	ws := emu.Workspace(botURL)
	ctx := context.Background()
	if _, err := ws.Command(ctx, "alice", "C0TEAM", "ping"); err != nil {
		t.Fatal(err)
	}

	bot := startSocketBot(t, emu, apiURL, DefaultAppToken)
	bot.setHandler(func(evt socketmode.Event) (any, bool) {
		cmd := evt.Data.(slack.SlashCommand)
		if cmd.Text == "shout" {
			return slack.Msg{ResponseType: slack.ResponseTypeInChannel, Text: "hello team"}, true
		}
		return slack.Msg{ResponseType: slack.ResponseTypeEphemeral, Text: "pong"}, true
	})
	connected(t, emu, 1)
	ws.UseSocketMode(true)
	r, err := ws.Command(ctx, "alice", "C0TEAM", "ping")
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != http.StatusOK || r.Msg == nil || r.Msg.Text != "pong" || r.EnvelopeID == "" {
		t.Fatalf("reply = %+v", r)
	}
	if e := emu.Ephemerals("U0ALICE"); len(e) != 1 || e[0].Text != "pong" || e[0].Source != "command_reply" {
		t.Fatalf("ack reply not shown: %+v", e)
	}
	env, ok := emu.EnvelopeByID(r.EnvelopeID)
	if !ok || env.Type != EnvelopeSlashCommands || !env.AcceptsResponsePayload || !env.Acked || env.Deliveries != 1 {
		t.Fatalf("envelope = %+v", env)
	}
	got := bot.requests(socketmode.EventTypeSlashCommand)
	if len(got) != 1 || got[0].Request.EnvelopeID != r.EnvelopeID || !got[0].Request.AcceptsResponsePayload {
		t.Fatalf("bot saw %+v", got)
	}
	// Same fields as over HTTP, apart from the single-use trigger and response_url.
	viaHTTP, viaSocket := tiny.commands[0], got[0].Data.(slack.SlashCommand)
	if viaSocket.TriggerID == "" || viaSocket.TriggerID == viaHTTP.TriggerID ||
		!strings.HasPrefix(viaSocket.ResponseURL, emu.BaseURL()+"/hooks/") {
		t.Fatalf("socket command = %+v", viaSocket)
	}
	viaSocket.TriggerID, viaSocket.ResponseURL = viaHTTP.TriggerID, viaHTTP.ResponseURL
	if viaSocket != viaHTTP {
		t.Fatalf("payloads differ:\nhttp   %+v\nsocket %+v", viaHTTP, viaSocket)
	}
	var fields map[string]any
	if err := json.Unmarshal(env.Payload, &fields); err != nil || fields["is_enterprise_install"] != "false" || fields["command"] != "/ops" {
		t.Fatalf("payload is not Slack's JSON object of strings: %s", env.Payload)
	}

	if _, err := ws.Command(ctx, "bob", "C0TEAM", "shout"); err != nil {
		t.Fatal(err)
	}
	if m := emu.Messages("C0TEAM"); len(m) != 1 || m[0].Text != "hello team" {
		t.Fatalf("in_channel ack reply = %+v", m)
	}
	if len(tiny.commands) != 1 {
		t.Fatal("a socket-mode command went over HTTP")
	}

	// Back to HTTP: unchanged.
	ws.UseSocketMode(false)
	if _, err := ws.Command(ctx, "alice", "C0TEAM", "ping"); err != nil || len(tiny.commands) != 2 {
		t.Fatalf("HTTP after socket mode: %v, %d commands", err, len(tiny.commands))
	}
}

func TestSocketSubmissionAckDrivesTheModal(t *testing.T) {
	emu, apiURL := startEmu(t, Options{})
	bot := startSocketBot(t, emu, apiURL, DefaultAppToken)
	acks := []any{
		slack.NewErrorsViewSubmissionResponse(map[string]string{"title": "Title is taken"}),
		nil, // an empty ack closes the modal
	}
	bot.setHandler(func(evt socketmode.Event) (any, bool) {
		switch d := evt.Data.(type) {
		case slack.SlashCommand:
			if _, err := bot.api.OpenView(d.TriggerID, listingModal()); err != nil {
				t.Errorf("views.open: %v", err)
			}
		case slack.InteractionCallback:
			if d.Type == slack.InteractionTypeViewSubmission && len(acks) > 0 {
				a := acks[0]
				acks = acks[1:]
				return a, true
			}
		}
		return nil, true
	})
	connected(t, emu, 1)
	ws := emu.Workspace("http://127.0.0.1:1") // nothing listens: every request must go over the socket
	ws.UseSocketMode(true)
	ctx := context.Background()
	if _, err := ws.Command(ctx, "alice", "C0TEAM", "new"); err != nil {
		t.Fatal(err)
	}
	v, ok := emu.TopView("U0ALICE")
	if !ok {
		t.Fatal("no modal opened from the socket command's trigger")
	}
	r, err := ws.Submit(ctx, "alice", v.ID, map[string]string{"size": "Large", "qty": "3"})
	if err != nil {
		t.Fatal(err)
	}
	if r.ResponseAction != "errors" || r.Errors["title"] != "Title is taken" || r.View == nil || r.View.ID != v.ID {
		t.Fatalf("errors ack: %+v", r)
	}
	subs := bot.requests(socketmode.EventTypeInteractive)
	if len(subs) != 1 || !subs[0].Request.AcceptsResponsePayload {
		t.Fatalf("submission envelope: %+v", subs)
	}
	ic := subs[0].Data.(slack.InteractionCallback)
	if ic.View.ID != v.ID || ic.View.State.Values["size"]["size_select"].SelectedOption.Value != "L" ||
		ic.View.State.Values["qty"]["qty_input"].Value != "3" {
		t.Fatalf("submission = %+v", ic.View.State)
	}
	if r, err = ws.Submit(ctx, "alice", v.ID, map[string]string{"title": "Desk lamp"}); err != nil {
		t.Fatal(err)
	}
	if r.View != nil || len(emu.OpenViews("U0ALICE")) != 0 {
		t.Fatalf("empty ack left the modal open: %+v", r.View)
	}

	// A click is acked without a response payload; Slack would not use one.
	_, ts, err := bot.api.PostMessage("C0TEAM", slack.MsgOptionText("approve?", false), slack.MsgOptionBlocks(approvalBlocks()...))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ws.ClickButton(ctx, "bob", Target{Channel: "C0TEAM", TS: ts}, "Approve"); err != nil {
		t.Fatal(err)
	}
	subs = bot.requests(socketmode.EventTypeInteractive)
	click := subs[len(subs)-1]
	if click.Request.AcceptsResponsePayload || click.Data.(slack.InteractionCallback).ActionCallback.BlockActions[0].ActionID != "approval.approve" {
		t.Fatalf("click envelope: %+v", click.Request)
	}
}

func TestSocketEventRedeliveredUntilAcked(t *testing.T) {
	emu, apiURL := startEmu(t, Options{})
	bot := startSocketBot(t, emu, apiURL, DefaultAppToken)
	connected(t, emu, 1)
	ws := emu.Workspace("http://127.0.0.1:1")
	ws.UseSocketMode(true)
	ws.RedeliverAfter = 50 * time.Millisecond
	ctx := context.Background()

	// The first ack is lost on the way: Slack sends the same envelope again.
	emu.LoseNextAcks(1)
	r, err := ws.Event(ctx, "app_mention", map[string]any{"user": "U0ALICE", "channel": "C0TEAM", "text": "<@U0BOT> hi"})
	if err != nil {
		t.Fatal(err)
	}
	got := bot.requests(socketmode.EventTypeEventsAPI)
	if len(got) != 2 {
		t.Fatalf("deliveries seen by the bot = %d, want 2", len(got))
	}
	for i, evt := range got {
		req := evt.Request
		if req.EnvelopeID != r.EnvelopeID || req.RetryAttempt != i || req.AcceptsResponsePayload {
			t.Fatalf("delivery %d = %+v", i, req)
		}
		ev := evt.Data.(slackevents.EventsAPIEvent)
		if ev.Type != slackevents.CallbackEvent || ev.InnerEvent.Type != "app_mention" {
			t.Fatalf("delivery %d event = %+v", i, ev)
		}
		if mention, ok := ev.InnerEvent.Data.(*slackevents.AppMentionEvent); !ok || mention.User != "U0ALICE" {
			t.Fatalf("delivery %d inner = %+v", i, ev.InnerEvent.Data)
		}
	}
	if got[0].Request.RetryReason != "" || got[1].Request.RetryReason != "timeout" {
		t.Fatalf("retry reasons %q, %q", got[0].Request.RetryReason, got[1].Request.RetryReason)
	}
	var outer struct {
		EventID string `json:"event_id"`
	}
	if err := json.Unmarshal(got[1].Request.Payload, &outer); err != nil || outer.EventID != r.EventID {
		t.Fatalf("redelivery changed the event: %s", got[1].Request.Payload)
	}
	env, _ := emu.EnvelopeByID(r.EnvelopeID)
	if env.Deliveries != 2 || env.LostAcks != 1 || env.Acks != 1 || !env.Acked {
		t.Fatalf("envelope = %+v", env)
	}

	// A bot that never acks: the first delivery and three retries, then Slack gives up.
	bot.setHandler(func(socketmode.Event) (any, bool) { return nil, false })
	ws.AckTimeout = 100 * time.Millisecond
	_, err = ws.Event(ctx, "app_mention", map[string]any{"user": "U0ALICE", "channel": "C0TEAM", "text": "again"})
	var te *AckTimeoutError
	if !errors.As(err, &te) {
		t.Fatalf("err = %v, want AckTimeoutError", err)
	}
	if !emu.Settle(20*time.Millisecond, 3*time.Second) {
		t.Fatal("redeliveries never ended")
	}
	envs := emu.Envelopes()
	if last := envs[len(envs)-1]; last.Deliveries != 1+maxEventRetries || last.Acked {
		t.Fatalf("unacked envelope = %+v", last)
	}
	eventually(t, "every delivery at the bot", func() bool {
		return len(bot.requests(socketmode.EventTypeEventsAPI)) == 2+1+maxEventRetries
	})

	// EventWithID starts at the retry it is given, as the HTTP headers do.
	bot.setHandler(nil)
	ws.AckTimeout = 3 * time.Second
	r, err = ws.EventWithID(ctx, "Ev0RETRY", 2, "http_timeout", "app_mention", map[string]any{"user": "U0ALICE"})
	if err != nil {
		t.Fatal(err)
	}
	all := bot.requests(socketmode.EventTypeEventsAPI)
	if req := all[len(all)-1].Request; req.EnvelopeID != r.EnvelopeID || req.RetryAttempt != 2 || req.RetryReason != "http_timeout" {
		t.Fatalf("EventWithID envelope = %+v", req)
	}
	if _, err := ws.URLVerification(ctx, "challenge"); err == nil {
		t.Fatal("url_verification sent over Socket Mode")
	}
}

func TestSocketCommandsAreNotRedelivered(t *testing.T) {
	emu, apiURL := startEmu(t, Options{})
	bot := startSocketBot(t, emu, apiURL, DefaultAppToken)
	bot.setHandler(func(socketmode.Event) (any, bool) { return nil, false })
	connected(t, emu, 1)
	ws := emu.Workspace("http://127.0.0.1:1")
	ws.UseSocketMode(true)
	ws.AckTimeout, ws.RedeliverAfter = 150*time.Millisecond, 20*time.Millisecond
	_, err := ws.Command(context.Background(), "alice", "C0TEAM", "slow")
	var te *AckTimeoutError
	if !errors.As(err, &te) || !strings.Contains(te.Error(), EnvelopeSlashCommands) {
		t.Fatalf("err = %v, want AckTimeoutError", err)
	}
	if n := len(bot.requests(socketmode.EventTypeSlashCommand)); n != 1 {
		t.Fatalf("command delivered %d times", n)
	}
}

func TestSocketModeWithoutAConnectionFails(t *testing.T) {
	emu, _ := startEmu(t, Options{})
	ws := emu.Workspace("http://127.0.0.1:1")
	ws.UseSocketMode(true)
	ctx := context.Background()
	var nc *NotConnectedError
	if _, err := ws.Command(ctx, "alice", "C0TEAM", "help"); !errors.As(err, &nc) || nc.Type != EnvelopeSlashCommands {
		t.Fatalf("command: %v", err)
	}
	if _, err := ws.Event(ctx, "app_mention", map[string]any{"user": "U0ALICE"}); !errors.As(err, &nc) {
		t.Fatalf("event: %v", err)
	}
	if len(emu.Envelopes()) != 0 {
		t.Fatal("envelopes recorded without a connection")
	}
}

func TestSocketDisconnectAndPings(t *testing.T) {
	emu, apiURL := startEmu(t, Options{SocketPingInterval: 50 * time.Millisecond})
	// slack-go drops a connection that hears no ping within its interval.
	bot := startSocketBot(t, emu, apiURL, DefaultAppToken, socketmode.OptionPingInterval(300*time.Millisecond))
	connected(t, emu, 1)
	time.Sleep(700 * time.Millisecond)
	if n := emu.SocketsOpened(); n != 1 {
		t.Fatalf("connections opened = %d: pings did not keep the socket alive", n)
	}
	if err := emu.Disconnect("refresh_requested"); err != nil {
		t.Fatal(err)
	}
	waitEmu(t, emu, "reconnection", func() bool { return emu.SocketsOpened() >= 2 && emu.Sockets() == 1 })
	eventually(t, "second hello", func() bool { return len(bot.requests(socketmode.EventTypeHello)) >= 2 })

	ws := emu.Workspace("http://127.0.0.1:1")
	ws.UseSocketMode(true)
	if _, err := ws.Command(context.Background(), "alice", "C0TEAM", "after"); err != nil {
		t.Fatalf("command over the new connection: %v", err)
	}
	emu.Close()
	waitEmu(t, emu, "sockets dropped by Close", func() bool { return emu.Sockets() == 0 })
}
