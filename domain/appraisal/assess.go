package appraisal

import (
	"context"
	"fmt"
	"slices"

	"storeops/domain"
)

// Open returns the cycle the self-assessment button names, for the assistant alone.
func (s *Service) Open(ctx context.Context, actor domain.Actor, id int64) (Cycle, error) {
	c, err := s.Find(ctx, id)
	if err != nil {
		return Cycle{}, err
	}
	if c.Assistant != actor.UserID {
		return Cycle{}, domain.Errorf(domain.EFORBIDDEN, "appraisal.self.not_yours")
	}
	if c.Status != StatusPrompted {
		return Cycle{}, domain.Errorf(domain.ECONFLICT, "appraisal.self.done", c.Month)
	}
	return c, nil
}

// SubmitSelf records the assistant's self-assessment (late ones too, until rated) and gives
// every supervisor the rating card with it and the month's figures.
func (s *Service) SubmitSelf(ctx context.Context, actor domain.Actor, id int64, in SelfInput) (Cycle, error) {
	self, problems := in.Parse()
	if len(problems) > 0 {
		return Cycle{}, domain.Invalid(problems)
	}
	figures, err := s.figuresOf(ctx, id)
	if err != nil {
		return Cycle{}, err
	}
	var out Cycle
	err = s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		var before Cycle
		now := s.d.Clock.Now()
		after, err := s.d.Repo.Update(ctx, id, func(c *Cycle) error {
			if c.Assistant != actor.UserID {
				return domain.Errorf(domain.EFORBIDDEN, "appraisal.self.not_yours")
			}
			if !CanMove(c.Status, StatusSelfSubmitted) {
				return domain.Errorf(domain.ECONFLICT, "appraisal.self.done", c.Month)
			}
			before = *c
			c.Status, c.Self, c.SubmittedAt, c.Figures, c.UpdatedAt = StatusSelfSubmitted, self, now, figures, now
			return nil
		})
		if err != nil {
			return err
		}
		out = after
		if err := s.d.Audit.Record(ctx, actor, "appraisal.self", after.Subject(), auditView(before), auditView(after)); err != nil {
			return err
		}
		return s.dmRole(ctx, domain.RoleSupervisor, TemplateRatingCard, s.CardOf(after), after.Assistant)
	})
	if err != nil {
		return Cycle{}, fmt.Errorf("self-assessment %d: %w", id, err)
	}
	return out, nil
}

// figuresOf reads the cycle's month's figures of its assistant, as of now.
func (s *Service) figuresOf(ctx context.Context, id int64) (Figures, error) {
	c, err := s.Find(ctx, id)
	if err != nil {
		return Figures{}, err
	}
	return s.figures(ctx, c.Assistant, c.Month)
}

// ForRating returns the cycle the rating button names, for a supervisor other than the
// assistant, with the month's figures as of now.
func (s *Service) ForRating(ctx context.Context, actor domain.Actor, id int64) (Cycle, error) {
	c, err := s.Find(ctx, id)
	if err != nil {
		return Cycle{}, err
	}
	if err := canRate(actor, c); err != nil {
		return Cycle{}, err
	}
	if c.Figures, err = s.figures(ctx, c.Assistant, c.Month); err != nil {
		return Cycle{}, err
	}
	return c, nil
}

func canRate(actor domain.Actor, c Cycle) error {
	if err := actor.Require(domain.RoleSupervisor); err != nil {
		return err
	}
	if actor.UserID == c.Assistant {
		return domain.Errorf(domain.EFORBIDDEN, "appraisal.rate.self")
	}
	if !CanMove(c.Status, StatusRated) {
		return domain.Errorf(domain.ECONFLICT, "appraisal.rate.done", c.Month, c.RatedBy)
	}
	return nil
}

// Rate records the supervisor's rating, computes the score with the month's figures and
// publishes the result: to the assistant and to HR by DM. When the previous month failed too,
// the supervisors and HR are told that an improvement plan is due.
func (s *Service) Rate(ctx context.Context, actor domain.Actor, id int64, in RatingInput) (Cycle, error) {
	ratings, comment, problems := in.Parse()
	if len(problems) > 0 {
		return Cycle{}, domain.Invalid(problems)
	}
	figures, err := s.figuresOf(ctx, id)
	if err != nil {
		return Cycle{}, err
	}
	st, err := s.Settings(ctx)
	if err != nil {
		return Cycle{}, err
	}
	var out Cycle
	err = s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		var before Cycle
		now := s.d.Clock.Now()
		after, err := s.d.Repo.Update(ctx, id, func(c *Cycle) error {
			if err := canRate(actor, *c); err != nil {
				return err
			}
			before = *c
			c.Ratings, c.Comment, c.RatedBy, c.RatedAt, c.Figures = ratings, comment, actor.UserID, now, figures
			c.Result = Compute(st.Scoring, figures.DataScores(), ratings)
			c.Status = StatusRated
			if !CanMove(c.Status, StatusPublished) {
				return IllegalMove(*c, StatusPublished)
			}
			c.Status, c.PublishedAt, c.AppealUntil, c.UpdatedAt = StatusPublished, now, st.Schedule.AppealUntil(now), now
			return nil
		})
		if err != nil {
			return err
		}
		if err := s.d.Audit.Record(ctx, actor, "appraisal.rate", after.Subject(), auditView(before), auditView(after)); err != nil {
			return err
		}
		card := s.CardOf(after)
		if err := s.d.Outbox.DM(ctx, TemplateResult, after.Assistant, "", card); err != nil {
			return err
		}
		if err := s.dmRole(ctx, domain.RoleHR, TemplateResult, card, after.Assistant); err != nil {
			return err
		}
		out, err = s.flagIfFailingTwice(ctx, after)
		return err
	})
	if err != nil {
		return Cycle{}, fmt.Errorf("rate appraisal %d: %w", id, err)
	}
	return out, nil
}

// flagIfFailingTwice flags the cycle when it and the month before are below the pass mark.
func (s *Service) flagIfFailingTwice(ctx context.Context, c Cycle) (Cycle, error) {
	if c.Result.Passed {
		return c, nil
	}
	m, err := ParseMonth(c.Month)
	if err != nil {
		return c, err
	}
	prev, err := s.d.Repo.FindMonth(ctx, c.Assistant, m.Prev().String())
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		return c, nil
	}
	if err != nil {
		return c, err
	}
	if !prev.Status.Final() || prev.Result.Passed {
		return c, nil
	}
	flagged, err := s.d.Repo.Update(ctx, c.ID, func(x *Cycle) error { x.Flagged = true; return nil })
	if err != nil {
		return c, err
	}
	if err := s.d.Audit.Record(ctx, domain.System(), "appraisal.flag", c.Subject(), nil, auditView(flagged)); err != nil {
		return c, err
	}
	card := s.CardOf(flagged)
	card.Failing = []string{prev.Month, c.Month}
	if err := s.dmRole(ctx, domain.RoleSupervisor, TemplateFlag, card, c.Assistant); err != nil {
		return c, err
	}
	return flagged, s.dmRole(ctx, domain.RoleHR, TemplateFlag, card, c.Assistant)
}

// figures computes an assistant's month from every source and the store targets.
func (s *Service) figures(ctx context.Context, assistant, month string) (Figures, error) {
	m, err := ParseMonth(month)
	if err != nil {
		return Figures{}, err
	}
	from, to := m.Start(s.d.Zone), m.End(s.d.Zone)
	out := Figures{Month: month, Assistant: assistant, Items: []Figure{}}
	for _, src := range s.d.Sources {
		items, err := src.Figures(ctx, assistant, from, to)
		if err != nil {
			return Figures{}, fmt.Errorf("figures of %s for %s: %w", assistant, month, err)
		}
		out.Items = append(out.Items, items...)
	}
	if s.d.Stores != nil {
		targets, err := s.d.Repo.Targets(ctx, month)
		if err != nil {
			return Figures{}, fmt.Errorf("targets of %s: %w", month, err)
		}
		items, err := targetFigures(ctx, s.d.Stores, targets, from, to)
		if err != nil {
			return Figures{}, fmt.Errorf("store results of %s: %w", month, err)
		}
		out.Items = append(out.Items, items...)
	}
	slices.SortStableFunc(out.Items, func(a, b Figure) int {
		return slices.Index(Dimensions(), a.Dimension) - slices.Index(Dimensions(), b.Dimension)
	})
	return out, nil
}
