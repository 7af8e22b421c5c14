package main

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"storeops/domain"
	"storeops/domain/aftersale/aftersaledb"
	"storeops/domain/approval/approvaldb"
	"storeops/domain/complaint/complaintdb"
	"storeops/domain/inquiry/inquirydb"
	"storeops/domain/order"
	"storeops/domain/order/orderdb"
)

// digestWaiting adapts the areas' repositories to the digest's ports for what is waiting
// (report.PendingApprovals, HeldOrders, …): report imports none of the areas. Each count is
// one grouped COUNT over an index that holds only what is still waiting, not a load of the
// rows: loading the held orders walked the orders table from its first id (no index leads
// with the status), so the digest slowed down as the years of shipped orders piled up
// (docs/BENCHMARKS.md, "Building the morning digests"). bench/digest.go mirrors this type.
type digestWaiting struct {
	db          *gorm.DB
	clock       domain.Clock
	remindAfter time.Duration
}

func (w digestWaiting) PendingApprovals(ctx context.Context) (int, error) {
	n, err := approvaldb.New(w.db).CountPending(ctx)
	if err != nil {
		return 0, fmt.Errorf("pending approvals: %w", err)
	}
	return n, nil
}

func (w digestWaiting) HeldOrders(ctx context.Context) (map[string]int, error) {
	m, err := orderdb.New(w.db).CountByStore(ctx, order.StatusHeld)
	if err != nil {
		return nil, fmt.Errorf("held orders: %w", err)
	}
	return m, nil
}

func (w digestWaiting) StaleCases(ctx context.Context) (map[string]int, error) {
	m, err := aftersaledb.New(w.db).CountStaleByStore(ctx, w.clock.Now().Add(-w.remindAfter))
	if err != nil {
		return nil, fmt.Errorf("stale after-sales cases: %w", err)
	}
	return m, nil
}

func (w digestWaiting) OverdueInquiries(ctx context.Context) (map[string]int, error) {
	m, err := inquirydb.New(w.db).CountOverdueByStore(ctx, w.clock.Now())
	if err != nil {
		return nil, fmt.Errorf("overdue inquiries: %w", err)
	}
	return m, nil
}

func (w digestWaiting) OverdueComplaints(ctx context.Context) (map[string]int, error) {
	m, err := complaintdb.New(w.db).CountOverdueByStore(ctx, w.clock.Now())
	if err != nil {
		return nil, fmt.Errorf("overdue complaints: %w", err)
	}
	return m, nil
}

// orderBuyers gives the period reports their repeat purchase rate from the orders
// (report.RepeatBuyers).
type orderBuyers struct{ db *gorm.DB }

func (b orderBuyers) RepeatBuyers(ctx context.Context, store string, from, to time.Time) (buyers, repeat int64, err error) {
	c, err := orderdb.New(b.db).Buyers(ctx, store, from, to)
	if err != nil {
		return 0, 0, fmt.Errorf("repeat buyers: %w", err)
	}
	return c.Buyers, c.Repeat, nil
}
