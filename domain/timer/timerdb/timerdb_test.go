package timerdb_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"

	"storeops/domain"
	"storeops/domain/gormdb"
	"storeops/domain/gormdb/gormtest"
	"storeops/domain/timer"
	"storeops/domain/timer/timerdb"
)

var start = time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)

// firedRow is what the test handlers write in the firing transaction: one row per timer
// fired, unique on the timer, so that a second firing of a timer would fail loudly.
type firedRow struct {
	ID      int64
	TimerID int64 `gorm:"uniqueIndex"`
	Subject string
	Kind    string
}

func (firedRow) TableName() string { return "fired_log" }

func firedLog() []*gormigrate.Migration {
	return []*gormigrate.Migration{{ID: "test_fired_log", Migrate: func(tx *gorm.DB) error {
		return gormdb.CreateTable(tx, "fired_log", &firedRow{})
	}}}
}

type fixture struct {
	db     *gorm.DB
	repo   *timerdb.Repo
	tx     *gormdb.TxRunner
	clock  *domain.ManualClock
	timers *timer.Timers
}

func setup(t *testing.T) fixture {
	db := gormtest.Open(t, timerdb.Migrations(), firedLog())
	clock := domain.NewManualClock(start)
	repo := timerdb.New(db)
	return fixture{db: db, repo: repo, tx: gormdb.NewTxRunner(db), clock: clock, timers: timer.NewTimers(repo, clock)}
}

// runner builds a runner whose handler logs each firing in its transaction, and fails with
// fail when it is set.
func (f fixture) runner(fail *atomic.Pointer[error]) *timer.Runner {
	r := timer.NewRunner(f.repo, f.tx, f.clock, slog.New(slog.NewTextHandler(io.Discard, nil)))
	for _, kind := range []string{"inquiry.remind", "inquiry.breach"} {
		r.Handle(kind, func(ctx context.Context, tm timer.Timer) error {
			if err := gormdb.Conn(ctx, f.db).Create(&firedRow{TimerID: tm.ID, Subject: string(tm.Subject), Kind: tm.Kind}).Error; err != nil {
				return err
			}
			if fail != nil {
				if err := fail.Load(); err != nil {
					return *err
				}
			}
			return nil
		})
	}
	return r
}

func (f fixture) fired(t *testing.T) []firedRow {
	t.Helper()
	var rows []firedRow
	if err := f.db.Order("id").Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	return rows
}

func (f fixture) set(t *testing.T, subject domain.Subject, kind string, due time.Time, data any) {
	t.Helper()
	if err := f.timers.Set(context.Background(), subject, kind, due, data); err != nil {
		t.Fatal(err)
	}
}

func TestSetReplacesAndClearRemoves(t *testing.T) {
	ctx := context.Background()
	f := setup(t)
	f.set(t, "inquiry:1", "inquiry.remind", start.Add(48*time.Minute), map[string]string{"promise": "1h"})
	f.set(t, "inquiry:1", "inquiry.breach", start.Add(time.Hour), nil)
	f.set(t, "inquiry:2", "inquiry.remind", start.Add(30*time.Minute), nil)
	// Moving the promise moves the reminder: still one timer of the kind.
	f.set(t, "inquiry:1", "inquiry.remind", start.Add(96*time.Minute), map[string]string{"promise": "2h"})

	got, err := f.timers.Pending(ctx, "inquiry:1")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Kind != "inquiry.breach" || !got[0].DueAt.Equal(start.Add(time.Hour)) ||
		got[1].Kind != "inquiry.remind" || !got[1].DueAt.Equal(start.Add(96*time.Minute)) {
		t.Fatalf("pending of inquiry:1 = %+v", got)
	}
	var data struct{ Promise string }
	if err := got[1].Decode(&data); err != nil || data.Promise != "2h" {
		t.Errorf("data = %+v, %v; want the second Set's", data, err)
	}
	if err := f.timers.Clear(ctx, "inquiry:1", "inquiry.remind"); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.timers.Pending(ctx, "inquiry:1"); len(got) != 1 || got[0].Kind != "inquiry.breach" {
		t.Errorf("after clearing the reminder: %+v", got)
	}
	if err := f.timers.Clear(ctx, "inquiry:1"); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.timers.Pending(ctx, "inquiry:1"); len(got) != 0 {
		t.Errorf("after clearing all: %+v", got)
	}
	if got, _ := f.timers.Pending(ctx, "inquiry:2"); len(got) != 1 {
		t.Errorf("clearing inquiry:1 touched inquiry:2: %+v", got)
	}
}

func TestRunnerFiresEachTimerOnceWhenDue(t *testing.T) {
	ctx := context.Background()
	f := setup(t)
	f.set(t, "inquiry:1", "inquiry.remind", start.Add(48*time.Minute), nil)
	f.set(t, "inquiry:1", "inquiry.breach", start.Add(time.Hour), nil)
	f.set(t, "inquiry:2", "inquiry.remind", start.Add(30*time.Minute), nil)
	r := f.runner(nil)

	if res, err := r.RunDue(ctx); err != nil || res.Fired != 0 {
		t.Fatalf("before anything is due: %+v, %v", res, err)
	}
	f.clock.Set(start.Add(50 * time.Minute))
	if res, err := r.RunDue(ctx); err != nil || res.Fired != 2 {
		t.Fatalf("at 9:50: %+v, %v; want both reminders", res, err)
	}
	if got := f.fired(t); len(got) != 2 || got[0].Subject != "inquiry:2" || got[1].Subject != "inquiry:1" {
		t.Errorf("fired %+v; want inquiry:2's reminder (due first), then inquiry:1's", got)
	}
	// A restart: a new runner over the same database fires nothing again.
	if res, err := f.runner(nil).RunDue(ctx); err != nil || res.Fired != 0 {
		t.Errorf("a second run at 9:50: %+v, %v", res, err)
	}
	f.clock.Set(start.Add(2 * time.Hour))
	if res, err := r.RunDue(ctx); err != nil || res.Fired != 1 {
		t.Errorf("at 11:00: %+v, %v; want the breach only", res, err)
	}
	if got := f.fired(t); len(got) != 3 || got[2].Kind != "inquiry.breach" {
		t.Errorf("fired %+v", got)
	}
	// Re-arming a fired timer (a new promise) makes it fire again at its new time.
	f.set(t, "inquiry:1", "inquiry.breach", start.Add(3*time.Hour), nil)
	f.clock.Set(start.Add(3 * time.Hour))
	if res, err := r.RunDue(ctx); err != nil || res.Fired != 1 {
		t.Errorf("the re-armed breach: %+v, %v", res, err)
	}
}

func TestFailingHandlerRollsBackAndRetriesLater(t *testing.T) {
	ctx := context.Background()
	f := setup(t)
	f.set(t, "inquiry:1", "inquiry.remind", start, nil)
	var fail atomic.Pointer[error]
	boom := errors.New("slack template missing")
	fail.Store(&boom)
	r := f.runner(&fail)

	res, err := r.RunDue(ctx)
	if err != nil || res.Failed != 1 || res.Fired != 0 {
		t.Fatalf("failing run: %+v, %v", res, err)
	}
	if got := f.fired(t); len(got) != 0 {
		t.Fatalf("a failed handler's writes stayed: %+v", got)
	}
	pending, _ := f.timers.Pending(ctx, "inquiry:1")
	if len(pending) != 1 || pending[0].Attempts != 1 || pending[0].LastError == "" || !pending[0].NextAttemptAt.Equal(start.Add(time.Minute)) {
		t.Fatalf("after one failure: %+v", pending)
	}
	fail.Store(nil)
	// Not before the backoff.
	if res, _ := r.RunDue(ctx); res.Fired+res.Failed != 0 {
		t.Errorf("ran again within the backoff: %+v", res)
	}
	f.clock.Advance(time.Minute)
	if res, err := r.RunDue(ctx); err != nil || res.Fired != 1 {
		t.Errorf("after the backoff: %+v, %v", res, err)
	}
	if got := f.fired(t); len(got) != 1 {
		t.Errorf("fired %+v, want once", got)
	}
}

func TestUnknownKindWaitsForItsHandler(t *testing.T) {
	ctx := context.Background()
	f := setup(t)
	f.set(t, "campaign:1", "campaign.launch", start, nil)
	res, err := f.runner(nil).RunDue(ctx)
	if err != nil || res.Failed != 1 {
		t.Fatalf("run with an unknown kind: %+v, %v", res, err)
	}
	if pending, _ := f.timers.Pending(ctx, "campaign:1"); len(pending) != 1 {
		t.Errorf("the timer of an unknown kind was lost: %+v", pending)
	}
}

func TestClaimIsExactlyOnce(t *testing.T) {
	ctx := context.Background()
	f := setup(t)
	f.set(t, "inquiry:1", "inquiry.remind", start, nil)
	due, err := f.repo.Due(ctx, start, 10)
	if err != nil || len(due) != 1 {
		t.Fatalf("due = %+v, %v", due, err)
	}
	var wins atomic.Int32
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			err := f.tx.InTx(ctx, func(ctx context.Context) error {
				ok, err := f.repo.Claim(ctx, due[0].ID, due[0].DueAt, start)
				if ok {
					wins.Add(1)
				}
				return err
			})
			if err != nil {
				t.Errorf("claim: %v", err)
			}
		})
	}
	wg.Wait()
	if wins.Load() != 1 {
		t.Fatalf("%d claims won, want 1", wins.Load())
	}
	// A timer moved after it was read as due is not claimed at its old time.
	f.set(t, "inquiry:2", "inquiry.remind", start, nil)
	old, _ := f.repo.Due(ctx, start, 10)
	f.set(t, "inquiry:2", "inquiry.remind", start.Add(time.Hour), nil)
	for _, tm := range old {
		if ok, err := f.repo.Claim(ctx, tm.ID, tm.DueAt, start); err != nil || ok {
			t.Errorf("claimed the moved timer %+v: %v, %v", tm, ok, err)
		}
	}
}

func TestReplicasFireEachTimerOnce(t *testing.T) {
	ctx := context.Background()
	f := setup(t)
	for i := range 40 {
		f.set(t, domain.SubjectOf("inquiry", int64(i)), "inquiry.remind", start.Add(time.Duration(i)*time.Second), nil)
	}
	f.clock.Set(start.Add(time.Hour))
	var wg sync.WaitGroup
	var fired atomic.Int32
	for range 4 {
		r := f.runner(nil)
		wg.Go(func() {
			res, err := r.RunDue(ctx)
			if err != nil {
				t.Errorf("run: %v", err)
			}
			fired.Add(int32(res.Fired))
		})
	}
	wg.Wait()
	if got := f.fired(t); len(got) != 40 || fired.Load() != 40 {
		t.Errorf("4 replicas fired %d timers (%d logged), want each of 40 once", fired.Load(), len(got))
	}
}

func TestBackoff(t *testing.T) {
	for _, c := range []struct {
		n    int
		want time.Duration
	}{{1, time.Minute}, {2, 2 * time.Minute}, {3, 4 * time.Minute}, {6, 32 * time.Minute}, {7, time.Hour}, {50, time.Hour}} {
		if got := timer.Backoff(c.n); got != c.want {
			t.Errorf("Backoff(%d) = %v, want %v", c.n, got, c.want)
		}
	}
}

func TestFraction(t *testing.T) {
	asked := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	if got := timer.Fraction(asked, asked.Add(2*time.Hour), 0.8); !got.Equal(asked.Add(96 * time.Minute)) {
		t.Errorf("80%% of 2h after 10:00 = %v, want 11:36", got)
	}
}

// TestDeferralHoldsATimerUntilItsPersonIsBack: a timer due while the deferral says wait is
// not fired, keeps its due time, is not counted as a failure, and fires once the wait is
// over.
func TestDeferralHoldsATimerUntilItsPersonIsBack(t *testing.T) {
	ctx := context.Background()
	f := setup(t)
	f.set(t, "inquiry:1", "inquiry.remind", start.Add(time.Hour), nil)
	f.set(t, "inquiry:2", "inquiry.remind", start.Add(time.Hour), nil)
	back := start.Add(48 * time.Hour)
	r := f.runner(nil)
	r.Defer(func(_ context.Context, tm timer.Timer, now time.Time) (time.Time, bool, error) {
		return back, tm.Subject == "inquiry:1" && now.Before(back), nil
	})
	f.clock.Set(start.Add(2 * time.Hour))
	if res, err := r.RunDue(ctx); err != nil || res.Fired != 1 || res.Deferred != 1 {
		t.Fatalf("during the leave: %+v %v", res, err)
	}
	f.clock.Set(back.Add(-time.Minute))
	if res, err := r.RunDue(ctx); err != nil || res.Fired != 0 || res.Deferred != 0 {
		t.Fatalf("before the return: %+v %v; want nothing due", res, err)
	}
	pending, _ := f.timers.Pending(ctx, "inquiry:1")
	if len(pending) != 1 || pending[0].Attempts != 0 || !pending[0].DueAt.Equal(start.Add(time.Hour)) {
		t.Fatalf("the held timer: %+v", pending)
	}
	f.clock.Set(back)
	if res, err := r.RunDue(ctx); err != nil || res.Fired != 1 {
		t.Fatalf("after the return: %+v %v", res, err)
	}
	if got := f.fired(t); len(got) != 2 || got[1].Subject != "inquiry:1" {
		t.Errorf("fired %+v", got)
	}
}
