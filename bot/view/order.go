package view

import (
	"fmt"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"storeops/bot/i18n"
	"storeops/domain/order"
)

// Identifiers of the order card's buttons and modals.
const (
	ActionOrderRelease   = "order.release"
	ActionOrderCancel    = "order.cancel"
	ActionOrderBlacklist = "order.blacklist"
	ActionOrderNote      = "order.note"

	CallbackOrderCancel = "order.cancel"
	CallbackOrderNote   = "order.note"
	NoteBlock           = "note"
)

const maxOrderItems = 10

// OrderCard is the card of a held order in the team channel: the order with the phone masked
// and no street, every reason it is held or flagged, the notes, and Release / Cancel /
// Blacklist buyer / Add note while it waits; once decided, the outcome and no buttons.
func OrderCard(l i18n.Localizer, c order.Card, tz *time.Location) (string, []slack.Block) {
	text := l.T("view.order.text", c.Ref, l.T("order.status."+string(c.Status)))
	blocks := []slack.Block{
		header(l.T("view.order.header", c.Ref)),
		contextBlock(l.T("view.order.received", l.Time(c.ReceivedAt, tz))),
		section(orderSummary(l, c)),
	}
	if len(c.Flags) > 0 {
		lines := make([]string, 0, len(c.Flags))
		for _, f := range c.Flags {
			lines = append(lines, "• "+l.T("view.order.severity."+string(f.Severity))+" "+escape(flagText(l, f)))
		}
		blocks = append(blocks, section(cutMrkdwn(strings.Join(lines, "\n"), MaxSectionText)))
	}
	if len(c.Notes) > 0 {
		lines := make([]string, 0, len(c.Notes))
		for _, n := range c.Notes {
			lines = append(lines, l.T("view.order.note", l.Mention(n.By), l.Time(n.At, tz), value(n.Text, 500)))
		}
		blocks = append(blocks, section(cutMrkdwn(strings.Join(lines, "\n"), MaxSectionText)))
	}
	if c.Status == order.StatusHeld {
		return text, append(blocks, orderButtons(l, c))
	}
	line := l.T("view.order.outcome", l.T("order.status."+string(c.Status)))
	if c.DecidedBy == "" && c.Status == order.StatusReleased && !c.ReleasedAt.IsZero() {
		line = l.T("view.order.outcome.review", l.Time(c.ReleasedAt, tz))
	}
	if c.DecidedBy != "" {
		line = l.T("view.order.outcome.by", l.T("order.status."+string(c.Status)), l.Mention(c.DecidedBy), l.Time(c.DecidedAt, tz))
	}
	if strings.TrimSpace(c.Reason) != "" {
		line += "\n" + bold(l, l.FieldLabel("reason"), value(c.Reason, maxReason))
	}
	return text, append(blocks, section(line))
}

// flagText is a flag's reason in the reader's language.
func flagText(l i18n.Localizer, f order.Flag) string {
	args := make([]any, len(f.Args))
	for i, a := range f.Args {
		args[i] = a
	}
	if l.Has(f.Key) {
		return l.T(f.Key, args...)
	}
	return f.Check
}

func orderSummary(l i18n.Localizer, c order.Card) string {
	lines := []string{
		bold(l, l.T("view.order.buyer"), value(c.Buyer, 100)+" · "+value(c.Phone, 40)),
		bold(l, l.T("view.order.region"), value(c.Region, 200)),
	}
	for i, it := range c.Items {
		if i == maxOrderItems {
			lines = append(lines, l.T("view.order.more_items", len(c.Items)-i))
			break
		}
		lines = append(lines, fmt.Sprintf("• `%s` × %d @ %s", escape(Cut(it.SKU, 64)), it.Quantity, it.UnitPrice))
	}
	lines = append(lines, bold(l, l.T("view.order.paid"), c.Paid.String()+" ("+escape(c.PaymentStatus)+")"))
	return cutMrkdwn(strings.Join(lines, "\n"), MaxSectionText)
}

func orderButtons(l i18n.Localizer, c order.Card) *slack.ActionBlock {
	v := fmt.Sprint(c.ID)
	button := func(id, key string) *slack.ButtonBlockElement {
		return slack.NewButtonBlockElement(id, v, plain(Cut(l.T(key), MaxButtonText)))
	}
	return slack.NewActionBlock(order.CardRef(c.ID),
		button(ActionOrderRelease, "view.order.button.release").WithStyle(slack.StylePrimary),
		button(ActionOrderCancel, "view.order.button.cancel").WithStyle(slack.StyleDanger),
		button(ActionOrderBlacklist, "view.order.button.blacklist"),
		button(ActionOrderNote, "view.order.button.note"))
}

// OrderTextForm is the modal that asks for a cancel reason or a note about an order.
func OrderTextForm(l i18n.Localizer, c order.Card, callbackID, metadata string) slack.ModalViewRequest {
	block, label, title := ReasonBlock, l.FieldLabel("reason"), l.T("view.order.cancel.title")
	submit := l.T("view.order.cancel.submit")
	if callbackID == CallbackOrderNote {
		block, label, title, submit = NoteBlock, l.T("view.order.note.label"), l.T("view.order.note.title"), l.T("view.order.note.submit")
	}
	input := slack.NewPlainTextInputBlockElement(nil, InputAction).WithMultiline(true).WithMaxLength(order.MaxTextField)
	return modal(l, callbackID, title, submit, metadata, []slack.Block{
		section(orderSummary(l, c)),
		slack.NewInputBlock(block, plain(label), nil, input),
	})
}

// OrderAlertsDay opens a store's list of the day's orders released with ALERT flags; each
// such order is a reply in its thread (OrderAlert), so the channel gets one line a day.
func OrderAlertsDay(l i18n.Localizer, d order.AlertsDay) (string, []slack.Block) {
	return l.T("view.order.alerts.text", d.Store, d.Day), []slack.Block{
		section(l.T("view.order.alerts.header", escape(d.Store), escape(d.Day))),
	}
}

// OrderAlert is one released order with its ALERT flags, in the thread of the day's list.
func OrderAlert(l i18n.Localizer, c order.Card, tz *time.Location) (string, []slack.Block) {
	lines := []string{"*" + escape(c.Ref) + "* · " + orderSummary(l, c)}
	for _, f := range c.Flags {
		lines = append(lines, "• "+l.T("view.order.severity."+string(f.Severity))+" "+escape(flagText(l, f)))
	}
	return l.T("view.order.alert.text", c.Ref), []slack.Block{section(cutMrkdwn(strings.Join(lines, "\n"), MaxSectionText))}
}
