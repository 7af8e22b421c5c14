package handlers

import (
	"context"
	"strconv"
	"strings"

	"storeops/bot"
	"storeops/bot/view"
	"storeops/domain"
	"storeops/domain/campaign"
)

// registerCampaigns adds the `/ops campaign` commands. The domain checks the roles again,
// so that a refusal names them the same way from a command, a button or a modal.
func registerCampaigns(b *bot.Bot, d Deps) {
	if d.Campaigns == nil {
		return
	}
	planners := campaign.Planners()
	b.AddCommand(bot.Command{Area: "campaign", Path: "campaign new", Usage: "[store]", Summary: "help.campaign.new", Roles: planners,
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			if len(r.Args) > 1 {
				return nil, r.Usage()
			}
			code := strings.ToUpper(r.Args.Rest(0))
			zone := d.Campaigns.Zone(ctx, code)
			return nil, r.OpenView(ctx, view.CampaignForm(r.L, code, zone.String(), r.ChannelID))
		}})
	b.AddCommand(bot.Command{Area: "campaign", Path: "campaign show", Usage: "<id>", Summary: "help.campaign.show", Roles: team(),
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			id, err := campaignArgs(r, 1, argsExact)
			if err != nil {
				return nil, err
			}
			c, live, err := d.Campaigns.Show(ctx, id)
			if err != nil {
				return nil, err
			}
			card := d.Campaigns.Card(ctx, c)
			return &bot.Reply{Text: r.L.T("view.campaign.text", c.Number(), c.Theme, view.CampaignStatus(r.L, c.Status)),
				Blocks: view.CampaignDetail(r.L, card, live, r.TZ)}, nil
		}})
	b.AddCommand(bot.Command{Area: "campaign", Path: "campaign list", Usage: "[upcoming|running|ended]", Summary: "help.campaign.list", Roles: team(),
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			which := strings.ToLower(r.Args.Rest(0))
			if which == "" {
				which = campaign.ListUpcoming
			}
			cs, err := d.Campaigns.List(ctx, which, 100)
			if err != nil {
				return nil, err
			}
			cards := make([]campaign.Card, len(cs))
			for i, c := range cs {
				cards[i] = d.Campaigns.Card(ctx, c)
			}
			title := r.L.T("campaign.list.title."+which, len(cards))
			return &bot.Reply{Text: title, Blocks: view.CampaignList(r.L, title, cards, r.TZ)}, nil
		}})
	b.AddCommand(bot.Command{Area: "campaign", Path: "campaign history", Usage: "<id>", Summary: "help.campaign.history", Roles: team(),
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			id, err := campaignArgs(r, 1, argsExact)
			if err != nil {
				return nil, err
			}
			c, err := d.Campaigns.Find(ctx, id)
			if err != nil {
				return nil, err
			}
			entries, err := d.Campaigns.History(ctx, c, 40)
			if err != nil {
				return nil, err
			}
			return &bot.Reply{Text: r.L.T("audit.title", c.Number()), Blocks: view.History(r.L, c.Number(), entries, r.TZ)}, nil
		}})
	b.AddCommand(bot.Command{Area: "campaign", Path: "campaign task add", Usage: "<id> <due> <text>", Summary: "help.campaign.task.add", Roles: planners,
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			id, err := campaignArgs(r, 3, argsThenText)
			if err != nil {
				return nil, err
			}
			c, err := d.Campaigns.AddTask(ctx, r.Actor, id, r.Args.Rest(2), "", r.Args[1])
			if err != nil {
				return nil, err
			}
			return text(r.L.T("campaign.task.added", c.Number(), c.Tasks[len(c.Tasks)-1].No)), nil
		}})
	b.AddCommand(bot.Command{Area: "campaign", Path: "campaign task assign", Usage: "<id> <item> @user", Summary: "help.campaign.task.assign", Roles: planners,
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			id, no, err := campaignTaskArgs(r, 3, argsExact)
			if err != nil {
				return nil, err
			}
			user, ok := bot.ParseUser(r.Args[2])
			if !ok {
				return nil, r.Usage()
			}
			c, err := d.Campaigns.AssignTask(ctx, r.Actor, id, no, user)
			if err != nil {
				return nil, err
			}
			return text(withAway(ctx, d, r, r.L.T("campaign.task.assigned", c.Number(), no, r.L.Mention(user)), user)), nil
		}})
	b.AddCommand(bot.Command{Area: "campaign", Path: "campaign task due", Usage: "<id> <item> <due>", Summary: "help.campaign.task.due", Roles: planners,
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			id, no, err := campaignTaskArgs(r, 3, argsThenText)
			if err != nil {
				return nil, err
			}
			c, err := d.Campaigns.DueTask(ctx, r.Actor, id, no, r.Args.Rest(2))
			if err != nil {
				return nil, err
			}
			t, _ := c.Task(no)
			loc := d.Campaigns.Zone(ctx, c.StoreCode)
			return text(r.L.T("campaign.task.due_set", c.Number(), no, t.Due(c.Start).In(loc).Format(campaign.DateTimeLayout)+" ("+loc.String()+")")), nil
		}})
	b.AddCommand(bot.Command{Area: "campaign", Path: "campaign task tick", Usage: "<id> <item>", Summary: "help.campaign.task.tick", Roles: planners,
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			id, no, err := campaignTaskArgs(r, 2, argsExact)
			if err != nil {
				return nil, err
			}
			c, err := d.Campaigns.Tick(ctx, r.Actor, id, no, false)
			if err != nil {
				return nil, err
			}
			return text(r.L.T("campaign.task.ticked", c.Number(), no)), nil
		}})
	b.AddCommand(bot.Command{Area: "campaign", Path: "campaign cancel", Usage: "<id> <reason>", Summary: "help.campaign.cancel", Roles: campaign.Deciders(),
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			id, err := campaignArgs(r, 2, argsThenText)
			if err != nil {
				return nil, err
			}
			c, err := d.Campaigns.Cancel(ctx, r.Actor, id, r.Args.Rest(1))
			if err != nil {
				return nil, err
			}
			return text(r.L.T("campaign.cancelled", c.Number())), nil
		}})
	b.AddCommand(bot.Command{Area: "campaign", Path: "campaign summary", Usage: "<id>", Summary: "help.campaign.summary", Roles: planners,
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			id, err := campaignArgs(r, 1, argsExact)
			if err != nil {
				return nil, err
			}
			return nil, openCampaignSummary(ctx, d, r, id)
		}})
	b.AddCommand(bot.Command{Area: "campaign", Path: "campaign export", Usage: "<id>", Summary: "help.campaign.export", Roles: team(),
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			id, err := campaignArgs(r, 1, argsExact)
			if err != nil {
				return nil, err
			}
			name, err := sendCampaignWorkbook(ctx, d, r, id)
			if err != nil {
				return nil, err
			}
			return text(r.L.T("campaign.export.sent", name)), nil
		}})
	b.AddCommand(bot.Command{Area: "campaign", Path: "campaign alert", Usage: "<id> <percent>", Summary: "help.campaign.alert", Roles: planners,
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			id, err := campaignArgs(r, 2, argsExact)
			if err != nil {
				return nil, err
			}
			pct, err := strconv.Atoi(strings.TrimSuffix(r.Args[1], "%"))
			if err != nil {
				return nil, domain.Errorf(domain.EINVALID, "campaign.share.invalid", r.Args[1])
			}
			c, err := d.Campaigns.SetAlertShare(ctx, r.Actor, id, pct)
			if err != nil {
				return nil, err
			}
			return text(r.L.T("campaign.share.set", c.Number(), d.Campaigns.AlertShare(c))), nil
		}})
	registerCampaignActions(b, d)
}

// How campaignArgs counts a command's words: exactly n, or n and free text after them.
const (
	argsExact    = false
	argsThenText = true
)

// campaignArgs checks that the command has n words (at least n when thenText) and reads
// the campaign number in the first.
func campaignArgs(r *bot.Request, n int, thenText bool) (int64, error) {
	if len(r.Args) < n || (!thenText && len(r.Args) > n) {
		return 0, r.Usage()
	}
	return campaign.ParseNumber(r.Args[0])
}

// campaignTaskArgs is campaignArgs for "<id> <item> …": a campaign number and an item number.
func campaignTaskArgs(r *bot.Request, n int, thenText bool) (int64, int, error) {
	id, err := campaignArgs(r, n, thenText)
	if err != nil {
		return 0, 0, err
	}
	no, err := strconv.Atoi(strings.TrimPrefix(r.Args[1], "#"))
	if err != nil || no <= 0 {
		return 0, 0, domain.Errorf(domain.EINVALID, "campaign.task.not_found", campaign.Number(id), 0)
	}
	return id, no, nil
}
