package gormdb_test

import (
	"context"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"

	"storeops/domain/access/accessdb"
	"storeops/domain/aftersale/aftersaledb"
	"storeops/domain/appraisal/appraisaldb"
	"storeops/domain/approval/approvaldb"
	"storeops/domain/audit/auditdb"
	"storeops/domain/campaign/campaigndb"
	"storeops/domain/complaint/complaintdb"
	"storeops/domain/feedback/feedbackdb"
	"storeops/domain/gormdb"
	"storeops/domain/gormdb/gormtest"
	"storeops/domain/inquiry/inquirydb"
	"storeops/domain/jobrun/jobrundb"
	"storeops/domain/leave/leavedb"
	"storeops/domain/listing/listingdb"
	"storeops/domain/metrics/metricsdb"
	"storeops/domain/order/orderdb"
	"storeops/domain/outbox/outboxdb"
	"storeops/domain/report/reportdb"
	"storeops/domain/store/storedb"
	"storeops/domain/timer/timerdb"
)

// allSets is every *db package's migrations, in no particular order, as main passes them.
func allSets() [][]*gormigrate.Migration {
	return [][]*gormigrate.Migration{
		listingdb.Migrations(), approvaldb.Migrations(), outboxdb.Migrations(), auditdb.Migrations(),
		accessdb.Migrations(), storedb.Migrations(), jobrundb.Migrations(), orderdb.Migrations(), storedb.TokenMigrations(),
		timerdb.Migrations(), aftersaledb.Migrations(), inquirydb.Migrations(), feedbackdb.Migrations(), complaintdb.Migrations(),
		metricsdb.Migrations(),
		reportdb.Migrations(),
		campaigndb.Migrations(),
		appraisaldb.Migrations(),
		leavedb.Migrations(),
	}
}

func TestAllMigrationsTogetherTwice(t *testing.T) {
	ctx := context.Background()
	db := gormtest.Open(t, allSets()...)
	if err := gormdb.Migrate(ctx, db, allSets()...); err != nil {
		t.Fatalf("second run: %v", err)
	}
	for _, table := range []string{"listings", "approval_requests", "audit_entries", "outbox_messages", "outbox_refs",
		"role_grants", "stores", "job_runs", "orders", "order_rule_sets", "order_blacklist", "store_tokens",
		"timers", "aftersale_cases", "inquiries", "feedback", "feedback_tags", "feedback_settings", "complaints", "complaint_routes", "complaint_slas",
		"metric_days", "metric_skus",
		"campaigns",
		"digest_settings",
		"appraisal_cycles", "appraisal_targets", "appraisal_plans", "appraisal_settings", "leaves"} {
		if !db.Migrator().HasTable(table) {
			t.Errorf("table %s missing", table)
		}
	}
	var ran []string
	if err := db.Table(gormdb.MigrationsTable).Order("id").Pluck("id", &ran).Error; err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, set := range allSets() {
		for _, m := range set {
			want = append(want, m.ID)
		}
	}
	slices.Sort(want)
	if !slices.Equal(ran, want) {
		t.Fatalf("recorded migrations %v, want each once: %v", ran, want)
	}
	for _, idx := range []struct{ table, name string }{
		{"listings", "ux_listings_store_sku"}, {"role_grants", "ux_role_grants_user_role"},
		{"outbox_refs", "ux_outbox_refs_ref_channel"}, {"job_runs", "ux_job_runs_job_period"},
		{"approval_requests", "idx_approval_requests_status"}, {"approval_requests", "idx_approval_requests_subject"},
	} {
		if !db.Migrator().HasIndex(idx.table, idx.name) {
			t.Errorf("index %s on %s missing", idx.name, idx.table)
		}
	}
	if os.Getenv(gormtest.MySQLEnv) != "" {
		checkMySQLColumns(t, db)
	}
}

// checkMySQLColumns checks what gorm's defaults would get wrong on MySQL: times kept to the
// microsecond (ordering by time is stable) and NULL-able (the zero time is NULL).
func checkMySQLColumns(t *testing.T, db *gorm.DB) {
	t.Helper()
	var cols []struct {
		TableName, ColumnName, ColumnType, IsNullable string
	}
	err := db.Raw(`SELECT table_name AS table_name, column_name AS column_name, column_type AS column_type,
		is_nullable AS is_nullable FROM information_schema.columns
		WHERE table_schema = DATABASE() AND data_type = 'datetime'`).Scan(&cols).Error
	if err != nil {
		t.Fatal(err)
	}
	if len(cols) < 10 {
		t.Fatalf("only %d datetime columns found", len(cols))
	}
	for _, c := range cols {
		if c.ColumnType != "datetime(6)" || c.IsNullable != "YES" {
			t.Errorf("%s.%s is %s nullable=%s, want datetime(6) NULL", c.TableName, c.ColumnName, c.ColumnType, c.IsNullable)
		}
	}
	var money string
	db.Raw(`SELECT column_type FROM information_schema.columns
		WHERE table_schema = DATABASE() AND table_name = 'listings' AND column_name = 'price'`).Scan(&money)
	if !strings.HasPrefix(money, "bigint") {
		t.Errorf("listings.price is %s, want bigint", money)
	}
}

func TestMigrateRunsInIDOrderAcrossSets(t *testing.T) {
	ctx := context.Background()
	db := gormtest.Open(t)
	var order []string
	step := func(id string) *gormigrate.Migration {
		return &gormigrate.Migration{ID: id, Migrate: func(*gorm.DB) error { order = append(order, id); return nil }}
	}
	a := []*gormigrate.Migration{step("2026120102_b"), step("2026120301_d")}
	b := []*gormigrate.Migration{step("2026120101_a"), step("2026120201_c")}
	if err := gormdb.Migrate(ctx, db, a, b); err != nil {
		t.Fatal(err)
	}
	if want := []string{"2026120101_a", "2026120102_b", "2026120201_c", "2026120301_d"}; !slices.Equal(order, want) {
		t.Fatalf("ran %v, want %v", order, want)
	}
	// A set added later with an older ID still runs; the others do not run again.
	order = nil
	if err := gormdb.Migrate(ctx, db, a, b, []*gormigrate.Migration{step("2026113001_late")}); err != nil {
		t.Fatal(err)
	}
	if want := []string{"2026113001_late"}; !slices.Equal(order, want) {
		t.Fatalf("second run ran %v, want %v", order, want)
	}
	if a[0].ID != "2026120102_b" {
		t.Error("Migrate reordered the caller's slice")
	}
}

func TestMigrateRefusesDuplicateIDs(t *testing.T) {
	db := gormtest.Open(t)
	m := &gormigrate.Migration{ID: "2026120101_x", Migrate: func(*gorm.DB) error { return nil }}
	err := gormdb.Migrate(context.Background(), db, []*gormigrate.Migration{m}, []*gormigrate.Migration{m})
	if err == nil || !strings.Contains(err.Error(), "2026120101_x") {
		t.Fatalf("Migrate = %v, want an error naming the duplicate ID", err)
	}
	if err := gormdb.Migrate(context.Background(), db); err != nil {
		t.Fatalf("Migrate with nothing = %v", err)
	}
}

func TestConcurrentMigrate(t *testing.T) {
	// Replicas starting together each run the migrations on the same database.
	db := gormtest.Open(t)
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			if err := gormdb.Migrate(context.Background(), db, allSets()...); err != nil {
				t.Errorf("Migrate %d: %v", i, err)
			}
		})
	}
	wg.Wait()
	var n int64
	db.Table(gormdb.MigrationsTable).Count(&n)
	if n != int64(len(slices.Concat(allSets()...))) {
		t.Fatalf("%d migrations recorded, want %d", n, len(slices.Concat(allSets()...)))
	}
}
