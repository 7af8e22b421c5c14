package report

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"storeops/domain"
	"storeops/domain/audit"
	"storeops/domain/metrics"
	"storeops/domain/outbox"
	"storeops/domain/store"
)

// Stores lists the stores (store.Service does).
type Stores interface {
	List(ctx context.Context) ([]store.Store, error)
}

// The digest counts what is waiting through one small port per area, so that report
// imports none of them; main adapts each area's service. A nil port leaves its count out.
type (
	// PendingApprovals counts the approval requests still pending.
	PendingApprovals interface {
		PendingApprovals(ctx context.Context) (int, error)
	}
	// HeldOrders counts the orders held for review, per store code.
	HeldOrders interface {
		HeldOrders(ctx context.Context) (map[string]int, error)
	}
	// StaleCases counts the open after-sales cases that have not moved for the reminder
	// delay, per store code.
	StaleCases interface {
		StaleCases(ctx context.Context) (map[string]int, error)
	}
	// OverdueInquiries counts the open inquiries past their promised reply, per store code.
	OverdueInquiries interface {
		OverdueInquiries(ctx context.Context) (map[string]int, error)
	}
	// OverdueComplaints counts the unresolved complaints past a deadline, per store code.
	OverdueComplaints interface {
		OverdueComplaints(ctx context.Context) (map[string]int, error)
	}
	// RepeatBuyers counts a store's paying buyers of from ≤ t < to and those among them
	// with two paid orders or more, from StoreOps' own orders: the platforms' daily figures
	// cannot tell one buyer's orders apart.
	RepeatBuyers interface {
		RepeatBuyers(ctx context.Context, store string, from, to time.Time) (buyers, repeat int64, err error)
	}
)

// Deps are what the report service works with.
type Deps struct {
	Metrics  metrics.Repository
	Stores   Stores
	Settings SettingsRepository
	Tx       domain.TxRunner
	Audit    *audit.Log
	Outbox   *outbox.Outbox
	Clock    domain.Clock
	// TZ is the company zone, for stores and channels without one of their own.
	TZ *time.Location

	Approvals  PendingApprovals
	Held       HeldOrders
	Stale      StaleCases
	Inquiries  OverdueInquiries
	Complaints OverdueComplaints
	// Buyers gives the period reports their repeat purchase rate; nil leaves it out.
	Buyers RepeatBuyers
}

// Service builds and queues digests and keeps the channels' digest settings.
type Service struct{ d Deps }

// NewService builds a Service.
func NewService(d Deps) *Service { return &Service{d: d} }

// TZ is the company zone: digests of channels whose stores name none are scheduled in it.
func (s *Service) TZ() *time.Location { return s.d.TZ }

// Settings returns every team channel (a channel that is some store's team channel) with
// its settings, defaults where it has none, ordered by channel.
func (s *Service) Settings(ctx context.Context) ([]ChannelSettings, error) {
	stores, err := s.d.Stores.List(ctx)
	if err != nil {
		return nil, fmt.Errorf("digest settings: %w", err)
	}
	stored, err := s.d.Settings.List(ctx)
	if err != nil {
		return nil, fmt.Errorf("digest settings: %w", err)
	}
	byChannel := map[string]*ChannelSettings{}
	var out []ChannelSettings
	for _, st := range stores {
		if st.TeamChannel == "" {
			continue
		}
		if _, ok := byChannel[st.TeamChannel]; !ok {
			out = append(out, Defaults(st.TeamChannel))
			byChannel[st.TeamChannel] = nil
		}
	}
	slices.SortFunc(out, func(a, b ChannelSettings) int { return strings.Compare(a.Channel, b.Channel) })
	for i := range out {
		byChannel[out[i].Channel] = &out[i]
	}
	for _, c := range stored {
		if p := byChannel[c.Channel]; p != nil {
			*p = c
		}
	}
	zones := map[string]map[string]bool{}
	for _, st := range stores {
		if p := byChannel[st.TeamChannel]; p != nil {
			p.Stores = append(p.Stores, st.Code)
			if zones[st.TeamChannel] == nil {
				zones[st.TeamChannel] = map[string]bool{}
			}
			zones[st.TeamChannel][st.TimeZone] = true
		}
	}
	for i := range out {
		if z := zones[out[i].Channel]; len(z) == 1 {
			for name := range z {
				out[i].StoreZone = name
			}
		}
	}
	return out, nil
}

// SetTime sets when a channel's digest goes out ("HH:MM", store time). Admin or supervisor.
func (s *Service) SetTime(ctx context.Context, actor domain.Actor, channel, at string) (ChannelSettings, error) {
	minutes, err := ParseAt(at)
	if err != nil {
		return ChannelSettings{}, err
	}
	return s.change(ctx, actor, channel, "digest.time", func(c *ChannelSettings) { c.At = minutes })
}

// SetZone sets the zone a channel's digest time is read in (an IANA name), or with
// store.CompanyZone lets it follow its stores again. Admin or supervisor.
func (s *Service) SetZone(ctx context.Context, actor domain.Actor, channel, name string) (ChannelSettings, error) {
	zone, err := store.ParseZone(name)
	if err != nil {
		return ChannelSettings{}, err
	}
	return s.change(ctx, actor, channel, "digest.zone", func(c *ChannelSettings) { c.TimeZone = zone })
}

// SetThreshold sets the change, in percent, at which a channel's digest flags a figure.
// Admin or supervisor.
func (s *Service) SetThreshold(ctx context.Context, actor domain.Actor, channel string, pct float64) (ChannelSettings, error) {
	if pct <= 0 || pct > MaxThreshold {
		return ChannelSettings{}, domain.Errorf(domain.EINVALID, "digest.threshold.invalid", MaxThreshold)
	}
	return s.change(ctx, actor, channel, "digest.threshold", func(c *ChannelSettings) { c.Threshold = pct })
}

func (s *Service) change(ctx context.Context, actor domain.Actor, channel, action string, fn func(*ChannelSettings)) (ChannelSettings, error) {
	if !actor.Has(domain.RoleAdmin) && !actor.Has(domain.RoleSupervisor) {
		return ChannelSettings{}, domain.Errorf(domain.EFORBIDDEN, "error.needs_role", string(domain.RoleAdmin)+" / "+string(domain.RoleSupervisor))
	}
	var after ChannelSettings
	err := s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		all, err := s.Settings(ctx)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(all, func(c ChannelSettings) bool { return c.Channel == channel })
		if i < 0 {
			return domain.Errorf(domain.EINVALID, "digest.channel.not_team", "<#"+channel+">")
		}
		before := all[i]
		after = before
		fn(&after)
		after.UpdatedBy, after.UpdatedAt = actor.UserID, s.d.Clock.Now()
		if err := s.d.Settings.Save(ctx, after); err != nil {
			return err
		}
		return s.d.Audit.Record(ctx, actor, action, domain.Subject("digest:"+channel), auditView(before), auditView(after))
	})
	if err != nil {
		return ChannelSettings{}, fmt.Errorf("change digest settings of %s: %w", channel, err)
	}
	return after, nil
}

func auditView(c ChannelSettings) map[string]any {
	return map[string]any{"time": c.Clock(), "threshold": c.Threshold, "time_zone": c.TimeZone}
}

// Queue queues a built digest to its channel under ref, with its chart as a reply in the
// thread when any store has data, in the caller's transaction (so that a job's sent-record
// commits with it).
func (s *Service) Queue(ctx context.Context, d Digest, ref string) error {
	if err := s.d.Outbox.Post(ctx, TemplateDigest, d.Channel, ref, d); err != nil {
		return fmt.Errorf("queue digest of %s: %w", d.Channel, err)
	}
	if !d.HasData() {
		return nil
	}
	if err := s.d.Outbox.Reply(ctx, TemplateChart, d.Channel, ref, d.Chart()); err != nil {
		return fmt.Errorf("queue digest chart of %s: %w", d.Channel, err)
	}
	return nil
}

// Preview builds the digest of a channel for yesterday, for a person who asked for it. The
// team only.
func (s *Service) Preview(ctx context.Context, actor domain.Actor, channel string) (Digest, error) {
	if len(actor.Roles) == 0 {
		names := make([]string, 0, len(domain.Roles()))
		for _, r := range domain.Roles() {
			names = append(names, string(r))
		}
		return Digest{}, domain.Errorf(domain.EFORBIDDEN, "error.needs_role", strings.Join(names, " / "))
	}
	settings, err := s.channel(ctx, channel)
	if err != nil {
		return Digest{}, err
	}
	date, _ := Due(settings, s.d.TZ, s.d.Clock.Now())
	d, err := s.Build(ctx, settings, date)
	if err != nil {
		return Digest{}, err
	}
	d.Preview = true
	return d, nil
}

// PostNow posts yesterday's digest to a channel at once, beside the scheduled one (it
// leaves the sent-record alone). Admin or supervisor.
func (s *Service) PostNow(ctx context.Context, actor domain.Actor, channel string) (Digest, error) {
	if !actor.Has(domain.RoleAdmin) && !actor.Has(domain.RoleSupervisor) {
		return Digest{}, domain.Errorf(domain.EFORBIDDEN, "error.needs_role", string(domain.RoleAdmin)+" / "+string(domain.RoleSupervisor))
	}
	d, err := s.Preview(ctx, actor, channel)
	if err != nil {
		return Digest{}, err
	}
	// The ref must differ from the scheduled digest's, or the chart of one could land in
	// the thread of the other.
	ref := fmt.Sprintf("digest:%s:%s:now:%d", channel, d.Date, s.d.Clock.Now().UnixNano())
	err = s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.Queue(ctx, d, ref); err != nil {
			return err
		}
		return s.d.Audit.Record(ctx, actor, "digest.post_now", domain.Subject("digest:"+channel), nil, map[string]string{"date": d.Date})
	})
	if err != nil {
		return Digest{}, fmt.Errorf("post digest of %s now: %w", channel, err)
	}
	return d, nil
}

// channel returns a team channel's settings, EINVALID when no store has it as team channel.
func (s *Service) channel(ctx context.Context, channel string) (ChannelSettings, error) {
	all, err := s.Settings(ctx)
	if err != nil {
		return ChannelSettings{}, err
	}
	for _, c := range all {
		if c.Channel == channel {
			return c, nil
		}
	}
	return ChannelSettings{}, domain.Errorf(domain.EINVALID, "digest.channel.not_team", "<#"+channel+">")
}

// Ref is the outbox ref of a channel's scheduled digest of date.
func Ref(channel string, date time.Time) string { return "digest:" + channel + ":" + dateKey(date) }
