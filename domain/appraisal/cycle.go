package appraisal

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"storeops/domain"
)

// Status is where a cycle stands.
type Status string

// The states of a cycle: prompted → self_submitted → rated → published → appealed →
// adjusted | upheld. A supervisor may rate a cycle whose self-assessment never came.
const (
	StatusPrompted      Status = "prompted"
	StatusSelfSubmitted Status = "self_submitted"
	StatusRated         Status = "rated"
	StatusPublished     Status = "published"
	StatusAppealed      Status = "appealed"
	StatusAdjusted      Status = "adjusted"
	StatusUpheld        Status = "upheld"
)

// Statuses lists every state in order.
func Statuses() []Status {
	return []Status{StatusPrompted, StatusSelfSubmitted, StatusRated, StatusPublished, StatusAppealed, StatusAdjusted, StatusUpheld}
}

// moves is the state table: the states each state may move to.
var moves = map[Status][]Status{
	StatusPrompted:      {StatusSelfSubmitted, StatusRated},
	StatusSelfSubmitted: {StatusRated},
	StatusRated:         {StatusPublished},
	StatusPublished:     {StatusAppealed},
	StatusAppealed:      {StatusAdjusted, StatusUpheld},
}

// CanMove reports whether the state table allows from → to.
func CanMove(from, to Status) bool { return slices.Contains(moves[from], to) }

// Final reports whether a cycle has its result (published or after).
func (s Status) Final() bool {
	switch s {
	case StatusPublished, StatusAppealed, StatusAdjusted, StatusUpheld:
		return true
	}
	return false
}

// IllegalMove is the error of a move the state table refuses.
func IllegalMove(c Cycle, to Status) error {
	return domain.Errorf(domain.ECONFLICT, "appraisal.move.illegal", c.Month, string(c.Status), string(to))
}

// Self is the assistant's self-assessment.
type Self struct {
	Achievements string  `json:"achievements"`
	Shortcomings string  `json:"shortcomings"`
	Measures     string  `json:"measures"`
	Scores       Ratings `json:"scores"`
}

// Adjustment is HR's change of a score after an appeal: the old and the new total kept.
type Adjustment struct {
	OldTotal int       `json:"old_total"`
	NewTotal int       `json:"new_total"`
	By       string    `json:"by"`
	At       time.Time `json:"at"`
	Reason   string    `json:"reason"`
}

// Cycle is one assistant's appraisal of one month.
type Cycle struct {
	ID        int64
	Month     string // "2026-11": the month appraised
	Assistant string
	Status    Status
	// DeadlineAt is when the self-assessment is due.
	DeadlineAt time.Time
	PromptedAt time.Time
	// Reminders and the escalation sent, so that each goes once.
	RemindedAt  time.Time // the reminder on the 3rd
	LastCallAt  time.Time // the reminder on the deadline morning
	EscalatedAt time.Time

	Self        Self
	SubmittedAt time.Time

	Ratings Ratings
	Comment string
	RatedBy string
	RatedAt time.Time
	// Figures are the month's figures as they were when rated.
	Figures     Figures
	Result      Result
	PublishedAt time.Time
	// AppealUntil ends the appeal window, fixed when the result is published.
	AppealUntil time.Time

	AppealReason string
	AppealID     int64
	AppealedAt   time.Time
	// Adjustment is set once HR adjusted the score; Proposed holds HR's new total while the
	// approval that carries it is decided.
	Adjustment *Adjustment
	Decision   string // HR's reason when the appeal was upheld
	// Flagged is set when this month made the second failing month in a row.
	Flagged bool

	CreatedAt time.Time
	UpdatedAt time.Time
	Version   int
}

// Subject names the cycle in audit rows, approvals and timers.
func (c Cycle) Subject() domain.Subject { return domain.SubjectOf("appraisal", c.ID) }

// Late reports whether the self-assessment is overdue at now.
func (c Cycle) Late(now time.Time) bool {
	return c.Status == StatusPrompted && !now.Before(c.DeadlineAt)
}

// Month is a calendar month, "2026-11".
type Month struct {
	Year  int
	Month time.Month
}

// ParseMonth reads "2026-11" (or "2026-1").
func ParseMonth(s string) (Month, error) {
	y, m, ok := strings.Cut(strings.TrimSpace(s), "-")
	year, err1 := strconv.Atoi(y)
	mon, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || year < 2000 || year > 9999 || mon < 1 || mon > 12 {
		return Month{}, domain.Errorf(domain.EINVALID, "appraisal.month.invalid", s)
	}
	return Month{Year: year, Month: time.Month(mon)}, nil
}

// MonthOf is the month of t in loc.
func MonthOf(t time.Time, loc *time.Location) Month {
	t = t.In(loc)
	return Month{Year: t.Year(), Month: t.Month()}
}

func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year, int(m.Month)) }

// Start is the month's first instant in loc; End the next month's.
func (m Month) Start(loc *time.Location) time.Time {
	return time.Date(m.Year, m.Month, 1, 0, 0, 0, 0, loc)
}

// End is the first instant of the next month in loc.
func (m Month) End(loc *time.Location) time.Time { return m.Next().Start(loc) }

// Next and Prev are the neighbouring months.
func (m Month) Next() Month {
	if m.Month == time.December {
		return Month{m.Year + 1, time.January}
	}
	return Month{m.Year, m.Month + 1}
}

// Prev is the month before.
func (m Month) Prev() Month {
	if m.Month == time.January {
		return Month{m.Year - 1, time.December}
	}
	return Month{m.Year, m.Month - 1}
}
