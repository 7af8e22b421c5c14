package i18n

// englishMetrics is the English text of the store figures: their checks, the API, the file
// import, `/ops metrics show` and `/ops store kpi`.
func englishMetrics() map[string]string {
	return map[string]string{
		"help.area.metrics":         "Store figures",
		"help.metrics.show":         "Show a store's figures of a day, and where each came from",
		"help.import.metrics":       "Import daily store figures (traffic, sales, refunds, SKUs) from a CSV or XLSX export: run it, then share the file with me within 30 minutes",
		"help.import.template.metr": "Send the store figures import template (XLSX, or CSV)",
		"help.store.kpi":            "Choose how a store's conversion rate is computed: conversion=buyers (paying buyers / visitors) or conversion=sessions (paid sessions / sessions)",

		"store.kpi.conversion.invalid": "“%[1]s” is not a conversion basis; use one of %[2]s.", // typed, bases
		"store.kpi.usage":              "Write it as `/ops store kpi <code> conversion=buyers|sessions`.",
		"store.kpi.set":                "%[1]s now computes conversion as %[2]s.", // store, basis words
		"store.kpi.basis.buyers":       "paying buyers / unique visitors",
		"store.kpi.basis.sessions":     "sessions that paid / sessions",

		"field.date":            "Date",
		"field.source":          "Source",
		"field.visitors":        "Unique visitors",
		"field.sessions":        "Sessions",
		"field.page_views":      "Page views",
		"field.paying_buyers":   "Paying buyers",
		"field.paid_orders":     "Paid orders",
		"field.paid_amount":     "Paid amount",
		"field.refunded_orders": "Refunded orders",
		"field.refunded_amount": "Refunded amount",
		"field.skus":            "SKU rows",

		"metrics.field.required":        "This is required.",
		"metrics.store.other":           "This day names store %[1]s, but it was sent for %[2]s.",                                                         // named, sent for
		"metrics.date.invalid":          "“%s” is not a date; write it as 2026-11-28 (also 2026/11/28, 2026年11月28日, 20261128).",                           // typed
		"metrics.date.future":           "%[1]s is in the future (today is %[2]s in store time); figures are recorded for days that have ended or begun.", // date, today
		"metrics.source.unknown":        "“%[1]s” is not a traffic source; use one of %[2]s.",                                                             // typed, sources
		"metrics.count.negative":        "“%s” is negative; figures count up from 0.",                                                                     // typed
		"metrics.count.invalid":         "“%s” is not a whole number (1234 or 1,234).",                                                                    // typed
		"metrics.amount.invalid":        "“%s” is not an amount; write it with at most two decimals (129.90).",                                            // typed
		"metrics.buyers.above_visitors": "%[1]d buyers is more than the %[2]d visitors.",                                                                  // buyers, visitors
		"metrics.buyers.above_orders":   "%[1]d paying buyers is more than the %[2]d paid orders.",                                                        // buyers, orders
		"metrics.amount.without_orders": "A paid amount of %s with no paid orders.",                                                                       // amount
		"metrics.orders.without_amount": "%d paid orders with a paid amount of 0.",                                                                        // orders
		"metrics.refunds.above_orders":  "%[1]d refunded orders is more than the %[2]d paid orders.",                                                      // refunded, paid
		"metrics.refunds.above_amount":  "A refunded amount of %[1]s is more than the paid amount of %[2]s.",                                              // refunded, paid
		"metrics.day.empty":             "The day has no figures; send at least one.",
		"metrics.day.twice":             "%[1]s %[2]s came already, as day %[3]d of this batch; send each day and source once.", // date, source, position
		"metrics.day.not_found":         "%[1]s has no figures of %[2]s.",                                                       // store, date
		"metrics.day.concurrent":        "The figures of %[1]s on %[2]s were being recorded at the same time; send them again.", // store, date
		"metrics.sku.not_overall":       "SKU rows belong to the overall day (source “overall”), not to a traffic source.",
		"metrics.sku.too_many":          "A day may have at most %d SKU rows.",
		"metrics.sku.too_long":          "A SKU has at most %d characters.",
		"metrics.sku.twice":             "SKU %s is in this day twice.",
		"metrics.batch.too_large":       "%[1]d days is more than the %[2]d one request or file may carry; split it.", // days, max
		"api.metrics_empty":             "The request has no days; send at least one in “days”.",
		"api.metrics.not_object":        "Each day must be a JSON object.",
		"api.metrics.wrong_type":        "This value has the wrong JSON type (give a figure as a number or as text).",
		"api.metrics.unreadable":        "This day could not be read.",

		"metrics.show.title":             "*%[1]s · %[2]s* — figures of %[3]s", // store, date, source
		"metrics.show.figure":            "• %[1]s: %[2]s (%[3]s)",             // label, value, origin
		"metrics.show.skus":              "SKU rows: %d. Top by paid amount:",
		"metrics.show.sku":               "  – %[1]s: %[2]d units, %[3]s", // sku, units, amount
		"metrics.show.updated":           "Recorded by %[1]s at %[2]s.",   // who, when
		"metrics.origin.platform":        "platform",
		"metrics.origin.orders":          "StoreOps orders",
		"metrics.figure.visitors":        "Unique visitors",
		"metrics.figure.sessions":        "Sessions",
		"metrics.figure.page_views":      "Page views",
		"metrics.figure.paying_buyers":   "Paying buyers",
		"metrics.figure.paid_orders":     "Paid orders",
		"metrics.figure.paid_amount":     "Paid amount",
		"metrics.figure.refunded_orders": "Refunded orders",
		"metrics.figure.refunded_amount": "Refunded amount",

		"import.metrics.ready": "Ready to import store figures into %[1]s: share the CSV or XLSX file in a DM with me, or in this channel, within %[2]d minutes.\n" + // store, minutes
			"• One row per day and traffic source: 日期 / date is required; 来源 / source (整体 overall, 搜索 search, 广告 ads, 推荐 recommendation, 社交 social) defaults to overall; then 访客数, 会话数, 浏览量, 支付买家数, 支付订单数, 支付金额, 退款订单数, 退款金额.\n" +
			"• A row with 商品编码 / SKU is a SKU row of its date: its 访客数, 支付买家数, 支付件数 and 支付金额 are the SKU's.\n" +
			"• The file is all or nothing: if any row is wrong, nothing is stored and I list every wrong row.\n" +
			"• `/ops import template metrics` sends a template.",
		"import.metrics.columns":          "The file has no date column (%s); its first row must name the columns. `/ops import template metrics` sends a template.", // header
		"import.metrics.template.title":   "Store figures import template",
		"import.metrics.template.comment": "Store figures template: one row per day and traffic source, plus SKU rows (商品编码 filled) for the day. Replace the examples with your figures, then share the file with me.",
		"import.metrics.started":          "Checking %[3]d days from %[1]s for %[2]s…",                                                 // file, store, days
		"import.metrics.stored":           "Imported %[1]s into %[2]s: %[3]d days (created %[4]d · replaced %[5]d · unchanged %[6]d).", // file, store, days, created, replaced, unchanged
		"import.metrics.derived":          "%d days took figures the file left out from StoreOps' orders; `/ops metrics show` says which.",
		"import.metrics.rejected":         "Nothing was imported from %[1]s: %[2]d of its %[3]d days are wrong. Correct these rows and share the file again:", // file, rejected, days
		"import.metrics.row":              "• Row %[1]d (%[2]s): %[3]s",                                                                                       // row, date and source, reasons
	}
}
