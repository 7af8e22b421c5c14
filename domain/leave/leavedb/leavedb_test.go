package leavedb_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"storeops/domain"
	"storeops/domain/gormdb/gormtest"
	"storeops/domain/leave"
	"storeops/domain/leave/leavedb"
)

var t0 = time.Date(2026, 12, 9, 16, 0, 0, 0, time.UTC) // 2026-12-10 00:00 in Shanghai

func TestLeaveRepository(t *testing.T) {
	ctx := context.Background()
	repo := leavedb.New(gormtest.Open(t, leavedb.Migrations()))
	l := leave.Leave{User: "U1", From: t0, Until: t0.Add(72 * time.Hour), Type: leave.TypeAnnual, Reason: "家里有事",
		Status: leave.StatusPending, CreatedAt: t0.Add(-time.Hour), Version: 1}
	if err := repo.Create(ctx, &l); err != nil || l.ID == 0 {
		t.Fatal(err)
	}
	got, err := repo.Find(ctx, l.ID)
	if err != nil || !reflect.DeepEqual(got, l) {
		t.Fatalf("Find = %+v %v", got, err)
	}
	if _, err := repo.Find(ctx, 99); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("unknown: %v", err)
	}
	// Pending leave covers nothing.
	if ls, err := repo.Covering(ctx, "U1", t0.Add(time.Hour)); err != nil || len(ls) != 0 {
		t.Fatalf("pending covers: %v %v", ls, err)
	}
	if _, err := repo.Update(ctx, l.ID, func(x *leave.Leave) error { x.Status, x.DecidedBy = leave.StatusApproved, "U2"; return nil }); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		at   time.Time
		want int
	}{{t0.Add(-time.Second), 0}, {t0, 1}, {t0.Add(71 * time.Hour), 1}, {t0.Add(72 * time.Hour), 0}} {
		if ls, err := repo.Covering(ctx, "U1", tc.at); err != nil || len(ls) != tc.want {
			t.Errorf("Covering at %v = %d %v, want %d", tc.at, len(ls), err, tc.want)
		}
	}
	if ls, _ := repo.Covering(ctx, "U2", t0); len(ls) != 0 {
		t.Errorf("another user's leave covered U2")
	}
	if ls, err := repo.Current(ctx, t0.Add(-48*time.Hour)); err != nil || len(ls) != 1 {
		t.Errorf("Current = %v %v", ls, err)
	}
}
