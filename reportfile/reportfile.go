// Package reportfile writes a period report as an XLSX workbook (SPEC §5: reports
// exportable as XLSX): the daily figures, the KPIs with the formulas used, the top SKUs and
// the chart as a picture. Its words come from the caller's catalog, so that the workbook
// speaks the asker's language; it knows nothing of Slack.
package reportfile

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"storeops/domain"
	"storeops/domain/metrics"
	"storeops/domain/report"
	"storeops/internal/workbook"
)

// Texts gives the workbook's words (i18n.Localizer does).
type Texts interface {
	T(key string, args ...any) string
}

// Name is the workbook's file name: "report-weekly-TM01-2026-W48.xlsx".
func Name(r report.PeriodReport) string {
	who := r.Channel
	if len(r.Stores) == 1 {
		who = r.Stores[0].Code
	}
	if who == "" {
		who = "stores"
	}
	return fmt.Sprintf("report-%s-%s-%s.xlsx", r.Kind, who, r.Period)
}

// Number formats of the workbook's cells.
const (
	fmtCount = "#,##0"
	fmtMoney = "#,##0.00"
	fmtRate  = "0.00%"
	fmtPct   = "0.0"
)

// Workbook writes r with chartPNG (bot/chart's picture of r.Chart(); none when empty).
func Workbook(t Texts, r report.PeriodReport, chartPNG []byte) ([]byte, error) {
	w := &book{Book: workbook.New(), t: t}
	defer w.Close()
	daily, kpis, top, pic := t.T("report.xlsx.sheet.daily"), t.T("report.xlsx.sheet.kpis"), t.T("report.xlsx.sheet.top"), t.T("report.xlsx.sheet.chart")
	w.Sheets(daily, kpis, top, pic)
	w.daily(daily, r)
	w.kpis(kpis, r)
	w.top(top, r)
	w.chart(pic, r, chartPNG)
	data, err := w.Bytes()
	if err != nil {
		return nil, fmt.Errorf("report workbook %s: %w", r.Period, err)
	}
	return data, nil
}

// book is the report's workbook with the caller's words.
type book struct {
	*workbook.Book
	t Texts
}

// headerRow writes the sheet's column titles and keeps them in view.
func (b *book) headerRow(sheet string, keys ...string) {
	b.Header(sheet, 16, keys...)
	b.FreezeHeader(sheet)
}

func money(m domain.Money) float64 { return float64(m) / 100 }

// daily writes a row a store and day, and a total row a store.
func (b *book) daily(sheet string, r report.PeriodReport) {
	t := b.t
	b.headerRow(sheet, t.T("report.xlsx.col.store"), t.T("report.xlsx.col.date"), t.T("report.xlsx.col.visitors"),
		t.T("report.xlsx.col.sessions"), t.T("report.xlsx.col.page_views"), t.T("report.xlsx.col.buyers"),
		t.T("report.xlsx.col.orders"), t.T("report.xlsx.col.amount"), t.T("report.xlsx.col.ref_orders"), t.T("report.xlsx.col.ref_amount"))
	row := 2
	counts := func(c metrics.Counts, bold bool) {
		for i, v := range []int64{c.Visitors, c.Sessions, c.PageViews, c.PayingBuyers, c.PaidOrders} {
			b.Set(sheet, 3+i, row, v, fmtCount, bold)
		}
		b.Set(sheet, 8, row, money(c.PaidAmount), fmtMoney, bold)
		b.Set(sheet, 9, row, c.RefundedOrders, fmtCount, bold)
		b.Set(sheet, 10, row, money(c.RefundedAmount), fmtMoney, bold)
	}
	for _, s := range r.Stores {
		for _, d := range s.Series {
			b.Set(sheet, 1, row, s.Code, "", false)
			b.Set(sheet, 2, row, d.Date, "", false)
			if d.HasData {
				counts(d.Counts, false)
			}
			row++
		}
		b.Set(sheet, 1, row, s.Code, "", true)
		if s.NoData {
			b.Set(sheet, 2, row, t.T("report.xlsx.no_data"), "", true)
		} else {
			b.Set(sheet, 2, row, t.T("report.xlsx.total"), "", true)
			counts(s.Totals, true)
		}
		row++
	}
}

// kpis writes each store's KPIs with the formula that made them and their changes.
func (b *book) kpis(sheet string, r report.PeriodReport) {
	t := b.t
	b.headerRow(sheet, t.T("report.xlsx.col.store"), t.T("report.xlsx.col.kpi"), t.T("report.xlsx.col.value"),
		t.T("report.xlsx.col.formula"), t.T("report.xlsx.col.vs_prev", r.Previous), t.T("report.xlsx.col.vs_year", r.LastYear))
	b.Width(sheet, "D", "D", 36)
	row := 2
	for _, s := range r.Stores {
		if s.NoData {
			b.Set(sheet, 1, row, s.Code, "", false)
			b.Set(sheet, 2, row, t.T("report.xlsx.no_data"), "", false)
			row++
			continue
		}
		for _, f := range s.Figures {
			b.Set(sheet, 1, row, s.Code, "", false)
			b.Set(sheet, 2, row, kpiName(t, f.Name), "", false)
			b.Set(sheet, 3, row, kpiValue(f), kpiFormat(f.Kind), false)
			b.Set(sheet, 4, row, formula(t, f.Name, s.Basis), "", false)
			if f.VsPrev.OK {
				b.Set(sheet, 5, row, f.VsPrev.V, fmtPct, false)
			}
			if f.VsYear.OK {
				b.Set(sheet, 6, row, f.VsYear.V, fmtPct, false)
			}
			row++
		}
	}
}

func kpiName(t Texts, name string) string {
	switch name {
	case report.FigVisitors, report.FigOrders, report.FigPaidAmount, report.FigConversion, report.FigAOV:
		return t.T("digest.fig." + name)
	}
	return t.T("report.fig." + name)
}

// kpiValue is the cell value of a figure: money in major units, rates as ratios (the cell
// format shows the percent), nothing when the KPI has no value (a zero denominator).
func kpiValue(f report.PeriodFigure) any {
	if !f.Value.OK {
		return nil
	}
	if f.Kind == report.KindMoney {
		return f.Value.V / 100
	}
	return f.Value.V
}

func kpiFormat(kind string) string {
	switch kind {
	case report.KindMoney:
		return fmtMoney
	case report.KindRate:
		return fmtRate
	}
	return fmtCount
}

func formula(t Texts, name string, basis metrics.Basis) string {
	if name == report.FigConversion {
		if basis != metrics.BasisSessions {
			basis = metrics.BasisBuyers
		}
		return t.T("report.xlsx.formula.conversion." + string(basis))
	}
	return t.T("report.xlsx.formula." + name)
}

func (b *book) top(sheet string, r report.PeriodReport) {
	t := b.t
	b.headerRow(sheet, t.T("report.xlsx.col.store"), t.T("report.xlsx.col.rank"), t.T("report.xlsx.col.sku"),
		t.T("report.xlsx.col.units"), t.T("report.xlsx.col.amount"))
	row := 2
	for _, s := range r.Stores {
		for i, sku := range s.Top {
			b.Set(sheet, 1, row, s.Code, "", false)
			b.Set(sheet, 2, row, i+1, "", false)
			b.Set(sheet, 3, row, sku.SKU, "", false)
			b.Set(sheet, 4, row, sku.Units, fmtCount, false)
			b.Set(sheet, 5, row, money(sku.PaidAmount), fmtMoney, false)
			row++
		}
	}
}

// chart puts a note in A1 and the picture below it.
func (b *book) chart(sheet string, r report.PeriodReport, png []byte) {
	b.Set(sheet, 1, 1, b.t.T("report.xlsx.chart.note", r.Period), "", true)
	if len(png) == 0 {
		return
	}
	b.Do(func() error {
		return b.File().AddPictureFromBytes(sheet, "A3", &excelize.Picture{Extension: ".png", File: png,
			Format: &excelize.GraphicOptions{AltText: b.t.T("report.chart.alt", r.Period)}})
	})
}
