package view

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"storeops/bot/i18n"
	"storeops/domain/complaint"
)

// Identifiers of the complaint card's buttons and modals.
const (
	ActionComplaintAck      = "complaint.ack"
	ActionComplaintResolve  = "complaint.resolve"
	ActionComplaintEscalate = "complaint.escalate"
	// ActionComplaintRate prefixes the rating buttons, "complaint.rate.1" to
	// "complaint.rate.5": Slack wants the action ids of one block to differ.
	ActionComplaintRate = "complaint.rate"

	CallbackComplaintForm    = "complaint.form"
	CallbackComplaintResolve = "complaint.resolve"
)

// ComplaintRateAction is the action id of the button that rates n.
func ComplaintRateAction(n int) string { return ActionComplaintRate + "." + strconv.Itoa(n) }

// maxComplaintText bounds the free texts on a card, so that a card stays readable.
const maxComplaintText = 700

// ComplaintCategory names a category: the catalog's word for a built-in one, the name as
// configured for the others.
func ComplaintCategory(l i18n.Localizer, category string) string {
	if key := "complaint.category." + category; l.Has(key) {
		return l.T(key)
	}
	return category
}

// ComplaintCard is a complaint's card in its channel: what the customer complained of,
// the deadlines, who did what and when, and the buttons of the moves its state allows
// (Acknowledge / Escalate, Resolve / Escalate, then the rating 1–5).
func ComplaintCard(l i18n.Localizer, c complaint.Card, tz *time.Location) (string, []slack.Block) {
	blocks := complaintBlocks(l, c, tz)
	if actions := complaintButtons(l, c); actions != nil {
		blocks = append(blocks, actions)
	}
	return complaintText(l, c), blocks
}

// ComplaintDetail is the card without buttons, for `/ops complaint show`.
func ComplaintDetail(l i18n.Localizer, c complaint.Card, tz *time.Location) (string, []slack.Block) {
	return complaintText(l, c), complaintBlocks(l, c, tz)
}

func complaintText(l i18n.Localizer, c complaint.Card) string {
	return l.T("view.complaint.text", c.Ref(), ComplaintCategory(l, c.Category), l.T("complaint.severity."+string(c.Severity)),
		l.T("complaint.status."+string(c.Status)))
}

func complaintBlocks(l i18n.Localizer, c complaint.Card, tz *time.Location) []slack.Block {
	blocks := []slack.Block{
		header(l.T("view.complaint.header", c.Ref(), ComplaintCategory(l, c.Category), l.T("complaint.severity."+string(c.Severity)))),
		contextBlock(l.T("view.complaint.opened", l.Mention(c.CreatedBy), l.Time(c.CreatedAt, tz), escape(c.Store))),
		section(complaintSummary(l, c)),
	}
	var lines []string
	if c.Status == complaint.StatusOpen {
		lines = append(lines, bold(l, l.T("view.complaint.ack_due"), l.Time(c.AckDue, tz)))
	}
	if c.Status == complaint.StatusOpen || c.Status == complaint.StatusAcknowledged {
		lines = append(lines, bold(l, l.T("view.complaint.resolve_due"), l.Time(c.ResolveDue, tz)))
	}
	if c.AckedBy != "" {
		lines = append(lines, l.T("view.complaint.acked", l.Mention(c.AckedBy), l.Time(c.AckedAt, tz)))
	}
	if c.EscalatedBy != "" {
		lines = append(lines, l.T("view.complaint.escalated", l.Mention(c.EscalatedBy), l.Time(c.EscalatedAt, tz),
			l.T("complaint.escalation."+c.EscalationReason)))
	}
	if c.ResolvedBy != "" {
		lines = append(lines, l.T("view.complaint.resolved", l.Mention(c.ResolvedBy), l.Time(c.ResolvedAt, tz)),
			bold(l, l.FieldLabel(complaint.FieldResolution), value(c.Resolution, maxComplaintText)),
			bold(l, l.FieldLabel(complaint.FieldCustomerTold), value(c.CustomerTold, maxComplaintText)))
	}
	if c.RatedBy != "" {
		lines = append(lines, l.T("view.complaint.rated", c.Rating, complaint.MaxRating, l.Mention(c.RatedBy), l.Time(c.RatedAt, tz)))
	}
	if c.Status == complaint.StatusResolved {
		lines = append(lines, l.T("view.complaint.rate_prompt"))
	}
	return append(blocks, section(strings.Join(lines, "\n")))
}

func complaintSummary(l i18n.Localizer, c complaint.Card) string {
	lines := []string{bold(l, l.FieldLabel(complaint.FieldCustomer), value(c.Customer, complaint.MaxCustomer))}
	if c.Order != "" {
		lines = append(lines, bold(l, l.FieldLabel(complaint.FieldOrder), value(c.Order, complaint.MaxOrderRef)))
	}
	lines = append(lines,
		bold(l, l.FieldLabel(complaint.FieldDescription), value(c.Description, maxComplaintText)),
		bold(l, l.FieldLabel(complaint.FieldDemand), value(c.Demand, maxComplaintText)))
	return cutMrkdwn(strings.Join(lines, "\n"), MaxSectionText)
}

func complaintButtons(l i18n.Localizer, c complaint.Card) *slack.ActionBlock {
	v := strconv.FormatInt(c.ID, 10)
	button := func(id, key string) *slack.ButtonBlockElement {
		return slack.NewButtonBlockElement(id, v, plain(Cut(l.T(key), MaxButtonText)))
	}
	var els []slack.BlockElement
	switch c.Status {
	case complaint.StatusOpen:
		els = append(els, button(ActionComplaintAck, "view.complaint.button.ack").WithStyle(slack.StylePrimary))
	case complaint.StatusAcknowledged:
		els = append(els, button(ActionComplaintResolve, "view.complaint.button.resolve").WithStyle(slack.StylePrimary))
	case complaint.StatusResolved:
		for n := complaint.MinRating; n <= complaint.MaxRating; n++ {
			els = append(els, slack.NewButtonBlockElement(ComplaintRateAction(n), v, plain(strconv.Itoa(n))))
		}
	}
	if _, ok := complaint.Next(c.Status, complaint.ActionEscalate); ok && c.EscalatedBy == "" {
		els = append(els, button(ActionComplaintEscalate, "view.complaint.button.escalate").WithStyle(slack.StyleDanger))
	}
	if len(els) == 0 {
		return nil
	}
	return slack.NewActionBlock(complaint.CardRef(c.ID), els...)
}

// ComplaintNotice is a reminder, a broken deadline or an escalation, in the card's thread
// or in a DM: one line of what is due or happened, and what the complaint is about.
func ComplaintNotice(l i18n.Localizer, n complaint.Notice, tz *time.Location) (string, []slack.Block) {
	c := n.Card
	var line string
	switch n.Kind {
	case complaint.NoticeEscalated:
		line = l.T("view.complaint.notice.escalated", l.Mention(n.By), c.Ref())
	default:
		line = l.T("view.complaint.notice."+n.Kind, c.Ref(), l.Time(n.Due, tz))
	}
	summary := l.T("view.complaint.notice.about", escape(c.Store), ComplaintCategory(l, c.Category),
		l.T("complaint.severity."+string(c.Severity)), value(c.Customer, complaint.MaxCustomer), value(c.Description, 300))
	if c.AckedBy != "" {
		summary += "\n" + l.T("view.complaint.notice.owner", l.Mention(c.AckedBy))
	}
	return line, []slack.Block{section(line), contextBlock(summary)}
}

// ComplaintList is `/ops complaint list`: one line a complaint, newest first, overdue ones
// marked; hint says that more were left out.
func ComplaintList(l i18n.Localizer, title string, cs []complaint.Complaint, hint string, now time.Time, tz *time.Location) []slack.Block {
	blocks := []slack.Block{section("*" + escape(title) + "*")}
	if len(cs) == 0 {
		return append(blocks, section(l.T("view.complaint.list.empty")))
	}
	lines := make([]string, 0, len(cs))
	for _, c := range cs {
		due := c.ResolveDue
		if c.Status == complaint.StatusOpen {
			due = c.AckDue
		}
		line := l.T("view.complaint.list.line", c.Ref(), ComplaintCategory(l, c.Category), l.T("complaint.severity."+string(c.Severity)),
			l.T("complaint.status."+string(c.Status)), escape(c.StoreCode), value(c.Customer, 60), l.Time(due, tz))
		if c.AckedBy != "" {
			line += " · " + l.Mention(c.AckedBy)
		}
		if c.Overdue(now) {
			line += " " + l.T("view.complaint.list.overdue")
		}
		lines = append(lines, line)
	}
	packed, left := packLines(lines, MaxMessageBlocks-3)
	blocks = append(blocks, packed...)
	if left > 0 {
		hint = strings.TrimSpace(hint + " " + l.T("view.complaint.list.cut", left))
	}
	if hint != "" {
		blocks = append(blocks, contextBlock(hint))
	}
	return blocks
}

// ComplaintSLAs shows the deadlines in force by severity.
func ComplaintSLAs(l i18n.Localizer, slas map[complaint.Severity]complaint.SLA) string {
	lines := []string{l.T("view.complaint.sla.title")}
	for _, sev := range complaint.Severities() {
		s := slas[sev]
		lines = append(lines, l.T("view.complaint.sla.line", l.T("complaint.severity."+string(sev)),
			complaint.FormatDuration(s.Ack), complaint.FormatDuration(s.Resolve)))
	}
	return strings.Join(lines, "\n")
}

// ComplaintRoutes shows where each category's complaints go.
func ComplaintRoutes(l i18n.Localizer, routes []complaint.Route) string {
	if len(routes) == 0 {
		return l.T("view.complaint.routes.none")
	}
	lines := []string{l.T("view.complaint.routes.title")}
	for _, r := range routes {
		lines = append(lines, fmt.Sprintf("• %s → <#%s>", ComplaintCategory(l, r.Category), r.Channel))
	}
	return strings.Join(lines, "\n")
}
