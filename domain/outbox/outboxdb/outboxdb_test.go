package outboxdb_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"storeops/domain"
	"storeops/domain/gormdb"
	"storeops/domain/gormdb/gormtest"
	"storeops/domain/outbox"
	"storeops/domain/outbox/outboxdb"
)

var t0 = time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)

const lease = 30 * time.Second

func open(t *testing.T) (*gorm.DB, *outboxdb.Repo) {
	t.Helper()
	db := gormtest.Open(t, outboxdb.Migrations())
	return db, outboxdb.New(db)
}

func add(t *testing.T, repo *outboxdb.Repo, m outbox.Message) int64 {
	t.Helper()
	if m.Template == "" {
		m.Template = "test.card"
	}
	if m.Channel == "" && m.User == "" && !m.Update {
		m.Channel = "C1"
	}
	if m.CreatedAt.IsZero() {
		m.CreatedAt = t0
	}
	if m.NextAttemptAt.IsZero() {
		m.NextAttemptAt = t0
	}
	if err := repo.Add(context.Background(), &m); err != nil {
		t.Fatal(err)
	}
	if m.ID == 0 {
		t.Fatal("Add did not set the ID")
	}
	return m.ID
}

func claim(t *testing.T, repo *outboxdb.Repo, worker string, now time.Time, limit int) []int64 {
	t.Helper()
	msgs, err := repo.Claim(context.Background(), worker, now, lease, limit)
	if err != nil {
		t.Fatal(err)
	}
	return ids(msgs)
}

func ids(msgs []outbox.Message) []int64 {
	out := []int64{}
	for _, m := range msgs {
		out = append(out, m.ID)
	}
	return out
}

func wantIDs(t *testing.T, what string, got []int64, want ...int64) {
	t.Helper()
	if want == nil {
		want = []int64{}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("%s = %v, want %v", what, got, want)
	}
}

func markSent(t *testing.T, repo *outboxdb.Repo, ids ...int64) {
	t.Helper()
	for _, id := range ids {
		if err := repo.MarkSent(context.Background(), id, t0); err != nil {
			t.Fatal(err)
		}
	}
}

type state struct {
	Status        string
	Attempts      int
	LastError     string
	NextAttemptAt *time.Time
	SentAt        *time.Time
	LeaseUntil    *time.Time
	LeasedBy      string
}

func stateOf(t *testing.T, db *gorm.DB, id int64) state {
	t.Helper()
	var s state
	if err := db.Table("outbox_messages").Where("id = ?", id).Take(&s).Error; err != nil {
		t.Fatal(err)
	}
	return s
}

func TestAddAndClaimRoundTrip(t *testing.T) {
	_, repo := open(t)
	ctx := context.Background()
	m := outbox.Message{Template: "approval.card", Channel: "C42", Ref: "approval:1",
		Payload: json.RawMessage(`{"title":"红色马克杯"}`), Status: outbox.StatusPending,
		CreatedAt: t0.Add(-time.Minute), NextAttemptAt: t0.Add(-time.Minute)}
	if err := repo.Add(ctx, &m); err != nil {
		t.Fatal(err)
	}
	dm := outbox.Message{Template: "listing.rejected", User: "U7", Payload: json.RawMessage(`{}`)}
	if err := repo.Add(ctx, &dm); err != nil {
		t.Fatal(err)
	}
	if dm.Status != outbox.StatusPending {
		t.Errorf("Add left status %q, want pending", dm.Status)
	}
	got, err := repo.Claim(ctx, "w1", t0, lease, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("Claim = %d messages, want 2 (a message without next attempt time is due)", len(got))
	}
	g := got[0]
	if g.ID != m.ID || g.Template != m.Template || g.Channel != "C42" || g.User != "" || g.Ref != "approval:1" ||
		g.Update || string(g.Payload) != string(m.Payload) || g.Status != outbox.StatusPending ||
		!g.CreatedAt.Equal(m.CreatedAt) || !g.NextAttemptAt.Equal(m.NextAttemptAt) || !g.SentAt.IsZero() {
		t.Errorf("claimed %+v, want %+v", g, m)
	}
	if g := got[1]; g.User != "U7" || g.Channel != "" || !g.NextAttemptAt.IsZero() || !g.CreatedAt.IsZero() {
		t.Errorf("claimed DM %+v: want user U7 and zero times", g)
	}
}

func TestClaimOnlyDueAndOldestFirst(t *testing.T) {
	_, repo := open(t)
	later := add(t, repo, outbox.Message{NextAttemptAt: t0.Add(time.Minute)})
	a := add(t, repo, outbox.Message{})
	b := add(t, repo, outbox.Message{NextAttemptAt: t0.Add(-time.Hour)})
	c := add(t, repo, outbox.Message{})

	wantIDs(t, "Claim(limit 2)", claim(t, repo, "w1", t0, 2), a, b)
	wantIDs(t, "Claim rest", claim(t, repo, "w1", t0, 10), c)
	markSent(t, repo, a, b, c)
	wantIDs(t, "Claim a minute later", claim(t, repo, "w1", t0.Add(time.Minute), 10), later)
	wantIDs(t, "Claim(limit 0)", claim(t, repo, "w1", t0.Add(time.Hour), 0))
}

func TestLease(t *testing.T) {
	db, repo := open(t)
	id := add(t, repo, outbox.Message{})
	wantIDs(t, "w1 claims", claim(t, repo, "w1", t0, 10), id)
	if s := stateOf(t, db, id); s.LeasedBy != "w1" || s.LeaseUntil == nil || !s.LeaseUntil.Equal(t0.Add(lease)) {
		t.Errorf("lease = %v by %q, want until %v by w1", s.LeaseUntil, s.LeasedBy, t0.Add(lease))
	}
	wantIDs(t, "w2 claims during the lease", claim(t, repo, "w2", t0.Add(lease-time.Second), 10))
	wantIDs(t, "w2 claims after the lease", claim(t, repo, "w2", t0.Add(lease+time.Second), 10), id)
	if s := stateOf(t, db, id); s.LeasedBy != "w2" {
		t.Errorf("leased by %q, want w2", s.LeasedBy)
	}
}

func TestMarkSent(t *testing.T) {
	db, repo := open(t)
	ctx := context.Background()
	id := add(t, repo, outbox.Message{})
	claim(t, repo, "w1", t0, 10)
	sentAt := t0.Add(2 * time.Second)
	if err := repo.MarkSent(ctx, id, sentAt); err != nil {
		t.Fatal(err)
	}
	s := stateOf(t, db, id)
	if s.Status != "sent" || s.SentAt == nil || !s.SentAt.Equal(sentAt) || s.LeaseUntil != nil || s.LeasedBy != "" {
		t.Errorf("after MarkSent: %+v", s)
	}
	wantIDs(t, "Claim after MarkSent", claim(t, repo, "w1", t0.Add(time.Hour), 10))
	if err := repo.MarkRetry(ctx, id, t0.Add(time.Hour), "late"); err != nil {
		t.Fatal(err)
	}
	if s := stateOf(t, db, id); s.Status != "sent" || s.Attempts != 0 {
		t.Errorf("a late MarkRetry changed a sent message: %+v", s)
	}
}

func TestMarkRetry(t *testing.T) {
	db, repo := open(t)
	ctx := context.Background()
	id := add(t, repo, outbox.Message{})
	claim(t, repo, "w1", t0, 10)
	next := t0.Add(time.Minute)
	if err := repo.MarkRetry(ctx, id, next, "slack: ratelimited"); err != nil {
		t.Fatal(err)
	}
	s := stateOf(t, db, id)
	if s.Status != "pending" || s.Attempts != 1 || s.LastError != "slack: ratelimited" ||
		s.NextAttemptAt == nil || !s.NextAttemptAt.Equal(next) || s.LeaseUntil != nil || s.LeasedBy != "" {
		t.Errorf("after MarkRetry: %+v", s)
	}
	// The lease was released, but the message is not due before next.
	wantIDs(t, "Claim before next", claim(t, repo, "w2", t0.Add(time.Second), 10))
	msgs, err := repo.Claim(ctx, "w2", next, lease, 10)
	if err != nil || len(msgs) != 1 {
		t.Fatalf("Claim at next = %v, %v; want the message", msgs, err)
	}
	if msgs[0].Attempts != 1 || msgs[0].LastError != "slack: ratelimited" {
		t.Errorf("claimed %+v, want attempts 1 and the last error", msgs[0])
	}
	if err := repo.MarkRetry(ctx, id, next.Add(time.Minute), "again"); err != nil {
		t.Fatal(err)
	}
	if s := stateOf(t, db, id); s.Attempts != 2 || s.LastError != "again" {
		t.Errorf("after second MarkRetry: %+v", s)
	}
}

func TestMarkFailed(t *testing.T) {
	db, repo := open(t)
	ctx := context.Background()
	id := add(t, repo, outbox.Message{})
	claim(t, repo, "w1", t0, 10)
	if err := repo.MarkFailed(ctx, id, "channel_not_found"); err != nil {
		t.Fatal(err)
	}
	s := stateOf(t, db, id)
	if s.Status != "failed" || s.Attempts != 1 || s.LastError != "channel_not_found" || s.LeaseUntil != nil {
		t.Errorf("after MarkFailed: %+v", s)
	}
	wantIDs(t, "Claim after MarkFailed", claim(t, repo, "w1", t0.Add(time.Hour), 10))
	if n, err := repo.Pending(ctx); err != nil || n != 0 {
		t.Errorf("Pending = %d, %v; want 0", n, err)
	}
}

func TestOrderPerRef(t *testing.T) {
	_, repo := open(t)
	ctx := context.Background()
	post := add(t, repo, outbox.Message{Channel: "C1", Ref: "approval:1"})
	dm := add(t, repo, outbox.Message{Channel: "", User: "U1", Ref: "approval:1"})
	update := add(t, repo, outbox.Message{Ref: "approval:1", Update: true})
	other := add(t, repo, outbox.Message{Channel: "C2", Ref: "approval:2"})
	noRef := add(t, repo, outbox.Message{Channel: "C3"})
	noRef2 := add(t, repo, outbox.Message{Channel: "C3"})

	// Only the first message of each ref goes; messages without a ref never wait.
	wantIDs(t, "first Claim", claim(t, repo, "w1", t0, 10), post, other, noRef, noRef2)
	markSent(t, repo, other, noRef, noRef2)
	// The first post is leased but not delivered: the others still wait, also after its
	// lease has ended and it is handed out again.
	wantIDs(t, "Claim while the post is in flight", claim(t, repo, "w2", t0.Add(time.Second), 10))
	wantIDs(t, "Claim after the post's lease", claim(t, repo, "w2", t0.Add(time.Hour), 10), post)

	if err := repo.MarkSent(ctx, post, t0); err != nil {
		t.Fatal(err)
	}
	wantIDs(t, "Claim after the post", claim(t, repo, "w1", t0.Add(2*time.Hour), 10), dm)
	// A retry keeps the DM pending, so the update still waits, even while the DM is not due.
	if err := repo.MarkRetry(ctx, dm, t0.Add(3*time.Hour), "timeout"); err != nil {
		t.Fatal(err)
	}
	wantIDs(t, "Claim while the DM waits to retry", claim(t, repo, "w1", t0.Add(2*time.Hour), 10))
	if err := repo.MarkFailed(ctx, dm, "user_not_found"); err != nil {
		t.Fatal(err)
	}
	wantIDs(t, "Claim after the DM failed", claim(t, repo, "w1", t0.Add(2*time.Hour), 10), update)
}

func TestConcurrentClaimsNeverShare(t *testing.T) {
	_, repo := open(t)
	const messages, workers = 60, 4
	for i := range messages {
		add(t, repo, outbox.Message{Channel: fmt.Sprint("C", i)})
	}
	var mu sync.Mutex
	seen := map[int64]string{}
	var wg sync.WaitGroup
	for w := range workers {
		worker := fmt.Sprint("w", w)
		wg.Go(func() {
			for {
				msgs, err := repo.Claim(context.Background(), worker, t0, lease, 7)
				if err != nil {
					t.Errorf("%s: Claim: %v", worker, err)
					return
				}
				if len(msgs) == 0 {
					return
				}
				mu.Lock()
				for _, m := range msgs {
					if other, dup := seen[m.ID]; dup {
						t.Errorf("message %d claimed by %s and %s", m.ID, other, worker)
					}
					seen[m.ID] = worker
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(seen) != messages {
		t.Fatalf("%d messages claimed, want %d", len(seen), messages)
	}
}

func TestRefs(t *testing.T) {
	_, repo := open(t)
	ctx := context.Background()
	if refs, err := repo.Refs(ctx, "approval:1"); err != nil || len(refs) != 0 {
		t.Fatalf("Refs before any = %v, %v", refs, err)
	}
	for _, r := range []outbox.SlackRef{
		{Ref: "approval:1", Channel: "C1", TS: "1700000000.000100"},
		{Ref: "approval:1", Channel: "D9", TS: "1700000000.000200"},
		{Ref: "approval:2", Channel: "C1", TS: "1700000000.000300"},
		{Ref: "approval:1", Channel: "C1", TS: "1700000000.000999"}, // delivered again
	} {
		if err := repo.SaveRef(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	refs, err := repo.Refs(ctx, "approval:1")
	if err != nil {
		t.Fatal(err)
	}
	want := []outbox.SlackRef{
		{Ref: "approval:1", Channel: "C1", TS: "1700000000.000999"},
		{Ref: "approval:1", Channel: "D9", TS: "1700000000.000200"},
	}
	if !slices.Equal(refs, want) {
		t.Fatalf("Refs = %+v, want %+v", refs, want)
	}
}

func TestPending(t *testing.T) {
	_, repo := open(t)
	ctx := context.Background()
	if n, err := repo.Pending(ctx); err != nil || n != 0 {
		t.Fatalf("Pending on empty = %d, %v", n, err)
	}
	a := add(t, repo, outbox.Message{})
	add(t, repo, outbox.Message{NextAttemptAt: t0.Add(time.Hour)})
	add(t, repo, outbox.Message{})
	claim(t, repo, "w1", t0, 1)
	if n, err := repo.Pending(ctx); err != nil || n != 3 {
		t.Fatalf("Pending = %d, %v; want 3 (leased and not yet due count too)", n, err)
	}
	if err := repo.MarkSent(ctx, a, t0); err != nil {
		t.Fatal(err)
	}
	if n, err := repo.Pending(ctx); err != nil || n != 2 {
		t.Fatalf("Pending after one sent = %d, %v; want 2", n, err)
	}
}

func TestAddJoinsTransaction(t *testing.T) {
	db, repo := open(t)
	ctx := context.Background()
	box := outbox.New(repo, domain.NewManualClock(t0))
	refused := domain.Errorf(domain.ECONFLICT, "approval.already_decided")
	err := gormdb.NewTxRunner(db).InTx(ctx, func(ctx context.Context) error {
		if err := box.Post(ctx, "approval.card", "C1", "approval:1", map[string]string{"a": "b"}); err != nil {
			return err
		}
		return refused
	})
	if err != refused {
		t.Fatalf("InTx = %v, want the function's error", err)
	}
	if n, _ := repo.Pending(ctx); n != 0 {
		t.Fatalf("Pending after rollback = %d, want 0", n)
	}
	if err := box.DM(ctx, "listing.rejected", "U1", "", map[string]string{}); err != nil {
		t.Fatal(err)
	}
	if n, _ := repo.Pending(ctx); n != 1 {
		t.Fatalf("Pending after DM = %d, want 1", n)
	}
}

func TestMigrationsRunTwice(t *testing.T) {
	db, _ := open(t)
	if err := gormdb.Migrate(context.Background(), db, outboxdb.Migrations()); err != nil {
		t.Fatal(err)
	}
}

func TestThreadRepliesWaitForTheirFirstMessage(t *testing.T) {
	_, repo := open(t)
	first := add(t, repo, outbox.Message{Channel: "C1", Ref: "order-alerts:TM01:2026-11-11"})
	reply := add(t, repo, outbox.Message{Channel: "C1", Ref: "order-alerts:TM01:2026-11-11", Thread: true})
	wantIDs(t, "first Claim", claim(t, repo, "w1", t0, 10), first)
	markSent(t, repo, first)
	got, err := repo.Claim(context.Background(), "w1", t0.Add(time.Second), lease, 10)
	if err != nil {
		t.Fatal(err)
	}
	wantIDs(t, "after the first message", ids(got), reply)
	if !got[0].Thread {
		t.Error("the reply lost its thread flag")
	}
}
