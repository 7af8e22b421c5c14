package bot

import (
	"context"
	"fmt"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"storeops/domain"
)

// EventHandler handles one Events API event type.
type EventHandler func(ctx context.Context, ev Event) error

// Event is an Events API event, with what handlers need of it.
type Event struct {
	Type    string
	User    string
	Channel string
	Text    string
	TS      string
	Raw     slackevents.EventsAPIEvent
	bot     *Bot
}

// Reply answers in the event's channel, in the user's language, with a catalog message.
func (e Event) Reply(ctx context.Context, key string, args ...any) error {
	prefs := e.bot.state.UserPrefs(ctx, e.bot.api, e.User)
	locale := prefs.Locale
	if locale == "" {
		locale = e.bot.cfg.DefaultLocale
	}
	msg := e.bot.catalog.For(locale).T(key, args...)
	if _, _, err := e.bot.api.PostMessageContext(ctx, e.Channel, slack.MsgOptionText(msg, false), slack.MsgOptionTS(e.TS)); err != nil {
		return fmt.Errorf("reply to %s in %s: %w", e.Type, e.Channel, err)
	}
	return nil
}

func (b *Bot) event(ev slackevents.EventsAPIEvent) Event {
	e := Event{Type: ev.InnerEvent.Type, Raw: ev, bot: b}
	switch inner := ev.InnerEvent.Data.(type) {
	case *slackevents.AppMentionEvent:
		e.User, e.Channel, e.Text, e.TS = inner.User, inner.Channel, inner.Text, inner.TimeStamp
	case *slackevents.AppHomeOpenedEvent:
		e.User, e.Channel = inner.User, inner.Channel
	case *slackevents.MessageEvent:
		e.User, e.Channel, e.Text, e.TS = inner.User, inner.Channel, inner.Text, inner.TimeStamp
	}
	return e
}

// HandleEvent serves an Events API callback once per event_id: retries of an event that was
// already taken are acknowledged and dropped.
func (b *Bot) HandleEvent(ctx context.Context, ev slackevents.EventsAPIEvent, eventID string) {
	h, ok := b.events[ev.InnerEvent.Type]
	if !ok {
		return
	}
	first, err := b.state.FirstDelivery(ctx, "event:"+eventID, time.Hour)
	if err != nil {
		b.log.ErrorContext(ctx, "dedupe event", "event_id", eventID, "err", err)
	}
	if !first {
		b.metrics.Requests.WithLabelValues("event", ev.InnerEvent.Type, "duplicate").Inc()
		return
	}
	b.goWork(func(wctx context.Context) {
		started := time.Now()
		if err := safely(func() error { return h(wctx, b.event(ev)) }); err != nil {
			b.metrics.Errors.WithLabelValues(ev.InnerEvent.Type, domain.ErrorCode(err)).Inc()
			b.log.ErrorContext(wctx, "event failed", "type", ev.InnerEvent.Type, "event_id", eventID, "err", err)
		}
		b.metrics.observe("event", ev.InnerEvent.Type, time.Since(started))
		b.nudge()
	})
}
