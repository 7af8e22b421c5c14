package campaign

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"storeops/domain"
)

// Task is one item of a campaign's preparation checklist. Its due time is relative to the
// start (Offset, negative before it), so that postponing the campaign moves the checklist
// with it.
type Task struct {
	No     int           `json:"no"`
	Key    string        `json:"key,omitempty"`   // template item (TaskPageDesign, …); "" for one added by hand
	Title  string        `json:"title,omitempty"` // the text of an item added by hand
	Owner  string        `json:"owner"`
	Offset time.Duration `json:"offset"`
	Done   bool          `json:"done,omitempty"`
	DoneBy string        `json:"done_by,omitempty"`
	DoneAt time.Time     `json:"done_at,omitzero"`
	// RemindedAt and LateAt record that the owner was reminded before the due time and
	// told it passed, so that each is sent once per due time.
	RemindedAt time.Time `json:"reminded_at,omitzero"`
	LateAt     time.Time `json:"late_at,omitzero"`
}

// Due is the item's due time for a campaign starting at start.
func (t Task) Due(start time.Time) time.Time { return start.Add(t.Offset) }

// Template items.
const (
	TaskPageDesign         = "page_design"
	TaskPageTested         = "page_tested"
	TaskStockReserved      = "stock_reserved"
	TaskCouponsCreated     = "coupons_created"
	TaskGiftsReady         = "gifts_ready"
	TaskPromotionScheduled = "promotion_scheduled"
)

const day = 24 * time.Hour

// Checklist is the template checklist of an approved plan, every item owned by owner:
// page designed 5 days before the start, stock reserved 3 days before, page tested and
// coupons created (coupon and full-reduction strategies) or gifts ready (gift strategy)
// 2 days before, and the promotion scheduled the day before.
func Checklist(c Campaign, owner string) []Task {
	type item struct {
		key    string
		offset time.Duration
		when   bool
	}
	coupons := c.Discount.Kind == DiscountCoupon || c.Discount.Kind == DiscountFullReduction
	items := []item{
		{TaskPageDesign, -5 * day, true},
		{TaskStockReserved, -3 * day, true},
		{TaskPageTested, -2 * day, true},
		{TaskCouponsCreated, -2 * day, coupons},
		{TaskGiftsReady, -2 * day, c.Discount.Kind == DiscountGift},
		{TaskPromotionScheduled, -1 * day, true},
	}
	var out []Task
	for _, it := range items {
		if it.when {
			out = append(out, Task{No: len(out) + 1, Key: it.key, Owner: owner, Offset: it.offset})
		}
	}
	return out
}

// Limits of the checklist.
const (
	MaxTasks     = 20
	MaxTaskTitle = 150
	maxOffset    = 60 * day
)

// ParseDue reads a due time for a campaign starting at start: relative to the start
// ("-2d", "-36h", "-1d12h", "+2h", "0") or a wall-clock time of loc ("2026-12-08 18:00").
// It returns the offset from the start. The problem has no Field.
func ParseDue(s string, start time.Time, loc *time.Location) (time.Duration, *domain.Problem) {
	s = strings.TrimSpace(s)
	bad := &domain.Problem{Key: "campaign.due.invalid", Args: []any{Cut(s, 40)}}
	if t, ok := ParseDateTime(s, loc); ok {
		off := t.Sub(start)
		if off < -maxOffset || off > maxOffset {
			return 0, bad
		}
		return off, nil
	}
	if s == "0" {
		return 0, nil
	}
	sign := time.Duration(1)
	switch {
	case strings.HasPrefix(s, "-"):
		sign, s = -1, s[1:]
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	default:
		return 0, bad
	}
	if s == "" || len(s) > 20 {
		return 0, bad
	}
	var total time.Duration
	num := ""
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= '0' && r <= '9':
			num += string(r)
		case r == 'd' || r == 'h' || r == 'm':
			n, err := strconv.Atoi(num)
			if err != nil || n > 10000 {
				return 0, bad
			}
			unit := map[rune]time.Duration{'d': day, 'h': time.Hour, 'm': time.Minute}[r]
			total += time.Duration(n) * unit
			num = ""
		default:
			return 0, bad
		}
	}
	if num != "" || total > maxOffset {
		return 0, bad
	}
	return sign * total, nil
}

// FormatOffset writes an offset the way ParseDue reads it ("-1d12h", "+2h", "0").
func FormatOffset(d time.Duration) string {
	if d == 0 {
		return "0"
	}
	sign := "+"
	if d < 0 {
		sign, d = "-", -d
	}
	var b strings.Builder
	b.WriteString(sign)
	if n := d / day; n > 0 {
		b.WriteString(strconv.Itoa(int(n)) + "d")
		d -= n * day
	}
	if n := d / time.Hour; n > 0 {
		b.WriteString(strconv.Itoa(int(n)) + "h")
		d -= n * time.Hour
	}
	if n := d / time.Minute; n > 0 {
		b.WriteString(strconv.Itoa(int(n)) + "m")
	}
	return b.String()
}

// checkTitle checks the text of an item added by hand.
func checkTitle(s string) (string, *domain.Problem) {
	s = strings.TrimSpace(s)
	switch n := utf8.RuneCountInString(s); {
	case n == 0:
		return "", &domain.Problem{Key: "campaign.task.title.required"}
	case n > MaxTaskTitle:
		return "", &domain.Problem{Key: "campaign.text.too_long", Args: []any{MaxTaskTitle}}
	}
	return s, nil
}

// nextEvent is the earliest time at which an open item is to be reminded (before before its
// due time) or told it is late; zero when nothing is left to send.
func nextEvent(c Campaign, before time.Duration) time.Time {
	var next time.Time
	consider := func(t time.Time) {
		if next.IsZero() || t.Before(next) {
			next = t
		}
	}
	for _, t := range c.Tasks {
		if t.Done {
			continue
		}
		due := t.Due(c.Start)
		if t.RemindedAt.IsZero() && t.LateAt.IsZero() {
			consider(due.Add(-before))
		}
		if t.LateAt.IsZero() {
			consider(due)
		}
	}
	return next
}
