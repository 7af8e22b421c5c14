// Package campaignfile writes a campaign's summary report as an XLSX workbook (SPEC §4: the
// report is filed): targets against actuals, the days, the SKUs, the checklist's timeliness
// and the owner's text. Its words come from the caller's catalog; it knows nothing of Slack.
package campaignfile

import (
	"fmt"
	"time"

	"github.com/xuri/excelize/v2"

	"storeops/domain"
	"storeops/domain/campaign"
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
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	b := &book{f: f, styles: map[string]int{}}
	summary, days, skus, tasks := t.T("campaign.xlsx.sheet.summary"), t.T("campaign.xlsx.sheet.days"), t.T("campaign.xlsx.sheet.skus"), t.T("campaign.xlsx.sheet.checklist")
	b.do(func() error { return f.SetSheetName("Sheet1", summary) })
	for _, s := range []string{days, skus, tasks} {
		b.do(func() error { _, err := f.NewSheet(s); return err })
	}
	c := r.Live.Campaign
	// Summary: the plan, the figures against the targets, costs, the owner's text.
	row := 1
	line := func(label string, v any, numFmt string) {
		b.set(summary, 1, row, label, "", true)
		b.set(summary, 2, row, v, numFmt, false)
		row++
	}
	line(t.T("campaign.xlsx.campaign"), c.Number()+" "+c.Theme, "")
	line(t.T("field.campaign_store"), c.Store, "")
	line(t.T("field.campaign_dates"), c.Start.In(loc).Format(campaign.DateTimeLayout)+" – "+c.End.In(loc).Format(campaign.DateTimeLayout)+" ("+loc.String()+")", "")
	line(t.T("field.campaign_discount"), string(c.Discount.Kind)+" "+c.Discount.String(), "")
	row++
	for i, k := range []string{"campaign.xlsx.figure", "campaign.xlsx.actual", "campaign.xlsx.target"} {
		b.set(summary, i+1, row, t.T(k), "", true)
	}
	row++
	for _, fig := range r.Live.Figures {
		b.set(summary, 1, row, t.T("campaign.figure."+fig.Name), "", false)
		switch fig.Name {
		case campaign.FigurePaidAmount:
			b.set(summary, 2, row, money(domain.Money(fig.Actual)), fmtMoney, false)
			b.set(summary, 3, row, money(domain.Money(fig.Target)), fmtMoney, false)
		case campaign.FigureConversion:
			b.set(summary, 2, row, campaign.FormatBP(fig.Actual), "", false)
			b.set(summary, 3, row, campaign.FormatBP(fig.Target), "", false)
		default:
			b.set(summary, 2, row, fig.Actual, fmtCount, false)
			b.set(summary, 3, row, fig.Target, fmtCount, false)
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
	b.do(func() error { return f.SetColWidth(summary, "A", "A", 24) })
	b.do(func() error { return f.SetColWidth(summary, "B", "C", 40) })

	b.header(days, t.T("campaign.xlsx.date"), t.T("campaign.figure.paid_amount"), t.T("campaign.xlsx.orders"), t.T("campaign.figure.visitors"), t.T("campaign.xlsx.source"))
	for i, d := range r.Live.Days {
		src := t.T("view.campaign.day.orders")
		if d.Metrics {
			src = t.T("view.campaign.day.metrics")
		}
		b.set(days, 1, i+2, d.Date, "", false)
		b.set(days, 2, i+2, money(d.PaidAmount), fmtMoney, false)
		b.set(days, 3, i+2, d.PaidOrders, fmtCount, false)
		if d.Metrics { // a day counted from the orders has no visitors
			b.set(days, 4, i+2, d.Visitors, fmtCount, false)
		}
		b.set(days, 5, i+2, src, "", false)
	}

	b.header(skus, "SKU", t.T("campaign.xlsx.units"), t.T("campaign.figure.paid_amount"))
	for i, s := range r.Live.SKUs {
		b.set(skus, 1, i+2, s.SKU, "", false)
		b.set(skus, 2, i+2, s.Units, fmtCount, false)
		b.set(skus, 3, i+2, money(s.PaidAmount), fmtMoney, false)
	}

	b.header(tasks, "#", t.T("campaign.xlsx.item"), t.T("campaign.xlsx.owner"), t.T("campaign.xlsx.due"), t.T("campaign.xlsx.done_at"), t.T("campaign.xlsx.on_time"))
	for i, tk := range r.Tasks {
		name := tk.Task.Title
		if tk.Task.Key != "" {
			name = t.T("campaign.task." + tk.Task.Key)
		}
		b.set(tasks, 1, i+2, tk.Task.No, "", false)
		b.set(tasks, 2, i+2, name, "", false)
		b.set(tasks, 3, i+2, tk.Task.Owner, "", false)
		b.set(tasks, 4, i+2, tk.Task.Due.In(loc).Format(campaign.DateTimeLayout), "", false)
		if tk.Task.Done {
			b.set(tasks, 5, i+2, tk.Task.DoneAt.In(loc).Format(campaign.DateTimeLayout), "", false)
		}
		b.set(tasks, 6, i+2, t.T(map[bool]string{true: "campaign.xlsx.yes", false: "campaign.xlsx.no"}[tk.OnTime]), "", false)
	}
	if b.err != nil {
		return nil, fmt.Errorf("campaign workbook %s: %w", c.Number(), b.err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("campaign workbook %s: %w", c.Number(), err)
	}
	return buf.Bytes(), nil
}

func money(m domain.Money) float64 { return float64(m) / 100 }

// book writes cells and keeps the first error.
type book struct {
	f      *excelize.File
	styles map[string]int
	err    error
}

func (b *book) do(fn func() error) {
	if b.err == nil {
		b.err = fn()
	}
}

func (b *book) style(numFmt string, bold bool) int {
	key := fmt.Sprintf("%s|%t", numFmt, bold)
	if id, ok := b.styles[key]; ok {
		return id
	}
	s := &excelize.Style{Font: &excelize.Font{Bold: bold}}
	if numFmt != "" {
		s.CustomNumFmt = &numFmt
	}
	var id int
	b.do(func() error {
		var err error
		id, err = b.f.NewStyle(s)
		return err
	})
	b.styles[key] = id
	return id
}

func (b *book) set(sheet string, col, row int, v any, numFmt string, bold bool) {
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		b.do(func() error { return err })
		return
	}
	b.do(func() error { return b.f.SetCellValue(sheet, cell, v) })
	if numFmt != "" || bold {
		st := b.style(numFmt, bold)
		b.do(func() error { return b.f.SetCellStyle(sheet, cell, cell, st) })
	}
}

func (b *book) header(sheet string, titles ...string) {
	for i, k := range titles {
		b.set(sheet, i+1, 1, k, "", true)
	}
	last, _ := excelize.ColumnNumberToName(len(titles))
	b.do(func() error { return b.f.SetColWidth(sheet, "A", last, 18) })
}
