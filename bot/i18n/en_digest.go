package i18n

// englishDigest is the English text of the morning digest, its settings and the KPIs'
// formulas.
func englishDigest() map[string]string {
	return map[string]string{
		"help.area.digest":         "Morning digest",
		"help.digest.now":          "Show yesterday's digest of this channel (only to you), or post it now to a team channel",
		"help.digest.time":         "Set when a team channel gets its digest (store time)",
		"help.digest.threshold":    "Set the change, in percent, from which the digest flags a figure",
		"help.digest.settings":     "Show every team channel's digest settings",
		"kpi.basis.invalid":        "“%s” is not a conversion basis: use buyers or sessions.",
		"digest.time.invalid":      "“%s” is not a time of day: use HH:MM, e.g. 09:00.",
		"digest.threshold.invalid": "Give the threshold as a percentage above 0 and at most %g, e.g. 20.",
		"digest.channel.invalid":   "“%s” is not a channel: mention it, e.g. #team.",
		"digest.channel.not_team":  "%s is no store's team channel; set one with /ops store channel <code> <#channel>.",
		"digest.time.set":          "%[1]s gets its digest at %[2]s (store time) from now on.",
		"digest.threshold.set":     "%[1]s's digest flags changes of %[2]s or more from now on.",
		"digest.posted":            "Yesterday's digest (%[2]s) is on its way to %[1]s.",
		"digest.settings.title":    "Digest settings",
		"digest.settings.line":     "%[1]s at %[2]s %[5]s, flags ≥ %[3]s · %[4]s", // channel, time, threshold, stores, zone
		"digest.settings.none":     "No store has a team channel yet, so no digest goes out. Set one with /ops store channel <code> <#channel>.",
		"digest.settings.tz":       "A channel's time is in its own zone (/ops digest zone), else the zone its stores share (/ops store tz), else the company's, %s.",
		"help.digest.zone":         "Set the time zone a team channel's digest time is read in (an IANA name such as Asia/Shanghai), or default to follow its stores",
		"digest.zone.set":          "%[1]s gets its digest at %[2]s %[3]s from now on.", // channel, time, zone
		"digest.store_date":        "figures of %s, the last day finished in the store's time zone",
		"help.store.tz":            "Set the time zone a store keeps its days in (an IANA name such as Asia/Shanghai or America/Los_Angeles), or default for the company's",
		"store.tz.invalid":         "“%s” is not a time zone: use an IANA name such as Asia/Shanghai, UTC or America/Los_Angeles, or default.",
		"store.tz.set":             "%[1]s keeps its days in %[2]s from now on: its figures, imports and digest follow that zone.", // store, zone

		"digest.text":               "Daily digest for %[1]s · stores: %[2]d", // date, stores
		"digest.header":             "Daily digest · %s",
		"digest.header.preview":     "Preview · daily digest · %s",
		"digest.no_data":            "No figures for %s yet, so nothing to compare; the digest does not show zeros it does not have.",
		"digest.no_data.all":        "No store of this channel has figures for %s yet.",
		"digest.fig.visitors":       "Visitors",
		"digest.fig.orders":         "Paid orders",
		"digest.fig.paid_amount":    "Paid amount",
		"digest.fig.conversion":     "Conversion",
		"digest.fig.aov":            "AOV",
		"digest.fig.refund_rate":    "Refund rate (%d days)",
		"digest.vs_day":             "%s vs day before",
		"digest.vs_week":            "%s vs last week",
		"digest.compact.vs":         "(%s d/d)",
		"digest.top":                "Top SKUs",
		"digest.top.line":           "%[1]d. %[2]s — %[3]d units, %[4]s", // rank, SKU, units, amount
		"digest.waiting":            "Waiting now",
		"digest.waiting.held":       "held orders: %d",
		"digest.waiting.stale":      "after-sales cases not moved: %d",
		"digest.waiting.inquiries":  "overdue inquiries: %d",
		"digest.waiting.complaints": "overdue complaints: %d",
		"digest.waiting.approvals":  "pending approvals: %d",
		"digest.more_stores":        "…and %d more stores: see /ops digest now.",
		"digest.formula.buyers":     "Conversion = paying buyers ÷ unique visitors.",
		"digest.formula.sessions":   "Conversion = paid orders ÷ sessions (paid orders stand in for sessions that completed checkout).",
		"digest.formula.others":     "AOV = paid amount ÷ paid orders. Refund rate = refunded orders ÷ paid orders over %d days.",
		"digest.formula.changes":    "Changes are against the day before and the same weekday last week; ⚠ marks a change of %s or more.",
		"digest.chart.comment":      "14 days to %[1]s, %[2]s: paid amount per day (bars, top) and visitors per day (line, bottom); a gap is a day without figures.",
		"digest.chart.alt":          "Paid amount and visitors per day over the last 14 days",
	}
}
