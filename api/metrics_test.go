package api

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"storeops/bot/i18n"
	"storeops/domain"
	"storeops/domain/metrics"
)

// fakeMetrics answers created for every day it is given.
type fakeMetrics struct{ got []metrics.Input }

func (f *fakeMetrics) Record(_ context.Context, _ domain.Actor, _ string, days []metrics.Input) ([]metrics.Result, error) {
	f.got = days
	out := make([]metrics.Result, len(days))
	for i, d := range days {
		out[i] = metrics.Result{Date: d.Date, Source: "overall", Outcome: metrics.OutcomeCreated}
	}
	return out, nil
}

func TestMetricsDaysOfTheWrongShape(t *testing.T) {
	fm := &fakeMetrics{}
	h := New(Deps{Orders: &fakeOrders{}, Metrics: fm, Tokens: fakeTokens{}, Stores: fakeStores{}, Catalog: i18n.New()}).Handler()
	res := send(h, http.MethodPost, "/api/v1/metrics", "Bearer good",
		[]byte(`{"store":"TM01","days":[{"date":"2026-11-27","visitors":true},[1],{"date":"2026-11-26","visitors":"1,234"}]}`))
	if res.status != http.StatusOK {
		t.Fatalf("status %d: %s", res.status, res.body)
	}
	var out figuresResult
	res.decode(t, &out)
	var got []string
	for _, r := range out.Results {
		s := fmt.Sprintf("%s %s", r.Date, r.Outcome)
		for _, p := range r.Problems {
			s += " " + p.Field + "/" + p.Code
		}
		got = append(got, s)
	}
	want := "[2026-11-27 rejected visitors/api.metrics.wrong_type  rejected /api.metrics.not_object 2026-11-26 created]"
	if fmt.Sprint(got) != want {
		t.Fatalf("results %v, want %s", got, want)
	}
	if len(fm.got) != 1 || fm.got[0].Visitors != "1,234" {
		t.Fatalf("service got %+v", fm.got)
	}
	// Without the service the route does not exist.
	plain := New(Deps{Orders: &fakeOrders{}, Tokens: fakeTokens{}, Stores: fakeStores{}, Catalog: i18n.New()}).Handler()
	if res := send(plain, http.MethodPost, "/api/v1/metrics", "Bearer good", []byte(`{}`)); res.status != http.StatusNotFound {
		t.Fatalf("without metrics: %d", res.status)
	}
	if res := send(h, http.MethodGet, "/api/v1/metrics", "Bearer good", nil); res.status != http.StatusMethodNotAllowed {
		t.Fatalf("GET: %d", res.status)
	}
}
