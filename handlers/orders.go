package handlers

import (
	"context"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"storeops/bot"
	"storeops/bot/view"
	"storeops/domain/order"
)

// registerOrders adds the held-order card's buttons and modals. The domain checks who may
// decide, so that the refusal names the roles.
func registerOrders(b *bot.Bot, d Deps) {
	b.AddAction(bot.Action{ID: view.ActionOrderRelease, Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
		id, err := orderID(r.Action.Value)
		if err != nil {
			return nil, err
		}
		_, err = d.Orders.Release(ctx, r.Actor, id)
		return nil, err
	}})
	b.AddAction(bot.Action{ID: view.ActionOrderBlacklist, Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
		id, err := orderID(r.Action.Value)
		if err != nil {
			return nil, err
		}
		o, err := d.Orders.BlacklistBuyer(ctx, r.Actor, id, r.L.T("order.blacklist.reason"))
		if err != nil {
			return nil, err
		}
		return text(r.L.T("order.blacklisted", o.Ref())), nil
	}})
	for _, m := range []struct{ action, callback string }{
		{view.ActionOrderCancel, view.CallbackOrderCancel},
		{view.ActionOrderNote, view.CallbackOrderNote},
	} {
		b.AddAction(bot.Action{ID: m.action, Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			id, err := orderID(r.Action.Value)
			if err != nil {
				return nil, err
			}
			o, err := d.Orders.Find(ctx, id)
			if err != nil {
				return nil, err
			}
			return nil, r.OpenView(ctx, view.OrderTextForm(r.L, order.CardOf(o), m.callback, strconv.FormatInt(id, 10)))
		}})
	}
	b.AddView(bot.View{CallbackID: view.CallbackOrderCancel, Submit: func(ctx context.Context, r *bot.Request) (*slack.ViewSubmissionResponse, error) {
		id, err := orderID(r.Interaction.View.PrivateMetadata)
		if err != nil {
			return nil, err
		}
		_, err = d.Orders.Cancel(ctx, r.Actor, id, r.Value(view.ReasonBlock))
		return nil, err
	}})
	b.AddView(bot.View{CallbackID: view.CallbackOrderNote, Submit: func(ctx context.Context, r *bot.Request) (*slack.ViewSubmissionResponse, error) {
		id, err := orderID(r.Interaction.View.PrivateMetadata)
		if err != nil {
			return nil, err
		}
		_, err = d.Orders.AddNote(ctx, r.Actor, id, r.Value(view.NoteBlock))
		return nil, err
	}})
}

func orderID(v string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil || id <= 0 {
		return 0, badValue()
	}
	return id, nil
}
