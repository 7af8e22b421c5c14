package order

import (
	"slices"
	"strconv"
	"strings"
)

// unpaid holds an order that is not paid, partly paid, or paid less than it owes (goods +
// shipping − discount − tolerance): the warehouse must not ship goods nobody paid for. An
// order in an unknown payment status counts as unpaid. Refunds are refund_requested's.
func unpaid() Check {
	return define(CheckUnpaid, SeverityHold,
		[]Param{
			// The platform computed both amounts; any shortfall is money the store will not get.
			{Name: "tolerance", Kind: KindMoney, Default: "0.00"},
			// Cash on delivery is unpaid by design until the courier collects.
			{Name: "exempt_methods", Kind: KindList, Default: "cod,货到付款,貨到付款,cash on delivery"},
		},
		[]FlagKey{
			key(CheckUnpaid, ""),
			key(CheckUnpaid, ".partial", "paid", "due"),
			key(CheckUnpaid, ".short", "paid", "due"),
		},
		func(c checkRun) []Flag {
			method := NormalizeText(c.o.PaymentMethod)
			for _, m := range c.list("exempt_methods") {
				if nm := NormalizeText(m); nm != "" && nm == method {
					return nil
				}
			}
			paid, due := c.o.Amounts.Paid, Due(c.o)
			switch c.o.PaymentStatus {
			case PaymentRefundRequested, PaymentRefunded:
				return nil
			case PaymentPaid:
				if paid+c.money("tolerance") < due {
					return []Flag{c.flag(".short", paid.String(), due.String())}
				}
				return nil
			case PaymentPartial:
				return []Flag{c.flag(".partial", paid.String(), due.String())}
			}
			return []Flag{c.flag("")}
		})
}

// refundRequested holds an order whose buyer asked the platform for a refund, or was refunded:
// shipping it loses the goods too.
func refundRequested() Check {
	return define(CheckRefundRequested, SeverityHold, nil,
		[]FlagKey{key(CheckRefundRequested, ""), key(CheckRefundRequested, ".refunded")},
		func(c checkRun) []Flag {
			switch c.o.PaymentStatus {
			case PaymentRefundRequested:
				return []Flag{c.flag("")}
			case PaymentRefunded:
				return []Flag{c.flag(".refunded")}
			}
			return nil
		})
}

// oversold holds an order that asks for more of a SKU (all its lines together) than the stock
// StoreOps knows is available to it (Facts.Stock, before this order is deducted). SKUs whose
// stock is unknown are not judged.
func oversold() Check {
	return define(CheckOversold, SeverityHold, nil,
		[]FlagKey{key(CheckOversold, "", "sku", "quantity", "stock")},
		func(c checkRun) []Flag {
			var out []Flag
			for _, q := range quantities(c.o) {
				if stock, ok := c.f.Stock[q.sku]; ok && q.n > stock {
					out = append(out, c.flag("", q.sku, strconv.Itoa(q.n), strconv.Itoa(stock)))
				}
			}
			return out
		})
}

type skuQuantity struct {
	sku string
	n   int
}

// quantities sums the order's lines per SKU, in the order SKUs first appear.
func quantities(o Order) []skuQuantity {
	var out []skuQuantity
	for _, it := range o.Items {
		i := slices.IndexFunc(out, func(q skuQuantity) bool { return q.sku == it.SKU })
		if i < 0 {
			out = append(out, skuQuantity{sku: it.SKU})
			i = len(out) - 1
		}
		out[i].n += it.Quantity
	}
	return out
}

// abnormalQuantity alerts on an order with an unusual number of pieces or of different SKUs,
// and on a line with a quantity below 1 (a platform or import error).
func abnormalQuantity() Check {
	return define(CheckAbnormalQuantity, SeverityAlert,
		[]Param{
			// A retail buyer takes 1 to a few dozen pieces; more than 50 is a reseller or a
			// mistyped quantity, and worth a look before picking.
			{Name: "min_items", Kind: KindInt, Default: "1"},
			{Name: "max_items", Kind: KindInt, Default: "50"},
			// Baskets of more than 20 different SKUs are rare in retail and slow to pick.
			{Name: "min_skus", Kind: KindInt, Default: "1"},
			{Name: "max_skus", Kind: KindInt, Default: "20"},
		},
		[]FlagKey{
			key(CheckAbnormalQuantity, ".items", "count", "min", "max"),
			key(CheckAbnormalQuantity, ".skus", "count", "min", "max"),
			key(CheckAbnormalQuantity, ".line", "sku", "quantity"),
		},
		func(c checkRun) []Flag {
			var out []Flag
			for _, it := range c.o.Items {
				if it.Quantity < 1 {
					out = append(out, c.flag(".line", it.SKU, strconv.Itoa(it.Quantity)))
				}
			}
			if n, lo, hi := c.o.ItemCount(), c.int("min_items"), c.int("max_items"); n < lo || n > hi {
				out = append(out, c.flag(".items", strconv.Itoa(n), strconv.Itoa(lo), strconv.Itoa(hi)))
			}
			if n, lo, hi := len(quantities(c.o)), c.int("min_skus"), c.int("max_skus"); n < lo || n > hi {
				out = append(out, c.flag(".skus", strconv.Itoa(n), strconv.Itoa(lo), strconv.Itoa(hi)))
			}
			return out
		})
}

// amountOutOfRange alerts on an order amount (AmountOf: paid, or due while unpaid) above the
// maximum or below the minimum.
func amountOutOfRange() Check {
	return define(CheckAmountOutOfRange, SeverityAlert,
		[]Param{
			// ¥0.00 orders are coupon abuse or a pricing mistake (0元购).
			{Name: "min_amount", Kind: KindMoney, Default: "0.01"},
			// ¥20,000 is far above a retail basket and near the single-payment limits of
			// common payment accounts; such orders deserve a look before they ship.
			{Name: "max_amount", Kind: KindMoney, Default: "20000.00"},
		},
		[]FlagKey{
			key(CheckAmountOutOfRange, ".high", "amount", "max"),
			key(CheckAmountOutOfRange, ".low", "amount", "min"),
		},
		func(c checkRun) []Flag {
			amount := AmountOf(c.o)
			if hi := c.money("max_amount"); amount > hi {
				return []Flag{c.flag(".high", amount.String(), hi.String())}
			}
			if lo := c.money("min_amount"); amount < lo {
				return []Flag{c.flag(".low", amount.String(), lo.String())}
			}
			return nil
		})
}

// belowFloorPrice holds an order line sold below the SKU's floor price (Facts.FloorPrice): a
// pricing mistake or a stacked coupon that sells at a loss, to be confirmed before it ships.
func belowFloorPrice() Check {
	return define(CheckBelowFloorPrice, SeverityHold, nil,
		[]FlagKey{key(CheckBelowFloorPrice, "", "sku", "price", "floor")},
		func(c checkRun) []Flag {
			var out []Flag
			for _, it := range c.o.Items {
				if floor, ok := c.f.FloorPrice[it.SKU]; ok && it.UnitPrice < floor {
					out = append(out, c.flag("", it.SKU, it.UnitPrice.String(), floor.String()))
				}
			}
			return out
		})
}

// remarkKeywords alerts when the buyer's or the customer service's remark contains a watched
// keyword: a threat of a bad review or a complaint, a refund in the making, haggling. The
// order goes on; someone should read the remark before it ships.
func remarkKeywords() Check {
	return define(CheckRemarkKeywords, SeverityAlert,
		[]Param{
			// Words that precede after-sales trouble on Chinese platforms (refund, return, bad
			// review, complaint, fake goods, the 12315 consumer hotline, reporting to the
			// regulator: 举报), haggling, in simplified and traditional forms and English.
			{Name: "keywords", Kind: KindList, Default: "退款,退货,退貨,差评,差評,投诉,投訴,假货,假貨,便宜点,便宜點,12315,举报,舉報,refund,fake,complaint,cheaper,chargeback"},
		},
		[]FlagKey{
			key(CheckRemarkKeywords, ".buyer", "keywords"),
			key(CheckRemarkKeywords, ".service", "keywords"),
		},
		func(c checkRun) []Flag {
			var out []Flag
			keywords := c.list("keywords")
			if hits := matchKeywords(c.o.BuyerRemark, keywords); len(hits) > 0 {
				out = append(out, c.flag(".buyer", strings.Join(hits, ", ")))
			}
			if hits := matchKeywords(c.o.ServiceRemark, keywords); len(hits) > 0 {
				out = append(out, c.flag(".service", strings.Join(hits, ", ")))
			}
			return out
		})
}
