package orderdb_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"storeops/domain"
	"storeops/domain/gormdb"
	"storeops/domain/gormdb/gormtest"
	"storeops/domain/order"
	"storeops/domain/order/orderdb"
)

var t0 = time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)

func open(t *testing.T) (*orderdb.Repo, *gormdb.TxRunner) {
	t.Helper()
	db := gormtest.Open(t, orderdb.Migrations())
	return orderdb.New(db), gormdb.NewTxRunner(db)
}

// held is a plain paid order of store received at t0.
func held(store, pid string) order.Order {
	return order.Order{
		StoreCode: store, PlatformOrderID: pid,
		Buyer:   order.Buyer{Name: "张三", Phone: "13800138000", PlatformID: "buyer-" + pid},
		Address: order.Address{Province: "浙江省", City: "杭州市", District: "西湖区", Street: "文三路 " + pid + " 号", Postcode: "310000"},
		Items:   []order.Item{{SKU: "MUG-1", Quantity: 2, UnitPrice: 1250}},
		Amounts: order.Amounts{Goods: 2500, Shipping: 800, Paid: 3300}, PaymentMethod: "alipay",
		PaymentStatus: order.PaymentPaid, PlacedAt: t0.Add(-time.Hour), PaidAt: t0.Add(-50 * time.Minute),
		Status: order.StatusHeld, ReceivedAt: t0, UpdatedAt: t0, Fingerprint: "fp-" + pid, Version: 1,
	}
}

func create(t *testing.T, repo *orderdb.Repo, o order.Order) order.Order {
	t.Helper()
	if err := repo.Create(context.Background(), &o); err != nil {
		t.Fatalf("Create %s: %v", o.Ref(), err)
	}
	if o.ID == 0 {
		t.Fatal("Create did not set the ID")
	}
	return o
}

func refs(os []order.Order) []string {
	out := []string{}
	for _, o := range os {
		out = append(out, o.Ref())
	}
	return out
}

func wantErr(t *testing.T, what string, err error, code, key string, args ...any) {
	t.Helper()
	e, ok := domain.AsError(err)
	if !ok || e.Code != code || e.Key != key || !reflect.DeepEqual(e.Args, args) {
		t.Fatalf("%s = %v, want %s %s %v", what, err, code, key, args)
	}
}

func TestCreateFindRoundTrip(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	cst := time.FixedZone("CST", 8*3600)
	o := order.Order{
		StoreCode: "TM01", PlatformOrderID: "2026112912345678",
		Buyer:   order.Buyer{Name: "李四 🐱", Phone: "+86 138-0013-8000", PlatformID: "tb_lisi"},
		Address: order.Address{Province: "广东省", City: "深圳市", District: "南山区", Street: "科技园 1 栋 2 单元\n301", Postcode: "518000"},
		Items: []order.Item{{SKU: "MUG-1", Quantity: 2, UnitPrice: 1250},
			{SKU: "杯垫", Quantity: 1, UnitPrice: 1_000_000_000_000}},
		Amounts:       order.Amounts{Goods: 1_000_000_002_500, Shipping: 800, Discount: -300, Paid: 1_000_000_003_000},
		PaymentMethod: "alipay", PaymentStatus: order.PaymentRefundRequested,
		BuyerRemark: "请周末送货 ☎", ServiceRemark: "VIP",
		PlacedAt: t0.Add(-2 * time.Hour), PaidAt: t0.Add(-time.Hour + 1500),
		Status: order.StatusShipped,
		Flags: []order.Flag{{Check: "duplicate", Severity: order.SeverityHold, Key: "order.check.duplicate", Args: []string{"TM01/1"}},
			{Check: "remark", Severity: order.SeverityAlert, Key: "order.check.remark"}},
		Notes:   []order.Note{{By: "U1", Text: "called, confirmed 确认", At: time.Date(2026, 11, 29, 18, 0, 0, 123456789, cst)}},
		Carrier: "SF", TrackingNo: "SF1234567890", DecidedBy: "U9", DecidedAt: t0.Add(2 * time.Minute), CancelReason: "买家要求取消",
		ReceivedAt: t0, ReleasedAt: t0.Add(time.Minute), HandedOffAt: t0.Add(10 * time.Minute), ShippedAt: t0.Add(time.Hour), UpdatedAt: t0.Add(time.Hour),
		Fingerprint: strings.Repeat("ab", 32), Version: 3,
	}
	// A field added to order.Order must be added here, and so to toRow and fromRow.
	v := reflect.ValueOf(o)
	for i := range v.NumField() {
		if name := v.Type().Field(i).Name; name != "ID" && v.Field(i).IsZero() {
			t.Errorf("order.Order.%s is not set in this round trip; store it in orderRow", name)
		}
	}
	o = create(t, repo, o)
	got, err := repo.Find(ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := o
	want.PaidAt = o.PaidAt.Truncate(time.Microsecond)
	want.Notes = []order.Note{{By: "U1", Text: "called, confirmed 确认", At: time.Date(2026, 11, 29, 10, 0, 0, 123456000, time.UTC)}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Find =\n%+v\nwant\n%+v", got, want)
	}
	if o.Notes[0].At.Location() != cst {
		t.Error("Create changed the caller's notes")
	}
	byPID, err := repo.FindByPlatformID(ctx, "TM01", "2026112912345678")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(byPID, want) {
		t.Fatalf("FindByPlatformID =\n%+v\nwant\n%+v", byPID, want)
	}
}

func TestZeroValuesRoundTrip(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	o := create(t, repo, order.Order{StoreCode: "TM01", PlatformOrderID: "P0", Status: order.StatusHeld, Items: []order.Item{}})
	got, err := repo.Find(ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.PlacedAt.IsZero() || !got.PaidAt.IsZero() || !got.DecidedAt.IsZero() || !got.ReceivedAt.IsZero() || !got.ReleasedAt.IsZero() ||
		!got.ShippedAt.IsZero() || !got.UpdatedAt.IsZero() {
		t.Errorf("unset times came back set: %+v", got)
	}
	if got.Items == nil || len(got.Items) != 0 || got.Flags != nil || got.Notes != nil {
		t.Errorf("items %#v flags %#v notes %#v: want empty, nil, nil", got.Items, got.Flags, got.Notes)
	}
	if !reflect.DeepEqual(got, o) {
		t.Errorf("Find =\n%+v\nwant\n%+v", got, o)
	}
}

func TestCreateDuplicateConflicts(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	first := create(t, repo, held("TM01", "P1"))
	create(t, repo, held("JD01", "P1")) // another store may have the platform id
	again := held("TM01", "P1")
	again.Buyer.Name = "someone else"
	err := repo.Create(ctx, &again)
	wantErr(t, "Create TM01/P1 again", err, domain.ECONFLICT, "order.exists", "TM01/P1")
	if again.ID != 0 {
		t.Errorf("refused Create set the ID to %d", again.ID)
	}
	got, _ := repo.FindByPlatformID(ctx, "TM01", "P1")
	if got.ID != first.ID || got.Buyer.Name != first.Buyer.Name {
		t.Errorf("after the refused Create: %+v", got)
	}
}

func TestConcurrentCreateSameOrder(t *testing.T) {
	// A platform delivering the same order to several replicas at once.
	ctx := context.Background()
	repo, _ := open(t)
	const n = 8
	var ok, conflict atomic.Int32
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			o := held("TM01", "P1")
			o.BuyerRemark = fmt.Sprint(i)
			err := repo.Create(ctx, &o)
			switch {
			case err == nil:
				ok.Add(1)
			case domain.ErrorCode(err) == domain.ECONFLICT:
				conflict.Add(1)
			default:
				t.Errorf("Create %d: %v", i, err)
			}
		})
	}
	wg.Wait()
	if ok.Load() != 1 || conflict.Load() != n-1 {
		t.Fatalf("%d created, %d conflicts; want 1 and %d", ok.Load(), conflict.Load(), n-1)
	}
	all, err := repo.List(ctx, order.Filter{StoreCode: "TM01"})
	if err != nil || len(all) != 1 {
		t.Fatalf("List = %v, %v; want one order", refs(all), err)
	}
}

func TestFindUnknown(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	create(t, repo, held("TM01", "P1"))
	_, err := repo.Find(ctx, 404)
	wantErr(t, "Find(404)", err, domain.ENOTFOUND, "order.not_found", int64(404))
	_, err = repo.FindByPlatformID(ctx, "TM01", "NOPE")
	wantErr(t, "FindByPlatformID(TM01, NOPE)", err, domain.ENOTFOUND, "order.not_found", "TM01/NOPE")
	_, err = repo.FindByPlatformID(ctx, "JD01", "P1")
	wantErr(t, "FindByPlatformID(JD01, P1)", err, domain.ENOTFOUND, "order.not_found", "JD01/P1")
	_, err = repo.Update(ctx, 404, func(*order.Order) error { t.Error("fn called for a missing order"); return nil })
	wantErr(t, "Update(404)", err, domain.ENOTFOUND, "order.not_found", int64(404))
}

func TestFindByPlatformIDs(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	p1 := create(t, repo, held("TM01", "P1"))
	p2 := create(t, repo, held("TM01", "P2"))
	create(t, repo, held("JD01", "P3"))
	got, err := repo.FindByPlatformIDs(ctx, "TM01", []string{"P1", "P2", "P3", "NOPE", "P1"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got["P1"].ID != p1.ID || got["P2"].ID != p2.ID {
		t.Errorf("FindByPlatformIDs(TM01, P1 P2 P3 NOPE) = %v, want P1 and P2 of TM01 only", got)
	}
	if got["P1"].Fingerprint != p1.Fingerprint || len(got["P1"].Items) != len(p1.Items) {
		t.Errorf("P1 came back as %+v, want the stored order %+v", got["P1"], p1)
	}
	none, err := repo.FindByPlatformIDs(ctx, "TM01", nil)
	if err != nil || len(none) != 0 {
		t.Errorf("FindByPlatformIDs(no ids) = %v, %v; want empty", none, err)
	}
}

func TestUpdate(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	o := create(t, repo, held("TM01", "P1"))
	saved, err := repo.Update(ctx, o.ID, func(o *order.Order) error {
		o.Status, o.ReleasedAt, o.UpdatedAt = order.StatusReleased, t0.Add(time.Hour), t0.Add(time.Hour)
		o.Flags = []order.Flag{{Check: "remark", Severity: order.SeverityAlert, Key: "order.check.remark"}}
		o.Notes = append(o.Notes, order.Note{By: "U2", Text: "ok", At: t0.Add(time.Hour)})
		o.Buyer.Phone = "139 0000 0000"
		o.ID, o.Version = 999, 999 // neither is fn's to change
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if saved.ID != o.ID || saved.Version != o.Version+1 || saved.Status != order.StatusReleased {
		t.Fatalf("Update = %+v, want id %d version %d released", saved, o.ID, o.Version+1)
	}
	got, err := repo.Find(ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, saved) {
		t.Fatalf("Find after Update =\n%+v\nwant\n%+v", got, saved)
	}
	if !got.UpdatedAt.Equal(t0.Add(time.Hour)) || !got.ReceivedAt.Equal(t0) {
		t.Errorf("times: received %v updated %v; the repository must not set them itself", got.ReceivedAt, got.UpdatedAt)
	}
	// The normalised phone follows the change.
	if found, _ := repo.List(ctx, order.Filter{Phone: "13900000000"}); !slices.Equal(refs(found), []string{"TM01/P1"}) {
		t.Errorf("List by the new phone = %v", refs(found))
	}
	if found, _ := repo.List(ctx, order.Filter{Phone: "13800138000"}); len(found) != 0 {
		t.Errorf("List by the old phone = %v, want none", refs(found))
	}
}

func TestUpdateFnErrorSavesNothing(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	o := create(t, repo, held("TM01", "P1"))
	errIllegal := errors.New("illegal move")
	_, err := repo.Update(ctx, o.ID, func(o *order.Order) error {
		o.Status = order.StatusShipped
		o.Carrier = "SF"
		return fmt.Errorf("ship: %w", errIllegal)
	})
	if !errors.Is(err, errIllegal) || err.Error() != "ship: illegal move" {
		t.Fatalf("Update = %v, want fn's error unchanged", err)
	}
	domainErr := domain.Errorf(domain.EINVALID, "order.not_held")
	if _, err := repo.Update(ctx, o.ID, func(*order.Order) error { return domainErr }); err != domainErr {
		t.Fatalf("Update = %v, want fn's domain error itself", err)
	}
	got, _ := repo.Find(ctx, o.ID)
	if !reflect.DeepEqual(got, o) {
		t.Fatalf("after the failed updates:\n%+v\nwant unchanged\n%+v", got, o)
	}
}

func TestUpdateOntoTakenPlatformIDConflicts(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	create(t, repo, held("TM01", "P1"))
	o := create(t, repo, held("TM01", "P2"))
	_, err := repo.Update(ctx, o.ID, func(o *order.Order) error { o.PlatformOrderID = "P1"; return nil })
	wantErr(t, "Update onto P1", err, domain.ECONFLICT, "order.exists", "TM01/P1")
	if got, _ := repo.Find(ctx, o.ID); got.PlatformOrderID != "P2" || got.Version != o.Version {
		t.Errorf("after the refused update: %s version %d", got.Ref(), got.Version)
	}
}

func TestConcurrentUpdatesAllLand(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	o := create(t, repo, held("TM01", "P1"))
	const n = 20
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			_, err := repo.Update(ctx, o.ID, func(o *order.Order) error {
				o.Notes = append(o.Notes, order.Note{By: fmt.Sprintf("U%d", i), Text: "called", At: t0})
				return nil
			})
			if err != nil {
				t.Errorf("Update %d: %v", i, err)
			}
		})
	}
	wg.Wait()
	got, err := repo.Find(ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Notes) != n || got.Version != o.Version+n {
		t.Fatalf("after %d updates: %d notes, version %d; want %d and %d", n, len(got.Notes), got.Version, n, o.Version+n)
	}
}

func TestWritesJoinTransaction(t *testing.T) {
	ctx := context.Background()
	repo, tx := open(t)
	o := create(t, repo, held("TM01", "P1"))
	refused := domain.Errorf(domain.EFORBIDDEN, "error.forbidden")
	err := tx.InTx(ctx, func(ctx context.Context) error {
		n := held("TM01", "P2")
		if err := repo.Create(ctx, &n); err != nil {
			return err
		}
		if _, err := repo.Update(ctx, o.ID, func(o *order.Order) error { o.Status = order.StatusReleased; return nil }); err != nil {
			return err
		}
		// Reads in the transaction see its writes.
		if _, err := repo.FindByPlatformID(ctx, "TM01", "P2"); err != nil {
			return err
		}
		return refused
	})
	if err != refused {
		t.Fatalf("InTx = %v, want the function's error", err)
	}
	all, _ := repo.List(ctx, order.Filter{})
	if len(all) != 1 || all[0].Status != order.StatusHeld {
		t.Fatalf("after rollback List = %v, want only the held P1", refs(all))
	}
}

func TestRecent(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	since := t0.Add(-24 * time.Hour)
	// o is the order under review; every other order differs from it in all three keys
	// except the one its name says.
	o := held("TM01", "SELF")
	o.Buyer = order.Buyer{Name: "王五", Phone: "138-0013-8000", PlatformID: "tb_wangwu"}
	o.Address = order.Address{Province: "浙江省", City: "杭州市", District: "西湖区", Street: "文三路 90 号 Room A"}
	o = create(t, repo, o)
	other := func(store, pid string, received time.Time) order.Order {
		x := held(store, pid)
		x.Buyer = order.Buyer{Name: "王五", Phone: "13900000000", PlatformID: "tb_" + pid}
		x.Address = order.Address{Province: "江苏省", City: "南京市", District: "玄武区", Street: pid}
		x.ReceivedAt = received
		return x
	}
	byPhone := other("TM01", "phone", t0.Add(-time.Hour))
	byPhone.Buyer.Phone = "+86 13800138000"
	byBuyer := other("TM01", "buyer", t0.Add(-2*time.Hour))
	byBuyer.Buyer.PlatformID = "tb_wangwu"
	byAddress := other("TM01", "address", t0.Add(-3*time.Hour))
	byAddress.Address = order.Address{Province: "浙江", Street: "杭州市西湖区文三路９０号，ROOM A", Postcode: "999999"}
	atSince := other("TM01", "at-since", since)
	atSince.Buyer.Phone = "13800138000"
	old := other("TM01", "old", since.Add(-time.Microsecond))
	old.Buyer.Phone = "13800138000"
	elsewhere := other("JD01", "elsewhere", t0)
	elsewhere.Buyer.Phone, elsewhere.Buyer.PlatformID, elsewhere.Address = o.Buyer.Phone, o.Buyer.PlatformID, o.Address
	unrelated := other("TM01", "unrelated", t0)
	unrelated.Buyer.Name = o.Buyer.Name // the name is no key
	for _, x := range []order.Order{byPhone, byBuyer, byAddress, atSince, old, elsewhere, unrelated} {
		create(t, repo, x)
	}

	got, err := repo.Recent(ctx, o, since)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"TM01/phone", "TM01/buyer", "TM01/address", "TM01/at-since"}; !slices.Equal(refs(got), want) {
		t.Errorf("Recent = %v, want %v", refs(got), want)
	}
	all, err := repo.Recent(ctx, o, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"TM01/phone", "TM01/buyer", "TM01/address", "TM01/at-since", "TM01/old"}; !slices.Equal(refs(all), want) {
		t.Errorf("Recent since ever = %v, want %v", refs(all), want)
	}

	// An order not stored yet (ID 0) finds the others but not an earlier delivery of itself.
	fresh := o
	fresh.ID = 0
	if got, _ := repo.Recent(ctx, fresh, since); slices.Contains(refs(got), "TM01/SELF") || len(got) != 4 {
		t.Errorf("Recent of an unsaved copy = %v", refs(got))
	}
	// Each key alone.
	for _, c := range []struct {
		name string
		edit func(*order.Order)
		want []string
	}{
		{"phone only", func(x *order.Order) { x.Buyer.PlatformID, x.Address = "", order.Address{} }, []string{"TM01/phone", "TM01/at-since"}},
		{"buyer only", func(x *order.Order) { x.Buyer.Phone, x.Address = "", order.Address{} }, []string{"TM01/buyer"}},
		{"address only", func(x *order.Order) { x.Buyer.Phone, x.Buyer.PlatformID = "", "" }, []string{"TM01/address"}},
		{"no keys", func(x *order.Order) {
			x.Buyer, x.Address = order.Buyer{Name: "王五"}, order.Address{Postcode: "310000"}
		}, []string{}},
	} {
		x := o
		c.edit(&x)
		got, err := repo.Recent(ctx, x, since)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(refs(got), c.want) {
			t.Errorf("Recent by %s = %v, want %v", c.name, refs(got), c.want)
		}
	}
	// Orders without a phone or address do not all match one another.
	bare1 := create(t, repo, order.Order{StoreCode: "XX01", PlatformOrderID: "B1", ReceivedAt: t0})
	create(t, repo, order.Order{StoreCode: "XX01", PlatformOrderID: "B2", ReceivedAt: t0})
	if got, _ := repo.Recent(ctx, bare1, since); len(got) != 0 {
		t.Errorf("Recent of an order without keys = %v, want none", refs(got))
	}
}

func TestList(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	mk := func(store, pid string, status order.Status, phone, name string, received time.Duration) {
		o := held(store, pid)
		o.Status, o.Buyer.Phone, o.Buyer.Name, o.ReceivedAt = status, phone, name, t0.Add(received)
		create(t, repo, o)
	}
	mk("TM01", "A", order.StatusHeld, "138 0013 8000", "张三", 1*time.Minute)
	mk("TM01", "B", order.StatusReleased, "13800138000", "李四", 2*time.Minute)
	mk("TM01", "C", order.StatusHeld, "13900000000", "张三", 3*time.Minute)
	mk("JD01", "A", order.StatusHeld, "+86 138-0013-8000", "张三", 4*time.Minute)
	mk("JD01", "D", order.StatusShipped, "", "王五", 0)

	cases := []struct {
		filter order.Filter
		want   []string
	}{
		{order.Filter{}, []string{"JD01/A", "TM01/C", "TM01/B", "TM01/A", "JD01/D"}},
		{order.Filter{StoreCode: "TM01"}, []string{"TM01/C", "TM01/B", "TM01/A"}},
		{order.Filter{Status: order.StatusHeld}, []string{"JD01/A", "TM01/C", "TM01/A"}},
		{order.Filter{StoreCode: "TM01", Status: order.StatusHeld}, []string{"TM01/C", "TM01/A"}},
		{order.Filter{Phone: "138-0013-8000"}, []string{"JD01/A", "TM01/B", "TM01/A"}},
		{order.Filter{Phone: "138-0013-8000", StoreCode: "TM01"}, []string{"TM01/B", "TM01/A"}},
		{order.Filter{Phone: "0086 138 0013 8000"}, []string{"JD01/A", "TM01/B", "TM01/A"}},
		{order.Filter{Phone: "none"}, []string{}},
		{order.Filter{BuyerName: "张三"}, []string{"JD01/A", "TM01/C", "TM01/A"}},
		{order.Filter{BuyerName: "张三", StoreCode: "TM01", Phone: "13900000000"}, []string{"TM01/C"}},
		{order.Filter{PlatformOrderID: "A"}, []string{"JD01/A", "TM01/A"}},
		{order.Filter{PlatformOrderID: "A", StoreCode: "JD01"}, []string{"JD01/A"}},
		{order.Filter{Limit: 2}, []string{"JD01/A", "TM01/C"}},
		{order.Filter{Status: order.StatusCancelled}, []string{}},
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
}

func TestListLimits(t *testing.T) {
	ctx := context.Background()
	repo, tx := open(t)
	const n = orderdb.MaxLimit + 5
	err := tx.InTx(ctx, func(ctx context.Context) error {
		for i := range n {
			o := order.Order{StoreCode: "TM01", PlatformOrderID: fmt.Sprintf("P%04d", i), Status: order.StatusHeld,
				ReceivedAt: t0.Add(time.Duration(i) * time.Second)}
			if err := repo.Create(ctx, &o); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ limit, want int }{{0, orderdb.DefaultLimit}, {-1, orderdb.DefaultLimit}, {7, 7},
		{orderdb.MaxLimit, orderdb.MaxLimit}, {orderdb.MaxLimit + 1, orderdb.MaxLimit}, {1 << 30, orderdb.MaxLimit}} {
		got, err := repo.List(ctx, order.Filter{Limit: c.limit})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != c.want {
			t.Errorf("List(limit %d) = %d orders, want %d", c.limit, len(got), c.want)
			continue
		}
		if first := fmt.Sprintf("TM01/P%04d", n-1); got[0].Ref() != first {
			t.Errorf("List(limit %d) starts at %s, want the newest %s", c.limit, got[0].Ref(), first)
		}
	}
}

func TestMigrations(t *testing.T) {
	db := gormtest.Open(t, orderdb.Migrations())
	if err := gormdb.Migrate(context.Background(), db, orderdb.Migrations()); err != nil {
		t.Fatalf("second run: %v", err)
	}
	var ids []string
	for _, m := range orderdb.Migrations() {
		ids = append(ids, m.ID)
	}
	if want := []string{"2026112908_orders", "2026112909_order_rules", "2026112910_blacklist",
		"2026112913_order_handed_off_at", "2026112914_warehouse_webhooks", "2026112920_order_key_time_indexes",
		"2026113050_orders_status_store"}; !slices.Equal(ids, want) {
		t.Errorf("migration IDs %v, want %v", ids, want)
	}
	for _, idx := range []struct{ table, name string }{
		{"orders", "ux_orders_store_platform_id"}, {"orders", "idx_orders_store_status"},
		{"orders", "idx_orders_store_phone_received"}, {"orders", "idx_orders_store_buyer_received"},
		{"orders", "idx_orders_store_address_received"}, {"orders", "idx_orders_store_received"},
		{"orders", "idx_orders_status_store"},
		{"order_blacklist", "ux_order_blacklist_store_kind_value"},
	} {
		if !db.Migrator().HasIndex(idx.table, idx.name) {
			t.Errorf("index %s on %s missing", idx.name, idx.table)
		}
	}
	// The key indexes with the time replace those without: each would only slow the writes.
	for _, name := range []string{"idx_orders_store_phone", "idx_orders_store_buyer", "idx_orders_store_address"} {
		if db.Migrator().HasIndex("orders", name) {
			t.Errorf("index %s on orders still there", name)
		}
	}
	if !db.Migrator().HasTable("order_rule_sets") {
		t.Error("order_rule_sets missing")
	}
	if os.Getenv(gormtest.MySQLEnv) == "" {
		return
	}
	var cols []struct{ TableName, ColumnName, DataType, ColumnType, IsNullable string }
	err := db.Raw(`SELECT table_name AS table_name, column_name AS column_name, data_type AS data_type,
		column_type AS column_type, is_nullable AS is_nullable FROM information_schema.columns
		WHERE table_schema = DATABASE() AND table_name IN ('orders', 'order_rule_sets', 'order_blacklist')`).Scan(&cols).Error
	if err != nil {
		t.Fatal(err)
	}
	money := map[string]bool{"goods_amount": true, "shipping_amount": true, "discount_amount": true, "paid_amount": true}
	seen := 0
	for _, c := range cols {
		switch {
		case c.DataType == "datetime":
			seen++
			if c.ColumnType != "datetime(6)" || c.IsNullable != "YES" {
				t.Errorf("%s.%s is %s nullable=%s, want datetime(6) NULL", c.TableName, c.ColumnName, c.ColumnType, c.IsNullable)
			}
		case money[c.ColumnName]:
			seen++
			if c.DataType != "bigint" {
				t.Errorf("%s.%s is %s, want bigint", c.TableName, c.ColumnName, c.ColumnType)
			}
		}
	}
	if seen != 4+8+1+1 { // orders: 8 times, handed_off_at included
		t.Errorf("found %d datetime and money columns, want 14", seen)
	}
}
