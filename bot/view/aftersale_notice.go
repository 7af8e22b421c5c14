package view

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"storeops/bot/i18n"
	"storeops/domain/aftersale"
)

// AftersaleOutbox renders the outbox templates of cases (called from Outbox).
func AftersaleOutbox(l i18n.Localizer, template string, payload json.RawMessage, tz *time.Location) (string, []slack.Block, error) {
	switch template {
	case aftersale.TemplateCard, aftersale.TemplateMoved:
		var c aftersale.Card
		if err := json.Unmarshal(payload, &c); err != nil {
			return "", nil, fmt.Errorf("render %s: %w", template, err)
		}
		if template == aftersale.TemplateMoved {
			text, blocks := AftersaleMoved(l, c, tz)
			return text, blocks, nil
		}
		text, blocks := AftersaleCard(l, c, tz)
		return text, blocks, nil
	case aftersale.TemplateWarehouse:
		var w aftersale.WarehouseCard
		if err := json.Unmarshal(payload, &w); err != nil {
			return "", nil, fmt.Errorf("render %s: %w", template, err)
		}
		text, blocks := AftersaleWarehouse(l, w, tz)
		return text, blocks, nil
	case aftersale.TemplateStale, aftersale.TemplateEscalated:
		var n aftersale.Notice
		if err := json.Unmarshal(payload, &n); err != nil {
			return "", nil, fmt.Errorf("render %s: %w", template, err)
		}
		text, blocks := AftersaleNotice(l, template, n, tz)
		return text, blocks, nil
	}
	return "", nil, fmt.Errorf("render: unknown outbox template %q", template)
}

// AftersaleMoved tells the owner that someone else moved their case, and where it stands.
func AftersaleMoved(l i18n.Localizer, c aftersale.Card, tz *time.Location) (string, []slack.Block) {
	text := l.T("view.aftersale.moved.dm", c.Number(), c.OrderRef, AftersaleStatus(l, c.Status), l.Mention(c.MovedBy))
	body := l.T("view.aftersale.moved.dm", c.Number(), escape(c.OrderRef), AftersaleStatus(l, c.Status), l.Mention(c.MovedBy))
	return text, []slack.Block{section(body), section(caseProgress(l, c, tz))}
}

// AftersaleWarehouse is the warehouse channel's message about a case: the items, and buttons
// to confirm receipt and stock until each is confirmed, then who confirmed and when.
func AftersaleWarehouse(l i18n.Localizer, w aftersale.WarehouseCard, tz *time.Location) (string, []slack.Block) {
	c := w.Case
	text := l.T("view.aftersale.warehouse.text", c.Number(), c.OrderRef, AftersaleType(l, c.Type))
	blocks := []slack.Block{
		header(l.T("view.aftersale.header", c.Number(), AftersaleType(l, c.Type), c.OrderRef)),
		section(caseSummary(l, c)),
	}
	v := strconv.FormatInt(c.ID, 10)
	var buttons []slack.BlockElement
	var lines []string
	if w.AskReceipt {
		switch {
		case c.ReceivedBy != "":
			lines = append(lines, l.T("view.aftersale.received_by", l.Mention(c.ReceivedBy), l.Time(c.ReceivedAt, tz)))
		case c.Status == aftersale.StatusAwaitingReturn:
			lines = append(lines, l.T("view.aftersale.warehouse.ask_receipt"))
			buttons = append(buttons, slack.NewButtonBlockElement(ActionAftersaleReceived, v,
				plain(Cut(l.T("view.aftersale.button.received"), MaxButtonText))).WithStyle(slack.StylePrimary))
		}
	}
	if w.AskStock {
		switch {
		case c.StockBy != "":
			lines = append(lines, l.T("view.aftersale.stock_by", l.Mention(c.StockBy), l.Time(c.StockAt, tz)))
		case c.Status.Open():
			lines = append(lines, l.T("view.aftersale.warehouse.ask_stock"))
			buttons = append(buttons, slack.NewButtonBlockElement(ActionAftersaleStock, v,
				plain(Cut(l.T("view.aftersale.button.stock"), MaxButtonText))))
		}
	}
	if !c.Status.Open() {
		lines = append(lines, l.T("view.aftersale.warehouse.done", AftersaleStatus(l, c.Status)))
	}
	if len(lines) > 0 {
		blocks = append(blocks, section(strings.Join(lines, "\n")))
	}
	if len(buttons) > 0 {
		blocks = append(blocks, slack.NewActionBlock(aftersale.WarehouseRef(c.ID), buttons...))
	}
	return text, blocks
}

// AftersaleNotice is the stale reminder to the owner, or the escalation to supervisors and
// the team channel.
func AftersaleNotice(l i18n.Localizer, template string, n aftersale.Notice, tz *time.Location) (string, []slack.Block) {
	c := n.Case
	key := "view.aftersale.stale"
	if template == aftersale.TemplateEscalated {
		key = "view.aftersale.escalated"
	}
	text := l.T(key, c.Number(), c.OrderRef, n.Hours, AftersaleStatus(l, c.Status), l.Mention(c.Owner))
	return text, []slack.Block{
		section(l.T(key, c.Number(), escape(c.OrderRef), n.Hours, AftersaleStatus(l, c.Status), l.Mention(c.Owner))),
		contextBlock(l.T("view.aftersale.moved", nonEmpty(l.Mention(c.MovedBy)), nonEmpty(l.Time(c.MovedAt, tz)))),
	}
}
