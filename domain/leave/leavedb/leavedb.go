// Package leavedb stores leave requests with gorm.
package leavedb

import (
	"context"
	"fmt"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"

	"storeops/domain/gormdb"
	"storeops/domain/leave"
)

// Repo is the leave.Repository on MySQL or SQLite.
type Repo struct{ db *gorm.DB }

var _ leave.Repository = (*Repo)(nil)

// New builds a Repo over db.
func New(db *gorm.DB) *Repo { return &Repo{db: db} }

type leaveRow struct {
	ID         int64
	UserID     string
	FromAt     *time.Time
	UntilAt    *time.Time
	Type       string
	Reason     string
	Status     string
	ApprovalID int64
	DecidedBy  string
	CreatedAt  *time.Time `gorm:"autoCreateTime:false"`
	Version    int
}

func (leaveRow) TableName() string { return "leaves" }

func toRow(l leave.Leave) leaveRow {
	return leaveRow{ID: l.ID, UserID: l.User, FromAt: gormdb.NullTime(l.From), UntilAt: gormdb.NullTime(l.Until), Type: string(l.Type),
		Reason: l.Reason, Status: string(l.Status), ApprovalID: l.ApprovalID, DecidedBy: l.DecidedBy, CreatedAt: gormdb.NullTime(l.CreatedAt),
		Version: l.Version}
}

func fromRow(r leaveRow) leave.Leave {
	return leave.Leave{ID: r.ID, User: r.UserID, From: gormdb.TimeOf(r.FromAt), Until: gormdb.TimeOf(r.UntilAt), Type: leave.Type(r.Type),
		Reason: r.Reason, Status: leave.Status(r.Status), ApprovalID: r.ApprovalID, DecidedBy: r.DecidedBy, CreatedAt: gormdb.TimeOf(r.CreatedAt),
		Version: r.Version}
}

func fromRows(rows []leaveRow) []leave.Leave {
	out := make([]leave.Leave, 0, len(rows))
	for _, r := range rows {
		out = append(out, fromRow(r))
	}
	return out
}

// Migrations creates the leave table.
func Migrations() []*gormigrate.Migration {
	return []*gormigrate.Migration{{
		ID: "2026113085_leaves",
		Migrate: func(tx *gorm.DB) error {
			type leaveTable struct {
				ID         int64      `gorm:"primaryKey;autoIncrement"`
				UserID     string     `gorm:"size:64;not null;index:idx_leaves_user_status,priority:1"`
				FromAt     *time.Time `gorm:"precision:6"`
				UntilAt    *time.Time `gorm:"precision:6;index:idx_leaves_status_until,priority:2"`
				Type       string     `gorm:"size:16;not null"`
				Reason     string     `gorm:"type:text;not null"`
				Status     string     `gorm:"size:16;not null;index:idx_leaves_user_status,priority:2;index:idx_leaves_status_until,priority:1"`
				ApprovalID int64      `gorm:"not null"`
				DecidedBy  string     `gorm:"size:64;not null"`
				CreatedAt  *time.Time `gorm:"precision:6"`
				Version    int        `gorm:"not null"`
			}
			return gormdb.CreateTable(tx, "leaves", &leaveTable{})
		},
		Rollback: func(tx *gorm.DB) error { return gormdb.DropTable(tx, "leaves") },
	}}
}

// Create inserts the leave and sets its ID.
func (r *Repo) Create(ctx context.Context, l *leave.Leave) error {
	row := toRow(*l)
	row.ID = 0
	if err := gormdb.Conn(ctx, r.db).Create(&row).Error; err != nil {
		return gormdb.Err(err, "create leave of "+l.User)
	}
	l.ID = row.ID
	return nil
}

// Find reads one leave.
func (r *Repo) Find(ctx context.Context, id int64) (leave.Leave, error) {
	var row leaveRow
	if err := gormdb.Conn(ctx, r.db).Where("id = ?", id).Take(&row).Error; err != nil {
		return leave.Leave{}, gormdb.NotFound(err, fmt.Sprintf("find leave %d", id), "leave.not_found", id)
	}
	return fromRow(row), nil
}

// Update loads the leave with a row lock and saves only when fn accepts.
func (r *Repo) Update(ctx context.Context, id int64, fn func(*leave.Leave) error) (leave.Leave, error) {
	return gormdb.Update(ctx, r.db, gormdb.Versioned[leave.Leave, leaveRow]{
		What:       "leave",
		NotFound:   gormdb.NotFoundID("leave.not_found"),
		FromRow:    gormdb.Infallible(fromRow),
		ToRow:      gormdb.Infallible(toRow),
		RowVersion: func(r leaveRow) int { return r.Version },
		Stamp:      func(l *leave.Leave, id int64, version int) { l.ID, l.Version = id, version },
	}, id, fn)
}

// Covering returns the user's approved leave covering at, the latest ending first.
func (r *Repo) Covering(ctx context.Context, user string, at time.Time) ([]leave.Leave, error) {
	var rows []leaveRow
	err := gormdb.Conn(ctx, r.db).Where("user_id = ? AND status = ? AND from_at <= ? AND until_at > ?",
		user, string(leave.StatusApproved), gormdb.UTC(at), gormdb.UTC(at)).Order("until_at DESC").Find(&rows).Error
	if err != nil {
		return nil, gormdb.Err(err, "leave of "+user)
	}
	return fromRows(rows), nil
}

// Current returns approved leave not yet over at at, by start.
func (r *Repo) Current(ctx context.Context, at time.Time) ([]leave.Leave, error) {
	var rows []leaveRow
	err := gormdb.Conn(ctx, r.db).Where("status = ? AND until_at > ?", string(leave.StatusApproved), gormdb.UTC(at)).
		Order("from_at").Order("id").Limit(200).Find(&rows).Error
	if err != nil {
		return nil, gormdb.Err(err, "current leave")
	}
	return fromRows(rows), nil
}
