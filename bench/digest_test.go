package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"storeops/domain/aftersale/aftersaledb"
	"storeops/domain/approval/approvaldb"
	"storeops/domain/complaint/complaintdb"
	"storeops/domain/gormdb"
	"storeops/domain/inquiry/inquirydb"
	"storeops/domain/metrics/metricsdb"
	"storeops/domain/order/orderdb"
	"storeops/domain/report/reportdb"
	"storeops/domain/store/storedb"
)

// TestDigestSeedAndBuild seeds a small history on SQLite and builds every digest with both
// ways of counting the waiting items: the seeder's mix shows in the digests, and the COUNT
// adapter agrees with loading the rows.
func TestDigestSeedAndBuild(t *testing.T) {
	ctx := context.Background()
	db, err := gormdb.Open(ctx, "sqlite://"+filepath.Join(t.TempDir(), "digest.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = gormdb.Close(db) })
	if err := gormdb.Migrate(ctx, db, storedb.Migrations(), storedb.TokenMigrations(), orderdb.Migrations(), metricsdb.Migrations(),
		approvaldb.Migrations(), aftersaledb.Migrations(), inquirydb.Migrations(), complaintdb.Migrations(), reportdb.Migrations()); err != nil {
		t.Fatal(err)
	}
	end := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	p := digestPlan{Stores: 4, Channels: 2, Orders: 2000, Days: 40, SKUs: 6, HeldPerStore: 3, End: end,
		Now: end.AddDate(0, 0, 1).Add(time.Hour), RemindAfter: 48 * time.Hour, Batch: 100, Workers: 2}
	inserted, err := seedDigest(ctx, db, p)
	if err != nil {
		t.Fatal(err)
	}
	for table, want := range map[string]int64{"stores": 4, "orders": 2000, "metric_days": 4 * 40 * 5, "metric_skus": 4 * 40 * 6} {
		if inserted[table] != want {
			t.Errorf("inserted %d rows into %s, want %d", inserted[table], table, want)
		}
	}
	rows, err := countRows(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.Rows != inserted[r.Table] {
			t.Errorf("%s holds %d rows, %d inserted", r.Table, r.Rows, inserted[r.Table])
		}
	}

	want := digestCheck{Stores: 4, WithData: 4, TopSKUs: 4 * 5, Approvals: 40, Held: 4 * 3, Stale: 4 * 5, Inquiries: 4 * 4, Complaints: 4 * 3}
	for _, waiting := range []string{"count", "load"} {
		svc := digestService(db, p, waiting)
		settings, err := svc.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(settings) != 2 {
			t.Fatalf("%d team channels, want 2", len(settings))
		}
		digests, err := buildAll(ctx, svc, settings, end)
		if err != nil {
			t.Fatal(err)
		}
		if got := checkDigests(digests); got != want {
			t.Errorf("-waiting %s: digests show %+v\nwant %+v", waiting, got, want)
		}
		// The figures come from the seeded days: yesterday compared with the day and the
		// week before, over a full 14-day chart.
		sd := digests[0].Stores[0]
		if len(sd.Figures) == 0 || !sd.Figures[0].VsDay.OK || !sd.Figures[0].VsWeek.OK || len(sd.Series) != 14 || !sd.Series[0].HasData {
			t.Errorf("-waiting %s: store digest %+v", waiting, sd)
		}
	}
}

func TestDigestFlags(t *testing.T) {
	o, err := parseDigestFlags([]string{"-database", "mysql://root@127.0.0.1:3306/x", "-history-days", "1460", "-orders", "10000000"}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if o.plan.Days != 1460 || o.plan.Orders != 10_000_000 || o.plan.Stores != 60 || o.plan.SKUs != 50 || o.repeat != 5 || o.waiting != "count" {
		t.Errorf("options %+v", o)
	}
	if got := o.plan.day(1459); !got.Equal(time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)) || !o.plan.day(0).Equal(got.AddDate(0, 0, -1459)) {
		t.Errorf("history ends %v, starts %v", got, o.plan.day(0))
	}
	for _, args := range [][]string{
		{"-database", "sqlite:///tmp/x.db"},
		{"-database", "mysql://h/x", "-waiting", "guess"},
		{"-database", "mysql://h/x", "-channels", "61"},
		{"-database", "mysql://h/x", "-history-days", "7"},
	} {
		if _, err := parseDigestFlags(args, &bytes.Buffer{}); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
	var stderr bytes.Buffer
	if code := run(context.Background(), []string{"-c", "2", "-digest"}, &bytes.Buffer{}, &stderr); code != 2 || !strings.Contains(stderr.String(), "-digest must be the first flag") {
		t.Errorf("-digest later: code %d, %s", code, stderr.String())
	}
	stderr.Reset()
	if code := run(context.Background(), []string{"-digest", "-database", "sqlite:///tmp/x.db"}, &bytes.Buffer{}, &stderr); code != 2 || !strings.Contains(stderr.String(), "mysql://") {
		t.Errorf("-digest on sqlite: code %d, %s", code, stderr.String())
	}
}
