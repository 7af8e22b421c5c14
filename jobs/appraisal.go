package jobs

import (
	"context"
	"log/slog"

	"storeops/domain/appraisal"
)

// Appraisal runs the monthly appraisal cycle: the prompts on the 1st at 09:00 (appraisal
// time zone), the reminders on the 3rd and on the deadline morning to those who have not
// submitted, and the escalation to HR once the deadline has passed. It runs every few
// minutes; appraisal.Due says what is due, and each message is recorded on its cycle (the
// prompt by the cycle's unique row) in the transaction that queues it, so replicas, reruns
// and restarts send each once.
type Appraisal struct {
	Appraisals *appraisal.Service
	Log        *slog.Logger
}

func (Appraisal) Name() string { return "appraisal" }

func (j Appraisal) Run(ctx context.Context) error {
	res, err := j.Appraisals.Tick(ctx)
	if res.Prompted+res.Reminded+res.Escalated > 0 {
		j.Log.InfoContext(ctx, "appraisal cycle", "prompted", res.Prompted, "reminded", res.Reminded, "escalated", res.Escalated,
			"deferred_on_leave", res.Deferred)
	}
	return err
}
