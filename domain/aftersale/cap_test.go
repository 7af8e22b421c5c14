package aftersale

import (
	"testing"

	"storeops/domain"
)

func TestRefundCap(t *testing.T) {
	other := func(amount domain.Money, s Status) Case { return Case{Amount: amount, Status: s} }
	for _, tc := range []struct {
		name   string
		paid   domain.Money
		others []Case
		want   domain.Money
	}{
		{"no other case", 12990, nil, 12990},
		{"an open case counts", 12990, []Case{other(5000, StatusApproved)}, 7990},
		{"a refunded case counts", 12990, []Case{other(5000, StatusRefunded)}, 7990},
		{"a closed case counts", 12990, []Case{other(5000, StatusClosed)}, 7990},
		{"a case waiting for approval counts", 12990, []Case{other(5000, StatusRequested)}, 7990},
		{"a rejected case does not", 12990, []Case{other(5000, StatusRejected)}, 12990},
		{"exchanges take nothing", 12990, []Case{other(0, StatusExchanged)}, 12990},
		{"several add up", 12990, []Case{other(5000, StatusClosed), other(2990, StatusApproved), other(9999, StatusRejected)}, 5000},
		{"all of it refunded", 12990, []Case{other(12990, StatusClosed)}, 0},
		{"never negative", 12990, []Case{other(12990, StatusClosed), other(100, StatusApproved)}, 0},
		{"unpaid order", 0, nil, 0},
	} {
		if got := RefundCap(tc.paid, tc.others); got != tc.want {
			t.Errorf("%s: RefundCap = %s, want %s", tc.name, got, tc.want)
		}
	}
}
