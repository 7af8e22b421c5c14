// Package outboxdb stores outbox messages and the Slack references of delivered ones with
// gorm.
package outboxdb

import (
	"context"
	"fmt"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"storeops/domain/gormdb"
	"storeops/domain/outbox"
)

// Repo is the outbox.Repository on MySQL or SQLite.
type Repo struct {
	db *gorm.DB
}

var _ outbox.Repository = (*Repo)(nil)

// New builds a Repo over db.
func New(db *gorm.DB) *Repo { return &Repo{db: db} }

// messageRow avoids the column names user and update, which MySQL reserves.
type messageRow struct {
	ID            int64
	Template      string
	Channel       string
	UserID        string `gorm:"column:user_id"`
	Ref           string
	IsUpdate      bool `gorm:"column:is_update"`
	IsThread      bool `gorm:"column:is_thread"`
	Payload       string
	Status        string
	Attempts      int
	NextAttemptAt *time.Time
	LastError     string
	CreatedAt     *time.Time `gorm:"autoCreateTime:false"`
	SentAt        *time.Time
	// The lease is the dispatcher's business only; the domain never sees it.
	LeaseUntil *time.Time
	LeasedBy   string
}

func (messageRow) TableName() string { return "outbox_messages" }

type refRow struct {
	ID      int64
	Ref     string
	Channel string
	TS      string `gorm:"column:ts"`
}

func (refRow) TableName() string { return "outbox_refs" }

func toRow(m outbox.Message) messageRow {
	return messageRow{
		Template: m.Template, Channel: m.Channel, UserID: m.User, Ref: m.Ref, IsUpdate: m.Update, IsThread: m.Thread,
		Payload: string(m.Payload), Status: string(m.Status), Attempts: m.Attempts,
		NextAttemptAt: gormdb.NullTime(m.NextAttemptAt), LastError: m.LastError,
		CreatedAt: gormdb.NullTime(m.CreatedAt), SentAt: gormdb.NullTime(m.SentAt),
	}
}

func fromRow(r messageRow) outbox.Message {
	return outbox.Message{
		ID: r.ID, Template: r.Template, Channel: r.Channel, User: r.UserID, Ref: r.Ref, Update: r.IsUpdate, Thread: r.IsThread,
		Payload: gormdb.Raw(r.Payload), Status: outbox.Status(r.Status), Attempts: r.Attempts,
		NextAttemptAt: gormdb.TimeOf(r.NextAttemptAt), LastError: r.LastError,
		CreatedAt: gormdb.TimeOf(r.CreatedAt), SentAt: gormdb.TimeOf(r.SentAt),
	}
}

// Migrations creates the outbox_messages and outbox_refs tables.
func Migrations() []*gormigrate.Migration {
	return []*gormigrate.Migration{{
		ID: "2026112904_outbox",
		Migrate: func(tx *gorm.DB) error {
			type outboxMessage struct {
				ID       int64  `gorm:"primaryKey;autoIncrement"`
				Template string `gorm:"size:64;not null"`
				Channel  string `gorm:"size:64;not null"`
				UserID   string `gorm:"column:user_id;size:64;not null"`
				// Claim looks for earlier pending messages of the same ref.
				Ref           string     `gorm:"size:191;not null;index:idx_outbox_messages_ref_status,priority:1"`
				IsUpdate      bool       `gorm:"column:is_update;not null"`
				Payload       string     `gorm:"not null"`
				Status        string     `gorm:"size:16;not null;index:idx_outbox_messages_status_due,priority:1;index:idx_outbox_messages_ref_status,priority:2"`
				Attempts      int        `gorm:"not null"`
				NextAttemptAt *time.Time `gorm:"precision:6;index:idx_outbox_messages_status_due,priority:2"`
				LastError     string     `gorm:"not null"`
				CreatedAt     *time.Time `gorm:"precision:6"`
				SentAt        *time.Time `gorm:"precision:6"`
				LeaseUntil    *time.Time `gorm:"precision:6"`
				LeasedBy      string     `gorm:"size:64;not null"`
			}
			type outboxRef struct {
				ID      int64  `gorm:"primaryKey;autoIncrement"`
				Ref     string `gorm:"size:191;not null;uniqueIndex:ux_outbox_refs_ref_channel,priority:1"`
				Channel string `gorm:"size:64;not null;uniqueIndex:ux_outbox_refs_ref_channel,priority:2"`
				TS      string `gorm:"column:ts;size:32;not null"`
			}
			if err := gormdb.CreateTable(tx, "outbox_messages", &outboxMessage{}); err != nil {
				return err
			}
			return gormdb.CreateTable(tx, "outbox_refs", &outboxRef{})
		},
		Rollback: func(tx *gorm.DB) error {
			if err := gormdb.DropTable(tx, "outbox_refs"); err != nil {
				return err
			}
			return gormdb.DropTable(tx, "outbox_messages")
		},
	}, {
		// Replies in the thread of an earlier message (the day's list of flagged orders).
		ID: "2026112916_outbox_threads",
		Migrate: func(tx *gorm.DB) error {
			type outboxMessage struct {
				IsThread bool `gorm:"column:is_thread;not null;default:false"`
			}
			m := tx.Table("outbox_messages").Migrator()
			if m.HasColumn(&outboxMessage{}, "IsThread") {
				return nil
			}
			return m.AddColumn(&outboxMessage{}, "IsThread")
		},
		Rollback: func(tx *gorm.DB) error {
			type outboxMessage struct {
				IsThread bool `gorm:"column:is_thread"`
			}
			return tx.Table("outbox_messages").Migrator().DropColumn(&outboxMessage{}, "IsThread")
		},
	}}
}

// Add inserts the message (pending unless it says otherwise) and sets its ID. A message
// without a next attempt time is due at once.
func (r *Repo) Add(ctx context.Context, m *outbox.Message) error {
	if m.Status == "" {
		m.Status = outbox.StatusPending
	}
	row := toRow(*m)
	if err := gormdb.Conn(ctx, r.db).Create(&row).Error; err != nil {
		return gormdb.Err(err, "add outbox message "+m.Template)
	}
	m.ID = row.ID
	return nil
}

// Claim first reads candidates, then leases each with a conditional UPDATE that only
// succeeds while the message is still pending and unleased: of two workers that read the
// same candidate, the second one's UPDATE matches no row, so a message is never handed to
// both. A message whose ref has an earlier pending message (delivered or not yet, leased or
// not) waits for it, so that an update never overtakes the post it edits and the posts of
// one ref go out in order.
func (r *Repo) Claim(ctx context.Context, worker string, now time.Time, lease time.Duration, limit int) ([]outbox.Message, error) {
	if limit <= 0 {
		return nil, nil
	}
	now = gormdb.UTC(now)
	until := now.Add(lease)
	db := gormdb.Conn(ctx, r.db)
	var rows []messageRow
	err := db.
		Where("status = ?", string(outbox.StatusPending)).
		Where("(next_attempt_at IS NULL OR next_attempt_at <= ?)", now).
		Where("(lease_until IS NULL OR lease_until < ?)", now).
		Where("(ref = '' OR NOT EXISTS (SELECT 1 FROM outbox_messages earlier"+
			" WHERE earlier.ref = outbox_messages.ref AND earlier.status = ? AND earlier.id < outbox_messages.id))",
			string(outbox.StatusPending)).
		Order("id").Limit(limit).Find(&rows).Error
	if err != nil {
		return nil, gormdb.Err(err, "claim outbox messages")
	}
	claimed := make([]outbox.Message, 0, len(rows))
	for _, row := range rows {
		res := db.Model(&messageRow{}).
			Where("id = ? AND status = ? AND (lease_until IS NULL OR lease_until < ?)", row.ID, string(outbox.StatusPending), now).
			Updates(map[string]any{"lease_until": until, "leased_by": worker})
		if res.Error != nil {
			return nil, gormdb.Err(res.Error, fmt.Sprintf("lease outbox message %d", row.ID))
		}
		if res.RowsAffected == 1 {
			claimed = append(claimed, fromRow(row))
		}
	}
	return claimed, nil
}

// MarkSent records the delivery whatever the message's state: it did reach Slack, even if
// its lease ran out meanwhile.
func (r *Repo) MarkSent(ctx context.Context, id int64, at time.Time) error {
	err := gormdb.Conn(ctx, r.db).Model(&messageRow{}).Where("id = ?", id).Updates(map[string]any{
		"status": string(outbox.StatusSent), "sent_at": gormdb.NullTime(at), "lease_until": nil, "leased_by": "",
	}).Error
	return gormdb.Err(err, fmt.Sprintf("mark outbox message %d sent", id))
}

// MarkRetry counts a failed attempt and schedules the next. It leaves a message that
// another worker has meanwhile delivered (or given up on) alone.
func (r *Repo) MarkRetry(ctx context.Context, id int64, next time.Time, lastError string) error {
	err := gormdb.Conn(ctx, r.db).Model(&messageRow{}).
		Where("id = ? AND status = ?", id, string(outbox.StatusPending)).
		Updates(map[string]any{
			"attempts": gorm.Expr("attempts + 1"), "next_attempt_at": gormdb.NullTime(next), "last_error": lastError,
			"lease_until": nil, "leased_by": "",
		}).Error
	return gormdb.Err(err, fmt.Sprintf("mark outbox message %d for retry", id))
}

// MarkFailed counts the last attempt and gives the message up, unless it was delivered.
func (r *Repo) MarkFailed(ctx context.Context, id int64, lastError string) error {
	err := gormdb.Conn(ctx, r.db).Model(&messageRow{}).
		Where("id = ? AND status = ?", id, string(outbox.StatusPending)).
		Updates(map[string]any{
			"status": string(outbox.StatusFailed), "attempts": gorm.Expr("attempts + 1"), "last_error": lastError,
			"lease_until": nil, "leased_by": "",
		}).Error
	return gormdb.Err(err, fmt.Sprintf("mark outbox message %d failed", id))
}

// SaveRef records where a message of ref landed in channel; a repeated delivery to the
// same channel replaces the timestamp.
func (r *Repo) SaveRef(ctx context.Context, ref outbox.SlackRef) error {
	row := refRow{Ref: ref.Ref, Channel: ref.Channel, TS: ref.TS}
	err := gormdb.Conn(ctx, r.db).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "ref"}, {Name: "channel"}},
		DoUpdates: clause.AssignmentColumns([]string{"ts"}),
	}).Create(&row).Error
	return gormdb.Err(err, "save slack ref "+ref.Ref)
}

// Refs returns the Slack messages of ref in the order they were first saved.
func (r *Repo) Refs(ctx context.Context, ref string) ([]outbox.SlackRef, error) {
	var rows []refRow
	if err := gormdb.Conn(ctx, r.db).Where("ref = ?", ref).Order("id").Find(&rows).Error; err != nil {
		return nil, gormdb.Err(err, "slack refs of "+ref)
	}
	out := make([]outbox.SlackRef, 0, len(rows))
	for _, row := range rows {
		out = append(out, outbox.SlackRef{Ref: row.Ref, Channel: row.Channel, TS: row.TS})
	}
	return out, nil
}

// Pending counts the messages still to deliver, leased or not.
func (r *Repo) Pending(ctx context.Context) (int, error) {
	var n int64
	if err := gormdb.Conn(ctx, r.db).Model(&messageRow{}).Where("status = ?", string(outbox.StatusPending)).Count(&n).Error; err != nil {
		return 0, gormdb.Err(err, "count pending outbox messages")
	}
	return int(n), nil
}
