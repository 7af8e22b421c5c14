package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"storeops/domain"
	"storeops/domain/approval"
	"storeops/domain/jobrun"
	"storeops/domain/listing"
)

// ApprovalReminders reminds approvers of requests waiting more than a day. The engine keeps
// the once-a-day rule per request, so running it hourly is safe.
type ApprovalReminders struct {
	Engine *approval.Engine
	Log    *slog.Logger
}

func (ApprovalReminders) Name() string { return "approval-reminders" }

func (j ApprovalReminders) Run(ctx context.Context) error {
	n, err := j.Engine.RemindOverdue(ctx)
	if n > 0 {
		j.Log.InfoContext(ctx, "approval reminders queued", "count", n)
	}
	return err
}

// DelistScan offers each assistant their slow-moving and sold-out listings once a week.
type DelistScan struct {
	Tx       domain.TxRunner
	Listings *listing.Service
	Runs     jobrun.Repository
	Clock    domain.Clock
	TZ       *time.Location
	Log      *slog.Logger
}

func (DelistScan) Name() string { return "delist-scan" }

// Run sends the week's offers, unless this week's were already sent (by an earlier run or
// another replica): the marker and the messages commit together.
func (j DelistScan) Run(ctx context.Context) error {
	now := j.Clock.Now()
	period := WeekPeriod(now, j.TZ)
	return j.Tx.InTx(ctx, func(ctx context.Context) error {
		first, err := j.Runs.MarkOnce(ctx, j.Name(), period, now)
		if err != nil {
			return fmt.Errorf("mark %s %s: %w", j.Name(), period, err)
		}
		if !first {
			j.Log.InfoContext(ctx, "delist scan already sent this week", "period", period)
			return nil
		}
		n, err := j.Listings.OfferDelisting(ctx)
		if err != nil {
			return err
		}
		j.Log.InfoContext(ctx, "delist scan", "period", period, "candidates", n)
		return nil
	})
}

// WeekPeriod names the ISO week of t in the store's zone, e.g. "2026-W48".
func WeekPeriod(t time.Time, tz *time.Location) string {
	y, w := t.In(tz).ISOWeek()
	return fmt.Sprintf("%d-W%02d", y, w)
}
