package main

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"time"

	"gorm.io/gorm"
)

// The digest benchmark's seeder: years of history for every store, written with plain
// multi-row INSERTs (as bench/ingest.go's baseline does) from a few workers, straight into
// the tables the app's migrations created. Going through the services would take hours for
// millions of orders and measure the writes, not the digest.

// digestPlan is what to seed.
type digestPlan struct {
	Stores       int
	Channels     int
	Orders       int
	Days         int // days of history, ending on End
	SKUs         int // SKU rows per store per day
	HeldPerStore int
	End          time.Time // the last day with figures: the digest's "yesterday", midnight UTC
	Now          time.Time // the digest's clock: what is overdue or stale is reckoned from it
	RemindAfter  time.Duration
	Batch        int // rows per INSERT (fewer for wide tables on SQLite)
	Workers      int
}

// sources are the metrics sources every store has a day of.
var sources = []string{"overall", "search", "ads", "recommendation", "social"}

func storeCode(s int) string             { return fmt.Sprintf("ST%02d", s+1) }
func channelID(c int) string             { return fmt.Sprintf("CTEAM%02d", c+1) }
func dayNum(t time.Time) int             { return t.Year()*10000 + int(t.Month())*100 + t.Day() }
func (p digestPlan) day(d int) time.Time { return p.End.AddDate(0, 0, d-(p.Days-1)) }

// seedTable is a table's columns as the migrations made them, with a value for each that
// the seeder leaves alone: NULL where allowed, else the type's zero. Reading them from the
// database keeps the seeder right when a migration adds a column.
type seedTable struct {
	name string
	cols []string
	zero []any
	pos  map[string]int
}

func newSeedTable(db *gorm.DB, name string) (*seedTable, error) {
	types, err := db.Migrator().ColumnTypes(name)
	if err != nil {
		return nil, fmt.Errorf("columns of %s: %w", name, err)
	}
	t := &seedTable{name: name, pos: map[string]int{}}
	for _, ct := range types {
		t.pos[ct.Name()] = len(t.cols)
		t.cols = append(t.cols, ct.Name())
		nullable, _ := ct.Nullable()
		typ := strings.ToUpper(ct.DatabaseTypeName())
		switch {
		case nullable || ct.Name() == "id":
			t.zero = append(t.zero, nil) // NULL id: the next auto-increment value
		case strings.Contains(typ, "INT") || strings.Contains(typ, "BOOL") || strings.Contains(typ, "NUMERIC") ||
			strings.Contains(typ, "DECIMAL") || strings.Contains(typ, "DOUBLE") || strings.Contains(typ, "FLOAT") || strings.Contains(typ, "REAL"):
			t.zero = append(t.zero, 0)
		case strings.Contains(typ, "DATE") || strings.Contains(typ, "TIME"):
			t.zero = append(t.zero, time.Unix(0, 0).UTC())
		default:
			t.zero = append(t.zero, "")
		}
	}
	if len(t.cols) == 0 {
		return nil, fmt.Errorf("table %s has no columns: was the schema migrated?", name)
	}
	return t, nil
}

// index returns the positions of cols, for a generator to fill rows by.
func (t *seedTable) index(cols ...string) ([]int, error) {
	out := make([]int, len(cols))
	for i, c := range cols {
		p, ok := t.pos[c]
		if !ok {
			return nil, fmt.Errorf("table %s has no column %s", t.name, c)
		}
		out[i] = p
	}
	return out, nil
}

// inserter writes rows of tables in batches, one multi-row INSERT each, from workers.
type inserter struct {
	db    *sql.DB
	batch int
	jobs  chan insertJob
	wg    sync.WaitGroup
	mu    sync.Mutex
	err   error
	rows  map[string]int64
}

type insertJob struct {
	table string
	query string
	args  []any
	rows  int
}

func newInserter(ctx context.Context, db *sql.DB, batch, workers int) *inserter {
	in := &inserter{db: db, batch: batch, jobs: make(chan insertJob, workers*2), rows: map[string]int64{}}
	for range workers {
		in.wg.Go(func() {
			for j := range in.jobs {
				if in.failed() {
					continue // drain, so that the producer never blocks
				}
				if _, err := db.ExecContext(ctx, j.query, j.args...); err != nil {
					in.fail(fmt.Errorf("insert into %s: %w", j.table, err))
					continue
				}
				in.mu.Lock()
				in.rows[j.table] += int64(j.rows)
				in.mu.Unlock()
			}
		})
	}
	return in
}

func (in *inserter) failed() bool { return in.firstErr() != nil }

func (in *inserter) firstErr() error {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.err
}

func (in *inserter) fail(err error) {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.err == nil {
		in.err = err
	}
}

// close waits for the queued batches and returns the first error.
func (in *inserter) close() error {
	close(in.jobs)
	in.wg.Wait()
	return in.err
}

// writer collects one table's rows into batches.
type writer struct {
	in     *inserter
	t      *seedTable
	prefix string
	tuple  string
	max    int
	args   []any
	n      int
}

func (in *inserter) writer(t *seedTable) *writer {
	// SQLite allows 32 766 placeholders a statement; MySQL 65 535.
	maxRows := max(1, min(in.batch, 30000/len(t.cols)))
	return &writer{in: in, t: t, max: maxRows,
		// Backquotes (SQLite accepts them too): some columns, such as lines, are reserved words.
		prefix: "INSERT INTO `" + t.name + "` (`" + strings.Join(t.cols, "`, `") + "`) VALUES ",
		tuple:  "(" + strings.TrimSuffix(strings.Repeat("?, ", len(t.cols)), ", ") + ")"}
}

// row returns a row holding the defaults, to fill and hand to add.
func (w *writer) row() []any { return append([]any(nil), w.t.zero...) }

func (w *writer) add(row []any) error {
	if err := w.in.firstErr(); err != nil {
		return err
	}
	w.args = append(w.args, row...)
	w.n++
	if w.n == w.max {
		w.flush()
	}
	return nil
}

func (w *writer) flush() {
	if w.n == 0 {
		return
	}
	tuples := make([]string, w.n)
	for i := range tuples {
		tuples[i] = w.tuple
	}
	w.in.jobs <- insertJob{table: w.t.name, query: w.prefix + strings.Join(tuples, ", "), args: w.args, rows: w.n}
	w.args, w.n = make([]any, 0, len(w.args)), 0
}

// seedDigest writes the plan's rows and returns how many it wrote into each table.
func seedDigest(ctx context.Context, db *gorm.DB, p digestPlan) (map[string]int64, error) {
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("seed: %w", err)
	}
	tables := map[string]*seedTable{}
	for _, name := range []string{"stores", "orders", "metric_days", "metric_skus", "approval_requests", "aftersale_cases", "inquiries", "complaints"} {
		if tables[name], err = newSeedTable(db, name); err != nil {
			return nil, fmt.Errorf("seed: %w", err)
		}
	}
	in := newInserter(ctx, sqlDB, p.Batch, p.Workers)
	gens := []func(*inserter, map[string]*seedTable, digestPlan) error{seedStores, seedWaiting, seedMetrics, seedOrders}
	for _, gen := range gens {
		if err := gen(in, tables, p); err != nil {
			_ = in.close()
			return nil, fmt.Errorf("seed: %w", err)
		}
	}
	if err := in.close(); err != nil {
		return nil, fmt.Errorf("seed: %w", err)
	}
	return in.rows, nil
}

func seedStores(in *inserter, tables map[string]*seedTable, p digestPlan) error {
	t := tables["stores"]
	ix, err := t.index("code", "platform", "name", "team_channel", "conversion_basis", "created_by", "created_at")
	if err != nil {
		return err
	}
	w := in.writer(t)
	for s := range p.Stores {
		r := w.row()
		for i, v := range []any{storeCode(s), "tmall", "Store " + storeCode(s), channelID(s % p.Channels), "buyers", "UADMIN", p.day(0)} {
			r[ix[i]] = v
		}
		if err := w.add(r); err != nil {
			return err
		}
	}
	w.flush()
	return nil
}

// seedOrders spreads the orders evenly over the days, in id order, the stores taking
// turns. The mix: held orders, the same number for every store, among the last 30 days
// (orders waiting for review are recent); the last two days' others released to the
// warehouse; one in 37 cancelled; the rest shipped.
func seedOrders(in *inserter, tables map[string]*seedTable, p digestPlan) error {
	t := tables["orders"]
	ix, err := t.index("store_code", "platform_order_id", "buyer_name", "buyer_phone", "phone_key", "buyer_platform_id",
		"province", "city", "district", "street", "postcode", "address_key", "items",
		"goods_amount", "paid_amount", "payment_method", "payment_status",
		"placed_at", "paid_at", "received_at", "updated_at", "status", "released_at", "shipped_at", "fingerprint", "version")
	if err != nil {
		return err
	}
	w := in.writer(t)
	n, days := int64(p.Orders), int64(p.Days)
	recent := n * (days - min(days, 30)) / days // first order of the last 30 days
	rounds := max(1, (n-recent)/int64(p.Stores))
	stride := max(1, rounds/int64(max(1, p.HeldPerStore)))
	for j := range n {
		d := int(j * days / n)
		at := p.day(d).Add(time.Duration(j*7919%86400) * time.Second)
		status := "shipped"
		var released, shipped any
		switch {
		case p.HeldPerStore > 0 && j >= recent && (j-recent)/int64(p.Stores)%stride == 0 && (j-recent)/int64(p.Stores)/stride < int64(p.HeldPerStore):
			status = "held"
		case d >= p.Days-2:
			status, released = "released", at.Add(time.Hour)
		case j%37 == 5:
			status = "cancelled"
		default:
			released, shipped = at.Add(time.Hour), at.Add(20*time.Hour)
		}
		qty := 1 + j%3
		paid := 3990 * qty
		phone := fmt.Sprintf("139%08d", j%100000000)
		// The order's number leads its keys, so that each index grows at its end: inserts at
		// random places of a big index would read a page from disk each once the index
		// outgrows the buffer pool, and seeding would slow down as it goes.
		street := fmt.Sprintf("科技园路 %d 号 %d 室", j, j%997+1)
		r := w.row()
		for i, v := range []any{storeCode(int(j % int64(p.Stores))), fmt.Sprintf("P%010d", j), fmt.Sprintf("买家%d", j), phone, phone,
			fmt.Sprintf("bb-%d", j), "广东省", "深圳市", "南山区", street, "518000", "广东省深圳市南山区" + street,
			fmt.Sprintf(`[{"sku":"SKU-%03d","quantity":%d,"unit_price":3990}]`, j%int64(max(1, p.SKUs)), qty),
			paid, paid, "alipay", "paid", at, at, at, at, status, released, shipped, fmt.Sprintf("fp-%d", j), 1} {
			r[ix[i]] = v
		}
		if err := w.add(r); err != nil {
			return err
		}
	}
	w.flush()
	return nil
}

// seedMetrics writes every store's day of every source, and the SKU rows of its overall
// day, in id order; a day's figures vary with the store and the day.
func seedMetrics(in *inserter, tables map[string]*seedTable, p digestPlan) error {
	days, skus := tables["metric_days"], tables["metric_skus"]
	dix, err := days.index("id", "store_code", "source", "day", "visitors", "sessions", "page_views", "paying_buyers",
		"paid_orders", "paid_amount", "refunded_orders", "refunded_amount", "origins", "updated_by", "updated_at", "version")
	if err != nil {
		return err
	}
	six, err := skus.index("day_id", "store_code", "day", "sku", "visitors", "buyers", "units", "paid_amount")
	if err != nil {
		return err
	}
	dw, sw := in.writer(days), in.writer(skus)
	id := int64(0)
	for d := range p.Days {
		date := p.day(d)
		for s := range p.Stores {
			code := storeCode(s)
			h := int64(d*31 + s*17)
			overall := id + 1
			for k, src := range sources {
				id++
				visitors := (800 + (h*7+int64(k)*13)%400) / int64(k+1)
				buyers := visitors * 3 / 100
				orders := buyers + buyers/10
				r := dw.row()
				for i, v := range []any{id, code, src, dayNum(date), visitors, visitors * 13 / 10, visitors * 4, buyers, orders,
					orders * 9900, orders / 20, orders / 20 * 9900, "{}", "UBENCH", date.Add(2 * time.Hour), 1} {
					r[dix[i]] = v
				}
				if err := dw.add(r); err != nil {
					return err
				}
			}
			for k := range p.SKUs {
				units := 1 + (h+int64(k)*11)%40
				r := sw.row()
				for i, v := range []any{overall, code, dayNum(date), fmt.Sprintf("SKU-%03d", k), units * 12, units, units, units * 3990} {
					r[six[i]] = v
				}
				if err := sw.add(r); err != nil {
					return err
				}
			}
		}
	}
	dw.flush()
	sw.flush()
	return nil
}

// seedWaiting writes the other areas' history (decided approvals, closed cases, answered
// inquiries, resolved complaints: some every week of the history) and what waits now,
// the same whatever the history: per store 10 open cases (half stale), 8 open inquiries
// (half overdue), 6 unresolved complaints (3 overdue); 40 pending approvals in all.
func seedWaiting(in *inserter, tables map[string]*seedTable, p digestPlan) error {
	ap, as, iq, cp := tables["approval_requests"], tables["aftersale_cases"], tables["inquiries"], tables["complaints"]
	apx, err := ap.index("kind", "subject", "title", "requester", "status", "created_at", "due_at", "version")
	if err != nil {
		return err
	}
	asx, err := as.index("order_ref", "store_code", "type", "owner", "status", "is_open", "moved_at", "created_at", "version")
	if err != nil {
		return err
	}
	iqx, err := iq.index("store_code", "customer", "question", "owner", "asked_at", "promised_at", "status", "version")
	if err != nil {
		return err
	}
	cpx, err := cp.index("store_code", "customer", "category", "severity", "status", "created_by", "created_at", "ack_due", "resolve_due", "version")
	if err != nil {
		return err
	}
	aw, sw, iw, cw := in.writer(ap), in.writer(as), in.writer(iq), in.writer(cp)
	put := func(w *writer, ix []int, vals ...any) error {
		r := w.row()
		for i, v := range vals {
			r[ix[i]] = v
		}
		return w.add(r)
	}
	stale := p.Now.Add(-2 * p.RemindAfter)
	for d := range p.Days {
		at := p.day(d).Add(3 * time.Hour)
		for s := range p.Stores {
			code := storeCode(s)
			var err error
			if (d+s)%7 == 0 {
				err = put(aw, apx, "listing_publish", fmt.Sprintf("listing:%s-%d", code, d), "A listing", "UASSIST", "approved", at, at.Add(24*time.Hour), 2)
			}
			if err == nil && (d+s)%3 == 0 {
				err = put(sw, asx, fmt.Sprintf("P-%s-%d", code, d), code, "refund", "UASSIST", "closed", false, at.Add(48*time.Hour), at, 3)
			}
			if err == nil {
				err = put(iw, iqx, code, "customer", "Where is my parcel?", "UASSIST", at, at.Add(4*time.Hour), "answered", 2)
			}
			if err == nil && (d+s)%4 == 0 {
				err = put(cw, cpx, code, "customer", "delivery", "normal", "rated", "UASSIST", at, at.Add(2*time.Hour), at.Add(72*time.Hour), 4)
			}
			if err != nil {
				return err
			}
		}
	}
	for s := range p.Stores {
		code := storeCode(s)
		for k := range 10 {
			moved := p.Now.Add(-time.Hour)
			if k%2 == 0 {
				moved = stale
			}
			if err := put(sw, asx, fmt.Sprintf("P-%s-open-%d", code, k), code, "refund", "UASSIST", "requested", true, moved, moved, 1); err != nil {
				return err
			}
		}
		for k := range 8 {
			promised := p.Now.Add(time.Duration(k%2*2-1) * 3 * time.Hour) // before now for even k
			if err := put(iw, iqx, code, "customer", "Is it in stock?", "UASSIST", promised.Add(-4*time.Hour), promised, "open", 1); err != nil {
				return err
			}
		}
		for k := range 6 {
			status, ackDue, resolveDue := "open", p.Now.Add(time.Hour), p.Now.Add(48*time.Hour)
			switch k {
			case 0, 1:
				ackDue = p.Now.Add(-time.Hour) // overdue acknowledgement
			case 2, 3:
				status = "acknowledged"
			case 4:
				status, resolveDue = "acknowledged", p.Now.Add(-time.Hour) // overdue resolution
			}
			if err := put(cw, cpx, code, "customer", "quality", "high", status, "UASSIST", p.Now.Add(-30*time.Hour), ackDue, resolveDue, 1); err != nil {
				return err
			}
		}
	}
	for k := range 40 {
		at := p.Now.Add(-time.Duration(k) * time.Hour)
		if err := put(aw, apx, "listing_publish", fmt.Sprintf("listing:PENDING-%d", k), "A listing", "UASSIST", "pending", at, at.Add(24*time.Hour), 1); err != nil {
			return err
		}
	}
	for _, w := range []*writer{aw, sw, iw, cw} {
		w.flush()
	}
	return nil
}
