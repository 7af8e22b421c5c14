package bot

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"storeops/bot/view"
	"storeops/domain"
)

// HandleCommand serves a slash command. When the handler answers within the sync budget the
// answer is returned for the HTTP reply (or the Socket Mode ack); otherwise nil is returned at
// the budget and the answer goes to response_url when ready.
func (b *Bot) HandleCommand(ctx context.Context, cmd slack.SlashCommand) *Reply {
	words := Tokenize(cmd.Text)
	c, args := b.match(words)
	route := "help"
	if c != nil {
		route = c.Path
	}
	started := time.Now()
	var mu sync.Mutex
	var result *Reply
	finished, late := false, false
	done := make(chan struct{})
	b.goWork(func(wctx context.Context) {
		reply := b.runCommand(wctx, cmd, c, args, words)
		mu.Lock()
		if late {
			mu.Unlock()
			if reply != nil {
				b.respond(wctx, cmd.UserID, cmd.ChannelID, cmd.ResponseURL, reply)
			}
		} else {
			result, finished = reply, true
			mu.Unlock()
			close(done)
		}
		b.metrics.observe("command", route, time.Since(started))
		b.nudge()
	})
	select {
	case <-done:
	case <-time.After(b.cfg.SyncBudget):
	case <-ctx.Done():
	}
	mu.Lock()
	defer mu.Unlock()
	if !finished {
		late = true
		return nil
	}
	return result
}

func (b *Bot) runCommand(ctx context.Context, cmd slack.SlashCommand, c *Command, args, words Args) *Reply {
	r, err := b.newRequest(ctx, cmd.UserID)
	route := "help"
	if c != nil {
		route = c.Path
	}
	b.log.InfoContext(ctx, "command", "route", route, "user", cmd.UserID, "channel", cmd.ChannelID)
	if err != nil {
		return b.errorReply(ctx, r.L, route, err)
	}
	r.Command, r.Args, r.ChannelID, r.TriggerID, r.ResponseURL = c, args, cmd.ChannelID, cmd.TriggerID, cmd.ResponseURL
	var reply *Reply
	err = safely(func() error {
		if c == nil {
			reply = b.help(r, words)
			return nil
		}
		if err := authorize(r.Actor, c.Roles); err != nil {
			return err
		}
		var err error
		reply, err = c.Handle(ctx, r)
		return err
	})
	if err != nil {
		reply = b.errorReply(ctx, r.L, route, err)
		if e, ok := domain.AsError(err); ok && e.Key == "error.usage" && c != nil {
			reply.Text = r.L.T("error.usage", "/ops "+c.Path, c.Usage) + "\n" + r.L.T(c.Summary)
		}
	}
	return reply
}

// help answers `/ops`, `/ops help [area]` and anything unknown.
func (b *Bot) help(r *Request, words Args) *Reply {
	areas := map[string]bool{}
	for _, c := range b.commands {
		areas[c.Area] = true
	}
	var entries []view.HelpEntry
	for _, c := range b.commands {
		usage := "/ops " + c.Path
		if c.Usage != "" {
			usage += " " + c.Usage
		}
		entries = append(entries, view.HelpEntry{Area: c.Area, Usage: usage, Summary: r.L.T(c.Summary)})
	}
	entries = append(entries, view.HelpEntry{Area: "help", Usage: "/ops help [area]", Summary: r.L.T("help.help")})
	switch {
	case len(words) == 0, len(words) == 1 && strings.EqualFold(words[0], "help"):
		return &Reply{Text: r.L.T("help.title"), Blocks: view.Help(r.L, entries, "")}
	case len(words) >= 2 && strings.EqualFold(words[0], "help") && areas[strings.ToLower(words[1])]:
		return &Reply{Text: r.L.T("help.title"), Blocks: view.Help(r.L, entries, strings.ToLower(words[1]))}
	case len(words) >= 2 && strings.EqualFold(words[0], "help"):
		return &Reply{Text: r.L.T("help.unknown_area", words[1], strings.Join(sortedKeys(areas), ", "))}
	case areas[strings.ToLower(words[0])]:
		area := strings.ToLower(words[0])
		sub := ""
		if len(words) > 1 {
			sub = words[1]
		}
		return &Reply{Text: r.L.T("help.unknown_subcommand", area, sub), Blocks: view.Help(r.L, entries, area)}
	}
	return &Reply{Text: r.L.T("help.unknown_command", words[0]), Blocks: view.Help(r.L, entries, "")}
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
