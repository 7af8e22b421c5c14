package approval

import (
	"context"
	"time"

	"storeops/domain"
)

// Policy says who decides requests of a kind and how.
type Policy struct {
	Kind         Kind
	ApproverRole domain.Role
	// Required is how many approvals make a decision (1 when zero). One rejection rejects.
	Required int
	// DueIn is how long the approver has before the request is overdue (24 h when zero).
	DueIn time.Duration
}

func (p Policy) required() int {
	if p.Required < 1 {
		return 1
	}
	return p.Required
}

func (p Policy) dueIn() time.Duration {
	if p.DueIn <= 0 {
		return 24 * time.Hour
	}
	return p.DueIn
}

// Applier carries out a decision on the subject. It is implemented by the subject's area and
// runs inside the deciding transaction: when it fails, the decision is not recorded either.
type Applier interface {
	OnApproved(ctx context.Context, actor domain.Actor, r Request) error
	OnRejected(ctx context.Context, actor domain.Actor, r Request) error
}

// ApplierFuncs adapts two functions to an Applier.
type ApplierFuncs struct {
	Approved func(ctx context.Context, actor domain.Actor, r Request) error
	Rejected func(ctx context.Context, actor domain.Actor, r Request) error
}

func (f ApplierFuncs) OnApproved(ctx context.Context, actor domain.Actor, r Request) error {
	return f.Approved(ctx, actor, r)
}

func (f ApplierFuncs) OnRejected(ctx context.Context, actor domain.Actor, r Request) error {
	return f.Rejected(ctx, actor, r)
}

// Deciding is the Applier of an area that carries both outcomes with one function: fn is
// called with approved or rejected (a target status, say) as the request was decided.
func Deciding[T any](fn func(ctx context.Context, actor domain.Actor, r Request, outcome T) error, approved, rejected T) Applier {
	return ApplierFuncs{
		Approved: func(ctx context.Context, actor domain.Actor, r Request) error { return fn(ctx, actor, r, approved) },
		Rejected: func(ctx context.Context, actor domain.Actor, r Request) error { return fn(ctx, actor, r, rejected) },
	}
}

// Directory finds the people who hold a role, to send them cards and reminders.
type Directory interface {
	UsersWith(ctx context.Context, role domain.Role) ([]string, error)
}

// Away says which of users are away now (on approved leave), each with the last day away.
type Away interface {
	Away(ctx context.Context, users []string) (map[string]time.Time, error)
}
