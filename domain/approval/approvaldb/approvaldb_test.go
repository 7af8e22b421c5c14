package approvaldb_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"storeops/domain"
	"storeops/domain/approval"
	"storeops/domain/approval/approvaldb"
	"storeops/domain/gormdb"
	"storeops/domain/gormdb/gormtest"
)

var t0 = time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)

func open(t *testing.T) (*approvaldb.Repo, *gormdb.TxRunner) {
	t.Helper()
	db := gormtest.Open(t, approvaldb.Migrations())
	return approvaldb.New(db), gormdb.NewTxRunner(db)
}

func request(kind approval.Kind, subject domain.Subject, created time.Time) approval.Request {
	return approval.Request{
		Kind: kind, Subject: subject, Title: "TM01/SKU-1 红色马克杯", Requester: "U1",
		Details: []approval.Field{{Label: "field.price", Value: "12.50"}},
		Payload: json.RawMessage(`{"price":1250}`), Status: approval.StatusPending,
		CreatedAt: created, DueAt: created.Add(24 * time.Hour), Version: 1,
	}
}

func create(t *testing.T, repo *approvaldb.Repo, r approval.Request) approval.Request {
	t.Helper()
	if err := repo.Create(context.Background(), &r); err != nil {
		t.Fatal(err)
	}
	if r.ID == 0 {
		t.Fatal("Create did not set the ID")
	}
	return r
}

func TestCreateFind(t *testing.T) {
	repo, _ := open(t)
	want := create(t, repo, request(approval.KindListingPublish, "listing:1", t0.Add(987654321)))
	got, err := repo.Find(context.Background(), want.ID)
	if err != nil {
		t.Fatal(err)
	}
	want.CreatedAt = want.CreatedAt.Truncate(time.Microsecond)
	want.DueAt = want.DueAt.Truncate(time.Microsecond)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Find =\n%+v\nwant\n%+v", got, want)
	}
	if !got.DecidedAt.IsZero() || !got.LastRemindedAt.IsZero() || got.Decisions != nil {
		t.Errorf("unset fields came back set: %+v", got)
	}
}

func TestFindUnknown(t *testing.T) {
	repo, _ := open(t)
	_, err := repo.Find(context.Background(), 404)
	if domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Fatalf("Find = %v, want ENOTFOUND", err)
	}
	if e, _ := domain.AsError(err); e.Key != "approval.not_found" || !reflect.DeepEqual(e.Args, []any{int64(404)}) {
		t.Errorf("error = %#v, want approval.not_found [404]", e)
	}
	_, err = repo.Update(context.Background(), 404, func(*approval.Request) error { return nil })
	if e, ok := domain.AsError(err); !ok || e.Code != domain.ENOTFOUND || e.Key != "approval.not_found" {
		t.Fatalf("Update = %v, want ENOTFOUND approval.not_found", err)
	}
}

func TestUpdateSavesWithNextVersion(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	r := create(t, repo, request(approval.KindListingChange, "listing:2", t0))
	decided := t0.Add(time.Hour)
	saved, err := repo.Update(ctx, r.ID, func(r *approval.Request) error {
		r.Status = approval.StatusApproved
		r.Decisions = append(r.Decisions, approval.Decision{By: "U2", Outcome: approval.OutcomeApprove, At: decided})
		r.DecidedBy, r.DecidedAt = "U2", decided
		r.Version = 99 // the repository owns the version
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if saved.Version != 2 || saved.Status != approval.StatusApproved || saved.ID != r.ID {
		t.Fatalf("Update = %+v, want version 2, approved", saved)
	}
	got, err := repo.Find(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, saved) {
		t.Fatalf("Find after Update =\n%+v\nwant what Update returned\n%+v", got, saved)
	}
	if len(got.Decisions) != 1 || got.Decisions[0].By != "U2" || !got.Decisions[0].At.Equal(decided) || !got.DecidedAt.Equal(decided) {
		t.Errorf("decision not stored: %+v", got)
	}
}

func TestUpdateFnErrorSavesNothing(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	r := create(t, repo, request(approval.KindListingDelist, "listing:3", t0))
	errDecided := errors.New("already decided")
	_, err := repo.Update(ctx, r.ID, func(r *approval.Request) error {
		r.Status = approval.StatusRejected
		return fmt.Errorf("decide: %w", errDecided)
	})
	if !errors.Is(err, errDecided) {
		t.Fatalf("Update = %v, want fn's error", err)
	}
	if err.Error() != "decide: already decided" {
		t.Errorf("Update wrapped fn's error: %q", err)
	}
	domainErr := domain.Errorf(domain.EFORBIDDEN, "approval.self_approval")
	if _, err := repo.Update(ctx, r.ID, func(*approval.Request) error { return domainErr }); err != domainErr {
		t.Fatalf("Update = %v, want the domain error unchanged", err)
	}
	got, _ := repo.Find(ctx, r.ID)
	if got.Status != approval.StatusPending || got.Version != 1 {
		t.Fatalf("after failed updates: status %s version %d, want pending 1", got.Status, got.Version)
	}
}

func TestConcurrentUpdatesAllLand(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	r := create(t, repo, request(approval.KindListingPublish, "listing:4", t0))
	const n = 20
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			_, err := repo.Update(ctx, r.ID, func(r *approval.Request) error {
				r.Decisions = append(r.Decisions, approval.Decision{By: fmt.Sprint("U", i), Outcome: approval.OutcomeApprove, At: t0})
				return nil
			})
			if err != nil {
				t.Errorf("Update %d: %v", i, err)
			}
		})
	}
	wg.Wait()
	got, err := repo.Find(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Decisions) != n || got.Version != r.Version+n {
		t.Fatalf("after %d updates: %d decisions, version %d; want %d and %d", n, len(got.Decisions), got.Version, n, r.Version+n)
	}
}

func TestUpdateJoinsTransaction(t *testing.T) {
	ctx := context.Background()
	repo, tx := open(t)
	r := create(t, repo, request(approval.KindListingPublish, "listing:5", t0))
	applyFailed := errors.New("apply failed")
	err := tx.InTx(ctx, func(ctx context.Context) error {
		for range 2 {
			if _, err := repo.Update(ctx, r.ID, func(r *approval.Request) error {
				r.Status = approval.StatusApproved
				return nil
			}); err != nil {
				return err
			}
		}
		got, err := repo.Find(ctx, r.ID)
		if err != nil || got.Version != 3 {
			t.Errorf("inside the transaction Find = %+v, %v; want version 3", got, err)
		}
		return applyFailed
	})
	if err != applyFailed {
		t.Fatalf("InTx = %v, want the function's error", err)
	}
	got, _ := repo.Find(ctx, r.ID)
	if got.Status != approval.StatusPending || got.Version != 1 {
		t.Fatalf("after rollback: %s version %d, want pending version 1", got.Status, got.Version)
	}
}

func TestListPending(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	change := create(t, repo, request(approval.KindListingChange, "listing:1", t0.Add(2*time.Minute)))
	publish1 := create(t, repo, request(approval.KindListingPublish, "listing:2", t0))
	publish2 := create(t, repo, request(approval.KindListingPublish, "listing:3", t0)) // same time: creation order
	decided := request(approval.KindListingPublish, "listing:4", t0.Add(-time.Hour))
	decided.Status = approval.StatusApproved
	create(t, repo, decided)
	delist := create(t, repo, request(approval.KindListingDelist, "listing:5", t0.Add(time.Minute)))

	all, err := repo.ListPending(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := idsOf(all), []int64{publish1.ID, publish2.ID, delist.ID, change.ID}; !reflect.DeepEqual(got, want) {
		t.Errorf("ListPending(all) = %v, want %v", got, want)
	}
	some, err := repo.ListPending(ctx, []approval.Kind{approval.KindListingChange, approval.KindListingDelist})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := idsOf(some), []int64{delist.ID, change.ID}; !reflect.DeepEqual(got, want) {
		t.Errorf("ListPending(change, delist) = %v, want %v", got, want)
	}
	none, err := repo.ListPending(ctx, []approval.Kind{"leave"})
	if err != nil || len(none) != 0 {
		t.Errorf("ListPending(leave) = %v, %v; want none", none, err)
	}
}

func TestListBySubject(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	old := create(t, repo, request(approval.KindListingPublish, "listing:9", t0))
	create(t, repo, request(approval.KindListingPublish, "listing:10", t0))
	newer := create(t, repo, request(approval.KindListingChange, "listing:9", t0.Add(time.Hour)))
	got, err := repo.ListBySubject(ctx, "listing:9")
	if err != nil {
		t.Fatal(err)
	}
	if ids, want := idsOf(got), []int64{newer.ID, old.ID}; !reflect.DeepEqual(ids, want) {
		t.Fatalf("ListBySubject = %v, want %v (newest first)", ids, want)
	}
	if none, err := repo.ListBySubject(ctx, "listing:404"); err != nil || len(none) != 0 {
		t.Fatalf("ListBySubject(unknown) = %v, %v", none, err)
	}
}

func TestMigrationsRunTwice(t *testing.T) {
	db := gormtest.Open(t, approvaldb.Migrations())
	if err := gormdb.Migrate(context.Background(), db, approvaldb.Migrations()); err != nil {
		t.Fatal(err)
	}
}

func idsOf(rs []approval.Request) []int64 {
	out := []int64{}
	for _, r := range rs {
		out = append(out, r.ID)
	}
	return out
}
