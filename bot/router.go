// Package bot is StoreOps' Slack edge: it verifies and parses what Slack sends (over HTTP or
// Socket Mode), routes it to the handlers registered for each command, button and modal,
// acknowledges within Slack's three seconds, and delivers the outbox.
package bot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"storeops/bot/i18n"
	"storeops/bot/view"
	"storeops/domain"
)

// Reply is what a handler says back to the user who acted.
type Reply struct {
	Text   string
	Blocks []slack.Block
	// InChannel shows the reply to the whole channel instead of only to the user.
	InChannel bool
}

// Handler serves a command or a button.
type Handler func(ctx context.Context, r *Request) (*Reply, error)

// Command is one `/ops` subcommand. Help is generated from these definitions.
type Command struct {
	// Area groups commands in help ("listing", "role", …).
	Area string
	// Path is the words after /ops that select it, e.g. "listing delist".
	Path string
	// Usage names the arguments, e.g. "<sku> <reason>".
	Usage string
	// Summary is the catalog key of a one-line description.
	Summary string
	// Roles may run it (any one of them); empty lets everyone.
	Roles  []domain.Role
	Handle Handler
}

// Action is a button (or other interactive element) routed by action_id.
type Action struct {
	ID     string
	Roles  []domain.Role
	Handle Handler
}

// ViewSubmit handles a modal submission; its answer decides what the modal does.
type ViewSubmit func(ctx context.Context, r *Request) (*slack.ViewSubmissionResponse, error)

// View is a modal routed by callback_id.
type View struct {
	CallbackID string
	Roles      []domain.Role
	Submit     ViewSubmit
}

// EventHandler handles one Events API event type.
type EventHandler func(ctx context.Context, ev Event) error

// Event is an Events API event, with what handlers need of it.
type Event struct {
	Type    string
	User    string
	Channel string
	Text    string
	TS      string
	Raw     slackevents.EventsAPIEvent
	bot     *Bot
}

// Reply answers in the event's channel, in the user's language, with a catalog message.
func (e Event) Reply(ctx context.Context, key string, args ...any) error {
	prefs := e.bot.state.UserPrefs(ctx, e.bot.api, e.User)
	locale := prefs.Locale
	if locale == "" {
		locale = e.bot.cfg.DefaultLocale
	}
	msg := e.bot.catalog.For(locale).T(key, args...)
	if _, _, err := e.bot.api.PostMessageContext(ctx, e.Channel, slack.MsgOptionText(msg, false), slack.MsgOptionTS(e.TS)); err != nil {
		return fmt.Errorf("reply to %s in %s: %w", e.Type, e.Channel, err)
	}
	return nil
}

func (b *Bot) event(ev slackevents.EventsAPIEvent) Event {
	e := Event{Type: ev.InnerEvent.Type, Raw: ev, bot: b}
	switch inner := ev.InnerEvent.Data.(type) {
	case *slackevents.AppMentionEvent:
		e.User, e.Channel, e.Text, e.TS = inner.User, inner.Channel, inner.Text, inner.TimeStamp
	case *slackevents.AppHomeOpenedEvent:
		e.User, e.Channel = inner.User, inner.Channel
	case *slackevents.MessageEvent:
		e.User, e.Channel, e.Text, e.TS = inner.User, inner.Channel, inner.Text, inner.TimeStamp
	}
	return e
}

// ActorResolver finds who is acting and their roles.
type ActorResolver interface {
	Actor(ctx context.Context, userID string) (domain.Actor, error)
}

// Request is one user action being served.
type Request struct {
	Actor domain.Actor
	L     i18n.Localizer
	TZ    *time.Location
	// Command is the matched command (commands only).
	Command   *Command
	Args      Args
	ChannelID string
	TriggerID string
	// ResponseURL answers the user; empty for actions in modals and the Home tab.
	ResponseURL string
	// Action is the element that was used (actions only).
	Action slack.BlockAction
	// Interaction is the whole payload (actions and modals).
	Interaction *slack.InteractionCallback
	bot         *Bot
}

// OpenView opens a modal. Call it before any slow work: the trigger expires after 3 s.
func (r *Request) OpenView(ctx context.Context, v slack.ModalViewRequest) error {
	if _, err := r.bot.api.OpenViewContext(ctx, r.TriggerID, v); err != nil {
		return fmt.Errorf("open view %s: %w", v.CallbackID, err)
	}
	return nil
}

// Value returns what the user entered in a modal input block (text, or the selected option's
// value), trimmed; "" when untouched.
func (r *Request) Value(blockID string) string {
	if r.Interaction == nil {
		return ""
	}
	for _, a := range r.Interaction.View.State.Values[blockID] {
		if a.SelectedOption.Value != "" {
			return a.SelectedOption.Value
		}
		return strings.TrimSpace(a.Value)
	}
	return ""
}

// Notify tells the acting user something privately, outside the request's own answer.
func (r *Request) Notify(ctx context.Context, reply *Reply) error {
	return r.bot.notify(ctx, r.Actor.UserID, r.ChannelID, r.ResponseURL, reply)
}

// Usage is the error a handler returns when its arguments do not fit; the user is shown the
// command's usage.
func (r *Request) Usage() error {
	return domain.Errorf(domain.EINVALID, "error.usage", r.Command.Path, r.Command.Usage)
}

// Config is the edge's behaviour.
type Config struct {
	SigningSecret string
	DefaultLocale string
	TZ            *time.Location
	// SyncBudget is how long a command may take before the answer goes through response_url
	// instead of the HTTP reply; well under Slack's 3 s.
	SyncBudget time.Duration
	// WorkTimeout bounds work that continues after the ack.
	WorkTimeout time.Duration
}

// Deps are the edge's collaborators.
type Deps struct {
	API     *slack.Client
	State   *State
	Actors  ActorResolver
	Catalog *i18n.Catalog
	Log     *slog.Logger
	Metrics *Metrics
	// AfterChange is called after every handled request, so that the dispatcher looks at the
	// outbox at once instead of at its next tick.
	AfterChange func()
}

// Bot routes Slack input to handlers.
type Bot struct {
	cfg      Config
	api      *slack.Client
	state    *State
	actors   ActorResolver
	catalog  *i18n.Catalog
	log      *slog.Logger
	metrics  *Metrics
	nudge    func()
	commands []Command
	actions  map[string]Action
	views    map[string]View
	events   map[string]EventHandler

	// work tracks what continues after an ack, so that shutdown can wait for it.
	work      sync.WaitGroup
	workCtx   context.Context
	cancelAll context.CancelFunc
}

// New builds a router with no routes.
func New(cfg Config, d Deps) *Bot {
	if cfg.SyncBudget <= 0 {
		cfg.SyncBudget = 1500 * time.Millisecond
	}
	if cfg.WorkTimeout <= 0 {
		cfg.WorkTimeout = 60 * time.Second
	}
	if cfg.TZ == nil {
		cfg.TZ = time.UTC
	}
	if d.AfterChange == nil {
		d.AfterChange = func() {}
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &Bot{cfg: cfg, api: d.API, state: d.State, actors: d.Actors, catalog: d.Catalog, log: d.Log,
		metrics: d.Metrics, nudge: d.AfterChange, actions: map[string]Action{}, views: map[string]View{},
		events: map[string]EventHandler{}, workCtx: ctx, cancelAll: cancel}
}

// AddCommand registers a command; a path registered twice is a wiring bug.
func (b *Bot) AddCommand(c Command) {
	c.Path = strings.ToLower(strings.TrimSpace(c.Path))
	if slices.ContainsFunc(b.commands, func(x Command) bool { return x.Path == c.Path }) {
		panic("command registered twice: " + c.Path)
	}
	b.commands = append(b.commands, c)
}

// AddAction registers a button handler.
func (b *Bot) AddAction(a Action) { b.actions[a.ID] = a }

// AddView registers a modal submission handler.
func (b *Bot) AddView(v View) { b.views[v.CallbackID] = v }

// OnEvent registers an Events API handler.
func (b *Bot) OnEvent(eventType string, h EventHandler) { b.events[eventType] = h }

// Commands returns the registered commands in registration order.
func (b *Bot) Commands() []Command { return slices.Clone(b.commands) }

// Shutdown waits for work that continues after acks, up to ctx's deadline, then cancels it.
func (b *Bot) Shutdown(ctx context.Context) error {
	done := make(chan struct{})
	go func() { b.work.Wait(); close(done) }()
	select {
	case <-done:
		b.cancelAll()
		return nil
	case <-ctx.Done():
		b.cancelAll()
		return fmt.Errorf("shutdown: work still running: %w", ctx.Err())
	}
}

// goWork runs fn after the ack with its own context, so that the HTTP request ending does not
// cancel it; shutdown waits for it.
func (b *Bot) goWork(fn func(ctx context.Context)) {
	b.work.Add(1)
	go func() {
		defer b.work.Done()
		ctx, cancel := context.WithTimeout(b.workCtx, b.cfg.WorkTimeout)
		defer cancel()
		fn(ctx)
	}()
}

// match finds the command for the words typed, longest path first.
func (b *Bot) match(words Args) (*Command, Args) {
	var best *Command
	bestLen := 0
	for i := range b.commands {
		path := strings.Fields(b.commands[i].Path)
		if len(path) > len(words) || len(path) <= bestLen {
			continue
		}
		ok := true
		for j, p := range path {
			if strings.ToLower(words[j]) != p {
				ok = false
				break
			}
		}
		if ok {
			best, bestLen = &b.commands[i], len(path)
		}
	}
	if best == nil {
		return nil, words
	}
	return best, words[bestLen:]
}

// newRequest resolves the actor, locale and time zone of user.
func (b *Bot) newRequest(ctx context.Context, userID string) (*Request, error) {
	prefs := b.state.UserPrefs(ctx, b.api, userID)
	locale := prefs.Locale
	if locale == "" {
		locale = b.cfg.DefaultLocale
	}
	tz := b.cfg.TZ
	if prefs.TZ != "" {
		if loc, err := time.LoadLocation(prefs.TZ); err == nil {
			tz = loc
		}
	}
	r := &Request{L: b.catalog.For(locale), TZ: tz, bot: b}
	actor, err := b.actors.Actor(ctx, userID)
	if err != nil {
		return r, fmt.Errorf("resolve actor %s: %w", userID, err)
	}
	r.Actor = actor
	return r, nil
}

// authorize checks that the actor holds one of roles.
func authorize(actor domain.Actor, roles []domain.Role) error {
	if len(roles) == 0 || slices.ContainsFunc(roles, actor.Has) {
		return nil
	}
	names := make([]string, len(roles))
	for i, r := range roles {
		names[i] = string(r)
	}
	return domain.Errorf(domain.EFORBIDDEN, "error.needs_role", strings.Join(names, " / "))
}

// errorReply turns an error into what the user sees. Internal errors are logged once, here,
// with a short reference that the user can quote.
func (b *Bot) errorReply(ctx context.Context, l i18n.Localizer, route string, err error) *Reply {
	code := domain.ErrorCode(err)
	b.metrics.Errors.WithLabelValues(route, code).Inc()
	if code != domain.EINTERNAL {
		return &Reply{Text: l.Error(err)}
	}
	ref := newRef()
	b.log.ErrorContext(ctx, "request failed", "route", route, "ref", ref, "err", err)
	return &Reply{Text: l.ErrorWithRef(err, ref)}
}

func newRef() string {
	var buf [4]byte
	_, _ = rand.Read(buf[:])
	return hex.EncodeToString(buf[:])
}

// safely runs fn, turning a panic into an internal error so one bad request cannot take the
// service down.
func safely(fn func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return fn()
}

// HandleCommand serves a slash command. When the handler answers within the sync budget the
// answer is returned for the HTTP reply (or the Socket Mode ack); otherwise nil is returned at
// the budget and the answer goes to response_url when ready.
func (b *Bot) HandleCommand(ctx context.Context, cmd slack.SlashCommand) *Reply {
	words := Tokenize(cmd.Text)
	c, args := b.match(words)
	route := "help"
	if c != nil {
		route = c.Path
	}
	started := time.Now()
	var mu sync.Mutex
	var result *Reply
	finished, late := false, false
	done := make(chan struct{})
	b.goWork(func(wctx context.Context) {
		reply := b.runCommand(wctx, cmd, c, args, words)
		mu.Lock()
		if late {
			mu.Unlock()
			if reply != nil {
				b.respond(wctx, cmd.UserID, cmd.ChannelID, cmd.ResponseURL, reply)
			}
		} else {
			result, finished = reply, true
			mu.Unlock()
			close(done)
		}
		b.metrics.observe("command", route, time.Since(started))
		b.nudge()
	})
	select {
	case <-done:
	case <-time.After(b.cfg.SyncBudget):
	case <-ctx.Done():
	}
	mu.Lock()
	defer mu.Unlock()
	if !finished {
		late = true
		return nil
	}
	return result
}

func (b *Bot) runCommand(ctx context.Context, cmd slack.SlashCommand, c *Command, args, words Args) *Reply {
	r, err := b.newRequest(ctx, cmd.UserID)
	route := "help"
	if c != nil {
		route = c.Path
	}
	b.log.InfoContext(ctx, "command", "route", route, "user", cmd.UserID, "channel", cmd.ChannelID)
	if err != nil {
		return b.errorReply(ctx, r.L, route, err)
	}
	r.Command, r.Args, r.ChannelID, r.TriggerID, r.ResponseURL = c, args, cmd.ChannelID, cmd.TriggerID, cmd.ResponseURL
	var reply *Reply
	err = safely(func() error {
		if c == nil {
			reply = b.help(r, words)
			return nil
		}
		if err := authorize(r.Actor, c.Roles); err != nil {
			return err
		}
		var err error
		reply, err = c.Handle(ctx, r)
		return err
	})
	if err != nil {
		reply = b.errorReply(ctx, r.L, route, err)
		if e, ok := domain.AsError(err); ok && e.Key == "error.usage" && c != nil {
			reply.Text = r.L.T("error.usage", "/ops "+c.Path, c.Usage) + "\n" + r.L.T(c.Summary)
		}
	}
	return reply
}

// help answers `/ops`, `/ops help [area]` and anything unknown.
func (b *Bot) help(r *Request, words Args) *Reply {
	areas := map[string]bool{}
	for _, c := range b.commands {
		areas[c.Area] = true
	}
	var entries []view.HelpEntry
	for _, c := range b.commands {
		usage := "/ops " + c.Path
		if c.Usage != "" {
			usage += " " + c.Usage
		}
		entries = append(entries, view.HelpEntry{Area: c.Area, Usage: usage, Summary: r.L.T(c.Summary)})
	}
	entries = append(entries, view.HelpEntry{Area: "help", Usage: "/ops help [area]", Summary: r.L.T("help.help")})
	switch {
	case len(words) == 0, len(words) == 1 && strings.EqualFold(words[0], "help"):
		return &Reply{Text: r.L.T("help.title"), Blocks: view.Help(r.L, entries, "")}
	case len(words) >= 2 && strings.EqualFold(words[0], "help") && areas[strings.ToLower(words[1])]:
		return &Reply{Text: r.L.T("help.title"), Blocks: view.Help(r.L, entries, strings.ToLower(words[1]))}
	case len(words) >= 2 && strings.EqualFold(words[0], "help"):
		return &Reply{Text: r.L.T("help.unknown_area", words[1], strings.Join(sortedKeys(areas), ", "))}
	case areas[strings.ToLower(words[0])]:
		area := strings.ToLower(words[0])
		sub := ""
		if len(words) > 1 {
			sub = words[1]
		}
		return &Reply{Text: r.L.T("help.unknown_subcommand", area, sub), Blocks: view.Help(r.L, entries, area)}
	}
	return &Reply{Text: r.L.T("help.unknown_command", words[0]), Blocks: view.Help(r.L, entries, "")}
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// HandleInteraction serves a block_actions or view_submission payload and returns the ack
// body (nil for an empty 200). Buttons are acked at once and served after; modal submissions
// are served before the ack because the ack decides what the modal shows.
func (b *Bot) HandleInteraction(ctx context.Context, ic *slack.InteractionCallback) *slack.ViewSubmissionResponse {
	switch ic.Type {
	case slack.InteractionTypeBlockActions:
		for _, a := range ic.ActionCallback.BlockActions {
			action := *a
			b.goWork(func(wctx context.Context) { b.runAction(wctx, ic, action) })
		}
		return nil
	case slack.InteractionTypeViewSubmission:
		return b.runView(ctx, ic)
	}
	return nil
}

func (b *Bot) runAction(ctx context.Context, ic *slack.InteractionCallback, a slack.BlockAction) {
	started := time.Now()
	route := a.ActionID
	defer func() { b.metrics.observe("action", route, time.Since(started)); b.nudge() }()
	def, ok := b.actions[a.ActionID]
	if !ok {
		route = "unknown"
		b.log.WarnContext(ctx, "unknown action", "action_id", a.ActionID)
		return
	}
	channel := ic.Channel.ID
	if channel == "" {
		channel = ic.Container.ChannelID
	}
	b.log.InfoContext(ctx, "action", "route", route, "user", ic.User.ID, "channel", channel)
	r, err := b.newRequest(ctx, ic.User.ID)
	var reply *Reply
	if err == nil {
		r.ChannelID, r.TriggerID, r.ResponseURL, r.Action, r.Interaction = channel, ic.TriggerID, ic.ResponseURL, a, ic
		err = safely(func() error {
			if err := authorize(r.Actor, def.Roles); err != nil {
				return err
			}
			var err error
			reply, err = def.Handle(ctx, r)
			return err
		})
	}
	if err != nil {
		reply = b.errorReply(ctx, r.L, route, err)
	}
	if reply != nil {
		b.respond(ctx, ic.User.ID, channel, ic.ResponseURL, reply)
	}
}

func (b *Bot) runView(ctx context.Context, ic *slack.InteractionCallback) *slack.ViewSubmissionResponse {
	started := time.Now()
	route := ic.View.CallbackID
	defer func() { b.metrics.observe("view", route, time.Since(started)); b.nudge() }()
	def, ok := b.views[ic.View.CallbackID]
	if !ok {
		b.log.WarnContext(ctx, "unknown view", "callback_id", ic.View.CallbackID)
		return nil
	}
	b.log.InfoContext(ctx, "view submission", "route", route, "user", ic.User.ID)
	ctx, cancel := context.WithTimeout(ctx, b.cfg.SyncBudget)
	defer cancel()
	r, err := b.newRequest(ctx, ic.User.ID)
	var resp *slack.ViewSubmissionResponse
	if err == nil {
		r.TriggerID, r.Interaction = ic.TriggerID, ic
		err = safely(func() error {
			if err := authorize(r.Actor, def.Roles); err != nil {
				return err
			}
			var err error
			resp, err = def.Submit(ctx, r)
			return err
		})
	}
	if err == nil {
		return resp
	}
	// A form error belongs next to its field; anything else is shown on the first input.
	reply := b.errorReply(ctx, r.L, route, err)
	errs := map[string]string{}
	if e, ok := domain.AsError(err); ok && len(e.Problems) > 0 {
		for _, p := range e.Problems {
			errs[p.Field] = r.L.Problem(p)
		}
	}
	if len(errs) == 0 {
		for _, blk := range ic.View.Blocks.BlockSet {
			if in, ok := blk.(*slack.InputBlock); ok {
				errs[in.BlockID] = view.Cut(reply.Text, 2000)
				break
			}
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return slack.NewErrorsViewSubmissionResponse(errs)
}

// HandleEvent serves an Events API callback once per event_id: retries of an event that was
// already taken are acknowledged and dropped.
func (b *Bot) HandleEvent(ctx context.Context, ev slackevents.EventsAPIEvent, eventID string) {
	h, ok := b.events[ev.InnerEvent.Type]
	if !ok {
		return
	}
	first, err := b.state.FirstDelivery(ctx, "event:"+eventID, time.Hour)
	if err != nil {
		b.log.ErrorContext(ctx, "dedupe event", "event_id", eventID, "err", err)
	}
	if !first {
		b.metrics.Requests.WithLabelValues("event", ev.InnerEvent.Type, "duplicate").Inc()
		return
	}
	b.goWork(func(wctx context.Context) {
		started := time.Now()
		if err := safely(func() error { return h(wctx, b.event(ev)) }); err != nil {
			b.metrics.Errors.WithLabelValues(ev.InnerEvent.Type, domain.ErrorCode(err)).Inc()
			b.log.ErrorContext(wctx, "event failed", "type", ev.InnerEvent.Type, "event_id", eventID, "err", err)
		}
		b.metrics.observe("event", ev.InnerEvent.Type, time.Since(started))
		b.nudge()
	})
}

// respond answers the user who acted: through response_url when there is one, else as an
// ephemeral message in the channel, else as a DM.
func (b *Bot) respond(ctx context.Context, user, channel, responseURL string, reply *Reply) {
	if err := b.notify(ctx, user, channel, responseURL, reply); err != nil {
		b.log.ErrorContext(ctx, "answer user", "user", user, "err", err)
	}
}

func (b *Bot) notify(ctx context.Context, user, channel, responseURL string, reply *Reply) error {
	var blocks *slack.Blocks
	if len(reply.Blocks) > 0 {
		blocks = &slack.Blocks{BlockSet: reply.Blocks}
	}
	if responseURL != "" {
		rt := slack.ResponseTypeEphemeral
		if reply.InChannel {
			rt = slack.ResponseTypeInChannel
		}
		msg := &slack.WebhookMessage{Text: reply.Text, Blocks: blocks, ResponseType: rt}
		if err := slack.PostWebhookContext(ctx, responseURL, msg); err != nil {
			return fmt.Errorf("post to response_url: %w", err)
		}
		return nil
	}
	opts := []slack.MsgOption{slack.MsgOptionText(reply.Text, false)}
	if len(reply.Blocks) > 0 {
		opts = append(opts, slack.MsgOptionBlocks(reply.Blocks...))
	}
	if channel != "" && !strings.HasPrefix(channel, "D") {
		if _, err := b.api.PostEphemeralContext(ctx, channel, user, opts...); err == nil {
			return nil
		}
	}
	dm, _, _, err := b.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{user}})
	if err != nil {
		return fmt.Errorf("open DM with %s: %w", user, err)
	}
	if _, _, err := b.api.PostMessageContext(ctx, dm.ID, opts...); err != nil {
		return fmt.Errorf("DM %s: %w", user, err)
	}
	return nil
}
