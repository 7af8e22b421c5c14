package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"storeops/bot/i18n"
	"storeops/bot/slackemu"
	"storeops/domain"
)

func TestHealthReadinessAndMetrics(t *testing.T) {
	h := newHarness(t)
	h.say(alice, "help")
	for path, want := range map[string]string{
		"/healthz": "ok",
		"/readyz":  `"database":"ok"`,
		"/metrics": `storeops_requests_total{kind="command",result="handled",route="help"}`,
	} {
		resp, err := http.Get(h.url + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), want) {
			t.Errorf("GET %s: %d, want %q in %.300s", path, resp.StatusCode, want, body)
		}
	}
	resp, _ := http.Get(h.url + "/metrics")
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{`storeops_request_duration_seconds_bucket{kind="command",route="help"`, `storeops_http_requests_total{path="/slack/commands",status="200"}`} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func TestReadinessFailsWithoutRedis(t *testing.T) {
	h := newHarness(t)
	_ = h.app.rdb.Close()
	resp, err := http.Get(h.url + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(body), "redis") {
		t.Errorf("readyz with Redis closed: %d %s", resp.StatusCode, body)
	}
}

func TestChineseSpeakersGetChinese(t *testing.T) {
	h := newHarness(t)
	h.emu.AddUser(slackemu.User{ID: "U0MEI", Name: "mei", Locale: "zh-CN"})
	h.grant("U0MEI", domain.RoleAssistant)
	if got := h.say("U0MEI", "help"); !strings.Contains(got, "新品") && !strings.Contains(got, "商品") {
		t.Errorf("help for a zh-CN user is not in Chinese: %.400s", got)
	}
	if got := h.say("U0MEI", "store add X1 jd X"); !strings.Contains(got, "管理员") && !strings.Contains(got, "admin") {
		t.Errorf("refusal: %s", got)
	}
	// A workspace default of Chinese applies to people whose Slack locale is unknown.
	h2 := newHarness(t, func(c *Config) { c.Locale = "zh" })
	h2.emu.AddUser(slackemu.User{ID: "U0NOLOCALE", Name: "nolocale"})
	h2.grant("U0NOLOCALE", domain.RoleAssistant)
	if got := h2.say("U0NOLOCALE", "listing show NOPE"); !strings.ContainsAny(got, "找不到没有未") {
		t.Errorf("default-locale answer is not Chinese: %s", got)
	}
}

func TestApprovalsListAndDMCardsWithoutChannel(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.ApprovalsChannel = "" })
	h.submitNewListing(alice, nil)
	h.settle()
	for _, sup := range []string{bob, carol} {
		dm := h.emu.Messages(h.emu.DMChannel(sup))
		if len(dm) != 1 || len(dm[0].Buttons()) != 2 {
			t.Fatalf("%s should get the card by DM: %d messages", sup, len(dm))
		}
	}
	if dm := h.emu.Messages(h.emu.DMChannel(alice)); len(dm) != 0 {
		t.Errorf("the requester got %d card DMs", len(dm))
	}
	if got := h.say(bob, "approvals"); !strings.Contains(got, "MUG-1") {
		t.Errorf("/ops approvals for bob: %s", got)
	}
	if got := h.say(alice, "approvals"); strings.Contains(got, "MUG-1") {
		t.Errorf("alice cannot decide her own request, yet it is listed: %s", got)
	}
	card := h.emu.Messages(h.emu.DMChannel(carol))[0]
	h.click(carol, card, "approval.approve")
	h.settle()
	for _, sup := range []string{bob, carol} {
		if m := h.emu.Messages(h.emu.DMChannel(sup))[0]; m.Updates != 1 || len(m.Buttons()) != 0 {
			t.Errorf("%s's copy of the card was not closed: updates %d", sup, m.Updates)
		}
	}
	if got := h.say(bob, "approvals"); strings.Contains(got, "MUG-1") {
		t.Errorf("a decided request is still listed: %s", got)
	}
}

func TestShutdownFinishesAckedWork(t *testing.T) {
	h := newHarness(t)
	h.submitNewListing(alice, nil)
	card := h.card(1)
	// The click is acked at once and served after; shutting down right away must still
	// finish it and deliver what it queued.
	if _, err := h.ws.ClickButton(h.ctx, bob, card.Target(), "approval.approve"); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	h.app.shutdown(ctx)
	if l := h.listing("MUG-1"); l.Status != "live" {
		t.Errorf("after shutdown the acked approval left the listing %s", l.Status)
	}
	if n := h.count("outbox_messages", "status = ?", "pending"); n != 0 {
		t.Errorf("%d messages left undelivered at shutdown", n)
	}
}

func TestRunExitCodes(t *testing.T) {
	var out, errb bytes.Buffer
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	if code := run(context.Background(), []string{"version"}, nil, &out, &errb, env(nil)); code != 0 || !strings.Contains(out.String(), "storeops") {
		t.Errorf("version: %d %q", code, out.String())
	}
	errb.Reset()
	code := run(context.Background(), []string{"serve"}, nil, &out, &errb, env(map[string]string{"STOREOPS_TZ": "Mars/Base"}))
	if code != 2 || !strings.Contains(errb.String(), "STOREOPS_TZ") || strings.Count(strings.TrimSpace(errb.String()), "\n") != 0 {
		t.Errorf("bad TZ: exit %d, %q (want 2 and one line naming the variable)", code, errb.String())
	}
	errb.Reset()
	code = run(context.Background(), []string{"serve"}, nil, &out, &errb, env(nil))
	if code != 2 || !strings.Contains(errb.String(), "SLACK_BOT_TOKEN") {
		t.Errorf("missing token: exit %d, %q", code, errb.String())
	}
	errb.Reset()
	if code := run(context.Background(), []string{"frobnicate"}, nil, &out, &errb, env(nil)); code != 2 {
		t.Errorf("unknown command: exit %d", code)
	}
}

func TestShellDemoFromAPipe(t *testing.T) {
	script := strings.Join([]string{
		"/ops listing new",
		// The floor price, optional, is left empty.
		"TM01", "MUG-RED", "Red mug", "Kitchen", "mug", "12.345", "", "5", "https://img.example.com/a.jpg", "A red mug for tea lovers.",
		"12.50",
		":as bob",
		"1",
		":as alice",
		"/ops listing show MUG-RED",
		":as mei",
		"/ops help listing",
		":as you",
		"/ops role @dave assistant",
		":quit",
	}, "\n") + "\n"
	var out, errb bytes.Buffer
	getenv := func(k string) string {
		return map[string]string{"DATABASE_URL": "sqlite://" + t.TempDir() + "/shell.db"}[k]
	}
	code := run(context.Background(), []string{"shell", "--demo"}, strings.NewReader(script), &out, &errb, getenv)
	transcript := out.String()
	if code != 0 {
		t.Fatalf("shell exit %d: %s\n%s", code, errb.String(), transcript)
	}
	for _, want := range []string{
		"StoreOps demo",
		"12.345",                           // the bad price was typed …
		"is not an amount",                 // … and refused next to its field
		"submitted for review",             // the good one went through
		"[1] Approve",                      // bob saw the card with buttons
		"Approved by @bob",                 // the card was updated in place
		"was approved by @bob",             // alice's DM
		"*Status:* live",                   // and the listing is live
		"/ops listing delist",              // mei's help …
		"商品管理",                             // … in Chinese
		"@dave now has the assistant role", // @name typed in the shell arrives as a Slack mention
	} {
		if !strings.Contains(transcript, want) {
			t.Errorf("transcript lacks %q", want)
		}
	}
	if t.Failed() {
		t.Logf("transcript:\n%s", transcript)
	}
}

func TestLateAnswersGoThroughResponseURL(t *testing.T) {
	// A budget of a nanosecond makes every command late: the HTTP ack is empty and the answer
	// follows through response_url, as it would for a command slower than the budget.
	h := newHarnessWith(t, appOptions{SyncBudget: time.Nanosecond})
	r := h.cmd(alice, "help listing")
	if r.Status != http.StatusOK || len(bytes.TrimSpace(r.Body)) != 0 {
		t.Fatalf("late command ack: %d %q, want an empty 200", r.Status, r.Body)
	}
	h.waitFor("the answer", func() bool { return len(h.emu.Ephemerals(alice)) == 1 })
	m := h.emu.Ephemerals(alice)[0]
	if m.Source != slackemu.ResponseURLMethod || !strings.Contains(messageText(m), "/ops listing new") {
		t.Errorf("late answer came through %s: %s", m.Source, messageText(m))
	}
}

func TestRequesterIsToldWhenNobodyCanApprove(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.ApprovalsChannel = "" })
	erinActor := domain.Actor{UserID: erin, Roles: []domain.Role{domain.RoleAdmin}}
	for _, sup := range []string{bob, carol, frank} {
		if err := h.app.access.Revoke(h.ctx, erinActor, sup, domain.RoleSupervisor); err != nil {
			t.Fatal(err)
		}
	}
	h.submitNewListing(alice, nil)
	h.settle()
	dm := h.emu.Messages(h.emu.DMChannel(alice))
	if len(dm) != 1 || !strings.Contains(strings.ToLower(messageText(dm[0])), "supervisor") {
		t.Fatalf("alice should hear that no supervisor can decide: %d DMs %v", len(dm), dm)
	}
}

func TestMigrateCommand(t *testing.T) {
	var out, errb bytes.Buffer
	file := t.TempDir() + "/m.db"
	getenv := func(k string) string { return map[string]string{"DATABASE_URL": "sqlite://" + file}[k] }
	for range 2 { // a second run finds nothing to do
		if code := run(context.Background(), []string{"migrate"}, nil, &out, &errb, getenv); code != 0 {
			t.Fatalf("migrate: exit %d: %s", code, errb.String())
		}
	}
	db, err := gormdbOpen(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"listings", "approval_requests", "audit_entries", "outbox_messages", "role_grants", "stores", "job_runs"} {
		if !db.Migrator().HasTable(table) {
			t.Errorf("migrate did not create %s", table)
		}
	}
}

func TestEveryHelpAreaHasAName(t *testing.T) {
	h := newHarness(t)
	cat := i18n.New()
	for _, c := range h.app.bot.Commands() {
		for _, loc := range []string{i18n.English, i18n.Chinese} {
			if l := cat.For(loc); !l.Has("help.area."+c.Area) || !l.Has(c.Summary) {
				t.Errorf("%s: /ops %s needs help.area.%s and %s", loc, c.Path, c.Area, c.Summary)
			}
		}
	}
}
