package view

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"storeops/bot/i18n"
	"storeops/domain/aftersale"
	"storeops/domain/order"
)

// Identifiers of the case card, the warehouse message and the case modals. A card's move
// buttons are ActionAftersaleMove + "." + the target state, since Slack wants the action_ids
// of one block distinct; their value is the case id.
const (
	ActionAftersaleMove     = "aftersale.move"
	ActionAftersaleReceived = "aftersale.received"
	ActionAftersaleStock    = "aftersale.stock"

	CallbackAftersaleForm = "aftersale.form"
	CallbackAftersaleText = "aftersale.text"
)

// AftersaleMoveAction is the action_id of the button that moves a case to st.
func AftersaleMoveAction(st aftersale.Status) string { return ActionAftersaleMove + "." + string(st) }

const (
	maxCaseLines    = 10
	maxCaseEvidence = aftersale.MaxEvidence
	maxCaseText     = 1000
	maxCaseList     = 20
)

// AftersaleStatus names a case state in the reader's language.
func AftersaleStatus(l i18n.Localizer, s aftersale.Status) string {
	if key := "aftersale.status." + string(s); l.Has(key) {
		return l.T(key)
	}
	return string(s)
}

// AftersaleType names a case type.
func AftersaleType(l i18n.Localizer, t aftersale.Type) string {
	if key := "aftersale.type." + string(t); l.Has(key) {
		return l.T(key)
	}
	return string(t)
}

// AftersaleCard is the case card in the team channel: what was asked, where it stands, who
// moved it last, and one button per move the state table allows (none while a refund waits
// for its approval, or once the case is done). Every update renders the whole card again.
func AftersaleCard(l i18n.Localizer, c aftersale.Card, tz *time.Location) (string, []slack.Block) {
	text := l.T("view.aftersale.text", c.Number(), c.OrderRef, AftersaleStatus(l, c.Status))
	blocks := caseBlocks(l, c, tz)
	if len(c.Next) > 0 {
		blocks = append(blocks, caseButtons(l, c))
	}
	return text, blocks
}

func caseBlocks(l i18n.Localizer, c aftersale.Card, tz *time.Location) []slack.Block {
	return []slack.Block{
		header(l.T("view.aftersale.header", c.Number(), AftersaleType(l, c.Type), c.OrderRef)),
		contextBlock(l.T("view.aftersale.opened", l.Mention(c.Owner), l.Time(c.CreatedAt, tz)),
			bold(l, l.FieldLabel("status"), escape(AftersaleStatus(l, c.Status)))),
		section(caseSummary(l, c)),
		section(caseProgress(l, c, tz)),
	}
}

func caseSummary(l i18n.Localizer, c aftersale.Card) string {
	lines := []string{bold(l, l.FieldLabel(aftersale.FieldAmount), l.T("view.aftersale.amount", c.Amount.String(), c.Paid.String()))}
	for i, it := range c.Lines {
		if i == maxCaseLines {
			lines = append(lines, l.T("view.order.more_items", len(c.Lines)-i))
			break
		}
		lines = append(lines, fmt.Sprintf("• `%s` × %d", escape(Cut(it.SKU, 64)), it.Quantity))
	}
	lines = append(lines, bold(l, l.FieldLabel(aftersale.FieldReason), value(c.Reason, maxCaseText)))
	if strings.TrimSpace(c.Demand) != "" {
		lines = append(lines, bold(l, l.FieldLabel(aftersale.FieldDemand), value(c.Demand, maxCaseText)))
	}
	if len(c.Evidence) > 0 {
		links := make([]string, 0, len(c.Evidence))
		for i, u := range c.Evidence {
			if i == maxCaseEvidence {
				break
			}
			// A "|" would end the link's address early; such a URL is shown as text.
			if strings.Contains(u, "|") {
				links = append(links, escape(Cut(u, 200)))
				continue
			}
			links = append(links, "<"+escape(u)+"|"+strconv.Itoa(i+1)+">")
		}
		lines = append(lines, bold(l, l.FieldLabel(aftersale.FieldEvidence), strings.Join(links, " ")))
	}
	return cutMrkdwn(strings.Join(lines, "\n"), MaxSectionText)
}

// caseProgress says how the case got where it is and what it waits for.
func caseProgress(l i18n.Localizer, c aftersale.Card, tz *time.Location) string {
	var lines []string
	switch {
	case c.ApprovalID != 0:
		lines = append(lines, l.T("view.aftersale.awaiting_approval", c.ApprovalID, c.Threshold.String()))
	case c.AutoApproved:
		lines = append(lines, l.T("view.aftersale.auto_approved", c.Threshold.String()))
	}
	if c.ReceivedBy != "" {
		lines = append(lines, l.T("view.aftersale.received_by", l.Mention(c.ReceivedBy), l.Time(c.ReceivedAt, tz)))
	}
	if c.StockBy != "" {
		lines = append(lines, l.T("view.aftersale.stock_by", l.Mention(c.StockBy), l.Time(c.StockAt, tz)))
	}
	if c.RejectReason != "" {
		lines = append(lines, bold(l, l.FieldLabel(aftersale.FieldReason), value(c.RejectReason, maxCaseText)))
	}
	if c.CustomerText != "" {
		lines = append(lines, bold(l, l.FieldLabel(aftersale.FieldCustomerText), value(c.CustomerText, maxCaseText)))
	}
	if c.MovedBy != "" {
		lines = append(lines, l.T("view.aftersale.moved", l.Mention(c.MovedBy), l.Time(c.MovedAt, tz)))
	}
	return strings.Join(lines, "\n")
}

func caseButtons(l i18n.Localizer, c aftersale.Card) *slack.ActionBlock {
	v := strconv.FormatInt(c.ID, 10)
	var els []slack.BlockElement
	for _, st := range c.Next {
		b := slack.NewButtonBlockElement(AftersaleMoveAction(st), v, plain(Cut(l.T("view.aftersale.button.to", AftersaleStatus(l, st)), MaxButtonText)))
		switch st {
		case aftersale.StatusRejected:
			b = b.WithStyle(slack.StyleDanger)
		case aftersale.StatusClosed, aftersale.StatusRefunded, aftersale.StatusExchanged, aftersale.StatusReissued:
			b = b.WithStyle(slack.StylePrimary)
		}
		els = append(els, b)
	}
	return slack.NewActionBlock(aftersale.CardRef(c.ID), els...)
}

// AftersaleDetail is `/ops aftersale show`: the card without buttons, and the moves the
// state table allows as the commands that make them.
func AftersaleDetail(l i18n.Localizer, c aftersale.Card, tz *time.Location) []slack.Block {
	blocks := caseBlocks(l, c, tz)
	if len(c.Next) > 0 {
		names := make([]string, len(c.Next))
		for i, s := range c.Next {
			names[i] = "`" + string(s) + "`"
		}
		blocks = append(blocks, contextBlock(l.T("view.aftersale.next", c.ID, l.Join(names))))
	}
	return blocks
}

// AftersaleList is one line per case, newest first.
func AftersaleList(l i18n.Localizer, title string, cards []aftersale.Card, tz *time.Location) []slack.Block {
	blocks := []slack.Block{header(title)}
	if len(cards) == 0 {
		return append(blocks, section(l.T("view.aftersale.list.empty")))
	}
	lines := make([]string, 0, len(cards))
	for i, c := range cards {
		if i == maxCaseList {
			break
		}
		lines = append(lines, l.T("view.aftersale.list.line", c.Number(), escape(c.OrderRef), AftersaleType(l, c.Type),
			AftersaleStatus(l, c.Status), c.Amount.String(), l.Mention(c.Owner), l.Time(c.MovedAt, tz)))
	}
	packed, _ := packLines(lines, MaxMessageBlocks-3)
	blocks = append(blocks, packed...)
	if len(cards) > maxCaseList {
		blocks = append(blocks, contextBlock(l.T("view.aftersale.list.more", len(cards)-maxCaseList)))
	}
	return blocks
}

// AftersaleForm is the modal of `/ops aftersale new <order>`: the order above, then type,
// items (prefilled with the order's), amount, reason, demand and evidence. Every input has
// block_id = the field, so that the domain's problems land next to their fields.
func AftersaleForm(l i18n.Localizer, o order.Card, metadata string) slack.ModalViewRequest {
	var options []*slack.OptionBlockObject
	for _, t := range aftersale.Types() {
		options = append(options, slack.NewOptionBlockObject(string(t), plain(Cut(AftersaleType(l, t), MaxOptionText)), nil))
	}
	sel := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain(Cut(l.T("view.aftersale.form.type"), MaxPlaceholder)), InputAction, options...)
	items := make([]string, len(o.Items))
	for i, it := range o.Items {
		items[i] = fmt.Sprintf("%s×%d", it.SKU, it.Quantity)
	}
	blocks := []slack.Block{
		section(bold(l, l.FieldLabel("case_order"), escape(o.Ref)) + "\n" + orderSummary(l, o)),
		slack.NewInputBlock(aftersale.FieldType, plain(l.FieldLabel(aftersale.FieldType)), nil, sel),
		caseInput(l, aftersale.FieldItems, l.T("view.aftersale.form.hint.items"), strings.Join(items, ", "), true, aftersale.MaxItemsText, true),
		caseInput(l, aftersale.FieldAmount, l.T("view.aftersale.form.hint.amount", o.Paid.String()), "", false, 20, true),
		caseInput(l, aftersale.FieldReason, l.T("view.aftersale.form.hint.reason"), "", true, aftersale.MaxText, false),
		caseInput(l, aftersale.FieldDemand, l.T("view.aftersale.form.hint.demand"), "", true, aftersale.MaxText, true),
		caseInput(l, aftersale.FieldEvidence, l.T("view.aftersale.form.hint.evidence", aftersale.MaxEvidence), "", true, 0, true),
	}
	return modal(l, CallbackAftersaleForm, l.T("view.aftersale.form.title"), l.T("view.aftersale.form.submit"), metadata, blocks)
}

func caseInput(l i18n.Localizer, field, hint, initial string, multiline bool, maxLen int, optional bool) *slack.InputBlock {
	el := slack.NewPlainTextInputBlockElement(nil, InputAction).WithMultiline(multiline)
	if initial != "" {
		el = el.WithInitialValue(Cut(initial, MaxInputLength))
	}
	if maxLen > 0 {
		el = el.WithMaxLength(min(maxLen, MaxInputLength))
	}
	in := slack.NewInputBlock(field, plain(l.FieldLabel(field)), plain(Cut(hint, MaxInputLabel)), el)
	in.Optional = optional
	return in
}

// AftersaleTextForm asks for the text a close (told to the customer) or a rejection (the
// reason) needs, with the case above.
func AftersaleTextForm(l i18n.Localizer, c aftersale.Card, to aftersale.Status, metadata string) slack.ModalViewRequest {
	field, title := aftersale.FieldCustomerText, "view.aftersale.close.title"
	if to == aftersale.StatusRejected {
		field, title = aftersale.FieldReason, "view.aftersale.reject.title"
	}
	input := slack.NewPlainTextInputBlockElement(nil, InputAction).WithMultiline(true).WithMaxLength(aftersale.MaxText)
	return modal(l, CallbackAftersaleText, l.T(title), l.T("view.aftersale.text.submit"), metadata, []slack.Block{
		section(l.T("view.aftersale.text", c.Number(), escape(c.OrderRef), AftersaleStatus(l, c.Status)) + "\n" + caseSummary(l, c)),
		slack.NewInputBlock(field, plain(l.FieldLabel(field)), plain(l.T("view.aftersale.text.hint."+string(to))), input),
	})
}

// AftersaleTextValue is the private metadata of the text modal: "id:state".
func AftersaleTextValue(id int64, to aftersale.Status) string { return fmt.Sprintf("%d:%s", id, to) }

// ParseAftersaleTextValue reads AftersaleTextValue.
func ParseAftersaleTextValue(v string) (int64, aftersale.Status, error) {
	a, b, ok := strings.Cut(v, ":")
	id, err := strconv.ParseInt(a, 10, 64)
	if !ok || err != nil || id <= 0 {
		return 0, "", fmt.Errorf("after-sales text metadata %q: want id:state", v)
	}
	st, ok := aftersale.ParseStatus(b)
	if !ok {
		return 0, "", fmt.Errorf("after-sales text metadata %q: unknown state", v)
	}
	return id, st, nil
}
