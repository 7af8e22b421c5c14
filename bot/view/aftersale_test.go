package view

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"storeops/bot/i18n"
	"storeops/domain/aftersale"
	"storeops/domain/order"
)

func aftersaleCard() aftersale.Card {
	return aftersale.Card{ID: 12, Version: 2, OrderRef: "TM01/P-0001", Store: "TM01", Type: aftersale.TypeReturn,
		Status: aftersale.StatusRequested, Owner: "U1", Amount: 80000, Paid: 90000,
		Lines: []aftersale.Line{{SKU: "MUG-1", Quantity: 2}}, Reason: "Both mugs arrived broken <!channel>", Demand: "Full refund",
		Evidence: []string{"https://img.example.com/1.jpg"}, ApprovalID: 34, Threshold: 50000, MovedBy: "U1", MovedAt: t0, CreatedAt: t0}
}

func approvedCase() aftersale.Card {
	c := aftersaleCard()
	c.Status, c.ApprovalID, c.AutoApproved, c.Amount = aftersale.StatusApproved, 0, true, 5000
	c.Next = aftersale.Next(c.Type, c.Status)
	return c
}

func closedCase() aftersale.Card {
	c := aftersaleCard()
	c.Status, c.ApprovalID, c.CustomerText = aftersale.StatusClosed, 0, "Refunded 800.00 to your Alipay"
	c.ReceivedBy, c.ReceivedAt, c.MovedBy = "U3", t0.Add(time.Hour), "U2"
	return c
}

func TestAftersaleGolden(t *testing.T) {
	l := en()
	zh := i18n.New().For("zh")
	text, blocks := AftersaleCard(l, aftersaleCard(), cst)
	golden(t, "aftersale_card_pending", msg(text, blocks))
	text, blocks = AftersaleCard(zh, approvedCase(), cst)
	golden(t, "aftersale_card_approved_zh", msg(text, blocks))
	w := aftersale.WarehouseCard{Case: approvedCase(), AskReceipt: true, AskStock: true}
	w.Case.Type, w.Case.Status = aftersale.TypeExchange, aftersale.StatusAwaitingReturn
	text, blocks = AftersaleWarehouse(l, w, cst)
	golden(t, "aftersale_warehouse", msg(text, blocks))
	o := order.Card{ID: 3, Ref: "TM01/P-0001", Buyer: "李雷", Phone: "138****0001", Region: "浙江省 杭州市",
		Items: []order.Item{{SKU: "MUG-1", Quantity: 2, UnitPrice: 45000}}, Paid: 90000, PaymentStatus: "paid"}
	golden(t, "aftersale_form", AftersaleForm(l, o, `{"order":"TM01/P-0001"}`))
}

// TestAftersaleViewsFitSlack renders every after-sales view in both languages and checks
// them against Slack's limits, with long user text, and that no catalog key shows raw.
func TestAftersaleViewsFitSlack(t *testing.T) {
	long := strings.Repeat("长文本 long text ", 400)
	huge := approvedCase()
	huge.Reason, huge.Demand, huge.CustomerText, huge.RejectReason = long, long, long, long
	for i := range 200 {
		huge.Lines = append(huge.Lines, aftersale.Line{SKU: strings.Repeat("S", 64), Quantity: i + 1})
	}
	for range 9 {
		huge.Evidence = append(huge.Evidence, "https://img.example.com/"+strings.Repeat("p", 400))
	}
	for _, l := range []i18n.Localizer{en(), i18n.New().For("zh")} {
		for _, c := range []aftersale.Card{aftersaleCard(), approvedCase(), closedCase(), huge} {
			text, blocks := AftersaleCard(l, c, cst)
			checkAftersale(t, l, "card", text, blocks)
			text, blocks = AftersaleMoved(l, c, cst)
			checkAftersale(t, l, "moved", text, blocks)
			checkAftersale(t, l, "detail", "x", AftersaleDetail(l, c, cst))
			for _, tmpl := range []string{aftersale.TemplateStale, aftersale.TemplateEscalated} {
				text, blocks = AftersaleNotice(l, tmpl, aftersale.Notice{Case: c, Hours: 24}, cst)
				checkAftersale(t, l, tmpl, text, blocks)
			}
			for _, w := range []aftersale.WarehouseCard{{Case: c, AskReceipt: true}, {Case: c, AskStock: true}} {
				text, blocks = AftersaleWarehouse(l, w, cst)
				checkAftersale(t, l, "warehouse", text, blocks)
			}
			for _, to := range []aftersale.Status{aftersale.StatusClosed, aftersale.StatusRejected} {
				if err := CheckModal(AftersaleTextForm(l, c, to, AftersaleTextValue(c.ID, to))); err != nil {
					t.Errorf("text form: %v", err)
				}
			}
		}
		cards := make([]aftersale.Card, 30)
		for i := range cards {
			cards[i] = huge
		}
		checkAftersale(t, l, "list", "x", AftersaleList(l, "title", cards, cst))
		checkAftersale(t, l, "list/empty", "x", AftersaleList(l, "title", nil, cst))
		if err := CheckModal(AftersaleForm(l, order.Card{Ref: "TM01/P-1", Items: []order.Item{{SKU: "A", Quantity: 1}}}, "m")); err != nil {
			t.Errorf("form: %v", err)
		}
	}
}

func checkAftersale(t *testing.T, l i18n.Localizer, name, text string, blocks []slack.Block) {
	t.Helper()
	raw, _ := json.Marshal(blocks)
	if err := CheckMessage(blocks); err != nil {
		t.Errorf("%s %s: %v", l.Locale(), name, err)
	}
	if m := rawKey.FindString(text + string(raw)); m != "" && strings.Contains(m, "aftersale") {
		t.Errorf("%s %s shows the key %s", l.Locale(), name, m)
	}
	if strings.TrimSpace(text) == "" {
		t.Errorf("%s %s has no notification text", l.Locale(), name)
	}
}

func TestOutboxRendersAftersaleTemplates(t *testing.T) {
	c := approvedCase()
	for tmpl, payload := range map[string]any{
		aftersale.TemplateCard: c, aftersale.TemplateMoved: c,
		aftersale.TemplateWarehouse: aftersale.WarehouseCard{Case: c, AskStock: true},
		aftersale.TemplateStale:     aftersale.Notice{Case: c, Hours: 24}, aftersale.TemplateEscalated: aftersale.Notice{Case: c, Hours: 72},
	} {
		raw, _ := json.Marshal(payload)
		text, blocks, err := Outbox(en(), tmpl, raw, cst)
		if err != nil || text == "" || len(blocks) == 0 {
			t.Errorf("%s: %q %d blocks %v", tmpl, text, len(blocks), err)
		}
	}
	if got := AftersaleStatus(en(), aftersale.StatusAwaitingReturn); got != "awaiting return" {
		t.Errorf("status name %q", got)
	}
	id, st, err := ParseAftersaleTextValue(AftersaleTextValue(12, aftersale.StatusClosed))
	if err != nil || id != 12 || st != aftersale.StatusClosed {
		t.Errorf("text value round trip: %d %s %v", id, st, err)
	}
	for _, bad := range []string{"", "12", "x:closed", "12:done", "-1:closed"} {
		if _, _, err := ParseAftersaleTextValue(bad); err == nil {
			t.Errorf("ParseAftersaleTextValue(%q) accepted", bad)
		}
	}
}
