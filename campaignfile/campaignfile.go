// Package campaignfile writes a campaign's summary report as an XLSX workbook (SPEC §4: the
// report is filed): targets against actuals, the days, the SKUs, the checklist's timeliness
// and the owner's text. Its words come from the caller's catalog; it knows nothing of Slack.
package campaignfile

import (
	"fmt"
	"time"

	"storeops/domain"
	"storeops/domain/campaign"
	"storeops/internal/workbook"
)

// Texts gives the workbook's words (i18n.Localizer does).
type Texts interface {
	T(key string, args ...any) string
}

// Name is the workbook's file name: "campaign-C-12-TM01.xlsx".
func Name(r campaign.Report) string {
	return fmt.Sprintf("campaign-%s-%s.xlsx", r.Live.Campaign.Number(), r.Live.Campaign.Store)
}

const (
	fmtCount = "#,##0"
	fmtMoney = "#,##0.00"
)

// Workbook writes r; times are shown in loc (the store's zone).
func Workbook(t Texts, r campaign.Report, loc *time.Location) ([]byte, error) {
	b := workbook.New()
	defer b.Close()
	summary, days, skus, tasks := t.T("campaign.xlsx.sheet.summary"), t.T("campaign.xlsx.sheet.days"), t.T("campaign.xlsx.sheet.skus"), t.T("campaign.xlsx.sheet.checklist")
	b.Sheets(summary, days, skus, tasks)
	c := r.Live.Campaign
	// Summary: the plan, the figures against the targets, costs, the owner's text.
	row := 1
	line := func(label string, v any, numFmt string) {
		b.Set(summary, 1, row, label, "", true)
		b.Set(summary, 2, row, v, numFmt, false)
		row++
	}
	line(t.T("campaign.xlsx.campaign"), c.Number()+" "+c.Theme, "")
	line(t.T("field.campaign_store"), c.Store, "")
	line(t.T("field.campaign_dates"), c.Start.In(loc).Format(campaign.DateTimeLayout)+" – "+c.End.In(loc).Format(campaign.DateTimeLayout)+" ("+loc.String()+")", "")
	line(t.T("field.campaign_discount"), string(c.Discount.Kind)+" "+c.Discount.String(), "")
	row++
	for i, k := range []string{"campaign.xlsx.figure", "campaign.xlsx.actual", "campaign.xlsx.target"} {
		b.Set(summary, i+1, row, t.T(k), "", true)
	}
	row++
	for _, fig := range r.Live.Figures {
		b.Set(summary, 1, row, t.T("campaign.figure."+fig.Name), "", false)
		switch fig.Name {
		case campaign.FigurePaidAmount:
			b.Set(summary, 2, row, money(domain.Money(fig.Actual)), fmtMoney, false)
			b.Set(summary, 3, row, money(domain.Money(fig.Target)), fmtMoney, false)
		case campaign.FigureConversion:
			b.Set(summary, 2, row, campaign.FormatBP(fig.Actual), "", false)
			b.Set(summary, 3, row, campaign.FormatBP(fig.Target), "", false)
		default:
			b.Set(summary, 2, row, fig.Actual, fmtCount, false)
			b.Set(summary, 3, row, fig.Target, fmtCount, false)
		}
		row++
	}
	row++
	if r.Budget > 0 {
		line(t.T("field.campaign_budget"), money(r.Budget), fmtMoney)
	}
	line(t.T("field.campaign_cost"), money(r.Cost), fmtMoney)
	line(t.T("campaign.xlsx.on_time"), fmt.Sprintf("%d / %d", r.OnTime, len(r.Tasks)), "")
	line(t.T("field.campaign_worked"), r.Summary.Worked, "")
	line(t.T("field.campaign_not_worked"), r.Summary.NotWorked, "")
	line(t.T("field.campaign_lessons"), r.Summary.Lessons, "")
	b.Width(summary, "A", "A", 24)
	b.Width(summary, "B", "C", 40)

	b.Header(days, 18, t.T("campaign.xlsx.date"), t.T("campaign.figure.paid_amount"), t.T("campaign.xlsx.orders"), t.T("campaign.figure.visitors"), t.T("campaign.xlsx.source"))
	for i, d := range r.Live.Days {
		src := t.T("view.campaign.day.orders")
		if d.Metrics {
			src = t.T("view.campaign.day.metrics")
		}
		b.Set(days, 1, i+2, d.Date, "", false)
		b.Set(days, 2, i+2, money(d.PaidAmount), fmtMoney, false)
		b.Set(days, 3, i+2, d.PaidOrders, fmtCount, false)
		if d.Metrics { // a day counted from the orders has no visitors
			b.Set(days, 4, i+2, d.Visitors, fmtCount, false)
		}
		b.Set(days, 5, i+2, src, "", false)
	}

	b.Header(skus, 18, "SKU", t.T("campaign.xlsx.units"), t.T("campaign.figure.paid_amount"))
	for i, s := range r.Live.SKUs {
		b.Set(skus, 1, i+2, s.SKU, "", false)
		b.Set(skus, 2, i+2, s.Units, fmtCount, false)
		b.Set(skus, 3, i+2, money(s.PaidAmount), fmtMoney, false)
	}

	b.Header(tasks, 18, "#", t.T("campaign.xlsx.item"), t.T("campaign.xlsx.owner"), t.T("campaign.xlsx.due"), t.T("campaign.xlsx.done_at"), t.T("campaign.xlsx.on_time"))
	for i, tk := range r.Tasks {
		name := tk.Task.Title
		if tk.Task.Key != "" {
			name = t.T("campaign.task." + tk.Task.Key)
		}
		b.Set(tasks, 1, i+2, tk.Task.No, "", false)
		b.Set(tasks, 2, i+2, name, "", false)
		b.Set(tasks, 3, i+2, tk.Task.Owner, "", false)
		b.Set(tasks, 4, i+2, tk.Task.Due.In(loc).Format(campaign.DateTimeLayout), "", false)
		if tk.Task.Done {
			b.Set(tasks, 5, i+2, tk.Task.DoneAt.In(loc).Format(campaign.DateTimeLayout), "", false)
		}
		b.Set(tasks, 6, i+2, t.T(map[bool]string{true: "campaign.xlsx.yes", false: "campaign.xlsx.no"}[tk.OnTime]), "", false)
	}
	data, err := b.Bytes()
	if err != nil {
		return nil, fmt.Errorf("campaign workbook %s: %w", c.Number(), err)
	}
	return data, nil
}

func money(m domain.Money) float64 { return float64(m) / 100 }
