// Package campaigndb stores campaigns with gorm.
package campaigndb

import (
	"context"
	"fmt"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"

	"storeops/domain"
	"storeops/domain/campaign"
	"storeops/domain/gormdb"
)

// Repo is the campaign.Repository on MySQL or SQLite.
type Repo struct {
	db *gorm.DB
}

var _ campaign.Repository = (*Repo)(nil)

// New builds a Repo over db.
func New(db *gorm.DB) *Repo { return &Repo{db: db} }

// campaignRow keeps the checklist, discount and lists as JSON: they are read and written
// with their campaign, under its row lock, and never queried on their own.
type campaignRow struct {
	ID               int64
	StoreCode        string
	Theme            string
	Type             string
	StartAt          *time.Time
	EndAt            *time.Time
	Discount         string
	Budget           int64
	TargetAmount     int64
	TargetVisitors   int64
	TargetConversion int64
	Channels         string
	SKUs             string `gorm:"column:skus"`
	AlertShare       int
	Owner            string
	Status           string
	ApprovalID       int64
	Overlaps         string
	Tasks            string
	HeldAt           *time.Time
	LaunchedBy       string
	LaunchedAt       *time.Time
	LaunchedAnyway   bool
	EndedAt          *time.Time
	CancelReason     string
	Summary          string
	CreatedAt        *time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt        *time.Time `gorm:"autoUpdateTime:false"`
	Version          int
}

func (campaignRow) TableName() string { return "campaigns" }

func toRow(c campaign.Campaign) (campaignRow, error) {
	r := campaignRow{ID: c.ID, StoreCode: c.StoreCode, Theme: c.Theme, Type: string(c.Type), StartAt: gormdb.NullTime(c.Start),
		EndAt: gormdb.NullTime(c.End), Budget: int64(c.Budget), TargetAmount: int64(c.Targets.PaidAmount),
		TargetVisitors: c.Targets.Visitors, TargetConversion: c.Targets.ConversionBP, AlertShare: c.AlertShare, Owner: c.Owner,
		Status: string(c.Status), ApprovalID: c.ApprovalID, HeldAt: gormdb.NullTime(c.HeldAt), LaunchedBy: c.LaunchedBy,
		LaunchedAt: gormdb.NullTime(c.LaunchedAt), LaunchedAnyway: c.LaunchedAnyway, EndedAt: gormdb.NullTime(c.EndedAt),
		CancelReason: c.CancelReason, CreatedAt: gormdb.NullTime(c.CreatedAt), UpdatedAt: gormdb.NullTime(c.UpdatedAt), Version: c.Version}
	for _, f := range []struct {
		dst *string
		v   any
	}{{&r.Discount, c.Discount}, {&r.Channels, c.Channels}, {&r.SKUs, c.SKUs}, {&r.Overlaps, c.Overlaps}, {&r.Tasks, c.Tasks}, {&r.Summary, c.Summary}} {
		s, err := gormdb.JSON(f.v)
		if err != nil {
			return campaignRow{}, fmt.Errorf("campaign %d: %w", c.ID, err)
		}
		*f.dst = s
	}
	return r, nil
}

func fromRow(r campaignRow) (campaign.Campaign, error) {
	c := campaign.Campaign{ID: r.ID, StoreCode: r.StoreCode, Theme: r.Theme, Type: campaign.Type(r.Type), Start: gormdb.TimeOf(r.StartAt),
		End: gormdb.TimeOf(r.EndAt), Budget: domain.Money(r.Budget),
		Targets:    campaign.Targets{PaidAmount: domain.Money(r.TargetAmount), Visitors: r.TargetVisitors, ConversionBP: r.TargetConversion},
		AlertShare: r.AlertShare, Owner: r.Owner, Status: campaign.Status(r.Status), ApprovalID: r.ApprovalID, HeldAt: gormdb.TimeOf(r.HeldAt),
		LaunchedBy: r.LaunchedBy, LaunchedAt: gormdb.TimeOf(r.LaunchedAt), LaunchedAnyway: r.LaunchedAnyway, EndedAt: gormdb.TimeOf(r.EndedAt),
		CancelReason: r.CancelReason, CreatedAt: gormdb.TimeOf(r.CreatedAt), UpdatedAt: gormdb.TimeOf(r.UpdatedAt), Version: r.Version}
	for _, f := range []struct {
		src string
		v   any
	}{{r.Discount, &c.Discount}, {r.Channels, &c.Channels}, {r.SKUs, &c.SKUs}, {r.Overlaps, &c.Overlaps}, {r.Tasks, &c.Tasks}, {r.Summary, &c.Summary}} {
		if err := gormdb.FromJSON(f.src, f.v); err != nil {
			return campaign.Campaign{}, fmt.Errorf("campaign %d: %w", r.ID, err)
		}
	}
	return c, nil
}

// Migrations creates the campaigns table.
func Migrations() []*gormigrate.Migration {
	return []*gormigrate.Migration{{
		ID: "2026113060_campaigns",
		Migrate: func(tx *gorm.DB) error {
			// The status leads the index with the start, so that the lists and the watch
			// job read only the campaigns in the states they want; the store and type one
			// serves the overlap check.
			type campaign struct {
				ID               int64      `gorm:"primaryKey;autoIncrement"`
				StoreCode        string     `gorm:"size:32;not null;index:idx_campaigns_store_type,priority:1"`
				Theme            string     `gorm:"size:400;not null"`
				Type             string     `gorm:"size:32;not null;index:idx_campaigns_store_type,priority:2"`
				StartAt          *time.Time `gorm:"precision:6;index:idx_campaigns_status_start,priority:2"`
				EndAt            *time.Time `gorm:"precision:6"`
				Discount         string     `gorm:"type:text;not null"`
				Budget           int64      `gorm:"not null"`
				TargetAmount     int64      `gorm:"not null"`
				TargetVisitors   int64      `gorm:"not null"`
				TargetConversion int64      `gorm:"not null"`
				Channels         string     `gorm:"type:text;not null"`
				SKUs             string     `gorm:"column:skus;type:text;not null"`
				AlertShare       int        `gorm:"not null"`
				Owner            string     `gorm:"size:64;not null"`
				Status           string     `gorm:"size:32;not null;index:idx_campaigns_status_start,priority:1"`
				ApprovalID       int64      `gorm:"not null"`
				Overlaps         string     `gorm:"type:text;not null"`
				Tasks            string     `gorm:"type:mediumtext;not null"`
				HeldAt           *time.Time `gorm:"precision:6"`
				LaunchedBy       string     `gorm:"size:64;not null"`
				LaunchedAt       *time.Time `gorm:"precision:6"`
				LaunchedAnyway   bool       `gorm:"not null"`
				EndedAt          *time.Time `gorm:"precision:6"`
				CancelReason     string     `gorm:"type:text;not null"`
				Summary          string     `gorm:"type:mediumtext;not null"`
				CreatedAt        *time.Time `gorm:"precision:6"`
				UpdatedAt        *time.Time `gorm:"precision:6"`
				Version          int        `gorm:"not null"`
			}
			return gormdb.CreateTable(tx, "campaigns", &campaign{})
		},
		Rollback: func(tx *gorm.DB) error { return gormdb.DropTable(tx, "campaigns") },
	}}
}

// Create inserts the campaign and sets its ID.
func (r *Repo) Create(ctx context.Context, c *campaign.Campaign) error {
	row, err := toRow(*c)
	if err != nil {
		return fmt.Errorf("create campaign: %w", err)
	}
	row.ID = 0
	if err := gormdb.Conn(ctx, r.db).Create(&row).Error; err != nil {
		return gormdb.Err(err, "create campaign")
	}
	c.ID = row.ID
	return nil
}

// Find reads one campaign.
func (r *Repo) Find(ctx context.Context, id int64) (campaign.Campaign, error) {
	var row campaignRow
	if err := gormdb.Conn(ctx, r.db).Where("id = ?", id).Take(&row).Error; err != nil {
		return campaign.Campaign{}, gormdb.NotFound(err, fmt.Sprintf("find campaign %d", id), "campaign.not_found", campaign.Number(id))
	}
	return fromRow(row)
}

// Update loads the campaign with a row lock and saves only when fn accepts.
func (r *Repo) Update(ctx context.Context, id int64, fn func(*campaign.Campaign) error) (campaign.Campaign, error) {
	return gormdb.Update(ctx, r.db, gormdb.Versioned[campaign.Campaign, campaignRow]{
		What:       "campaign",
		NotFound:   func(id int64) (string, []any) { return "campaign.not_found", []any{campaign.Number(id)} },
		FromRow:    fromRow,
		ToRow:      toRow,
		RowVersion: func(r campaignRow) int { return r.Version },
		Stamp:      func(c *campaign.Campaign, id int64, version int) { c.ID, c.Version = id, version },
	}, id, fn)
}

// List applies the filter, by start then id; a limit of 0 means all.
func (r *Repo) List(ctx context.Context, f campaign.Filter) ([]campaign.Campaign, error) {
	q := gormdb.Conn(ctx, r.db)
	if len(f.Statuses) > 0 {
		st := make([]string, len(f.Statuses))
		for i, s := range f.Statuses {
			st[i] = string(s)
		}
		q = q.Where("status IN ?", st)
	}
	if f.Store != "" {
		q = q.Where("store_code = ?", f.Store)
	}
	if f.Type != "" {
		q = q.Where("type = ?", string(f.Type))
	}
	if !f.From.IsZero() && !f.To.IsZero() {
		q = q.Where("start_at < ? AND end_at > ?", gormdb.UTC(f.To), gormdb.UTC(f.From))
	}
	if f.Limit > 0 {
		q = q.Limit(f.Limit)
	}
	var rows []campaignRow
	if err := q.Order("start_at, id").Find(&rows).Error; err != nil {
		return nil, gormdb.Err(err, "list campaigns")
	}
	out := make([]campaign.Campaign, 0, len(rows))
	for _, row := range rows {
		c, err := fromRow(row)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}
