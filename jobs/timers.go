package jobs

import (
	"context"
	"log/slog"

	"storeops/domain/timer"
)

// Timers fires the due timers of every area (reminders at 80 %, broken promises,
// escalations) every minute. The timers are their own markers: each is claimed in the
// transaction that queues its messages, so a restart or a second replica never fires one
// twice, and one missed while StoreOps was down fires at the next run.
type Timers struct {
	Runner *timer.Runner
	Log    *slog.Logger
}

func (Timers) Name() string { return "timers" }

func (j Timers) Run(ctx context.Context) error {
	res, err := j.Runner.RunDue(ctx)
	if res.Fired > 0 || res.Failed > 0 {
		j.Log.InfoContext(ctx, "timers fired", "fired", res.Fired, "failed", res.Failed, "skipped", res.Skipped)
	}
	return err
}
