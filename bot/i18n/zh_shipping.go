package i18n

// chineseShipping is the Chinese text of the shipping area.
func chineseShipping() map[string]string {
	return map[string]string{
		"help.area.order":           "订单处理",
		"order.shipped":             "%[1]s 已发货：%[2]s，物流单号 %[3]s。",
		"order.ship.already":        "%[1]s 已经发货（%[2]s，物流单号 %[3]s）。",
		"order.ship.held":           "%s 正在待审核：请先放行（或取消）再登记发货。",
		"order.ship.cancelled":      "%s 已取消，不能发货。",
		"order.ship.status":         "%[1]s 当前为%[2]s；只有已放行的订单可以发货。",
		"order.carrier.invalid":     "请填写快递公司，最多 %d 个字符。",
		"order.tracking.invalid":    "“%s” 不是物流单号：请用 4 到 40 个字母、数字或短横线。",
		"order.shipments.too_large": "一次最多登记 %[2]d 条发货；本次有 %[1]d 条。",
		"order.ref.invalid":         "“%s” 不是订单：请写 店铺/平台订单号，或只写平台订单号。",
		"order.ambiguous":           "多个店铺都有订单 %[1]s：%[2]s。请写成 店铺/订单号。",
		"order.search.empty":        "请给出要查找的手机号、买家姓名或订单号。",
		"order.list.unknown":        "没有订单列表 “%[1]s”；可选：%[2]s。",
		"order.webhook.exists":      "仓库批次 %s 已在队列中。",
		"order.webhook.not_found":   "没有仓库批次 %v。",
		"field.platform_order_id":   "平台订单号",
		"field.carrier":             "快递公司",
		"field.tracking_no":         "物流单号",
		"field.shipped_at":          "发货时间",

		"api.shipments.malformed_json": "请求体不是预期格式的 JSON：应为含 “store” 和 “shipments” 数组的对象。",
		"api.shipments_empty":          "没有发货记录；请在 “shipments” 中至少发送一条。",
		"api.shipment.unreadable":      "无法读取这条发货记录：它必须是值为文本的对象。",

		"store.webhook.invalid": "“%s” 不是 webhook 地址：请给出 http(s) 网址，例如 https://wms.example.com/storeops，或写 off。",
		"store.webhook.set":     "%[1]s 放行的订单也将推送到 %[2]s，签名密钥为：\n`%[3]s`\n密钥只显示这一次，请立即填入仓库系统。每次推送都带有请求头 X-StoreOps-Timestamp 和 X-StoreOps-Signature（v1=对 时间戳 + “.” + 请求体 的 HMAC-SHA256）；详见 docs/warehouse-webhook.md。",
		"store.webhook.off":     "%s 不再向仓库 webhook 推送放行的订单。",
		"store.promise.invalid": "请以整小时填写发货时限，1 到 %d。",
		"store.promise.set":     "%[1]s 承诺在 %[2]d 小时内发货；超时未发货的订单每天在团队频道提醒。",

		"help.order.ship":    "登记订单已发货，填写快递公司和物流单号",
		"help.order.show":    "查看订单（非主管或管理员时手机号和详细地址已隐藏）",
		"help.order.find":    "按手机号、买家姓名或订单号查找订单",
		"help.order.list":    "列出待审核的订单，或已放行但未发货的订单",
		"help.store.webhook": "把店铺放行的订单推送到仓库系统（签名 webhook；密钥只显示一次）",
		"help.store.promise": "设置店铺放行订单的发货时限（小时，默认 48）",

		"view.orderinfo.header":         "订单 %[1]s · %[2]s",
		"view.orderinfo.times":          "收到于 %[1]s · 放行于 %[2]s",
		"view.orderinfo.remark":         "买家留言",
		"view.orderinfo.shipped":        "🚚 已由 %[1]s 发货，物流单号 %[2]s，时间 %[3]s",
		"view.orderinfo.handed_off":     "📦 已于 %s 交给仓库",
		"view.orderinfo.not_handed_off": "📦 等待下一次交给仓库",
		"view.orderinfo.decided":        "由 %[1]s 于 %[2]s 处理",
		"view.orderinfo.masked":         "手机号和详细地址已隐藏：只有运营主管和管理员能看到完整信息。",
		"view.orders.found":             "匹配 “%[1]s” 的订单：%[2]d 个",
		"view.orders.title.held":        "待审核订单：%d 个",
		"view.orders.title.unshipped":   "已放行未发货：%d 个",
		"view.orders.more":              "只显示最新的 %[1]d 个。指定店铺可查看该店的全部：/ops order list %[2]s <店铺>。",
		"view.orders.empty":             "没有订单。",

		"view.handoff.text":    "%[1]s：%[2]d 个订单待仓库发货",
		"view.handoff.header":  "📦 待发货订单 · %s",
		"view.handoff.context": "批次 %[1]s · %[2]s · %[3]d 个订单",
		"view.handoff.more":    "……另有 %d 个。",
		"view.handoff.masked":  "此处手机号已隐藏、不含详细地址；完整地址请在订单系统中查看（或询问运营主管）。",

		"view.unshipped.text":           "%[2]s 有 %[1]d 个订单超过 %[3]d 小时未发货",
		"view.unshipped.header":         "⏰ 超过 %[1]d 小时未发货 · %[2]s",
		"view.unshipped.line":           "• `%[1]s` 放行于 %[2]s",
		"view.unshipped.not_handed_off": "（尚未交给仓库）",
		"view.unshipped.more":           "……另有 %d 个。",
		"view.unshipped.hint":           "发货后请用 /ops order ship <订单> <快递公司> <物流单号> 登记。",

		"view.order.outcome.review": "状态：审核规则复查后于 %s 自动放行（暂扣原因已解除）",
	}
}
