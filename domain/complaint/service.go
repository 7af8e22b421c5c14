package complaint

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"storeops/domain"
	"storeops/domain/audit"
	"storeops/domain/order"
	"storeops/domain/outbox"
	"storeops/domain/store"
	"storeops/domain/timer"
)

// Stores finds shops (for the team channel a complaint falls back to).
type Stores interface {
	Find(ctx context.Context, code string) (store.Store, error)
}

// Orders finds the order a complaint names.
type Orders interface {
	FindRef(ctx context.Context, ref string) (order.Order, error)
}

// Directory finds who holds a role (the supervisors an escalation goes to).
type Directory interface {
	UsersWith(ctx context.Context, role domain.Role) ([]string, error)
}

// Deps are what the complaint service needs.
type Deps struct {
	Repo      Repository
	Tx        domain.TxRunner
	Audit     *audit.Log
	Outbox    *outbox.Outbox
	Timers    *timer.Timers
	Stores    Stores
	Orders    Orders
	Directory Directory
	Clock     domain.Clock
}

// Service runs complaints.
type Service struct{ d Deps }

// NewService builds the complaint service.
func NewService(d Deps) *Service { return &Service{d: d} }

// operators handle complaints: the operations team, not HR.
func operators() []domain.Role {
	return []domain.Role{domain.RoleAdmin, domain.RoleSupervisor, domain.RoleAssistant}
}

// configurers route categories and set SLAs.
func configurers() []domain.Role { return []domain.Role{domain.RoleAdmin, domain.RoleSupervisor} }

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

// Categories are the built-in categories followed by the routed ones, sorted.
func (s *Service) Categories(ctx context.Context) ([]string, error) {
	routes, err := s.d.Repo.Routes(ctx)
	if err != nil {
		return nil, fmt.Errorf("complaint categories: %w", err)
	}
	out := Categories()
	var extra []string
	for _, r := range routes {
		if !slices.Contains(out, r.Category) && !slices.Contains(extra, r.Category) {
			extra = append(extra, r.Category)
		}
	}
	slices.Sort(extra)
	return append(out, extra...), nil
}

// Open records a complaint and routes it: its card goes to the department channel of its
// category, or to the store's team channel when the category has none. Deadlines are
// fixed from the severity's SLA and the reminders and breach timers armed, all in one
// transaction with the card. Every invalid field is named.
func (s *Service) Open(ctx context.Context, actor domain.Actor, in Input) (Complaint, error) {
	if err := requireAny(actor, operators()); err != nil {
		return Complaint{}, err
	}
	categories, err := s.Categories(ctx)
	if err != nil {
		return Complaint{}, err
	}
	c, problems := in.parse(categories)
	var st store.Store
	if c.StoreCode != "" {
		if st, err = s.d.Stores.Find(ctx, c.StoreCode); err != nil {
			if domain.ErrorCode(err) != domain.ENOTFOUND {
				return Complaint{}, fmt.Errorf("open complaint: %w", err)
			}
			problems = append(problems, domain.Problem{Field: FieldStore, Key: "complaint.store.unknown", Args: []any{c.StoreCode}})
		}
	}
	if c.OrderRef != "" && s.d.Orders != nil {
		problems = append(problems, s.checkOrder(ctx, &c)...)
	}
	if len(problems) > 0 {
		return Complaint{}, domain.Invalid(problems)
	}
	routes, err := s.d.Repo.Routes(ctx)
	if err != nil {
		return Complaint{}, fmt.Errorf("open complaint: %w", err)
	}
	c.Channel = st.TeamChannel
	for _, r := range routes {
		if r.Category == c.Category {
			c.Channel, c.Routed = r.Channel, true
		}
	}
	if c.Channel == "" {
		return Complaint{}, domain.Errorf(domain.ECONFLICT, "complaint.no_channel", c.Category, st.Code)
	}
	slas, err := s.d.Repo.SLAs(ctx)
	if err != nil {
		return Complaint{}, fmt.Errorf("open complaint: %w", err)
	}
	now := s.d.Clock.Now()
	c.Status, c.CreatedBy, c.CreatedAt, c.UpdatedAt, c.Version = StatusOpen, actor.UserID, now, now, 1
	c.AckDue, c.ResolveDue = Deadlines(now, EffectiveSLA(c.Severity, slas))
	err = s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.d.Repo.Create(ctx, &c); err != nil {
			return err
		}
		if err := s.d.Audit.Record(ctx, actor, "complaint.open", c.Subject(), nil, auditView(c)); err != nil {
			return err
		}
		if err := s.d.Outbox.Post(ctx, TemplateCard, c.Channel, CardRef(c.ID), CardOf(c)); err != nil {
			return err
		}
		return s.armTimers(ctx, c)
	})
	if err != nil {
		return Complaint{}, fmt.Errorf("open complaint for %s: %w", c.StoreCode, err)
	}
	return c, nil
}

// checkOrder resolves the order the complaint names to its "STORE/id" and checks that it
// is the complaint's store's.
func (s *Service) checkOrder(ctx context.Context, c *Complaint) []domain.Problem {
	ref := c.OrderRef
	if c.StoreCode != "" && !strings.Contains(ref, "/") {
		ref = c.StoreCode + "/" + ref
	}
	o, err := s.d.Orders.FindRef(ctx, ref)
	if err != nil && !strings.Contains(c.OrderRef, "/") {
		o, err = s.d.Orders.FindRef(ctx, c.OrderRef)
	}
	switch {
	case err != nil && domain.ErrorCode(err) == domain.EINTERNAL:
		// An order lookup that failed is not the user's fault; the complaint keeps the
		// reference as typed rather than being refused.
		return nil
	case err != nil:
		return []domain.Problem{{Field: FieldOrder, Key: "complaint.order.unknown", Args: []any{c.OrderRef}}}
	case c.StoreCode != "" && !strings.EqualFold(o.StoreCode, c.StoreCode):
		return []domain.Problem{{Field: FieldOrder, Key: "complaint.order.other_store", Args: []any{o.Ref(), c.StoreCode}}}
	}
	c.OrderRef = o.Ref()
	return nil
}

// SetRoute sends a category's complaints to a channel from now on (admins and
// supervisors). A category that is not built in becomes one.
func (s *Service) SetRoute(ctx context.Context, actor domain.Actor, category, channel string) (Route, error) {
	if err := requireAny(actor, configurers()); err != nil {
		return Route{}, err
	}
	category = NormalizeCategory(category)
	if !ValidCategory(category) {
		return Route{}, domain.Errorf(domain.EINVALID, "complaint.category.invalid", category, MaxCategory)
	}
	r := Route{Category: category, Channel: channel, UpdatedBy: actor.UserID, UpdatedAt: s.d.Clock.Now()}
	err := s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.d.Repo.SetRoute(ctx, r); err != nil {
			return err
		}
		return s.d.Audit.Record(ctx, actor, "complaint.route", domain.Subject("complaint-route:"+category), nil, r)
	})
	if err != nil {
		return Route{}, fmt.Errorf("route complaints of %s: %w", category, err)
	}
	return r, nil
}

// Routes lists the configured routes.
func (s *Service) Routes(ctx context.Context) ([]Route, error) {
	routes, err := s.d.Repo.Routes(ctx)
	if err != nil {
		return nil, fmt.Errorf("complaint routes: %w", err)
	}
	return routes, nil
}

// SLAs returns the SLA in force for every severity.
func (s *Service) SLAs(ctx context.Context) (map[Severity]SLA, error) {
	overrides, err := s.d.Repo.SLAs(ctx)
	if err != nil {
		return nil, fmt.Errorf("complaint SLAs: %w", err)
	}
	out := map[Severity]SLA{}
	for _, sev := range Severities() {
		out[sev] = EffectiveSLA(sev, overrides)
	}
	return out, nil
}

// SetSLA overrides a severity's deadlines for complaints created from now on (admins and
// supervisors). A zero duration keeps the one in force; the acknowledgement must come no
// later than the resolution.
func (s *Service) SetSLA(ctx context.Context, actor domain.Actor, sev Severity, sla SLA) (SLA, error) {
	if err := requireAny(actor, configurers()); err != nil {
		return SLA{}, err
	}
	if _, ok := ParseSeverity(string(sev)); !ok {
		return SLA{}, domain.Errorf(domain.EINVALID, "complaint.severity.unknown", severityList())
	}
	var out SLA
	err := s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		overrides, err := s.d.Repo.SLAs(ctx)
		if err != nil {
			return err
		}
		before := EffectiveSLA(sev, overrides)
		out = before
		if sla.Ack > 0 {
			out.Ack = sla.Ack
		}
		if sla.Resolve > 0 {
			out.Resolve = sla.Resolve
		}
		if out.Ack > out.Resolve {
			return domain.Errorf(domain.EINVALID, "complaint.sla.order", FormatDuration(out.Ack), FormatDuration(out.Resolve))
		}
		if err := s.d.Repo.SetSLA(ctx, sev, out, actor.UserID, s.d.Clock.Now()); err != nil {
			return err
		}
		view := func(x SLA) map[string]string {
			return map[string]string{"ack": FormatDuration(x.Ack), "resolve": FormatDuration(x.Resolve)}
		}
		return s.d.Audit.Record(ctx, actor, "complaint.sla", domain.Subject("complaint-sla:"+string(sev)), view(before), view(out))
	})
	if err != nil {
		return SLA{}, fmt.Errorf("set complaint SLA of %s: %w", sev, err)
	}
	return out, nil
}
