// Package auditdb stores audit entries with gorm.
package auditdb

import (
	"context"
	"slices"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"

	"storeops/domain"
	"storeops/domain/audit"
	"storeops/domain/gormdb"
)

// Repo is the audit.Repository on MySQL or SQLite.
type Repo struct {
	db *gorm.DB
}

var _ audit.Repository = (*Repo)(nil)

// New builds a Repo over db.
func New(db *gorm.DB) *Repo { return &Repo{db: db} }

// entryRow names its snapshot columns before_json/after_json: BEFORE is a reserved word in
// MySQL, and a hand-written condition would have to remember to quote it.
type entryRow struct {
	ID         int64
	At         *time.Time
	Actor      string
	Action     string
	Subject    string
	BeforeJSON string `gorm:"column:before_json"`
	AfterJSON  string `gorm:"column:after_json"`
}

func (entryRow) TableName() string { return "audit_entries" }

func toRow(e audit.Entry) entryRow {
	return entryRow{At: gormdb.NullTime(e.At), Actor: e.Actor, Action: e.Action, Subject: string(e.Subject),
		BeforeJSON: string(e.Before), AfterJSON: string(e.After)}
}

func fromRow(r entryRow) audit.Entry {
	return audit.Entry{ID: r.ID, At: gormdb.TimeOf(r.At), Actor: r.Actor, Action: r.Action, Subject: domain.Subject(r.Subject),
		Before: gormdb.Raw(r.BeforeJSON), After: gormdb.Raw(r.AfterJSON)}
}

// Migrations creates the audit_entries table.
func Migrations() []*gormigrate.Migration {
	return []*gormigrate.Migration{{
		ID: "2026112903_audit_entries",
		Migrate: func(tx *gorm.DB) error {
			type auditEntry struct {
				ID     int64      `gorm:"primaryKey;autoIncrement"`
				At     *time.Time `gorm:"precision:6;index:idx_audit_entries_subject_at,priority:2"`
				Actor  string     `gorm:"size:64;not null"`
				Action string     `gorm:"size:64;not null"`
				// The history of one subject is the only way entries are read.
				Subject    string `gorm:"size:128;not null;index:idx_audit_entries_subject_at,priority:1"`
				BeforeJSON string `gorm:"column:before_json;not null"`
				AfterJSON  string `gorm:"column:after_json;not null"`
			}
			return gormdb.CreateTable(tx, "audit_entries", &auditEntry{})
		},
		Rollback: func(tx *gorm.DB) error { return gormdb.DropTable(tx, "audit_entries") },
	}}
}

// Append inserts the entry and sets its ID.
func (r *Repo) Append(ctx context.Context, e *audit.Entry) error {
	row := toRow(*e)
	if err := gormdb.Conn(ctx, r.db).Create(&row).Error; err != nil {
		return gormdb.Err(err, "append audit entry "+e.Action+" "+string(e.Subject))
	}
	e.ID = row.ID
	return nil
}

// ListBySubject reads the newest limit entries (all of them when limit <= 0) and returns
// them oldest first. Entries with the same time keep the order they were appended in.
func (r *Repo) ListBySubject(ctx context.Context, subject domain.Subject, limit int) ([]audit.Entry, error) {
	q := gormdb.Conn(ctx, r.db).Where("subject = ?", string(subject)).Order("at DESC").Order("id DESC")
	if limit > 0 {
		q = q.Limit(limit)
	}
	var rows []entryRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, gormdb.Err(err, "list audit entries of "+string(subject))
	}
	slices.Reverse(rows)
	out := make([]audit.Entry, 0, len(rows))
	for _, row := range rows {
		out = append(out, fromRow(row))
	}
	return out, nil
}
