package aftersale

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"storeops/domain"
	"storeops/domain/approval"
	"storeops/domain/audit"
	"storeops/domain/order"
	"storeops/domain/outbox"
	"storeops/domain/store"
	"storeops/domain/timer"
)

// Orders finds the order a case is opened against, as users name it.
type Orders interface {
	FindRef(ctx context.Context, ref string) (order.Order, error)
}

// Stores finds the store of a case: its threshold and channels.
type Stores interface {
	Find(ctx context.Context, code string) (store.Store, error)
}

// Approvals files refund requests with the approval engine.
type Approvals interface {
	Submit(ctx context.Context, actor domain.Actor, s approval.Submission) (approval.Request, error)
}

// Directory finds the supervisors to escalate to.
type Directory interface {
	UsersWith(ctx context.Context, role domain.Role) ([]string, error)
}

// Settings are the reminder delays (24 h and 72 h when zero).
type Settings struct {
	RemindAfter   time.Duration
	EscalateAfter time.Duration
}

// Deps are what the after-sales service needs.
type Deps struct {
	Repo      Repository
	Orders    Orders
	Stores    Stores
	Approvals Approvals
	Directory Directory
	Timers    *timer.Timers
	Tx        domain.TxRunner
	Audit     *audit.Log
	Outbox    *outbox.Outbox
	Clock     domain.Clock
	Settings  Settings
}

// Service runs after-sales cases.
type Service struct{ d Deps }

// NewService builds the service.
func NewService(d Deps) *Service {
	if d.Settings.RemindAfter <= 0 {
		d.Settings.RemindAfter = 24 * time.Hour
	}
	if d.Settings.EscalateAfter <= 0 {
		d.Settings.EscalateAfter = 72 * time.Hour
	}
	return &Service{d: d}
}

// Settings returns the reminder delays in force.
func (s *Service) Settings() Settings { return s.d.Settings }

// movers may open and move cases: the people who run the store.
func movers() []domain.Role {
	return []domain.Role{domain.RoleAssistant, domain.RoleSupervisor, domain.RoleAdmin}
}

// Movers lists the roles that may open and move cases, for the edge's authorisation.
func Movers() []domain.Role { return movers() }

func requireMover(actor domain.Actor) error {
	if slices.ContainsFunc(movers(), actor.Has) {
		return nil
	}
	names := make([]string, 0, 3)
	for _, r := range movers() {
		names = append(names, string(r))
	}
	return domain.Errorf(domain.EFORBIDDEN, "error.needs_role", strings.Join(names, " / "))
}

// FindOrder resolves the order a case is to be opened against, so that the form can show it.
func (s *Service) FindOrder(ctx context.Context, actor domain.Actor, ref string) (order.Order, error) {
	if err := requireMover(actor); err != nil {
		return order.Order{}, err
	}
	return s.d.Orders.FindRef(ctx, ref)
}

// Open records a case against the order named ref. A refund above the store's threshold goes
// to the supervisor through the approval engine; any other case is approved at once. The
// case, its approval request, audit rows, card and timers commit together.
func (s *Service) Open(ctx context.Context, actor domain.Actor, ref string, in Input) (Case, error) {
	if err := requireMover(actor); err != nil {
		return Case{}, err
	}
	o, err := s.d.Orders.FindRef(ctx, ref)
	if err != nil {
		return Case{}, err
	}
	st, err := s.d.Stores.Find(ctx, o.StoreCode)
	if err != nil {
		return Case{}, fmt.Errorf("open case on %s: %w", o.Ref(), err)
	}
	c, problems := in.Parse(o)
	if len(problems) > 0 {
		return Case{}, domain.Invalid(problems)
	}
	var out Case
	err = s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		others, err := s.d.Repo.ListByOrder(ctx, o.ID)
		if err != nil {
			return err
		}
		if left := RefundCap(o.Amounts.Paid, others); c.Amount > left {
			return domain.Invalid([]domain.Problem{{Field: FieldAmount, Key: "aftersale.amount.above_cap",
				Args: []any{c.Amount.String(), left.String(), o.Amounts.Paid.String()}}})
		}
		now := s.d.Clock.Now()
		c.Owner, c.Status, c.Threshold = actor.UserID, StatusRequested, st.RefundThreshold
		c.MovedBy, c.MovedAt, c.CreatedAt, c.UpdatedAt = actor.UserID, now, now, now
		if err := s.d.Repo.Create(ctx, &c); err != nil {
			return err
		}
		if err := s.d.Audit.Record(ctx, actor, "aftersale.open", c.Subject(), nil, auditView(c)); err != nil {
			return err
		}
		if c.Amount > st.RefundThreshold {
			out, err = s.submit(ctx, actor, c)
		} else {
			out, err = s.autoApprove(ctx, actor, c)
		}
		if err != nil {
			return err
		}
		if st.TeamChannel != "" {
			if err := s.d.Outbox.Post(ctx, TemplateCard, st.TeamChannel, CardRef(out.ID), CardOf(out)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return Case{}, fmt.Errorf("open case on %s: %w", o.Ref(), err)
	}
	return out, nil
}

// submit files the refund with the approval engine and keeps the request on the case.
func (s *Service) submit(ctx context.Context, actor domain.Actor, c Case) (Case, error) {
	req, err := s.d.Approvals.Submit(ctx, actor, approval.Submission{
		Kind: approval.KindRefund, Subject: c.Subject(), Title: c.Number() + " " + c.OrderRef,
		Details: []approval.Field{
			{Label: "field.case_order", Value: c.OrderRef},
			{Label: "field.case_type", Value: string(c.Type)},
			{Label: "field.refund_amount", Value: c.Amount.String()},
			{Label: "field.case_paid", Value: c.Paid.String()},
			{Label: "field.refund_threshold", Value: c.Threshold.String()},
			{Label: "field.reason", Value: c.Reason},
		},
		Payload: map[string]int64{"case_id": c.ID},
	})
	if err != nil {
		return Case{}, err
	}
	out, err := s.d.Repo.Update(ctx, c.ID, func(x *Case) error { x.ApprovalID = req.ID; return nil })
	if err != nil {
		return Case{}, err
	}
	return out, s.arm(ctx, out)
}

// autoApprove approves a case within the threshold at once, on the bot's behalf.
func (s *Service) autoApprove(ctx context.Context, actor domain.Actor, c Case) (Case, error) {
	after, err := s.d.Repo.Update(ctx, c.ID, func(x *Case) error {
		if !CanMove(x.Type, x.Status, StatusApproved) {
			return IllegalMove(*x, StatusApproved)
		}
		x.Status, x.AutoApproved = StatusApproved, true
		return nil
	})
	if err != nil {
		return Case{}, err
	}
	return after, s.effects(ctx, actor, "aftersale.auto_approve", &c, after, false)
}

// Move takes a case to the next state. Closing needs the text told to the customer, and
// rejecting a reason; a refund waiting for its approval moves only through that approval.
func (s *Service) Move(ctx context.Context, actor domain.Actor, id int64, to Status, text string) (Case, error) {
	if err := requireMover(actor); err != nil {
		return Case{}, err
	}
	text = strings.TrimSpace(text)
	switch {
	case to == StatusClosed && text == "":
		return Case{}, domain.Invalid([]domain.Problem{{Field: FieldCustomerText, Key: "aftersale.customer_text.required"}})
	case to == StatusRejected && text == "":
		return Case{}, domain.Invalid([]domain.Problem{{Field: FieldReason, Key: "aftersale.reason.required"}})
	case len([]rune(text)) > MaxText:
		field := FieldCustomerText
		if to == StatusRejected {
			field = FieldReason
		}
		return Case{}, domain.Invalid([]domain.Problem{{Field: field, Key: "aftersale.text.too_long", Args: []any{MaxText}}})
	}
	return s.change(ctx, actor, id, "aftersale.move", func(c *Case, now time.Time) error {
		if c.ApprovalID != 0 {
			return domain.Errorf(domain.ECONFLICT, "aftersale.approval_pending", c.Number(), c.ApprovalID)
		}
		if !CanMove(c.Type, c.Status, to) {
			return IllegalMove(*c, to)
		}
		c.Status = to
		switch to {
		case StatusClosed:
			c.CustomerText = text
		case StatusRejected:
			c.RejectReason = text
		case StatusReceived:
			if c.ReceivedBy == "" {
				c.ReceivedBy, c.ReceivedAt = c.MovedBy, now
			}
		}
		return nil
	})
}

// change is one move in one transaction: lock, change, then the effects.
func (s *Service) change(ctx context.Context, actor domain.Actor, id int64, action string, fn func(*Case, time.Time) error) (Case, error) {
	var out Case
	err := s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		var before Case
		now := s.d.Clock.Now()
		after, err := s.d.Repo.Update(ctx, id, func(c *Case) error {
			before = *c
			c.MovedBy = actor.UserID
			if err := fn(c, now); err != nil {
				return err
			}
			c.MovedAt, c.UpdatedAt = now, now
			return nil
		})
		if err != nil {
			return err
		}
		out = after
		return s.effects(ctx, actor, action, &before, after, true)
	})
	if err != nil {
		return Case{}, fmt.Errorf("%s %d: %w", action, id, err)
	}
	return out, nil
}

// effects is what every move causes, in the mover's transaction: the audit row, the card
// updated in place, the owner told when someone else moved it, the warehouse asked when the
// case reaches it, and the reminders re-armed (or cleared once the case is done).
func (s *Service) effects(ctx context.Context, actor domain.Actor, action string, before *Case, after Case, updateCard bool) error {
	var b any
	if before != nil {
		b = auditView(*before)
	}
	if err := s.d.Audit.Record(ctx, actor, action, after.Subject(), b, auditView(after)); err != nil {
		return err
	}
	card := CardOf(after)
	if updateCard {
		if err := s.d.Outbox.UpdateRef(ctx, TemplateCard, CardRef(after.ID), card); err != nil {
			return err
		}
	}
	if actor.UserID != after.Owner && after.Owner != "" {
		if err := s.d.Outbox.DM(ctx, TemplateMoved, after.Owner, "", card); err != nil {
			return err
		}
	}
	if err := s.warehouse(ctx, before, after); err != nil {
		return err
	}
	return s.arm(ctx, after)
}

// warehouse asks the store's warehouse channel to confirm receipt (returns, exchanges) when
// the case starts waiting for the goods, and stock (exchanges, reissues) when something is to
// be sent; later moves update that message so its buttons never outlive the question.
func (s *Service) warehouse(ctx context.Context, before *Case, after Case) error {
	if after.Type == TypeRefundOnly {
		return nil
	}
	entered := func(st Status) bool { return after.Status == st && (before == nil || before.Status != st) }
	w := WarehouseCard{Case: CardOf(after), AskReceipt: after.Type == TypeReturn || after.Type == TypeExchange,
		AskStock: after.Type == TypeExchange || after.Type == TypeReissue}
	ask := (after.Type == TypeReissue && entered(StatusApproved)) ||
		(after.Type != TypeReissue && entered(StatusAwaitingReturn))
	if !ask {
		return s.d.Outbox.UpdateRef(ctx, TemplateWarehouse, WarehouseRef(after.ID), w)
	}
	st, err := s.d.Stores.Find(ctx, after.StoreCode)
	if err != nil {
		return err
	}
	if st.WarehouseChannel == "" {
		return nil
	}
	return s.d.Outbox.Post(ctx, TemplateWarehouse, st.WarehouseChannel, WarehouseRef(after.ID), w)
}

// Find returns a case by id.
func (s *Service) Find(ctx context.Context, id int64) (Case, error) {
	c, err := s.d.Repo.Find(ctx, id)
	if err != nil {
		return Case{}, fmt.Errorf("find case %d: %w", id, err)
	}
	return c, nil
}

// List kinds.
const (
	ListOpen  = "open"
	ListMine  = "mine"
	ListStale = "stale"
)

// Lists names the lists `/ops aftersale list` offers.
func Lists() []string { return []string{ListOpen, ListMine, ListStale} }

// List returns the open cases, actor's own open ones, or those that have not moved for the
// reminder delay, newest first.
func (s *Service) List(ctx context.Context, actor domain.Actor, which string, limit int) ([]Case, error) {
	f := Filter{OpenOnly: true, Limit: limit}
	switch which {
	case "", ListOpen:
	case ListMine:
		f.Owner = actor.UserID
	case ListStale:
		f.MovedBefore = s.d.Clock.Now().Add(-s.d.Settings.RemindAfter)
	default:
		return nil, domain.Errorf(domain.EINVALID, "aftersale.list.unknown", which, strings.Join(Lists(), ", "))
	}
	out, err := s.d.Repo.List(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("list cases: %w", err)
	}
	return out, nil
}

// History returns the case's audit trail, oldest first.
func (s *Service) History(ctx context.Context, c Case, limit int) ([]audit.Entry, error) {
	return s.d.Audit.History(ctx, c.Subject(), limit)
}
