package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"storeops/domain"
	"storeops/domain/aftersale"
	"storeops/domain/aftersale/aftersaledb"
	"storeops/domain/approval/approvaldb"
	"storeops/domain/complaint"
	"storeops/domain/complaint/complaintdb"
	"storeops/domain/gormdb"
	"storeops/domain/inquiry"
	"storeops/domain/inquiry/inquirydb"
	"storeops/domain/metrics/metricsdb"
	"storeops/domain/order"
	"storeops/domain/order/orderdb"
	digest "storeops/domain/report"
	"storeops/domain/report/reportdb"
	"storeops/domain/store/storedb"
)

// The digest benchmark (`go run ./bench -digest …`): how long building every team
// channel's morning digest takes over a database holding years of history, and whether
// that time grows with the history. It migrates a fresh database with `storeops migrate`
// (the app's own migration list), seeds it with plain INSERTs (digestseed.go), and times
// digest.Service.Build for every channel, wired as app.go wires it.

// digestOptions are the flags of the digest mode.
type digestOptions struct {
	database string
	plan     digestPlan
	repeat   int
	waiting  string
	reuse    bool
	bin      string
	json     bool
}

func parseDigestFlags(args []string, stderr io.Writer) (digestOptions, error) {
	o := digestOptions{plan: digestPlan{RemindAfter: 48 * time.Hour}}
	p := &o.plan
	var date string
	fs := flag.NewFlagSet("bench -digest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.database, "database", "", "mysql:// URL of an empty database to migrate and seed (required)")
	fs.IntVar(&p.Stores, "stores", 60, "stores")
	fs.IntVar(&p.Channels, "channels", 10, "team channels the stores share (a digest each)")
	fs.IntVar(&p.Orders, "orders", 5_000_000, "orders spread over the history")
	fs.IntVar(&p.Days, "history-days", 730, "days of history: orders, figures of 5 sources and SKU rows every day")
	fs.IntVar(&p.SKUs, "skus", 50, "SKU rows per store per day")
	fs.IntVar(&p.HeldPerStore, "held", 300, "held orders per store (among the last 30 days)")
	fs.StringVar(&date, "date", "2026-11-28", "the digest's day (yesterday), the last day of the history")
	fs.IntVar(&p.Batch, "batch", 1000, "rows per INSERT")
	fs.IntVar(&p.Workers, "workers", 3, "connections inserting at once")
	fs.IntVar(&o.repeat, "repeat", 5, "times every channel's digest is built")
	fs.StringVar(&o.waiting, "waiting", "count", "how the waiting items are counted: count (the app's adapter) or load (the rows loaded and counted, as before)")
	fs.BoolVar(&o.reuse, "reuse", false, "use the database as it is (seeded by an earlier run with the same flags): no migration, no seeding")
	fs.StringVar(&o.bin, "bin", "", "a storeops binary to migrate with instead of building one")
	fs.BoolVar(&o.json, "json", false, "print the report as JSON")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	end, err := time.Parse(time.DateOnly, date)
	switch {
	case fs.NArg() > 0:
		return o, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	case !strings.HasPrefix(o.database, "mysql://"):
		return o, errors.New("-database must be a mysql:// URL (an empty database: it is migrated and seeded)")
	case err != nil:
		return o, fmt.Errorf("-date: %w", err)
	case p.Stores < 1 || p.Stores > 1000 || p.Channels < 1 || p.Channels > p.Stores:
		return o, errors.New("-stores must be 1 to 1000 and -channels 1 to -stores")
	case p.Orders < 0 || p.Orders > 50_000_000:
		return o, errors.New("-orders must be 0 to 50000000")
	case p.Days < 30 || p.Days > 3660:
		return o, errors.New("-history-days must be 30 to 3660")
	case p.SKUs < 0 || p.SKUs > 1000 || p.HeldPerStore < 0:
		return o, errors.New("-skus must be 0 to 1000 and -held not negative")
	case p.Batch < 1 || p.Batch > 5000 || p.Workers < 1 || p.Workers > 64:
		return o, errors.New("-batch must be 1 to 5000 and -workers 1 to 64")
	case o.repeat < 1:
		return o, errors.New("-repeat must be at least 1")
	case o.waiting != "count" && o.waiting != "load":
		return o, errors.New("-waiting must be count or load")
	}
	p.End = end
	// The digest goes out at 09:00 in the stores' zone (UTC+8) on the day after.
	p.Now = end.AddDate(0, 0, 1).Add(time.Hour)
	return o, nil
}

// runDigest is run for `bench -digest …`.
func runDigest(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	o, err := parseDigestFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "bench -digest:", err)
		return 2
	}
	logf := func(format string, args ...any) { fmt.Fprintf(stderr, "bench: "+format+"\n", args...) }
	rep, err := digestBench(ctx, o, logf)
	if err != nil {
		fmt.Fprintln(stderr, "bench -digest:", err)
		return 1
	}
	if o.json {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(rep)
	} else {
		err = rep.writeText(stdout)
	}
	if err != nil {
		fmt.Fprintln(stderr, "bench -digest:", err)
		return 1
	}
	return 0
}

// digestReport is what a digest run measured.
type digestReport struct {
	GoVersion string
	CPUs      int
	Plan      digestPlan
	Waiting   string
	Reused    bool
	// SeedSeconds is the wall time of the INSERTs; Inserted their rows by table.
	SeedSeconds float64
	Inserted    map[string]int64
	// Rows is what each table holds when the digests are built.
	Rows []tableCount
	// Builds are the wall times of building every channel's digest once, in run order.
	Builds   []time.Duration
	Channels int
	// Queries is the number of SQL statements one round of builds issued (gorm callbacks).
	Queries int64
	// Engine is what MySQL/MariaDB did for the last round (nil on SQLite).
	Engine *engineWork `json:",omitempty"`
	Check  digestCheck
}

// engineWork is what the server did for one round of builds: the rows its handlers read
// (Handler_read_*, this session's: the bench's single connection) and the buffer pool's
// page reads (global: other clients of the server add to them). Rows read is the
// figure that says whether the digest reads more when history grows; pages from disk say
// how much of it missed the pool.
type engineWork struct {
	RowsRead      int64 `json:"rows_read"`
	PageRequests  int64 `json:"page_requests"`
	PagesFromDisk int64 `json:"pages_from_disk"`
}

type tableCount struct {
	Table string
	Rows  int64
}

// digestCheck sums what the digests show, so that two ways of counting can be compared
// and an empty seed is noticed.
type digestCheck struct {
	Stores, WithData, TopSKUs                     int
	Approvals, Held, Stale, Inquiries, Complaints int
}

func digestBench(ctx context.Context, o digestOptions, logf func(string, ...any)) (*digestReport, error) {
	rep := &digestReport{GoVersion: runtime.Version(), CPUs: runtime.NumCPU(), Plan: o.plan, Waiting: o.waiting, Reused: o.reuse}
	if !o.reuse {
		if err := migrateWithApp(ctx, o, logf); err != nil {
			return nil, err
		}
	}
	// Client-side placeholders: one round trip a statement instead of prepare, execute, close.
	db, err := gormdb.Open(ctx, withParam(o.database, "interpolateParams=true"))
	if err != nil {
		return nil, err
	}
	defer func() { _ = gormdb.Close(db) }()
	if !o.reuse {
		var n int64
		if err := db.WithContext(ctx).Table("stores").Count(&n).Error; err != nil {
			return nil, fmt.Errorf("check the database is empty: %w", err)
		}
		if n > 0 {
			return nil, errors.New("the database already holds stores: drop and create it, or pass -reuse")
		}
		logf("seeding %d stores, %d orders, %d days of figures (%d SKUs a day)", o.plan.Stores, o.plan.Orders, o.plan.Days, o.plan.SKUs)
		start := time.Now()
		if rep.Inserted, err = seedDigest(ctx, db, o.plan); err != nil {
			return nil, err
		}
		rep.SeedSeconds = time.Since(start).Seconds()
		logf("seeded in %.1fs", rep.SeedSeconds)
		// Fresh statistics, as a database that grew slowly would have.
		for _, t := range seededTables {
			if err := db.WithContext(ctx).Exec("ANALYZE TABLE " + t).Error; err != nil {
				return nil, fmt.Errorf("analyze %s: %w", t, err)
			}
		}
	}
	if rep.Rows, err = countRows(ctx, db); err != nil {
		return nil, err
	}
	var queries atomic.Int64
	if err := countQueries(db, &queries); err != nil {
		return nil, err
	}
	mysql := db.Dialector.Name() == "mysql"
	if mysql {
		// One connection, so that its session counters are the digests' reads.
		sqlDB, err := db.DB()
		if err != nil {
			return nil, err
		}
		sqlDB.SetMaxOpenConns(1)
	}
	svc := digestService(db, o.plan, o.waiting)
	settings, err := svc.Settings(ctx)
	if err != nil {
		return nil, err
	}
	rep.Channels = len(settings)
	logf("building %d digests %d times", len(settings), o.repeat+1)
	// One unmeasured round first: it fills the buffer pool with what the digest reads, as
	// the daily job finds it after a day of the app's own traffic.
	for round := range o.repeat + 1 {
		before := queries.Load()
		var work engineWork
		if mysql {
			if work, err = readEngineWork(ctx, db); err != nil {
				return nil, err
			}
		}
		start := time.Now()
		digests, err := buildAll(ctx, svc, settings, o.plan.End)
		if err != nil {
			return nil, err
		}
		took := time.Since(start)
		if round == 0 {
			rep.Check = checkDigests(digests)
			continue
		}
		rep.Builds = append(rep.Builds, took)
		rep.Queries = queries.Load() - before
		if mysql {
			after, err := readEngineWork(ctx, db)
			if err != nil {
				return nil, err
			}
			// The status statements themselves read a few rows; the same number each round.
			rep.Engine = &engineWork{RowsRead: after.RowsRead - work.RowsRead,
				PageRequests: after.PageRequests - work.PageRequests, PagesFromDisk: after.PagesFromDisk - work.PagesFromDisk}
		}
	}
	return rep, nil
}

// readEngineWork reads the server's counters behind engineWork.
func readEngineWork(ctx context.Context, db *gorm.DB) (engineWork, error) {
	var w engineWork
	read := func(stmt string, add func(name string, v int64)) error {
		rows, err := db.WithContext(ctx).Raw(stmt).Rows()
		if err != nil {
			return fmt.Errorf("%s: %w", stmt, err)
		}
		defer func() { _ = rows.Close() }()
		for rows.Next() {
			var name string
			var v int64
			if err := rows.Scan(&name, &v); err != nil {
				return fmt.Errorf("%s: %w", stmt, err)
			}
			add(name, v)
		}
		return rows.Err()
	}
	err := read("SHOW SESSION STATUS LIKE 'Handler_read%'", func(_ string, v int64) { w.RowsRead += v })
	if err != nil {
		return w, err
	}
	err = read("SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_read%'", func(name string, v int64) {
		switch strings.ToLower(name) {
		case "innodb_buffer_pool_read_requests":
			w.PageRequests = v
		case "innodb_buffer_pool_reads":
			w.PagesFromDisk = v
		}
	})
	return w, err
}

// seededTables are the tables the seeder writes and the digest reads.
var seededTables = []string{"stores", "orders", "metric_days", "metric_skus", "approval_requests", "aftersale_cases", "inquiries", "complaints"}

// migrateWithApp runs `storeops migrate`: the schema is exactly the app's, every
// migration included, without a list here to keep in step.
func migrateWithApp(ctx context.Context, o digestOptions, logf func(string, ...any)) error {
	bin := o.bin
	if bin == "" {
		tmp, err := os.MkdirTemp("", "storeops-digestbench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		logf("building storeops")
		if bin, err = buildServer(ctx, tmp); err != nil {
			return err
		}
	}
	cmd := exec.CommandContext(ctx, bin, "migrate")
	for _, k := range []string{"PATH", "HOME", "TMPDIR"} {
		if v, ok := os.LookupEnv(k); ok {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
	}
	cmd.Env = append(cmd.Env, "DATABASE_URL="+o.database)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("storeops migrate: %w\n%s", err, out)
	}
	return nil
}

func withParam(rawURL, param string) string {
	if strings.Contains(rawURL, "?") {
		return rawURL + "&" + param
	}
	return rawURL + "?" + param
}

func countRows(ctx context.Context, db *gorm.DB) ([]tableCount, error) {
	var out []tableCount
	for _, t := range seededTables {
		var n int64
		// A count of millions of rows is slow by nature: gorm's slow-query warning would only be noise.
		if err := db.Session(&gorm.Session{Logger: logger.Discard}).WithContext(ctx).Table(t).Count(&n).Error; err != nil {
			return nil, fmt.Errorf("count rows of %s: %w", t, err)
		}
		out = append(out, tableCount{Table: t, Rows: n})
	}
	return out, nil
}

// countQueries counts every statement gorm sends (finders, counts, scans, raw).
func countQueries(db *gorm.DB, n *atomic.Int64) error {
	inc := func(*gorm.DB) { n.Add(1) }
	cb := db.Callback()
	for _, err := range []error{
		cb.Query().After("gorm:query").Register("bench:count_query", inc),
		cb.Row().After("gorm:row").Register("bench:count_row", inc),
		cb.Raw().After("gorm:raw").Register("bench:count_raw", inc),
	} {
		if err != nil {
			return fmt.Errorf("count queries: %w", err)
		}
	}
	return nil
}

// digestService is digest.Service wired as app.go wires it, for Build only (no outbox, no
// audit: nothing is posted).
func digestService(db *gorm.DB, p digestPlan, waiting string) *digest.Service {
	clock := fixedClock(p.Now)
	var w interface {
		digest.PendingApprovals
		digest.HeldOrders
		digest.StaleCases
		digest.OverdueInquiries
		digest.OverdueComplaints
	} = benchWaiting{db: db, clock: clock, remindAfter: p.RemindAfter}
	if waiting == "load" {
		w = loadWaiting{db: db, clock: clock, remindAfter: p.RemindAfter}
	}
	return digest.NewService(digest.Deps{Metrics: metricsdb.New(db), Stores: storedb.New(db), Settings: reportdb.New(db),
		Tx: gormdb.NewTxRunner(db), Clock: clock, TZ: time.FixedZone("UTC+8", 8*3600),
		Approvals: w, Held: w, Stale: w, Inquiries: w, Complaints: w})
}

type fixedClock time.Time

func (c fixedClock) Now() time.Time { return time.Time(c) }

func buildAll(ctx context.Context, svc *digest.Service, settings []digest.ChannelSettings, date time.Time) ([]digest.Digest, error) {
	out := make([]digest.Digest, 0, len(settings))
	// As jobs.Digest does: what waits is counted once for all the channels.
	waiting, err := svc.WaitingNow(ctx)
	if err != nil {
		return nil, fmt.Errorf("count what waits: %w", err)
	}
	for _, c := range settings {
		d, err := svc.BuildWith(ctx, c, date, waiting)
		if err != nil {
			return nil, fmt.Errorf("build digest of %s: %w", c.Channel, err)
		}
		out = append(out, d)
	}
	return out, nil
}

func checkDigests(digests []digest.Digest) digestCheck {
	var c digestCheck
	for _, d := range digests {
		c.Approvals = d.Approvals // the same in every digest
		for _, s := range d.Stores {
			c.Stores++
			if !s.NoData {
				c.WithData++
			}
			c.TopSKUs += len(s.Top)
			c.Held += s.Waiting.HeldOrders
			c.Stale += s.Waiting.StaleCases
			c.Inquiries += s.Waiting.OverdueInquiries
			c.Complaints += s.Waiting.OverdueComplaints
		}
	}
	return c
}

// benchWaiting mirrors digestWaiting of app_digest.go (package main of the module root,
// which this command cannot import): one grouped COUNT per kind of waiting item.
type benchWaiting struct {
	db          *gorm.DB
	clock       domain.Clock
	remindAfter time.Duration
}

func (w benchWaiting) PendingApprovals(ctx context.Context) (int, error) {
	return approvaldb.New(w.db).CountPending(ctx)
}

func (w benchWaiting) HeldOrders(ctx context.Context) (map[string]int, error) {
	return orderdb.New(w.db).CountByStore(ctx, order.StatusHeld)
}

func (w benchWaiting) StaleCases(ctx context.Context) (map[string]int, error) {
	return aftersaledb.New(w.db).CountStaleByStore(ctx, w.clock.Now().Add(-w.remindAfter))
}

func (w benchWaiting) OverdueInquiries(ctx context.Context) (map[string]int, error) {
	return inquirydb.New(w.db).CountOverdueByStore(ctx, w.clock.Now())
}

func (w benchWaiting) OverdueComplaints(ctx context.Context) (map[string]int, error) {
	return complaintdb.New(w.db).CountOverdueByStore(ctx, w.clock.Now())
}

// loadWaiting is how digestWaiting counted before: it loads the rows and counts them, the
// held orders 500 at a time. Kept as the baseline of -waiting load.
type loadWaiting struct {
	db          *gorm.DB
	clock       domain.Clock
	remindAfter time.Duration
}

func (w loadWaiting) PendingApprovals(ctx context.Context) (int, error) {
	pending, err := approvaldb.New(w.db).ListPending(ctx, nil)
	return len(pending), err
}

func (w loadWaiting) HeldOrders(ctx context.Context) (map[string]int, error) {
	out := map[string]int{}
	repo := orderdb.New(w.db)
	var after int64
	for {
		page, err := repo.List(ctx, order.Filter{Status: order.StatusHeld, Oldest: true, AfterID: after, Limit: orderdb.MaxLimit})
		if err != nil {
			return nil, err
		}
		for _, o := range page {
			out[o.StoreCode]++
			after = max(after, o.ID)
		}
		if len(page) < orderdb.MaxLimit {
			return out, nil
		}
	}
}

func (w loadWaiting) StaleCases(ctx context.Context) (map[string]int, error) {
	cases, err := aftersaledb.New(w.db).List(ctx, aftersale.Filter{OpenOnly: true, MovedBefore: w.clock.Now().Add(-w.remindAfter)})
	out := map[string]int{}
	for _, c := range cases {
		out[c.StoreCode]++
	}
	return out, err
}

func (w loadWaiting) OverdueInquiries(ctx context.Context) (map[string]int, error) {
	list, err := inquirydb.New(w.db).List(ctx, inquiry.Filter{Status: inquiry.StatusOpen, DueBy: w.clock.Now()})
	out := map[string]int{}
	for _, q := range list {
		out[q.StoreCode]++
	}
	return out, err
}

func (w loadWaiting) OverdueComplaints(ctx context.Context) (map[string]int, error) {
	list, err := complaintdb.New(w.db).List(ctx, complaint.Filter{
		Statuses: []complaint.Status{complaint.StatusOpen, complaint.StatusAcknowledged}, OverdueAt: w.clock.Now()})
	out := map[string]int{}
	for _, c := range list {
		out[c.StoreCode]++
	}
	return out, err
}

func (r *digestReport) writeText(w io.Writer) error {
	p := r.Plan
	fmt.Fprintf(w, "StoreOps morning digests — %s, %d CPUs, %d stores in %d channels, %d days of history ending %s, waiting items by %s\n\n",
		r.GoVersion, r.CPUs, p.Stores, r.Channels, p.Days, p.End.Format(time.DateOnly), r.Waiting)
	if r.Reused {
		fmt.Fprintln(w, "seeding: skipped (-reuse)")
	} else {
		var total int64
		for _, n := range r.Inserted {
			total += n
		}
		fmt.Fprintf(w, "seeding: %d rows in %.1fs (%.0f rows/s)\n", total, r.SeedSeconds, float64(total)/r.SeedSeconds)
	}
	fmt.Fprintln(w, "rows:")
	for _, t := range r.Rows {
		fmt.Fprintf(w, "  %-18s %10d\n", t.Table, t.Rows)
	}
	sorted := slices.Clone(r.Builds)
	slices.Sort(sorted)
	fmt.Fprintf(w, "\nbuilding all %d digests, %d times: min %s  median %s  max %s  (%s per digest at the median); %d queries a round\n",
		r.Channels, len(sorted), fmtDur(sorted[0]), fmtDur(sorted[len(sorted)/2]), fmtDur(sorted[len(sorted)-1]),
		fmtDur(sorted[len(sorted)/2]/time.Duration(max(1, r.Channels))), r.Queries)
	if e := r.Engine; e != nil {
		fmt.Fprintf(w, "server work of the last round: %d rows read (Handler_read_*), %d buffer pool page requests, %d pages read from disk\n",
			e.RowsRead, e.PageRequests, e.PagesFromDisk)
	}
	c := r.Check
	_, err := fmt.Fprintf(w, "digests show: %d stores, %d with data, %d top SKUs; waiting: %d pending approvals, %d held orders, %d stale cases, %d overdue inquiries, %d overdue complaints\n",
		c.Stores, c.WithData, c.TopSKUs, c.Approvals, c.Held, c.Stale, c.Inquiries, c.Complaints)
	return err
}
