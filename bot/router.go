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

	"storeops/bot/i18n"
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

// ActorResolver finds who is acting and their roles.
type ActorResolver interface {
	Actor(ctx context.Context, userID string) (domain.Actor, error)
}

// Config is the edge's behaviour.
type Config struct {
	SigningSecret string
	DefaultLocale string
	TZ            *time.Location
	// SyncBudget is how long a command may take before the answer goes through response_url
	// instead of the HTTP reply; well under Slack's 3 s.
	SyncBudget time.Duration
	// ViewBudget bounds a modal submission, which must be answered in the ack because the
	// ack decides what the modal shows (2 s when 0).
	ViewBudget time.Duration
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
	if cfg.ViewBudget <= 0 {
		cfg.ViewBudget = 2 * time.Second
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
