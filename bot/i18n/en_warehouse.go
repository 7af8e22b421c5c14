package i18n

// englishWarehouse is the English text of the warehouse area.
func englishWarehouse() map[string]string {
	return map[string]string{
		"view.callback.text.cancelled":    "%s was cancelled: do not ship it",                                                                                              // order ref
		"view.callback.text.held":         "%s is on hold: do not ship it for now",                                                                                         // order ref
		"view.callback.title.cancelled":   "🛑 *Do not ship `%s`*: the order was cancelled after it was handed to you.",                                                     // order ref
		"view.callback.title.held":        "⏸ *Do not ship `%s` for now*: the order was put on hold after it was handed to you, for:",                                      // order ref
		"view.callback.cancelled_by":      "Cancelled by %[1]s at %[2]s: %[3]s",                                                                                            // who, time, reason
		"view.callback.context.cancelled": "It was in the hand-off of %s. If it is already packed, put it back; if it has left, tell the team channel.",                    // hand-off time
		"view.callback.context.held":      "It was in the hand-off of %s. Keep it aside: if it is released, it comes again in a later hand-off, and that is the go-ahead.", // hand-off time
		"help.order.cancel":               "Cancel a held or released order, with the reason; a warehouse that has it is told not to ship it",
		"order.cancelled":                 "%s is cancelled; its pieces are back in stock.",                                                 // order
		"order.cancelled.warehouse_told":  "%s is cancelled; its pieces are back in stock, and the warehouse has been told not to ship it.", // order
	}
}
