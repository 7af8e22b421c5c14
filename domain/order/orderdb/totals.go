package orderdb

import (
	"context"
	"fmt"
	"time"

	"storeops/domain"
	"storeops/domain/gormdb"
	"storeops/domain/order"
)

// Totals adds the store's orders of a period up in one query. The period is matched on the
// payment time, or on the receipt time of an order that has none; the store leads every
// index of the table, so the scan stays within one store's orders.
func (r *Repo) Totals(ctx context.Context, store string, from, to time.Time) (order.Totals, error) {
	var row struct {
		Orders, PaidOrders, PayingBuyers, PaidAmount, RefundedOrders, RefundedAmount int64
	}
	paid := []string{string(order.PaymentPaid), string(order.PaymentRefundRequested), string(order.PaymentRefunded)}
	refunded := string(order.PaymentRefunded)
	f, t := gormdb.UTC(from), gormdb.UTC(to)
	err := gormdb.Conn(ctx, r.db).Raw(`SELECT COUNT(*) AS orders,
		COALESCE(SUM(CASE WHEN payment_status IN ? THEN 1 ELSE 0 END), 0) AS paid_orders,
		COUNT(DISTINCT CASE WHEN payment_status IN ? THEN COALESCE(NULLIF(buyer_platform_id, ''), NULLIF(phone_key, '')) END) AS paying_buyers,
		COALESCE(SUM(CASE WHEN payment_status IN ? THEN paid_amount ELSE 0 END), 0) AS paid_amount,
		COALESCE(SUM(CASE WHEN payment_status = ? THEN 1 ELSE 0 END), 0) AS refunded_orders,
		COALESCE(SUM(CASE WHEN payment_status = ? THEN paid_amount ELSE 0 END), 0) AS refunded_amount
		FROM orders WHERE store_code = ? AND status <> ?
		AND ((paid_at >= ? AND paid_at < ?) OR (paid_at IS NULL AND received_at >= ? AND received_at < ?))`,
		paid, paid, paid, refunded, refunded, store, string(order.StatusCancelled), f, t, f, t).Scan(&row).Error
	if err != nil {
		return order.Totals{}, gormdb.Err(err, fmt.Sprintf("total orders of %s", store))
	}
	return order.Totals{Orders: row.Orders, PaidOrders: row.PaidOrders, PayingBuyers: row.PayingBuyers,
		PaidAmount: domain.Money(row.PaidAmount), RefundedOrders: row.RefundedOrders, RefundedAmount: domain.Money(row.RefundedAmount)}, nil
}

// Buyers counts the store's paying buyers of a period and those with two paid orders or
// more in it, in one query over the same orders as Totals.
func (r *Repo) Buyers(ctx context.Context, store string, from, to time.Time) (order.BuyerCounts, error) {
	var row struct{ Buyers, Repeat int64 }
	paid := []string{string(order.PaymentPaid), string(order.PaymentRefundRequested), string(order.PaymentRefunded)}
	f, t := gormdb.UTC(from), gormdb.UTC(to)
	err := gormdb.Conn(ctx, r.db).Raw(`SELECT COUNT(*) AS buyers, COALESCE(SUM(CASE WHEN n >= 2 THEN 1 ELSE 0 END), 0) AS `+"`repeat`"+`
		FROM (SELECT COALESCE(NULLIF(buyer_platform_id, ''), NULLIF(phone_key, '')) AS buyer, COUNT(*) AS n
			FROM orders WHERE store_code = ? AND status <> ? AND payment_status IN ?
			AND ((paid_at >= ? AND paid_at < ?) OR (paid_at IS NULL AND received_at >= ? AND received_at < ?))
			GROUP BY buyer) b
		WHERE buyer IS NOT NULL`,
		store, string(order.StatusCancelled), paid, f, t, f, t).Scan(&row).Error
	if err != nil {
		return order.BuyerCounts{}, gormdb.Err(err, fmt.Sprintf("count buyers of %s", store))
	}
	return order.BuyerCounts{Buyers: row.Buyers, Repeat: row.Repeat}, nil
}
