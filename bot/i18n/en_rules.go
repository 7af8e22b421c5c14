package i18n

// englishRules is the English text of the rules area: `/ops rules` (a store's review rules)
// and `/ops blacklist`.
func englishRules() map[string]string {
	return map[string]string{
		// Help.
		"help.area.rules":       "Review rules",
		"help.area.blacklist":   "Blacklist",
		"help.rules.show":       "Show a store's order review rules. Admins and supervisors change them: set <check> <param>=<value> … (several at once; severity=hold|alert; scope.platforms, scope.provinces, scope.min_amount, scope.max_amount; <param>=default restores the default), enable <check>, disable <check>",
		"help.blacklist.add":    "Blacklist a buyer account, phone or address in a store: its next orders are held (quote a value with spaces, e.g. \"浙江省杭州市西湖区文三路 90 号\")",
		"help.blacklist.remove": "Take a buyer account, phone or address off a store's blacklist",
		"help.blacklist.list":   "Show a store's blacklist (phones masked except for supervisors and admins)",

		// Domain messages.
		"rules.edit.empty":          "Nothing to change for %s: give param=value pairs, severity=hold|alert, or use enable / disable.", // check
		"rules.param.none":          "%[2]s has no parameters; only its severity, scope and on/off can change.",                        // (parameter), check
		"rules.scope.platform":      "“%[1]s” is not a platform; use one of: %[2]s.",                                                   // typed, the platforms
		"rules.scope.unknown":       "A scope has no part “%[1]s”; use one of: %[2]s.",                                                 // typed, the parts
		"blacklist.kind.unknown":    "“%[1]s” cannot be blacklisted; use one of: %[2]s.",                                               // typed, the kinds
		"blacklist.value.too_long":  "That is too long for a blacklist entry (at most %d characters).",                                 // limit
		"blacklist.buyer.invalid":   "Give the buyer's platform account id.",                                                           //
		"blacklist.phone.invalid":   "“%s” is not a phone number StoreOps can match: give the whole number, without * (+86 and spaces are fine).",
		"blacklist.address.invalid": "Give the whole address, province first, e.g. 浙江省杭州市西湖区文三路 90 号.",
		"action.rules.change":       "changed a review rule",
		"action.blacklist.add":      "added to the blacklist",
		"action.blacklist.remove":   "removed from the blacklist",

		// Handler messages.
		"rules.set.not_pair":          "“%s” is not param=value; write for example buffer=2h or severity=alert.", // typed
		"rules.kind.int":              "whole number",
		"rules.kind.money":            "amount in yuan",
		"rules.kind.duration":         "duration",
		"rules.kind.list":             "list",
		"rules.kind.bool":             "yes/no",
		"rules.hint.int":              "A whole number is written like 5.",
		"rules.hint.money":            "An amount is written in yuan with at most two decimals, like 20000 or 0.01.",
		"rules.hint.duration":         "A duration is written like 30m, 2h, 1h30m or 2d (at most 366 days).",
		"rules.hint.list":             "A list is separated by commas, like 新疆,西藏.",
		"rules.hint.bool":             "Write yes or no.",
		"blacklist.added":             "Added to the blacklist of %[3]s: %[1]s %[2]s. Its next orders there are held.",            // kind, value, store
		"blacklist.removed":           "Removed from the blacklist of %[3]s: %[1]s %[2]s. Its next orders are reviewed as usual.", // kind, value, store
		"view.blacklist.kind.buyer":   "buyer account",
		"view.blacklist.kind.phone":   "phone",
		"view.blacklist.kind.address": "address",

		// Views.
		"view.rules.text":            "Review rules of %s",                                      // store
		"view.rules.title":           "Review rules · %s",                                       // store
		"view.rules.defaults":        "%s uses the default rules; nobody has changed them yet.", // store
		"view.rules.updated":         "Last changed by %[1]s on %[2]s (version %[3]d).",         // user, time, version
		"view.rules.on":              "✅ on",
		"view.rules.off":             "⏸️ off",
		"view.rules.missing":         "⏸️ off: not in this store's rules (enable adds it with its defaults)",
		"view.rules.param.own":       "`%[1]s` (%[2]s): *%[3]s* (default %[4]s)", // parameter, kind, value, default
		"view.rules.param.default":   "`%[1]s` (%[2]s): %[3]s (default)",         // parameter, kind, value
		"view.rules.value.default":   "%s (default)",                             // value
		"view.rules.no_params":       "No parameters.",
		"view.rules.scope.all":       "Scope: every order",
		"view.rules.scope":           "Scope: %s",                                                                                                                                        // the parts
		"view.rules.scope.platforms": "platforms %s",                                                                                                                                     // list
		"view.rules.scope.provinces": "provinces %s",                                                                                                                                     // list
		"view.rules.scope.min":       "amount ≥ ¥%s",                                                                                                                                     // amount
		"view.rules.scope.max":       "amount ≤ ¥%s",                                                                                                                                     // amount
		"view.rules.footer":          "Change: `/ops rules %[1]s set <check> <param>=<value> …` · `severity=hold|alert` · `<param>=default` · `/ops rules %[1]s enable|disable <check>`", // store
		"view.rules.changed":         "Review rules of %[1]s changed: *%[2]s* (`%[3]s`)",                                                                                                 // store, check label, check
		"view.rules.unchanged":       "Review rules of %[1]s: *%[2]s* (`%[3]s`) already is like that; nothing changed.",                                                                  // store, check label, check
		"view.rules.change":          "• %[1]s: %[2]s → %[3]s",                                                                                                                           // what, before, after
		"view.rules.change.enabled":  "On/off",
		"view.rules.change.version":  "Saved as version %d.",               // version
		"view.blacklist.title":       "Blacklist · %[1]s (%[2]d)",          // store, entries
		"view.blacklist.text":        "Blacklist of %s",                    // store
		"view.blacklist.empty":       "Nothing is on the blacklist of %s.", // store
		"view.blacklist.global":      "all stores",
		"view.blacklist.no_reason":   "no reason given",
		"view.blacklist.added":       "%[1]s, %[2]s", // user, date
		"view.blacklist.more":        "… and %d more.",
		"view.blacklist.masked":      "Phone numbers are masked; supervisors and admins see them whole.",
	}
}
