package i18n

// englishImport is the English text of the import area.
func englishImport() map[string]string {
	return map[string]string{
		"help.area.import":     "Imports",
		"help.import.orders":   "Import orders from a CSV or XLSX export: run it, then share the file in a DM with me (or in this channel) within 30 minutes. A file named after its store (TM01-orders.xlsx) needs no command, in a DM; nor does any file when there is only one store.",
		"help.import.template": "Send the order import template (XLSX, or CSV)",

		"import.orders.ready": "Ready to import orders into %[1]s: share the CSV or XLSX file in a DM with me, or in this channel, within %[2]d minutes.\n" + // store, minutes, time zone
			"• The first row names the columns, in English or Chinese: 订单号 / order id, 商品编码 / SKU and 数量 / quantity are required; columns I do not know are skipped.\n" +
			"• Rows with the same order id are the lines of one order; its other columns are taken from its first row.\n" +
			"• Times without a zone are read in %[3]s.\n" +
			"• `/ops import template orders` sends a template.",
		"import.store.which":        "Which store are the orders for? Give one of: %s.", // store codes
		"import.store.none":         "There are no stores yet; an admin adds them with `/ops store add`.",
		"import.store.unknown":      "I cannot tell which store %[1]s is for. Run `/ops import orders <store>` and share the file again, or name the file after its store (TM01-orders.xlsx). Stores: %[2]s.", // file, store codes
		"import.store.conflict":     "The name of %[1]s says store %[2]s, but you asked to import into %[3]s; nothing was imported. Rename the file, or run `/ops import orders %[2]s` and share it again.",   // file, store in the name, store asked for
		"import.template.format":    "The template comes as xlsx or csv, not “%s”.",                                                                                                                           // typed
		"import.template.title":     "Order import template",
		"import.template.comment":   "Order import template: one row per order line (rows with the same order id are one order). Replace the example row with your orders, then share the file with me.",
		"import.template.sent":      "Here is the template, %s. Fill it in and share it with me in a DM.", // file name
		"import.started":            "Importing %[3]d orders from %[1]s into %[2]s…",                      // file, store, orders
		"import.format.unsupported": "I import orders from .csv and .xlsx files; “%s” is neither (save an .xls file as .xlsx first).",
		"import.file.unreadable":    "The file cannot be read as %[1]s: %[2]s",                        // format, the reader's words
		"import.file.too_large":     "The file is larger than %d MiB; split it into smaller files.",   // MiB
		"file.too_large":            "“%[1]s” is larger than %[2]d MiB; split it into smaller files.", // file, MiB
		"file.external":             "“%s” is kept outside Slack; upload the file itself.",            // file
		"import.file.empty":         "The file has no rows.",
		"import.csv.invalid":        "Line %[1]d of the CSV file cannot be read: %[2]s", // line, the reader's words
		"import.columns.missing":    "The file lacks required columns: %s. Its first row must name the columns, in English or Chinese; `/ops import template orders` sends a template.",
		"import.rows.none":          "The file has a header row but no orders below it.",
		"import.rows.too_many":      "A file may have at most %d rows; split it into smaller files.",
		"import.time.invalid":       "“%s” is not a time; write it as 2026-11-11 00:05:00 (store time), in RFC 3339, or as an Excel date.",

		"import.summary.title":      "Imported %[1]s into %[2]s (orders: %[3]d, rows: %[4]d) in %[5]s.", // file, store, orders, rows, duration
		"import.summary.counts":     "Created %[1]d · updated %[2]d · unchanged %[3]d · rejected %[4]d",
		"import.summary.held":       "%d of the created or updated orders are held for review.",
		"import.summary.stopped":    "The import stopped after %[1]d of %[2]d orders: %[3]s Share the same file again to finish; the orders already imported will answer unchanged.", // done, total, why
		"import.summary.rejected":   "Rejected:",
		"import.summary.row":        "• Row %[1]d, order %[2]s: %[3]s", // row, order id, reasons
		"import.summary.no_id":      "without an id",
		"import.summary.problem":    "%[1]s: %[2]s",             // column, reason
		"import.summary.problem_at": "%[1]s (row %[2]d): %[3]s", // column, row, reason
		"import.summary.more":       "… and %d more rejected orders.",
	}
}
