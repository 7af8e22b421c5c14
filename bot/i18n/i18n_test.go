package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"storeops/domain"
	"storeops/domain/approval"
	"storeops/domain/listing"
	"storeops/domain/order"
)

// documentedArgs are sample arguments, of the types the callers pass, for every key that takes
// any. A key missing here takes none; a template that refers to more (or fewer) arguments
// than documented fails TestDocumentedArgs, so that a new argument is always documented.
func documentedArgs() map[string][]any {
	return map[string][]any{
		// Campaigns (en_campaign.go, zh_campaign.go).
		"view.campaign.day.from_orders":            {"2026-11-12", "0.00", 3, "orders so far"},
		"campaign.share.invalid":                   {"x"},
		"campaign.share.set":                       {"C-12", 60},
		"campaign.export.sent":                     {"campaign-C-12-TM01.xlsx"},
		"campaign.id.invalid":                      {"C-12"},
		"campaign.not_found":                       {"C-12"},
		"campaign.move.illegal":                    {"C-12", "C-12", "C-12", "C-12"},
		"campaign.store.unknown":                   {"C-12"},
		"campaign.text.too_long":                   {3},
		"campaign.type.invalid":                    {"x"},
		"campaign.time.invalid":                    {"x"},
		"campaign.start.past":                      {"C-12"},
		"campaign.end.before_start":                {"C-12"},
		"campaign.end.too_long":                    {3},
		"campaign.discount.unknown":                {"x"},
		"campaign.discount.invalid.coupon":         {"x"},
		"campaign.discount.invalid.full_reduction": {"x"},
		"campaign.discount.invalid.percentage":     {"x"},
		"campaign.discount.invalid.gift":           {"x"},
		"campaign.amount.invalid":                  {"x"},
		"campaign.target.positive":                 {"x"},
		"campaign.target.conversion":               {"x"},
		"campaign.channel.invalid":                 {"x"},
		"campaign.sku.too_long":                    {3},
		"campaign.sku.twice":                       {"C-12"},
		"campaign.sku.too_many":                    {3},
		"campaign.due.invalid":                     {"x"},
		"campaign.task.too_many":                   {3},
		"campaign.task.not_found":                  {"C-12", 3},
		"campaign.task.already_done":               {"C-12", 3, "C-12"},
		"campaign.task.already_open":               {"C-12", 3},
		"campaign.not_preparing":                   {"C-12", "C-12"},
		"campaign.not_held":                        {"C-12"},
		"campaign.list.unknown":                    {"x", "C-12"},
		"campaign.summary.not_owner":               {"C-12", "C-12"},
		"campaign.report.not_ended":                {"C-12", "C-12"},
		"campaign.planned":                         {"C-12", "C-12", 3},
		"campaign.planned.overlaps":                {"C-12"},
		"campaign.task.added":                      {"C-12", 3},
		"campaign.task.assigned":                   {"C-12", 3, "C-12"},
		"campaign.task.due_set":                    {"C-12", 3, "C-12"},
		"campaign.task.ticked":                     {"C-12", 3},
		"campaign.launched_anyway.done":            {"C-12"},
		"campaign.postponed":                       {"C-12", "C-12", "C-12"},
		"campaign.cancelled":                       {"C-12"},
		"campaign.summary.filed":                   {"C-12"},
		"campaign.list.title.upcoming":             {3},
		"campaign.list.title.running":              {3},
		"campaign.list.title.ended":                {3},
		"campaign.export.title":                    {"C-12"},
		"campaign.export.comment":                  {"C-12"},
		"view.campaign.text":                       {"C-12", "C-12", "C-12"},
		"view.campaign.header":                     {"C-12", "C-12"},
		"view.campaign.context":                    {"C-12", "C-12", "C-12"},
		"view.campaign.dates":                      {"C-12", "C-12", "C-12"},
		"view.campaign.target.paid_amount":         {"C-12"},
		"view.campaign.target.visitors":            {3},
		"view.campaign.target.conversion":          {"C-12"},
		"view.campaign.more":                       {3},
		"view.campaign.overlaps":                   {"C-12"},
		"view.campaign.checklist":                  {3, 3},
		"view.campaign.task":                       {"C-12", 3, "C-12", "C-12", "C-12"},
		"view.campaign.task.done":                  {"C-12", "C-12"},
		"view.campaign.task.done_late":             {"C-12", "C-12"},
		"view.campaign.awaiting_approval":          {3},
		"view.campaign.held":                       {"C-12", 3},
		"view.campaign.launched":                   {"C-12", "C-12"},
		"view.campaign.launched_anyway":            {"C-12", "C-12"},
		"view.campaign.button.tick":                {3, "C-12"},
		"view.campaign.list.line":                  {"C-12", "C-12", "C-12", "C-12", "C-12", "C-12", "C-12", 3, "C-12"},
		"view.campaign.list.more":                  {3},
		"view.campaign.form.hint.time":             {"C-12"},
		"view.campaign.form.hint.skus":             {3},
		"view.campaign.task_due":                   {"C-12", "C-12", "C-12", "C-12", "C-12"},
		"view.campaign.task_late":                  {"C-12", "C-12", "C-12", "C-12", "C-12"},
		"view.campaign.task_hint":                  {3, 3},
		"view.campaign.held.text":                  {"C-12", "C-12", 3},
		"view.campaign.launched.text":              {"C-12", "C-12", "C-12"},
		"view.campaign.launched_anyway.text":       {"C-12", "C-12", "C-12", 3},
		"view.campaign.figure":                     {"C-12", "C-12", "C-12", 3, "C-12"},
		"view.campaign.figure.nothing_due":         {"C-12", "C-12", "C-12"},
		"view.campaign.live.orders":                {3},
		"view.campaign.live.elapsed":               {3, 3, 3, "C-12", "C-12"},
		"view.campaign.day":                        {"C-12", "C-12", 3, 3, "C-12"},
		"view.campaign.live.header":                {"C-12", "C-12"},
		"view.campaign.closing.header":             {"C-12", "C-12"},
		"view.campaign.alert.below":                {"C-12", "C-12", "C-12", "C-12", "C-12", 3, 3},
		"view.campaign.alert.sold_out":             {"C-12", "C-12", "C-12"},
		"view.campaign.alert.hint":                 {3},
		"view.campaign.ended.text":                 {"C-12", "C-12"},
		"view.campaign.report.header":              {"C-12", "C-12"},
		"view.campaign.report.sku":                 {"C-12", 3, "C-12"},
		"view.campaign.report.cost_budget":         {"C-12", "C-12"},
		"view.campaign.report.cost":                {"C-12"},
		"view.campaign.report.timeliness":          {3, 3},
		"view.campaign.report.by":                  {"C-12", "C-12"},
		"view.campaign.chart.comment":              {"C-12"},
		"view.campaign.chart.alt":                  {"C-12"},
		// Store figures (en_metrics.go, zh_metrics.go).
		"store.kpi.conversion.invalid":  {"visits", "buyers, sessions"},
		"store.kpi.set":                 {"TM01", "paying buyers / unique visitors"},
		"metrics.store.other":           {"JD01", "TM01"},
		"metrics.date.invalid":          {"28/11/2026"},
		"metrics.date.future":           {"2026-11-30", "2026-11-29"},
		"metrics.source.unknown":        {"tv", "overall, search, ads, recommendation, social"},
		"metrics.count.negative":        {"-3"},
		"metrics.count.invalid":         {"many"},
		"metrics.amount.invalid":        {"12.345"},
		"metrics.buyers.above_visitors": {int64(40), int64(30)},
		"metrics.buyers.above_orders":   {int64(46), int64(45)},
		"metrics.amount.without_orders": {"5843.50"},
		"metrics.orders.without_amount": {int64(45)},
		"metrics.refunds.above_orders":  {int64(46), int64(45)},
		"metrics.refunds.above_amount":  {"9999.00", "5843.50"},
		"metrics.day.twice":             {"2026-11-28", "overall", 1},
		"metrics.day.not_found":         {"TM01", "2026-11-28"},
		"metrics.day.concurrent":        {"TM01", "2026-11-28"},
		"metrics.sku.too_many":          {5000},
		"metrics.sku.too_long":          {64},
		"metrics.sku.twice":             {"MUG-1"},
		"metrics.batch.too_large":       {401, 400},
		"metrics.show.title":            {"TM01", "2026-11-28", "overall"},
		"metrics.show.figure":           {"Paid orders", "45", "platform"},
		"metrics.show.skus":             {12},
		"metrics.show.sku":              {"MUG-1", int64(15), "974.25"},
		"metrics.show.updated":          {"<@U0ALICE>", "2026-11-29 09:00"},
		"import.metrics.ready":          {"TM01", 30},
		"import.metrics.columns":        {"日期 / Date"},
		"import.metrics.started":        {"tm01.csv", "TM01", 3},
		"import.metrics.stored":         {"tm01.csv", "TM01", 3, 2, 1, 0},
		"import.metrics.derived":        {2},
		"import.metrics.rejected":       {"tm01.csv", 1, 3},
		"import.metrics.row":            {4, "2026-11-28 overall", "访客数: “-3” is negative"},
		// Reports (en_report.go, zh_report.go).
		"report.kind.invalid":     {"yearly"},
		"report.period.invalid":   {"W48", "2026-W48, last-week, 2026-11-28"},
		"report.period.future":    {"2026-W50"},
		"report.store.not_found":  {"TM09"},
		"report.store.needed":     {"<#C0TEAM>"},
		"report.text.daily":       {"2026-11-28", 2},
		"report.text.weekly":      {"2026-W48 (2026-11-23 – 2026-11-29)", 2},
		"report.text.monthly":     {"2026-11 (2026-11-01 – 2026-11-30)", 2},
		"report.header.daily":     {"2026-11-28"},
		"report.header.weekly":    {"2026-W48 (2026-11-23 – 2026-11-29)"},
		"report.header.monthly":   {"2026-11 (2026-11-01 – 2026-11-30)"},
		"report.no_data.all":      {"2026-W48 (2026-11-23 – 2026-11-29)"},
		"report.no_data":          {"2026-W48"},
		"report.more_stores":      {12},
		"report.vs_prev":          {"▲10.0%"},
		"report.vs_year":          {"▼21.4%"},
		"report.compact.vs":       {"▲10.0%"},
		"report.partial":          {5, 7},
		"report.no_prev":          {"2026-W47"},
		"report.no_year":          {"2025-W48"},
		"report.formula.changes":  {"2026-W47", "2025-W48"},
		"report.chart.comment":    {"2026-W48", "TM01, JD01"},
		"report.chart.alt":        {"2026-W48"},
		"report.export.sent":      {"report-weekly-TM01-2026-W48.xlsx"},
		"report.export.title":     {"Weekly", "2026-W48"},
		"report.export.comment":   {"Weekly", "2026-W48"},
		"report.xlsx.col.vs_prev": {"2026-W47"},
		"report.xlsx.col.vs_year": {"2025-W48"},
		"report.xlsx.chart.note":  {"2026-W48"},
		// Appraisals (en_appraisal.go, zh_appraisal.go).
		"view.appraisal.prompt.header":        {"x"},
		"view.appraisal.prompt":               {"x", "x"},
		"view.appraisal.reminder":             {"x", "x"},
		"view.appraisal.reminder.last":        {"x", "x"},
		"view.appraisal.escalated":            {"x", "x", "x"},
		"view.appraisal.rating.header":        {"x"},
		"view.appraisal.rating.text":          {"x", "x"},
		"view.appraisal.self.none":            {"x"},
		"view.appraisal.self.title":           {"x"},
		"view.appraisal.figure.list":          {"x"},
		"view.appraisal.figure.items":         {"x", "x", "x"},
		"view.appraisal.items.header":         {"x", "x", "x"},
		"view.appraisal.item.rating":          {1},
		"view.appraisal.figure.ratio":         {1, 1, "x"},
		"view.appraisal.figure.minutes":       {1},
		"view.appraisal.figure.average":       {"x", 1},
		"view.appraisal.figure.target":        {"x", "x", "x"},
		"view.appraisal.figure.more":          {1},
		"view.appraisal.dimension.data":       {"x", "x"},
		"view.appraisal.show.pending":         {"x", "x", "x"},
		"view.appraisal.result.header":        {"x"},
		"view.appraisal.result.text":          {"x", "x", "x", "x"},
		"view.appraisal.result.dimension":     {"x", 1, "x", "x", "x"},
		"view.appraisal.result.total":         {"x", "x", "x"},
		"view.appraisal.result.failed":        {"x"},
		"view.appraisal.result.comment":       {"x"},
		"view.appraisal.adjusted":             {"x", "x", "x", "x"},
		"view.appraisal.result.appeal":        {"x", "x"},
		"view.appraisal.result.appealed":      {"x"},
		"view.appraisal.result.upheld":        {"x"},
		"view.appraisal.flag":                 {"x", "x", "x"},
		"view.appraisal.appeal.adjusted":      {"x", "x", "x", "x", "x"},
		"view.appraisal.appeal.upheld":        {"x", "x"},
		"view.appraisal.plan.review":          {"x", "x", "x"},
		"view.appraisal.data.header":          {"x", "x"},
		"view.appraisal.list.header":          {"x", 1},
		"view.appraisal.form.self.intro":      {"x", "x"},
		"appraisal.self.submitted":            {"x"},
		"appraisal.rated":                     {"x", "x", "x", "x"},
		"appraisal.target.set":                {"x", "x", "x", "x"},
		"appraisal.appealed":                  {"x", 1},
		"appraisal.adjusted":                  {"x", "x", "x", "x"},
		"appraisal.plan.added":                {"x", "x"},
		"appraisal.export.sent":               {"x"},
		"appraisal.export.title":              {"x"},
		"appraisal.export.comment":            {"x"},
		"appraisal.weights.invalid":           {"x", 1},
		"appraisal.weights.sum":               {1},
		"appraisal.data_share.invalid":        {1},
		"appraisal.items.figure.invalid":      {"x", "x"},
		"appraisal.pass_mark.invalid":         {1},
		"appraisal.move.illegal":              {"x", "x", "x"},
		"appraisal.month.invalid":             {"2026-11"},
		"appraisal.text.too_long":             {1},
		"appraisal.score.invalid":             {"x"},
		"appraisal.total.invalid":             {"x"},
		"appraisal.target.paid.invalid":       {"x"},
		"appraisal.target.conversion.invalid": {"x"},
		"appraisal.target.unknown":            {"x"},
		"appraisal.target.store.invalid":      {"x"},
		"appraisal.date.invalid":              {"x"},
		"appraisal.user.invalid":              {"x"},
		"appraisal.self.done":                 {"x"},
		"appraisal.rate.done":                 {"x", "x"},
		"appraisal.plan.past":                 {"x"},
		"appraisal.appeal.already":            {"x"},
		"appraisal.appeal.not_published":      {"x"},
		"appraisal.appeal.window_closed":      {"x", "x"},
		"appraisal.appeal.needs_score":        {"x", "x"},
		"appraisal.adjust.no_appeal":          {"x"},
		"appraisal.exists":                    {"x", "x"},
		"appraisal.not_found":                 {1},
		"appraisal.month.not_found":           {"2026-11", "x"},
		"appraisal.plan.not_found":            {1},
		"appraisal.xlsx.col.self":             {"x"},
		"appraisal.xlsx.col.rating":           {"x"},
		"leave.requested":                     {"2026-12-10", "2026-12-12", "annual leave", "12"},
		"leave.date.invalid":                  {"12/10"},
		"leave.dates.order":                   {"2026-12-12", "2026-12-10"},
		"leave.dates.past":                    {"2026-12-01"},
		"leave.dates.too_long":                {120, 90},
		"leave.type.invalid":                  {"holiday", "annual, sick, personal, other"},
		"leave.reason.too_long":               {500},
		"leave.not_found":                     {int64(3)},
		"view.leave.list.header":              {2},
		"view.leave.list.line":                {"<@U1>", "2026-12-10", "2026-12-12", "annual leave", "family"},
		"view.leave.on_leave":                 {"<@U1>", "2026-12-12"},
		"appraisal.settings.none":             {"task, store"},
		"appraisal.settings.invalid":          {"pass", "x"},
		"appraisal.settings.unknown":          {"z", "task, store"},
		"view.appraisal.settings.weights":     {"Task completion 30%", 50},
		"view.appraisal.settings.pass":        {"60.0", "A ≥ 90.0 ×1.50"},
		"view.appraisal.settings.tier":        {"A", "90.0", "1.50"},
		"view.appraisal.settings.schedule":    {1, "09:00", 3, 5, "18:00", "Asia/Shanghai"},
		"view.appraisal.settings.appeal":      {5},
		// Morning digest (en_digest.go, zh_digest.go).
		"kpi.basis.invalid":         {"clicks"},
		"digest.time.invalid":       {"9am"},
		"digest.threshold.invalid":  {1000.0},
		"digest.channel.invalid":    {"team"},
		"digest.channel.not_team":   {"<#C0TEAM>"},
		"digest.time.set":           {"<#C0TEAM>", "07:30"},
		"digest.threshold.set":      {"<#C0TEAM>", "25%"},
		"digest.posted":             {"<#C0TEAM>", "2026-11-29"},
		"digest.settings.line":      {"<#C0TEAM>", "09:00", "20%", "TM01, JD01", "Asia/Shanghai"},
		"digest.zone.set":           {"<#C0TEAM>", "09:00", "America/Los_Angeles"},
		"digest.store_date":         {"2026-11-28"},
		"store.tz.invalid":          {"Mars/Olympus"},
		"store.tz.set":              {"SH01", "America/Los_Angeles"},
		"digest.settings.tz":        {"Asia/Shanghai"},
		"digest.text":               {"2026-11-29", 2},
		"digest.header":             {"2026-11-29"},
		"digest.header.preview":     {"2026-11-29"},
		"digest.no_data":            {"2026-11-29"},
		"digest.no_data.all":        {"2026-11-29"},
		"digest.fig.refund_rate":    {30},
		"digest.vs_day":             {"▲10.0%"},
		"digest.vs_week":            {"▼21.4%"},
		"digest.compact.vs":         {"▲10.0%"},
		"digest.top.line":           {1, "MUG-1", int64(9), "900.00"},
		"digest.waiting.held":       {2},
		"digest.waiting.stale":      {1},
		"digest.waiting.inquiries":  {3},
		"digest.waiting.complaints": {1},
		"digest.waiting.approvals":  {4},
		"digest.more_stores":        {12},
		"digest.formula.others":     {30},
		"digest.formula.changes":    {"20%"},
		"digest.chart.comment":      {"2026-11-29", "TM01, JD01"},
		// After-sales cases (en_aftersale.go, zh_aftersale.go).
		"store.refund_threshold.invalid":    {"10000000.00"},
		"store.refund_threshold.set":        {"TM01", "800.00"},
		"aftersale.type.invalid":            {"swap"},
		"aftersale.items.not_in_order":      {"CUP-9", "TM01/P-0001"},
		"aftersale.items.too_many":          {"MUG-1", 3, 2},
		"aftersale.items.too_long":          {2000},
		"aftersale.items.too_many_lines":    {100},
		"aftersale.items.invalid":           {"MUG-1×two"},
		"aftersale.items.twice":             {"MUG-1"},
		"aftersale.amount.invalid":          {"12.345"},
		"aftersale.amount.above_cap":        {"700.00", "600.00", "900.00"},
		"aftersale.text.too_long":           {1000},
		"aftersale.evidence.too_many":       {9, 12},
		"aftersale.evidence.invalid":        {"ftp://img"},
		"aftersale.approval_pending":        {"#12", int64(34)},
		"aftersale.move.illegal":            {"#12", "received", "refunded", "inspected, rejected"},
		"aftersale.not_found":               {int64(12)},
		"aftersale.received.already":        {"#12", "U0BOB"},
		"aftersale.stock.already":           {"#12", "U0BOB"},
		"aftersale.stock.not_asked":         {"#12", "approved"},
		"aftersale.list.unknown":            {"late", "open, mine, stale"},
		"aftersale.status.unknown":          {"done", "requested, approved"},
		"aftersale.id.invalid":              {"abc"},
		"aftersale.moved":                   {"#12", "received"},
		"aftersale.opened.approved":         {"#12", "TM01/P-0001", "99.00"},
		"aftersale.opened.approval":         {"#12", "TM01/P-0001", "700.00", "34"},
		"view.aftersale.text":               {"#12", "TM01/P-0001", "approved"},
		"view.aftersale.header":             {"#12", "Refund only", "TM01/P-0001"},
		"view.aftersale.opened":             {"<@U1>", "2026-11-29 14:05"},
		"view.aftersale.amount":             {"99.00", "129.90"},
		"view.aftersale.awaiting_approval":  {int64(34), "500.00"},
		"view.aftersale.auto_approved":      {"500.00"},
		"view.aftersale.received_by":        {"<@U2>", "2026-11-29 14:05"},
		"view.aftersale.stock_by":           {"<@U2>", "2026-11-29 14:05"},
		"view.aftersale.moved":              {"<@U2>", "2026-11-29 14:05"},
		"view.aftersale.moved.dm":           {"#12", "TM01/P-0001", "received", "<@U2>"},
		"view.aftersale.button.to":          {"received"},
		"view.aftersale.next":               {int64(12), "`inspected`, `rejected`"},
		"view.aftersale.list.title.open":    {3},
		"view.aftersale.list.title.mine":    {3},
		"view.aftersale.list.title.stale":   {3},
		"view.aftersale.list.line":          {"#12", "TM01/P-0001", "Return and refund", "approved", "99.00", "<@U1>", "2026-11-29 14:05"},
		"view.aftersale.list.more":          {5},
		"view.aftersale.form.hint.amount":   {"129.90"},
		"view.aftersale.form.hint.evidence": {9},
		"view.aftersale.warehouse.text":     {"#12", "TM01/P-0001", "Exchange"},
		"view.aftersale.warehouse.done":     {"closed"},
		"view.aftersale.stale":              {"#12", "TM01/P-0001", 24, "approved", "<@U1>"},
		"view.aftersale.escalated":          {"#12", "TM01/P-0001", 72, "approved", "<@U1>"},
		// Complaints (en_complaint.go, zh_complaint.go).
		"complaint.field.too_long":               {2000},
		"complaint.category.unknown":             {"parcel", "logistics, product, service, other"},
		"complaint.category.invalid":             {"a b", 32},
		"complaint.severity.unknown":             {"high, medium, low"},
		"complaint.store.unknown":                {"TM09"},
		"complaint.order.unknown":                {"P-404"},
		"complaint.order.other_store":            {"JD01/P-1", "TM01"},
		"complaint.no_channel":                   {"logistics", "TM01"},
		"complaint.ref.invalid":                  {"abc"},
		"complaint.not_found":                    {"#12"},
		"complaint.rating.invalid":               {"6"},
		"complaint.list.unknown":                 {"late", "open, overdue, mine"},
		"complaint.channel.invalid":              {"logistics"},
		"complaint.sla.severity":                 {"urgent"},
		"complaint.sla.duration":                 {"ack", "soon"},
		"complaint.sla.field":                    {"remind"},
		"complaint.sla.order":                    {"2d", "1d"},
		"complaint.sla.set":                      {"High", "30m", "12h"},
		"complaint.routed":                       {"Logistics", "<#C0LOG>"},
		"complaint.opened.routed":                {"#12", "<#C0LOG>", "Logistics"},
		"complaint.opened.team":                  {"#12", "<#C0TEAM>", "TM01", "Logistics"},
		"complaint.escalated":                    {"#12"},
		"complaint.rated":                        {"#12", 4, 5},
		"complaint.move.refused":                 {"#12", "open", "resolved"},
		"complaint.already_acknowledged":         {"#12", "<@U2>"},
		"complaint.already_resolved":             {"#12", "<@U2>"},
		"complaint.already_rated":                {"#12", 4, "<@U2>"},
		"complaint.already_escalated":            {"#12", "<@U2>"},
		"view.complaint.text":                    {"#12", "Logistics", "High", "open"},
		"view.complaint.header":                  {"#12", "Logistics", "High"},
		"view.complaint.opened":                  {"<@U1>", "2026-11-30 09:00", "TM01"},
		"view.complaint.acked":                   {"<@U2>", "2026-11-30 09:20"},
		"view.complaint.escalated":               {"<@U2>", "2026-11-30 09:20", "by hand"},
		"view.complaint.resolved":                {"<@U2>", "2026-11-30 12:00"},
		"view.complaint.rated":                   {4, 5, "<@U2>", "2026-11-30 13:00"},
		"view.complaint.notice.ack_reminder":     {"#12", "2026-11-30 10:00"},
		"view.complaint.notice.resolve_reminder": {"#12", "2026-12-01 09:00"},
		"view.complaint.notice.ack_breach":       {"#12", "2026-11-30 10:00"},
		"view.complaint.notice.resolve_breach":   {"#12", "2026-12-01 09:00"},
		"view.complaint.notice.escalated":        {"<@U2>", "#12"},
		"view.complaint.notice.about":            {"TM01", "Logistics", "High", "Wang", "Parcel crushed"},
		"view.complaint.notice.owner":            {"<@U2>"},
		"view.complaint.list.title.open":         {3},
		"view.complaint.list.title.overdue":      {1},
		"view.complaint.list.title.mine":         {2},
		"view.complaint.list.line":               {"#12", "Logistics", "High", "open", "TM01", "Wang", "2026-11-30 10:00"},
		"view.complaint.list.more":               {50},
		"view.complaint.list.cut":                {7},
		"view.complaint.sla.line":                {"High", "1h", "1d"},
		"view.complaint.resolve.title":           {"#12"},

		// Inquiries and feedback (en_support.go, zh_support.go).
		"inquiry.recorded":                {"#12", "Wang Fang", "2026-11-30 16:00", "<@U1>"},
		"inquiry.answered.on_time":        {"#12", "Wang Fang"},
		"inquiry.answered.late":           {"#12", "Wang Fang"},
		"inquiry.not_found":               {int64(12)},
		"inquiry.already_answered":        {int64(12)},
		"inquiry.id.invalid":              {"x12"},
		"inquiry.list.unknown":            {"closed"},
		"inquiry.text.too_long":           {2000, 2400},
		"inquiry.order.invalid":           {"P 1"},
		"inquiry.platform.invalid":        {"taobao, tmall, jd"},
		"inquiry.store.unknown":           {"XX99"},
		"inquiry.promise.invalid":         {"soon"},
		"inquiry.promise.too_far":         {30},
		"view.inquiry.title":              {"#12", "Wang Fang"},
		"view.inquiry.by":                 {"<@U1>"},
		"view.inquiry.answered_by":        {"<@U1>", "2026-11-30 15:00"},
		"view.inquiry.list.title.open":    {3},
		"view.inquiry.list.title.overdue": {1},
		"view.inquiry.list.title.mine":    {2},
		"view.inquiry.list.line":          {"#12", "TM01", "Wang Fang", "2026-11-30 16:00", "open", "<@U1>", "Is the mug in stock?"},
		"view.inquiry.reminder":           {"#12", "16:00", 24},
		"view.inquiry.breach":             {"#12", "16:00"},
		"view.inquiry.breach_team":        {"#12", "<@U1>", "16:00"},
		"view.inquiry.answer_hint":        {int64(12)},
		"feedback.added":                  {"Review", int64(7), 2},
		"feedback.kind.invalid":           {"rant"},
		"feedback.sku.invalid":            {"MUG 1"},
		"feedback.text.too_long":          {3000, 3100},
		"feedback.tags.too_long":          {"very long tag", 30},
		"feedback.tags.too_many":          {10, 12},
		"feedback.store.unknown":          {"XX99"},
		"feedback.period.invalid":         {"year"},
		"feedback.period.too_long":        {366},
		"feedback.channel.invalid":        {"feedback"},
		"feedback.channel.set":            {"<#C1>"},
		"view.feedback.hint.tags":         {10},
		"view.feedback.summary.text":      {12, "2026-11-23 00:00 – 2026-11-30 00:00"},
		"view.feedback.summary.total":     {12, "Review 8 · Suggestion 4"},
		"view.feedback.period":            {"2026-11-23 00:00", "2026-11-30 00:00"},
		"view.feedback.kind_count":        {"Review", 8},
		"view.feedback.group":             {"packaging", 5, "Review 3 · Suggestion 2"},
		"view.feedback.more_groups":       {4},
		"view.feedback.untagged":          {2},
		"view.feedback.example":           {"Review", "TM01/MUG-1", "The box was crushed."},

		// Order files (en_import.go, zh_import.go).
		"import.orders.ready":       {"TM01", 30, "Asia/Shanghai"},
		"import.store.which":        {"TM01, JD01"},
		"import.store.unknown":      {"orders.xlsx", "TM01, JD01"},
		"import.store.conflict":     {"TM01-orders.xlsx", "TM01", "JD01"},
		"import.template.format":    {"pdf"},
		"import.template.sent":      {"orders-template.xlsx"},
		"import.started":            {"orders.xlsx", "TM01", 10000},
		"import.format.unsupported": {"orders.xls"},
		"import.file.unreadable":    {"xlsx", "zip: not a valid zip file"},
		"import.file.too_large":     {64},
		"file.too_large":            {"orders.xlsx", int64(32)},
		"file.external":             {"orders.xlsx"},
		"import.csv.invalid":        {12, "extraneous \" in field"},
		"import.columns.missing":    {"商品编码 / SKU, 数量 / Quantity"},
		"import.rows.too_many":      {50000},
		"import.time.invalid":       {"yesterday"},
		"import.summary.title":      {"orders.xlsx", "TM01", 9998, 10000, "8.2s"},
		"import.summary.counts":     {9990, 3, 5, 2},
		"import.summary.held":       {4},
		"import.summary.stopped":    {2000, 10000, "Something went wrong."},
		"import.summary.row":        {4, "2026111100009", "数量: Give the quantity as a whole number of at least 1 (got “abc”)."},
		"import.summary.problem":    {"数量", "Give the quantity as a whole number of at least 1 (got “abc”)."},
		"import.summary.problem_at": {"数量", 5, "Give the quantity as a whole number of at least 1 (got “abc”)."},
		"import.summary.more":       {12},

		"error.invalid_fields":               {2},
		"error.needs_role":                   {"supervisor"},
		"error.internal":                     {"a1b2c3"},
		"error.problem":                      {"Price", "Not an amount."},
		"role.exists":                        {"<@U1>", "admin"},
		"role.not_held":                      {"<@U1>", "admin"},
		"role.configured_admin":              {"<@U1>"},
		"store.platform.invalid":             {"taobao, tmall"},
		"store.exists":                       {"TM01"},
		"store.not_found":                    {"TM01"},
		"approval.already_decided":           {"approved", "<@U2>"},
		"approval.already_decided.approved":  {"<@U2>"},
		"approval.already_decided.rejected":  {"<@U2>"},
		"approval.already_decided.cancelled": {"<@U2>"},
		"approval.already_closed":            {"expired"},
		"approval.not_approver":              {"supervisor"},
		"listing.field.unknown":              {"colour"},
		"listing.field.not_updatable":        {"sku", "title, price"},
		"listing.text.too_long":              {listing.MaxTitle, 61},
		"listing.keywords.too_many":          {listing.MaxKeywords, 11},
		"listing.keywords.too_long":          {"mug", listing.MaxKeyword},
		"listing.price.invalid":              {"12.345"},
		"listing.price.range":                {listing.MaxPrice.String()},
		"listing.stock.invalid":              {"-1", listing.MaxStock},
		"listing.images.too_many":            {listing.MaxImages, 10},
		"listing.images.invalid":             {"ftp://x"},
		"listing.description.too_short":      {listing.MinDescription},
		"listing.store.unknown":              {"XX"},
		"listing.exists":                     {"TM01/SKU-1", "live"},
		"listing.sku_not_found":              {"SKU-9"},
		"listing.ref.invalid":                {"TM01/"},
		"listing.ambiguous":                  {"SKU-1", "TM01/SKU-1, JD01/SKU-1"},
		"listing.status.unknown":             {"gone"},
		"listing.update.status":              {"TM01/SKU-1", "pending review"},
		"listing.change_pending":             {"TM01/SKU-1"},
		"listing.stock.moved":                {"TM01/SKU-1"},
		"listing.delist.status":              {"TM01/SKU-1", "draft"},

		// The floor price of a listing.
		"listing.floor_price.invalid":             {"12.345"},
		"listing.floor_price.range":               {listing.MaxPrice.String()},
		"listing.floor_price.above_price":         {"120.00", "99.90"},
		"listing.floor_price.above_pending_price": {"90.00", "80.00", int64(13)},

		"view.label":                           {"Price"},
		"view.more_fields":                     {3},
		"view.card.header":                     {"New listing", "TM01/SKU-1 Red mug"},
		"view.card.requested":                  {"<@U1>", "2026-11-29 14:05"},
		"view.card.due":                        {"2026-11-30 14:05"},
		"view.card.votes":                      {1, 2, "<@U2>"},
		"view.card.votes.none":                 {2},
		"view.card.outcome.approved":           {"<@U2>", "2026-11-29 14:05"},
		"view.card.outcome.rejected":           {"<@U2>", "2026-11-29 14:05"},
		"view.card.outcome.cancelled":          {"<@U2>", "2026-11-29 14:05"},
		"view.card.outcome":                    {"expired", "2026-11-29 14:05"},
		"view.card.text.pending":               {"New listing", "TM01/SKU-1 Red mug", "<@U1>"},
		"view.card.text.decided":               {"New listing", "TM01/SKU-1 Red mug", "approved"},
		"view.decided.approved":                {"new listing", "TM01/SKU-1 Red mug", "<@U2>"},
		"view.decided.rejected":                {"new listing", "TM01/SKU-1 Red mug", "<@U2>"},
		"view.decided.other":                   {"new listing", "TM01/SKU-1 Red mug", "expired"},
		"view.reminder":                        {"2026-11-29 14:05", "2026-11-30 14:05"},
		"view.reminder.text":                   {"New listing", "TM01/SKU-1 Red mug"},
		"view.no_approvers":                    {"new listing", "TM01/SKU-1 Red mug"},
		"view.no_approvers.text":               {"new listing", "TM01/SKU-1 Red mug"},
		"view.delist.intro":                    {3, 30},
		"view.delist.slow_moving":              {42},
		"view.delist.more":                     {5},
		"view.delist.text":                     {3},
		"view.help.title.area":                 {"Listings"},
		"view.listing.pending":                 {"100.00", "150.00"},
		"view.listing.pending_note":            {int64(12), "<@U1>", "2026-11-29 14:05"},
		"view.listing.awaiting":                {int64(12)},
		"view.list.title":                      {40},
		"view.list.title.status":               {"live", 40},
		"view.list.empty.status":               {"live"},
		"view.list.stock":                      {5},
		"view.list.more":                       {460},
		"view.update.applied":                  {"TM01/SKU-1"},
		"view.update.held":                     {int64(12)},
		"view.update.nothing":                  {"TM01/SKU-1"},
		"view.approvals.title":                 {3},
		"view.approvals.more":                  {4},
		"view.history.title":                   {"TM01/SKU-1"},
		"view.history.earlier":                 {7},
		"view.history.more_changes":            {2},
		"view.whoami":                          {"<@U1>", "supervisor"},
		"view.roles.configured":                {"<@U9>"},
		"view.whoami.none":                     {"<@U1>"},
		"view.stores.title":                    {4},
		"view.stores.more":                     {4},
		"view.form.hint.sku":                   {64},
		"view.form.hint.title":                 {listing.MaxTitle},
		"view.form.hint.category":              {listing.MaxCategory},
		"view.form.hint.keywords":              {listing.MaxKeywords, listing.MaxKeyword},
		"view.form.hint.price":                 {listing.MaxPrice.String()},
		"view.form.hint.stock":                 {listing.MaxStock},
		"view.form.hint.images":                {listing.MaxImages},
		"view.form.hint.description":           {listing.MinDescription, listing.MaxDescription},
		"view.form.hint.description_cut":       {3000},
		"error.usage":                          {"/ops listing delist", "<sku> <reason>"},
		"help.unknown_area":                    {"foo", "listing, role"},
		"help.unknown_command":                 {"foo"},
		"help.unknown_subcommand":              {"listing", "foo"},
		"approval.list.title":                  {3},
		"audit.title":                          {"TM01/SKU-1"},
		"listing.delist.requested":             {"TM01/SKU-1", int64(12)},
		"listing.edit.status":                  {"TM01/SKU-1", "pending review"},
		"listing.list.title":                   {40},
		"listing.submitted":                    {"TM01/SKU-1", int64(12)},
		"listing.update.not_pair":              {"price"},
		"role.granted":                         {"<@U1>", "supervisor"},
		"role.revoked":                         {"<@U1>", "supervisor"},
		"role.unknown":                         {"boss", "admin, supervisor"},
		"role.user.invalid":                    {"alice"},
		"store.added":                          {"TM01", "Tmall flagship", "tmall"},
		"order.field.too_long":                 {"500"},
		"order.items.too_many":                 {"200"},
		"order.quantity.invalid":               {"-1"},
		"order.amount.invalid":                 {"12.345"},
		"order.payment_status.invalid":         {"pending", "unpaid, partial, paid, refund_requested, refunded"},
		"order.time.invalid":                   {"yesterday"},
		"order.store.mismatch":                 {"JD01", "TM01"},
		"order.batch.too_large":                {1200, 1000},
		"store.token.not_set":                  {"TM01"},
		"store.token.rotated":                  {"TM01", "so_3kT9xQ2mZ7"},
		"order.already_decided":                {"TM01/2026111100001", "released", "<@U2>"},
		"actor.api":                            {"TM01"},
		"order.already_closed":                 {"TM01/2026111100001", "released"},
		"order.exists":                         {"TM01/2026111100001"},
		"order.not_found":                      {int64(42)},
		"order.blacklisted":                    {"TM01/2026111100001"},
		"store.channel.invalid":                {"orders"},
		"store.channel.set.team":               {"TM01", "<#C123>"},
		"store.channel.set.warehouse":          {"TM01", "<#C456>"},
		"rules.check.unknown":                  {"fraud", "incomplete_address, missing_contact"},
		"rules.severity.invalid":               {"block", "hold, alert"},
		"rules.param.unknown":                  {"colour", "oversold", "min_items, max_items"},
		"rules.param.invalid":                  {"window", "soon", "duration"},
		"rules.param.order":                    {"min_items", "60", "max_items", "50"},
		"rules.scope.amount":                   {"500.00", "100.00"},
		"rules.scope.province":                 {"Atlantis"},
		"rules.not_found":                      {"TM01"},
		"blacklist.exists":                     {"phone", "13800138000"},
		"blacklist.not_found":                  {"phone", "13800138000"},
		"flag.incomplete_address.street_short": {"2", "5"},
		"flag.missing_contact.phone_invalid":   {"123****89"},
		"flag.conflicting_region":              {"广东省", "上海市"},
		"flag.conflicting_region.two":          {"浙江省", "江苏省"},
		"flag.remote_keywords":                 {"新疆, 西藏"},
		"flag.duplicate_order":                 {"2026111100001, 2026111100002", "30m"},
		"flag.multiple_addresses":              {"2", "2026111100003, 2026111100004", "24h"},
		"flag.many_to_one_address":             {"8", "1h", "5"},
		"flag.blacklisted.buyer":               {"tb_buyer_88", "Coupon abuse"},
		"flag.blacklisted.phone":               {"138****5678", "Coupon abuse"},
		"flag.blacklisted.address":             {"Coupon abuse"},
		"flag.blacklisted":                     {"device", "Coupon abuse"},
		"flag.unpaid.partial":                  {"50.00", "129.90"},
		"flag.unpaid.short":                    {"120.00", "129.90"},
		"flag.oversold":                        {"SKU-1", "3", "2"},
		"flag.abnormal_quantity.items":         {"60", "1", "50"},
		"flag.abnormal_quantity.skus":          {"25", "1", "20"},
		"flag.abnormal_quantity.line":          {"SKU-1", "0"},
		"flag.amount_out_of_range.high":        {"25000.00", "20000.00"},
		"flag.amount_out_of_range.low":         {"0.00", "0.01"},
		"flag.below_floor_price":               {"SKU-1", "9.90", "59.00"},
		"flag.remark_keywords.buyer":           {"退款, 差评"},
		"flag.remark_keywords.service":         {"refund"},
		"view.order.text":                      {"TM01/2026111100001", "held"},
		"view.order.alerts.header":             {"TM01", "2026-11-11"},
		"view.order.alerts.text":               {"TM01", "2026-11-11"},
		"view.order.alert.text":                {"TM01/P-1"},
		"view.order.header":                    {"TM01/2026111100001"},
		"view.order.received":                  {"2026-11-11 00:05"},
		"view.order.note":                      {"<@U1>", "2026-11-11 09:30", "Called the buyer; the address is right."},
		"view.order.outcome":                   {"released"},
		"view.order.outcome.by":                {"cancelled", "<@U2>", "2026-11-11 09:40"},
		"view.order.more_items":                {3},
		// Shipping, reading orders, the warehouse hand-off and the unshipped reminder.
		"order.shipped":                   {"TM01/2026111100001", "SF Express", "SF1234567890"},
		"order.ship.already":              {"TM01/2026111100001", "SF Express", "SF1234567890"},
		"order.ship.held":                 {"TM01/2026111100001"},
		"order.ship.cancelled":            {"TM01/2026111100001"},
		"order.ship.status":               {"TM01/2026111100001", "held"},
		"order.carrier.invalid":           {order.MaxCarrier},
		"order.tracking.invalid":          {"SF 123"},
		"order.shipments.too_large":       {1200, order.MaxShipmentBatch},
		"order.ref.invalid":               {""},
		"order.ambiguous":                 {"2026111100001", "JD01/2026111100001, TM01/2026111100001"},
		"order.list.unknown":              {"late", "held, unshipped"},
		"order.webhook.exists":            {"TM01-17"},
		"order.webhook.not_found":         {int64(17)},
		"store.webhook.invalid":           {"ftp://wms"},
		"store.webhook.set":               {"TM01", "https://wms.example.com/storeops", "whsec_3kT9xQ2mZ7"},
		"store.webhook.off":               {"TM01"},
		"store.promise.invalid":           {720},
		"store.promise.set":               {"TM01", 24},
		"view.orderinfo.header":           {"TM01/2026111100001", "released"},
		"view.orderinfo.times":            {"2026-11-11 00:05", "2026-11-11 00:06"},
		"view.orderinfo.shipped":          {"SF Express", "SF1234567890", "2026-11-12 10:00"},
		"view.orderinfo.handed_off":       {"2026-11-11 00:10"},
		"view.orderinfo.decided":          {"<@U2>", "2026-11-11 09:40"},
		"view.orders.found":               {"13800138000", 2},
		"view.orders.title.held":          {3},
		"view.orders.title.unshipped":     {3},
		"view.orders.more":                {50, "held"},
		"view.handoff.text":               {"TM01", 12},
		"order.cancelled":                 {"TM01/4012345678901"},
		"view.callback.text.cancelled":    {"TM01/4012345678901"},
		"view.callback.text.held":         {"TM01/4012345678901"},
		"view.callback.title.cancelled":   {"TM01/4012345678901"},
		"view.callback.title.held":        {"TM01/4012345678901"},
		"view.callback.cancelled_by":      {"<@U2>", "2026-11-11 10:05", "buyer changed their mind"},
		"view.callback.context.cancelled": {"2026-11-11 00:10"},
		"view.callback.context.held":      {"2026-11-11 00:10"},
		"order.cancelled.warehouse_told":  {"TM01/4012345678901"},
		"view.handoff.header":             {"TM01"},
		"view.handoff.context":            {"TM01-17", "2026-11-11 00:10", 12},
		"view.handoff.more":               {4},
		"view.unshipped.text":             {5, "TM01", 48},
		"view.unshipped.header":           {48, "TM01"},
		"view.unshipped.line":             {"TM01/2026111100001", "2026-11-11 00:06"},
		"view.unshipped.more":             {4},
		"view.order.outcome.review":       {"2026-11-11 00:30"},
		// Review rules and the blacklist.
		"rules.edit.empty":           {"duplicate_order"},
		"rules.param.none":           {"buffer", "blacklisted"},
		"rules.scope.platform":       {"amazon", "taobao, tmall"},
		"rules.scope.unknown":        {"colour", "platforms, provinces, min_amount, max_amount"},
		"blacklist.kind.unknown":     {"email", "buyer, phone, address"},
		"blacklist.value.too_long":   {order.MaxBlacklistValue},
		"blacklist.phone.invalid":    {"12345"},
		"rules.set.not_pair":         {"buffer"},
		"blacklist.added":            {"phone", "`13800138000`", "TM01"},
		"blacklist.removed":          {"phone", "`13800138000`", "TM01"},
		"view.rules.text":            {"TM01"},
		"view.rules.title":           {"TM01"},
		"view.rules.defaults":        {"TM01"},
		"view.rules.updated":         {"<@U2>", "2026-11-11 09:30", 3},
		"view.rules.param.own":       {"buffer", "duration", "2h", "30m"},
		"view.rules.param.default":   {"buffer", "duration", "30m"},
		"view.rules.value.default":   {"30m"},
		"view.rules.scope":           {"platforms Tmall, amount ≥ ¥100.00"},
		"view.rules.scope.platforms": {"Tmall, JD"},
		"view.rules.scope.provinces": {"广东, 浙江"},
		"view.rules.scope.min":       {"100.00"},
		"view.rules.scope.max":       {"500.00"},
		"view.rules.footer":          {"TM01"},
		"view.rules.changed":         {"TM01", "Duplicate or mergeable order", "duplicate_order"},
		"view.rules.unchanged":       {"TM01", "Duplicate or mergeable order", "duplicate_order"},
		"view.rules.change":          {"`buffer`", "30m (default)", "2h"},
		"view.rules.change.version":  {2},
		"view.blacklist.title":       {"TM01", 3},
		"view.blacklist.text":        {"TM01"},
		"view.blacklist.empty":       {"TM01"},
		"view.blacklist.added":       {"<@U2>", "2026-11-11 09:30"},
		"view.blacklist.more":        {12},
	}
}

func TestCatalogsHaveTheSameKeys(t *testing.T) {
	en, zh := english(), chinese()
	for k := range en {
		if _, ok := zh[k]; !ok {
			t.Errorf("%q is in English but not in Chinese", k)
		}
	}
	for k := range zh {
		if _, ok := en[k]; !ok {
			t.Errorf("%q is in Chinese but not in English", k)
		}
	}
}

func TestCatalogsUseTheSameArgs(t *testing.T) {
	en, zh := english(), chinese()
	for k, e := range en {
		z, ok := zh[k]
		if !ok {
			continue
		}
		er, zr := argSet(e), argSet(z)
		if !slices.Equal(er, zr) {
			t.Errorf("%q: English uses args %v, Chinese %v", k, er, zr)
		}
	}
}

func argSet(tmpl string) []int {
	refs := slices.Clone(argRefs(tmpl))
	slices.Sort(refs)
	return slices.Compact(refs)
}

func TestDocumentedArgs(t *testing.T) {
	docs := documentedArgs()
	for k := range docs {
		if _, ok := english()[k]; !ok {
			t.Errorf("documented args for %q, which is not in the catalog", k)
		}
	}
	// ignored are keys whose trailing args (passed by the domain) the messages leave out.
	ignored := map[string]int{"listing.exists": 1}
	c := New()
	for _, loc := range []string{English, Chinese} {
		l := c.For(loc)
		for k, tmpl := range map[string]map[string]string{English: english(), Chinese: chinese()}[loc] {
			args := docs[k]
			if n := argCount(tmpl); n != len(args)-ignored[k] {
				t.Errorf("%s %q refers to %d args, documented %d", loc, k, n, len(args)-ignored[k])
				continue
			}
			got := fmt.Sprintf(tmpl, args[:len(args)-ignored[k]]...)
			if strings.Contains(got, "%!") || strings.TrimSpace(got) == "" {
				t.Errorf("%s %q with %v = %q", loc, k, args, got)
			}
			if tl := l.T(k, args...); tl != got {
				t.Errorf("%s T(%q) = %q, want %q", loc, k, tl, got)
			}
		}
	}
}

// TestDomainKeysExist reads the domain's source for the catalog keys it uses (error keys,
// problem keys, card labels, problem fields) so that a key added there without a message
// fails here rather than in front of a user.
func TestDomainKeysExist(t *testing.T) {
	patterns := []*regexp.Regexp{
		regexp.MustCompile(`\bKey:\s*"([^"]+)"`),
		regexp.MustCompile(`\bLabel:\s*"([^"]+)"`),
		regexp.MustCompile(`Errorf\((?:domain\.)?E[A-Z]+,\s*"([^"]+)"`),
		regexp.MustCompile(`\bproblem\("([^"]+)"`),
		regexp.MustCompile(`\bKey[A-Z]\w*\s*=\s*"([^"]+)"`),
		regexp.MustCompile(`\b(?:NotFound|Conflict)\([^,]+,[^,]+,\s*"([^"]+)"`),
	}
	fieldPatterns := []*regexp.Regexp{
		regexp.MustCompile(`\bField:\s*"([^"]+)"`),
		regexp.MustCompile(`\bField[A-Z]\w*\s*=\s*"([^"]+)"`),
	}
	keys := map[string]string{}
	root := filepath.Join("..", "..", "domain")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, p := range patterns {
			for _, m := range p.FindAllStringSubmatch(string(src), -1) {
				if !strings.HasSuffix(m[1], ".") { // a prefix completed at run time ("field." + name)
					keys[m[1]] = path
				}
			}
		}
		for _, p := range fieldPatterns {
			for _, m := range p.FindAllStringSubmatch(string(src), -1) {
				keys["field."+m[1]] = path
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) < 40 {
		t.Fatalf("found only %d keys in %s; is the scan broken?", len(keys), root)
	}
	en, zh := english(), chinese()
	for k, path := range keys {
		if _, ok := en[k]; !ok {
			t.Errorf("%s uses %q, which is not in the English catalog", path, k)
		}
		if _, ok := zh[k]; !ok {
			t.Errorf("%s uses %q, which is not in the Chinese catalog", path, k)
		}
	}
}

// TestCallerKeysExist does for the edge what TestDomainKeysExist does for the domain: every
// literal key that the router, handlers and jobs pass to T, name as a command summary or
// put in an error must have a message.
func TestCallerKeysExist(t *testing.T) {
	patterns := []*regexp.Regexp{
		regexp.MustCompile(`\.T\("([^"]+)"`),
		regexp.MustCompile(`Errorf\((?:domain\.)?E[A-Z]+,\s*"([^"]+)"`),
		regexp.MustCompile(`\bSummary:\s*"([^"]+)"`),
	}
	en, zh := english(), chinese()
	for _, dir := range []string{"..", filepath.Join("..", "..", "handlers"), filepath.Join("..", "..", "jobs")} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, path := range files {
			if strings.HasSuffix(path, "_test.go") {
				continue
			}
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range patterns {
				for _, m := range p.FindAllStringSubmatch(string(src), -1) {
					k := m[1]
					if strings.HasSuffix(k, ".") {
						continue
					}
					if _, ok := en[k]; !ok {
						t.Errorf("%s uses %q, which is not in the English catalog", path, k)
					}
					if _, ok := zh[k]; !ok {
						t.Errorf("%s uses %q, which is not in the Chinese catalog", path, k)
					}
				}
			}
		}
	}
}

// TestOrderReviewKeys checks the keys that the order review builds at run time, which the
// source scans cannot see: every check's name, every flag key with the arguments its check
// declares (order.Check.Keys), the order statuses and severities the card names, and the
// lengths Slack allows the card's buttons and modals.
func TestOrderReviewKeys(t *testing.T) {
	en, zh := english(), chinese()
	docs := documentedArgs()
	has := func(key string, argc int) {
		t.Helper()
		for loc, msgs := range map[string]map[string]string{English: en, Chinese: zh} {
			tmpl, ok := msgs[key]
			if !ok {
				t.Errorf("%s catalog lacks %q", loc, key)
				continue
			}
			if n := argCount(tmpl); n != argc {
				t.Errorf("%s %q refers to %d args, the domain passes %d", loc, key, n, argc)
			}
		}
		if argc > 0 && len(docs[key]) != argc {
			t.Errorf("%q takes %d args, documented %d", key, argc, len(docs[key]))
		}
	}
	for _, c := range order.Checks() {
		has(c.Summary, 0)
		for _, k := range c.Keys {
			has(k.Key, len(k.Args))
		}
	}
	for _, s := range order.Statuses() {
		has("order.status."+string(s), 0)
	}
	for _, s := range []order.Severity{order.SeverityHold, order.SeverityAlert} {
		has("view.order.severity."+string(s), 0)
	}
	limits := map[string]int{
		"view.order.cancel.title": 24, "view.order.cancel.submit": 24,
		"view.order.note.title": 24, "view.order.note.submit": 24,
		"view.order.button.release": 75, "view.order.button.cancel": 75,
		"view.order.button.blacklist": 75, "view.order.button.note": 75,
	}
	for key, limit := range limits {
		for loc, msgs := range map[string]map[string]string{English: en, Chinese: zh} {
			if n := len([]rune(msgs[key])); n == 0 || n > limit {
				t.Errorf("%s %q has %d characters, want 1 to %d", loc, key, n, limit)
			}
		}
	}
}

func TestChineseIsSimplified(t *testing.T) {
	const traditional = "運營審終單訂銷貨價庫圖標題關鍵詞類態駁過請輸錯誤聯繫賬創時間負責語這個們來會對發開門問為麼無東車長電話報業產點進還邊買賣號據專項戶帳務準備註處與條記錄顯筆數擁權員結總統計劃級絡設該從讓給認證幫議應務購張"
	for k, v := range chinese() {
		if i := strings.IndexAny(v, traditional); i >= 0 {
			t.Errorf("%q has a Traditional character in %q", k, v)
		}
	}
}

func TestNormalizeLocale(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"zh-CN", "zh"}, {"zh_CN", "zh"}, {"zh", "zh"}, {"zh-TW", "zh"}, {"zh-HK", "zh"}, {"ZH-cn", "zh"},
		{"zh-Hans-CN", "zh"}, {"en-US", "en"}, {"en", "en"}, {"en-GB", "en"}, {"ja-JP", "en"}, {"fr", "en"},
		{"zhx", "en"}, {" ", ""}, {"", ""},
	} {
		if got := NormalizeLocale(tc.in); got != tc.want {
			t.Errorf("NormalizeLocale(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestForFallsBackToEnglish(t *testing.T) {
	c := New()
	for _, loc := range []string{"", "fr-FR", "xx"} {
		if got := c.For(loc).Locale(); got != English {
			t.Errorf("For(%q).Locale() = %q", loc, got)
		}
	}
	if got := c.For("zh-TW").Locale(); got != Chinese {
		t.Errorf("For(zh-TW) = %q", got)
	}
	if got := (Localizer{}).T("a.key"); got != "a.key" {
		t.Errorf("zero Localizer T = %q", got)
	}
}

func TestTFallback(t *testing.T) {
	l := Localizer{locale: Chinese,
		msgs:     compile(map[string]string{"both": "两者"}),
		fallback: compile(map[string]string{"both": "both", "only.en": "only %s"})}
	for _, tc := range []struct {
		key  string
		args []any
		want string
	}{
		{"both", nil, "两者"},
		{"only.en", []any{"English"}, "only English"},
		{"missing.key", []any{1}, "missing.key"},
	} {
		if got := l.T(tc.key, tc.args...); got != tc.want {
			t.Errorf("T(%q) = %q, want %q", tc.key, got, tc.want)
		}
	}
	if !l.Has("only.en") || l.Has("missing.key") {
		t.Error("Has disagrees with T")
	}
}

func TestTFitsArgs(t *testing.T) {
	l := New().For("en")
	if got := l.T("listing.exists", "TM01/SKU-1", "live", "extra"); strings.Contains(got, "%!") || !strings.Contains(got, "TM01/SKU-1") {
		t.Errorf("extra args: %q", got)
	}
	if got := l.T("approval.self", int64(7)); got != "You cannot decide your own request." {
		t.Errorf("arg to a template without verbs: %q", got)
	}
	if got := l.T("role.exists", "<@U1>"); strings.Contains(got, "%!") {
		t.Errorf("missing args: %q", got)
	}
}

func TestArgRefs(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []int
	}{
		{"plain", nil},
		{"100%% sure", nil},
		{"%s and %d", []int{1, 2}},
		{"%[2]s then %[1]s", []int{2, 1}},
		{"%[2]s then %s", []int{2, 3}},
		{"%5.2f %-8v %+d %#x", []int{1, 2, 3, 4}},
		{"%*d", []int{1, 2}},
		{"%[3]*.[2]*[1]f", []int{3, 2, 1}},
		{"「%s」%d个", []int{1, 2}},
		{"trailing %", nil},
	} {
		if got := argRefs(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("argRefs(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestErrorListsProblems(t *testing.T) {
	err := fmt.Errorf("submit listing: %w", domain.Invalid([]domain.Problem{
		{Field: listing.FieldPrice, Key: "listing.price.invalid", Args: []any{"abc"}},
		{Field: listing.FieldImages, Key: "listing.field.required"},
	}))
	c := New()
	for _, tc := range []struct {
		locale string
		want   []string
	}{
		{"en-US", []string{"Please fix the following (2):", "• Price: “abc” is not an amount", "• Images: This field is required."}},
		{"zh-CN", []string{"请修正以下 2 处问题：", "• 价格：“abc”不是有效金额", "• 图片：此项必填。"}},
	} {
		got := c.For(tc.locale).Error(err)
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q lacks %q", tc.locale, got, w)
			}
		}
		if n := strings.Count(got, "\n"); n != 2 {
			t.Errorf("%s: %d lines in %q, want 3", tc.locale, n+1, got)
		}
	}
}

func TestErrorLocalisesDomainArgs(t *testing.T) {
	en, zh := New().For("en"), New().For("zh")
	for _, tc := range []struct {
		l    Localizer
		err  error
		want string
	}{
		{en, approval.ErrAlreadyDecided(approval.Request{Status: approval.StatusApproved, DecidedBy: "U2"}), "Already approved by <@U2>."},
		{en, approval.ErrAlreadyDecided(approval.Request{Status: approval.StatusRejected, DecidedBy: "U2"}), "Already rejected by <@U2>."},
		{en, approval.ErrAlreadyDecided(approval.Request{Status: approval.StatusExpired}), "This request is already expired."},
		{en, approval.ErrAlreadyDecided(approval.Request{Status: "vetoed", DecidedBy: "U3"}), "This request was already decided (vetoed) by <@U3>."},
		{zh, approval.ErrAlreadyDecided(approval.Request{Status: approval.StatusApproved, DecidedBy: "U2"}), "已由 <@U2> 批准。"},
		{en, domain.Actor{UserID: "U1"}.Require(domain.RoleSupervisor), "This needs the supervisor role."},
		{zh, domain.Actor{UserID: "U1"}.Require(domain.RoleSupervisor), "此操作需要「运营主管」角色。"},
		{zh, approval.ErrNotApprover(domain.RoleSupervisor), "只有「运营主管」可以审批此申请。"},
		{zh, domain.Errorf(domain.EFORBIDDEN, "error.needs_role", "supervisor / assistant"), "此操作需要「运营主管 / 运营助理」角色。"},
		{en, domain.Errorf(domain.ECONFLICT, "listing.update.status", "TM01/SKU-1", "pending_review"), "TM01/SKU-1 is pending review; only draft and live listings can be changed."},
		{en, domain.Errorf(domain.ECONFLICT, "role.configured_admin", "U9"), "<@U9> is an admin by configuration"},
		{zh, domain.Invalid([]domain.Problem{{Field: "sku", Key: "listing.field.not_updatable", Args: []any{"sku", "title, price"}}}), "• SKU：sku 不能修改；可以修改的是：标题、价格。"},
		{en, domain.Invalid([]domain.Problem{{Field: "colour", Key: "listing.field.unknown", Args: []any{"colour"}}}), "• colour: There is no field colour."},
	} {
		if got := tc.l.Error(tc.err); !strings.Contains(got, tc.want) {
			t.Errorf("%s Error(%v) = %q, want it to contain %q", tc.l.Locale(), tc.err, got, tc.want)
		}
	}
}

func TestErrorInternal(t *testing.T) {
	l := New().For("en")
	err := fmt.Errorf("list listings: %w", errors.New("dial tcp: connection refused"))
	got := l.ErrorWithRef(err, "a1b2c3")
	if !strings.Contains(got, "(ref a1b2c3)") || strings.Contains(got, "dial tcp") {
		t.Errorf("ErrorWithRef = %q", got)
	}
	if got := l.Error(err); strings.Contains(got, "ref") || strings.Contains(got, "dial") || got == "" {
		t.Errorf("Error = %q", got)
	}
	if got := l.Error(nil); got != "" {
		t.Errorf("Error(nil) = %q", got)
	}
}

func TestNames(t *testing.T) {
	en, zh := New().For("en"), New().For("zh")
	check := func(got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
	check(en.Mention("U123"), "<@U123>")
	check(en.Mention(domain.SystemUser), "StoreOps")
	check(en.Mention(""), "")
	tz, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 29, 6, 5, 59, 0, time.UTC)
	check(en.Time(at, tz), "2026-11-29 14:05")
	check(en.Time(at, nil), "2026-11-29 06:05")
	check(en.Time(time.Time{}, tz), "")
	wantStatus := map[listing.Status][2]string{
		listing.StatusDraft:            {"draft", "草稿"},
		listing.StatusPendingReview:    {"pending review", "待审核"},
		listing.StatusLive:             {"live", "已上架"},
		listing.StatusPendingDelisting: {"pending delisting", "待下架"},
		listing.StatusDelisted:         {"delisted", "已下架"},
	}
	for _, s := range listing.Statuses() {
		check(en.Status(s), wantStatus[s][0])
		check(zh.Status(s), wantStatus[s][1])
	}
	check(en.Status("archived"), "archived")
	for _, s := range []approval.Status{approval.StatusPending, approval.StatusApproved, approval.StatusRejected, approval.StatusCancelled, approval.StatusExpired} {
		if !en.Has("status.approval."+string(s)) || !zh.Has("status.approval."+string(s)) {
			t.Errorf("approval status %s has no name", s)
		}
	}
	check(en.Kind(approval.KindListingPublish), "New listing")
	check(zh.Kind(approval.KindListingPublish), "新品上架")
	check(en.Kind(approval.KindListingChange), "Major listing change")
	check(zh.Kind(approval.KindListingChange), "商品信息重大变更")
	check(en.Kind(approval.KindListingDelist), "Delisting")
	check(zh.Kind(approval.KindListingDelist), "商品下架")
	check(en.Kind("refund"), "refund")
	check(zh.Role(domain.RoleAssistant), "运营助理")
	check(zh.Role(domain.RoleSupervisor), "运营主管")
	for _, r := range domain.Roles() {
		if !en.Has("role.name."+string(r)) || !zh.Has("role.name."+string(r)) {
			t.Errorf("role %s has no name", r)
		}
	}
}

// TestImportKeysExist does for the order file reader (orderfile, outside the scanned
// directories) what TestCallerKeysExist does for the edge.
func TestImportKeysExist(t *testing.T) {
	pattern := regexp.MustCompile(`Errorf\((?:domain\.)?E[A-Z]+,\s*"([^"]+)"`)
	files, _ := filepath.Glob(filepath.Join("..", "..", "orderfile", "*.go"))
	en, zh := english(), chinese()
	found := 0
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range pattern.FindAllStringSubmatch(string(src), -1) {
			found++
			if _, ok := en[m[1]]; !ok {
				t.Errorf("%s uses %q, which is not in the English catalog", path, m[1])
			}
			if _, ok := zh[m[1]]; !ok {
				t.Errorf("%s uses %q, which is not in the Chinese catalog", path, m[1])
			}
		}
	}
	if found < 5 {
		t.Fatalf("found only %d keys in orderfile; is the scan broken?", found)
	}
}

func TestIllegalCaseMoveNamesStatesAndKeepsTheirTokens(t *testing.T) {
	err := domain.Errorf(domain.ECONFLICT, "aftersale.move.illegal", "#3", "approved", "refunded", "awaiting_return, rejected")
	zh := New().For(Chinese).Error(err)
	for _, want := range []string{"#3", "不能转到", "待退回 (`awaiting_return`)", "已驳回 (`rejected`)"} {
		if !strings.Contains(zh, want) {
			t.Errorf("zh refusal %q lacks %q", zh, want)
		}
	}
	if strings.Contains(zh, "approved ") {
		t.Errorf("zh refusal shows the raw current state: %q", zh)
	}
	final := domain.Errorf(domain.ECONFLICT, "aftersale.move.illegal", "#3", "closed", "refunded", "")
	if en := New().For(English).Error(final); !strings.Contains(en, "Allowed next: none") {
		t.Errorf("a final case's refusal: %q", en)
	}
}
