package leave

import (
	"context"
	"fmt"
	"time"

	"storeops/domain"
	"storeops/domain/approval"
	"storeops/domain/audit"
)

// Repository stores leave. Writes join the transaction in ctx.
type Repository interface {
	Create(ctx context.Context, l *Leave) error
	// Find returns ENOTFOUND with key "leave.not_found".
	Find(ctx context.Context, id int64) (Leave, error)
	// Update loads the leave with a row lock and saves it unless fn fails.
	Update(ctx context.Context, id int64, fn func(*Leave) error) (Leave, error)
	// Covering returns the user's approved leave that covers at (the latest ending first).
	Covering(ctx context.Context, user string, at time.Time) ([]Leave, error)
	// Current returns every approved leave that covers at or starts later, by start.
	Current(ctx context.Context, at time.Time) ([]Leave, error)
}

// Approvals files leave requests with the approval engine.
type Approvals interface {
	Submit(ctx context.Context, actor domain.Actor, s approval.Submission) (approval.Request, error)
}

// Deps are what the leave service needs.
type Deps struct {
	Repo      Repository
	Tx        domain.TxRunner
	Audit     *audit.Log
	Approvals Approvals
	Clock     domain.Clock
	Zone      *time.Location
}

// Service runs leave requests.
type Service struct{ d Deps }

// NewService builds the service.
func NewService(d Deps) *Service {
	if d.Zone == nil {
		d.Zone = time.UTC
	}
	return &Service{d: d}
}

// Zone is the zone dates are read in.
func (s *Service) Zone() *time.Location { return s.d.Zone }

// Policy is the approval rule of leave: a supervisor decides (not the person asking).
func Policy() approval.Policy {
	return approval.Policy{Kind: KindLeave, ApproverRole: domain.RoleSupervisor}
}

// Request records the actor's leave request and files it for a supervisor's approval.
func (s *Service) Request(ctx context.Context, actor domain.Actor, in Input) (Leave, error) {
	if len(actor.Roles) == 0 {
		return Leave{}, domain.Errorf(domain.EFORBIDDEN, "error.needs_role", string(domain.RoleAssistant))
	}
	l, err := in.Parse(s.d.Zone, s.d.Clock.Now())
	if err != nil {
		return Leave{}, err
	}
	now := s.d.Clock.Now()
	l.User, l.Status, l.CreatedAt, l.Version = actor.UserID, StatusPending, now, 1
	err = s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.d.Repo.Create(ctx, &l); err != nil {
			return err
		}
		last := l.LastDay(s.d.Zone).Format("2006-01-02")
		req, err := s.d.Approvals.Submit(ctx, actor, approval.Submission{Kind: KindLeave, Subject: l.Subject(),
			Title: l.From.Format("2006-01-02") + " – " + last + " (" + string(l.Type) + ")",
			Details: []approval.Field{
				{Label: "field.leave_dates", Value: l.From.Format("2006-01-02") + " – " + last},
				{Label: "field.leave_type", Value: string(l.Type)},
				{Label: "field.reason", Value: l.Reason},
			},
			Payload: map[string]int64{"leave_id": l.ID}})
		if err != nil {
			return err
		}
		l, err = s.d.Repo.Update(ctx, l.ID, func(x *Leave) error { x.ApprovalID = req.ID; return nil })
		if err != nil {
			return err
		}
		return s.d.Audit.Record(ctx, actor, "leave.request", l.Subject(), nil, auditView(l))
	})
	if err != nil {
		return Leave{}, fmt.Errorf("leave request of %s: %w", actor.UserID, err)
	}
	return l, nil
}

// Applier carries the supervisor's decision to the leave.
func (s *Service) Applier() approval.Applier {
	return approval.Deciding(s.decided, StatusApproved, StatusRejected)
}

func (s *Service) decided(ctx context.Context, actor domain.Actor, r approval.Request, to Status) error {
	id, err := r.Subject.ID("leave")
	if err != nil {
		return fmt.Errorf("request %d: %w", r.ID, err)
	}
	var before Leave
	after, err := s.d.Repo.Update(ctx, id, func(l *Leave) error {
		if l.Status != StatusPending || l.ApprovalID != r.ID {
			return fmt.Errorf("leave %d (%s, approval %d) cannot take decision %d", l.ID, l.Status, l.ApprovalID, r.ID)
		}
		before = *l
		l.Status, l.DecidedBy = to, actor.UserID
		return nil
	})
	if err != nil {
		return err
	}
	return s.d.Audit.Record(ctx, actor, "leave."+string(to), after.Subject(), auditView(before), auditView(after))
}

// OnLeave reports whether user is on approved leave at at, and until when.
func (s *Service) OnLeave(ctx context.Context, user string, at time.Time) (time.Time, bool, error) {
	if user == "" {
		return time.Time{}, false, nil
	}
	ls, err := s.d.Repo.Covering(ctx, user, at)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("leave of %s: %w", user, err)
	}
	if len(ls) == 0 {
		return time.Time{}, false, nil
	}
	return ls[0].Until, true, nil
}

// Away returns, of users, those on approved leave now with their last day: what the
// commands that assign work show beside a name.
func (s *Service) Away(ctx context.Context, users []string) (map[string]time.Time, error) {
	now := s.d.Clock.Now()
	out := map[string]time.Time{}
	for _, u := range users {
		until, on, err := s.OnLeave(ctx, u, now)
		if err != nil {
			return nil, err
		}
		if on {
			out[u] = until.In(s.d.Zone).AddDate(0, 0, -1)
		}
	}
	return out, nil
}

// Current lists approved leave that covers now or is still to come.
func (s *Service) Current(ctx context.Context) ([]Leave, error) {
	ls, err := s.d.Repo.Current(ctx, s.d.Clock.Now())
	if err != nil {
		return nil, fmt.Errorf("current leave: %w", err)
	}
	return ls, nil
}

func auditView(l Leave) map[string]any {
	return map[string]any{"user": l.User, "from": l.From, "until": l.Until, "type": l.Type, "status": l.Status}
}
