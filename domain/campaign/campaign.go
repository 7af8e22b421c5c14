// Package campaign runs marketing campaigns (营销活动, SPEC §4): a plan approved by a
// supervisor, a checklist with owners and due times before the launch, live figures against
// pro-rated targets while it runs, and a summary report at the end.
package campaign

import (
	"context"
	"strconv"
	"strings"
	"time"

	"storeops/domain"
)

// Type is what occasion the campaign is for.
type Type string

const (
	TypePromotion     Type = "promotion"      // 店铺促销
	TypeHoliday       Type = "holiday"        // 节日活动
	TypePlatformEvent Type = "platform_event" // 平台活动: 618, 双11
)

// Types lists the types in the order the form offers them.
func Types() []Type { return []Type{TypePromotion, TypeHoliday, TypePlatformEvent} }

// Status of a campaign.
type Status string

const (
	StatusDraft           Status = "draft"
	StatusPendingApproval Status = "pending_approval"
	StatusPreparing       Status = "preparing"
	StatusRunning         Status = "running"
	StatusEnded           Status = "ended"
	StatusSummarised      Status = "summarised"
	StatusCancelled       Status = "cancelled"
)

// Statuses lists every status in lifecycle order.
func Statuses() []Status {
	return []Status{StatusDraft, StatusPendingApproval, StatusPreparing, StatusRunning, StatusEnded, StatusSummarised, StatusCancelled}
}

// Channel is a promotion channel of the plan.
type Channel string

const (
	ChannelHomeBanner Channel = "home_banner" // on-site
	ChannelSMS        Channel = "sms"         // on-site
	ChannelEmail      Channel = "email"       // on-site
	ChannelSocial     Channel = "social"      // off-site
	ChannelSearchAds  Channel = "search_ads"  // off-site
)

// Channels lists the channels, on-site first.
func Channels() []Channel {
	return []Channel{ChannelHomeBanner, ChannelSMS, ChannelEmail, ChannelSocial, ChannelSearchAds}
}

// OnSite reports whether the channel is the store's own.
func (c Channel) OnSite() bool {
	return c == ChannelHomeBanner || c == ChannelSMS || c == ChannelEmail
}

// Targets are what the campaign means to reach over its whole duration. Paid amount is
// required; visitors and conversion are optional (zero: no target).
type Targets struct {
	PaidAmount domain.Money `json:"paid_amount"`
	Visitors   int64        `json:"visitors,omitempty"`
	// ConversionBP is the conversion rate in basis points (3.5 % = 350).
	ConversionBP int64 `json:"conversion_bp,omitempty"`
}

// Campaign is one planned, running or past campaign of one store.
type Campaign struct {
	ID        int64
	StoreCode string
	Theme     string
	Type      Type
	// Start and End are instants; the form reads them as wall-clock times of the store's zone.
	Start    time.Time
	End      time.Time
	Discount Discount
	// Budget is what the campaign may spend; 0 when none was given.
	Budget   domain.Money
	Targets  Targets
	Channels []Channel
	SKUs     []string
	// AlertShare is the share of the pro-rated target (percent) below which the owner is
	// alerted; 0 means the service default (70).
	AlertShare int
	Owner      string
	Status     Status
	ApprovalID int64
	// Overlaps are the numbers of campaigns of the same store and type whose dates overlap,
	// found when the plan was submitted: a warning for the approver.
	Overlaps []int64
	Tasks    []Task
	// HeldAt is when the launch was held by open checklist items (zero when it was not).
	HeldAt time.Time
	// LaunchedBy/At name who launched it: the bot at the start, or a supervisor anyway.
	LaunchedBy     string
	LaunchedAt     time.Time
	LaunchedAnyway bool
	EndedAt        time.Time
	CancelReason   string
	Summary        Summary
	CreatedAt      time.Time
	UpdatedAt      time.Time
	Version        int
}

// Summary is the owner's text after the end (活动总结).
type Summary struct {
	Worked    string       `json:"worked,omitempty"`
	NotWorked string       `json:"not_worked,omitempty"`
	Lessons   string       `json:"lessons,omitempty"`
	Cost      domain.Money `json:"cost,omitempty"`
	By        string       `json:"by,omitempty"`
	At        time.Time    `json:"at,omitzero"`
}

// Subject is the campaign's name in audit rows, approvals and timers.
func (c Campaign) Subject() domain.Subject { return domain.SubjectOf("campaign", c.ID) }

// Number is how people name a campaign: "C-12".
func (c Campaign) Number() string { return Number(c.ID) }

// Number formats a campaign id as people name it.
func Number(id int64) string { return "C-" + strconv.FormatInt(id, 10) }

// ParseNumber reads a campaign as typed: "C-12", "c12", "#12" or "12".
func ParseNumber(s string) (int64, error) {
	t := strings.TrimSpace(strings.ToUpper(s))
	t = strings.TrimPrefix(t, "#")
	t = strings.TrimPrefix(t, "C")
	t = strings.TrimPrefix(t, "-")
	id, err := strconv.ParseInt(t, 10, 64)
	if err != nil || id <= 0 {
		return 0, domain.Errorf(domain.EINVALID, "campaign.id.invalid", s)
	}
	return id, nil
}

// OpenTasks are the checklist items not yet ticked.
func (c Campaign) OpenTasks() []Task {
	var out []Task
	for _, t := range c.Tasks {
		if !t.Done {
			out = append(out, t)
		}
	}
	return out
}

// Task returns the checklist item numbered n.
func (c *Campaign) Task(n int) (*Task, bool) {
	for i := range c.Tasks {
		if c.Tasks[i].No == n {
			return &c.Tasks[i], true
		}
	}
	return nil, false
}

// Filter selects campaigns for List.
type Filter struct {
	Statuses []Status
	Store    string
	Type     Type
	// Overlapping keeps campaigns whose [Start, End) meets [From, To).
	From, To time.Time
	Limit    int
}

// Repository stores campaigns with their checklists. Writes join the transaction in ctx.
type Repository interface {
	Create(ctx context.Context, c *Campaign) error
	// Find returns ENOTFOUND "campaign.not_found" (args: the number).
	Find(ctx context.Context, id int64) (Campaign, error)
	// Update loads with a row lock, calls fn and saves with Version+1, or saves nothing when
	// fn fails (returning fn's error unchanged).
	Update(ctx context.Context, id int64, fn func(*Campaign) error) (Campaign, error)
	// List returns campaigns matching f, by start (the earliest first).
	List(ctx context.Context, f Filter) ([]Campaign, error)
}
