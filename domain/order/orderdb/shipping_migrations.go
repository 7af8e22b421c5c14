package orderdb

import (
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"

	"storeops/domain/gormdb"
)

// shippingMigrations add what the warehouse hand-off needs: when each order was handed off,
// and the queue of outgoing warehouse webhooks.
func shippingMigrations() []*gormigrate.Migration {
	return []*gormigrate.Migration{{
		// Orders released before this migration are not marked: they have not gone to the
		// warehouse through StoreOps, so the first hand-off sends them rather than lose them.
		ID: "2026112913_order_handed_off_at",
		Migrate: func(tx *gorm.DB) error {
			type order struct {
				HandedOffAt *time.Time `gorm:"precision:6"`
			}
			m := tx.Table("orders").Migrator()
			if m.HasColumn(&order{}, "HandedOffAt") {
				return nil
			}
			return m.AddColumn(&order{}, "HandedOffAt")
		},
		Rollback: func(tx *gorm.DB) error {
			type order struct{ HandedOffAt *time.Time }
			return tx.Table("orders").Migrator().DropColumn(&order{}, "HandedOffAt")
		},
	}, {
		// One row per batch handed to a store's warehouse webhook, kept until it is
		// delivered; the body is signed at each attempt with the store's current secret.
		ID: "2026112914_warehouse_webhooks",
		Migrate: func(tx *gorm.DB) error {
			type warehouseWebhook struct {
				ID            int64      `gorm:"primaryKey;autoIncrement"`
				StoreCode     string     `gorm:"size:32;not null"`
				BatchID       string     `gorm:"size:64;not null;uniqueIndex:ux_warehouse_webhooks_batch"`
				Body          string     `gorm:"not null"`
				Orders        int        `gorm:"not null"`
				SentAt        *time.Time `gorm:"precision:6;index:idx_warehouse_webhooks_due,priority:1"`
				NextAttemptAt *time.Time `gorm:"precision:6;index:idx_warehouse_webhooks_due,priority:2"`
				Attempts      int        `gorm:"not null"`
				LastError     string     `gorm:"size:1000;not null"`
				CreatedAt     *time.Time `gorm:"precision:6"`
			}
			return gormdb.CreateTable(tx, "warehouse_webhooks", &warehouseWebhook{})
		},
		Rollback: func(tx *gorm.DB) error { return gormdb.DropTable(tx, "warehouse_webhooks") },
	}}
}
