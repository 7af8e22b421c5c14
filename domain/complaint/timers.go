package complaint

import (
	"context"
	"time"

	"storeops/domain"
	"storeops/domain/timer"
)

// Timer kinds of a complaint: a reminder at ReminderShare of the way to each deadline, and
// the deadline itself.
const (
	KindAckReminder     = "complaint.ack_reminder"
	KindAckDue          = "complaint.ack_due"
	KindResolveReminder = "complaint.resolve_reminder"
	KindResolveDue      = "complaint.resolve_due"
)

// armTimers sets the four timers of a new complaint.
func (s *Service) armTimers(ctx context.Context, c Complaint) error {
	for _, t := range []struct {
		kind string
		at   time.Time
	}{
		{KindAckReminder, timer.Fraction(c.CreatedAt, c.AckDue, ReminderShare)},
		{KindAckDue, c.AckDue},
		{KindResolveReminder, timer.Fraction(c.CreatedAt, c.ResolveDue, ReminderShare)},
		{KindResolveDue, c.ResolveDue},
	} {
		if err := s.d.Timers.Set(ctx, c.Subject(), t.kind, t.at, nil); err != nil {
			return err
		}
	}
	return nil
}

// TimerHandlers are the handlers of the complaint timer kinds, for the timer runner.
func (s *Service) TimerHandlers() map[string]timer.Handler {
	return map[string]timer.Handler{
		KindAckReminder:     s.onAckReminder,
		KindAckDue:          s.onAckDue,
		KindResolveReminder: s.onResolveReminder,
		KindResolveDue:      s.onResolveDue,
	}
}

// unresolved reports whether c still waits for its resolution.
func unresolved(c Complaint) bool { return c.Status == StatusOpen || c.Status == StatusAcknowledged }

// onAckReminder reminds the card's channel (nobody owns the complaint yet) that the
// acknowledgement is due soon.
func (s *Service) onAckReminder(ctx context.Context, t timer.Timer) error {
	c, err := s.timerComplaint(ctx, t)
	if err != nil || c.Status != StatusOpen {
		return err
	}
	return s.d.Outbox.Reply(ctx, TemplateNotice, c.Channel, CardRef(c.ID), Notice{Kind: NoticeAckReminder, Card: CardOf(c), Due: c.AckDue})
}

// onResolveReminder reminds the owner in a DM, or the card's channel when nobody has
// acknowledged the complaint.
func (s *Service) onResolveReminder(ctx context.Context, t timer.Timer) error {
	c, err := s.timerComplaint(ctx, t)
	if err != nil || !unresolved(c) {
		return err
	}
	n := Notice{Kind: NoticeResolveReminder, Card: CardOf(c), Due: c.ResolveDue}
	if owner := c.Owner(); owner != "" {
		return s.d.Outbox.DM(ctx, TemplateNotice, owner, "", n)
	}
	return s.d.Outbox.Reply(ctx, TemplateNotice, c.Channel, CardRef(c.ID), n)
}

func (s *Service) onAckDue(ctx context.Context, t timer.Timer) error {
	return s.breach(ctx, t, func(c Complaint) bool { return c.Status == StatusOpen }, NoticeAckBreach, EscalatedAckOverdue,
		func(c Complaint) time.Time { return c.AckDue })
}

func (s *Service) onResolveDue(ctx context.Context, t timer.Timer) error {
	return s.breach(ctx, t, unresolved, NoticeResolveBreach, EscalatedResolveLate, func(c Complaint) time.Time { return c.ResolveDue })
}

// breach handles a broken deadline: the complaint is flagged escalated (kept as it was
// when already), the card's thread gets a note and every supervisor a DM. It runs in the
// timer's transaction, so it happens once.
func (s *Service) breach(ctx context.Context, t timer.Timer, applies func(Complaint) bool, kind, reason string, due func(Complaint) time.Time) error {
	id, err := t.Subject.ID("complaint")
	if err != nil {
		return err
	}
	var before Complaint
	skip := false
	c, err := s.d.Repo.Update(ctx, id, func(c *Complaint) error {
		before = *c
		if !applies(*c) {
			skip = true
			return nil
		}
		if !c.Escalated() {
			c.EscalatedBy, c.EscalatedAt, c.EscalationReason = domain.SystemUser, t.FiredAt, reason
		}
		c.UpdatedAt = t.FiredAt
		return nil
	})
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		return nil // the complaint is gone; nothing is due
	}
	if err != nil || skip {
		return err
	}
	if err := s.d.Audit.Record(ctx, domain.System(), "complaint."+kind, c.Subject(), auditView(before), auditView(c)); err != nil {
		return err
	}
	if err := s.d.Outbox.UpdateRef(ctx, TemplateCard, CardRef(c.ID), CardOf(c)); err != nil {
		return err
	}
	return s.escalate(ctx, c, Notice{Kind: kind, Card: CardOf(c), Due: due(c), By: domain.SystemUser})
}

// timerComplaint loads the complaint of a timer; ENOTFOUND comes back as a zero complaint,
// whose status no handler acts on.
func (s *Service) timerComplaint(ctx context.Context, t timer.Timer) (Complaint, error) {
	id, err := t.Subject.ID("complaint")
	if err != nil {
		return Complaint{}, err
	}
	c, err := s.d.Repo.Find(ctx, id)
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		return Complaint{}, nil
	}
	return c, err
}
