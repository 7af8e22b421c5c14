package complaintdb_test

import (
	"context"
	"errors"
	"reflect"
	"sync"
	"testing"
	"time"

	"storeops/domain"
	"storeops/domain/complaint"
	"storeops/domain/complaint/complaintdb"
	"storeops/domain/gormdb/gormtest"
)

var t0 = time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)

func open(t *testing.T) *complaintdb.Repo {
	t.Helper()
	return complaintdb.New(gormtest.Open(t, complaintdb.Migrations()))
}

func newComplaint(by string, created time.Time) complaint.Complaint {
	return complaint.Complaint{StoreCode: "TM01", Customer: "王小明 138****5678", Category: "logistics", Severity: complaint.SeverityHigh,
		Description: "Parcel arrived crushed 📦", Demand: "Refund the shipping", Status: complaint.StatusOpen, Channel: "C0LOG", Routed: true,
		CreatedBy: by, CreatedAt: created, AckDue: created.Add(time.Hour), ResolveDue: created.Add(24 * time.Hour), UpdatedAt: created, Version: 1}
}

func create(t *testing.T, repo *complaintdb.Repo, c complaint.Complaint) complaint.Complaint {
	t.Helper()
	if err := repo.Create(context.Background(), &c); err != nil {
		t.Fatal(err)
	}
	if c.ID == 0 {
		t.Fatal("Create did not set the ID")
	}
	return c
}

func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	repo := open(t)
	c := newComplaint("U1", t0)
	c.OrderRef, c.AckedBy, c.AckedAt, c.AckOnTime = "TM01/P-1", "U2", t0.Add(30*time.Minute+1500), true
	c.ResolvedBy, c.ResolvedAt, c.Resolution, c.CustomerTold, c.ResolvedOnTime = "U2", t0.Add(2*time.Hour), "Refunded ¥12", "对不起", true
	c.EscalatedBy, c.EscalatedAt, c.EscalationReason = "storeops", t0.Add(time.Hour), complaint.EscalatedAckOverdue
	c.Rating, c.RatedBy, c.RatedAt, c.Status = 4, "U2", t0.Add(3*time.Hour), complaint.StatusRated
	c = create(t, repo, c)
	got, err := repo.Find(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := c
	want.AckedAt = c.AckedAt.Truncate(time.Microsecond)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Find =\n%+v\nwant\n%+v", got, want)
	}
	zero := create(t, repo, newComplaint("U1", t0))
	if got, _ := repo.Find(ctx, zero.ID); !reflect.DeepEqual(got, zero) {
		t.Fatalf("zero values: %+v\nwant %+v", got, zero)
	}
	_, err = repo.Find(ctx, 999)
	if e, ok := domain.AsError(err); !ok || e.Code != domain.ENOTFOUND || e.Key != "complaint.not_found" {
		t.Fatalf("Find(999) = %v", err)
	}
}

func TestUpdateSavesOnlyWhenAccepted(t *testing.T) {
	ctx := context.Background()
	repo := open(t)
	c := create(t, repo, newComplaint("U1", t0))
	refused := errors.New("no")
	if _, err := repo.Update(ctx, c.ID, func(x *complaint.Complaint) error { x.Status = complaint.StatusAcknowledged; return refused }); !errors.Is(err, refused) {
		t.Fatalf("Update = %v", err)
	}
	if got, _ := repo.Find(ctx, c.ID); got.Status != complaint.StatusOpen || got.Version != 1 {
		t.Fatalf("a refused update saved: %+v", got)
	}
	got, err := repo.Update(ctx, c.ID, func(x *complaint.Complaint) error {
		x.Status, x.AckedBy = complaint.StatusAcknowledged, "U2"
		return nil
	})
	if err != nil || got.Version != 2 || got.AckedBy != "U2" {
		t.Fatalf("Update = %+v, %v", got, err)
	}
	if _, err := repo.Update(ctx, 999, func(*complaint.Complaint) error { return nil }); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Fatalf("Update(999) = %v", err)
	}
}

// TestConcurrentUpdatesQueue: two clicks at once both see the other's change, so exactly
// one acknowledgement wins.
func TestConcurrentUpdatesQueue(t *testing.T) {
	ctx := context.Background()
	repo := open(t)
	c := create(t, repo, newComplaint("U1", t0))
	var wg sync.WaitGroup
	var mu sync.Mutex
	wins := 0
	for _, u := range []string{"U2", "U3", "U4", "U5"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := repo.Update(ctx, c.ID, func(x *complaint.Complaint) error {
				if x.AckedBy != "" {
					return errors.New("already")
				}
				x.AckedBy = u
				return nil
			})
			if err == nil {
				mu.Lock()
				wins++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if wins != 1 {
		t.Fatalf("%d acknowledgements won, want 1", wins)
	}
}

func TestListFilters(t *testing.T) {
	ctx := context.Background()
	repo := open(t)
	now := t0.Add(10 * time.Hour)
	mk := func(by string, created time.Time, status complaint.Status, acked string) int64 {
		c := newComplaint(by, created)
		c.Status, c.AckedBy = status, acked
		return create(t, repo, c).ID
	}
	openLate := mk("U1", t0, complaint.StatusOpen, "")                                // ack due t0+1h: overdue
	openFresh := mk("U1", now.Add(-30*time.Minute), complaint.StatusOpen, "")         // not yet due
	ackedFresh := mk("U2", t0, complaint.StatusAcknowledged, "U3")                    // resolve due t0+24h
	ackedLate := mk("U2", now.Add(-25*time.Hour), complaint.StatusAcknowledged, "U1") // resolve due passed
	resolvedLate := mk("U1", now.Add(-48*time.Hour), complaint.StatusResolved, "U1")  // done: never overdue
	unresolved := []complaint.Status{complaint.StatusOpen, complaint.StatusAcknowledged}
	ids := func(f complaint.Filter) []int64 {
		t.Helper()
		cs, err := repo.List(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		out := []int64{}
		for _, c := range cs {
			out = append(out, c.ID)
		}
		return out
	}
	for name, tc := range map[string]struct {
		f    complaint.Filter
		want []int64
	}{
		"all":     {complaint.Filter{}, []int64{openFresh, openLate, ackedFresh, ackedLate, resolvedLate}},
		"open":    {complaint.Filter{Statuses: unresolved}, []int64{openFresh, openLate, ackedFresh, ackedLate}},
		"overdue": {complaint.Filter{Statuses: unresolved, OverdueAt: now}, []int64{openLate, ackedLate}},
		"mine U1": {complaint.Filter{Statuses: unresolved, Mine: "U1"}, []int64{openFresh, openLate, ackedLate}},
		"mine U2": {complaint.Filter{Statuses: unresolved, Mine: "U2"}, []int64{}},
		"limit":   {complaint.Filter{Limit: 2}, []int64{openFresh, ackedFresh}},
	} {
		got := ids(tc.f)
		// Newest first: openFresh was created last; openLate and ackedFresh share t0, the
		// higher id first.
		if name == "all" || name == "open" {
			tc.want = reorder(tc.want, openLate, ackedFresh)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: %v, want %v", name, got, tc.want)
		}
	}
}

// reorder puts b before a when both are in ids (same creation time, b has the higher id).
func reorder(ids []int64, a, b int64) []int64 {
	out := append([]int64(nil), ids...)
	for i := 0; i+1 < len(out); i++ {
		if out[i] == a && out[i+1] == b {
			out[i], out[i+1] = b, a
		}
	}
	return out
}

func TestRoutesAndSLAsUpsert(t *testing.T) {
	ctx := context.Background()
	repo := open(t)
	for _, r := range []complaint.Route{{Category: "logistics", Channel: "C1", UpdatedBy: "U1", UpdatedAt: t0},
		{Category: "物流", Channel: "C2", UpdatedBy: "U1", UpdatedAt: t0}, {Category: "logistics", Channel: "C3", UpdatedBy: "U2", UpdatedAt: t0.Add(time.Hour)}} {
		if err := repo.SetRoute(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	routes, err := repo.Routes(ctx)
	if err != nil || len(routes) != 2 || routes[0].Category != "logistics" || routes[0].Channel != "C3" || routes[0].UpdatedBy != "U2" {
		t.Fatalf("routes = %+v, %v", routes, err)
	}
	if err := repo.SetSLA(ctx, complaint.SeverityHigh, complaint.SLA{Ack: 30 * time.Minute, Resolve: 12 * time.Hour}, "U1", t0); err != nil {
		t.Fatal(err)
	}
	if err := repo.SetSLA(ctx, complaint.SeverityHigh, complaint.SLA{Ack: 45 * time.Minute, Resolve: 12 * time.Hour}, "U1", t0); err != nil {
		t.Fatal(err)
	}
	slas, err := repo.SLAs(ctx)
	if err != nil || len(slas) != 1 || slas[complaint.SeverityHigh] != (complaint.SLA{Ack: 45 * time.Minute, Resolve: 12 * time.Hour}) {
		t.Fatalf("SLAs = %v, %v", slas, err)
	}
}

func TestAppraisalFigures(t *testing.T) {
	ctx := context.Background()
	repo := open(t)
	from, to := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	add := func(owner string, ackedAt time.Time, onTime bool, rating int, ratedAt time.Time) {
		c := newComplaint("U9", ackedAt.Add(-time.Hour))
		c.Status, c.AckedBy, c.AckedAt, c.AckOnTime = complaint.StatusAcknowledged, owner, ackedAt, onTime
		if rating > 0 {
			c.Status, c.Rating, c.RatedBy, c.RatedAt = complaint.StatusRated, rating, "U9", ratedAt
		}
		create(t, repo, c)
	}
	add("U1", t0, true, 5, t0.Add(time.Hour))
	add("U1", t0, false, 2, t0.Add(time.Hour))
	add("U1", t0, true, 0, time.Time{})                                // not rated yet
	add("U1", from.Add(-time.Minute), true, 1, from.Add(-time.Second)) // last month
	add("U1", to.Add(-time.Hour), false, 4, to)                        // acked this month, rated next month
	add("U2", t0, true, 1, t0.Add(time.Hour))                          // someone else's
	avg, n, err := repo.SatisfactionAverage(ctx, "U1", from, to)
	if err != nil || n != 2 || avg != 3.5 {
		t.Errorf("SatisfactionAverage = %v over %d, %v; want 3.5 over 2", avg, n, err)
	}
	acked, onTime, err := repo.AckTimeliness(ctx, "U1", from, to)
	if err != nil || acked != 4 || onTime != 2 {
		t.Errorf("AckTimeliness = %d acked, %d on time, %v; want 4, 2", acked, onTime, err)
	}
	if avg, n, err := repo.SatisfactionAverage(ctx, "U7", from, to); err != nil || n != 0 || avg != 0 {
		t.Errorf("nobody's average = %v over %d, %v", avg, n, err)
	}
	if acked, onTime, err := repo.AckTimeliness(ctx, "U7", from, to); err != nil || acked != 0 || onTime != 0 {
		t.Errorf("nobody's timeliness = %d, %d, %v", acked, onTime, err)
	}
}
