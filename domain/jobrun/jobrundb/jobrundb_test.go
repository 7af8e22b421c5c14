package jobrundb_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"storeops/domain/gormdb"
	"storeops/domain/gormdb/gormtest"
	"storeops/domain/jobrun/jobrundb"
)

func TestMarkOnce(t *testing.T) {
	ctx := context.Background()
	repo := jobrundb.New(gormtest.Open(t, jobrundb.Migrations()))
	at := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)

	first, err := repo.MarkOnce(ctx, "listing.scan", "2026-W48", at)
	if err != nil || !first {
		t.Fatalf("first MarkOnce = %v, %v; want true, nil", first, err)
	}
	again, err := repo.MarkOnce(ctx, "listing.scan", "2026-W48", at.Add(time.Hour))
	if err != nil || again {
		t.Fatalf("second MarkOnce = %v, %v; want false, nil", again, err)
	}
	for _, other := range [][2]string{{"listing.scan", "2026-W49"}, {"approval.digest", "2026-W48"}} {
		ok, err := repo.MarkOnce(ctx, other[0], other[1], at)
		if err != nil || !ok {
			t.Errorf("MarkOnce(%s, %s) = %v, %v; want true, nil", other[0], other[1], ok, err)
		}
	}
}

func TestMarkOnceConcurrent(t *testing.T) {
	ctx := context.Background()
	repo := jobrundb.New(gormtest.Open(t, jobrundb.Migrations()))
	var wg sync.WaitGroup
	var wins atomic.Int32
	for range 10 {
		wg.Go(func() {
			ok, err := repo.MarkOnce(ctx, "monthly.prompt", "2026-12", time.Now())
			if err != nil {
				t.Errorf("MarkOnce: %v", err)
			}
			if ok {
				wins.Add(1)
			}
		})
	}
	wg.Wait()
	if got := wins.Load(); got != 1 {
		t.Fatalf("%d callers got true, want exactly 1", got)
	}
}

func TestMarkOnceJoinsTransaction(t *testing.T) {
	ctx := context.Background()
	db := gormtest.Open(t, jobrundb.Migrations())
	repo := jobrundb.New(db)
	tx := gormdb.NewTxRunner(db)

	errQueue := errString("queue failed")
	err := tx.InTx(ctx, func(ctx context.Context) error {
		if ok, err := repo.MarkOnce(ctx, "digest", "2026-11-30", time.Now()); err != nil || !ok {
			t.Fatalf("MarkOnce in tx = %v, %v", ok, err)
		}
		return errQueue
	})
	if err != errQueue {
		t.Fatalf("InTx = %v, want the function's error", err)
	}
	if ok, err := repo.MarkOnce(ctx, "digest", "2026-11-30", time.Now()); err != nil || !ok {
		t.Fatalf("MarkOnce after rollback = %v, %v; want true (the mark was rolled back)", ok, err)
	}
}

func TestMigrationsRunTwice(t *testing.T) {
	db := gormtest.Open(t, jobrundb.Migrations())
	if err := gormdb.Migrate(context.Background(), db, jobrundb.Migrations()); err != nil {
		t.Fatal(err)
	}
}

type errString string

func (e errString) Error() string { return string(e) }
