package orderdb

import (
	"context"
	"fmt"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"

	"storeops/domain/gormdb"
	"storeops/domain/order"
)

// CountByStore counts the orders in status, per store code, in one grouped query. With
// idx_orders_status_store it reads only the index entries of that status, so counting the
// few hundred held orders costs the same whatever the number of shipped orders of years
// past; idx_orders_store_status, which leads with the store, would be read whole.
func (r *Repo) CountByStore(ctx context.Context, status order.Status) (map[string]int, error) {
	var rows []struct {
		StoreCode string
		N         int
	}
	err := gormdb.Conn(ctx, r.db).Table("orders").Select("store_code, COUNT(*) AS n").
		Where("status = ?", string(status)).Group("store_code").Scan(&rows).Error
	if err != nil {
		return nil, gormdb.Err(err, fmt.Sprintf("count %s orders", status))
	}
	out := make(map[string]int, len(rows))
	for _, row := range rows {
		out[row.StoreCode] = row.N
	}
	return out, nil
}

// countMigrations add the index CountByStore reads.
func countMigrations() []*gormigrate.Migration {
	const name = "idx_orders_status_store"
	return []*gormigrate.Migration{{
		ID: "2026113050_orders_status_store",
		Migrate: func(tx *gorm.DB) error {
			if tx.Migrator().HasIndex("orders", name) {
				return nil
			}
			if err := tx.Exec("CREATE INDEX " + name + " ON orders (status, store_code)").Error; err != nil {
				return fmt.Errorf("create index %s: %w", name, err)
			}
			return nil
		},
		Rollback: func(tx *gorm.DB) error {
			if err := tx.Migrator().DropIndex("orders", name); err != nil {
				return fmt.Errorf("drop index %s: %w", name, err)
			}
			return nil
		},
	}}
}
