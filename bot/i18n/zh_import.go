package i18n

// chineseImport is the Chinese text of the import area.
func chineseImport() map[string]string {
	return map[string]string{
		"help.area.import":     "导入",
		"help.import.orders":   "从 CSV 或 XLSX 导出文件导入订单：先运行此命令，再在 30 分钟内私信我（或在本频道）分享文件。以店铺代码开头命名的文件（TM01-orders.xlsx）私信给我时无需命令；只有一个店铺时任何文件都无需命令。",
		"help.import.template": "发送订单导入模板（XLSX 或 CSV）",

		"import.orders.ready": "已准备好将订单导入 %[1]s：请在 %[2]d 分钟内私信我或在本频道分享 CSV 或 XLSX 文件。\n" +
			"• 第一行为列名，中英文均可：必须有 订单号、商品编码、数量 三列；不认识的列会被跳过。\n" +
			"• 订单号相同的多行是同一订单的多个商品；订单的其他信息取自第一行。\n" +
			"• 未写时区的时间按 %[3]s 时间读取。\n" +
			"• `/ops import template orders` 可获取模板。",
		"import.store.which":        "这些订单属于哪个店铺？请指定：%s。",
		"import.store.none":         "还没有店铺；管理员可用 `/ops store add` 添加。",
		"import.store.unknown":      "无法判断 %[1]s 属于哪个店铺。请运行 `/ops import orders <店铺>` 后重新分享文件，或以店铺代码开头命名文件（TM01-orders.xlsx）。店铺：%[2]s。",
		"import.store.conflict":     "文件名 %[1]s 表示店铺 %[2]s，但你要求导入到 %[3]s；未导入任何订单。请重命名文件，或运行 `/ops import orders %[2]s` 后重新分享。",
		"import.template.format":    "模板格式只有 xlsx 或 csv，没有“%s”。",
		"import.template.title":     "订单导入模板",
		"import.template.comment":   "订单导入模板：每行一个订单商品（订单号相同的多行为同一订单）。请用你的订单替换示例行，然后把文件分享给我。",
		"import.template.sent":      "模板 %s 已发送。填写后私信分享给我即可。",
		"import.started":            "正在把 %[1]s 中的 %[3]d 个订单导入 %[2]s……",
		"import.format.unsupported": "我只能从 .csv 和 .xlsx 文件导入订单，“%s”都不是（.xls 文件请先另存为 .xlsx）。",
		"import.file.unreadable":    "无法按 %[1]s 读取该文件：%[2]s",
		"import.file.too_large":     "文件超过 %d MiB，请拆分成较小的文件。",
		"file.too_large":            "“%[1]s”超过 %[2]d MiB，请拆分成较小的文件。",
		"file.external":             "“%s”存放在 Slack 之外，请直接上传文件本身。",
		"import.file.empty":         "文件中没有任何行。",
		"import.csv.invalid":        "CSV 文件第 %[1]d 行无法读取：%[2]s",
		"import.columns.missing":    "文件缺少必需的列：%s。第一行须为列名（中英文均可）；`/ops import template orders` 可获取模板。",
		"import.rows.none":          "文件只有表头，下面没有订单。",
		"import.rows.too_many":      "一个文件最多 %d 行，请拆分成较小的文件。",
		"import.time.invalid":       "“%s”不是时间；请写成 2026-11-11 00:05:00（店铺时间）、RFC 3339 格式或 Excel 日期。",

		"import.summary.title":      "已将 %[1]s 导入 %[2]s（订单 %[3]d 个，共 %[4]d 行），用时 %[5]s。",
		"import.summary.counts":     "新建 %[1]d · 更新 %[2]d · 未变 %[3]d · 拒绝 %[4]d",
		"import.summary.held":       "新建或更新的订单中有 %d 个被暂扣待审核。",
		"import.summary.stopped":    "导入在第 %[1]d 个订单（共 %[2]d 个）之后中止：%[3]s 请重新分享同一文件以完成导入；已导入的订单会显示为未变。",
		"import.summary.rejected":   "被拒绝的订单：",
		"import.summary.row":        "• 第 %[1]d 行，订单 %[2]s：%[3]s",
		"import.summary.no_id":      "（无订单号）",
		"import.summary.problem":    "%[1]s：%[2]s",
		"import.summary.problem_at": "%[1]s（第 %[2]d 行）：%[3]s",
		"import.summary.more":       "……另有 %d 个订单被拒绝。",
	}
}
