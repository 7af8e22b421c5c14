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

// Digest posts each team channel's morning digest once its time of day has come (09:00
// store time unless the channel says otherwise). It runs every few minutes: the schedule
// only says how soon after its time a channel's digest goes out, report.Due says whether it
// is due, and the sent-record "digest:<channel>" for the date, committed with the queued
// message, makes it once, whatever the replicas, reruns and restarts.
type Digest struct {
	Tx      domain.TxRunner
	Reports *report.Service
	Runs    jobrun.Repository
	Clock   domain.Clock
	Log     *slog.Logger
}

func (Digest) Name() string { return "digest" }

// Run posts every due digest not yet posted. One channel's failure does not hold back the
// others; it is retried on the next run (its sent-record rolled back with its message).
func (j Digest) Run(ctx context.Context) error {
	now := j.Clock.Now()
	channels, err := j.Reports.Settings(ctx)
	if err != nil {
		return err
	}
	var errs []error
	// What waits is counted once a run, by the first channel that has a digest to send,
	// and shown in every digest of the run.
	var waiting *report.WaitingNow
	for _, ch := range channels {
		date, due := report.Due(ch, j.Reports.TZ(), now)
		if !due {
			continue
		}
		period := date.Format("2006-01-02")
		job := j.Name() + ":" + ch.Channel
		err := j.Tx.InTx(ctx, func(ctx context.Context) error {
			// Mark first: a replica that finds the mark taken skips the building too. The
			// row stays locked until this transaction ends, so a concurrent replica waits
			// and then sees it.
			first, err := j.Runs.MarkOnce(ctx, job, period, now)
			if err != nil {
				return fmt.Errorf("mark %s %s: %w", job, period, err)
			}
			if !first {
				return errAlreadySent
			}
			if waiting == nil {
				w, err := j.Reports.WaitingNow(ctx)
				if err != nil {
					return err
				}
				waiting = &w
			}
			d, err := j.Reports.BuildWith(ctx, ch, date, *waiting)
			if err != nil {
				return err
			}
			if err := j.Reports.Queue(ctx, d, report.Ref(ch.Channel, date)); err != nil {
				return err
			}
			j.Log.InfoContext(ctx, "digest queued", "channel", ch.Channel, "date", period, "stores", len(d.Stores), "with_data", d.HasData())
			return nil
		})
		if err != nil && !errors.Is(err, errAlreadySent) {
			errs = append(errs, fmt.Errorf("digest of %s for %s: %w", ch.Channel, period, err))
		}
	}
	return errors.Join(errs...)
}

// errAlreadySent ends a channel's transaction when its digest of the date went out before.
var errAlreadySent = errors.New("digest already sent")
