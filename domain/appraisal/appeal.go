package appraisal

import (
	"context"
	"fmt"
	"strings"

	"storeops/domain"
	"storeops/domain/approval"
)

// KindAppeal is an assistant's appeal against a result, decided by HR.
const KindAppeal approval.Kind = "appraisal.appeal"

// Policy is the approval rule of appeals: HR decides.
func Policy() approval.Policy {
	return approval.Policy{Kind: KindAppeal, ApproverRole: domain.RoleHR}
}

// Appeal files the assistant's appeal against month m's result, within the appeal window,
// as an approval request that HR decides.
func (s *Service) Appeal(ctx context.Context, actor domain.Actor, m Month, reason string) (Cycle, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return Cycle{}, domain.Errorf(domain.EINVALID, "appraisal.appeal.reason")
	}
	if ps := checkText("reason", reason, true); len(ps) > 0 {
		return Cycle{}, domain.Errorf(domain.EINVALID, "appraisal.text.too_long", MaxText)
	}
	c, err := s.d.Repo.FindMonth(ctx, actor.UserID, m.String())
	if err != nil {
		return Cycle{}, fmt.Errorf("appeal %s: %w", m, err)
	}
	var out Cycle
	err = s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		now := s.d.Clock.Now()
		var before Cycle
		after, err := s.d.Repo.Update(ctx, c.ID, func(c *Cycle) error {
			if !CanMove(c.Status, StatusAppealed) {
				if c.Status.Final() {
					return domain.Errorf(domain.ECONFLICT, "appraisal.appeal.already", c.Month)
				}
				return domain.Errorf(domain.ECONFLICT, "appraisal.appeal.not_published", c.Month)
			}
			if until := c.AppealUntil; now.After(until) {
				return domain.Errorf(domain.EINVALID, "appraisal.appeal.window_closed", c.Month, until.In(s.d.Zone).Format("2006-01-02 15:04"))
			}
			before = *c
			c.Status, c.AppealReason, c.AppealedAt, c.UpdatedAt = StatusAppealed, reason, now, now
			return nil
		})
		if err != nil {
			return err
		}
		req, err := s.d.Approvals.Submit(ctx, actor, approval.Submission{Kind: KindAppeal, Subject: after.Subject(),
			Title: after.Month + " " + after.Assistant,
			Details: []approval.Field{
				{Label: "field.appraisal_month", Value: after.Month},
				{Label: "field.appraisal_total", Value: Tenths(after.Result.Total) + " (" + string(after.Result.Tier) + ")"},
				{Label: "field.reason", Value: reason},
			},
			Payload: map[string]int64{"cycle_id": after.ID}})
		if err != nil {
			return err
		}
		out, err = s.d.Repo.Update(ctx, after.ID, func(c *Cycle) error { c.AppealID = req.ID; return nil })
		if err != nil {
			return err
		}
		return s.d.Audit.Record(ctx, actor, "appraisal.appeal", after.Subject(), auditView(before), auditView(out))
	})
	if err != nil {
		return Cycle{}, fmt.Errorf("appeal %s: %w", m, err)
	}
	return out, nil
}

// Adjust is HR granting an appeal with a new total (tenths): the adjustment is kept on the
// cycle with the old total, and the appeal's approval is approved in the same transaction.
func (s *Service) Adjust(ctx context.Context, actor domain.Actor, assistant string, m Month, total int, reason string) (Cycle, error) {
	if err := actor.Require(domain.RoleHR); err != nil {
		return Cycle{}, err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return Cycle{}, domain.Errorf(domain.EINVALID, "appraisal.adjust.reason")
	}
	c, err := s.d.Repo.FindMonth(ctx, assistant, m.String())
	if err != nil {
		return Cycle{}, fmt.Errorf("adjust %s of %s: %w", m, assistant, err)
	}
	if c.Status != StatusAppealed || c.AppealID == 0 {
		return Cycle{}, domain.Errorf(domain.ECONFLICT, "appraisal.adjust.no_appeal", c.Month)
	}
	var out Cycle
	err = s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		if _, err := s.d.Repo.Update(ctx, c.ID, func(x *Cycle) error {
			x.Adjustment = &Adjustment{OldTotal: x.Result.Total, NewTotal: total, By: actor.UserID, At: s.d.Clock.Now(), Reason: reason}
			return nil
		}); err != nil {
			return err
		}
		if _, err := s.d.Approvals.Approve(ctx, actor, c.AppealID); err != nil {
			return err
		}
		out, err = s.d.Repo.Find(ctx, c.ID)
		return err
	})
	if err != nil {
		return Cycle{}, fmt.Errorf("adjust %s of %s: %w", m, assistant, err)
	}
	return out, nil
}

// Applier carries HR's decision to the cycle: approved (through Adjust, which proposes the
// new total) adjusts the score; rejected upholds it with HR's reason.
func (s *Service) Applier() approval.Applier {
	return approval.Deciding(s.decided, StatusAdjusted, StatusUpheld)
}

func (s *Service) decided(ctx context.Context, actor domain.Actor, r approval.Request, to Status) error {
	id, err := r.Subject.ID("appraisal")
	if err != nil {
		return fmt.Errorf("request %d: %w", r.ID, err)
	}
	st, err := s.Settings(ctx)
	if err != nil {
		return err
	}
	var before Cycle
	after, err := s.d.Repo.Update(ctx, id, func(c *Cycle) error {
		if c.AppealID != r.ID || !CanMove(c.Status, to) {
			return IllegalMove(*c, to)
		}
		before = *c
		switch to {
		case StatusAdjusted:
			if c.Adjustment == nil {
				return domain.Errorf(domain.EINVALID, "appraisal.appeal.needs_score", c.Assistant, c.Month)
			}
			res := c.Result
			res.Total = c.Adjustment.NewTotal
			c.Result = st.Scoring.Grade(res)
		case StatusUpheld:
			c.Adjustment, c.Decision = nil, r.Reason
		}
		c.Status, c.UpdatedAt = to, s.d.Clock.Now()
		return nil
	})
	if err != nil {
		return err
	}
	if err := s.d.Audit.Record(ctx, actor, "appraisal."+string(to), after.Subject(), auditView(before), auditView(after)); err != nil {
		return err
	}
	return s.d.Outbox.DM(ctx, TemplateAppeal, after.Assistant, "", s.CardOf(after))
}
