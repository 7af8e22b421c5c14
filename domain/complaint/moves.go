package complaint

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"storeops/domain"
)

// Keys of the refusals, whose last argument (when a user) the edge shows as a mention.
const (
	// KeyRefused: args ref, status, action.
	KeyRefused = "complaint.move.refused"
	// KeyAlreadyAcknowledged: args ref, who acknowledged.
	KeyAlreadyAcknowledged = "complaint.already_acknowledged"
	// KeyAlreadyResolved: args ref, who resolved.
	KeyAlreadyResolved = "complaint.already_resolved"
	// KeyAlreadyRated: args ref, rating, who rated.
	KeyAlreadyRated = "complaint.already_rated"
	// KeyAlreadyEscalated: args ref, who escalated (the system for a broken deadline).
	KeyAlreadyEscalated = "complaint.already_escalated"
)

// Check says whether action may be done to c now, with the refusal a person reads: who
// got there first when it is a double click, else what state the complaint is in.
func Check(c Complaint, a Action) error {
	if _, ok := Next(c.Status, a); ok {
		if a == ActionEscalate && c.Escalated() {
			return domain.Errorf(domain.ECONFLICT, KeyAlreadyEscalated, c.Ref(), c.EscalatedBy)
		}
		return nil
	}
	switch {
	case a == ActionAcknowledge && c.AckedBy != "":
		return domain.Errorf(domain.ECONFLICT, KeyAlreadyAcknowledged, c.Ref(), c.AckedBy)
	case a == ActionResolve && c.ResolvedBy != "":
		return domain.Errorf(domain.ECONFLICT, KeyAlreadyResolved, c.Ref(), c.ResolvedBy)
	case a == ActionRate && c.RatedBy != "":
		return domain.Errorf(domain.ECONFLICT, KeyAlreadyRated, c.Ref(), c.Rating, c.RatedBy)
	}
	return domain.Errorf(domain.ECONFLICT, KeyRefused, c.Ref(), string(c.Status), string(a))
}

// Acknowledge makes the actor the complaint's owner; the acknowledgement reminders and
// breach are disarmed, and whether it came by the deadline is kept for the appraisal.
func (s *Service) Acknowledge(ctx context.Context, actor domain.Actor, id int64) (Complaint, error) {
	return s.move(ctx, actor, id, ActionAcknowledge, func(c *Complaint, now time.Time) error {
		c.AckedBy, c.AckedAt, c.AckOnTime = actor.UserID, now, !now.After(c.AckDue)
		return nil
	}, func(ctx context.Context, c Complaint) error {
		return s.d.Timers.Clear(ctx, c.Subject(), KindAckReminder, KindAckDue)
	})
}

// Resolve records what was done and what the customer was told (both required); the
// resolution timers are disarmed and the card offers the satisfaction rating.
func (s *Service) Resolve(ctx context.Context, actor domain.Actor, id int64, resolution, told string) (Complaint, error) {
	resolution, told = strings.TrimSpace(resolution), strings.TrimSpace(told)
	var problems []domain.Problem
	for _, f := range []struct{ field, v string }{{FieldResolution, resolution}, {FieldCustomerTold, told}} {
		switch {
		case f.v == "":
			problems = append(problems, domain.Problem{Field: f.field, Key: "complaint.field.required"})
		case utf8.RuneCountInString(f.v) > MaxText:
			problems = append(problems, domain.Problem{Field: f.field, Key: "complaint.field.too_long", Args: []any{MaxText}})
		}
	}
	if len(problems) > 0 {
		if err := requireAny(actor, operators()); err != nil {
			return Complaint{}, err
		}
		return Complaint{}, domain.Invalid(problems)
	}
	return s.move(ctx, actor, id, ActionResolve, func(c *Complaint, now time.Time) error {
		c.ResolvedBy, c.ResolvedAt, c.ResolvedOnTime = actor.UserID, now, !now.After(c.ResolveDue)
		c.Resolution, c.CustomerTold = resolution, told
		return nil
	}, func(ctx context.Context, c Complaint) error {
		return s.d.Timers.Clear(ctx, c.Subject())
	})
}

// Escalate flags the complaint and tells every supervisor, by hand (a complaint that
// needs a supervisor before any deadline breaks). Once only: a second escalation names
// the first.
func (s *Service) Escalate(ctx context.Context, actor domain.Actor, id int64) (Complaint, error) {
	return s.move(ctx, actor, id, ActionEscalate, func(c *Complaint, now time.Time) error {
		c.EscalatedBy, c.EscalatedAt, c.EscalationReason = actor.UserID, now, EscalatedManually
		return nil
	}, func(ctx context.Context, c Complaint) error {
		return s.escalate(ctx, c, Notice{Kind: NoticeEscalated, Card: CardOf(c), By: actor.UserID})
	})
}

// Rate records the customer's satisfaction, 1 to 5, once; it closes the complaint.
func (s *Service) Rate(ctx context.Context, actor domain.Actor, id int64, rating int) (Complaint, error) {
	if rating < MinRating || rating > MaxRating {
		return Complaint{}, domain.Errorf(domain.EINVALID, "complaint.rating.invalid", fmt.Sprint(rating))
	}
	return s.move(ctx, actor, id, ActionRate, func(c *Complaint, now time.Time) error {
		c.Rating, c.RatedBy, c.RatedAt = rating, actor.UserID, now
		return nil
	}, nil)
}

// move is one transaction: lock the complaint, check the move against the table, change
// it, audit, re-render the card, and do what follows (timers, notices).
func (s *Service) move(ctx context.Context, actor domain.Actor, id int64, a Action, fn func(*Complaint, time.Time) error,
	after func(context.Context, Complaint) error) (Complaint, error) {
	if err := requireAny(actor, operators()); err != nil {
		return Complaint{}, err
	}
	var out Complaint
	err := s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		var before Complaint
		now := s.d.Clock.Now()
		c, err := s.d.Repo.Update(ctx, id, func(c *Complaint) error {
			before = *c
			if err := Check(*c, a); err != nil {
				return err
			}
			to, _ := Next(c.Status, a)
			if err := fn(c, now); err != nil {
				return err
			}
			c.Status, c.UpdatedAt = to, now
			return nil
		})
		if err != nil {
			return err
		}
		out = c
		if err := s.d.Audit.Record(ctx, actor, "complaint."+string(a), c.Subject(), auditView(before), auditView(c)); err != nil {
			return err
		}
		if err := s.d.Outbox.UpdateRef(ctx, TemplateCard, CardRef(c.ID), CardOf(c)); err != nil {
			return err
		}
		if after != nil {
			return after(ctx, c)
		}
		return nil
	})
	if err != nil {
		return Complaint{}, fmt.Errorf("%s complaint %d: %w", a, id, err)
	}
	return out, nil
}

// escalate tells every supervisor in a DM and notes it in the card's thread.
func (s *Service) escalate(ctx context.Context, c Complaint, n Notice) error {
	supervisors, err := s.d.Directory.UsersWith(ctx, domain.RoleSupervisor)
	if err != nil {
		return err
	}
	for _, u := range supervisors {
		if err := s.d.Outbox.DM(ctx, TemplateNotice, u, "", n); err != nil {
			return err
		}
	}
	return s.d.Outbox.Reply(ctx, TemplateNotice, c.Channel, CardRef(c.ID), n)
}
