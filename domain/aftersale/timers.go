package aftersale

import (
	"context"

	"storeops/domain"
	"storeops/domain/timer"
)

// Timer kinds of cases.
const (
	TimerStale    = "aftersale.stale"
	TimerEscalate = "aftersale.escalate"
)

// timerData is what a case's timers remember: the state they were armed in, so that a timer
// that outlived a move (the move re-arms them, but a firing may race it) does nothing. The
// state table has no cycles, so a case back in the same state is the same wait.
type timerData struct {
	Status Status `json:"status"`
}

// arm sets the stale reminder and the escalation from the case's last move, or clears both
// once the case is closed or rejected.
func (s *Service) arm(ctx context.Context, c Case) error {
	if !c.Status.Open() {
		return s.d.Timers.Clear(ctx, c.Subject(), TimerStale, TimerEscalate)
	}
	data := timerData{Status: c.Status}
	if err := s.d.Timers.Set(ctx, c.Subject(), TimerStale, c.MovedAt.Add(s.d.Settings.RemindAfter), data); err != nil {
		return err
	}
	return s.d.Timers.Set(ctx, c.Subject(), TimerEscalate, c.MovedAt.Add(s.d.Settings.EscalateAfter), data)
}

// TimerHandlers are the handlers main registers with the timer runner, by kind.
func (s *Service) TimerHandlers() map[string]timer.Handler {
	return map[string]timer.Handler{TimerStale: s.onStale, TimerEscalate: s.onEscalate}
}

// current loads the timer's case and reports whether it is still where the timer left it.
func (s *Service) current(ctx context.Context, t timer.Timer) (Case, bool, error) {
	var data timerData
	if err := t.Decode(&data); err != nil {
		return Case{}, false, err
	}
	id, err := t.Subject.ID("aftersale")
	if err != nil {
		return Case{}, false, err
	}
	c, err := s.d.Repo.Find(ctx, id)
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		return Case{}, false, nil
	}
	if err != nil {
		return Case{}, false, err
	}
	return c, c.Status.Open() && c.Status == data.Status, nil
}

// onStale reminds the owner that the case has not moved.
func (s *Service) onStale(ctx context.Context, t timer.Timer) error {
	c, still, err := s.current(ctx, t)
	if err != nil || !still {
		return err
	}
	return s.d.Outbox.DM(ctx, TemplateStale, c.Owner, "", Notice{Case: CardOf(c), Hours: hours(s.d.Settings.RemindAfter.Hours())})
}

// onEscalate tells every supervisor, and the store's team channel, that the case is stuck.
func (s *Service) onEscalate(ctx context.Context, t timer.Timer) error {
	c, still, err := s.current(ctx, t)
	if err != nil || !still {
		return err
	}
	n := Notice{Case: CardOf(c), Hours: hours(s.d.Settings.EscalateAfter.Hours())}
	supervisors, err := s.d.Directory.UsersWith(ctx, domain.RoleSupervisor)
	if err != nil {
		return err
	}
	for _, u := range supervisors {
		if err := s.d.Outbox.DM(ctx, TemplateEscalated, u, "", n); err != nil {
			return err
		}
	}
	st, err := s.d.Stores.Find(ctx, c.StoreCode)
	if err != nil {
		return err
	}
	if st.TeamChannel == "" {
		return nil
	}
	return s.d.Outbox.Reply(ctx, TemplateEscalated, st.TeamChannel, CardRef(c.ID), n)
}

func hours(h float64) int { return max(int(h), 1) }
