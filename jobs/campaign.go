package jobs

import (
	"context"
	"log/slog"

	"storeops/domain/campaign"
)

// CampaignWatch posts the live figures of the running campaigns (every 2 hours by default,
// counted from each start) and the evening closing summaries, and alerts the owners of
// figures below their share of the pro-rated target and of sold-out campaign SKUs. It runs
// often (every 10 minutes); each post commits with its jobrun marker, so a replica or a rerun
// within the same slot posts nothing, and a slot missed while StoreOps was down is posted at
// the next run of that slot only.
type CampaignWatch struct {
	Campaigns *campaign.Service
	Log       *slog.Logger
}

func (CampaignWatch) Name() string { return "campaign-watch" }

func (j CampaignWatch) Run(ctx context.Context) error {
	res, err := j.Campaigns.Watch(ctx)
	if res.Posts > 0 || res.Closings > 0 || res.Alerts > 0 {
		j.Log.InfoContext(ctx, "campaign watch", "posts", res.Posts, "closings", res.Closings, "alerts", res.Alerts)
	}
	return err
}
