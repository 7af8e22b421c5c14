package listing

import (
	"time"

	"storeops/domain"
)

// Change is a major change held for approval: only the fields that change are set.
type Change struct {
	Title       *string       `json:"title,omitempty"`
	Category    *string       `json:"category,omitempty"`
	Price       *domain.Money `json:"price,omitempty"`
	RequestedBy string        `json:"requested_by"`
	RequestedAt time.Time     `json:"requested_at"`
}
