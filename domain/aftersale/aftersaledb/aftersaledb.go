// Package aftersaledb stores after-sales cases with gorm.
package aftersaledb

import (
	"context"
	"fmt"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"

	"storeops/domain"
	"storeops/domain/aftersale"
	"storeops/domain/gormdb"
)

// Repo is the aftersale.Repository on MySQL or SQLite.
type Repo struct {
	db *gorm.DB
}

var _ aftersale.Repository = (*Repo)(nil)

// New builds a Repo over db.
func New(db *gorm.DB) *Repo { return &Repo{db: db} }

type caseRow struct {
	ID           int64
	OrderID      int64
	OrderRef     string
	StoreCode    string
	Type         string
	Lines        string
	Amount       int64
	Paid         int64
	Reason       string
	Demand       string
	Evidence     string
	Owner        string
	Status       string
	IsOpen       bool
	ApprovalID   int64
	AutoApproved bool
	Threshold    int64
	RejectReason string
	CustomerText string
	ReceivedBy   string
	ReceivedAt   *time.Time
	StockBy      string
	StockAt      *time.Time
	MovedBy      string
	MovedAt      *time.Time
	CreatedAt    *time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt    *time.Time `gorm:"autoUpdateTime:false"`
	Version      int
}

func (caseRow) TableName() string { return "aftersale_cases" }

func toRow(c aftersale.Case) (caseRow, error) {
	lines, err := gormdb.JSON(c.Lines)
	if err != nil {
		return caseRow{}, fmt.Errorf("lines: %w", err)
	}
	evidence, err := gormdb.JSON(c.Evidence)
	if err != nil {
		return caseRow{}, fmt.Errorf("evidence: %w", err)
	}
	return caseRow{ID: c.ID, OrderID: c.OrderID, OrderRef: c.OrderRef, StoreCode: c.StoreCode, Type: string(c.Type),
		Lines: lines, Amount: int64(c.Amount), Paid: int64(c.Paid), Reason: c.Reason, Demand: c.Demand, Evidence: evidence,
		Owner: c.Owner, Status: string(c.Status), IsOpen: c.Status.Open(), ApprovalID: c.ApprovalID, AutoApproved: c.AutoApproved,
		Threshold: int64(c.Threshold), RejectReason: c.RejectReason, CustomerText: c.CustomerText,
		ReceivedBy: c.ReceivedBy, ReceivedAt: gormdb.NullTime(c.ReceivedAt), StockBy: c.StockBy, StockAt: gormdb.NullTime(c.StockAt),
		MovedBy: c.MovedBy, MovedAt: gormdb.NullTime(c.MovedAt), CreatedAt: gormdb.NullTime(c.CreatedAt),
		UpdatedAt: gormdb.NullTime(c.UpdatedAt), Version: c.Version}, nil
}

func fromRow(r caseRow) (aftersale.Case, error) {
	c := aftersale.Case{ID: r.ID, OrderID: r.OrderID, OrderRef: r.OrderRef, StoreCode: r.StoreCode, Type: aftersale.Type(r.Type),
		Amount: domain.Money(r.Amount), Paid: domain.Money(r.Paid), Reason: r.Reason, Demand: r.Demand, Owner: r.Owner,
		Status: aftersale.Status(r.Status), ApprovalID: r.ApprovalID, AutoApproved: r.AutoApproved, Threshold: domain.Money(r.Threshold),
		RejectReason: r.RejectReason, CustomerText: r.CustomerText, ReceivedBy: r.ReceivedBy, ReceivedAt: gormdb.TimeOf(r.ReceivedAt),
		StockBy: r.StockBy, StockAt: gormdb.TimeOf(r.StockAt), MovedBy: r.MovedBy, MovedAt: gormdb.TimeOf(r.MovedAt),
		CreatedAt: gormdb.TimeOf(r.CreatedAt), UpdatedAt: gormdb.TimeOf(r.UpdatedAt), Version: r.Version}
	if err := gormdb.FromJSON(r.Lines, &c.Lines); err != nil {
		return aftersale.Case{}, fmt.Errorf("case %d lines: %w", r.ID, err)
	}
	if err := gormdb.FromJSON(r.Evidence, &c.Evidence); err != nil {
		return aftersale.Case{}, fmt.Errorf("case %d evidence: %w", r.ID, err)
	}
	return c, nil
}

// Migrations creates the cases table.
func Migrations() []*gormigrate.Migration {
	return []*gormigrate.Migration{{
		ID: "2026113002_aftersale_cases",
		Migrate: func(tx *gorm.DB) error {
			// IsOpen is the status folded to open/done, indexed with the last move, so that
			// the open and stale lists read an index instead of every case ever closed.
			type aftersaleCase struct {
				ID           int64      `gorm:"primaryKey;autoIncrement"`
				OrderID      int64      `gorm:"not null;index:idx_aftersale_order"`
				OrderRef     string     `gorm:"size:128;not null"`
				StoreCode    string     `gorm:"size:32;not null"`
				Type         string     `gorm:"size:16;not null"`
				Lines        string     `gorm:"type:text;not null"`
				Amount       int64      `gorm:"not null"`
				Paid         int64      `gorm:"not null"`
				Reason       string     `gorm:"type:text;not null"`
				Demand       string     `gorm:"type:text;not null"`
				Evidence     string     `gorm:"type:text;not null"`
				Owner        string     `gorm:"size:64;not null;index:idx_aftersale_owner"`
				Status       string     `gorm:"size:32;not null"`
				IsOpen       bool       `gorm:"not null;index:idx_aftersale_open_moved,priority:1"`
				ApprovalID   int64      `gorm:"not null"`
				AutoApproved bool       `gorm:"not null"`
				Threshold    int64      `gorm:"not null"`
				RejectReason string     `gorm:"type:text;not null"`
				CustomerText string     `gorm:"type:text;not null"`
				ReceivedBy   string     `gorm:"size:64;not null"`
				ReceivedAt   *time.Time `gorm:"precision:6"`
				StockBy      string     `gorm:"size:64;not null"`
				StockAt      *time.Time `gorm:"precision:6"`
				MovedBy      string     `gorm:"size:64;not null"`
				MovedAt      *time.Time `gorm:"precision:6;index:idx_aftersale_open_moved,priority:2"`
				CreatedAt    *time.Time `gorm:"precision:6"`
				UpdatedAt    *time.Time `gorm:"precision:6"`
				Version      int        `gorm:"not null"`
			}
			return gormdb.CreateTable(tx, "aftersale_cases", &aftersaleCase{})
		},
		Rollback: func(tx *gorm.DB) error { return gormdb.DropTable(tx, "aftersale_cases") },
	}}
}

// Create inserts the case and sets its ID.
func (r *Repo) Create(ctx context.Context, c *aftersale.Case) error {
	row, err := toRow(*c)
	if err != nil {
		return fmt.Errorf("create case on %s: %w", c.OrderRef, err)
	}
	row.ID = 0
	if err := gormdb.Conn(ctx, r.db).Create(&row).Error; err != nil {
		return gormdb.Err(err, "create case on "+c.OrderRef)
	}
	c.ID = row.ID
	return nil
}

// Find reads one case.
func (r *Repo) Find(ctx context.Context, id int64) (aftersale.Case, error) {
	var row caseRow
	if err := gormdb.Conn(ctx, r.db).Where("id = ?", id).Take(&row).Error; err != nil {
		return aftersale.Case{}, gormdb.NotFound(err, fmt.Sprintf("find case %d", id), "aftersale.not_found", id)
	}
	return fromRow(row)
}

// ListByOrder locks the order's cases (and, on MySQL, the index gap where a new one would go),
// so that the cap is checked against cases no concurrent opening can add to.
func (r *Repo) ListByOrder(ctx context.Context, orderID int64) ([]aftersale.Case, error) {
	var rows []caseRow
	if err := gormdb.ForUpdate(gormdb.Conn(ctx, r.db)).Where("order_id = ?", orderID).Order("id").Find(&rows).Error; err != nil {
		return nil, gormdb.Err(err, fmt.Sprintf("cases of order %d", orderID))
	}
	return gormdb.MapRows(rows, fromRow)
}

// Update loads the case with a row lock and saves only when fn accepts.
func (r *Repo) Update(ctx context.Context, id int64, fn func(*aftersale.Case) error) (aftersale.Case, error) {
	return gormdb.Update(ctx, r.db, gormdb.Versioned[aftersale.Case, caseRow]{
		What:       "case",
		NotFound:   gormdb.NotFoundID("aftersale.not_found"),
		FromRow:    fromRow,
		ToRow:      toRow,
		RowVersion: func(r caseRow) int { return r.Version },
		Stamp:      func(c *aftersale.Case, id int64, version int) { c.ID, c.Version = id, version },
	}, id, fn)
}

// List applies the filter, newest first; a limit of 0 means all.
func (r *Repo) List(ctx context.Context, f aftersale.Filter) ([]aftersale.Case, error) {
	q := gormdb.Conn(ctx, r.db)
	if f.OpenOnly {
		q = q.Where("is_open = ?", true)
	}
	if f.Owner != "" {
		q = q.Where("owner = ?", f.Owner)
	}
	if !f.MovedBefore.IsZero() {
		q = q.Where("moved_at < ?", gormdb.UTC(f.MovedBefore))
	}
	if f.Limit > 0 {
		q = q.Limit(f.Limit)
	}
	var rows []caseRow
	if err := q.Order("id DESC").Find(&rows).Error; err != nil {
		return nil, gormdb.Err(err, "list cases")
	}
	return gormdb.MapRows(rows, fromRow)
}

// CountStaleByStore counts the open cases that have not moved since before movedBefore, per
// store code, without loading them: idx_aftersale_open_moved bounds the read to the open
// cases, however many closed ones the years have left.
func (r *Repo) CountStaleByStore(ctx context.Context, movedBefore time.Time) (map[string]int, error) {
	var rows []struct {
		StoreCode string
		N         int
	}
	err := gormdb.Conn(ctx, r.db).Table("aftersale_cases").Select("store_code, COUNT(*) AS n").
		Where("is_open = ? AND moved_at < ?", true, gormdb.UTC(movedBefore)).Group("store_code").Scan(&rows).Error
	if err != nil {
		return nil, gormdb.Err(err, "count stale cases")
	}
	out := make(map[string]int, len(rows))
	for _, row := range rows {
		out[row.StoreCode] = row.N
	}
	return out, nil
}
