package view

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"storeops/bot/i18n"
	"storeops/domain"
	"storeops/domain/appraisal"
)

// Identifiers of the appraisal's buttons and modals. A button's value is the cycle id.
const (
	ActionAppraisalSelf = "appraisal.self"
	ActionAppraisalRate = "appraisal.rate"

	CallbackAppraisalSelf = "appraisal.self"
	CallbackAppraisalRate = "appraisal.rate"
)

const (
	maxAppraisalText    = 1500
	maxAppraisalFigures = 30
	maxAppraisalList    = 40
)

// AppraisalValue is a button's value; ParseAppraisalValue reads it back.
func AppraisalValue(id int64) string { return strconv.FormatInt(id, 10) }

// ParseAppraisalValue reads a cycle id from a button value or a modal's metadata.
func ParseAppraisalValue(v string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("appraisal value %q", v)
	}
	return id, nil
}

// AppraisalStatus names a cycle state.
func AppraisalStatus(l i18n.Localizer, s appraisal.Status) string {
	if key := "appraisal.status." + string(s); l.Has(key) {
		return l.T(key)
	}
	return string(s)
}

// appraisalOutbox renders the appraisal's queued messages.
func appraisalOutbox(l i18n.Localizer, template string, payload json.RawMessage, tz *time.Location) (string, []slack.Block, error) {
	if template == appraisal.TemplatePlanReview {
		var n appraisal.PlanNotice
		if err := json.Unmarshal(payload, &n); err != nil {
			return "", nil, fmt.Errorf("render %s: %w", template, err)
		}
		text, blocks := AppraisalPlanReview(l, n, tz)
		return text, blocks, nil
	}
	var c appraisal.Card
	if err := json.Unmarshal(payload, &c); err != nil {
		return "", nil, fmt.Errorf("render %s: %w", template, err)
	}
	var text string
	var blocks []slack.Block
	switch template {
	case appraisal.TemplatePrompt:
		text, blocks = AppraisalPrompt(l, c, tz)
	case appraisal.TemplateReminder:
		text, blocks = AppraisalReminder(l, c, tz)
	case appraisal.TemplateEscalated:
		text, blocks = AppraisalEscalated(l, c, tz)
	case appraisal.TemplateRatingCard:
		text, blocks = AppraisalRatingCard(l, c, tz)
	case appraisal.TemplateResult:
		text, blocks = AppraisalResult(l, c, tz)
	case appraisal.TemplateFlag:
		text, blocks = AppraisalFlag(l, c)
	case appraisal.TemplateAppeal:
		text, blocks = AppraisalAppealDecided(l, c)
	default:
		return "", nil, fmt.Errorf("render: unknown appraisal template %q", template)
	}
	return text, blocks, nil
}

func selfButton(l i18n.Localizer, c appraisal.Card) *slack.ActionBlock {
	b := slack.NewButtonBlockElement(ActionAppraisalSelf, AppraisalValue(c.ID), plain(Cut(l.T("view.appraisal.button.self"), MaxButtonText))).
		WithStyle(slack.StylePrimary)
	return slack.NewActionBlock("appraisal.self."+AppraisalValue(c.ID), b)
}

// AppraisalPrompt is the DM of the 1st: the month, the deadline and the button that opens
// the self-assessment.
func AppraisalPrompt(l i18n.Localizer, c appraisal.Card, tz *time.Location) (string, []slack.Block) {
	text := l.T("view.appraisal.prompt", c.Month, l.Time(c.DeadlineAt, tz))
	return text, []slack.Block{header(l.T("view.appraisal.prompt.header", c.Month)), section(text), selfButton(l, c)}
}

// AppraisalReminder reminds an assistant who has not submitted.
func AppraisalReminder(l i18n.Localizer, c appraisal.Card, tz *time.Location) (string, []slack.Block) {
	key := "view.appraisal.reminder"
	if c.LastCall {
		key = "view.appraisal.reminder.last"
	}
	text := l.T(key, c.Month, l.Time(c.DeadlineAt, tz))
	return text, []slack.Block{section(text), selfButton(l, c)}
}

// AppraisalEscalated tells HR that a self-assessment is late.
func AppraisalEscalated(l i18n.Localizer, c appraisal.Card, tz *time.Location) (string, []slack.Block) {
	text := l.T("view.appraisal.escalated", l.Mention(c.Assistant), c.Month, l.Time(c.DeadlineAt, tz))
	return text, []slack.Block{section(text)}
}

// AppraisalRatingCard is the supervisor's card of one assistant's month: the
// self-assessment (or that it did not come), the figures, and the button that opens the
// rating.
func AppraisalRatingCard(l i18n.Localizer, c appraisal.Card, tz *time.Location) (string, []slack.Block) {
	text := l.T("view.appraisal.rating.text", l.Mention(c.Assistant), c.Month)
	blocks := []slack.Block{header(l.T("view.appraisal.rating.header", c.Month)), section(text)}
	blocks = append(blocks, selfBlocks(l, c, tz)...)
	blocks = append(blocks, figureBlocks(l, c.Figures, 8)...)
	rate := slack.NewButtonBlockElement(ActionAppraisalRate, AppraisalValue(c.ID), plain(Cut(l.T("view.appraisal.button.rate"), MaxButtonText))).
		WithStyle(slack.StylePrimary)
	blocks = append(blocks, slack.NewActionBlock("appraisal.rate."+AppraisalValue(c.ID), rate))
	return text, blocks
}

func selfBlocks(l i18n.Localizer, c appraisal.Card, tz *time.Location) []slack.Block {
	if c.Self == nil {
		return []slack.Block{section(l.T("view.appraisal.self.none", l.Time(c.DeadlineAt, tz)))}
	}
	s := c.Self
	lines := []string{
		l.T("view.appraisal.self.title", l.Time(c.SubmittedAt, tz)),
		bold(l, l.FieldLabel(appraisal.FieldAchievements), value(s.Achievements, maxAppraisalText/2)),
		bold(l, l.FieldLabel(appraisal.FieldShortcomings), value(s.Shortcomings, maxAppraisalText/4)),
		bold(l, l.FieldLabel(appraisal.FieldMeasures), value(s.Measures, maxAppraisalText/4)),
		bold(l, l.T("view.appraisal.self.scores"), ratingsLine(l, s.Scores)),
	}
	return []slack.Block{section(strings.Join(lines, "\n"))}
}

func ratingsLine(l i18n.Localizer, r appraisal.Ratings) string {
	parts := make([]string, 0, 5)
	for _, f := range appraisal.RatingFields() {
		parts = append(parts, l.FieldLabel(f)+" "+strconv.Itoa(r.Get(f)))
	}
	return escape(l.Join(parts))
}

// FigureLine is one figure of assistant's month as a line: its name, its value and what it
// counts, with the command that lists the records behind it (its drill-down, or for the
// store results the report it reads).
func FigureLine(l i18n.Localizer, f appraisal.Figure, assistant, month string) string {
	line := appraisalFigureName(l, f) + " " + figureValue(l, f)
	if key := "appraisal.figure." + f.Key + ".what"; l.Has(key) {
		line += " — " + l.T(key)
	}
	switch {
	case !f.Available:
	case f.Short != "":
		line += " " + l.T("view.appraisal.figure.items", l.Mention(assistant), escape(month), escape(f.Short))
	case f.List != "":
		line += " " + l.T("view.appraisal.figure.list", escape(f.List))
	}
	return line
}

func appraisalFigureName(l i18n.Localizer, f appraisal.Figure) string {
	name := l.T("appraisal.figure." + f.Key)
	if f.Store != "" {
		name += " (" + escape(f.Store) + ")"
	}
	return "*" + escape(name) + "*"
}

// AppraisalItems is a figure's drill-down: the figure and the records behind it, one line
// each with its reference, its time in the appraisal's zone and how it counted, at most
// appraisal.MaxItems of them.
func AppraisalItems(l i18n.Localizer, d appraisal.Drill, tz *time.Location) (string, []slack.Block) {
	text := l.T("view.appraisal.items.header", l.T("appraisal.figure."+d.Figure.Key), l.Mention(d.Assistant), escape(d.Month))
	head := appraisalFigureName(l, d.Figure) + " " + figureValue(l, d.Figure)
	if key := "appraisal.figure." + d.Figure.Key + ".what"; l.Has(key) {
		head += " — " + l.T(key)
	}
	lines := make([]string, 0, len(d.Items)+1)
	for _, it := range d.Items {
		line := "• `" + escape(Cut(it.Ref, 64)) + "`"
		if it.Label != "" {
			line += " " + escape(Cut(it.Label, 80))
		}
		line += " — " + l.Time(it.At, tz)
		if o := itemOutcome(l, d.Figure, it); o != "" {
			line += " — " + o
		}
		lines = append(lines, line)
	}
	if more := d.Total - len(d.Items); more > 0 {
		lines = append(lines, l.T("view.appraisal.figure.more", more))
	}
	if len(lines) == 0 {
		lines = append(lines, l.T("view.appraisal.items.empty"))
	}
	blocks := []slack.Block{section("*" + text + "*"), section(head)}
	more, _ := packLines(lines, MaxMessageBlocks-2)
	return text, append(blocks, more...)
}

// itemOutcome says how a record counted: good or not for a ratio, its rating for an
// average, nothing for a plain count.
func itemOutcome(l i18n.Localizer, f appraisal.Figure, it appraisal.Item) string {
	switch f.Kind {
	case appraisal.KindRatio:
		key := "appraisal.item." + f.Short + ".bad"
		if it.Good {
			key = "appraisal.item." + f.Short + ".good"
		}
		if l.Has(key) {
			return l.T(key)
		}
		if it.Good {
			return l.T("view.appraisal.item.good")
		}
		return l.T("view.appraisal.item.bad")
	case appraisal.KindAverage:
		return l.T("view.appraisal.item.rating", it.Value)
	}
	return ""
}

func figureValue(l i18n.Localizer, f appraisal.Figure) string {
	if !f.Available {
		return l.T("view.appraisal.figure.not_available")
	}
	part, has := f.Part()
	switch f.Kind {
	case appraisal.KindRatio:
		if !has {
			return l.T("view.appraisal.figure.none")
		}
		s := l.T("view.appraisal.figure.ratio", f.Good, f.Counted, appraisal.Tenths(part))
		if f.Extra > 0 {
			s += " " + l.T("view.appraisal.figure.minutes", f.Extra)
		}
		return s
	case appraisal.KindAverage:
		if !has {
			return l.T("view.appraisal.figure.none")
		}
		return l.T("view.appraisal.figure.average", appraisal.Tenths(int(f.Value)), f.Counted)
	case appraisal.KindTarget:
		if f.Key == appraisal.FigureConversion {
			return l.T("view.appraisal.figure.target", domain.Money(f.Value).String()+"%", domain.Money(f.Target).String()+"%", appraisal.Tenths(part))
		}
		return l.T("view.appraisal.figure.target", domain.Money(f.Value).String(), domain.Money(f.Target).String(), appraisal.Tenths(part))
	default:
		return strconv.Itoa(f.Counted)
	}
}

// figureBlocks lists the figures by dimension with the data part of each, in at most max
// blocks.
func figureBlocks(l i18n.Localizer, fs appraisal.Figures, max int) []slack.Block {
	scores := fs.DataScores()
	var lines []string
	var last appraisal.Dimension
	for i, f := range fs.Items {
		if i == maxAppraisalFigures {
			lines = append(lines, l.T("view.appraisal.figure.more", len(fs.Items)-i))
			break
		}
		if f.Dimension != last {
			last = f.Dimension
			part := l.T("view.appraisal.figure.none")
			if v, ok := scores[f.Dimension]; ok {
				part = appraisal.Tenths(v)
			}
			lines = append(lines, l.T("view.appraisal.dimension.data", l.T("appraisal.dimension."+string(f.Dimension)), part))
		}
		lines = append(lines, "• "+FigureLine(l, f, fs.Assistant, fs.Month))
	}
	if len(lines) == 0 {
		lines = append(lines, l.T("view.appraisal.figure.empty"))
	}
	blocks, _ := packLines(lines, max)
	return blocks
}

// AppraisalResult is the result: the score per dimension, the total, the tier and its
// coefficient, the supervisor's comment, and until when an appeal may be filed.
func AppraisalResult(l i18n.Localizer, c appraisal.Card, tz *time.Location) (string, []slack.Block) {
	if c.Result == nil {
		text := l.T("view.appraisal.show.pending", l.Mention(c.Assistant), c.Month, AppraisalStatus(l, c.Status))
		return text, []slack.Block{section(text)}
	}
	r := c.Result
	text := l.T("view.appraisal.result.text", l.Mention(c.Assistant), c.Month, appraisal.Tenths(r.Total), string(r.Tier))
	lines := make([]string, 0, len(r.Dimensions)+1)
	for _, d := range r.Dimensions {
		data := l.T("view.appraisal.result.no_data")
		if d.HasData {
			data = appraisal.Tenths(d.Data)
		}
		lines = append(lines, l.T("view.appraisal.result.dimension", l.T("appraisal.dimension."+string(d.Dimension)), d.Weight,
			appraisal.Tenths(d.Score), data, appraisal.Tenths(d.Rating)))
	}
	total := l.T("view.appraisal.result.total", appraisal.Tenths(r.Total), string(r.Tier), domain.Money(r.Coefficient).String())
	if !r.Passed {
		total += " " + l.T("view.appraisal.result.failed", appraisal.Tenths(c.PassMark))
	}
	blocks := []slack.Block{
		header(l.T("view.appraisal.result.header", c.Month)),
		section(text),
		section(strings.Join(lines, "\n")),
		section(total),
	}
	if c.Comment != "" {
		blocks = append(blocks, section("*"+l.T("view.appraisal.result.comment", l.Mention(c.RatedBy))+"* "+value(c.Comment, maxAppraisalText)))
	}
	if c.Adjustment != nil {
		blocks = append(blocks, section(l.T("view.appraisal.adjusted", appraisal.Tenths(c.Adjustment.OldTotal), appraisal.Tenths(c.Adjustment.NewTotal),
			l.Mention(c.Adjustment.By), value(c.Adjustment.Reason, 500))))
	}
	var foot []string
	switch c.Status {
	case appraisal.StatusPublished:
		foot = append(foot, l.T("view.appraisal.result.appeal", l.Time(c.AppealUntil, tz), c.Month))
	case appraisal.StatusAppealed:
		foot = append(foot, l.T("view.appraisal.result.appealed", value(c.Appeal, 500)))
	case appraisal.StatusUpheld:
		foot = append(foot, l.T("view.appraisal.result.upheld", value(c.Decision, 500)))
	}
	if len(foot) > 0 {
		blocks = append(blocks, contextBlock(foot...))
	}
	return text, blocks
}

// AppraisalFlag tells supervisors and HR of two failing months in a row.
func AppraisalFlag(l i18n.Localizer, c appraisal.Card) (string, []slack.Block) {
	text := l.T("view.appraisal.flag", l.Mention(c.Assistant), l.Join(c.Failing), appraisal.Tenths(c.PassMark))
	return text, []slack.Block{section(text)}
}

// AppraisalAppealDecided tells the assistant HR's decision on the appeal.
func AppraisalAppealDecided(l i18n.Localizer, c appraisal.Card) (string, []slack.Block) {
	var text string
	if c.Status == appraisal.StatusAdjusted && c.Adjustment != nil && c.Result != nil {
		text = l.T("view.appraisal.appeal.adjusted", c.Month, appraisal.Tenths(c.Adjustment.OldTotal), appraisal.Tenths(c.Adjustment.NewTotal),
			string(c.Result.Tier), value(c.Adjustment.Reason, 500))
	} else {
		text = l.T("view.appraisal.appeal.upheld", c.Month, value(c.Decision, 500))
	}
	return text, []slack.Block{section(text)}
}

// AppraisalPlanReview reminds that an improvement plan's review is due.
func AppraisalPlanReview(l i18n.Localizer, n appraisal.PlanNotice, tz *time.Location) (string, []slack.Block) {
	text := l.T("view.appraisal.plan.review", l.Mention(n.Assistant), l.Time(n.ReviewAt, tz), l.Mention(n.By))
	return text, []slack.Block{section(text), section(bold(l, l.T("view.appraisal.plan.goals"), value(n.Goals, maxAppraisalText)))}
}

// AppraisalData lists an assistant's figures of a month.
func AppraisalData(l i18n.Localizer, fs appraisal.Figures) (string, []slack.Block) {
	text := l.T("view.appraisal.data.header", l.Mention(fs.Assistant), fs.Month)
	blocks := []slack.Block{section("*" + text + "*")}
	blocks = append(blocks, figureBlocks(l, fs, MaxMessageBlocks-2)...)
	blocks = append(blocks, contextBlock(l.T("view.appraisal.data.note")))
	return text, blocks
}

// AppraisalList is a month's cycles, one line each.
func AppraisalList(l i18n.Localizer, month string, cards []appraisal.Card) (string, []slack.Block) {
	text := l.T("view.appraisal.list.header", month, len(cards))
	lines := make([]string, 0, len(cards))
	for i, c := range cards {
		if i == maxAppraisalList {
			lines = append(lines, l.T("view.appraisal.figure.more", len(cards)-i))
			break
		}
		line := "• " + l.Mention(c.Assistant) + " — " + AppraisalStatus(l, c.Status)
		if c.Result != nil {
			line += " — " + appraisal.Tenths(c.Result.Total) + " (" + string(c.Result.Tier) + ")"
		}
		lines = append(lines, line)
	}
	if len(lines) == 0 {
		lines = append(lines, l.T("view.appraisal.list.empty"))
	}
	blocks := []slack.Block{section("*" + text + "*")}
	more, _ := packLines(lines, MaxMessageBlocks-1)
	return text, append(blocks, more...)
}

func scoreInputs(l i18n.Localizer, initial appraisal.Ratings) []slack.Block {
	out := make([]slack.Block, 0, 5)
	for _, f := range appraisal.RatingFields() {
		in := textInput(l, f, l.T("view.appraisal.form.hint.score"), "", false, 3, 1)
		if v := initial.Get(f); v > 0 {
			in = textInput(l, f, l.T("view.appraisal.form.hint.score"), strconv.Itoa(v), false, 3, 1)
		}
		out = append(out, in)
	}
	return out
}

// AppraisalSelfForm is the self-assessment modal.
func AppraisalSelfForm(l i18n.Localizer, c appraisal.Card, tz *time.Location) slack.ModalViewRequest {
	blocks := []slack.Block{
		section(l.T("view.appraisal.form.self.intro", c.Month, l.Time(c.DeadlineAt, tz))),
		textInput(l, appraisal.FieldAchievements, l.T("view.appraisal.form.hint.achievements"), "", true, appraisal.MaxText, 0),
		textInput(l, appraisal.FieldShortcomings, l.T("view.appraisal.form.hint.shortcomings"), "", true, appraisal.MaxText, 0),
		textInput(l, appraisal.FieldMeasures, l.T("view.appraisal.form.hint.measures"), "", true, appraisal.MaxText, 0),
	}
	blocks = append(blocks, scoreInputs(l, appraisal.Ratings{})...)
	return modal(l, CallbackAppraisalSelf, l.T("view.appraisal.form.self.title"), l.T("view.appraisal.form.submit"), AppraisalValue(c.ID), blocks)
}

// AppraisalRateForm is the supervisor's rating modal, with the self-assessment and the
// figures above the five scores and the comment.
func AppraisalRateForm(l i18n.Localizer, c appraisal.Card, tz *time.Location) slack.ModalViewRequest {
	blocks := []slack.Block{section(l.T("view.appraisal.rating.text", l.Mention(c.Assistant), c.Month))}
	blocks = append(blocks, selfBlocks(l, c, tz)...)
	blocks = append(blocks, figureBlocks(l, c.Figures, 6)...)
	blocks = append(blocks, scoreInputs(l, appraisal.Ratings{})...)
	blocks = append(blocks, textInput(l, appraisal.FieldComment, l.T("view.appraisal.form.hint.comment"), "", true, appraisal.MaxText, 0))
	return modal(l, CallbackAppraisalRate, l.T("view.appraisal.form.rate.title"), l.T("view.appraisal.form.submit"), AppraisalValue(c.ID), blocks)
}

// AppraisalSettings shows the rules in force.
func AppraisalSettings(l i18n.Localizer, st appraisal.Settings, zone *time.Location) (string, []slack.Block) {
	text := l.T("view.appraisal.settings.header")
	weights := make([]string, 0, 4)
	for _, d := range appraisal.Dimensions() {
		weights = append(weights, l.T("appraisal.dimension."+string(d))+" "+strconv.Itoa(st.Scoring.Weights[d])+"%")
	}
	tiers := make([]string, 0, len(st.Scoring.Tiers))
	for _, t := range st.Scoring.Tiers {
		tiers = append(tiers, l.T("view.appraisal.settings.tier", string(t.Tier), appraisal.Tenths(t.From), domain.Money(t.Coefficient).String()))
	}
	clock := func(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }
	sc := st.Schedule
	lines := []string{
		l.T("view.appraisal.settings.weights", escape(l.Join(weights)), st.Scoring.DataShare),
		l.T("view.appraisal.settings.pass", appraisal.Tenths(st.Scoring.PassMark), escape(l.Join(tiers))),
		l.T("view.appraisal.settings.schedule", sc.PromptDay, clock(sc.PromptAt), sc.RemindDay, sc.DeadlineDay, clock(sc.DeadlineAt), zone.String()),
		l.T("view.appraisal.settings.appeal", sc.AppealDays),
	}
	return text, []slack.Block{section("*" + text + "*"), section(strings.Join(lines, "\n")),
		contextBlock(l.T("view.appraisal.settings.usage"))}
}
