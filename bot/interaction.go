package bot

import (
	"context"
	"time"

	"github.com/slack-go/slack"

	"storeops/bot/view"
	"storeops/domain"
)

// HandleInteraction serves a block_actions or view_submission payload and returns the ack
// body (nil for an empty 200). Buttons are acked at once and served after; modal submissions
// are served before the ack because the ack decides what the modal shows.
func (b *Bot) HandleInteraction(ctx context.Context, ic *slack.InteractionCallback) *slack.ViewSubmissionResponse {
	switch ic.Type {
	case slack.InteractionTypeBlockActions:
		for _, a := range ic.ActionCallback.BlockActions {
			action := *a
			b.goWork(func(wctx context.Context) { b.runAction(wctx, ic, action) })
		}
		return nil
	case slack.InteractionTypeViewSubmission:
		return b.runView(ctx, ic)
	}
	return nil
}

func (b *Bot) runAction(ctx context.Context, ic *slack.InteractionCallback, a slack.BlockAction) {
	started := time.Now()
	route := a.ActionID
	defer func() { b.metrics.observe("action", route, time.Since(started)); b.nudge() }()
	def, ok := b.actions[a.ActionID]
	if !ok {
		route = "unknown"
		b.log.WarnContext(ctx, "unknown action", "action_id", a.ActionID)
		return
	}
	channel := ic.Channel.ID
	if channel == "" {
		channel = ic.Container.ChannelID
	}
	b.log.InfoContext(ctx, "action", "route", route, "user", ic.User.ID, "channel", channel)
	r, err := b.newRequest(ctx, ic.User.ID)
	var reply *Reply
	if err == nil {
		r.ChannelID, r.TriggerID, r.ResponseURL, r.Action, r.Interaction = channel, ic.TriggerID, ic.ResponseURL, a, ic
		err = safely(func() error {
			if err := authorize(r.Actor, def.Roles); err != nil {
				return err
			}
			var err error
			reply, err = def.Handle(ctx, r)
			return err
		})
	}
	if err != nil {
		reply = b.errorReply(ctx, r.L, route, err)
	}
	if reply != nil {
		b.respond(ctx, ic.User.ID, channel, ic.ResponseURL, reply)
	}
}

func (b *Bot) runView(ctx context.Context, ic *slack.InteractionCallback) *slack.ViewSubmissionResponse {
	started := time.Now()
	route := ic.View.CallbackID
	defer func() { b.metrics.observe("view", route, time.Since(started)); b.nudge() }()
	def, ok := b.views[ic.View.CallbackID]
	if !ok {
		b.log.WarnContext(ctx, "unknown view", "callback_id", ic.View.CallbackID)
		return nil
	}
	b.log.InfoContext(ctx, "view submission", "route", route, "user", ic.User.ID)
	ctx, cancel := context.WithTimeout(ctx, b.cfg.ViewBudget)
	defer cancel()
	r, err := b.newRequest(ctx, ic.User.ID)
	var resp *slack.ViewSubmissionResponse
	if err == nil {
		r.TriggerID, r.Interaction = ic.TriggerID, ic
		err = safely(func() error {
			if err := authorize(r.Actor, def.Roles); err != nil {
				return err
			}
			var err error
			resp, err = def.Submit(ctx, r)
			return err
		})
	}
	if err == nil {
		return resp
	}
	// A form error belongs next to its field; anything else is shown on the first input.
	reply := b.errorReply(ctx, r.L, route, err)
	errs := map[string]string{}
	if e, ok := domain.AsError(err); ok && len(e.Problems) > 0 {
		for _, p := range e.Problems {
			errs[p.Field] = r.L.Problem(p)
		}
	}
	if len(errs) == 0 {
		for _, blk := range ic.View.Blocks.BlockSet {
			if in, ok := blk.(*slack.InputBlock); ok {
				errs[in.BlockID] = view.Cut(reply.Text, 2000)
				break
			}
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return slack.NewErrorsViewSubmissionResponse(errs)
}
