// Package inquiry records customer questions that could not be answered at once, with the
// reply time promised to the customer, reminds their owner before the promise is broken,
// and keeps whether each answer came in time: an appraisal figure (SPEC §3, §6).
package inquiry

import (
	"context"
	"time"

	"storeops/domain"
)

// Status of an inquiry.
type Status string

const (
	StatusOpen     Status = "open"
	StatusAnswered Status = "answered"
)

// canMove is the inquiry state machine: open ─answer→ answered. An answered inquiry is
// final; a follow-up question is a new inquiry with a promise of its own.
func canMove(from, to Status) bool {
	return from == StatusOpen && to == StatusAnswered
}

// Timer kinds of an inquiry: the owner's reminder at RemindShare of the promised time, and
// the broken promise.
const (
	KindRemind = "inquiry.remind"
	KindBreach = "inquiry.breach"
)

// RemindShare is how far into the promised time the owner is reminded.
const RemindShare = 0.8

// Inquiry is one customer question waiting for (or given) its answer.
type Inquiry struct {
	ID        int64
	StoreCode string
	Customer  string
	Platform  string
	// OrderRef is the order the question is about, as the assistant typed it; optional.
	OrderRef string
	Question string
	// Owner answers the inquiry and is reminded; RecordedBy wrote it down.
	Owner      string
	RecordedBy string
	// AskedAt is when it was recorded; PromisedAt the reply time told to the customer.
	AskedAt    time.Time
	PromisedAt time.Time

	Status     Status
	Answer     string
	AnsweredBy string
	AnsweredAt time.Time
	// OnTime is set with the answer: answered no later than promised.
	OnTime bool
	// BreachedAt is when the broken promise was announced (zero when it was not).
	BreachedAt time.Time
	UpdatedAt  time.Time
	Version    int
}

// Subject names the inquiry in audit rows and timers.
func (q Inquiry) Subject() domain.Subject { return domain.SubjectOf("inquiry", q.ID) }

// Overdue reports whether the promise is broken at now and the inquiry still open.
func (q Inquiry) Overdue(now time.Time) bool {
	return q.Status == StatusOpen && !now.Before(q.PromisedAt)
}

// Filter selects inquiries for List; empty fields do not filter.
type Filter struct {
	Status Status
	Owner  string
	// DueBy keeps the inquiries promised at or before it (the overdue ones, with now).
	DueBy time.Time
	Limit int
}

// Repository stores inquiries. Writes join the transaction in ctx.
type Repository interface {
	Create(ctx context.Context, q *Inquiry) error
	// Find returns ENOTFOUND with key "inquiry.not_found" (args: the id).
	Find(ctx context.Context, id int64) (Inquiry, error)
	// Update loads with a row lock, calls fn and saves with Version+1, or saves nothing
	// when fn fails; fn's error comes back as is.
	Update(ctx context.Context, id int64, fn func(*Inquiry) error) (Inquiry, error)
	// List returns matching inquiries, the earliest promise first.
	List(ctx context.Context, f Filter) ([]Inquiry, error)
	// Timeliness counts the inquiries owned by assistant and answered in [from, to), and
	// of them those answered on time.
	Timeliness(ctx context.Context, assistant string, from, to time.Time) (answered, onTime int, err error)
}
