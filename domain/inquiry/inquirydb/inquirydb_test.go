package inquirydb_test

import (
	"context"
	"testing"
	"time"

	"storeops/domain"
	"storeops/domain/gormdb"
	"storeops/domain/gormdb/gormtest"
	"storeops/domain/inquiry"
	"storeops/domain/inquiry/inquirydb"
)

var t0 = time.Date(2026, 11, 30, 6, 0, 0, 0, time.UTC)

func create(t *testing.T, r *inquirydb.Repo, owner string, promised time.Duration) inquiry.Inquiry {
	t.Helper()
	q := inquiry.Inquiry{StoreCode: "TM01", Customer: "Wang", Platform: "tmall", Question: "Is it in stock?",
		Owner: owner, RecordedBy: owner, AskedAt: t0, PromisedAt: t0.Add(promised), Status: inquiry.StatusOpen, UpdatedAt: t0}
	if err := r.Create(context.Background(), &q); err != nil {
		t.Fatal(err)
	}
	return q
}

func answer(t *testing.T, r *inquirydb.Repo, id int64, at time.Time) {
	t.Helper()
	_, err := r.Update(context.Background(), id, func(q *inquiry.Inquiry) error {
		q.Status, q.Answer, q.AnsweredBy, q.AnsweredAt, q.OnTime = inquiry.StatusAnswered, "yes", q.Owner, at, !at.After(q.PromisedAt)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestRoundTripAndNotFound(t *testing.T) {
	ctx := context.Background()
	r := inquirydb.New(gormtest.Open(t, inquirydb.Migrations()))
	q := create(t, r, "U1", 2*time.Hour)
	got, err := r.Find(ctx, q.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Customer != "Wang" || !got.PromisedAt.Equal(q.PromisedAt) || got.Status != inquiry.StatusOpen || got.AnsweredAt.IsZero() != true {
		t.Errorf("round trip: %+v", got)
	}
	if _, err := r.Find(ctx, 999); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("unknown id: %v", err)
	}
	if _, err := r.Update(ctx, 999, func(*inquiry.Inquiry) error { return nil }); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("update of an unknown id: %v", err)
	}
	// A refusing fn saves nothing.
	refuse := domain.Errorf(domain.ECONFLICT, "inquiry.already_answered", q.ID)
	if _, err := r.Update(ctx, q.ID, func(q *inquiry.Inquiry) error { q.Customer = "Li"; return refuse }); err != refuse {
		t.Errorf("refused update: %v", err)
	}
	answer(t, r, q.ID, t0.Add(time.Hour))
	got, _ = r.Find(ctx, q.ID)
	if got.Customer != "Wang" || got.Status != inquiry.StatusAnswered || !got.OnTime || got.Version != 1 || !got.AnsweredAt.Equal(t0.Add(time.Hour)) {
		t.Errorf("after answer: %+v", got)
	}
}

func TestListFilters(t *testing.T) {
	ctx := context.Background()
	r := inquirydb.New(gormtest.Open(t, inquirydb.Migrations()))
	late := create(t, r, "U1", 3*time.Hour)
	soon := create(t, r, "U2", time.Hour)
	done := create(t, r, "U1", 30*time.Minute)
	answer(t, r, done.ID, t0.Add(10*time.Minute))
	ids := func(f inquiry.Filter) []int64 {
		list, err := r.List(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var out []int64
		for _, q := range list {
			out = append(out, q.ID)
		}
		return out
	}
	for name, c := range map[string]struct {
		f    inquiry.Filter
		want []int64
	}{
		"open, earliest promise first": {inquiry.Filter{Status: inquiry.StatusOpen}, []int64{soon.ID, late.ID}},
		"overdue at +2h":               {inquiry.Filter{Status: inquiry.StatusOpen, DueBy: t0.Add(2 * time.Hour)}, []int64{soon.ID}},
		"due exactly now":              {inquiry.Filter{Status: inquiry.StatusOpen, DueBy: t0.Add(time.Hour)}, []int64{soon.ID}},
		"mine":                         {inquiry.Filter{Status: inquiry.StatusOpen, Owner: "U1"}, []int64{late.ID}},
		"limit":                        {inquiry.Filter{Limit: 1}, []int64{done.ID}},
	} {
		if got := ids(c.f); len(got) != len(c.want) || (len(got) > 0 && got[0] != c.want[0]) || (len(got) > 1 && got[1] != c.want[1]) {
			t.Errorf("%s: %v, want %v", name, got, c.want)
		}
	}
}

func TestTimeliness(t *testing.T) {
	ctx := context.Background()
	db := gormtest.Open(t, inquirydb.Migrations())
	r := inquirydb.New(db)
	onTime := create(t, r, "U1", 2*time.Hour)
	answer(t, r, onTime.ID, t0.Add(2*time.Hour)) // exactly at the promise counts as on time
	lateOne := create(t, r, "U1", time.Hour)
	answer(t, r, lateOne.ID, t0.Add(61*time.Minute))
	other := create(t, r, "U2", time.Hour)
	answer(t, r, other.ID, t0.Add(time.Minute))
	create(t, r, "U1", time.Hour) // open: not counted
	nextMonth := create(t, r, "U1", time.Hour)
	answer(t, r, nextMonth.ID, t0.Add(40*24*time.Hour))

	// Inside a transaction too, as appraisals will call it.
	err := gormdb.NewTxRunner(db).InTx(ctx, func(ctx context.Context) error {
		answered, inTime, err := r.Timeliness(ctx, "U1", t0, t0.Add(24*time.Hour))
		if err != nil {
			return err
		}
		if answered != 2 || inTime != 1 {
			t.Errorf("U1 = %d answered, %d on time; want 2, 1", answered, inTime)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if a, o, err := r.Timeliness(ctx, "U3", t0, t0.Add(24*time.Hour)); err != nil || a != 0 || o != 0 {
		t.Errorf("nobody's = %d, %d, %v", a, o, err)
	}
	// The window is half-open: an answer at `to` belongs to the next one.
	if a, _, _ := r.Timeliness(ctx, "U1", t0, t0.Add(61*time.Minute)); a != 0 {
		t.Errorf("[t0, t0+61m) answered = %d, want 0", a)
	}
	if a, o, _ := r.Timeliness(ctx, "U1", t0.Add(61*time.Minute), t0.Add(62*time.Minute)); a != 1 || o != 0 {
		t.Errorf("[t0+61m, t0+62m) = %d, %d; want 1, 0", a, o)
	}
}
