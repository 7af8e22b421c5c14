package aftersaledb_test

import (
	"context"
	"reflect"
	"sync"
	"testing"
	"time"

	"storeops/domain"
	"storeops/domain/aftersale"
	"storeops/domain/aftersale/aftersaledb"
	"storeops/domain/gormdb"
	"storeops/domain/gormdb/gormtest"
)

var t0 = time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)

func open(t *testing.T) (*aftersaledb.Repo, *gormdb.TxRunner) {
	t.Helper()
	db := gormtest.Open(t, aftersaledb.Migrations())
	return aftersaledb.New(db), gormdb.NewTxRunner(db)
}

func newCase(orderID int64, amount domain.Money) aftersale.Case {
	return aftersale.Case{OrderID: orderID, OrderRef: "TM01/P-1", StoreCode: "TM01", Type: aftersale.TypeReturn,
		Lines: []aftersale.Line{{SKU: "MUG-1", Quantity: 1}}, Amount: amount, Paid: 12990, Reason: "broken 破损",
		Owner: "U1", Status: aftersale.StatusRequested, MovedBy: "U1", MovedAt: t0, CreatedAt: t0, UpdatedAt: t0, Version: 1}
}

func TestCreateFindRoundTrip(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	c := aftersale.Case{OrderID: 9, OrderRef: "TM01/P-9", StoreCode: "TM01", Type: aftersale.TypeExchange,
		Lines: []aftersale.Line{{SKU: "MUG-1", Quantity: 2}, {SKU: "杯子", Quantity: 1}}, Amount: 0, Paid: 12990,
		Reason: "wrong colour", Demand: "想换蓝色", Evidence: []string{"https://img.example.com/1.jpg"}, Owner: "U1",
		Status: aftersale.StatusAwaitingReturn, ApprovalID: 4, AutoApproved: true, Threshold: 50000, RejectReason: "r",
		CustomerText: "told", ReceivedBy: "U2", ReceivedAt: t0.Add(time.Hour), StockBy: "U3", StockAt: t0.Add(2 * time.Hour),
		MovedBy: "U2", MovedAt: t0.Add(time.Hour + 1500), CreatedAt: t0, UpdatedAt: t0.Add(time.Hour), Version: 3}
	if err := repo.Create(ctx, &c); err != nil || c.ID == 0 {
		t.Fatalf("Create: %v, id %d", err, c.ID)
	}
	got, err := repo.Find(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := c
	want.MovedAt = c.MovedAt.Truncate(time.Microsecond)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Find =\n%+v\nwant\n%+v", got, want)
	}
	if _, err := repo.Find(ctx, 999); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("unknown case: %v", err)
	}
}

func TestUpdateSavesOrNothing(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	c := newCase(1, 5000)
	if err := repo.Create(ctx, &c); err != nil {
		t.Fatal(err)
	}
	after, err := repo.Update(ctx, c.ID, func(x *aftersale.Case) error { x.Status = aftersale.StatusApproved; return nil })
	if err != nil || after.Status != aftersale.StatusApproved || after.Version != 2 {
		t.Fatalf("Update: %v %+v", err, after)
	}
	refused := domain.Errorf(domain.ECONFLICT, "aftersale.move.illegal")
	if _, err := repo.Update(ctx, c.ID, func(x *aftersale.Case) error { x.Status = aftersale.StatusClosed; return refused }); err != refused {
		t.Fatalf("fn's error should come back unchanged: %v", err)
	}
	if got, _ := repo.Find(ctx, c.ID); got.Status != aftersale.StatusApproved || got.Version != 2 {
		t.Errorf("a refused update saved: %+v", got)
	}
	if _, err := repo.Update(ctx, 999, func(*aftersale.Case) error { return nil }); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("unknown case: %v", err)
	}
}

// TestConcurrentUpdatesQueue moves one case from many goroutines at once: the row lock makes
// them take turns, so every move is kept.
func TestConcurrentUpdatesQueue(t *testing.T) {
	ctx := context.Background()
	repo, tx := open(t)
	c := newCase(1, 0)
	if err := repo.Create(ctx, &c); err != nil {
		t.Fatal(err)
	}
	const n = 8
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for range n {
		wg.Go(func() {
			errs <- tx.InTx(ctx, func(ctx context.Context) error {
				_, err := repo.Update(ctx, c.ID, func(x *aftersale.Case) error { x.Lines[0].Quantity++; return nil })
				return err
			})
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if got, _ := repo.Find(ctx, c.ID); got.Lines[0].Quantity != 1+n || got.Version != 1+n {
		t.Errorf("after %d updates: %+v", n, got)
	}
}

func TestListByOrderAndFilters(t *testing.T) {
	ctx := context.Background()
	repo, tx := open(t)
	mk := func(orderID int64, owner string, s aftersale.Status, moved time.Time) aftersale.Case {
		c := newCase(orderID, 100)
		c.Owner, c.Status, c.MovedAt = owner, s, moved
		if err := repo.Create(ctx, &c); err != nil {
			t.Fatal(err)
		}
		return c
	}
	a := mk(1, "U1", aftersale.StatusApproved, t0)
	b := mk(1, "U2", aftersale.StatusClosed, t0)
	c := mk(2, "U1", aftersale.StatusReceived, t0.Add(48*time.Hour))
	d := mk(2, "U2", aftersale.StatusRejected, t0)
	err := tx.InTx(ctx, func(ctx context.Context) error {
		got, err := repo.ListByOrder(ctx, 1)
		if err != nil {
			return err
		}
		if len(got) != 2 || got[0].ID != a.ID || got[1].ID != b.ID {
			t.Errorf("ListByOrder(1) = %v", got)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	ids := func(f aftersale.Filter) []int64 {
		got, err := repo.List(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		out := []int64{}
		for _, x := range got {
			out = append(out, x.ID)
		}
		return out
	}
	for _, tc := range []struct {
		f    aftersale.Filter
		want []int64
	}{
		{aftersale.Filter{}, []int64{d.ID, c.ID, b.ID, a.ID}},
		{aftersale.Filter{OpenOnly: true}, []int64{c.ID, a.ID}},
		{aftersale.Filter{OpenOnly: true, Owner: "U1"}, []int64{c.ID, a.ID}},
		{aftersale.Filter{Owner: "U2"}, []int64{d.ID, b.ID}},
		{aftersale.Filter{OpenOnly: true, MovedBefore: t0.Add(24 * time.Hour)}, []int64{a.ID}},
		{aftersale.Filter{Limit: 1}, []int64{d.ID}},
	} {
		if got := ids(tc.f); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("List(%+v) = %v, want %v", tc.f, got, tc.want)
		}
	}
}
