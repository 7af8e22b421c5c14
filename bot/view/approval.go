package view

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"storeops/bot/i18n"
	"storeops/domain/approval"
)

// Sizes of what a card shows; a detail is "short" when it fits a two-column field.
const (
	shortDetail   = 80
	maxListCards  = 10
	maxListDetail = 4
	maxReason     = 2000
)

// ApprovalCard is the card an approver decides on: kind, title, requester, the details as
// submitted, the note and the due time, with Approve / Reject while pending, and the outcome
// (no buttons) once decided. The same function renders the first post and every update, so
// that a decided card can never keep live buttons.
func ApprovalCard(l i18n.Localizer, c approval.Card, tz *time.Location) (string, []slack.Block) {
	return cardText(l, c), cardBlocks(l, c, tz, MaxMessageBlocks)
}

func cardText(l i18n.Localizer, c approval.Card) string {
	title := escape(Cut(c.Title, 200))
	if c.Status == approval.StatusPending {
		return l.T("view.card.text.pending", l.Kind(c.Kind), title, l.Mention(c.Requester))
	}
	return l.T("view.card.text.decided", l.Kind(c.Kind), title, l.ApprovalStatus(c.Status))
}

func cardBlocks(l i18n.Localizer, c approval.Card, tz *time.Location, budget int) []slack.Block {
	blocks := []slack.Block{
		header(l.T("view.card.header", l.Kind(c.Kind), c.Title)),
		requestedContext(l, c, tz),
	}
	// What follows the details: note, votes or outcome, buttons.
	tail := cardTail(l, c, tz)
	blocks = append(blocks, detailBlocks(l, c.Details, budget-len(blocks)-len(tail))...)
	return append(blocks, tail...)
}

func requestedContext(l i18n.Localizer, c approval.Card, tz *time.Location) *slack.ContextBlock {
	texts := []string{l.T("view.card.requested", l.Mention(c.Requester), l.Time(c.CreatedAt, tz))}
	if c.Status == approval.StatusPending && !c.DueAt.IsZero() {
		texts = append(texts, l.T("view.card.due", l.Time(c.DueAt, tz)))
	}
	return contextBlock(texts...)
}

func cardTail(l i18n.Localizer, c approval.Card, tz *time.Location) []slack.Block {
	var out []slack.Block
	if strings.TrimSpace(c.Note) != "" {
		out = append(out, section(bold(l, l.T("view.card.note"), value(c.Note, MaxSectionText))))
	}
	if c.Status != approval.StatusPending {
		return append(out, section(outcome(l, c, tz)))
	}
	if c.Required > 1 {
		out = append(out, contextBlock(votes(l, c)))
	}
	return append(out, approvalButtons(l, c))
}

func votes(l i18n.Localizer, c approval.Card) string {
	var who []string
	for _, d := range c.Decisions {
		if d.Outcome == approval.OutcomeApprove {
			who = append(who, l.Mention(d.By))
		}
	}
	if len(who) == 0 {
		return l.T("view.card.votes.none", c.Required)
	}
	return l.T("view.card.votes", len(who), c.Required, l.Join(who))
}

func outcome(l i18n.Localizer, c approval.Card, tz *time.Location) string {
	at := l.Time(c.DecidedAt, tz)
	line := l.T("view.card.outcome", l.ApprovalStatus(c.Status), nonEmpty(at))
	if key := "view.card.outcome." + string(c.Status); c.DecidedBy != "" && l.Has(key) {
		line = l.T(key, l.Mention(c.DecidedBy), nonEmpty(at))
	}
	if c.Status == approval.StatusRejected && strings.TrimSpace(c.Reason) != "" {
		line += "\n" + bold(l, l.FieldLabel("reason"), value(c.Reason, maxReason))
	}
	return line
}

func approvalButtons(l i18n.Localizer, c approval.Card) *slack.ActionBlock {
	v := ApprovalValue(c.ID, c.Version)
	approve := slack.NewButtonBlockElement(ActionApprove, v, plain(Cut(l.T("view.button.approve"), MaxButtonText))).
		WithStyle(slack.StylePrimary)
	reject := slack.NewButtonBlockElement(ActionReject, v, plain(Cut(l.T("view.button.reject"), MaxButtonText))).
		WithStyle(slack.StyleDanger)
	return slack.NewActionBlock(approvalBlockID(c.ID), approve, reject)
}

// detailBlocks shows a card's details in at most budget blocks: short values side by side as
// fields, long or multi-line ones (descriptions, image lists) in a section of their own so
// that they get the larger text limit, and a count of whatever did not fit.
func detailBlocks(l i18n.Localizer, details []approval.Field, budget int) []slack.Block {
	var blocks []slack.Block
	var fields []*slack.TextBlockObject
	flush := func() {
		if len(fields) > 0 {
			blocks = append(blocks, slack.NewSectionBlock(nil, fields, nil))
			fields = nil
		}
	}
	for i, d := range details {
		long := utf8.RuneCountInString(d.Value) > shortDetail || strings.Contains(d.Value, "\n")
		// after is the block count once this detail is placed, an open field section
		// counting as one block.
		after := len(blocks) + 1
		if len(fields) > 0 && (long || len(fields) == MaxSectionFields) {
			after++
		}
		// Unless this is the last detail, leave room for the "more" line in case the next
		// one does not fit.
		if after > budget || (i < len(details)-1 && after+1 > budget) {
			flush()
			if len(blocks) < budget {
				blocks = append(blocks, contextBlock(l.T("view.more_fields", len(details)-i)))
			}
			return blocks
		}
		label := "*" + escape(l.T(d.Label)) + "*\n"
		if long {
			flush()
			blocks = append(blocks, section(label+value(d.Value, MaxSectionText)))
			continue
		}
		if len(fields) == MaxSectionFields {
			flush()
		}
		fields = append(fields, mrkdwn(cutMrkdwn(label+value(d.Value, MaxFieldText), MaxFieldText)))
	}
	flush()
	return blocks
}

// ApprovalDecided is the requester's DM about the decision: "Your new listing TM01/SKU-1 Red
// mug was approved by @x", with the reason when rejected and what happens next.
func ApprovalDecided(l i18n.Localizer, c approval.Card, tz *time.Location) (string, []slack.Block) {
	title := escape(Cut(c.Title, 200))
	var text string
	switch c.Status {
	case approval.StatusApproved, approval.StatusRejected:
		text = l.T("view.decided."+string(c.Status), l.KindNoun(c.Kind), title, nonEmpty(l.Mention(c.DecidedBy)))
	default:
		text = l.T("view.decided.other", l.KindNoun(c.Kind), title, l.ApprovalStatus(c.Status))
	}
	body := text
	if c.Status == approval.StatusRejected && strings.TrimSpace(c.Reason) != "" {
		body += "\n" + bold(l, l.FieldLabel("reason"), value(c.Reason, maxReason))
	}
	if key := "view.next." + string(c.Kind) + "." + string(c.Status); l.Has(key) {
		body += "\n" + l.T(key)
	}
	blocks := []slack.Block{section(body)}
	if at := l.Time(c.DecidedAt, tz); at != "" {
		blocks = append(blocks, contextBlock(l.Kind(c.Kind)+" · "+at))
	}
	return cutMrkdwn(text, MaxSectionText), blocks
}

// ApprovalReminder nudges an approver about a request still waiting, with the whole card so
// that they can decide from the reminder itself.
func ApprovalReminder(l i18n.Localizer, c approval.Card, tz *time.Location) (string, []slack.Block) {
	text := l.T("view.reminder.text", l.Kind(c.Kind), escape(Cut(c.Title, 200)))
	blocks := []slack.Block{section(l.T("view.reminder", l.Time(c.CreatedAt, tz), nonEmpty(l.Time(c.DueAt, tz))))}
	blocks = append(blocks, cardBlocks(l, c, tz, MaxMessageBlocks-len(blocks))...)
	return text, blocks
}

// NoApprovers tells the requester that nobody can decide the request yet, so that it does
// not wait unseen.
func NoApprovers(l i18n.Localizer, c approval.Card) (string, []slack.Block) {
	title := escape(Cut(c.Title, 200))
	text := l.T("view.no_approvers.text", l.KindNoun(c.Kind), title)
	return text, []slack.Block{section(l.T("view.no_approvers", l.KindNoun(c.Kind), title))}
}

// ApprovalList is what waits for the user's decision: the first few requests with their
// buttons, and how many more there are.
func ApprovalList(l i18n.Localizer, cards []approval.Card, tz *time.Location) []slack.Block {
	blocks := []slack.Block{header(l.T("view.approvals.title", len(cards)))}
	if len(cards) == 0 {
		return append(blocks, section(l.T("view.approvals.empty")))
	}
	for i, c := range cards {
		if i == maxListCards {
			blocks = append(blocks, contextBlock(l.T("view.approvals.more", len(cards)-i)))
			break
		}
		if i > 0 {
			blocks = append(blocks, slack.NewDividerBlock())
		}
		lines := []string{"*" + escape(l.Kind(c.Kind)) + "* " + value(c.Title, 200),
			l.T("view.card.requested", l.Mention(c.Requester), l.Time(c.CreatedAt, tz)) + " · " +
				l.T("view.card.due", nonEmpty(l.Time(c.DueAt, tz)))}
		for j, d := range c.Details {
			if j == maxListDetail {
				lines = append(lines, l.T("view.more_fields", len(c.Details)-j))
				break
			}
			lines = append(lines, "• "+bold(l, l.T(d.Label), value(strings.ReplaceAll(d.Value, "\n", " "), 200)))
		}
		if c.Required > 1 {
			lines = append(lines, votes(l, c))
		}
		blocks = append(blocks, section(strings.Join(lines, "\n")), approvalButtons(l, c))
	}
	return blocks
}

// RejectForm asks the approver for the reason of a rejection, with the request shown above.
func RejectForm(l i18n.Localizer, c approval.Card, metadata string) slack.ModalViewRequest {
	blocks := []slack.Block{section("*" + escape(l.Kind(c.Kind)) + "* " + value(c.Title, 500))}
	blocks = append(blocks, detailBlocks(l, c.Details, MaxModalBlocks-2)...)
	reason := slack.NewPlainTextInputBlockElement(nil, InputAction).WithMultiline(true).WithMaxLength(maxReason)
	blocks = append(blocks, slack.NewInputBlock(ReasonBlock, plain(l.FieldLabel("reason")), plain(l.T("view.reject.hint")), reason))
	return modal(l, CallbackReject, l.T("view.reject.title"), l.T("view.reject.submit"), metadata, blocks)
}
