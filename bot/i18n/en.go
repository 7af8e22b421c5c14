package i18n

// english is the English catalog. Comments name the arguments where a message takes any;
// the Chinese catalog must use the same ones (the tests check it). Texts that a view puts in
// mrkdwn avoid <, > and &, which Slack would read as markup.
func english() map[string]string {
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
		"listing.change_pending":           "%s already has a change waiting for approval; wait for that decision first.",
		"listing.delist.status":            "%[1]s is %[2]s; only live listings can be delisted.", // listing, status
		"status.listing.draft":             "draft",
		"status.listing.pending_review":    "pending review",
		"status.listing.live":              "live",
		"status.listing.pending_delisting": "pending delisting",
		"status.listing.delisted":          "delisted",

		// Field labels: forms, problems, card details and history.
		"field.store":          "Store",
		"field.sku":            "SKU",
		"field.title":          "Title",
		"field.category":       "Category",
		"field.keywords":       "Keywords",
		"field.price":          "Price",
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

		// Shared bits of views.
		"actor.system":     "StoreOps",
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
		"help.listing.update":               "Change fields of a listing, for example price=129 stock=20",
		"help.listing.delist":               "Ask the supervisor to delist a listing",
		"help.listing.show":                 "Show a listing",
		"help.listing.list":                 "List the listings, optionally of one status",
		"help.role.grant":                   "Grant a user a role",
		"help.role.remove":                  "Take a role from a user",
		"help.role.list":                    "Show who holds which role",
		"help.whoami":                       "Show your roles",
		"help.store.add":                    "Add a store",
		"help.store.list":                   "List the stores",
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
	}
}
