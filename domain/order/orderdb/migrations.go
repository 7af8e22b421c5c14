package orderdb

import (
	"slices"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"

	"storeops/domain/gormdb"
)

// Migrations creates the orders, order_rule_sets and order_blacklist tables, and the
// shipping columns and tables (shipping_migrations.go), and the status index CountByStore
// reads (count.go).
func Migrations() []*gormigrate.Migration {
	return append([]*gormigrate.Migration{{
		ID: "2026112908_orders",
		Migrate: func(tx *gorm.DB) error {
			// Every index leads with the store: every query is about one store's orders.
			type order struct {
				ID              int64      `gorm:"primaryKey;autoIncrement"`
				StoreCode       string     `gorm:"size:32;not null;uniqueIndex:ux_orders_store_platform_id,priority:1;index:idx_orders_store_status,priority:1;index:idx_orders_store_phone,priority:1;index:idx_orders_store_buyer,priority:1;index:idx_orders_store_address,priority:1;index:idx_orders_store_received,priority:1"`
				PlatformOrderID string     `gorm:"size:128;not null;uniqueIndex:ux_orders_store_platform_id,priority:2"`
				BuyerName       string     `gorm:"not null"`
				BuyerPhone      string     `gorm:"not null"`
				PhoneKey        string     `gorm:"size:32;not null;index:idx_orders_store_phone,priority:2"`
				BuyerPlatformID string     `gorm:"size:128;not null;index:idx_orders_store_buyer,priority:2"`
				Province        string     `gorm:"not null"`
				City            string     `gorm:"not null"`
				District        string     `gorm:"not null"`
				Street          string     `gorm:"not null"`
				Postcode        string     `gorm:"not null"`
				AddressKey      string     `gorm:"size:255;not null;index:idx_orders_store_address,priority:2"`
				Items           string     `gorm:"not null"`
				GoodsAmount     int64      `gorm:"not null"`
				ShippingAmount  int64      `gorm:"not null"`
				DiscountAmount  int64      `gorm:"not null"`
				PaidAmount      int64      `gorm:"not null"`
				PaymentMethod   string     `gorm:"size:128;not null"`
				PaymentStatus   string     `gorm:"size:32;not null"`
				BuyerRemark     string     `gorm:"not null"`
				ServiceRemark   string     `gorm:"not null"`
				PlacedAt        *time.Time `gorm:"precision:6"`
				PaidAt          *time.Time `gorm:"precision:6"`
				Status          string     `gorm:"size:16;not null;index:idx_orders_store_status,priority:2"`
				Flags           string     `gorm:"not null"`
				Notes           string     `gorm:"not null"`
				Carrier         string     `gorm:"size:128;not null"`
				TrackingNo      string     `gorm:"size:128;not null"`
				DecidedBy       string     `gorm:"size:64;not null"`
				DecidedAt       *time.Time `gorm:"precision:6"`
				CancelReason    string     `gorm:"not null"`
				ReceivedAt      *time.Time `gorm:"precision:6;index:idx_orders_store_received,priority:2"`
				ReleasedAt      *time.Time `gorm:"precision:6"`
				ShippedAt       *time.Time `gorm:"precision:6"`
				UpdatedAt       *time.Time `gorm:"precision:6"`
				Fingerprint     string     `gorm:"size:128;not null"`
				Version         int        `gorm:"not null"`
			}
			return gormdb.CreateTable(tx, "orders", &order{})
		},
		Rollback: func(tx *gorm.DB) error { return gormdb.DropTable(tx, "orders") },
	}, {
		ID: "2026112909_order_rules",
		Migrate: func(tx *gorm.DB) error {
			type orderRuleSet struct {
				StoreCode string     `gorm:"primaryKey;size:32"`
				Rules     string     `gorm:"not null"`
				UpdatedBy string     `gorm:"size:64;not null"`
				UpdatedAt *time.Time `gorm:"precision:6"`
				Version   int        `gorm:"not null"`
			}
			return gormdb.CreateTable(tx, "order_rule_sets", &orderRuleSet{})
		},
		Rollback: func(tx *gorm.DB) error { return gormdb.DropTable(tx, "order_rule_sets") },
	}, {
		ID: "2026112910_blacklist",
		Migrate: func(tx *gorm.DB) error {
			// StoreCode "" is a global entry; the unique key covers both scopes.
			type orderBlacklist struct {
				ID        int64      `gorm:"primaryKey;autoIncrement"`
				StoreCode string     `gorm:"size:32;not null;uniqueIndex:ux_order_blacklist_store_kind_value,priority:1"`
				Kind      string     `gorm:"size:16;not null;uniqueIndex:ux_order_blacklist_store_kind_value,priority:2"`
				Value     string     `gorm:"size:255;not null;uniqueIndex:ux_order_blacklist_store_kind_value,priority:3"`
				Reason    string     `gorm:"not null"`
				AddedBy   string     `gorm:"size:64;not null"`
				AddedAt   *time.Time `gorm:"precision:6"`
			}
			return gormdb.CreateTable(tx, "order_blacklist", &orderBlacklist{})
		},
		Rollback: func(tx *gorm.DB) error { return gormdb.DropTable(tx, "order_blacklist") },
	}}, slices.Concat(shippingMigrations(), countMigrations())...)
}
