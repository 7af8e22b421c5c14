package handlers

import (
	"context"
	"encoding/json"
	"strconv"

	"github.com/slack-go/slack"

	"storeops/bot"
	"storeops/bot/view"
	"storeops/domain/aftersale"
)

// registerAftersaleActions adds the case card's move buttons, the warehouse's confirmations
// and the case modals. A move that needs text (closing, rejecting) opens a modal first.
func registerAftersaleActions(b *bot.Bot, d Deps) {
	for _, st := range aftersale.Statuses() {
		b.AddAction(bot.Action{ID: view.AftersaleMoveAction(st), Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			id, err := orderID(r.Action.Value)
			if err != nil {
				return nil, err
			}
			if st == aftersale.StatusClosed || st == aftersale.StatusRejected {
				c, err := d.Aftersale.Find(ctx, id)
				if err != nil {
					return nil, err
				}
				return nil, r.OpenView(ctx, view.AftersaleTextForm(r.L, aftersale.CardOf(c), st, view.AftersaleTextValue(id, st)))
			}
			_, err = d.Aftersale.Move(ctx, r.Actor, id, st, "")
			return nil, err
		}})
	}
	b.AddAction(bot.Action{ID: view.ActionAftersaleReceived, Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
		id, err := orderID(r.Action.Value)
		if err != nil {
			return nil, err
		}
		_, err = d.Aftersale.ConfirmReceived(ctx, r.Actor, id)
		return nil, err
	}})
	b.AddAction(bot.Action{ID: view.ActionAftersaleStock, Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
		id, err := orderID(r.Action.Value)
		if err != nil {
			return nil, err
		}
		_, err = d.Aftersale.ConfirmStock(ctx, r.Actor, id)
		return nil, err
	}})
	b.AddView(bot.View{CallbackID: view.CallbackAftersaleForm, Roles: aftersale.Movers(), Submit: func(ctx context.Context, r *bot.Request) (*slack.ViewSubmissionResponse, error) {
		var meta caseFormMeta
		if err := json.Unmarshal([]byte(r.Interaction.View.PrivateMetadata), &meta); err != nil {
			return nil, badValue()
		}
		r.ChannelID = meta.Channel
		in := aftersale.Input{Type: r.Value(aftersale.FieldType), Items: r.Value(aftersale.FieldItems), Amount: r.Value(aftersale.FieldAmount),
			Reason: r.Value(aftersale.FieldReason), Demand: r.Value(aftersale.FieldDemand), Evidence: r.Value(aftersale.FieldEvidence)}
		c, err := d.Aftersale.Open(ctx, r.Actor, meta.Order, in)
		if err != nil {
			return nil, err
		}
		key := "aftersale.opened.approved"
		if c.ApprovalID != 0 {
			key = "aftersale.opened.approval"
		}
		return nil, r.Notify(ctx, text(r.L.T(key, c.Number(), c.OrderRef, c.Amount.String(), strconv.FormatInt(c.ApprovalID, 10))))
	}})
	b.AddView(bot.View{CallbackID: view.CallbackAftersaleText, Roles: aftersale.Movers(), Submit: func(ctx context.Context, r *bot.Request) (*slack.ViewSubmissionResponse, error) {
		id, st, err := view.ParseAftersaleTextValue(r.Interaction.View.PrivateMetadata)
		if err != nil {
			return nil, badValue()
		}
		field := aftersale.FieldCustomerText
		if st == aftersale.StatusRejected {
			field = aftersale.FieldReason
		}
		_, err = d.Aftersale.Move(ctx, r.Actor, id, st, r.Value(field))
		return nil, err
	}})
}
