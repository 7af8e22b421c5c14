package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack"

	"storeops/bot/i18n"
	"storeops/bot/view"
	"storeops/domain"
	"storeops/domain/outbox"
)

// Dispatcher delivers the outbox to Slack. Several replicas may run one each: messages are
// leased before delivery, so each is taken by one dispatcher at a time.
type Dispatcher struct {
	repo          outbox.Repository
	api           *slack.Client
	state         *State
	catalog       *i18n.Catalog
	defaultLocale string
	tz            *time.Location
	clock         domain.Clock
	log           *slog.Logger
	metrics       *Metrics
	worker        string
	interval      time.Duration
	retryBase     time.Duration
	wake          chan struct{}
	queued        atomic.Bool
}

// DispatcherConfig sets up a dispatcher.
type DispatcherConfig struct {
	Repo          outbox.Repository
	API           *slack.Client
	State         *State
	Catalog       *i18n.Catalog
	DefaultLocale string
	TZ            *time.Location
	Clock         domain.Clock
	Log           *slog.Logger
	Metrics       *Metrics
	// Worker names this replica in leases.
	Worker string
	// Interval is how often the outbox is polled when nobody nudges (1 s when 0).
	Interval time.Duration
	// RetryBase is the first wait after a failed delivery; it doubles up to 10 min (5 s when 0).
	RetryBase time.Duration
}

// NewDispatcher builds a dispatcher.
func NewDispatcher(c DispatcherConfig) *Dispatcher {
	if c.Interval <= 0 {
		c.Interval = time.Second
	}
	if c.RetryBase <= 0 {
		c.RetryBase = 5 * time.Second
	}
	return &Dispatcher{repo: c.Repo, api: c.API, state: c.State, catalog: c.Catalog, defaultLocale: c.DefaultLocale,
		tz: c.TZ, clock: c.Clock, log: c.Log, metrics: c.Metrics, worker: c.Worker, interval: c.Interval, retryBase: c.RetryBase,
		wake: make(chan struct{}, 1)}
}

// Queued notes that a message was added to the outbox; the next NudgeIfQueued delivers it.
func (d *Dispatcher) Queued() { d.queued.Store(true) }

// NudgeIfQueued asks for a delivery round when messages were queued since the last one, so
// that read-only requests cost no outbox query. Call it after the transaction committed.
func (d *Dispatcher) NudgeIfQueued() {
	if d.queued.Swap(false) {
		d.Nudge()
	}
}

// Nudge asks for a delivery round now; it never blocks.
func (d *Dispatcher) Nudge() {
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// Run delivers until ctx ends.
func (d *Dispatcher) Run(ctx context.Context) {
	t := time.NewTicker(d.interval)
	defer t.Stop()
	for {
		if _, err := d.Drain(ctx); err != nil && ctx.Err() == nil {
			d.log.ErrorContext(ctx, "outbox round failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-d.wake:
		}
	}
}

// Drain delivers every due message and returns how many it handled. Cancelling ctx stops it
// between messages, never during one: a message cut off mid-delivery would stay leased, and
// so undelivered, until its lease ran out.
func (d *Dispatcher) Drain(ctx context.Context) (int, error) {
	total := 0
	for ctx.Err() == nil {
		// Claiming is not cut short either: a claim cancelled half-way would leave the rows it
		// had leased unreachable until their lease ran out.
		batch, err := d.repo.Claim(context.WithoutCancel(ctx), d.worker, d.clock.Now(), 2*time.Minute, 20)
		if err != nil {
			return total, fmt.Errorf("claim outbox: %w", err)
		}
		if len(batch) == 0 {
			return total, nil
		}
		for i, m := range batch {
			if ctx.Err() != nil {
				d.release(batch[i:])
				break
			}
			mctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
			d.deliverOne(mctx, m)
			cancel()
			total++
		}
	}
	return total, ctx.Err()
}

// release hands back claimed messages that this round will not deliver, so that the next
// round (or another replica) takes them at once instead of after the lease.
func (d *Dispatcher) release(ms []outbox.Message) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for _, m := range ms {
		if err := d.repo.MarkRetry(ctx, m.ID, d.clock.Now(), "released at shutdown"); err != nil {
			d.log.ErrorContext(ctx, "release outbox message", "id", m.ID, "err", err)
		}
	}
}

func (d *Dispatcher) deliverOne(ctx context.Context, m outbox.Message) {
	err := d.deliver(ctx, m)
	now := d.clock.Now()
	var mark error
	switch {
	case err == nil:
		d.metrics.Outbox.WithLabelValues(m.Template, "sent").Inc()
		mark = d.repo.MarkSent(ctx, m.ID, now)
	case permanent(err):
		d.metrics.Outbox.WithLabelValues(m.Template, "failed").Inc()
		d.log.ErrorContext(ctx, "outbox message refused by Slack", "id", m.ID, "template", m.Template, "err", err)
		mark = d.repo.MarkFailed(ctx, m.ID, err.Error())
	default:
		d.metrics.Outbox.WithLabelValues(m.Template, "retry").Inc()
		next := now.Add(backoff(d.retryBase, m.Attempts, err))
		d.log.WarnContext(ctx, "outbox delivery will be retried", "id", m.ID, "template", m.Template, "attempt", m.Attempts+1, "next", next, "err", err)
		mark = d.repo.MarkRetry(ctx, m.ID, next, err.Error())
	}
	if mark != nil {
		d.log.ErrorContext(ctx, "record outbox outcome", "id", m.ID, "err", mark)
	}
}

func (d *Dispatcher) deliver(ctx context.Context, m outbox.Message) error {
	locale := d.defaultLocale
	if m.User != "" {
		if p := d.state.UserPrefs(ctx, d.api, m.User); p.Locale != "" {
			locale = p.Locale
		}
	}
	if f, isFile, err := view.OutboxFile(d.catalog.For(locale), m.Template, m.Payload); isFile {
		if err != nil {
			return permanentError{fmt.Errorf("render %s: %w", m.Template, err)}
		}
		return d.upload(ctx, m, f)
	}
	text, blocks, err := view.Outbox(d.catalog.For(locale), m.Template, m.Payload, d.tz)
	if err != nil {
		return permanentError{fmt.Errorf("render %s: %w", m.Template, err)}
	}
	opts := []slack.MsgOption{slack.MsgOptionText(text, false), slack.MsgOptionBlocks(blocks...)}
	if m.Update {
		refs, err := d.repo.Refs(ctx, m.Ref)
		if err != nil {
			return fmt.Errorf("refs of %s: %w", m.Ref, err)
		}
		for _, ref := range refs {
			if _, _, _, err := d.api.UpdateMessageContext(ctx, ref.Channel, ref.TS, opts...); err != nil {
				var se slack.SlackErrorResponse
				if errors.As(err, &se) && se.Err == "message_not_found" {
					continue
				}
				return fmt.Errorf("update %s in %s: %w", m.Ref, ref.Channel, err)
			}
		}
		return nil
	}
	if m.Thread {
		refs, err := d.repo.Refs(ctx, m.Ref)
		if err != nil {
			return fmt.Errorf("refs of %s: %w", m.Ref, err)
		}
		for _, ref := range refs {
			if ref.Channel == m.Channel || m.Channel == "" {
				if _, _, err := d.api.PostMessageContext(ctx, ref.Channel, append(opts, slack.MsgOptionTS(ref.TS))...); err != nil {
					return fmt.Errorf("reply %s in %s: %w", m.Template, ref.Channel, err)
				}
				return nil
			}
		}
		// The thread's first message never made it (Slack refused it): the reply still goes
		// out, on its own.
	}
	channel := m.Channel
	if m.User != "" {
		dm, _, _, err := d.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{m.User}})
		if err != nil {
			return fmt.Errorf("open DM with %s: %w", m.User, err)
		}
		channel = dm.ID
	}
	ch, ts, err := d.api.PostMessageContext(ctx, channel, opts...)
	if err != nil {
		return fmt.Errorf("post %s to %s: %w", m.Template, channel, err)
	}
	if m.Ref != "" && !m.Thread {
		if err := d.repo.SaveRef(ctx, outbox.SlackRef{Ref: m.Ref, Channel: ch, TS: ts}); err != nil {
			// The message is out; without its ref a later update cannot find it, which is
			// better than posting it twice.
			d.log.ErrorContext(ctx, "save message ref", "ref", m.Ref, "err", err)
		}
	}
	return nil
}

// upload delivers a message whose template renders to a file (a chart): it is rendered
// here, at delivery, from the series in the payload, so that the outbox keeps a small JSON
// row rather than an image. A reply goes into the thread of the message posted under its
// ref; when that message never made it, the file goes to the channel on its own.
func (d *Dispatcher) upload(ctx context.Context, m outbox.Message, f view.File) error {
	channel, thread := m.Channel, ""
	if m.Thread {
		refs, err := d.repo.Refs(ctx, m.Ref)
		if err != nil {
			return fmt.Errorf("refs of %s: %w", m.Ref, err)
		}
		for _, ref := range refs {
			if ref.Channel == m.Channel || m.Channel == "" {
				channel, thread = ref.Channel, ref.TS
				break
			}
		}
	}
	if m.User != "" {
		dm, _, _, err := d.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{m.User}})
		if err != nil {
			return fmt.Errorf("open DM with %s: %w", m.User, err)
		}
		channel = dm.ID
	}
	if _, err := d.api.UploadFileContext(ctx, slack.UploadFileParameters{Reader: bytes.NewReader(f.Data), FileSize: len(f.Data),
		Filename: f.Name, Title: f.Title, InitialComment: f.Comment, AltTxt: f.AltText, Channel: channel, ThreadTimestamp: thread}); err != nil {
		return fmt.Errorf("upload %s to %s: %w", m.Template, channel, err)
	}
	return nil
}

type permanentError struct{ error }

func (e permanentError) Unwrap() error { return e.error }

// permanent reports whether Slack refused the message for good: retrying cannot help.
func permanent(err error) bool {
	var pe permanentError
	if errors.As(err, &pe) {
		return true
	}
	var se slack.SlackErrorResponse
	if errors.As(err, &se) {
		switch se.Err {
		case "ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout", "team_added_to_org":
			return false
		}
		return true
	}
	return false
}

// backoff doubles from base up to 10 min, and follows Slack's Retry-After when it gave one.
func backoff(base time.Duration, attempts int, err error) time.Duration {
	var rl *slack.RateLimitedError
	if errors.As(err, &rl) && rl.RetryAfter > 0 {
		return rl.RetryAfter
	}
	d := base
	for i := 0; i < attempts && d < 10*time.Minute; i++ {
		d *= 2
	}
	return min(d, 10*time.Minute)
}
