package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// RunSocketMode feeds Socket Mode envelopes to the same router as HTTP. Every envelope is
// acked first (the answer of a command or modal travels in the ack), then served. The client
// is restarted with a pause when it returns, because it gives up on errors such as a revoked
// token that an operator may fix without restarting StoreOps.
func (b *Bot) RunSocketMode(ctx context.Context, client *socketmode.Client) error {
	go b.consumeSocket(ctx, client)
	for {
		err := client.RunContext(ctx)
		if ctx.Err() != nil {
			return nil
		}
		b.log.ErrorContext(ctx, "socket mode stopped; reconnecting", "err", err)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(10 * time.Second):
		}
	}
}

func (b *Bot) consumeSocket(ctx context.Context, client *socketmode.Client) {
	for {
		select {
		case <-ctx.Done():
			return
		case evt, ok := <-client.Events:
			if !ok {
				return
			}
			// hello and connection notices carry no envelope to ack.
			if evt.Request == nil || evt.Request.EnvelopeID == "" {
				continue
			}
			// Each envelope on its own goroutine: a command may take the whole sync budget,
			// and one user's slow request must not hold up everyone else's ack. Shutdown
			// waits for these like for HTTP work.
			b.work.Add(1)
			go func() {
				defer b.work.Done()
				if err := b.serveEnvelope(ctx, client, evt); err != nil {
					b.log.ErrorContext(ctx, "socket mode envelope", "type", evt.Type, "err", err)
				}
			}()
		}
	}
}

func (b *Bot) serveEnvelope(ctx context.Context, client *socketmode.Client, evt socketmode.Event) error {
	switch evt.Type {
	case socketmode.EventTypeSlashCommand:
		cmd, ok := evt.Data.(slack.SlashCommand)
		if !ok {
			return client.Ack(*evt.Request)
		}
		reply := b.HandleCommand(ctx, cmd)
		if reply == nil {
			return client.Ack(*evt.Request)
		}
		return client.Ack(*evt.Request, replyMessage(reply))
	case socketmode.EventTypeInteractive:
		ic, ok := evt.Data.(slack.InteractionCallback)
		if !ok {
			return client.Ack(*evt.Request)
		}
		resp := b.HandleInteraction(ctx, &ic)
		if resp == nil {
			return client.Ack(*evt.Request)
		}
		return client.Ack(*evt.Request, resp)
	case socketmode.EventTypeEventsAPI:
		ev, ok := evt.Data.(slackevents.EventsAPIEvent)
		if err := client.Ack(*evt.Request); err != nil {
			return fmt.Errorf("ack event: %w", err)
		}
		if !ok {
			return nil
		}
		var outer struct {
			EventID string `json:"event_id"`
		}
		_ = json.Unmarshal(evt.Request.Payload, &outer)
		b.HandleEvent(ctx, ev, outer.EventID)
	default:
		return client.Ack(*evt.Request)
	}
	return nil
}
