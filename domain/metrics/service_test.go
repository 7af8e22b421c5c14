package metrics

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"storeops/domain"
	"storeops/domain/audit"
	"storeops/domain/order"
	"storeops/domain/store"
)

// The service against fakes of its ports: what it stores, when it writes nothing, what it
// audits. metricsdb's tests cover the storage, e2e_metrics_test.go the whole path.

type memRepo struct{ days map[string]Day }

func key(store string, src Source, d time.Time) string {
	return store + "/" + string(src) + "/" + FormatDate(d)
}

func (m *memRepo) Put(_ context.Context, d *Day) (*Day, error) {
	k := key(d.StoreCode, d.Source, d.Date)
	old, ok := m.days[k]
	m.days[k] = *d
	if ok {
		return &old, nil
	}
	return nil, nil
}

func (m *memRepo) Range(_ context.Context, st string, src Source, from, to time.Time, _ bool) ([]Day, error) {
	var out []Day
	for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
		if day, ok := m.days[key(st, src, d)]; ok {
			out = append(out, day)
		}
	}
	return out, nil
}

func (m *memRepo) TopSKUs(context.Context, string, time.Time, time.Time, int) ([]SKUDay, error) {
	return nil, nil
}

type memAudit struct{ actions []string }

func (a *memAudit) Append(_ context.Context, e *audit.Entry) error {
	a.actions = append(a.actions, e.Action)
	return nil
}
func (a *memAudit) ListBySubject(context.Context, domain.Subject, int) ([]audit.Entry, error) {
	return nil, nil
}

type fakeOrders map[string]order.Totals // by the period's start, RFC 3339

func (f fakeOrders) Totals(_ context.Context, _ string, from, _ time.Time) (order.Totals, error) {
	return f[from.Format(time.RFC3339)], nil
}

type fakeStores struct{}

func (fakeStores) Find(_ context.Context, code string) (store.Store, error) {
	switch code {
	case "TM01":
		return store.Store{Code: "TM01", Name: "Tmall"}, nil
	case "LA01":
		return store.Store{Code: "LA01", Name: "Shopify US", TimeZone: "America/Los_Angeles"}, nil
	}
	return store.Store{}, domain.Errorf(domain.ENOTFOUND, "store.not_found", code)
}

type passTx struct{}

func (passTx) InTx(ctx context.Context, fn func(context.Context) error) error { return fn(ctx) }

func newService(orders fakeOrders) (*Service, *memRepo, *memAudit) {
	repo, log := &memRepo{days: map[string]Day{}}, &memAudit{}
	clock := domain.NewManualClock(now)
	return NewService(Deps{Repo: repo, Orders: orders, Stores: fakeStores{}, Tx: passTx{}, Audit: audit.NewLog(log, clock),
		Clock: clock, TZ: shanghai}), repo, log
}

func outcomes(rs []Result) string {
	var out []string
	for _, r := range rs {
		out = append(out, fmt.Sprintf("%s/%s:%s", r.Date, r.Source, r.Outcome))
	}
	return fmt.Sprint(out)
}

func TestRecordCreatesReplacesAndKeeps(t *testing.T) {
	ctx := context.Background()
	s, repo, log := newService(nil)
	actor := domain.Actor{UserID: "api:TM01"}
	day := Input{Date: "2026-11-28", Visitors: "10"}
	bad := Input{Date: "2026-11-27", Visitors: "-1"}
	res, err := s.Record(ctx, actor, "TM01", []Input{day, bad})
	if err != nil || outcomes(res) != "[2026-11-28/overall:created 2026-11-27/overall:rejected]" {
		t.Fatalf("first = %s, %v", outcomes(res), err)
	}
	res, _ = s.Record(ctx, actor, "TM01", []Input{day})
	if outcomes(res) != "[2026-11-28/overall:unchanged]" {
		t.Fatalf("again = %s", outcomes(res))
	}
	day.Visitors = "12"
	res, _ = s.Record(ctx, actor, "TM01", []Input{day})
	if outcomes(res) != "[2026-11-28/overall:replaced]" || len(repo.days) != 1 {
		t.Fatalf("changed = %s", outcomes(res))
	}
	if !slices.Equal(log.actions, []string{"metrics.record", "metrics.replace"}) {
		t.Errorf("audit = %v", log.actions)
	}
	if _, err := s.Record(ctx, actor, "XX99", []Input{day}); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("unknown store = %v", err)
	}
	if _, err := s.Record(ctx, actor, "TM01", make([]Input, MaxBatch+1)); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("too many days = %v", err)
	}
}

func TestImportIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	s, repo, log := newService(nil)
	actor := domain.Actor{UserID: "U1"}
	days := []Input{{Date: "2026-11-28", Visitors: "10"}, {Date: "2026-11-27", Visitors: "5", PayingBuyers: "6"}}
	res, err := s.Import(ctx, actor, "TM01", days)
	if err != nil || outcomes(res) != "[2026-11-28/overall:not_stored 2026-11-27/overall:rejected]" || len(repo.days) != 0 || len(log.actions) != 0 {
		t.Fatalf("with a bad day = %s, %v; stored %d", outcomes(res), err, len(repo.days))
	}
	days[1].PayingBuyers = "5"
	res, _ = s.Import(ctx, actor, "TM01", days)
	if outcomes(res) != "[2026-11-28/overall:created 2026-11-27/overall:created]" || len(repo.days) != 2 {
		t.Fatalf("good = %s", outcomes(res))
	}
	// A day twice in one file cannot be told apart: rejected, naming the first.
	res, _ = s.Import(ctx, actor, "TM01", []Input{{Date: "2026-11-26", Visitors: "1"}, {Date: "2026/11/26", Visitors: "2"}})
	if Rejected(res) != 1 || res[1].Problems[0].Key != "metrics.day.twice" {
		t.Fatalf("twice = %+v", res)
	}
}

func TestRecordDerivesFromOrdersOfTheStoreDay(t *testing.T) {
	ctx := context.Background()
	// The store's 2026-11-28 starts at 16:00 UTC the day before.
	start := time.Date(2026, 11, 28, 0, 0, 0, 0, shanghai).Format(time.RFC3339)
	s, repo, _ := newService(fakeOrders{start: {Orders: 3, PaidOrders: 2, PayingBuyers: 2, PaidAmount: 5000}})
	res, err := s.Record(ctx, domain.Actor{UserID: "U1"}, "TM01", []Input{
		{Date: "2026-11-28", Visitors: "10", PaidAmount: "60.00"},
		{Date: "2026-11-28", Source: "search", Visitors: "4"}, // a source's day is not the orders'
	})
	if err != nil || Rejected(res) > 0 {
		t.Fatalf("Record = %+v, %v", res, err)
	}
	d := repo.days[key("TM01", SourceOverall, time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC))]
	if d.PaidAmount != 6000 || d.PaidOrders != 2 || d.PayingBuyers != 2 || d.Origins[FieldPaidAmount] != "" || d.Origins[FieldPaidOrders] != OriginOrders {
		t.Fatalf("overall = %+v", d)
	}
	if src := repo.days[key("TM01", SourceSearch, d.Date)]; src.Origins != nil || src.PaidOrders != 0 {
		t.Fatalf("search = %+v", src)
	}
}

// A store in its own zone has its days there: "the future" starts at its midnight, and the
// orders of a day are counted between its midnights.
func TestAStoresDaysAreInItsZone(t *testing.T) {
	ctx := context.Background()
	la, _ := time.LoadLocation("America/Los_Angeles")
	// now is 08:30 on the 29th in Shanghai, 16:30 on the 28th in Los Angeles.
	s, repo, _ := newService(fakeOrders{
		time.Date(2026, 11, 28, 0, 0, 0, 0, la).Format(time.RFC3339): {Orders: 3, PaidOrders: 3, PayingBuyers: 2, PaidAmount: 9000}})
	actor := domain.Actor{UserID: "api:LA01"}
	res, err := s.Record(ctx, actor, "LA01", []Input{{Date: "2026-11-29", Visitors: "10"}, {Date: "2026-11-28", Visitors: "10"}})
	if err != nil {
		t.Fatal(err)
	}
	if outcomes(res) != "[2026-11-29/overall:rejected 2026-11-28/overall:created]" || res[0].Problems[0].Key != "metrics.date.future" {
		t.Fatalf("Los Angeles store = %s %+v", outcomes(res), res[0].Problems)
	}
	d := repo.days[key("LA01", SourceOverall, time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC))]
	if d.PaidOrders != 3 || d.PaidAmount != 9000 || d.Origins[FieldPaidOrders] != OriginOrders {
		t.Errorf("the 28th's orders counted between Los Angeles midnights: %+v", d)
	}
	// The same date is today, not the future, for a store in the company zone (Shanghai).
	if res, _ := s.Record(ctx, domain.Actor{UserID: "api:TM01"}, "TM01", []Input{{Date: "2026-11-29", Visitors: "10"}}); outcomes(res) != "[2026-11-29/overall:created]" {
		t.Errorf("Shanghai store = %s", outcomes(res))
	}
}
