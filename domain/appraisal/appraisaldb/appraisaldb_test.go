package appraisaldb_test

import (
	"context"
	"reflect"
	"sync"
	"testing"
	"time"

	"storeops/domain"
	"storeops/domain/appraisal"
	"storeops/domain/appraisal/appraisaldb"
	"storeops/domain/gormdb"
	"storeops/domain/gormdb/gormtest"
)

var t0 = time.Date(2026, 12, 1, 1, 0, 0, 0, time.UTC)

func open(t *testing.T) (*appraisaldb.Repo, *gormdb.TxRunner) {
	t.Helper()
	db := gormtest.Open(t, appraisaldb.Migrations())
	return appraisaldb.New(db), gormdb.NewTxRunner(db)
}

func newCycle(assistant string) appraisal.Cycle {
	return appraisal.Cycle{Month: "2026-11", Assistant: assistant, Status: appraisal.StatusPrompted, DeadlineAt: t0.Add(4*24*time.Hour + 9*time.Hour),
		PromptedAt: t0, CreatedAt: t0, UpdatedAt: t0, Version: 1}
}

func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	c := newCycle("U1")
	c.Status, c.Self = appraisal.StatusPublished, appraisal.Self{Achievements: "上新 12 款", Shortcomings: "s", Measures: "m",
		Scores: appraisal.Ratings{Task: 80, Store: 70, Customer: 90, Teamwork: 85, Attitude: 95}}
	c.SubmittedAt, c.RatedAt, c.PublishedAt, c.RemindedAt = t0.Add(time.Hour), t0.Add(2*time.Hour), t0.Add(2*time.Hour), t0.Add(time.Minute)
	c.AppealUntil = c.PublishedAt.AddDate(0, 0, 5)
	c.Ratings, c.Comment, c.RatedBy = appraisal.Ratings{Task: 81, Store: 71, Customer: 91, Teamwork: 86, Attitude: 96}, "good", "U2"
	c.Figures = appraisal.Figures{Month: "2026-11", Assistant: "U1", Items: []appraisal.Figure{{Key: "inquiry_timeliness",
		Dimension: appraisal.DimCustomer, Kind: appraisal.KindRatio, Available: true, Counted: 4, Good: 3, List: "inquiry list mine"}}}
	c.Result = appraisal.Compute(appraisal.DefaultScoring(), c.Figures.DataScores(), c.Ratings)
	c.Adjustment = &appraisal.Adjustment{OldTotal: 700, NewTotal: 750, By: "U3", At: t0.Add(3 * time.Hour), Reason: "r"}
	if err := repo.Create(ctx, &c); err != nil || c.ID == 0 {
		t.Fatalf("Create: %v %d", err, c.ID)
	}
	got, err := repo.Find(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, c) {
		t.Fatalf("Find =\n%+v\nwant\n%+v", got, c)
	}
	byMonth, err := repo.FindMonth(ctx, "U1", "2026-11")
	if err != nil || byMonth.ID != c.ID {
		t.Fatalf("FindMonth = %d %v", byMonth.ID, err)
	}
	if _, err := repo.FindMonth(ctx, "U1", "2026-10"); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("other month: %v", err)
	}
	if _, err := repo.Find(ctx, 999); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("unknown: %v", err)
	}
}

// TestCreateOncePerMonth is what makes the monthly prompt exactly once: of concurrent
// creations of the same assistant and month one succeeds, the others conflict.
func TestCreateOncePerMonth(t *testing.T) {
	ctx := context.Background()
	repo, tx := open(t)
	var wg sync.WaitGroup
	var mu sync.Mutex
	created, conflicts := 0, 0
	for range 6 {
		wg.Go(func() {
			c := newCycle("U1")
			err := tx.InTx(ctx, func(ctx context.Context) error { return repo.Create(ctx, &c) })
			mu.Lock()
			defer mu.Unlock()
			switch domain.ErrorCode(err) {
			case "":
				created++
			case domain.ECONFLICT:
				conflicts++
			default:
				t.Errorf("create: %v", err)
			}
		})
	}
	wg.Wait()
	if created != 1 || conflicts != 5 {
		t.Fatalf("created %d, conflicts %d", created, conflicts)
	}
	other := newCycle("U2")
	if err := repo.Create(ctx, &other); err != nil {
		t.Fatalf("another assistant: %v", err)
	}
	list, err := repo.ListMonth(ctx, "2026-11")
	if err != nil || len(list) != 2 || list[0].Assistant != "U1" || list[1].Assistant != "U2" {
		t.Fatalf("ListMonth = %+v %v", list, err)
	}
}

func TestUpdateSavesOrNothing(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	c := newCycle("U1")
	if err := repo.Create(ctx, &c); err != nil {
		t.Fatal(err)
	}
	refuse := domain.Errorf(domain.ECONFLICT, "appraisal.self.done", "2026-11")
	if _, err := repo.Update(ctx, c.ID, func(x *appraisal.Cycle) error { x.Status = appraisal.StatusRated; return refuse }); err != refuse {
		t.Fatalf("refused update: %v", err)
	}
	got, _ := repo.Find(ctx, c.ID)
	if got.Status != appraisal.StatusPrompted || got.Version != 1 {
		t.Fatalf("after refusal %s v%d", got.Status, got.Version)
	}
	saved, err := repo.Update(ctx, c.ID, func(x *appraisal.Cycle) error { x.EscalatedAt = t0; return nil })
	if err != nil || saved.Version != 2 || !saved.EscalatedAt.Equal(t0) {
		t.Fatalf("update: %+v %v", saved, err)
	}
}

func TestTargetsAndPlans(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	for _, tg := range []appraisal.Target{
		{Store: "TM01", Month: "2026-11", Paid: 100, Conversion: 200, SetBy: "U2", SetAt: t0},
		{Store: "JD01", Month: "2026-11", Paid: 5, SetBy: "U2", SetAt: t0},
		{Store: "TM01", Month: "2026-11", Paid: 300, Conversion: 250, SetBy: "U3", SetAt: t0.Add(time.Hour)},
		{Store: "TM01", Month: "2026-12", Paid: 1, SetBy: "U3", SetAt: t0},
	} {
		if err := repo.SetTarget(ctx, tg); err != nil {
			t.Fatal(err)
		}
	}
	got, err := repo.Targets(ctx, "2026-11")
	if err != nil || len(got) != 2 || got[1].Store != "TM01" || got[1].Paid != 300 || got[1].Conversion != 250 || got[1].SetBy != "U3" {
		t.Fatalf("Targets = %+v %v", got, err)
	}
	p := appraisal.ImprovementPlan{Assistant: "U1", Goals: "reply within 2 h", ReviewAt: t0.Add(30 * 24 * time.Hour), By: "U2", CreatedAt: t0}
	if err := repo.AddPlan(ctx, &p); err != nil || p.ID == 0 {
		t.Fatal(err)
	}
	back, err := repo.FindPlan(ctx, p.ID)
	if err != nil || !reflect.DeepEqual(back, p) {
		t.Fatalf("FindPlan = %+v %v", back, err)
	}
}

func TestSettings(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	if _, ok, err := repo.Settings(ctx); ok || err != nil {
		t.Fatalf("fresh settings: %v %v", ok, err)
	}
	st := appraisal.Settings{Scoring: appraisal.DefaultScoring(), Schedule: appraisal.DefaultSchedule()}
	for _, pass := range []int{650, 700} {
		st.Scoring.PassMark = pass
		if err := repo.SaveSettings(ctx, st); err != nil {
			t.Fatal(err)
		}
	}
	got, ok, err := repo.Settings(ctx)
	if err != nil || !ok || !reflect.DeepEqual(got, st) {
		t.Fatalf("Settings = %+v %v %v", got, ok, err)
	}
}
