package approvaldb_test

import (
	"context"
	"testing"

	"storeops/domain/approval"
)

// CountPending counts what ListPending lists, of every kind.
func TestCountPending(t *testing.T) {
	ctx := context.Background()
	repo, _ := open(t)
	if n, err := repo.CountPending(ctx); err != nil || n != 0 {
		t.Fatalf("empty: %d, %v", n, err)
	}
	create(t, repo, request(approval.KindListingPublish, "listing:1", t0))
	create(t, repo, request(approval.KindRefund, "aftersale:2", t0))
	decided := request(approval.KindListingPublish, "listing:3", t0)
	decided.Status = approval.StatusApproved
	create(t, repo, decided)
	n, err := repo.CountPending(ctx)
	if err != nil || n != 2 {
		t.Errorf("CountPending = %d, %v; want 2", n, err)
	}
	list, err := repo.ListPending(ctx, nil)
	if err != nil || len(list) != n {
		t.Errorf("ListPending = %d, %v; the count disagrees", len(list), err)
	}
}
