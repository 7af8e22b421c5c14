package aftersale

import (
	"slices"
	"testing"

	"storeops/domain"
)

// allowed is the state table written out move by move, per type: the test checks every pair
// of states against it, so that an added or dropped move shows up here.
var allowed = map[Type][][2]Status{
	TypeReturn: {
		{StatusRequested, StatusApproved}, {StatusRequested, StatusRejected},
		{StatusApproved, StatusAwaitingReturn}, {StatusApproved, StatusRejected},
		{StatusAwaitingReturn, StatusReceived}, {StatusAwaitingReturn, StatusRejected},
		{StatusReceived, StatusInspected}, {StatusReceived, StatusRejected},
		{StatusInspected, StatusRefunded}, {StatusInspected, StatusRejected},
		{StatusRefunded, StatusClosed},
	},
	TypeExchange: {
		{StatusRequested, StatusApproved}, {StatusRequested, StatusRejected},
		{StatusApproved, StatusAwaitingReturn}, {StatusApproved, StatusRejected},
		{StatusAwaitingReturn, StatusReceived}, {StatusAwaitingReturn, StatusRejected},
		{StatusReceived, StatusInspected}, {StatusReceived, StatusRejected},
		{StatusInspected, StatusExchanged}, {StatusInspected, StatusRejected},
		{StatusExchanged, StatusClosed},
	},
	TypeRefundOnly: {
		{StatusRequested, StatusApproved}, {StatusRequested, StatusRejected},
		{StatusApproved, StatusRefunded}, {StatusApproved, StatusRejected},
		{StatusRefunded, StatusClosed},
	},
	TypeReissue: {
		{StatusRequested, StatusApproved}, {StatusRequested, StatusRejected},
		{StatusApproved, StatusReissued}, {StatusApproved, StatusRejected},
		{StatusReissued, StatusClosed},
	},
}

func TestStateTable(t *testing.T) {
	for _, typ := range Types() {
		for _, from := range Statuses() {
			for _, to := range Statuses() {
				want := slices.Contains(allowed[typ], [2]Status{from, to})
				if got := CanMove(typ, from, to); got != want {
					t.Errorf("%s: %s → %s allowed = %v, want %v", typ, from, to, got, want)
				}
			}
		}
	}
	if CanMove("swap", StatusRequested, StatusApproved) {
		t.Error("an unknown type moves")
	}
}

func TestFinalStatesHaveNoMoves(t *testing.T) {
	for _, typ := range Types() {
		for _, s := range []Status{StatusClosed, StatusRejected} {
			if n := Next(typ, s); len(n) != 0 {
				t.Errorf("%s %s: next %v", typ, s, n)
			}
		}
	}
}

// TestEveryCaseCanFinish walks the table: from requested, every type reaches closed and
// rejected, and no state is a dead end other than those two.
func TestEveryCaseCanFinish(t *testing.T) {
	for _, typ := range Types() {
		seen := map[Status]bool{}
		queue := []Status{StatusRequested}
		for len(queue) > 0 {
			s := queue[0]
			queue = queue[1:]
			if seen[s] {
				continue
			}
			seen[s] = true
			if s.Open() && len(Next(typ, s)) == 0 {
				t.Errorf("%s: %s is a dead end", typ, s)
			}
			queue = append(queue, Next(typ, s)...)
		}
		if !seen[StatusClosed] || !seen[StatusRejected] {
			t.Errorf("%s reaches %v", typ, seen)
		}
	}
}

func TestIllegalMoveNamesStateAndNext(t *testing.T) {
	err := IllegalMove(Case{ID: 7, Type: TypeReturn, Status: StatusReceived}, StatusRefunded)
	if err.Code != domain.ECONFLICT || err.Key != KeyIllegalMove {
		t.Fatalf("err = %v", err)
	}
	want := []any{"#7", "received", "refunded", "inspected, rejected"}
	if !slices.Equal(err.Args, want) {
		t.Errorf("args = %v, want %v", err.Args, want)
	}
}

func TestParseStatusAndType(t *testing.T) {
	for in, want := range map[string]Status{"awaiting return": StatusAwaitingReturn, "Awaiting-Return": StatusAwaitingReturn, " closed ": StatusClosed} {
		if got, ok := ParseStatus(in); !ok || got != want {
			t.Errorf("ParseStatus(%q) = %q %v", in, got, ok)
		}
	}
	if _, ok := ParseStatus("done"); ok {
		t.Error("done is not a state")
	}
	if got, ok := ParseType("refund only"); !ok || got != TypeRefundOnly {
		t.Errorf("ParseType(refund only) = %q %v", got, ok)
	}
}
