package appraisal

import "time"

// Outbox templates of the appraisal.
const (
	TemplatePrompt     = "appraisal.prompt"
	TemplateReminder   = "appraisal.reminder"
	TemplateEscalated  = "appraisal.escalated"
	TemplateRatingCard = "appraisal.rating_card"
	TemplateResult     = "appraisal.result"
	TemplateFlag       = "appraisal.flag"
	TemplateAppeal     = "appraisal.appeal_decided"
	TemplatePlanReview = "appraisal.plan_review"
)

// Templates lists every template, for the renderer's tests.
func Templates() []string {
	return []string{TemplatePrompt, TemplateReminder, TemplateEscalated, TemplateRatingCard, TemplateResult, TemplateFlag,
		TemplateAppeal, TemplatePlanReview}
}

// Card is what the appraisal's messages show of a cycle: a JSON snapshot for the outbox.
type Card struct {
	ID         int64     `json:"id"`
	Month      string    `json:"month"`
	Assistant  string    `json:"assistant"`
	Status     Status    `json:"status"`
	DeadlineAt time.Time `json:"deadline_at"`
	// LastCall marks the reminder on the deadline's morning.
	LastCall bool `json:"last_call,omitempty"`

	Self        *Self     `json:"self,omitempty"`
	SubmittedAt time.Time `json:"submitted_at,omitzero"`
	Figures     Figures   `json:"figures"`

	Ratings     *Ratings    `json:"ratings,omitempty"`
	Comment     string      `json:"comment,omitempty"`
	RatedBy     string      `json:"rated_by,omitempty"`
	Result      *Result     `json:"result,omitempty"`
	PublishedAt time.Time   `json:"published_at,omitzero"`
	AppealUntil time.Time   `json:"appeal_until,omitzero"`
	Appeal      string      `json:"appeal,omitempty"`
	Adjustment  *Adjustment `json:"adjustment,omitempty"`
	Decision    string      `json:"decision,omitempty"`
	// Failing lists the months of a flag (two failing in a row).
	Failing []string `json:"failing,omitempty"`
	// PassMark in tenths, for the flag.
	PassMark int `json:"pass_mark,omitempty"`
}

// CardOf is the card of a cycle.
func (s *Service) CardOf(c Cycle) Card { return CardOf(c) }

// CardOf is the card of a cycle.
func CardOf(c Cycle) Card {
	card := Card{ID: c.ID, Month: c.Month, Assistant: c.Assistant, Status: c.Status, DeadlineAt: c.DeadlineAt,
		SubmittedAt: c.SubmittedAt, Figures: c.Figures, Comment: c.Comment, RatedBy: c.RatedBy, PublishedAt: c.PublishedAt,
		Appeal: c.AppealReason, Adjustment: c.Adjustment, Decision: c.Decision, PassMark: c.Result.PassMark, AppealUntil: c.AppealUntil}
	if !c.SubmittedAt.IsZero() {
		self := c.Self
		card.Self = &self
	}
	if !c.RatedAt.IsZero() {
		r, res := c.Ratings, c.Result
		card.Ratings, card.Result = &r, &res
	}
	return card
}

// PlanNotice is the reminder of an improvement plan's review.
type PlanNotice struct {
	Assistant string    `json:"assistant"`
	Goals     string    `json:"goals"`
	ReviewAt  time.Time `json:"review_at"`
	By        string    `json:"by"`
}
