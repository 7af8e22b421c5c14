package storedb_test

import (
	"context"
	"errors"
	"testing"

	"storeops/domain"
	"storeops/domain/store"
)

func TestUpdateSetsChannels(t *testing.T) {
	ctx := context.Background()
	repo := newRepo(t)
	s := store.Store{Code: "JD01", Platform: "jd", Name: "JD", CreatedBy: "U1"}
	if err := repo.Create(ctx, &s); err != nil {
		t.Fatal(err)
	}
	if _, err := repo.Update(ctx, "JD01", func(st *store.Store) error { st.TeamChannel = "C0TEAM"; return nil }); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	if _, err := repo.Update(ctx, "JD01", func(st *store.Store) error { st.WarehouseChannel = "C0WH"; return boom }); !errors.Is(err, boom) {
		t.Fatalf("fn error = %v", err)
	}
	got, err := repo.Find(ctx, "JD01")
	if err != nil {
		t.Fatal(err)
	}
	if got.TeamChannel != "C0TEAM" || got.WarehouseChannel != "" || got.Name != "JD" {
		t.Errorf("after updates: %+v", got)
	}
	if _, err := repo.Update(ctx, "NOPE", func(*store.Store) error { return nil }); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("unknown store: %v", err)
	}
}
