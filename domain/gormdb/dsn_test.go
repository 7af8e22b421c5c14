package gormdb

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"
)

// loc=UTC is the driver's default, so FormatDSN leaves it out; the ParseDSN check below
// confirms it.
func TestMySQLDSN(t *testing.T) {
	cases := []struct {
		url, want string
	}{
		{"mysql://root@127.0.0.1:3306/storeops",
			"root@tcp(127.0.0.1:3306)/storeops?parseTime=true&charset=utf8mb4"},
		{"mysql://app:s3cr%40t%2Fx@db.internal/storeops",
			"app:s3cr@t/x@tcp(db.internal:3306)/storeops?parseTime=true&charset=utf8mb4"},
		{"mysql://app:pw@db:3307/storeops?timeout=5s&time_zone=%27%2B00%3A00%27&charset=utf8mb4,utf8",
			"app:pw@tcp(db:3307)/storeops?parseTime=true&timeout=5s&charset=utf8mb4%2Cutf8&time_zone=%27%2B00%3A00%27"},
		{"mysql://root@127.0.0.1:3306/", "root@tcp(127.0.0.1:3306)/?parseTime=true&charset=utf8mb4"},
	}
	for _, c := range cases {
		got, err := mysqlDSN(c.url)
		if err != nil {
			t.Errorf("mysqlDSN(%s): %v", c.url, err)
			continue
		}
		if got != c.want {
			t.Errorf("mysqlDSN(%s)\n = %s\nwant %s", c.url, got, c.want)
		}
		cfg, err := mysql.ParseDSN(got)
		if err != nil {
			t.Errorf("driver refuses %s: %v", got, err)
			continue
		}
		if !cfg.ParseTime || cfg.Loc != time.UTC {
			t.Errorf("%s: parseTime %v loc %v, want true UTC", got, cfg.ParseTime, cfg.Loc)
		}
	}
}

func TestMySQLDSNErrors(t *testing.T) {
	for _, u := range []string{"mysql:///storeops", "mysql://root@host/db?timeout=soon", "mysql://user:pa ss@h%zz/db"} {
		_, err := mysqlDSN(u)
		if err == nil {
			t.Errorf("mysqlDSN(%s) accepted", u)
			continue
		}
		if strings.Contains(err.Error(), "pa ss") {
			t.Errorf("mysqlDSN(%s) error shows the password: %v", u, err)
		}
	}
}

func TestSQLiteDSN(t *testing.T) {
	cases := []struct{ path, want string }{
		{"data/storeops.db", "data/storeops.db?_pragma=busy_timeout%2810000%29&_pragma=journal_mode%28WAL%29&_pragma=foreign_keys%281%29"},
		{"/var/lib/storeops.db", "/var/lib/storeops.db?_pragma=busy_timeout%2810000%29&_pragma=journal_mode%28WAL%29&_pragma=foreign_keys%281%29"},
		{":memory:", ":memory:?_pragma=busy_timeout%2810000%29&_pragma=journal_mode%28WAL%29&_pragma=foreign_keys%281%29"},
	}
	for _, c := range cases {
		got, err := sqliteDSN(c.path)
		if err != nil || got != c.want {
			t.Errorf("sqliteDSN(%s) = %s, %v; want %s", c.path, got, err, c.want)
		}
	}
	if _, err := sqliteDSN(""); err == nil {
		t.Error("sqliteDSN accepted an empty path")
	}
}

func TestOpenRefusesOtherSchemes(t *testing.T) {
	for _, u := range []string{"postgres://u:hunter2@h/db", "storeops.db", "sqlite://", ""} {
		_, err := Open(context.Background(), u)
		if err == nil {
			t.Errorf("Open(%q) accepted", u)
			continue
		}
		if strings.Contains(err.Error(), "hunter2") {
			t.Errorf("Open(%q) error shows the password: %v", u, err)
		}
		if u != "sqlite://" && !strings.Contains(err.Error(), "mysql://") {
			t.Errorf("Open(%q) error %q does not name the accepted forms", u, err)
		}
	}
}

func TestOpenSQLitePragmas(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, "sqlite://"+t.TempDir()+"/x.db")
	if err != nil {
		t.Fatal(err)
	}
	defer Close(db)
	var mode string
	var fk, timeout int
	db.Raw("PRAGMA journal_mode").Scan(&mode)
	db.Raw("PRAGMA foreign_keys").Scan(&fk)
	db.Raw("PRAGMA busy_timeout").Scan(&timeout)
	if mode != "wal" || fk != 1 || timeout != 10000 {
		t.Fatalf("journal_mode %q foreign_keys %d busy_timeout %d; want wal 1 10000", mode, fk, timeout)
	}
}
