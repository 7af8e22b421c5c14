package campaign

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"storeops/domain"
	"storeops/domain/approval"
	"storeops/domain/audit"
	"storeops/domain/jobrun"
	"storeops/domain/metrics"
	"storeops/domain/order"
	"storeops/domain/outbox"
	"storeops/domain/store"
	"storeops/domain/timer"
)

// Stores finds a campaign's store: its team channel and zone.
type Stores interface {
	Find(ctx context.Context, code string) (store.Store, error)
}

// Approvals files plans with the approval engine.
type Approvals interface {
	Submit(ctx context.Context, actor domain.Actor, s approval.Submission) (approval.Request, error)
}

// Directory finds the supervisors told of a held launch.
type Directory interface {
	UsersWith(ctx context.Context, role domain.Role) ([]string, error)
}

// Figures reads a store's daily figures (metrics.Repository).
type Figures interface {
	Range(ctx context.Context, store string, source metrics.Source, from, to time.Time, withSKUs bool) ([]metrics.Day, error)
}

// Orders adds up a store's orders of a period (order totals by payment time).
type Orders interface {
	Totals(ctx context.Context, store string, from, to time.Time) (order.Totals, error)
}

// Stock tells the stock of a store's listed SKUs; SKUs that are not listed are left out.
type Stock interface {
	Stock(ctx context.Context, store string, skus []string) (map[string]int, error)
}

// Settings are the campaign defaults; zero values take the defaults named.
type Settings struct {
	// RemindBefore is how long before an item's due time its owner is reminded (24 h).
	RemindBefore time.Duration
	// WatchEvery is the period of the live posts while a campaign runs (2 h).
	WatchEvery time.Duration
	// CloseHour is the hour of the store's day of the evening closing summary (21).
	CloseHour int
	// AlertShare is the share of the pro-rated target (percent) below which the owner is
	// alerted (70), unless the campaign sets its own.
	AlertShare int
}

// Deps are what the campaign service needs. TZ is the company zone, for stores without
// their own.
type Deps struct {
	Repo      Repository
	Stores    Stores
	Approvals Approvals
	Directory Directory
	Figures   Figures
	Orders    Orders
	Stock     Stock
	Runs      jobrun.Repository
	Timers    *timer.Timers
	Tx        domain.TxRunner
	Audit     *audit.Log
	Outbox    *outbox.Outbox
	Clock     domain.Clock
	TZ        *time.Location
	Settings  Settings
}

// Service runs campaigns.
type Service struct{ d Deps }

// NewService builds the service.
func NewService(d Deps) *Service {
	if d.Settings.RemindBefore <= 0 {
		d.Settings.RemindBefore = 24 * time.Hour
	}
	if d.Settings.WatchEvery <= 0 {
		d.Settings.WatchEvery = 2 * time.Hour
	}
	if d.Settings.CloseHour <= 0 || d.Settings.CloseHour > 23 {
		d.Settings.CloseHour = 21
	}
	if d.Settings.AlertShare <= 0 || d.Settings.AlertShare > 100 {
		d.Settings.AlertShare = 70
	}
	if d.TZ == nil {
		d.TZ = time.UTC
	}
	return &Service{d: d}
}

// Settings returns the settings in force.
func (s *Service) Settings() Settings { return s.d.Settings }

// zoneOf is the zone a store's campaigns are planned and measured in: the store's own, or
// the company's. Every reading of a campaign's wall-clock times goes through it.
func (s *Service) zoneOf(st store.Store) *time.Location { return st.Zone(s.d.TZ) }

// Zone returns the zone of the store code (the company zone when the store is unknown), for
// the forms that show its times.
func (s *Service) Zone(ctx context.Context, code string) *time.Location {
	st, err := s.d.Stores.Find(ctx, code)
	if err != nil {
		return s.d.TZ
	}
	return s.zoneOf(st)
}

// Planners may plan campaigns and tick their checklists.
func Planners() []domain.Role {
	return []domain.Role{domain.RoleAssistant, domain.RoleSupervisor, domain.RoleAdmin}
}

// Deciders may launch a held campaign anyway, postpone or cancel it.
func Deciders() []domain.Role { return []domain.Role{domain.RoleSupervisor, domain.RoleAdmin} }

func require(actor domain.Actor, roles []domain.Role) error {
	if slices.ContainsFunc(roles, actor.Has) {
		return nil
	}
	names := make([]string, len(roles))
	for i, r := range roles {
		names[i] = string(r)
	}
	return domain.Errorf(domain.EFORBIDDEN, "error.needs_role", strings.Join(names, " / "))
}

// KindPlan is the approval kind of campaign plans.
const KindPlan approval.Kind = "campaign.plan"

// Policy is the approval rule of plans: a supervisor decides.
func Policy() approval.Policy {
	return approval.Policy{Kind: KindPlan, ApproverRole: domain.RoleSupervisor}
}

// Plan records a campaign from the form and submits it to the supervisor: the campaign, its
// approval request and audit row commit together. Overlaps with campaigns of the same store
// and type are not refused but named, to the planner and on the approval card.
func (s *Service) Plan(ctx context.Context, actor domain.Actor, in Input) (Campaign, error) {
	if err := require(actor, Planners()); err != nil {
		return Campaign{}, err
	}
	var loc = s.d.TZ
	st, stErr := s.d.Stores.Find(ctx, strings.ToUpper(strings.TrimSpace(in.Store)))
	if stErr == nil {
		loc = s.zoneOf(st)
	}
	c, problems := in.Parse(s.d.Clock.Now(), loc)
	if stErr != nil && c.StoreCode != "" {
		if domain.ErrorCode(stErr) != domain.ENOTFOUND {
			return Campaign{}, fmt.Errorf("plan campaign: %w", stErr)
		}
		problems = append([]domain.Problem{{Field: FieldStore, Key: "campaign.store.unknown", Args: []any{Cut(c.StoreCode, 40)}}}, problems...)
	}
	if len(problems) > 0 {
		return Campaign{}, domain.Invalid(problems)
	}
	var out Campaign
	err := s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		others, err := s.d.Repo.List(ctx, Filter{Store: c.StoreCode, Type: c.Type, From: c.Start, To: c.End,
			Statuses: []Status{StatusPendingApproval, StatusPreparing, StatusRunning}})
		if err != nil {
			return err
		}
		for _, o := range others {
			c.Overlaps = append(c.Overlaps, o.ID)
		}
		now := s.d.Clock.Now()
		c.Owner, c.Status, c.CreatedAt, c.UpdatedAt = actor.UserID, StatusDraft, now, now
		if err := s.d.Repo.Create(ctx, &c); err != nil {
			return err
		}
		if err := s.d.Audit.Record(ctx, actor, "campaign.plan", c.Subject(), nil, auditView(c)); err != nil {
			return err
		}
		req, err := s.d.Approvals.Submit(ctx, actor, approval.Submission{Kind: KindPlan, Subject: c.Subject(),
			Title: c.Number() + " " + c.StoreCode + " " + c.Theme, Details: s.details(c, loc), Payload: map[string]int64{"campaign_id": c.ID}})
		if err != nil {
			return err
		}
		out, err = s.d.Repo.Update(ctx, c.ID, func(x *Campaign) error {
			x.ApprovalID = req.ID
			return move(x, StatusPendingApproval)
		})
		return err
	})
	if err != nil {
		return Campaign{}, fmt.Errorf("plan campaign: %w", err)
	}
	return out, nil
}

// details are what the approver sees of a plan. Labels are catalog keys.
func (s *Service) details(c Campaign, loc *time.Location) []approval.Field {
	chans := make([]string, len(c.Channels))
	for i, ch := range c.Channels {
		chans[i] = string(ch)
	}
	fields := []approval.Field{
		{Label: "field.campaign_store", Value: c.StoreCode},
		{Label: "field.campaign_type", Value: string(c.Type)},
		{Label: "field.campaign_dates", Value: c.Start.In(loc).Format(DateTimeLayout) + " – " + c.End.In(loc).Format(DateTimeLayout) + " (" + loc.String() + ")"},
		{Label: "field.campaign_discount", Value: string(c.Discount.Kind) + " " + c.Discount.String()},
		{Label: "field.campaign_target_amount", Value: c.Targets.PaidAmount.String()},
	}
	if c.Budget > 0 {
		fields = append(fields, approval.Field{Label: "field.campaign_budget", Value: c.Budget.String()})
	}
	if c.Targets.Visitors > 0 {
		fields = append(fields, approval.Field{Label: "field.campaign_target_visitors", Value: fmt.Sprint(c.Targets.Visitors)})
	}
	if c.Targets.ConversionBP > 0 {
		fields = append(fields, approval.Field{Label: "field.campaign_target_conversion", Value: FormatBP(c.Targets.ConversionBP)})
	}
	if len(chans) > 0 {
		fields = append(fields, approval.Field{Label: "field.campaign_channels", Value: strings.Join(chans, ", ")})
	}
	if len(c.SKUs) > 0 {
		fields = append(fields, approval.Field{Label: "field.campaign_skus", Value: Cut(strings.Join(c.SKUs, ", "), 500)})
	}
	if len(c.Overlaps) > 0 {
		nums := make([]string, len(c.Overlaps))
		for i, id := range c.Overlaps {
			nums[i] = Number(id)
		}
		fields = append(fields, approval.Field{Label: "field.campaign_overlaps", Value: strings.Join(nums, ", ")})
	}
	return fields
}

// FormatBP writes basis points as a percentage: 350 → "3.50%".
func FormatBP(bp int64) string { return fmt.Sprintf("%d.%02d%%", bp/100, bp%100) }

// Applier carries the supervisor's decision to the plan, in the deciding transaction: an
// approved plan becomes a campaign in preparation with its checklist, card and timers; a
// rejected one is cancelled with the supervisor's reason.
func (s *Service) Applier() approval.Applier {
	return approval.Deciding(s.decided, true, false)
}

func (s *Service) decided(ctx context.Context, actor domain.Actor, r approval.Request, approved bool) error {
	id, err := r.Subject.ID("campaign")
	if err != nil {
		return fmt.Errorf("request %d: %w", r.ID, err)
	}
	action := "campaign.approve"
	if !approved {
		action = "campaign.reject"
	}
	_, err = s.change(ctx, actor, id, action, func(c *Campaign, now time.Time) error {
		if c.ApprovalID != r.ID {
			return fmt.Errorf("campaign %d waits for approval %d, not %d", c.ID, c.ApprovalID, r.ID)
		}
		c.ApprovalID = 0
		if !approved {
			c.CancelReason = r.Reason
			return move(c, StatusCancelled)
		}
		c.Tasks = Checklist(*c, c.Owner)
		return move(c, StatusPreparing)
	})
	return err
}

// change is one change of a campaign in one transaction: lock, change, then the audit row,
// the card (posted when the campaign enters preparation, updated in place after) and the
// timers.
func (s *Service) change(ctx context.Context, actor domain.Actor, id int64, action string, fn func(*Campaign, time.Time) error) (Campaign, error) {
	var out Campaign
	err := s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		var before Campaign
		now := s.d.Clock.Now()
		after, err := s.d.Repo.Update(ctx, id, func(c *Campaign) error {
			before = *c
			before.Tasks = slices.Clone(c.Tasks)
			if err := fn(c, now); err != nil {
				return err
			}
			c.UpdatedAt = now
			return nil
		})
		if err != nil {
			return err
		}
		out = after
		return s.effects(ctx, actor, action, before, after)
	})
	if err != nil {
		return Campaign{}, fmt.Errorf("%s %s: %w", action, Number(id), err)
	}
	return out, nil
}

func (s *Service) effects(ctx context.Context, actor domain.Actor, action string, before, after Campaign) error {
	if err := s.d.Audit.Record(ctx, actor, action, after.Subject(), auditView(before), auditView(after)); err != nil {
		return err
	}
	st, err := s.d.Stores.Find(ctx, after.StoreCode)
	if err != nil {
		return err
	}
	card := CardOf(after, s.zoneOf(st), s.d.Clock.Now())
	if before.Status == StatusPendingApproval && after.Status == StatusPreparing && st.TeamChannel != "" {
		if err := s.d.Outbox.Post(ctx, TemplateCard, st.TeamChannel, CardRef(after.ID), card); err != nil {
			return err
		}
	} else if err := s.d.Outbox.UpdateRef(ctx, TemplateCard, CardRef(after.ID), card); err != nil {
		return err
	}
	if before.Status == StatusPreparing && after.Status == StatusRunning && st.TeamChannel != "" {
		l := Launched{Campaign: card, Anyway: after.LaunchedAnyway}
		if after.LaunchedAnyway {
			for _, t := range card.Tasks {
				if !t.Done {
					l.Open = append(l.Open, t)
				}
			}
		}
		if err := s.d.Outbox.Reply(ctx, TemplateLaunched, st.TeamChannel, CardRef(after.ID), l); err != nil {
			return err
		}
	}
	return s.arm(ctx, after)
}

// Find returns a campaign by id.
func (s *Service) Find(ctx context.Context, id int64) (Campaign, error) {
	c, err := s.d.Repo.Find(ctx, id)
	if err != nil {
		return Campaign{}, fmt.Errorf("find campaign %d: %w", id, err)
	}
	return c, nil
}

// Card returns the card of a campaign, in its store's zone.
func (s *Service) Card(ctx context.Context, c Campaign) Card {
	return CardOf(c, s.Zone(ctx, c.StoreCode), s.d.Clock.Now())
}

// List returns the upcoming (pending approval or preparing), running or ended campaigns,
// by start.
func (s *Service) List(ctx context.Context, which string, limit int) ([]Campaign, error) {
	if which == "" {
		which = ListUpcoming
	}
	st, ok := listStatuses(which)
	if !ok {
		return nil, domain.Errorf(domain.EINVALID, "campaign.list.unknown", Cut(which, 40), strings.Join(Lists(), ", "))
	}
	out, err := s.d.Repo.List(ctx, Filter{Statuses: st, Limit: limit})
	if err != nil {
		return nil, fmt.Errorf("list campaigns: %w", err)
	}
	return out, nil
}

// History returns the campaign's audit trail, oldest first.
func (s *Service) History(ctx context.Context, c Campaign, limit int) ([]audit.Entry, error) {
	return s.d.Audit.History(ctx, c.Subject(), limit)
}

// auditView is what the audit trail keeps of a campaign.
func auditView(c Campaign) map[string]any {
	if c.ID == 0 && c.Status == "" {
		return nil
	}
	m := map[string]any{"status": c.Status, "store": c.StoreCode, "theme": c.Theme, "type": c.Type,
		"start": c.Start.UTC().Format(time.RFC3339), "end": c.End.UTC().Format(time.RFC3339),
		"discount": string(c.Discount.Kind) + " " + c.Discount.String(), "target_amount": c.Targets.PaidAmount.String()}
	if c.Budget > 0 {
		m["budget"] = c.Budget.String()
	}
	if len(c.Tasks) > 0 {
		open := 0
		for _, t := range c.Tasks {
			if !t.Done {
				open++
			}
		}
		m["tasks"], m["open_tasks"] = len(c.Tasks), open
	}
	if c.LaunchedAnyway {
		m["launched_anyway"] = true
	}
	if c.CancelReason != "" {
		m["cancel_reason"] = c.CancelReason
	}
	return m
}
