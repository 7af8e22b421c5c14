package campaign

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"storeops/domain"
)

func problem(field string, p *domain.Problem) error {
	p.Field = field
	return domain.Invalid([]domain.Problem{*p})
}

// preparing refuses checklist changes once the campaign has left preparation.
func preparing(c *Campaign) error {
	if c.Status != StatusPreparing {
		return domain.Errorf(domain.ECONFLICT, "campaign.not_preparing", c.Number(), string(c.Status))
	}
	return nil
}

func findTask(c *Campaign, no int) (*Task, error) {
	t, ok := c.Task(no)
	if !ok {
		return nil, domain.Errorf(domain.ENOTFOUND, "campaign.task.not_found", c.Number(), no)
	}
	return t, nil
}

// Tick marks a checklist item done, or open again when undo. Ticking the last open item of
// a held campaign launches it.
func (s *Service) Tick(ctx context.Context, actor domain.Actor, id int64, no int, undo bool) (Campaign, error) {
	if err := require(actor, Planners()); err != nil {
		return Campaign{}, err
	}
	action := "campaign.task.tick"
	if undo {
		action = "campaign.task.untick"
	}
	return s.change(ctx, actor, id, action, func(c *Campaign, now time.Time) error {
		if err := preparing(c); err != nil {
			return err
		}
		t, err := findTask(c, no)
		if err != nil {
			return err
		}
		if t.Done == !undo {
			if undo {
				return domain.Errorf(domain.ECONFLICT, "campaign.task.already_open", c.Number(), no)
			}
			return domain.Errorf(domain.ECONFLICT, "campaign.task.already_done", c.Number(), no, t.DoneBy)
		}
		t.Done = !undo
		t.DoneBy, t.DoneAt = "", time.Time{}
		if !undo {
			t.DoneBy, t.DoneAt = actor.UserID, now
		}
		if !c.HeldAt.IsZero() && len(c.OpenTasks()) == 0 {
			return launch(c, actor.UserID, now, false)
		}
		return nil
	})
}

// AddTask adds an item to the checklist, owned by owner (the campaign's owner when empty),
// due at due (ParseDue).
func (s *Service) AddTask(ctx context.Context, actor domain.Actor, id int64, title, owner, due string) (Campaign, error) {
	if err := require(actor, Planners()); err != nil {
		return Campaign{}, err
	}
	title, p := checkTitle(title)
	if p != nil {
		return Campaign{}, problem(FieldTaskTitle, p)
	}
	loc := s.d.TZ
	if c, err := s.d.Repo.Find(ctx, id); err == nil {
		loc = s.Zone(ctx, c.StoreCode)
	}
	return s.change(ctx, actor, id, "campaign.task.add", func(c *Campaign, _ time.Time) error {
		if err := preparing(c); err != nil {
			return err
		}
		if len(c.Tasks) >= MaxTasks {
			return domain.Errorf(domain.EINVALID, "campaign.task.too_many", MaxTasks)
		}
		off, p := ParseDue(due, c.Start, loc)
		if p != nil {
			return problem(FieldTaskDue, p)
		}
		no := 1
		for _, t := range c.Tasks {
			no = max(no, t.No+1)
		}
		if owner == "" {
			owner = c.Owner
		}
		c.Tasks = append(c.Tasks, Task{No: no, Title: title, Owner: owner, Offset: off})
		return nil
	})
}

// AssignTask gives an item to another owner.
func (s *Service) AssignTask(ctx context.Context, actor domain.Actor, id int64, no int, owner string) (Campaign, error) {
	if err := require(actor, Planners()); err != nil {
		return Campaign{}, err
	}
	return s.change(ctx, actor, id, "campaign.task.assign", func(c *Campaign, _ time.Time) error {
		if err := preparing(c); err != nil {
			return err
		}
		t, err := findTask(c, no)
		if err != nil {
			return err
		}
		t.Owner = owner
		return nil
	})
}

// DueTask moves an item's due time; its reminder and late notice are sent again for the
// new time.
func (s *Service) DueTask(ctx context.Context, actor domain.Actor, id int64, no int, due string) (Campaign, error) {
	if err := require(actor, Planners()); err != nil {
		return Campaign{}, err
	}
	loc := s.d.TZ
	if c, err := s.d.Repo.Find(ctx, id); err == nil {
		loc = s.Zone(ctx, c.StoreCode)
	}
	return s.change(ctx, actor, id, "campaign.task.due", func(c *Campaign, _ time.Time) error {
		if err := preparing(c); err != nil {
			return err
		}
		t, err := findTask(c, no)
		if err != nil {
			return err
		}
		off, p := ParseDue(due, c.Start, loc)
		if p != nil {
			return problem(FieldTaskDue, p)
		}
		t.Offset, t.RemindedAt, t.LateAt = off, time.Time{}, time.Time{}
		return nil
	})
}

// launch starts the campaign: by the bot at its start, or by a supervisor anyway.
func launch(c *Campaign, by string, now time.Time, anyway bool) error {
	if err := move(c, StatusRunning); err != nil {
		return err
	}
	c.LaunchedBy, c.LaunchedAt, c.LaunchedAnyway = by, now, anyway
	return nil
}

// LaunchAnyway launches a held campaign with its items still open (a supervisor's call,
// audited with the items left open).
func (s *Service) LaunchAnyway(ctx context.Context, actor domain.Actor, id int64) (Campaign, error) {
	if err := require(actor, Deciders()); err != nil {
		return Campaign{}, err
	}
	return s.change(ctx, actor, id, "campaign.launch_anyway", func(c *Campaign, now time.Time) error {
		if c.Status != StatusPreparing {
			return IllegalMove(*c, StatusRunning)
		}
		if c.HeldAt.IsZero() {
			return domain.Errorf(domain.ECONFLICT, "campaign.not_held", c.Number())
		}
		return launch(c, actor.UserID, now, true)
	})
}

// Postpone moves a campaign in preparation (held or not) to a new start and end, read in
// the store's zone; the checklist's due times move with the start.
func (s *Service) Postpone(ctx context.Context, actor domain.Actor, id int64, start, end string) (Campaign, error) {
	if err := require(actor, Deciders()); err != nil {
		return Campaign{}, err
	}
	c, err := s.d.Repo.Find(ctx, id)
	if err != nil {
		return Campaign{}, err
	}
	loc := s.Zone(ctx, c.StoreCode)
	now := s.d.Clock.Now()
	st, okS := ParseDateTime(start, loc)
	en, okE := ParseDateTime(end, loc)
	var problems []domain.Problem
	switch {
	case !okS:
		problems = append(problems, domain.Problem{Field: FieldStart, Key: "campaign.time.invalid", Args: []any{Cut(start, 40)}})
	case !st.After(now):
		problems = append(problems, domain.Problem{Field: FieldStart, Key: "campaign.start.past", Args: []any{now.In(loc).Format(DateTimeLayout)}})
	}
	switch {
	case !okE:
		problems = append(problems, domain.Problem{Field: FieldEnd, Key: "campaign.time.invalid", Args: []any{Cut(end, 40)}})
	case okS && !en.After(st):
		problems = append(problems, domain.Problem{Field: FieldEnd, Key: "campaign.end.before_start", Args: []any{st.In(loc).Format(DateTimeLayout)}})
	case okS && en.Sub(st) > MaxDuration:
		problems = append(problems, domain.Problem{Field: FieldEnd, Key: "campaign.end.too_long", Args: []any{int(MaxDuration.Hours() / 24)}})
	}
	if len(problems) > 0 {
		return Campaign{}, domain.Invalid(problems)
	}
	return s.change(ctx, actor, id, "campaign.postpone", func(c *Campaign, _ time.Time) error {
		if err := preparing(c); err != nil {
			return err
		}
		c.Start, c.End, c.HeldAt = st, en, time.Time{}
		for i := range c.Tasks {
			if !c.Tasks[i].Done {
				c.Tasks[i].RemindedAt, c.Tasks[i].LateAt = time.Time{}, time.Time{}
			}
		}
		return nil
	})
}

// Cancel ends a plan or a campaign in preparation (a supervisor's call, with a reason).
func (s *Service) Cancel(ctx context.Context, actor domain.Actor, id int64, reason string) (Campaign, error) {
	if err := require(actor, Deciders()); err != nil {
		return Campaign{}, err
	}
	reason = strings.TrimSpace(reason)
	switch n := utf8.RuneCountInString(reason); {
	case n == 0:
		return Campaign{}, problem(FieldReason, &domain.Problem{Key: "campaign.reason.required"})
	case n > MaxText:
		return Campaign{}, problem(FieldReason, &domain.Problem{Key: "campaign.text.too_long", Args: []any{MaxText}})
	}
	return s.change(ctx, actor, id, "campaign.cancel", func(c *Campaign, _ time.Time) error {
		if c.Status != StatusPreparing {
			return IllegalMove(*c, StatusCancelled)
		}
		c.CancelReason = reason
		return move(c, StatusCancelled)
	})
}

// SetAlertShare sets the share of the pro-rated target (percent, 1 to 100) below which the
// campaign's owner is alerted; 0 goes back to the default.
func (s *Service) SetAlertShare(ctx context.Context, actor domain.Actor, id int64, pct int) (Campaign, error) {
	if err := require(actor, Planners()); err != nil {
		return Campaign{}, err
	}
	if pct < 0 || pct > 100 {
		return Campaign{}, domain.Errorf(domain.EINVALID, "campaign.share.invalid", pct)
	}
	return s.change(ctx, actor, id, "campaign.alert_share", func(c *Campaign, _ time.Time) error {
		if c.Status == StatusEnded || c.Status == StatusSummarised || c.Status == StatusCancelled {
			return domain.Errorf(domain.ECONFLICT, "campaign.not_preparing", c.Number(), string(c.Status))
		}
		c.AlertShare = pct
		return nil
	})
}

// AlertShare is the share in force for c (its own, or the default).
func (s *Service) AlertShare(c Campaign) int { return s.alertShare(c) }
