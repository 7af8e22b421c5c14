package orderfile

import (
	"strings"

	"storeops/domain/order"
)

// Field names are the paths of order.Input that a column fills, as order.Input.Parse names
// them in its problems; an item field is named without its index ("items.sku").
const (
	FieldOrderID         = "platform_order_id"
	FieldStore           = "store"
	FieldBuyerName       = "buyer.name"
	FieldBuyerPhone      = "buyer.phone"
	FieldBuyerPlatformID = "buyer.platform_id"
	FieldProvince        = "address.province"
	FieldCity            = "address.city"
	FieldDistrict        = "address.district"
	FieldStreet          = "address.street"
	FieldPostcode        = "address.postcode"
	FieldSKU             = "items.sku"
	FieldQuantity        = "items.quantity"
	FieldUnitPrice       = "items.unit_price"
	FieldGoods           = "amounts.goods"
	FieldShipping        = "amounts.shipping"
	FieldDiscount        = "amounts.discount"
	FieldPaid            = "amounts.paid"
	FieldPaymentMethod   = "payment_method"
	FieldPaymentStatus   = "payment_status"
	FieldBuyerRemark     = "buyer_remark"
	FieldCreatedAt       = "created_at"
	FieldPaidAt          = "paid_at"
)

// column is one field a file may carry: its name, the header the template writes, the
// headers accepted for it (English and the common Chinese ones, simplified and
// traditional), and the template's example value.
type column struct {
	field    string
	header   string
	aliases  []string
	example  string
	required bool
}

// columns lists the fields in template order.
var columns = []column{
	{FieldOrderID, "订单号 / Order ID", []string{"订单号", "訂單號", "订单编号", "訂單編號", "订单id", "訂單id", "平台订单号", "主订单号", "主訂單號",
		"order id", "order no", "order number", "platform order id", "platform_order_id", "order"}, "2026111100001", true},
	{FieldStore, "店铺 / Store", []string{"店铺", "店鋪", "店铺名称", "店鋪名稱", "店铺代码", "店鋪代碼", "store", "store code", "shop"}, "TM01", false},
	{FieldBuyerName, "买家 / Buyer", []string{"买家", "買家", "买家昵称", "買家暱稱", "买家姓名", "買家姓名", "收货人", "收貨人", "收货人姓名", "收貨人姓名",
		"buyer", "buyer name", "recipient", "consignee", "customer", "name"}, "李雷", false},
	{FieldBuyerPhone, "手机 / Phone", []string{"手机", "手機", "手机号", "手機號", "手机号码", "手機號碼", "联系电话", "聯繫電話", "聯絡電話", "联系手机", "聯繫手機",
		"收货人手机", "收貨人手機", "电话", "電話", "phone", "mobile", "phone number", "telephone", "tel"}, "13800138000", false},
	{FieldBuyerPlatformID, "买家ID / Buyer ID", []string{"买家id", "買家id", "会员名", "會員名", "买家会员名", "買家會員名", "买家账号", "買家帳號",
		"buyer id", "platform buyer id", "buyer account"}, "tb_lilei", false},
	{FieldProvince, "省份 / Province", []string{"省", "省份", "收货省份", "收貨省份", "province"}, "浙江省", false},
	{FieldCity, "城市 / City", []string{"市", "城市", "收货城市", "收貨城市", "city"}, "杭州市", false},
	{FieldDistrict, "区县 / District", []string{"区", "區", "区县", "區縣", "县区", "縣區", "district", "county"}, "西湖区", false},
	{FieldStreet, "收货地址 / Street", []string{"收货地址", "收貨地址", "详细地址", "詳細地址", "地址", "街道地址", "street", "address", "street address",
		"shipping address", "detail address"}, "文三路 100 号 2 单元", false},
	{FieldPostcode, "邮编 / Postcode", []string{"邮编", "郵編", "邮政编码", "郵政編碼", "郵遞區號", "postcode", "post code", "zip", "zip code", "postal code"}, "310012", false},
	{FieldSKU, "商品编码 / SKU", []string{"商品编码", "商品編碼", "商家编码", "商家編碼", "sku", "sku编码", "sku編碼", "货号", "貨號", "商品sku",
		"sku code", "item code"}, "MUG-1", true},
	{FieldQuantity, "数量 / Quantity", []string{"数量", "數量", "购买数量", "購買數量", "商品数量", "商品數量", "quantity", "qty"}, "2", true},
	{FieldUnitPrice, "单价 / Unit price", []string{"单价", "單價", "商品单价", "商品單價", "价格", "價格", "unit price", "price"}, "64.95", false},
	{FieldGoods, "商品总价 / Goods", []string{"商品总价", "商品總價", "商品金额", "商品金額", "货款", "貨款", "goods", "goods amount", "goods total",
		"subtotal", "item total"}, "129.90", false},
	{FieldShipping, "运费 / Shipping", []string{"运费", "運費", "邮费", "郵費", "shipping", "shipping fee", "freight"}, "0.00", false},
	{FieldDiscount, "优惠 / Discount", []string{"优惠", "優惠", "优惠金额", "優惠金額", "折扣", "折扣金额", "折扣金額", "discount"}, "0.00", false},
	{FieldPaid, "实付 / Paid", []string{"实付", "實付", "实付金额", "實付金額", "买家实付", "買家實付", "实收", "實收", "支付金额", "支付金額",
		"付款金额", "付款金額", "paid", "amount paid", "paid amount", "total paid"}, "129.90", false},
	{FieldPaymentMethod, "支付方式 / Payment method", []string{"支付方式", "付款方式", "payment method"}, "支付宝", false},
	{FieldPaymentStatus, "支付状态 / Payment status", []string{"支付状态", "支付狀態", "付款状态", "付款狀態", "订单状态", "訂單狀態",
		"payment status", "order status", "status"}, "已付款", false},
	{FieldBuyerRemark, "买家留言 / Buyer remark", []string{"买家留言", "買家留言", "买家备注", "買家備註", "备注", "備註", "订单备注", "訂單備註",
		"remark", "buyer remark", "buyer message", "note", "notes", "comment"}, "请下午送", false},
	{FieldCreatedAt, "下单时间 / Created at", []string{"下单时间", "下單時間", "创建时间", "創建時間", "建立時間", "订单创建时间", "訂單創建時間",
		"created at", "created", "order time", "order date", "placed at"}, "2026-11-11 00:05:00", false},
	{FieldPaidAt, "付款时间 / Paid at", []string{"付款时间", "付款時間", "支付时间", "支付時間", "paid at", "payment time", "paid time"}, "2026-11-11 00:06:10", false},
}

// aliasIndex maps a normalised header to its field.
var aliasIndex = func() map[string]string {
	m := map[string]string{}
	for _, c := range columns {
		for _, h := range append([]string{c.field}, c.aliases...) {
			k := headerKey(h)
			if prev, dup := m[k]; dup && prev != c.field {
				panic("orderfile: header " + h + " is an alias of " + prev + " and " + c.field)
			}
			m[k] = c.field
		}
	}
	return m
}()

// Fields lists the field names a file may fill, in template order.
func Fields() []string {
	out := make([]string, len(columns))
	for i, c := range columns {
		out[i] = c.field
	}
	return out
}

// Header returns the template's header of a field ("数量 / Quantity"), or "" for a name
// that is not a field.
func Header(field string) string {
	for _, c := range columns {
		if c.field == field {
			return c.header
		}
	}
	return ""
}

// FieldOf returns the field a header names: exactly (after folding case, width, spaces and
// punctuation), else without a trailing note in brackets ("数量（件）"), else by one of the
// parts of a header that gives several names ("订单号 / Order ID").
func FieldOf(header string) (string, bool) {
	for _, cand := range headerCandidates(header) {
		if f, ok := aliasIndex[headerKey(cand)]; ok {
			return f, true
		}
	}
	return "", false
}

func headerCandidates(h string) []string {
	h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
	out := []string{h}
	if stripped := stripBrackets(h); stripped != h && strings.TrimSpace(stripped) != "" {
		out = append(out, stripped)
	}
	for _, part := range strings.FieldsFunc(h, func(r rune) bool { return r == '/' || r == '|' || r == '／' || r == '\n' }) {
		out = append(out, part, stripBrackets(part))
	}
	// Last, what the brackets hold: "Quantity (数量)".
	return append(out, bracketed(h)...)
}

// stripBrackets removes bracketed notes: "单价(元)" → "单价".
func stripBrackets(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch r {
		case '(', '（', '[', '【':
			depth++
			continue
		case ')', '）', ']', '】':
			if depth > 0 {
				depth--
			}
			continue
		}
		if depth == 0 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// bracketed returns the texts inside top-level brackets.
func bracketed(s string) []string {
	var out []string
	var cur strings.Builder
	depth := 0
	for _, r := range s {
		switch r {
		case '(', '（', '[', '【':
			depth++
			if depth == 1 {
				cur.Reset()
				continue
			}
		case ')', '）', ']', '】':
			if depth == 1 {
				out = append(out, cur.String())
			}
			if depth > 0 {
				depth--
			}
			continue
		}
		if depth > 0 {
			cur.WriteRune(r)
		}
	}
	return out
}

// headerKey folds a header to compare it: width, case, and no spaces or punctuation
// ("Order-ID", "order_id" and "ＯＲＤＥＲ ＩＤ" are one key).
func headerKey(h string) string { return order.NormalizeText(h) }

// layout is where each field is in a file's rows.
type layout struct {
	// at maps a field to its column index.
	at map[string]int
	// headers are the header texts of the file, by column index.
	headers []string
}

// readHeader maps a header row; fields named twice keep their first column.
func readHeader(cells []string) layout {
	l := layout{at: map[string]int{}, headers: make([]string, len(cells))}
	for i, h := range cells {
		l.headers[i] = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		f, ok := FieldOf(h)
		if !ok {
			continue
		}
		if _, taken := l.at[f]; !taken {
			l.at[f] = i
		}
	}
	return l
}

// missing lists the required fields the layout lacks, by their template headers.
func (l layout) missing() []string {
	var out []string
	for _, c := range columns {
		if _, ok := l.at[c.field]; c.required && !ok {
			out = append(out, c.header)
		}
	}
	return out
}

func (l layout) has(field string) bool {
	_, ok := l.at[field]
	return ok
}

// header is the file's own header of a field, "" when the file has no such column.
func (l layout) header(field string) string {
	i, ok := l.at[field]
	if !ok {
		return ""
	}
	return l.headers[i]
}
