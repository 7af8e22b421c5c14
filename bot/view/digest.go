package view

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"storeops/bot/chart"
	"storeops/bot/i18n"
	"storeops/domain"
	"storeops/domain/metrics"
	"storeops/domain/report"
)

// DigestFullStores is the most stores a digest shows in full (figures in fields, top SKUs,
// waiting items: about four blocks a store); a channel with more gets one line a store, so
// that 60 stores still fit in Slack's 50 blocks.
const DigestFullStores = 8

// Digest renders a channel's morning digest.
func Digest(l i18n.Localizer, d report.Digest) (string, []slack.Block) {
	title := l.T("digest.header", d.Date)
	if d.Preview {
		title = l.T("digest.header.preview", d.Date)
	}
	blocks := []slack.Block{header(title)}
	if !d.HasData() {
		blocks = append(blocks, section(l.T("digest.no_data.all", d.Date)))
	}
	// Leave room for the waiting lines and the footnote.
	blocks = storeBlocks(l, blocks, d.Stores, func(s report.StoreDigest) []slack.Block { return digestStore(l, d, s) },
		func(s report.StoreDigest) string { return digestLine(l, d, s) }, 3, "digest.more_stores")
	if d.Approvals > 0 {
		blocks = append(blocks, section("*"+l.T("digest.waiting")+"* "+l.T("digest.waiting.approvals", d.Approvals)))
	}
	blocks = append(blocks, digestFootnote(l, d))
	return l.T("digest.text", d.Date, len(d.Stores)), blocks
}

// digestStore is one store in full: its name, its figures as fields, top SKUs and waiting.
func digestStore(l i18n.Localizer, d report.Digest, s report.StoreDigest) []slack.Block {
	blocks := []slack.Block{slack.NewDividerBlock(), section(storeTitle(s))}
	if s.Date != "" {
		blocks = append(blocks, contextBlock(l.T("digest.store_date", s.Date)))
	}
	if s.NoData {
		blocks = append(blocks, contextBlock(l.T("digest.no_data", storeDate(d, s))))
	} else {
		var fields []*slack.TextBlockObject
		for _, f := range s.Figures {
			text := "*" + figureName(l, s, f) + flagMark(f) + "*\n" + formatFigure(f) + "\n" +
				l.T("digest.vs_day", formatChange(f.VsDay)) + " · " + l.T("digest.vs_week", formatChange(f.VsWeek))
			if len(fields) < MaxSectionFields {
				fields = append(fields, mrkdwn(cutMrkdwn(text, MaxFieldText)))
			}
		}
		blocks = append(blocks, slack.NewSectionBlock(nil, fields, nil))
		if len(s.Top) > 0 {
			top := make([]string, 0, len(s.Top))
			for i, t := range s.Top {
				top = append(top, l.T("digest.top.line", i+1, value(t.SKU, 64), t.Units, amount(t.PaidAmount)))
			}
			blocks = append(blocks, section("*"+l.T("digest.top")+"*\n"+strings.Join(top, "\n")))
		}
	}
	if w := waitingText(l, s.Waiting); w != "" {
		blocks = append(blocks, contextBlock("*"+l.T("digest.waiting")+"* "+w))
	}
	return blocks
}

// digestLine is one store in a line: each figure with its change against the day before.
func digestLine(l i18n.Localizer, d report.Digest, s report.StoreDigest) string {
	var b strings.Builder
	b.WriteString(storeTitle(s))
	if s.Date != "" {
		b.WriteString(" (" + l.T("digest.store_date", s.Date) + ")")
	}
	if s.NoData {
		b.WriteString(" — " + l.T("digest.no_data", storeDate(d, s)))
	}
	for _, f := range s.Figures {
		b.WriteString(" · " + figureName(l, s, f) + flagMark(f) + " " + formatFigure(f) + " " + l.T("digest.compact.vs", formatChange(f.VsDay)))
	}
	if w := waitingText(l, s.Waiting); w != "" {
		b.WriteString(" · _" + l.T("digest.waiting") + ": " + w + "_")
	}
	return b.String()
}

func storeTitle(s report.StoreDigest) string { return storeName(s.Code, s.Name) }

// storeDate is the day a store's figures are of: the digest's, or its own last finished one.
func storeDate(d report.Digest, s report.StoreDigest) string {
	if s.Date != "" {
		return s.Date
	}
	return d.Date
}

// storeName is a store's code in bold and its name, as the digest and the reports show it.
func storeName(code, name string) string {
	if strings.TrimSpace(name) == "" {
		return "*" + value(code, 32) + "*"
	}
	return "*" + value(code, 32) + "* " + value(name, 60)
}

func figureName(l i18n.Localizer, s report.StoreDigest, f report.Figure) string {
	if f.Name == report.FigRefundRate {
		return l.T("digest.fig.refund_rate", s.Window)
	}
	return l.T("digest.fig." + f.Name)
}

func flagMark(f report.Figure) string {
	if f.Flagged {
		return " ⚠"
	}
	return ""
}

func waitingText(l i18n.Localizer, w report.Waiting) string {
	var parts []string
	for _, p := range []struct {
		key string
		n   int
	}{{"digest.waiting.held", w.HeldOrders}, {"digest.waiting.stale", w.StaleCases},
		{"digest.waiting.inquiries", w.OverdueInquiries}, {"digest.waiting.complaints", w.OverdueComplaints}} {
		if p.n > 0 {
			parts = append(parts, l.T(p.key, p.n))
		}
	}
	return strings.Join(parts, " · ")
}

// digestFootnote says how the figures were computed: each conversion formula in use, AOV,
// the refund window and what a flag means.
func digestFootnote(l i18n.Localizer, d report.Digest) slack.Block {
	seen := map[metrics.Basis]bool{}
	var texts []string
	window := metrics.DefaultRefundWindow
	for _, s := range d.Stores {
		if s.Window > 0 {
			window = s.Window
		}
		if !seen[s.Basis] {
			seen[s.Basis] = true
			texts = append(texts, l.T("digest.formula."+string(basisOrDefault(s.Basis))))
		}
	}
	texts = append(texts, l.T("digest.formula.others", window), l.T("digest.formula.changes", formatPct(d.Threshold)))
	return contextBlock(strings.Join(texts, " "))
}

func basisOrDefault(b metrics.Basis) metrics.Basis {
	if b == metrics.BasisSessions {
		return b
	}
	return metrics.BasisBuyers
}

// formatFigure shows a figure's value by its kind; a missing value is "—".
func formatFigure(f report.Figure) string { return formatValue(f.Kind, f.Value) }

// formatValue shows a value of a kind (report.KindCount, KindMoney, KindRate).
func formatValue(kind string, v metrics.KPI) string {
	if !v.OK {
		return dash
	}
	switch kind {
	case report.KindMoney:
		m, _ := v.Money()
		return groupThousands(m.String())
	case report.KindRate:
		return strconv.FormatFloat(v.Percent().Round(2).V, 'f', 2, 64) + "%"
	}
	return groupThousands(strconv.FormatFloat(v.V, 'f', 0, 64))
}

// formatChange shows a change in percent with its direction: "▲ 12.5%", "▼ 3.0%", "= 0.0%".
func formatChange(c metrics.KPI) string {
	if !c.OK {
		return dash
	}
	v := c.Round(1).V
	switch {
	case v > 0:
		return "▲" + strconv.FormatFloat(v, 'f', 1, 64) + "%"
	case v < 0:
		return "▼" + strconv.FormatFloat(-v, 'f', 1, 64) + "%"
	}
	return "=0.0%"
}

// formatPct shows a threshold: "20%", "12.5%".
func formatPct(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) + "%" }

// amount shows money the way every StoreOps message does: 12,345.67.
func amount(m domain.Money) string { return groupThousands(m.String()) }

// groupThousands puts commas between thousands of a plain number: "1234567.00" → "1,234,567.00".
func groupThousands(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if hasFrac {
		b.WriteString("." + frac)
	}
	return sign + b.String()
}

// DigestSettings lists the team channels' digest settings.
func DigestSettings(l i18n.Localizer, all []report.ChannelSettings, company string) (string, []slack.Block) {
	title := l.T("digest.settings.title")
	if len(all) == 0 {
		return title, []slack.Block{header(title), section(l.T("digest.settings.none"))}
	}
	lines := make([]string, 0, len(all))
	for _, c := range all {
		zone := c.ZoneName()
		if zone == "" {
			zone = company
		}
		lines = append(lines, "• "+l.T("digest.settings.line", "<#"+c.Channel+">", c.Clock(), formatPct(c.Threshold), escape(strings.Join(c.Stores, ", ")), zone))
	}
	blocks := []slack.Block{header(title)}
	packed, _ := packLines(lines, MaxMessageBlocks-2)
	blocks = append(blocks, packed...)
	blocks = append(blocks, contextBlock(l.T("digest.settings.tz", company)))
	return title, blocks
}

// File is what a file template renders to: the dispatcher uploads it into the thread of the
// message its ref names.
type File struct {
	Name    string
	Title   string
	Comment string
	AltText string
	Data    []byte
}

// OutboxFile renders a queued message whose template is a file; ok is false for every
// other template (they render with Outbox).
func OutboxFile(l i18n.Localizer, template string, payload json.RawMessage) (f File, ok bool, err error) {
	if f, ok, err := campaignFile(l, template, payload); ok {
		return f, ok, err
	}
	if template != report.TemplateChart {
		return File{}, false, nil
	}
	var c report.Chart
	if err := json.Unmarshal(payload, &c); err != nil {
		return File{}, true, fmt.Errorf("render %s: %w", template, err)
	}
	data, err := chart.PNG(c)
	if err != nil {
		return File{}, true, fmt.Errorf("render %s: %w", template, err)
	}
	if c.Kind != "" {
		return ReportChartFile(l, c, data), true, nil
	}
	name := fmt.Sprintf("digest-%s-%s.png", c.Channel, c.Date)
	return File{Name: name, Title: name, Comment: l.T("digest.chart.comment", c.Date, Cut(strings.Join(c.Stores, ", "), 500)),
		AltText: l.T("digest.chart.alt"), Data: data}, true, nil
}

// digestOutbox renders TemplateDigest.
func digestOutbox(l i18n.Localizer, template string, payload json.RawMessage) (string, []slack.Block, error) {
	var d report.Digest
	if err := json.Unmarshal(payload, &d); err != nil {
		return "", nil, fmt.Errorf("render %s: %w", template, err)
	}
	text, blocks := Digest(l, d)
	return text, blocks, nil
}

// storeBlocks lays out a message's stores: a section each when there are at most
// DigestFullStores, else a line each, packed into the blocks left after reserve more, and
// moreKey counting the stores that did not fit. The digest and the period reports share it.
func storeBlocks[S any](l i18n.Localizer, blocks []slack.Block, stores []S, full func(S) []slack.Block, line func(S) string, reserve int, moreKey string) []slack.Block {
	if len(stores) <= DigestFullStores {
		for _, s := range stores {
			blocks = append(blocks, full(s)...)
		}
		return blocks
	}
	lines := make([]string, 0, len(stores))
	for _, s := range stores {
		lines = append(lines, line(s))
	}
	packed, left := packLines(lines, MaxMessageBlocks-len(blocks)-reserve)
	blocks = append(blocks, packed...)
	if left > 0 {
		blocks = append(blocks, contextBlock(l.T(moreKey, left)))
	}
	return blocks
}
