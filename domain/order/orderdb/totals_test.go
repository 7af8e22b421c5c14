package orderdb_test

import (
	"context"
	"testing"
	"time"

	"storeops/domain/order"
)

func TestTotals(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	day := t0.Add(-9 * time.Hour) // 2026-11-29 00:00 UTC
	a := held("TM01", "A")        // paid 33.00 by buyer-A
	create(t, repo, a)
	b := held("TM01", "B") // same buyer as A by platform id: one buyer
	b.Buyer.PlatformID = a.Buyer.PlatformID
	create(t, repo, b)
	c := held("TM01", "C") // refunded
	c.PaymentStatus = order.PaymentRefunded
	create(t, repo, c)
	d := held("TM01", "D") // cancelled: left out
	d.Status = order.StatusCancelled
	create(t, repo, d)
	e := held("TM01", "E") // unpaid, received that day: an order, not a paid one
	e.PaymentStatus, e.PaidAt = order.PaymentUnpaid, time.Time{}
	create(t, repo, e)
	f := held("TM01", "F") // paid the day before
	f.PaidAt = day.Add(-time.Minute)
	create(t, repo, f)
	create(t, repo, held("JD01", "G")) // another store

	got, err := repo.Totals(ctx, "TM01", day, day.Add(24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	want := order.Totals{Orders: 4, PaidOrders: 3, PayingBuyers: 2, PaidAmount: 9900, RefundedOrders: 1, RefundedAmount: 3300}
	if got != want {
		t.Fatalf("Totals = %+v, want %+v", got, want)
	}
	none, err := repo.Totals(ctx, "TM01", day.Add(48*time.Hour), day.Add(72*time.Hour))
	if err != nil || none != (order.Totals{}) {
		t.Fatalf("Totals of an empty day = %+v, %v", none, err)
	}
}

func TestBuyers(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	day := t0.Add(-9 * time.Hour) // 2026-11-29 00:00 UTC
	a := held("TM01", "A")
	create(t, repo, a)
	b := held("TM01", "B") // A's buyer again, by platform id: a repeat buyer
	b.Buyer.PlatformID = a.Buyer.PlatformID
	create(t, repo, b)
	c := held("TM01", "C") // one order only
	create(t, repo, c)
	d := held("TM01", "D") // C's buyer again, but cancelled: not a repeat
	d.Buyer.PlatformID, d.Status = c.Buyer.PlatformID, order.StatusCancelled
	create(t, repo, d)
	e := held("TM01", "E") // C's buyer again, but unpaid: not a repeat
	e.Buyer.PlatformID, e.PaymentStatus, e.PaidAt = c.Buyer.PlatformID, order.PaymentUnpaid, time.Time{}
	create(t, repo, e)
	f := held("TM01", "F") // C's buyer again, paid the day before: outside the period
	f.Buyer.PlatformID, f.PaidAt = c.Buyer.PlatformID, day.Add(-time.Minute)
	create(t, repo, f)
	g := held("TM01", "G") // no platform id: told apart by phone, and refunded (still paid)
	g.Buyer.PlatformID, g.PaymentStatus = "", order.PaymentRefunded
	create(t, repo, g)
	h := held("TM01", "H")
	h.Buyer.PlatformID = "" // the same phone as G: the same buyer
	create(t, repo, h)
	i := held("JD01", "I") // A's buyer in another store
	i.Buyer.PlatformID = a.Buyer.PlatformID
	create(t, repo, i)

	got, err := repo.Buyers(ctx, "TM01", day, day.Add(24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if want := (order.BuyerCounts{Buyers: 3, Repeat: 2}); got != want {
		t.Fatalf("Buyers = %+v, want %+v", got, want)
	}
	if none, err := repo.Buyers(ctx, "TM01", day.Add(48*time.Hour), day.Add(72*time.Hour)); err != nil || none != (order.BuyerCounts{}) {
		t.Fatalf("Buyers of an empty period = %+v, %v", none, err)
	}
}
