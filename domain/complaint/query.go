package complaint

import (
	"context"
	"fmt"
	"strings"
	"time"

	"storeops/domain"
)

// Lists `/ops complaint list` shows.
const (
	ListOpen    = "open"
	ListOverdue = "overdue"
	ListMine    = "mine"
)

// MaxList is the most complaints a list shows.
const MaxList = 50

// List returns the unresolved complaints (open), those with a broken deadline (overdue)
// or the actor's own (mine: owned, or created and not yet acknowledged), newest first, at
// most MaxList; more says whether there are others.
func (s *Service) List(ctx context.Context, actor domain.Actor, which string) (list []Complaint, more bool, err error) {
	if err := requireAny(actor, operators()); err != nil {
		return nil, false, err
	}
	f := Filter{Statuses: []Status{StatusOpen, StatusAcknowledged}, Limit: MaxList + 1}
	switch strings.ToLower(strings.TrimSpace(which)) {
	case "", ListOpen:
	case ListOverdue:
		f.OverdueAt = s.d.Clock.Now()
	case ListMine:
		f.Mine = actor.UserID
	default:
		return nil, false, domain.Errorf(domain.EINVALID, "complaint.list.unknown", which, ListOpen+", "+ListOverdue+", "+ListMine)
	}
	list, err = s.d.Repo.List(ctx, f)
	if err != nil {
		return nil, false, fmt.Errorf("list %s complaints: %w", which, err)
	}
	if len(list) > MaxList {
		list, more = list[:MaxList], true
	}
	return list, more, nil
}

// Find returns a complaint by id.
func (s *Service) Find(ctx context.Context, id int64) (Complaint, error) {
	c, err := s.d.Repo.Find(ctx, id)
	if err != nil {
		return Complaint{}, fmt.Errorf("find complaint %d: %w", id, err)
	}
	return c, nil
}

// Show returns the complaint a user names ("12" or "#12"). The operations team only.
func (s *Service) Show(ctx context.Context, actor domain.Actor, ref string) (Complaint, error) {
	if err := requireAny(actor, operators()); err != nil {
		return Complaint{}, err
	}
	id, err := ParseID(ref)
	if err != nil {
		return Complaint{}, err
	}
	return s.Find(ctx, id)
}

// SatisfactionAverage is the mean customer satisfaction of the complaints an assistant
// owned that were rated in [from, to), with how many there were (0: no figure).
func (s *Service) SatisfactionAverage(ctx context.Context, assistant string, from, to time.Time) (float64, int, error) {
	avg, n, err := s.d.Repo.SatisfactionAverage(ctx, assistant, from, to)
	if err != nil {
		return 0, 0, fmt.Errorf("complaint satisfaction of %s: %w", assistant, err)
	}
	return avg, n, nil
}

// AckTimeliness counts the complaints an assistant acknowledged in [from, to) and how
// many of them by their acknowledgement deadline.
func (s *Service) AckTimeliness(ctx context.Context, assistant string, from, to time.Time) (acked, onTime int, err error) {
	acked, onTime, err = s.d.Repo.AckTimeliness(ctx, assistant, from, to)
	if err != nil {
		return 0, 0, fmt.Errorf("complaint acknowledgement timeliness of %s: %w", assistant, err)
	}
	return acked, onTime, nil
}

// Now is the service's time, so that a list marks as overdue what the service would.
func (s *Service) Now() time.Time { return s.d.Clock.Now() }
