package appraisal

import (
	"context"
	"fmt"
	"strings"
	"time"

	"storeops/domain"
	"storeops/domain/timer"
)

// mayView reports whether actor may see assistant's appraisals: the assistant their own,
// supervisors every assistant's (StoreOps has no teams: a supervisor's team is everyone),
// HR all.
func mayView(actor domain.Actor, assistant string) error {
	if actor.UserID == assistant || actor.Has(domain.RoleSupervisor) || actor.Has(domain.RoleHR) {
		return nil
	}
	return domain.Errorf(domain.EFORBIDDEN, "appraisal.show.forbidden")
}

// DefaultMonth is the month a command means without one: the last appraised month.
func (s *Service) DefaultMonth() Month { return MonthOf(s.d.Clock.Now(), s.d.Zone).Prev() }

// Show returns an assistant's cycle of a month.
func (s *Service) Show(ctx context.Context, actor domain.Actor, assistant string, m Month) (Cycle, error) {
	if err := mayView(actor, assistant); err != nil {
		return Cycle{}, err
	}
	c, err := s.d.Repo.FindMonth(ctx, assistant, m.String())
	if err != nil {
		return Cycle{}, fmt.Errorf("appraisal of %s for %s: %w", assistant, m, err)
	}
	return c, nil
}

// Data returns an assistant's figures of a month as of now.
func (s *Service) Data(ctx context.Context, actor domain.Actor, assistant string, m Month) (Figures, error) {
	if err := mayView(actor, assistant); err != nil {
		return Figures{}, err
	}
	return s.figures(ctx, assistant, m.String())
}

// ListMonth returns every cycle of the month: for supervisors and HR.
func (s *Service) ListMonth(ctx context.Context, actor domain.Actor, m Month) ([]Cycle, error) {
	if !actor.Has(domain.RoleSupervisor) && !actor.Has(domain.RoleHR) {
		return nil, domain.Errorf(domain.EFORBIDDEN, "error.needs_role", string(domain.RoleSupervisor)+" / "+string(domain.RoleHR))
	}
	out, err := s.d.Repo.ListMonth(ctx, m.String())
	if err != nil {
		return nil, fmt.Errorf("appraisals of %s: %w", m, err)
	}
	return out, nil
}

// Export returns the month's cycles for HR's workbook.
func (s *Service) Export(ctx context.Context, actor domain.Actor, m Month) ([]Cycle, error) {
	if err := actor.Require(domain.RoleHR); err != nil {
		return nil, err
	}
	return s.ListMonth(ctx, actor, m)
}

// SetTarget records a store's KPI targets of a month (supervisors and admins).
func (s *Service) SetTarget(ctx context.Context, actor domain.Actor, store string, m Month, paid, conversion int64) (Target, error) {
	if !actor.Has(domain.RoleSupervisor) && !actor.Has(domain.RoleAdmin) {
		return Target{}, domain.Errorf(domain.EFORBIDDEN, "error.needs_role", string(domain.RoleSupervisor)+" / "+string(domain.RoleAdmin))
	}
	store = strings.ToUpper(strings.TrimSpace(store))
	if store == "" || len(store) > 32 {
		return Target{}, domain.Errorf(domain.EINVALID, "appraisal.target.store.invalid", store)
	}
	t := Target{Store: store, Month: m.String(), Paid: paid, Conversion: conversion, SetBy: actor.UserID, SetAt: s.d.Clock.Now()}
	err := s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.d.Repo.SetTarget(ctx, t); err != nil {
			return err
		}
		return s.d.Audit.Record(ctx, actor, "appraisal.target", domain.Subject("appraisal_target:"+store+":"+t.Month), nil,
			map[string]any{"paid": paid, "conversion": conversion})
	})
	if err != nil {
		return Target{}, fmt.Errorf("targets of %s for %s: %w", store, m, err)
	}
	return t, nil
}

// ImprovementPlan is what a supervisor or HR agreed with an assistant below the pass mark:
// goals and a review date, reminded on the day.
type ImprovementPlan struct {
	ID        int64
	Assistant string
	Goals     string
	ReviewAt  time.Time
	By        string
	CreatedAt time.Time
}

// Subject names the plan in audit rows and timers.
func (p ImprovementPlan) Subject() domain.Subject { return domain.SubjectOf("appraisal_plan", p.ID) }

// TimerPlanReview reminds a plan's review.
const TimerPlanReview = "appraisal.plan_review"

// AddPlan records an improvement plan and arms its review reminder (09:00 on the review
// day, appraisal time).
func (s *Service) AddPlan(ctx context.Context, actor domain.Actor, assistant string, review time.Time, goals string) (ImprovementPlan, error) {
	if !actor.Has(domain.RoleSupervisor) && !actor.Has(domain.RoleHR) {
		return ImprovementPlan{}, domain.Errorf(domain.EFORBIDDEN, "error.needs_role", string(domain.RoleSupervisor)+" / "+string(domain.RoleHR))
	}
	goals = strings.TrimSpace(goals)
	if ps := checkText("goals", goals, true); len(ps) > 0 {
		return ImprovementPlan{}, domain.Errorf(domain.EINVALID, "appraisal.plan.goals")
	}
	st, err := s.Settings(ctx)
	if err != nil {
		return ImprovementPlan{}, err
	}
	now := s.d.Clock.Now()
	at := st.Schedule.PromptAt
	review = time.Date(review.Year(), review.Month(), review.Day(), at/60, at%60, 0, 0, s.d.Zone)
	if !review.After(now) {
		return ImprovementPlan{}, domain.Errorf(domain.EINVALID, "appraisal.plan.past", review.Format("2006-01-02"))
	}
	p := ImprovementPlan{Assistant: assistant, Goals: goals, ReviewAt: review, By: actor.UserID, CreatedAt: now}
	err = s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.d.Repo.AddPlan(ctx, &p); err != nil {
			return err
		}
		if err := s.d.Audit.Record(ctx, actor, "appraisal.plan", p.Subject(), nil,
			map[string]any{"assistant": assistant, "goals": goals, "review_at": review}); err != nil {
			return err
		}
		return s.d.Timers.Set(ctx, p.Subject(), TimerPlanReview, review, nil)
	})
	if err != nil {
		return ImprovementPlan{}, fmt.Errorf("improvement plan of %s: %w", assistant, err)
	}
	return p, nil
}

// TimerHandlers are the handlers main registers with the timer runner, by kind.
func (s *Service) TimerHandlers() map[string]timer.Handler {
	return map[string]timer.Handler{TimerPlanReview: s.onPlanReview}
}

// onPlanReview reminds the assistant, the plan's author, the supervisors and HR that the
// plan's review is due.
func (s *Service) onPlanReview(ctx context.Context, t timer.Timer) error {
	id, err := t.Subject.ID("appraisal_plan")
	if err != nil {
		return err
	}
	p, err := s.d.Repo.FindPlan(ctx, id)
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		return nil
	}
	if err != nil {
		return err
	}
	n := PlanNotice{Assistant: p.Assistant, Goals: p.Goals, ReviewAt: p.ReviewAt, By: p.By}
	sent := map[string]bool{}
	dm := func(u string) error {
		if sent[u] {
			return nil
		}
		sent[u] = true
		return s.d.Outbox.DM(ctx, TemplatePlanReview, u, "", n)
	}
	if err := dm(p.Assistant); err != nil {
		return err
	}
	if err := dm(p.By); err != nil {
		return err
	}
	for _, role := range []domain.Role{domain.RoleSupervisor, domain.RoleHR} {
		users, err := s.d.Directory.UsersWith(ctx, role)
		if err != nil {
			return err
		}
		for _, u := range users {
			if u == p.Assistant {
				continue
			}
			if err := dm(u); err != nil {
				return err
			}
		}
	}
	return nil
}
