// Package approvaldb stores approval requests with gorm.
package approvaldb

import (
	"context"
	"fmt"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"

	"storeops/domain"
	"storeops/domain/approval"
	"storeops/domain/gormdb"
)

// Repo is the approval.Repository on MySQL or SQLite.
type Repo struct {
	db *gorm.DB
}

var _ approval.Repository = (*Repo)(nil)

// New builds a Repo over db.
func New(db *gorm.DB) *Repo { return &Repo{db: db} }

// requestRow keeps Details and Decisions as JSON text: they are only ever read with their
// request, never queried.
type requestRow struct {
	ID             int64
	Kind           string
	Subject        string
	Title          string
	Requester      string
	Details        string
	Payload        string
	Note           string
	Status         string
	Decisions      string
	Reason         string
	DecidedBy      string
	DecidedAt      *time.Time
	CreatedAt      *time.Time `gorm:"autoCreateTime:false"`
	DueAt          *time.Time
	LastRemindedAt *time.Time
	Version        int
}

func (requestRow) TableName() string { return "approval_requests" }

func toRow(r approval.Request) (requestRow, error) {
	details, err := gormdb.JSON(r.Details)
	if err != nil {
		return requestRow{}, fmt.Errorf("details: %w", err)
	}
	decisions, err := gormdb.JSON(r.Decisions)
	if err != nil {
		return requestRow{}, fmt.Errorf("decisions: %w", err)
	}
	return requestRow{
		ID: r.ID, Kind: string(r.Kind), Subject: string(r.Subject), Title: r.Title, Requester: r.Requester,
		Details: details, Payload: string(r.Payload), Note: r.Note, Status: string(r.Status), Decisions: decisions,
		Reason: r.Reason, DecidedBy: r.DecidedBy, DecidedAt: gormdb.NullTime(r.DecidedAt),
		CreatedAt: gormdb.NullTime(r.CreatedAt), DueAt: gormdb.NullTime(r.DueAt),
		LastRemindedAt: gormdb.NullTime(r.LastRemindedAt), Version: r.Version,
	}, nil
}

func fromRow(row requestRow) (approval.Request, error) {
	r := approval.Request{
		ID: row.ID, Kind: approval.Kind(row.Kind), Subject: domain.Subject(row.Subject), Title: row.Title,
		Requester: row.Requester, Payload: gormdb.Raw(row.Payload), Note: row.Note, Status: approval.Status(row.Status),
		Reason: row.Reason, DecidedBy: row.DecidedBy, DecidedAt: gormdb.TimeOf(row.DecidedAt),
		CreatedAt: gormdb.TimeOf(row.CreatedAt), DueAt: gormdb.TimeOf(row.DueAt),
		LastRemindedAt: gormdb.TimeOf(row.LastRemindedAt), Version: row.Version,
	}
	if err := gormdb.FromJSON(row.Details, &r.Details); err != nil {
		return approval.Request{}, fmt.Errorf("approval request %d details: %w", row.ID, err)
	}
	if err := gormdb.FromJSON(row.Decisions, &r.Decisions); err != nil {
		return approval.Request{}, fmt.Errorf("approval request %d decisions: %w", row.ID, err)
	}
	return r, nil
}

// Migrations creates the approval_requests table.
func Migrations() []*gormigrate.Migration {
	return []*gormigrate.Migration{{
		ID: "2026112905_approval_requests",
		Migrate: func(tx *gorm.DB) error {
			type approvalRequest struct {
				ID             int64      `gorm:"primaryKey;autoIncrement"`
				Kind           string     `gorm:"size:64;not null"`
				Subject        string     `gorm:"size:128;not null;index:idx_approval_requests_subject"`
				Title          string     `gorm:"not null"`
				Requester      string     `gorm:"size:64;not null"`
				Details        string     `gorm:"not null"`
				Payload        string     `gorm:"not null"`
				Note           string     `gorm:"not null"`
				Status         string     `gorm:"size:16;not null;index:idx_approval_requests_status"`
				Decisions      string     `gorm:"not null"`
				Reason         string     `gorm:"not null"`
				DecidedBy      string     `gorm:"size:64;not null"`
				DecidedAt      *time.Time `gorm:"precision:6"`
				CreatedAt      *time.Time `gorm:"precision:6"`
				DueAt          *time.Time `gorm:"precision:6"`
				LastRemindedAt *time.Time `gorm:"precision:6"`
				Version        int        `gorm:"not null"`
			}
			return gormdb.CreateTable(tx, "approval_requests", &approvalRequest{})
		},
		Rollback: func(tx *gorm.DB) error { return gormdb.DropTable(tx, "approval_requests") },
	}}
}

// Create inserts the request and sets its ID.
func (r *Repo) Create(ctx context.Context, req *approval.Request) error {
	row, err := toRow(*req)
	if err != nil {
		return fmt.Errorf("create approval request %s %s: %w", req.Kind, req.Subject, err)
	}
	row.ID = 0
	if err := gormdb.Conn(ctx, r.db).Create(&row).Error; err != nil {
		return gormdb.Err(err, fmt.Sprintf("create approval request %s %s", req.Kind, req.Subject))
	}
	req.ID = row.ID
	return nil
}

// Find reads one request.
func (r *Repo) Find(ctx context.Context, id int64) (approval.Request, error) {
	var row requestRow
	if err := gormdb.Conn(ctx, r.db).Where("id = ?", id).Take(&row).Error; err != nil {
		return approval.Request{}, gormdb.NotFound(err, fmt.Sprintf("find approval request %d", id), "approval.not_found", id)
	}
	return fromRow(row)
}

// Update is where two supervisors deciding at once meet: the row lock makes the second
// wait and then see the first one's decision, and the version condition on the write
// catches any path that read without the lock. fn's error comes back as is.
func (r *Repo) Update(ctx context.Context, id int64, fn func(*approval.Request) error) (approval.Request, error) {
	return gormdb.Update(ctx, r.db, gormdb.Versioned[approval.Request, requestRow]{
		What:       "approval request",
		NotFound:   gormdb.NotFoundID("approval.not_found"),
		FromRow:    fromRow,
		ToRow:      toRow,
		RowVersion: func(r requestRow) int { return r.Version },
		Stamp:      func(req *approval.Request, id int64, version int) { req.ID, req.Version = id, version },
	}, id, fn)
}

// ListPending returns pending requests oldest first; requests created at the same time
// keep their creation order.
func (r *Repo) ListPending(ctx context.Context, kinds []approval.Kind) ([]approval.Request, error) {
	q := gormdb.Conn(ctx, r.db).Where("status = ?", string(approval.StatusPending))
	if len(kinds) > 0 {
		names := make([]string, 0, len(kinds))
		for _, k := range kinds {
			names = append(names, string(k))
		}
		q = q.Where("kind IN ?", names)
	}
	var rows []requestRow
	if err := q.Order("created_at").Order("id").Find(&rows).Error; err != nil {
		return nil, gormdb.Err(err, "list pending approval requests")
	}
	return gormdb.MapRows(rows, fromRow)
}

// ListBySubject returns the subject's requests newest first.
func (r *Repo) ListBySubject(ctx context.Context, subject domain.Subject) ([]approval.Request, error) {
	var rows []requestRow
	err := gormdb.Conn(ctx, r.db).Where("subject = ?", string(subject)).
		Order("created_at DESC").Order("id DESC").Find(&rows).Error
	if err != nil {
		return nil, gormdb.Err(err, "list approval requests of "+string(subject))
	}
	return gormdb.MapRows(rows, fromRow)
}

// CountPending counts the pending requests without loading them, through
// idx_approval_requests_status: the decided requests of years past are not read.
func (r *Repo) CountPending(ctx context.Context) (int, error) {
	var n int64
	if err := gormdb.Conn(ctx, r.db).Table("approval_requests").Where("status = ?", string(approval.StatusPending)).Count(&n).Error; err != nil {
		return 0, gormdb.Err(err, "count pending approval requests")
	}
	return int(n), nil
}
