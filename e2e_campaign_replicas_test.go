package main

import (
	"strings"
	"sync"
	"testing"
	"time"
)

// Three replicas run the campaign watch at the same moment, then again after one of them
// restarts: each slot's live post and each alert go out once.
func TestCampaignLivePostOnceAcrossReplicas(t *testing.T) {
	h := newHarness(t)
	sh := h.cpSetup()
	c, _ := h.cpApproved()
	for _, tk := range c.Tasks {
		h.say(alice, "campaign task tick "+c.Number()+" "+asID(int64(tk.No)))
	}
	h.clock.Set(time.Date(2026, 11, 11, 0, 0, 30, 0, sh))
	h.run("timers")
	h.settle()

	livePosts := func() int {
		n := 0
		for _, m := range h.emu.Messages(team) {
			if strings.Contains(messageText(m), "Live: "+c.Number()) {
				n++
			}
		}
		return n
	}
	apps := []*app{h.app, instance(h), instance(h)}
	runAll := func() {
		var wg sync.WaitGroup
		for _, a := range apps {
			wg.Go(func() {
				if err := a.scheduler.RunNow(h.ctx, "campaign-watch"); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		h.settle()
	}
	h.clock.Set(time.Date(2026, 11, 11, 2, 5, 0, 0, sh))
	runAll()
	if n := livePosts(); n != 1 {
		t.Fatalf("%d live posts for the 02:00 slot from three replicas", n)
	}
	alerts := h.asDMs(alice, "due so far, below")
	// A replica restarts and all run again within the slot: nothing new.
	apps[1] = instance(h)
	runAll()
	if n := livePosts(); n != 1 {
		t.Errorf("%d live posts after a restart within the slot", n)
	}
	if n := h.asDMs(alice, "due so far, below"); n != alerts {
		t.Errorf("alerts went from %d to %d on a rerun", alerts, n)
	}
	// The next slot is posted once.
	h.clock.Set(time.Date(2026, 11, 11, 4, 5, 0, 0, sh))
	runAll()
	if n := livePosts(); n != 2 {
		t.Errorf("%d live posts after the 04:00 slot, want 2", n)
	}
}
