// Package complaintdb stores complaints, their category routes and SLA overrides with gorm.
package complaintdb

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"storeops/domain/complaint"
	"storeops/domain/gormdb"
)

// Repo is the complaint.Repository on MySQL or SQLite.
type Repo struct {
	db *gorm.DB
}

var _ complaint.Repository = (*Repo)(nil)

// New builds a Repo over db.
func New(db *gorm.DB) *Repo { return &Repo{db: db} }

type complaintRow struct {
	ID               int64
	StoreCode        string
	Customer         string
	OrderRef         string
	Category         string
	Severity         string
	Description      string
	Demand           string
	Status           string
	Channel          string
	Routed           bool
	CreatedBy        string
	CreatedAt        *time.Time `gorm:"autoCreateTime:false"`
	AckDue           *time.Time
	ResolveDue       *time.Time
	AckedBy          string
	AckedAt          *time.Time
	AckOnTime        bool
	ResolvedBy       string
	ResolvedAt       *time.Time
	Resolution       string
	CustomerTold     string
	ResolvedOnTime   bool
	EscalatedBy      string
	EscalatedAt      *time.Time
	EscalationReason string
	Rating           int
	RatedBy          string
	RatedAt          *time.Time
	UpdatedAt        *time.Time `gorm:"autoUpdateTime:false"`
	Version          int
}

func (complaintRow) TableName() string { return "complaints" }

type routeRow struct {
	Category  string `gorm:"primaryKey"`
	Channel   string
	UpdatedBy string
	UpdatedAt *time.Time `gorm:"autoUpdateTime:false"`
}

func (routeRow) TableName() string { return "complaint_routes" }

type slaRow struct {
	Severity       string `gorm:"primaryKey"`
	AckMinutes     int64
	ResolveMinutes int64
	UpdatedBy      string
	UpdatedAt      *time.Time `gorm:"autoUpdateTime:false"`
}

func (slaRow) TableName() string { return "complaint_slas" }

func toRow(c complaint.Complaint) complaintRow {
	return complaintRow{ID: c.ID, StoreCode: c.StoreCode, Customer: c.Customer, OrderRef: c.OrderRef, Category: c.Category,
		Severity: string(c.Severity), Description: c.Description, Demand: c.Demand, Status: string(c.Status), Channel: c.Channel,
		Routed: c.Routed, CreatedBy: c.CreatedBy, CreatedAt: gormdb.NullTime(c.CreatedAt), AckDue: gormdb.NullTime(c.AckDue),
		ResolveDue: gormdb.NullTime(c.ResolveDue), AckedBy: c.AckedBy, AckedAt: gormdb.NullTime(c.AckedAt), AckOnTime: c.AckOnTime,
		ResolvedBy: c.ResolvedBy, ResolvedAt: gormdb.NullTime(c.ResolvedAt), Resolution: c.Resolution, CustomerTold: c.CustomerTold,
		ResolvedOnTime: c.ResolvedOnTime, EscalatedBy: c.EscalatedBy, EscalatedAt: gormdb.NullTime(c.EscalatedAt),
		EscalationReason: c.EscalationReason, Rating: c.Rating, RatedBy: c.RatedBy, RatedAt: gormdb.NullTime(c.RatedAt),
		UpdatedAt: gormdb.NullTime(c.UpdatedAt), Version: c.Version}
}

func fromRow(r complaintRow) complaint.Complaint {
	return complaint.Complaint{ID: r.ID, StoreCode: r.StoreCode, Customer: r.Customer, OrderRef: r.OrderRef, Category: r.Category,
		Severity: complaint.Severity(r.Severity), Description: r.Description, Demand: r.Demand, Status: complaint.Status(r.Status),
		Channel: r.Channel, Routed: r.Routed, CreatedBy: r.CreatedBy, CreatedAt: gormdb.TimeOf(r.CreatedAt), AckDue: gormdb.TimeOf(r.AckDue),
		ResolveDue: gormdb.TimeOf(r.ResolveDue), AckedBy: r.AckedBy, AckedAt: gormdb.TimeOf(r.AckedAt), AckOnTime: r.AckOnTime,
		ResolvedBy: r.ResolvedBy, ResolvedAt: gormdb.TimeOf(r.ResolvedAt), Resolution: r.Resolution, CustomerTold: r.CustomerTold,
		ResolvedOnTime: r.ResolvedOnTime, EscalatedBy: r.EscalatedBy, EscalatedAt: gormdb.TimeOf(r.EscalatedAt),
		EscalationReason: r.EscalationReason, Rating: r.Rating, RatedBy: r.RatedBy, RatedAt: gormdb.TimeOf(r.RatedAt),
		UpdatedAt: gormdb.TimeOf(r.UpdatedAt), Version: r.Version}
}

func notFound(id int64) (string, []any) { return "complaint.not_found", []any{complaint.Ref(id)} }

// Create inserts the complaint and sets its ID.
func (r *Repo) Create(ctx context.Context, c *complaint.Complaint) error {
	row := toRow(*c)
	row.ID = 0
	if err := gormdb.Conn(ctx, r.db).Create(&row).Error; err != nil {
		return gormdb.Err(err, "create complaint for "+c.StoreCode)
	}
	c.ID = row.ID
	return nil
}

// Find reads one complaint.
func (r *Repo) Find(ctx context.Context, id int64) (complaint.Complaint, error) {
	var row complaintRow
	if err := gormdb.Conn(ctx, r.db).Where("id = ?", id).Take(&row).Error; err != nil {
		key, args := notFound(id)
		return complaint.Complaint{}, gormdb.NotFound(err, fmt.Sprintf("find complaint %d", id), key, args...)
	}
	return fromRow(row), nil
}

// Update loads the complaint with a row lock, so that two clicks on its card queue and the
// second sees what the first did, and saves only when fn accepts.
func (r *Repo) Update(ctx context.Context, id int64, fn func(*complaint.Complaint) error) (complaint.Complaint, error) {
	return gormdb.Update(ctx, r.db, gormdb.Versioned[complaint.Complaint, complaintRow]{
		What:       "complaint",
		NotFound:   notFound,
		FromRow:    gormdb.Infallible(fromRow),
		ToRow:      gormdb.Infallible(toRow),
		RowVersion: func(r complaintRow) int { return r.Version },
		Stamp:      func(c *complaint.Complaint, id int64, version int) { c.ID, c.Version = id, version },
	}, id, fn)
}

// List applies the filter, newest first.
func (r *Repo) List(ctx context.Context, f complaint.Filter) ([]complaint.Complaint, error) {
	q := gormdb.Conn(ctx, r.db)
	if len(f.Statuses) > 0 {
		names := make([]string, len(f.Statuses))
		for i, s := range f.Statuses {
			names[i] = string(s)
		}
		q = q.Where("status IN ?", names)
	}
	if f.Mine != "" {
		q = q.Where("(acked_by = ? OR (acked_by = '' AND created_by = ?))", f.Mine, f.Mine)
	}
	if !f.OverdueAt.IsZero() {
		now := gormdb.UTC(f.OverdueAt)
		q = q.Where("((status = ? AND ack_due < ?) OR (status IN ? AND resolve_due < ?))",
			string(complaint.StatusOpen), now, []string{string(complaint.StatusOpen), string(complaint.StatusAcknowledged)}, now)
	}
	if f.Limit > 0 {
		q = q.Limit(f.Limit)
	}
	var rows []complaintRow
	if err := q.Order("created_at DESC").Order("id DESC").Find(&rows).Error; err != nil {
		return nil, gormdb.Err(err, "list complaints")
	}
	out := make([]complaint.Complaint, len(rows))
	for i, row := range rows {
		out[i] = fromRow(row)
	}
	return out, nil
}

// Routes returns the routes by category.
func (r *Repo) Routes(ctx context.Context) ([]complaint.Route, error) {
	var rows []routeRow
	if err := gormdb.Conn(ctx, r.db).Order("category").Find(&rows).Error; err != nil {
		return nil, gormdb.Err(err, "list complaint routes")
	}
	out := make([]complaint.Route, len(rows))
	for i, row := range rows {
		out[i] = complaint.Route{Category: row.Category, Channel: row.Channel, UpdatedBy: row.UpdatedBy, UpdatedAt: gormdb.TimeOf(row.UpdatedAt)}
	}
	return out, nil
}

// upsert inserts row or, when its key exists, overwrites every other column; gorm writes
// ON DUPLICATE KEY UPDATE on MySQL and ON CONFLICT … DO UPDATE on SQLite.
func upsert(ctx context.Context, db *gorm.DB, row any, op string) error {
	if err := gormdb.Conn(ctx, db).Clauses(clause.OnConflict{UpdateAll: true}).Create(row).Error; err != nil {
		return gormdb.Err(err, op)
	}
	return nil
}

// SetRoute creates or replaces the category's route.
func (r *Repo) SetRoute(ctx context.Context, rt complaint.Route) error {
	row := routeRow{Category: rt.Category, Channel: rt.Channel, UpdatedBy: rt.UpdatedBy, UpdatedAt: gormdb.NullTime(rt.UpdatedAt)}
	return upsert(ctx, r.db, &row, "route complaints of "+rt.Category)
}

// SLAs returns the overrides by severity.
func (r *Repo) SLAs(ctx context.Context) (map[complaint.Severity]complaint.SLA, error) {
	var rows []slaRow
	if err := gormdb.Conn(ctx, r.db).Find(&rows).Error; err != nil {
		return nil, gormdb.Err(err, "list complaint SLAs")
	}
	out := make(map[complaint.Severity]complaint.SLA, len(rows))
	for _, row := range rows {
		out[complaint.Severity(row.Severity)] = complaint.SLA{Ack: time.Duration(row.AckMinutes) * time.Minute,
			Resolve: time.Duration(row.ResolveMinutes) * time.Minute}
	}
	return out, nil
}

// SetSLA creates or replaces the severity's override.
func (r *Repo) SetSLA(ctx context.Context, sev complaint.Severity, s complaint.SLA, by string, at time.Time) error {
	row := slaRow{Severity: string(sev), AckMinutes: int64(s.Ack / time.Minute), ResolveMinutes: int64(s.Resolve / time.Minute),
		UpdatedBy: by, UpdatedAt: gormdb.NullTime(at)}
	return upsert(ctx, r.db, &row, "set complaint SLA of "+string(sev))
}

// SatisfactionAverage averages in Go over the ratings (one integer a complaint), so that
// MySQL's decimal AVG and SQLite's float one never need telling apart.
func (r *Repo) SatisfactionAverage(ctx context.Context, owner string, from, to time.Time) (float64, int, error) {
	var res struct {
		N   int64
		Sum int64
	}
	err := gormdb.Conn(ctx, r.db).Model(&complaintRow{}).Select("COUNT(*) AS n, COALESCE(SUM(rating), 0) AS sum").
		Where("acked_by = ? AND rating > 0 AND rated_at >= ? AND rated_at < ?", owner, gormdb.UTC(from), gormdb.UTC(to)).
		Scan(&res).Error
	if err != nil {
		return 0, 0, gormdb.Err(err, "complaint satisfaction of "+owner)
	}
	if res.N == 0 {
		return 0, 0, nil
	}
	return float64(res.Sum) / float64(res.N), int(res.N), nil
}

// AckTimeliness counts the owner's acknowledgements in the period and the timely ones.
func (r *Repo) AckTimeliness(ctx context.Context, owner string, from, to time.Time) (acked, onTime int, err error) {
	var res struct {
		N      int64
		OnTime int64
	}
	err = gormdb.Conn(ctx, r.db).Model(&complaintRow{}).
		Select("COUNT(*) AS n, COALESCE(SUM(CASE WHEN ack_on_time THEN 1 ELSE 0 END), 0) AS on_time").
		Where("acked_by = ? AND acked_at >= ? AND acked_at < ?", owner, gormdb.UTC(from), gormdb.UTC(to)).
		Scan(&res).Error
	if err != nil {
		return 0, 0, gormdb.Err(err, "complaint acknowledgement timeliness of "+owner)
	}
	return int(res.N), int(res.OnTime), nil
}

// CountOverdueByStore counts the unresolved complaints past a deadline at now (the
// acknowledgement's while open, the resolution's while open or acknowledged; List's
// OverdueAt), per store code, without loading them: idx_complaints_status bounds the read to
// the unresolved ones, however many resolved ones the years have left.
func (r *Repo) CountOverdueByStore(ctx context.Context, now time.Time) (map[string]int, error) {
	var rows []struct {
		StoreCode string
		N         int
	}
	at := gormdb.UTC(now)
	unresolved := []string{string(complaint.StatusOpen), string(complaint.StatusAcknowledged)}
	err := gormdb.Conn(ctx, r.db).Table("complaints").Select("store_code, COUNT(*) AS n").
		Where("status IN ?", unresolved).
		Where("((status = ? AND ack_due < ?) OR resolve_due < ?)", string(complaint.StatusOpen), at, at).
		Group("store_code").Scan(&rows).Error
	if err != nil {
		return nil, gormdb.Err(err, "count overdue complaints")
	}
	out := make(map[string]int, len(rows))
	for _, row := range rows {
		out[row.StoreCode] = row.N
	}
	return out, nil
}
