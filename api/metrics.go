package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"storeops/domain"
	"storeops/domain/metrics"
)

// MaxMetricsBodyBytes caps a POST /api/v1/metrics body: metrics.MaxBatch days with a few
// dozen SKU rows each fit; a platform with more SKUs sends fewer days per request.
const MaxMetricsBodyBytes = 1 << 20

// Metrics records the stores' daily figures (metrics.Service).
type Metrics interface {
	Record(ctx context.Context, actor domain.Actor, storeCode string, days []metrics.Input) ([]metrics.Result, error)
}

// figures is the body of POST /api/v1/metrics; days stay raw until the envelope has been
// checked, so that one day of the wrong shape is rejected on its own.
type figures struct {
	Store string            `json:"store"`
	Days  []json.RawMessage `json:"days"`
}

type figuresResult struct {
	Results []dayResult    `json:"results"`
	Summary figuresSummary `json:"summary"`
}

type figuresSummary struct {
	Created   int `json:"created"`
	Replaced  int `json:"replaced"`
	Unchanged int `json:"unchanged"`
	Rejected  int `json:"rejected"`
}

type dayResult struct {
	Date    string          `json:"date"`
	Source  string          `json:"source"`
	Outcome metrics.Outcome `json:"outcome"`
	// Origins names the figures StoreOps took from its own orders (the platform sent none).
	Origins  map[string]metrics.Origin `json:"origins,omitempty"`
	Problems []problem                 `json:"problems"`
}

// postMetrics receives a batch of store days. As for orders, every refusal of the request
// as a whole happens before the service is called, so that a refused request writes nothing.
func (a *API) postMetrics(w http.ResponseWriter, r *http.Request) {
	started := time.Now()
	ctx := r.Context()
	// The tighter cap of this route goes inside readBody's: either refusal reads the same.
	r.Body = http.MaxBytesReader(w, r.Body, MaxMetricsBodyBytes)
	var in figures
	st, ok := a.openBatch(w, r, started, &in, func() string { return in.Store }, func() int { return len(in.Days) },
		batchRules{malformedKey: "api.malformed_json", tooLargeKey: "metrics.batch.too_large", emptyKey: "api.metrics_empty", max: metrics.MaxBatch})
	if !ok {
		return
	}
	results, err := a.recordDays(ctx, st.Code, in.Days)
	if err != nil {
		a.serviceFailed(ctx, w, r, st.Code, err)
		return
	}
	out := a.renderDays(results)
	a.d.Log.InfoContext(ctx, "api metrics", "store", st.Code, "days", len(results), "created", out.Summary.Created,
		"replaced", out.Summary.Replaced, "unchanged", out.Summary.Unchanged, "rejected", out.Summary.Rejected,
		"ms", time.Since(started).Milliseconds())
	writeJSON(w, http.StatusOK, out)
}

// recordDays decodes each day on its own and hands the readable ones to the service.
func (a *API) recordDays(ctx context.Context, storeCode string, raw []json.RawMessage) ([]metrics.Result, error) {
	results := make([]metrics.Result, len(raw))
	inputs := make([]metrics.Input, 0, len(raw))
	at := make([]int, 0, len(raw))
	for i, msg := range raw {
		in, p, ok := decodeDay(msg)
		if !ok {
			results[i] = metrics.Result{Date: in.Date, Source: in.Source, Outcome: metrics.OutcomeRejected, Problems: []domain.Problem{p}}
			continue
		}
		inputs, at = append(inputs, in), append(at, i)
	}
	if len(inputs) == 0 {
		return results, nil
	}
	actor := domain.Actor{UserID: "api:" + storeCode}
	stored, err := a.d.Metrics.Record(ctx, actor, storeCode, inputs)
	if err != nil {
		return nil, fmt.Errorf("record %d days for %s: %w", len(inputs), storeCode, err)
	}
	if len(stored) != len(inputs) {
		return nil, fmt.Errorf("record days for %s: %d results for %d days", storeCode, len(stored), len(inputs))
	}
	for j, res := range stored {
		results[at[j]] = res
	}
	return results, nil
}

// decodeDay reads one day; when it has the wrong shape, the problem names the field as well
// as the decoder can, and the date is still picked out if it is there.
func decodeDay(msg json.RawMessage) (metrics.Input, domain.Problem, bool) {
	var in metrics.Input
	err := json.Unmarshal(msg, &in)
	if err == nil {
		return in, domain.Problem{}, true
	}
	var id struct {
		Date   any `json:"date"`
		Source any `json:"source"`
	}
	if json.Unmarshal(msg, &id) == nil {
		if id.Date != nil {
			in.Date = strings.TrimSpace(fmt.Sprint(id.Date))
		}
		if s, ok := id.Source.(string); ok {
			in.Source = s
		}
	}
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &typeErr) && typeErr.Field == "":
		return in, domain.Problem{Key: "api.metrics.not_object"}, false
	case errors.As(err, &typeErr):
		return in, domain.Problem{Field: typeErr.Field, Key: "api.metrics.wrong_type"}, false
	}
	return in, domain.Problem{Key: "api.metrics.unreadable"}, false
}

func (a *API) renderDays(results []metrics.Result) figuresResult {
	out := figuresResult{Results: make([]dayResult, 0, len(results))}
	for _, res := range results {
		d := dayResult{Date: res.Date, Source: res.Source, Outcome: res.Outcome, Problems: []problem{}}
		switch res.Outcome {
		case metrics.OutcomeCreated:
			out.Summary.Created++
		case metrics.OutcomeReplaced:
			out.Summary.Replaced++
		case metrics.OutcomeUnchanged:
			out.Summary.Unchanged++
		case metrics.OutcomeRejected:
			out.Summary.Rejected++
		}
		if res.Outcome != metrics.OutcomeRejected {
			d.Origins = res.Day.Origins
		}
		for _, p := range res.Problems {
			d.Problems = append(d.Problems, problem{Field: p.Field, Message: a.l.Problem(p), Code: p.Key})
		}
		out.Results = append(out.Results, d)
	}
	return out
}
