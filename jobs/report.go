package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"storeops/domain"
	"storeops/domain/jobrun"
	"storeops/domain/report"
)

// PeriodReport posts the last complete week's or month's report to each team channel when
// report.PeriodDue says so in the channel's zone (Monday 09:30, the 1st at 10:00, and the
// rest of that day for replicas that were down). It runs every few minutes; the
// sent-record "report-weekly:<channel>" for the period ("2026-W48"), committed with the
// queued message, makes it once per channel and period, whatever the replicas, reruns
// and restarts.
type PeriodReport struct {
	Kind    report.PeriodKind
	Tx      domain.TxRunner
	Reports *report.Service
	Runs    jobrun.Repository
	Clock   domain.Clock
	Log     *slog.Logger
}

func (j PeriodReport) Name() string { return "report-" + string(j.Kind) }

// Run posts every team channel's report of the last complete period not yet posted. One
// channel's failure does not hold back the others; the next run retries it.
func (j PeriodReport) Run(ctx context.Context) error {
	now := j.Clock.Now()
	channels, err := j.Reports.Settings(ctx)
	if err != nil {
		return err
	}
	var errs []error
	for _, ch := range channels {
		p, due := report.PeriodDue(j.Kind, ch, j.Reports.TZ(), now)
		if !due {
			continue
		}
		job := j.Name() + ":" + ch.Channel
		err := j.Tx.InTx(ctx, func(ctx context.Context) error {
			// Mark first, as the digest does: a replica that finds the mark taken skips
			// the building too.
			first, err := j.Runs.MarkOnce(ctx, job, p.Key(), now)
			if err != nil {
				return fmt.Errorf("mark %s %s: %w", job, p.Key(), err)
			}
			if !first {
				return errAlreadySent
			}
			r, err := j.Reports.ChannelReport(ctx, ch.Channel, p)
			if err != nil {
				return err
			}
			if err := j.Reports.QueuePeriod(ctx, r, report.PeriodRef(ch.Channel, p)); err != nil {
				return err
			}
			j.Log.InfoContext(ctx, "period report queued", "kind", j.Kind, "channel", ch.Channel, "period", p.Key(), "stores", len(r.Stores), "with_data", r.HasData())
			return nil
		})
		if err != nil && !errors.Is(err, errAlreadySent) {
			errs = append(errs, fmt.Errorf("%s report of %s for %s: %w", j.Kind, ch.Channel, p.Key(), err))
		}
	}
	return errors.Join(errs...)
}
