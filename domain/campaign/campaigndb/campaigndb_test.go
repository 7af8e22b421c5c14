package campaigndb_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"storeops/domain"
	"storeops/domain/campaign"
	"storeops/domain/campaign/campaigndb"
	"storeops/domain/gormdb/gormtest"
)

var t0 = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)

func open(t *testing.T) *campaigndb.Repo {
	t.Helper()
	return campaigndb.New(gormtest.Open(t, campaigndb.Migrations()))
}

func newCampaign(store string, typ campaign.Type, start time.Time, days int, st campaign.Status) campaign.Campaign {
	return campaign.Campaign{StoreCode: store, Theme: "Double 11 双十一", Type: typ, Start: start, End: start.AddDate(0, 0, days),
		Discount: campaign.Discount{Kind: campaign.DiscountCoupon, Value: 2000, MinSpend: 19900}, Targets: campaign.Targets{PaidAmount: 100000},
		Owner: "U1", Status: st, CreatedAt: t0, UpdatedAt: t0, Version: 1}
}

func TestCreateFindRoundTrip(t *testing.T) {
	ctx := context.Background()
	repo := open(t)
	start := time.Date(2026, 11, 10, 16, 0, 0, 0, time.UTC)
	c := campaign.Campaign{StoreCode: "TM01", Theme: "双十一 Double 11", Type: campaign.TypePlatformEvent, Start: start, End: start.Add(48 * time.Hour),
		Discount: campaign.Discount{Kind: campaign.DiscountFullReduction, Tiers: []campaign.Tier{{Threshold: 30000, Reduction: 5000}}},
		Budget:   500000, Targets: campaign.Targets{PaidAmount: 10000000, Visitors: 20000, ConversionBP: 350},
		Channels: []campaign.Channel{campaign.ChannelSMS}, SKUs: []string{"MUG-1", "杯子"}, AlertShare: 60, Owner: "U1",
		Status: campaign.StatusPreparing, ApprovalID: 3, Overlaps: []int64{1, 2},
		Tasks: []campaign.Task{{No: 1, Key: campaign.TaskPageDesign, Owner: "U2", Offset: -48 * time.Hour, Done: true, DoneBy: "U2", DoneAt: t0.UTC()},
			{No: 2, Title: "Brief the warehouse", Owner: "U1", Offset: -time.Hour}},
		HeldAt: t0.Add(time.Hour), LaunchedBy: "U9", LaunchedAt: t0.Add(2 * time.Hour), LaunchedAnyway: true, EndedAt: t0.Add(3 * time.Hour),
		CancelReason: "r", Summary: campaign.Summary{Worked: "banners", Cost: 100, By: "U1", At: t0.UTC()},
		CreatedAt: t0, UpdatedAt: t0.Add(time.Minute), Version: 2}
	if err := repo.Create(ctx, &c); err != nil || c.ID == 0 {
		t.Fatalf("Create: %v, id %d", err, c.ID)
	}
	got, err := repo.Find(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, c) {
		t.Fatalf("Find =\n%+v\nwant\n%+v", got, c)
	}
	if _, err := repo.Find(ctx, 999); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("unknown campaign: %v", err)
	}
}

func TestUpdateSavesOrNothing(t *testing.T) {
	ctx := context.Background()
	repo := open(t)
	c := newCampaign("TM01", campaign.TypePromotion, t0.AddDate(0, 0, 5), 2, campaign.StatusPreparing)
	c.Tasks = campaign.Checklist(c, "U1")
	if err := repo.Create(ctx, &c); err != nil {
		t.Fatal(err)
	}
	after, err := repo.Update(ctx, c.ID, func(x *campaign.Campaign) error {
		x.Tasks[0].Done, x.Tasks[0].DoneBy = true, "U2"
		return nil
	})
	if err != nil || after.Version != 2 || !after.Tasks[0].Done {
		t.Fatalf("update: %v %+v", err, after)
	}
	boom := errors.New("boom")
	if _, err := repo.Update(ctx, c.ID, func(x *campaign.Campaign) error { x.Theme = "changed"; return boom }); !errors.Is(err, boom) {
		t.Fatalf("fn's error: %v", err)
	}
	got, _ := repo.Find(ctx, c.ID)
	if got.Theme == "changed" || got.Version != 2 || got.Tasks[0].DoneBy != "U2" {
		t.Errorf("after a refused update: %+v", got)
	}
	if _, err := repo.Update(ctx, 999, func(*campaign.Campaign) error { return nil }); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("unknown: %v", err)
	}
}

func TestListFilters(t *testing.T) {
	ctx := context.Background()
	repo := open(t)
	base := time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC)
	ids := map[string]int64{}
	for name, c := range map[string]campaign.Campaign{
		"a": newCampaign("TM01", campaign.TypePromotion, base, 3, campaign.StatusPreparing),                // 10–13
		"b": newCampaign("TM01", campaign.TypePromotion, base.AddDate(0, 0, 3), 2, campaign.StatusRunning), // 13–15
		"c": newCampaign("TM01", campaign.TypeHoliday, base, 3, campaign.StatusPreparing),
		"d": newCampaign("JD01", campaign.TypePromotion, base, 3, campaign.StatusEnded),
		"e": newCampaign("TM01", campaign.TypePromotion, base.AddDate(0, 0, -1), 1, campaign.StatusCancelled), // 9–10
	} {
		if err := repo.Create(ctx, &c); err != nil {
			t.Fatal(err)
		}
		ids[name] = c.ID
	}
	list := func(f campaign.Filter) []int64 {
		cs, err := repo.List(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var out []int64
		for _, c := range cs {
			out = append(out, c.ID)
		}
		return out
	}
	// Overlap of [11th, 14th) with TM01 promotions: a and b; e ends as a starts.
	got := list(campaign.Filter{Store: "TM01", Type: campaign.TypePromotion, From: base.AddDate(0, 0, 1), To: base.AddDate(0, 0, 4)})
	if !reflect.DeepEqual(got, []int64{ids["a"], ids["b"]}) {
		t.Errorf("overlapping = %v", got)
	}
	got = list(campaign.Filter{Store: "TM01", Type: campaign.TypePromotion, From: base.AddDate(0, 0, -1), To: base})
	if !reflect.DeepEqual(got, []int64{ids["e"]}) {
		t.Errorf("touching at the edge is no overlap: %v", got)
	}
	got = list(campaign.Filter{Statuses: []campaign.Status{campaign.StatusPreparing, campaign.StatusRunning}})
	if len(got) != 3 {
		t.Errorf("by status = %v", got)
	}
	if got := list(campaign.Filter{Limit: 2}); len(got) != 2 || got[0] != ids["e"] {
		t.Errorf("limit and order by start = %v", got)
	}
}
