package view

import (
	"fmt"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"storeops/bot/i18n"
	"storeops/domain/order"
)

// maxListBlocks leaves room under Slack's 50 blocks for a header and a context.
const maxListBlocks = 45

// itemsLine is an order's lines as "SKU×qty, SKU×qty".
func itemsLine(items []order.Item) string {
	parts := make([]string, 0, len(items))
	for i, it := range items {
		if i == maxOrderItems {
			parts = append(parts, fmt.Sprintf("+%d", len(items)-i))
			break
		}
		parts = append(parts, fmt.Sprintf("%s×%d", escape(Cut(it.SKU, 64)), it.Quantity))
	}
	return strings.Join(parts, ", ")
}

// OrderHandoff is the batched message to a store's warehouse channel: one line per order
// with the items, the region and the masked phone (the channel never gets a street or a
// whole phone number).
func OrderHandoff(l i18n.Localizer, h order.HandoffList, tz *time.Location) (string, []slack.Block) {
	text := l.T("view.handoff.text", h.Store, len(h.Orders))
	lines := make([]string, 0, len(h.Orders))
	for _, o := range h.Orders {
		lines = append(lines, fmt.Sprintf("• `%s` — %s — %s — %s", escape(Cut(o.Ref, 100)), itemsLine(o.Items), value(o.Region, 100), value(o.Phone, 40)))
	}
	blocks := []slack.Block{
		header(l.T("view.handoff.header", h.Store)),
		contextBlock(l.T("view.handoff.context", h.BatchID, l.Time(h.At, tz), len(h.Orders))),
	}
	packed, left := packLines(lines, maxListBlocks)
	blocks = append(blocks, packed...)
	if left > 0 {
		blocks = append(blocks, contextBlock(l.T("view.handoff.more", left)))
	}
	return text, append(blocks, contextBlock(l.T("view.handoff.masked")))
}

// OrderCallBack tells the warehouse channel not to ship an order it was given: cancelled, or
// held until further notice.
func OrderCallBack(l i18n.Localizer, c order.CallBack, tz *time.Location) (string, []slack.Block) {
	ref := escape(Cut(c.Ref, 100))
	blocks := []slack.Block{section(l.T("view.callback.title."+c.Event, ref) + "\n" + itemsLine(c.Items) + " — " + value(c.Region, 100))}
	if c.Event == order.EventCancelled {
		blocks = append(blocks, section(l.T("view.callback.cancelled_by", l.Mention(c.By), l.Time(c.At, tz), value(c.Reason, maxReason))))
	} else {
		lines := make([]string, 0, len(c.Flags))
		for _, f := range c.Flags {
			lines = append(lines, "• "+escape(Cut(flagText(l, f), 300)))
		}
		packed, _ := packLines(lines, 2)
		blocks = append(blocks, packed...)
	}
	blocks = append(blocks, contextBlock(l.T("view.callback.context."+c.Event, l.Time(c.HandedOffAt, tz))))
	return l.T("view.callback.text."+c.Event, Cut(c.Ref, 100)), blocks
}

// OrderUnshipped is the daily reminder of a store's orders past the shipping promise.
func OrderUnshipped(l i18n.Localizer, u order.UnshippedList, tz *time.Location) (string, []slack.Block) {
	total := len(u.Orders) + u.More
	text := l.T("view.unshipped.text", total, u.Store, u.Hours)
	lines := make([]string, 0, len(u.Orders))
	for _, o := range u.Orders {
		line := l.T("view.unshipped.line", escape(Cut(o.Ref, 100)), l.Time(o.ReleasedAt, tz))
		if !o.HandedOff {
			line += " " + l.T("view.unshipped.not_handed_off")
		}
		lines = append(lines, line)
	}
	blocks := []slack.Block{header(l.T("view.unshipped.header", u.Hours, u.Store))}
	packed, left := packLines(lines, maxListBlocks)
	blocks = append(blocks, packed...)
	if more := left + u.More; more > 0 {
		blocks = append(blocks, contextBlock(l.T("view.unshipped.more", more)))
	}
	return text, append(blocks, contextBlock(l.T("view.unshipped.hint")))
}

// OrderDetail is `/ops order show`: the order as its reader may see it.
func OrderDetail(l i18n.Localizer, d order.Disclosed, tz *time.Location) []slack.Block {
	o := d.Order
	status := l.T("order.status." + string(o.Status))
	blocks := []slack.Block{
		header(l.T("view.orderinfo.header", o.Ref(), status)),
		contextBlock(l.T("view.orderinfo.times", l.Time(o.ReceivedAt, tz), nonEmpty(l.Time(o.ReleasedAt, tz)))),
	}
	lines := []string{
		bold(l, l.T("view.order.buyer"), value(o.Buyer.Name, 100)+" · "+value(o.Buyer.Phone, 40)),
		bold(l, l.T("view.order.region"), value(strings.Join(nonBlank(order.Region(o.Address), o.Address.Street, o.Address.Postcode), " "), 600)),
	}
	for i, it := range o.Items {
		if i == maxOrderItems {
			lines = append(lines, l.T("view.order.more_items", len(o.Items)-i))
			break
		}
		lines = append(lines, fmt.Sprintf("• `%s` × %d @ %s", escape(Cut(it.SKU, 64)), it.Quantity, it.UnitPrice))
	}
	lines = append(lines, bold(l, l.T("view.order.paid"), o.Amounts.Paid.String()+" ("+escape(string(o.PaymentStatus))+")"))
	if strings.TrimSpace(o.BuyerRemark) != "" {
		lines = append(lines, bold(l, l.T("view.orderinfo.remark"), value(o.BuyerRemark, 500)))
	}
	blocks = append(blocks, section(strings.Join(lines, "\n")))
	if len(o.Flags) > 0 {
		flags := make([]string, 0, len(o.Flags))
		for _, f := range o.Flags {
			flags = append(flags, "• "+l.T("view.order.severity."+string(f.Severity))+" "+escape(flagText(l, f)))
		}
		blocks = append(blocks, section(strings.Join(flags, "\n")))
	}
	var state []string
	switch {
	case o.Status == order.StatusShipped:
		state = append(state, l.T("view.orderinfo.shipped", value(o.Carrier, 64), value(o.TrackingNo, 64), l.Time(o.ShippedAt, tz)))
	case !o.HandedOffAt.IsZero():
		state = append(state, l.T("view.orderinfo.handed_off", l.Time(o.HandedOffAt, tz)))
	case o.Status == order.StatusReleased:
		state = append(state, l.T("view.orderinfo.not_handed_off"))
	}
	if o.DecidedBy != "" {
		state = append(state, l.T("view.orderinfo.decided", l.Mention(o.DecidedBy), l.Time(o.DecidedAt, tz)))
	}
	if strings.TrimSpace(o.CancelReason) != "" {
		state = append(state, bold(l, l.FieldLabel("reason"), value(o.CancelReason, maxReason)))
	}
	for _, n := range o.Notes {
		state = append(state, l.T("view.order.note", l.Mention(n.By), l.Time(n.At, tz), value(n.Text, 500)))
	}
	if len(state) > 0 {
		blocks = append(blocks, section(strings.Join(state, "\n")))
	}
	if d.Masked {
		blocks = append(blocks, contextBlock(l.T("view.orderinfo.masked")))
	}
	return blocks
}

func nonBlank(parts ...string) []string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// OrderList is `/ops order list` and `/ops order find`: one line per order.
func OrderList(l i18n.Localizer, title string, orders []order.Disclosed, more string, tz *time.Location) []slack.Block {
	blocks := []slack.Block{section("*" + escape(title) + "*")}
	if len(orders) == 0 {
		return append(blocks, section(l.T("view.orders.empty")))
	}
	lines := make([]string, 0, len(orders))
	masked := false
	for _, d := range orders {
		o := d.Order
		masked = masked || d.Masked
		line := fmt.Sprintf("• `%s` %s · %s · %s · %s · %s · %s", escape(Cut(o.Ref(), 100)), l.T("order.status."+string(o.Status)),
			value(o.Buyer.Name, 60), value(o.Buyer.Phone, 40), value(order.Region(o.Address), 100), itemsLine(o.Items), l.Time(o.ReceivedAt, tz))
		if holds := o.Holds(); o.Status == order.StatusHeld && len(holds) > 0 {
			checks := make([]string, 0, len(holds))
			for _, f := range holds {
				checks = append(checks, f.Check)
			}
			line += " · 🛑 " + escape(strings.Join(checks, ", "))
		}
		lines = append(lines, line)
	}
	packed, left := packLines(lines, maxListBlocks)
	blocks = append(blocks, packed...)
	if left > 0 {
		blocks = append(blocks, contextBlock(l.T("view.handoff.more", left)))
	}
	if more != "" {
		blocks = append(blocks, contextBlock(more))
	}
	if masked {
		blocks = append(blocks, contextBlock(l.T("view.orderinfo.masked")))
	}
	return blocks
}
