package view

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"storeops/bot/i18n"
	"storeops/domain/campaign"
)

// Identifiers of the campaign card, its notices and modals. The tick buttons of a card are
// ActionCampaignTick + "." + the item number (action_ids of one block must differ); their
// value is "id:no".
const (
	ActionCampaignTick     = "campaign.tick"
	ActionCampaignLaunch   = "campaign.launch_anyway"
	ActionCampaignPostpone = "campaign.postpone"
	ActionCampaignSummary  = "campaign.summary"

	CallbackCampaignForm     = "campaign.form"
	CallbackCampaignPostpone = "campaign.postpone"
	CallbackCampaignSummary  = "campaign.summary"
)

// CampaignTickAction is the action_id of the button that ticks item no.
func CampaignTickAction(no int) string { return ActionCampaignTick + "." + strconv.Itoa(no) }

// CampaignTickValue is the value of a tick button.
func CampaignTickValue(id int64, no int) string { return fmt.Sprintf("%d:%d", id, no) }

// ParseCampaignTickValue reads CampaignTickValue.
func ParseCampaignTickValue(v string) (int64, int, error) {
	a, b, ok := strings.Cut(v, ":")
	id, err1 := strconv.ParseInt(a, 10, 64)
	no, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || id <= 0 || no <= 0 {
		return 0, 0, fmt.Errorf("campaign tick value %q: want id:no", v)
	}
	return id, no, nil
}

const (
	maxCampaignList = 30
	maxCampaignSKUs = 20
)

// CampaignStatus names a campaign state in the reader's language.
func CampaignStatus(l i18n.Localizer, s campaign.Status) string {
	return campaignWord(l, "campaign.status.", string(s))
}

// CampaignType names a campaign type.
func CampaignType(l i18n.Localizer, t campaign.Type) string {
	return campaignWord(l, "campaign.type.", string(t))
}

// CampaignTaskName names a checklist item: its template name or its own text.
func CampaignTaskName(l i18n.Localizer, t campaign.TaskCard) string {
	if t.Key != "" {
		return campaignWord(l, "campaign.task.", t.Key)
	}
	return t.Title
}

func campaignWord(l i18n.Localizer, prefix, v string) string {
	if l.Has(prefix + v) {
		return l.T(prefix + v)
	}
	return v
}

// CampaignDiscount says the strategy with its parameters: "Full reduction: 300.00-50.00".
func CampaignDiscount(l i18n.Localizer, d campaign.Discount) string {
	return campaignWord(l, "campaign.discount.", string(d.Kind)) + ": " + d.String()
}

func campaignTime(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return dash
	}
	return t.In(loc).Format(campaign.DateTimeLayout)
}

// CampaignCard is the campaign card in the team channel: the plan, the checklist with owners
// and due times, and a tick button per open item while the campaign is prepared. Every
// update renders the whole card again.
func CampaignCard(l i18n.Localizer, c campaign.Card, tz *time.Location) (string, []slack.Block) {
	text := l.T("view.campaign.text", c.Number(), escape(Cut(c.Theme, 100)), CampaignStatus(l, c.Status))
	blocks := campaignBlocks(l, c, tz)
	if c.Tickable {
		if b := campaignTickButtons(l, c); b != nil {
			blocks = append(blocks, b)
		}
	}
	return text, blocks
}

func campaignBlocks(l i18n.Localizer, c campaign.Card, tz *time.Location) []slack.Block {
	loc := c.Location(tz)
	blocks := []slack.Block{
		header(Cut(l.T("view.campaign.header", c.Number(), c.Theme), MaxHeaderText)),
		contextBlock(l.T("view.campaign.context", escape(c.Store), CampaignType(l, c.Type), l.Mention(c.Owner)),
			bold(l, l.FieldLabel("status"), escape(CampaignStatus(l, c.Status)))),
		section(campaignPlan(l, c, loc)),
	}
	if len(c.Tasks) > 0 {
		blocks = append(blocks, section(campaignChecklist(l, c, loc)))
	}
	if p := campaignProgress(l, c, loc); p != "" {
		blocks = append(blocks, contextBlock(p))
	}
	return blocks
}

func campaignPlan(l i18n.Localizer, c campaign.Card, loc *time.Location) string {
	lines := []string{
		bold(l, l.FieldLabel("campaign_dates"), l.T("view.campaign.dates", campaignTime(c.Start, loc), campaignTime(c.End, loc), loc.String())),
		bold(l, l.FieldLabel(campaign.FieldDiscount), escape(Cut(CampaignDiscount(l, c.Discount), 300))),
		bold(l, l.FieldLabel("campaign_targets"), campaignTargets(l, c.Targets)),
	}
	if c.Budget > 0 {
		lines = append(lines, bold(l, l.FieldLabel(campaign.FieldBudget), amount(c.Budget)))
	}
	if len(c.Channels) > 0 {
		names := make([]string, len(c.Channels))
		for i, ch := range c.Channels {
			names[i] = campaignWord(l, "campaign.channel.", string(ch))
		}
		lines = append(lines, bold(l, l.FieldLabel(campaign.FieldChannels), l.Join(names)))
	}
	if len(c.SKUs) > 0 {
		skus := c.SKUs
		more := ""
		if len(skus) > maxCampaignSKUs {
			more = " " + l.T("view.campaign.more", len(skus)-maxCampaignSKUs)
			skus = skus[:maxCampaignSKUs]
		}
		quoted := make([]string, len(skus))
		for i, s := range skus {
			quoted[i] = "`" + escape(Cut(s, 64)) + "`"
		}
		lines = append(lines, bold(l, l.FieldLabel(campaign.FieldSKUs), strings.Join(quoted, " ")+more))
	}
	if len(c.Overlaps) > 0 {
		nums := make([]string, len(c.Overlaps))
		for i, id := range c.Overlaps {
			nums[i] = campaign.Number(id)
		}
		lines = append(lines, l.T("view.campaign.overlaps", strings.Join(nums, ", ")))
	}
	return cutMrkdwn(strings.Join(lines, "\n"), MaxSectionText)
}

func campaignTargets(l i18n.Localizer, t campaign.Targets) string {
	parts := []string{l.T("view.campaign.target.paid_amount", amount(t.PaidAmount))}
	if t.Visitors > 0 {
		parts = append(parts, l.T("view.campaign.target.visitors", t.Visitors))
	}
	if t.ConversionBP > 0 {
		parts = append(parts, l.T("view.campaign.target.conversion", campaign.FormatBP(t.ConversionBP)))
	}
	return strings.Join(parts, " · ")
}

func campaignChecklist(l i18n.Localizer, c campaign.Card, loc *time.Location) string {
	lines := []string{"*" + l.T("view.campaign.checklist", len(c.Tasks)-c.Open, len(c.Tasks)) + "*"}
	for _, t := range c.Tasks {
		lines = append(lines, campaignTaskLine(l, t, loc))
	}
	return cutMrkdwn(strings.Join(lines, "\n"), MaxSectionText)
}

func campaignTaskLine(l i18n.Localizer, t campaign.TaskCard, loc *time.Location) string {
	mark := "☐"
	if t.Done {
		mark = "☑"
	}
	line := l.T("view.campaign.task", mark, t.No, escape(Cut(CampaignTaskName(l, t), 150)), l.Mention(t.Owner), campaignTime(t.Due, loc))
	switch {
	case t.Done && t.Late:
		line += " " + l.T("view.campaign.task.done_late", l.Mention(t.DoneBy), campaignTime(t.DoneAt, loc))
	case t.Done:
		line += " " + l.T("view.campaign.task.done", l.Mention(t.DoneBy), campaignTime(t.DoneAt, loc))
	case t.Late:
		line += " " + l.T("view.campaign.task.late")
	}
	return line
}

func campaignProgress(l i18n.Localizer, c campaign.Card, loc *time.Location) string {
	var parts []string
	if c.ApprovalID != 0 {
		parts = append(parts, l.T("view.campaign.awaiting_approval", c.ApprovalID))
	}
	if !c.HeldAt.IsZero() && c.Status == campaign.StatusPreparing {
		parts = append(parts, l.T("view.campaign.held", campaignTime(c.HeldAt, loc), c.Open))
	}
	if !c.LaunchedAt.IsZero() {
		key := "view.campaign.launched"
		if c.LaunchedAnyway {
			key = "view.campaign.launched_anyway"
		}
		parts = append(parts, l.T(key, l.Mention(c.LaunchedBy), campaignTime(c.LaunchedAt, loc)))
	}
	if c.CancelReason != "" {
		parts = append(parts, bold(l, l.FieldLabel("reason"), value(c.CancelReason, 500)))
	}
	return strings.Join(parts, " · ")
}

func campaignTickButtons(l i18n.Localizer, c campaign.Card) *slack.ActionBlock {
	var els []slack.BlockElement
	for _, t := range c.Tasks {
		if t.Done || len(els) == 25 {
			continue
		}
		label := Cut(l.T("view.campaign.button.tick", t.No, CampaignTaskName(l, t)), MaxButtonText)
		els = append(els, slack.NewButtonBlockElement(CampaignTickAction(t.No), CampaignTickValue(c.ID, t.No), plain(label)))
	}
	if len(els) == 0 {
		return nil
	}
	return slack.NewActionBlock(campaign.CardRef(c.ID), els...)
}

// CampaignDetail is `/ops campaign show`: the card without buttons, and the live figures
// when the campaign has started.
func CampaignDetail(l i18n.Localizer, c campaign.Card, live *campaign.Live, tz *time.Location) []slack.Block {
	blocks := campaignBlocks(l, c, tz)
	if live != nil {
		blocks = append(blocks, slack.NewDividerBlock())
		blocks = append(blocks, campaignLiveBlocks(l, *live, c.Location(tz))...)
	}
	if len(blocks) > MaxMessageBlocks {
		blocks = blocks[:MaxMessageBlocks]
	}
	return blocks
}

// CampaignList is one line per campaign, by start.
func CampaignList(l i18n.Localizer, title string, cards []campaign.Card, tz *time.Location) []slack.Block {
	blocks := []slack.Block{header(Cut(title, MaxHeaderText))}
	if len(cards) == 0 {
		return append(blocks, section(l.T("view.campaign.list.empty")))
	}
	lines := make([]string, 0, len(cards))
	for i, c := range cards {
		if i == maxCampaignList {
			break
		}
		loc := c.Location(tz)
		lines = append(lines, l.T("view.campaign.list.line", c.Number(), escape(c.Store), escape(Cut(c.Theme, 80)), CampaignType(l, c.Type),
			CampaignStatus(l, c.Status), campaignTime(c.Start, loc), campaignTime(c.End, loc), c.Open, l.Mention(c.Owner)))
	}
	packed, _ := packLines(lines, MaxMessageBlocks-3)
	blocks = append(blocks, packed...)
	if len(cards) > maxCampaignList {
		blocks = append(blocks, contextBlock(l.T("view.campaign.list.more", len(cards)-maxCampaignList)))
	}
	return blocks
}

// CampaignForm is the modal of `/ops campaign new`. Every input has block_id = the field,
// so that the domain's problems land next to their fields. zone names the zone the times
// are read in.
func CampaignForm(l i18n.Localizer, store, zone, metadata string) slack.ModalViewRequest {
	options := func(prefix string, values []string) []*slack.OptionBlockObject {
		out := make([]*slack.OptionBlockObject, len(values))
		for i, v := range values {
			out[i] = slack.NewOptionBlockObject(v, plain(Cut(campaignWord(l, prefix, v), MaxOptionText)), nil)
		}
		return out
	}
	var types, kinds, chans []string
	for _, t := range campaign.Types() {
		types = append(types, string(t))
	}
	for _, k := range campaign.DiscountKinds() {
		kinds = append(kinds, string(k))
	}
	for _, c := range campaign.Channels() {
		chans = append(chans, string(c))
	}
	sel := func(field, placeholder string, opts []*slack.OptionBlockObject) *slack.InputBlock {
		el := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain(Cut(l.T(placeholder), MaxPlaceholder)), InputAction, opts...)
		return slack.NewInputBlock(field, plain(l.FieldLabel(field)), nil, el)
	}
	boxes := slack.NewCheckboxGroupsBlockElement(InputAction, options("campaign.channel.", chans)...)
	channels := slack.NewInputBlock(campaign.FieldChannels, plain(l.FieldLabel(campaign.FieldChannels)), nil, boxes)
	channels.Optional = true
	blocks := []slack.Block{
		caseInput(l, campaign.FieldStore, l.T("view.campaign.form.hint.store"), store, false, 32, false),
		caseInput(l, campaign.FieldTheme, "", "", false, campaign.MaxTheme, false),
		sel(campaign.FieldType, "view.campaign.form.type", options("campaign.type.", types)),
		caseInput(l, campaign.FieldStart, l.T("view.campaign.form.hint.time", zone), "", false, 20, false),
		caseInput(l, campaign.FieldEnd, l.T("view.campaign.form.hint.time", zone), "", false, 20, false),
		sel(campaign.FieldDiscount, "view.campaign.form.discount", options("campaign.discount.", kinds)),
		caseInput(l, campaign.FieldDiscountParams, l.T("view.campaign.form.hint.discount"), "", false, campaign.MaxParamsText, false),
		caseInput(l, campaign.FieldBudget, l.T("view.campaign.form.hint.optional_amount"), "", false, 20, true),
		caseInput(l, campaign.FieldTargetAmount, l.T("view.campaign.form.hint.target_amount"), "", false, 20, false),
		caseInput(l, campaign.FieldTargetVisitors, l.T("view.campaign.form.hint.optional"), "", false, 15, true),
		caseInput(l, campaign.FieldTargetConv, l.T("view.campaign.form.hint.conversion"), "", false, 10, true),
		channels,
		caseInput(l, campaign.FieldSKUs, l.T("view.campaign.form.hint.skus", campaign.MaxSKUs), "", true, campaign.MaxSKUsText, true),
	}
	return modal(l, CallbackCampaignForm, l.T("view.campaign.form.title"), l.T("view.campaign.form.submit"), metadata, blocks)
}

// CampaignPostponeForm asks a supervisor for the new start and end, prefilled with the
// current ones in the store's zone.
func CampaignPostponeForm(l i18n.Localizer, c campaign.Card, tz *time.Location) slack.ModalViewRequest {
	loc := c.Location(tz)
	return modal(l, CallbackCampaignPostpone, l.T("view.campaign.postpone.title"), l.T("view.campaign.postpone.submit"), strconv.FormatInt(c.ID, 10), []slack.Block{
		section(l.T("view.campaign.text", c.Number(), escape(Cut(c.Theme, 100)), CampaignStatus(l, c.Status))),
		caseInput(l, campaign.FieldStart, l.T("view.campaign.form.hint.time", loc.String()), c.Start.In(loc).Format(campaign.DateTimeLayout), false, 20, false),
		caseInput(l, campaign.FieldEnd, l.T("view.campaign.form.hint.time", loc.String()), c.End.In(loc).Format(campaign.DateTimeLayout), false, 20, false),
	})
}

// CampaignSummaryForm is the owner's summary modal.
func CampaignSummaryForm(l i18n.Localizer, c campaign.Card) slack.ModalViewRequest {
	return modal(l, CallbackCampaignSummary, l.T("view.campaign.summary.title"), l.T("view.campaign.summary.submit"), strconv.FormatInt(c.ID, 10), []slack.Block{
		section(l.T("view.campaign.text", c.Number(), escape(Cut(c.Theme, 100)), CampaignStatus(l, c.Status))),
		caseInput(l, campaign.FieldWorked, "", "", true, campaign.MaxText, false),
		caseInput(l, campaign.FieldNotWorked, "", "", true, campaign.MaxText, true),
		caseInput(l, campaign.FieldLessons, "", "", true, campaign.MaxText, true),
		caseInput(l, campaign.FieldCost, l.T("view.campaign.form.hint.cost"), "", false, 20, true),
	})
}
