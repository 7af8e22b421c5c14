package complaintdb_test

import (
	"context"
	"maps"
	"testing"
	"time"

	"storeops/domain/complaint"
)

// CountOverdueByStore counts what List{Statuses: open, acknowledged; OverdueAt} lists,
// per store.
func TestCountOverdueByStore(t *testing.T) {
	ctx := context.Background()
	repo := open(t)
	now := t0.Add(3 * time.Hour)
	for _, c := range []struct {
		store   string
		status  complaint.Status
		created time.Time
	}{
		{"TM01", complaint.StatusOpen, t0},                              // acknowledgement overdue
		{"TM01", complaint.StatusOpen, now.Add(-30 * time.Minute)},      // within both deadlines
		{"TM01", complaint.StatusAcknowledged, t0},                      // acknowledged in time, resolution not yet due
		{"TM01", complaint.StatusAcknowledged, t0.Add(-30 * time.Hour)}, // resolution overdue
		{"TM01", complaint.StatusResolved, t0.Add(-30 * time.Hour)},     // resolved: not waiting
		{"JD02", complaint.StatusOpen, t0.Add(-48 * time.Hour)},         // both overdue: counted once
		{"JD02", complaint.StatusRated, t0.Add(-48 * time.Hour)},
	} {
		k := newComplaint("U1", c.created)
		k.StoreCode, k.Status = c.store, c.status
		create(t, repo, k)
	}
	got, err := repo.CountOverdueByStore(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]int{"TM01": 2, "JD02": 1}; !maps.Equal(got, want) {
		t.Errorf("overdue = %v, want %v", got, want)
	}
	list, err := repo.List(ctx, complaint.Filter{Statuses: []complaint.Status{complaint.StatusOpen, complaint.StatusAcknowledged}, OverdueAt: now})
	if err != nil || len(list) != 3 {
		t.Errorf("List = %d, %v; the count disagrees", len(list), err)
	}
	if none, err := repo.CountOverdueByStore(ctx, t0.Add(-100*time.Hour)); err != nil || len(none) != 0 {
		t.Errorf("none overdue = %v, %v", none, err)
	}
}
