package aftersale

import (
	"slices"
	"strings"

	"storeops/domain"
)

// moves is the state table of cases, per type. Every case starts requested; a refund above
// the store's threshold leaves requested only through the approval engine, any other case is
// approved at once. From there:
//
//	return:      approved → awaiting_return → received → inspected → refunded → closed
//	exchange:    approved → awaiting_return → received → inspected → exchanged → closed
//	refund_only: approved → refunded → closed            (nothing comes back)
//	reissue:     approved → reissued → closed            (nothing comes back; stock is checked)
//
// Any state before the outcome may go to rejected: the supervisor refuses, the customer never
// sends the goods back, or the inspection finds them used. refunded / exchanged / reissued are
// done with the customer and may only be closed; closed and rejected are final.
func moves(t Type) map[Status][]Status {
	switch t {
	case TypeReturn:
		return map[Status][]Status{
			StatusRequested:      {StatusApproved, StatusRejected},
			StatusApproved:       {StatusAwaitingReturn, StatusRejected},
			StatusAwaitingReturn: {StatusReceived, StatusRejected},
			StatusReceived:       {StatusInspected, StatusRejected},
			StatusInspected:      {StatusRefunded, StatusRejected},
			StatusRefunded:       {StatusClosed},
		}
	case TypeExchange:
		return map[Status][]Status{
			StatusRequested:      {StatusApproved, StatusRejected},
			StatusApproved:       {StatusAwaitingReturn, StatusRejected},
			StatusAwaitingReturn: {StatusReceived, StatusRejected},
			StatusReceived:       {StatusInspected, StatusRejected},
			StatusInspected:      {StatusExchanged, StatusRejected},
			StatusExchanged:      {StatusClosed},
		}
	case TypeRefundOnly:
		return map[Status][]Status{
			StatusRequested: {StatusApproved, StatusRejected},
			StatusApproved:  {StatusRefunded, StatusRejected},
			StatusRefunded:  {StatusClosed},
		}
	case TypeReissue:
		return map[Status][]Status{
			StatusRequested: {StatusApproved, StatusRejected},
			StatusApproved:  {StatusReissued, StatusRejected},
			StatusReissued:  {StatusClosed},
		}
	}
	return nil
}

// Next lists the states a case of type t may move to from s, in the order the card shows them.
func Next(t Type, s Status) []Status { return slices.Clone(moves(t)[s]) }

// CanMove reports whether the table allows from → to for type t.
func CanMove(t Type, from, to Status) bool { return slices.Contains(moves(t)[from], to) }

// KeyIllegalMove is the error of a move the table does not allow.
const KeyIllegalMove = "aftersale.move.illegal"

// IllegalMove is the typed error of a refused move: it names the case, its current state and
// the states it may go to (none when it is final).
func IllegalMove(c Case, to Status) *domain.Error {
	next := Next(c.Type, c.Status)
	names := make([]string, len(next))
	for i, s := range next {
		names[i] = string(s)
	}
	return domain.Errorf(domain.ECONFLICT, KeyIllegalMove, c.Number(), string(c.Status), string(to), strings.Join(names, ", "))
}

// ParseStatus reads a state as people type it: "awaiting return", "awaiting-return", "Closed".
func ParseStatus(s string) (Status, bool) {
	norm := strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToLower(strings.TrimSpace(s)))
	st := Status(norm)
	return st, slices.Contains(Statuses(), st)
}

// ParseType reads a type as people type it: "refund only", "refund-only", "Return".
func ParseType(s string) (Type, bool) {
	norm := strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToLower(strings.TrimSpace(s)))
	t := Type(norm)
	return t, slices.Contains(Types(), t)
}
