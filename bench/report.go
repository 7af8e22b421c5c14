package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

// report is everything a run measured.
type report struct {
	GoVersion   string
	CPUs        int
	Database    string
	Redis       string
	Concurrency int
	SeedSeconds float64
	Results     []Result
	E2E         *endToEnd
	Ingest      *ingestFigures
	Server      serverStats
}

// endToEnd is the approval phase seen from Slack: when every card showed the decision.
type endToEnd struct {
	Cards        int
	Clicks       int
	CardsUpdated int
	DMs          int // requester DMs announcing the decision
	LosersTold   int // "already approved" answers to the second clicker
	// CardsDone is from the first click sent to the last card updated; CardsAfterAck from
	// the last click acknowledged to the last card updated. DMsDone is like CardsDone for
	// the requester DMs.
	CardsDone     time.Duration
	CardsAfterAck time.Duration
	DMsDone       time.Duration
	// LosersDone is from the first click to the last "already approved" answer: roughly
	// when the last decision transaction had run.
	LosersDone time.Duration
	// ServerCPU is the server's CPU time from the first click until everything was done.
	ServerCPU    float64
	LiveListings int
	Incomplete   string
}

// serverStats come from the server's /metrics and log.
type serverStats struct {
	// HelpMean and ApproveMean are the mean handler times the server records
	// (storeops_request_duration_seconds): for help the command's work before the reply, for
	// approve the work after the ack (the decision transaction and the answer to a loser).
	HelpCount      int
	HelpMean       time.Duration
	ApproveCount   int
	ApproveMean    time.Duration
	OutboxSent     int
	OutboxRetried  int
	OutboxFailed   int
	RequestErrors  map[string]int // storeops_request_errors_total by route/code
	LogErrors      int
	LogWarnings    int
	ParseProblems  int
	ProcessCPUSecs float64 // process_cpu_seconds_total of the server at the end
}

// ingestFigures are the ingestion phase's totals.
type ingestFigures struct {
	Orders               int     `json:"orders"`
	Batch                int     `json:"batch"`
	OrdersPerSec         float64 `json:"orders_per_second"`
	BaselineOrdersPerSec float64 `json:"baseline_orders_per_second,omitempty"`
	// RedeliveredUnchanged is how many orders of the first batch, sent again after the run,
	// the server answered as unchanged: all of them when every order was stored once.
	RedeliveredUnchanged int `json:"redelivered_unchanged"`
}

func newReport(o options, dbURL string) *report {
	db := redactURL(dbURL)
	if o.database == "" {
		db = "sqlite (fresh file in a temporary directory)"
	}
	return &report{GoVersion: runtime.Version(), CPUs: runtime.NumCPU(), Database: db, Redis: redisName(o.redis),
		Concurrency: o.concurrency}
}

func (r *report) add(res Result) { r.Results = append(r.Results, res) }

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func fmtDur(d time.Duration) string {
	switch {
	case d >= time.Second:
		return fmt.Sprintf("%.2fs", d.Seconds())
	case d >= 10*time.Millisecond:
		return fmt.Sprintf("%.1fms", ms(d))
	default:
		return fmt.Sprintf("%.2fms", ms(d))
	}
}

func (r *report) writeText(w io.Writer) error {
	fmt.Fprintf(w, "StoreOps ack latency — %s, %d CPUs, database %s, redis %s, %d workers\n\n",
		r.GoVersion, r.CPUs, r.Database, r.Redis, r.Concurrency)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "target\tscenario\trequests\terrors\treq/s\tp50\tp90\tp99\tmax\tserver CPU/req\t")
	for _, res := range r.Results {
		perReq := "-"
		if res.ServerCPU > 0 && res.Requests > 0 {
			perReq = fmtDur(time.Duration(res.ServerCPU / float64(res.Requests) * float64(time.Second)))
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%.0f\t%s\t%s\t%s\t%s\t%s\t\n", res.Target, res.Scenario, res.Requests, res.Errors,
			res.Throughput, fmtDur(res.P50), fmtDur(res.P90), fmtDur(res.P99), fmtDur(res.Max), perReq)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, res := range r.Results {
		if res.FirstError != "" {
			fmt.Fprintf(w, "first error (%s, %s): %s\n", res.Target, res.Scenario, res.FirstError)
		}
	}
	if e := r.E2E; e != nil {
		fmt.Fprintf(w, "\napprovals end to end: %d cards, %d clicks\n", e.Cards, e.Clicks)
		fmt.Fprintf(w, "  all cards updated:        %s after the first click (%s after the last ack); %d/%d updated\n",
			fmtDur(e.CardsDone), fmtDur(e.CardsAfterAck), e.CardsUpdated, e.Cards)
		fmt.Fprintf(w, "  all requester DMs posted: %s after the first click; %d/%d\n", fmtDur(e.DMsDone), e.DMs, e.Cards)
		fmt.Fprintf(w, "  race losers told:         %d/%d, the last %s after the first click\n", e.LosersTold, e.Cards, fmtDur(e.LosersDone))
		if e.ServerCPU > 0 {
			fmt.Fprintf(w, "  server CPU, first click to done: %.2fs (%s per card)\n", e.ServerCPU,
				fmtDur(time.Duration(e.ServerCPU/float64(e.Cards)*float64(time.Second))))
		}
		fmt.Fprintf(w, "  live listings (/ops listing list live): %d\n", e.LiveListings)
		if e.Incomplete != "" {
			fmt.Fprintf(w, "  INCOMPLETE: %s\n", e.Incomplete)
		}
	}
	if in := r.Ingest; in != nil {
		fmt.Fprintf(w, "\ningestion: %d orders in batches of %d: %.0f orders/s", in.Orders, in.Batch, in.OrdersPerSec)
		if in.BaselineOrdersPerSec > 0 {
			fmt.Fprintf(w, " (plain INSERTs: %.0f orders/s)", in.BaselineOrdersPerSec)
		}
		fmt.Fprintf(w, "\n  the first batch sent again: %d/%d unchanged\n", in.RedeliveredUnchanged, min(in.Batch, in.Orders))
	}
	s := r.Server
	fmt.Fprintf(w, "\nserver side (/metrics): help handler mean %s over %d; approve work after the ack mean %s over %d\n",
		fmtDur(s.HelpMean), s.HelpCount, fmtDur(s.ApproveMean), s.ApproveCount)
	fmt.Fprintf(w, "  outbox deliveries: %d sent, %d retried, %d failed; server CPU %.1fs; log: %d errors, %d warnings\n",
		s.OutboxSent, s.OutboxRetried, s.OutboxFailed, s.ProcessCPUSecs, s.LogErrors, s.LogWarnings)
	if len(s.RequestErrors) > 0 {
		fmt.Fprintf(w, "  request errors by route/code: %v\n", s.RequestErrors)
	}
	fmt.Fprintf(w, "seeding (roles, store, %d listings through the modal, cards posted): %.1fs\n", r.cardsOrZero(), r.SeedSeconds)
	return nil
}

func (r *report) cardsOrZero() int {
	if r.E2E == nil {
		return 0
	}
	return r.E2E.Cards
}

// jsonResult is a Result with its durations in milliseconds.
type jsonResult struct {
	Result
	ElapsedMS float64 `json:"elapsed_ms"`
	P50MS     float64 `json:"p50_ms"`
	P90MS     float64 `json:"p90_ms"`
	P99MS     float64 `json:"p99_ms"`
	MaxMS     float64 `json:"max_ms"`
}

func (r *report) writeJSON(w io.Writer) error {
	out := map[string]any{
		"go_version": r.GoVersion, "cpus": r.CPUs, "database": r.Database, "redis": r.Redis,
		"concurrency": r.Concurrency, "seed_seconds": r.SeedSeconds,
	}
	var results []jsonResult
	for _, res := range r.Results {
		results = append(results, jsonResult{Result: res, ElapsedMS: ms(res.Elapsed), P50MS: ms(res.P50),
			P90MS: ms(res.P90), P99MS: ms(res.P99), MaxMS: ms(res.Max)})
	}
	out["results"] = results
	if e := r.E2E; e != nil {
		out["approvals"] = map[string]any{
			"cards": e.Cards, "clicks": e.Clicks, "cards_updated": e.CardsUpdated, "requester_dms": e.DMs,
			"race_losers_told": e.LosersTold, "live_listings": e.LiveListings,
			"all_cards_updated_ms":       ms(e.CardsDone),
			"cards_updated_after_ack_ms": ms(e.CardsAfterAck),
			"all_dms_posted_ms":          ms(e.DMsDone),
			"last_loser_told_ms":         ms(e.LosersDone),
			"server_cpu_seconds":         e.ServerCPU,
			"incomplete":                 e.Incomplete,
		}
	}
	if r.Ingest != nil {
		out["ingestion"] = r.Ingest
	}
	s := r.Server
	out["server"] = map[string]any{
		"help_count": s.HelpCount, "help_mean_ms": ms(s.HelpMean),
		"approve_count": s.ApproveCount, "approve_mean_ms": ms(s.ApproveMean),
		"outbox_sent": s.OutboxSent, "outbox_retried": s.OutboxRetried, "outbox_failed": s.OutboxFailed,
		"request_errors": s.RequestErrors, "log_errors": s.LogErrors, "log_warnings": s.LogWarnings,
		"process_cpu_seconds": s.ProcessCPUSecs,
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// serverSide reads the figures the report needs from Prometheus' text format.
func serverSide(text string) serverStats {
	var s serverStats
	s.RequestErrors = map[string]int{}
	var helpSum, approveSum float64
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, labels, value, ok := metricLine(line)
		if !ok {
			s.ParseProblems++
			continue
		}
		route := labels["route"]
		switch {
		case name == "storeops_request_duration_seconds_sum" && labels["kind"] == "command" && route == "help":
			helpSum = value
		case name == "storeops_request_duration_seconds_count" && labels["kind"] == "command" && route == "help":
			s.HelpCount = int(value)
		case name == "storeops_request_duration_seconds_sum" && labels["kind"] == "action" && route == "approval.approve":
			approveSum = value
		case name == "storeops_request_duration_seconds_count" && labels["kind"] == "action" && route == "approval.approve":
			s.ApproveCount = int(value)
		case name == "storeops_outbox_deliveries_total":
			switch labels["outcome"] {
			case "sent":
				s.OutboxSent += int(value)
			case "retry":
				s.OutboxRetried += int(value)
			case "failed":
				s.OutboxFailed += int(value)
			}
		case name == "storeops_request_errors_total":
			s.RequestErrors[route+"/"+labels["code"]] += int(value)
		case name == "process_cpu_seconds_total":
			s.ProcessCPUSecs = value
		}
	}
	if s.HelpCount > 0 {
		s.HelpMean = time.Duration(helpSum / float64(s.HelpCount) * float64(time.Second))
	}
	if s.ApproveCount > 0 {
		s.ApproveMean = time.Duration(approveSum / float64(s.ApproveCount) * float64(time.Second))
	}
	return s
}

// metricLine splits `name{a="x",b="y"} 1.5` (labels optional; values without escapes, as
// StoreOps' own labels are).
func metricLine(line string) (string, map[string]string, float64, bool) {
	labels := map[string]string{}
	head, valuePart, ok := strings.Cut(line, " ")
	if i := strings.IndexByte(line, '}'); i >= 0 {
		head, valuePart, ok = line[:i+1], strings.TrimSpace(line[i+1:]), true
	}
	if !ok {
		return "", nil, 0, false
	}
	name := head
	if i := strings.IndexByte(head, '{'); i >= 0 {
		name = head[:i]
		for _, kv := range strings.Split(strings.TrimSuffix(head[i+1:], "}"), ",") {
			k, v, found := strings.Cut(kv, "=")
			if found {
				labels[k] = strings.Trim(v, `"`)
			}
		}
	}
	valueField, _, _ := strings.Cut(valuePart, " ") // drop a timestamp
	value, err := strconv.ParseFloat(valueField, 64)
	if err != nil {
		return "", nil, 0, false
	}
	return name, labels, value, true
}
