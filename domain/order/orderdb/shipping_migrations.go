package orderdb

import (
	"fmt"
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
	}, {
		// The review's look-back (Recent) bounds each key by the receiving time in SQL, so
		// that a regular buyer's years of orders are not read for every new one; each key
		// index gets the time as its last column and serves everything the old one did.
		ID: "2026112920_order_key_time_indexes",
		Migrate: func(tx *gorm.DB) error {
			for _, k := range orderKeys() {
				if err := swapIndex(tx, k.index, k.index+"_received", "store_code, "+k.column+", received_at"); err != nil {
					return err
				}
			}
			return nil
		},
		Rollback: func(tx *gorm.DB) error {
			for _, k := range orderKeys() {
				if err := swapIndex(tx, k.index+"_received", k.index, "store_code, "+k.column); err != nil {
					return err
				}
			}
			return nil
		},
	}}
}

// orderKeys are the keys the review looks other orders up by, with their first index.
func orderKeys() []struct{ index, column string } {
	return []struct{ index, column string }{
		{"idx_orders_store_phone", "phone_key"},
		{"idx_orders_store_buyer", "buyer_platform_id"},
		{"idx_orders_store_address", "address_key"},
	}
}

// swapIndex replaces index old of the orders table with next over cols; it can run again
// after a partial failure. The same SQL runs on MySQL and SQLite.
func swapIndex(tx *gorm.DB, old, next, cols string) error {
	m := tx.Migrator()
	if !m.HasIndex("orders", next) {
		if err := tx.Exec("CREATE INDEX " + next + " ON orders (" + cols + ")").Error; err != nil {
			return fmt.Errorf("create index %s: %w", next, err)
		}
	}
	if m.HasIndex("orders", old) {
		if err := m.DropIndex("orders", old); err != nil {
			return fmt.Errorf("drop index %s: %w", old, err)
		}
	}
	return nil
}
