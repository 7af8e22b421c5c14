// Package inquirydb stores inquiries with gorm.
package inquirydb

import (
	"context"
	"fmt"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"

	"storeops/domain/gormdb"
	"storeops/domain/inquiry"
)

// Repo is the inquiry.Repository on MySQL or SQLite.
type Repo struct {
	db *gorm.DB
}

var _ inquiry.Repository = (*Repo)(nil)

// New builds a Repo over db.
func New(db *gorm.DB) *Repo { return &Repo{db: db} }

type inquiryRow struct {
	ID         int64
	StoreCode  string
	Customer   string
	Platform   string
	OrderRef   string
	Question   string
	Owner      string
	RecordedBy string
	AskedAt    *time.Time
	PromisedAt *time.Time
	Status     string
	Answer     string
	AnsweredBy string
	AnsweredAt *time.Time
	OnTime     bool
	BreachedAt *time.Time
	UpdatedAt  *time.Time `gorm:"autoUpdateTime:false"`
	Version    int
}

func (inquiryRow) TableName() string { return "inquiries" }

// Migrations creates the inquiries table.
func Migrations() []*gormigrate.Migration {
	return []*gormigrate.Migration{{
		ID: "2026113010_inquiries",
		Migrate: func(tx *gorm.DB) error {
			// The lists read open inquiries by promise (and owner); appraisals read answered
			// ones by owner and answer time.
			type inquiry struct {
				ID         int64      `gorm:"primaryKey;autoIncrement"`
				StoreCode  string     `gorm:"size:32;not null"`
				Customer   string     `gorm:"size:320;not null"`
				Platform   string     `gorm:"size:32;not null"`
				OrderRef   string     `gorm:"size:64;not null"`
				Question   string     `gorm:"type:text;not null"`
				Owner      string     `gorm:"size:64;not null;index:idx_inquiries_owner_answered,priority:1"`
				RecordedBy string     `gorm:"size:64;not null"`
				AskedAt    *time.Time `gorm:"precision:6"`
				PromisedAt *time.Time `gorm:"precision:6;index:idx_inquiries_status_promised,priority:2"`
				Status     string     `gorm:"size:16;not null;index:idx_inquiries_status_promised,priority:1"`
				Answer     string     `gorm:"type:text;not null"`
				AnsweredBy string     `gorm:"size:64;not null"`
				AnsweredAt *time.Time `gorm:"precision:6;index:idx_inquiries_owner_answered,priority:2"`
				OnTime     bool       `gorm:"not null"`
				BreachedAt *time.Time `gorm:"precision:6"`
				UpdatedAt  *time.Time `gorm:"precision:6"`
				Version    int        `gorm:"not null"`
			}
			return gormdb.CreateTable(tx, "inquiries", &inquiry{})
		},
		Rollback: func(tx *gorm.DB) error { return gormdb.DropTable(tx, "inquiries") },
	}}
}

func toRow(q inquiry.Inquiry) inquiryRow {
	return inquiryRow{ID: q.ID, StoreCode: q.StoreCode, Customer: q.Customer, Platform: q.Platform, OrderRef: q.OrderRef,
		Question: q.Question, Owner: q.Owner, RecordedBy: q.RecordedBy, AskedAt: gormdb.NullTime(q.AskedAt),
		PromisedAt: gormdb.NullTime(q.PromisedAt), Status: string(q.Status), Answer: q.Answer, AnsweredBy: q.AnsweredBy,
		AnsweredAt: gormdb.NullTime(q.AnsweredAt), OnTime: q.OnTime, BreachedAt: gormdb.NullTime(q.BreachedAt),
		UpdatedAt: gormdb.NullTime(q.UpdatedAt), Version: q.Version}
}

func fromRow(r inquiryRow) inquiry.Inquiry {
	return inquiry.Inquiry{ID: r.ID, StoreCode: r.StoreCode, Customer: r.Customer, Platform: r.Platform, OrderRef: r.OrderRef,
		Question: r.Question, Owner: r.Owner, RecordedBy: r.RecordedBy, AskedAt: gormdb.TimeOf(r.AskedAt),
		PromisedAt: gormdb.TimeOf(r.PromisedAt), Status: inquiry.Status(r.Status), Answer: r.Answer, AnsweredBy: r.AnsweredBy,
		AnsweredAt: gormdb.TimeOf(r.AnsweredAt), OnTime: r.OnTime, BreachedAt: gormdb.TimeOf(r.BreachedAt),
		UpdatedAt: gormdb.TimeOf(r.UpdatedAt), Version: r.Version}
}

// Create inserts the inquiry and sets its ID.
func (r *Repo) Create(ctx context.Context, q *inquiry.Inquiry) error {
	row := toRow(*q)
	row.ID = 0
	if err := gormdb.Conn(ctx, r.db).Create(&row).Error; err != nil {
		return gormdb.Err(err, "create inquiry")
	}
	q.ID = row.ID
	return nil
}

// Find reads one inquiry.
func (r *Repo) Find(ctx context.Context, id int64) (inquiry.Inquiry, error) {
	var row inquiryRow
	if err := gormdb.Conn(ctx, r.db).Where("id = ?", id).Take(&row).Error; err != nil {
		return inquiry.Inquiry{}, gormdb.NotFound(err, fmt.Sprintf("find inquiry %d", id), "inquiry.not_found", id)
	}
	return fromRow(row), nil
}

// Update loads the inquiry with a row lock, so that an answer and a firing breach queue
// instead of overwriting each other, and saves only when fn accepts.
func (r *Repo) Update(ctx context.Context, id int64, fn func(*inquiry.Inquiry) error) (inquiry.Inquiry, error) {
	return gormdb.Update(ctx, r.db, gormdb.Versioned[inquiry.Inquiry, inquiryRow]{
		What:       "inquiry",
		NotFound:   gormdb.NotFoundID("inquiry.not_found"),
		FromRow:    gormdb.Infallible(fromRow),
		ToRow:      gormdb.Infallible(toRow),
		RowVersion: func(r inquiryRow) int { return r.Version },
		Stamp:      func(q *inquiry.Inquiry, id int64, version int) { q.ID, q.Version = id, version },
	}, id, fn)
}

// List applies the filter, the earliest promise first.
func (r *Repo) List(ctx context.Context, f inquiry.Filter) ([]inquiry.Inquiry, error) {
	q := gormdb.Conn(ctx, r.db)
	if f.Status != "" {
		q = q.Where("status = ?", string(f.Status))
	}
	if f.Owner != "" {
		q = q.Where("owner = ?", f.Owner)
	}
	if !f.DueBy.IsZero() {
		q = q.Where("promised_at <= ?", gormdb.UTC(f.DueBy))
	}
	if f.Limit > 0 {
		q = q.Limit(f.Limit)
	}
	var rows []inquiryRow
	if err := q.Order("promised_at").Order("id").Find(&rows).Error; err != nil {
		return nil, gormdb.Err(err, "list inquiries")
	}
	out := make([]inquiry.Inquiry, len(rows))
	for i, row := range rows {
		out[i] = fromRow(row)
	}
	return out, nil
}

// Timeliness counts in the database: an assistant answers thousands of inquiries a year.
func (r *Repo) Timeliness(ctx context.Context, assistant string, from, to time.Time) (int, int, error) {
	var res struct {
		Answered int64
		OnTime   int64
	}
	err := gormdb.Conn(ctx, r.db).Table("inquiries").
		Select("COUNT(*) AS answered, COALESCE(SUM(CASE WHEN on_time THEN 1 ELSE 0 END), 0) AS on_time").
		Where("owner = ? AND status = ? AND answered_at >= ? AND answered_at < ?", assistant, string(inquiry.StatusAnswered), gormdb.UTC(from), gormdb.UTC(to)).
		Scan(&res).Error
	if err != nil {
		return 0, 0, gormdb.Err(err, "count answered inquiries of "+assistant)
	}
	return int(res.Answered), int(res.OnTime), nil
}

// CountOverdueByStore counts the open inquiries promised by dueBy, per store code, without
// loading them: idx_inquiries_status_promised bounds the read to the open ones, however
// many answered ones the years have left.
func (r *Repo) CountOverdueByStore(ctx context.Context, dueBy time.Time) (map[string]int, error) {
	var rows []struct {
		StoreCode string
		N         int
	}
	err := gormdb.Conn(ctx, r.db).Table("inquiries").Select("store_code, COUNT(*) AS n").
		Where("status = ? AND promised_at <= ?", string(inquiry.StatusOpen), gormdb.UTC(dueBy)).Group("store_code").Scan(&rows).Error
	if err != nil {
		return nil, gormdb.Err(err, "count overdue inquiries")
	}
	out := make(map[string]int, len(rows))
	for _, row := range rows {
		out[row.StoreCode] = row.N
	}
	return out, nil
}
