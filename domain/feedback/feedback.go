// Package feedback collects customers' reviews, suggestions and opinions with tags, and
// sums them up by tag and by product for the people who improve products and service
// (SPEC §3).
package feedback

import (
	"context"
	"time"

	"storeops/domain"
)

// Kind of feedback.
type Kind string

const (
	KindReview     Kind = "review"
	KindSuggestion Kind = "suggestion"
	KindOpinion    Kind = "opinion"
)

// Kinds lists every kind in the order forms and summaries show them.
func Kinds() []Kind { return []Kind{KindReview, KindSuggestion, KindOpinion} }

// Feedback is one piece of what a customer said.
type Feedback struct {
	ID        int64
	Kind      Kind
	StoreCode string
	// SKU is the product it is about, upper-cased; empty when it is about no one product.
	SKU  string
	Text string
	// Tags are lower-case and distinct, in the order typed.
	Tags       []string
	RecordedBy string
	CreatedAt  time.Time
}

// Subject names the feedback in audit rows.
func (f Feedback) Subject() domain.Subject { return domain.SubjectOf("feedback", f.ID) }

// Group is the feedback of one tag or one SKU in a period.
type Group struct {
	Key   string       `json:"key"`
	Total int          `json:"total"`
	Kinds map[Kind]int `json:"kinds"`
}

// Summary is the feedback of a period [From, To), grouped.
type Summary struct {
	From  time.Time    `json:"from"`
	To    time.Time    `json:"to"`
	Total int          `json:"total"`
	Kinds map[Kind]int `json:"kinds"`
	// ByTag and BySKU are the largest groups first, at most MaxGroups each; MoreTags and
	// MoreSKUs count the groups left out.
	ByTag    []Group `json:"by_tag"`
	MoreTags int     `json:"more_tags,omitempty"`
	BySKU    []Group `json:"by_sku"`
	MoreSKUs int     `json:"more_skus,omitempty"`
	// Untagged counts the feedback without tags.
	Untagged int `json:"untagged,omitempty"`
	// Examples are the newest pieces, at most MaxExamples.
	Examples []Feedback `json:"examples"`
}

// Limits of a summary: enough to act on, small enough for one Slack message.
const (
	MaxGroups   = 15
	MaxExamples = 5
)

// Repository stores feedback and settings. Writes join the transaction in ctx.
type Repository interface {
	Create(ctx context.Context, f *Feedback) error
	// Summarize groups the feedback created in [from, to).
	Summarize(ctx context.Context, from, to time.Time, maxGroups, maxExamples int) (Summary, error)
	// Channel returns where the weekly summary goes ("" when not set); SetChannel sets it.
	Channel(ctx context.Context) (string, error)
	SetChannel(ctx context.Context, channel, by string, at time.Time) error
}
