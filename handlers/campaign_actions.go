package handlers

import (
	"context"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"storeops/bot"
	"storeops/bot/view"
	"storeops/campaignfile"
	"storeops/domain/campaign"
)

// registerCampaignActions adds the card's tick buttons, the held launch's buttons, the
// summary button and the campaign modals.
func registerCampaignActions(b *bot.Bot, d Deps) {
	for no := 1; no <= campaign.MaxTasks; no++ {
		b.AddAction(bot.Action{ID: view.CampaignTickAction(no), Roles: campaign.Planners(), Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			id, n, err := view.ParseCampaignTickValue(r.Action.Value)
			if err != nil || n != no {
				return nil, badValue()
			}
			_, err = d.Campaigns.Tick(ctx, r.Actor, id, n, false)
			return nil, err
		}})
	}
	b.AddAction(bot.Action{ID: view.ActionCampaignLaunch, Roles: campaign.Deciders(), Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
		id, err := strconv.ParseInt(r.Action.Value, 10, 64)
		if err != nil {
			return nil, badValue()
		}
		c, err := d.Campaigns.LaunchAnyway(ctx, r.Actor, id)
		if err != nil {
			return nil, err
		}
		return text(r.L.T("campaign.launched_anyway.done", c.Number())), nil
	}})
	b.AddAction(bot.Action{ID: view.ActionCampaignPostpone, Roles: campaign.Deciders(), Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
		id, err := strconv.ParseInt(r.Action.Value, 10, 64)
		if err != nil {
			return nil, badValue()
		}
		c, err := d.Campaigns.Find(ctx, id)
		if err != nil {
			return nil, err
		}
		return nil, r.OpenView(ctx, view.CampaignPostponeForm(r.L, d.Campaigns.Card(ctx, c), r.TZ))
	}})
	b.AddAction(bot.Action{ID: view.ActionCampaignSummary, Roles: campaign.Planners(), Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
		id, err := strconv.ParseInt(r.Action.Value, 10, 64)
		if err != nil {
			return nil, badValue()
		}
		return nil, openCampaignSummary(ctx, d, r, id)
	}})
	b.AddView(bot.View{CallbackID: view.CallbackCampaignForm, Roles: campaign.Planners(), Submit: func(ctx context.Context, r *bot.Request) (*slack.ViewSubmissionResponse, error) {
		r.ChannelID = r.Interaction.View.PrivateMetadata
		in := campaign.Input{Store: r.Value(campaign.FieldStore), Theme: r.Value(campaign.FieldTheme), Type: r.Value(campaign.FieldType),
			Start: r.Value(campaign.FieldStart), End: r.Value(campaign.FieldEnd), Discount: r.Value(campaign.FieldDiscount),
			DiscountParams: r.Value(campaign.FieldDiscountParams), Budget: r.Value(campaign.FieldBudget),
			TargetAmount: r.Value(campaign.FieldTargetAmount), TargetVisitors: r.Value(campaign.FieldTargetVisitors),
			TargetConversion: r.Value(campaign.FieldTargetConv), Channels: selected(r, campaign.FieldChannels), SKUs: r.Value(campaign.FieldSKUs)}
		c, err := d.Campaigns.Plan(ctx, r.Actor, in)
		if err != nil {
			return nil, err
		}
		msg := r.L.T("campaign.planned", c.Number(), c.Theme, c.ApprovalID)
		if len(c.Overlaps) > 0 {
			nums := make([]string, len(c.Overlaps))
			for i, id := range c.Overlaps {
				nums[i] = campaign.Number(id)
			}
			msg += "\n" + r.L.T("campaign.planned.overlaps", strings.Join(nums, ", "))
		}
		return nil, r.Notify(ctx, text(msg))
	}})
	b.AddView(bot.View{CallbackID: view.CallbackCampaignPostpone, Roles: campaign.Deciders(), Submit: func(ctx context.Context, r *bot.Request) (*slack.ViewSubmissionResponse, error) {
		id, err := strconv.ParseInt(r.Interaction.View.PrivateMetadata, 10, 64)
		if err != nil {
			return nil, badValue()
		}
		c, err := d.Campaigns.Postpone(ctx, r.Actor, id, r.Value(campaign.FieldStart), r.Value(campaign.FieldEnd))
		if err != nil {
			return nil, err
		}
		loc := d.Campaigns.Zone(ctx, c.StoreCode)
		return nil, r.Notify(ctx, text(r.L.T("campaign.postponed", c.Number(), c.Start.In(loc).Format(campaign.DateTimeLayout),
			c.End.In(loc).Format(campaign.DateTimeLayout)+" ("+loc.String()+")")))
	}})
	b.AddView(bot.View{CallbackID: view.CallbackCampaignSummary, Roles: campaign.Planners(), Submit: func(ctx context.Context, r *bot.Request) (*slack.ViewSubmissionResponse, error) {
		id, err := strconv.ParseInt(r.Interaction.View.PrivateMetadata, 10, 64)
		if err != nil {
			return nil, badValue()
		}
		in := campaign.SummaryInput{Worked: r.Value(campaign.FieldWorked), NotWorked: r.Value(campaign.FieldNotWorked),
			Lessons: r.Value(campaign.FieldLessons), Cost: r.Value(campaign.FieldCost)}
		// The report and its workbook are queued with the summary (the outbox delivers them).
		if _, err := d.Campaigns.FileSummary(ctx, r.Actor, id, in); err != nil {
			return nil, err
		}
		return nil, r.Notify(ctx, text(r.L.T("campaign.summary.filed", campaign.Number(id))))
	}})
}

// openCampaignSummary opens the summary modal of an ended campaign.
func openCampaignSummary(ctx context.Context, d Deps, r *bot.Request, id int64) error {
	c, err := d.Campaigns.Find(ctx, id)
	if err != nil {
		return err
	}
	if c.Status != campaign.StatusEnded {
		return campaign.IllegalMove(c, campaign.StatusSummarised)
	}
	return r.OpenView(ctx, view.CampaignSummaryForm(r.L, d.Campaigns.Card(ctx, c)))
}

// selected is what the user ticked in a checkbox (or multi-select) input.
func selected(r *bot.Request, blockID string) []string {
	if r.Interaction == nil {
		return nil
	}
	var out []string
	for _, a := range r.Interaction.View.State.Values[blockID] {
		for _, o := range a.SelectedOptions {
			out = append(out, o.Value)
		}
	}
	return out
}

// sendCampaignWorkbook sends the workbook of an ended or summarised campaign to the asker
// alone (a DM), as an on-demand export answers only them.
func sendCampaignWorkbook(ctx context.Context, d Deps, r *bot.Request, id int64) (string, error) {
	rep, err := d.Campaigns.Report(ctx, id)
	if err != nil {
		return "", err
	}
	c := rep.Live.Campaign
	data, err := campaignfile.Workbook(r.L, rep, d.Campaigns.Zone(ctx, c.Store))
	if err != nil {
		return "", err
	}
	dm := *r
	dm.ChannelID = ""
	name := campaignfile.Name(rep)
	if err := dm.UploadFile(ctx, name, r.L.T("campaign.export.title", c.Number()), r.L.T("campaign.export.comment", c.Number()), data); err != nil {
		return "", err
	}
	return name, nil
}
