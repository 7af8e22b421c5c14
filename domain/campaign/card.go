package campaign

import (
	"slices"
	"strconv"
	"time"

	"storeops/domain"
)

// Outbox templates of campaigns.
const (
	// TemplateCard is the campaign card in the store's team channel, with the checklist's
	// tick buttons while it is prepared; updated in place.
	TemplateCard = "campaign.card"
	// TemplateTaskDue reminds an item's owner before its due time; TemplateTaskLate tells
	// them it passed.
	TemplateTaskDue  = "campaign.task_due"
	TemplateTaskLate = "campaign.task_late"
	// TemplateHeld tells the owners of open items and the supervisors that the launch is
	// held; the supervisors' copy has the Launch anyway and Postpone buttons.
	TemplateHeld = "campaign.held"
	// TemplateLaunched is the reply under the card when the campaign starts.
	TemplateLaunched = "campaign.launched"
	// TemplateLive is the scheduled post of live figures; TemplateChart its chart (a file).
	TemplateLive  = "campaign.live"
	TemplateChart = "campaign.chart"
	// TemplateAlert tells the owner a figure is below its share of the target or a SKU
	// sold out.
	TemplateAlert = "campaign.alert"
	// TemplateEnded asks the owner for the summary, with a button opening its modal.
	TemplateEnded = "campaign.ended"
	// TemplateReport is the summary report posted to the team channel.
	TemplateReport = "campaign.report"
	// TemplateWorkbook is the report's XLSX workbook (a file), uploaded into the report's
	// thread (or to the filer's DM when the store has no team channel); it is written at
	// delivery from the Report in the payload.
	TemplateWorkbook = "campaign.workbook"
)

// ReportRef is the Slack message reference of a campaign's summary report.
func ReportRef(id int64) string { return "campaign.report:" + strconv.FormatInt(id, 10) }

// CardRef is the Slack message reference of a campaign's card.
func CardRef(id int64) string { return "campaign:" + strconv.FormatInt(id, 10) }

// TaskCard is a checklist item as the card shows it.
type TaskCard struct {
	No     int       `json:"no"`
	Key    string    `json:"key,omitempty"`
	Title  string    `json:"title,omitempty"`
	Owner  string    `json:"owner"`
	Due    time.Time `json:"due"`
	Done   bool      `json:"done,omitempty"`
	DoneBy string    `json:"done_by,omitempty"`
	DoneAt time.Time `json:"done_at,omitzero"`
	// Late is true for an open item past its due time, or one done after it.
	Late bool `json:"late,omitempty"`
}

// Card is what a campaign's messages show.
type Card struct {
	ID      int64  `json:"id"`
	Version int    `json:"version"`
	Store   string `json:"store"`
	Theme   string `json:"theme"`
	Type    Type   `json:"type"`
	Status  Status `json:"status"`
	Owner   string `json:"owner"`
	// Zone is the IANA name of the zone the times are shown in (the store's).
	Zone           string       `json:"zone"`
	Start          time.Time    `json:"start"`
	End            time.Time    `json:"end"`
	Discount       Discount     `json:"discount"`
	Budget         domain.Money `json:"budget,omitempty"`
	Targets        Targets      `json:"targets"`
	Channels       []Channel    `json:"channels,omitempty"`
	SKUs           []string     `json:"skus,omitempty"`
	Overlaps       []int64      `json:"overlaps,omitempty"`
	Tasks          []TaskCard   `json:"tasks,omitempty"`
	Open           int          `json:"open"`
	ApprovalID     int64        `json:"approval_id,omitempty"`
	HeldAt         time.Time    `json:"held_at,omitzero"`
	LaunchedBy     string       `json:"launched_by,omitempty"`
	LaunchedAt     time.Time    `json:"launched_at,omitzero"`
	LaunchedAnyway bool         `json:"launched_anyway,omitempty"`
	CancelReason   string       `json:"cancel_reason,omitempty"`
	// Tickable is true while the checklist's buttons are offered (in preparation).
	Tickable bool `json:"tickable,omitempty"`
}

// Number is "C-12".
func (c Card) Number() string { return Number(c.ID) }

// Location is the card's zone, or fallback when its name does not load.
func (c Card) Location(fallback *time.Location) *time.Location {
	if c.Zone == "" {
		return fallback
	}
	loc, err := time.LoadLocation(c.Zone)
	if err != nil {
		return fallback
	}
	return loc
}

// CardOf builds the card view of a campaign, with times in loc and lateness at now.
func CardOf(c Campaign, loc *time.Location, now time.Time) Card {
	card := Card{ID: c.ID, Version: c.Version, Store: c.StoreCode, Theme: c.Theme, Type: c.Type, Status: c.Status, Owner: c.Owner,
		Zone: loc.String(), Start: c.Start, End: c.End, Discount: c.Discount, Budget: c.Budget, Targets: c.Targets,
		Channels: c.Channels, SKUs: c.SKUs, Overlaps: c.Overlaps, ApprovalID: c.ApprovalID, HeldAt: c.HeldAt,
		LaunchedBy: c.LaunchedBy, LaunchedAt: c.LaunchedAt, LaunchedAnyway: c.LaunchedAnyway, CancelReason: c.CancelReason,
		Tickable: c.Status == StatusPreparing}
	for _, t := range c.Tasks {
		due := t.Due(c.Start)
		late := (!t.Done && now.After(due)) || (t.Done && t.DoneAt.After(due))
		card.Tasks = append(card.Tasks, TaskCard{No: t.No, Key: t.Key, Title: t.Title, Owner: t.Owner, Due: due, Done: t.Done,
			DoneBy: t.DoneBy, DoneAt: t.DoneAt, Late: late})
		if !t.Done {
			card.Open++
		}
	}
	return card
}

// TaskNotice is the payload of an item's reminder and late notice.
type TaskNotice struct {
	Campaign Card     `json:"campaign"`
	Task     TaskCard `json:"task"`
}

// Held is the payload of the held-launch notice.
type Held struct {
	Campaign Card       `json:"campaign"`
	Open     []TaskCard `json:"open"`
	// Decide is true on the supervisors' copy, which has the buttons.
	Decide bool `json:"decide,omitempty"`
}

// Launched is the payload of the launch reply.
type Launched struct {
	Campaign Card       `json:"campaign"`
	Anyway   bool       `json:"anyway,omitempty"`
	Open     []TaskCard `json:"open,omitempty"`
}

// Alert is the payload of an alert to the owner: a figure below its share, or a SKU sold out.
type Alert struct {
	Campaign Card   `json:"campaign"`
	Figure   Figure `json:"figure,omitzero"`
	Share    int    `json:"share,omitempty"`
	SoldOut  string `json:"sold_out,omitempty"`
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
