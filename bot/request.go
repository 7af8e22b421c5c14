package bot

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"storeops/bot/i18n"
	"storeops/domain"
)

// Request is one user action being served.
type Request struct {
	Actor domain.Actor
	L     i18n.Localizer
	TZ    *time.Location
	// Command is the matched command (commands only).
	Command   *Command
	Args      Args
	ChannelID string
	TriggerID string
	// ResponseURL answers the user; empty for actions in modals and the Home tab.
	ResponseURL string
	// Action is the element that was used (actions only).
	Action slack.BlockAction
	// Interaction is the whole payload (actions and modals).
	Interaction *slack.InteractionCallback
	bot         *Bot
}

// OpenView opens a modal. Call it before any slow work: the trigger expires after 3 s.
func (r *Request) OpenView(ctx context.Context, v slack.ModalViewRequest) error {
	if _, err := r.bot.api.OpenViewContext(ctx, r.TriggerID, v); err != nil {
		return fmt.Errorf("open view %s: %w", v.CallbackID, err)
	}
	return nil
}

// Value returns what the user entered in a modal input block (text, or the selected option's
// value), trimmed; "" when untouched.
func (r *Request) Value(blockID string) string {
	if r.Interaction == nil {
		return ""
	}
	for _, a := range r.Interaction.View.State.Values[blockID] {
		if a.SelectedOption.Value != "" {
			return a.SelectedOption.Value
		}
		return strings.TrimSpace(a.Value)
	}
	return ""
}

// Notify tells the acting user something privately, outside the request's own answer.
func (r *Request) Notify(ctx context.Context, reply *Reply) error {
	return r.bot.notify(ctx, r.Actor.UserID, r.ChannelID, r.ResponseURL, reply)
}

// Usage is the error a handler returns when its arguments do not fit; the user is shown the
// command's usage.
func (r *Request) Usage() error {
	return domain.Errorf(domain.EINVALID, "error.usage", r.Command.Path, r.Command.Usage)
}

// respond answers the user who acted: through response_url when there is one, else as an
// ephemeral message in the channel, else as a DM.
func (b *Bot) respond(ctx context.Context, user, channel, responseURL string, reply *Reply) {
	if err := b.notify(ctx, user, channel, responseURL, reply); err != nil {
		b.log.ErrorContext(ctx, "answer user", "user", user, "err", err)
	}
}

func (b *Bot) notify(ctx context.Context, user, channel, responseURL string, reply *Reply) error {
	var blocks *slack.Blocks
	if len(reply.Blocks) > 0 {
		blocks = &slack.Blocks{BlockSet: reply.Blocks}
	}
	if responseURL != "" {
		rt := slack.ResponseTypeEphemeral
		if reply.InChannel {
			rt = slack.ResponseTypeInChannel
		}
		msg := &slack.WebhookMessage{Text: reply.Text, Blocks: blocks, ResponseType: rt}
		if err := slack.PostWebhookContext(ctx, responseURL, msg); err != nil {
			return fmt.Errorf("post to response_url: %w", err)
		}
		return nil
	}
	opts := []slack.MsgOption{slack.MsgOptionText(reply.Text, false)}
	if len(reply.Blocks) > 0 {
		opts = append(opts, slack.MsgOptionBlocks(reply.Blocks...))
	}
	if channel != "" && !strings.HasPrefix(channel, "D") {
		if _, err := b.api.PostEphemeralContext(ctx, channel, user, opts...); err == nil {
			return nil
		}
	}
	dm, _, _, err := b.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{user}})
	if err != nil {
		return fmt.Errorf("open DM with %s: %w", user, err)
	}
	if _, _, err := b.api.PostMessageContext(ctx, dm.ID, opts...); err != nil {
		return fmt.Errorf("DM %s: %w", user, err)
	}
	return nil
}
