// Package jobrundb stores job runs with gorm.
package jobrundb

import (
	"context"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"

	"storeops/domain/gormdb"
	"storeops/domain/jobrun"
)

// Repo is the jobrun.Repository on MySQL or SQLite.
type Repo struct {
	db *gorm.DB
}

var _ jobrun.Repository = (*Repo)(nil)

// New builds a Repo over db.
func New(db *gorm.DB) *Repo { return &Repo{db: db} }

type runRow struct {
	ID     int64
	Job    string
	Period string
	At     *time.Time
}

func (runRow) TableName() string { return "job_runs" }

// Migrations creates the job_runs table.
func Migrations() []*gormigrate.Migration {
	return []*gormigrate.Migration{{
		ID: "2026112907_job_runs",
		Migrate: func(tx *gorm.DB) error {
			type jobRun struct {
				ID     int64      `gorm:"primaryKey;autoIncrement"`
				Job    string     `gorm:"size:64;not null;uniqueIndex:ux_job_runs_job_period,priority:1"`
				Period string     `gorm:"size:64;not null;uniqueIndex:ux_job_runs_job_period,priority:2"`
				At     *time.Time `gorm:"precision:6"`
			}
			return gormdb.CreateTable(tx, "job_runs", &jobRun{})
		},
		Rollback: func(tx *gorm.DB) error { return gormdb.DropTable(tx, "job_runs") },
	}}
}

// MarkOnce leaves "first" to the unique key (job, period) rather than to the read before the
// insert, which two replicas could both pass; the read only spares the common repeat an
// error (and its log line).
func (r *Repo) MarkOnce(ctx context.Context, job, period string, at time.Time) (bool, error) {
	db := gormdb.Conn(ctx, r.db)
	var n int64
	if err := db.Model(&runRow{}).Where("job = ? AND period = ?", job, period).Count(&n).Error; err != nil {
		return false, gormdb.Err(err, "check job run "+job+" "+period)
	}
	if n > 0 {
		return false, nil
	}
	err := db.Create(&runRow{Job: job, Period: period, At: gormdb.NullTime(at)}).Error
	switch {
	case err == nil:
		return true, nil
	case gormdb.IsDuplicate(err):
		return false, nil
	default:
		return false, gormdb.Err(err, "mark job run "+job+" "+period)
	}
}
