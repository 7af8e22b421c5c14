package aftersale

import "storeops/domain"

// RefundCap is what a new case of the order may still refund: what was paid, less the amounts
// of the order's other cases that are not rejected. Open cases count as well as refunded
// ones, so that two cases opened side by side cannot together pay back more than was paid.
// It is never negative.
func RefundCap(paid domain.Money, others []Case) domain.Money {
	left := paid
	for _, c := range others {
		if c.Status == StatusRejected {
			continue
		}
		left -= c.Amount
	}
	return max(left, 0)
}
