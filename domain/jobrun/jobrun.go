// Package jobrun remembers which periodic job runs have been done, in the database, so that
// a restart or a second replica never sends the same digest, prompt or scan twice.
package jobrun

import (
	"context"
	"time"
)

// Repository records job runs.
type Repository interface {
	// MarkOnce records that job ran for period (e.g. "listing.scan", "2026-W48") at at. It
	// returns true when the pair is recorded for the first time and false when it already
	// was; of concurrent callers with the same pair exactly one gets true. A job calls it
	// before sending, and sends only on true. It joins the transaction in ctx, so a job
	// that marks and queues its messages in one transaction does both or neither.
	MarkOnce(ctx context.Context, job, period string, at time.Time) (bool, error)
}
