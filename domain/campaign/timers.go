package campaign

import (
	"context"
	"time"

	"storeops/domain"
	"storeops/domain/timer"
)

// Timer kinds of campaigns.
const (
	// TimerChecklist fires at the next reminder or late notice of an open item.
	TimerChecklist = "campaign.checklist"
	// TimerLaunch fires at the start; TimerEnd at the end.
	TimerLaunch = "campaign.launch"
	TimerEnd    = "campaign.end"
)

// timerData is what a campaign's timers remember: the state and times they were armed for,
// so that a firing that raced a change does nothing.
type timerData struct {
	Status Status    `json:"status"`
	At     time.Time `json:"at"`
}

// arm sets the timers the campaign's state calls for and clears the others. A timer already
// pending at the same time is left alone: replacing it would make a run that is about to
// fire it skip it (its claim names the timer it read).
func (s *Service) arm(ctx context.Context, c Campaign) error {
	pending, err := s.d.Timers.Pending(ctx, c.Subject())
	if err != nil {
		return err
	}
	set := func(kind string, at time.Time) error {
		for _, p := range pending {
			if p.Kind == kind && p.DueAt.Equal(at) {
				return nil
			}
		}
		return s.d.Timers.Set(ctx, c.Subject(), kind, at, timerData{Status: c.Status, At: at})
	}
	switch c.Status {
	case StatusPreparing:
		if next := nextEvent(c, s.d.Settings.RemindBefore); !next.IsZero() {
			if err := set(TimerChecklist, next); err != nil {
				return err
			}
		} else if err := s.d.Timers.Clear(ctx, c.Subject(), TimerChecklist); err != nil {
			return err
		}
		if !c.HeldAt.IsZero() {
			return s.d.Timers.Clear(ctx, c.Subject(), TimerLaunch, TimerEnd)
		}
		if err := set(TimerLaunch, c.Start); err != nil {
			return err
		}
		return s.d.Timers.Clear(ctx, c.Subject(), TimerEnd)
	case StatusRunning:
		if err := s.d.Timers.Clear(ctx, c.Subject(), TimerChecklist, TimerLaunch); err != nil {
			return err
		}
		return set(TimerEnd, c.End)
	default:
		return s.d.Timers.Clear(ctx, c.Subject(), TimerChecklist, TimerLaunch, TimerEnd)
	}
}

// TimerHandlers are the handlers main registers with the timer runner, by kind.
func (s *Service) TimerHandlers() map[string]timer.Handler {
	return map[string]timer.Handler{TimerChecklist: s.onChecklist, TimerLaunch: s.onLaunch, TimerEnd: s.onEnd}
}

// current loads the timer's campaign and reports whether it is still in the state the
// timer was armed for.
func (s *Service) current(ctx context.Context, t timer.Timer) (Campaign, timerData, bool, error) {
	var data timerData
	if err := t.Decode(&data); err != nil {
		return Campaign{}, data, false, err
	}
	id, err := t.Subject.ID("campaign")
	if err != nil {
		return Campaign{}, data, false, err
	}
	c, err := s.d.Repo.Find(ctx, id)
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		return Campaign{}, data, false, nil
	}
	if err != nil {
		return Campaign{}, data, false, err
	}
	return c, data, c.Status == data.Status, nil
}

// onChecklist reminds the owners of open items due within RemindBefore and tells those
// whose items are past due, each once per due time, then re-arms for the next.
func (s *Service) onChecklist(ctx context.Context, t timer.Timer) error {
	c, _, still, err := s.current(ctx, t)
	if err != nil || !still {
		return err
	}
	st, err := s.d.Stores.Find(ctx, c.StoreCode)
	if err != nil {
		return err
	}
	loc := s.zoneOf(st)
	now := s.d.Clock.Now()
	type send struct {
		template string
		owner    string
		no       int
	}
	var sends []send
	after, err := s.d.Repo.Update(ctx, c.ID, func(x *Campaign) error {
		sends = nil
		for i := range x.Tasks {
			tk := &x.Tasks[i]
			if tk.Done {
				continue
			}
			due := tk.Due(x.Start)
			switch {
			case tk.LateAt.IsZero() && !now.Before(due):
				tk.LateAt = now
				sends = append(sends, send{TemplateTaskLate, tk.Owner, tk.No})
			case tk.RemindedAt.IsZero() && tk.LateAt.IsZero() && !now.Before(due.Add(-s.d.Settings.RemindBefore)):
				tk.RemindedAt = now
				sends = append(sends, send{TemplateTaskDue, tk.Owner, tk.No})
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	card := CardOf(after, loc, now)
	for _, sd := range sends {
		for _, tc := range card.Tasks {
			if tc.No == sd.no {
				if err := s.d.Outbox.DM(ctx, sd.template, sd.owner, "", TaskNotice{Campaign: card, Task: tc}); err != nil {
					return err
				}
			}
		}
	}
	if len(sends) > 0 {
		if err := s.d.Outbox.UpdateRef(ctx, TemplateCard, CardRef(after.ID), card); err != nil {
			return err
		}
	}
	return s.arm(ctx, after)
}

// onLaunch starts the campaign at its start time, or, with items still open, holds it and
// tells the owners of the open items and the supervisors, who may launch anyway or postpone.
func (s *Service) onLaunch(ctx context.Context, t timer.Timer) error {
	c, data, still, err := s.current(ctx, t)
	if err != nil || !still || !c.Start.Equal(data.At) || !c.HeldAt.IsZero() {
		return err
	}
	bot := domain.System()
	if len(c.OpenTasks()) == 0 {
		_, err := s.change(ctx, bot, c.ID, "campaign.launch", func(x *Campaign, now time.Time) error {
			return launch(x, bot.UserID, now, false)
		})
		return err
	}
	after, err := s.change(ctx, bot, c.ID, "campaign.hold", func(x *Campaign, now time.Time) error {
		x.HeldAt = now
		return nil
	})
	if err != nil {
		return err
	}
	card := s.Card(ctx, after)
	var open []TaskCard
	owners := map[string]bool{}
	for _, tc := range card.Tasks {
		if !tc.Done {
			open = append(open, tc)
			owners[tc.Owner] = true
		}
	}
	owners[after.Owner] = true
	supervisors, err := s.d.Directory.UsersWith(ctx, domain.RoleSupervisor)
	if err != nil {
		return err
	}
	for _, u := range supervisors {
		delete(owners, u)
		if err := s.d.Outbox.DM(ctx, TemplateHeld, u, "", Held{Campaign: card, Open: open, Decide: true}); err != nil {
			return err
		}
	}
	for _, u := range sortedKeys(owners) {
		if err := s.d.Outbox.DM(ctx, TemplateHeld, u, "", Held{Campaign: card, Open: open}); err != nil {
			return err
		}
	}
	return nil
}

// onEnd ends the campaign and asks its owner for the summary.
func (s *Service) onEnd(ctx context.Context, t timer.Timer) error {
	c, data, still, err := s.current(ctx, t)
	if err != nil || !still || !c.End.Equal(data.At) {
		return err
	}
	after, err := s.change(ctx, domain.System(), c.ID, "campaign.end", func(x *Campaign, now time.Time) error {
		x.EndedAt = now
		return move(x, StatusEnded)
	})
	if err != nil {
		return err
	}
	return s.d.Outbox.DM(ctx, TemplateEnded, after.Owner, "", s.Card(ctx, after))
}
