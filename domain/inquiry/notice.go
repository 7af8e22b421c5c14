package inquiry

import (
	"context"
	"fmt"
	"math"
	"time"

	"storeops/domain"
	"storeops/domain/timer"
)

// Outbox templates of inquiries.
const (
	// TemplateReminder is the owner's DM before the promise is due.
	TemplateReminder = "inquiry.reminder"
	// TemplateBreach is the owner's DM when the promise is broken; TemplateBreachTeam the
	// post in the store's team channel.
	TemplateBreach     = "inquiry.breach"
	TemplateBreachTeam = "inquiry.breach_team"
)

// Notice is what the reminder and the breach messages show.
type Notice struct {
	ID         int64     `json:"id"`
	Store      string    `json:"store"`
	Customer   string    `json:"customer"`
	Platform   string    `json:"platform"`
	OrderRef   string    `json:"order,omitempty"`
	Question   string    `json:"question"`
	Owner      string    `json:"owner"`
	PromisedAt time.Time `json:"promised_at"`
	// At is when the timer fired; MinutesLeft the whole minutes from At to the promise
	// (rounded up, so that "1 min left" is never shown as 0).
	At          time.Time `json:"at"`
	MinutesLeft int       `json:"minutes_left,omitempty"`
}

func noticeOf(q Inquiry, at time.Time) Notice {
	return Notice{ID: q.ID, Store: q.StoreCode, Customer: q.Customer, Platform: q.Platform, OrderRef: q.OrderRef,
		Question: q.Question, Owner: q.Owner, PromisedAt: q.PromisedAt, At: at}
}

// Ref names the Slack messages about an inquiry.
func Ref(id int64) string { return fmt.Sprintf("inquiry:%d", id) }

// Remind is the handler of KindRemind: it DMs the owner of a still open inquiry how long is
// left. It runs in the timer's firing transaction, so the DM is queued exactly once.
func (s *Service) Remind(ctx context.Context, t timer.Timer) error {
	id, err := t.Subject.ID("inquiry")
	if err != nil {
		return err
	}
	q, err := s.d.Repo.Find(ctx, id)
	if err != nil {
		return fmt.Errorf("remind inquiry %d: %w", id, err)
	}
	// Answered meanwhile, or the reminder is so late (StoreOps was down) that the promise
	// is already broken: the breach tells the owner instead.
	if q.Status != StatusOpen || !t.FiredAt.Before(q.PromisedAt) {
		return nil
	}
	n := noticeOf(q, t.FiredAt)
	n.MinutesLeft = int(math.Ceil(q.PromisedAt.Sub(t.FiredAt).Minutes()))
	if err := s.d.Outbox.DM(ctx, TemplateReminder, q.Owner, "", n); err != nil {
		return fmt.Errorf("remind inquiry %d: %w", id, err)
	}
	return nil
}

// Breach is the handler of KindBreach: it marks the promise broken, DMs the owner and posts
// in the store's team channel (when the store has one).
func (s *Service) Breach(ctx context.Context, t timer.Timer) error {
	id, err := t.Subject.ID("inquiry")
	if err != nil {
		return err
	}
	before, err := s.d.Repo.Find(ctx, id)
	if err != nil {
		return fmt.Errorf("breach of inquiry %d: %w", id, err)
	}
	if before.Status != StatusOpen {
		return nil // answered meanwhile: nothing is broken
	}
	// The row lock of Update orders this after an answer that is committing now; the
	// answer clears this timer, so the claim of the runner would have failed had it won.
	q, err := s.d.Repo.Update(ctx, id, func(q *Inquiry) error {
		q.BreachedAt, q.UpdatedAt = t.FiredAt, t.FiredAt
		return nil
	})
	if err != nil {
		return fmt.Errorf("breach of inquiry %d: %w", id, err)
	}
	if err := s.d.Audit.Record(ctx, domain.System(), "inquiry.breach", q.Subject(), auditView(before), auditView(q)); err != nil {
		return err
	}
	n := noticeOf(q, t.FiredAt)
	if err := s.d.Outbox.DM(ctx, TemplateBreach, q.Owner, "", n); err != nil {
		return fmt.Errorf("breach of inquiry %d: %w", id, err)
	}
	st, err := s.d.Stores.Find(ctx, q.StoreCode)
	if err != nil {
		return fmt.Errorf("breach of inquiry %d: %w", id, err)
	}
	if st.TeamChannel == "" {
		return nil
	}
	if err := s.d.Outbox.Post(ctx, TemplateBreachTeam, st.TeamChannel, Ref(q.ID), n); err != nil {
		return fmt.Errorf("breach of inquiry %d: %w", id, err)
	}
	return nil
}
