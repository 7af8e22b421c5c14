package listing_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"storeops/domain"
	"storeops/domain/approval"
	"storeops/domain/audit"
	"storeops/domain/audit/auditdb"
	"storeops/domain/gormdb"
	"storeops/domain/gormdb/gormtest"
	"storeops/domain/listing"
	"storeops/domain/listing/listingdb"
	"storeops/domain/store"
)

// The service over the real repository (SQLite, or MariaDB with STOREOPS_TEST_MYSQL_DSN),
// with the lookups counted, so that the tests see how many queries a call makes.

var t0 = time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)

var assistant = domain.Actor{UserID: "U1", Roles: []domain.Role{domain.RoleAssistant}}

type countingRepo struct {
	listing.Repository
	bySKU, bySKUs atomic.Int32
}

func (r *countingRepo) FindBySKU(ctx context.Context, store, sku string) ([]listing.Listing, error) {
	r.bySKU.Add(1)
	return r.Repository.FindBySKU(ctx, store, sku)
}

func (r *countingRepo) FindBySKUs(ctx context.Context, store string, skus []string) ([]listing.Listing, error) {
	r.bySKUs.Add(1)
	return r.Repository.FindBySKUs(ctx, store, skus)
}

func (r *countingRepo) reset() { r.bySKU.Store(0); r.bySKUs.Store(0) }

// approvals files every submission as the next request id.
type approvals struct {
	n    int64
	subs []approval.Submission
}

func (a *approvals) Submit(_ context.Context, _ domain.Actor, s approval.Submission) (approval.Request, error) {
	a.n++
	a.subs = append(a.subs, s)
	return approval.Request{ID: a.n, Kind: s.Kind, Subject: s.Subject}, nil
}

type stores struct{}

func (stores) Find(_ context.Context, code string) (store.Store, error) {
	return store.Store{Code: code, Name: "Shop", Platform: "tmall"}, nil
}

type fixture struct {
	svc  *listing.Service
	repo *countingRepo
}

func newFixture(t *testing.T) fixture {
	t.Helper()
	db := gormtest.Open(t, listingdb.Migrations(), auditdb.Migrations())
	clock := domain.NewManualClock(t0)
	repo := &countingRepo{Repository: listingdb.New(db)}
	svc := listing.NewService(listing.Deps{Repo: repo, Tx: gormdb.NewTxRunner(db), Audit: audit.NewLog(auditdb.New(db), clock),
		Approvals: &approvals{}, Stores: stores{}, Clock: clock, Settings: listing.Settings{PriceChangePct: 20}})
	return fixture{svc: svc, repo: repo}
}

func (f fixture) add(t *testing.T, store, sku string, status listing.Status, stock int) listing.Listing {
	t.Helper()
	l := listing.Listing{StoreCode: store, SKU: sku, Title: "Red mug", Category: "Kitchen", Price: 10000, Stock: stock,
		Images: []string{"https://img.example.com/mug.jpg"}, Description: "A 350 ml red ceramic mug.",
		Status: status, Owner: "U1", CreatedAt: t0, UpdatedAt: t0, Version: 1}
	if err := f.repo.Create(context.Background(), &l); err != nil {
		t.Fatalf("create %s: %v", l.Ref(), err)
	}
	return l
}

func TestListed(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	mug := f.add(t, "TM01", "MUG-1", listing.StatusLive, 5)
	f.add(t, "JD01", "MUG-1", listing.StatusLive, 7)
	f.add(t, "TM01", "MUG-2", listing.StatusDelisted, 0)
	draft := f.add(t, "TM01", "Mug-3", listing.StatusDraft, 2)

	got, err := f.svc.Listed(ctx, "tm01", []string{"mug-1", "MUG-1", "MUG-2", "MUG-3", "NOPE", "mug-1"})
	if err != nil {
		t.Fatal(err)
	}
	// Keyed by the SKU as asked, whatever its case; delisted and unknown SKUs left out.
	want := map[string]int64{"mug-1": mug.ID, "MUG-1": mug.ID, "MUG-3": draft.ID}
	ids := map[string]int64{}
	for sku, l := range got {
		ids[sku] = l.ID
	}
	if !maps.Equal(ids, want) {
		t.Errorf("Listed = %v, want %v", ids, want)
	}
	if got["mug-1"].Stock != 5 || got["mug-1"].StoreCode != "TM01" {
		t.Errorf("Listed(mug-1) = %+v", got["mug-1"])
	}
	if n, m := f.repo.bySKUs.Load(), f.repo.bySKU.Load(); n != 1 || m != 0 {
		t.Errorf("Listed made %d batched and %d single lookups, want one batched", n, m)
	}

	// Across every store a SKU that two stores list is not one listing.
	all, err := f.svc.Listed(ctx, "", []string{"MUG-1", "MUG-3"})
	if err != nil {
		t.Fatal(err)
	}
	if got := slices.Sorted(maps.Keys(all)); !slices.Equal(got, []string{"MUG-3"}) {
		t.Errorf("Listed across stores = %v, want only MUG-3", got)
	}

	f.repo.reset()
	none, err := f.svc.Listed(ctx, "TM01", nil)
	if err != nil || len(none) != 0 || f.repo.bySKUs.Load() != 0 {
		t.Errorf("Listed(no SKUs) = %v, %v after %d lookups; want nothing without a query", none, err, f.repo.bySKUs.Load())
	}

	// Available follows the same rule, in the same one query.
	f.repo.reset()
	stock, err := f.svc.Available(ctx, "TM01", []string{"MUG-1", "mug-2", "MUG-3", "NOPE"})
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]int{"MUG-1": 5, "MUG-3": 2}; !maps.Equal(stock, want) {
		t.Errorf("Available = %v, want %v", stock, want)
	}
	if n, m := f.repo.bySKUs.Load(), f.repo.bySKU.Load(); n != 1 || m != 0 {
		t.Errorf("Available made %d batched and %d single lookups, want one batched", n, m)
	}
}

func TestReserveAndReleaseLookUpOnce(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	a := f.add(t, "TM01", "A-1", listing.StatusLive, 10)
	b := f.add(t, "TM01", "B-1", listing.StatusLive, 3)
	gone := f.add(t, "TM01", "C-1", listing.StatusDelisted, 0)

	taken, err := f.svc.Reserve(ctx, "TM01", map[string]int{"b-1": 2, "A-1": 4, "C-1": 1, "NOPE": 1, "ZERO": 0})
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]int{"A-1": 4, "b-1": 2}; !maps.Equal(taken, want) {
		t.Errorf("Reserve took %v, want %v", taken, want)
	}
	if n, m := f.repo.bySKUs.Load(), f.repo.bySKU.Load(); n != 1 || m != 0 {
		t.Errorf("Reserve made %d batched and %d single lookups, want one batched", n, m)
	}
	stockOf := func(l listing.Listing) int {
		t.Helper()
		got, err := f.svc.FindByID(ctx, l.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got.Stock
	}
	if sa, sb, sc := stockOf(a), stockOf(b), stockOf(gone); sa != 6 || sb != 1 || sc != 0 {
		t.Errorf("after Reserve stock A %d B %d C %d, want 6 1 0", sa, sb, sc)
	}

	f.repo.reset()
	if err := f.svc.Release(ctx, "TM01", map[string]int{"A-1": 4, "B-1": 2, "C-1": 1}); err != nil {
		t.Fatal(err)
	}
	if n, m := f.repo.bySKUs.Load(), f.repo.bySKU.Load(); n != 1 || m != 0 {
		t.Errorf("Release made %d batched and %d single lookups, want one batched", n, m)
	}
	if sa, sb, sc := stockOf(a), stockOf(b), stockOf(gone); sa != 10 || sb != 3 || sc != 0 {
		t.Errorf("after Release stock A %d B %d C %d, want 10 3 0 (a delisted listing keeps 0)", sa, sb, sc)
	}
}

// problem returns the one problem of an EINVALID error, failing otherwise.
func problem(t *testing.T, err error) domain.Problem {
	t.Helper()
	e, ok := domain.AsError(err)
	if !ok || e.Code != domain.EINVALID || len(e.Problems) != 1 {
		t.Fatalf("error %v, want EINVALID with one problem", err)
	}
	return e.Problems[0]
}

func TestUpdateFloorPrice(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	live := f.add(t, "TM01", "MUG-1", listing.StatusLive, 5) // price 100.00

	// Above the price: refused on the floor price's field, nothing saved.
	_, err := f.svc.Update(ctx, assistant, "MUG-1", map[string]string{"floor_price": "100.01"})
	if p := problem(t, err); p.Field != listing.FieldFloorPrice || p.Key != "listing.floor_price.above_price" ||
		fmt.Sprint(p.Args) != "[100.01 100.00]" {
		t.Errorf("floor above the price: %+v", p)
	}

	// A minor change on a live listing: applies at once and is audited.
	res, err := f.svc.Update(ctx, assistant, "MUG-1", map[string]string{"floor_price": "90"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Listing.FloorPrice != 9000 || res.ApprovalID != 0 || len(res.Held) != 0 ||
		!slices.Equal(res.Applied, []listing.FieldChange{{Field: "floor_price", Before: "", After: "90.00"}}) {
		t.Errorf("floor 90: %+v", res)
	}
	history, err := f.svc.History(ctx, live, 10)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(history); n != 1 || history[0].Action != "listing.update" ||
		!slices.Contains(history[0].Changes(), audit.Change{Field: "floor_price", Before: "", After: "90.00"}) {
		t.Errorf("audit = %+v", history)
	}

	// A price lowered below the floor is refused, whether it applies (minor) or waits for
	// approval (major, checked against the price it would set).
	for _, price := range []string{"85", "50"} {
		_, err = f.svc.Update(ctx, assistant, "MUG-1", map[string]string{"price": price})
		if p := problem(t, err); p.Key != "listing.floor_price.above_price" || p.Field != listing.FieldFloorPrice {
			t.Errorf("price %s under the floor: %+v", price, p)
		}
	}
	// Both in one update: the floor applies and the major price move waits, consistent.
	res, err = f.svc.Update(ctx, assistant, "MUG-1", map[string]string{"price": "50", "floor_price": "40"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Listing.FloorPrice != 4000 || res.Listing.Price != 10000 || res.ApprovalID == 0 || len(res.Held) != 1 {
		t.Errorf("floor 40 price 50: %+v", res)
	}
	// While 50.00 waits, a floor above it (though under the current price) would be broken
	// by the approval.
	_, err = f.svc.Update(ctx, assistant, "MUG-1", map[string]string{"floor_price": "60"})
	if p := problem(t, err); p.Key != "listing.floor_price.above_pending_price" ||
		fmt.Sprint(p.Args) != fmt.Sprint([]any{"60.00", "50.00", res.ApprovalID}) {
		t.Errorf("floor above the pending price: %+v", p)
	}

	// Empty removes the floor.
	res, err = f.svc.Update(ctx, assistant, "MUG-1", map[string]string{"floor_price": ""})
	if err != nil {
		t.Fatal(err)
	}
	if res.Listing.FloorPrice != 0 || !slices.Equal(res.Applied, []listing.FieldChange{{Field: "floor_price", Before: "40.00", After: ""}}) {
		t.Errorf("removing the floor: %+v", res)
	}

	// On a draft too, with the price changed in the same update.
	f.add(t, "TM01", "MUG-2", listing.StatusDraft, 5)
	res, err = f.svc.Update(ctx, assistant, "MUG-2", map[string]string{"price": "20", "floor_price": "19.99"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Listing.Price != 2000 || res.Listing.FloorPrice != 1999 || len(res.Applied) != 2 {
		t.Errorf("draft: %+v", res)
	}
	_, err = f.svc.Update(ctx, assistant, "MUG-2", map[string]string{"floor_price": "abc"})
	if p := problem(t, err); p.Key != "listing.floor_price.invalid" {
		t.Errorf("floor abc: %+v", p)
	}
}

func TestSubmitKeepsFloorPrice(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.add(t, "TM01", "MUG-1", listing.StatusDraft, 5)
	in := listing.Input{Store: "TM01", SKU: "MUG-1", Title: "Red mug", Category: "Kitchen", Keywords: "mug", Price: "100",
		FloorPrice: "75.5", Stock: "5", Images: "https://img.example.com/mug.jpg", Description: "A 350 ml red ceramic mug."}
	l, err := f.svc.Submit(ctx, assistant, in)
	if err != nil {
		t.Fatal(err)
	}
	if l.FloorPrice != 7550 || l.Status != listing.StatusPendingReview {
		t.Errorf("submitted: floor %v status %s", l.FloorPrice, l.Status)
	}
	in.FloorPrice = "100.50"
	if _, err := f.svc.Submit(ctx, assistant, in); problem(t, err).Key != "listing.floor_price.above_price" {
		t.Errorf("submit with the floor above the price: %v", err)
	}
}
