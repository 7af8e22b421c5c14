package i18n

// chineseWarehouse is the Chinese text of the warehouse area.
func chineseWarehouse() map[string]string {
	return map[string]string{
		"view.callback.text.cancelled":    "%s 已取消：请勿发货",
		"view.callback.text.held":         "%s 已暂停：暂时不要发货",
		"view.callback.title.cancelled":   "🛑 *请勿发货 `%s`*：该订单交给仓库后已被取消。",
		"view.callback.title.held":        "⏸ *暂时不要发货 `%s`*：该订单交给仓库后被暂停审核，原因：",
		"view.callback.cancelled_by":      "%[1]s 于 %[2]s 取消：%[3]s",
		"view.callback.context.cancelled": "该订单在 %s 的发货批次中。如已打包请放回；如已发出请告知团队频道。",
		"view.callback.context.held":      "该订单在 %s 的发货批次中。请先放在一边：放行后会在之后的发货批次中再次出现，届时即可发货。",
		"help.order.cancel":               "取消待审核或已放行的订单并填写原因；已交给仓库的订单会通知仓库不要发货",
		"order.cancelled":                 "%s 已取消，占用的库存已退回。",
		"order.cancelled.warehouse_told":  "%s 已取消，占用的库存已退回，并已通知仓库不要发货。",
	}
}
