package view

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/slack-go/slack"

	"storeops/bot/i18n"
	"storeops/domain/aftersale"
	"storeops/domain/appraisal"
	"storeops/domain/approval"
	"storeops/domain/campaign"
	"storeops/domain/complaint"
	"storeops/domain/feedback"
	"storeops/domain/inquiry"
	"storeops/domain/listing"
	"storeops/domain/order"
	"storeops/domain/report"
)

// Outbox renders a queued message by its template name: the dispatcher delivers what the
// domain queued without knowing any area.
func Outbox(l i18n.Localizer, template string, payload json.RawMessage, tz *time.Location) (string, []slack.Block, error) {
	switch template {
	case approval.TemplateCard, approval.TemplateDecided, approval.TemplateReminder, approval.TemplateNoApprovers:
		var c approval.Card
		if err := json.Unmarshal(payload, &c); err != nil {
			return "", nil, fmt.Errorf("render %s: %w", template, err)
		}
		switch template {
		case approval.TemplateCard:
			text, blocks := ApprovalCard(l, c, tz)
			return text, blocks, nil
		case approval.TemplateDecided:
			text, blocks := ApprovalDecided(l, c, tz)
			return text, blocks, nil
		case approval.TemplateReminder:
			text, blocks := ApprovalReminder(l, c, tz)
			return text, blocks, nil
		default:
			text, blocks := NoApprovers(l, c)
			return text, blocks, nil
		}
	case listing.TemplateDelistCandidates:
		var cl listing.CandidateList
		if err := json.Unmarshal(payload, &cl); err != nil {
			return "", nil, fmt.Errorf("render %s: %w", template, err)
		}
		text, blocks := DelistCandidates(l, cl)
		return text, blocks, nil
	case order.TemplateAlertsDay:
		var d order.AlertsDay
		if err := json.Unmarshal(payload, &d); err != nil {
			return "", nil, fmt.Errorf("render %s: %w", template, err)
		}
		text, blocks := OrderAlertsDay(l, d)
		return text, blocks, nil
	case order.TemplateAlert:
		var c order.Card
		if err := json.Unmarshal(payload, &c); err != nil {
			return "", nil, fmt.Errorf("render %s: %w", template, err)
		}
		text, blocks := OrderAlert(l, c, tz)
		return text, blocks, nil
	case order.TemplateCard:
		var c order.Card
		if err := json.Unmarshal(payload, &c); err != nil {
			return "", nil, fmt.Errorf("render %s: %w", template, err)
		}
		text, blocks := OrderCard(l, c, tz)
		return text, blocks, nil
	case order.TemplateHandoff:
		var h order.HandoffList
		if err := json.Unmarshal(payload, &h); err != nil {
			return "", nil, fmt.Errorf("render %s: %w", template, err)
		}
		text, blocks := OrderHandoff(l, h, tz)
		return text, blocks, nil
	case order.TemplateCallBack:
		var c order.CallBack
		if err := json.Unmarshal(payload, &c); err != nil {
			return "", nil, fmt.Errorf("render %s: %w", template, err)
		}
		text, blocks := OrderCallBack(l, c, tz)
		return text, blocks, nil
	case aftersale.TemplateCard, aftersale.TemplateMoved, aftersale.TemplateWarehouse, aftersale.TemplateStale, aftersale.TemplateEscalated:
		return AftersaleOutbox(l, template, payload, tz)
	case campaign.TemplateCard, campaign.TemplateTaskDue, campaign.TemplateTaskLate, campaign.TemplateHeld, campaign.TemplateLaunched,
		campaign.TemplateLive, campaign.TemplateAlert, campaign.TemplateEnded, campaign.TemplateReport:
		return CampaignOutbox(l, template, payload, tz)
	case complaint.TemplateCard:
		var c complaint.Card
		if err := json.Unmarshal(payload, &c); err != nil {
			return "", nil, fmt.Errorf("render %s: %w", template, err)
		}
		text, blocks := ComplaintCard(l, c, tz)
		return text, blocks, nil
	case complaint.TemplateNotice:
		var n complaint.Notice
		if err := json.Unmarshal(payload, &n); err != nil {
			return "", nil, fmt.Errorf("render %s: %w", template, err)
		}
		text, blocks := ComplaintNotice(l, n, tz)
		return text, blocks, nil
	case inquiry.TemplateReminder, inquiry.TemplateBreach, inquiry.TemplateBreachTeam:
		return InquiryOutbox(l, template, payload, tz)
	case feedback.TemplateSummary:
		return FeedbackOutbox(l, payload, tz)
	case report.TemplateDigest:
		return digestOutbox(l, template, payload)
	case report.TemplatePeriod:
		return reportOutbox(l, template, payload)
	case appraisal.TemplatePrompt, appraisal.TemplateReminder, appraisal.TemplateEscalated, appraisal.TemplateRatingCard,
		appraisal.TemplateResult, appraisal.TemplateFlag, appraisal.TemplateAppeal, appraisal.TemplatePlanReview:
		return appraisalOutbox(l, template, payload, tz)
	case order.TemplateUnshipped:
		var u order.UnshippedList
		if err := json.Unmarshal(payload, &u); err != nil {
			return "", nil, fmt.Errorf("render %s: %w", template, err)
		}
		text, blocks := OrderUnshipped(l, u, tz)
		return text, blocks, nil
	}
	return "", nil, fmt.Errorf("render: unknown outbox template %q", template)
}
