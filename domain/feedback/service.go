package feedback

import (
	"context"
	"fmt"
	"strings"
	"time"

	"storeops/domain"
	"storeops/domain/audit"
	"storeops/domain/outbox"
	"storeops/domain/store"
)

// TemplateSummary is the outbox template of the weekly summary post.
const TemplateSummary = "feedback.summary"

// Stores finds shops.
type Stores interface {
	Find(ctx context.Context, code string) (store.Store, error)
}

// Deps are what the feedback service needs.
type Deps struct {
	Repo   Repository
	Tx     domain.TxRunner
	Audit  *audit.Log
	Outbox *outbox.Outbox
	Stores Stores
	Clock  domain.Clock
	// TZ is the store's zone, in which periods are read.
	TZ *time.Location
}

// Service collects and sums up feedback.
type Service struct{ d Deps }

// NewService builds the feedback service.
func NewService(d Deps) *Service {
	if d.TZ == nil {
		d.TZ = time.UTC
	}
	return &Service{d: d}
}

// anyRole is everyone with a role: whoever hears a customer may write it down.
func anyRole(actor domain.Actor) error {
	for _, r := range domain.Roles() {
		if actor.Has(r) {
			return nil
		}
	}
	return domain.Errorf(domain.EFORBIDDEN, "error.needs_role", string(domain.RoleAssistant))
}

// Add records feedback.
func (s *Service) Add(ctx context.Context, actor domain.Actor, in Input) (Feedback, error) {
	if err := anyRole(actor); err != nil {
		return Feedback{}, err
	}
	f, problems := in.Parse()
	if f.StoreCode != "" {
		if _, err := s.d.Stores.Find(ctx, f.StoreCode); err != nil {
			if domain.ErrorCode(err) != domain.ENOTFOUND {
				return Feedback{}, fmt.Errorf("add feedback: %w", err)
			}
			problems = append(problems, domain.Problem{Field: FieldStore, Key: "feedback.store.unknown", Args: []any{f.StoreCode}})
		}
	}
	if len(problems) > 0 {
		return Feedback{}, domain.Invalid(problems)
	}
	f.RecordedBy, f.CreatedAt = actor.UserID, s.d.Clock.Now()
	err := s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.d.Repo.Create(ctx, &f); err != nil {
			return err
		}
		return s.d.Audit.Record(ctx, actor, "feedback.add", f.Subject(), nil, map[string]any{
			"kind": f.Kind, "store": f.StoreCode, "sku": f.SKU, "text": f.Text, "tags": strings.Join(f.Tags, ", ")})
	})
	if err != nil {
		return Feedback{}, fmt.Errorf("add %s feedback: %w", f.Kind, err)
	}
	return f, nil
}

// Summary sums up the feedback of a period as ParsePeriod reads it.
func (s *Service) Summary(ctx context.Context, actor domain.Actor, period string) (Summary, error) {
	if err := anyRole(actor); err != nil {
		return Summary{}, err
	}
	from, to, err := ParsePeriod(period, s.d.Clock.Now(), s.d.TZ)
	if err != nil {
		return Summary{}, err
	}
	return s.summarize(ctx, from, to)
}

func (s *Service) summarize(ctx context.Context, from, to time.Time) (Summary, error) {
	sum, err := s.d.Repo.Summarize(ctx, from, to, MaxGroups, MaxExamples)
	if err != nil {
		return Summary{}, fmt.Errorf("sum up feedback %s..%s: %w", from.Format(time.RFC3339), to.Format(time.RFC3339), err)
	}
	sum.From, sum.To = from, to
	return sum, nil
}

// SetChannel sets where the weekly summary goes. Admin or supervisor.
func (s *Service) SetChannel(ctx context.Context, actor domain.Actor, channel string) error {
	if !actor.Has(domain.RoleAdmin) && !actor.Has(domain.RoleSupervisor) {
		return domain.Errorf(domain.EFORBIDDEN, "error.needs_role", string(domain.RoleAdmin)+" / "+string(domain.RoleSupervisor))
	}
	err := s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		before, err := s.d.Repo.Channel(ctx)
		if err != nil {
			return err
		}
		if err := s.d.Repo.SetChannel(ctx, channel, actor.UserID, s.d.Clock.Now()); err != nil {
			return err
		}
		return s.d.Audit.Record(ctx, actor, "feedback.channel", domain.Subject("feedback:summary"),
			map[string]string{"channel": before}, map[string]string{"channel": channel})
	})
	if err != nil {
		return fmt.Errorf("set feedback summary channel: %w", err)
	}
	return nil
}

// PostWeekly queues last week's summary (LastWeek of now) to the summary channel, in the
// caller's transaction, so that the job's once-a-week marker commits with it. It returns
// false, having queued nothing, when no channel is set.
func (s *Service) PostWeekly(ctx context.Context) (bool, error) {
	channel, err := s.d.Repo.Channel(ctx)
	if err != nil {
		return false, fmt.Errorf("weekly feedback summary: %w", err)
	}
	if channel == "" {
		return false, nil
	}
	from, to := LastWeek(s.d.Clock.Now(), s.d.TZ)
	sum, err := s.summarize(ctx, from, to)
	if err != nil {
		return false, err
	}
	// The summary says so when there was no feedback: silence would look like a broken job.
	if err := s.d.Outbox.Post(ctx, TemplateSummary, channel, "", sum); err != nil {
		return false, fmt.Errorf("weekly feedback summary: %w", err)
	}
	return true, nil
}
