package auditdb_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"storeops/domain"
	"storeops/domain/audit"
	"storeops/domain/audit/auditdb"
	"storeops/domain/gormdb"
	"storeops/domain/gormdb/gormtest"
)

func newRepo(t *testing.T) (*auditdb.Repo, *gormdb.TxRunner) {
	t.Helper()
	db := gormtest.Open(t, auditdb.Migrations())
	return auditdb.New(db), gormdb.NewTxRunner(db)
}

var t0 = time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)

func TestAppendAndList(t *testing.T) {
	ctx := context.Background()
	repo, _ := newRepo(t)
	subject := domain.SubjectOf("listing", 7)
	first := audit.Entry{At: t0.Add(123456 * time.Nanosecond), Actor: "U1", Action: "listing.submit", Subject: subject,
		After: json.RawMessage(`{"status":"pending_review","title":"红色马克杯"}`)}
	if err := repo.Append(ctx, &first); err != nil {
		t.Fatal(err)
	}
	if first.ID == 0 {
		t.Fatal("Append did not set the ID")
	}
	other := audit.Entry{At: t0, Actor: "U1", Action: "listing.submit", Subject: domain.SubjectOf("listing", 8)}
	if err := repo.Append(ctx, &other); err != nil {
		t.Fatal(err)
	}
	second := audit.Entry{At: t0.Add(time.Minute), Actor: "U2", Action: "listing.approve", Subject: subject,
		Before: json.RawMessage(`{"status":"pending_review"}`), After: json.RawMessage(`{"status":"live"}`)}
	if err := repo.Append(ctx, &second); err != nil {
		t.Fatal(err)
	}

	got, err := repo.ListBySubject(ctx, subject, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("ListBySubject = %d entries, want 2", len(got))
	}
	want0 := first
	want0.At = first.At.Truncate(time.Microsecond)
	if g := got[0]; g.ID != want0.ID || !g.At.Equal(want0.At) || g.Actor != "U1" || g.Action != "listing.submit" ||
		g.Subject != subject || g.Before != nil || string(g.After) != string(first.After) {
		t.Errorf("entry 0 = %+v, want %+v", g, want0)
	}
	if g := got[1]; g.ID != second.ID || string(g.Before) != string(second.Before) || string(g.After) != string(second.After) {
		t.Errorf("entry 1 = %+v, want %+v", g, second)
	}
	if changes := got[1].Changes(); len(changes) != 1 || changes[0].Field != "status" {
		t.Errorf("Changes = %+v", changes)
	}
}

func TestListKeepsNewestOldestFirst(t *testing.T) {
	ctx := context.Background()
	repo, _ := newRepo(t)
	subject := domain.Subject("store:TM01")
	for i := range 5 {
		// Two entries share a time, as two writes in one transaction do.
		e := audit.Entry{At: t0.Add(time.Duration(i/2) * time.Second), Actor: "U1", Action: fmt.Sprint("a", i), Subject: subject}
		if err := repo.Append(ctx, &e); err != nil {
			t.Fatal(err)
		}
	}
	got, err := repo.ListBySubject(ctx, subject, 3)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range got {
		actions = append(actions, e.Action)
	}
	if fmt.Sprint(actions) != "[a2 a3 a4]" {
		t.Errorf("ListBySubject(limit 3) = %v, want [a2 a3 a4]", actions)
	}
	all, err := repo.ListBySubject(ctx, subject, 0)
	if err != nil || len(all) != 5 || all[0].Action != "a0" {
		t.Errorf("ListBySubject(no limit) = %d entries (first %v), %v; want 5 from a0", len(all), all, err)
	}
	none, err := repo.ListBySubject(ctx, "store:NONE", 10)
	if err != nil || len(none) != 0 {
		t.Errorf("ListBySubject(unknown) = %v, %v; want none", none, err)
	}
}

func TestZeroTimeRoundTrips(t *testing.T) {
	ctx := context.Background()
	repo, _ := newRepo(t)
	e := audit.Entry{Actor: "U1", Action: "x", Subject: "user:U1"}
	if err := repo.Append(ctx, &e); err != nil {
		t.Fatal(err)
	}
	got, err := repo.ListBySubject(ctx, "user:U1", 1)
	if err != nil || len(got) != 1 {
		t.Fatalf("ListBySubject = %v, %v", got, err)
	}
	if !got[0].At.IsZero() {
		t.Errorf("At = %v, want zero", got[0].At)
	}
}

func TestAppendJoinsTransaction(t *testing.T) {
	ctx := context.Background()
	repo, tx := newRepo(t)
	log := audit.NewLog(repo, domain.NewManualClock(t0))
	failed := fmt.Errorf("apply failed")
	err := tx.InTx(ctx, func(ctx context.Context) error {
		if err := log.Record(ctx, domain.System(), "listing.scan", "listing:1", nil, map[string]int{"stock": 0}); err != nil {
			return err
		}
		return failed
	})
	if err != failed {
		t.Fatalf("InTx = %v, want the function's error", err)
	}
	if got, _ := repo.ListBySubject(ctx, "listing:1", 10); len(got) != 0 {
		t.Fatalf("after rollback ListBySubject = %+v, want none", got)
	}
}

func TestMigrationsRunTwice(t *testing.T) {
	db := gormtest.Open(t, auditdb.Migrations())
	if err := gormdb.Migrate(context.Background(), db, auditdb.Migrations()); err != nil {
		t.Fatal(err)
	}
}
