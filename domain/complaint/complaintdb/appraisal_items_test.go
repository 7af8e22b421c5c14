package complaintdb_test

import (
	"context"
	"testing"
	"time"

	"storeops/domain/complaint"
)

// TestAppraisalItemsAgreeWithCounts: the complaints Acknowledged and Rated list are exactly
// those AckTimeliness and SatisfactionAverage count, whatever the window.
func TestAppraisalItemsAgreeWithCounts(t *testing.T) {
	ctx := context.Background()
	repo := open(t)
	from, to := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	add := func(owner string, ackedAt time.Time, onTime bool, rating int, ratedAt time.Time) int64 {
		c := newComplaint("U9", ackedAt.Add(-time.Hour))
		c.Status, c.AckedBy, c.AckedAt, c.AckOnTime = complaint.StatusAcknowledged, owner, ackedAt, onTime
		if rating > 0 {
			c.Status, c.Rating, c.RatedBy, c.RatedAt = complaint.StatusRated, rating, "U9", ratedAt
		}
		return create(t, repo, c).ID
	}
	a := add("U1", t0, true, 5, t0.Add(time.Hour))
	b := add("U1", t0.Add(-time.Hour), false, 2, t0.Add(2*time.Hour))
	c := add("U1", t0, true, 0, time.Time{})                           // not rated yet
	add("U1", from.Add(-time.Minute), true, 1, from.Add(-time.Second)) // last month
	d := add("U1", to.Add(-time.Hour), false, 4, to)                   // acked this month, rated next month
	add("U2", t0, true, 1, t0.Add(time.Hour))                          // someone else's
	for _, tc := range []struct {
		name      string
		from, to  time.Time
		acked     []int64
		rated     []int64
		ackOnTime int
	}{
		{"november", from, to, []int64{b, a, c, d}, []int64{a, b}, 2},
		{"december", to, to.AddDate(0, 1, 0), nil, []int64{d}, 0},
		{"an empty window", to.AddDate(1, 0, 0), to.AddDate(1, 1, 0), nil, nil, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			acked, onTime, err := repo.AckTimeliness(ctx, "U1", tc.from, tc.to)
			if err != nil {
				t.Fatal(err)
			}
			list, err := repo.Acknowledged(ctx, "U1", tc.from, tc.to)
			if err != nil {
				t.Fatal(err)
			}
			good := 0
			for i, h := range list {
				if i >= len(tc.acked) || h.ID != tc.acked[i] || h.StoreCode != "TM01" || h.At.IsZero() {
					t.Fatalf("acknowledged %+v, want ids %v", list, tc.acked)
				}
				if h.AckOnTime {
					good++
				}
			}
			if len(list) != acked || good != onTime || acked != len(tc.acked) || onTime != tc.ackOnTime {
				t.Errorf("counted %d (%d on time), listed %d (%d on time), want %d", acked, onTime, len(list), good, len(tc.acked))
			}
			avg, n, err := repo.SatisfactionAverage(ctx, "U1", tc.from, tc.to)
			if err != nil {
				t.Fatal(err)
			}
			rated, err := repo.Rated(ctx, "U1", tc.from, tc.to)
			if err != nil {
				t.Fatal(err)
			}
			sum := 0
			for i, h := range rated {
				if i >= len(tc.rated) || h.ID != tc.rated[i] || h.Rating == 0 {
					t.Fatalf("rated %+v, want ids %v", rated, tc.rated)
				}
				sum += h.Rating
			}
			if len(rated) != n || len(rated) != len(tc.rated) || (n > 0 && float64(sum)/float64(n) != avg) {
				t.Errorf("averaged %v over %d, listed %d summing %d", avg, n, len(rated), sum)
			}
		})
	}
}
