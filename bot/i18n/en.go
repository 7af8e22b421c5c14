package i18n

// english is the English catalog. Comments name the arguments where a message takes any;
// the Chinese catalog must use the same ones (the tests check it). Texts that a view puts in
// mrkdwn avoid <, > and &, which Slack would read as markup.
func englishBase() map[string]string {
	return map[string]string{
		// Kernel errors.
		"error.invalid_fields":    "Please fix the following (%d):", // number of problems
		"error.problem":           "• %[1]s: %[2]s",                 // field label, problem
		"error.needs_role":        "This needs the %s role.",        // role
		"error.internal":          "Something went wrong on our side (ref %s). Please try again; if it keeps happening, tell an admin.",
		"error.internal_noref":    "Something went wrong on our side. Please try again; if it keeps happening, tell an admin.",
		"error.not_found":         "That was not found; it may have been removed.",
		"error.concurrent_change": "Someone else changed this at the same moment. Please look at it again and retry.",

		// Roles.
		"role.exists":           "%[1]s already has the %[2]s role.",   // user, role
		"role.not_held":         "%[1]s does not have the %[2]s role.", // user, role
		"role.configured_admin": "%s is an admin by configuration (STOREOPS_ADMINS); remove them there.",
		"role.name.admin":       "admin",
		"role.name.supervisor":  "supervisor",
		"role.name.assistant":   "assistant",
		"role.name.hr":          "HR",

		// Stores.
		"store.code.invalid":     "Use 1 to 20 letters, digits, dashes or underscores, starting with a letter or digit.",
		"store.platform.invalid": "Choose one of: %s.", // the platforms
		"store.name.invalid":     "Give a name of 1 to 80 characters.",
		"store.exists":           "There is already a store %s.", // store code
		"store.not_found":        "There is no store %s.",        // store code
		"platform.taobao":        "Taobao",
		"platform.tmall":         "Tmall",
		"platform.jd":            "JD",
		"platform.pinduoduo":     "Pinduoduo",
		"platform.douyin":        "Douyin",
		"platform.shopify":       "Shopify",
		"platform.other":         "other",

		// Orders: what the ingestion API and file import say of an order's fields. Field names
		// are JSON paths ("items[0].quantity"), shown next to each problem.
		"order.field.required":         "This field is required.",
		"order.field.too_long":         "Use at most %s characters.", // maximum
		"order.items.empty":            "An order needs at least one item.",
		"order.items.too_many":         "An order may have at most %s items.",                           // maximum
		"order.quantity.invalid":       "Give the quantity as a whole number of at least 1 (got “%s”).", // as sent
		"order.amount.invalid":         "“%s” is not an amount; give a decimal number such as 129.90, not negative.",
		"order.payment_status.invalid": "“%[1]s” is not a payment status; use one of: %[2]s.", // as sent, the statuses
		"order.time.invalid":           "“%s” is not a time; use RFC 3339, such as 2026-11-11T00:05:00+08:00.",
		"order.store.mismatch":         "This order is for store %[1]s but was sent for store %[2]s.",    // order's store, delivery's store
		"order.batch.too_large":        "A delivery may carry at most %[2]d orders; this one has %[1]d.", // sent, maximum

		// Store API tokens.
		"store.token.invalid": "The API token is missing or wrong for this store.",
		"store.token.not_set": "Store %s has no API token yet.", // store code
		// store code, token
		"store.token.rotated": "New order API token for %[1]s:\n`%[2]s`\nThis is the only time it is shown: put it in the platform's push settings now, sent as the header Authorization: Bearer followed by the token. The previous token has stopped working.",

		// Ingestion API (answers to the platforms' programs, always in English).
		"api.malformed_json":     "The request body is not JSON of the expected shape: an object with “store” and an “orders” array.",
		"api.body_too_large":     "The request body is larger than 16 MiB; send the orders in smaller batches.",
		"api.unreadable_body":    "The request body could not be read.",
		"api.cancelled":          "The request ended before the batch was finished; send the same batch again (orders already stored answer unchanged).",
		"api.store_required":     "Name the store: “store” is missing.",
		"api.orders_empty":       "The delivery has no orders; send at least one in “orders”.",
		"api.method_not_allowed": "This endpoint does not accept that method; see the Allow header.",
		"api.not_found":          "There is no such API endpoint.",
		"api.order.not_object":   "Each order must be a JSON object.",
		"api.order.wrong_type":   "This value has the wrong JSON type (text where a number or an object belongs, or the reverse).",
		"api.order.unreadable":   "This order could not be read.",

		// Held orders: what deciding on one says.
		"order.reason.required":  "Give a reason for cancelling the order.",
		"order.note.required":    "Write what you learned from the customer.",
		"order.already_closed":   "Order %[1]s is already %[2]s.",                    // order, status (released by the review itself)
		"order.already_decided":  "Order %[1]s is already %[2]s (decided by %[3]s).", // order, status, decider
		"order.exists":           "Order %s is already stored.",                      // store/platform order id
		"order.not_found":        "There is no order %v.",                            // id or store/platform order id
		"order.status.held":      "held",
		"order.status.released":  "released",
		"order.status.shipped":   "shipped",
		"order.status.cancelled": "cancelled",

		// Order review (订单审核): each check's short name, for lists and `/ops rules`.
		"check.incomplete_address":  "Incomplete address",
		"check.missing_contact":     "Missing name or phone",
		"check.conflicting_region":  "Address names two provinces",
		"check.remote_keywords":     "Remote area",
		"check.duplicate_order":     "Duplicate or mergeable order",
		"check.multiple_addresses":  "Same buyer, several addresses",
		"check.many_to_one_address": "Many orders to one address",
		"check.blacklisted":         "Blacklisted buyer, phone or address",
		"check.unpaid":              "Unpaid or partly paid",
		"check.refund_requested":    "Refund requested",
		"check.oversold":            "Oversold",
		"check.abnormal_quantity":   "Abnormal quantity",
		"check.amount_out_of_range": "Amount out of range",
		"check.below_floor_price":   "Below floor price",
		"check.remark_keywords":     "Watched words in remarks",

		// Order review: the reason a held order's card shows for each finding. The args are the
		// check's (order.Check.Keys), all text; the card escapes them, so no mrkdwn here.
		"flag.incomplete_address.province":     "The address has no province",
		"flag.incomplete_address.city":         "The address has no city",
		"flag.incomplete_address.district":     "The address has no district or county",
		"flag.incomplete_address.street":       "The address has no street or house number",
		"flag.incomplete_address.street_short": "The street address is too short to find: %[1]s characters, at least %[2]s needed", // length, minimum
		"flag.missing_contact.name":            "No buyer name",
		"flag.missing_contact.phone":           "No phone number",
		"flag.missing_contact.phone_invalid":   "The phone number %s does not look valid",                                                            // masked phone
		"flag.conflicting_region":              "Region conflict: the province is %[1]s but the address also names %[2]s",                            // province, other province
		"flag.conflicting_region.two":          "The address names two provinces: %[1]s and %[2]s",                                                   // first, second
		"flag.remote_keywords":                 "Remote area (%s): check that the carrier delivers there",                                            // keywords found
		"flag.duplicate_order":                 "Possible duplicate of %[1]s: same buyer and address within %[2]s; merge them into one parcel if so", // orders, buffer
		"flag.multiple_addresses":              "The buyer has other open orders to %[1]s different addresses within %[3]s: %[2]s",                   // address count, orders, window
		"flag.many_to_one_address":             "%[1]s orders to this address within %[2]s (more than %[3]s): possible malicious orders",             // count, window, limit
		"flag.blacklisted.buyer":               "Buyer account %[1]s is on the blacklist: %[2]s",                                                     // account, reason
		"flag.blacklisted.phone":               "Phone %[1]s is on the blacklist: %[2]s",                                                             // masked phone, reason
		"flag.blacklisted.address":             "The address is on the blacklist: %s",                                                                // reason
		"flag.blacklisted":                     "On the blacklist (%[1]s): %[2]s",                                                                    // kind, reason
		"flag.unpaid":                          "Not paid",
		"flag.unpaid.partial":                  "Partly paid: %[1]s of %[2]s",         // paid, due
		"flag.unpaid.short":                    "Paid %[1]s, less than the %[2]s due", // paid, due
		"flag.refund_requested":                "The buyer has requested a refund on the platform",
		"flag.refund_requested.refunded":       "Already refunded on the platform",
		"flag.oversold":                        "Oversold: %s × %s ordered, %s in stock",                    // SKU, quantity, stock
		"flag.abnormal_quantity.items":         "Unusual quantity: %[1]s pieces (normal is %[2]s to %[3]s)", // count, minimum, maximum
		"flag.abnormal_quantity.skus":          "Unusual number of SKUs: %[1]s (normal is %[2]s to %[3]s)",  // count, minimum, maximum
		"flag.abnormal_quantity.line":          "Invalid quantity %[2]s for %[1]s",                          // SKU, quantity
		"flag.amount_out_of_range.high":        "Amount %[1]s is above the limit of %[2]s",                  // amount, maximum
		"flag.amount_out_of_range.low":         "Amount %[1]s is below the minimum of %[2]s",                // amount, minimum
		"flag.below_floor_price":               "%[1]s sold at %[2]s, below its floor price of %[3]s",       // SKU, unit price, floor price
		"flag.remark_keywords.buyer":           "The buyer's remark mentions %s",                            // keywords found
		"flag.remark_keywords.service":         "The service remark mentions %s",                            // keywords found

		// Review rules and the blacklist, as an admin sets them.
		"rules.check.unknown":    "“%[1]s” is not a check; use one of: %[2]s.",                                                                                               // typed, the checks
		"rules.severity.invalid": "“%[1]s” is not a severity; use one of: %[2]s.",                                                                                            // typed, the severities
		"rules.param.unknown":    "%[2]s has no parameter “%[1]s” (its parameters: %[3]s).",                                                                                  // parameter, check, its parameters
		"rules.param.invalid":    "“%[2]s” is not a valid %[3]s value.",                                                                                                      // (parameter), value, kind
		"rules.param.order":      "The minimum %[1]s=%[2]s is above the maximum %[3]s=%[4]s.",                                                                                // min parameter, value, max parameter, value
		"rules.scope.amount":     "The amount range %[1]s to %[2]s is not valid: no bound may be negative, and the minimum may not be above the maximum (0 means no bound).", // minimum, maximum
		"rules.scope.province":   "“%s” is not a province StoreOps recognises.",                                                                                              // typed
		"rules.not_found":        "Store %s has no review rules of its own; it uses the default rules.",                                                                      // store code
		"blacklist.exists":       "%[2]s is already on the blacklist.",                                                                                                       // (kind), value
		"blacklist.not_found":    "%[2]s is not on the blacklist.",                                                                                                           // (kind), value

		// Approvals.
		"approval.already_decided":           "This request was already decided (%[1]s) by %[2]s.", // status, decider
		"approval.already_decided.approved":  "Already approved by %s.",                            // decider
		"approval.already_decided.rejected":  "Already rejected by %s.",                            // decider
		"approval.already_decided.cancelled": "Already cancelled by %s.",                           // decider
		"approval.already_closed":            "This request is already %s.",                        // status
		"approval.self":                      "You cannot decide your own request.",
		"approval.not_approver":              "Only the %s role can decide this request.", // role
		"approval.already_voted":             "You have already given your decision on this request.",
		"approval.reason_required":           "Please give a reason for the rejection.",
		"approval.not_found":                 "That approval request does not exist.",
		"status.approval.pending":            "pending",
		"status.approval.approved":           "approved",
		"status.approval.rejected":           "rejected",
		"status.approval.cancelled":          "cancelled",
		"status.approval.expired":            "expired",
		"kind.listing.publish":               "New listing",
		"kind.listing.publish.noun":          "new listing",
		"kind.listing.change":                "Major listing change",
		"kind.listing.change.noun":           "listing change",
		"kind.listing.delist":                "Delisting",
		"kind.listing.delist.noun":           "delisting request for",

		// Listings.
		"listing.field.required":           "This field is required.",
		"listing.field.unknown":            "There is no field %s.",                          // field
		"listing.field.not_updatable":      "%[1]s cannot be changed; you can change %[2]s.", // field, the fields that can change
		"listing.sku.invalid":              "Use up to 64 letters, digits, dots, dashes and underscores, starting with a letter or digit.",
		"listing.text.too_long":            "Too long: %[2]d characters, at most %[1]d.",                                        // limit, length
		"listing.keywords.too_many":        "Too many keywords: %[2]d, at most %[1]d.",                                          // limit, count
		"listing.keywords.too_long":        "The keyword “%[1]s” is longer than %[2]d characters.",                              // keyword, limit
		"listing.price.invalid":            "“%s” is not an amount; write it like 129 or 129.90.",                               // what was typed
		"listing.price.range":              "The price must be above 0 and at most %s.",                                         // maximum
		"listing.stock.invalid":            "“%[1]s” is not a stock count; use a whole number from 0 to %[2]d.",                 // typed, maximum
		"listing.images.too_many":          "Too many images: %[2]d, at most %[1]d.",                                            // limit, count
		"listing.images.invalid":           "%s is not an image URL; it must start with http:// or https://.",                   // the URL
		"listing.description.too_short":    "Too short: write at least %d characters.",                                          // minimum
		"listing.store.unknown":            "There is no store %s.",                                                             // store code
		"listing.exists":                   "The store already has %[1]s; change that listing instead of submitting it as new.", // store/SKU (then its status, unused)
		"listing.not_found":                "That listing no longer exists.",
		"listing.sku_not_found":            "There is no listing %s.", // what was typed
		"listing.ref.invalid":              "“%s” does not name a listing; write STORE/SKU or just the SKU.",
		"listing.ambiguous":                "Several stores have SKU %[1]s (%[2]s); write it as STORE/SKU.", // SKU, the listings
		"listing.status.unknown":           "“%s” is not a listing status; use draft, pending_review, live, pending_delisting or delisted.",
		"listing.update.nothing":           "Say what to change, for example price=129 stock=20.",
		"listing.update.status":            "%[1]s is %[2]s; only draft and live listings can be changed.", // listing, status
		"listing.stock.moved":              "The stock of %s changed meanwhile; try again.",                // store/SKU
		"listing.change_pending":           "%s already has a change waiting for approval; wait for that decision first.",
		"listing.delist.status":            "%[1]s is %[2]s; only live listings can be delisted.", // listing, status
		"status.listing.draft":             "draft",
		"status.listing.pending_review":    "pending review",
		"status.listing.live":              "live",
		"status.listing.pending_delisting": "pending delisting",
		"status.listing.delisted":          "delisted",

		// The floor price, the one optional field of a listing.
		"listing.floor_price.invalid":             "“%s” is not an amount; write it like 99 or 99.90, or leave it empty for no floor price.",                             // what was typed
		"listing.floor_price.range":               "The floor price must be above 0 and at most %s; leave it empty for no floor price.",                                  // maximum
		"listing.floor_price.above_price":         "The floor price %[1]s is above the price %[2]s; it can be at most the price.",                                        // floor, price
		"listing.floor_price.above_pending_price": "The floor price %[1]s is above the price %[2]s waiting for approval (request #%[3]d); it can be at most that price.", // floor, pending price, request

		// Field labels: forms, problems, card details and history.
		"field.store":          "Store",
		"field.sku":            "SKU",
		"field.title":          "Title",
		"field.category":       "Category",
		"field.keywords":       "Keywords",
		"field.price":          "Price",
		"field.floor_price":    "Floor price",
		"field.stock":          "Stock",
		"field.images":         "Images",
		"field.description":    "Description",
		"field.listing":        "Listing",
		"field.reason":         "Reason",
		"field.code":           "Code",
		"field.platform":       "Platform",
		"field.name":           "Name",
		"field.status":         "Status",
		"field.owner":          "Owner",
		"field.reject_reason":  "Rejection reason",
		"field.pending_change": "Pending change",
		"field.role":           "Role",
		"field.kind":           "Kind",
		"field.id":             "ID",
		"field.decided_by":     "Decided by",
		"field.requester":      "Requested by",
		"field.due":            "Due",
		"field.live_since":     "Live since",
		"field.last_sale":      "Last sale",
		"field.updated_at":     "Updated",
		"field.created_at":     "Created",
		"field.created_by":     "Created by",
		"field.check":          "Check",
		"field.severity":       "Severity",
		"field.scope":          "Scope",
		"field.param":          "Parameter",
		"field.note":           "Note",

		// Audit actions, as the history shows them.
		"action.listing.submit":           "submitted for review",
		"action.listing.publish":          "approved and published",
		"action.listing.reject":           "rejected in review",
		"action.listing.update":           "updated",
		"action.listing.change_requested": "requested a major change",
		"action.listing.change_approved":  "approved the change",
		"action.listing.change_rejected":  "rejected the change",
		"action.listing.delist_requested": "requested delisting",
		"action.listing.delist":           "approved the delisting",
		"action.listing.delist_rejected":  "rejected the delisting",
		"action.approval.submit":          "filed an approval request",
		"action.approval.approve":         "approved",
		"action.approval.reject":          "rejected",
		"action.store.add":                "added the store",
		"action.role.grant":               "granted a role",
		"action.role.revoke":              "revoked a role",
		"action.order.receive":            "received the order",
		"action.order.update":             "updated the order from the platform",
		"action.store.token_rotated":      "rotated the API token",
		"action.order.release":            "verified and released the order",
		"action.order.cancel":             "cancelled the order",
		"action.order.note":               "added a note",
		"action.order.blacklist":          "blacklisted the buyer",
		"action.store.channel":            "set an order channel",

		// Shared bits of views.
		"actor.api":        "the %s order API",
		"actor.system":     "StoreOps",
		"list.none":        "none",
		"list.separator":   ", ",
		"view.label":       "%s:", // label
		"view.more_fields": "…and %d more details",

		// Approval card.
		"view.card.header":            "%[1]s: %[2]s",                // kind, title
		"view.card.requested":         "Requested by %[1]s on %[2]s", // user, time
		"view.card.due":               "Due %s",                      // time
		"view.card.note":              "Note",
		"view.card.votes":             "Approvals so far: %[1]d of %[2]d (%[3]s)",               // count, required, who
		"view.card.votes.none":        "Needs %d approvals; none yet.",                          // required
		"view.card.outcome.approved":  "✅ Approved by %[1]s on %[2]s",                           // decider, time
		"view.card.outcome.rejected":  "❌ Rejected by %[1]s on %[2]s",                           // decider, time
		"view.card.outcome.cancelled": "Cancelled by %[1]s on %[2]s",                            // decider, time
		"view.card.outcome":           "Status: %[1]s (%[2]s)",                                  // status, time
		"view.card.text.pending":      "%[1]s: %[2]s, requested by %[3]s, waits for a decision", // kind, title, requester
		"view.card.text.decided":      "%[1]s: %[2]s (%[3]s)",                                   // kind, title, status
		"view.button.approve":         "Approve",
		"view.button.reject":          "Reject",

		// Decision sent to the requester.
		"view.decided.approved":              "Your %[1]s %[2]s was approved by %[3]s.", // kind, title, decider
		"view.decided.rejected":              "Your %[1]s %[2]s was rejected by %[3]s.", // kind, title, decider
		"view.decided.other":                 "Your %[1]s %[2]s is now %[3]s.",          // kind, title, status
		"view.next.listing.publish.approved": "The listing is live now.",
		"view.next.listing.publish.rejected": "It is back in draft: fix it and submit it again.",
		"view.next.listing.change.approved":  "The change is applied.",
		"view.next.listing.change.rejected":  "The listing keeps its current values.",
		"view.next.listing.delist.approved":  "The listing is delisted and its stock recorded as 0.",
		"view.next.listing.delist.rejected":  "The listing stays live.",
		"view.reminder":                      "⏰ Waiting for your decision since %[1]s (due %[2]s).",                                                                                                                        // filed, due
		"view.reminder.text":                 "Reminder: %[1]s %[2]s waits for your decision",                                                                                                                               // kind, title
		"view.no_approvers":                  "Nobody can decide your %[1]s %[2]s yet: no one holds the role that approves it. The request is saved and waits; ask an admin to grant that role (for listings: supervisor).", // kind, title
		"view.no_approvers.text":             "Nobody can approve your %[1]s %[2]s yet",                                                                                                                                     // kind, title

		// Delisting offers.
		"view.delist.intro":       "%[1]d of your live listings may need delisting: sold out, or no sale for %[2]d days or more.", // count, days
		"view.delist.sold_out":    "sold out",
		"view.delist.slow_moving": "no sale for %d days", // days
		"view.delist.button":      "Request delisting",
		"view.delist.more":        "…and %d more — see `/ops listing list live`",
		"view.delist.none":        "No listing needs delisting.",
		"view.delist.text":        "%d listings may need delisting",

		// Help.
		"view.help.title":      "StoreOps commands",
		"view.help.title.area": "StoreOps commands: %s", // area
		"view.help.none":       "No commands here.",
		"view.help.footer":     "`/ops help listing` shows one area only.",
		"help.area.listing":    "Listings",
		"help.area.approval":   "Approvals",
		"help.area.role":       "Roles",
		"help.area.store":      "Stores",
		"help.area.general":    "General",

		// Listings.
		"view.listing.pending":      "%[1]s (pending change: %[2]s)",                                                    // current, proposed
		"view.listing.pending_note": "A major change waits for approval (request #%[1]d), requested by %[2]s on %[3]s.", // request, user, time
		"view.listing.awaiting":     "Waiting for approval: request #%d.",
		"view.list.title":           "Listings (%d)",
		"view.list.title.status":    "Listings — %[1]s (%[2]d)", // status, count
		"view.list.empty":           "No listings.",
		"view.list.empty.status":    "No listings are %s.", // status
		"view.list.stock":           "stock %d",
		"view.list.more":            "…and %d more not shown; filter by status or store to narrow the list.",
		"view.update.applied":       "Updated %s:",                                 // listing
		"view.update.held":          "Held for supervisor approval (request #%d):", // request
		"view.update.nothing":       "Nothing changed on %s: the new values are the same as the current ones.",

		// Approval list.
		"view.approvals.title": "Waiting for your decision (%d)",
		"view.approvals.empty": "Nothing waits for your decision.",
		"view.approvals.more":  "…and %d more; they show up here as you decide these.",

		// History.
		"view.history.title":        "History of %s",
		"view.history.empty":        "No history yet.",
		"view.history.earlier":      "…%d earlier entries not shown.",
		"view.history.more_changes": "…and %d more changes",

		// Roles, whoami, stores.
		"view.roles.title":      "Roles",
		"view.roles.empty":      "Nobody holds a role yet.",
		"view.roles.configured": "%s (configured)",                   // user
		"view.whoami":           "You are %[1]s; your roles: %[2]s.", // user, roles
		"view.whoami.none":      "You are %s and hold no role yet; ask an admin to grant you one.",
		"view.stores.title":     "Stores (%d)",
		"view.stores.empty":     "No stores yet; an admin adds them with `/ops store add`.",
		"view.stores.more":      "…and %d more.",

		// Held order card (order review). Modal titles and submit buttons stay within 24
		// characters, card buttons within 75.
		"view.order.text":             "Order %[1]s: %[2]s",                                                       // order, status
		"view.order.alerts.header":    "*Orders released with alerts* — %[1]s, %[2]s. Each one is in the thread.", // store, day
		"view.order.alerts.text":      "Orders released with alerts — %[1]s, %[2]s",                               // store, day
		"view.order.alert.text":       "%s was released with alerts",                                              // order
		"view.order.header":           "Order review: %s",                                                         // order
		"view.order.received":         "Received %s",                                                              // time
		"view.order.severity.hold":    "🛑 *Hold*",
		"view.order.severity.alert":   "⚠️ *Alert*",
		"view.order.note":             "📝 %[1]s on %[2]s: %[3]s",                   // user, time, note
		"view.order.outcome":          "Status: %s",                                // status
		"view.order.outcome.by":       "Status: %[1]s — decided by %[2]s on %[3]s", // status, decider, time
		"view.order.buyer":            "Buyer",
		"view.order.region":           "Ship to",
		"view.order.paid":             "Paid",
		"view.order.more_items":       "…and %d more items",
		"view.order.button.release":   "Verified — release",
		"view.order.button.cancel":    "Cancel order",
		"view.order.button.blacklist": "Blacklist buyer",
		"view.order.button.note":      "Add note",
		"view.order.cancel.title":     "Cancel order",
		"view.order.cancel.submit":    "Confirm cancellation",
		"view.order.note.title":       "Note on the order",
		"view.order.note.submit":      "Save note",
		"view.order.note.label":       "What you learned from the customer",

		// Listing form. Modal titles and buttons must stay within 24 characters.
		"view.form.new.title":            "New listing",
		"view.form.edit.title":           "Edit listing",
		"view.form.submit":               "Submit for review",
		"view.form.cancel":               "Cancel",
		"view.form.store.placeholder":    "Choose a store",
		"view.form.edit.note":            "Store and SKU cannot be changed. On a live listing a new title or category, or a large price move, waits for the supervisor's approval.",
		"view.form.hint.store":           "The shop this product is sold in.",
		"view.form.hint.store_none":      "No stores are set up yet: type the store code, or ask an admin to add the store first.",
		"view.form.hint.sku":             "Up to %d letters, digits, dots, dashes and underscores; unique within the store.", // length
		"view.form.hint.title":           "Up to %d characters.",
		"view.form.hint.category":        "Up to %d characters, for example Kitchen / Mugs.",
		"view.form.hint.keywords":        "Up to %[1]d keywords of at most %[2]d characters each, separated by commas.", // count, length
		"view.form.hint.price":           "A positive amount up to %s, for example 129.00.",
		"view.form.hint.floor_price":     "Optional. Orders below this unit price are held for review; it can be at most the price.",
		"view.form.hint.stock":           "A whole number from 0 to %d.",
		"view.form.hint.images":          "1 to %d image URLs (http or https), one per line.",
		"view.form.hint.description":     "%[1]d to %[2]d characters.", // minimum, maximum
		"view.form.hint.description_cut": "Only the first %d characters fit in this form; saving it shortens the description.",
		"view.reject.title":              "Reject request",
		"view.reject.submit":             "Reject",
		"view.reject.hint":               "The requester sees this reason.",

		// Commands and their replies (handlers and router).
		"error.usage":                       "Usage: %[1]s %[2]s", // command, its arguments
		"error.bad_button":                  "That button no longer works; open the latest message and try again.",
		"help.title":                        "StoreOps commands",
		"help.help":                         "Show the commands, or those of one area",
		"help.unknown_area":                 "There is no help area “%[1]s”; try one of: %[2]s.", // typed, the areas
		"help.unknown_command":              "Unknown command “%s”. This is what I can do:",
		"help.unknown_subcommand":           "Not a %[1]s command: “%[2]s”. The %[1]s commands are:", // area, typed
		"help.approvals":                    "List the requests waiting for your decision",
		"help.audit":                        "Show the history of a listing",
		"help.listing.new":                  "Create a listing and submit it for review",
		"help.listing.edit":                 "Edit a draft or live listing in a form",
		"help.listing.update":               "Change fields of a listing, for example price=129 stock=20 floor_price=99 (floor_price= removes the floor)",
		"help.listing.delist":               "Ask the supervisor to delist a listing",
		"help.listing.show":                 "Show a listing",
		"help.listing.list":                 "List the listings, optionally of one status",
		"help.role.grant":                   "Grant a user a role",
		"help.role.remove":                  "Take a role from a user",
		"help.role.list":                    "Show who holds which role",
		"help.whoami":                       "Show your roles",
		"help.store.add":                    "Add a store",
		"help.store.list":                   "List the stores",
		"help.store.token":                  "Create or replace a store's order API token (shown once)",
		"help.store.channel":                "Post a store's held orders to a channel",
		"help.store.warehouse":              "Send a store's released orders to the warehouse channel",
		"help.area.help":                    "Help",
		"approval.list.title":               "%d requests wait for your decision",
		"audit.title":                       "History of %s",
		"listing.delist.requested":          "Delisting of %[1]s requested (request #%[2]d).", // listing, request
		"listing.delist_reason.slow_moving": "Slow-moving: no sale for a long time",
		"listing.delist_reason.sold_out":    "Sold out",
		"listing.edit.status":               "%[1]s is %[2]s and cannot be edited now.", // listing, status (translated)
		"listing.list.title":                "%d listings",
		"listing.no_stores":                 "No stores are set up yet; ask an admin to add one with `/ops store add`.",
		"listing.submitted":                 "%[1]s is submitted for review (request #%[2]d).", // listing, request
		"listing.update.not_pair":           "“%s” is not field=value.",
		"role.granted":                      "%[1]s now has the %[2]s role.",       // user, role
		"role.revoked":                      "%[1]s no longer has the %[2]s role.", // user, role
		"role.list.title":                   "Roles",
		"role.unknown":                      "“%[1]s” is not a role; use one of: %[2]s.", // typed, the roles
		"role.user.invalid":                 "“%s” is not a user; mention them like @alice.",
		"store.added":                       "Store %[1]s — %[2]s (%[3]s) added.", // code, name, platform
		"store.list.title":                  "Stores",
		"store.channel.invalid":             "“%s” is not a channel; pick one with #, like #orders.",            // typed
		"store.channel.set.team":            "Held orders of %[1]s will be posted to %[2]s.",                    // store code, channel
		"store.channel.set.warehouse":       "Released orders of %[1]s will be sent to the warehouse in %[2]s.", // store code, channel
		"order.blacklist.reason":            "Blacklisted from a held order",
		"order.blacklisted":                 "The buyer of %s is on the blacklist now; the order was reviewed again.", // order
	}
}
