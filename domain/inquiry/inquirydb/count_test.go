package inquirydb_test

import (
	"context"
	"maps"
	"testing"
	"time"

	"storeops/domain/gormdb/gormtest"
	"storeops/domain/inquiry"
	"storeops/domain/inquiry/inquirydb"
)

// CountOverdueByStore counts what List{Status: open, DueBy} lists, per store.
func TestCountOverdueByStore(t *testing.T) {
	ctx := context.Background()
	r := inquirydb.New(gormtest.Open(t, inquirydb.Migrations()))
	create(t, r, "U1", -2*time.Hour)           // TM01, overdue
	create(t, r, "U1", 0)                      // TM01, due right now: overdue too (promised_at <= now)
	create(t, r, "U2", 3*time.Hour)            // TM01, not yet due
	answered := create(t, r, "U1", -time.Hour) // answered: not waiting
	answer(t, r, answered.ID, t0)
	jd := inquiry.Inquiry{StoreCode: "JD02", Customer: "Li", Platform: "jd", Question: "Size?", Owner: "U3", RecordedBy: "U3",
		AskedAt: t0.Add(-5 * time.Hour), PromisedAt: t0.Add(-4 * time.Hour), Status: inquiry.StatusOpen, UpdatedAt: t0}
	if err := r.Create(ctx, &jd); err != nil {
		t.Fatal(err)
	}
	got, err := r.CountOverdueByStore(ctx, t0)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]int{"TM01": 2, "JD02": 1}; !maps.Equal(got, want) {
		t.Errorf("overdue = %v, want %v", got, want)
	}
	list, err := r.List(ctx, inquiry.Filter{Status: inquiry.StatusOpen, DueBy: t0})
	if err != nil || len(list) != 3 {
		t.Errorf("List = %d, %v; the count disagrees", len(list), err)
	}
	if none, err := r.CountOverdueByStore(ctx, t0.Add(-24*time.Hour)); err != nil || len(none) != 0 {
		t.Errorf("none overdue = %v, %v", none, err)
	}
}
