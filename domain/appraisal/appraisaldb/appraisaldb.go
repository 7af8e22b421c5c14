// Package appraisaldb stores appraisal cycles, store targets and improvement plans with gorm.
package appraisaldb

import (
	"context"
	"fmt"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"storeops/domain/appraisal"
	"storeops/domain/gormdb"
)

// Repo is the appraisal.Repository on MySQL or SQLite.
type Repo struct{ db *gorm.DB }

var _ appraisal.Repository = (*Repo)(nil)

// New builds a Repo over db.
func New(db *gorm.DB) *Repo { return &Repo{db: db} }

type cycleRow struct {
	ID           int64
	Month        string
	Assistant    string
	Status       string
	DeadlineAt   *time.Time
	PromptedAt   *time.Time
	RemindedAt   *time.Time
	LastCallAt   *time.Time
	EscalatedAt  *time.Time
	Self         string
	SubmittedAt  *time.Time
	Ratings      string
	Comment      string
	RatedBy      string
	RatedAt      *time.Time
	Figures      string
	Result       string
	Total        int
	Tier         string
	Passed       bool
	PublishedAt  *time.Time
	AppealUntil  *time.Time
	AppealReason string
	AppealID     int64
	AppealedAt   *time.Time
	Adjustment   string
	Decision     string
	Flagged      bool
	CreatedAt    *time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt    *time.Time `gorm:"autoUpdateTime:false"`
	Version      int
}

func (cycleRow) TableName() string { return "appraisal_cycles" }

func toRow(c appraisal.Cycle) (cycleRow, error) {
	row := cycleRow{ID: c.ID, Month: c.Month, Assistant: c.Assistant, Status: string(c.Status),
		DeadlineAt: gormdb.NullTime(c.DeadlineAt), PromptedAt: gormdb.NullTime(c.PromptedAt), RemindedAt: gormdb.NullTime(c.RemindedAt),
		LastCallAt: gormdb.NullTime(c.LastCallAt), EscalatedAt: gormdb.NullTime(c.EscalatedAt), SubmittedAt: gormdb.NullTime(c.SubmittedAt),
		Comment: c.Comment, RatedBy: c.RatedBy, RatedAt: gormdb.NullTime(c.RatedAt), Total: c.Result.Total, Tier: string(c.Result.Tier),
		Passed: c.Result.Passed, PublishedAt: gormdb.NullTime(c.PublishedAt), AppealUntil: gormdb.NullTime(c.AppealUntil), AppealReason: c.AppealReason, AppealID: c.AppealID,
		AppealedAt: gormdb.NullTime(c.AppealedAt), Decision: c.Decision, Flagged: c.Flagged,
		CreatedAt: gormdb.NullTime(c.CreatedAt), UpdatedAt: gormdb.NullTime(c.UpdatedAt), Version: c.Version}
	var err error
	for _, f := range []struct {
		dst *string
		v   any
	}{{&row.Self, c.Self}, {&row.Ratings, c.Ratings}, {&row.Figures, c.Figures}, {&row.Result, c.Result}, {&row.Adjustment, c.Adjustment}} {
		if *f.dst, err = gormdb.JSON(f.v); err != nil {
			return cycleRow{}, fmt.Errorf("cycle %d: %w", c.ID, err)
		}
	}
	return row, nil
}

func fromRow(r cycleRow) (appraisal.Cycle, error) {
	c := appraisal.Cycle{ID: r.ID, Month: r.Month, Assistant: r.Assistant, Status: appraisal.Status(r.Status),
		DeadlineAt: gormdb.TimeOf(r.DeadlineAt), PromptedAt: gormdb.TimeOf(r.PromptedAt), RemindedAt: gormdb.TimeOf(r.RemindedAt),
		LastCallAt: gormdb.TimeOf(r.LastCallAt), EscalatedAt: gormdb.TimeOf(r.EscalatedAt), SubmittedAt: gormdb.TimeOf(r.SubmittedAt),
		Comment: r.Comment, RatedBy: r.RatedBy, RatedAt: gormdb.TimeOf(r.RatedAt), PublishedAt: gormdb.TimeOf(r.PublishedAt),
		AppealUntil: gormdb.TimeOf(r.AppealUntil), AppealReason: r.AppealReason, AppealID: r.AppealID, AppealedAt: gormdb.TimeOf(r.AppealedAt), Decision: r.Decision,
		Flagged: r.Flagged, CreatedAt: gormdb.TimeOf(r.CreatedAt), UpdatedAt: gormdb.TimeOf(r.UpdatedAt), Version: r.Version}
	for _, f := range []struct {
		src string
		v   any
	}{{r.Self, &c.Self}, {r.Ratings, &c.Ratings}, {r.Figures, &c.Figures}, {r.Result, &c.Result}, {r.Adjustment, &c.Adjustment}} {
		if err := gormdb.FromJSON(f.src, f.v); err != nil {
			return appraisal.Cycle{}, fmt.Errorf("cycle %d: %w", r.ID, err)
		}
	}
	if c.Adjustment != nil {
		c.Adjustment.At = c.Adjustment.At.UTC()
	}
	return c, nil
}

type targetRow struct {
	ID         int64
	Store      string
	Month      string
	Paid       int64
	Conversion int64
	SetBy      string
	SetAt      *time.Time
}

func (targetRow) TableName() string { return "appraisal_targets" }

type planRow struct {
	ID        int64
	Assistant string
	Goals     string
	ReviewAt  *time.Time
	By        string     `gorm:"column:by_user"`
	CreatedAt *time.Time `gorm:"autoCreateTime:false"`
}

func (planRow) TableName() string { return "appraisal_plans" }

// Migrations creates the appraisal tables.
func Migrations() []*gormigrate.Migration {
	return []*gormigrate.Migration{{
		ID: "2026113080_appraisal_cycles",
		Migrate: func(tx *gorm.DB) error {
			// One cycle per assistant and month: the unique key is what makes the monthly
			// prompt exactly once across replicas.
			type appraisalCycle struct {
				ID           int64      `gorm:"primaryKey;autoIncrement"`
				Month        string     `gorm:"size:7;not null;uniqueIndex:ux_appraisal_month_assistant,priority:1"`
				Assistant    string     `gorm:"size:64;not null;uniqueIndex:ux_appraisal_month_assistant,priority:2;index:idx_appraisal_assistant"`
				Status       string     `gorm:"size:32;not null"`
				DeadlineAt   *time.Time `gorm:"precision:6"`
				PromptedAt   *time.Time `gorm:"precision:6"`
				RemindedAt   *time.Time `gorm:"precision:6"`
				LastCallAt   *time.Time `gorm:"precision:6"`
				EscalatedAt  *time.Time `gorm:"precision:6"`
				Self         string     `gorm:"type:text;not null"`
				SubmittedAt  *time.Time `gorm:"precision:6"`
				Ratings      string     `gorm:"type:text;not null"`
				Comment      string     `gorm:"type:text;not null"`
				RatedBy      string     `gorm:"size:64;not null"`
				RatedAt      *time.Time `gorm:"precision:6"`
				Figures      string     `gorm:"type:mediumtext;not null"`
				Result       string     `gorm:"type:text;not null"`
				Total        int        `gorm:"not null"`
				Tier         string     `gorm:"size:8;not null"`
				Passed       bool       `gorm:"not null"`
				PublishedAt  *time.Time `gorm:"precision:6"`
				AppealReason string     `gorm:"type:text;not null"`
				AppealID     int64      `gorm:"not null"`
				AppealedAt   *time.Time `gorm:"precision:6"`
				Adjustment   string     `gorm:"type:text;not null"`
				Decision     string     `gorm:"type:text;not null"`
				Flagged      bool       `gorm:"not null"`
				CreatedAt    *time.Time `gorm:"precision:6"`
				UpdatedAt    *time.Time `gorm:"precision:6"`
				Version      int        `gorm:"not null"`
			}
			return gormdb.CreateTable(tx, "appraisal_cycles", &appraisalCycle{})
		},
		Rollback: func(tx *gorm.DB) error { return gormdb.DropTable(tx, "appraisal_cycles") },
	}, {
		ID: "2026113081_appraisal_targets",
		Migrate: func(tx *gorm.DB) error {
			type appraisalTarget struct {
				ID         int64      `gorm:"primaryKey;autoIncrement"`
				Store      string     `gorm:"size:32;not null;uniqueIndex:ux_appraisal_target,priority:1"`
				Month      string     `gorm:"size:7;not null;uniqueIndex:ux_appraisal_target,priority:2"`
				Paid       int64      `gorm:"not null"`
				Conversion int64      `gorm:"not null"`
				SetBy      string     `gorm:"size:64;not null"`
				SetAt      *time.Time `gorm:"precision:6"`
			}
			return gormdb.CreateTable(tx, "appraisal_targets", &appraisalTarget{})
		},
		Rollback: func(tx *gorm.DB) error { return gormdb.DropTable(tx, "appraisal_targets") },
	}, {
		ID: "2026113082_appraisal_plans",
		Migrate: func(tx *gorm.DB) error {
			type appraisalPlan struct {
				ID        int64      `gorm:"primaryKey;autoIncrement"`
				Assistant string     `gorm:"size:64;not null;index:idx_appraisal_plan_assistant"`
				Goals     string     `gorm:"type:text;not null"`
				ReviewAt  *time.Time `gorm:"precision:6"`
				ByUser    string     `gorm:"size:64;not null"`
				CreatedAt *time.Time `gorm:"precision:6"`
			}
			return gormdb.CreateTable(tx, "appraisal_plans", &appraisalPlan{})
		},
		Rollback: func(tx *gorm.DB) error { return gormdb.DropTable(tx, "appraisal_plans") },
	}, {
		ID: "2026113083_appraisal_appeal_until",
		Migrate: func(tx *gorm.DB) error {
			// The appeal window is fixed at publication, so that a changed setting does not
			// move the window of results already out. Re-runnable, since MySQL commits the
			// DDL on its own.
			type appraisalCycle struct {
				AppealUntil *time.Time `gorm:"precision:6"`
			}
			m := tx.Table("appraisal_cycles").Migrator()
			if m.HasColumn(&appraisalCycle{}, "AppealUntil") {
				return nil
			}
			return m.AddColumn(&appraisalCycle{}, "AppealUntil")
		},
		Rollback: func(tx *gorm.DB) error {
			type appraisalCycle struct{ AppealUntil *time.Time }
			return tx.Table("appraisal_cycles").Migrator().DropColumn(&appraisalCycle{}, "AppealUntil")
		},
	}, {
		ID: "2026113084_appraisal_settings",
		Migrate: func(tx *gorm.DB) error {
			type appraisalSetting struct {
				ID        int64      `gorm:"primaryKey"`
				Settings  string     `gorm:"type:text;not null"`
				UpdatedAt *time.Time `gorm:"precision:6"`
			}
			return gormdb.CreateTable(tx, "appraisal_settings", &appraisalSetting{})
		},
		Rollback: func(tx *gorm.DB) error { return gormdb.DropTable(tx, "appraisal_settings") },
	}}
}

type settingsRow struct {
	ID        int64
	Settings  string
	UpdatedAt *time.Time `gorm:"autoUpdateTime:false"`
}

func (settingsRow) TableName() string { return "appraisal_settings" }

// Settings reads the stored settings, if any.
func (r *Repo) Settings(ctx context.Context) (appraisal.Settings, bool, error) {
	var rows []settingsRow
	if err := gormdb.Conn(ctx, r.db).Where("id = ?", 1).Limit(1).Find(&rows).Error; err != nil {
		return appraisal.Settings{}, false, gormdb.Err(err, "appraisal settings")
	}
	if len(rows) == 0 {
		return appraisal.Settings{}, false, nil
	}
	var st appraisal.Settings
	if err := gormdb.FromJSON(rows[0].Settings, &st); err != nil {
		return appraisal.Settings{}, false, fmt.Errorf("appraisal settings: %w", err)
	}
	return st, true, nil
}

// SaveSettings stores the settings, replacing what was stored.
func (r *Repo) SaveSettings(ctx context.Context, st appraisal.Settings) error {
	raw, err := gormdb.JSON(st)
	if err != nil {
		return err
	}
	row := settingsRow{ID: 1, Settings: raw}
	err = gormdb.Conn(ctx, r.db).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "id"}},
		DoUpdates: clause.AssignmentColumns([]string{"settings"}),
	}).Create(&row).Error
	return gormdb.Err(err, "save appraisal settings")
}

// Create inserts the cycle; a second cycle of the assistant and month is ECONFLICT.
func (r *Repo) Create(ctx context.Context, c *appraisal.Cycle) error {
	row, err := toRow(*c)
	if err != nil {
		return err
	}
	row.ID = 0
	if err := gormdb.Conn(ctx, r.db).Create(&row).Error; err != nil {
		return gormdb.Conflict(err, "create appraisal of "+c.Assistant, "appraisal.exists", c.Assistant, c.Month)
	}
	c.ID = row.ID
	return nil
}

// Find reads one cycle.
func (r *Repo) Find(ctx context.Context, id int64) (appraisal.Cycle, error) {
	var row cycleRow
	if err := gormdb.Conn(ctx, r.db).Where("id = ?", id).Take(&row).Error; err != nil {
		return appraisal.Cycle{}, gormdb.NotFound(err, fmt.Sprintf("find appraisal %d", id), "appraisal.not_found", id)
	}
	return fromRow(row)
}

// FindMonth reads the assistant's cycle of the month.
func (r *Repo) FindMonth(ctx context.Context, assistant, month string) (appraisal.Cycle, error) {
	var row cycleRow
	if err := gormdb.Conn(ctx, r.db).Where("month = ? AND assistant = ?", month, assistant).Take(&row).Error; err != nil {
		return appraisal.Cycle{}, gormdb.NotFound(err, "find appraisal of "+assistant, "appraisal.month.not_found", assistant, month)
	}
	return fromRow(row)
}

// Update loads the cycle with a row lock and saves only when fn accepts.
func (r *Repo) Update(ctx context.Context, id int64, fn func(*appraisal.Cycle) error) (appraisal.Cycle, error) {
	return gormdb.Update(ctx, r.db, gormdb.Versioned[appraisal.Cycle, cycleRow]{
		What:       "appraisal",
		NotFound:   gormdb.NotFoundID("appraisal.not_found"),
		FromRow:    fromRow,
		ToRow:      toRow,
		RowVersion: func(r cycleRow) int { return r.Version },
		Stamp:      func(c *appraisal.Cycle, id int64, version int) { c.ID, c.Version = id, version },
	}, id, fn)
}

// ListMonth returns the month's cycles ordered by assistant.
func (r *Repo) ListMonth(ctx context.Context, month string) ([]appraisal.Cycle, error) {
	var rows []cycleRow
	if err := gormdb.Conn(ctx, r.db).Where("month = ?", month).Order("assistant").Find(&rows).Error; err != nil {
		return nil, gormdb.Err(err, "list appraisals of "+month)
	}
	out := make([]appraisal.Cycle, 0, len(rows))
	for _, row := range rows {
		c, err := fromRow(row)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// SetTarget stores (or replaces) a store's targets of a month.
func (r *Repo) SetTarget(ctx context.Context, t appraisal.Target) error {
	row := targetRow{Store: t.Store, Month: t.Month, Paid: t.Paid, Conversion: t.Conversion, SetBy: t.SetBy, SetAt: gormdb.NullTime(t.SetAt)}
	err := gormdb.Conn(ctx, r.db).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "store"}, {Name: "month"}},
		DoUpdates: clause.AssignmentColumns([]string{"paid", "conversion", "set_by", "set_at"}),
	}).Create(&row).Error
	return gormdb.Err(err, "set targets of "+t.Store)
}

// Targets returns the month's targets by store.
func (r *Repo) Targets(ctx context.Context, month string) ([]appraisal.Target, error) {
	var rows []targetRow
	if err := gormdb.Conn(ctx, r.db).Where("month = ?", month).Order("store").Find(&rows).Error; err != nil {
		return nil, gormdb.Err(err, "targets of "+month)
	}
	out := make([]appraisal.Target, 0, len(rows))
	for _, row := range rows {
		out = append(out, appraisal.Target{Store: row.Store, Month: row.Month, Paid: row.Paid, Conversion: row.Conversion,
			SetBy: row.SetBy, SetAt: gormdb.TimeOf(row.SetAt)})
	}
	return out, nil
}

// AddPlan inserts an improvement plan and sets its ID.
func (r *Repo) AddPlan(ctx context.Context, p *appraisal.ImprovementPlan) error {
	row := planRow{Assistant: p.Assistant, Goals: p.Goals, ReviewAt: gormdb.NullTime(p.ReviewAt), By: p.By, CreatedAt: gormdb.NullTime(p.CreatedAt)}
	if err := gormdb.Conn(ctx, r.db).Create(&row).Error; err != nil {
		return gormdb.Err(err, "add plan of "+p.Assistant)
	}
	p.ID = row.ID
	return nil
}

// FindPlan reads one plan.
func (r *Repo) FindPlan(ctx context.Context, id int64) (appraisal.ImprovementPlan, error) {
	var row planRow
	if err := gormdb.Conn(ctx, r.db).Where("id = ?", id).Take(&row).Error; err != nil {
		return appraisal.ImprovementPlan{}, gormdb.NotFound(err, fmt.Sprintf("find plan %d", id), "appraisal.plan.not_found", id)
	}
	return appraisal.ImprovementPlan{ID: row.ID, Assistant: row.Assistant, Goals: row.Goals, ReviewAt: gormdb.TimeOf(row.ReviewAt),
		By: row.By, CreatedAt: gormdb.TimeOf(row.CreatedAt)}, nil
}
