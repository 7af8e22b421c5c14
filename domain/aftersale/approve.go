package aftersale

import (
	"context"
	"fmt"
	"time"

	"storeops/domain"
	"storeops/domain/approval"
)

// Policy is the approval rule of refunds above the threshold: a supervisor decides.
func Policy() approval.Policy {
	return approval.Policy{Kind: approval.KindRefund, ApproverRole: domain.RoleSupervisor}
}

// Applier carries the supervisor's decision to the case, in the deciding transaction:
// approved moves it on, rejected ends it with the supervisor's reason.
func (s *Service) Applier() approval.Applier {
	return approval.ApplierFuncs{
		Approved: func(ctx context.Context, actor domain.Actor, r approval.Request) error {
			return s.decided(ctx, actor, r, "aftersale.approve", StatusApproved, "")
		},
		Rejected: func(ctx context.Context, actor domain.Actor, r approval.Request) error {
			return s.decided(ctx, actor, r, "aftersale.reject", StatusRejected, r.Reason)
		},
	}
}

func (s *Service) decided(ctx context.Context, actor domain.Actor, r approval.Request, action string, to Status, reason string) error {
	id, err := r.Subject.ID("aftersale")
	if err != nil {
		return fmt.Errorf("request %d: %w", r.ID, err)
	}
	_, err = s.change(ctx, actor, id, action, func(c *Case, _ time.Time) error {
		if c.ApprovalID != r.ID || !CanMove(c.Type, c.Status, to) {
			return fmt.Errorf("case %d (%s, approval %d) cannot take decision %d", c.ID, c.Status, c.ApprovalID, r.ID)
		}
		c.Status, c.ApprovalID = to, 0
		if to == StatusRejected {
			c.RejectReason = reason
		}
		return nil
	})
	return err
}
