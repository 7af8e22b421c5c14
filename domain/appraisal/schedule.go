package appraisal

import "time"

// Schedule is when a cycle's messages go out, in the appraisal zone. The month appraised is
// the one before the prompt's.
type Schedule struct {
	// PromptDay and PromptAt (minutes after midnight) are when the prompt goes out: the 1st
	// at 09:00 by default.
	PromptDay int
	PromptAt  int
	// RemindDay is the day of the first reminder (the 3rd), sent at PromptAt.
	RemindDay int
	// DeadlineDay and DeadlineAt are the self-assessment's deadline (the 5th, 18:00); the
	// last reminder goes out that morning at PromptAt.
	DeadlineDay int
	DeadlineAt  int
	// AppealDays is how long after the result an appeal may be filed (5 days).
	AppealDays int
}

// DefaultSchedule is SPEC §6's default.
func DefaultSchedule() Schedule {
	return Schedule{PromptDay: 1, PromptAt: 9 * 60, RemindDay: 3, DeadlineDay: 5, DeadlineAt: 18 * 60, AppealDays: 5}
}

func (s Schedule) withDefaults() Schedule {
	d := DefaultSchedule()
	if s.PromptDay < 1 || s.PromptDay > 28 {
		s.PromptDay = d.PromptDay
	}
	if s.PromptAt <= 0 || s.PromptAt >= 24*60 {
		s.PromptAt = d.PromptAt
	}
	if s.DeadlineDay < s.PromptDay || s.DeadlineDay > 28 {
		s.DeadlineDay = max(d.DeadlineDay, s.PromptDay)
	}
	if s.RemindDay <= s.PromptDay || s.RemindDay > s.DeadlineDay {
		s.RemindDay = min(s.PromptDay+2, s.DeadlineDay)
	}
	if s.DeadlineAt <= 0 || s.DeadlineAt >= 24*60 {
		s.DeadlineAt = d.DeadlineAt
	}
	if s.AppealDays <= 0 {
		s.AppealDays = d.AppealDays
	}
	return s
}

// Plan is what is due at a moment: the month being appraised and which of the cycle's
// messages are due by now. It is a pure function of the schedule, the zone and now.
type Plan struct {
	Month Month
	// Prompt is due from the prompt time until the deadline (a prompt after the deadline
	// would ask for something already late).
	Prompt   bool
	Remind   bool
	LastCall bool
	Escalate bool
	PromptAt time.Time
	Deadline time.Time
}

// Due says what of this month's cycle is due at now in loc.
func Due(s Schedule, loc *time.Location, now time.Time) Plan {
	s = s.withDefaults()
	local := now.In(loc)
	at := func(day, minutes int) time.Time {
		return time.Date(local.Year(), local.Month(), day, minutes/60, minutes%60, 0, 0, loc)
	}
	p := Plan{Month: MonthOf(local, loc).Prev(), PromptAt: at(s.PromptDay, s.PromptAt), Deadline: at(s.DeadlineDay, s.DeadlineAt)}
	after := func(t time.Time) bool { return !now.Before(t) }
	p.Prompt = after(p.PromptAt) && now.Before(p.Deadline)
	p.Remind = after(at(s.RemindDay, s.PromptAt)) && now.Before(p.Deadline)
	p.LastCall = after(at(s.DeadlineDay, s.PromptAt)) && now.Before(p.Deadline)
	p.Escalate = after(p.Deadline)
	return p
}

// Deadline is the self-assessment deadline of month m's cycle.
func (s Schedule) Deadline(m Month, loc *time.Location) time.Time {
	s = s.withDefaults()
	n := m.Next()
	return time.Date(n.Year, n.Month, s.DeadlineDay, s.DeadlineAt/60, s.DeadlineAt%60, 0, 0, loc)
}

// AppealUntil is the end of the appeal window of a result published at.
func (s Schedule) AppealUntil(published time.Time) time.Time {
	return published.AddDate(0, 0, s.withDefaults().AppealDays)
}

// Zone is the appraisal time zone: the configured one, or the company's. Every place that
// turns the appraisal's days into instants asks this one function.
func Zone(configured, company *time.Location) *time.Location {
	if configured != nil {
		return configured
	}
	if company != nil {
		return company
	}
	return time.UTC
}
