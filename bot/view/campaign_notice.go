package view

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"storeops/bot/chart"
	"storeops/bot/i18n"
	"storeops/campaignfile"
	"storeops/domain"
	"storeops/domain/campaign"
	"storeops/domain/report"
)

// CampaignOutbox renders the campaign templates (all but the chart, a file).
func CampaignOutbox(l i18n.Localizer, template string, payload json.RawMessage, tz *time.Location) (string, []slack.Block, error) {
	fail := func(err error) (string, []slack.Block, error) {
		return "", nil, fmt.Errorf("render %s: %w", template, err)
	}
	switch template {
	case campaign.TemplateCard:
		var c campaign.Card
		if err := json.Unmarshal(payload, &c); err != nil {
			return fail(err)
		}
		text, blocks := CampaignCard(l, c, tz)
		return text, blocks, nil
	case campaign.TemplateTaskDue, campaign.TemplateTaskLate:
		var n campaign.TaskNotice
		if err := json.Unmarshal(payload, &n); err != nil {
			return fail(err)
		}
		text, blocks := CampaignTaskNotice(l, template, n, tz)
		return text, blocks, nil
	case campaign.TemplateHeld:
		var h campaign.Held
		if err := json.Unmarshal(payload, &h); err != nil {
			return fail(err)
		}
		text, blocks := CampaignHeld(l, h, tz)
		return text, blocks, nil
	case campaign.TemplateLaunched:
		var x campaign.Launched
		if err := json.Unmarshal(payload, &x); err != nil {
			return fail(err)
		}
		text, blocks := CampaignLaunched(l, x, tz)
		return text, blocks, nil
	case campaign.TemplateLive:
		var x campaign.Live
		if err := json.Unmarshal(payload, &x); err != nil {
			return fail(err)
		}
		text, blocks := CampaignLive(l, x, tz)
		return text, blocks, nil
	case campaign.TemplateAlert:
		var a campaign.Alert
		if err := json.Unmarshal(payload, &a); err != nil {
			return fail(err)
		}
		text, blocks := CampaignAlert(l, a)
		return text, blocks, nil
	case campaign.TemplateEnded:
		var c campaign.Card
		if err := json.Unmarshal(payload, &c); err != nil {
			return fail(err)
		}
		text, blocks := CampaignEnded(l, c)
		return text, blocks, nil
	case campaign.TemplateReport:
		var r campaign.Report
		if err := json.Unmarshal(payload, &r); err != nil {
			return fail(err)
		}
		text, blocks := CampaignReport(l, r, tz)
		return text, blocks, nil
	}
	return fail(fmt.Errorf("unknown template"))
}

// CampaignTaskNotice reminds an item's owner before its due time, or tells them it passed.
func CampaignTaskNotice(l i18n.Localizer, template string, n campaign.TaskNotice, tz *time.Location) (string, []slack.Block) {
	key := "view.campaign.task_due"
	if template == campaign.TemplateTaskLate {
		key = "view.campaign.task_late"
	}
	loc := n.Campaign.Location(tz)
	text := l.T(key, n.Campaign.Number(), escape(Cut(n.Campaign.Theme, 100)), escape(Cut(CampaignTaskName(l, n.Task), 150)),
		campaignTime(n.Task.Due, loc), campaignTime(n.Campaign.Start, loc))
	return text, []slack.Block{section(text), contextBlock(l.T("view.campaign.task_hint", n.Campaign.ID, n.Task.No))}
}

// CampaignHeld tells that the launch is held by open items; the supervisors' copy has the
// Launch anyway and Postpone buttons.
func CampaignHeld(l i18n.Localizer, h campaign.Held, tz *time.Location) (string, []slack.Block) {
	loc := h.Campaign.Location(tz)
	text := l.T("view.campaign.held.text", h.Campaign.Number(), escape(Cut(h.Campaign.Theme, 100)), len(h.Open))
	lines := []string{text}
	for i, t := range h.Open {
		if i == 20 {
			lines = append(lines, l.T("view.campaign.more", len(h.Open)-i))
			break
		}
		lines = append(lines, campaignTaskLine(l, t, loc))
	}
	blocks := []slack.Block{section(cutMrkdwn(strings.Join(lines, "\n"), MaxSectionText))}
	if h.Decide {
		v := strconv.FormatInt(h.Campaign.ID, 10)
		blocks = append(blocks, slack.NewActionBlock("campaign-held:"+v,
			slack.NewButtonBlockElement(ActionCampaignLaunch, v, plain(Cut(l.T("view.campaign.button.launch"), MaxButtonText))).WithStyle(slack.StyleDanger),
			slack.NewButtonBlockElement(ActionCampaignPostpone, v, plain(Cut(l.T("view.campaign.button.postpone"), MaxButtonText)))))
	} else {
		blocks = append(blocks, contextBlock(l.T("view.campaign.held.owner")))
	}
	return text, blocks
}

// CampaignLaunched is the reply under the card when the campaign starts.
func CampaignLaunched(l i18n.Localizer, x campaign.Launched, tz *time.Location) (string, []slack.Block) {
	loc := x.Campaign.Location(tz)
	if !x.Anyway {
		text := l.T("view.campaign.launched.text", x.Campaign.Number(), escape(Cut(x.Campaign.Theme, 100)), campaignTime(x.Campaign.End, loc))
		return text, []slack.Block{section(text)}
	}
	text := l.T("view.campaign.launched_anyway.text", x.Campaign.Number(), escape(Cut(x.Campaign.Theme, 100)), l.Mention(x.Campaign.LaunchedBy), len(x.Open))
	lines := []string{text}
	for i, t := range x.Open {
		if i == 20 {
			break
		}
		lines = append(lines, campaignTaskLine(l, t, loc))
	}
	return text, []slack.Block{section(cutMrkdwn(strings.Join(lines, "\n"), MaxSectionText))}
}

// figureValue formats a figure's number by its kind.
func campaignFigureValue(name string, v int64) string {
	switch name {
	case campaign.FigurePaidAmount:
		return amount(domain.Money(v))
	case campaign.FigureConversion:
		return campaign.FormatBP(v)
	}
	return groupThousands(strconv.FormatInt(v, 10))
}

func campaignFigureLine(l i18n.Localizer, f campaign.Figure) string {
	name := campaignWord(l, "campaign.figure.", f.Name)
	if f.PctOfDue < 0 {
		return l.T("view.campaign.figure.nothing_due", name, campaignFigureValue(f.Name, f.Actual), campaignFigureValue(f.Name, f.Target))
	}
	line := l.T("view.campaign.figure", name, campaignFigureValue(f.Name, f.Actual), campaignFigureValue(f.Name, f.Due), f.PctOfDue, campaignFigureValue(f.Name, f.Target))
	if f.Below {
		line = "⚠ " + line
	}
	return line
}

func campaignLiveBlocks(l i18n.Localizer, x campaign.Live, loc *time.Location) []slack.Block {
	lines := make([]string, 0, len(x.Figures)+1)
	for _, f := range x.Figures {
		lines = append(lines, campaignFigureLine(l, f))
	}
	lines = append(lines, l.T("view.campaign.live.orders", x.Actuals.PaidOrders))
	blocks := []slack.Block{
		section(cutMrkdwn(strings.Join(lines, "\n"), MaxSectionText)),
		contextBlock(l.T("view.campaign.live.elapsed", x.ClockPct, x.DaysPct, x.Share, campaignTime(x.At, loc), loc.String())),
	}
	if len(x.Days) > 0 {
		days := make([]string, 0, len(x.Days))
		for _, d := range x.Days {
			// A day counted from the orders has no visitors: they come with the daily figures.
			if d.Metrics {
				days = append(days, l.T("view.campaign.day", d.Date, amount(d.PaidAmount), d.PaidOrders, d.Visitors, l.T("view.campaign.day.metrics")))
			} else {
				days = append(days, l.T("view.campaign.day.from_orders", d.Date, amount(d.PaidAmount), d.PaidOrders, l.T("view.campaign.day.orders")))
			}
		}
		packed, left := packLines(days, 4)
		blocks = append(blocks, packed...)
		if left > 0 {
			blocks = append(blocks, contextBlock(l.T("view.campaign.more", left)))
		}
	}
	return blocks
}

// CampaignLive is the scheduled post of a running campaign's figures (or the evening
// closing summary).
func CampaignLive(l i18n.Localizer, x campaign.Live, tz *time.Location) (string, []slack.Block) {
	loc := x.Campaign.Location(tz)
	key := "view.campaign.live.header"
	if x.Closing {
		key = "view.campaign.closing.header"
	}
	title := l.T(key, x.Campaign.Number(), x.Campaign.Theme)
	blocks := append([]slack.Block{header(Cut(title, MaxHeaderText))}, campaignLiveBlocks(l, x, loc)...)
	return escape(title), blocks
}

// CampaignAlert tells the owner a figure is below its share of the pro-rated target, or a
// campaign SKU sold out.
func CampaignAlert(l i18n.Localizer, a campaign.Alert) (string, []slack.Block) {
	var text string
	if a.SoldOut != "" {
		text = l.T("view.campaign.alert.sold_out", a.Campaign.Number(), escape(Cut(a.Campaign.Theme, 100)), escape(Cut(a.SoldOut, 64)))
	} else {
		text = l.T("view.campaign.alert.below", a.Campaign.Number(), escape(Cut(a.Campaign.Theme, 100)), campaignWord(l, "campaign.figure.", a.Figure.Name),
			campaignFigureValue(a.Figure.Name, a.Figure.Actual), campaignFigureValue(a.Figure.Name, a.Figure.Due), a.Figure.PctOfDue, a.Share)
	}
	return text, []slack.Block{section(text), contextBlock(l.T("view.campaign.alert.hint", a.Campaign.ID))}
}

// CampaignEnded asks the owner for the summary.
func CampaignEnded(l i18n.Localizer, c campaign.Card) (string, []slack.Block) {
	text := l.T("view.campaign.ended.text", c.Number(), escape(Cut(c.Theme, 100)))
	v := strconv.FormatInt(c.ID, 10)
	return text, []slack.Block{section(text), slack.NewActionBlock("campaign-ended:"+v,
		slack.NewButtonBlockElement(ActionCampaignSummary, v, plain(Cut(l.T("view.campaign.button.summary"), MaxButtonText))).WithStyle(slack.StylePrimary))}
}

// CampaignReport is the summary report posted to the team channel.
func CampaignReport(l i18n.Localizer, r campaign.Report, tz *time.Location) (string, []slack.Block) {
	c := r.Live.Campaign
	loc := c.Location(tz)
	title := l.T("view.campaign.report.header", c.Number(), c.Theme)
	blocks := []slack.Block{
		header(Cut(title, MaxHeaderText)),
		contextBlock(l.T("view.campaign.context", escape(c.Store), CampaignType(l, c.Type), l.Mention(c.Owner)),
			l.T("view.campaign.dates", campaignTime(c.Start, loc), campaignTime(c.End, loc), loc.String())),
	}
	blocks = append(blocks, campaignLiveBlocks(l, r.Live, loc)...)
	var lines []string
	if len(r.Best) > 0 {
		lines = append(lines, "*"+l.T("view.campaign.report.best")+"*")
		for _, s := range r.Best {
			lines = append(lines, l.T("view.campaign.report.sku", escape(Cut(s.SKU, 64)), s.Units, amount(s.PaidAmount)))
		}
	}
	if len(r.Worst) > 0 {
		lines = append(lines, "*"+l.T("view.campaign.report.worst")+"*")
		for _, s := range r.Worst {
			lines = append(lines, l.T("view.campaign.report.sku", escape(Cut(s.SKU, 64)), s.Units, amount(s.PaidAmount)))
		}
	}
	switch {
	case r.Budget > 0:
		lines = append(lines, l.T("view.campaign.report.cost_budget", amount(r.Cost), amount(r.Budget)))
	case r.Cost > 0:
		lines = append(lines, l.T("view.campaign.report.cost", amount(r.Cost)))
	}
	if len(r.Tasks) > 0 {
		lines = append(lines, l.T("view.campaign.report.timeliness", r.OnTime, len(r.Tasks)))
	}
	if r.Launched.Anyway {
		lines = append(lines, l.T("view.campaign.launched_anyway", l.Mention(r.Launched.By), campaignTime(r.Launched.At, loc)))
	}
	if len(lines) > 0 {
		blocks = append(blocks, section(cutMrkdwn(strings.Join(lines, "\n"), MaxSectionText)))
	}
	s := r.Summary
	sum := []string{bold(l, l.FieldLabel(campaign.FieldWorked), value(s.Worked, 900)),
		bold(l, l.FieldLabel(campaign.FieldNotWorked), value(s.NotWorked, 900)),
		bold(l, l.FieldLabel(campaign.FieldLessons), value(s.Lessons, 900))}
	blocks = append(blocks, section(cutMrkdwn(strings.Join(sum, "\n"), MaxSectionText)))
	if s.By != "" {
		blocks = append(blocks, contextBlock(l.T("view.campaign.report.by", l.Mention(s.By), campaignTime(s.At, loc))))
	}
	return escape(title), blocks
}

// campaignFile renders campaign.TemplateChart: the campaign's days so far, paid amount
// as bars and visitors as a line (bot/chart); and campaign.TemplateWorkbook, the summary
// report's workbook (campaignfile).
func campaignFile(l i18n.Localizer, template string, payload json.RawMessage) (File, bool, error) {
	if template == campaign.TemplateWorkbook {
		f, err := CampaignWorkbook(l, payload)
		return f, true, err
	}
	if template != campaign.TemplateChart {
		return File{}, false, nil
	}
	var x campaign.Live
	if err := json.Unmarshal(payload, &x); err != nil {
		return File{}, true, fmt.Errorf("render %s: %w", template, err)
	}
	c := report.Chart{Date: x.At.UTC().Format(time.DateOnly), Stores: []string{x.Campaign.Store}}
	for _, d := range x.Days {
		c.Points = append(c.Points, report.Point{Date: d.Date, HasData: true, Visitors: d.Visitors, PaidAmount: d.PaidAmount})
	}
	data, err := chart.PNG(c)
	if err != nil {
		return File{}, true, fmt.Errorf("render %s: %w", template, err)
	}
	name := fmt.Sprintf("campaign-%d-%s.png", x.Campaign.ID, x.At.UTC().Format("20060102-1504"))
	return File{Name: name, Title: name, Comment: l.T("view.campaign.chart.comment", x.Campaign.Number()),
		AltText: l.T("view.campaign.chart.alt", x.Campaign.Number()), Data: data}, true, nil
}

// CampaignWorkbook renders campaign.TemplateWorkbook: the XLSX of the campaign.Report in
// payload, its times in the campaign's zone (the card's).
func CampaignWorkbook(l i18n.Localizer, payload json.RawMessage) (File, error) {
	var r campaign.Report
	if err := json.Unmarshal(payload, &r); err != nil {
		return File{}, fmt.Errorf("render %s: %w", campaign.TemplateWorkbook, err)
	}
	data, err := campaignfile.Workbook(l, r, r.Live.Campaign.Location(time.UTC))
	if err != nil {
		return File{}, fmt.Errorf("render %s: %w", campaign.TemplateWorkbook, err)
	}
	n := r.Live.Campaign.Number()
	return File{Name: campaignfile.Name(r), Title: l.T("campaign.export.title", n), Comment: l.T("campaign.export.comment", n),
		AltText: l.T("campaign.export.title", n), Data: data}, nil
}
