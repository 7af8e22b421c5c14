package aftersale

import (
	"strconv"
	"time"

	"storeops/domain"
)

// Outbox templates of cases.
const (
	// TemplateCard is the case card in the store's team channel, updated in place.
	TemplateCard = "aftersale.card"
	// TemplateMoved tells the owner that someone else moved their case.
	TemplateMoved = "aftersale.moved"
	// TemplateWarehouse asks the warehouse channel to confirm receipt and/or stock.
	TemplateWarehouse = "aftersale.warehouse"
	// TemplateStale reminds the owner of a case that has not moved; TemplateEscalated tells
	// the supervisors (and the team channel) of one that has not moved for much longer.
	TemplateStale     = "aftersale.stale"
	TemplateEscalated = "aftersale.escalated"
)

// CardRef is the Slack message reference of a case's card.
func CardRef(id int64) string { return "aftersale:" + strconv.FormatInt(id, 10) }

// WarehouseRef is the reference of the case's message in the warehouse channel.
func WarehouseRef(id int64) string { return "aftersale-warehouse:" + strconv.FormatInt(id, 10) }

// Card is what the case's messages show: everything but what only the database needs.
type Card struct {
	ID           int64        `json:"id"`
	Version      int          `json:"version"`
	OrderRef     string       `json:"order"`
	Store        string       `json:"store"`
	Type         Type         `json:"type"`
	Status       Status       `json:"status"`
	Owner        string       `json:"owner"`
	Amount       domain.Money `json:"amount"`
	Paid         domain.Money `json:"paid"`
	Lines        []Line       `json:"lines,omitempty"`
	Reason       string       `json:"reason"`
	Demand       string       `json:"demand,omitempty"`
	Evidence     []string     `json:"evidence,omitempty"`
	ApprovalID   int64        `json:"approval_id,omitempty"`
	AutoApproved bool         `json:"auto_approved,omitempty"`
	Threshold    domain.Money `json:"threshold"`
	RejectReason string       `json:"reject_reason,omitempty"`
	CustomerText string       `json:"customer_text,omitempty"`
	ReceivedBy   string       `json:"received_by,omitempty"`
	ReceivedAt   time.Time    `json:"received_at,omitzero"`
	StockBy      string       `json:"stock_by,omitempty"`
	StockAt      time.Time    `json:"stock_at,omitzero"`
	MovedBy      string       `json:"moved_by,omitempty"`
	MovedAt      time.Time    `json:"moved_at,omitzero"`
	CreatedAt    time.Time    `json:"created_at"`
	// Next are the moves the card offers as buttons: none while the refund waits for its
	// approval, since only the approval card decides it.
	Next []Status `json:"next,omitempty"`
}

// CardOf builds the card view of a case.
func CardOf(c Case) Card {
	next := Next(c.Type, c.Status)
	if c.ApprovalID != 0 {
		next = nil
	}
	return Card{ID: c.ID, Version: c.Version, OrderRef: c.OrderRef, Store: c.StoreCode, Type: c.Type, Status: c.Status,
		Owner: c.Owner, Amount: c.Amount, Paid: c.Paid, Lines: c.Lines, Reason: c.Reason, Demand: c.Demand,
		Evidence: c.Evidence, ApprovalID: c.ApprovalID, AutoApproved: c.AutoApproved, Threshold: c.Threshold,
		RejectReason: c.RejectReason, CustomerText: c.CustomerText, ReceivedBy: c.ReceivedBy, ReceivedAt: c.ReceivedAt,
		StockBy: c.StockBy, StockAt: c.StockAt, MovedBy: c.MovedBy, MovedAt: c.MovedAt, CreatedAt: c.CreatedAt, Next: next}
}

// Number is "#12".
func (c Card) Number() string { return "#" + strconv.FormatInt(c.ID, 10) }

// WarehouseCard is the warehouse channel's message: the case and what it asks for.
type WarehouseCard struct {
	Case Card `json:"case"`
	// AskReceipt asks to confirm the returned goods arrived; AskStock that the goods to send
	// (exchange, reissue) are in stock.
	AskReceipt bool `json:"ask_receipt,omitempty"`
	AskStock   bool `json:"ask_stock,omitempty"`
}

// Notice is the payload of the stale reminder and the escalation: the case and how long it
// has not moved.
type Notice struct {
	Case  Card `json:"case"`
	Hours int  `json:"hours"`
}

// auditView is what the audit trail keeps of a case.
func auditView(c Case) map[string]any {
	m := map[string]any{"status": c.Status, "type": c.Type, "amount": c.Amount.String(), "owner": c.Owner,
		"items": itemsText(c.Lines)}
	if c.ApprovalID != 0 {
		m["approval_id"] = c.ApprovalID
	}
	if c.AutoApproved {
		m["auto_approved"] = true
		m["threshold"] = c.Threshold.String()
	}
	if c.RejectReason != "" {
		m["reject_reason"] = c.RejectReason
	}
	if c.CustomerText != "" {
		m["customer_text"] = c.CustomerText
	}
	if c.ReceivedBy != "" {
		m["received_by"] = c.ReceivedBy
	}
	if c.StockBy != "" {
		m["stock_by"] = c.StockBy
	}
	return m
}
