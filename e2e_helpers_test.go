package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http/httptest"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
	"github.com/slack-go/slack"
	"gorm.io/gorm"

	"storeops/bot/slackemu"
	"storeops/domain"
	"storeops/domain/gormdb"
	"storeops/domain/gormdb/gormtest"
)

// The people of the end-to-end tests.
const (
	erin  = "U0ERIN"  // admin
	alice = "U0ALICE" // assistant
	bob   = "U0BOB"   // supervisor
	carol = "U0CAROL" // supervisor
	frank = "U0FRANK" // assistant and supervisor
	team  = "C0TEAM"
	appr  = "C0APPROVALS"
)

const testSecret = "8f742231b10e8888abcd99yyyzzz85a5"

// harness is StoreOps running over HTTP against the emulated Slack, with the database and
// Redis of the test environment (real ones in CI, embedded ones otherwise).
type harness struct {
	t     *testing.T
	ctx   context.Context
	emu   *slackemu.Slack
	ws    *slackemu.Workspace
	app   *app
	db    *gorm.DB
	clock *domain.ManualClock
	url   string
	// log is what the app logged, for tests that check a path was (not) taken.
	log *syncBuffer
	// opts are the options the app was built with (database, Redis, key prefix, clock), so
	// that a test can start more instances over the same database and Redis.
	opts appOptions
}

// syncBuffer is a bytes.Buffer that the app's goroutines may log into while a test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func newHarness(t *testing.T, edit ...func(*Config)) *harness {
	t.Helper()
	return newHarnessWith(t, appOptions{}, edit...)
}

// newHarnessWith is newHarness with some of the app's options set (the harness fills the
// database, Redis, clock, log and the short test waits).
func newHarnessWith(t *testing.T, opts appOptions, edit ...func(*Config)) *harness {
	t.Helper()
	ctx := context.Background()
	emu := slackemu.New(slackemu.Options{BotToken: "xoxb-test", SigningSecret: testSecret})
	apiURL, err := emu.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(emu.Close)
	for _, u := range []slackemu.User{
		{ID: erin, Name: "erin", Locale: "en-US"}, {ID: alice, Name: "alice", Locale: "en-US"},
		{ID: bob, Name: "bob", Locale: "en-US"}, {ID: carol, Name: "carol", Locale: "en-US"},
		{ID: frank, Name: "frank", Locale: "en-US"},
	} {
		emu.AddUser(u)
	}
	emu.AddChannel(team, "team")
	emu.AddChannel(appr, "approvals")
	shanghai, _ := time.LoadLocation("Asia/Shanghai")
	cfg := Config{BotToken: "xoxb-test", SigningSecret: testSecret, APIURL: apiURL, Admins: []string{erin},
		ApprovalsChannel: appr, TZ: shanghai, Locale: "en", PriceChangeThreshold: 20, SlowMovingDays: 30}
	for _, e := range edit {
		e(&cfg)
	}
	clock := domain.NewManualClock(time.Now())
	db := gormtest.Open(t, migrations()...)
	opts.DB, opts.Redis, opts.KeyPrefix, opts.Clock = db, testRedis(t), "t"+randomHex()+":", clock
	logged := &syncBuffer{}
	opts.Log = slog.New(slog.NewTextHandler(logged, nil))
	opts.DispatchInterval, opts.DispatchRetry = 20*time.Millisecond, 20*time.Millisecond
	opts.Retry = &slack.RetryConfig{MaxRetries: 3, BackoffInitial: 5 * time.Millisecond, BackoffMax: 20 * time.Millisecond, RetryAfterDuration: time.Second}
	a, err := newApp(ctx, cfg, opts)
	if err != nil {
		t.Fatal(err)
	}
	a.start(ctx)
	srv := httptest.NewServer(a.handler)
	t.Cleanup(func() {
		srv.Close()
		sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		a.shutdown(sctx)
	})
	h := &harness{t: t, ctx: ctx, emu: emu, ws: emu.Workspace(srv.URL), app: a, db: db, clock: clock, url: srv.URL, log: logged, opts: opts}
	h.grant(alice, domain.RoleAssistant)
	h.grant(bob, domain.RoleSupervisor)
	h.grant(carol, domain.RoleSupervisor)
	h.grant(frank, domain.RoleAssistant)
	h.grant(frank, domain.RoleSupervisor)
	if _, err := a.stores.Add(ctx, domain.Actor{UserID: erin, Roles: []domain.Role{domain.RoleAdmin}}, "TM01", "tmall", "Tmall flagship"); err != nil {
		t.Fatal(err)
	}
	return h
}

// testRedis is the CI Redis when STOREOPS_TEST_REDIS_URL is set, else an in-process one.
func testRedis(t *testing.T) *redis.Client {
	t.Helper()
	if url := os.Getenv("STOREOPS_TEST_REDIS_URL"); url != "" {
		opt, err := redis.ParseURL(url)
		if err != nil {
			t.Fatal(err)
		}
		c := redis.NewClient(opt)
		t.Cleanup(func() { _ = c.Close() })
		return c
	}
	mini := miniredis.RunT(t)
	c := redis.NewClient(&redis.Options{Addr: mini.Addr()})
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func randomHex() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func (h *harness) grant(user string, role domain.Role) {
	h.t.Helper()
	if err := h.app.access.Grant(h.ctx, domain.Actor{UserID: erin, Roles: []domain.Role{domain.RoleAdmin}}, user, role); err != nil {
		h.t.Fatal(err)
	}
}

// cmd sends a signed /ops command and returns the reply, failing on transport errors.
func (h *harness) cmd(user, text string) *slackemu.Reply {
	h.t.Helper()
	r, err := h.ws.Command(h.ctx, user, team, text)
	if err != nil {
		h.t.Fatalf("/ops %s: %v", text, err)
	}
	return r
}

// say is what the user saw in answer to a command: the sync reply, or the ephemeral that
// came later through response_url.
func (h *harness) say(user, text string) string {
	h.t.Helper()
	before := len(h.emu.Ephemerals(user))
	h.cmd(user, text)
	h.waitFor("an answer to /ops "+text, func() bool { return len(h.emu.Ephemerals(user)) > before })
	return messageText(h.emu.Ephemerals(user)[before])
}

// waitFor polls cond until it holds, failing after 10 s.
func (h *harness) waitFor(what string, cond func() bool) {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(h.ctx, 10*time.Second)
	defer cancel()
	if err := h.emu.Wait(ctx, cond); err != nil {
		h.t.Fatalf("waiting for %s: %v", what, err)
	}
}

// settle waits until the outbox is delivered and the emulated Slack has gone quiet.
func (h *harness) settle() {
	h.t.Helper()
	h.app.dispatcher.Nudge()
	deadline := time.Now().Add(10 * time.Second)
	for {
		n, err := h.app.outbox.Pending(h.ctx)
		if err != nil {
			h.t.Fatal(err)
		}
		if n == 0 {
			break
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("%d outbox messages still pending after 10 s", n)
		}
		time.Sleep(5 * time.Millisecond)
	}
	h.emu.Settle(100*time.Millisecond, 5*time.Second)
}

// messageText is everything a message shows as text: its text and its blocks.
func messageText(m slackemu.Message) string {
	return m.Text + "\n" + string(m.Blocks)
}

// cards returns the approval cards in the approvals channel (the tests that use it send no
// reminders there).
func (h *harness) cards() []slackemu.Message {
	return h.emu.Messages(appr)
}

// lastCard waits for the n-th card and returns it.
func (h *harness) card(n int) slackemu.Message {
	h.t.Helper()
	h.waitFor("approval card", func() bool { return len(h.cards()) >= n })
	return h.cards()[n-1]
}

// submitNewListing opens the listing modal as user and submits values over the defaults.
func (h *harness) submitNewListing(user string, values map[string]string) *slackemu.Reply {
	h.t.Helper()
	h.cmd(user, "listing new")
	h.waitFor("listing modal", func() bool { _, ok := h.emu.TopView(user); return ok })
	v, _ := h.emu.TopView(user)
	all := map[string]string{"store": "TM01", "sku": "MUG-1", "title": "Red ceramic mug", "category": "Kitchen",
		"keywords": "mug, ceramic", "price": "100.00", "stock": "50", "images": "https://img.example.com/mug.jpg",
		"description": "A 350 ml red ceramic mug, dishwasher safe."}
	for k, val := range values {
		all[k] = val
	}
	r, err := h.ws.Submit(h.ctx, user, v.ID, all)
	if err != nil {
		h.t.Fatalf("submit listing: %v", err)
	}
	return r
}

// count returns the rows of a table matching a condition.
func (h *harness) count(table, where string, args ...any) int64 {
	h.t.Helper()
	var n int64
	q := h.db.Table(table)
	if where != "" {
		q = q.Where(where, args...)
	}
	if err := q.Count(&n).Error; err != nil {
		h.t.Fatal(err)
	}
	return n
}

func gormdbOpen(file string) (*gorm.DB, error) {
	return gormdb.Open(context.Background(), "sqlite://"+file)
}
