package main

import (
	"context"
	"fmt"
	"math"
	"strconv"
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
	"storeops/domain/complaint/complaintdb"
	"storeops/domain/gormdb"
	"storeops/domain/inquiry"
	"storeops/domain/inquiry/inquirydb"
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
			appraisal.DetailFunc(src.listings), appraisal.DetailFunc(src.heldOrders), appraisal.DetailFunc(src.aftersales),
			appraisal.DetailFunc(src.campaignItems),
			appraisal.DetailFunc(src.inquiryTimeliness), appraisal.DetailFunc(src.complaintFigures),
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
// (requested by them and approved in the month). The counts are those of the records.
func (s appraisalSources) listings(ctx context.Context, user string, from, to time.Time, _ bool) ([]appraisal.Detail, error) {
	type request struct {
		ID        int64
		Subject   string
		Status    string
		Title     string
		DecidedAt *time.Time
	}
	var rows []request
	q := gormdb.Conn(ctx, s.db).Table("approval_requests").Select("id, subject, status, title, decided_at").
		Where("kind = ? AND requester = ? AND status IN ? AND decided_at >= ? AND decided_at < ?",
			string(approval.KindListingPublish), user, []string{string(approval.StatusApproved), string(approval.StatusRejected)},
			gormdb.UTC(from), gormdb.UTC(to))
	if err := q.Scan(&rows).Error; err != nil {
		return nil, gormdb.Err(err, "listing figures of "+user)
	}
	var listed []appraisal.Item
	for _, r := range rows {
		if r.Status != string(approval.StatusApproved) {
			continue
		}
		var rejected int64
		if err := gormdb.Conn(ctx, s.db).Table("approval_requests").Where("kind = ? AND subject = ? AND status = ?",
			string(approval.KindListingPublish), r.Subject, string(approval.StatusRejected)).Count(&rejected).Error; err != nil {
			return nil, gormdb.Err(err, "listing figures of "+user)
		}
		listed = append(listed, appraisal.Item{Ref: "#" + strconv.FormatInt(r.ID, 10), Label: r.Title, At: gormdb.TimeOf(r.DecidedAt), Good: rejected == 0})
	}
	var delists []request
	if err := gormdb.Conn(ctx, s.db).Table("approval_requests").Select("id, subject, status, title, decided_at").
		Where("kind = ? AND requester = ? AND status = ? AND decided_at >= ? AND decided_at < ?",
			string(approval.KindListingDelist), user, string(approval.StatusApproved), gormdb.UTC(from), gormdb.UTC(to)).Scan(&delists).Error; err != nil {
		return nil, gormdb.Err(err, "delisting figures of "+user)
	}
	delisted := make([]appraisal.Item, len(delists))
	for i, r := range delists {
		delisted[i] = appraisal.Item{Ref: "#" + strconv.FormatInt(r.ID, 10), Label: r.Title, At: gormdb.TimeOf(r.DecidedAt)}
	}
	counted, good := appraisal.Tally(listed)
	return []appraisal.Detail{
		{Figure: appraisal.Figure{Key: figureListingFirstTime, Short: "listings", Dimension: appraisal.DimTask, Kind: appraisal.KindRatio, Available: true,
			Counted: counted, Good: good}, Items: listed},
		{Figure: appraisal.Figure{Key: figureDelistings, Short: "delistings", Dimension: appraisal.DimTask, Kind: appraisal.KindCount, Available: true,
			Counted: len(delisted)}, Items: delisted},
	}, nil
}

// heldOrders: held orders the assistant released or cancelled in the month, those decided
// within a day of arriving, and the mean time to decide.
func (s appraisalSources) heldOrders(ctx context.Context, user string, from, to time.Time, _ bool) ([]appraisal.Detail, error) {
	var rows []struct {
		StoreCode       string
		PlatformOrderID string
		ReceivedAt      *time.Time
		DecidedAt       *time.Time
	}
	if err := gormdb.Conn(ctx, s.db).Table("orders").Select("store_code, platform_order_id, received_at, decided_at").
		Where("decided_by = ? AND decided_at >= ? AND decided_at < ?", user, gormdb.UTC(from), gormdb.UTC(to)).Scan(&rows).Error; err != nil {
		return nil, gormdb.Err(err, "order figures of "+user)
	}
	items := make([]appraisal.Item, len(rows))
	var total time.Duration
	for i, r := range rows {
		took := gormdb.TimeOf(r.DecidedAt).Sub(gormdb.TimeOf(r.ReceivedAt))
		if r.ReceivedAt == nil || took < 0 {
			took = 0
		}
		total += took
		items[i] = appraisal.Item{Ref: r.StoreCode + "/" + r.PlatformOrderID, At: gormdb.TimeOf(r.DecidedAt), Good: took <= heldOrderDecideWithin}
	}
	counted, good := appraisal.Tally(items)
	f := appraisal.Figure{Key: figureHeldOrders, Short: "held", Dimension: appraisal.DimTask, Kind: appraisal.KindRatio, Available: true,
		Counted: counted, Good: good}
	if len(rows) > 0 {
		f.Extra = int64(math.Round(total.Minutes() / float64(len(rows))))
	}
	return []appraisal.Detail{{Figure: f, Items: items}}, nil
}

// aftersales: cases the assistant owned that were closed in the month, and those closed
// within the promise (the escalation delay) of opening.
func (s appraisalSources) aftersales(ctx context.Context, user string, from, to time.Time, _ bool) ([]appraisal.Detail, error) {
	var rows []struct {
		ID        int64
		OrderRef  string
		CreatedAt *time.Time
		MovedAt   *time.Time
	}
	if err := gormdb.Conn(ctx, s.db).Table("aftersale_cases").Select("id, order_ref, created_at, moved_at").
		Where("owner = ? AND status = ? AND moved_at >= ? AND moved_at < ?", user, "closed", gormdb.UTC(from), gormdb.UTC(to)).Scan(&rows).Error; err != nil {
		return nil, gormdb.Err(err, "after-sales figures of "+user)
	}
	items := make([]appraisal.Item, len(rows))
	for i, r := range rows {
		items[i] = appraisal.Item{Ref: "#" + strconv.FormatInt(r.ID, 10), Label: r.OrderRef, At: gormdb.TimeOf(r.MovedAt),
			Good: !gormdb.TimeOf(r.MovedAt).After(gormdb.TimeOf(r.CreatedAt).Add(s.aftersaleWithin))}
	}
	counted, good := appraisal.Tally(items)
	return []appraisal.Detail{{Figure: appraisal.Figure{Key: figureAftersaleClosed, Short: "aftersale", Dimension: appraisal.DimTask, Kind: appraisal.KindRatio,
		Available: true, Counted: counted, Good: good, Extra: int64(s.aftersaleWithin.Hours())}, Items: items}}, nil
}

// campaignItems: the campaign checklist items the assistant owns that fell due in the month,
// and of them those ticked by their due time. Items of cancelled campaigns (and of plans
// never approved, which have no checklist) do not count.
func (s appraisalSources) campaignItems(ctx context.Context, user string, from, to time.Time, _ bool) ([]appraisal.Detail, error) {
	cs, err := campaigndb.New(s.db).List(ctx, campaign.Filter{
		Statuses: []campaign.Status{campaign.StatusPreparing, campaign.StatusRunning, campaign.StatusEnded, campaign.StatusSummarised},
		From:     from.Add(-campaignItemReach), To: to.Add(campaignItemReach)})
	if err != nil {
		return nil, fmt.Errorf("campaign figures of %s: %w", user, err)
	}
	var items []appraisal.Item
	for _, c := range cs {
		for _, t := range c.Tasks {
			due := t.Due(c.Start)
			if t.Owner != user || due.Before(from) || !due.Before(to) {
				continue
			}
			name := t.Title
			if name == "" {
				name = t.Key
			}
			items = append(items, appraisal.Item{Ref: fmt.Sprintf("#%d/%d", c.ID, t.No), Label: c.StoreCode + " " + c.Theme + ": " + name, At: due,
				Good: t.Done && !t.DoneAt.After(due)})
		}
	}
	counted, good := appraisal.Tally(items)
	return []appraisal.Detail{{Figure: appraisal.Figure{Key: figureCampaignItems, Short: "campaign", Dimension: appraisal.DimTask, Kind: appraisal.KindRatio,
		Available: true, Counted: counted, Good: good}, Items: items}}, nil
}

// inquiryTimeliness counts in the database for the month's figures; a drill-down lists the
// same inquiries (inquirydb's Answered reads Timeliness's condition) and counts them.
func (s appraisalSources) inquiryTimeliness(ctx context.Context, user string, from, to time.Time, withItems bool) ([]appraisal.Detail, error) {
	f := appraisal.Figure{Key: figureInquiryOnTime, Short: "inquiries", Dimension: appraisal.DimCustomer, Kind: appraisal.KindRatio, Available: true}
	if !withItems {
		answered, onTime, err := s.inquiries.Timeliness(ctx, user, from, to)
		if err != nil {
			return nil, err
		}
		f.Counted, f.Good = answered, onTime
		return []appraisal.Detail{{Figure: f}}, nil
	}
	qs, err := inquirydb.New(s.db).Answered(ctx, user, from, to)
	if err != nil {
		return nil, fmt.Errorf("answered inquiries of %s: %w", user, err)
	}
	items := make([]appraisal.Item, len(qs))
	for i, q := range qs {
		items[i] = appraisal.Item{Ref: "#" + strconv.FormatInt(q.ID, 10), Label: q.StoreCode, At: q.AnsweredAt, Good: q.OnTime}
	}
	f.Counted, f.Good = appraisal.Tally(items)
	return []appraisal.Detail{{Figure: f, Items: items}}, nil
}

// complaintFigures counts in the database for the month's figures; a drill-down lists the
// same complaints (complaintdb's Acknowledged and Rated read the counts' conditions).
func (s appraisalSources) complaintFigures(ctx context.Context, user string, from, to time.Time, withItems bool) ([]appraisal.Detail, error) {
	ack := appraisal.Figure{Key: figureComplaintAck, Short: "complaints", Dimension: appraisal.DimCustomer, Kind: appraisal.KindRatio, Available: true}
	sat := appraisal.Figure{Key: figureSatisfaction, Short: "satisfaction", Dimension: appraisal.DimCustomer, Kind: appraisal.KindAverage, Available: true}
	if !withItems {
		acked, onTime, err := s.complaints.AckTimeliness(ctx, user, from, to)
		if err != nil {
			return nil, err
		}
		avg, n, err := s.complaints.SatisfactionAverage(ctx, user, from, to)
		if err != nil {
			return nil, err
		}
		ack.Counted, ack.Good = acked, onTime
		sat.Counted, sat.Value = n, int64(math.Round(avg*10))
		return []appraisal.Detail{{Figure: ack}, {Figure: sat}}, nil
	}
	repo := complaintdb.New(s.db)
	acked, err := repo.Acknowledged(ctx, user, from, to)
	if err != nil {
		return nil, fmt.Errorf("acknowledged complaints of %s: %w", user, err)
	}
	rated, err := repo.Rated(ctx, user, from, to)
	if err != nil {
		return nil, fmt.Errorf("rated complaints of %s: %w", user, err)
	}
	ackItems := make([]appraisal.Item, len(acked))
	for i, c := range acked {
		ackItems[i] = appraisal.Item{Ref: complaint.Ref(c.ID), Label: c.StoreCode, At: c.At, Good: c.AckOnTime}
	}
	ack.Counted, ack.Good = appraisal.Tally(ackItems)
	satItems := make([]appraisal.Item, len(rated))
	sum := 0
	for i, c := range rated {
		satItems[i] = appraisal.Item{Ref: complaint.Ref(c.ID), Label: c.StoreCode, At: c.At, Value: c.Rating}
		sum += c.Rating
	}
	if sat.Counted = len(rated); sat.Counted > 0 {
		sat.Value = int64(math.Round(float64(sum) / float64(sat.Counted) * 10))
	}
	return []appraisal.Detail{{Figure: ack, Items: ackItems}, {Figure: sat, Items: satItems}}, nil
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
