package i18n

// englishShipping is the English text of the shipping area: recording shipments, reading
// orders, the warehouse hand-off, the unshipped reminder and the recheck's card outcome.
func englishShipping() map[string]string {
	return map[string]string{
		"help.area.order": "Orders",
		// Recording shipments (command and API).
		"order.shipped":             "%[1]s is shipped: %[2]s, tracking number %[3]s.",                   // order, carrier, tracking no
		"order.ship.already":        "%[1]s is already shipped (%[2]s, tracking number %[3]s).",          // order, carrier, tracking no
		"order.ship.held":           "%s is held: release (or cancel) it before recording its shipment.", // order
		"order.ship.cancelled":      "%s is cancelled; a cancelled order cannot be shipped.",             // order
		"order.ship.status":         "%[1]s is %[2]s; only released orders can be shipped.",              // order, status
		"order.carrier.invalid":     "Name the carrier, in at most %d characters.",                       // maximum
		"order.tracking.invalid":    "“%s” is not a tracking number: use 4 to 40 letters, digits or dashes.",
		"order.shipments.too_large": "A call may carry at most %[2]d shipments; this one has %[1]d.", // sent, maximum
		"order.ref.invalid":         "“%s” is not an order: give STORE/platform order id, or the platform order id alone.",
		"order.ambiguous":           "Several stores have order %[1]s: %[2]s. Name it as STORE/id.", // id, the refs
		"order.search.empty":        "Give a phone number, a buyer's name or an order id to look for.",
		"order.list.unknown":        "There is no order list “%[1]s”; choose one of: %[2]s.", // typed, the lists
		"order.webhook.exists":      "Warehouse batch %s is already queued.",                 // batch id
		"order.webhook.not_found":   "There is no warehouse batch %v.",                       // id
		"field.platform_order_id":   "Platform order id",
		"field.carrier":             "Carrier",
		"field.tracking_no":         "Tracking number",
		"field.shipped_at":          "Shipped at",

		"api.shipments.malformed_json": "The request body is not JSON of the expected shape: an object with “store” and a “shipments” array.",
		"api.shipments_empty":          "The call has no shipments; send at least one in “shipments”.",
		"api.shipment.unreadable":      "This shipment could not be read: it must be an object whose values are text.",

		// Store settings of the hand-off and the reminder.
		"store.webhook.invalid": "“%s” is not a webhook address: give an http(s) URL such as https://wms.example.com/storeops, or off.",
		"store.webhook.set":     "Released orders of %[1]s will also be posted to %[2]s, signed with this secret:\n`%[3]s`\nThis is the only time it is shown: put it in the warehouse system now. Every call carries the headers X-StoreOps-Timestamp and X-StoreOps-Signature (v1=HMAC-SHA256 of timestamp + “.” + body); see docs/warehouse-webhook.md.", // store, URL, secret
		"store.webhook.off":     "%s no longer posts released orders to a warehouse webhook.",                                                                                                                                                                                                                                                               // store
		"store.promise.invalid": "Give the shipping promise in whole hours, from 1 to %d.",                                                                                                                                                                                                                                                                  // maximum
		"store.promise.set":     "%[1]s promises to ship within %[2]d hours; later orders are reminded daily to its team channel.",

		"help.order.ship":    "Record that an order was shipped, with carrier and tracking number",
		"help.order.show":    "Show an order (phone and street masked unless you are a supervisor or admin)",
		"help.order.find":    "Find orders by phone, buyer name or order id",
		"help.order.list":    "List held, or released but unshipped, orders",
		"help.store.webhook": "Send a store's released orders to the warehouse system (signed webhook; the secret is shown once)",
		"help.store.promise": "Set within how many hours a store ships its released orders (default 48)",

		// Reading orders.
		"view.orderinfo.header":         "Order %[1]s · %[2]s", // order, status
		"view.orderinfo.times":          "Received %[1]s · released %[2]s",
		"view.orderinfo.remark":         "Buyer's remark",
		"view.orderinfo.shipped":        "🚚 Shipped with %[1]s, tracking number %[2]s, on %[3]s", // carrier, tracking no, time
		"view.orderinfo.handed_off":     "📦 Handed to the warehouse on %s",
		"view.orderinfo.not_handed_off": "📦 Waiting for the next hand-off to the warehouse",
		"view.orderinfo.decided":        "Decided by %[1]s on %[2]s", // user, time
		"view.orderinfo.masked":         "The phone number and street are masked: only supervisors and admins see them whole.",
		"view.orders.found":             "Orders matching “%[1]s”: %[2]d", // query, count
		"view.orders.title.held":        "Held orders: %d",
		"view.orders.title.unshipped":   "Released, not yet shipped: %d",
		"view.orders.more":              "Showing the newest %[1]d. Name a store to see its own: /ops order list %[2]s <store>.", // count, list
		"view.orders.empty":             "No orders.",

		// The warehouse hand-off.
		"view.handoff.text":    "%[1]s: %[2]d orders for the warehouse", // store, count
		"view.handoff.header":  "📦 Orders to ship · %s",                 // store
		"view.handoff.context": "Batch %[1]s · %[2]s · %[3]d orders",    // batch, time, count
		"view.handoff.more":    "…and %d more.",
		"view.handoff.masked":  "Phones are masked and streets left out here; the full addresses are in the order system (or ask a supervisor).",

		// The unshipped reminder.
		"view.unshipped.text":           "%[1]d orders of %[2]s are not shipped within %[3]d hours", // count, store, hours
		"view.unshipped.header":         "⏰ Not shipped within %[1]d h · %[2]s",                     // hours, store
		"view.unshipped.line":           "• `%[1]s` released %[2]s",                                 // order, time
		"view.unshipped.not_handed_off": "(not handed to the warehouse yet)",
		"view.unshipped.more":           "…and %d more.",
		"view.unshipped.hint":           "Record each shipment with /ops order ship <order> <carrier> <tracking-no>.",

		// The held card after the recheck released it.
		"view.order.outcome.review": "Status: released by the review on %s — its hold reasons cleared", // time
	}
}
