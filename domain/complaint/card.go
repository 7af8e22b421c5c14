package complaint

import (
	"fmt"
	"time"
)

// Outbox templates of complaints.
const (
	// TemplateCard is the complaint's card in its channel, re-rendered in place on every
	// change.
	TemplateCard = "complaint.card"
	// TemplateNotice is a reminder, a broken deadline or an escalation: a reply in the
	// card's thread or a DM (Notice.Kind says which).
	TemplateNotice = "complaint.notice"
)

// Notice kinds.
const (
	NoticeAckReminder     = "ack_reminder"
	NoticeResolveReminder = "resolve_reminder"
	NoticeAckBreach       = "ack_breach"
	NoticeResolveBreach   = "resolve_breach"
	NoticeEscalated       = "escalated"
)

// CardRef is the Slack message reference of a complaint's card.
func CardRef(id int64) string { return fmt.Sprintf("complaint:%d", id) }

// Card is what a complaint's card shows.
type Card struct {
	ID               int64     `json:"id"`
	Store            string    `json:"store"`
	Customer         string    `json:"customer"`
	Order            string    `json:"order,omitempty"`
	Category         string    `json:"category"`
	Severity         Severity  `json:"severity"`
	Description      string    `json:"description"`
	Demand           string    `json:"demand"`
	Status           Status    `json:"status"`
	CreatedBy        string    `json:"created_by"`
	CreatedAt        time.Time `json:"created_at"`
	AckDue           time.Time `json:"ack_due"`
	ResolveDue       time.Time `json:"resolve_due"`
	AckedBy          string    `json:"acked_by,omitempty"`
	AckedAt          time.Time `json:"acked_at,omitzero"`
	ResolvedBy       string    `json:"resolved_by,omitempty"`
	ResolvedAt       time.Time `json:"resolved_at,omitzero"`
	Resolution       string    `json:"resolution,omitempty"`
	CustomerTold     string    `json:"customer_told,omitempty"`
	EscalatedBy      string    `json:"escalated_by,omitempty"`
	EscalatedAt      time.Time `json:"escalated_at,omitzero"`
	EscalationReason string    `json:"escalation_reason,omitempty"`
	Rating           int       `json:"rating,omitempty"`
	RatedBy          string    `json:"rated_by,omitempty"`
	RatedAt          time.Time `json:"rated_at,omitzero"`
}

// Ref is the card's complaint as users name it.
func (c Card) Ref() string { return Ref(c.ID) }

// CardOf builds the card view of a complaint.
func CardOf(c Complaint) Card {
	return Card{ID: c.ID, Store: c.StoreCode, Customer: c.Customer, Order: c.OrderRef, Category: c.Category,
		Severity: c.Severity, Description: c.Description, Demand: c.Demand, Status: c.Status, CreatedBy: c.CreatedBy,
		CreatedAt: c.CreatedAt, AckDue: c.AckDue, ResolveDue: c.ResolveDue, AckedBy: c.AckedBy, AckedAt: c.AckedAt,
		ResolvedBy: c.ResolvedBy, ResolvedAt: c.ResolvedAt, Resolution: c.Resolution, CustomerTold: c.CustomerTold,
		EscalatedBy: c.EscalatedBy, EscalatedAt: c.EscalatedAt, EscalationReason: c.EscalationReason,
		Rating: c.Rating, RatedBy: c.RatedBy, RatedAt: c.RatedAt}
}

// Notice is the payload of TemplateNotice.
type Notice struct {
	Kind string `json:"kind"`
	Card Card   `json:"card"`
	// Due is the deadline the notice is about (reminders and breaches).
	Due time.Time `json:"due,omitzero"`
	// By escalated the complaint (NoticeEscalated; the system for a breach).
	By string `json:"by,omitempty"`
}

// auditView is what the audit trail keeps of a complaint.
func auditView(c Complaint) map[string]any {
	m := map[string]any{"status": c.Status, "category": c.Category, "severity": c.Severity, "channel": c.Channel,
		"ack_due": c.AckDue, "resolve_due": c.ResolveDue}
	for k, v := range map[string]string{"acked_by": c.AckedBy, "resolved_by": c.ResolvedBy, "resolution": c.Resolution,
		"customer_told": c.CustomerTold, "escalated_by": c.EscalatedBy, "escalation_reason": c.EscalationReason, "rated_by": c.RatedBy} {
		if v != "" {
			m[k] = v
		}
	}
	if c.AckedBy != "" {
		m["ack_on_time"] = c.AckOnTime
	}
	if c.ResolvedBy != "" {
		m["resolved_on_time"] = c.ResolvedOnTime
	}
	if c.Rating > 0 {
		m["rating"] = c.Rating
	}
	return m
}
