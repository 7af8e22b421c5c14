package i18n

// englishAftersale is the English text of the after-sales area.
func englishAftersale() map[string]string {
	return map[string]string{
		"help.area.aftersale":            "After-sales",
		"help.aftersale.new":             "Open an after-sales case (return, exchange, refund only, reissue) against an order",
		"help.aftersale.move":            "Move a case to its next state; closing needs the text told to the customer, rejecting a reason",
		"help.aftersale.show":            "Show a case and the moves it allows",
		"help.aftersale.list":            "List open cases, your own, or those that have not moved for a day",
		"help.aftersale.history":         "Show a case's history",
		"help.store.refund_threshold":    "Set the refund above which a supervisor must approve (default 500.00)",
		"store.refund_threshold.invalid": "Give the refund threshold as an amount from 0 to %s, e.g. 500 or 800.00.", // maximum
		"store.refund_threshold.set":     "Refunds of %[1]s above %[2]s now need a supervisor's approval.",           // store, amount

		"aftersale.type.return":      "Return and refund",
		"aftersale.type.exchange":    "Exchange",
		"aftersale.type.refund_only": "Refund only",
		"aftersale.type.reissue":     "Reissue",

		"aftersale.status.requested":       "requested",
		"aftersale.status.approved":        "approved",
		"aftersale.status.awaiting_return": "awaiting return",
		"aftersale.status.received":        "received",
		"aftersale.status.inspected":       "inspected",
		"aftersale.status.refunded":        "refunded",
		"aftersale.status.exchanged":       "exchanged",
		"aftersale.status.reissued":        "reissued",
		"aftersale.status.closed":          "closed",
		"aftersale.status.rejected":        "rejected",

		"field.case_type":          "Type",
		"field.case_items":         "Items",
		"field.refund_amount":      "Refund amount",
		"field.case_demand":        "Customer's demand",
		"field.case_evidence":      "Evidence images",
		"field.case_customer_text": "Text told to the customer",
		"field.case_order":         "Order",
		"field.case_paid":          "Paid for the order",
		"field.refund_threshold":   "Store's refund threshold",

		"kind.aftersale.refund":      "Refund",
		"kind.aftersale.refund.noun": "refund",

		"action.aftersale.open":         "opened the case",
		"action.aftersale.auto_approve": "approved it within the refund threshold",
		"action.aftersale.move":         "moved the case",
		"action.aftersale.approve":      "approved the refund",
		"action.aftersale.reject":       "rejected the refund",
		"action.aftersale.receive":      "confirmed the goods were received",
		"action.aftersale.stock":        "confirmed the goods are in stock",
		"action.store.refund_threshold": "set the refund threshold",

		// Problems and refusals.
		"aftersale.type.invalid":           "Choose the type of the case (got “%s”).",
		"aftersale.items.required":         "Name the items the case is about, as SKU×quantity.",
		"aftersale.items.not_in_order":     "%[1]s is not an item of %[2]s.",                         // SKU, order
		"aftersale.items.too_many":         "%[1]s: %[2]d is more than the %[3]d ordered.",           // SKU, asked, ordered
		"aftersale.items.too_long":         "The items may be at most %d characters.",                // maximum
		"aftersale.items.too_many_lines":   "Name at most %d items.",                                 // maximum
		"aftersale.items.invalid":          "“%s” is not an item: write SKU×quantity, e.g. MUG-1×2.", // the line
		"aftersale.items.twice":            "%s is named twice; give its quantity once.",             // SKU
		"aftersale.amount.invalid":         "“%s” is not an amount: give it like 129.90.",
		"aftersale.amount.required":        "Give the amount to refund.",
		"aftersale.amount.above_cap":       "%[1]s is more than can still be refunded for this order: at most %[2]s (paid %[3]s, less the other cases).", // amount, left, paid
		"aftersale.reason.required":        "Give the reason.",
		"aftersale.text.too_long":          "Write at most %d characters.",
		"aftersale.evidence.too_many":      "Give at most %[1]d image links (got %[2]d).", // maximum, got
		"aftersale.evidence.invalid":       "“%s” is not an image link: give http(s) URLs, one per line.",
		"aftersale.customer_text.required": "Write what the customer was told.",
		"aftersale.approval_pending":       "Case %[1]s waits for the supervisor's decision on refund request #%[2]d; it moves when that is decided.", // case, request
		"aftersale.move.illegal":           "Case %[1]s is %[2]s and cannot go to %[3]s. Allowed next: %[4]s.",                                        // case, state, target, allowed
		"aftersale.not_found":              "There is no after-sales case #%v.",
		"aftersale.received.already":       "Case %[1]s was already confirmed received by <@%[2]s>.", // case, user ID
		"aftersale.stock.already":          "Case %[1]s was already confirmed in stock by <@%[2]s>.", // case, user ID
		"aftersale.stock.not_asked":        "Case %[1]s (%[2]s) does not wait for a stock check.",    // case, state
		"aftersale.list.unknown":           "There is no case list “%[1]s”; choose one of: %[2]s.",   // typed, lists
		"aftersale.status.unknown":         "“%[1]s” is not a case state; use one of: %[2]s.",        // typed, states
		"aftersale.id.invalid":             "“%s” is not a case number: give it like 12 or #12.",
		"aftersale.moved":                  "Case %[1]s is now %[2]s.",                                                                 // case, state
		"aftersale.opened.approved":        "Case %[1]s on %[2]s is open and approved (refund %[3]s, within the threshold).",           // case, order, amount
		"aftersale.opened.approval":        "Case %[1]s on %[2]s is open; the refund of %[3]s went to a supervisor as request #%[4]s.", // case, order, amount, request

		// Views.
		"view.aftersale.text":                  "After-sales %[1]s · %[2]s · %[3]s", // case, order, state
		"view.aftersale.header":                "After-sales %[1]s · %[2]s · %[3]s", // case, type, order
		"view.aftersale.opened":                "Opened by %[1]s on %[2]s",          // user, time
		"view.aftersale.amount":                "%[1]s of %[2]s paid",               // refund, paid
		"view.aftersale.awaiting_approval":     "⏳ Waiting for the supervisor's approval (request #%[1]d): the refund is above the store's threshold of %[2]s.",
		"view.aftersale.auto_approved":         "✅ Approved at once: the refund is within the store's threshold of %s.",
		"view.aftersale.received_by":           "📦 Received, confirmed by %[1]s on %[2]s",                 // user, time
		"view.aftersale.stock_by":              "📦 In stock, confirmed by %[1]s on %[2]s",                 // user, time
		"view.aftersale.moved":                 "Last moved by %[1]s on %[2]s",                            // user, time
		"view.aftersale.moved.dm":              "Your case %[1]s (%[2]s) is now *%[3]s*, moved by %[4]s.", // case, order, state, user
		"view.aftersale.button.to":             "→ %s",
		"view.aftersale.next":                  "Next: /ops aftersale move %[1]d <state> with state %[2]s", // id, states
		"view.aftersale.list.title.open":       "Open after-sales cases: %d",
		"view.aftersale.list.title.mine":       "Your open after-sales cases: %d",
		"view.aftersale.list.title.stale":      "Cases that have not moved: %d",
		"view.aftersale.list.empty":            "No cases.",
		"view.aftersale.list.line":             "*%[1]s* %[2]s · %[3]s · %[4]s · %[5]s · %[6]s · %[7]s", // case, order, type, state, amount, owner, last move
		"view.aftersale.list.more":             "…and %d more.",
		"view.aftersale.form.title":            "After-sales case",
		"view.aftersale.form.submit":           "Open case",
		"view.aftersale.form.type":             "Choose a type",
		"view.aftersale.form.hint.items":       "SKU×quantity, separated by commas, e.g. MUG-1×1, CUP-2×2. Items of the order only.",
		"view.aftersale.form.hint.amount":      "What the customer gets back; 0 for an exchange or reissue. The order paid %s.",
		"view.aftersale.form.hint.reason":      "Why the customer asks (damaged, wrong size, not as described …).",
		"view.aftersale.form.hint.demand":      "What the customer wants, in their words.",
		"view.aftersale.form.hint.evidence":    "Image links (http/https), one per line, at most %d.",
		"view.aftersale.close.title":           "Close the case",
		"view.aftersale.reject.title":          "Reject the case",
		"view.aftersale.text.submit":           "Save",
		"view.aftersale.text.hint.closed":      "What the customer was told; it is kept with the case.",
		"view.aftersale.text.hint.rejected":    "Why the case is rejected; the owner sees it.",
		"view.aftersale.warehouse.text":        "After-sales %[1]s · %[2]s · %[3]s: please confirm", // case, order, type
		"view.aftersale.warehouse.ask_receipt": "Please confirm when the returned goods arrive.",
		"view.aftersale.warehouse.ask_stock":   "Please confirm the goods to send are in stock.",
		"view.aftersale.warehouse.done":        "The case is %s.",
		"view.aftersale.button.received":       "Confirm received",
		"view.aftersale.button.stock":          "Confirm in stock",
		"view.aftersale.stale":                 "Case %[1]s (%[2]s) has not moved for %[3]d h; it is %[4]s. Owner: %[5]s.",                    // case, order, hours, state, owner
		"view.aftersale.escalated":             "⚠️ Case %[1]s (%[2]s) has not moved for %[3]d h; it is %[4]s. Owner: %[5]s. Please step in.", // case, order, hours, state, owner
	}
}
