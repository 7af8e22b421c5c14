package storedb_test

import (
	"context"
	"testing"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"

	"storeops/domain/gormdb"
	"storeops/domain/gormdb/gormtest"
	"storeops/domain/store"
	"storeops/domain/store/storedb"
)

func TestWebhookAndPromiseRoundTrip(t *testing.T) {
	ctx := context.Background()
	repo := newRepo(t)
	s := store.Store{Code: "TM01", Platform: "tmall", Name: "Tmall", ShipWithinHours: 24,
		WarehouseWebhookURL: "https://wms.example.com/storeops?store=TM01", WarehouseWebhookSecret: "whsec_abc", CreatedBy: "U1"}
	if err := repo.Create(ctx, &s); err != nil {
		t.Fatal(err)
	}
	got, err := repo.Find(ctx, "TM01")
	if err != nil {
		t.Fatal(err)
	}
	if got.WarehouseWebhookURL != s.WarehouseWebhookURL || got.WarehouseWebhookSecret != "whsec_abc" || got.ShipWithinHours != 24 {
		t.Fatalf("Find = %+v", got)
	}
	if _, err := repo.Update(ctx, "TM01", func(st *store.Store) error {
		st.WarehouseWebhookURL, st.WarehouseWebhookSecret, st.ShipWithinHours = "", "", 72
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if got, _ := repo.Find(ctx, "TM01"); got.WarehouseWebhookURL != "" || got.WarehouseWebhookSecret != "" || got.ShipWithinHours != 72 || got.ShipWithin() != 72*time.Hour {
		t.Errorf("after update: %+v", got)
	}
}

// TestExistingStoresGetTheDefaultPromise migrates a database whose stores predate the
// shipping columns: they promise the default 48 hours.
func TestExistingStoresGetTheDefaultPromise(t *testing.T) {
	ctx := context.Background()
	var before []*gormigrate.Migration
	for _, m := range storedb.Migrations() {
		if m.ID < "2026112915" {
			before = append(before, m)
		}
	}
	db := gormtest.Open(t, before)
	if err := db.Exec("INSERT INTO stores (code, platform, name, created_by, team_channel, warehouse_channel) VALUES ('OLD1', 'jd', 'Old', 'U1', '', '')").Error; err != nil {
		t.Fatal(err)
	}
	if err := gormdb.Migrate(ctx, db, storedb.Migrations()); err != nil {
		t.Fatal(err)
	}
	got, err := storedb.New(db).Find(ctx, "OLD1")
	if err != nil {
		t.Fatal(err)
	}
	if got.ShipWithinHours != store.DefaultShipWithinHours || got.WarehouseWebhookURL != "" {
		t.Errorf("an existing store after the migration: %+v", got)
	}
}
