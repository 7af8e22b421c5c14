package campaign

import (
	"slices"
	"strings"

	"storeops/domain"
)

// moves is the state table of campaigns:
//
//	draft → pending_approval → preparing → running → ended → summarised
//
// A plan is a draft only inside the transaction that submits it. A rejected plan is
// cancelled with the supervisor's reason; a campaign in preparation may be cancelled by a
// supervisor. Running, ended, summarised and cancelled campaigns cannot be cancelled:
// what happened is kept.
var moves = map[Status][]Status{
	StatusDraft:           {StatusPendingApproval, StatusCancelled},
	StatusPendingApproval: {StatusPreparing, StatusCancelled},
	StatusPreparing:       {StatusRunning, StatusCancelled},
	StatusRunning:         {StatusEnded},
	StatusEnded:           {StatusSummarised},
}

// Next lists the states a campaign in s may move to.
func Next(s Status) []Status { return slices.Clone(moves[s]) }

// CanMove reports whether the table allows from → to.
func CanMove(from, to Status) bool { return slices.Contains(moves[from], to) }

// KeyIllegalMove is the error of a move the table does not allow.
const KeyIllegalMove = "campaign.move.illegal"

// IllegalMove is the typed error of a refused move: the campaign, its state, the refused
// target and the states it may go to.
func IllegalMove(c Campaign, to Status) *domain.Error {
	next := Next(c.Status)
	names := make([]string, len(next))
	for i, s := range next {
		names[i] = string(s)
	}
	return domain.Errorf(domain.ECONFLICT, KeyIllegalMove, c.Number(), string(c.Status), string(to), strings.Join(names, ", "))
}

// move changes c's status when the table allows it.
func move(c *Campaign, to Status) error {
	if !CanMove(c.Status, to) {
		return IllegalMove(*c, to)
	}
	c.Status = to
	return nil
}

// Lists of `/ops campaign list`.
const (
	ListUpcoming = "upcoming"
	ListRunning  = "running"
	ListEnded    = "ended"
)

// Lists names the lists offered.
func Lists() []string { return []string{ListUpcoming, ListRunning, ListEnded} }

// listStatuses is what each list shows.
func listStatuses(which string) ([]Status, bool) {
	switch which {
	case ListUpcoming:
		return []Status{StatusPendingApproval, StatusPreparing}, true
	case ListRunning:
		return []Status{StatusRunning}, true
	case ListEnded:
		return []Status{StatusEnded, StatusSummarised}, true
	}
	return nil, false
}
