package main

import (
	"context"
	"fmt"

	"storeops/domain"
	"storeops/domain/audit"
	"storeops/domain/campaign"
	"storeops/domain/campaign/campaigndb"
	"storeops/domain/jobrun/jobrundb"
	"storeops/domain/listing"
	"storeops/domain/metrics/metricsdb"
	"storeops/domain/order/orderdb"
	"storeops/domain/outbox"
	"storeops/jobs"
)

// wireCampaigns builds the campaign service (SPEC §4), registers its approval kind and
// timers, and returns its watch job for the scheduler.
func (a *app) wireCampaigns(tx domain.TxRunner, auditLog *audit.Log, out *outbox.Outbox) (jobs.Job, error) {
	a.campaigns = campaign.NewService(campaign.Deps{Repo: campaigndb.New(a.db), Stores: a.stores, Approvals: a.approvals,
		Directory: a.access, Figures: metricsdb.New(a.db), Orders: orderdb.New(a.db), Stock: campaignStock{a.listings},
		Runs: jobrundb.New(a.db), Timers: a.timers, Tx: tx, Audit: auditLog, Outbox: out, Clock: a.clock, TZ: a.cfg.TZ,
		Settings: campaign.Settings{WatchEvery: a.cfg.CampaignWatchEvery, CloseHour: a.cfg.CampaignEvening,
			AlertShare: a.cfg.CampaignAlertShare, RemindBefore: a.cfg.CampaignRemindBefore}})
	a.approvals.Register(campaign.Policy(), a.campaigns.Applier())
	for kind, h := range a.campaigns.TimerHandlers() {
		a.timerRunner.Handle(kind, h)
	}
	if err := a.approvals.CheckRegistered(campaign.KindPlan); err != nil {
		return nil, fmt.Errorf("campaigns: %w", err)
	}
	return jobs.CampaignWatch{Campaigns: a.campaigns, Log: a.log}, nil
}

// campaignStock tells the campaign watch the stock of its SKUs from the store's listings.
type campaignStock struct{ listings *listing.Service }

func (s campaignStock) Stock(ctx context.Context, store string, skus []string) (map[string]int, error) {
	found, err := s.listings.Listed(ctx, store, skus)
	if err != nil {
		return nil, err
	}
	out := make(map[string]int, len(found))
	for sku, l := range found {
		out[sku] = l.Stock
	}
	return out, nil
}
