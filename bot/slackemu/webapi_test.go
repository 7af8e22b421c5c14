package slackemu

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack"
)

const (
	testToken  = "xoxb-emulated-token"
	testSecret = "8f742231b10e8888abcd99yyyzzz85a5"
)

// fakeClock lets a test age triggers and response URLs without sleeping.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func startEmu(t *testing.T, opts Options) (*Slack, string) {
	t.Helper()
	if opts.BotToken == "" {
		opts.BotToken = testToken
	}
	if opts.SigningSecret == "" {
		opts.SigningSecret = testSecret
	}
	emu := New(opts)
	apiURL, err := emu.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(emu.Close)
	emu.AddUser(User{ID: "U0ALICE", Name: "alice", RealName: "Alice Archer", Locale: "en-US", TZ: "America/New_York", Title: "staff"})
	emu.AddUser(User{ID: "U0BOB", Name: "bob", RealName: "Bob Bai", Locale: "zh-CN", TZ: "Asia/Shanghai", Title: "supervisor"})
	emu.AddChannel("C0TEAM", "team")
	return emu, apiURL
}

func client(apiURL string, opts ...slack.Option) *slack.Client {
	return slack.New(testToken, append([]slack.Option{slack.OptionAPIURL(apiURL)}, opts...)...)
}

func slackErr(t *testing.T, err error, want string) {
	t.Helper()
	var se slack.SlackErrorResponse
	if !errors.As(err, &se) || se.Err != want {
		t.Fatalf("error = %v, want Slack error %q", err, want)
	}
}

func approvalBlocks() []slack.Block {
	return []slack.Block{
		slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, "*Listing* A-1 needs approval", false, false), nil, nil),
		slack.NewActionBlock("",
			slack.NewButtonBlockElement("approval.approve", "req-1:v1", slack.NewTextBlockObject(slack.PlainTextType, "Approve", false, false)).WithStyle(slack.StylePrimary),
			slack.NewButtonBlockElement("approval.reject", "req-1:v1", slack.NewTextBlockObject(slack.PlainTextType, "Reject", false, false)).WithStyle(slack.StyleDanger),
		),
	}
}

func TestSignMatchesSlackDocumentedExample(t *testing.T) {
	body := "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
	got := Sign("8f742231b10e8888abcd99yyyzzz85a5", 1531420618, []byte(body))
	want := "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
	if got != want {
		t.Fatalf("Sign = %s, want %s", got, want)
	}
	if Sign("other", 1531420618, []byte(body)) == want || Sign(testSecret, 1531420619, []byte(body)) == want {
		t.Fatal("signature does not depend on secret and timestamp")
	}
}

func TestSignedRequestPassesSlackGoVerifierAndTamperingFails(t *testing.T) {
	body := []byte("command=%2Fops&text=ping")
	req, err := SignedRequest(context.Background(), "http://bot.invalid/slack/commands", testSecret, "application/x-www-form-urlencoded", body, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	verify := func(h http.Header, b []byte) error {
		sv, err := slack.NewSecretsVerifier(h, testSecret)
		if err != nil {
			return err
		}
		_, _ = sv.Write(b)
		return sv.Ensure()
	}
	if err := verify(req.Header, body); err != nil {
		t.Fatalf("fresh signature refused: %v", err)
	}
	if err := verify(req.Header, []byte("command=%2Fops&text=pong")); err == nil {
		t.Fatal("tampered body accepted")
	}
	old, _ := SignedRequest(context.Background(), "http://bot.invalid/", testSecret, "text/plain", body, time.Now().Add(-6*time.Minute))
	if err := verify(old.Header, body); err == nil {
		t.Fatal("stale timestamp accepted")
	}
}

func TestAuth(t *testing.T) {
	emu, apiURL := startEmu(t, Options{TeamID: "T0SHOP", BotUserID: "U0OPS"})
	if _, err := slack.New("xoxb-wrong", slack.OptionAPIURL(apiURL)).AuthTest(); err == nil {
		t.Fatal("wrong token accepted")
	} else {
		slackErr(t, err, "invalid_auth")
	}
	res, err := client(apiURL).AuthTest()
	if err != nil {
		t.Fatal(err)
	}
	if res.TeamID != "T0SHOP" || res.UserID != "U0OPS" || res.BotID == "" {
		t.Fatalf("auth.test = %+v", res)
	}
	calls := emu.Calls("auth.test")
	if len(calls) != 2 || calls[0].Error != "invalid_auth" || !calls[1].OK() {
		t.Fatalf("calls = %+v", calls)
	}
	if calls[1].Param("token") != "" {
		t.Fatal("token kept in recorded params")
	}
}

func TestUnknownMethod(t *testing.T) {
	_, apiURL := startEmu(t, Options{})
	resp, err := http.PostForm(apiURL+"reactions.add", url.Values{"token": {testToken}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if !strings.Contains(string(b), `"error":"unknown_method"`) || !strings.Contains(string(b), `"ok":false`) {
		t.Fatalf("body = %s", b)
	}
}

func TestPostUpdateDelete(t *testing.T) {
	emu, apiURL := startEmu(t, Options{})
	api := client(apiURL)
	ch, ts1, err := api.PostMessage("C0TEAM", slack.MsgOptionText("approval needed", false), slack.MsgOptionBlocks(approvalBlocks()...))
	if err != nil {
		t.Fatal(err)
	}
	_, ts2, err := api.PostMessage("C0TEAM", slack.MsgOptionText("second", false))
	if err != nil {
		t.Fatal(err)
	}
	if ch != "C0TEAM" || !(ts2 > ts1) || len(ts1) != len("1764400000.000100") {
		t.Fatalf("channel %q, ts %q then %q", ch, ts1, ts2)
	}
	msgs := emu.Messages("C0TEAM")
	if len(msgs) != 2 || msgs[0].TS != ts1 || msgs[0].Text != "approval needed" || msgs[0].User != emu.Options().BotUserID {
		t.Fatalf("messages = %+v", msgs)
	}
	if n := len(msgs[0].Parsed.BlockSet); n != 2 {
		t.Fatalf("parsed %d blocks", n)
	}
	buttons := msgs[0].Buttons()
	if len(buttons) != 2 || buttons[0].Text != "Approve" || buttons[0].BlockID == "" || buttons[0].Value != "req-1:v1" || buttons[1].Style != "danger" {
		t.Fatalf("buttons = %+v", buttons)
	}

	if _, _, _, err := api.UpdateMessage("C0TEAM", ts1, slack.MsgOptionText("approved by @bob", false), slack.MsgOptionBlocks()); err != nil {
		t.Fatal(err)
	}
	m, _ := emu.Message("C0TEAM", ts1)
	if m.Text != "approved by @bob" || m.Updates != 1 || len(m.Blocks) != 0 {
		t.Fatalf("after update: %+v", m)
	}
	_, _, _, err = api.UpdateMessage("C0TEAM", "1.000001", slack.MsgOptionText("x", false))
	slackErr(t, err, "message_not_found")
	_, _, _, err = api.UpdateMessage("C0OTHER", ts1, slack.MsgOptionText("x", false))
	slackErr(t, err, "message_not_found")

	if _, _, err := api.DeleteMessage("C0TEAM", ts2); err != nil {
		t.Fatal(err)
	}
	if got := emu.Messages("C0TEAM"); len(got) != 1 {
		t.Fatalf("after delete: %d messages", len(got))
	}
	_, _, err = api.PostMessage("C0TEAM")
	slackErr(t, err, "no_text")

	post := emu.Calls("chat.postMessage")[0]
	if post.Param("channel") != "C0TEAM" || !strings.Contains(post.Param("blocks"), "approval.approve") {
		t.Fatalf("recorded params = %v", post.Params)
	}
	kinds := []ActivityKind{}
	for _, a := range emu.Activity(0) {
		kinds = append(kinds, a.Kind)
	}
	want := []ActivityKind{ActMessagePosted, ActMessagePosted, ActMessageUpdated, ActMessageDeleted}
	if strings.Join(toStrings(kinds), ",") != strings.Join(toStrings(want), ",") {
		t.Fatalf("activity = %v", kinds)
	}
}

func toStrings[T ~string](in []T) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = string(s)
	}
	return out
}

func TestBlockLimitsAreEnforced(t *testing.T) {
	emu, apiURL := startEmu(t, Options{})
	api := client(apiURL)
	long := strings.Repeat("x", 151)
	_, _, err := api.PostMessage("C0TEAM", slack.MsgOptionBlocks(slack.NewHeaderBlock(slack.NewTextBlockObject(slack.PlainTextType, long, false, false))))
	slackErr(t, err, "invalid_blocks")
	var many []slack.Block
	for range 51 {
		many = append(many, slack.NewDividerBlock())
	}
	_, _, err = api.PostMessage("C0TEAM", slack.MsgOptionText("x", false), slack.MsgOptionBlocks(many...))
	slackErr(t, err, "invalid_blocks")
	dup := []slack.Block{slack.NewDividerBlock(), slack.NewDividerBlock()}
	dup[0].(*slack.DividerBlock).BlockID = "same"
	dup[1].(*slack.DividerBlock).BlockID = "same"
	_, _, err = api.PostMessage("C0TEAM", slack.MsgOptionText("x", false), slack.MsgOptionBlocks(dup...))
	slackErr(t, err, "invalid_blocks")
	if n := len(emu.Messages("C0TEAM")); n != 0 {
		t.Fatalf("refused posts stored: %d", n)
	}
	if !strings.Contains(string(emu.Calls("chat.postMessage")[0].Response), "must be less than 151 characters") {
		t.Fatalf("no explanation in %s", emu.Calls("chat.postMessage")[0].Response)
	}
}

func TestEphemeralDMAndUsers(t *testing.T) {
	emu, apiURL := startEmu(t, Options{})
	api := client(apiURL)
	if _, err := api.PostEphemeral("C0TEAM", "U0ALICE", slack.MsgOptionText("only you", false)); err != nil {
		t.Fatal(err)
	}
	_, err := api.PostEphemeral("C0TEAM", "U0NOBODY", slack.MsgOptionText("x", false))
	slackErr(t, err, "user_not_found")
	eph := emu.Ephemerals("U0ALICE")
	if len(eph) != 1 || eph[0].Text != "only you" || !eph[0].Ephemeral || eph[0].Channel != "C0TEAM" {
		t.Fatalf("ephemerals = %+v", eph)
	}
	if len(emu.Messages("C0TEAM")) != 0 || len(emu.Ephemerals("U0BOB")) != 0 {
		t.Fatal("ephemeral leaked")
	}

	ch, _, already, err := api.OpenConversation(&slack.OpenConversationParameters{Users: []string{"U0BOB"}})
	if err != nil {
		t.Fatal(err)
	}
	if ch.ID != emu.DMChannel("U0BOB") || !strings.HasPrefix(ch.ID, "D") || already {
		t.Fatalf("dm = %q already=%v", ch.ID, already)
	}
	ch2, _, already, _ := api.OpenConversation(&slack.OpenConversationParameters{Users: []string{"U0BOB"}})
	if ch2.ID != ch.ID || !already {
		t.Fatalf("second open: %q already=%v", ch2.ID, already)
	}
	if emu.DMChannel("U0ALICE") == ch.ID {
		t.Fatal("two users share a DM channel")
	}
	if u, ok := emu.DMUser(ch.ID); !ok || u != "U0BOB" {
		t.Fatalf("DMUser = %q", u)
	}
	if _, _, err := api.PostMessage(ch.ID, slack.MsgOptionText("you have 2 approvals waiting", false)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := api.PostMessage("U0BOB", slack.MsgOptionText("by user id", false)); err != nil {
		t.Fatal(err)
	}
	if n := len(emu.Messages(ch.ID)); n != 2 {
		t.Fatalf("DM has %d messages", n)
	}
	_, _, err = api.PostMessage("D0NOSUCH", slack.MsgOptionText("x", false))
	slackErr(t, err, "channel_not_found")

	bob, err := api.GetUserInfo("U0BOB")
	if err != nil {
		t.Fatal(err)
	}
	if bob.Name != "bob" || bob.RealName != "Bob Bai" || bob.Locale != "zh-CN" || bob.TZ != "Asia/Shanghai" || bob.TZOffset != 8*3600 || bob.Profile.Title != "supervisor" {
		t.Fatalf("users.info = %+v", bob)
	}
	_, err = api.GetUserInfo("U0NOBODY")
	slackErr(t, err, "user_not_found")
	if u, ok := emu.UserByName("@Alice"); !ok || u.ID != "U0ALICE" {
		t.Fatalf("UserByName = %+v", u)
	}
	if n := len(emu.Users()); n != 2 {
		t.Fatalf("Users() = %d (bot must be left out)", n)
	}
}

func modal(title string, blocks ...slack.Block) slack.ModalViewRequest {
	if len(blocks) == 0 {
		blocks = []slack.Block{slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, title, false, false), nil, nil)}
	}
	return slack.ModalViewRequest{
		Type:       slack.VTModal,
		Title:      slack.NewTextBlockObject(slack.PlainTextType, title, false, false),
		Submit:     slack.NewTextBlockObject(slack.PlainTextType, "Save", false, false),
		Close:      slack.NewTextBlockObject(slack.PlainTextType, "Cancel", false, false),
		CallbackID: "listing.new",
		Blocks:     slack.Blocks{BlockSet: blocks},
	}
}

func textInput(blockID, label, initial string, optional bool) *slack.InputBlock {
	el := slack.NewPlainTextInputBlockElement(nil, blockID+"_input")
	el.InitialValue = initial
	in := slack.NewInputBlock(blockID, slack.NewTextBlockObject(slack.PlainTextType, label, false, false), nil, el)
	in.Optional = optional
	return in
}

func TestViewsAndTriggerRules(t *testing.T) {
	clock := &fakeClock{now: time.Unix(1764400000, 0)}
	emu, apiURL := startEmu(t, Options{Now: clock.Now})
	api := client(apiURL)

	_, err := api.OpenView("1.2.bogus", modal("New listing", textInput("title", "Title", "", false)))
	slackErr(t, err, ErrTriggerInvalid)

	trig := emu.issueTrigger("U0ALICE")
	v, err := api.OpenView(trig, modal("New listing", textInput("title", "Title", "Lamp", false)))
	if err != nil {
		t.Fatal(err)
	}
	if v.ID == "" || v.Hash == "" || v.CallbackID != "listing.new" || v.State == nil || v.State.Values["title"]["title_input"].Value != "Lamp" {
		t.Fatalf("views.open = %+v", v.View)
	}
	_, err = api.OpenView(trig, modal("Again"))
	slackErr(t, err, ErrTriggerExchanged)

	late := emu.issueTrigger("U0ALICE")
	clock.Advance(3*time.Second + time.Millisecond)
	_, err = api.OpenView(late, modal("Late"))
	slackErr(t, err, ErrTriggerExpired)

	open := emu.OpenViews("U0ALICE")
	if len(open) != 1 || open[0].Title != "New listing" || open[0].Request.CallbackID != "listing.new" || len(open[0].Inputs()) != 1 {
		t.Fatalf("open views = %+v", open)
	}

	_, err = api.UpdateView(modal("Edited"), "", "stale-hash", v.ID)
	slackErr(t, err, "hash_conflict")
	u, err := api.UpdateView(modal("Edited"), "", v.Hash, v.ID)
	if err != nil {
		t.Fatal(err)
	}
	if u.ID != v.ID || u.Hash == v.Hash {
		t.Fatalf("update kept hash or changed id: %+v", u.View)
	}
	if top, _ := emu.TopView("U0ALICE"); top.Title != "Edited" || top.Updates != 1 {
		t.Fatalf("top = %+v", top)
	}

	for i := range 2 {
		if _, err := api.PushView(emu.issueTrigger("U0ALICE"), modal("Step")); err != nil {
			t.Fatalf("push %d: %v", i, err)
		}
	}
	_, err = api.PushView(emu.issueTrigger("U0ALICE"), modal("Too deep"))
	slackErr(t, err, "push_limit_reached")
	if n := len(emu.OpenViews("U0ALICE")); n != 3 {
		t.Fatalf("stack = %d", n)
	}

	_, err = api.OpenView(emu.issueTrigger("U0ALICE"), modal("A title far longer than 24"))
	slackErr(t, err, "invalid_arguments")
	noSubmit := modal("No submit", textInput("x", "X", "", false))
	noSubmit.Submit = nil
	_, err = api.OpenView(emu.issueTrigger("U0ALICE"), noSubmit)
	slackErr(t, err, "invalid_arguments")

	home := slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: approvalBlocks()}}
	h1, err := api.PublishView("U0BOB", home, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := api.PublishView("U0BOB", home, "wrong"); err == nil {
		t.Fatal("stale hash accepted by views.publish")
	}
	if _, err := api.PublishView("U0BOB", home, h1.Hash); err != nil {
		t.Fatal(err)
	}
	hv, ok := emu.HomeView("U0BOB")
	if !ok || hv.Type != "home" || len(hv.Buttons()) != 2 || hv.Updates != 1 {
		t.Fatalf("home = %+v", hv)
	}
	_, err = api.PublishView("U0NOBODY", home, "")
	slackErr(t, err, "user_not_found")
}

func TestUploadFile(t *testing.T) {
	emu, apiURL := startEmu(t, Options{})
	api := client(apiURL)
	content := "sku,qty\nA-1,3\n"
	sum, err := api.UploadFile(slack.UploadFileParameters{
		Filename: "stock.csv", FileSize: len(content), Content: content, Channel: "C0TEAM",
		Title: "Stock export", InitialComment: "here is the export",
	})
	if err != nil {
		t.Fatal(err)
	}
	files := emu.Files()
	if len(files) != 1 || files[0].ID != sum.ID || string(files[0].Bytes) != content || !files[0].Completed || files[0].Title != "Stock export" || files[0].Channels[0] != "C0TEAM" {
		t.Fatalf("files = %+v", files)
	}
	msgs := emu.Messages("C0TEAM")
	if len(msgs) != 1 || msgs[0].Text != "here is the export" || len(msgs[0].Files) != 1 || msgs[0].Files[0] != sum.ID {
		t.Fatalf("share message = %+v", msgs)
	}
	info, _, _, err := api.GetFileInfo(sum.ID, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if info.Name != "stock.csv" || info.Size != len(content) || info.Mimetype == "" {
		t.Fatalf("files.info = %+v", info)
	}
	var sb strings.Builder
	if err := api.GetFile(info.URLPrivateDownload, &sb); err != nil || sb.String() != content {
		t.Fatalf("download = %q, %v", sb.String(), err)
	}
	if n := len(emu.Calls(UploadMethod)); n != 1 {
		t.Fatalf("upload calls = %d", n)
	}
	_, _, _, err = api.GetFileInfo("F404", 0, 0)
	slackErr(t, err, "file_not_found")
}

func TestFaultInjectionWithSlackGoRetries(t *testing.T) {
	emu, apiURL := startEmu(t, Options{})
	cfg := slack.RetryConfig{MaxRetries: 2, BackoffInitial: 10 * time.Millisecond, BackoffMax: 20 * time.Millisecond}
	cfg.Handlers = []slack.RetryHandler{slack.NewServerErrorRetryHandler(cfg), slack.NewRateLimitErrorRetryHandler(cfg)}
	api := client(apiURL, slack.OptionRetryConfig(cfg))

	emu.FailNext("chat.postMessage", 1, http.StatusInternalServerError, 0)
	if _, _, err := api.PostMessage("C0TEAM", slack.MsgOptionText("after 500", false)); err != nil {
		t.Fatalf("retry after 500 failed: %v", err)
	}
	calls := emu.Calls("chat.postMessage")
	if len(calls) != 2 || !calls[0].Injected || calls[0].Status != 500 || !calls[1].OK() {
		t.Fatalf("calls = %+v", calls)
	}
	if n := len(emu.Messages("C0TEAM")); n != 1 {
		t.Fatalf("a failed call changed state: %d messages", n)
	}

	emu.FailNext("chat.postMessage", 1, http.StatusTooManyRequests, time.Second)
	start := time.Now()
	if _, _, err := api.PostMessage("C0TEAM", slack.MsgOptionText("after 429", false)); err != nil {
		t.Fatalf("retry after 429 failed: %v", err)
	}
	if waited := time.Since(start); waited < time.Second {
		t.Fatalf("client did not honour Retry-After: retried after %s", waited)
	}
	if n := len(emu.Messages("C0TEAM")); n != 2 {
		t.Fatalf("messages = %d", n)
	}

	plain := client(apiURL)
	emu.FailNext("chat.update", 1, http.StatusTooManyRequests, 30*time.Second)
	_, _, _, err := plain.UpdateMessage("C0TEAM", emu.Messages("C0TEAM")[0].TS, slack.MsgOptionText("x", false))
	var rl *slack.RateLimitedError
	if !errors.As(err, &rl) || rl.RetryAfter != 30*time.Second {
		t.Fatalf("err = %v, want RateLimitedError 30s", err)
	}
	emu.FailNext("users.info", 1, http.StatusServiceUnavailable, 0)
	_, err = plain.GetUserInfo("U0ALICE")
	var sc slack.StatusCodeError
	if !errors.As(err, &sc) || sc.Code != 503 {
		t.Fatalf("err = %v, want 503", err)
	}
	emu.FailNextWith("chat.postMessage", 1, "channel_not_found")
	_, _, err = plain.PostMessage("C0TEAM", slack.MsgOptionText("x", false))
	slackErr(t, err, "channel_not_found")
	if _, _, err := plain.PostMessage("C0TEAM", slack.MsgOptionText("works again", false)); err != nil {
		t.Fatal(err)
	}
}

func TestResponseURL(t *testing.T) {
	emu, apiURL := startEmu(t, Options{})
	api := client(apiURL)
	hook := emu.NewResponseURL("U0ALICE", "C0TEAM")
	if !strings.HasPrefix(hook, emu.BaseURL()+"/hooks/") {
		t.Fatalf("hook = %s", hook)
	}
	if _, _, err := api.PostMessage("", slack.MsgOptionResponseURL(hook, slack.ResponseTypeEphemeral), slack.MsgOptionText("working on it", false)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := api.PostMessage("", slack.MsgOptionResponseURL(hook, slack.ResponseTypeInChannel), slack.MsgOptionText("done for all", false)); err != nil {
		t.Fatal(err)
	}
	if e := emu.Ephemerals("U0ALICE"); len(e) != 1 || e[0].Text != "working on it" || e[0].Source != ResponseURLMethod {
		t.Fatalf("ephemerals = %+v", e)
	}
	if m := emu.Messages("C0TEAM"); len(m) != 1 || m[0].Text != "done for all" {
		t.Fatalf("messages = %+v", m)
	}
	for i := range 3 {
		if _, _, err := api.PostMessage("", slack.MsgOptionResponseURL(hook, slack.ResponseTypeEphemeral), slack.MsgOptionText("more", false)); err != nil {
			t.Fatalf("post %d: %v", i+3, err)
		}
	}
	if _, _, err := api.PostMessage("", slack.MsgOptionResponseURL(hook, slack.ResponseTypeEphemeral), slack.MsgOptionText("sixth", false)); err == nil {
		t.Fatal("a sixth post to a response_url was accepted")
	}
	calls := emu.Calls(ResponseURLMethod)
	if len(calls) != 6 || calls[5].Error != "used_url" || calls[0].Param("text") != "working on it" {
		t.Fatalf("calls = %+v", calls)
	}
}

func TestWaitAndSettle(t *testing.T) {
	emu, apiURL := startEmu(t, Options{})
	api := client(apiURL)
	go func() {
		time.Sleep(50 * time.Millisecond)
		_, _, _ = api.PostMessage("C0TEAM", slack.MsgOptionText("late", false))
		time.Sleep(50 * time.Millisecond)
		_, _, _ = api.PostMessage("C0TEAM", slack.MsgOptionText("later", false))
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := emu.Wait(ctx, func() bool { return len(emu.Messages("C0TEAM")) >= 1 }); err != nil {
		t.Fatal(err)
	}
	if !emu.Settle(150*time.Millisecond, 2*time.Second) {
		t.Fatal("did not settle")
	}
	if n := len(emu.Messages("C0TEAM")); n != 2 {
		t.Fatalf("settled with %d messages", n)
	}
	short, cancel2 := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel2()
	if err := emu.Wait(short, func() bool { return false }); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Wait = %v", err)
	}
}

func TestJSONBodiedChatPost(t *testing.T) {
	emu, apiURL := startEmu(t, Options{})
	body, _ := json.Marshal(map[string]any{"channel": "C0TEAM", "text": "json post", "blocks": []any{map[string]any{"type": "divider"}}})
	req, _ := http.NewRequest(http.MethodPost, apiURL+"chat.postMessage", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set("Authorization", "Bearer "+testToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	m := emu.Messages("C0TEAM")
	if len(m) != 1 || m[0].Text != "json post" || len(m[0].Parsed.BlockSet) != 1 {
		t.Fatalf("messages = %+v", m)
	}
}
