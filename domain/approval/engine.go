package approval

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"storeops/domain"
	"storeops/domain/audit"
	"storeops/domain/outbox"
)

// Engine files, decides and reminds approval requests of every registered kind.
type Engine struct {
	repo      Repository
	tx        domain.TxRunner
	audit     *audit.Log
	outbox    *outbox.Outbox
	clock     domain.Clock
	directory Directory
	away      Away
	// channel is where cards go; when empty each approver gets the card as a DM.
	channel     string
	remindAfter time.Duration
	kinds       map[Kind]registration
}

type registration struct {
	policy  Policy
	applier Applier
}

// Deps are what the engine needs.
type Deps struct {
	Repo      Repository
	Tx        domain.TxRunner
	Audit     *audit.Log
	Outbox    *outbox.Outbox
	Clock     domain.Clock
	Directory Directory
	// Away says which approvers are away (on leave); reminders wait for them. Nil: nobody is.
	Away Away
	// Channel is the approvals channel ID; empty sends cards to approvers by DM.
	Channel string
	// RemindAfter is how long a request waits before the daily reminders start (24 h when 0).
	RemindAfter time.Duration
}

// NewEngine builds an engine with no kinds; Register each before use.
func NewEngine(d Deps) *Engine {
	if d.RemindAfter <= 0 {
		d.RemindAfter = 24 * time.Hour
	}
	return &Engine{repo: d.Repo, tx: d.Tx, audit: d.Audit, outbox: d.Outbox, clock: d.Clock,
		directory: d.Directory, away: d.Away, channel: d.Channel, remindAfter: d.RemindAfter, kinds: map[Kind]registration{}}
}

// Register sets the policy and applier of a kind. It is called while wiring, before serving.
func (e *Engine) Register(p Policy, a Applier) {
	e.kinds[p.Kind] = registration{policy: p, applier: a}
}

// CheckRegistered fails naming every kind that has no policy, so that the service refuses to
// start rather than fail on the first request of that kind.
func (e *Engine) CheckRegistered(kinds ...Kind) error {
	var missing []string
	for _, k := range kinds {
		if _, ok := e.kinds[k]; !ok {
			missing = append(missing, string(k))
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("approval kinds without a policy: %s", strings.Join(missing, ", "))
	}
	return nil
}

// Submission is what an area files.
type Submission struct {
	Kind    Kind
	Subject domain.Subject
	Title   string
	Details []Field
	// Payload is the proposed change; it is stored as JSON and handed back to the applier.
	Payload any
	Note    string
}

// Submit files a request and queues its card. It joins the caller's transaction, so the
// subject's change and its request commit together.
func (e *Engine) Submit(ctx context.Context, actor domain.Actor, s Submission) (Request, error) {
	reg, ok := e.kinds[s.Kind]
	if !ok {
		return Request{}, fmt.Errorf("submit %s: kind not registered", s.Kind)
	}
	payload, err := json.Marshal(s.Payload)
	if err != nil {
		return Request{}, fmt.Errorf("submit %s: %w", s.Kind, err)
	}
	now := e.clock.Now()
	r := Request{Kind: s.Kind, Subject: s.Subject, Title: s.Title, Requester: actor.UserID, Details: s.Details,
		Payload: payload, Note: s.Note, Status: StatusPending, CreatedAt: now, DueAt: now.Add(reg.policy.dueIn())}
	err = e.tx.InTx(ctx, func(ctx context.Context) error {
		if err := e.repo.Create(ctx, &r); err != nil {
			return err
		}
		if err := e.audit.Record(ctx, actor, "approval.submit", r.Subject, nil, auditView(r)); err != nil {
			return err
		}
		return e.sendCards(ctx, r, reg.policy)
	})
	if err != nil {
		return Request{}, fmt.Errorf("submit %s for %s: %w", s.Kind, s.Subject, err)
	}
	return r, nil
}

func (e *Engine) sendCards(ctx context.Context, r Request, p Policy) error {
	card := r.card(p.required())
	if e.channel != "" {
		return e.outbox.Post(ctx, TemplateCard, e.channel, Ref(r.ID), card)
	}
	approvers, err := e.approvers(ctx, r, p)
	if err != nil {
		return err
	}
	if len(approvers) == 0 {
		return e.outbox.DM(ctx, TemplateNoApprovers, r.Requester, "", card)
	}
	for _, u := range approvers {
		if err := e.outbox.DM(ctx, TemplateCard, u, Ref(r.ID), card); err != nil {
			return err
		}
	}
	return nil
}

// approvers are the holders of the approver role except the requester.
func (e *Engine) approvers(ctx context.Context, r Request, p Policy) ([]string, error) {
	users, err := e.directory.UsersWith(ctx, p.ApproverRole)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(users, func(u string) bool { return u == r.Requester }), nil
}

// Approve records actor's approval of request id.
func (e *Engine) Approve(ctx context.Context, actor domain.Actor, id int64) (Request, error) {
	return e.decide(ctx, actor, id, OutcomeApprove, "")
}

// Reject records actor's rejection with a reason, which is required.
func (e *Engine) Reject(ctx context.Context, actor domain.Actor, id int64, reason string) (Request, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return Request{}, domain.Invalid([]domain.Problem{{Field: "reason", Key: KeyReasonRequired}})
	}
	return e.decide(ctx, actor, id, OutcomeReject, reason)
}

// decide is one transaction: lock the request, check the decider, record the vote, and when
// it settles the request, apply it, audit it and queue the card update and the requester's DM.
// The row lock plus the pending check is the compare-and-set: of any number of simultaneous
// clicks exactly one finds the request pending.
func (e *Engine) decide(ctx context.Context, actor domain.Actor, id int64, outcome Outcome, reason string) (Request, error) {
	var out Request
	err := e.tx.InTx(ctx, func(ctx context.Context) error {
		var reg registration
		before := Request{}
		r, err := e.repo.Update(ctx, id, func(r *Request) error {
			var ok bool
			if reg, ok = e.kinds[r.Kind]; !ok {
				return fmt.Errorf("kind %s not registered", r.Kind)
			}
			if r.Status != StatusPending {
				return ErrAlreadyDecided(*r)
			}
			if !actor.Has(reg.policy.ApproverRole) {
				return ErrNotApprover(reg.policy.ApproverRole)
			}
			if actor.UserID == r.Requester {
				return ErrSelfApproval()
			}
			if slices.ContainsFunc(r.Decisions, func(d Decision) bool { return d.By == actor.UserID }) {
				return domain.Errorf(domain.ECONFLICT, KeyAlreadyVoted)
			}
			before = *r
			now := e.clock.Now()
			r.Decisions = append(slices.Clone(r.Decisions), Decision{By: actor.UserID, Outcome: outcome, Reason: reason, At: now})
			next := r.settle(reg.policy.required())
			if next == StatusPending {
				return nil
			}
			if !canMove(r.Status, next) {
				return fmt.Errorf("move %s → %s not allowed", r.Status, next)
			}
			r.Status, r.DecidedBy, r.DecidedAt, r.Reason = next, actor.UserID, now, reason
			return nil
		})
		if err != nil {
			return err
		}
		out = r
		switch r.Status {
		case StatusApproved:
			err = reg.applier.OnApproved(ctx, actor, r)
		case StatusRejected:
			err = reg.applier.OnRejected(ctx, actor, r)
		}
		if err != nil {
			return fmt.Errorf("apply %s: %w", r.Status, err)
		}
		if err := e.audit.Record(ctx, actor, "approval."+string(outcome), r.Subject, auditView(before), auditView(r)); err != nil {
			return err
		}
		card := r.card(reg.policy.required())
		if err := e.outbox.UpdateRef(ctx, TemplateCard, Ref(r.ID), card); err != nil {
			return err
		}
		if r.Status == StatusPending {
			return nil
		}
		return e.outbox.DM(ctx, TemplateDecided, r.Requester, "", card)
	})
	if err != nil {
		return Request{}, fmt.Errorf("%s request %d: %w", outcome, id, err)
	}
	return out, nil
}

// settle says where the votes put the request.
func (r Request) settle(required int) Status {
	approvals := 0
	for _, d := range r.Decisions {
		if d.Outcome == OutcomeReject {
			return StatusRejected
		}
		approvals++
	}
	if approvals >= required {
		return StatusApproved
	}
	return StatusPending
}

// Find returns a request.
func (e *Engine) Find(ctx context.Context, id int64) (Request, error) {
	r, err := e.repo.Find(ctx, id)
	if err != nil {
		return Request{}, fmt.Errorf("find request %d: %w", id, err)
	}
	return r, nil
}

// Card returns the card view of a request.
func (e *Engine) Card(r Request) Card {
	return r.card(e.kinds[r.Kind].policy.required())
}

// ListWaitingFor returns the pending requests actor may decide and has not voted on.
func (e *Engine) ListWaitingFor(ctx context.Context, actor domain.Actor) ([]Request, error) {
	pending, err := e.repo.ListPending(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("list approvals for %s: %w", actor.UserID, err)
	}
	return slices.DeleteFunc(pending, func(r Request) bool {
		reg, ok := e.kinds[r.Kind]
		return !ok || !actor.Has(reg.policy.ApproverRole) || r.Requester == actor.UserID ||
			slices.ContainsFunc(r.Decisions, func(d Decision) bool { return d.By == actor.UserID })
	}), nil
}

// RemindOverdue reminds the approvers of every request pending longer than the reminder
// delay, at most once a day per request, and returns how many it reminded. The reminder time
// is stored with the request in the same transaction as the queued reminder, so a rerun (or a
// second replica) never reminds twice the same day. Approvers who are away are not reminded;
// a request whose every undecided approver is away waits, unreminded, until one is back.
func (e *Engine) RemindOverdue(ctx context.Context) (int, error) {
	pending, err := e.repo.ListPending(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("remind approvals: %w", err)
	}
	now := e.clock.Now()
	due := func(r Request) bool {
		return !now.Before(r.CreatedAt.Add(e.remindAfter)) &&
			(r.LastRemindedAt.IsZero() || !now.Before(r.LastRemindedAt.Add(24*time.Hour)))
	}
	reminded := 0
	for _, p := range pending {
		if !due(p) {
			continue
		}
		sent := false
		err := e.tx.InTx(ctx, func(ctx context.Context) error {
			var reg registration
			r, err := e.repo.Update(ctx, p.ID, func(r *Request) error {
				if r.Status != StatusPending || !due(*r) {
					return errSkip
				}
				reg = e.kinds[r.Kind]
				r.LastRemindedAt = now
				return nil
			})
			if err != nil {
				return err
			}
			if err := e.sendReminder(ctx, r, reg.policy); err != nil {
				return err
			}
			sent = true
			return nil
		})
		if err != nil && !errors.Is(err, errSkip) {
			return reminded, fmt.Errorf("remind request %d: %w", p.ID, err)
		}
		if sent {
			reminded++
		}
	}
	return reminded, nil
}

// errSkip aborts a reminder's transaction without it being a failure.
var errSkip = errors.New("skip")

// sendReminder queues the reminder of r to its undecided approvers who are not away (in
// the approvals channel, when there is one). It returns errSkip, which rolls back the
// reminder time, when every undecided approver is away.
func (e *Engine) sendReminder(ctx context.Context, r Request, p Policy) error {
	approvers, err := e.approvers(ctx, r, p)
	if err != nil {
		return err
	}
	approvers = slices.DeleteFunc(approvers, func(u string) bool {
		return slices.ContainsFunc(r.Decisions, func(d Decision) bool { return d.By == u })
	})
	reachable := approvers
	if e.away != nil && len(approvers) > 0 {
		away, err := e.away.Away(ctx, approvers)
		if err != nil {
			return fmt.Errorf("approvers away: %w", err)
		}
		reachable = slices.DeleteFunc(slices.Clone(approvers), func(u string) bool { _, ok := away[u]; return ok })
		if len(reachable) == 0 {
			return errSkip
		}
	}
	card := r.card(p.required())
	if e.channel != "" {
		return e.outbox.Post(ctx, TemplateReminder, e.channel, "", card)
	}
	for _, u := range reachable {
		if err := e.outbox.DM(ctx, TemplateReminder, u, "", card); err != nil {
			return err
		}
	}
	return nil
}

// auditView is what the audit trail keeps of a request.
func auditView(r Request) map[string]any {
	m := map[string]any{"id": r.ID, "kind": r.Kind, "status": r.Status}
	if r.DecidedBy != "" {
		m["decided_by"] = r.DecidedBy
	}
	if r.Reason != "" {
		m["reason"] = r.Reason
	}
	return m
}
