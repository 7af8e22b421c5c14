package orderdb_test

import (
	"context"
	"testing"
	"time"

	"storeops/domain"
	"storeops/domain/gormdb/gormtest"
	"storeops/domain/order"
	"storeops/domain/order/orderdb"
)

func TestListFiltersOfTheShippingJobs(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	released := func(pid string, releasedAt, handedOff time.Time) order.Order {
		o := held("TM01", pid)
		o.Status, o.ReleasedAt, o.HandedOffAt = order.StatusReleased, releasedAt, handedOff
		return create(t, repo, o)
	}
	a := released("A", t0.Add(-50*time.Hour), time.Time{})
	b := released("B", t0.Add(-50*time.Hour), t0.Add(-49*time.Hour))
	c := released("C", t0.Add(-time.Hour), time.Time{})
	create(t, repo, held("TM01", "H"))
	list := func(f order.Filter) []string {
		t.Helper()
		got, err := repo.List(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		return refs(got)
	}
	eq := func(what string, got []string, want ...string) {
		t.Helper()
		if len(got) != len(want) {
			t.Errorf("%s = %v, want %v", what, got, want)
			return
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s = %v, want %v", what, got, want)
				return
			}
		}
	}
	eq("not handed off", list(order.Filter{Status: order.StatusReleased, NotHandedOff: true, Oldest: true}), a.Ref(), c.Ref())
	eq("released before 48 h", list(order.Filter{Status: order.StatusReleased, ReleasedBefore: t0.Add(-48 * time.Hour), Oldest: true}), a.Ref(), b.Ref())
	eq("after a, oldest first", list(order.Filter{Status: order.StatusReleased, AfterID: a.ID, Oldest: true}), b.Ref(), c.Ref())
	eq("paged", list(order.Filter{Status: order.StatusReleased, Oldest: true, Limit: 2}), a.Ref(), b.Ref())

	// Handing off is a versioned update like any other.
	got, err := repo.Update(ctx, c.ID, func(o *order.Order) error { o.HandedOffAt = t0; return nil })
	if err != nil || !got.HandedOffAt.Equal(t0) || got.Version != c.Version+1 {
		t.Fatalf("hand off: %+v %v", got, err)
	}
	eq("after handing off c", list(order.Filter{NotHandedOff: true, Status: order.StatusReleased}), a.Ref())
}

func TestWebhookQueue(t *testing.T) {
	ctx := context.Background()
	db := gormtest.Open(t, orderdb.Migrations())
	q := orderdb.NewWebhookRepo(db)
	add := func(batch string, at time.Time) order.WebhookDelivery {
		t.Helper()
		d := order.WebhookDelivery{StoreCode: "TM01", BatchID: batch, Body: []byte(`{"batch_id":"` + batch + `","note":"送货 ☎"}`), Orders: 2,
			NextAttemptAt: at, CreatedAt: at}
		if err := q.AddWebhook(ctx, &d); err != nil {
			t.Fatal(err)
		}
		if d.ID == 0 {
			t.Fatal("AddWebhook did not set the ID")
		}
		return d
	}
	first := add("TM01-1", t0)
	second := add("TM01-5", t0.Add(time.Minute))
	dup := order.WebhookDelivery{StoreCode: "TM01", BatchID: "TM01-1", Body: []byte(`{}`), CreatedAt: t0}
	if err := q.AddWebhook(ctx, &dup); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("a second batch with the same id: %v", err)
	}
	due := func(at time.Time) []string {
		t.Helper()
		ds, err := q.DueWebhooks(ctx, at, 10)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, d := range ds {
			out = append(out, d.BatchID)
		}
		return out
	}
	if got := due(t0); len(got) != 1 || got[0] != "TM01-1" {
		t.Errorf("due at t0 = %v", got)
	}
	if got := due(t0.Add(time.Hour)); len(got) != 2 {
		t.Errorf("due an hour later = %v", got)
	}
	if err := q.MarkWebhookRetry(ctx, first.ID, t0.Add(2*time.Hour), "the warehouse answered 500"); err != nil {
		t.Fatal(err)
	}
	if got := due(t0.Add(time.Hour)); len(got) != 1 || got[0] != "TM01-5" {
		t.Errorf("a failed batch should wait for its next attempt: %v", got)
	}
	if err := q.MarkWebhookSent(ctx, second.ID, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got := due(t0.Add(3 * time.Hour)); len(got) != 1 || got[0] != "TM01-1" {
		t.Errorf("due after the retry time = %v", got)
	}
	got, err := q.FindWebhook(ctx, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Attempts != 1 || got.LastError != "the warehouse answered 500" || !got.SentAt.IsZero() || string(got.Body) != string(first.Body) {
		t.Errorf("after a failure: %+v", got)
	}
	// A retry recorded after the batch was delivered does not undo the delivery.
	if err := q.MarkWebhookRetry(ctx, second.ID, t0.Add(5*time.Hour), "late"); err != nil {
		t.Fatal(err)
	}
	if got, _ := q.FindWebhook(ctx, second.ID); got.SentAt.IsZero() || got.Attempts != 1 || got.LastError != "" {
		t.Errorf("delivered batch after a late retry: %+v", got)
	}
	if _, err := q.FindWebhook(ctx, 999); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("unknown batch: %v", err)
	}
}
