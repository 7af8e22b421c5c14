package view

import (
	"fmt"
	"strconv"
	"strings"

	"storeops/domain/approval"
)

// Identifiers the router dispatches on. It routes on action_id and callback_id only; block
// ids are for Slack (and for finding a card's buttons), never for routing.
const (
	ActionApprove       = "approval.approve"
	ActionReject        = "approval.reject"
	ActionRequestDelist = "listing.request_delist"

	CallbackListingForm = "listing.form"
	CallbackReject      = "approval.reject"

	// InputAction is the action_id of every modal input; the block_id names the field.
	InputAction = "value"
	// ReasonBlock is the block_id of the reason input of the reject modal.
	ReasonBlock = "reason"
)

// ApprovalValue is the value of a card's buttons. The version lets the handler tell a click
// on a stale card from one on the current state.
func ApprovalValue(id int64, version int) string { return fmt.Sprintf("%d:%d", id, version) }

// ParseApprovalValue reads ApprovalValue.
func ParseApprovalValue(v string) (id int64, version int, err error) {
	a, b, ok := strings.Cut(v, ":")
	if !ok {
		return 0, 0, fmt.Errorf("approval button value %q: want id:version", v)
	}
	if id, err = strconv.ParseInt(a, 10, 64); err != nil {
		return 0, 0, fmt.Errorf("approval button value %q: %w", v, err)
	}
	if version, err = strconv.Atoi(b); err != nil {
		return 0, 0, fmt.Errorf("approval button value %q: %w", v, err)
	}
	return id, version, nil
}

// approvalBlockID is the block_id of a card's buttons (approval.Ref, "approval:<id>").
func approvalBlockID(id int64) string { return approval.Ref(id) }

// DelistValue is the value of a "Request delisting" button: the listing and why it was
// offered (listing.ReasonSoldOut, listing.ReasonSlowMoving).
func DelistValue(listingID int64, reason string) string {
	return fmt.Sprintf("%d:%s", listingID, reason)
}

// ParseDelistValue reads DelistValue.
func ParseDelistValue(v string) (listingID int64, reason string, err error) {
	a, reason, ok := strings.Cut(v, ":")
	if !ok {
		return 0, "", fmt.Errorf("delist button value %q: want id:reason", v)
	}
	if listingID, err = strconv.ParseInt(a, 10, 64); err != nil {
		return 0, "", fmt.Errorf("delist button value %q: %w", v, err)
	}
	return listingID, reason, nil
}
