package approval

import "storeops/domain"

// canMove is the request state machine: only a pending request moves, and only once.
func canMove(from, to Status) bool {
	switch from {
	case StatusPending:
		switch to {
		case StatusApproved, StatusRejected, StatusCancelled, StatusExpired:
			return true
		}
	}
	return false
}

// Catalog keys of the errors callers tell apart.
const (
	KeyAlreadyDecided = "approval.already_decided"
	KeySelfApproval   = "approval.self"
	KeyNotApprover    = "approval.not_approver"
	KeyAlreadyVoted   = "approval.already_voted"
	KeyReasonRequired = "approval.reason_required"
)

// ErrAlreadyDecided tells a late decider what happened: args are the status and who decided.
func ErrAlreadyDecided(r Request) *domain.Error {
	return domain.Errorf(domain.ECONFLICT, KeyAlreadyDecided, string(r.Status), r.DecidedBy)
}

// ErrSelfApproval refuses a requester deciding their own request.
func ErrSelfApproval() *domain.Error { return domain.Errorf(domain.EFORBIDDEN, KeySelfApproval) }

// ErrNotApprover refuses someone without the approver role; the arg names the role.
func ErrNotApprover(role domain.Role) *domain.Error {
	return domain.Errorf(domain.EFORBIDDEN, KeyNotApprover, string(role))
}
