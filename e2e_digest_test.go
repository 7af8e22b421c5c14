package main

import (
	"bytes"
	"context"
	"image/png"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"storeops/bot/chart"
	"storeops/bot/slackemu"
	"storeops/domain"
	"storeops/domain/gormdb"
	"storeops/domain/jobrun/jobrundb"
	"storeops/domain/metrics"
	"storeops/domain/metrics/metricsdb"
	"storeops/domain/store"
	"storeops/jobs"
)

var admin = domain.Actor{UserID: erin, Roles: []domain.Role{domain.RoleAdmin}}

// digestHarness is a harness whose store TM01 reports to the team channel, with 20 days of
// figures up to 2026-11-29, and whose clock stands at 2026-11-30 08:50 in Shanghai.
func digestHarness(t *testing.T) *harness {
	t.Helper()
	h := newHarness(t)
	if _, err := h.app.stores.SetChannel(h.ctx, admin, "TM01", store.ChannelTeam, team); err != nil {
		t.Fatal(err)
	}
	repo := metricsdb.New(h.db)
	for i := range 20 {
		d := &metrics.Day{StoreCode: "TM01", Date: time.Date(2026, 11, 10+i, 0, 0, 0, 0, time.UTC), Source: metrics.SourceOverall,
			Counts: metrics.Counts{Visitors: int64(1000 + 10*i), Sessions: int64(1300 + 10*i), PayingBuyers: 30, PaidOrders: int64(35 + i),
				PaidAmount: domain.Money(350000 + 10000*i), RefundedOrders: 1, RefundedAmount: 9000},
			UpdatedBy: erin, UpdatedAt: h.clock.Now()}
		if i == 19 {
			d.SKUs = []metrics.SKUDay{{SKU: "MUG-1", Units: 12, Buyers: 10, PaidAmount: 120000}, {SKU: "CUP-2", Units: 3, Buyers: 3, PaidAmount: 45000}}
		}
		if _, err := repo.Put(h.ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	h.clock.Set(shanghaiTime(t, "2026-11-30 08:50"))
	return h
}

func shanghaiTime(t *testing.T, s string) time.Time {
	t.Helper()
	sh, _ := time.LoadLocation("Asia/Shanghai")
	at, err := time.ParseInLocation("2006-01-02 15:04", s, sh)
	if err != nil {
		t.Fatal(err)
	}
	return at
}

// digests are the digest posts in a channel (thread replies and other messages left out).
func digests(emu *slackemu.Slack, channel string) []slackemu.Message {
	var out []slackemu.Message
	for _, m := range emu.Messages(channel) {
		if (m.ThreadTS == "" || m.ThreadTS == m.TS) && strings.Contains(m.Text, "Daily digest for") {
			out = append(out, m)
		}
	}
	return out
}

// charts are the chart files uploaded to a channel.
func charts(emu *slackemu.Slack, channel string) []slackemu.File {
	var out []slackemu.File
	for _, f := range emu.Files() {
		if strings.HasPrefix(f.Name, "digest-") && len(f.Channels) > 0 && f.Channels[0] == channel {
			out = append(out, f)
		}
	}
	return out
}

func TestDigestPostsOnceAtNineWithTheChartInItsThread(t *testing.T) {
	h := digestHarness(t)
	h.run("digest")
	if n := len(digests(h.emu, team)); n != 0 {
		t.Fatalf("%d digests before 09:00", n)
	}
	h.clock.Set(shanghaiTime(t, "2026-11-30 09:00"))
	h.run("digest")
	got := digests(h.emu, team)
	if len(got) != 1 {
		t.Fatalf("%d digests at 09:00, want 1", len(got))
	}
	all := messageText(got[0])
	for _, want := range []string{"Daily digest · 2026-11-29", "*TM01*", "1,190", "MUG-1", "Conversion = paying buyers ÷ unique visitors"} {
		if !strings.Contains(all, want) {
			t.Errorf("digest lacks %q:\n%s", want, all)
		}
	}
	files := charts(h.emu, team)
	if len(files) != 1 || files[0].ThreadTS != got[0].TS || !files[0].Completed {
		t.Fatalf("chart files %+v, want one in the thread of %s", files, got[0].TS)
	}
	img, err := png.Decode(bytes.NewReader(files[0].Bytes))
	if err != nil || img.Bounds().Dx() != chart.Width || img.Bounds().Dy() != chart.Height {
		t.Fatalf("chart is no %dx%d PNG: %v", chart.Width, chart.Height, err)
	}

	h.clock.Set(shanghaiTime(t, "2026-11-30 09:05"))
	h.run("digest")
	h.clock.Set(shanghaiTime(t, "2026-11-30 23:55"))
	h.run("digest")
	if n, f := len(digests(h.emu, team)), len(charts(h.emu, team)); n != 1 || f != 1 {
		t.Errorf("reruns the same day posted again: %d digests, %d charts", n, f)
	}

	// On demand: a preview only to the asker, and an extra post, neither touching the
	// sent-record.
	say := h.say(alice, "digest now")
	if !strings.Contains(say, "Preview · daily digest · 2026-11-29") {
		t.Errorf("preview: %s", say)
	}
	if say := h.say(alice, "digest now <#"+team+"|team>"); !strings.Contains(say, "admin") {
		t.Errorf("an assistant posts a digest: %s", say)
	}
	if say := h.say(bob, "digest now <#"+team+"|team>"); !strings.Contains(say, "on its way") {
		t.Errorf("post now: %s", say)
	}
	h.settle()
	if n, f := len(digests(h.emu, team)), len(charts(h.emu, team)); n != 2 || f != 2 {
		t.Errorf("after post now: %d digests, %d charts, want 2 and 2", n, f)
	}
	if n := h.count("job_runs", "job = ?", "digest:"+team); n != 1 {
		t.Errorf("%d sent-records, want 1", n)
	}

	// The next morning brings the next digest.
	h.clock.Set(shanghaiTime(t, "2026-12-01 09:00"))
	h.run("digest")
	got = digests(h.emu, team)
	if len(got) != 3 || !strings.Contains(messageText(got[2]), "No figures for 2026-11-30") {
		t.Errorf("a day without figures must say so: %d digests", len(got))
	}
	if f := len(charts(h.emu, team)); f != 2 {
		t.Errorf("%d charts, want still 2 (no chart for a day without figures)", f)
	}
}

func TestDigestSettings(t *testing.T) {
	h := digestHarness(t)
	if say := h.say(alice, "digest time <#"+team+"|team> 07:30"); !strings.Contains(say, "admin") {
		t.Errorf("assistant sets the time: %s", say)
	}
	if say := h.say(bob, "digest time <#"+team+"|team> 7h"); !strings.Contains(say, "HH:MM") {
		t.Errorf("bad time: %s", say)
	}
	if say := h.say(bob, "digest time <#C0NOWHERE|x> 07:30"); !strings.Contains(say, "no store's team channel") {
		t.Errorf("not a team channel: %s", say)
	}
	if say := h.say(bob, "digest time <#"+team+"|team> 07:30"); !strings.Contains(say, "07:30") {
		t.Errorf("set time: %s", say)
	}
	if say := h.say(bob, "digest threshold <#"+team+"|team> 35%"); !strings.Contains(say, "35%") {
		t.Errorf("set threshold: %s", say)
	}
	if say := h.say(erin, "digest settings"); !strings.Contains(say, "07:30") || !strings.Contains(say, "35%") || !strings.Contains(say, "TM01") {
		t.Errorf("settings: %s", say)
	}
	h.clock.Set(shanghaiTime(t, "2026-11-30 07:29"))
	h.run("digest")
	if n := len(digests(h.emu, team)); n != 0 {
		t.Fatalf("%d digests before 07:30", n)
	}
	h.clock.Set(shanghaiTime(t, "2026-11-30 07:30"))
	h.run("digest")
	if got := digests(h.emu, team); len(got) != 1 || !strings.Contains(messageText(got[0]), "35%") {
		t.Fatalf("digest at 07:30 with the 35%% threshold: %d", len(got))
	}
}

// instance starts one more StoreOps over the harness's database and Redis (same key
// prefix, so the same locks), as another replica would; its dispatcher delivers too.
func instance(h *harness) *app {
	h.t.Helper()
	opts := h.opts
	opts.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := newApp(h.ctx, h.app.cfg, opts)
	if err != nil {
		h.t.Fatal(err)
	}
	a.start(h.ctx)
	h.t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(h.ctx, 10*time.Second)
		defer cancel()
		a.shutdown(ctx)
	})
	return a
}

func TestDigestExactlyOnceAcrossInstancesAndRestarts(t *testing.T) {
	h := digestHarness(t)
	apps := []*app{h.app, instance(h), instance(h)}
	h.clock.Set(shanghaiTime(t, "2026-11-30 09:00"))

	// Three schedulers fire at once: the Redis lock lets one run, the sent-record would
	// stop the others anyway.
	var wg sync.WaitGroup
	for _, a := range apps {
		wg.Go(func() {
			if err := a.scheduler.RunNow(h.ctx, "digest"); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	h.settle()
	if n, f := len(digests(h.emu, team)), len(charts(h.emu, team)); n != 1 || f != 1 {
		t.Fatalf("three instances posted %d digests and %d charts, want 1 and 1", n, f)
	}

	// Without the lock (it expired, or Redis lost it), the sent-record alone decides.
	h.clock.Set(shanghaiTime(t, "2026-12-01 09:00"))
	for _, a := range apps {
		job := jobs.Digest{Tx: gormdb.NewTxRunner(a.db), Reports: a.reports, Runs: jobrundb.New(a.db), Clock: a.clock, Log: a.log}
		wg.Go(func() {
			if err := job.Run(h.ctx); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	h.settle()
	if n := len(digests(h.emu, team)); n != 2 {
		t.Fatalf("three unlocked runs posted %d digests in all, want 2", n)
	}

	// A restart: a new instance after the post finds the sent-record and posts nothing.
	restarted := instance(h)
	if err := restarted.scheduler.RunNow(h.ctx, "digest"); err != nil {
		t.Fatal(err)
	}
	h.settle()
	// (The second day has no figures: its digest says so and has no chart.)
	if n, f := len(digests(h.emu, team)), len(charts(h.emu, team)); n != 2 || f != 1 {
		t.Errorf("after a restart: %d digests, %d charts, want 2 and 1", n, f)
	}
}

func TestDigestOfAChannelWithoutFigures(t *testing.T) {
	h := digestHarness(t)
	h.emu.AddChannel("C0JD", "jd-team")
	if _, err := h.app.stores.Add(h.ctx, admin, "JD01", "jd", "JD store"); err != nil {
		t.Fatal(err)
	}
	if _, err := h.app.stores.SetChannel(h.ctx, admin, "JD01", store.ChannelTeam, "C0JD"); err != nil {
		t.Fatal(err)
	}
	h.submitNewListing(alice, nil) // a pending approval, listed as waiting
	h.settle()
	h.clock.Set(shanghaiTime(t, "2026-11-30 09:00"))
	h.run("digest")
	got := digests(h.emu, "C0JD")
	if len(got) != 1 {
		t.Fatalf("%d digests in the JD channel", len(got))
	}
	all := messageText(got[0])
	if !strings.Contains(all, "No store of this channel has figures for 2026-11-29") || strings.Contains(all, "Paid orders") ||
		!strings.Contains(all, "pending approvals: 1") {
		t.Errorf("digest without figures:\n%s", all)
	}
	if f := len(charts(h.emu, "C0JD")); f != 0 {
		t.Errorf("%d charts for a channel without figures", f)
	}
	if n := len(digests(h.emu, team)); n != 1 {
		t.Errorf("%d digests in the team channel", n)
	}
}

// A store that keeps its days in Los Angeles gets its digest at 09:00 there, with its own
// yesterday, even though the company zone is Shanghai's.
func TestDigestInTheStoresTimeZone(t *testing.T) {
	h := digestHarness(t)
	if say := h.say(alice, "store tz TM01 America/Los_Angeles"); !strings.Contains(say, "admin") {
		t.Errorf("assistant sets the zone: %s", say)
	}
	if say := h.say(bob, "store tz TM01 Pacific/Nowhere"); !strings.Contains(say, "“Pacific/Nowhere” is not a time zone") {
		t.Errorf("unknown zone: %s", say)
	}
	if say := h.say(bob, "store tz TM01 America/Los_Angeles"); !strings.Contains(say, "TM01 keeps its days in America/Los_Angeles") {
		t.Fatalf("set zone: %s", say)
	}
	if say := h.say(erin, "digest settings"); !strings.Contains(say, "09:00 America/Los_Angeles") {
		t.Errorf("settings do not show the stores' zone: %s", say)
	}
	// 09:00 in Shanghai on the 30th is 17:00 on the 29th in Los Angeles: the day there is
	// the 29th, so the digest due is the 28th's (late: the store's zone was set after 09:00).
	h.clock.Set(shanghaiTime(t, "2026-11-30 09:00"))
	h.run("digest")
	got := digests(h.emu, team)
	if len(got) != 1 || !strings.Contains(messageText(got[0]), "Daily digest · 2026-11-28") {
		t.Fatalf("digest at 17:00 Los Angeles time: %d", len(got))
	}
	la, _ := time.LoadLocation("America/Los_Angeles")
	h.clock.Set(time.Date(2026, 11, 30, 8, 59, 0, 0, la))
	h.run("digest")
	if n := len(digests(h.emu, team)); n != 1 {
		t.Fatalf("%d digests before 09:00 in Los Angeles", n)
	}
	h.clock.Set(time.Date(2026, 11, 30, 9, 0, 0, 0, la))
	h.run("digest")
	got = digests(h.emu, team)
	if len(got) != 2 || !strings.Contains(messageText(got[1]), "Daily digest · 2026-11-29") {
		t.Fatalf("digest at 09:00 Los Angeles: %d", len(got))
	}
	// A channel's own zone wins: Shanghai again, and the store, not done with the 30th
	// there at 09:00 Shanghai on 1 December, shows the 29th (1,190 visitors) and says so.
	if say := h.say(bob, "digest zone <#"+team+"|team> Asia/Shanghai"); !strings.Contains(say, "09:00 Asia/Shanghai") {
		t.Fatalf("digest zone: %s", say)
	}
	h.clock.Set(shanghaiTime(t, "2026-12-01 09:00"))
	h.run("digest")
	got = digests(h.emu, team)
	if len(got) != 3 || !strings.Contains(messageText(got[2]), "Daily digest · 2026-11-30") ||
		!strings.Contains(messageText(got[2]), "1,190") ||
		!strings.Contains(messageText(got[2]), "figures of 2026-11-29, the last day finished in the store's time zone") {
		t.Fatalf("digest of the 30th in Shanghai time: %d %s", len(got), messageText(got[len(got)-1]))
	}
}
