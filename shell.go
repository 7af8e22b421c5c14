package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"storeops/bot/shell"
	"storeops/bot/slackemu"
	"storeops/domain"
	"storeops/domain/listing"
)

// The emulated workspace of the shell.
const (
	shellTeamChannel      = "C0TEAM"
	shellApprovalsChannel = "C0APPROVALS"
	shellAdmin            = "U0YOU"
)

// shellUser is one person of the demo team.
type shellUser struct {
	user  slackemu.User
	roles []domain.Role
}

func demoTeam() []shellUser {
	return []shellUser{
		{slackemu.User{ID: "U0ALICE", Name: "alice", RealName: "Alice Wang", Locale: "en-US", Title: "assistant"}, []domain.Role{domain.RoleAssistant}},
		{slackemu.User{ID: "U0BOB", Name: "bob", RealName: "Bob Li", Locale: "en-US", Title: "supervisor"}, []domain.Role{domain.RoleSupervisor}},
		{slackemu.User{ID: "U0MEI", Name: "mei", RealName: "陈美", Locale: "zh-CN", Title: "assistant (中文)"}, []domain.Role{domain.RoleAssistant}},
		{slackemu.User{ID: "U0DAVE", Name: "dave", RealName: "Dave Zhou", Locale: "en-US", Title: "hr"}, []domain.Role{domain.RoleHR}},
	}
}

// shell runs the whole bot in this process against an emulated Slack and lets a person chat
// with it. Requests go through the real HTTP handlers, signed, and the bot's Web API calls go
// through the real slack-go client to the emulator: the production path end to end.
func runShell(ctx context.Context, cfg Config, args []string, stdin io.Reader, stdout io.Writer) error {
	demo, err := shellFlags(args)
	if err != nil {
		return &ConfigError{Var: "shell flags", Problem: err.Error()}
	}
	secret := randomSecret()
	emu := slackemu.New(slackemu.Options{BotToken: "xoxb-shell", SigningSecret: secret})
	apiURL, err := emu.Start()
	if err != nil {
		return fmt.Errorf("start emulated Slack: %w", err)
	}
	defer emu.Close()
	emu.AddChannel(shellTeamChannel, "team")
	emu.AddChannel(shellApprovalsChannel, "approvals")
	emu.AddUser(slackemu.User{ID: shellAdmin, Name: "you", RealName: "You", Locale: "en-US", Title: "admin"})

	cfg.BotToken, cfg.SigningSecret, cfg.AppToken, cfg.APIURL = "xoxb-shell", secret, "", apiURL
	cfg.Admins = append(cfg.Admins, shellAdmin)
	if cfg.ApprovalsChannel == "" {
		cfg.ApprovalsChannel = shellApprovalsChannel
	}
	if cfg.DatabaseURL == DefaultDatabaseURL {
		// A shell session starts clean and leaves nothing on disk, unless DATABASE_URL says
		// otherwise.
		cfg.DatabaseURL = "sqlite://:memory:"
	}
	clock := &offsetClock{}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := newApp(ctx, cfg, appOptions{Clock: clock, Log: log, DispatchInterval: 100 * time.Millisecond, DispatchRetry: time.Second})
	if err != nil {
		return err
	}
	a.start(ctx)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		a.shutdown(ctx)
		return fmt.Errorf("listen: %w", err)
	}
	srv := &http.Server{Handler: a.handler, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer func() {
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
		a.shutdown(sctx)
	}()

	intro := shellIntro
	start := shellAdmin
	if demo {
		if err := seedDemo(ctx, a, emu); err != nil {
			return fmt.Errorf("seed demo: %w", err)
		}
		intro, start = demoTour, "alice"
	}
	ws := emu.Workspace("http://" + ln.Addr().String())
	return shell.Run(ctx, stdin, stdout, emu, ws, shell.Options{
		Channel: shellTeamChannel, StartUser: start, Intro: intro,
		Hooks: shellHooks(a, clock, cfg.TZ),
	})
}

// shellHooks are the shell's `:run` actions: moving the clock, and every scheduled job (so a
// job added to the scheduler is offered without touching the shell).
func shellHooks(a *app, clock *offsetClock, tz *time.Location) map[string]func(context.Context) (string, error) {
	hooks := map[string]func(context.Context) (string, error){
		"tomorrow": func(context.Context) (string, error) {
			clock.advance(25 * time.Hour)
			return "The clock moved forward 25 hours: now " + clock.Now().In(tz).Format("2006-01-02 15:04"), nil
		},
		"next-month": func(context.Context) (string, error) {
			clock.advance(31 * 24 * time.Hour)
			return "The clock moved forward 31 days: now " + clock.Now().In(tz).Format("2006-01-02 15:04"), nil
		},
	}
	for _, name := range a.scheduler.Names() {
		hooks[name] = func(ctx context.Context) (string, error) {
			return "the job " + name + " ran", runJob(ctx, a, name)
		}
	}
	return hooks
}

// runJob runs a job now and waits until what it queued is delivered, so that the shell
// shows it right after the command rather than after the next one.
func runJob(ctx context.Context, a *app, name string) error {
	if err := a.scheduler.RunNow(ctx, name); err != nil {
		return err
	}
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		n, err := a.outbox.Pending(ctx)
		if err != nil || n == 0 {
			return err
		}
		time.Sleep(20 * time.Millisecond)
	}
	return nil
}

const shellIntro = `StoreOps shell — the whole bot, talking to an emulated Slack.
You are @you, an admin, typing in #team. Try:
  /ops help
  /ops store add TM01 tmall Tmall flagship
  /ops role @you assistant
Type :help for the shell's own commands. Start with --demo for a seeded team and a tour.`

const demoTour = `StoreOps demo — a store (TM01 on Tmall), a team and a few listings are ready.
People: alice (assistant), bob (supervisor), mei (assistant, sees Chinese), dave (hr), you (admin).
You are alice, in #team. A short tour:
  1. /ops listing new            fill the form field by field; try a bad price first
  2. :as bob                     bob is a supervisor: the card in #approvals has buttons
     then press the number of Approve (or Reject, and give a reason)
  3. :as alice  then  /ops listing show MUG-RED    (live now) and /ops audit MUG-RED
  4. /ops listing update TEA-01 price=399 stock=10  stock applies, the price waits for bob
  5. :run next-month  then  :run delist-scan       alice gets a "request delisting" offer
  6. :as mei  then  /ops help                      the same bot in Chinese
Type :help for the shell's commands, :quit to leave.`

// seedDemo creates the demo store, team and listings through the services, as people would.
func seedDemo(ctx context.Context, a *app, emu *slackemu.Slack) error {
	admin := domain.Actor{UserID: shellAdmin, Roles: []domain.Role{domain.RoleAdmin}}
	for _, u := range demoTeam() {
		emu.AddUser(u.user)
		for _, r := range u.roles {
			if err := a.access.Grant(ctx, admin, u.user.ID, r); err != nil {
				return err
			}
		}
	}
	if _, err := a.stores.Add(ctx, admin, "TM01", "tmall", "Tmall flagship"); err != nil {
		return err
	}
	alice := domain.Actor{UserID: "U0ALICE", Roles: []domain.Role{domain.RoleAssistant}}
	bob := domain.Actor{UserID: "U0BOB", Roles: []domain.Role{domain.RoleSupervisor}}
	img := "https://img.example.com/"
	for i, in := range []listing.Input{
		{Store: "TM01", SKU: "TEA-01", Title: "Longjing green tea 250 g", Category: "Tea", Keywords: "tea, longjing, green tea",
			Price: "268.00", Stock: "40", Images: img + "tea-01.jpg", Description: "Spring-picked Longjing from Hangzhou, 250 g tin."},
		{Store: "TM01", SKU: "POT-02", Title: "Yixing clay teapot", Category: "Teaware", Keywords: "teapot, yixing",
			Price: "520.00", Stock: "0", Images: img + "pot-02.jpg", Description: "Hand-made zisha teapot, 200 ml."},
		{Store: "TM01", SKU: "CUP-03", Title: "Celadon tea cups, set of 4", Category: "Teaware", Keywords: "cups, celadon",
			Price: "88.00", Stock: "25", Images: img + "cup-03.jpg", Description: "Four celadon cups, 60 ml each."},
	} {
		l, err := a.listings.Submit(ctx, alice, in)
		if err != nil {
			return err
		}
		if i < 2 {
			if _, err := a.approvals.Approve(ctx, bob, l.ApprovalID); err != nil {
				return err
			}
		}
	}
	// Let the seeding's cards and DMs go out before the tour starts, so that the shell shows
	// only what the person does.
	_, err := a.dispatcher.Drain(ctx)
	emu.Settle(100*time.Millisecond, 3*time.Second)
	return err
}

// offsetClock is the real clock plus a shift the shell moves forward, so that a person can
// see what happens tomorrow or next month.
type offsetClock struct {
	mu     sync.Mutex
	offset time.Duration
}

func (c *offsetClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

func (c *offsetClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset += d
}

func randomSecret() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
