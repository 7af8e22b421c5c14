package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/go-gormigrate/gormigrate/v2"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/redis/go-redis/v9"
	"github.com/robfig/cron/v3"
	"github.com/slack-go/slack"
	"gorm.io/gorm"

	"storeops/api"
	"storeops/bot"
	"storeops/bot/i18n"
	"storeops/domain"
	"storeops/domain/access"
	"storeops/domain/access/accessdb"
	"storeops/domain/aftersale"
	"storeops/domain/aftersale/aftersaledb"
	"storeops/domain/appraisal"
	"storeops/domain/appraisal/appraisaldb"
	"storeops/domain/approval"
	"storeops/domain/approval/approvaldb"
	"storeops/domain/audit"
	"storeops/domain/audit/auditdb"
	"storeops/domain/campaign"
	"storeops/domain/campaign/campaigndb"
	"storeops/domain/complaint"
	"storeops/domain/complaint/complaintdb"
	"storeops/domain/feedback"
	"storeops/domain/feedback/feedbackdb"
	"storeops/domain/gormdb"
	"storeops/domain/inquiry"
	"storeops/domain/inquiry/inquirydb"
	"storeops/domain/jobrun/jobrundb"
	"storeops/domain/leave"
	"storeops/domain/leave/leavedb"
	"storeops/domain/listing"
	"storeops/domain/listing/listingdb"
	storemetrics "storeops/domain/metrics"
	"storeops/domain/metrics/metricsdb"
	"storeops/domain/order"
	"storeops/domain/order/orderdb"
	"storeops/domain/outbox"
	"storeops/domain/outbox/outboxdb"
	"storeops/domain/report"
	"storeops/domain/report/reportdb"
	"storeops/domain/store"
	"storeops/domain/store/storedb"
	"storeops/domain/timer"
	"storeops/domain/timer/timerdb"
	"storeops/handlers"
	"storeops/jobs"
	"storeops/webhook"
)

// migrations are every area's schema changes; gormdb runs them in ID order.
func migrations() [][]*gormigrate.Migration {
	return [][]*gormigrate.Migration{
		auditdb.Migrations(),
		outboxdb.Migrations(),
		accessdb.Migrations(),
		storedb.Migrations(),
		approvaldb.Migrations(),
		listingdb.Migrations(),
		jobrundb.Migrations(),
		orderdb.Migrations(),
		storedb.TokenMigrations(),
		timerdb.Migrations(),
		inquirydb.Migrations(),
		feedbackdb.Migrations(),
		complaintdb.Migrations(),
		aftersaledb.Migrations(),
		reportdb.Migrations(),
		metricsdb.Migrations(),
		appraisaldb.Migrations(),
		leavedb.Migrations(),
		campaigndb.Migrations(),
	}
}

// app is StoreOps wired together: the same for serve, shell and the end-to-end tests.
type app struct {
	cfg        Config
	log        *slog.Logger
	clock      domain.Clock
	db         *gorm.DB
	rdb        *redis.Client
	embedded   *miniredis.Miniredis
	api        *slack.Client
	state      *bot.State
	bot        *bot.Bot
	dispatcher *bot.Dispatcher
	scheduler  *jobs.Scheduler
	// timers arms the areas' timers and timerRunner fires them; areas register their
	// kinds with timerRunner.Handle while the app is wired.
	timers      *timer.Timers
	timerRunner *timer.Runner
	handler     http.Handler

	access    *access.Service
	stores    *store.Service
	tokens    *store.Tokens
	listings  *listing.Service
	approvals *approval.Engine
	orders    *order.Service
	aftersale *aftersale.Service
	outbox    outbox.Repository
	// inquiries and feedback are customer care (SPEC §3).
	inquiries *inquiry.Service
	feedback  *feedback.Service
	// complaints runs customer complaints (SPEC §3).
	complaints *complaint.Service
	// reports builds the morning digest (SPEC §5).
	reports *report.Service
	// figures records the stores' daily figures (SPEC §5); named so that it does not read
	// as the Prometheus metrics.
	figures *storemetrics.Service
	// appraisals runs the monthly appraisals (SPEC §6).
	appraisals *appraisal.Service
	// leave runs leave requests (SPEC §7).
	leave *leave.Service
	// campaigns runs marketing campaigns (SPEC §4).
	campaigns *campaign.Service

	stop    func()
	done    chan struct{}
	closers []func()
}

// appOptions let tests and the shell hand in parts; zero values mean "as configured".
type appOptions struct {
	// DB is an open, migrated database (tests); nil opens cfg.DatabaseURL and migrates.
	DB *gorm.DB
	// Redis is a client to use (tests); nil connects to cfg.RedisURL or an in-process Redis.
	Redis *redis.Client
	// KeyPrefix namespaces Redis keys (tests sharing one Redis); default "storeops:".
	KeyPrefix string
	Clock     domain.Clock
	Log       *slog.Logger
	// DispatchInterval is the outbox poll period (default 1 s); DispatchRetry the first wait
	// after a failed delivery (default 5 s).
	DispatchInterval time.Duration
	DispatchRetry    time.Duration
	// Retry overrides the Slack client's retry settings (tests shorten the waits).
	Retry *slack.RetryConfig
	// SyncBudget overrides how long a command may take before its answer goes through
	// response_url (tests make every command late).
	SyncBudget time.Duration
}

func newApp(ctx context.Context, cfg Config, opts appOptions) (a *app, err error) {
	a = &app{cfg: cfg, log: opts.Log, clock: opts.Clock, db: opts.DB, rdb: opts.Redis, done: make(chan struct{})}
	if a.log == nil {
		a.log = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	if a.clock == nil {
		a.clock = domain.SystemClock{}
	}
	defer func() {
		if err != nil {
			a.close()
		}
	}()
	if a.db == nil {
		if a.db, err = gormdb.Open(ctx, cfg.DatabaseURL); err != nil {
			return nil, fmt.Errorf("open database: %w", err)
		}
		a.closers = append(a.closers, func() { _ = gormdb.Close(a.db) })
		if err = migrate(ctx, a.db); err != nil {
			return nil, err
		}
	}
	if a.rdb == nil {
		if a.rdb, a.embedded, err = openRedis(cfg.RedisURL); err != nil {
			return nil, err
		}
		a.closers = append(a.closers, func() { _ = a.rdb.Close() })
		if a.embedded != nil {
			a.closers = append(a.closers, a.embedded.Close)
		}
	}
	prefix := opts.KeyPrefix
	if prefix == "" {
		prefix = "storeops:"
	}
	a.state = bot.NewState(a.rdb, prefix)
	a.api = newSlackClient(cfg, opts.Retry)
	a.outbox = outboxdb.New(a.db)

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	metrics := bot.NewMetrics(reg)
	catalog := i18n.New()
	host, _ := os.Hostname()
	a.dispatcher = bot.NewDispatcher(bot.DispatcherConfig{Repo: a.outbox, API: a.api, State: a.state, Catalog: catalog,
		DefaultLocale: cfg.Locale, TZ: cfg.TZ, Clock: a.clock, Log: a.log, Metrics: metrics,
		Worker: fmt.Sprintf("%s-%d", host, os.Getpid()), Interval: opts.DispatchInterval, RetryBase: opts.DispatchRetry})
	tx := gormdb.NewTxRunner(a.db)
	auditLog := audit.NewLog(auditdb.New(a.db), a.clock)
	out := outbox.New(signallingOutbox{Repository: a.outbox, added: a.dispatcher.Queued}, a.clock)
	a.access = access.NewService(accessdb.New(a.db), tx, auditLog, a.clock, cfg.Admins)
	a.stores = store.NewService(storedb.New(a.db), tx, auditLog, a.clock)
	a.approvals = approval.NewEngine(approval.Deps{Repo: approvaldb.New(a.db), Tx: tx, Audit: auditLog, Outbox: out,
		Clock: a.clock, Directory: a.access, Away: approversAway{a}, Channel: cfg.ApprovalsChannel})
	a.listings = listing.NewService(listing.Deps{Repo: listingdb.New(a.db), Tx: tx, Audit: auditLog, Outbox: out,
		Approvals: a.approvals, Stores: a.stores, Clock: a.clock,
		Settings: listing.Settings{PriceChangePct: cfg.PriceChangeThreshold, SlowMovingDays: cfg.SlowMovingDays}})
	a.timers = timer.NewTimers(timerdb.New(a.db), a.clock)
	a.timerRunner = timer.NewRunner(timerdb.New(a.db), tx, a.clock, a.log)
	a.tokens = store.NewTokens(storedb.NewTokenRepo(a.db), a.stores, a.clock)
	a.orders = order.NewService(order.Deps{Repo: orderdb.New(a.db), Rules: orderdb.NewRuleRepo(a.db), Tx: tx, Audit: auditLog,
		Outbox: out, Stores: a.stores, Catalog: listedSKUs{a.listings}, Keeper: a.listings,
		Webhooks: orderdb.NewWebhookRepo(a.db), Sender: webhook.NewSender(a.clock, version), Runs: jobrundb.New(a.db), Clock: a.clock, Log: a.log, TZ: cfg.TZ})
	a.figures = storemetrics.NewService(storemetrics.Deps{Repo: metricsdb.New(a.db), Orders: orderdb.New(a.db), Stores: a.stores,
		Tx: tx, Audit: auditLog, Clock: a.clock, TZ: cfg.TZ})
	for _, p := range listing.Policies() {
		a.approvals.Register(p, a.listings.Applier(p.Kind))
	}
	a.aftersale = aftersale.NewService(aftersale.Deps{Repo: aftersaledb.New(a.db), Orders: a.orders, Stores: a.stores,
		Approvals: a.approvals, Directory: a.access, Timers: a.timers, Tx: tx, Audit: auditLog, Outbox: out, Clock: a.clock,
		Settings: aftersale.Settings{RemindAfter: cfg.AftersaleRemindAfter, EscalateAfter: cfg.AftersaleEscalateAfter}})
	a.approvals.Register(aftersale.Policy(), a.aftersale.Applier())
	for kind, h := range a.aftersale.TimerHandlers() {
		a.timerRunner.Handle(kind, h)
	}
	a.complaints = complaint.NewService(complaint.Deps{Repo: complaintdb.New(a.db), Tx: tx, Audit: auditLog, Outbox: out,
		Timers: a.timers, Stores: a.stores, Orders: a.orders, Directory: a.access, Clock: a.clock})
	for kind, h := range a.complaints.TimerHandlers() {
		a.timerRunner.Handle(kind, h)
	}
	a.inquiries = inquiry.NewService(inquiry.Deps{Repo: inquirydb.New(a.db), Tx: tx, Audit: auditLog, Outbox: out,
		Timers: a.timers, Stores: a.stores, Directory: a.access, Clock: a.clock, TZ: cfg.TZ})
	a.timerRunner.Handle(inquiry.KindRemind, a.inquiries.Remind)
	a.timerRunner.Handle(inquiry.KindBreach, a.inquiries.Breach)
	a.feedback = feedback.NewService(feedback.Deps{Repo: feedbackdb.New(a.db), Tx: tx, Audit: auditLog, Outbox: out,
		Stores: a.stores, Clock: a.clock, TZ: cfg.TZ})
	if err = a.wireAppraisals(cfg, tx, auditLog, out); err != nil {
		return nil, err
	}
	var campaignWatch jobs.Job
	if campaignWatch, err = a.wireCampaigns(tx, auditLog, out); err != nil {
		return nil, err
	}
	if err = a.approvals.CheckRegistered(approval.KindListingPublish, approval.KindListingChange, approval.KindListingDelist, approval.KindRefund); err != nil {
		return nil, err
	}

	waiting := digestWaiting{db: a.db, clock: a.clock, remindAfter: cfg.AftersaleRemindAfter}
	a.reports = report.NewService(report.Deps{Metrics: metricsdb.New(a.db), Stores: a.stores, Settings: reportdb.New(a.db), Tx: tx,
		Audit: auditLog, Outbox: out, Clock: a.clock, TZ: cfg.TZ,
		Approvals: waiting, Held: waiting, Stale: waiting, Inquiries: waiting, Complaints: waiting, Buyers: orderBuyers{a.db}})

	a.bot = bot.New(bot.Config{SigningSecret: cfg.SigningSecret, DefaultLocale: cfg.Locale, TZ: cfg.TZ, SyncBudget: opts.SyncBudget},
		bot.Deps{API: a.api, State: a.state, Actors: a.access, Catalog: catalog, Log: a.log, Metrics: metrics,
			AfterChange: a.dispatcher.NudgeIfQueued})
	handlers.Register(a.bot, handlers.Deps{Access: a.access, Stores: a.stores, Listings: a.listings, Approvals: a.approvals, Orders: a.orders, Tokens: a.tokens,
		Aftersale: a.aftersale, Complaints: a.complaints,
		Inquiries: a.inquiries, Feedback: a.feedback, Reports: a.reports,
		Metrics: a.figures, Appraisals: a.appraisals, Campaigns: a.campaigns, Leave: a.leave})
	// The ingestion API is a second edge beside Slack's: /api/ goes to it, everything else
	// (Slack endpoints, health, metrics) to the bot.
	mux := http.NewServeMux()
	mux.Handle("/api/", api.New(api.Deps{Orders: a.orders, Shipments: a.orders, Tokens: a.tokens, Stores: a.stores, Catalog: catalog, Log: a.log,
		Metrics: a.figures}).Handler())
	mux.Handle("/", a.bot.Handler(map[string]bot.Probe{
		"database": func(ctx context.Context) error { return gormdb.Ping(ctx, a.db) },
		"redis":    a.state.Ping,
	}, promhttp.HandlerFor(reg, promhttp.HandlerOpts{})))
	a.handler = mux

	c := cron.New(cron.WithLocation(cfg.TZ), cron.WithChain(
		cron.Recover(cronLogger{a.log}), cron.SkipIfStillRunning(cronLogger{a.log})))
	a.scheduler = jobs.NewScheduler(c, a.state, a.dispatcher, a.log)
	for _, j := range []struct {
		spec string
		job  jobs.Job
	}{
		{"0 * * * *", jobs.ApprovalReminders{Engine: a.approvals, Log: a.log}},
		{"0 10 * * 1", jobs.DelistScan{Tx: tx, Listings: a.listings, Runs: jobrundb.New(a.db), Clock: a.clock, TZ: cfg.TZ, Log: a.log}},
		{"*/20 * * * *", jobs.OrderRecheck{Orders: a.orders, Log: a.log}},
		{"*/10 * * * *", jobs.WarehouseHandoff{Orders: a.orders, Log: a.log}},
		{"* * * * *", jobs.Timers{Runner: a.timerRunner, Log: a.log}},
		{"0 9 * * 1", jobs.FeedbackSummary{Tx: tx, Feedback: a.feedback, Runs: jobrundb.New(a.db), Clock: a.clock, TZ: cfg.TZ, Log: a.log}},
		{"*/5 * * * *", jobs.Digest{Tx: tx, Reports: a.reports, Runs: jobrundb.New(a.db), Clock: a.clock, Log: a.log}},
		// Monday 09:30 and the 1st at 10:00 in each team channel's zone, and the rest of
		// that day to catch up after a downtime (report.PeriodDue; the sent-record makes
		// every other run a no-op).
		{"*/10 * * * *", jobs.PeriodReport{Kind: report.KindWeek, Tx: tx, Reports: a.reports, Runs: jobrundb.New(a.db), Clock: a.clock, Log: a.log}},
		{"*/10 * * * *", jobs.PeriodReport{Kind: report.KindMonth, Tx: tx, Reports: a.reports, Runs: jobrundb.New(a.db), Clock: a.clock, Log: a.log}},
		{"*/5 * * * *", jobs.Appraisal{Appraisals: a.appraisals, Log: a.log}},
		{"*/10 * * * *", campaignWatch},
		{"0 10 * * *", jobs.UnshippedReminder{Tx: tx, Orders: a.orders, Runs: jobrundb.New(a.db), Clock: a.clock, TZ: cfg.TZ, Log: a.log}},
	} {
		if err = a.scheduler.Add(j.spec, j.job); err != nil {
			return nil, err
		}
	}
	return a, nil
}

func migrate(ctx context.Context, db *gorm.DB) error {
	if err := gormdb.Migrate(ctx, db, migrations()...); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

func openRedis(url string) (*redis.Client, *miniredis.Miniredis, error) {
	if url == "" {
		mini, err := miniredis.Run()
		if err != nil {
			return nil, nil, fmt.Errorf("start in-process redis: %w", err)
		}
		return redis.NewClient(&redis.Options{Addr: mini.Addr()}), mini, nil
	}
	opt, err := redis.ParseURL(url)
	if err != nil {
		return nil, nil, fmt.Errorf("REDIS_URL: %w", err)
	}
	return redis.NewClient(opt), nil, nil
}

func newSlackClient(cfg Config, retry *slack.RetryConfig) *slack.Client {
	rc := slack.DefaultRetryConfig()
	rc.MaxRetries = 4
	if retry != nil {
		rc = *retry
	}
	// 429 honours Retry-After; 5xx and dropped connections back off. What still fails goes
	// back to the outbox, which retries on its own, longer schedule.
	rc.Handlers = []slack.RetryHandler{slack.NewConnectionErrorRetryHandler(), slack.NewRateLimitErrorRetryHandler(rc), slack.NewServerErrorRetryHandler(rc)}
	opts := []slack.Option{slack.OptionAPIURL(cfg.APIURL), slack.OptionHTTPClient(&http.Client{Timeout: 15 * time.Second}),
		slack.OptionRetryConfig(rc)}
	if cfg.AppToken != "" {
		opts = append(opts, slack.OptionAppLevelToken(cfg.AppToken))
	}
	return slack.New(cfg.BotToken, opts...)
}

// start runs the dispatcher and the schedules until ctx ends or shutdown is called.
func (a *app) start(ctx context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	a.stop = cancel
	go func() {
		defer close(a.done)
		a.dispatcher.Run(ctx)
	}()
	a.scheduler.Start()
}

// shutdown finishes in-flight work: requests already acked, running jobs, and one last
// delivery round of the outbox.
func (a *app) shutdown(ctx context.Context) {
	if err := a.bot.Shutdown(ctx); err != nil {
		a.log.WarnContext(ctx, "shutdown", "err", err)
	}
	a.scheduler.Stop(ctx)
	if a.stop != nil {
		a.stop()
		<-a.done
		if _, err := a.dispatcher.Drain(ctx); err != nil && !errors.Is(err, context.Canceled) {
			a.log.WarnContext(ctx, "final outbox round", "err", err)
		}
	}
	a.close()
}

// close releases what newApp opened itself (not what the options handed in).
func (a *app) close() {
	for i := len(a.closers) - 1; i >= 0; i-- {
		a.closers[i]()
	}
	a.closers = nil
}

// signallingOutbox tells the dispatcher that a message was queued, so that the request that
// queued it can wake the dispatcher when it is done and other requests need not.
type signallingOutbox struct {
	outbox.Repository
	added func()
}

func (s signallingOutbox) Add(ctx context.Context, m *outbox.Message) error {
	if err := s.Repository.Add(ctx, m); err != nil {
		return err
	}
	s.added()
	return nil
}

// cronLogger adapts slog to cron's logger.
// listedSKUs tells the order review what the store's listings say of the ordered SKUs.
type listedSKUs struct{ listings *listing.Service }

func (c listedSKUs) Listed(ctx context.Context, store string, skus []string) (map[string]order.Listed, error) {
	found, err := c.listings.Listed(ctx, store, skus)
	if err != nil {
		return nil, err
	}
	out := make(map[string]order.Listed, len(found))
	for sku, l := range found {
		out[sku] = order.Listed{Stock: l.Stock, FloorPrice: l.FloorPrice}
	}
	return out, nil
}

type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }
func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "err", err)...)
}
