package handlers

import (
	"context"
	"encoding/json"
	"strconv"

	"github.com/slack-go/slack"

	"storeops/bot"
	"storeops/bot/view"
	"storeops/domain"
	"storeops/domain/complaint"
)

// registerComplaintCard adds the complaint card's buttons (Acknowledge, Resolve, Escalate,
// the rating 1–5) and the two modals (a new complaint, the resolution).
func registerComplaintCard(b *bot.Bot, d Deps) {
	ops := complaintOps()
	b.AddView(bot.View{CallbackID: view.CallbackComplaintForm, Roles: ops, Submit: func(ctx context.Context, r *bot.Request) (*slack.ViewSubmissionResponse, error) {
		var meta complaintMeta
		if err := json.Unmarshal([]byte(r.Interaction.View.PrivateMetadata), &meta); err != nil {
			return nil, badValue()
		}
		r.ChannelID = meta.Channel
		c, err := d.Complaints.Open(ctx, r.Actor, complaint.Input{
			Store: r.Value(complaint.FieldStore), Customer: r.Value(complaint.FieldCustomer), Order: r.Value(complaint.FieldOrder),
			Category: r.Value(complaint.FieldCategory), Severity: r.Value(complaint.FieldSeverity),
			Description: r.Value(complaint.FieldDescription), Demand: r.Value(complaint.FieldDemand),
		})
		if err != nil {
			return nil, err
		}
		category := view.ComplaintCategory(r.L, c.Category)
		msg := r.L.T("complaint.opened.routed", c.Ref(), "<#"+c.Channel+">", category)
		if !c.Routed {
			msg = r.L.T("complaint.opened.team", c.Ref(), "<#"+c.Channel+">", c.StoreCode, category)
		}
		return nil, r.Notify(ctx, text(msg))
	}})
	b.AddAction(bot.Action{ID: view.ActionComplaintAck, Roles: ops, Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
		id, err := complaintButtonID(r.Action.Value)
		if err != nil {
			return nil, err
		}
		_, err = d.Complaints.Acknowledge(ctx, r.Actor, id)
		return nil, complaintRefusal(r.L, err)
	}})
	b.AddAction(bot.Action{ID: view.ActionComplaintEscalate, Roles: ops, Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
		id, err := complaintButtonID(r.Action.Value)
		if err != nil {
			return nil, err
		}
		c, err := d.Complaints.Escalate(ctx, r.Actor, id)
		if err != nil {
			return nil, complaintRefusal(r.L, err)
		}
		return text(withAwayRole(ctx, d, r, r.L.T("complaint.escalated", c.Ref()), domain.RoleSupervisor)), nil
	}})
	b.AddAction(bot.Action{ID: view.ActionComplaintResolve, Roles: ops, Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
		id, err := complaintButtonID(r.Action.Value)
		if err != nil {
			return nil, err
		}
		c, err := d.Complaints.Find(ctx, id)
		if err != nil {
			return nil, err
		}
		// Refused before the modal opens, so that nobody writes a resolution for a
		// complaint someone else resolved meanwhile.
		if err := complaint.Check(c, complaint.ActionResolve); err != nil {
			return nil, complaintRefusal(r.L, err)
		}
		return nil, r.OpenView(ctx, view.ComplaintResolveForm(r.L, complaint.CardOf(c), strconv.FormatInt(id, 10)))
	}})
	b.AddView(bot.View{CallbackID: view.CallbackComplaintResolve, Roles: ops, Submit: func(ctx context.Context, r *bot.Request) (*slack.ViewSubmissionResponse, error) {
		id, err := complaintButtonID(r.Interaction.View.PrivateMetadata)
		if err != nil {
			return nil, err
		}
		_, err = d.Complaints.Resolve(ctx, r.Actor, id, r.Value(complaint.FieldResolution), r.Value(complaint.FieldCustomerTold))
		return nil, complaintRefusal(r.L, err)
	}})
	for n := complaint.MinRating; n <= complaint.MaxRating; n++ {
		b.AddAction(bot.Action{ID: view.ComplaintRateAction(n), Roles: ops, Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			id, err := complaintButtonID(r.Action.Value)
			if err != nil {
				return nil, err
			}
			return rateComplaint(ctx, d, r, id, n)
		}})
	}
}

// complaintButtonID reads the complaint id a card's button or the resolve modal carries.
func complaintButtonID(v string) (int64, error) { return orderID(v) }
