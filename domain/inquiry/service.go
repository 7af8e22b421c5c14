package inquiry

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"storeops/domain"
	"storeops/domain/audit"
	"storeops/domain/outbox"
	"storeops/domain/store"
	"storeops/domain/timer"
)

// Stores finds shops (for the store's platform and team channel).
type Stores interface {
	Find(ctx context.Context, code string) (store.Store, error)
}

// Directory tells what roles a user holds, to check an owner named on the form.
type Directory interface {
	Actor(ctx context.Context, userID string) (domain.Actor, error)
}

// Deps are what the inquiry service needs.
type Deps struct {
	Repo      Repository
	Tx        domain.TxRunner
	Audit     *audit.Log
	Outbox    *outbox.Outbox
	Timers    *timer.Timers
	Stores    Stores
	Directory Directory
	Clock     domain.Clock
	// TZ is the store's zone, in which promised clock times are read.
	TZ *time.Location
}

// Service runs inquiries.
type Service struct{ d Deps }

// NewService builds the inquiry service.
func NewService(d Deps) *Service {
	if d.TZ == nil {
		d.TZ = time.UTC
	}
	return &Service{d: d}
}

// Now is the service's time, by which the edge tells open from overdue.
func (s *Service) Now() time.Time { return s.d.Clock.Now() }

// MaxList bounds one list of inquiries.
const MaxList = 50

// staff may record and answer inquiries.
func staff(actor domain.Actor) error {
	if actor.Has(domain.RoleAssistant) || actor.Has(domain.RoleSupervisor) {
		return nil
	}
	return domain.Errorf(domain.EFORBIDDEN, "error.needs_role", string(domain.RoleAssistant)+" / "+string(domain.RoleSupervisor))
}

// Record writes down an inquiry and arms its reminder (at RemindShare of the promised
// time) and its breach (at the promised time), in one transaction.
func (s *Service) Record(ctx context.Context, actor domain.Actor, in Input) (Inquiry, error) {
	if err := staff(actor); err != nil {
		return Inquiry{}, err
	}
	now := s.d.Clock.Now()
	q, problems := in.Parse(now, s.d.TZ)
	if q.StoreCode != "" {
		st, err := s.d.Stores.Find(ctx, q.StoreCode)
		switch {
		case domain.ErrorCode(err) == domain.ENOTFOUND:
			problems = append(problems, domain.Problem{Field: FieldStore, Key: "inquiry.store.unknown", Args: []any{q.StoreCode}})
		case err != nil:
			return Inquiry{}, fmt.Errorf("record inquiry: %w", err)
		case q.Platform == "":
			q.Platform = st.Platform
		}
	}
	if q.Owner == "" {
		q.Owner = actor.UserID
	} else if q.Owner != actor.UserID {
		owner, err := s.d.Directory.Actor(ctx, q.Owner)
		if err != nil {
			return Inquiry{}, fmt.Errorf("record inquiry: owner %s: %w", q.Owner, err)
		}
		if staff(owner) != nil {
			problems = append(problems, domain.Problem{Field: FieldOwner, Key: "inquiry.owner.not_staff"})
		}
	}
	if len(problems) > 0 {
		return Inquiry{}, domain.Invalid(problems)
	}
	q.RecordedBy, q.AskedAt, q.UpdatedAt, q.Status = actor.UserID, now, now, StatusOpen
	err := s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.d.Repo.Create(ctx, &q); err != nil {
			return err
		}
		if err := s.d.Timers.Set(ctx, q.Subject(), KindRemind, timer.Fraction(q.AskedAt, q.PromisedAt, RemindShare), nil); err != nil {
			return err
		}
		if err := s.d.Timers.Set(ctx, q.Subject(), KindBreach, q.PromisedAt, nil); err != nil {
			return err
		}
		return s.d.Audit.Record(ctx, actor, "inquiry.record", q.Subject(), nil, auditView(q))
	})
	if err != nil {
		return Inquiry{}, fmt.Errorf("record inquiry for %s: %w", q.Customer, err)
	}
	return q, nil
}

// Answer records the answer to an open inquiry, who gave it and whether it came in time,
// and disarms its timers.
func (s *Service) Answer(ctx context.Context, actor domain.Actor, id int64, answer string) (Inquiry, error) {
	if err := staff(actor); err != nil {
		return Inquiry{}, err
	}
	answer = strings.TrimSpace(answer)
	if answer == "" {
		return Inquiry{}, domain.Invalid([]domain.Problem{{Field: FieldAnswer, Key: "inquiry.field.required"}})
	}
	if n := utf8.RuneCountInString(answer); n > MaxAnswer {
		return Inquiry{}, domain.Invalid([]domain.Problem{{Field: FieldAnswer, Key: "inquiry.text.too_long", Args: []any{MaxAnswer, n}}})
	}
	var out Inquiry
	err := s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		var before Inquiry
		var err error
		now := s.d.Clock.Now()
		out, err = s.d.Repo.Update(ctx, id, func(q *Inquiry) error {
			before = *q
			if !canMove(q.Status, StatusAnswered) {
				return domain.Errorf(domain.ECONFLICT, "inquiry.already_answered", q.ID)
			}
			q.Status, q.Answer, q.AnsweredBy, q.AnsweredAt, q.UpdatedAt = StatusAnswered, answer, actor.UserID, now, now
			q.OnTime = !now.After(q.PromisedAt)
			return nil
		})
		if err != nil {
			return err
		}
		if err := s.d.Timers.Clear(ctx, out.Subject(), KindRemind, KindBreach); err != nil {
			return err
		}
		return s.d.Audit.Record(ctx, actor, "inquiry.answer", out.Subject(), auditView(before), auditView(out))
	})
	if err != nil {
		return Inquiry{}, fmt.Errorf("answer inquiry %d: %w", id, err)
	}
	return out, nil
}

// Find returns an inquiry by id.
func (s *Service) Find(ctx context.Context, id int64) (Inquiry, error) {
	q, err := s.d.Repo.Find(ctx, id)
	if err != nil {
		return Inquiry{}, fmt.Errorf("find inquiry %d: %w", id, err)
	}
	return q, nil
}

// Lists a user can ask for.
const (
	ListOpen    = "open"
	ListOverdue = "overdue"
	ListMine    = "mine"
)

// List returns the open inquiries (ListOpen), those whose promise is broken
// (ListOverdue), or the actor's open ones (ListMine), the earliest promise first, at most
// MaxList; more reports that there were more.
func (s *Service) List(ctx context.Context, actor domain.Actor, which string) (list []Inquiry, more bool, err error) {
	f := Filter{Status: StatusOpen, Limit: MaxList + 1}
	switch strings.ToLower(strings.TrimSpace(which)) {
	case "", ListOpen:
	case ListOverdue:
		f.DueBy = s.d.Clock.Now()
	case ListMine:
		f.Owner = actor.UserID
	default:
		return nil, false, domain.Errorf(domain.EINVALID, "inquiry.list.unknown", which)
	}
	list, err = s.d.Repo.List(ctx, f)
	if err != nil {
		return nil, false, fmt.Errorf("list %s inquiries: %w", which, err)
	}
	if len(list) > MaxList {
		return list[:MaxList], true, nil
	}
	return list, false, nil
}

// Timeliness counts, for appraisals, the inquiries owned by assistant that were answered
// in [from, to), and of them those answered no later than promised.
func (s *Service) Timeliness(ctx context.Context, assistant string, from, to time.Time) (answered, onTime int, err error) {
	answered, onTime, err = s.d.Repo.Timeliness(ctx, assistant, from, to)
	if err != nil {
		return 0, 0, fmt.Errorf("reply timeliness of %s: %w", assistant, err)
	}
	return answered, onTime, nil
}

// History returns the inquiry's audit trail, oldest first.
func (s *Service) History(ctx context.Context, q Inquiry, limit int) ([]audit.Entry, error) {
	return s.d.Audit.History(ctx, q.Subject(), limit)
}

// auditView is what the audit trail keeps of an inquiry.
func auditView(q Inquiry) map[string]any {
	m := map[string]any{
		"status": q.Status, "store": q.StoreCode, "customer": q.Customer, "platform": q.Platform,
		"question": q.Question, "owner": q.Owner, "promised_at": q.PromisedAt.UTC().Format(time.RFC3339),
	}
	if q.OrderRef != "" {
		m["order"] = q.OrderRef
	}
	if q.Status == StatusAnswered {
		m["answer"], m["answered_by"], m["on_time"] = q.Answer, q.AnsweredBy, q.OnTime
	}
	if !q.BreachedAt.IsZero() {
		m["breached_at"] = q.BreachedAt.UTC().Format(time.RFC3339)
	}
	return m
}
