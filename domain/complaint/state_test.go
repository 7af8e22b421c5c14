package complaint

import (
	"slices"
	"testing"
	"time"

	"storeops/domain"
)

// TestMoves checks every (status, action) pair against the table of allowed moves: the
// allowed ones lead where the state diagram says, every other one is refused.
func TestMoves(t *testing.T) {
	allowed := map[Status]map[Action]Status{
		StatusOpen:         {ActionAcknowledge: StatusAcknowledged, ActionEscalate: StatusOpen},
		StatusAcknowledged: {ActionResolve: StatusResolved, ActionEscalate: StatusAcknowledged},
		StatusResolved:     {ActionRate: StatusRated},
	}
	n := 0
	for _, from := range Statuses() {
		for _, a := range Actions() {
			n++
			want, ok := allowed[from][a]
			got, gotOK := Next(from, a)
			if gotOK != ok || got != want {
				t.Errorf("Next(%s, %s) = %q, %v; want %q, %v", from, a, got, gotOK, want, ok)
			}
			err := Check(Complaint{ID: 1, Status: from}, a)
			if (err == nil) != ok {
				t.Errorf("Check(%s, %s) = %v; allowed %v", from, a, err, ok)
			}
			if err != nil && domain.ErrorCode(err) != domain.ECONFLICT {
				t.Errorf("Check(%s, %s) code = %s, want conflict", from, a, domain.ErrorCode(err))
			}
		}
	}
	if n != 16 {
		t.Fatalf("checked %d pairs, want every one of 4 statuses × 4 actions", n)
	}
	if got := Allowed(StatusOpen); !slices.Equal(got, []Action{ActionAcknowledge, ActionEscalate}) {
		t.Errorf("Allowed(open) = %v", got)
	}
	if got := Allowed(StatusRated); len(got) != 0 {
		t.Errorf("a rated complaint is closed, allows %v", got)
	}
}

// TestRefusalsNameWhoWasFirst pins the refusal a late click gets.
func TestRefusalsNameWhoWasFirst(t *testing.T) {
	at := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	cases := []struct {
		name string
		c    Complaint
		a    Action
		key  string
		args []any
	}{
		{"acknowledged twice", Complaint{ID: 3, Status: StatusAcknowledged, AckedBy: "U1"}, ActionAcknowledge, KeyAlreadyAcknowledged, []any{"#3", "U1"}},
		{"resolved twice", Complaint{ID: 3, Status: StatusResolved, AckedBy: "U1", ResolvedBy: "U2"}, ActionResolve, KeyAlreadyResolved, []any{"#3", "U2"}},
		{"rated twice", Complaint{ID: 3, Status: StatusRated, Rating: 4, RatedBy: "U2"}, ActionRate, KeyAlreadyRated, []any{"#3", 4, "U2"}},
		{"escalated twice", Complaint{ID: 3, Status: StatusOpen, EscalatedBy: "U9", EscalatedAt: at}, ActionEscalate, KeyAlreadyEscalated, []any{"#3", "U9"}},
		{"resolved before acknowledged", Complaint{ID: 3, Status: StatusOpen}, ActionResolve, KeyRefused, []any{"#3", "open", "resolve"}},
		{"rated before resolved", Complaint{ID: 3, Status: StatusAcknowledged, AckedBy: "U1"}, ActionRate, KeyRefused, []any{"#3", "acknowledged", "rate"}},
		{"escalated after resolution", Complaint{ID: 3, Status: StatusResolved, ResolvedBy: "U1"}, ActionEscalate, KeyRefused, []any{"#3", "resolved", "escalate"}},
	}
	for _, tc := range cases {
		e, ok := domain.AsError(Check(tc.c, tc.a))
		if !ok || e.Key != tc.key || !slices.Equal(e.Args, tc.args) {
			t.Errorf("%s: %v; want %s %v", tc.name, e, tc.key, tc.args)
		}
	}
}

func TestOverdue(t *testing.T) {
	t0 := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	c := Complaint{Status: StatusOpen, CreatedAt: t0, AckDue: t0.Add(time.Hour), ResolveDue: t0.Add(24 * time.Hour)}
	for _, tc := range []struct {
		status Status
		at     time.Duration
		want   bool
	}{
		{StatusOpen, 59 * time.Minute, false}, {StatusOpen, time.Hour, false}, {StatusOpen, time.Hour + time.Second, true},
		{StatusAcknowledged, 2 * time.Hour, false}, {StatusAcknowledged, 25 * time.Hour, true},
		{StatusResolved, 25 * time.Hour, false}, {StatusRated, 25 * time.Hour, false},
	} {
		c.Status = tc.status
		if got := c.Overdue(t0.Add(tc.at)); got != tc.want {
			t.Errorf("%s at +%s: overdue %v, want %v", tc.status, tc.at, got, tc.want)
		}
	}
}
