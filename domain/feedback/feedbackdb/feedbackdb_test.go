package feedbackdb_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"storeops/domain/feedback"
	"storeops/domain/feedback/feedbackdb"
	"storeops/domain/gormdb/gormtest"
)

var t0 = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

func add(t *testing.T, r *feedbackdb.Repo, kind feedback.Kind, sku string, at time.Duration, tags ...string) feedback.Feedback {
	t.Helper()
	f := feedback.Feedback{Kind: kind, StoreCode: "TM01", SKU: sku, Text: fmt.Sprintf("%s about %s", kind, sku), Tags: tags,
		RecordedBy: "U1", CreatedAt: t0.Add(at)}
	if err := r.Create(context.Background(), &f); err != nil {
		t.Fatal(err)
	}
	return f
}

func shape(gs []feedback.Group) []string {
	var out []string
	for _, g := range gs {
		out = append(out, fmt.Sprintf("%s=%d(r%d,s%d,o%d)", g.Key, g.Total, g.Kinds[feedback.KindReview], g.Kinds[feedback.KindSuggestion], g.Kinds[feedback.KindOpinion]))
	}
	return out
}

func TestSummarize(t *testing.T) {
	ctx := context.Background()
	r := feedbackdb.New(gormtest.Open(t, feedbackdb.Migrations()))
	add(t, r, feedback.KindReview, "MUG-1", time.Hour, "packaging", "quality")
	add(t, r, feedback.KindSuggestion, "MUG-1", 2*time.Hour, "packaging")
	add(t, r, feedback.KindOpinion, "", 3*time.Hour)
	newest := add(t, r, feedback.KindReview, "CUP-2", 4*time.Hour, "delivery", "packaging")
	add(t, r, feedback.KindReview, "MUG-1", -time.Hour, "packaging")   // before the period
	add(t, r, feedback.KindReview, "MUG-1", 7*24*time.Hour, "quality") // at its end: excluded

	sum, err := r.Summarize(ctx, t0, t0.Add(7*24*time.Hour), 2, 3)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Total != 4 || sum.Kinds[feedback.KindReview] != 2 || sum.Kinds[feedback.KindSuggestion] != 1 || sum.Kinds[feedback.KindOpinion] != 1 || sum.Untagged != 1 {
		t.Errorf("totals: %d %v untagged %d", sum.Total, sum.Kinds, sum.Untagged)
	}
	if got, want := shape(sum.ByTag), []string{"packaging=3(r2,s1,o0)", "delivery=1(r1,s0,o0)"}; !slices.Equal(got, want) || sum.MoreTags != 1 {
		t.Errorf("by tag %v (+%d), want %v (+1)", got, sum.MoreTags, want)
	}
	if got, want := shape(sum.BySKU), []string{"MUG-1=2(r1,s1,o0)", "CUP-2=1(r1,s0,o0)"}; !slices.Equal(got, want) || sum.MoreSKUs != 0 {
		t.Errorf("by SKU %v (+%d), want %v", got, sum.MoreSKUs, want)
	}
	if len(sum.Examples) != 3 || sum.Examples[0].ID != newest.ID || !slices.Equal(sum.Examples[0].Tags, []string{"delivery", "packaging"}) ||
		!sum.Examples[0].CreatedAt.Equal(newest.CreatedAt) {
		t.Errorf("examples %+v", sum.Examples)
	}
	empty, err := r.Summarize(ctx, t0.Add(-48*time.Hour), t0.Add(-24*time.Hour), 2, 3)
	if err != nil || empty.Total != 0 || len(empty.ByTag) != 0 || len(empty.Examples) != 0 {
		t.Errorf("empty period: %+v, %v", empty, err)
	}
}

func TestChannelSetting(t *testing.T) {
	ctx := context.Background()
	r := feedbackdb.New(gormtest.Open(t, feedbackdb.Migrations()))
	if c, err := r.Channel(ctx); err != nil || c != "" {
		t.Fatalf("unset channel = %q, %v", c, err)
	}
	for _, c := range []string{"C1", "C1", "C2"} { // setting the same value twice is fine
		if err := r.SetChannel(ctx, c, "U1", t0); err != nil {
			t.Fatal(err)
		}
		if got, err := r.Channel(ctx); err != nil || got != c {
			t.Errorf("channel = %q, %v; want %s", got, err, c)
		}
	}
}
