package metricsfile

import (
	"strings"

	"storeops/domain/metrics"
	"storeops/orderfile"
)

// Field names of the columns: the figures as metrics.Input names them, and the row's keys.
const (
	FieldDate   = "date"
	FieldStore  = "store"
	FieldSource = "source"
	FieldSKU    = "sku"
	// FieldUnits is the pieces sold of a SKU (SKU rows only).
	FieldUnits = "units"
)

// column is one field a file may carry: the header the template writes, the headers
// accepted (English, simplified and traditional Chinese), the template's examples (an
// overall day, a source's day, a SKU row).
type column struct {
	field    string
	header   string
	aliases  []string
	examples [3]string
}

// columns lists the fields in template order. On a SKU row (商品编码 filled) the figure
// columns hold the SKU's figures: 访客数 its visitors, 支付买家数 its buyers, 支付件数 its
// units, 支付金额 its paid amount.
var columns = []column{
	{FieldDate, "日期 / Date", []string{"日期", "统计日期", "統計日期", "date", "day", "stat date"}, [3]string{"2026-11-28", "2026-11-28", "2026-11-28"}},
	{FieldStore, "店铺 / Store", []string{"店铺", "店鋪", "店铺代码", "店鋪代碼", "store", "store code", "shop"}, [3]string{"TM01", "TM01", "TM01"}},
	{FieldSource, "来源 / Source", []string{"来源", "來源", "流量来源", "流量來源", "渠道", "source", "traffic source", "channel"}, [3]string{"整体", "搜索", ""}},
	{FieldSKU, "商品编码 / SKU", []string{"商品编码", "商品編碼", "商家编码", "商家編碼", "货号", "貨號", "sku", "sku code", "item code"}, [3]string{"", "", "MUG-1"}},
	{metrics.FieldVisitors, "访客数 / Visitors", []string{"访客数", "訪客數", "访客", "訪客", "uv", "visitors", "unique visitors"}, [3]string{"1,234", "560", "300"}},
	{metrics.FieldSessions, "会话数 / Sessions", []string{"会话数", "會話數", "访问次数", "訪問次數", "sessions", "visits"}, [3]string{"1,500", "610", ""}},
	{metrics.FieldPageViews, "浏览量 / Page views", []string{"浏览量", "瀏覽量", "pv", "page views", "pageviews"}, [3]string{"4,321", "1,800", ""}},
	{metrics.FieldPayingBuyers, "支付买家数 / Paying buyers", []string{"支付买家数", "支付買家數", "成交买家数", "成交買家數", "paying buyers", "buyers"}, [3]string{"40", "18", "12"}},
	{metrics.FieldPaidOrders, "支付订单数 / Paid orders", []string{"支付订单数", "支付訂單數", "成交订单数", "成交訂單數", "paid orders", "orders"}, [3]string{"45", "20", ""}},
	{metrics.FieldPaidAmount, "支付金额 / Paid amount", []string{"支付金额", "支付金額", "成交金额", "成交金額", "销售额", "銷售額", "paid amount", "sales", "revenue"}, [3]string{"5843.50", "2210.00", "974.25"}},
	{metrics.FieldRefundedOrders, "退款订单数 / Refunded orders", []string{"退款订单数", "退款訂單數", "成功退款订单数", "成功退款訂單數", "refunded orders", "refunds"}, [3]string{"2", "1", ""}},
	{metrics.FieldRefundedAmount, "退款金额 / Refunded amount", []string{"退款金额", "退款金額", "成功退款金额", "成功退款金額", "refunded amount", "refund amount"}, [3]string{"129.90", "64.95", ""}},
	{FieldUnits, "支付件数 / Units", []string{"支付件数", "支付件數", "件数", "件數", "销量", "銷量", "units", "units sold"}, [3]string{"", "", "15"}},
}

// aliasIndex maps a folded header to its field.
func aliasIndex() map[string]string {
	m := map[string]string{}
	for _, c := range columns {
		for _, h := range append([]string{c.field}, c.aliases...) {
			m[orderfile.HeaderKey(h)] = c.field
		}
	}
	return m
}

// FieldOf returns the field a header names, by the same folding as the order files.
func FieldOf(index map[string]string, header string) (string, bool) {
	for _, cand := range orderfile.HeaderCandidates(header) {
		if f, ok := index[orderfile.HeaderKey(cand)]; ok {
			return f, true
		}
	}
	return "", false
}

// Header is the template's header of a field, "" for a name that is not one.
func Header(field string) string {
	for _, c := range columns {
		if c.field == field {
			return c.header
		}
	}
	return ""
}

// sourceWords maps the platforms' names of traffic sources to metrics sources; a value
// that is none of them passes as written, for the day's check to name.
var sourceWords = map[string]metrics.Source{
	"整体": metrics.SourceOverall, "整體": metrics.SourceOverall, "全部": metrics.SourceOverall, "汇总": metrics.SourceOverall,
	"匯總": metrics.SourceOverall, "合计": metrics.SourceOverall, "合計": metrics.SourceOverall, "all": metrics.SourceOverall, "total": metrics.SourceOverall,
	"搜索": metrics.SourceSearch, "搜尋": metrics.SourceSearch, "自然搜索": metrics.SourceSearch, "手淘搜索": metrics.SourceSearch,
	"广告": metrics.SourceAds, "廣告": metrics.SourceAds, "付费": metrics.SourceAds, "付費": metrics.SourceAds, "直通车": metrics.SourceAds, "直通車": metrics.SourceAds,
	"推荐": metrics.SourceRecommendation, "推薦": metrics.SourceRecommendation, "猜你喜欢": metrics.SourceRecommendation, "猜你喜歡": metrics.SourceRecommendation,
	"社交": metrics.SourceSocial, "内容": metrics.SourceSocial, "內容": metrics.SourceSocial, "社媒": metrics.SourceSocial,
}

func sourceOf(s string) string {
	s = orderfile.Cell(s)
	if src, ok := sourceWords[strings.ToLower(s)]; ok {
		return string(src)
	}
	return s
}
