package aftersaledb_test

import (
	"context"
	"maps"
	"testing"
	"time"

	"storeops/domain/aftersale"
)

// CountStaleByStore counts what List{OpenOnly, MovedBefore} lists, per store.
func TestCountStaleByStore(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	for _, c := range []struct {
		store  string
		status aftersale.Status
		moved  time.Time
	}{
		{"TM01", aftersale.StatusRequested, t0.Add(-72 * time.Hour)},
		{"TM01", aftersale.StatusAwaitingReturn, t0.Add(-49 * time.Hour)},
		{"TM01", aftersale.StatusRequested, t0.Add(-time.Hour)},    // moved lately
		{"TM01", aftersale.StatusClosed, t0.Add(-300 * time.Hour)}, // done
		{"JD02", aftersale.StatusReceived, t0.Add(-100 * time.Hour)},
		{"JD02", aftersale.StatusRejected, t0.Add(-100 * time.Hour)}, // done
	} {
		k := newCase(1, 500)
		k.StoreCode, k.Status, k.MovedAt = c.store, c.status, c.moved
		if err := repo.Create(ctx, &k); err != nil {
			t.Fatal(err)
		}
	}
	before := t0.Add(-48 * time.Hour)
	got, err := repo.CountStaleByStore(ctx, before)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]int{"TM01": 2, "JD02": 1}; !maps.Equal(got, want) {
		t.Errorf("stale = %v, want %v", got, want)
	}
	list, err := repo.List(ctx, aftersale.Filter{OpenOnly: true, MovedBefore: before})
	if err != nil || len(list) != 3 {
		t.Errorf("List = %d, %v; the count disagrees", len(list), err)
	}
	if none, err := repo.CountStaleByStore(ctx, t0.Add(-1000*time.Hour)); err != nil || len(none) != 0 {
		t.Errorf("none stale = %v, %v", none, err)
	}
}
