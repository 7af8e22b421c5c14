package handlers

import (
	"context"
	"strconv"
	"strings"

	"storeops/bot"
	"storeops/bot/view"
	"storeops/domain"
)

// registerDigest adds the morning digest's commands: a preview or an extra post on demand,
// and the per-channel time and threshold. The domain checks roles again.
func registerDigest(b *bot.Bot, d Deps) {
	if d.Reports == nil {
		return
	}
	deciders := []domain.Role{domain.RoleAdmin, domain.RoleSupervisor}
	b.AddCommand(bot.Command{Area: "digest", Path: "digest now", Usage: "[#channel]", Summary: "help.digest.now", Roles: team(),
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			if len(r.Args) > 1 {
				return nil, r.Usage()
			}
			if len(r.Args) == 0 {
				// No channel: this channel's digest, shown only to the asker; the scheduled
				// post and its sent-record are left alone.
				dg, err := d.Reports.Preview(ctx, r.Actor, r.ChannelID)
				if err != nil {
					return nil, err
				}
				text, blocks := view.Digest(r.L, dg)
				return &bot.Reply{Text: text, Blocks: blocks}, nil
			}
			channel, ok := bot.ParseChannel(r.Args[0])
			if !ok {
				return nil, domain.Errorf(domain.EINVALID, "digest.channel.invalid", r.Args[0])
			}
			dg, err := d.Reports.PostNow(ctx, r.Actor, channel)
			if err != nil {
				return nil, err
			}
			return text(r.L.T("digest.posted", "<#"+channel+">", dg.Date)), nil
		}})
	b.AddCommand(bot.Command{Area: "digest", Path: "digest time", Usage: "<#channel> <HH:MM>", Summary: "help.digest.time", Roles: deciders,
		Handle: channelSetting(func(ctx context.Context, r *bot.Request, channel, value string) (string, error) {
			s, err := d.Reports.SetTime(ctx, r.Actor, channel, value)
			return r.L.T("digest.time.set", "<#"+channel+">", s.Clock()), err
		})})
	b.AddCommand(bot.Command{Area: "digest", Path: "digest zone", Usage: "<#channel> <Area/City|default>", Summary: "help.digest.zone", Roles: deciders,
		Handle: channelSetting(func(ctx context.Context, r *bot.Request, channel, value string) (string, error) {
			s, err := d.Reports.SetZone(ctx, r.Actor, channel, value)
			return r.L.T("digest.zone.set", "<#"+channel+">", s.Clock(), s.Location(d.Reports.TZ()).String()), err
		})})
	b.AddCommand(bot.Command{Area: "digest", Path: "digest threshold", Usage: "<#channel> <percent>", Summary: "help.digest.threshold", Roles: deciders,
		Handle: channelSetting(func(ctx context.Context, r *bot.Request, channel, value string) (string, error) {
			pct, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(value), "%"), 64)
			if err != nil {
				pct = -1 // the domain explains the range
			}
			s, err := d.Reports.SetThreshold(ctx, r.Actor, channel, pct)
			return r.L.T("digest.threshold.set", "<#"+channel+">", strconv.FormatFloat(s.Threshold, 'f', -1, 64)+"%"), err
		})})
	b.AddCommand(bot.Command{Area: "digest", Path: "digest settings", Summary: "help.digest.settings", Roles: deciders,
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			all, err := d.Reports.Settings(ctx)
			if err != nil {
				return nil, err
			}
			text, blocks := view.DigestSettings(r.L, all, d.Reports.TZ().String())
			return &bot.Reply{Text: text, Blocks: blocks}, nil
		}})
}

// channelSetting is the handler of a `/ops digest <setting> <#channel> <value>` command:
// set changes the channel's setting and says what it is now (its text is dropped when it
// fails).
func channelSetting(set func(ctx context.Context, r *bot.Request, channel, value string) (string, error)) func(context.Context, *bot.Request) (*bot.Reply, error) {
	return func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
		if len(r.Args) != 2 {
			return nil, r.Usage()
		}
		channel, ok := bot.ParseChannel(r.Args[0])
		if !ok {
			return nil, domain.Errorf(domain.EINVALID, "digest.channel.invalid", r.Args[0])
		}
		said, err := set(ctx, r, channel, r.Args[1])
		if err != nil {
			return nil, err
		}
		return text(said), nil
	}
}
