package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"storeops/domain"
	"storeops/domain/jobrun"
	"storeops/domain/order"
)

// OrderRecheck reviews the held orders again and releases those whose reasons cleared. It
// sends nothing of its own beyond updating the cards of the orders it releases, and the
// orders themselves are the marker: a second run finds nothing changed.
type OrderRecheck struct {
	Orders *order.Service
	Log    *slog.Logger
}

func (OrderRecheck) Name() string { return "order-recheck" }

func (j OrderRecheck) Run(ctx context.Context) error {
	res, err := j.Orders.Recheck(ctx)
	if res.Released > 0 || res.Changed > 0 {
		j.Log.InfoContext(ctx, "held orders rechecked", "checked", res.Checked, "released", res.Released, "changed", res.Changed)
	}
	return err
}

// WarehouseHandoff hands the released orders to each store's warehouse (channel message
// and/or webhook batch) and then delivers the webhook batches that are due. Each order's
// HandedOffAt is its marker: it is set in the transaction that queues the message, so an
// order goes out once. The webhook batches are delivered only here, under this job's lock,
// so no two replicas post the same batch at once.
type WarehouseHandoff struct {
	Orders *order.Service
	Log    *slog.Logger
}

func (WarehouseHandoff) Name() string { return "warehouse-handoff" }

func (j WarehouseHandoff) Run(ctx context.Context) error {
	res, err := j.Orders.HandOff(ctx)
	if err != nil {
		return err
	}
	delivered, failed, err := j.Orders.DeliverWebhooks(ctx)
	if res.Orders > 0 || delivered > 0 || failed > 0 {
		j.Log.InfoContext(ctx, "warehouse hand-off", "orders", res.Orders, "batches", res.Batches,
			"webhooks_delivered", delivered, "webhooks_failed", failed)
	}
	return err
}

// UnshippedReminder posts each store's released-but-unshipped orders past the store's
// shipping promise to its team channel, once per store per day (in the store's zone).
type UnshippedReminder struct {
	Tx     domain.TxRunner
	Orders *order.Service
	Runs   jobrun.Repository
	Clock  domain.Clock
	TZ     *time.Location
	Log    *slog.Logger
}

func (UnshippedReminder) Name() string { return "unshipped-reminder" }

// Run reminds every store whose marker for today is not set yet; the marker and the
// message commit together, so a rerun, a restart or a second replica sends nothing more.
func (j UnshippedReminder) Run(ctx context.Context) error {
	now := j.Clock.Now()
	stores, err := j.Orders.Stores(ctx)
	if err != nil {
		return err
	}
	for _, st := range stores {
		if st.TeamChannel == "" {
			continue
		}
		period := StorePeriod(DayPeriod(now, j.TZ), st.Code)
		err := j.Tx.InTx(ctx, func(ctx context.Context) error {
			first, err := j.Runs.MarkOnce(ctx, j.Name(), period, now)
			if err != nil {
				return fmt.Errorf("mark %s %s: %w", j.Name(), period, err)
			}
			if !first {
				return nil
			}
			n, err := j.Orders.RemindUnshipped(ctx, st.Code)
			if err != nil {
				return err
			}
			if n == 0 {
				// Nothing overdue: undo the marker, so that a later run the same day still
				// reminds of what falls overdue by then.
				return errNothingSent
			}
			j.Log.InfoContext(ctx, "unshipped orders reminded", "store", st.Code, "orders", n)
			return nil
		})
		if err != nil && !errors.Is(err, errNothingSent) {
			return fmt.Errorf("remind unshipped orders of %s: %w", st.Code, err)
		}
	}
	return nil
}

// errNothingSent rolls back a day's marker when there was nothing to send.
var errNothingSent = errors.New("nothing to send")

// DayPeriod names the day of t in the store's zone, e.g. "2026-11-30".
func DayPeriod(t time.Time, tz *time.Location) string {
	return t.In(tz).Format("2006-01-02")
}

// StorePeriod is a period of one store: "2026-11-30/TM01".
func StorePeriod(period, store string) string { return period + "/" + store }
