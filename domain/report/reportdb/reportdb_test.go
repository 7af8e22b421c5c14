package reportdb_test

import (
	"context"
	"testing"
	"time"

	"storeops/domain/gormdb/gormtest"
	"storeops/domain/report"
	"storeops/domain/report/reportdb"
)

func TestSaveReplacesAndLists(t *testing.T) {
	ctx := context.Background()
	r := reportdb.New(gormtest.Open(t, reportdb.Migrations()))
	at := time.Date(2026, 11, 29, 8, 0, 0, 123456000, time.UTC)
	if got, err := r.List(ctx); err != nil || len(got) != 0 {
		t.Fatalf("empty: %v %v", got, err)
	}
	for _, s := range []report.ChannelSettings{
		{Channel: "C2", At: 540, Threshold: 20, UpdatedBy: "U1", UpdatedAt: at},
		{Channel: "C1", At: 450, Threshold: 12.5, UpdatedBy: "U1", UpdatedAt: at},
		{Channel: "C2", At: 600, Threshold: 33.33, TimeZone: "America/Los_Angeles", UpdatedBy: "U2", UpdatedAt: at.Add(time.Hour)},
	} {
		if err := r.Save(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	got, err := r.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Channel != "C1" || got[0].At != 450 || got[0].Threshold != 12.5 || !got[0].UpdatedAt.Equal(at) ||
		got[1].At != 600 || got[1].Threshold != 33.33 || got[1].UpdatedBy != "U2" || got[1].TimeZone != "America/Los_Angeles" || got[0].TimeZone != "" {
		t.Errorf("list %+v", got)
	}
}
