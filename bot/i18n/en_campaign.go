package i18n

// englishCampaign is the English text of the campaigns area (SPEC §4).
func englishCampaign() map[string]string {
	return map[string]string{
		"help.area.campaign":           "Campaigns",
		"help.campaign.new":            "Plan a campaign (opens a form); the supervisor approves the plan",
		"help.campaign.show":           "Show a campaign, its checklist and its live figures against the targets",
		"help.campaign.list":           "List upcoming, running or ended campaigns",
		"help.campaign.history":        "Show a campaign's history",
		"help.campaign.task.add":       "Add a checklist item: <id> <due> <text> (due: -2d, -36h or 2026-12-08 18:00)",
		"help.campaign.task.assign":    "Give a checklist item to someone: <id> <item> @user",
		"help.campaign.task.due":       "Move a checklist item's due time: <id> <item> <due>",
		"help.campaign.task.tick":      "Tick a checklist item (as its button does): <id> <item>",
		"help.campaign.cancel":         "Cancel a campaign in preparation (supervisors): <id> <reason>",
		"help.campaign.summary":        "Open the summary form of an ended campaign",
		"kind.campaign.plan":           "Campaign plan",
		"kind.campaign.plan.noun":      "campaign plan",
		"campaign.type.promotion":      "Promotion",
		"campaign.type.holiday":        "Holiday",
		"campaign.type.platform_event": "Platform event (618, Double 11)",

		"campaign.status.draft":            "draft",
		"campaign.status.pending_approval": "pending approval",
		"campaign.status.preparing":        "in preparation",
		"campaign.status.running":          "running",
		"campaign.status.ended":            "ended",
		"campaign.status.summarised":       "summarised",
		"campaign.status.cancelled":        "cancelled",

		"campaign.discount.coupon":         "Coupon",
		"campaign.discount.full_reduction": "Full reduction",
		"campaign.discount.percentage":     "Percentage discount",
		"campaign.discount.gift":           "Gift",

		"campaign.channel.home_banner": "Home banner (on-site)",
		"campaign.channel.sms":         "SMS (on-site)",
		"campaign.channel.email":       "Email (on-site)",
		"campaign.channel.social":      "Social media (off-site)",
		"campaign.channel.search_ads":  "Search ads (off-site)",

		"campaign.task.page_design":         "Page design",
		"campaign.task.page_tested":         "Page tested",
		"campaign.task.stock_reserved":      "Stock reserved for the campaign SKUs",
		"campaign.task.coupons_created":     "Coupons created",
		"campaign.task.gifts_ready":         "Gifts ready",
		"campaign.task.promotion_scheduled": "Promotion scheduled",

		"campaign.figure.paid_amount": "Paid amount",
		"campaign.figure.visitors":    "Visitors",
		"campaign.figure.conversion":  "Conversion",

		"field.campaign_store":             "Store",
		"field.campaign_theme":             "Theme",
		"field.campaign_type":              "Type",
		"field.campaign_start":             "Start",
		"field.campaign_end":               "End",
		"field.campaign_dates":             "Dates",
		"field.campaign_discount":          "Discount strategy",
		"field.campaign_discount_params":   "Discount parameters",
		"field.campaign_budget":            "Budget",
		"field.campaign_targets":           "Targets",
		"field.campaign_target_amount":     "Target paid amount",
		"field.campaign_target_visitors":   "Target visitors",
		"field.campaign_target_conversion": "Target conversion (%%)",
		"field.campaign_channels":          "Promotion channels",
		"field.campaign_skus":              "Campaign SKUs",
		"field.campaign_overlaps":          "Overlaps (same store and type)",
		"field.campaign_worked":            "What worked",
		"field.campaign_not_worked":        "What did not",
		"field.campaign_lessons":           "Lessons",
		"field.campaign_task_title":        "Item",
		"field.campaign_task_due":          "Due",
		"field.campaign_reason":            "Reason",
		"field.campaign_cost":              "Cost",

		"campaign.id.invalid":                      "%s is not a campaign number; write it as C-12 or 12.",                 // as typed
		"campaign.not_found":                       "There is no campaign %s.",                                             // number
		"campaign.move.illegal":                    "Campaign %[1]s is %[2]s and cannot go to %[3]s. Allowed next: %[4]s.", // number, state, target, allowed
		"campaign.store.required":                  "Name the store (its code, e.g. TM01).",
		"campaign.store.unknown":                   "There is no store %s.", // code
		"campaign.theme.required":                  "Give the campaign a theme.",
		"campaign.text.too_long":                   "Keep it under %d characters.",                                                    // limit
		"campaign.type.invalid":                    "%q is not a campaign type: promotion, holiday or platform_event.",                // as typed
		"campaign.time.invalid":                    "%q is not a time; write 2026-12-10 10:00 (store time).",                          // as typed
		"campaign.start.past":                      "The start must be in the future (it is %s now, store time).",                     // now
		"campaign.end.before_start":                "The end must be after the start (%s).",                                           // start
		"campaign.end.too_long":                    "A campaign lasts at most %d days.",                                               // days
		"campaign.discount.unknown":                "%q is not a discount strategy: coupon, full_reduction, percentage or gift.",      // as typed
		"campaign.discount.invalid.coupon":         "%q: give the coupon's value, and its minimum spend after a slash: 20 or 20/199.", // as typed
		"campaign.discount.invalid.full_reduction": "%q: give tiers as spend-save, rising, up to 5: 300-50, 500-100 (or 满300减50).",    // as typed
		"campaign.discount.invalid.percentage":     "%q: give the percentage off, from 1 to 90: 15%%.",                                // as typed
		"campaign.discount.invalid.gift":           "%q: name the gift, and the minimum spend after a slash: Mug MUG-1/199.",          // as typed
		"campaign.amount.invalid":                  "%q is not an amount; write 5000 or 5000.00.",                                     // as typed
		"campaign.target.required":                 "Give the target paid amount.",
		"campaign.target.positive":                 "%q: a target must be a number above zero.",                                                        // as typed
		"campaign.target.conversion":               "%q: give the conversion rate in percent, above 0 and at most 100 (e.g. 3.5).",                     // as typed
		"campaign.channel.invalid":                 "%q is not a promotion channel.",                                                                   // as typed
		"campaign.sku.too_long":                    "A SKU has at most %d characters.",                                                                 // limit
		"campaign.sku.twice":                       "SKU %s is named twice.",                                                                           // sku
		"campaign.sku.too_many":                    "A campaign has at most %d SKUs.",                                                                  // limit
		"campaign.due.invalid":                     "%q is not a due time: write it relative to the start (-2d, -36h, -1d12h) or as 2026-12-08 18:00.", // as typed
		"campaign.task.title.required":             "Say what the item is.",
		"campaign.task.too_many":                   "A checklist has at most %d items.",                            // limit
		"campaign.task.not_found":                  "Campaign %[1]s has no item %[2]d.",                            // number, item
		"campaign.task.already_done":               "Item %[2]d of %[1]s was already ticked by <@%[3]s>.",          // number, item, user
		"campaign.task.already_open":               "Item %[2]d of %[1]s is not ticked.",                           // number, item
		"campaign.not_preparing":                   "Campaign %[1]s is %[2]s: its checklist can no longer change.", // number, state
		"campaign.not_held":                        "Campaign %s is not held: it launches by itself at its start.", // number
		"campaign.reason.required":                 "Give a reason.",
		"campaign.list.unknown":                    "%[1]q is not a list; choose one of %[2]s.", // as typed, lists
		"campaign.summary.required":                "Say what worked.",
		"campaign.summary.not_owner":               "Only the owner of %[1]s (<@%[2]s>) or a supervisor can file its summary.", // number, owner
		"campaign.report.not_ended":                "Campaign %[1]s is %[2]s: its report comes after the end.",                 // number, state

		"campaign.planned":              "Campaign %[1]s (%[2]s) is planned and waits for the supervisor's approval (request #%[3]d).", // number, theme, approval id
		"campaign.planned.overlaps":     "Note: it overlaps %s of the same store and type.",                                            // numbers
		"campaign.task.added":           "Item %[2]d added to the checklist of %[1]s.",                                                 // number, item
		"campaign.task.assigned":        "Item %[2]d of %[1]s is now %[3]s's.",                                                         // number, item, mention
		"campaign.task.due_set":         "Item %[2]d of %[1]s is now due %[3]s.",                                                       // number, item, time
		"campaign.task.ticked":          "Item %[2]d of %[1]s ticked.",                                                                 // number, item
		"campaign.launched_anyway.done": "%s is launched.",                                                                             // number
		"campaign.postponed":            "%[1]s now starts %[2]s and ends %[3]s.",                                                      // number, start, end
		"campaign.cancelled":            "%s is cancelled.",                                                                            // number
		"campaign.summary.filed":        "The summary of %s is filed; its report is posted to the team channel.",                       // number
		"campaign.list.title.upcoming":  "Upcoming campaigns (%d)",                                                                     // count
		"campaign.list.title.running":   "Running campaigns (%d)",                                                                      // count
		"campaign.list.title.ended":     "Ended campaigns (%d)",                                                                        // count
		"campaign.export.title":         "Campaign report %s",                                                                          // number
		"campaign.export.comment":       "The report of %s as a workbook.",                                                             // number

		"view.campaign.text":                      "Campaign %[1]s · %[2]s (%[3]s)",            // number, theme, state
		"view.campaign.header":                    "Campaign %[1]s · %[2]s",                    // number, theme
		"view.campaign.context":                   "%[1]s · %[2]s · owner %[3]s",               // store, type, owner mention
		"view.campaign.dates":                     "%[1]s – %[2]s (%[3]s)",                     // start, end, zone
		"view.campaign.target.paid_amount":        "paid %s",                                   // amount
		"view.campaign.target.visitors":           "%d visitors",                               // count
		"view.campaign.target.conversion":         "conversion %s",                             // percent
		"view.campaign.more":                      "… and %d more",                             // count
		"view.campaign.overlaps":                  "⚠ Overlaps %s of the same store and type.", // numbers
		"view.campaign.checklist":                 "Checklist: %[1]d of %[2]d done",            // done, all
		"view.campaign.task":                      "%[1]s %[2]d. %[3]s · %[4]s · due %[5]s",    // mark, item, name, owner, due
		"view.campaign.task.done":                 "· done by %[1]s %[2]s",                     // user, time
		"view.campaign.task.done_late":            "· done late by %[1]s %[2]s",                // user, time
		"view.campaign.task.late":                 "· *late*",
		"view.campaign.awaiting_approval":         "Waiting for approval (request #%d).",              // approval id
		"view.campaign.held":                      "Launch held since %[1]s: %[2]d item(s) open.",     // time, open
		"view.campaign.launched":                  "Launched by %[1]s %[2]s.",                         // user, time
		"view.campaign.launched_anyway":           "Launched anyway by %[1]s %[2]s, with items open.", // user, time
		"view.campaign.button.tick":               "Done: %[1]d. %[2]s",                               // item, name
		"view.campaign.button.launch":             "Launch anyway",
		"view.campaign.button.postpone":           "Postpone",
		"view.campaign.button.summary":            "Write the summary",
		"view.campaign.list.empty":                "None.",
		"view.campaign.list.line":                 "*%[1]s* %[2]s · %[3]s · %[4]s · %[5]s · %[6]s – %[7]s · %[8]d open · %[9]s", // number, store, theme, type, state, start, end, open, owner
		"view.campaign.list.more":                 "… and %d more.",                                                             // count
		"view.campaign.form.title":                "Plan a campaign",
		"view.campaign.form.submit":               "Submit",
		"view.campaign.form.type":                 "Choose a type",
		"view.campaign.form.discount":             "Choose a strategy",
		"view.campaign.form.hint.store":           "The store's code, e.g. TM01.",
		"view.campaign.form.hint.time":            "Store time (%s): 2026-12-10 10:00", // zone
		"view.campaign.form.hint.discount":        "Coupon 20/199 · full reduction 300-50, 500-100 · percentage 15%% · gift Mug MUG-1/199",
		"view.campaign.form.hint.optional_amount": "Optional; e.g. 5000.00",
		"view.campaign.form.hint.target_amount":   "Paid amount over the whole campaign, e.g. 100000",
		"view.campaign.form.hint.optional":        "Optional",
		"view.campaign.form.hint.conversion":      "Optional; percent, e.g. 3.5",
		"view.campaign.form.hint.skus":            "Up to %d, separated by commas", // limit
		"view.campaign.form.hint.cost":            "Optional; what the campaign cost, e.g. 4200.00",
		"view.campaign.postpone.title":            "Postpone the campaign",
		"view.campaign.postpone.submit":           "Postpone",
		"view.campaign.summary.title":             "Campaign summary",
		"view.campaign.summary.submit":            "File",
		"view.campaign.task_due":                  "Reminder: item “%[3]s” of %[1]s (%[2]s) is due %[4]s; the campaign starts %[5]s.", // number, theme, item, due, start
		"view.campaign.task_late":                 "Late: item “%[3]s” of %[1]s (%[2]s) was due %[4]s; the campaign starts %[5]s.",    // number, theme, item, due, start
		"view.campaign.task_hint":                 "Tick it on the campaign card, or `/ops campaign task tick %[1]d %[2]d`.",          // id, item
		"view.campaign.held.text":                 "The launch of %[1]s (%[2]s) is held: %[3]d checklist item(s) are open.",           // number, theme, open
		"view.campaign.held.owner":                "Tick your items on the campaign card; the supervisor may launch anyway or postpone.",
		"view.campaign.launched.text":             "%[1]s (%[2]s) is running until %[3]s.",                                                                // number, theme, end
		"view.campaign.launched_anyway.text":      "%[1]s (%[2]s) was launched anyway by %[3]s with %[4]d item(s) open:",                                  // number, theme, user, open
		"view.campaign.figure":                    "*%[1]s*: %[2]s of %[3]s due so far (%[4]d%%) · target %[5]s",                                          // figure, actual, due, pct, target
		"view.campaign.figure.nothing_due":        "*%[1]s*: %[2]s · target %[3]s (nothing due yet)",                                                      // figure, actual, target
		"view.campaign.live.orders":               "Paid orders: %d",                                                                                      // count
		"view.campaign.live.elapsed":              "%[1]d%% of the time elapsed (%[2]d%% with daily figures) · alert below %[3]d%% · as of %[4]s (%[5]s)", // clock pct, days pct, share, time, zone
		"view.campaign.day":                       "%[1]s · paid %[2]s · %[3]d orders · %[4]d visitors · %[5]s",                                           // date, amount, orders, visitors, source
		"view.campaign.day.metrics":               "daily figures",
		"view.campaign.day.orders":                "orders so far",
		"view.campaign.live.header":               "Live: %[1]s · %[2]s",                                                                    // number, theme
		"view.campaign.closing.header":            "Closing of the day: %[1]s · %[2]s",                                                      // number, theme
		"view.campaign.alert.below":               "⚠ %[1]s (%[2]s): %[3]s is %[4]s, %[6]d%% of the %[5]s due so far, below %[7]d%%.",       // number, theme, figure, actual, due, pct, share
		"view.campaign.alert.sold_out":            "⚠ %[1]s (%[2]s): campaign SKU %[3]s is sold out.",                                       // number, theme, sku
		"view.campaign.alert.hint":                "`/ops campaign show %d` for the figures.",                                               // id
		"view.campaign.ended.text":                "%[1]s (%[2]s) has ended. Please write its summary: what worked, what did not, lessons.", // number, theme
		"view.campaign.report.header":             "Campaign report: %[1]s · %[2]s",                                                         // number, theme
		"view.campaign.report.best":               "Best SKUs",
		"view.campaign.report.worst":              "Worst SKUs",
		"view.campaign.report.sku":                "`%[1]s` · %[2]d units · %[3]s",                       // sku, units, amount
		"view.campaign.report.cost_budget":        "Cost %[1]s of a budget of %[2]s",                     // cost, budget
		"view.campaign.report.cost":               "Cost %s",                                             // cost
		"view.campaign.report.timeliness":         "Checklist: %[1]d of %[2]d items done on time",        // on time, all
		"view.campaign.report.by":                 "Summary by %[1]s, %[2]s",                             // user, time
		"view.campaign.chart.comment":             "%s: paid amount per day (bars) and visitors (line).", // number
		"view.campaign.chart.alt":                 "Chart of %s's paid amount and visitors per day",      // number

		"campaign.xlsx.sheet.summary":   "Summary",
		"campaign.xlsx.sheet.days":      "By day",
		"campaign.xlsx.sheet.skus":      "SKUs",
		"campaign.xlsx.sheet.checklist": "Checklist",
		"campaign.xlsx.campaign":        "Campaign",
		"campaign.xlsx.figure":          "Figure",
		"campaign.xlsx.actual":          "Actual",
		"campaign.xlsx.target":          "Target",
		"campaign.xlsx.on_time":         "Done on time",
		"campaign.xlsx.date":            "Date",
		"campaign.xlsx.orders":          "Paid orders",
		"campaign.xlsx.source":          "Source",
		"campaign.xlsx.units":           "Units",
		"campaign.xlsx.item":            "Item",
		"campaign.xlsx.owner":           "Owner",
		"campaign.xlsx.due":             "Due",
		"campaign.xlsx.done_at":         "Done at",
		"campaign.xlsx.yes":             "yes",
		"campaign.xlsx.no":              "no",
		"help.campaign.alert":           "Set the share of the pro-rated target below which the owner is alerted: <id> <percent> (0: the default, STOREOPS_CAMPAIGN_ALERT_SHARE)",
		"help.campaign.export":          "Send yourself the workbook of an ended campaign's report: <id>",
		"campaign.export.sent":          "The workbook %s is on its way to your DM.", // file name
		"campaign.share.invalid":        "%v is not a share; give a percentage from 1 to 100 (0 for the default).",
		"campaign.share.set":            "The owner of %[1]s is now alerted below %[2]d%% of the pro-rated target.",
		"view.campaign.day.from_orders": "%[1]s · paid %[2]s · %[3]d orders · %[4]s", // date, amount, orders, source
	}
}
