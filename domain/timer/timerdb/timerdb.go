// Package timerdb stores timers with gorm.
package timerdb

import (
	"context"
	"fmt"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"

	"storeops/domain"
	"storeops/domain/gormdb"
	"storeops/domain/timer"
)

// Repo is the timer.Repository on MySQL or SQLite.
type Repo struct {
	db *gorm.DB
}

var _ timer.Repository = (*Repo)(nil)

// New builds a Repo over db.
func New(db *gorm.DB) *Repo { return &Repo{db: db} }

type timerRow struct {
	ID            int64
	Subject       string
	Kind          string
	DueAt         *time.Time
	Data          string
	FiredAt       *time.Time
	Attempts      int
	LastError     string
	NextAttemptAt *time.Time
	CreatedAt     *time.Time `gorm:"autoCreateTime:false"`
}

func (timerRow) TableName() string { return "timers" }

// Migrations creates the timers table.
func Migrations() []*gormigrate.Migration {
	return []*gormigrate.Migration{{
		ID: "2026112921_timers",
		Migrate: func(tx *gorm.DB) error {
			// Due reads (fired_at, next_attempt_at) of the unfired ones: fired_at IS NULL
			// leads the index. The unique key keeps one timer per kind on a subject.
			type timer struct {
				ID            int64      `gorm:"primaryKey;autoIncrement"`
				Subject       string     `gorm:"size:96;not null;uniqueIndex:ux_timers_subject_kind,priority:1"`
				Kind          string     `gorm:"size:64;not null;uniqueIndex:ux_timers_subject_kind,priority:2"`
				DueAt         *time.Time `gorm:"precision:6"`
				Data          string     `gorm:"not null"`
				FiredAt       *time.Time `gorm:"precision:6;index:idx_timers_due,priority:1"`
				Attempts      int        `gorm:"not null"`
				LastError     string     `gorm:"size:1000;not null"`
				NextAttemptAt *time.Time `gorm:"precision:6;index:idx_timers_due,priority:2"`
				CreatedAt     *time.Time `gorm:"precision:6"`
			}
			return gormdb.CreateTable(tx, "timers", &timer{})
		},
		Rollback: func(tx *gorm.DB) error { return gormdb.DropTable(tx, "timers") },
	}}
}

func toRow(t timer.Timer) timerRow {
	// A timer's next attempt is its due time until a failure moves it.
	next := t.NextAttemptAt
	if next.IsZero() || next.Before(t.DueAt) {
		next = t.DueAt
	}
	return timerRow{ID: t.ID, Subject: string(t.Subject), Kind: t.Kind, DueAt: gormdb.NullTime(t.DueAt), Data: string(t.Data),
		FiredAt: gormdb.NullTime(t.FiredAt), Attempts: t.Attempts, LastError: clip(t.LastError, 1000),
		NextAttemptAt: gormdb.NullTime(next), CreatedAt: gormdb.NullTime(t.CreatedAt)}
}

func fromRow(r timerRow) timer.Timer {
	t := timer.Timer{ID: r.ID, Subject: domain.Subject(r.Subject), Kind: r.Kind, DueAt: gormdb.TimeOf(r.DueAt),
		FiredAt: gormdb.TimeOf(r.FiredAt), Attempts: r.Attempts, LastError: r.LastError,
		NextAttemptAt: gormdb.TimeOf(r.NextAttemptAt), CreatedAt: gormdb.TimeOf(r.CreatedAt)}
	if r.Data != "" {
		t.Data = []byte(r.Data)
	}
	return t
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}

// Set deletes and inserts rather than updating in place: the new row's id differs, so a run
// that read the old timer as due cannot claim the new one (Claim also checks the due time).
func (r *Repo) Set(ctx context.Context, t *timer.Timer) error {
	return gormdb.InTx(ctx, r.db, func(ctx context.Context) error {
		db := gormdb.Conn(ctx, r.db)
		if err := db.Where("subject = ? AND kind = ?", string(t.Subject), t.Kind).Delete(&timerRow{}).Error; err != nil {
			return gormdb.Err(err, "replace timer "+t.Kind+" of "+string(t.Subject))
		}
		t.FiredAt, t.Attempts, t.LastError, t.NextAttemptAt = time.Time{}, 0, "", time.Time{}
		row := toRow(*t)
		row.ID = 0
		if err := db.Create(&row).Error; err != nil {
			// Two transactions arming the same timer at once: the later one is told to retry.
			return gormdb.Conflict(err, "set timer "+t.Kind+" of "+string(t.Subject), "error.concurrent_change")
		}
		*t = fromRow(row)
		return nil
	})
}

// Clear removes the timers; a subject without any is fine.
func (r *Repo) Clear(ctx context.Context, subject domain.Subject, kinds ...string) error {
	q := gormdb.Conn(ctx, r.db).Where("subject = ?", string(subject))
	if len(kinds) > 0 {
		q = q.Where("kind IN ?", kinds)
	}
	if err := q.Delete(&timerRow{}).Error; err != nil {
		return gormdb.Err(err, "clear timers of "+string(subject))
	}
	return nil
}

// Due reads through the (fired_at, next_attempt_at) index.
func (r *Repo) Due(ctx context.Context, now time.Time, limit int) ([]timer.Timer, error) {
	var rows []timerRow
	err := gormdb.Conn(ctx, r.db).Where("fired_at IS NULL AND next_attempt_at <= ?", gormdb.UTC(now)).
		Order("next_attempt_at ASC").Order("id ASC").Limit(limit).Find(&rows).Error
	if err != nil {
		return nil, gormdb.Err(err, "due timers")
	}
	out := make([]timer.Timer, 0, len(rows))
	for _, row := range rows {
		out = append(out, fromRow(row))
	}
	return out, nil
}

// Claim is one conditional UPDATE: the database, not a read before it, decides which of two
// replicas fires the timer. The loser's UPDATE waits for the winner's transaction and then
// matches no row.
func (r *Repo) Claim(ctx context.Context, id int64, dueAt, now time.Time) (bool, error) {
	res := gormdb.Conn(ctx, r.db).Model(&timerRow{}).
		Where("id = ? AND fired_at IS NULL AND due_at = ?", id, gormdb.UTC(dueAt)).
		Update("fired_at", gormdb.UTC(now))
	if res.Error != nil {
		return false, gormdb.Err(res.Error, fmt.Sprintf("claim timer %d", id))
	}
	return res.RowsAffected == 1, nil
}

// Retry keeps the timer unfired and moves its next attempt.
func (r *Repo) Retry(ctx context.Context, id int64, next time.Time, lastError string) error {
	err := gormdb.Conn(ctx, r.db).Model(&timerRow{}).Where("id = ? AND fired_at IS NULL", id).
		Updates(map[string]any{"attempts": gorm.Expr("attempts + 1"), "next_attempt_at": gormdb.UTC(next), "last_error": clip(lastError, 1000)}).Error
	if err != nil {
		return gormdb.Err(err, fmt.Sprintf("retry timer %d", id))
	}
	return nil
}

// Postpone moves the unfired timer's next attempt, leaving its attempts alone.
func (r *Repo) Postpone(ctx context.Context, id int64, until time.Time) error {
	err := gormdb.Conn(ctx, r.db).Model(&timerRow{}).Where("id = ? AND fired_at IS NULL", id).
		Update("next_attempt_at", gormdb.UTC(until)).Error
	if err != nil {
		return gormdb.Err(err, fmt.Sprintf("postpone timer %d", id))
	}
	return nil
}

// Pending lists the subject's unfired timers.
func (r *Repo) Pending(ctx context.Context, subject domain.Subject) ([]timer.Timer, error) {
	var rows []timerRow
	err := gormdb.Conn(ctx, r.db).Where("subject = ? AND fired_at IS NULL", string(subject)).
		Order("due_at ASC").Order("id ASC").Find(&rows).Error
	if err != nil {
		return nil, gormdb.Err(err, "pending timers of "+string(subject))
	}
	out := make([]timer.Timer, 0, len(rows))
	for _, row := range rows {
		out = append(out, fromRow(row))
	}
	return out, nil
}
