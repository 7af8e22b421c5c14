// Package shell lets a person chat with the bot in a terminal, through the emulated Slack:
// slash commands, buttons and modals are sent exactly as Slack would send them, and what
// the bot posts back is printed as readable text. It works from a pipe as well, so a script
// can drive it.
package shell

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"storeops/bot/slackemu"
)

// Options configure a shell session.
type Options struct {
	Channel   string // where the user types, e.g. "C0TEAM"
	StartUser string // user id or name; the first user when empty
	// Hooks are named actions of the host ("time +24h", "run approval-reminders"), run with
	// ":run <name>"; the string they return is printed.
	Hooks map[string]func(ctx context.Context) (string, error)
	Intro string
	// Echo writes each input line after its prompt, so that a transcript of piped input
	// reads like a conversation. Run turns it on by itself when in is a file or pipe.
	Echo bool
	// Quiet and MaxWait bound how long the shell waits for the bot after each action
	// (defaults 150 ms and 3 s).
	Quiet   time.Duration
	MaxWait time.Duration
}

type session struct {
	ctx   context.Context
	out   *printer
	in    *lineReader
	emu   *slackemu.Slack
	ws    *slackemu.Workspace
	opts  Options
	user  slackemu.User
	seen  int
	r     renderer
	shown []choice // the numbered elements of the last listing that had any
}

// errQuit ends the session on :quit or end of input.
type errQuit struct{}

func (errQuit) Error() string { return "quit" }

// Run reads lines from in until :quit, end of input or ctx is done, and writes the
// conversation to out.
func Run(ctx context.Context, in io.Reader, out io.Writer, emu *slackemu.Slack, ws *slackemu.Workspace, opts Options) error {
	if opts.Channel == "" {
		return errors.New("shell: Options.Channel is required")
	}
	if opts.Quiet == 0 {
		opts.Quiet = 150 * time.Millisecond
	}
	if opts.MaxWait == 0 {
		opts.MaxWait = 3 * time.Second
	}
	if f, ok := in.(*os.File); ok && !opts.Echo {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice == 0 {
			opts.Echo = true
		}
	}
	s := &session{ctx: ctx, out: &printer{w: out}, emu: emu, ws: ws, opts: opts, r: newRenderer(emu)}
	if err := s.pickStartUser(); err != nil {
		return err
	}
	s.in = newLineReader(in)
	defer s.in.stop()
	s.seen = emu.LastSeq()

	if opts.Intro != "" {
		s.out.println(strings.TrimRight(opts.Intro, "\n"))
	}
	s.out.printf("You are %s in #%s. Type /ops help to talk to the bot, :help for the shell.\n", s.user.Name, emu.ChannelName(opts.Channel))
	err := s.loop()
	if errors.As(err, new(errQuit)) {
		err = nil
	}
	if s.out.err != nil {
		return fmt.Errorf("shell: write output: %w", s.out.err)
	}
	return err
}

func (s *session) pickStartUser() error {
	if s.opts.StartUser != "" {
		u, ok := s.emu.LookupUser(s.opts.StartUser)
		if !ok {
			return fmt.Errorf("shell: unknown start user %q", s.opts.StartUser)
		}
		s.user = u
		return nil
	}
	users := s.emu.Users()
	if len(users) == 0 {
		return errors.New("shell: the workspace has no users")
	}
	s.user = users[0]
	return nil
}

func (s *session) loop() error {
	for {
		line, err := s.prompt(s.user.Name + "> ")
		if err != nil {
			return err
		}
		if err := s.handle(strings.TrimSpace(line)); err != nil {
			return err
		}
	}
}

// prompt writes p and reads one line; end of input and cancellation come back as errQuit
// and the context error.
func (s *session) prompt(p string) (string, error) {
	s.out.printf("%s", p)
	line, err := s.in.next(s.ctx)
	if errors.Is(err, io.EOF) {
		s.out.println("")
		return "", errQuit{}
	}
	if err != nil {
		s.out.println("")
		return "", err
	}
	if s.opts.Echo {
		s.out.println(line)
	}
	return line, nil
}

func (s *session) handle(line string) error {
	switch {
	case line == "":
		return nil
	case line == "/ops" || strings.HasPrefix(line, "/ops "):
		return s.command(strings.TrimSpace(strings.TrimPrefix(line, "/ops")))
	case strings.HasPrefix(line, "/"):
		cmd, _, _ := strings.Cut(line, " ")
		s.out.printf("%s is not a command here; this app only has /ops.\n", cmd)
		return nil
	case isNumber(line):
		return s.press(line, "")
	case !strings.HasPrefix(line, ":"):
		s.out.println("Type /ops <text> to talk to the bot, a number to press a button, :help for more.")
		return nil
	}
	verb, arg, _ := strings.Cut(line[1:], " ")
	arg = strings.TrimSpace(arg)
	switch verb {
	case "quit", "q", "exit":
		return errQuit{}
	case "help", "h", "?":
		s.help()
	case "as":
		s.switchUser(arg)
	case "users":
		s.listUsers()
	case "press", "p":
		n, value, _ := strings.Cut(arg, " ")
		return s.press(n, strings.TrimSpace(value))
	case "buttons":
		s.listChoices()
	case "run":
		return s.runHook(arg)
	case "home":
		r, err := s.ws.AppHomeOpened(s.ctx, s.user.ID)
		s.reportDelivery("opening the Home tab", r, err)
		return s.refresh()
	case "modal":
		v, ok := s.emu.TopView(s.user.ID)
		if !ok {
			s.out.println("You have no modal open.")
			return nil
		}
		return s.walk(v)
	case "submit":
		return s.submitBare()
	case "cancel", "close":
		return s.closeModal()
	default:
		s.out.printf("Unknown shell command :%s (try :help).\n", verb)
	}
	return nil
}

func isNumber(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}

func (s *session) help() {
	s.out.println(`Shell commands:
  /ops <text>              run the slash command as the current user
  <n>  or  :press <n> [v]  press element n of the last listing (v picks a menu option)
  :as <user>               act as another user (name or id)
  :users                   list the users
  :buttons                 list the elements you can press
  :home                    open the app's Home tab
  :modal                   fill in your open modal
  :submit  :cancel         submit or close your open modal
  :run <action>            run an action of the host
  :help  :quit`)
	if len(s.opts.Hooks) > 0 {
		s.out.println("Host actions:")
		for _, name := range sortedKeys(s.opts.Hooks) {
			s.out.printf("  :run %s\n", name)
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (s *session) switchUser(arg string) {
	if arg == "" {
		s.out.println("Usage: :as <user>")
		return
	}
	u, ok := s.emu.LookupUser(arg)
	if !ok || u.IsBot {
		s.out.printf("No user %q; :users lists them.\n", arg)
		return
	}
	s.user = u
	s.out.printf("You are now %s (%s).\n", u.Name, u.ID)
	if v, ok := s.emu.TopView(u.ID); ok {
		s.out.printf("%s has the modal %q open; :modal to fill it in, :cancel to close it.\n", u.Name, v.Title)
	}
}

func (s *session) listUsers() {
	for _, u := range s.emu.Users() {
		mark := " "
		if u.ID == s.user.ID {
			mark = "*"
		}
		line := fmt.Sprintf("%s %-12s %-10s %s", mark, u.Name, u.ID, u.RealName)
		if u.Title != "" {
			line += "  (" + u.Title + ")"
		}
		s.out.println(strings.TrimRight(line, " "))
	}
}

func (s *session) listChoices() {
	if len(s.shown) == 0 {
		s.out.println("Nothing to press yet.")
		return
	}
	for i, c := range s.shown {
		s.out.printf("[%d] %s  (%s in %s)\n", i+1, c.el.Text, c.el.ActionID, c.target)
	}
}

func (s *session) command(text string) error {
	r, err := s.ws.Command(s.ctx, s.user.ID, s.opts.Channel, s.escapeMentions(text))
	s.reportDelivery("/ops", r, err)
	return s.refresh()
}

// reportDelivery tells the user what Slack would show when the bot did not answer well.
func (s *session) reportDelivery(what string, r *slackemu.Reply, err error) {
	var te *slackemu.AckTimeoutError
	switch {
	case errors.As(err, &te):
		s.out.printf("%s failed with the error \"operation_timeout\" (the bot took %s).\n", what, te.Elapsed.Round(time.Millisecond))
	case err != nil:
		s.out.printf("%s failed: %v\n", what, err)
	case r != nil && r.Status != 0 && r.Status != 200:
		s.out.printf("%s failed with the error \"http_service_error\" (HTTP %d).\n", what, r.Status)
	}
}

func (s *session) press(nStr, value string) error {
	n, err := strconv.Atoi(nStr)
	if err != nil || n < 1 || n > len(s.shown) {
		if len(s.shown) == 0 {
			s.out.println("Nothing to press yet.")
		} else {
			s.out.printf("Pick a number from 1 to %d.\n", len(s.shown))
		}
		return nil
	}
	c := s.shown[n-1]
	if c.el.Type != "button" && value == "" {
		if len(c.el.Options) == 0 {
			s.out.printf("Give a value: :press %d <value>\n", n)
			return nil
		}
		s.out.println(optionList(c.el.Options))
		line, err := s.prompt(c.el.Text + "> ")
		if err != nil {
			return err
		}
		v, ok := pickOption(c.el.Options, strings.TrimSpace(line))
		if !ok {
			s.out.println("Not an option; nothing pressed.")
			return nil
		}
		value = v
	}
	if c.el.Type == "button" {
		value = c.el.Value
	}
	s.out.printf("(%s pressed %q)\n", s.user.Name, c.el.Text)
	r, err := s.ws.Click(s.ctx, s.user.ID, c.target, c.el.ActionID, value)
	if err != nil && r == nil && !errors.As(err, new(*slackemu.AckTimeoutError)) {
		s.out.printf("Cannot press that: %v\n", err)
		return nil
	}
	s.reportDelivery("The action", r, err)
	return s.refresh()
}

func (s *session) runHook(name string) error {
	fn, ok := s.opts.Hooks[name]
	if !ok {
		if len(s.opts.Hooks) == 0 {
			s.out.println("The host offers no actions.")
		} else {
			s.out.printf("No action %q; try one of: %s\n", name, strings.Join(sortedKeys(s.opts.Hooks), ", "))
		}
		return nil
	}
	res, err := fn(s.ctx)
	if err != nil {
		s.out.printf("%s failed: %v\n", name, err)
	} else if res != "" {
		s.out.println(res)
	}
	return s.refresh()
}

// refresh waits for the bot to settle, prints what changed and walks a modal that opened for
// the current user.
func (s *session) refresh() error {
	v := s.showNew()
	if v == nil {
		return nil
	}
	return s.walk(*v)
}

// showNew prints every change since the last call and returns the current user's modal
// when it opened or changed meanwhile.
func (s *session) showNew() *slackemu.View {
	s.emu.Settle(s.opts.Quiet, s.opts.MaxWait)
	acts := s.emu.Activity(s.seen)
	if len(acts) == 0 {
		return nil
	}
	s.seen = acts[len(acts)-1].Seq
	s.r.choices = nil
	modalChanged := false
	for _, a := range acts {
		switch a.Kind {
		case slackemu.ActViewOpened, slackemu.ActViewPushed, slackemu.ActViewUpdated:
			if a.User == s.user.ID {
				modalChanged = true
				continue
			}
			s.out.printf("[modal %q %s for %s]\n", a.View.Title, verbOf(a.Kind), s.name(a.User))
		case slackemu.ActViewClosed:
			who := "your"
			if a.User != s.user.ID {
				who = s.name(a.User) + "'s"
			}
			s.out.printf("[%s modal %q closed]\n", who, a.View.Title)
		case slackemu.ActHomePublished:
			s.out.printf("[Home tab of %s]\n", s.name(a.User))
			s.indent(s.r.blocks(a.View.Blocks, a.View.Target(), false))
		default:
			s.message(a)
		}
	}
	if len(s.r.choices) > 0 {
		s.shown = s.r.choices
	}
	if !modalChanged {
		return nil
	}
	v, ok := s.emu.TopView(s.user.ID)
	if !ok {
		return nil
	}
	return &v
}

func verbOf(k slackemu.ActivityKind) string {
	switch k {
	case slackemu.ActViewPushed:
		return "pushed"
	case slackemu.ActViewUpdated:
		return "updated"
	}
	return "opened"
}

func (s *session) name(id string) string {
	if u, ok := s.emu.User(id); ok {
		return u.Name
	}
	return id
}

func (s *session) where(m *slackemu.Message) string {
	if u, ok := s.emu.DMUser(m.Channel); ok {
		return "DM to " + s.name(u)
	}
	return "#" + s.emu.ChannelName(m.Channel)
}

func (s *session) message(a slackemu.Activity) {
	m := a.Message
	head := s.where(m)
	if m.Ephemeral {
		if m.Recipient == s.user.ID {
			head += ", only visible to you"
		} else {
			head += ", only visible to " + s.name(m.Recipient)
		}
	}
	if m.ThreadTS != "" {
		head += ", in thread " + m.ThreadTS
	}
	author := s.name(m.User)
	switch a.Kind {
	case slackemu.ActMessageDeleted, slackemu.ActEphemeralDeleted:
		s.out.printf("[%s] (message %s deleted)\n", head, m.TS)
		return
	case slackemu.ActMessageUpdated, slackemu.ActEphemeralReplaced:
		author += " (updated)"
	}
	s.out.printf("[%s] %s:\n", head, author)
	var lines []string
	if len(m.Blocks) > 0 {
		lines = s.r.blocks(m.Blocks, m.Target(), false)
	} else if m.Text != "" {
		lines = strings.Split(s.r.mrkdwn(m.Text), "\n")
	}
	for _, id := range m.Files {
		for _, f := range s.emu.Files() {
			if f.ID == id {
				lines = append(lines, fmt.Sprintf("[file: %s %q, %d bytes]", f.Name, f.Title, len(f.Bytes)))
			}
		}
	}
	s.indent(lines)
}

func (s *session) indent(lines []string) {
	for _, l := range lines {
		s.out.println(strings.TrimRight("  "+l, " "))
	}
}

func (s *session) submitBare() error {
	v, ok := s.emu.TopView(s.user.ID)
	if !ok {
		s.out.println("You have no modal open.")
		return nil
	}
	return s.submit(v, nil)
}

func (s *session) closeModal() error {
	v, ok := s.emu.TopView(s.user.ID)
	if !ok {
		s.out.println("You have no modal open.")
		return nil
	}
	r, err := s.ws.Close(s.ctx, s.user.ID, v.ID)
	s.reportDelivery("Closing the modal", r, err)
	return s.refresh()
}

// printer remembers the first write error so the session can end with it.
type printer struct {
	w   io.Writer
	err error
}

func (p *printer) printf(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

func (p *printer) println(s string) { p.printf("%s\n", s) }

// lineReader reads lines in the background so that a cancelled context ends the session
// even while the input blocks.
type lineReader struct {
	lines chan string
	done  chan struct{}
	err   error // set before lines is closed
}

func newLineReader(in io.Reader) *lineReader {
	lr := &lineReader{lines: make(chan string), done: make(chan struct{})}
	go func() {
		defer close(lr.lines)
		sc := bufio.NewScanner(in)
		sc.Buffer(make([]byte, 64*1024), 1<<20)
		for sc.Scan() {
			select {
			case lr.lines <- sc.Text():
			case <-lr.done:
				return
			}
		}
		lr.err = sc.Err()
	}()
	return lr
}

func (lr *lineReader) next(ctx context.Context) (string, error) {
	select {
	case line, ok := <-lr.lines:
		if !ok {
			if lr.err != nil {
				return "", fmt.Errorf("shell: read input: %w", lr.err)
			}
			return "", io.EOF
		}
		return line, nil
	case <-ctx.Done():
		return "", fmt.Errorf("shell: %w", ctx.Err())
	}
}

func (lr *lineReader) stop() { close(lr.done) }

// escapeMentions turns @name into <@U…|name>, as Slack's client does for a command whose
// manifest sets should_escape, so that people type mentions in the shell as they would in
// Slack. Unknown names stay as typed.
func (s *session) escapeMentions(text string) string {
	words := strings.Split(text, " ")
	for i, w := range words {
		name, ok := strings.CutPrefix(w, "@")
		if !ok || name == "" {
			continue
		}
		if u, found := s.emu.UserByName(name); found {
			words[i] = "<@" + u.ID + "|" + u.Name + ">"
		}
	}
	return strings.Join(words, " ")
}
