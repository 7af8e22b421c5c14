package handlers

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"storeops/bot"
	"storeops/bot/view"
	"storeops/domain"
	"storeops/domain/inquiry"
)

// inquiryMeta is what the inquiry modal carries between opening and submission.
type inquiryMeta struct {
	Channel string `json:"channel,omitempty"`
}

// registerInquiries adds the inquiry commands and modal. The domain checks roles again.
func registerInquiries(b *bot.Bot, d Deps) {
	staff := []domain.Role{domain.RoleAssistant, domain.RoleSupervisor}
	b.AddCommand(bot.Command{Area: "inquiry", Path: "inquiry new", Summary: "help.inquiry.new", Roles: staff,
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			stores, err := d.Stores.List(ctx)
			if err != nil {
				return nil, err
			}
			raw, err := json.Marshal(inquiryMeta{Channel: r.ChannelID})
			if err != nil {
				return nil, err
			}
			return nil, r.OpenView(ctx, view.InquiryForm(r.L, stores, string(raw)))
		}})
	b.AddCommand(bot.Command{Area: "inquiry", Path: "inquiry answer", Usage: "<id> <answer>", Summary: "help.inquiry.answer", Roles: staff,
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			if len(r.Args) < 2 {
				return nil, r.Usage()
			}
			id, err := inquiryID(r.Args[0])
			if err != nil {
				return nil, err
			}
			q, err := d.Inquiries.Answer(ctx, r.Actor, id, r.Args.Rest(1))
			if err != nil {
				return nil, err
			}
			key := "inquiry.answered.on_time"
			if !q.OnTime {
				key = "inquiry.answered.late"
			}
			return text(r.L.T(key, view.InquiryRef(q.ID), q.Customer)), nil
		}})
	b.AddCommand(bot.Command{Area: "inquiry", Path: "inquiry list", Usage: "[open|overdue|mine]", Summary: "help.inquiry.list", Roles: team(),
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			if len(r.Args) > 1 {
				return nil, r.Usage()
			}
			which := inquiry.ListOpen
			if len(r.Args) == 1 {
				which = strings.ToLower(r.Args[0])
			}
			list, more, err := d.Inquiries.List(ctx, r.Actor, which)
			if err != nil {
				return nil, err
			}
			title := r.L.T("view.inquiry.list.title."+which, len(list))
			return &bot.Reply{Text: title, Blocks: view.InquiryList(r.L, title, list, more, d.Inquiries.Now(), r.TZ)}, nil
		}})
	b.AddCommand(bot.Command{Area: "inquiry", Path: "inquiry show", Usage: "<id>", Summary: "help.inquiry.show", Roles: team(),
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			if len(r.Args) != 1 {
				return nil, r.Usage()
			}
			id, err := inquiryID(r.Args[0])
			if err != nil {
				return nil, err
			}
			q, err := d.Inquiries.Find(ctx, id)
			if err != nil {
				return nil, err
			}
			return &bot.Reply{Text: r.L.T("view.inquiry.title", view.InquiryRef(q.ID), q.Customer),
				Blocks: view.Inquiry(r.L, q, d.Inquiries.Now(), r.TZ)}, nil
		}})
	b.AddView(bot.View{CallbackID: view.CallbackInquiryForm, Roles: staff, Submit: func(ctx context.Context, r *bot.Request) (*slack.ViewSubmissionResponse, error) {
		var meta inquiryMeta
		if err := json.Unmarshal([]byte(r.Interaction.View.PrivateMetadata), &meta); err != nil {
			return nil, badValue()
		}
		r.ChannelID = meta.Channel
		in := inquiry.Input{Store: r.Value(inquiry.FieldStore), Customer: r.Value(inquiry.FieldCustomer),
			Platform: r.Value(inquiry.FieldPlatform), Order: r.Value(inquiry.FieldOrder), Question: r.Value(inquiry.FieldQuestion),
			Promise: r.Value(inquiry.FieldPromise), Owner: selectedUser(r, inquiry.FieldOwner)}
		q, err := d.Inquiries.Record(ctx, r.Actor, in)
		if err != nil {
			return nil, err
		}
		return nil, r.Notify(ctx, text(withAway(ctx, d, r, r.L.T("inquiry.recorded", view.InquiryRef(q.ID), q.Customer, r.L.Time(q.PromisedAt, r.TZ), r.L.Mention(q.Owner)), q.Owner)))
	}})
}

// inquiryID reads "12" or "#12".
func inquiryID(s string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(strings.TrimSpace(s), "#"), 10, 64)
	if err != nil || id <= 0 {
		return 0, domain.Errorf(domain.EINVALID, "inquiry.id.invalid", s)
	}
	return id, nil
}

// selectedUser is the user picked in a users_select input of a modal; "" when none.
func selectedUser(r *bot.Request, blockID string) string {
	if r.Interaction == nil {
		return ""
	}
	for _, a := range r.Interaction.View.State.Values[blockID] {
		return a.SelectedUser
	}
	return ""
}
