package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"storeops/bot/slackemu"
)

// Request is one Slack delivery to send: the endpoint path and the form body. The signature
// is added at send time, so that every request carries a fresh timestamp as Slack's do.
type Request struct {
	Path        string
	ContentType string
	Body        []byte
	// Bearer, when set, authenticates the request with a token (the ingestion API) instead of
	// Slack's signature.
	Bearer string
}

// LoadOptions bound a load run. Every run stops by itself: after MaxRequests requests or
// after Duration, whichever comes first.
type LoadOptions struct {
	// Concurrency is the number of workers, each with at most one request in flight.
	Concurrency int
	// Duration stops the run after this long.
	Duration time.Duration
	// MaxRequests stops the run after this many requests.
	MaxRequests int
	// Timeout bounds one request (default 10 s, above Slack's 3 s so that a slow ack shows
	// up as latency rather than as a transport error).
	Timeout time.Duration
}

// Result is what a load run measured. Latencies are of the HTTP round trip of the 2xx
// answers: from just before the request is written until its response body has been read.
// Requests counts every request that was answered or failed; Errors the failed ones.
type Result struct {
	Target     string        `json:"target"`
	Scenario   string        `json:"scenario"`
	Requests   int           `json:"requests"`
	Errors     int           `json:"errors"`
	Elapsed    time.Duration `json:"-"`
	Throughput float64       `json:"throughput_rps"`
	P50        time.Duration `json:"-"`
	P90        time.Duration `json:"-"`
	P99        time.Duration `json:"-"`
	Max        time.Duration `json:"-"`
	// FirstError describes the first failure, if any: a status code or a transport error.
	FirstError string `json:"first_error,omitempty"`
	// ServerCPU is the CPU time the storeops process used during a /ops help run, in
	// seconds (negative when unknown; zero for the bare handler, which runs inside the
	// bench, and for the clicks, whose work goes on after the run).
	ServerCPU float64 `json:"server_cpu_seconds,omitempty"`
	// Started and Finished are the wall-clock bounds of the run.
	Started  time.Time `json:"-"`
	Finished time.Time `json:"-"`
}

// Load sends requests from next (called with 0, 1, 2 … up to MaxRequests-1) to baseURL,
// signed with secret, from opts.Concurrency workers, and summarises the latencies. A
// request counts as an error when it fails in transport or answers anything but 2xx.
func Load(ctx context.Context, client *http.Client, baseURL, secret string, next func(i int) Request, opts LoadOptions) Result {
	if opts.Concurrency < 1 {
		opts.Concurrency = 1
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 10 * time.Second
	}
	var (
		issued   atomic.Int64
		mu       sync.Mutex
		all      []time.Duration
		errCount int
		firstErr string
		wg       sync.WaitGroup
	)
	started := time.Now()
	// No request starts after the deadline; those in flight at it are waited for (each is
	// bounded by opts.Timeout), so that no answer is left out of the figures.
	deadline := started.Add(opts.Duration)
	for range opts.Concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var lat []time.Duration
			var errs int
			var first string
			for ctx.Err() == nil && time.Now().Before(deadline) {
				i := int(issued.Add(1) - 1)
				if i >= opts.MaxRequests {
					break
				}
				d, err := send(ctx, client, baseURL, secret, next(i), opts.Timeout)
				if err != nil {
					if ctx.Err() != nil {
						break // interrupted: the request was abandoned, not answered
					}
					errs++
					if first == "" {
						first = err.Error()
					}
					continue
				}
				lat = append(lat, d)
			}
			mu.Lock()
			all = append(all, lat...)
			errCount += errs
			if firstErr == "" {
				firstErr = first
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	return summarize(all, len(all)+errCount, errCount, firstErr, started, time.Now())
}

// send makes one signed request and returns its round-trip time, or an error for a transport
// failure or a non-2xx answer (whose latency is left out of the figures).
func send(ctx context.Context, client *http.Client, baseURL, secret string, r Request, timeout time.Duration) (time.Duration, error) {
	rctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	ct := r.ContentType
	if ct == "" {
		ct = "application/x-www-form-urlencoded"
	}
	var req *http.Request
	var err error
	if r.Bearer != "" {
		if req, err = http.NewRequestWithContext(rctx, http.MethodPost, baseURL+r.Path, bytes.NewReader(r.Body)); err == nil {
			req.Header.Set("Content-Type", ct)
			req.Header.Set("Authorization", "Bearer "+r.Bearer)
		}
	} else {
		req, err = slackemu.SignedRequest(rctx, baseURL+r.Path, secret, ct, r.Body, time.Now())
	}
	if err != nil {
		return 0, err
	}
	start := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	d := time.Since(start)
	_ = resp.Body.Close()
	if err != nil {
		return 0, fmt.Errorf("read answer of %s: %w", r.Path, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return 0, fmt.Errorf("%s answered %s", r.Path, resp.Status)
	}
	return d, nil
}

// summarize turns recorded latencies into a Result; percentiles are read off the sorted
// latencies (nearest rank).
func summarize(lat []time.Duration, requests, errs int, firstErr string, started, finished time.Time) Result {
	slices.Sort(lat)
	elapsed := finished.Sub(started)
	res := Result{Requests: requests, Errors: errs, Elapsed: elapsed, FirstError: firstErr,
		Started: started, Finished: finished}
	if elapsed > 0 {
		res.Throughput = float64(requests) / elapsed.Seconds()
	}
	res.P50 = percentile(lat, 50)
	res.P90 = percentile(lat, 90)
	res.P99 = percentile(lat, 99)
	if len(lat) > 0 {
		res.Max = lat[len(lat)-1]
	}
	return res
}

// percentile returns the nearest-rank p-th percentile of sorted latencies (0 when empty).
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	// Nearest rank: the smallest value with at least p% of the values at or below it.
	rank := int(float64(len(sorted))*p/100 + 0.999999999)
	rank = min(max(rank, 1), len(sorted))
	return sorted[rank-1]
}

// newClient is the load client: keep-alive connections, one idle connection per worker,
// no proxy (the targets are on 127.0.0.1), no compression.
func newClient(concurrency int) *http.Client {
	tr := &http.Transport{
		Proxy:               nil,
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        4 * concurrency,
		MaxIdleConnsPerHost: 2 * concurrency,
		IdleConnTimeout:     60 * time.Second,
		DisableCompression:  true,
	}
	return &http.Client{Transport: tr}
}
