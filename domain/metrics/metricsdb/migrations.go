package metricsdb

import (
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"

	"storeops/domain/gormdb"
)

// Migrations creates metric_days and metric_skus. A date is an INT yyyymmdd: a calendar
// day has no time or zone, compares and ranges like the number it is on both databases,
// and keeps the indexes small (2 years × 60 stores × hundreds of SKUs is tens of millions
// of SKU rows).
func Migrations() []*gormigrate.Migration {
	return []*gormigrate.Migration{{
		ID: "2026113031_metric_days",
		Migrate: func(tx *gorm.DB) error {
			// The unique key serves Range (one store, one source, a window of days).
			type metricDay struct {
				ID             int64      `gorm:"primaryKey;autoIncrement"`
				StoreCode      string     `gorm:"size:32;not null;uniqueIndex:ux_metric_days_store_source_day,priority:1"`
				Source         string     `gorm:"size:24;not null;uniqueIndex:ux_metric_days_store_source_day,priority:2"`
				Day            int        `gorm:"not null;uniqueIndex:ux_metric_days_store_source_day,priority:3"`
				Visitors       int64      `gorm:"not null"`
				Sessions       int64      `gorm:"not null"`
				PageViews      int64      `gorm:"not null"`
				PayingBuyers   int64      `gorm:"not null"`
				PaidOrders     int64      `gorm:"not null"`
				PaidAmount     int64      `gorm:"not null"`
				RefundedOrders int64      `gorm:"not null"`
				RefundedAmount int64      `gorm:"not null"`
				Origins        string     `gorm:"not null"`
				UpdatedBy      string     `gorm:"size:64;not null"`
				UpdatedAt      *time.Time `gorm:"precision:6"`
				Version        int        `gorm:"not null"`
			}
			return gormdb.CreateTable(tx, "metric_days", &metricDay{})
		},
		Rollback: func(tx *gorm.DB) error { return gormdb.DropTable(tx, "metric_days") },
	}, {
		ID: "2026113032_metric_skus",
		Migrate: func(tx *gorm.DB) error {
			// (store, day) serves TopSKUs over a window; (day id, sku) the replace of a day
			// and each SKU once per day.
			type metricSKU struct {
				ID         int64  `gorm:"primaryKey;autoIncrement"`
				DayID      int64  `gorm:"not null;uniqueIndex:ux_metric_skus_day_sku,priority:1"`
				StoreCode  string `gorm:"size:32;not null;index:idx_metric_skus_store_day,priority:1"`
				Day        int    `gorm:"not null;index:idx_metric_skus_store_day,priority:2"`
				SKU        string `gorm:"column:sku;size:128;not null;uniqueIndex:ux_metric_skus_day_sku,priority:2"`
				Visitors   int64  `gorm:"not null"`
				Buyers     int64  `gorm:"not null"`
				Units      int64  `gorm:"not null"`
				PaidAmount int64  `gorm:"not null"`
			}
			return gormdb.CreateTable(tx, "metric_skus", &metricSKU{})
		},
		Rollback: func(tx *gorm.DB) error { return gormdb.DropTable(tx, "metric_skus") },
	}}
}
