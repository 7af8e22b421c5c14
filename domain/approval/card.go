package approval

import (
	"strconv"
	"time"

	"storeops/domain"
)

// Card is what an approval card shows: the request without its applier payload. It is the
// payload of the "approval.card" outbox template.
type Card struct {
	ID        int64          `json:"id"`
	Version   int            `json:"version"`
	Kind      Kind           `json:"kind"`
	Title     string         `json:"title"`
	Requester string         `json:"requester"`
	Details   []Field        `json:"details"`
	Note      string         `json:"note,omitempty"`
	Status    Status         `json:"status"`
	Required  int            `json:"required"`
	Decisions []Decision     `json:"decisions,omitempty"`
	Reason    string         `json:"reason,omitempty"`
	DecidedBy string         `json:"decided_by,omitempty"`
	DecidedAt time.Time      `json:"decided_at,omitzero"`
	CreatedAt time.Time      `json:"created_at"`
	DueAt     time.Time      `json:"due_at"`
	Subject   domain.Subject `json:"subject"`
}

// Outbox templates the engine writes.
const (
	TemplateCard        = "approval.card"
	TemplateDecided     = "approval.decided"
	TemplateReminder    = "approval.reminder"
	TemplateNoApprovers = "approval.no_approvers"
)

// Ref is the Slack message reference of a request's cards.
func Ref(id int64) string { return "approval:" + strconv.FormatInt(id, 10) }

func (r Request) card(required int) Card {
	return Card{ID: r.ID, Version: r.Version, Kind: r.Kind, Title: r.Title, Requester: r.Requester,
		Details: r.Details, Note: r.Note, Status: r.Status, Required: required, Decisions: r.Decisions,
		Reason: r.Reason, DecidedBy: r.DecidedBy, DecidedAt: r.DecidedAt, CreatedAt: r.CreatedAt, DueAt: r.DueAt,
		Subject: r.Subject}
}
