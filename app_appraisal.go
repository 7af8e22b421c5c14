package main

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"gorm.io/gorm"

	"storeops/domain"
	"storeops/domain/aftersale"
	"storeops/domain/appraisal"
	"storeops/domain/appraisal/appraisaldb"
	"storeops/domain/approval"
	"storeops/domain/audit"
	"storeops/domain/campaign"
	"storeops/domain/campaign/campaigndb"
	"storeops/domain/complaint"
	"storeops/domain/gormdb"
	"storeops/domain/inquiry"
	"storeops/domain/leave"
	"storeops/domain/leave/leavedb"
	storemetrics "storeops/domain/metrics"
	"storeops/domain/metrics/metricsdb"
	"storeops/domain/outbox"
	"storeops/domain/store"
	"storeops/domain/timer"
)

// Appraisal figures that the areas keep, by key (the catalog says what each counts).
const (
	figureListingFirstTime = "listing_first_time"
	figureDelistings       = "delistings"
	figureHeldOrders       = "held_orders"
	figureAftersaleClosed  = "aftersale_closed"
	figureInquiryOnTime    = "inquiry_timeliness"
	figureComplaintAck     = "complaint_ack"
	figureSatisfaction     = "complaint_satisfaction"
	figureCampaignItems    = "campaign_items"
	// heldOrderDecideWithin is how soon a held order counts as decided in time.
	heldOrderDecideWithin = 24 * time.Hour
	// campaignItemReach bounds how far from its campaign an item can fall due: the
	// campaigns read for a month are those within it of the month (an item's due time is
	// at most 60 days from the start, and a campaign lasts a few days).
	campaignItemReach = 90 * 24 * time.Hour
)

// wireAppraisals builds the appraisal service (SPEC §6) with its figure sources adapted
// from the areas (appraisal imports none of them), registers its approval kind and timers.
func (a *app) wireAppraisals(cfg Config, tx domain.TxRunner, auditLog *audit.Log, out *outbox.Outbox) error {
	zone := appraisal.Zone(cfg.AppraisalTZ, cfg.TZ)
	// Leave (SPEC §7): a supervisor approves; approved leave holds back the person's
	// timers (reminders, escalations of their work) and the appraisal's reminders.
	a.leave = leave.NewService(leave.Deps{Repo: leavedb.New(a.db), Tx: tx, Audit: auditLog, Approvals: a.approvals, Clock: a.clock, Zone: zone})
	a.approvals.Register(leave.Policy(), a.leave.Applier())
	a.timerRunner.Defer(timerOwners{db: a.db, aftersale: a.aftersale, inquiries: a.inquiries, complaints: a.complaints, leave: a.leave}.deferral)

	src := appraisalSources{db: a.db, inquiries: a.inquiries, complaints: a.complaints, aftersaleWithin: a.aftersale.Settings().EscalateAfter}
	svc, err := appraisal.NewService(appraisal.Deps{Repo: appraisaldb.New(a.db), Tx: tx, Audit: auditLog, Outbox: out,
		Directory: a.access, Approvals: a.approvals, Timers: a.timers, Clock: a.clock,
		Zone: zone, Leave: a.leave,
		Schedule: appraisal.DefaultSchedule(), Scoring: appraisal.DefaultScoring(),
		Sources: []appraisal.Source{
			appraisal.SourceFunc(src.listings), appraisal.SourceFunc(src.heldOrders), appraisal.SourceFunc(src.aftersales),
			appraisal.SourceFunc(src.campaignItems),
			appraisal.SourceFunc(src.inquiryTimeliness), appraisal.SourceFunc(src.complaintFigures),
		},
		Stores: storeActuals{db: a.db, stores: a.stores, tz: cfg.TZ}})
	if err != nil {
		return err
	}
	a.appraisals = svc
	a.approvals.Register(appraisal.Policy(), svc.Applier())
	for kind, h := range svc.TimerHandlers() {
		a.timerRunner.Handle(kind, h)
	}
	return a.approvals.CheckRegistered(appraisal.KindAppeal, leave.KindLeave)
}

// timerOwners finds whose work a timer is about, by its subject, so that the timer waits
// while that person is on approved leave: one place for every area's reminders and
// escalations, none of which needs to know about leave.
type timerOwners struct {
	db         *gorm.DB
	aftersale  *aftersale.Service
	inquiries  *inquiry.Service
	complaints *complaint.Service
	leave      *leave.Service
}

func (o timerOwners) owner(ctx context.Context, t timer.Timer) (string, error) {
	kind, _, _ := strings.Cut(string(t.Subject), ":")
	id, err := t.Subject.ID(kind)
	if err != nil {
		return "", nil
	}
	switch kind {
	case "aftersale":
		c, err := o.aftersale.Find(ctx, id)
		return c.Owner, err
	case "inquiry":
		q, err := o.inquiries.Find(ctx, id)
		return q.Owner, err
	case "complaint":
		c, err := o.complaints.Find(ctx, id)
		return c.Owner(), err
	case "appraisal_plan":
		p, err := appraisaldb.New(o.db).FindPlan(ctx, id)
		return p.Assistant, err
	}
	return "", nil
}

// deferral holds a due timer until its owner's leave ends.
func (o timerOwners) deferral(ctx context.Context, t timer.Timer, now time.Time) (time.Time, bool, error) {
	user, err := o.owner(ctx, t)
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		return time.Time{}, false, nil
	}
	if err != nil || user == "" {
		return time.Time{}, false, err
	}
	return o.leave.OnLeave(ctx, user, now)
}

// appraisalSources computes an assistant's month from the areas' records.
type appraisalSources struct {
	db              *gorm.DB
	inquiries       *inquiry.Service
	complaints      *complaint.Service
	aftersaleWithin time.Duration
}

// listings: new listings the assistant submitted whose final review was decided in the
// month, and of them those approved at their first submission; and delistings handled
// (requested by them and approved in the month).
func (s appraisalSources) listings(ctx context.Context, user string, from, to time.Time) ([]appraisal.Figure, error) {
	var rows []struct {
		Subject string
		Status  string
	}
	q := gormdb.Conn(ctx, s.db).Table("approval_requests").Select("subject, status").
		Where("kind = ? AND requester = ? AND status IN ? AND decided_at >= ? AND decided_at < ?",
			string(approval.KindListingPublish), user, []string{string(approval.StatusApproved), string(approval.StatusRejected)},
			gormdb.UTC(from), gormdb.UTC(to))
	if err := q.Scan(&rows).Error; err != nil {
		return nil, gormdb.Err(err, "listing figures of "+user)
	}
	counted, good := 0, 0
	for _, r := range rows {
		if r.Status != string(approval.StatusApproved) {
			continue
		}
		counted++
		var rejected int64
		if err := gormdb.Conn(ctx, s.db).Table("approval_requests").Where("kind = ? AND subject = ? AND status = ?",
			string(approval.KindListingPublish), r.Subject, string(approval.StatusRejected)).Count(&rejected).Error; err != nil {
			return nil, gormdb.Err(err, "listing figures of "+user)
		}
		if rejected == 0 {
			good++
		}
	}
	var delisted int64
	if err := gormdb.Conn(ctx, s.db).Table("approval_requests").Where("kind = ? AND requester = ? AND status = ? AND decided_at >= ? AND decided_at < ?",
		string(approval.KindListingDelist), user, string(approval.StatusApproved), gormdb.UTC(from), gormdb.UTC(to)).Count(&delisted).Error; err != nil {
		return nil, gormdb.Err(err, "delisting figures of "+user)
	}
	return []appraisal.Figure{
		{Key: figureListingFirstTime, Dimension: appraisal.DimTask, Kind: appraisal.KindRatio, Available: true, Counted: counted, Good: good,
			List: "approvals"},
		{Key: figureDelistings, Dimension: appraisal.DimTask, Kind: appraisal.KindCount, Available: true, Counted: int(delisted)},
	}, nil
}

// heldOrders: held orders the assistant released or cancelled in the month, those decided
// within a day of arriving, and the mean time to decide.
func (s appraisalSources) heldOrders(ctx context.Context, user string, from, to time.Time) ([]appraisal.Figure, error) {
	var rows []struct {
		ReceivedAt *time.Time
		DecidedAt  *time.Time
	}
	if err := gormdb.Conn(ctx, s.db).Table("orders").Select("received_at, decided_at").
		Where("decided_by = ? AND decided_at >= ? AND decided_at < ?", user, gormdb.UTC(from), gormdb.UTC(to)).Scan(&rows).Error; err != nil {
		return nil, gormdb.Err(err, "order figures of "+user)
	}
	good := 0
	var total time.Duration
	for _, r := range rows {
		took := gormdb.TimeOf(r.DecidedAt).Sub(gormdb.TimeOf(r.ReceivedAt))
		if r.ReceivedAt == nil || took < 0 {
			took = 0
		}
		total += took
		if took <= heldOrderDecideWithin {
			good++
		}
	}
	f := appraisal.Figure{Key: figureHeldOrders, Dimension: appraisal.DimTask, Kind: appraisal.KindRatio, Available: true,
		Counted: len(rows), Good: good, List: "order list held"}
	if len(rows) > 0 {
		f.Extra = int64(math.Round(total.Minutes() / float64(len(rows))))
	}
	return []appraisal.Figure{f}, nil
}

// aftersales: cases the assistant owned that were closed in the month, and those closed
// within the promise (the escalation delay) of opening.
func (s appraisalSources) aftersales(ctx context.Context, user string, from, to time.Time) ([]appraisal.Figure, error) {
	var rows []struct {
		CreatedAt *time.Time
		MovedAt   *time.Time
	}
	if err := gormdb.Conn(ctx, s.db).Table("aftersale_cases").Select("created_at, moved_at").
		Where("owner = ? AND status = ? AND moved_at >= ? AND moved_at < ?", user, "closed", gormdb.UTC(from), gormdb.UTC(to)).Scan(&rows).Error; err != nil {
		return nil, gormdb.Err(err, "after-sales figures of "+user)
	}
	good := 0
	for _, r := range rows {
		if !gormdb.TimeOf(r.MovedAt).After(gormdb.TimeOf(r.CreatedAt).Add(s.aftersaleWithin)) {
			good++
		}
	}
	return []appraisal.Figure{{Key: figureAftersaleClosed, Dimension: appraisal.DimTask, Kind: appraisal.KindRatio, Available: true,
		Counted: len(rows), Good: good, Extra: int64(s.aftersaleWithin.Hours()), List: "aftersale list mine"}}, nil
}

// campaignItems: the campaign checklist items the assistant owns that fell due in the month,
// and of them those ticked by their due time. Items of cancelled campaigns (and of plans
// never approved, which have no checklist) do not count.
func (s appraisalSources) campaignItems(ctx context.Context, user string, from, to time.Time) ([]appraisal.Figure, error) {
	cs, err := campaigndb.New(s.db).List(ctx, campaign.Filter{
		Statuses: []campaign.Status{campaign.StatusPreparing, campaign.StatusRunning, campaign.StatusEnded, campaign.StatusSummarised},
		From:     from.Add(-campaignItemReach), To: to.Add(campaignItemReach)})
	if err != nil {
		return nil, fmt.Errorf("campaign figures of %s: %w", user, err)
	}
	counted, good := 0, 0
	for _, c := range cs {
		for _, t := range c.Tasks {
			due := t.Due(c.Start)
			if t.Owner != user || due.Before(from) || !due.Before(to) {
				continue
			}
			counted++
			if t.Done && !t.DoneAt.After(due) {
				good++
			}
		}
	}
	return []appraisal.Figure{{Key: figureCampaignItems, Dimension: appraisal.DimTask, Kind: appraisal.KindRatio, Available: true,
		Counted: counted, Good: good, List: "campaign list"}}, nil
}

func (s appraisalSources) inquiryTimeliness(ctx context.Context, user string, from, to time.Time) ([]appraisal.Figure, error) {
	answered, onTime, err := s.inquiries.Timeliness(ctx, user, from, to)
	if err != nil {
		return nil, err
	}
	return []appraisal.Figure{{Key: figureInquiryOnTime, Dimension: appraisal.DimCustomer, Kind: appraisal.KindRatio, Available: true,
		Counted: answered, Good: onTime, List: "inquiry list mine"}}, nil
}

func (s appraisalSources) complaintFigures(ctx context.Context, user string, from, to time.Time) ([]appraisal.Figure, error) {
	acked, onTime, err := s.complaints.AckTimeliness(ctx, user, from, to)
	if err != nil {
		return nil, err
	}
	avg, n, err := s.complaints.SatisfactionAverage(ctx, user, from, to)
	if err != nil {
		return nil, err
	}
	return []appraisal.Figure{
		{Key: figureComplaintAck, Dimension: appraisal.DimCustomer, Kind: appraisal.KindRatio, Available: true, Counted: acked, Good: onTime,
			List: "complaint list mine"},
		{Key: figureSatisfaction, Dimension: appraisal.DimCustomer, Kind: appraisal.KindAverage, Available: true, Counted: n,
			Value: int64(math.Round(avg * 10)), List: "complaint list mine"},
	}, nil
}

// storeActuals reads a store's month from its daily figures (overall source) for the KPI
// targets: the paid amount and the conversion on the store's basis.
type storeActuals struct {
	db     *gorm.DB
	stores *store.Service
	tz     *time.Location
}

func (s storeActuals) Actuals(ctx context.Context, code string, from, to time.Time) (appraisal.Actuals, error) {
	st, err := s.stores.Find(ctx, code)
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		return appraisal.Actuals{}, nil
	}
	if err != nil {
		return appraisal.Actuals{}, err
	}
	days, err := metricsdb.New(s.db).Range(ctx, code, storemetrics.SourceOverall, storemetrics.DateOf(from, s.tz),
		storemetrics.DateOf(to.Add(-time.Nanosecond), s.tz), false)
	if err != nil {
		return appraisal.Actuals{}, fmt.Errorf("figures of %s: %w", code, err)
	}
	if len(days) == 0 {
		return appraisal.Actuals{}, nil
	}
	counts := make([]storemetrics.Counts, len(days))
	for i, d := range days {
		counts[i] = d.Counts
	}
	sum := storemetrics.SumCounts(counts...)
	out := appraisal.Actuals{Paid: int64(sum.PaidAmount), HasData: true}
	if conv := storemetrics.Conversion(sum, storemetrics.Basis(st.ConversionBasis)); conv.OK {
		out.Conversion, out.HasConversion = int64(math.Round(conv.V*10000)), true
	}
	return out, nil
}

// approversAway tells the approval engine who is on approved leave, so that its reminders
// wait for them. The leave service is built after the engine (it files its requests there),
// hence the adapter reads it when asked.
type approversAway struct{ a *app }

func (w approversAway) Away(ctx context.Context, users []string) (map[string]time.Time, error) {
	if w.a.leave == nil {
		return nil, nil
	}
	return w.a.leave.Away(ctx, users)
}
