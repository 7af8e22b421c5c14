// Command bench measures how fast `storeops serve` acknowledges Slack's requests, next to a
// bare handler that only checks the signature, on the same machine with the same client.
//
// It hosts an emulated Slack on 127.0.0.1, builds and starts the real server as a child
// process pointed at it, seeds a team, a store and listings waiting for approval through the
// signed Slack endpoints, and then sends two loads:
//
//  1. signed `/ops help` slash commands, from -c workers for -duration (or -requests);
//  2. approval clicks: the Approve button of every waiting card, pressed by two supervisors
//     at once (one of each pair loses the race), after which it waits until every card has
//     been updated, to report the end-to-end completion time.
//
// Each load is also sent, with the same bodies and concurrency, to the bare handler. Run it
// from the repository root:
//
//	go run ./bench
//	go run ./bench -database mysql://root@127.0.0.1:3306/storeops_bench -redis redis://127.0.0.1:6379/14
//
// `go run ./bench -digest -database mysql://…` instead times building the morning digests
// over a database seeded with years of history (digest.go).
//
// All traffic stays on 127.0.0.1; the child process is stopped on exit and on Ctrl-C.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"storeops/bot/slackemu"
)

// options are the command-line flags.
type options struct {
	database    string
	redis       string
	concurrency int
	duration    time.Duration
	requests    int
	approvals   int
	timeout     time.Duration
	warmup      int
	bin         string
	json        bool
	jsonFile    string
	keep        bool
	orders      int
	batch       int
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.database, "database", "", "DATABASE_URL of the server (default: a fresh sqlite:// file in a temporary directory); a mysql:// database must be empty")
	fs.StringVar(&o.redis, "redis", "", "REDIS_URL of the server (default: the server's in-process Redis)")
	fs.IntVar(&o.concurrency, "c", 8, "concurrent workers (requests in flight) in both phases")
	fs.DurationVar(&o.duration, "duration", 10*time.Second, "time limit of the /ops help phase (per target)")
	fs.IntVar(&o.requests, "requests", 1000000, "request limit of the /ops help phase (per target)")
	fs.IntVar(&o.approvals, "approvals", 500, "listings to seed, hence approval cards; each card gets two clicks")
	fs.DurationVar(&o.timeout, "timeout", 5*time.Minute, "time limit of the click phase and of the wait for every card to be updated")
	fs.IntVar(&o.warmup, "warmup", 500, "unmeasured /ops help requests sent to each target first")
	fs.StringVar(&o.bin, "bin", "", "a storeops binary to run instead of building one")
	fs.BoolVar(&o.json, "json", false, "print the report as JSON")
	fs.StringVar(&o.jsonFile, "json-file", "", "also write the JSON report to this file")
	fs.BoolVar(&o.keep, "keep", false, "keep the temporary directory (server log, SQLite file)")
	fs.IntVar(&o.orders, "orders", 0, "orders to post to the ingestion API in a third phase (0 skips it); with a mysql:// -database also written by plain INSERTs as a baseline")
	fs.IntVar(&o.batch, "batch", 500, "orders per ingestion batch (at most 1000)")
	fs.Bool("digest", false, "as the first flag: time building the morning digests over years of history instead (go run ./bench -digest -h)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.Lookup("digest").Value.String() == "true" {
		return o, errors.New("-digest must be the first flag")
	}
	switch {
	case fs.NArg() > 0:
		return o, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	case o.concurrency < 1 || o.concurrency > 1024:
		return o, errors.New("-c must be 1 to 1024")
	case o.duration <= 0 || o.duration > time.Hour:
		return o, errors.New("-duration must be positive and at most 1h")
	case o.requests < 1:
		return o, errors.New("-requests must be at least 1")
	case o.approvals < 1 || o.approvals > 100000:
		return o, errors.New("-approvals must be 1 to 100000")
	case o.timeout <= 0 || o.timeout > 2*time.Hour:
		return o, errors.New("-timeout must be positive and at most 2h")
	case o.warmup < 0:
		return o, errors.New("-warmup must not be negative")
	case o.orders < 0 || o.orders > 10_000_000:
		return o, errors.New("-orders must be 0 to 10000000")
	case o.batch < 1 || o.batch > 1000:
		return o, errors.New("-batch must be 1 to 1000")
	}
	if o.database != "" && !strings.HasPrefix(o.database, "mysql://") && !strings.HasPrefix(o.database, "sqlite://") {
		return o, errors.New("-database must be a mysql:// or sqlite:// URL")
	}
	if o.redis != "" && !strings.HasPrefix(o.redis, "redis://") {
		return o, errors.New("-redis must be a redis:// URL")
	}
	return o, nil
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	// The digest benchmark has flags of its own (digest.go); it starts no server.
	if len(args) > 0 && (args[0] == "-digest" || args[0] == "--digest") {
		return runDigest(ctx, args[1:], stdout, stderr)
	}
	o, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "bench:", err)
		return 2
	}
	rep, err := bench(ctx, o, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "bench:", err)
		return 1
	}
	if o.json {
		err = rep.writeJSON(stdout)
	} else {
		err = rep.writeText(stdout)
	}
	if err == nil && o.jsonFile != "" {
		err = writeJSONFile(rep, o.jsonFile)
	}
	if err != nil {
		fmt.Fprintln(stderr, "bench:", err)
		return 1
	}
	return 0
}

// bench runs everything and returns the report; progress goes to logw.
func bench(ctx context.Context, o options, logw io.Writer) (rep *report, err error) {
	logf := func(format string, args ...any) { fmt.Fprintf(logw, "bench: "+format+"\n", args...) }
	tmp, err := os.MkdirTemp("", "storeops-bench-")
	if err != nil {
		return nil, err
	}
	if o.keep {
		logf("keeping %s", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	secret := newSecret()

	emu, apiURL, err := newEmulator(secret)
	if err != nil {
		return nil, err
	}
	defer emu.Close()
	bareURL, stopBare, err := startBare(secret)
	if err != nil {
		return nil, err
	}
	defer stopBare()

	bin := o.bin
	if bin == "" {
		logf("building storeops")
		if bin, err = buildServer(ctx, tmp); err != nil {
			return nil, err
		}
	}
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	dbURL := o.database
	if dbURL == "" {
		dbURL = "sqlite://" + filepath.Join(tmp, "bench.db")
	}
	env := map[string]string{
		"SLACK_BOT_TOKEN":            "xoxb-bench",
		"SLACK_SIGNING_SECRET":       secret,
		"SLACK_API_URL":              apiURL,
		"STOREOPS_ADDR":              addr,
		"STOREOPS_ADMINS":            admin.ID,
		"STOREOPS_APPROVALS_CHANNEL": approvalsChannel,
		"STOREOPS_LOCALE":            "en",
		"DATABASE_URL":               dbURL,
		"REDIS_URL":                  o.redis,
	}
	srv, err := startServer(bin, addr, env, filepath.Join(tmp, "storeops.log"))
	if err != nil {
		return nil, err
	}
	defer func() {
		if serr := srv.stop(30 * time.Second); serr != nil && err == nil {
			err = serr
		}
		if err != nil && !o.keep {
			logf("server log (last lines):\n%s", srv.logTail(20))
		}
	}()
	if err := srv.waitReady(ctx, 60*time.Second); err != nil {
		return nil, err
	}
	logf("storeops serve (pid %d) ready on %s (database %s, redis %s)", srv.cmd.Process.Pid, srv.url, redactURL(dbURL), redisName(o.redis))

	rep = newReport(o, dbURL)
	ws := emu.Workspace(srv.url)
	wsInfo := workspaceOf(emu.Options())
	client := newClient(o.concurrency)
	defer client.CloseIdleConnections()

	// Seeding, through the real endpoints.
	started := time.Now()
	logf("seeding: roles, store %s, %d listings submitted through the listing modal", benchStore, o.approvals)
	if err := seed(ctx, emu, ws, o.approvals, func(done int) {
		if done%100 == 0 {
			logf("  %d/%d listings submitted", done, o.approvals)
		}
	}); err != nil {
		return nil, err
	}
	w := newWatcher(emu)
	if err := w.wait(ctx, o.timeout, func() bool { return len(w.order) >= o.approvals }); err != nil {
		return nil, fmt.Errorf("waiting for %d approval cards (got %d): %w", o.approvals, len(w.order), err)
	}
	rep.SeedSeconds = time.Since(started).Seconds()
	logf("seeded in %.1fs; %d cards in the approvals channel", rep.SeedSeconds, len(w.order))
	// Let the server finish what the seeding left (decision-free DMs, notices) before measuring.
	emu.Settle(300*time.Millisecond, 30*time.Second)

	// cpu is the server's CPU time so far (process_cpu_seconds_total), -1 when unknown.
	cpu := func() float64 {
		text, err := srv.get(ctx, "/metrics")
		if err != nil {
			return -1
		}
		return serverSide(text).ProcessCPUSecs
	}
	cpuSince := func(before float64) float64 {
		if after := cpu(); before >= 0 && after >= 0 {
			return after - before
		}
		return -1
	}

	// Phase 1: /ops help.
	help := helpBodies(wsInfo, emu, 256)
	nextHelp := func(i int) Request { return help[i%len(help)] }
	for _, t := range []struct{ name, url string }{{"bare", bareURL}, {"storeops", srv.url}} {
		if o.warmup > 0 {
			Load(ctx, client, t.url, secret, nextHelp, LoadOptions{Concurrency: o.concurrency, Duration: o.duration, MaxRequests: o.warmup})
		}
		logf("phase 1: /ops help → %s for %s or %d requests, %d workers", t.name, o.duration, o.requests, o.concurrency)
		before := cpu()
		res := Load(ctx, client, t.url, secret, nextHelp, LoadOptions{Concurrency: o.concurrency, Duration: o.duration, MaxRequests: o.requests})
		res.Target, res.Scenario = t.name, "/ops help"
		if t.name == "storeops" {
			res.ServerCPU = cpuSince(before)
		}
		rep.add(res)
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}

	// Phase 2: approval clicks, two per card.
	cards := make([]slackemu.Message, 0, len(w.order))
	for _, ts := range w.order {
		cards = append(cards, w.cards[ts])
	}
	reqs, err := clicks(wsInfo, emu, cards)
	if err != nil {
		return nil, err
	}
	w.poll()
	dmsBefore, losersBefore := w.dms, w.losers
	nextClick := func(i int) Request { return reqs[i] }
	clickOpts := LoadOptions{Concurrency: o.concurrency, Duration: o.timeout, MaxRequests: len(reqs)}
	logf("phase 2: %d approval clicks → bare", len(reqs))
	res := Load(ctx, client, bareURL, secret, nextClick, clickOpts)
	res.Target, res.Scenario = "bare", "approval click"
	rep.add(res)
	logf("phase 2: %d approval clicks (%d cards × 2 supervisors) → storeops", len(reqs), len(cards))
	before := cpu()
	res = Load(ctx, client, srv.url, secret, nextClick, clickOpts)
	res.Target, res.Scenario = "storeops", "approval click"
	rep.add(res)
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	// End to end: every card updated to "approved", every requester told, every loser told.
	n := len(cards)
	logf("waiting for %d card updates", n)
	werr := w.wait(ctx, o.timeout, func() bool {
		return len(w.updated) >= n && w.dms-dmsBefore >= n && w.losers-losersBefore >= n
	})
	e2e := endToEnd{Cards: n, Clicks: len(reqs), CardsUpdated: len(w.updated), DMs: w.dms - dmsBefore, LosersTold: w.losers - losersBefore}
	if !w.lastUpd.IsZero() {
		e2e.CardsDone = w.lastUpd.Sub(res.Started)
		e2e.CardsAfterAck = w.lastUpd.Sub(res.Finished)
	}
	if !w.lastDM.IsZero() {
		e2e.DMsDone = w.lastDM.Sub(res.Started)
	}
	if !w.lastEph.IsZero() {
		e2e.LosersDone = w.lastEph.Sub(res.Started)
	}
	e2e.ServerCPU = cpuSince(before)
	if werr != nil && ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if werr != nil {
		e2e.Incomplete = fmt.Sprintf("after %s: %d/%d cards updated, %d/%d requester DMs, %d/%d race losers told",
			o.timeout, e2e.CardsUpdated, n, e2e.DMs, n, e2e.LosersTold, n)
		logf("%s", e2e.Incomplete)
	}
	if live, err := liveListings(ctx, ws); err != nil {
		logf("counting live listings: %v", err)
		e2e.LiveListings = -1
	} else {
		e2e.LiveListings = live
	}
	rep.E2E = &e2e

	if o.orders > 0 {
		if err := ingestPhase(ctx, o, emu, ws, srv.url, dbURL, client, rep, logf); err != nil {
			return nil, err
		}
	}

	// What the server says about itself.
	if text, err := srv.get(ctx, "/metrics"); err != nil {
		logf("reading /metrics: %v", err)
	} else {
		rep.Server = serverSide(text)
	}
	rep.Server.LogErrors = srv.countLogLines("level=ERROR")
	rep.Server.LogWarnings = srv.countLogLines("level=WARN")
	return rep, nil
}

func writeJSONFile(rep *report, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := rep.writeJSON(f); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}

func newSecret() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b[:])
}

// redactURL shows a database or Redis URL without its password.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(unparseable URL)"
	}
	if u.User != nil {
		u.User = url.User(u.User.Username())
	}
	return u.String()
}

func redisName(s string) string {
	if s == "" {
		return "in-process"
	}
	return redactURL(s)
}

// ingestPhase posts o.orders orders in batches to the ingestion API and, on MySQL, writes the
// same rows with plain INSERTs as the baseline.
func ingestPhase(ctx context.Context, o options, emu *slackemu.Slack, ws *slackemu.Workspace, serverURL, dbURL string,
	client *http.Client, rep *report, logf func(string, ...any)) error {
	token, err := rotateToken(ctx, emu, ws)
	if err != nil {
		return err
	}
	bodies := orderBatches(o.orders, o.batch, o.approvals)
	next := func(i int) Request {
		return Request{Path: "/api/v1/orders", ContentType: "application/json", Body: bodies[i], Bearer: token}
	}
	scenario := fmt.Sprintf("orders, batch of %d", o.batch)
	logf("phase 3: %d orders in %d batches → storeops ingestion API, %d workers", o.orders, len(bodies), o.concurrency)
	res := Load(ctx, client, serverURL, "", next, LoadOptions{Concurrency: o.concurrency, Duration: o.timeout,
		MaxRequests: len(bodies), Timeout: 2 * time.Minute})
	res.Target, res.Scenario = "storeops", scenario
	rep.add(res)
	rep.Ingest = &ingestFigures{Orders: o.orders, Batch: o.batch, OrdersPerSec: float64(o.orders) / res.Elapsed.Seconds()}
	unchanged, err := checkRedelivery(ctx, client, serverURL, token, bodies[0])
	if err != nil {
		return err
	}
	rep.Ingest.RedeliveredUnchanged = unchanged
	if strings.HasPrefix(dbURL, "mysql://") {
		logf("phase 3: the same %d orders as plain multi-row INSERTs (baseline)", o.orders)
		base, err := baseline(ctx, dbURL, o.orders, o.batch, o.concurrency, o.approvals)
		if err != nil {
			return fmt.Errorf("baseline: %w", err)
		}
		base.Target, base.Scenario = "plain INSERT", scenario
		rep.add(base)
		rep.Ingest.BaselineOrdersPerSec = float64(o.orders) / base.Elapsed.Seconds()
	}
	return nil
}
