// Package timer keeps StoreOps's promised times — a reply due, a reminder at 80 %, an
// escalation when a deadline is broken — in the database, and fires each once when it falls
// due. Nothing waits in memory: a restart, or a second replica, neither loses a timer nor
// fires it twice.
package timer

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"storeops/domain"
)

// Timer is one thing due at a time about one record: Kind says what to do (the area's
// handler), Subject which record, Data anything the handler needs (which deadline, say).
// A subject has at most one timer of each kind.
type Timer struct {
	ID      int64
	Subject domain.Subject
	Kind    string
	DueAt   time.Time
	Data    json.RawMessage
	// FiredAt is set, in the handler's transaction, when the timer fired.
	FiredAt time.Time
	// Attempts and LastError count the handler's failures; NextAttemptAt delays the next
	// try so that a failing handler does not run every minute.
	Attempts      int
	LastError     string
	NextAttemptAt time.Time
	CreatedAt     time.Time
}

// Repository stores timers. Set, Clear and Claim join the transaction in ctx.
type Repository interface {
	// Set schedules t, replacing the subject's timer of the same kind (fired or not).
	Set(ctx context.Context, t *Timer) error
	// Clear removes the subject's timers of the kinds, or all of them when none is given.
	Clear(ctx context.Context, subject domain.Subject, kinds ...string) error
	// Due returns up to limit unfired timers due at now whose next attempt is due too,
	// the earliest first.
	Due(ctx context.Context, now time.Time, limit int) ([]Timer, error)
	// Claim marks the timer fired at now when it is still unfired and still due at dueAt;
	// false when another run claimed it first, or it was cleared or moved meanwhile. Of
	// concurrent claims exactly one gets true.
	Claim(ctx context.Context, id int64, dueAt, now time.Time) (bool, error)
	// Retry records a failed attempt and when to try again.
	Retry(ctx context.Context, id int64, next time.Time, lastError string) error
	// Pending returns the subject's unfired timers, the earliest first.
	Pending(ctx context.Context, subject domain.Subject) ([]Timer, error)
	// Postpone moves an unfired timer's next attempt to until without counting a failure
	// (its person is away, say); its due time stays as armed.
	Postpone(ctx context.Context, id int64, until time.Time) error
}

// Timers is what areas use to arm and disarm their timers, in their own transactions.
type Timers struct {
	repo  Repository
	clock domain.Clock
}

// NewTimers builds Timers over repo.
func NewTimers(repo Repository, clock domain.Clock) *Timers { return &Timers{repo: repo, clock: clock} }

// Set arms the subject's timer of kind at due, with data (JSON-encoded; nil for none),
// replacing the one it had.
func (t *Timers) Set(ctx context.Context, subject domain.Subject, kind string, due time.Time, data any) error {
	var raw json.RawMessage
	if data != nil {
		b, err := json.Marshal(data)
		if err != nil {
			return fmt.Errorf("set timer %s of %s: %w", kind, subject, err)
		}
		raw = b
	}
	tm := &Timer{Subject: subject, Kind: kind, DueAt: due, Data: raw, CreatedAt: t.clock.Now()}
	if err := t.repo.Set(ctx, tm); err != nil {
		return fmt.Errorf("set timer %s of %s: %w", kind, subject, err)
	}
	return nil
}

// Clear disarms the subject's timers of the kinds (all when none is given).
func (t *Timers) Clear(ctx context.Context, subject domain.Subject, kinds ...string) error {
	if err := t.repo.Clear(ctx, subject, kinds...); err != nil {
		return fmt.Errorf("clear timers of %s: %w", subject, err)
	}
	return nil
}

// Pending returns the subject's armed timers.
func (t *Timers) Pending(ctx context.Context, subject domain.Subject) ([]Timer, error) {
	return t.repo.Pending(ctx, subject)
}

// Decode reads a timer's data into v.
func (t Timer) Decode(v any) error {
	if len(t.Data) == 0 {
		return nil
	}
	if err := json.Unmarshal(t.Data, v); err != nil {
		return fmt.Errorf("timer %d (%s of %s) data: %w", t.ID, t.Kind, t.Subject, err)
	}
	return nil
}

// Fraction is the time at share (0–1) of the way from start to end: the reminder at 80 %
// of a promise is Fraction(asked, promised, 0.8).
func Fraction(start, end time.Time, share float64) time.Time {
	return start.Add(time.Duration(float64(end.Sub(start)) * share))
}
