package inquirydb_test

import (
	"context"
	"testing"
	"time"

	"storeops/domain/gormdb"
	"storeops/domain/gormdb/gormtest"
	"storeops/domain/inquiry/inquirydb"
)

// TestAnsweredAgreesWithTimeliness: the inquiries Answered lists are exactly those
// Timeliness counts, oldest answer first, whatever the window.
func TestAnsweredAgreesWithTimeliness(t *testing.T) {
	ctx := context.Background()
	db := gormtest.Open(t, inquirydb.Migrations())
	r := inquirydb.New(db)
	lateOne := create(t, r, "U1", time.Hour)
	answer(t, r, lateOne.ID, t0.Add(61*time.Minute))
	onTime := create(t, r, "U1", 2*time.Hour)
	answer(t, r, onTime.ID, t0.Add(2*time.Hour))
	other := create(t, r, "U2", time.Hour)
	answer(t, r, other.ID, t0.Add(time.Minute))
	create(t, r, "U1", time.Hour) // open: not counted
	nextMonth := create(t, r, "U1", time.Hour)
	answer(t, r, nextMonth.ID, t0.Add(40*24*time.Hour))
	for _, tc := range []struct {
		name     string
		from, to time.Time
		ids      []int64
		onTime   int
	}{
		{"the day", t0, t0.Add(24 * time.Hour), []int64{lateOne.ID, onTime.ID}, 1},
		{"half-open", t0, t0.Add(61 * time.Minute), nil, 0},
		{"forty days", t0, t0.Add(41 * 24 * time.Hour), []int64{lateOne.ID, onTime.ID, nextMonth.ID}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Inside a transaction, as appraisals call it.
			err := gormdb.NewTxRunner(db).InTx(ctx, func(ctx context.Context) error {
				answered, inTime, err := r.Timeliness(ctx, "U1", tc.from, tc.to)
				if err != nil {
					return err
				}
				list, err := r.Answered(ctx, "U1", tc.from, tc.to)
				if err != nil {
					return err
				}
				good := 0
				for i, q := range list {
					if i >= len(tc.ids) || q.ID != tc.ids[i] || q.StoreCode != "TM01" || q.AnsweredAt.Before(tc.from) || !q.AnsweredAt.Before(tc.to) {
						t.Fatalf("listed %+v, want ids %v", list, tc.ids)
					}
					if q.OnTime {
						good++
					}
				}
				if len(list) != answered || good != inTime || answered != len(tc.ids) || inTime != tc.onTime {
					t.Errorf("counted %d (%d on time), listed %d (%d on time), want %d (%d)", answered, inTime, len(list), good, len(tc.ids), tc.onTime)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}
