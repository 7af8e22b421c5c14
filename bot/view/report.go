package view

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"storeops/bot/i18n"
	"storeops/domain/metrics"
	"storeops/domain/report"
)

// PeriodReport renders a daily, weekly or monthly report: the digest's layout (a store in
// full up to DigestFullStores, a line a store beyond), with changes against the period
// before and the same period last year.
func PeriodReport(l i18n.Localizer, r report.PeriodReport) (string, []slack.Block) {
	title := l.T("report.header."+string(r.Kind), periodName(r))
	blocks := []slack.Block{header(title)}
	if !r.HasData() {
		blocks = append(blocks, section(l.T("report.no_data.all", periodName(r))))
	}
	// Leave room for the footnote.
	blocks = storeBlocks(l, blocks, r.Stores, func(s report.StorePeriod) []slack.Block { return reportStore(l, r, s) },
		func(s report.StorePeriod) string { return reportLine(l, r, s) }, 2, "report.more_stores")
	blocks = append(blocks, reportFootnote(l, r))
	return l.T("report.text."+string(r.Kind), periodName(r), len(r.Stores)), blocks
}

// periodName is "2026-W48 (2026-11-23 – 2026-11-29)", or the day alone.
func periodName(r report.PeriodReport) string {
	if r.From == r.To {
		return r.Period
	}
	return r.Period + " (" + r.From + " – " + r.To + ")"
}

func reportStore(l i18n.Localizer, r report.PeriodReport, s report.StorePeriod) []slack.Block {
	blocks := []slack.Block{slack.NewDividerBlock(), section(storeName(s.Code, s.Name))}
	if s.NoData {
		return append(blocks, contextBlock(l.T("report.no_data", r.Period)))
	}
	fields := make([]*slack.TextBlockObject, 0, MaxSectionFields)
	for _, f := range s.Figures {
		if len(fields) == MaxSectionFields {
			break
		}
		text := "*" + reportFigureName(l, f.Name) + "*\n" + formatValue(f.Kind, f.Value) + "\n" +
			l.T("report.vs_prev", formatChange(f.VsPrev)) + " · " + l.T("report.vs_year", formatChange(f.VsYear))
		fields = append(fields, mrkdwn(cutMrkdwn(text, MaxFieldText)))
	}
	blocks = append(blocks, slack.NewSectionBlock(nil, fields, nil))
	if len(s.Top) > 0 {
		top := make([]string, 0, len(s.Top))
		for i, t := range s.Top {
			top = append(top, l.T("digest.top.line", i+1, value(t.SKU, 64), t.Units, amount(t.PaidAmount)))
		}
		blocks = append(blocks, section("*"+l.T("digest.top")+"*\n"+strings.Join(top, "\n")))
	}
	if c := coverage(l, r, s); c != "" {
		blocks = append(blocks, contextBlock(c))
	}
	return blocks
}

// coverage says which periods lack figures, in part or wholly: a sum over half a week is
// not a week's, and a missing comparison is not a change of zero.
func coverage(l i18n.Localizer, r report.PeriodReport, s report.StorePeriod) string {
	days := len(s.Series)
	var parts []string
	if s.Days < days {
		parts = append(parts, l.T("report.partial", s.Days, days))
	}
	if s.PrevDays == 0 {
		parts = append(parts, l.T("report.no_prev", r.Previous))
	}
	if s.YearDays == 0 {
		parts = append(parts, l.T("report.no_year", r.LastYear))
	}
	return strings.Join(parts, " ")
}

// reportLine is a store in a line: the first figures with their change against the period
// before.
func reportLine(l i18n.Localizer, r report.PeriodReport, s report.StorePeriod) string {
	var b strings.Builder
	b.WriteString(storeName(s.Code, s.Name))
	if s.NoData {
		b.WriteString(" — " + l.T("report.no_data", r.Period))
	}
	for i, f := range s.Figures {
		if i == 5 {
			break
		}
		b.WriteString(" · " + reportFigureName(l, f.Name) + " " + formatValue(f.Kind, f.Value) + " " + l.T("report.compact.vs", formatChange(f.VsPrev)))
	}
	return b.String()
}

// reportFigureName names a figure: the digest's names where the figure is the same, the
// report's own for the others (the refund rates are the period's, not a 30-day window's).
func reportFigureName(l i18n.Localizer, name string) string {
	switch name {
	case report.FigVisitors, report.FigOrders, report.FigPaidAmount, report.FigConversion, report.FigAOV:
		return l.T("digest.fig." + name)
	}
	return l.T("report.fig." + name)
}

// reportFootnote says how the figures were computed and what the changes compare.
func reportFootnote(l i18n.Localizer, r report.PeriodReport) slack.Block {
	seen := map[metrics.Basis]bool{}
	var texts []string
	for _, s := range r.Stores {
		if b := basisOrDefault(s.Basis); !seen[b] {
			seen[b] = true
			texts = append(texts, l.T("digest.formula."+string(b)))
		}
	}
	texts = append(texts, l.T("report.formula.others"), l.T("report.formula.changes", r.Previous, r.LastYear))
	return contextBlock(strings.Join(texts, " "))
}

// ReportChartFile is the chart of a weekly or monthly report as a file for its thread.
func ReportChartFile(l i18n.Localizer, c report.Chart, data []byte) File {
	name := fmt.Sprintf("report-%s-%s-%s.png", c.Kind, c.Channel, c.Date)
	if c.Channel == "" {
		name = fmt.Sprintf("report-%s-%s-%s.png", c.Kind, Cut(strings.Join(c.Stores, "-"), 40), c.Date)
	}
	return File{Name: name, Title: name, Comment: l.T("report.chart.comment", c.Date, Cut(strings.Join(c.Stores, ", "), 500)),
		AltText: l.T("report.chart.alt", c.Date), Data: data}
}

// reportOutbox renders report.TemplatePeriod.
func reportOutbox(l i18n.Localizer, template string, payload json.RawMessage) (string, []slack.Block, error) {
	var r report.PeriodReport
	if err := json.Unmarshal(payload, &r); err != nil {
		return "", nil, fmt.Errorf("render %s: %w", template, err)
	}
	text, blocks := PeriodReport(l, r)
	return text, blocks, nil
}
