package listingdb_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"storeops/domain"
	"storeops/domain/gormdb"
	"storeops/domain/gormdb/gormtest"
	"storeops/domain/listing"
	"storeops/domain/listing/listingdb"
)

var t0 = time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)

func open(t *testing.T) (*listingdb.Repo, *gormdb.TxRunner) {
	t.Helper()
	db := gormtest.Open(t, listingdb.Migrations())
	return listingdb.New(db), gormdb.NewTxRunner(db)
}

func draft(store, sku string) listing.Listing {
	return listing.Listing{StoreCode: store, SKU: sku, Title: "Red mug", Category: "kitchen", Price: 1250, Stock: 3,
		Status: listing.StatusDraft, Owner: "U1", CreatedAt: t0, UpdatedAt: t0, Version: 1}
}

func create(t *testing.T, repo *listingdb.Repo, l listing.Listing) listing.Listing {
	t.Helper()
	if err := repo.Create(context.Background(), &l); err != nil {
		t.Fatalf("Create %s: %v", l.Ref(), err)
	}
	if l.ID == 0 {
		t.Fatal("Create did not set the ID")
	}
	return l
}

func refs(ls []listing.Listing) []string {
	out := []string{}
	for _, l := range ls {
		out = append(out, l.Ref())
	}
	return out
}

func TestCreateFindRoundTrip(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	title, price := "Blue mug 蓝色马克杯 ☕", domain.Money(1999)
	l := listing.Listing{
		StoreCode: "TM01", SKU: "Mug-1", Title: "红色马克杯 ☕", Category: "厨房", Keywords: []string{"mug", "杯子"},
		Price: 1_000_000_000, FloorPrice: 999_999_999, Stock: 42, Images: []string{"https://img.example/1.jpg"}, Description: "line 1\nline 2",
		Status: listing.StatusLive, Owner: "U1", RejectReason: "too blurry",
		Pending:    &listing.Change{Title: &title, Price: &price, RequestedBy: "U1", RequestedAt: t0.Add(time.Second)},
		ApprovalID: 77, LiveSince: t0.Add(-48 * time.Hour), LastSaleAt: t0.Add(-time.Hour + 1500),
		CreatedAt: t0.Add(-72 * time.Hour), UpdatedAt: t0, Version: 4,
	}
	l = create(t, repo, l)
	got, err := repo.Find(ctx, l.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := l
	want.LastSaleAt = l.LastSaleAt.Truncate(time.Microsecond)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Find =\n%+v\nwant\n%+v", got, want)
	}
	if *got.Pending.Title != title || *got.Pending.Price != price || got.Pending.Category != nil {
		t.Errorf("pending change = %+v", got.Pending)
	}
}

func TestZeroValuesRoundTrip(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	l := create(t, repo, listing.Listing{StoreCode: "TM01", SKU: "BARE", Status: listing.StatusDraft, Images: []string{}})
	got, err := repo.Find(ctx, l.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.LiveSince.IsZero() || !got.LastSaleAt.IsZero() || !got.CreatedAt.IsZero() || !got.UpdatedAt.IsZero() {
		t.Errorf("unset times came back set: %+v", got)
	}
	if got.FloorPrice != 0 {
		t.Errorf("no floor came back as %v", got.FloorPrice)
	}
	if got.Keywords != nil || got.Images == nil || len(got.Images) != 0 || got.Pending != nil {
		t.Errorf("keywords %#v images %#v pending %v: want nil, empty, nil", got.Keywords, got.Images, got.Pending)
	}
}

func TestCreateDuplicateConflicts(t *testing.T) {
	repo, _ := open(t)
	create(t, repo, draft("TM01", "SKU-1"))
	create(t, repo, draft("JD01", "SKU-1")) // another store may have the SKU
	for _, sku := range []string{"SKU-1", "sku-1"} {
		l := draft("TM01", sku)
		err := repo.Create(context.Background(), &l)
		if domain.ErrorCode(err) != domain.ECONFLICT {
			t.Fatalf("Create TM01/%s again = %v, want ECONFLICT", sku, err)
		}
		if e, _ := domain.AsError(err); e.Key != "listing.exists" || !reflect.DeepEqual(e.Args, []any{"TM01/" + sku}) {
			t.Errorf("error = %#v, want listing.exists [TM01/%s]", e, sku)
		}
	}
}

func TestFindUnknown(t *testing.T) {
	repo, _ := open(t)
	_, err := repo.Find(context.Background(), 404)
	if e, ok := domain.AsError(err); !ok || e.Code != domain.ENOTFOUND || e.Key != "listing.not_found" || !reflect.DeepEqual(e.Args, []any{int64(404)}) {
		t.Fatalf("Find = %v, want ENOTFOUND listing.not_found [404]", err)
	}
	_, err = repo.Update(context.Background(), 404, func(*listing.Listing) error { return nil })
	if domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Fatalf("Update = %v, want ENOTFOUND", err)
	}
}

func TestFindBySKU(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	create(t, repo, draft("TM01", "Mug-1"))
	create(t, repo, draft("JD01", "MUG-1"))
	create(t, repo, draft("TM01", "MUG-2"))

	all, err := repo.FindBySKU(ctx, "", "mug-1")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := refs(all), []string{"JD01/MUG-1", "TM01/Mug-1"}; !slices.Equal(got, want) {
		t.Errorf("FindBySKU(mug-1) = %v, want %v", got, want)
	}
	one, err := repo.FindBySKU(ctx, "tm01", "MUG-1")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := refs(one), []string{"TM01/Mug-1"}; !slices.Equal(got, want) {
		t.Errorf("FindBySKU(tm01, MUG-1) = %v, want %v", got, want)
	}
	none, err := repo.FindBySKU(ctx, "", "NOPE")
	if err != nil || len(none) != 0 {
		t.Errorf("FindBySKU(NOPE) = %v, %v; want none", none, err)
	}
}

func TestFindBySKUs(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	create(t, repo, draft("TM01", "Mug-1"))
	create(t, repo, draft("JD01", "MUG-1"))
	create(t, repo, draft("TM01", "MUG-2"))
	create(t, repo, draft("TM01", "Cup-9"))
	create(t, repo, draft("jd01", "CUP-9")) // a store code typed in lower case

	cases := []struct {
		store string
		skus  []string
		want  []string
	}{
		{"TM01", []string{"mug-1", "MUG-2", "nope"}, []string{"TM01/Mug-1", "TM01/MUG-2"}},
		{"tm01", []string{"MUG-1", "mug-1", " Mug-1 "}, []string{"TM01/Mug-1"}}, // each listing once
		{"JD01", []string{"cup-9", "mug-1", "mug-2"}, []string{"jd01/CUP-9", "JD01/MUG-1"}},
		{"", []string{"MUG-1", "cup-9"}, []string{"TM01/Cup-9", "jd01/CUP-9", "JD01/MUG-1", "TM01/Mug-1"}},
		{"XX01", []string{"MUG-1"}, []string{}},
		{"TM01", []string{"NOPE"}, []string{}},
	}
	for _, c := range cases {
		got, err := repo.FindBySKUs(ctx, c.store, c.skus)
		if err != nil {
			t.Fatalf("FindBySKUs(%q, %v): %v", c.store, c.skus, err)
		}
		// Compared as sets: the order of store codes that differ only in case depends on
		// the column collation (MySQL ignores case, SQLite does not).
		gotRefs, want := refs(got), slices.Clone(c.want)
		slices.Sort(gotRefs)
		slices.Sort(want)
		if !slices.Equal(gotRefs, want) {
			t.Errorf("FindBySKUs(%q, %v) = %v, want %v", c.store, c.skus, refs(got), c.want)
		}
	}
	for _, skus := range [][]string{nil, {}} {
		got, err := repo.FindBySKUs(ctx, "TM01", skus)
		if err != nil || got != nil {
			t.Errorf("FindBySKUs(%#v) = %v, %v; want nil", skus, got, err)
		}
	}
}

func TestFloorPriceMigrationKeepsListings(t *testing.T) {
	ctx := context.Background()
	migrations := listingdb.Migrations()
	db := gormtest.Open(t, migrations[:1])
	// A listing stored before floor prices existed.
	err := db.Exec(`INSERT INTO listings (store_code, sku, sku_key, title, category, keywords, price, stock, images,
		description, status, owner, reject_reason, pending, approval_id, version)
		VALUES ('TM01', 'Old-1', 'OLD-1', 'Old mug', 'Kitchen', '[]', 1250, 3, '[]', 'An old listing.', 'live', 'U1', '', '', 0, 1)`).Error
	if err != nil {
		t.Fatal(err)
	}
	if err := gormdb.Migrate(ctx, db, migrations); err != nil {
		t.Fatal(err)
	}
	repo := listingdb.New(db)
	found, err := repo.FindBySKU(ctx, "TM01", "OLD-1")
	if err != nil || len(found) != 1 {
		t.Fatalf("FindBySKU after the migration = %v, %v", found, err)
	}
	if l := found[0]; l.FloorPrice != 0 || l.Price != 1250 || l.Title != "Old mug" {
		t.Errorf("after the migration: %+v, want no floor and the rest kept", l)
	}
	saved, err := repo.Update(ctx, found[0].ID, func(l *listing.Listing) error { l.FloorPrice = 1000; return nil })
	if err != nil || saved.FloorPrice != 1000 {
		t.Fatalf("set a floor: %v, %v", saved.FloorPrice, err)
	}
	if got, _ := repo.Find(ctx, saved.ID); got.FloorPrice != 1000 {
		t.Errorf("floor read back as %v", got.FloorPrice)
	}
}

func TestUpdate(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	l := create(t, repo, draft("TM01", "SKU-1"))
	saved, err := repo.Update(ctx, l.ID, func(l *listing.Listing) error {
		l.Status, l.LiveSince, l.UpdatedAt = listing.StatusLive, t0.Add(time.Hour), t0.Add(time.Hour)
		l.Keywords = []string{"new"}
		l.ID, l.Version = 999, 999 // neither is fn's to change
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if saved.ID != l.ID || saved.Version != l.Version+1 || saved.Status != listing.StatusLive {
		t.Fatalf("Update = %+v, want id %d version %d live", saved, l.ID, l.Version+1)
	}
	got, err := repo.Find(ctx, l.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, saved) {
		t.Fatalf("Find after Update =\n%+v\nwant\n%+v", got, saved)
	}
	if !got.CreatedAt.Equal(t0) || !got.UpdatedAt.Equal(t0.Add(time.Hour)) {
		t.Errorf("times: created %v updated %v; the repository must not set them itself", got.CreatedAt, got.UpdatedAt)
	}
}

func TestUpdateFnErrorSavesNothing(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	l := create(t, repo, draft("TM01", "SKU-1"))
	errIllegal := errors.New("illegal move")
	_, err := repo.Update(ctx, l.ID, func(l *listing.Listing) error {
		l.Title = "changed"
		return fmt.Errorf("submit: %w", errIllegal)
	})
	if !errors.Is(err, errIllegal) || err.Error() != "submit: illegal move" {
		t.Fatalf("Update = %v, want fn's error unchanged", err)
	}
	if got, _ := repo.Find(ctx, l.ID); got.Title != "Red mug" || got.Version != l.Version {
		t.Fatalf("after the failed update: %q version %d, want unchanged", got.Title, got.Version)
	}
}

func TestUpdateOntoTakenSKUConflicts(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	create(t, repo, draft("TM01", "SKU-1"))
	l := create(t, repo, draft("TM01", "SKU-2"))
	_, err := repo.Update(ctx, l.ID, func(l *listing.Listing) error { l.SKU = "sku-1"; return nil })
	if e, ok := domain.AsError(err); !ok || e.Code != domain.ECONFLICT || e.Key != "listing.exists" {
		t.Fatalf("Update = %v, want ECONFLICT listing.exists", err)
	}
}

func TestConcurrentUpdatesAllLand(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	l := create(t, repo, draft("TM01", "SKU-1"))
	const n = 20
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			if _, err := repo.Update(ctx, l.ID, func(l *listing.Listing) error { l.Stock++; return nil }); err != nil {
				t.Errorf("Update %d: %v", i, err)
			}
		})
	}
	wg.Wait()
	got, err := repo.Find(ctx, l.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Stock != l.Stock+n || got.Version != l.Version+n {
		t.Fatalf("after %d updates: stock %d version %d, want %d and %d", n, got.Stock, got.Version, l.Stock+n, l.Version+n)
	}
}

func TestConcurrentUpdatesInSharedTransactions(t *testing.T) {
	ctx := context.Background()
	repo, tx := open(t)
	a := create(t, repo, draft("TM01", "A"))
	const n = 20
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			err := tx.InTx(ctx, func(ctx context.Context) error {
				if _, err := repo.Update(ctx, a.ID, func(l *listing.Listing) error { l.Stock++; return nil }); err != nil {
					return err
				}
				// A second write in the same transaction, as approve + apply does.
				_, err := repo.Update(ctx, a.ID, func(l *listing.Listing) error { l.Stock++; return nil })
				return err
			})
			if err != nil {
				t.Errorf("transaction %d: %v", i, err)
			}
		})
	}
	wg.Wait()
	got, _ := repo.Find(ctx, a.ID)
	if got.Stock != a.Stock+2*n || got.Version != a.Version+2*n {
		t.Fatalf("stock %d version %d, want %d and %d", got.Stock, got.Version, a.Stock+2*n, a.Version+2*n)
	}
}

func TestWritesJoinTransaction(t *testing.T) {
	ctx := context.Background()
	repo, tx := open(t)
	l := create(t, repo, draft("TM01", "SKU-1"))
	refused := domain.Errorf(domain.EFORBIDDEN, "approval.self_approval")
	err := tx.InTx(ctx, func(ctx context.Context) error {
		n := draft("TM01", "SKU-2")
		if err := repo.Create(ctx, &n); err != nil {
			return err
		}
		if _, err := repo.Update(ctx, l.ID, func(l *listing.Listing) error { l.Status = listing.StatusLive; return nil }); err != nil {
			return err
		}
		return refused
	})
	if err != refused {
		t.Fatalf("InTx = %v, want the function's error", err)
	}
	all, _ := repo.List(ctx, listing.Filter{})
	if len(all) != 1 || all[0].Status != listing.StatusDraft {
		t.Fatalf("after rollback List = %+v, want only the draft", all)
	}
}

func TestListAndListLive(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	live := func(store, sku, owner string) listing.Listing {
		l := draft(store, sku)
		l.Status, l.Owner, l.LiveSince = listing.StatusLive, owner, t0
		return l
	}
	create(t, repo, live("TM01", "B", "U1"))
	create(t, repo, draft("TM01", "C"))
	create(t, repo, live("JD01", "Z", "U2"))
	create(t, repo, live("TM01", "a", "U2"))
	delisted := draft("JD01", "X")
	delisted.Status = listing.StatusDelisted
	create(t, repo, delisted)

	cases := []struct {
		filter listing.Filter
		want   []string
	}{
		{listing.Filter{}, []string{"JD01/X", "JD01/Z", "TM01/a", "TM01/B", "TM01/C"}},
		{listing.Filter{Status: listing.StatusLive}, []string{"JD01/Z", "TM01/a", "TM01/B"}},
		{listing.Filter{StoreCode: "tm01"}, []string{"TM01/a", "TM01/B", "TM01/C"}},
		{listing.Filter{Owner: "U2"}, []string{"JD01/Z", "TM01/a"}},
		{listing.Filter{Status: listing.StatusLive, StoreCode: "TM01", Owner: "U1"}, []string{"TM01/B"}},
		{listing.Filter{Limit: 2}, []string{"JD01/X", "JD01/Z"}},
		{listing.Filter{Status: listing.StatusPendingReview}, []string{}},
	}
	for _, c := range cases {
		got, err := repo.List(ctx, c.filter)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(refs(got), c.want) {
			t.Errorf("List(%+v) = %v, want %v", c.filter, refs(got), c.want)
		}
	}
	got, err := repo.ListLive(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"JD01/Z", "TM01/a", "TM01/B"}; !slices.Equal(refs(got), want) {
		t.Errorf("ListLive = %v, want %v", refs(got), want)
	}
}

func TestMigrationsRunTwice(t *testing.T) {
	db := gormtest.Open(t, listingdb.Migrations())
	if err := gormdb.Migrate(context.Background(), db, listingdb.Migrations()); err != nil {
		t.Fatal(err)
	}
}
