package timer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"storeops/domain"
)

// Handler does what a timer of its kind is for, in the transaction that marks the timer
// fired: the messages it queues (outbox) and the timers it arms commit with the mark, so a
// timer fires once with its messages or not at all. A handler whose subject no longer needs
// it (the inquiry was answered meanwhile) returns nil having done nothing.
type Handler func(ctx context.Context, t Timer) error

// Runner fires due timers; the scheduler calls RunDue every minute.
type Runner struct {
	repo     Repository
	tx       domain.TxRunner
	clock    domain.Clock
	log      *slog.Logger
	handlers map[string]Handler
	// deferral, when set, may hold a due timer back (its person is on leave).
	deferral Deferral
}

// Deferral says whether a due timer must wait, and until when: a reminder to a person on
// approved leave waits until they are back. It is asked before each firing; until must be
// after now for the timer to wait.
type Deferral func(ctx context.Context, t Timer, now time.Time) (until time.Time, wait bool, err error)

// Defer sets the deferral. main calls it while wiring, before the runner starts.
func (r *Runner) Defer(d Deferral) { r.deferral = d }

// NewRunner builds a Runner; areas register their kinds with Handle before it runs.
func NewRunner(repo Repository, tx domain.TxRunner, clock domain.Clock, log *slog.Logger) *Runner {
	return &Runner{repo: repo, tx: tx, clock: clock, log: log, handlers: map[string]Handler{}}
}

// Handle registers the handler of a kind. main calls it while wiring, before the runner
// starts; a kind registered twice is a wiring mistake.
func (r *Runner) Handle(kind string, h Handler) {
	if _, dup := r.handlers[kind]; dup {
		panic(fmt.Sprintf("timer: kind %q registered twice", kind))
	}
	r.handlers[kind] = h
}

// Kinds lists the registered kinds, sorted.
func (r *Runner) Kinds() []string {
	kinds := make([]string, 0, len(r.handlers))
	for k := range r.handlers {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	return kinds
}

// RunResult says what one run did.
type RunResult struct {
	// Fired timers ran their handler; Skipped ones were claimed by another run first (or
	// moved); Failed ones will be tried again after a backoff; Deferred ones wait for their
	// person (see Deferral).
	Fired, Skipped, Failed, Deferred int
}

// MaxPerRun bounds one run, so that a backlog (after an outage) is worked off over a few
// minutes rather than in one long transaction chain that outlives the job's lock.
const MaxPerRun = 1000

var errClaimed = errors.New("timer claimed by another run")

// RunDue fires every due timer, each in its own transaction.
func (r *Runner) RunDue(ctx context.Context) (RunResult, error) {
	var res RunResult
	now := r.clock.Now()
	due, err := r.repo.Due(ctx, now, MaxPerRun)
	if err != nil {
		return res, fmt.Errorf("due timers: %w", err)
	}
	for _, t := range due {
		if ctx.Err() != nil {
			return res, ctx.Err()
		}
		if deferred, err := r.deferred(ctx, t, now); err != nil {
			r.log.Error("timer deferral failed", "timer", t.ID, "kind", t.Kind, "subject", string(t.Subject), "err", err)
		} else if deferred {
			res.Deferred++
			continue
		}
		err := r.fire(ctx, t, now)
		switch {
		case err == nil:
			res.Fired++
		case errors.Is(err, errClaimed):
			res.Skipped++
		default:
			res.Failed++
			r.log.Error("timer failed", "timer", t.ID, "kind", t.Kind, "subject", string(t.Subject), "attempt", t.Attempts+1, "err", err)
			if err := r.repo.Retry(ctx, t.ID, now.Add(Backoff(t.Attempts+1)), err.Error()); err != nil {
				return res, fmt.Errorf("timer %d failed, and recording it: %w", t.ID, err)
			}
		}
	}
	return res, nil
}

// deferred postpones t when the deferral says it must wait. A deferral that fails lets
// the timer fire: a reminder too many is better than one lost.
func (r *Runner) deferred(ctx context.Context, t Timer, now time.Time) (bool, error) {
	if r.deferral == nil {
		return false, nil
	}
	until, wait, err := r.deferral(ctx, t, now)
	if err != nil || !wait || !until.After(now) {
		return false, err
	}
	if err := r.repo.Postpone(ctx, t.ID, until); err != nil {
		return false, fmt.Errorf("postpone timer %d: %w", t.ID, err)
	}
	return true, nil
}

func (r *Runner) fire(ctx context.Context, t Timer, now time.Time) error {
	h, ok := r.handlers[t.Kind]
	if !ok {
		return fmt.Errorf("no handler for timer kind %q", t.Kind)
	}
	return r.tx.InTx(ctx, func(ctx context.Context) error {
		claimed, err := r.repo.Claim(ctx, t.ID, t.DueAt, now)
		if err != nil {
			return err
		}
		if !claimed {
			return errClaimed
		}
		t.FiredAt = now
		if err := h(ctx, t); err != nil {
			return fmt.Errorf("%s of %s: %w", t.Kind, t.Subject, err)
		}
		return nil
	})
}

// Backoff is the wait after n failed attempts: 1 minute, doubling, at most an hour.
func Backoff(failures int) time.Duration {
	d := time.Minute
	for i := 1; i < failures && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}
