package order

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"storeops/domain"
)

// Outbox templates of orders.
const (
	TemplateCard = "order.card"
	// TemplateAlertsDay opens a store's daily list of orders released with ALERT flags;
	// TemplateAlert is one such order, replied in the list's thread.
	TemplateAlertsDay = "order.alerts_day"
	TemplateAlert     = "order.alert"
)

// AlertsDay is the payload of a day's list of flagged orders.
type AlertsDay struct {
	Store string `json:"store"`
	Day   string `json:"day"`
}

// AlertsRef is the Slack message reference of a store's list of flagged orders of a day.
func AlertsRef(store, day string) string { return "order-alerts:" + store + ":" + day }

// CardRef is the Slack message reference of an order's card.
func CardRef(id int64) string { return fmt.Sprintf("order:%d", id) }

// Card is what a held order's card shows: enough to decide, with the phone masked and the
// street left out, because the card is posted in a channel.
type Card struct {
	ID            int64        `json:"id"`
	Ref           string       `json:"ref"`
	Buyer         string       `json:"buyer"`
	Phone         string       `json:"phone"`
	Region        string       `json:"region"`
	Items         []Item       `json:"items"`
	Paid          domain.Money `json:"paid"`
	PaymentStatus string       `json:"payment_status"`
	Flags         []Flag       `json:"flags"`
	Notes         []Note       `json:"notes,omitempty"`
	Status        Status       `json:"status"`
	DecidedBy     string       `json:"decided_by,omitempty"`
	DecidedAt     time.Time    `json:"decided_at,omitzero"`
	Reason        string       `json:"reason,omitempty"`
	ReceivedAt    time.Time    `json:"received_at"`
	// ReleasedAt is when a released order was released; without DecidedBy, the review
	// released it (the recheck, or a redelivery that cleared its reasons).
	ReleasedAt time.Time `json:"released_at,omitzero"`
}

// CardOf builds the card view of an order.
func CardOf(o Order) Card {
	return Card{ID: o.ID, Ref: o.Ref(), Buyer: o.Buyer.Name, Phone: MaskPhone(o.Buyer.Phone),
		Region: strings.TrimSpace(o.Address.Province + " " + o.Address.City + " " + o.Address.District),
		Items:  o.Items, Paid: o.Amounts.Paid, PaymentStatus: string(o.PaymentStatus), Flags: o.Flags, Notes: o.Notes,
		Status: o.Status, DecidedBy: o.DecidedBy, DecidedAt: o.DecidedAt, Reason: o.CancelReason, ReceivedAt: o.ReceivedAt,
		ReleasedAt: o.ReleasedAt}
}

// deciders may release, cancel and blacklist held orders.
func deciders() []domain.Role { return []domain.Role{domain.RoleSupervisor, domain.RoleAdmin} }

func requireAny(actor domain.Actor, roles []domain.Role) error {
	for _, r := range roles {
		if actor.Has(r) {
			return nil
		}
	}
	names := make([]string, len(roles))
	for i, r := range roles {
		names[i] = string(r)
	}
	return domain.Errorf(domain.EFORBIDDEN, "error.needs_role", strings.Join(names, " / "))
}

// Find returns an order by id.
func (s *Service) Find(ctx context.Context, id int64) (Order, error) {
	o, err := s.d.Repo.Find(ctx, id)
	if err != nil {
		return Order{}, fmt.Errorf("find order %d: %w", id, err)
	}
	return o, nil
}

// Release lets a held order go to the warehouse after someone verified it (核實).
func (s *Service) Release(ctx context.Context, actor domain.Actor, id int64) (Order, error) {
	if err := requireAny(actor, deciders()); err != nil {
		return Order{}, err
	}
	return s.decide(ctx, actor, id, "order.release", func(ctx context.Context, o *Order, now time.Time) error {
		if o.Status != StatusHeld {
			return alreadyDecided(*o)
		}
		o.release(now)
		return nil
	})
}

// Cancel stops a held (or released, not yet shipped) order, with a reason.
func (s *Service) Cancel(ctx context.Context, actor domain.Actor, id int64, reason string) (Order, error) {
	if err := requireAny(actor, deciders()); err != nil {
		return Order{}, err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return Order{}, domain.Invalid([]domain.Problem{{Field: "reason", Key: "order.reason.required"}})
	}
	return s.decide(ctx, actor, id, "order.cancel", func(ctx context.Context, o *Order, now time.Time) error {
		if o.Status != StatusHeld && o.Status != StatusReleased {
			return alreadyDecided(*o)
		}
		o.Status, o.CancelReason = StatusCancelled, reason
		// The pieces go back to the stock, and a warehouse that has the order is told, in
		// the same transaction.
		if err := s.release(ctx, o); err != nil {
			return err
		}
		return s.callBack(ctx, actor.UserID, *o, EventCancelled, now)
	})
}

// CancelRef is Cancel for an order named as users name it (`/ops order cancel`): a held order
// as from its card, or a released one the buyer or the platform called off.
func (s *Service) CancelRef(ctx context.Context, actor domain.Actor, ref, reason string) (Order, error) {
	if err := requireAny(actor, deciders()); err != nil {
		return Order{}, err
	}
	found, err := s.FindRef(ctx, ref)
	if err != nil {
		return Order{}, err
	}
	return s.Cancel(ctx, actor, found.ID, reason)
}

// AddNote records what someone learned after contacting the customer; the order stays as it
// is and its card shows the note.
func (s *Service) AddNote(ctx context.Context, actor domain.Actor, id int64, text string) (Order, error) {
	if err := requireAny(actor, append(deciders(), domain.RoleAssistant)); err != nil {
		return Order{}, err
	}
	text = strings.TrimSpace(text)
	switch {
	case text == "":
		return Order{}, domain.Invalid([]domain.Problem{{Field: "note", Key: "order.note.required"}})
	case utf8.RuneCountInString(text) > MaxTextField:
		return Order{}, domain.Invalid([]domain.Problem{{Field: "note", Key: "order.field.too_long", Args: []any{fmt.Sprint(MaxTextField)}}})
	}
	return s.change(ctx, actor, id, "order.note", func(ctx context.Context, o *Order, now time.Time) error {
		o.Notes = append(o.Notes, Note{By: actor.UserID, Text: text, At: now})
		return nil
	})
}

// BlacklistBuyer adds the order's buyer account and phone to the store's blacklist and
// reviews the order again, which now holds it as blacklisted.
func (s *Service) BlacklistBuyer(ctx context.Context, actor domain.Actor, id int64, reason string) (Order, error) {
	if err := requireAny(actor, deciders()); err != nil {
		return Order{}, err
	}
	var out Order
	err := s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		o, err := s.d.Repo.Find(ctx, id)
		if err != nil {
			return err
		}
		now := s.d.Clock.Now()
		for kind, value := range map[BlacklistKind]string{BlacklistBuyer: o.Buyer.PlatformID, BlacklistPhone: NormalizePhone(o.Buyer.Phone)} {
			if value == "" {
				continue
			}
			e := &BlacklistEntry{StoreCode: o.StoreCode, Kind: kind, Value: value, Reason: strings.TrimSpace(reason + " " + o.Ref()),
				AddedBy: actor.UserID, AddedAt: now}
			if err := s.d.Rules.AddBlacklist(ctx, e); err != nil && domain.ErrorCode(err) != domain.ECONFLICT {
				return err
			}
		}
		st, err := s.d.Stores.Find(ctx, o.StoreCode)
		if err != nil {
			return err
		}
		out, err = s.change(ctx, actor, id, "order.blacklist", func(ctx context.Context, x *Order, now time.Time) error {
			if x.Status == StatusHeld || x.Status == StatusReleased {
				return s.review(ctx, st, x)
			}
			return nil
		})
		return err
	})
	if err != nil {
		return Order{}, fmt.Errorf("blacklist buyer of order %d: %w", id, err)
	}
	return out, nil
}

// decide settles a held order: the card loses its buttons and names the decider.
func (s *Service) decide(ctx context.Context, actor domain.Actor, id int64, action string, fn func(context.Context, *Order, time.Time) error) (Order, error) {
	return s.change(ctx, actor, id, action, func(ctx context.Context, o *Order, now time.Time) error {
		if err := fn(ctx, o, now); err != nil {
			return err
		}
		o.DecidedBy, o.DecidedAt = actor.UserID, now
		return nil
	})
}

// change is one transaction: lock the order, change it, audit, and re-render its card.
func (s *Service) change(ctx context.Context, actor domain.Actor, id int64, action string, fn func(context.Context, *Order, time.Time) error) (Order, error) {
	var out Order
	err := s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		var before Order
		now := s.d.Clock.Now()
		o, err := s.d.Repo.Update(ctx, id, func(o *Order) error {
			before = *o
			if err := fn(ctx, o, now); err != nil {
				return err
			}
			o.UpdatedAt = now
			return nil
		})
		if err != nil {
			return err
		}
		out = o
		if err := s.d.Audit.Record(ctx, actor, action, o.Subject(), auditView(before), auditView(o)); err != nil {
			return err
		}
		return s.d.Outbox.UpdateRef(ctx, TemplateCard, CardRef(o.ID), CardOf(o))
	})
	if err != nil {
		return Order{}, fmt.Errorf("%s %d: %w", action, id, err)
	}
	return out, nil
}

// alreadyDecided tells a late decider what happened to the order.
func alreadyDecided(o Order) *domain.Error {
	return domain.Errorf(domain.ECONFLICT, "order.already_decided", o.Ref(), string(o.Status), o.DecidedBy)
}
