package orderdb_test

import (
	"context"
	"maps"
	"testing"

	"storeops/domain/order"
	"storeops/domain/order/orderdb"
)

// CountByStore counts one status per store, as the digest's held orders.
func TestCountByStore(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	for i, c := range []struct {
		store  string
		status order.Status
	}{{"TM01", order.StatusHeld}, {"TM01", order.StatusHeld}, {"TM01", order.StatusShipped}, {"JD02", order.StatusHeld},
		{"JD02", order.StatusReleased}, {"PDD3", order.StatusCancelled}} {
		o := held(c.store, "P-"+string(rune('a'+i)))
		o.Status = c.status
		create(t, repo, o)
	}
	got, err := repo.CountByStore(ctx, order.StatusHeld)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]int{"TM01": 2, "JD02": 1}; !maps.Equal(got, want) {
		t.Errorf("held = %v, want %v", got, want)
	}
	// The same as listing them.
	list, err := repo.List(ctx, order.Filter{Status: order.StatusHeld, Limit: orderdb.MaxLimit})
	if err != nil || len(list) != 3 {
		t.Fatalf("List = %d, %v", len(list), err)
	}
	if got, err := repo.CountByStore(ctx, order.StatusReleased); err != nil || !maps.Equal(got, map[string]int{"JD02": 1}) {
		t.Errorf("released = %v, %v", got, err)
	}
	none, err := repo.CountByStore(ctx, order.Status("nothing"))
	if err != nil || none == nil || len(none) != 0 {
		t.Errorf("no match = %v, %v; want an empty map", none, err)
	}
}
