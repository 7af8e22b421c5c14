// Package outbox holds the Slack messages that state changes cause. A service writes them in
// the same transaction as the change; a dispatcher at the edge delivers them later, with
// retries, so that a Slack outage delays a message and never loses it.
package outbox

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"storeops/domain"
)

// Status of a message.
type Status string

const (
	StatusPending Status = "pending"
	StatusSent    Status = "sent"
	// StatusFailed is a message Slack refused for good (a channel that does not exist, say);
	// it is kept for inspection and never retried.
	StatusFailed Status = "failed"
)

// Message is one notification to deliver. Exactly one of Channel and User is set: a channel
// post, or a direct message to a user.
type Message struct {
	ID int64
	// Template names the view that renders Payload (e.g. "approval.card").
	Template string
	Channel  string
	User     string
	// Ref names the Slack message(s) this one creates, so that later messages can update them
	// in place (an approval card after the decision). Empty when nothing will update it.
	Ref string
	// Update makes this message replace every Slack message stored under Ref instead of
	// posting a new one. Updates wait until the posts with the same Ref are delivered.
	Update bool
	// Thread posts this message as a reply in the thread of the message stored under Ref
	// (in Channel when that message could not be posted). Replies wait for it like updates.
	Thread bool
	// Payload is the JSON snapshot the template renders.
	Payload json.RawMessage

	Status        Status
	Attempts      int
	NextAttemptAt time.Time
	LastError     string
	CreatedAt     time.Time
	SentAt        time.Time
}

// SlackRef is where a delivered message landed, so that it can be updated.
type SlackRef struct {
	Ref     string
	Channel string
	TS      string
}

// Repository stores messages. Add must join the transaction in ctx.
type Repository interface {
	Add(ctx context.Context, m *Message) error
	// Claim leases up to limit pending messages that are due at now to worker until
	// now+lease, oldest first, skipping updates whose Ref still has an earlier pending
	// message. A message leased to another worker is not returned until its lease ends.
	Claim(ctx context.Context, worker string, now time.Time, lease time.Duration, limit int) ([]Message, error)
	MarkSent(ctx context.Context, id int64, at time.Time) error
	MarkRetry(ctx context.Context, id int64, next time.Time, lastError string) error
	MarkFailed(ctx context.Context, id int64, lastError string) error
	SaveRef(ctx context.Context, ref SlackRef) error
	Refs(ctx context.Context, ref string) ([]SlackRef, error)
	// Pending counts the messages not yet delivered (for readiness and metrics).
	Pending(ctx context.Context) (int, error)
}

// Outbox queues messages with the time from its clock.
type Outbox struct {
	repo  Repository
	clock domain.Clock
}

// New builds an Outbox.
func New(repo Repository, clock domain.Clock) *Outbox { return &Outbox{repo: repo, clock: clock} }

// Post queues a channel post.
func (o *Outbox) Post(ctx context.Context, template, channel, ref string, payload any) error {
	return o.add(ctx, &Message{Template: template, Channel: channel, Ref: ref}, payload)
}

// DM queues a direct message to user.
func (o *Outbox) DM(ctx context.Context, template, user, ref string, payload any) error {
	return o.add(ctx, &Message{Template: template, User: user, Ref: ref}, payload)
}

// Reply queues a reply in the thread of the channel message posted under ref.
func (o *Outbox) Reply(ctx context.Context, template, channel, ref string, payload any) error {
	return o.add(ctx, &Message{Template: template, Channel: channel, Ref: ref, Thread: true}, payload)
}

// UpdateRef queues a re-render of every message posted under ref.
func (o *Outbox) UpdateRef(ctx context.Context, template, ref string, payload any) error {
	return o.add(ctx, &Message{Template: template, Ref: ref, Update: true}, payload)
}

func (o *Outbox) add(ctx context.Context, m *Message, payload any) error {
	raw, err := json.Marshal(payload)
	if err != nil {
		return fmt.Errorf("queue %s: %w", m.Template, err)
	}
	now := o.clock.Now()
	m.Payload, m.Status, m.CreatedAt, m.NextAttemptAt = raw, StatusPending, now, now
	if err := o.repo.Add(ctx, m); err != nil {
		return fmt.Errorf("queue %s: %w", m.Template, err)
	}
	return nil
}
