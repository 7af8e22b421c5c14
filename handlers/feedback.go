package handlers

import (
	"context"
	"encoding/json"

	"github.com/slack-go/slack"

	"storeops/bot"
	"storeops/bot/view"
	"storeops/domain"
	"storeops/domain/feedback"
)

// feedbackMeta is what the feedback modal carries between opening and submission.
type feedbackMeta struct {
	Channel string `json:"channel,omitempty"`
}

// registerFeedback adds the feedback commands and modal. The domain checks roles again.
func registerFeedback(b *bot.Bot, d Deps) {
	b.AddCommand(bot.Command{Area: "feedback", Path: "feedback add", Summary: "help.feedback.add", Roles: team(),
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			stores, err := d.Stores.List(ctx)
			if err != nil {
				return nil, err
			}
			raw, err := json.Marshal(feedbackMeta{Channel: r.ChannelID})
			if err != nil {
				return nil, err
			}
			return nil, r.OpenView(ctx, view.FeedbackForm(r.L, stores, string(raw)))
		}})
	b.AddCommand(bot.Command{Area: "feedback", Path: "feedback summary", Usage: "[week|month|YYYY-MM-DD..YYYY-MM-DD]", Summary: "help.feedback.summary",
		Roles: team(), Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			sum, err := d.Feedback.Summary(ctx, r.Actor, r.Args.Rest(0))
			if err != nil {
				return nil, err
			}
			text, blocks := view.FeedbackSummary(r.L, sum, r.TZ)
			return &bot.Reply{Text: text, Blocks: blocks}, nil
		}})
	b.AddCommand(bot.Command{Area: "feedback", Path: "feedback channel", Usage: "<#channel>", Summary: "help.feedback.channel",
		Roles: []domain.Role{domain.RoleAdmin, domain.RoleSupervisor}, Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			if len(r.Args) != 1 {
				return nil, r.Usage()
			}
			channel, ok := bot.ParseChannel(r.Args[0])
			if !ok {
				return nil, domain.Errorf(domain.EINVALID, "feedback.channel.invalid", r.Args[0])
			}
			if err := d.Feedback.SetChannel(ctx, r.Actor, channel); err != nil {
				return nil, err
			}
			return text(r.L.T("feedback.channel.set", "<#"+channel+">")), nil
		}})
	b.AddView(bot.View{CallbackID: view.CallbackFeedbackForm, Roles: team(), Submit: func(ctx context.Context, r *bot.Request) (*slack.ViewSubmissionResponse, error) {
		var meta feedbackMeta
		if err := json.Unmarshal([]byte(r.Interaction.View.PrivateMetadata), &meta); err != nil {
			return nil, badValue()
		}
		r.ChannelID = meta.Channel
		f, err := d.Feedback.Add(ctx, r.Actor, feedback.Input{Kind: r.Value(feedback.FieldKind), Store: r.Value(feedback.FieldStore),
			SKU: r.Value(feedback.FieldSKU), Text: r.Value(feedback.FieldText), Tags: r.Value(feedback.FieldTags)})
		if err != nil {
			return nil, err
		}
		return nil, r.Notify(ctx, text(r.L.T("feedback.added", r.L.T("feedback.kind."+string(f.Kind)), f.ID, len(f.Tags))))
	}})
}
