package campaign

import (
	"testing"

	"storeops/domain"
)

func TestStateTable(t *testing.T) {
	all := Statuses()
	allowed := map[[2]Status]bool{
		{StatusDraft, StatusPendingApproval}:     true,
		{StatusDraft, StatusCancelled}:           true,
		{StatusPendingApproval, StatusPreparing}: true,
		{StatusPendingApproval, StatusCancelled}: true,
		{StatusPreparing, StatusRunning}:         true,
		{StatusPreparing, StatusCancelled}:       true,
		{StatusRunning, StatusEnded}:             true,
		{StatusEnded, StatusSummarised}:          true,
	}
	for _, from := range all {
		for _, to := range all {
			want := allowed[[2]Status{from, to}]
			if got := CanMove(from, to); got != want {
				t.Errorf("%s → %s: %v, want %v", from, to, got, want)
			}
			c := Campaign{ID: 7, Status: from}
			err := move(&c, to)
			if want != (err == nil) {
				t.Errorf("move %s → %s: %v", from, to, err)
			}
			if !want {
				if e, ok := domain.AsError(err); !ok || e.Code != domain.ECONFLICT || e.Key != KeyIllegalMove || e.Args[0] != "C-7" {
					t.Errorf("move %s → %s: error %v", from, to, err)
				}
				if c.Status != from {
					t.Errorf("refused move changed the status to %s", c.Status)
				}
			}
		}
	}
	for _, final := range []Status{StatusSummarised, StatusCancelled} {
		if len(Next(final)) != 0 {
			t.Errorf("%s is final", final)
		}
	}
}

func TestParseNumber(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
	}{{"C-12", 12}, {"c12", 12}, {"#12", 12}, {"12", 12}, {" C-3 ", 3}, {"C-0", 0}, {"x", 0}, {"C--1", 0}, {"", 0}} {
		got, err := ParseNumber(tc.in)
		if got != tc.want || (tc.want == 0) != (err != nil) {
			t.Errorf("ParseNumber(%q) = %d, %v", tc.in, got, err)
		}
	}
	if Number(12) != "C-12" {
		t.Error(Number(12))
	}
}

func TestLists(t *testing.T) {
	for _, which := range Lists() {
		if _, ok := listStatuses(which); !ok {
			t.Errorf("list %s has no statuses", which)
		}
	}
	if _, ok := listStatuses("all"); ok {
		t.Error("unknown list accepted")
	}
}
