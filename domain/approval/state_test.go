package approval

import "testing"

func TestSettle(t *testing.T) {
	cases := []struct {
		votes    []Outcome
		required int
		want     Status
	}{
		{nil, 1, StatusPending},
		{[]Outcome{OutcomeApprove}, 1, StatusApproved},
		{[]Outcome{OutcomeReject}, 1, StatusRejected},
		{[]Outcome{OutcomeApprove}, 2, StatusPending},
		{[]Outcome{OutcomeApprove, OutcomeApprove}, 2, StatusApproved},
		{[]Outcome{OutcomeApprove, OutcomeReject}, 2, StatusRejected},
	}
	for _, c := range cases {
		var r Request
		for _, v := range c.votes {
			r.Decisions = append(r.Decisions, Decision{Outcome: v})
		}
		if got := r.settle(c.required); got != c.want {
			t.Errorf("settle(%v, %d) = %s, want %s", c.votes, c.required, got, c.want)
		}
	}
}

func TestOnlyPendingMoves(t *testing.T) {
	all := []Status{StatusPending, StatusApproved, StatusRejected, StatusCancelled, StatusExpired}
	for _, from := range all {
		for _, to := range all {
			want := from == StatusPending && to != StatusPending
			if got := canMove(from, to); got != want {
				t.Errorf("canMove(%s, %s) = %v", from, to, got)
			}
		}
	}
}
