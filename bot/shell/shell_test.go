package shell

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"storeops/bot/slackemu"
)

const (
	token  = "xoxb-shell-test"
	secret = "shell-signing-secret"
)

// fakeBot is just enough of a bot to exercise the shell: it verifies signatures, answers
// /ops ping synchronously, posts an approval card, opens a form and updates the card when a
// button is pressed.
type fakeBot struct {
	t   *testing.T
	api *slack.Client

	mu          sync.Mutex
	submissions []slack.InteractionCallback
	badSigs     int
	wg          sync.WaitGroup
}

func (b *fakeBot) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	sv, err := slack.NewSecretsVerifier(r.Header, secret)
	if err == nil {
		_, _ = sv.Write(body)
		err = sv.Ensure()
	}
	if err != nil {
		b.mu.Lock()
		b.badSigs++
		b.mu.Unlock()
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	switch r.URL.Path {
	case "/slack/commands":
		cmd, err := slack.SlashCommandParse(r)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		b.command(cmd, w)
	case "/slack/interactions":
		var ic slack.InteractionCallback
		if err := json.Unmarshal([]byte(r.PostFormValue("payload")), &ic); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		b.interaction(ic, w)
	default:
		http.NotFound(w, r)
	}
}

func (b *fakeBot) background(fn func() error) {
	b.wg.Add(1)
	go func() {
		defer b.wg.Done()
		if err := fn(); err != nil {
			b.t.Errorf("bot: %v", err)
		}
	}()
}

func plain(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, s, false, false)
}
func md(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, s, false, false)
}

func (b *fakeBot) command(cmd slack.SlashCommand, w http.ResponseWriter) {
	switch cmd.Text {
	case "ping":
		msg := slack.NewBlockMessage(
			slack.NewHeaderBlock(plain("Pong")),
			slack.NewSectionBlock(md("Latency is *fine*"), []*slack.TextBlockObject{md("*Store*\nS1"), md("*Orders*\n12")}, nil),
			slack.NewContextBlock("", md("asked by <@"+cmd.UserID+">")),
			slack.NewDividerBlock(),
			slack.NewImageBlock("https://example.com/chart.png", "chart", "", nil),
			slack.NewActionBlock("", slack.NewButtonBlockElement("ping.again", "", plain("Refresh"))),
		)
		msg.ResponseType = slack.ResponseTypeEphemeral
		msg.Text = "pong"
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(msg)
	case "card":
		b.background(func() error {
			_, _, err := b.api.PostMessage(cmd.ChannelID, slack.MsgOptionText("approval needed", false), slack.MsgOptionBlocks(
				slack.NewSectionBlock(md("*Listing A-1* submitted by <@"+cmd.UserID+">"), nil, nil),
				slack.NewActionBlock("decide",
					slack.NewButtonBlockElement("approval.approve", "req-1:v1", plain("Approve")),
					slack.NewButtonBlockElement("approval.reject", "req-1:v1", plain("Reject")),
				),
			))
			return err
		})
	case "form":
		size := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain("Pick a size"), "size",
			slack.NewOptionBlockObject("S", plain("Small"), nil),
			slack.NewOptionBlockObject("L", plain("Large"), nil),
		)
		notes := slack.NewPlainTextInputBlockElement(nil, "notes")
		notes.Multiline = true
		notesBlock := slack.NewInputBlock("notes", plain("Notes"), nil, notes)
		notesBlock.Optional = true
		titleBlock := slack.NewInputBlock("title", plain("Title"), plain("What buyers see first"), slack.NewPlainTextInputBlockElement(nil, "title"))
		view := slack.ModalViewRequest{
			Type: slack.VTModal, Title: plain("New listing"), Submit: plain("Create"), Close: plain("Cancel"),
			CallbackID: "listing.new", PrivateMetadata: cmd.ChannelID,
			Blocks: slack.Blocks{BlockSet: []slack.Block{
				slack.NewSectionBlock(md("Fill in the listing."), nil, nil),
				titleBlock,
				slack.NewInputBlock("size", plain("Size"), nil, size),
				notesBlock,
			}},
		}
		// Open before anything slow: the trigger lives 3 s.
		if _, err := b.api.OpenView(cmd.TriggerID, view); err != nil {
			b.t.Errorf("views.open: %v", err)
		}
	default:
		_, _ = io.WriteString(w, "unknown command "+cmd.Text)
	}
}

func (b *fakeBot) interaction(ic slack.InteractionCallback, w http.ResponseWriter) {
	switch ic.Type {
	case slack.InteractionTypeBlockActions:
		act := ic.ActionCallback.BlockActions[0]
		if act.ActionID != "approval.approve" {
			return
		}
		b.background(func() error {
			_, _, _, err := b.api.UpdateMessage(ic.Channel.ID, ic.Container.MessageTs, slack.MsgOptionText("approved", false), slack.MsgOptionBlocks(
				slack.NewSectionBlock(md("*Listing A-1* approved by <@"+ic.User.ID+"> ("+act.Value+")"), nil, nil),
			))
			return err
		})
	case slack.InteractionTypeViewSubmission:
		b.mu.Lock()
		b.submissions = append(b.submissions, ic)
		first := len(b.submissions) == 1
		b.mu.Unlock()
		vals := ic.View.State.Values
		if first {
			w.Header().Set("Content-Type", "application/json")
			_ = json.NewEncoder(w).Encode(slack.NewErrorsViewSubmissionResponse(map[string]string{"title": "Title is taken"}))
			return
		}
		title, size, notes := vals["title"]["title"].Value, vals["size"]["size"].SelectedOption.Value, vals["notes"]["notes"].Value
		b.background(func() error {
			_, _, err := b.api.PostMessage(ic.View.PrivateMetadata, slack.MsgOptionText("Created listing "+title+" ("+size+")\n"+notes, false))
			return err
		})
	}
}

type fixture struct {
	emu *slackemu.Slack
	ws  *slackemu.Workspace
	bot *fakeBot
}

func setup(t *testing.T) fixture {
	t.Helper()
	emu := slackemu.New(slackemu.Options{BotToken: token, SigningSecret: secret})
	apiURL, err := emu.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(emu.Close)
	emu.AddUser(slackemu.User{ID: "U0ALICE", Name: "alice", RealName: "Alice Archer", Locale: "en-US", Title: "staff"})
	emu.AddUser(slackemu.User{ID: "U0BOB", Name: "bob", RealName: "Bob Bai", Locale: "zh-CN", Title: "supervisor"})
	emu.AddChannel("C0TEAM", "team")
	bot := &fakeBot{t: t, api: slack.New(token, slack.OptionAPIURL(apiURL))}
	srv := httptest.NewServer(bot)
	t.Cleanup(srv.Close)
	t.Cleanup(bot.wg.Wait)
	return fixture{emu: emu, ws: emu.Workspace(srv.URL), bot: bot}
}

func run(t *testing.T, f fixture, script string, opts Options) string {
	t.Helper()
	if opts.Channel == "" {
		opts.Channel = "C0TEAM"
	}
	opts.Echo = true
	var out bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := Run(ctx, strings.NewReader(script), &out, f.emu, f.ws, opts); err != nil {
		t.Fatalf("Run: %v\n%s", err, out.String())
	}
	return out.String()
}

// inOrder fails unless every want appears in transcript, each after the previous one.
func inOrder(t *testing.T, transcript string, wants ...string) {
	t.Helper()
	rest := transcript
	for _, w := range wants {
		i := strings.Index(rest, w)
		if i < 0 {
			t.Fatalf("transcript lacks %q after the previous expectations\n--- transcript ---\n%s", w, transcript)
		}
		rest = rest[i+len(w):]
	}
}

func TestConversation(t *testing.T) {
	f := setup(t)
	remind := func(ctx context.Context) (string, error) {
		_, _, err := f.bot.api.PostMessage("U0BOB", slack.MsgOptionText("You have 1 approval waiting", false))
		return "reminders sent: 1", err
	}
	script := strings.Join([]string{
		"/ops ping",
		"/ops card",
		"1",
		"/ops form",
		"Lamp",
		"9",
		"2",
		`first line\nsecond line`,
		"Desk lamp",
		":users",
		":as bob",
		":run remind",
		":quit",
		"/ops never reached",
	}, "\n") + "\n"
	out := run(t, f, script, Options{
		Intro: "StoreOps shell (emulated Slack)",
		Hooks: map[string]func(context.Context) (string, error){"remind": remind},
	})

	inOrder(t, out,
		"StoreOps shell (emulated Slack)",
		"alice> /ops ping",
		"[#team, only visible to you] storeops:",
		"  == Pong ==",
		"  Latency is *fine*",
		"  *Store*",
		"S1  |  *Orders*",
		"  ~ asked by @alice",
		"  "+divider,
		"  [image: https://example.com/chart.png]",
		"  [1] Refresh",

		"alice> /ops card",
		"[#team] storeops:",
		"  *Listing A-1* submitted by @alice",
		"  [1] Approve  [2] Reject",

		"alice> 1",
		`(alice pressed "Approve")`,
		"[#team] storeops (updated):",
		"  *Listing A-1* approved by @alice (req-1:v1)",

		"alice> /ops form",
		"+-- New listing ",
		"  Fill in the listing.",
		"  Title",
		"    hint: What buyers see first",
		"  Title []> Lamp",
		"  Size",
		"    1) Small  2) Large",
		"  Size []> 9",
		"    not an option",
		"  Size []> 2",
		"  Notes (optional)",
		"  Notes []> first line",
		"  ! Title: Title is taken",
		"  Title",
		"    ! Title is taken",
		"  Title [Lamp]> Desk lamp",
		"alice> :users",
		"* alice        U0ALICE    Alice Archer  (staff)",
		"  bob          U0BOB      Bob Bai  (supervisor)",
		"alice> :as bob",
		"You are now bob (U0BOB).",
		"bob> :run remind",
		"reminders sent: 1",
		"[DM to bob] storeops:",
		"  You have 1 approval waiting",
		"bob> :quit",
	)
	if testing.Verbose() {
		t.Log("\n" + out)
	}
	// The bot posts from a goroutine, so its message and the modal closing may come in
	// either order; both must show before the next prompt.
	accepted := between(t, out, "Title [Lamp]> Desk lamp", "alice> :users")
	inOrder(t, accepted, `[your modal "New listing" closed]`)
	inOrder(t, accepted, "[#team] storeops:", "  Created listing Desk lamp (L)", "  first line", "  second line")
	if strings.Contains(out, "never reached") {
		t.Fatal("input after :quit was read")
	}
	if strings.Contains(out, "\x1b[") {
		t.Fatal("ANSI escapes in piped output")
	}

	f.bot.mu.Lock()
	defer f.bot.mu.Unlock()
	if len(f.bot.submissions) != 2 || f.bot.badSigs != 0 {
		t.Fatalf("submissions = %d, bad signatures = %d", len(f.bot.submissions), f.bot.badSigs)
	}
	second := f.bot.submissions[1].View.State.Values
	if second["notes"]["notes"].Value != "first line\nsecond line" || second["size"]["size"].SelectedOption.Value != "L" {
		t.Fatalf("second submission = %+v", second)
	}
	if msgs := f.emu.Messages("C0TEAM"); len(msgs) != 2 || msgs[0].Updates != 1 {
		t.Fatalf("channel = %+v", msgs)
	}
}

func between(t *testing.T, s, from, to string) string {
	t.Helper()
	_, after, ok := strings.Cut(s, from)
	seg, _, ok2 := strings.Cut(after, to)
	if !ok || !ok2 {
		t.Fatalf("transcript lacks %q ... %q\n%s", from, to, s)
	}
	return seg
}

func TestCancelModalAndEOF(t *testing.T) {
	f := setup(t)
	out := run(t, f, "/ops form\n:cancel\n/ops nope\n", Options{StartUser: "bob"})
	inOrder(t, out,
		"bob> /ops form",
		"+-- New listing",
		"  Title []> :cancel",
		`[your modal "New listing" closed]`,
		"bob> /ops nope",
		"[#team, only visible to you] storeops:",
		"  unknown command nope",
		"bob> ",
	)
	if n := len(f.emu.OpenViews("U0BOB")); n != 0 {
		t.Fatalf("modal still open: %d", n)
	}
	if len(f.bot.submissions) != 0 {
		t.Fatal("cancelled modal was submitted")
	}
}

func TestShellCommandsAndMistakes(t *testing.T) {
	f := setup(t)
	out := run(t, f, ":help\n/deploy now\n3\nhello\n:as nobody\n:run missing\n:press x\n:modal\n:bogus\n", Options{
		Hooks: map[string]func(context.Context) (string, error){"time +24h": func(context.Context) (string, error) { return "", nil }},
	})
	inOrder(t, out,
		"alice> :help",
		"/ops <text>",
		"  :run time +24h",
		"alice> /deploy now",
		"/deploy is not a command here",
		"alice> 3",
		"Nothing to press yet.",
		"alice> hello",
		"Type /ops <text>",
		"alice> :as nobody",
		`No user "nobody"`,
		"alice> :run missing",
		`No action "missing"; try one of: time +24h`,
		"alice> :press x",
		"Nothing to press yet.",
		"alice> :modal",
		"You have no modal open.",
		"alice> :bogus",
		"Unknown shell command :bogus",
	)
}

func TestRunStopsWhenContextEnds(t *testing.T) {
	f := setup(t)
	pr, pw := io.Pipe()
	defer pw.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Run(ctx, pr, io.Discard, f.emu, f.ws, Options{Channel: "C0TEAM"}) }()
	time.Sleep(20 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "context canceled") {
			t.Fatalf("Run = %v", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
}

func TestMrkdwnRendering(t *testing.T) {
	f := setup(t)
	r := newRenderer(f.emu)
	got := r.mrkdwn("<@U0BOB> see <#C0TEAM> and <#C9X|ops>, <!here>: <https://x.test/a|the order> &amp; <https://x.test/b> &lt;ok&gt;")
	want := "@bob see #team and #ops, @here: the order (https://x.test/a) & https://x.test/b <ok>"
	if got != want {
		t.Fatalf("mrkdwn = %q, want %q", got, want)
	}
}
