package handlers

import (
	"context"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"storeops/bot"
	"storeops/bot/view"
	"storeops/domain/approval"
)

func registerApprovals(b *bot.Bot, d Deps) {
	b.AddCommand(bot.Command{Area: "approval", Path: "approvals", Summary: "help.approvals", Roles: team(),
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			waiting, err := d.Approvals.ListWaitingFor(ctx, r.Actor)
			if err != nil {
				return nil, err
			}
			cards := make([]approval.Card, len(waiting))
			for i, w := range waiting {
				cards[i] = d.Approvals.Card(w)
			}
			return &bot.Reply{Text: r.L.T("approval.list.title", len(cards)), Blocks: view.ApprovalList(r.L, cards, r.TZ)}, nil
		}})
	// The button's role check is the engine's, so that the refusal names the kind's approver
	// role rather than a generic one.
	b.AddAction(bot.Action{ID: view.ActionApprove, Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
		// The value also carries the card's version, but a stale card needs no special case:
		// the engine's row lock and pending check decide who was first.
		id, _, err := view.ParseApprovalValue(r.Action.Value)
		if err != nil {
			return nil, badValue()
		}
		_, err = d.Approvals.Approve(ctx, r.Actor, id)
		return nil, err
	}})
	b.AddAction(bot.Action{ID: view.ActionReject, Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
		id, _, err := view.ParseApprovalValue(r.Action.Value)
		if err != nil {
			return nil, badValue()
		}
		req, err := d.Approvals.Find(ctx, id)
		if err != nil {
			return nil, err
		}
		// Refuse before the modal opens, so that nobody types a reason for nothing.
		if req.Status != approval.StatusPending {
			return nil, approval.ErrAlreadyDecided(req)
		}
		if req.Requester == r.Actor.UserID {
			return nil, approval.ErrSelfApproval()
		}
		meta := strconv.FormatInt(id, 10) + ":" + r.ChannelID
		return nil, r.OpenView(ctx, view.RejectForm(r.L, d.Approvals.Card(req), meta))
	}})
	b.AddView(bot.View{CallbackID: view.CallbackReject, Submit: func(ctx context.Context, r *bot.Request) (*slack.ViewSubmissionResponse, error) {
		idPart, channel, _ := strings.Cut(r.Interaction.View.PrivateMetadata, ":")
		id, err := strconv.ParseInt(idPart, 10, 64)
		if err != nil {
			return nil, badValue()
		}
		r.ChannelID = channel
		if _, err := d.Approvals.Reject(ctx, r.Actor, id, r.Value(view.ReasonBlock)); err != nil {
			return nil, err
		}
		return nil, nil
	}})
}

// registerEvents answers mentions of the bot with a pointer to the commands.
func registerEvents(b *bot.Bot) {
	b.OnEvent("app_mention", func(ctx context.Context, ev bot.Event) error {
		return ev.Reply(ctx, "mention.hint")
	})
}
