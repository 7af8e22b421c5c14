package i18n

// englishAppraisal is the English text of the monthly appraisals (and leave).
func englishAppraisal() map[string]string {
	return map[string]string{
		"help.area.appraisal":        "Appraisals",
		"help.appraisal.show":        "Your appraisal result of a month (supervisors and HR: anyone's); default the last month",
		"help.appraisal.data":        "The figures StoreOps computed for an assistant's month, each with what it counts",
		"help.appraisal.items":       "The records behind one figure of an assistant's month (listings, delistings, held, aftersale, campaign, inquiries, complaints, satisfaction), each with how it counted",
		"help.appraisal.list":        "Every assistant's appraisal of a month and where it stands",
		"help.appraisal.rate":        "Rate an assistant's month (opens the rating form)",
		"help.appraisal.target":      "Set a store's KPI targets of a month, e.g. paid=120000 conversion=2.5%%",
		"help.appraisal.appeal":      "Appeal against your result of a month, with the reason (within the appeal window, 5 days by default)",
		"help.appraisal.adjust":      "Grant an appeal with a new total score (the old one is kept)",
		"help.appraisal.plan":        "Record an improvement plan: review date (YYYY-MM-DD) and goals; reminded on the day",
		"help.appraisal.export":      "The month's appraisals as an XLSX workbook, sent to you by DM",
		"kind.appraisal.appeal":      "Appraisal appeal",
		"kind.appraisal.appeal.noun": "appraisal appeal",

		"appraisal.status.prompted":       "waiting for the self-assessment",
		"appraisal.status.self_submitted": "self-assessed, waiting for the rating",
		"appraisal.status.rated":          "rated",
		"appraisal.status.published":      "published",
		"appraisal.status.appealed":       "appealed",
		"appraisal.status.adjusted":       "adjusted after appeal",
		"appraisal.status.upheld":         "upheld after appeal",

		"appraisal.dimension.task":     "Task completion",
		"appraisal.dimension.store":    "Store results",
		"appraisal.dimension.customer": "Customer satisfaction",
		"appraisal.dimension.teamwork": "Teamwork and attitude",

		"field.appraisal_achievements": "Achievements",
		"field.appraisal_shortcomings": "Shortcomings",
		"field.appraisal_measures":     "Improvement measures",
		"field.appraisal_task":         "Task completion",
		"field.appraisal_store":        "Store results",
		"field.appraisal_customer":     "Customer satisfaction",
		"field.appraisal_teamwork":     "Teamwork and communication",
		"field.appraisal_attitude":     "Attitude",
		"field.appraisal_comment":      "Comment",
		"field.appraisal_month":        "Month",
		"field.appraisal_total":        "Total score",

		"appraisal.figure.listing_first_time":          "New listings approved first time",
		"appraisal.figure.listing_first_time.what":     "new listings you submitted that were decided this month, and of them those approved without an earlier rejection",
		"appraisal.figure.delistings":                  "Delistings handled",
		"appraisal.figure.delistings.what":             "delistings you requested that were approved this month",
		"appraisal.figure.held_orders":                 "Held orders decided within a day",
		"appraisal.figure.held_orders.what":            "held orders you released or cancelled this month, and those decided within 24 h of arriving",
		"appraisal.figure.aftersale_closed":            "After-sales cases closed within the promise",
		"appraisal.figure.aftersale_closed.what":       "cases you owned that were closed this month, and those closed within the escalation time of opening",
		"appraisal.figure.campaign_items":              "Campaign checklist items done on time",
		"appraisal.figure.campaign_items.what":         "items of campaign checklists you own that fell due this month, and those ticked by their due time",
		"appraisal.figure.inquiry_timeliness":          "Inquiries answered on time",
		"appraisal.figure.inquiry_timeliness.what":     "inquiries you answered this month, and those answered by the time promised to the customer",
		"appraisal.figure.complaint_ack":               "Complaints acknowledged in time",
		"appraisal.figure.complaint_ack.what":          "complaints you acknowledged this month, and those within the acknowledgement deadline",
		"appraisal.figure.complaint_satisfaction":      "Complaint satisfaction",
		"appraisal.figure.complaint_satisfaction.what": "the customers' mean rating (1–5) of your complaints rated this month",
		"appraisal.figure.store_paid":                  "Paid amount against target",
		"appraisal.figure.store_paid.what":             "the store's paid amount of the month (daily figures) against the month's target",
		"appraisal.figure.store_conversion":            "Conversion against target",
		"appraisal.figure.store_conversion.what":       "the store's conversion of the month on its basis against the month's target",
		"appraisal.item.listings.good":                 "approved first time",
		"appraisal.item.listings.bad":                  "approved after a rejection",
		"appraisal.item.held.good":                     "decided within a day",
		"appraisal.item.held.bad":                      "decided after more than a day",
		"appraisal.item.aftersale.good":                "closed within the promise",
		"appraisal.item.aftersale.bad":                 "closed late",
		"appraisal.item.campaign.good":                 "done on time",
		"appraisal.item.campaign.bad":                  "late or not done",
		"appraisal.item.inquiries.good":                "answered on time",
		"appraisal.item.inquiries.bad":                 "answered late",
		"appraisal.item.complaints.good":               "acknowledged in time",
		"appraisal.item.complaints.bad":                "acknowledged late",

		"action.appraisal.prompt":   "sent the self-assessment prompt",
		"action.appraisal.escalate": "escalated the late self-assessment",
		"action.appraisal.self":     "submitted the self-assessment",
		"action.appraisal.rate":     "rated and published the result",
		"action.appraisal.flag":     "flagged a second failing month",
		"action.appraisal.appeal":   "appealed",
		"action.appraisal.adjusted": "adjusted the score after the appeal",
		"action.appraisal.upheld":   "upheld the score after the appeal",
		"action.appraisal.target":   "set the store's targets",
		"action.appraisal.plan":     "recorded an improvement plan",

		"view.appraisal.button.self":            "Write my self-assessment",
		"view.appraisal.button.rate":            "Rate",
		"view.appraisal.prompt.header":          "Appraisal %s",                                                                                                                           // month
		"view.appraisal.prompt":                 "Time for your self-assessment of %[1]s: your achievements, shortcomings, improvement measures and a score for each part. Due by %[2]s.", // month, deadline
		"view.appraisal.reminder":               "Reminder: your self-assessment of %[1]s is due by %[2]s.",                                                                               // month, deadline
		"view.appraisal.reminder.last":          "Last call: your self-assessment of %[1]s is due today, by %[2]s.",                                                                       // month, deadline
		"view.appraisal.escalated":              "%[1]s has not sent the self-assessment of %[2]s, due %[3]s.",                                                                            // assistant, month, deadline
		"view.appraisal.rating.header":          "Rating %s",                                                                                                                              // month
		"view.appraisal.rating.text":            "Rate %[1]s's %[2]s: the self-assessment and StoreOps' figures are below.",                                                               // assistant, month
		"view.appraisal.self.none":              "_No self-assessment (it was due %s)._",                                                                                                  // deadline
		"view.appraisal.self.title":             "*Self-assessment* (sent %s)",                                                                                                            // time
		"view.appraisal.self.scores":            "Self-scores",
		"view.appraisal.figure.list":            "(`/ops %s`)", // command
		"view.appraisal.figure.not_available":   "not available",
		"view.appraisal.figure.none":            "none this month",
		"view.appraisal.figure.ratio":           "%[1]d of %[2]d (%[3]s%%)", // good, counted, percent
		"view.appraisal.figure.minutes":         "mean %d min",              // minutes
		"view.appraisal.figure.average":         "%[1]s / 5 (%[2]d rated)",  // average, count
		"view.appraisal.figure.target":          "%[1]s of %[2]s (%[3]s%%)", // actual, target, percent
		"view.appraisal.figure.more":            "… and %d more",            // count
		"view.appraisal.figure.empty":           "No figures.",
		"view.appraisal.dimension.data":         "*%[1]s* — data part %[2]s",                                  // dimension, score
		"view.appraisal.show.pending":           "%[1]s's appraisal of %[2]s: %[3]s.",                         // assistant, month, status
		"view.appraisal.result.header":          "Appraisal result %s",                                        // month
		"view.appraisal.result.text":            "%[1]s's appraisal of %[2]s: %[3]s, tier %[4]s.",             // assistant, month, total, tier
		"view.appraisal.result.dimension":       "*%[1]s* (weight %[2]d%%): %[3]s — data %[4]s, rating %[5]s", // dimension, weight, score, data, rating
		"view.appraisal.result.total":           "*Total %[1]s* — tier %[2]s, bonus coefficient ×%[3]s",       // total, tier, coefficient
		"view.appraisal.result.no_data":         "no data",
		"view.appraisal.result.failed":          "(below the pass mark of %s)",                                                                                                                          // pass mark
		"view.appraisal.result.comment":         "Comment by %s:",                                                                                                                                       // supervisor
		"view.appraisal.adjusted":               "Adjusted after the appeal from %[1]s to %[2]s by %[3]s: %[4]s",                                                                                        // old, new, by, reason
		"view.appraisal.result.appeal":          "You may appeal until %[1]s: `/ops appraisal appeal %[2]s <reason>`",                                                                                   // until, month
		"view.appraisal.result.appealed":        "Appealed: %s",                                                                                                                                         // reason
		"view.appraisal.result.upheld":          "Appeal upheld: %s",                                                                                                                                    // reason
		"view.appraisal.flag":                   "%[1]s is below the pass mark of %[3]s for two months in a row (%[2]s). Record an improvement plan: `/ops appraisal plan %[1]s <review-date> <goals>`", // assistant, months, pass mark
		"view.appraisal.appeal.adjusted":        "HR granted your appeal of %[1]s: the total went from %[2]s to %[3]s (tier %[4]s). %[5]s",                                                              // month, old, new, tier, reason
		"view.appraisal.appeal.upheld":          "HR upheld your result of %[1]s: %[2]s",                                                                                                                // month, reason
		"view.appraisal.plan.review":            "The improvement plan of %[1]s is due for review today (%[2]s), recorded by %[3]s.",                                                                    // assistant, time, by
		"view.appraisal.plan.goals":             "Goals",
		"view.appraisal.data.header":            "Figures of %[1]s for %[2]s", // assistant, month
		"view.appraisal.data.note":              "Each figure is computed from StoreOps' own records of the month; a ratio's part is its share, an average's (value − 1) / 4, a target's the share reached (at most 100).",
		"view.appraisal.list.header":            "Appraisals of %[1]s (%[2]d)", // month, count
		"view.appraisal.list.empty":             "No appraisals for this month.",
		"view.appraisal.form.self.title":        "Self-assessment",
		"view.appraisal.form.rate.title":        "Rating",
		"view.appraisal.form.submit":            "Submit",
		"view.appraisal.form.self.intro":        "Your self-assessment of %[1]s, due by %[2]s.", // month, deadline
		"view.appraisal.form.hint.score":        "A whole number from 0 to 100",
		"view.appraisal.form.hint.achievements": "What went well this month",
		"view.appraisal.form.hint.shortcomings": "What did not go well",
		"view.appraisal.form.hint.measures":     "What you will do about it",
		"view.appraisal.form.hint.comment":      "Shown to the assistant and HR with the result",

		"appraisal.self.submitted": "Thank you: your self-assessment of %s is with your supervisors.",            // month
		"appraisal.rated":          "Rated %[1]s's %[2]s: %[3]s, tier %[4]s. The result went to them and to HR.", // assistant, month, total, tier
		"appraisal.target.set":     "Targets of %[1]s for %[2]s: paid %[3]s, conversion %[4]s.",                  // store, month, paid, conversion
		"appraisal.appealed":       "Your appeal of %[1]s went to HR (request #%[2]d).",                          // month, request
		"appraisal.adjusted":       "%[1]s's %[2]s adjusted from %[3]s to %[4]s.",                                // assistant, month, old, new
		"appraisal.plan.added":     "Improvement plan of %[1]s recorded; its review is reminded on %[2]s.",       // assistant, review time
		"appraisal.export.sent":    "Sent %s to you by DM.",                                                      // file name
		"appraisal.export.title":   "Appraisals %s",                                                              // month
		"appraisal.export.comment": "Every assistant's appraisal of %s.",                                         // month

		"appraisal.weights.invalid":           "The weight of %[1]s must be 0–100 (got %[2]d).",      // dimension, weight
		"appraisal.weights.sum":               "The weights must add up to 100 (they add up to %d).", // sum
		"appraisal.data_share.invalid":        "The data share must be 0–100 (got %d).",              // share
		"appraisal.pass_mark.invalid":         "The pass mark must be 0–100 (got %d tenths).",        // pass mark
		"appraisal.tiers.invalid":             "The bonus tiers must go from the highest score down to 0.",
		"appraisal.move.illegal":              "The appraisal of %[1]s cannot go from %[2]s to %[3]s.", // month, from, to
		"appraisal.month.invalid":             "Give the month as YYYY-MM, e.g. 2026-11 (got “%s”).",   // typed
		"appraisal.text.required":             "Please fill this in.",
		"appraisal.text.too_long":             "At most %d characters.",                                                  // maximum
		"appraisal.score.invalid":             "Give a whole number from 0 to 100 (got “%s”).",                           // typed
		"appraisal.total.invalid":             "Give the score as 0–100 with at most one decimal, e.g. 72.5 (got “%s”).", // typed
		"appraisal.target.none":               "Give at least one target: paid=<amount> conversion=<percent>.",
		"appraisal.target.paid.invalid":       "Give the paid target as an amount, e.g. 120000 (got “%s”).",      // typed
		"appraisal.target.conversion.invalid": "Give the conversion target as a percent, e.g. 2.5%% (got “%s”).", // typed
		"appraisal.target.unknown":            "Unknown target “%s”: use paid= and conversion=.",                 // typed
		"appraisal.target.store.invalid":      "“%s” is not a store code.",                                       // typed
		"appraisal.date.invalid":              "Give the date as YYYY-MM-DD (got “%s”).",                         // typed
		"appraisal.user.invalid":              "Name the person with an @mention (got “%s”).",                    // typed
		"appraisal.self.not_yours":            "This self-assessment is not yours.",
		"appraisal.self.done":                 "Your self-assessment of %s is already in (or rated).", // month
		"appraisal.rate.self":                 "Nobody rates their own appraisal.",
		"appraisal.rate.done":                 "The appraisal of %[1]s is already rated (by <@%[2]s>).", // month, supervisor
		"appraisal.show.forbidden":            "You may see only your own appraisals.",
		"appraisal.plan.goals":                "Give the plan's goals after the review date.",
		"appraisal.plan.past":                 "The review date %s has passed; give a later one.", // date
		"appraisal.appeal.reason":             "Give the reason for your appeal.",
		"appraisal.appeal.already":            "The result of %s was already appealed (or is not yet out).",                                                                // month
		"appraisal.appeal.not_published":      "The result of %s is not out yet.",                                                                                          // month
		"appraisal.appeal.window_closed":      "The appeal window of %[1]s closed on %[2]s.",                                                                               // month, time
		"appraisal.appeal.needs_score":        "To grant the appeal give the new score: `/ops appraisal adjust <@%[1]s> %[2]s <score> <reason>`; to refuse it, reject it.", // assistant, month
		"appraisal.adjust.reason":             "Give the reason for the adjustment.",
		"appraisal.adjust.no_appeal":          "The appraisal of %s has no open appeal.",      // month
		"appraisal.exists":                    "<@%[1]s> already has an appraisal for %[2]s.", // assistant, month
		"appraisal.not_found":                 "There is no appraisal #%d.",                   // id
		"appraisal.month.not_found":           "<@%[1]s> has no appraisal for %[2]s.",         // assistant, month
		"appraisal.plan.not_found":            "There is no improvement plan #%d.",            // id

		"appraisal.xlsx.sheet":           "Appraisals",
		"appraisal.xlsx.col.assistant":   "Assistant",
		"appraisal.xlsx.col.status":      "Status",
		"appraisal.xlsx.col.submitted":   "Self-assessed",
		"appraisal.xlsx.col.self":        "Self: %s",   // rated thing
		"appraisal.xlsx.col.rating":      "Rating: %s", // rated thing
		"appraisal.xlsx.col.total":       "Total",
		"appraisal.xlsx.col.tier":        "Tier",
		"appraisal.xlsx.col.coefficient": "Bonus coefficient",
		"appraisal.xlsx.col.passed":      "Passed",
		"appraisal.xlsx.col.rated_by":    "Rated by",
		"appraisal.xlsx.col.comment":     "Comment",
		"appraisal.xlsx.col.old_total":   "Total before appeal",
		"appraisal.xlsx.col.adjusted_by": "Adjusted by",
		"appraisal.xlsx.col.flagged":     "Flagged",
		"appraisal.xlsx.yes":             "yes",
		"appraisal.xlsx.no":              "no",

		"help.appraisal.settings":          "Show the appraisal's rules; HR and admins change them, e.g. task=30 store=30 customer=20 teamwork=20 data=50 pass=60 A=90:1.5 appeal=5 deadline=5 deadline_at=18:00",
		"action.appraisal.settings":        "changed the appraisal settings",
		"appraisal.settings.none":          "Give settings as key=value: %s.",        // keys
		"appraisal.settings.invalid":       "“%[2]s” is not a valid value of %[1]s.", // key, value
		"appraisal.settings.unknown":       "Unknown setting “%[1]s”: use %[2]s.",    // key, keys
		"view.appraisal.settings.header":   "Appraisal settings",
		"view.appraisal.settings.weights":  "*Weights:* %[1]s; data part %[2]d%% of a dimension that has data, the rating the rest",                                             // weights, data share
		"view.appraisal.settings.pass":     "*Pass mark:* %[1]s; *tiers:* %[2]s",                                                                                                // pass mark, tiers
		"view.appraisal.settings.tier":     "%[1]s ≥ %[2]s ×%[3]s",                                                                                                              // tier, floor, coefficient
		"view.appraisal.settings.schedule": "*Schedule:* prompt on day %[1]d at %[2]s, reminders on day %[3]d and on the deadline morning, deadline day %[4]d at %[5]s (%[6]s)", // day, time, day, day, time, zone
		"view.appraisal.settings.appeal":   "*Appeals:* within %d days of the result",                                                                                           // days
		"view.appraisal.settings.usage":    "HR and admins change them: `/ops appraisal settings task=30 store=30 customer=20 teamwork=20 data=50 pass=60 A=90:1.5 appeal=5 deadline=5 deadline_at=18:00 prompt_at=09:00`",

		// Drill-down of a figure (/ops appraisal items).
		"view.appraisal.figure.items":    "(`/ops appraisal items %[1]s %[2]s %[3]s`)",           // assistant, month, figure
		"view.appraisal.items.header":    "%[1]s of %[2]s for %[3]s: the records counted",        // figure, assistant, month
		"view.appraisal.item.rating":     "rated %d / 5",                                         // rating
		"appraisal.items.figure.invalid": "There is no figure %[1]q to list; use one of: %[2]s.", // figure, figures
		"view.appraisal.items.empty":     "No records this month.",
		"view.appraisal.item.good":       "counted as good",
		"view.appraisal.item.bad":        "not counted as good",

		// Leave (SPEC §7).
		"help.area.leave":        "Leave",
		"help.leave.request":     "Ask for leave: dates YYYY-MM-DD, type (annual, sick, personal, other), reason; a supervisor approves",
		"help.leave.list":        "Approved leave now and to come",
		"kind.leave":             "Leave",
		"kind.leave.noun":        "leave request",
		"field.leave_dates":      "Dates",
		"field.leave_type":       "Type of leave",
		"leave.type.annual":      "annual leave",
		"leave.type.sick":        "sick leave",
		"leave.type.personal":    "personal leave",
		"leave.type.other":       "other leave",
		"action.leave.request":   "asked for leave",
		"action.leave.approved":  "approved the leave",
		"action.leave.rejected":  "rejected the leave",
		"leave.requested":        "Your %[3]s from %[1]s to %[2]s went to the supervisors (request #%[4]s). While it lasts your reminders wait until you are back.", // from, to, type, request
		"leave.usage":            "Use `/ops leave <from> <to> <type> <reason>`, e.g. `/ops leave 2026-12-10 2026-12-12 annual family visit`.",
		"leave.date.invalid":     "Give dates as YYYY-MM-DD (got “%s”).",                          // typed
		"leave.dates.order":      "The leave ends (%[2]s) before it starts (%[1]s).",              // from, to
		"leave.dates.past":       "The leave ended on %s, in the past.",                           // to
		"leave.dates.too_long":   "%[1]d days is longer than the %[2]d days one request may ask.", // days, maximum
		"leave.type.invalid":     "Unknown type of leave “%[1]s”: use %[2]s.",                     // typed, types
		"leave.reason.required":  "Give the reason for the leave.",
		"leave.reason.too_long":  "The reason may be at most %d characters.", // maximum
		"leave.not_found":        "There is no leave #%d.",                   // id
		"view.leave.list.header": "Leave now and to come (%d)",               // count
		"view.leave.list.line":   "• %[1]s %[2]s – %[3]s, %[4]s: %[5]s",      // user, from, to, type, reason
		"view.leave.list.empty":  "Nobody is on leave.",
		"view.leave.on_leave":    "%[1]s is on leave until %[2]s.", // user, last day
	}
}
