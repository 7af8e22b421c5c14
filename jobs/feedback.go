package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"storeops/domain"
	"storeops/domain/feedback"
	"storeops/domain/jobrun"
)

// FeedbackSummary posts last week's feedback, grouped by tag and product, to the
// configured channel on Monday morning, once a week.
type FeedbackSummary struct {
	Tx       domain.TxRunner
	Feedback *feedback.Service
	Runs     jobrun.Repository
	Clock    domain.Clock
	TZ       *time.Location
	Log      *slog.Logger
}

func (FeedbackSummary) Name() string { return "feedback-summary" }

// Run posts the summary unless this week's was already posted (by an earlier run, a
// restart or another replica): the marker and the post commit together. With no channel
// set nothing is posted and the marker is undone, so that a run after an admin sets one
// the same week still posts.
func (j FeedbackSummary) Run(ctx context.Context) error {
	now := j.Clock.Now()
	period := WeekPeriod(now, j.TZ)
	err := j.Tx.InTx(ctx, func(ctx context.Context) error {
		first, err := j.Runs.MarkOnce(ctx, j.Name(), period, now)
		if err != nil {
			return fmt.Errorf("mark %s %s: %w", j.Name(), period, err)
		}
		if !first {
			j.Log.InfoContext(ctx, "feedback summary already posted this week", "period", period)
			return nil
		}
		posted, err := j.Feedback.PostWeekly(ctx)
		if err != nil {
			return err
		}
		if !posted {
			j.Log.InfoContext(ctx, "feedback summary: no channel set", "period", period)
			return errNothingSent
		}
		j.Log.InfoContext(ctx, "feedback summary posted", "period", period)
		return nil
	})
	if err != nil && !errors.Is(err, errNothingSent) {
		return fmt.Errorf("feedback summary %s: %w", period, err)
	}
	return nil
}
