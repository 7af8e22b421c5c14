package main

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"storeops/bot/slackemu"
)

// The people and channels of the benchmark workspace.
const (
	teamChannel      = "C0BTEAM"
	approvalsChannel = "C0BAPPROVALS"
	benchStore       = "BENCH"
)

var (
	admin      = slackemu.User{ID: "U0BADMIN", Name: "admin", RealName: "Bench Admin", Locale: "en-US"}
	assistant  = slackemu.User{ID: "U0BASSIST", Name: "assistant", RealName: "Bench Assistant", Locale: "en-US"}
	supervisor = []slackemu.User{
		{ID: "U0BSUP1", Name: "sup1", RealName: "Bench Supervisor 1", Locale: "en-US"},
		{ID: "U0BSUP2", Name: "sup2", RealName: "Bench Supervisor 2", Locale: "en-US"},
	}
)

// newEmulator is the emulated Slack the server talks to, with the bench team in it.
func newEmulator(secret string) (*slackemu.Slack, string, error) {
	emu := slackemu.New(slackemu.Options{BotToken: "xoxb-bench", SigningSecret: secret})
	apiURL, err := emu.Start()
	if err != nil {
		return nil, "", err
	}
	for _, u := range append([]slackemu.User{admin, assistant}, supervisor...) {
		emu.AddUser(u)
	}
	emu.AddChannel(teamChannel, "team")
	emu.AddChannel(approvalsChannel, "approvals")
	return emu, apiURL, nil
}

// command sends a signed /ops command through the emulated workspace and returns the text
// the user was shown, failing unless it contains want.
func command(ctx context.Context, ws *slackemu.Workspace, user, text, want string) (string, error) {
	r, err := ws.Command(ctx, user, teamChannel, text)
	if err != nil {
		return "", fmt.Errorf("/ops %s: %w", text, err)
	}
	got := string(r.Body)
	if r.Msg != nil {
		got = r.Msg.Text
	}
	if r.Status != 200 || !strings.Contains(got, want) {
		return got, fmt.Errorf("/ops %s: answered %d %q, expected %q", text, r.Status, got, want)
	}
	return got, nil
}

// seed sets the bench team up through the real endpoints, as people would: roles, a store,
// and n listings submitted for review through the listing modal. Each listing files an
// approval request whose card the server posts to the approvals channel.
func seed(ctx context.Context, emu *slackemu.Slack, ws *slackemu.Workspace, n int, progress func(done int)) error {
	// The command under load must answer with the help itself, not with an error.
	if _, err := command(ctx, ws, assistant.ID, "help", "StoreOps commands"); err != nil {
		return err
	}
	// The seeding expects an empty database: on a used one a grant or the store exists.
	fresh := func(text, want string) error {
		got, err := command(ctx, ws, admin.ID, text, want)
		if err != nil && strings.Contains(got, "already") {
			return fmt.Errorf("the database is not fresh (%q): drop and recreate it, and flush the Redis database", got)
		}
		return err
	}
	grants := []struct {
		user slackemu.User
		role string
	}{{assistant, "assistant"}, {supervisor[0], "supervisor"}, {supervisor[1], "supervisor"}}
	for _, g := range grants {
		if err := fresh(fmt.Sprintf("role <@%s> %s", g.user.ID, g.role), "now has the"); err != nil {
			return err
		}
	}
	if err := fresh("store add "+benchStore+" tmall Bench store", "added"); err != nil {
		return err
	}
	for i := range n {
		if err := ctx.Err(); err != nil {
			return err
		}
		if _, err := ws.Command(ctx, assistant.ID, teamChannel, "listing new"); err != nil {
			return fmt.Errorf("listing %d: /ops listing new: %w", i+1, err)
		}
		wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		err := emu.Wait(wctx, func() bool { _, ok := emu.TopView(assistant.ID); return ok })
		cancel()
		if err != nil {
			return fmt.Errorf("listing %d: the listing modal did not open: %w", i+1, err)
		}
		v, _ := emu.TopView(assistant.ID)
		r, err := ws.Submit(ctx, assistant.ID, v.ID, map[string]string{
			"store": benchStore, "sku": fmt.Sprintf("BENCH-%05d", i+1), "title": fmt.Sprintf("Bench mug %d", i+1),
			"category": "Kitchen", "keywords": "mug, ceramic, bench", "price": "39.90", "stock": "1000000",
			"images":      "https://img.example.com/bench-mug.jpg",
			"description": "A 350 ml ceramic mug, dishwasher safe; listed by the load test.",
		})
		if err != nil {
			return fmt.Errorf("listing %d: submit: %w", i+1, err)
		}
		if len(r.Errors) > 0 || r.Status != 200 || r.View != nil {
			return fmt.Errorf("listing %d: submission refused: status %d errors %v", i+1, r.Status, r.Errors)
		}
		if progress != nil {
			progress(i + 1)
		}
	}
	return nil
}

// watcher follows the emulator's activity incrementally (each look reads only what is new),
// so that waiting on hundreds of cards does not re-read every message at every change.
type watcher struct {
	emu     *slackemu.Slack
	seq     int
	dm      string                      // the assistant's DM channel
	cards   map[string]slackemu.Message // approval cards as posted, by ts
	order   []string                    // card ts in post order
	updated map[string]time.Time        // card ts → time of its first update
	lastUpd time.Time
	dms     int       // messages posted in the assistant's DM (decision notices)
	lastDM  time.Time //
	losers  int       // "already approved" answers shown to a supervisor
	lastEph time.Time
}

func newWatcher(emu *slackemu.Slack) *watcher {
	return &watcher{emu: emu, dm: emu.DMChannel(assistant.ID), cards: map[string]slackemu.Message{},
		updated: map[string]time.Time{}}
}

var alreadyDecided = regexp.MustCompile(`(?i)already (approved|decided)`)

// poll reads the activity since the last look.
func (w *watcher) poll() {
	acts := w.emu.Activity(w.seq)
	for _, a := range acts {
		w.seq = a.Seq
		m := a.Message
		if m == nil {
			continue
		}
		switch {
		case a.Kind == slackemu.ActMessagePosted && m.Channel == approvalsChannel:
			if _, seen := w.cards[m.TS]; !seen {
				w.order = append(w.order, m.TS)
			}
			w.cards[m.TS] = *m
		case a.Kind == slackemu.ActMessageUpdated && m.Channel == approvalsChannel:
			if _, seen := w.updated[m.TS]; !seen {
				w.updated[m.TS] = a.Time
				w.lastUpd = a.Time
			}
		case a.Kind == slackemu.ActMessagePosted && m.Channel == w.dm:
			w.dms++
			w.lastDM = a.Time
		case a.Kind == slackemu.ActEphemeralPosted && (a.User == supervisor[0].ID || a.User == supervisor[1].ID) &&
			alreadyDecided.MatchString(m.Text):
			w.losers++
			w.lastEph = a.Time
		}
	}
}

// wait polls until cond holds, ctx ends or timeout passes.
func (w *watcher) wait(ctx context.Context, timeout time.Duration, cond func() bool) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	return w.emu.Wait(ctx, func() bool { w.poll(); return cond() })
}

// clicks builds the approval clicks: for every card, its Approve button pressed by each
// supervisor. The two clicks of a card are next to each other in the list, so that two
// workers send them at the same moment and one of them loses the race.
func clicks(ws workspace, emu *slackemu.Slack, cards []slackemu.Message) ([]Request, error) {
	var out []Request
	for _, m := range cards {
		var approve *slackemu.Button
		for _, b := range m.Buttons() {
			if b.ActionID == "approval.approve" {
				approve = &b
				break
			}
		}
		if approve == nil {
			return nil, fmt.Errorf("card %s has no approval.approve button: %s", m.TS, m.Blocks)
		}
		for _, sup := range supervisor {
			hook := emu.NewResponseURL(sup.ID, m.Channel)
			out = append(out, Request{Path: interactionPath, Body: approveClickBody(ws, sup, "approvals", m, *approve, hook)})
		}
	}
	return out, nil
}

// helpBodies are the /ops help commands of the first phase: a pool of forms, each with its
// own response_url, from every member of the team in turn.
func helpBodies(ws workspace, emu *slackemu.Slack, n int) []Request {
	users := append([]slackemu.User{admin, assistant}, supervisor...)
	out := make([]Request, n)
	for i := range out {
		u := users[i%len(users)]
		out[i] = Request{Path: commandPath, Body: commandBody(ws, u, teamChannel, "team", "help", emu.NewResponseURL(u.ID, teamChannel))}
	}
	return out
}

var listingCount = regexp.MustCompile(`(\d+) listings`)

// liveListings asks the server how many listings are live, as a user would.
func liveListings(ctx context.Context, ws *slackemu.Workspace) (int, error) {
	got, err := command(ctx, ws, assistant.ID, "listing list live", "listings")
	if err != nil {
		return 0, err
	}
	m := listingCount.FindStringSubmatch(got)
	if m == nil {
		return 0, fmt.Errorf("/ops listing list live: no count in %q", got)
	}
	return strconv.Atoi(m[1])
}
