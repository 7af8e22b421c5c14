package aftersale

import (
	"time"

	"context"

	"storeops/domain"
)

// ConfirmReceived is the warehouse's "Confirm received": the returned goods arrived, and the
// case moves to received with the clicker recorded. A second click is told who confirmed.
func (s *Service) ConfirmReceived(ctx context.Context, actor domain.Actor, id int64) (Case, error) {
	if err := requireMover(actor); err != nil {
		return Case{}, err
	}
	return s.change(ctx, actor, id, "aftersale.receive", func(c *Case, now time.Time) error {
		if c.ReceivedBy != "" {
			return domain.Errorf(domain.ECONFLICT, "aftersale.received.already", c.Number(), c.ReceivedBy)
		}
		if !CanMove(c.Type, c.Status, StatusReceived) {
			return IllegalMove(*c, StatusReceived)
		}
		c.Status, c.ReceivedBy, c.ReceivedAt = StatusReceived, actor.UserID, now
		return nil
	})
}

// ConfirmStock is the warehouse's "Confirm in stock" for an exchange or a reissue: it records
// who confirmed, without moving the case. A second click is told who confirmed.
func (s *Service) ConfirmStock(ctx context.Context, actor domain.Actor, id int64) (Case, error) {
	if err := requireMover(actor); err != nil {
		return Case{}, err
	}
	return s.change(ctx, actor, id, "aftersale.stock", func(c *Case, now time.Time) error {
		if c.StockBy != "" {
			return domain.Errorf(domain.ECONFLICT, "aftersale.stock.already", c.Number(), c.StockBy)
		}
		if (c.Type != TypeExchange && c.Type != TypeReissue) || !c.Status.Open() {
			return domain.Errorf(domain.ECONFLICT, "aftersale.stock.not_asked", c.Number(), string(c.Status))
		}
		c.StockBy, c.StockAt = actor.UserID, now
		return nil
	})
}
