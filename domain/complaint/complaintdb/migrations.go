package complaintdb

import (
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"

	"storeops/domain/gormdb"
)

// Migrations creates the complaint tables: the complaints, the category routes and the
// SLA overrides.
func Migrations() []*gormigrate.Migration {
	return []*gormigrate.Migration{{
		ID: "2026113020_complaints",
		Migrate: func(tx *gorm.DB) error {
			// The status index serves the open and overdue lists; acked_by and rated_at
			// the appraisal figures.
			type complaint struct {
				ID               int64      `gorm:"primaryKey;autoIncrement"`
				StoreCode        string     `gorm:"size:32;not null"`
				Customer         string     `gorm:"size:400;not null"`
				OrderRef         string     `gorm:"size:400;not null"`
				Category         string     `gorm:"size:128;not null"`
				Severity         string     `gorm:"size:16;not null"`
				Description      string     `gorm:"type:text;not null"`
				Demand           string     `gorm:"type:text;not null"`
				Status           string     `gorm:"size:32;not null;index:idx_complaints_status"`
				Channel          string     `gorm:"size:64;not null"`
				Routed           bool       `gorm:"not null"`
				CreatedBy        string     `gorm:"size:64;not null;index:idx_complaints_created_by"`
				CreatedAt        *time.Time `gorm:"precision:6"`
				AckDue           *time.Time `gorm:"precision:6"`
				ResolveDue       *time.Time `gorm:"precision:6"`
				AckedBy          string     `gorm:"size:64;not null;index:idx_complaints_acked,priority:1"`
				AckedAt          *time.Time `gorm:"precision:6;index:idx_complaints_acked,priority:2"`
				AckOnTime        bool       `gorm:"not null"`
				ResolvedBy       string     `gorm:"size:64;not null"`
				ResolvedAt       *time.Time `gorm:"precision:6"`
				Resolution       string     `gorm:"type:text;not null"`
				CustomerTold     string     `gorm:"type:text;not null"`
				ResolvedOnTime   bool       `gorm:"not null"`
				EscalatedBy      string     `gorm:"size:64;not null"`
				EscalatedAt      *time.Time `gorm:"precision:6"`
				EscalationReason string     `gorm:"size:32;not null"`
				Rating           int        `gorm:"not null"`
				RatedBy          string     `gorm:"size:64;not null"`
				RatedAt          *time.Time `gorm:"precision:6;index:idx_complaints_rated"`
				UpdatedAt        *time.Time `gorm:"precision:6"`
				Version          int        `gorm:"not null"`
			}
			return gormdb.CreateTable(tx, "complaints", &complaint{})
		},
		Rollback: func(tx *gorm.DB) error { return gormdb.DropTable(tx, "complaints") },
	}, {
		ID: "2026113021_complaint_routes",
		Migrate: func(tx *gorm.DB) error {
			type complaintRoute struct {
				Category  string     `gorm:"primaryKey;size:128"`
				Channel   string     `gorm:"size:64;not null"`
				UpdatedBy string     `gorm:"size:64;not null"`
				UpdatedAt *time.Time `gorm:"precision:6"`
			}
			return gormdb.CreateTable(tx, "complaint_routes", &complaintRoute{})
		},
		Rollback: func(tx *gorm.DB) error { return gormdb.DropTable(tx, "complaint_routes") },
	}, {
		ID: "2026113022_complaint_slas",
		Migrate: func(tx *gorm.DB) error {
			// Durations in whole minutes: the timers run every minute.
			type complaintSLA struct {
				Severity       string     `gorm:"primaryKey;size:16"`
				AckMinutes     int64      `gorm:"not null"`
				ResolveMinutes int64      `gorm:"not null"`
				UpdatedBy      string     `gorm:"size:64;not null"`
				UpdatedAt      *time.Time `gorm:"precision:6"`
			}
			return gormdb.CreateTable(tx, "complaint_slas", &complaintSLA{})
		},
		Rollback: func(tx *gorm.DB) error { return gormdb.DropTable(tx, "complaint_slas") },
	}}
}
