package campaign

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"storeops/domain"
)

// Form fields, named as the modal's blocks and the problems that point at them.
const (
	FieldStore          = "campaign_store"
	FieldTheme          = "campaign_theme"
	FieldType           = "campaign_type"
	FieldStart          = "campaign_start"
	FieldEnd            = "campaign_end"
	FieldDiscount       = "campaign_discount"
	FieldDiscountParams = "campaign_discount_params"
	FieldBudget         = "campaign_budget"
	FieldTargetAmount   = "campaign_target_amount"
	FieldTargetVisitors = "campaign_target_visitors"
	FieldTargetConv     = "campaign_target_conversion"
	FieldChannels       = "campaign_channels"
	FieldSKUs           = "campaign_skus"
	// Summary modal.
	FieldWorked    = "campaign_worked"
	FieldNotWorked = "campaign_not_worked"
	FieldLessons   = "campaign_lessons"
	FieldCost      = "campaign_cost"
	// Checklist commands and the cancel reason.
	FieldTaskTitle = "campaign_task_title"
	FieldTaskDue   = "campaign_task_due"
	FieldReason    = "campaign_reason"
)

// Limits of what a plan holds.
const (
	MaxTheme       = 100
	MaxSKUs        = 50
	MaxSKU         = 64
	MaxSKUsText    = 2000
	MaxText        = 2000
	MaxDuration    = 92 * 24 * time.Hour
	maxVisitors    = 1_000_000_000
	DateTimeLayout = "2006-01-02 15:04"
)

// Input is the plan form as the user filled it in: text, parsed and checked by Parse.
type Input struct {
	Store, Theme, Type, Start, End, Discount, DiscountParams, Budget string
	TargetAmount, TargetVisitors, TargetConversion                   string
	Channels                                                         []string
	SKUs                                                             string
}

// Parse checks the form and returns the campaign it describes, or every problem at once,
// each naming its field. Start and end are wall-clock times of loc (the store's zone); a
// start in the past is refused (now is the clock's). The store's existence and overlaps are
// checked by the service.
func (in Input) Parse(now time.Time, loc *time.Location) (Campaign, []domain.Problem) {
	var problems []domain.Problem
	add := func(field, key string, args ...any) {
		problems = append(problems, domain.Problem{Field: field, Key: key, Args: args})
	}
	c := Campaign{StoreCode: strings.ToUpper(strings.TrimSpace(in.Store)), Theme: strings.TrimSpace(in.Theme)}
	if c.StoreCode == "" {
		add(FieldStore, "campaign.store.required")
	}
	switch n := utf8.RuneCountInString(c.Theme); {
	case n == 0:
		add(FieldTheme, "campaign.theme.required")
	case n > MaxTheme:
		add(FieldTheme, "campaign.text.too_long", MaxTheme)
	}
	t := Type(norm(in.Type))
	if !slices.Contains(Types(), t) {
		add(FieldType, "campaign.type.invalid", Cut(strings.TrimSpace(in.Type), 40))
	}
	c.Type = t
	start, okStart := ParseDateTime(in.Start, loc)
	end, okEnd := ParseDateTime(in.End, loc)
	if !okStart {
		add(FieldStart, "campaign.time.invalid", Cut(strings.TrimSpace(in.Start), 40))
	} else if !start.After(now) {
		add(FieldStart, "campaign.start.past", now.In(loc).Format(DateTimeLayout))
	}
	if !okEnd {
		add(FieldEnd, "campaign.time.invalid", Cut(strings.TrimSpace(in.End), 40))
	}
	if okStart && okEnd {
		switch {
		case !end.After(start):
			add(FieldEnd, "campaign.end.before_start", start.In(loc).Format(DateTimeLayout))
		case end.Sub(start) > MaxDuration:
			add(FieldEnd, "campaign.end.too_long", int(MaxDuration.Hours()/24))
		}
	}
	c.Start, c.End = start, end
	d, p := ParseDiscount(in.Discount, in.DiscountParams)
	if p != nil {
		p.Field = FieldDiscountParams
		if p.Key == "campaign.discount.unknown" {
			p.Field = FieldDiscount
		}
		problems = append(problems, *p)
	}
	c.Discount = d
	if b := strings.TrimSpace(in.Budget); b != "" {
		m, err := domain.ParseMoney(b)
		if err != nil || m < 0 {
			add(FieldBudget, "campaign.amount.invalid", Cut(b, 40))
		}
		c.Budget = m
	}
	amount, err := domain.ParseMoney(strings.TrimSpace(in.TargetAmount))
	switch {
	case strings.TrimSpace(in.TargetAmount) == "":
		add(FieldTargetAmount, "campaign.target.required")
	case err != nil || amount <= 0:
		add(FieldTargetAmount, "campaign.target.positive", Cut(strings.TrimSpace(in.TargetAmount), 40))
	}
	c.Targets.PaidAmount = amount
	if v := strings.TrimSpace(in.TargetVisitors); v != "" {
		n, err := strconv.ParseInt(strings.ReplaceAll(v, ",", ""), 10, 64)
		if err != nil || n <= 0 || n > maxVisitors {
			add(FieldTargetVisitors, "campaign.target.positive", Cut(v, 40))
		}
		c.Targets.Visitors = n
	}
	if v := strings.TrimSpace(in.TargetConversion); v != "" {
		bp, ok := ParsePercentBP(v)
		if !ok || bp <= 0 || bp > 10000 {
			add(FieldTargetConv, "campaign.target.conversion", Cut(v, 40))
		}
		c.Targets.ConversionBP = bp
	}
	for _, ch := range in.Channels {
		x := Channel(norm(ch))
		if !slices.Contains(Channels(), x) {
			add(FieldChannels, "campaign.channel.invalid", Cut(ch, 40))
			continue
		}
		if !slices.Contains(c.Channels, x) {
			c.Channels = append(c.Channels, x)
		}
	}
	skus, p := ParseSKUs(in.SKUs)
	if p != nil {
		p.Field = FieldSKUs
		problems = append(problems, *p)
	}
	c.SKUs = skus
	return c, problems
}

// ParseDateTime reads a wall-clock time of loc: "2026-12-10 10:00", "2026-12-10T10:00",
// "2026/12/10 10:00" or a date alone ("2026-12-10", midnight). A time that does not exist
// in loc (skipped by a DST change) is refused; one that happens twice is the first.
func ParseDateTime(s string, loc *time.Location) (time.Time, bool) {
	s = strings.TrimSpace(strings.ReplaceAll(s, "/", "-"))
	s = strings.Replace(s, "T", " ", 1)
	s = strings.Join(strings.Fields(s), " ")
	for _, layout := range []string{DateTimeLayout, "2006-01-02 15:04:05", "2006-01-02"} {
		wall, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		t := time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), wall.Second(), 0, loc)
		// time.Date moves a wall time that a DST change skipped; such a time was never on
		// the clock.
		if t.Hour() != wall.Hour() || t.Minute() != wall.Minute() || t.Day() != wall.Day() {
			return time.Time{}, false
		}
		return t, true
	}
	return time.Time{}, false
}

// ParsePercentBP reads a percentage ("3.5", "3.5%", "3,5 %") in basis points.
func ParsePercentBP(s string) (int64, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	s = strings.ReplaceAll(s, ",", ".")
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f < 0 || f > 100 {
		return 0, false
	}
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 2 || whole == "" {
		return 0, false
	}
	return int64(math.Round(f * 100)), true
}

// ParseSKUs reads the campaign's SKUs: separated by commas (also "，", ";", spaces or new
// lines), each once (case-insensitively), up to MaxSKUs. The problem has no Field.
func ParseSKUs(s string) ([]string, *domain.Problem) {
	if utf8.RuneCountInString(s) > MaxSKUsText {
		return nil, &domain.Problem{Key: "campaign.text.too_long", Args: []any{MaxSKUsText}}
	}
	parts := strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == '，' || r == ';' || r == '；' || r == '\n' || r == ' ' || r == '\t' || r == '、'
	})
	var out []string
	seen := map[string]bool{}
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if utf8.RuneCountInString(p) > MaxSKU || !utf8.ValidString(p) {
			return nil, &domain.Problem{Key: "campaign.sku.too_long", Args: []any{MaxSKU}}
		}
		k := strings.ToUpper(p)
		if seen[k] {
			return nil, &domain.Problem{Key: "campaign.sku.twice", Args: []any{p}}
		}
		seen[k] = true
		out = append(out, p)
	}
	if len(out) > MaxSKUs {
		return nil, &domain.Problem{Key: "campaign.sku.too_many", Args: []any{MaxSKUs}}
	}
	return out, nil
}

// SummaryInput is the summary modal as filled in.
type SummaryInput struct {
	Worked, NotWorked, Lessons, Cost string
}

// Parse checks the summary: "what worked" is required, each text at most MaxText, the cost
// an amount when given.
func (in SummaryInput) Parse() (Summary, []domain.Problem) {
	var problems []domain.Problem
	s := Summary{Worked: strings.TrimSpace(in.Worked), NotWorked: strings.TrimSpace(in.NotWorked), Lessons: strings.TrimSpace(in.Lessons)}
	if s.Worked == "" {
		problems = append(problems, domain.Problem{Field: FieldWorked, Key: "campaign.summary.required"})
	}
	for field, text := range map[string]string{FieldWorked: s.Worked, FieldNotWorked: s.NotWorked, FieldLessons: s.Lessons} {
		if utf8.RuneCountInString(text) > MaxText {
			problems = append(problems, domain.Problem{Field: field, Key: "campaign.text.too_long", Args: []any{MaxText}})
		}
	}
	slices.SortFunc(problems, func(a, b domain.Problem) int { return strings.Compare(a.Field, b.Field) })
	if c := strings.TrimSpace(in.Cost); c != "" {
		m, err := domain.ParseMoney(c)
		if err != nil || m < 0 {
			problems = append(problems, domain.Problem{Field: FieldCost, Key: "campaign.amount.invalid", Args: []any{Cut(c, 40)}})
		}
		s.Cost = m
	}
	return s, problems
}
