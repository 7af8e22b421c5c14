// Package complaint runs customer complaints (投訴, SPEC §3): recorded with customer, order,
// category, severity, description and demand; routed to the department channel of the
// category; acknowledged and resolved within deadlines by severity, reminded before them and
// escalated to the supervisors when one is broken; closed with what the customer was told
// and the customer's satisfaction (1–5), an appraisal figure.
package complaint

import (
	"context"
	"fmt"
	"time"

	"storeops/domain"
)

// Status of a complaint; see state.go for the moves between them.
type Status string

const (
	StatusOpen         Status = "open"
	StatusAcknowledged Status = "acknowledged"
	StatusResolved     Status = "resolved"
	// StatusRated is closed: resolved, and the customer's satisfaction recorded.
	StatusRated Status = "rated"
)

// Statuses lists every status in lifecycle order.
func Statuses() []Status {
	return []Status{StatusOpen, StatusAcknowledged, StatusResolved, StatusRated}
}

// Severity decides the deadlines.
type Severity string

const (
	SeverityHigh   Severity = "high"
	SeverityMedium Severity = "medium"
	SeverityLow    Severity = "low"
)

// Severities lists the severities, the most urgent first.
func Severities() []Severity { return []Severity{SeverityHigh, SeverityMedium, SeverityLow} }

// ParseSeverity reads a severity as a user types it.
func ParseSeverity(s string) (Severity, bool) {
	for _, v := range Severities() {
		if string(v) == s {
			return v, true
		}
	}
	return "", false
}

// Built-in categories; an admin or supervisor may route any other category name, which then
// becomes a category too.
const (
	CategoryLogistics = "logistics"
	CategoryProduct   = "product"
	CategoryService   = "service"
	CategoryOther     = "other"
)

// Categories are the built-in categories.
func Categories() []string {
	return []string{CategoryLogistics, CategoryProduct, CategoryService, CategoryOther}
}

// Escalation reasons.
const (
	EscalatedManually    = "manual"
	EscalatedAckOverdue  = "ack_overdue"
	EscalatedResolveLate = "resolve_overdue"
)

// Complaint is one customer complaint.
type Complaint struct {
	ID          int64
	StoreCode   string
	Customer    string
	OrderRef    string
	Category    string
	Severity    Severity
	Description string
	Demand      string

	Status Status
	// Channel is where the card was posted; Routed says whether it is the category's
	// department channel (false: the store's team channel, the fallback).
	Channel string
	Routed  bool

	CreatedBy string
	CreatedAt time.Time
	// AckDue and ResolveDue are fixed at creation from the SLA of the severity then in
	// force, so that changing an SLA never moves a promise already running.
	AckDue     time.Time
	ResolveDue time.Time

	// AckedBy owns the complaint from acknowledgement on.
	AckedBy   string
	AckedAt   time.Time
	AckOnTime bool

	ResolvedBy     string
	ResolvedAt     time.Time
	Resolution     string
	CustomerTold   string
	ResolvedOnTime bool

	// Escalation is a flag, not a state: an escalated complaint still has to be
	// acknowledged and resolved. EscalatedBy is the system for a broken deadline.
	EscalatedBy      string
	EscalatedAt      time.Time
	EscalationReason string

	Rating  int
	RatedBy string
	RatedAt time.Time

	UpdatedAt time.Time
	Version   int
}

// Subject names the complaint in audit rows and timers.
func (c Complaint) Subject() domain.Subject { return domain.SubjectOf("complaint", c.ID) }

// Ref is how users name a complaint: "#12".
func (c Complaint) Ref() string { return Ref(c.ID) }

// Ref is the user-facing name of complaint id.
func Ref(id int64) string { return fmt.Sprintf("#%d", id) }

// Owner is who is responsible: the acknowledger, or nobody yet.
func (c Complaint) Owner() string { return c.AckedBy }

// Escalated reports whether the complaint has been escalated.
func (c Complaint) Escalated() bool { return !c.EscalatedAt.IsZero() }

// Overdue reports whether a deadline of the complaint's current stage has passed at now.
func (c Complaint) Overdue(now time.Time) bool {
	switch c.Status {
	case StatusOpen:
		return now.After(c.AckDue) || now.After(c.ResolveDue)
	case StatusAcknowledged:
		return now.After(c.ResolveDue)
	}
	return false
}

// Route sends a category's complaints to a department channel.
type Route struct {
	Category  string
	Channel   string
	UpdatedBy string
	UpdatedAt time.Time
}

// Filter selects complaints for List. Empty fields do not filter.
type Filter struct {
	Statuses []Status
	// Mine selects the complaints a user owns, or created and nobody owns yet.
	Mine string
	// OverdueAt selects the complaints with a deadline of their stage passed at that time.
	OverdueAt time.Time
	Limit     int
}

// Repository stores complaints, their routes and SLA overrides. Writes join the
// transaction in ctx.
type Repository interface {
	Create(ctx context.Context, c *Complaint) error
	// Find returns ENOTFOUND "complaint.not_found" (args: the ref).
	Find(ctx context.Context, id int64) (Complaint, error)
	// Update loads with a row lock, calls fn and saves with Version+1, or saves nothing
	// when fn fails (its error comes back as is).
	Update(ctx context.Context, id int64, fn func(*Complaint) error) (Complaint, error)
	// List returns the matching complaints, newest first.
	List(ctx context.Context, f Filter) ([]Complaint, error)

	Routes(ctx context.Context) ([]Route, error)
	// SetRoute creates or replaces the category's route.
	SetRoute(ctx context.Context, r Route) error
	// SLAs returns the stored overrides by severity.
	SLAs(ctx context.Context) (map[Severity]SLA, error)
	// SetSLA creates or replaces the severity's override.
	SetSLA(ctx context.Context, sev Severity, s SLA, by string, at time.Time) error

	// SatisfactionAverage is the mean rating of the complaints owned by owner and rated in
	// [from, to), with how many there were.
	SatisfactionAverage(ctx context.Context, owner string, from, to time.Time) (float64, int, error)
	// AckTimeliness counts the complaints acknowledged by owner in [from, to), and of them
	// those acknowledged by their deadline.
	AckTimeliness(ctx context.Context, owner string, from, to time.Time) (acked, onTime int, err error)
}
