package slackemu

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack"
)

// tinyBot verifies every request the way a real bot must and hands the parsed payload to
// the test's handler.
type tinyBot struct {
	t   *testing.T
	api *slack.Client

	mu        sync.Mutex
	commands  []slack.SlashCommand
	callbacks []slack.InteractionCallback
	raw       []string
	events    []map[string]any
	headers   []http.Header

	onCommand     func(cmd slack.SlashCommand, w http.ResponseWriter)
	onInteraction func(ic slack.InteractionCallback, w http.ResponseWriter)
	onEvent       func(ev map[string]any, w http.ResponseWriter)
}

func newTinyBot(t *testing.T, apiURL string) (*tinyBot, string) {
	b := &tinyBot{t: t, api: client(apiURL)}
	srv := httptest.NewServer(b)
	t.Cleanup(srv.Close)
	return b, srv.URL
}

func (b *tinyBot) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	sv, err := slack.NewSecretsVerifier(r.Header, testSecret)
	if err == nil {
		_, _ = sv.Write(body)
		err = sv.Ensure()
	}
	if err != nil {
		b.t.Errorf("bad signature on %s: %v", r.URL.Path, err)
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	b.mu.Lock()
	b.headers = append(b.headers, r.Header.Clone())
	b.mu.Unlock()
	switch r.URL.Path {
	case "/slack/commands":
		cmd, err := slack.SlashCommandParse(r)
		if err != nil {
			b.t.Errorf("parse command: %v", err)
			return
		}
		b.mu.Lock()
		b.commands = append(b.commands, cmd)
		b.mu.Unlock()
		if b.onCommand != nil {
			b.onCommand(cmd, w)
		}
	case "/slack/interactions":
		if err := r.ParseForm(); err != nil {
			b.t.Errorf("parse form: %v", err)
			return
		}
		payload := r.PostForm.Get("payload")
		var ic slack.InteractionCallback
		if err := json.Unmarshal([]byte(payload), &ic); err != nil {
			b.t.Errorf("parse payload: %v\n%s", err, payload)
			return
		}
		b.mu.Lock()
		b.callbacks = append(b.callbacks, ic)
		b.raw = append(b.raw, payload)
		b.mu.Unlock()
		if b.onInteraction != nil {
			b.onInteraction(ic, w)
		}
	case "/slack/events":
		var ev map[string]any
		if err := json.Unmarshal(body, &ev); err != nil {
			b.t.Errorf("parse event: %v", err)
			return
		}
		b.mu.Lock()
		b.events = append(b.events, ev)
		b.mu.Unlock()
		if b.onEvent != nil {
			b.onEvent(ev, w)
		}
	default:
		http.NotFound(w, r)
	}
}

func (b *tinyBot) lastCallback(t *testing.T) (slack.InteractionCallback, string) {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.callbacks) == 0 {
		t.Fatal("bot received no interaction")
	}
	return b.callbacks[len(b.callbacks)-1], b.raw[len(b.raw)-1]
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

func TestCommandPayloadAndReplies(t *testing.T) {
	emu, apiURL := startEmu(t, Options{TeamID: "T0SHOP", TeamDomain: "shop"})
	bot, botURL := newTinyBot(t, apiURL)
	ws := emu.Workspace(botURL)
	bot.onCommand = func(cmd slack.SlashCommand, w http.ResponseWriter) {
		switch cmd.Text {
		case "ping":
			writeJSON(w, map[string]any{"response_type": "ephemeral", "text": "pong"})
		case "shout":
			writeJSON(w, map[string]any{"response_type": "in_channel", "text": "hello team"})
		case "plain":
			_, _ = io.WriteString(w, "just text")
		}
	}
	ctx := context.Background()
	r, err := ws.Command(ctx, "alice", "C0TEAM", "ping")
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != 200 || r.Msg == nil || r.Msg.Text != "pong" || r.Msg.ResponseType != "ephemeral" {
		t.Fatalf("reply = %+v", r)
	}
	cmd := bot.commands[0]
	if cmd.TeamID != "T0SHOP" || cmd.TeamDomain != "shop" || cmd.UserID != "U0ALICE" || cmd.UserName != "alice" ||
		cmd.ChannelID != "C0TEAM" || cmd.ChannelName != "team" || cmd.Command != "/ops" || cmd.Text != "ping" ||
		cmd.APIAppID == "" || cmd.TriggerID == "" || cmd.IsEnterpriseInstall ||
		!strings.HasPrefix(cmd.ResponseURL, emu.BaseURL()+"/hooks/") {
		t.Fatalf("slash command = %+v", cmd)
	}
	if e := emu.Ephemerals("U0ALICE"); len(e) != 1 || e[0].Text != "pong" || e[0].Source != "command_reply" {
		t.Fatalf("reply not shown to alice: %+v", e)
	}
	if _, err := ws.Command(ctx, "U0BOB", "C0TEAM", "shout"); err != nil {
		t.Fatal(err)
	}
	if m := emu.Messages("C0TEAM"); len(m) != 1 || m[0].Text != "hello team" {
		t.Fatalf("in_channel reply = %+v", m)
	}
	if _, err := ws.Command(ctx, "bob", "C0TEAM", "plain"); err != nil {
		t.Fatal(err)
	}
	if e := emu.Ephemerals("U0BOB"); len(e) != 1 || e[0].Text != "just text" {
		t.Fatalf("text reply = %+v", e)
	}
	if _, err := ws.Command(ctx, "nobody", "C0TEAM", "ping"); err == nil {
		t.Fatal("unknown user accepted")
	}
	if bot.commands[0].TriggerID == bot.commands[1].TriggerID {
		t.Fatal("trigger ids repeat")
	}
}

func TestCommandTriggerOpensModalOnce(t *testing.T) {
	emu, apiURL := startEmu(t, Options{})
	bot, botURL := newTinyBot(t, apiURL)
	ws := emu.Workspace(botURL)
	var second error
	bot.onCommand = func(cmd slack.SlashCommand, w http.ResponseWriter) {
		if _, err := bot.api.OpenView(cmd.TriggerID, modal("New listing", textInput("title", "Title", "", false))); err != nil {
			t.Errorf("views.open: %v", err)
		}
		_, second = bot.api.OpenView(cmd.TriggerID, modal("Twice"))
	}
	if _, err := ws.Command(context.Background(), "alice", "C0TEAM", "new"); err != nil {
		t.Fatal(err)
	}
	slackErr(t, second, ErrTriggerExchanged)
	if v := emu.OpenViews("U0ALICE"); len(v) != 1 || v[0].Title != "New listing" {
		t.Fatalf("open views = %+v", v)
	}
}

func TestClickMessageButtonAndReplaceOriginal(t *testing.T) {
	emu, apiURL := startEmu(t, Options{})
	bot, botURL := newTinyBot(t, apiURL)
	ws := emu.Workspace(botURL)
	_, ts, err := bot.api.PostMessage("C0TEAM", slack.MsgOptionText("approve?", false), slack.MsgOptionBlocks(approvalBlocks()...))
	if err != nil {
		t.Fatal(err)
	}
	// The replies must end before the emulator closes, or a reply cut off by the close
	// fails the test after it has completed.
	var replies sync.WaitGroup
	defer replies.Wait()
	bot.onInteraction = func(ic slack.InteractionCallback, w http.ResponseWriter) {
		replies.Add(1)
		go func() {
			defer replies.Done()
			_, _, err := bot.api.PostMessage("", slack.MsgOptionReplaceOriginal(ic.ResponseURL), slack.MsgOptionText("Approved by @"+ic.User.Name, false))
			if err != nil {
				t.Errorf("replace_original: %v", err)
			}
		}()
	}
	msg, _ := emu.Message("C0TEAM", ts)
	if _, err := ws.ClickButton(context.Background(), "bob", msg.Target(), "approve"); err != nil {
		t.Fatal(err)
	}
	ic, raw := bot.lastCallback(t)
	act := ic.ActionCallback.BlockActions
	if ic.Type != slack.InteractionTypeBlockActions || len(act) != 1 || act[0].ActionID != "approval.approve" ||
		act[0].Value != "req-1:v1" || act[0].BlockID != msg.Buttons()[0].BlockID || act[0].Type != "button" ||
		act[0].Text.Text != "Approve" || act[0].ActionTs == "" {
		t.Fatalf("actions = %+v", act)
	}
	if ic.User.ID != "U0BOB" || ic.User.Name != "bob" || ic.Team.ID != emu.Options().TeamID || ic.TriggerID == "" ||
		ic.Container.Type != "message" || ic.Container.MessageTs != ts || ic.Container.ChannelID != "C0TEAM" ||
		ic.Channel.ID != "C0TEAM" || ic.Message.Timestamp != ts || len(ic.Message.Blocks.BlockSet) != 2 || ic.APIAppID == "" {
		t.Fatalf("callback = %+v", ic)
	}
	if !strings.Contains(raw, `"response_url":"`+emu.BaseURL()+"/hooks/") {
		t.Fatalf("no response_url in %s", raw)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := emu.Wait(ctx, func() bool { m, _ := emu.Message("C0TEAM", ts); return m.Updates == 1 }); err != nil {
		t.Fatal(err)
	}
	m, _ := emu.Message("C0TEAM", ts)
	if m.Text != "Approved by @bob" || len(m.Blocks) != 0 {
		t.Fatalf("replaced = %+v", m)
	}
	if _, err := ws.Click(context.Background(), "bob", msg.Target(), "approval.approve", "req-9:v1"); err == nil {
		t.Fatal("clicked a button that is no longer there")
	}

	_, dmTS, err := bot.api.PostMessage("U0BOB", slack.MsgOptionText("approve?", false), slack.MsgOptionBlocks(approvalBlocks()...))
	if err != nil {
		t.Fatal(err)
	}
	dm := Target{Channel: emu.DMChannel("U0BOB"), TS: dmTS}
	if _, err := ws.ClickButton(context.Background(), "alice", dm, "Approve"); err == nil {
		t.Fatal("alice clicked in bob's DM")
	}
	if _, err := ws.ClickButton(context.Background(), "bob", dm, "Approve"); err != nil {
		t.Fatal(err)
	}
	if err := emu.Wait(ctx, func() bool { m, _ := emu.Message(dm.Channel, dmTS); return m.Updates == 1 }); err != nil {
		t.Fatal(err)
	}
}

func TestClickEphemeralHasNoMessage(t *testing.T) {
	emu, apiURL := startEmu(t, Options{})
	bot, botURL := newTinyBot(t, apiURL)
	ws := emu.Workspace(botURL)
	if _, err := bot.api.PostEphemeral("C0TEAM", "U0ALICE", slack.MsgOptionText("confirm?", false), slack.MsgOptionBlocks(approvalBlocks()...)); err != nil {
		t.Fatal(err)
	}
	bot.onInteraction = func(ic slack.InteractionCallback, w http.ResponseWriter) {
		if _, _, err := bot.api.PostMessage("", slack.MsgOptionReplaceOriginal(ic.ResponseURL), slack.MsgOptionText("Rejected", false)); err != nil {
			t.Errorf("replace_original: %v", err)
		}
	}
	eph := emu.Ephemerals("U0ALICE")[0]
	if _, err := ws.ClickButton(context.Background(), "bob", eph.Target(), "Reject"); err == nil {
		t.Fatal("bob clicked alice's ephemeral")
	}
	if _, err := ws.ClickButton(context.Background(), "alice", eph.Target(), "Reject"); err != nil {
		t.Fatal(err)
	}
	ic, raw := bot.lastCallback(t)
	if !ic.Container.IsEphemeral || ic.Container.MessageTs != eph.TS || strings.Contains(raw, `"message":`) {
		t.Fatalf("ephemeral click payload: %s", raw)
	}
	if got := emu.Ephemerals("U0ALICE"); len(got) != 1 || got[0].Text != "Rejected" || got[0].Updates != 1 {
		t.Fatalf("ephemerals = %+v", got)
	}
}

func listingModal() slack.ModalViewRequest {
	size := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, nil, "size_select",
		slack.NewOptionBlockObject("S", slack.NewTextBlockObject(slack.PlainTextType, "Small", false, false), nil),
		slack.NewOptionBlockObject("L", slack.NewTextBlockObject(slack.PlainTextType, "Large", false, false), nil),
	)
	qty := slack.NewNumberInputBlockElement(nil, "qty_input", false)
	notes := textInput("notes", "Notes", "", true)
	notes.Element.(*slack.PlainTextInputBlockElement).Multiline = true
	m := modal("New listing",
		textInput("title", "Title", "Lamp", false),
		slack.NewInputBlock("size", slack.NewTextBlockObject(slack.PlainTextType, "Size", false, false), nil, size),
		slack.NewInputBlock("qty", slack.NewTextBlockObject(slack.PlainTextType, "Quantity", false, false), nil, qty),
		notes,
	)
	m.PrivateMetadata = `{"store":"S1"}`
	m.NotifyOnClose = true
	return m
}

func TestSubmitBuildsStateAndAppliesAcks(t *testing.T) {
	emu, apiURL := startEmu(t, Options{})
	bot, botURL := newTinyBot(t, apiURL)
	ws := emu.Workspace(botURL)
	ctx := context.Background()
	v, err := bot.api.OpenView(emu.issueTrigger("U0ALICE"), listingModal())
	if err != nil {
		t.Fatal(err)
	}

	// The Slack client refuses an empty required field before the bot hears anything.
	r, err := ws.Submit(ctx, "alice", v.ID, map[string]string{"size": "L"})
	if err != nil {
		t.Fatal(err)
	}
	if !r.ClientSide || r.Errors["qty"] == "" || len(bot.callbacks) != 0 {
		t.Fatalf("client-side check: %+v, bot saw %d", r, len(bot.callbacks))
	}
	if _, err := ws.Submit(ctx, "alice", v.ID, map[string]string{"colour": "red"}); err == nil {
		t.Fatal("unknown block_id accepted")
	}
	if _, err := ws.Submit(ctx, "alice", v.ID, map[string]string{"size": "XXL", "qty": "1"}); err == nil {
		t.Fatal("unknown option accepted")
	}

	acks := []any{
		map[string]any{"response_action": "errors", "errors": map[string]string{"title": "Title is taken"}},
		map[string]any{"response_action": "update", "view": modal("Check")},
		map[string]any{"response_action": "push", "view": modal("Details")},
		map[string]any{"response_action": "clear"},
	}
	bot.onInteraction = func(ic slack.InteractionCallback, w http.ResponseWriter) {
		if ic.Type != slack.InteractionTypeViewSubmission || len(acks) == 0 {
			return
		}
		writeJSON(w, acks[0])
		acks = acks[1:]
	}
	r, err = ws.Submit(ctx, "alice", v.ID, map[string]string{"size": "Large", "qty": "3"})
	if err != nil {
		t.Fatal(err)
	}
	ic, raw := bot.lastCallback(t)
	vals := ic.View.State.Values
	if ic.View.ID != v.ID || ic.View.CallbackID != "listing.new" || ic.View.PrivateMetadata != `{"store":"S1"}` || ic.View.Hash == "" ||
		vals["title"]["title_input"].Value != "Lamp" || vals["size"]["size_select"].SelectedOption.Value != "L" ||
		vals["qty"]["qty_input"].Value != "3" || ic.TriggerID == "" {
		t.Fatalf("submission = %+v", ic.View)
	}
	if !strings.Contains(raw, `"notes":{"notes_input":{"type":"plain_text_input","value":null}}`) {
		t.Fatalf("untouched optional input not null: %s", raw)
	}
	if r.Errors["title"] != "Title is taken" || r.View == nil || r.View.ID != v.ID {
		t.Fatalf("errors ack: %+v", r)
	}

	if r, err = ws.Submit(ctx, "alice", v.ID, map[string]string{"title": "Desk lamp", "qty": "3"}); err != nil {
		t.Fatal(err)
	}
	ic, _ = bot.lastCallback(t)
	if got := ic.View.State.Values["size"]["size_select"].SelectedOption.Value; got != "L" {
		t.Fatalf("size typed before the errors ack was lost: %q", got)
	}
	if got := ic.View.State.Values["title"]["title_input"].Value; got != "Desk lamp" {
		_, raw := bot.lastCallback(t)
		t.Fatalf("overwritten title = %q\n%s", got, raw)
	}
	if r.View == nil || r.View.Title != "Check" || r.View.ID != v.ID {
		t.Fatalf("update ack: %+v", r.View)
	}
	if r, err = ws.Submit(ctx, "alice", v.ID, nil); err != nil {
		t.Fatal(err)
	}
	if r.View == nil || r.View.Title != "Details" || len(emu.OpenViews("U0ALICE")) != 2 {
		t.Fatalf("push ack: %+v", r.View)
	}
	if r, err = ws.Submit(ctx, "alice", r.View.ID, nil); err != nil {
		t.Fatal(err)
	}
	if r.View != nil || len(emu.OpenViews("U0ALICE")) != 0 {
		t.Fatalf("clear ack left %d views", len(emu.OpenViews("U0ALICE")))
	}

	// An empty 200 closes just the submitted view.
	if _, err := bot.api.OpenView(emu.issueTrigger("U0ALICE"), modal("Root")); err != nil {
		t.Fatal(err)
	}
	top, err := bot.api.PushView(emu.issueTrigger("U0ALICE"), modal("Child"))
	if err != nil {
		t.Fatal(err)
	}
	if r, err = ws.Submit(ctx, "alice", top.ID, nil); err != nil {
		t.Fatal(err)
	}
	if r.View == nil || r.View.Title != "Root" {
		t.Fatalf("after empty ack: %+v", r.View)
	}
}

func TestErrorsAckMustNameInputBlocks(t *testing.T) {
	emu, apiURL := startEmu(t, Options{})
	bot, botURL := newTinyBot(t, apiURL)
	ws := emu.Workspace(botURL)
	v, err := bot.api.OpenView(emu.issueTrigger("U0ALICE"), modal("Form", textInput("title", "Title", "x", false)))
	if err != nil {
		t.Fatal(err)
	}
	bot.onInteraction = func(ic slack.InteractionCallback, w http.ResponseWriter) {
		writeJSON(w, map[string]any{"response_action": "errors", "errors": map[string]string{"title_input": "wrong key"}})
	}
	if _, err := ws.Submit(context.Background(), "alice", v.ID, nil); err == nil || !strings.Contains(err.Error(), "not an input block_id") {
		t.Fatalf("err = %v", err)
	}
}

func TestCloseSendsViewClosedOnlyWhenAsked(t *testing.T) {
	emu, apiURL := startEmu(t, Options{})
	bot, botURL := newTinyBot(t, apiURL)
	ws := emu.Workspace(botURL)
	ctx := context.Background()
	quiet, _ := bot.api.OpenView(emu.issueTrigger("U0ALICE"), modal("Quiet"))
	if r, err := ws.Close(ctx, "alice", quiet.ID); err != nil || r != nil || len(bot.callbacks) != 0 {
		t.Fatalf("close without notify: %v %v %d", r, err, len(bot.callbacks))
	}
	loud, _ := bot.api.OpenView(emu.issueTrigger("U0ALICE"), listingModal())
	if _, err := ws.Close(ctx, "alice", loud.ID); err != nil {
		t.Fatal(err)
	}
	ic, _ := bot.lastCallback(t)
	if ic.Type != slack.InteractionTypeViewClosed || ic.View.ID != loud.ID || ic.IsCleared || len(emu.OpenViews("U0ALICE")) != 0 {
		t.Fatalf("view_closed = %+v", ic)
	}
}

func TestClickInModalAndHome(t *testing.T) {
	emu, apiURL := startEmu(t, Options{})
	bot, botURL := newTinyBot(t, apiURL)
	ws := emu.Workspace(botURL)
	ctx := context.Background()
	v, err := bot.api.OpenView(emu.issueTrigger("U0ALICE"), modal("Pick", append(approvalBlocks(), textInput("title", "Title", "Lamp", false))...))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ws.ClickButton(ctx, "alice", Target{ViewID: v.ID}, "approval.reject"); err != nil {
		t.Fatal(err)
	}
	ic, raw := bot.lastCallback(t)
	if ic.Container.Type != "view" || ic.Container.ViewID != v.ID || ic.View.ID != v.ID || strings.Contains(raw, "response_url") ||
		ic.View.State.Values["title"]["title_input"].Value != "Lamp" {
		t.Fatalf("click in view: %s", raw)
	}
	if _, err := ws.ClickButton(ctx, "bob", Target{ViewID: v.ID}, "Approve"); err == nil {
		t.Fatal("bob clicked in alice's modal")
	}
	home, err := bot.api.PublishView("U0BOB", slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: approvalBlocks()}}, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ws.ClickButton(ctx, "bob", Target{ViewID: home.ID}, "Approve"); err != nil {
		t.Fatal(err)
	}
	ic, _ = bot.lastCallback(t)
	if ic.View.Type != slack.VTHomeTab || ic.ActionCallback.BlockActions[0].ActionID != "approval.approve" {
		t.Fatalf("home click = %+v", ic)
	}
}

func TestEventsAndRetries(t *testing.T) {
	emu, apiURL := startEmu(t, Options{})
	bot, botURL := newTinyBot(t, apiURL)
	ws := emu.Workspace(botURL)
	ctx := context.Background()
	bot.onEvent = func(ev map[string]any, w http.ResponseWriter) {
		if ev["type"] == "url_verification" {
			_, _ = io.WriteString(w, ev["challenge"].(string))
		}
	}
	r, err := ws.URLVerification(ctx, "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P")
	if err != nil || string(r.Body) != "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" {
		t.Fatalf("challenge: %q %v", r.Body, err)
	}
	r1, err := ws.Event(ctx, "app_mention", map[string]any{"user": "U0ALICE", "text": "<@U0BOT> hi", "channel": "C0TEAM"})
	if err != nil {
		t.Fatal(err)
	}
	r2, _ := ws.Event(ctx, "app_mention", map[string]any{"user": "U0ALICE", "text": "again", "channel": "C0TEAM"})
	if r1.EventID == "" || r1.EventID == r2.EventID {
		t.Fatalf("event ids %q %q", r1.EventID, r2.EventID)
	}
	if _, err := ws.EventWithID(ctx, r1.EventID, 1, "http_timeout", "app_mention", map[string]any{"user": "U0ALICE"}); err != nil {
		t.Fatal(err)
	}
	ev := bot.events[1]
	inner := ev["event"].(map[string]any)
	if ev["type"] != "event_callback" || ev["event_id"] != r1.EventID || ev["team_id"] != emu.Options().TeamID ||
		inner["type"] != "app_mention" || inner["text"] != "<@U0BOT> hi" || ev["event_time"] == nil {
		t.Fatalf("event = %v", ev)
	}
	if bot.events[3]["event_id"] != r1.EventID {
		t.Fatal("retry changed the event_id")
	}
	h := bot.headers[3]
	if h.Get("X-Slack-Retry-Num") != "1" || h.Get("X-Slack-Retry-Reason") != "http_timeout" || bot.headers[1].Get("X-Slack-Retry-Num") != "" {
		t.Fatalf("retry headers: %v", h)
	}
	if _, err := ws.AppHomeOpened(ctx, "bob"); err != nil {
		t.Fatal(err)
	}
	home := bot.events[4]["event"].(map[string]any)
	if home["type"] != "app_home_opened" || home["user"] != "U0BOB" || home["tab"] != "home" {
		t.Fatalf("app_home_opened = %v", home)
	}
}

func TestSlowAckIsOperationTimeout(t *testing.T) {
	emu, apiURL := startEmu(t, Options{})
	bot, botURL := newTinyBot(t, apiURL)
	ws := emu.Workspace(botURL)
	ws.AckTimeout = 100 * time.Millisecond
	bot.onCommand = func(cmd slack.SlashCommand, w http.ResponseWriter) { time.Sleep(300 * time.Millisecond) }
	_, err := ws.Command(context.Background(), "alice", "C0TEAM", "slow")
	var te *AckTimeoutError
	if !errors.As(err, &te) {
		t.Fatalf("err = %v, want AckTimeoutError", err)
	}
}
