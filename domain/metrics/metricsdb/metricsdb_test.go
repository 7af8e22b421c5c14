package metricsdb_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"storeops/domain"
	"storeops/domain/gormdb"
	"storeops/domain/gormdb/gormtest"
	"storeops/domain/metrics"
	"storeops/domain/metrics/metricsdb"
)

// The tests run on SQLite, and on MariaDB too when STOREOPS_TEST_MYSQL_DSN is set
// (gormtest.Open).

func open(t *testing.T) (*metricsdb.Repo, *gormdb.TxRunner) {
	t.Helper()
	db := gormtest.Open(t, metricsdb.Migrations())
	return metricsdb.New(db), gormdb.NewTxRunner(db)
}

func date(d int) time.Time { return time.Date(2026, 11, d, 0, 0, 0, 0, time.UTC) }

var at = time.Date(2026, 11, 29, 1, 2, 3, 456789000, time.UTC)

func day(store string, d int, src metrics.Source, visitors int64, skus ...metrics.SKUDay) metrics.Day {
	return metrics.Day{StoreCode: store, Date: date(d), Source: src,
		Counts: metrics.Counts{Visitors: visitors, Sessions: visitors + 5, PageViews: 3 * visitors, PayingBuyers: 2, PaidOrders: 3, PaidAmount: 12990},
		SKUs:   skus, UpdatedBy: "U1", UpdatedAt: at}
}

func TestPutRangeRoundTrip(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	d := day("TM01", 28, metrics.SourceOverall, 100, metrics.SKUDay{SKU: "MUG-1", Visitors: 40, Buyers: 2, Units: 3, PaidAmount: 9000},
		metrics.SKUDay{SKU: "CUP-2", Visitors: 10, Buyers: 1, Units: 1, PaidAmount: 3990})
	d.Origins = map[string]metrics.Origin{metrics.FieldPaidOrders: metrics.OriginOrders}
	replaced, err := repo.Put(ctx, &d)
	if err != nil || replaced != nil {
		t.Fatalf("Put = %v, %v", replaced, err)
	}
	if d.Version != 1 {
		t.Errorf("Version = %d", d.Version)
	}
	got, err := repo.Range(ctx, "TM01", metrics.SourceOverall, date(28), date(28), true)
	if err != nil || len(got) != 1 {
		t.Fatalf("Range = %v, %v", got, err)
	}
	if !reflect.DeepEqual(got[0], d) {
		t.Fatalf("Range = %+v\nwant   %+v", got[0], d)
	}
	noSKUs, _ := repo.Range(ctx, "TM01", metrics.SourceOverall, date(28), date(28), false)
	if len(noSKUs) != 1 || noSKUs[0].SKUs != nil {
		t.Errorf("without SKUs = %+v", noSKUs)
	}
}

func TestPutReplacesTheSameDay(t *testing.T) {
	ctx := context.Background()
	repo, tx := open(t)
	first := day("TM01", 28, metrics.SourceOverall, 100, metrics.SKUDay{SKU: "MUG-1", Units: 1}, metrics.SKUDay{SKU: "CUP-2", Units: 2})
	if _, err := repo.Put(ctx, &first); err != nil {
		t.Fatal(err)
	}
	second := day("TM01", 28, metrics.SourceOverall, 120, metrics.SKUDay{SKU: "MUG-1", Units: 5})
	var replaced *metrics.Day
	err := tx.InTx(ctx, func(ctx context.Context) error {
		var err error
		replaced, err = repo.Put(ctx, &second)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if replaced == nil || replaced.Visitors != 100 || len(replaced.SKUs) != 2 || replaced.Version != 1 {
		t.Fatalf("replaced = %+v", replaced)
	}
	got, _ := repo.Range(ctx, "TM01", metrics.SourceOverall, date(1), date(30), true)
	if len(got) != 1 || got[0].Visitors != 120 || got[0].Version != 2 || len(got[0].SKUs) != 1 || got[0].SKUs[0].Units != 5 {
		t.Fatalf("after the replace: %+v", got)
	}
	// Another source of the same day is another day.
	ads := day("TM01", 28, metrics.SourceAds, 30)
	if r, err := repo.Put(ctx, &ads); err != nil || r != nil {
		t.Fatalf("Put ads = %v, %v", r, err)
	}
	// A failed transaction leaves the day as it was.
	third := day("TM01", 28, metrics.SourceOverall, 999)
	err = tx.InTx(ctx, func(ctx context.Context) error {
		if _, err := repo.Put(ctx, &third); err != nil {
			return err
		}
		return domain.Errorf(domain.EINVALID, "test.rollback")
	})
	if domain.ErrorCode(err) != domain.EINVALID {
		t.Fatal(err)
	}
	got, _ = repo.Range(ctx, "TM01", metrics.SourceOverall, date(28), date(28), true)
	if got[0].Visitors != 120 || len(got[0].SKUs) != 1 {
		t.Fatalf("after the rollback: %+v", got[0])
	}
}

func TestRangeWindowAndOrder(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	for _, d := range []metrics.Day{day("TM01", 27, metrics.SourceOverall, 1), day("TM01", 25, metrics.SourceOverall, 2),
		day("TM01", 26, metrics.SourceOverall, 3), day("TM01", 26, metrics.SourceSearch, 4), day("JD01", 26, metrics.SourceOverall, 5),
		day("TM01", 29, metrics.SourceOverall, 6)} {
		if _, err := repo.Put(ctx, &d); err != nil {
			t.Fatal(err)
		}
	}
	got, err := repo.Range(ctx, "TM01", metrics.SourceOverall, date(25), date(27), false)
	if err != nil {
		t.Fatal(err)
	}
	var seen []string
	for _, d := range got {
		seen = append(seen, fmt.Sprintf("%s/%d", metrics.FormatDate(d.Date), d.Visitors))
	}
	if fmt.Sprint(seen) != "[2026-11-25/2 2026-11-26/3 2026-11-27/1]" {
		t.Fatalf("Range = %v", seen)
	}
}

func TestTopSKUs(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	put := func(store string, d int, skus ...metrics.SKUDay) {
		t.Helper()
		dd := day(store, d, metrics.SourceOverall, 100, skus...)
		if _, err := repo.Put(ctx, &dd); err != nil {
			t.Fatal(err)
		}
	}
	put("TM01", 26, metrics.SKUDay{SKU: "A", Units: 1, PaidAmount: 100}, metrics.SKUDay{SKU: "B", Units: 1, PaidAmount: 500})
	put("TM01", 27, metrics.SKUDay{SKU: "A", Units: 2, PaidAmount: 450, Visitors: 7, Buyers: 2}, metrics.SKUDay{SKU: "C", Units: 1, PaidAmount: 550})
	put("TM01", 28, metrics.SKUDay{SKU: "D", Units: 9, PaidAmount: 99999}) // outside the window
	put("JD01", 27, metrics.SKUDay{SKU: "Z", Units: 9, PaidAmount: 99999}) // another store
	got, err := repo.TopSKUs(ctx, "TM01", date(26), date(27), 2)
	if err != nil {
		t.Fatal(err)
	}
	want := []metrics.SKUDay{{SKU: "A", Units: 3, PaidAmount: 550, Visitors: 7, Buyers: 2}, {SKU: "C", Units: 1, PaidAmount: 550}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("TopSKUs = %+v, want %+v", got, want)
	}
	if none, err := repo.TopSKUs(ctx, "TM01", date(1), date(2), 5); err != nil || len(none) != 0 {
		t.Fatalf("empty window = %v, %v", none, err)
	}
}

// TestManySKUs stores a day with more SKU rows than one INSERT batch carries.
func TestManySKUs(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	var skus []metrics.SKUDay
	for i := range 1200 {
		skus = append(skus, metrics.SKUDay{SKU: fmt.Sprintf("SKU-%04d", i), Units: int64(i), PaidAmount: domain.Money(i * 10)})
	}
	d := day("TM01", 28, metrics.SourceOverall, 100, skus...)
	if _, err := repo.Put(ctx, &d); err != nil {
		t.Fatal(err)
	}
	got, err := repo.Range(ctx, "TM01", metrics.SourceOverall, date(28), date(28), true)
	if err != nil || len(got) != 1 || len(got[0].SKUs) != 1200 || got[0].SKUs[1199].SKU != "SKU-1199" {
		t.Fatalf("Range: %d days, %v", len(got), err)
	}
	top, _ := repo.TopSKUs(ctx, "TM01", date(28), date(28), 1)
	if len(top) != 1 || top[0].SKU != "SKU-1199" {
		t.Fatalf("TopSKUs = %+v", top)
	}
}
