package view

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"storeops/bot/i18n"
	"storeops/domain/feedback"
	"storeops/domain/store"
)

// Identifiers of the feedback modal.
const CallbackFeedbackForm = "feedback.form"

// FeedbackForm is the modal of new feedback.
func FeedbackForm(l i18n.Localizer, stores []store.Store, metadata string) slack.ModalViewRequest {
	var kinds []*slack.OptionBlockObject
	for _, k := range feedback.Kinds() {
		kinds = append(kinds, slack.NewOptionBlockObject(string(k), plain(Cut(l.T("feedback.kind."+string(k)), MaxOptionText)), nil))
	}
	kind := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain(Cut(l.T("view.feedback.kind.placeholder"), MaxPlaceholder)),
		InputAction, kinds...)
	blocks := []slack.Block{
		slack.NewInputBlock(feedback.FieldKind, plain(l.FieldLabel(feedback.FieldKind)), nil, kind),
		storeInput(l, stores, ""),
		optionalInput(textInput(l, feedback.FieldSKU, l.T("view.feedback.hint.sku"), "", false, maxSKU, 0)),
		textInput(l, feedback.FieldText, l.T("view.feedback.hint.text"), "", true, feedback.MaxText, 0),
		optionalInput(textInput(l, feedback.FieldTags, l.T("view.feedback.hint.tags", feedback.MaxTags), "", false, 0, 0)),
	}
	return modal(l, CallbackFeedbackForm, l.T("view.feedback.form.title"), l.T("view.feedback.form.submit"), metadata, blocks)
}

// feedbackKinds is "review 2 · suggestion 1", the kinds that occur in the order of Kinds.
func feedbackKinds(l i18n.Localizer, kinds map[feedback.Kind]int) string {
	var parts []string
	for _, k := range feedback.Kinds() {
		if n := kinds[k]; n > 0 {
			parts = append(parts, l.T("view.feedback.kind_count", l.T("feedback.kind."+string(k)), n))
		}
	}
	return strings.Join(parts, " · ")
}

func feedbackGroups(l i18n.Localizer, title string, groups []feedback.Group, more int) []slack.Block {
	lines := []string{"*" + escape(title) + "*"}
	for _, g := range groups {
		lines = append(lines, l.T("view.feedback.group", value(g.Key, 80), g.Total, feedbackKinds(l, g.Kinds)))
	}
	if more > 0 {
		lines = append(lines, l.T("view.feedback.more_groups", more))
	}
	// Fifteen short lines fit one section; two is the bound whatever the keys hold.
	blocks, _ := packLines(lines, 2)
	return blocks
}

// FeedbackSummary is a period's feedback grouped by tag and by SKU, with the newest
// examples. It stays well inside a message's 50 blocks whatever the counts: the groups and
// examples are capped by the domain, and each part by its own block budget here.
func FeedbackSummary(l i18n.Localizer, sum feedback.Summary, tz *time.Location) (string, []slack.Block) {
	// Shown with times: the end is exclusive, and "last 7 days" starts at the time it was asked.
	period := l.T("view.feedback.period", l.Time(sum.From, tz), l.Time(sum.To, tz))
	text := l.T("view.feedback.summary.text", sum.Total, period)
	blocks := []slack.Block{header(l.T("view.feedback.summary.title")), contextBlock(period)}
	if sum.Total == 0 {
		return text, append(blocks, section(l.T("view.feedback.summary.none")))
	}
	blocks = append(blocks, section(l.T("view.feedback.summary.total", sum.Total, feedbackKinds(l, sum.Kinds))))
	if len(sum.ByTag) > 0 {
		blocks = append(blocks, feedbackGroups(l, l.T("view.feedback.by_tag"), sum.ByTag, sum.MoreTags)...)
	}
	if sum.Untagged > 0 {
		blocks = append(blocks, contextBlock(l.T("view.feedback.untagged", sum.Untagged)))
	}
	if len(sum.BySKU) > 0 {
		blocks = append(blocks, feedbackGroups(l, l.T("view.feedback.by_sku"), sum.BySKU, sum.MoreSKUs)...)
	}
	if len(sum.Examples) > 0 {
		blocks = append(blocks, slack.NewDividerBlock(), section("*"+escape(l.T("view.feedback.examples"))+"*"))
		for i, f := range sum.Examples {
			if i == feedback.MaxExamples {
				break
			}
			about := value(f.StoreCode, 32)
			if f.SKU != "" {
				about += "/" + value(f.SKU, maxSKU)
			}
			line := l.T("view.feedback.example", l.T("feedback.kind."+string(f.Kind)), about, value(f.Text, 500))
			ctx := []string{l.Time(f.CreatedAt, tz), l.Mention(f.RecordedBy)}
			if len(f.Tags) > 0 {
				ctx = append(ctx, value(strings.Join(f.Tags, ", "), 300))
			}
			blocks = append(blocks, section(line), contextBlock(ctx...))
		}
	}
	return text, blocks
}

// FeedbackOutbox renders the weekly summary of the outbox.
func FeedbackOutbox(l i18n.Localizer, payload json.RawMessage, tz *time.Location) (string, []slack.Block, error) {
	var sum feedback.Summary
	if err := json.Unmarshal(payload, &sum); err != nil {
		return "", nil, fmt.Errorf("render %s: %w", feedback.TemplateSummary, err)
	}
	text, blocks := FeedbackSummary(l, sum, tz)
	return text, blocks, nil
}
