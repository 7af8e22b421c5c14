package gormdb_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"github.com/go-sql-driver/mysql"
	"gorm.io/gorm"

	"storeops/domain"
	"storeops/domain/gormdb"
	"storeops/domain/gormdb/gormtest"
)

type counter struct {
	ID      int64
	Name    string
	N       int
	Version int
}

func (counter) TableName() string { return "counters" }

func counterMigrations() []*gormigrate.Migration {
	return []*gormigrate.Migration{{
		ID: "2000010101_counters",
		Migrate: func(tx *gorm.DB) error {
			type counter struct {
				ID      int64  `gorm:"primaryKey;autoIncrement"`
				Name    string `gorm:"size:32;not null;uniqueIndex:ux_counters_name"`
				N       int    `gorm:"not null"`
				Version int    `gorm:"not null"`
			}
			return gormdb.CreateTable(tx, "counters", &counter{})
		},
	}}
}

func open(t *testing.T) *gorm.DB {
	t.Helper()
	return gormtest.Open(t, counterMigrations())
}

func insert(t *testing.T, db *gorm.DB, name string) counter {
	t.Helper()
	c := counter{Name: name, Version: 1}
	if err := db.Create(&c).Error; err != nil {
		t.Fatal(err)
	}
	return c
}

func find(t *testing.T, db *gorm.DB, id int64) counter {
	t.Helper()
	var c counter
	if err := db.Where("id = ?", id).Take(&c).Error; err != nil {
		t.Fatal(err)
	}
	return c
}

// increment is the load-lock-save pattern of every repository's Update.
func increment(ctx context.Context, db *gorm.DB, id int64) error {
	return gormdb.InTx(ctx, db, func(ctx context.Context) error {
		tx := gormdb.Conn(ctx, db)
		var c counter
		if err := gormdb.ForUpdate(tx).Where("id = ?", id).Take(&c).Error; err != nil {
			return gormdb.NotFound(err, "load counter", "counter.not_found", id)
		}
		old := c.Version
		c.N++
		c.Version++
		return gormdb.SaveVersioned(tx, &c, old)
	})
}

func TestConcurrentLockedReadModifyWrite(t *testing.T) {
	db := open(t)
	c := insert(t, db, "hits")
	const n = 20
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			if err := increment(context.Background(), db, c.ID); err != nil {
				t.Errorf("increment %d: %v", i, err)
			}
		})
	}
	wg.Wait()
	if got := find(t, db, c.ID); got.N != n || got.Version != 1+n {
		t.Fatalf("after %d increments n=%d version=%d", n, got.N, got.Version)
	}
}

func TestSaveVersionedRefusesStaleVersion(t *testing.T) {
	db := open(t)
	c := insert(t, db, "stale")
	c.N, c.Version = 5, 3
	err := gormdb.SaveVersioned(db, &c, 2) // stored version is 1
	if e, ok := domain.AsError(err); !ok || e.Code != domain.ECONFLICT || e.Key != "error.concurrent_change" {
		t.Fatalf("SaveVersioned = %v, want ECONFLICT error.concurrent_change", err)
	}
	if got := find(t, db, c.ID); got.N != 0 || got.Version != 1 {
		t.Fatalf("stale save wrote: %+v", got)
	}
}

func TestInTxCommitsAndRollsBack(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	runner := gormdb.NewTxRunner(db)
	var _ domain.TxRunner = runner

	if err := runner.InTx(ctx, func(ctx context.Context) error {
		return gormdb.Conn(ctx, db).Create(&counter{Name: "kept"}).Error
	}); err != nil {
		t.Fatal(err)
	}
	fail := domain.Errorf(domain.EINVALID, "error.invalid_fields", 1)
	err := runner.InTx(ctx, func(ctx context.Context) error {
		if err := gormdb.Conn(ctx, db).Create(&counter{Name: "dropped"}).Error; err != nil {
			return err
		}
		return fail
	})
	if err != fail {
		t.Fatalf("InTx = %v, want the function's error itself", err)
	}
	var names []string
	db.Model(&counter{}).Order("name").Pluck("name", &names)
	if fmt.Sprint(names) != "[kept]" {
		t.Fatalf("rows = %v, want [kept]", names)
	}
}

func TestNestedInTxJoins(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	runner := gormdb.NewTxRunner(db)
	inner := errors.New("inner failed")
	err := runner.InTx(ctx, func(ctx context.Context) error {
		if err := gormdb.Conn(ctx, db).Create(&counter{Name: "outer"}).Error; err != nil {
			return err
		}
		// With one SQLite connection, a nested InTx that started its own transaction
		// would wait for the connection forever; joining is also what makes one commit.
		err := runner.InTx(ctx, func(ctx context.Context) error {
			if err := gormdb.Conn(ctx, db).Create(&counter{Name: "inner"}).Error; err != nil {
				return err
			}
			var n int64
			gormdb.Conn(ctx, db).Model(&counter{}).Count(&n)
			if n != 2 {
				t.Errorf("inner transaction sees %d rows, want 2", n)
			}
			return inner
		})
		if err != inner {
			t.Errorf("nested InTx = %v, want the inner error", err)
		}
		return err
	})
	if err != inner {
		t.Fatalf("InTx = %v", err)
	}
	var n int64
	db.Model(&counter{}).Count(&n)
	if n != 0 {
		t.Fatalf("%d rows after rollback, want 0", n)
	}
}

func TestInTxRollsBackOnPanic(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	func() {
		defer func() {
			if recover() == nil {
				t.Error("panic did not propagate")
			}
		}()
		_ = gormdb.InTx(ctx, db, func(ctx context.Context) error {
			gormdb.Conn(ctx, db).Create(&counter{Name: "panicky"})
			panic("boom")
		})
	}()
	var n int64
	if err := db.Model(&counter{}).Count(&n).Error; err != nil || n != 0 {
		t.Fatalf("after panic: %d rows, %v; want 0 and a usable database", n, err)
	}
}

func TestConnHonoursContext(t *testing.T) {
	db := open(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var n int64
	err := gormdb.Err(gormdb.Conn(ctx, db).Model(&counter{}).Count(&n).Error, "count counters")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("query on a cancelled context = %v, want context.Canceled in the chain", err)
	}
	if domain.ErrorCode(err) != domain.EINTERNAL {
		t.Errorf("code %q, want internal", domain.ErrorCode(err))
	}
}

func TestErrorTranslation(t *testing.T) {
	db := open(t)
	insert(t, db, "dup")

	var c counter
	err := gormdb.NotFound(db.Where("id = ?", 404).Take(&c).Error, "find counter 404", "counter.not_found", int64(404))
	if e, ok := domain.AsError(err); !ok || e.Code != domain.ENOTFOUND || e.Key != "counter.not_found" || e.Args[0] != int64(404) {
		t.Errorf("NotFound = %#v, want ENOTFOUND counter.not_found [404]", err)
	}

	dupErr := db.Create(&counter{Name: "dup"}).Error
	if !gormdb.IsDuplicate(dupErr) {
		t.Fatalf("IsDuplicate(%v) = false", dupErr)
	}
	err = gormdb.Conflict(dupErr, "create counter", "counter.exists", "dup")
	if e, ok := domain.AsError(err); !ok || e.Code != domain.ECONFLICT || e.Key != "counter.exists" {
		t.Errorf("Conflict = %#v, want ECONFLICT counter.exists", err)
	}

	// Anything else is internal, names what was being done, and hides the driver's error.
	badErr := db.Exec("SELECT * FROM no_such_table").Error
	for _, err := range []error{
		gormdb.Err(badErr, "read nothing"),
		gormdb.NotFound(badErr, "read nothing", "x"),
		gormdb.Conflict(badErr, "read nothing", "x"),
	} {
		if domain.ErrorCode(err) != domain.EINTERNAL {
			t.Errorf("%v: code %q, want internal", err, domain.ErrorCode(err))
		}
		if got := err.Error(); len(got) < len("read nothing") || got[:len("read nothing")] != "read nothing" {
			t.Errorf("error %q does not start with what was being done", got)
		}
		var myErr *mysql.MySQLError
		if errors.As(err, &myErr) {
			t.Errorf("%v: a driver error is visible above the *db packages", err)
		}
	}
	if err := gormdb.Err(gorm.ErrRecordNotFound, "x"); errors.Is(err, gorm.ErrRecordNotFound) {
		t.Error("gorm.ErrRecordNotFound is visible through Err")
	}
	if gormdb.Err(nil, "x") != nil || gormdb.NotFound(nil, "x", "k") != nil || gormdb.Conflict(nil, "x", "k") != nil {
		t.Error("nil error translated to non-nil")
	}
	domainErr := domain.Errorf(domain.EFORBIDDEN, "error.needs_role", "admin")
	if gormdb.Err(domainErr, "x") != domainErr {
		t.Error("a domain error did not pass through unchanged")
	}
}

func TestTimeHelpers(t *testing.T) {
	if gormdb.NullTime(time.Time{}) != nil {
		t.Error("NullTime(zero) != nil")
	}
	local := time.Date(2026, 11, 29, 17, 0, 0, 123456789, time.FixedZone("CST", 8*3600))
	p := gormdb.NullTime(local)
	if p == nil || p.Location() != time.UTC || p.Nanosecond() != 123456000 || !p.Equal(local.Truncate(time.Microsecond)) {
		t.Errorf("NullTime(%v) = %v", local, p)
	}
	if !gormdb.TimeOf(nil).IsZero() {
		t.Error("TimeOf(nil) is not zero")
	}
}

func TestTimesRoundTripInUTC(t *testing.T) {
	type stamp struct {
		ID int64
		At *time.Time `gorm:"precision:6"`
	}
	db := gormtest.Open(t, []*gormigrate.Migration{{
		ID:      "2000010102_stamps",
		Migrate: func(tx *gorm.DB) error { return gormdb.CreateTable(tx, "stamps", &stamp{}) },
	}})
	base := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	// Written out of order, with fractions of different lengths: reading them back ordered
	// by time must give time order on both databases.
	offsets := []time.Duration{1500 * time.Millisecond, 0, time.Second + 999999*time.Microsecond, 1, time.Second + 5*time.Microsecond}
	for _, d := range offsets {
		if err := db.Table("stamps").Create(&stamp{At: gormdb.NullTime(base.Add(d))}).Error; err != nil {
			t.Fatal(err)
		}
	}
	var got []stamp
	if err := db.Table("stamps").Order("at").Find(&got).Error; err != nil {
		t.Fatal(err)
	}
	want := []time.Duration{0, 0, time.Second + 5*time.Microsecond, 1500 * time.Millisecond, time.Second + 999999*time.Microsecond}
	for i, s := range got {
		at := gormdb.TimeOf(s.At)
		if !at.Equal(base.Add(want[i])) || at.Location() != time.UTC {
			t.Errorf("row %d: %v, want %v in UTC", i, at, base.Add(want[i]))
		}
	}
	var n int64
	db.Table("stamps").Where("at > ?", base.Add(time.Second)).Count(&n)
	if n != 3 {
		t.Errorf("%d stamps after base+1s, want 3", n)
	}
}
