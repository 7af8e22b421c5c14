package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/go-sql-driver/mysql"

	"storeops/bot/slackemu"
)

// The ingestion phase: batches of orders posted to POST /api/v1/orders with the store's
// token, with every default review rule on, next to a baseline that writes the same rows
// with plain multi-row INSERTs into a scratch table of the same database.

var tokenPattern = regexp.MustCompile(`sot_[A-Za-z0-9_-]+`)

// rotateToken makes the bench store's API token through `/ops store token`, as an admin would.
func rotateToken(ctx context.Context, emu *slackemu.Slack, ws *slackemu.Workspace) (string, error) {
	before := len(emu.Ephemerals(admin.ID))
	r, err := ws.Command(ctx, admin.ID, teamChannel, "store token "+benchStore)
	if err != nil {
		return "", fmt.Errorf("/ops store token: %w", err)
	}
	text := string(r.Body)
	if tok := tokenPattern.FindString(text); tok != "" {
		return tok, nil
	}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		for _, m := range emu.Ephemerals(admin.ID)[before:] {
			if tok := tokenPattern.FindString(m.Text + string(m.Blocks)); tok != "" {
				return tok, nil
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	return "", fmt.Errorf("/ops store token: no token in the answer")
}

// benchOrder is order n of the run: its own buyer, phone and street, so that the duplicate
// and many-orders checks see unrelated orders, as on a sale day; paid in full. Each order
// has a line of one of the listed SKUs (BENCH-…, seeded with enough stock), so that every
// order reserves stock on one of a few hot rows, as a sale's best sellers do, and a line of
// a SKU StoreOps does not list.
func benchOrder(n, listed int) map[string]any {
	q := 1 + n%3
	return map[string]any{
		"platform_order_id": fmt.Sprintf("B%09d", n),
		"buyer":             map[string]any{"name": "买家" + fmt.Sprint(n), "phone": fmt.Sprintf("139%08d", n), "platform_id": fmt.Sprintf("bb-%d", n)},
		"address": map[string]any{"province": "广东省", "city": "深圳市", "district": "南山区",
			"street": fmt.Sprintf("科技园路 %d 号 %d 室", n%997+1, n), "postcode": "518000"},
		"items": []any{
			map[string]any{"sku": fmt.Sprintf("BENCH-%05d", n%listed+1), "quantity": 1, "unit_price": "39.90"},
			map[string]any{"sku": fmt.Sprintf("SALE-%03d", n%200), "quantity": q, "unit_price": "59.00"},
		},
		"amounts":        map[string]any{"goods": money(paidCents(n)), "shipping": "0.00", "discount": "0.00", "paid": money(paidCents(n))},
		"payment_method": "alipay", "payment_status": "paid",
		"created_at": "2026-11-11T00:00:01+08:00", "paid_at": "2026-11-11T00:00:05+08:00",
	}
}

// paidCents is what order n costs: one listed mug and 1–3 sale items.
func paidCents(n int) int { return 3990 + 5900*(1+n%3) }

func money(cents int) string { return fmt.Sprintf("%d.%02d", cents/100, cents%100) }

// orderBatches builds the request bodies: orders 0..n-1 in batches of size.
func orderBatches(n, size, listed int) [][]byte {
	var out [][]byte
	for start := 0; start < n; start += size {
		var orders []any
		for i := start; i < min(n, start+size); i++ {
			orders = append(orders, benchOrder(i, listed))
		}
		b, _ := json.Marshal(map[string]any{"store": benchStore, "orders": orders})
		out = append(out, b)
	}
	return out
}

// checkRedelivery sends the first batch again and counts the orders the server says are
// unchanged: all of them, if the run stored every order once.
func checkRedelivery(ctx context.Context, client *http.Client, baseURL, token string, body []byte) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, baseURL+"/api/v1/orders", bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	var answer struct {
		Summary map[string]int `json:"summary"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&answer); err != nil {
		return 0, fmt.Errorf("redelivery answer: %w", err)
	}
	return answer.Summary["unchanged"], nil
}

// baseline writes the same orders as plain rows, batch by batch with one multi-row INSERT
// each, from the same number of workers: what the database alone costs, without parsing,
// review, idempotency, audit or the HTTP round trip.
func baseline(ctx context.Context, dbURL string, n, size, workers, listed int) (Result, error) {
	dsn, err := mysqlDSN(dbURL)
	if err != nil {
		return Result{}, err
	}
	db, err := sql.Open("mysql", dsn)
	if err != nil {
		return Result{}, err
	}
	defer db.Close()
	db.SetMaxOpenConns(workers)
	if _, err := db.ExecContext(ctx, `DROP TABLE IF EXISTS bench_baseline_orders`); err != nil {
		return Result{}, err
	}
	if _, err := db.ExecContext(ctx, `CREATE TABLE bench_baseline_orders (
		id BIGINT AUTO_INCREMENT PRIMARY KEY, store_code VARCHAR(32) NOT NULL, platform_order_id VARCHAR(128) NOT NULL,
		buyer_name VARCHAR(255), buyer_phone VARCHAR(64), buyer_platform_id VARCHAR(128), province VARCHAR(64),
		city VARCHAR(64), district VARCHAR(64), street VARCHAR(512), postcode VARCHAR(16), items TEXT,
		paid_amount BIGINT, payment_status VARCHAR(32), placed_at DATETIME(6),
		UNIQUE KEY ux (store_code, platform_order_id)) DEFAULT CHARSET=utf8mb4`); err != nil {
		return Result{}, err
	}
	defer func() {
		_, _ = db.ExecContext(context.WithoutCancel(ctx), `DROP TABLE IF EXISTS bench_baseline_orders`)
	}()
	batches := (n + size - 1) / size
	var mu sync.Mutex
	var lat []time.Duration
	errs, firstErr := 0, ""
	jobs := make(chan int)
	started := time.Now()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range jobs {
				var q strings.Builder
				q.WriteString("INSERT INTO bench_baseline_orders (store_code, platform_order_id, buyer_name, buyer_phone, buyer_platform_id, province, city, district, street, postcode, items, paid_amount, payment_status, placed_at) VALUES ")
				var args []any
				for i := b * size; i < min(n, (b+1)*size); i++ {
					o := benchOrder(i, listed)
					buyer, addr := o["buyer"].(map[string]any), o["address"].(map[string]any)
					items, _ := json.Marshal(o["items"])
					if i > b*size {
						q.WriteString(",")
					}
					q.WriteString("(?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
					args = append(args, benchStore, o["platform_order_id"], buyer["name"], buyer["phone"], buyer["platform_id"],
						addr["province"], addr["city"], addr["district"], addr["street"], addr["postcode"], string(items),
						paidCents(i), "paid", time.Date(2026, 11, 10, 16, 0, 1, 0, time.UTC))
				}
				t0 := time.Now()
				_, err := db.ExecContext(ctx, q.String(), args...)
				d := time.Since(t0)
				mu.Lock()
				if err != nil {
					errs++
					if firstErr == "" {
						firstErr = err.Error()
					}
				} else {
					lat = append(lat, d)
				}
				mu.Unlock()
			}
		}()
	}
	for b := range batches {
		jobs <- b
	}
	close(jobs)
	wg.Wait()
	return summarize(lat, batches, errs, firstErr, started, time.Now()), nil
}

// mysqlDSN turns mysql://user:pass@host:port/db into the driver's DSN.
func mysqlDSN(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "mysql" {
		return "", fmt.Errorf("baseline needs a mysql:// database")
	}
	cfg := mysql.NewConfig()
	cfg.User = u.User.Username()
	cfg.Passwd, _ = u.User.Password()
	cfg.Net, cfg.Addr, cfg.DBName = "tcp", u.Host, strings.TrimPrefix(u.Path, "/")
	cfg.ParseTime = true
	return cfg.FormatDSN(), nil
}
