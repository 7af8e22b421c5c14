package appraisal

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"storeops/domain"
	"storeops/domain/approval"
	"storeops/domain/audit"
	"storeops/domain/outbox"
	"storeops/domain/timer"
)

// Repository stores cycles, the month's store targets and improvement plans. Writes join
// the transaction in ctx.
type Repository interface {
	// Create inserts a cycle; ECONFLICT when the assistant has one for the month already
	// (a unique row: of concurrent creations exactly one succeeds).
	Create(ctx context.Context, c *Cycle) error
	// Find returns ENOTFOUND with key "appraisal.not_found".
	Find(ctx context.Context, id int64) (Cycle, error)
	// FindMonth returns the assistant's cycle of the month; ENOTFOUND with key
	// "appraisal.month.not_found".
	FindMonth(ctx context.Context, assistant, month string) (Cycle, error)
	// Update loads the cycle with a row lock and saves it with Version+1 unless fn fails.
	Update(ctx context.Context, id int64, fn func(*Cycle) error) (Cycle, error)
	// ListMonth returns the month's cycles by assistant.
	ListMonth(ctx context.Context, month string) ([]Cycle, error)
	// SetTarget stores a store's targets of a month, replacing what it had.
	SetTarget(ctx context.Context, t Target) error
	Targets(ctx context.Context, month string) ([]Target, error)
	AddPlan(ctx context.Context, p *ImprovementPlan) error
	FindPlan(ctx context.Context, id int64) (ImprovementPlan, error)
	// Settings returns the stored settings (false when none were stored).
	Settings(ctx context.Context) (Settings, bool, error)
	SaveSettings(ctx context.Context, st Settings) error
}

// Directory finds the holders of a role.
type Directory interface {
	UsersWith(ctx context.Context, role domain.Role) ([]string, error)
}

// Approvals files and decides appeals with the approval engine.
type Approvals interface {
	Submit(ctx context.Context, actor domain.Actor, s approval.Submission) (approval.Request, error)
	Approve(ctx context.Context, actor domain.Actor, id int64) (approval.Request, error)
}

// Leave says whether a person is on approved leave at a moment, and until when: their
// reminders and escalations wait until they are back. Nil: nobody is.
type Leave interface {
	OnLeave(ctx context.Context, user string, at time.Time) (until time.Time, on bool, err error)
}

// Deps are what the appraisal service needs.
type Deps struct {
	Repo      Repository
	Tx        domain.TxRunner
	Audit     *audit.Log
	Outbox    *outbox.Outbox
	Directory Directory
	Approvals Approvals
	Timers    *timer.Timers
	Clock     domain.Clock
	// Zone is the appraisal time zone (see Zone).
	Zone     *time.Location
	Schedule Schedule
	Scoring  Scoring
	// Sources are the areas' figures; Stores the store actuals behind the targets.
	Sources []Source
	Stores  StoreFigures
	Leave   Leave
}

// Service runs the monthly appraisals.
type Service struct{ d Deps }

// NewService builds the service; it refuses scoring settings that do not add up.
func NewService(d Deps) (*Service, error) {
	if d.Zone == nil {
		d.Zone = time.UTC
	}
	d.Schedule = d.Schedule.withDefaults()
	if d.Scoring.Weights == nil {
		d.Scoring = DefaultScoring()
	}
	if err := d.Scoring.Check(); err != nil {
		return nil, fmt.Errorf("appraisal scoring: %w", err)
	}
	return &Service{d: d}, nil
}

// Zone is the appraisal time zone; Now the service's time.
func (s *Service) Zone() *time.Location { return s.d.Zone }

// Now is the service's time.
func (s *Service) Now() time.Time { return s.d.Clock.Now() }

// TickResult says what one run of the cycle did.
type TickResult struct {
	Prompted, Reminded, Escalated, Deferred int
}

// errSkip ends a transaction that found its work done by someone else.
var errSkip = errors.New("skip")

// Tick sends what the cycle has due at now: the prompts (once per assistant and month: the
// cycle row is unique and commits with its DM), the reminders on the 3rd and on the
// deadline morning to those who have not submitted, and the escalation to HR once the
// deadline has passed. Each message is recorded on the cycle in the transaction that queues
// it, so several replicas and reruns send each once. A person on leave is skipped until back.
func (s *Service) Tick(ctx context.Context) (TickResult, error) {
	var res TickResult
	st, err := s.Settings(ctx)
	if err != nil {
		return res, err
	}
	now := s.d.Clock.Now()
	p := Due(st.Schedule, s.d.Zone, now)
	month := p.Month.String()
	if p.Prompt {
		assistants, err := s.d.Directory.UsersWith(ctx, domain.RoleAssistant)
		if err != nil {
			return res, fmt.Errorf("appraisal prompts %s: %w", month, err)
		}
		slices.Sort(assistants)
		// Those with a cycle are skipped here; of racing replicas the unique row lets one
		// through.
		existing, err := s.d.Repo.ListMonth(ctx, month)
		if err != nil {
			return res, fmt.Errorf("appraisal cycles %s: %w", month, err)
		}
		for _, c := range existing {
			assistants = slices.DeleteFunc(assistants, func(a string) bool { return a == c.Assistant })
		}
		for _, a := range assistants {
			sent, err := s.prompt(ctx, month, a, p.Deadline, now)
			if err != nil {
				return res, err
			}
			if sent {
				res.Prompted++
			}
		}
	}
	if !p.Remind && !p.LastCall && !p.Escalate {
		return res, nil
	}
	cycles, err := s.d.Repo.ListMonth(ctx, month)
	if err != nil {
		return res, fmt.Errorf("appraisal cycles %s: %w", month, err)
	}
	for _, c := range cycles {
		if c.Status != StatusPrompted {
			continue
		}
		if away, err := s.onLeave(ctx, c.Assistant, now); err != nil {
			return res, err
		} else if away {
			res.Deferred++
			continue
		}
		var err error
		var sent bool
		switch {
		case p.Escalate && c.EscalatedAt.IsZero():
			if sent, err = s.escalate(ctx, c.ID, now); sent {
				res.Escalated++
			}
		case p.LastCall && c.LastCallAt.IsZero():
			if sent, err = s.remind(ctx, c.ID, now, true); sent {
				res.Reminded++
			}
		case p.Remind && !p.LastCall && c.RemindedAt.IsZero():
			if sent, err = s.remind(ctx, c.ID, now, false); sent {
				res.Reminded++
			}
		}
		if err != nil {
			return res, err
		}
	}
	return res, nil
}

func (s *Service) onLeave(ctx context.Context, user string, now time.Time) (bool, error) {
	if s.d.Leave == nil {
		return false, nil
	}
	_, on, err := s.d.Leave.OnLeave(ctx, user, now)
	if err != nil {
		return false, fmt.Errorf("leave of %s: %w", user, err)
	}
	return on, nil
}

// prompt creates the assistant's cycle of the month and queues its prompt, or does nothing
// when the cycle exists.
func (s *Service) prompt(ctx context.Context, month, assistant string, deadline, now time.Time) (bool, error) {
	c := Cycle{Month: month, Assistant: assistant, Status: StatusPrompted, DeadlineAt: deadline, PromptedAt: now,
		CreatedAt: now, UpdatedAt: now, Version: 1}
	err := s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.d.Repo.Create(ctx, &c); err != nil {
			return err
		}
		if err := s.d.Audit.Record(ctx, domain.System(), "appraisal.prompt", c.Subject(), nil, auditView(c)); err != nil {
			return err
		}
		return s.d.Outbox.DM(ctx, TemplatePrompt, assistant, "", s.CardOf(c))
	})
	if domain.ErrorCode(err) == domain.ECONFLICT {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("prompt %s for %s: %w", assistant, month, err)
	}
	return true, nil
}

func (s *Service) remind(ctx context.Context, id int64, now time.Time, lastCall bool) (bool, error) {
	err := s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		c, err := s.d.Repo.Update(ctx, id, func(c *Cycle) error {
			if c.Status != StatusPrompted || (lastCall && !c.LastCallAt.IsZero()) || (!lastCall && !c.RemindedAt.IsZero()) {
				return errSkip
			}
			if lastCall {
				c.LastCallAt = now
			}
			if c.RemindedAt.IsZero() {
				c.RemindedAt = now
			}
			c.UpdatedAt = now
			return nil
		})
		if err != nil {
			return err
		}
		card := s.CardOf(c)
		card.LastCall = lastCall
		return s.d.Outbox.DM(ctx, TemplateReminder, c.Assistant, "", card)
	})
	if errors.Is(err, errSkip) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("remind appraisal %d: %w", id, err)
	}
	return true, nil
}

// escalate tells HR that the self-assessment is late, and gives the supervisors the rating
// card so that the month can still be rated.
func (s *Service) escalate(ctx context.Context, id int64, now time.Time) (bool, error) {
	err := s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		c, err := s.d.Repo.Update(ctx, id, func(c *Cycle) error {
			if c.Status != StatusPrompted || !c.EscalatedAt.IsZero() {
				return errSkip
			}
			c.EscalatedAt, c.UpdatedAt = now, now
			return nil
		})
		if err != nil {
			return err
		}
		if err := s.d.Audit.Record(ctx, domain.System(), "appraisal.escalate", c.Subject(), nil, auditView(c)); err != nil {
			return err
		}
		card := s.CardOf(c)
		if err := s.dmRole(ctx, domain.RoleHR, TemplateEscalated, card, c.Assistant); err != nil {
			return err
		}
		return s.dmRole(ctx, domain.RoleSupervisor, TemplateRatingCard, card, c.Assistant)
	})
	if errors.Is(err, errSkip) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("escalate appraisal %d: %w", id, err)
	}
	return true, nil
}

// dmRole queues a DM to every holder of role except the cycle's assistant.
func (s *Service) dmRole(ctx context.Context, role domain.Role, template string, payload any, except string) error {
	users, err := s.d.Directory.UsersWith(ctx, role)
	if err != nil {
		return err
	}
	slices.Sort(users)
	for _, u := range users {
		if u == except {
			continue
		}
		if err := s.d.Outbox.DM(ctx, template, u, "", payload); err != nil {
			return err
		}
	}
	return nil
}

// Find returns a cycle by id.
func (s *Service) Find(ctx context.Context, id int64) (Cycle, error) {
	c, err := s.d.Repo.Find(ctx, id)
	if err != nil {
		return Cycle{}, fmt.Errorf("find appraisal %d: %w", id, err)
	}
	return c, nil
}

// auditView is what the audit trail keeps of a cycle.
func auditView(c Cycle) map[string]any {
	m := map[string]any{"month": c.Month, "assistant": c.Assistant, "status": c.Status}
	if !c.RatedAt.IsZero() {
		m["total"] = Tenths(c.Result.Total)
		m["tier"] = c.Result.Tier
	}
	if c.Adjustment != nil {
		m["old_total"] = Tenths(c.Adjustment.OldTotal)
		m["new_total"] = Tenths(c.Adjustment.NewTotal)
	}
	return m
}
