package approval

import (
	"context"
	"testing"

	"storeops/domain"
)

func TestDecidingCallsOneFunctionWithTheOutcome(t *testing.T) {
	var got []string
	a := Deciding(func(_ context.Context, _ domain.Actor, _ Request, outcome string) error {
		got = append(got, outcome)
		return nil
	}, "approved", "rejected")
	ctx := context.Background()
	if err := a.OnApproved(ctx, domain.Actor{}, Request{}); err != nil {
		t.Fatal(err)
	}
	if err := a.OnRejected(ctx, domain.Actor{}, Request{}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0] != "approved" || got[1] != "rejected" {
		t.Errorf("outcomes = %v, want [approved rejected]", got)
	}
}
