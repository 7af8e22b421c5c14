package listing

// canMove is the listing state machine:
//
//	draft ─submit→ pending_review ─approve→ live ─request delisting→ pending_delisting ─approve→ delisted
//	              ←reject─                        ←reject─
//	delisted ─resubmit→ pending_review
func canMove(from, to Status) bool {
	switch from {
	case StatusDraft, StatusDelisted:
		return to == StatusPendingReview
	case StatusPendingReview:
		return to == StatusLive || to == StatusDraft
	case StatusLive:
		return to == StatusPendingDelisting
	case StatusPendingDelisting:
		return to == StatusDelisted || to == StatusLive
	}
	return false
}
