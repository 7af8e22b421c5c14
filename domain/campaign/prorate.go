package campaign

import (
	"math"
	"time"

	"storeops/domain"
)

// Elapsed returns the shares of the campaign [start, end) that have passed at now, each in
// [0, 1]. The campaign's start and end are instants (read as wall-clock times of the store's
// zone loc), and the shares are of real time, by the clock: a campaign across a DST change
// is an hour shorter or longer, and its hours all weigh the same.
//
//   - clock is (now − start) / (end − start): the share for the paid amount and orders,
//     which are counted from the daily figures of the full days so far plus the orders of
//     today up to now, so they are as current as the clock;
//   - days is the share up to the end of the last full day with daily figures (lastDay,
//     a calendar date as metrics.Day keeps it; zero when there is none): visitors and
//     conversion come only with the daily figures, so their target counts only the days that
//     have figures. A campaign that starts or ends inside a day counts that day from its
//     start or to its end.
func Elapsed(start, end, now time.Time, loc *time.Location, lastDay time.Time) (clock, days float64) {
	clock = share(start, end, now)
	if lastDay.IsZero() {
		return clock, 0
	}
	y, m, d := lastDay.Date()
	endOfDay := time.Date(y, m, d+1, 0, 0, 0, 0, loc)
	if endOfDay.After(now) {
		endOfDay = now
	}
	return clock, share(start, end, endOfDay)
}

func share(start, end, at time.Time) float64 {
	total := end.Sub(start)
	if total <= 0 {
		return 0
	}
	s := float64(at.Sub(start)) / float64(total)
	return math.Max(0, math.Min(1, s))
}

// ProRateMoney is target × share, rounded to the cent.
func ProRateMoney(target domain.Money, share float64) domain.Money {
	return domain.Money(math.Round(float64(target) * share))
}

// ProRateCount is target × share, rounded.
func ProRateCount(target int64, share float64) int64 {
	return int64(math.Round(float64(target) * share))
}

// Figure names.
const (
	FigurePaidAmount = "paid_amount"
	FigureVisitors   = "visitors"
	FigureConversion = "conversion"
)

// Actuals are what the campaign has reached so far.
type Actuals struct {
	PaidAmount   domain.Money `json:"paid_amount"`
	PaidOrders   int64        `json:"paid_orders"`
	Visitors     int64        `json:"visitors"`
	PayingBuyers int64        `json:"paying_buyers"`
	// ConversionBP is the conversion rate of the days with figures (basis points), -1 when
	// unknown (no visitors).
	ConversionBP int64 `json:"conversion_bp"`
}

// Figure is one figure against its target.
type Figure struct {
	Name string `json:"name"`
	// Actual, Due (the pro-rated target) and Target (the whole campaign's) are cents,
	// counts or basis points by Name.
	Actual int64 `json:"actual"`
	Due    int64 `json:"due"`
	Target int64 `json:"target"`
	// PctOfDue is Actual / Due in percent, -1 when Due is 0 (nothing due yet).
	PctOfDue int `json:"pct_of_due"`
	// Below is true when Actual is under alertShare % of Due.
	Below bool `json:"below,omitempty"`
}

// Evaluate sets the actuals against the targets pro-rated by the elapsed shares (Elapsed):
// paid amount by clock, visitors by days; conversion is a rate and is compared with its
// target as it is, once there are days with figures. A figure is below when it is under
// alertShare percent of what is due; a figure without target is left out.
func Evaluate(t Targets, a Actuals, clock, days float64, alertShare int) []Figure {
	var out []Figure
	fig := func(name string, actual, due, target int64) {
		f := Figure{Name: name, Actual: actual, Due: due, Target: target, PctOfDue: -1}
		if due > 0 {
			f.PctOfDue = int(math.Floor(float64(actual) * 100 / float64(due)))
			f.Below = actual*100 < due*int64(alertShare)
		}
		out = append(out, f)
	}
	if t.PaidAmount > 0 {
		fig(FigurePaidAmount, int64(a.PaidAmount), int64(ProRateMoney(t.PaidAmount, clock)), int64(t.PaidAmount))
	}
	if t.Visitors > 0 {
		fig(FigureVisitors, a.Visitors, ProRateCount(t.Visitors, days), t.Visitors)
	}
	if t.ConversionBP > 0 {
		due := int64(0)
		if days > 0 && a.ConversionBP >= 0 {
			due = t.ConversionBP
		}
		fig(FigureConversion, max(a.ConversionBP, 0), due, t.ConversionBP)
	}
	return out
}
