package gormdb

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// MigrationsTable records which migrations have run.
const MigrationsTable = "schema_migrations"

// Migrate runs the migrations of every set that have not run yet, in the order of their
// IDs. Each *db package owns its tables and exports its set; main (and gormtest) pass them
// all here, so that gormdb imports no area. IDs start with a date (2026112901_listings), so
// that the merged order is the order they were written in, whichever package they live in.
func Migrate(ctx context.Context, db *gorm.DB, sets ...[]*gormigrate.Migration) error {
	var all []*gormigrate.Migration
	for _, set := range sets {
		all = append(all, set...)
	}
	if len(all) == 0 {
		return nil
	}
	slices.SortStableFunc(all, func(a, b *gormigrate.Migration) int { return strings.Compare(a.ID, b.ID) })
	for i := 1; i < len(all); i++ {
		if all[i].ID == all[i-1].ID {
			return fmt.Errorf("migrate database: migration ID %s is used twice", all[i].ID)
		}
	}
	if db.Dialector.Name() != "mysql" {
		// SQLite rolls DDL back, so all migrations run in one transaction: it either
		// migrates fully or not at all, and since the transaction holds the one connection
		// (see openSQLite), two goroutines migrating at once take turns instead of
		// interleaving their statements.
		return runMigrations(db.WithContext(ctx), all, true)
	}
	// Replicas that start together must not both create the same table. GET_LOCK belongs
	// to a session, hence one pinned connection for the lock and the migrations.
	return db.WithContext(ctx).Connection(func(conn *gorm.DB) error {
		// Connection hands over a *gorm.DB whose statement every chained call would add to;
		// a new session makes each query start clean.
		conn = conn.Session(&gorm.Session{})
		var got sql.NullInt64
		if err := conn.Raw("SELECT GET_LOCK(CONCAT('storeops.migrate.', DATABASE()), 120)").Scan(&got).Error; err != nil {
			return fmt.Errorf("migrate database: take lock: %w", err)
		}
		if got.Int64 != 1 {
			return fmt.Errorf("migrate database: another process held the migration lock for 2 minutes")
		}
		// Released even when ctx is done: the connection goes back to the pool, and a lock
		// left on it would hold every later start until the connection closes.
		defer conn.WithContext(context.WithoutCancel(ctx)).Exec("SELECT RELEASE_LOCK(CONCAT('storeops.migrate.', DATABASE()))")
		return runMigrations(conn, all, false)
	})
}

func runMigrations(db *gorm.DB, all []*gormigrate.Migration, useTx bool) error {
	m := gormigrate.New(db, &gormigrate.Options{
		TableName:    MigrationsTable,
		IDColumnName: "id",
		IDColumnSize: 190,
		// MySQL commits DDL on its own, so there a wrapping transaction would promise an
		// atomicity it cannot keep; each migration is written to be re-runnable instead.
		UseTransaction: useTx,
		// An older binary must still start against a database a newer one has migrated
		// (rolling deploys), so migrations it does not know are not an error.
		ValidateUnknownMigrations: false,
	}, all)
	if err := m.Migrate(); err != nil {
		return fmt.Errorf("migrate database: %w", err)
	}
	return nil
}

// CreateTable creates table name from model, a row struct frozen inside its migration,
// with the indexes its tags declare. Nothing happens when the table exists, so that a
// migration interrupted after its DDL (MySQL cannot roll DDL back) can run again.
func CreateTable(tx *gorm.DB, name string, model any) error {
	if tx.Migrator().HasTable(name) {
		return nil
	}
	if err := tx.Table(name).Migrator().CreateTable(model); err != nil {
		return fmt.Errorf("create table %s: %w", name, err)
	}
	return nil
}

// DropTable drops table name if it exists; migrations use it to roll back.
func DropTable(tx *gorm.DB, name string) error {
	if err := tx.Migrator().DropTable(name); err != nil {
		return fmt.Errorf("drop table %s: %w", name, err)
	}
	return nil
}
