package jobs

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"storeops/domain"
	"storeops/domain/audit"
	"storeops/domain/jobrun"
	"storeops/domain/metrics"
	"storeops/domain/outbox"
	"storeops/domain/report"
	"storeops/domain/store"
)

type memRuns struct {
	mu   sync.Mutex
	done map[string]bool
}

func (r *memRuns) MarkOnce(_ context.Context, job, period string, _ time.Time) (bool, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.done[job+"/"+period] {
		return false, nil
	}
	r.done[job+"/"+period] = true
	return true, nil
}

var _ jobrun.Repository = (*memRuns)(nil)

type memOutbox struct {
	outbox.Repository
	msgs []outbox.Message
}

func (o *memOutbox) Add(_ context.Context, m *outbox.Message) error {
	o.msgs = append(o.msgs, *m)
	return nil
}

type emptyMetrics struct{ metrics.Repository }

func (emptyMetrics) Range(context.Context, string, metrics.Source, time.Time, time.Time, bool) ([]metrics.Day, error) {
	return nil, nil
}

type storeList []store.Store

func (s storeList) List(context.Context) ([]store.Store, error) { return s, nil }

type noSettings struct{}

func (noSettings) List(context.Context) ([]report.ChannelSettings, error) {
	return []report.ChannelSettings{{Channel: "C2", At: 7 * 60, Threshold: 20}}, nil
}
func (noSettings) Save(context.Context, report.ChannelSettings) error { return nil }

type direct struct{}

func (direct) InTx(ctx context.Context, fn func(context.Context) error) error { return fn(ctx) }

func TestDigestPostsEachChannelOnceADayAtItsTime(t *testing.T) {
	shanghai, _ := time.LoadLocation("Asia/Shanghai")
	clock := domain.NewManualClock(time.Date(2026, 11, 30, 6, 59, 0, 0, shanghai))
	ob := &memOutbox{}
	reports := report.NewService(report.Deps{Metrics: emptyMetrics{}, Settings: noSettings{}, Tx: direct{}, Clock: clock, TZ: shanghai,
		Outbox: outbox.New(ob, clock), Audit: audit.NewLog(nil, clock),
		Stores: storeList{{Code: "TM01", TeamChannel: "C1"}, {Code: "JD01", TeamChannel: "C2"}, {Code: "PD01"}}})
	job := Digest{Tx: direct{}, Reports: reports, Runs: &memRuns{done: map[string]bool{}}, Clock: clock, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	ctx := context.Background()
	posted := func() (out []string) {
		for _, m := range ob.msgs {
			out = append(out, m.Channel+" "+m.Ref)
		}
		ob.msgs = nil
		return out
	}
	steps := []struct {
		at   time.Duration
		want []string
	}{
		{0, nil}, // 06:59: nobody's time yet
		{time.Minute, []string{"C2 digest:C2:2026-11-29"}}, // 07:00: C2's own time
		{5 * time.Minute, nil},
		{2 * time.Hour, []string{"C1 digest:C1:2026-11-29"}}, // 09:05: the default time
		{5 * time.Minute, nil},
		{14 * time.Hour, nil},                                // 23:10
		{8 * time.Hour, []string{"C2 digest:C2:2026-11-30"}}, // next day 07:10
	}
	for i, s := range steps {
		clock.Advance(s.at)
		if err := job.Run(ctx); err != nil {
			t.Fatal(err)
		}
		got := posted()
		if len(got) != len(s.want) || (len(got) > 0 && got[0] != s.want[0]) {
			t.Errorf("step %d at %s: posted %v, want %v", i, clock.Now().In(shanghai).Format("01-02 15:04"), got, s.want)
		}
	}
}

// heldCounter counts the held orders of every store, and how often it was asked.
type heldCounter struct{ calls int }

func (h *heldCounter) HeldOrders(context.Context) (map[string]int, error) {
	h.calls++
	return map[string]int{"TM01": 3, "JD01": 1}, nil
}

// What waits is counted once a run for all the channels due, and not at all by a run that
// finds every digest sent: it is the digest's costliest count.
func TestDigestCountsWhatWaitsOnceARun(t *testing.T) {
	shanghai, _ := time.LoadLocation("Asia/Shanghai")
	clock := domain.NewManualClock(time.Date(2026, 11, 30, 9, 0, 0, 0, shanghai))
	ob := &memOutbox{}
	held := &heldCounter{}
	reports := report.NewService(report.Deps{Metrics: emptyMetrics{}, Settings: noSettings{}, Tx: direct{}, Clock: clock, TZ: shanghai,
		Outbox: outbox.New(ob, clock), Audit: audit.NewLog(nil, clock), Held: held,
		Stores: storeList{{Code: "TM01", TeamChannel: "C1"}, {Code: "JD01", TeamChannel: "C2"}, {Code: "PD01", TeamChannel: "C3"}}})
	job := Digest{Tx: direct{}, Reports: reports, Runs: &memRuns{done: map[string]bool{}}, Clock: clock, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	ctx := context.Background()
	if err := job.Run(ctx); err != nil {
		t.Fatal(err)
	}
	if held.calls != 1 || len(ob.msgs) != 3 {
		t.Fatalf("first run: held orders counted %d times for %d digests", held.calls, len(ob.msgs))
	}
	if err := job.Run(ctx); err != nil {
		t.Fatal(err)
	}
	if held.calls != 1 {
		t.Errorf("a run with nothing to send counted held orders (%d calls)", held.calls)
	}
}
