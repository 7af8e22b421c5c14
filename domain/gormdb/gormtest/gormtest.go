// Package gormtest gives repository tests a fresh, migrated database of their own: SQLite
// in a temporary directory by default, or a new database on a real MySQL/MariaDB server
// when STOREOPS_TEST_MYSQL_DSN names one, so that one contract suite covers both.
package gormtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"

	"storeops/domain/gormdb"
)

// MySQLEnv names the server to test against, e.g. mysql://root@127.0.0.1:3306/storeops_test.
// Only its server and credentials are used: every Open gets a database of its own.
const MySQLEnv = "STOREOPS_TEST_MYSQL_DSN"

// Open returns a database migrated with the given sets (each *db package's Migrations()),
// passed in because gormtest must not import the packages whose tests use it. The
// database is dropped (MySQL) or deleted (SQLite) when the test ends.
func Open(t testing.TB, sets ...[]*gormigrate.Migration) *gorm.DB {
	t.Helper()
	// Not t.Context(): it is cancelled before the cleanups that still need it run.
	ctx := context.Background()
	var db *gorm.DB
	if server := os.Getenv(MySQLEnv); server != "" {
		db = openMySQL(t, ctx, server)
	} else {
		var err error
		db, err = gormdb.Open(ctx, "sqlite://"+filepath.Join(t.TempDir(), "storeops.db"))
		if err != nil {
			t.Fatalf("gormtest: %v", err)
		}
		t.Cleanup(func() { _ = gormdb.Close(db) })
	}
	if err := gormdb.Migrate(ctx, db, sets...); err != nil {
		t.Fatalf("gormtest: %v", err)
	}
	return db
}

// openMySQL creates a uniquely named database on the server, so that test packages running
// in parallel (go test runs them as separate processes) never share tables.
func openMySQL(t testing.TB, ctx context.Context, server string) *gorm.DB {
	t.Helper()
	u, err := url.Parse(server)
	if err != nil {
		t.Fatalf("gormtest: %s is not a URL", MySQLEnv)
	}
	var suffix [8]byte
	_, _ = rand.Read(suffix[:])
	name := "storeops_t_" + hex.EncodeToString(suffix[:])

	// Connect without a database so the one in the URL need not exist.
	u.Path = "/"
	admin, err := gormdb.Open(ctx, u.String())
	if err != nil {
		t.Fatalf("gormtest: %v", err)
	}
	if err := admin.Exec("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci").Error; err != nil {
		_ = gormdb.Close(admin)
		t.Fatalf("gormtest: create database %s: %v", name, err)
	}
	// Registered before the test database's Close, so it runs after it.
	t.Cleanup(func() {
		if err := admin.Exec("DROP DATABASE IF EXISTS `" + name + "`").Error; err != nil {
			t.Errorf("gormtest: drop database %s: %v", name, err)
		}
		_ = gormdb.Close(admin)
	})

	u.Path = "/" + name
	db, err := gormdb.Open(ctx, u.String())
	if err != nil {
		t.Fatalf("gormtest: %v", err)
	}
	t.Cleanup(func() { _ = gormdb.Close(db) })
	return db
}
