package storedb_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"storeops/domain"
	"storeops/domain/gormdb"
	"storeops/domain/gormdb/gormtest"
	"storeops/domain/store"
	"storeops/domain/store/storedb"
)

func newRepo(t *testing.T) *storedb.Repo {
	t.Helper()
	return storedb.New(gormtest.Open(t, storedb.Migrations()))
}

func TestCreateFind(t *testing.T) {
	ctx := context.Background()
	repo := newRepo(t)
	at := time.Date(2026, 11, 29, 8, 30, 0, 123456789, time.FixedZone("CST", 8*3600))
	s := store.Store{Code: "TM01", Platform: "tmall", Name: "天猫旗舰店 🛍", CreatedBy: "U1", CreatedAt: at}
	if err := repo.Create(ctx, &s); err != nil {
		t.Fatal(err)
	}
	got, err := repo.Find(ctx, "TM01")
	if err != nil {
		t.Fatal(err)
	}
	want := s
	want.CreatedAt = at.UTC().Truncate(time.Microsecond)
	// A store that never chose a conversion basis reads as the default one.
	want.ConversionBasis = store.ConversionBuyers
	if got != want {
		t.Fatalf("Find = %+v, want %+v", got, want)
	}
	if got.CreatedAt.Location() != time.UTC {
		t.Errorf("CreatedAt in %v, want UTC", got.CreatedAt.Location())
	}
}

func TestCreateDuplicate(t *testing.T) {
	ctx := context.Background()
	repo := newRepo(t)
	s := store.Store{Code: "JD01", Platform: "jd", Name: "JD", CreatedBy: "U1", CreatedAt: time.Now()}
	if err := repo.Create(ctx, &s); err != nil {
		t.Fatal(err)
	}
	err := repo.Create(ctx, &s)
	if domain.ErrorCode(err) != domain.ECONFLICT {
		t.Fatalf("second Create = %v, want ECONFLICT", err)
	}
	if e, _ := domain.AsError(err); e.Key != "store.exists" || len(e.Args) != 1 || e.Args[0] != "JD01" {
		t.Errorf("error = %#v, want store.exists [JD01]", e)
	}
}

func TestFindUnknown(t *testing.T) {
	_, err := newRepo(t).Find(context.Background(), "NOPE")
	if domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Fatalf("Find = %v, want ENOTFOUND", err)
	}
	if e, _ := domain.AsError(err); e.Key != "store.not_found" || e.Args[0] != "NOPE" {
		t.Errorf("error = %#v, want store.not_found [NOPE]", e)
	}
}

func TestListOrderedByCode(t *testing.T) {
	ctx := context.Background()
	repo := newRepo(t)
	if got, err := repo.List(ctx); err != nil || len(got) != 0 {
		t.Fatalf("List on empty = %v, %v", got, err)
	}
	for _, code := range []string{"TM02", "JD01", "TM01"} {
		s := store.Store{Code: code, Platform: "other", Name: code}
		if err := repo.Create(ctx, &s); err != nil {
			t.Fatal(err)
		}
	}
	got, err := repo.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, s := range got {
		codes = append(codes, s.Code)
		if !s.CreatedAt.IsZero() {
			t.Errorf("%s: CreatedAt = %v, want zero (it was never set)", s.Code, s.CreatedAt)
		}
	}
	if want := []string{"JD01", "TM01", "TM02"}; !slices.Equal(codes, want) {
		t.Fatalf("List codes = %v, want %v", codes, want)
	}
}

func TestCreateJoinsTransaction(t *testing.T) {
	ctx := context.Background()
	db := gormtest.Open(t, storedb.Migrations())
	repo := storedb.New(db)
	refused := domain.Errorf(domain.EFORBIDDEN, "error.needs_role", "admin")
	err := gormdb.NewTxRunner(db).InTx(ctx, func(ctx context.Context) error {
		s := store.Store{Code: "PDD1", Platform: "pinduoduo", Name: "P"}
		if err := repo.Create(ctx, &s); err != nil {
			return err
		}
		if _, err := repo.Find(ctx, "PDD1"); err != nil {
			t.Errorf("Find inside the transaction: %v", err)
		}
		return refused
	})
	if err != refused {
		t.Fatalf("InTx = %v, want the function's error unchanged", err)
	}
	if _, err := repo.Find(ctx, "PDD1"); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Fatalf("Find after rollback = %v, want ENOTFOUND", err)
	}
}

func TestMigrationsRunTwice(t *testing.T) {
	db := gormtest.Open(t, storedb.Migrations())
	if err := gormdb.Migrate(context.Background(), db, storedb.Migrations()); err != nil {
		t.Fatal(err)
	}
}

func TestConversionBasisRoundTrip(t *testing.T) {
	ctx := context.Background()
	repo := newRepo(t)
	s := store.Store{Code: "SH01", Platform: "shopify", Name: "Shop", ConversionBasis: store.ConversionSessions, CreatedBy: "U1", CreatedAt: time.Now()}
	if err := repo.Create(ctx, &s); err != nil {
		t.Fatal(err)
	}
	got, err := repo.Update(ctx, "SH01", func(st *store.Store) error { st.ConversionBasis = store.ConversionBuyers; return nil })
	if err != nil || got.ConversionBasis != store.ConversionBuyers {
		t.Fatalf("Update = %+v, %v", got, err)
	}
	if got, err := repo.Update(ctx, "SH01", func(st *store.Store) error { st.TimeZone = "America/Los_Angeles"; return nil }); err != nil || got.TimeZone != "America/Los_Angeles" {
		t.Errorf("time zone after update: %q, %v", got.TimeZone, err)
	}
	if got, _ := repo.Find(ctx, "SH01"); got.ConversionBasis != store.ConversionBuyers || got.TimeZone != "America/Los_Angeles" {
		t.Fatalf("Find = %q", got.ConversionBasis)
	}
}
