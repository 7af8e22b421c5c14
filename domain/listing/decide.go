package listing

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"storeops/domain"
	"storeops/domain/approval"
)

// Policies are the approval rules of listings: the supervisor decides all three kinds.
func Policies() []approval.Policy {
	return []approval.Policy{
		{Kind: approval.KindListingPublish, ApproverRole: domain.RoleSupervisor},
		{Kind: approval.KindListingChange, ApproverRole: domain.RoleSupervisor},
		{Kind: approval.KindListingDelist, ApproverRole: domain.RoleSupervisor},
	}
}

// Applier returns what carries out a decision of kind on the listing.
func (s *Service) Applier(kind approval.Kind) approval.Applier {
	switch kind {
	case approval.KindListingPublish:
		return approval.ApplierFuncs{
			Approved: s.applyTo("listing.publish", func(l *Listing, r approval.Request) error {
				if !canMove(l.Status, StatusLive) {
					return fmt.Errorf("publish from %s", l.Status)
				}
				l.Status, l.LiveSince, l.ApprovalID, l.RejectReason = StatusLive, s.d.Clock.Now(), 0, ""
				return nil
			}),
			Rejected: s.applyTo("listing.reject", func(l *Listing, r approval.Request) error {
				if !canMove(l.Status, StatusDraft) {
					return fmt.Errorf("reject from %s", l.Status)
				}
				l.Status, l.ApprovalID, l.RejectReason = StatusDraft, 0, r.Reason
				return nil
			}),
		}
	case approval.KindListingChange:
		return approval.ApplierFuncs{
			Approved: s.applyTo("listing.change_approved", func(l *Listing, r approval.Request) error {
				c, err := decodeChange(r)
				if err != nil {
					return err
				}
				c.apply(l)
				l.Pending, l.ApprovalID = nil, 0
				return nil
			}),
			Rejected: s.applyTo("listing.change_rejected", func(l *Listing, r approval.Request) error {
				l.Pending, l.ApprovalID = nil, 0
				return nil
			}),
		}
	case approval.KindListingDelist:
		return approval.ApplierFuncs{
			Approved: s.applyTo("listing.delist", func(l *Listing, r approval.Request) error {
				if !canMove(l.Status, StatusDelisted) {
					return fmt.Errorf("delist from %s", l.Status)
				}
				// The platform's stock is set to zero with the delisting; we record it as synced.
				l.Status, l.Stock, l.ApprovalID = StatusDelisted, 0, 0
				return nil
			}),
			Rejected: s.applyTo("listing.delist_rejected", func(l *Listing, r approval.Request) error {
				if !canMove(l.Status, StatusLive) {
					return fmt.Errorf("keep live from %s", l.Status)
				}
				l.Status, l.ApprovalID = StatusLive, 0
				return nil
			}),
		}
	}
	return nil
}

// applyTo builds an applier step: load the request's listing with a lock, change it, audit.
func (s *Service) applyTo(action string, fn func(*Listing, approval.Request) error) func(context.Context, domain.Actor, approval.Request) error {
	return func(ctx context.Context, actor domain.Actor, r approval.Request) error {
		id, err := r.Subject.ID("listing")
		if err != nil {
			return err
		}
		var before Listing
		after, err := s.d.Repo.Update(ctx, id, func(l *Listing) error {
			before = *l
			l.UpdatedAt = s.d.Clock.Now()
			return fn(l, r)
		})
		if err != nil {
			return fmt.Errorf("%s %d: %w", action, id, err)
		}
		return s.d.Audit.Record(ctx, actor, action, after.Subject(), auditView(before), auditView(after))
	}
}

// RequestDelisting asks the supervisor to take a live listing down, with a reason.
func (s *Service) RequestDelisting(ctx context.Context, actor domain.Actor, ref, reason string) (Listing, error) {
	l, err := s.Find(ctx, ref)
	if err != nil {
		return Listing{}, err
	}
	return s.RequestDelistingByID(ctx, actor, l.ID, reason)
}

// RequestDelistingByID is RequestDelisting for a listing known by id (the scan's buttons).
func (s *Service) RequestDelistingByID(ctx context.Context, actor domain.Actor, id int64, reason string) (Listing, error) {
	if err := actor.Require(domain.RoleAssistant); err != nil {
		return Listing{}, err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return Listing{}, domain.Invalid([]domain.Problem{{Field: "reason", Key: "listing.field.required"}})
	}
	var out Listing
	err := s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		var before Listing
		l, err := s.d.Repo.Update(ctx, id, func(l *Listing) error {
			if !canMove(l.Status, StatusPendingDelisting) {
				return domain.Errorf(domain.ECONFLICT, "listing.delist.status", l.Ref(), string(l.Status))
			}
			before = *l
			l.Status, l.UpdatedAt = StatusPendingDelisting, s.d.Clock.Now()
			return nil
		})
		if err != nil {
			return err
		}
		req, err := s.d.Approvals.Submit(ctx, actor, approval.Submission{
			Kind: approval.KindListingDelist, Subject: l.Subject(), Title: l.Ref() + " " + l.Title,
			Details: []approval.Field{
				{Label: "field.listing", Value: l.Ref() + " " + l.Title},
				{Label: "field.stock", Value: strconv.Itoa(l.Stock)},
				{Label: "field.reason", Value: reason},
			},
			Payload: map[string]any{"listing_id": l.ID, "reason": reason},
		})
		if err != nil {
			return err
		}
		out, err = s.d.Repo.Update(ctx, l.ID, func(l *Listing) error { l.ApprovalID = req.ID; return nil })
		if err != nil {
			return err
		}
		after := auditView(out)
		after["reason"] = reason
		return s.d.Audit.Record(ctx, actor, "listing.delist_requested", l.Subject(), auditView(before), after)
	})
	if err != nil {
		return Listing{}, fmt.Errorf("request delisting of listing %d: %w", id, err)
	}
	return out, nil
}
