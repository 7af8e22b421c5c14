package main

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"storeops/domain"
	"storeops/domain/aftersale"
	"storeops/domain/aftersale/aftersaledb"
	"storeops/domain/approval/approvaldb"
	"storeops/domain/complaint"
	"storeops/domain/complaint/complaintdb"
	"storeops/domain/inquiry"
	"storeops/domain/inquiry/inquirydb"
	"storeops/domain/order"
	"storeops/domain/order/orderdb"
)

// digestWaiting adapts the areas' repositories to the digest's ports for what is waiting
// (report.PendingApprovals, HeldOrders, …): report imports none of the areas, and the
// areas need not grow a counting method each for one reader.
type digestWaiting struct {
	db          *gorm.DB
	clock       domain.Clock
	remindAfter time.Duration
}

func (w digestWaiting) PendingApprovals(ctx context.Context) (int, error) {
	pending, err := approvaldb.New(w.db).ListPending(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("pending approvals: %w", err)
	}
	return len(pending), nil
}

// HeldOrders walks the held orders page by page (the order repository caps a page).
func (w digestWaiting) HeldOrders(ctx context.Context) (map[string]int, error) {
	out := map[string]int{}
	repo := orderdb.New(w.db)
	var after int64
	for {
		page, err := repo.List(ctx, order.Filter{Status: order.StatusHeld, Oldest: true, AfterID: after, Limit: orderdb.MaxLimit})
		if err != nil {
			return nil, fmt.Errorf("held orders: %w", err)
		}
		for _, o := range page {
			out[o.StoreCode]++
			after = max(after, o.ID)
		}
		if len(page) < orderdb.MaxLimit {
			return out, nil
		}
	}
}

func (w digestWaiting) StaleCases(ctx context.Context) (map[string]int, error) {
	cases, err := aftersaledb.New(w.db).List(ctx, aftersale.Filter{OpenOnly: true, MovedBefore: w.clock.Now().Add(-w.remindAfter)})
	if err != nil {
		return nil, fmt.Errorf("stale after-sales cases: %w", err)
	}
	out := map[string]int{}
	for _, c := range cases {
		out[c.StoreCode]++
	}
	return out, nil
}

func (w digestWaiting) OverdueInquiries(ctx context.Context) (map[string]int, error) {
	list, err := inquirydb.New(w.db).List(ctx, inquiry.Filter{Status: inquiry.StatusOpen, DueBy: w.clock.Now()})
	if err != nil {
		return nil, fmt.Errorf("overdue inquiries: %w", err)
	}
	out := map[string]int{}
	for _, q := range list {
		out[q.StoreCode]++
	}
	return out, nil
}

func (w digestWaiting) OverdueComplaints(ctx context.Context) (map[string]int, error) {
	list, err := complaintdb.New(w.db).List(ctx, complaint.Filter{
		Statuses: []complaint.Status{complaint.StatusOpen, complaint.StatusAcknowledged}, OverdueAt: w.clock.Now()})
	if err != nil {
		return nil, fmt.Errorf("overdue complaints: %w", err)
	}
	out := map[string]int{}
	for _, c := range list {
		out[c.StoreCode]++
	}
	return out, nil
}
