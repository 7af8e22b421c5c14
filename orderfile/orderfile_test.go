package orderfile

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"storeops/domain"
	"storeops/domain/order"
)

var shanghai = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return loc
}()

func TestFieldOf(t *testing.T) {
	tests := []struct {
		header, field string
	}{
		{"订单号", FieldOrderID}, {"訂單號", FieldOrderID}, {"订单编号", FieldOrderID}, {"Order ID", FieldOrderID},
		{"order_id", FieldOrderID}, {"ORDER-NO", FieldOrderID}, {"\ufeff订单号", FieldOrderID}, {"*订单号", FieldOrderID},
		{"platform_order_id", FieldOrderID}, {"店铺", FieldStore}, {"Store", FieldStore},
		{"买家", FieldBuyerName}, {"買家", FieldBuyerName}, {"买家昵称", FieldBuyerName}, {"收货人", FieldBuyerName}, {"收貨人", FieldBuyerName},
		{"手机", FieldBuyerPhone}, {"手機", FieldBuyerPhone}, {"联系电话", FieldBuyerPhone}, {"聯繫電話", FieldBuyerPhone}, {"Mobile", FieldBuyerPhone},
		{"买家ID", FieldBuyerPlatformID}, {"会员名", FieldBuyerPlatformID}, {"Buyer ID", FieldBuyerPlatformID},
		{"省", FieldProvince}, {"省份", FieldProvince}, {"市", FieldCity}, {"城市", FieldCity},
		{"区", FieldDistrict}, {"區", FieldDistrict}, {"区县", FieldDistrict},
		{"收货地址", FieldStreet}, {"收貨地址", FieldStreet}, {"详细地址", FieldStreet}, {"Address", FieldStreet},
		{"邮编", FieldPostcode}, {"郵編", FieldPostcode}, {"Zip Code", FieldPostcode},
		{"商品编码", FieldSKU}, {"商品編碼", FieldSKU}, {"SKU", FieldSKU}, {"商家编码", FieldSKU},
		{"数量", FieldQuantity}, {"數量", FieldQuantity}, {"数量（件）", FieldQuantity}, {"Qty", FieldQuantity},
		{"单价", FieldUnitPrice}, {"單價", FieldUnitPrice}, {"单价(元)", FieldUnitPrice}, {"Unit Price", FieldUnitPrice},
		{"商品总价", FieldGoods}, {"商品金额", FieldGoods}, {"运费", FieldShipping}, {"運費", FieldShipping},
		{"优惠", FieldDiscount}, {"優惠", FieldDiscount}, {"折扣", FieldDiscount},
		{"实付", FieldPaid}, {"實付", FieldPaid}, {"实付金额", FieldPaid}, {"Amount Paid", FieldPaid},
		{"支付方式", FieldPaymentMethod}, {"支付状态", FieldPaymentStatus}, {"订单状态", FieldPaymentStatus},
		{"买家留言", FieldBuyerRemark}, {"買家留言", FieldBuyerRemark}, {"备注", FieldBuyerRemark},
		{"下单时间", FieldCreatedAt}, {"下單時間", FieldCreatedAt}, {"创建时间", FieldCreatedAt}, {"Created At", FieldCreatedAt},
		{"付款时间", FieldPaidAt}, {"付款時間", FieldPaidAt}, {"paid_at", FieldPaidAt},
		// Headers that give several names, as the template writes them.
		{"订单号 / Order ID", FieldOrderID}, {"数量 / Quantity", FieldQuantity}, {"Quantity (数量)", FieldQuantity},
		{"ＳＫＵ", FieldSKU},
		// Not ours.
		{"商品名称", ""}, {"物流单号", ""}, {"", ""}, {"Colour", ""},
	}
	for _, tt := range tests {
		got, ok := FieldOf(tt.header)
		if got != tt.field || ok != (tt.field != "") {
			t.Errorf("FieldOf(%q) = %q, %v; want %q", tt.header, got, ok, tt.field)
		}
	}
	// Every template header names its own field.
	for _, f := range Fields() {
		if got, _ := FieldOf(Header(f)); got != f {
			t.Errorf("template header %q maps to %q, want %q", Header(f), got, f)
		}
	}
}

// readString reads a CSV given as text.
func readString(t *testing.T, text string) []Row {
	t.Helper()
	rows, err := Read(strings.NewReader(text), "orders.csv", shanghai)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return rows
}

func errKey(err error) string {
	if e, ok := domain.AsError(err); ok {
		return e.Key
	}
	return fmt.Sprint(err)
}

const chineseCSV = "订单号,店铺,收货人,手机,买家ID,省,市,区,收货地址,邮编,商品编码,数量,单价,商品总价,运费,优惠,实付,支付方式,支付状态,买家留言,下单时间,付款时间\n" +
	"2026111100001,TM01,李雷,13800138000,tb_lilei,浙江省,杭州市,西湖区,文三路 100 号 2 单元,310012,MUG-1,2,64.95,179.90,10.00,0.00,189.90,支付宝,已付款,请下午送,2026-11-11 00:05:00,2026-11-11 00:06:10\n" +
	"2026111100001,TM01,,,,,,,,,CUP-2,1,50.00,,,,,,,,,\n" +
	"2026111100002,TM01,韩梅梅,13900139000,tb_hmm,广东省,深圳市,南山区,科技园路 8 号,518000,MUG-1,1,64.95,64.95,0,0,0,,待付款,,2026-11-11 01:00:00,\n"

func TestReadCSVChineseHeadersAndMultiLineOrders(t *testing.T) {
	rows := readString(t, chineseCSV)
	if len(rows) != 2 {
		t.Fatalf("%d orders, want 2: %+v", len(rows), rows)
	}
	first := rows[0]
	if first.Number != 2 || !slices.Equal(first.Lines, []int{2, 3}) {
		t.Errorf("first order at row %d lines %v, want 2 [2 3]", first.Number, first.Lines)
	}
	in := first.Input
	want := order.Input{
		StoreCode: "TM01", PlatformOrderID: "2026111100001",
		Buyer:   order.Buyer{Name: "李雷", Phone: "13800138000", PlatformID: "tb_lilei"},
		Address: order.Address{Province: "浙江省", City: "杭州市", District: "西湖区", Street: "文三路 100 号 2 单元", Postcode: "310012"},
		Items: []order.ItemInput{{SKU: "MUG-1", Quantity: "2", UnitPrice: "64.95"},
			{SKU: "CUP-2", Quantity: "1", UnitPrice: "50.00"}},
		Amounts:       order.AmountInput{Goods: "179.90", Shipping: "10.00", Discount: "0.00", Paid: "189.90"},
		PaymentMethod: "支付宝", PaymentStatus: "paid", BuyerRemark: "请下午送",
		CreatedAt: "2026-11-11T00:05:00+08:00", PaidAt: "2026-11-11T00:06:10+08:00",
	}
	if !reflect.DeepEqual(in, want) {
		t.Errorf("first order:\n got %+v\nwant %+v", in, want)
	}
	if _, problems := in.Parse(); len(problems) > 0 {
		t.Errorf("first order does not parse: %+v", problems)
	}
	second := rows[1].Input
	if rows[1].Number != 4 || second.PaymentStatus != "unpaid" || second.PaidAt != "" || len(second.Items) != 1 {
		t.Errorf("second order = row %d %+v", rows[1].Number, second)
	}
	// Problems are placed at their row and the file's column.
	for _, tt := range []struct {
		field  string
		row    int
		column string
	}{
		{"items[1].quantity", 3, "数量"}, {"items[0].sku", 2, "商品编码"}, {"buyer.phone", 2, "手机"},
		{"items", 2, ""}, {"created_at", 2, "下单时间"}, {"items[7].sku", 2, "商品编码"},
	} {
		row, col := first.Locate(tt.field)
		if row != tt.row || col != tt.column {
			t.Errorf("Locate(%q) = %d %q, want %d %q", tt.field, row, col, tt.row, tt.column)
		}
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

func TestReadCSVEnglishHeadersAndEncodings(t *testing.T) {
	english := "Order ID,Buyer,Phone,Province,City,District,Street,SKU,Quantity,Unit Price,Paid,Created At\n" +
		"A-1,Li Lei,13800138000,Zhejiang,Hangzhou,Xihu,100 Wensan Road,MUG-1,2,64.95,129.90,2026-11-11T00:05:00+08:00\n"
	rows := readString(t, english)
	if len(rows) != 1 || rows[0].Input.Amounts.Goods != "129.90" || rows[0].Input.CreatedAt != "2026-11-11T00:05:00+08:00" {
		t.Fatalf("english rows = %+v", rows)
	}

	gbkText := "订单号,买家,商品编码,数量,单价,收货地址\n2026-9,张三,MUG-1,1,10,北京市朝阳区建国路 88 号\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(gbkText)
	if err != nil {
		t.Fatal(err)
	}
	big5Header := "訂單號,買家,商品編碼,數量,單價\n"
	cases := map[string][]byte{
		"utf-8":        []byte(gbkText),
		"utf-8 bom":    append([]byte("\ufeff"), gbkText...),
		"gbk":          []byte(gbk),
		"gb18030":      must(simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(gbkText))),
		"tab utf-16le": utf16le(strings.ReplaceAll(gbkText, ",", "\t")),
		"semicolons":   []byte(strings.ReplaceAll(gbkText, ",", ";")),
		"crlf":         []byte(strings.ReplaceAll(gbkText, "\n", "\r\n")),
	}
	for name, data := range cases {
		rows, err := Read(bytes.NewReader(data), "export.csv", shanghai)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		in := rows[0].Input
		if len(rows) != 1 || in.PlatformOrderID != "2026-9" || in.Buyer.Name != "张三" || in.Items[0].SKU != "MUG-1" {
			t.Errorf("%s: rows = %+v", name, rows)
		}
		// One address column: province, city and district are split off it.
		if a := in.Address; a.Province != "北京市" || a.City != "北京市" || a.District != "朝阳区" || a.Street != "建国路 88 号" {
			t.Errorf("%s: address = %+v", name, a)
		}
		if in.Amounts.Goods != "10.00" {
			t.Errorf("%s: goods = %q, want the lines' sum 10.00", name, in.Amounts.Goods)
		}
	}
	// Traditional headers in Big5 are not GB18030; traditional headers in UTF-8 are read.
	big5Body := big5Header + "T-1,王小明,MUG-1,3,20\n"
	rows = readString(t, big5Body)
	if len(rows) != 1 || rows[0].Input.Items[0].Quantity != "3" {
		t.Errorf("traditional headers: %+v", rows)
	}
	if _, err := traditionalchinese.Big5.NewEncoder().String(big5Body); err != nil {
		t.Fatal(err)
	}
}

func utf16le(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, r := range s {
		if r > 0xFFFF {
			panic("outside the BMP")
		}
		out = append(out, byte(r), byte(r>>8))
	}
	return out
}

func TestReadCellValues(t *testing.T) {
	text := "订单号,商品编码,数量,单价,实付,支付状态,下单时间,付款时间\n" +
		`="2026111100009",MUG-1,2.0,"1,299.00",¥2598.00,部分付款,2026/11/11 8:05,46337.5` + "\n" +
		`'2026111100010,MUG-1,3件,12.00元,36,退款中,2026年11月11日 09:30,` + "\n" +
		"2026111100011,MUG-1,abc,12.345,36,交易关闭,yesterday,46337.25\n"
	rows := readString(t, text)
	if len(rows) != 3 {
		t.Fatalf("%d rows", len(rows))
	}
	a, b, c := rows[0].Input, rows[1].Input, rows[2].Input
	checks := []struct{ got, want string }{
		{a.PlatformOrderID, "2026111100009"}, {a.Items[0].Quantity.String(), "2"}, {a.Items[0].UnitPrice.String(), "1,299.00"},
		{a.Amounts.Paid.String(), "¥2598.00"}, {a.PaymentStatus, "partial"}, {a.CreatedAt, "2026-11-11T08:05:00+08:00"},
		{a.PaidAt, "2026-11-11T12:00:00+08:00"}, // an Excel serial, in the store's zone
		{b.PlatformOrderID, "2026111100010"}, {b.Items[0].Quantity.String(), "3"}, {b.Items[0].UnitPrice.String(), "12.00"},
		{b.PaymentStatus, "refund_requested"}, {b.CreatedAt, "2026-11-11T09:30:00+08:00"}, {b.PaidAt, ""},
		{c.Items[0].Quantity.String(), "abc"}, {c.Items[0].UnitPrice.String(), "12.345"}, {c.PaymentStatus, "交易关闭"},
		{c.CreatedAt, "yesterday"}, {c.PaidAt, "2026-11-11T06:00:00+08:00"},
	}
	for i, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("check %d: got %q, want %q", i, ch.got, ch.want)
		}
	}
	// What the file could not make readable, the order's check refuses, naming the value.
	c.StoreCode = "TM01" // Ingest fills in the store of the delivery
	_, problems := c.Parse()
	var keys []string
	for _, p := range problems {
		keys = append(keys, p.Field+":"+p.Key)
	}
	slices.Sort(keys)
	want := []string{"amounts.goods:order.field.required", "created_at:order.time.invalid", "items[0].quantity:order.quantity.invalid", "items[0].unit_price:order.amount.invalid",
		"payment_status:order.payment_status.invalid"}
	if !slices.Equal(keys, want) {
		t.Errorf("problems = %v, want %v", keys, want)
	}
}

func TestStatusesAndTimes(t *testing.T) {
	for in, want := range map[string]string{
		"已付款": "paid", "待付款": "unpaid", "部分付款": "partial", "退款中": "refund_requested", "已退款": "refunded",
		"买家已付款，等待卖家发货": "paid", "等待買家付款": "unpaid", "交易成功": "paid", "Paid": "paid", "refund-requested": "refund_requested",
		"": "", "pending": "pending",
	} {
		if got := paymentStatus(in); got != want {
			t.Errorf("paymentStatus(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"2026-11-11 00:05:00":       "2026-11-11T00:05:00+08:00",
		"2026-11-11T00:05:00Z":      "2026-11-11T00:05:00Z",
		"2026-11-11T00:05:00+09:00": "2026-11-11T00:05:00+09:00",
		"2026-11-11":                "2026-11-11T00:00:00+08:00",
		"2026/1/2 3:04:05":          "2026-01-02T03:04:05+08:00",
		"2026-11-11 00:05:00.250":   "2026-11-11T00:05:00+08:00",
		"46337":                     "2026-11-11T00:00:00+08:00",
		"46337.0034722222":          "2026-11-11T00:05:00+08:00",
		"２０２６－１１－１１":                "2026-11-11T00:00:00+08:00",
		"0":                         "0",
		"99999999":                  "99999999",
		"soon":                      "soon",
	} {
		if got := timeValue(in, shanghai, false); got != want {
			t.Errorf("timeValue(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"64.949999999999996": "64.95", "0.30000000000000004": "0.30", "129.9": "129.9", "12.345": "12.345",
		"1299.00元": "1299.00", "RMB 5": "5", "１２.５": "12.5", "¥1,299.999999999": "1300.00", "abc.def": "abc.def",
	} {
		if got := amount(in); got != want {
			t.Errorf("amount(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"2": "2", "2.0": "2", "3件": "3", "2.5": "2.5", "x": "x", "": ""} {
		if got := quantity(in); got != want {
			t.Errorf("quantity(%q) = %q, want %q", in, got, want)
		}
	}
	if got := timeValue("44876", shanghai, true); got != "2026-11-12T00:00:00+08:00" {
		t.Errorf("1904 serial = %q", got)
	}
}

func TestSplitAddress(t *testing.T) {
	tests := []struct{ in, p, c, d, s string }{
		{"浙江省杭州市西湖区文三路100号", "浙江省", "杭州市", "西湖区", "文三路100号"},
		{"浙江 杭州市 西湖区 文三路 100 号", "浙江省", "杭州市", "西湖区", "文三路 100 号"},
		{"上海市上海市浦东新区世纪大道 1 号", "上海市", "上海市", "浦东新区", "世纪大道 1 号"},
		{"上海浦东新区世纪大道", "", "", "", "上海浦东新区世纪大道"}, // short name without a space: not sure enough
		{"广东省东莞市长安镇振安路 5 号", "广东省", "东莞市", "", "长安镇振安路 5 号"},
		{"湖北省恩施土家族苗族自治州恩施市舞阳大道 1 号", "湖北省", "恩施土家族苗族自治州", "恩施市", "舞阳大道 1 号"},
		{"浙江省杭州市文三路100号小区", "浙江省", "杭州市", "", "文三路100号小区"},
		{"文三路 100 号", "", "", "", "文三路 100 号"},
		{"", "", "", "", ""},
	}
	for _, tt := range tests {
		p, c, d, s := splitAddress(tt.in)
		if p != tt.p || c != tt.c || d != tt.d || s != tt.s {
			t.Errorf("splitAddress(%q) = %q %q %q %q, want %q %q %q %q", tt.in, p, c, d, s, tt.p, tt.c, tt.d, tt.s)
		}
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name, text, file, key string
	}{
		{"no sku or quantity", "订单号,买家\n1,李雷\n", "a.csv", "import.columns.missing"},
		{"no order id", "买家,商品编码,数量\n李雷,MUG-1,1\n", "a.csv", "import.columns.missing"},
		{"empty", "", "a.csv", "import.file.empty"},
		{"blank lines", "\n , ,\n\n", "a.csv", "import.file.empty"},
		{"header only", "订单号,商品编码,数量\n", "a.csv", "import.rows.none"},
		{"not a spreadsheet", "hello", "orders.pdf", "import.format.unsupported"},
		{"old excel", "hello", "orders.xls", "import.format.unsupported"},
		{"broken xlsx", "PK not really", "orders.xlsx", "import.file.unreadable"},
		{"broken quotes", "订单号,商品编码,数量\n1,\"MUG\"x\"\n2,MUG,1\n", "a.csv", ""},
	}
	for _, tt := range tests {
		_, err := Read(strings.NewReader(tt.text), tt.file, shanghai)
		if tt.key == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
			continue
		}
		if got := errKey(err); got != tt.key {
			t.Errorf("%s: error %v, want %s", tt.name, err, tt.key)
		}
	}
	_, err := Read(strings.NewReader("订单号,买家\n1,李雷\n"), "a.csv", shanghai)
	if e, _ := domain.AsError(err); e == nil || fmt.Sprint(e.Args) != "[商品编码 / SKU, 数量 / Quantity]" {
		t.Errorf("missing columns error = %#v", err)
	}
}

func TestReadSkipsTitleRowsAndBlankRows(t *testing.T) {
	text := "订单报表 2026-11-11\n导出时间,2026-11-12\n\n订单号,商品编码,数量,单价,未知列\n\n1,MUG-1,1,10,x\n,,,,\n2,MUG-1,1,10,y\n,MUG-1,1,10,z\n"
	rows := readString(t, text)
	var got []string
	for _, r := range rows {
		got = append(got, fmt.Sprintf("%d:%s", r.Number, r.Input.PlatformOrderID))
	}
	// A row without an order id is an order of its own, which the order's check refuses.
	if want := []string{"6:1", "8:2", "9:"}; !slices.Equal(got, want) {
		t.Errorf("rows = %v, want %v", got, want)
	}
}

func TestTooManyRows(t *testing.T) {
	var b strings.Builder
	b.WriteString("订单号,商品编码,数量\n")
	for i := range MaxRows + 1 {
		fmt.Fprintf(&b, "%d,M,1\n", i)
	}
	if _, err := Read(strings.NewReader(b.String()), "a.csv", shanghai); errKey(err) != "import.rows.too_many" {
		t.Errorf("error = %v", err)
	}
}

// xlsxFile writes rows into the first sheet of a new workbook; a cell value may be a
// string, a number or a time.
func xlsxFile(t testing.TB, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if err := sw.SetRow(fmt.Sprintf("A%d", i+1), r); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadXLSX(t *testing.T) {
	created := time.Date(2026, 11, 11, 0, 5, 0, 0, time.UTC) // excelize writes the wall clock as a serial
	data := xlsxFile(t, [][]any{
		{"订单导出"},
		{"訂單號", "買家", "手機", "收貨地址", "商品編碼", "數量", "單價", "實付", "下單時間", "付款時間"},
		{"2026111100001", "李雷", 13800138000, "浙江省杭州市西湖区文三路100号", "MUG-1", 2, 64.95, 129.9, created, "2026-11-11 00:06:10"},
		{"2026111100001", nil, nil, nil, "CUP-2", 1, 0.1 + 0.2, nil, nil, nil},
		{},
		{2026111100002, "韩梅梅", "13900139000", "广东省深圳市南山区科技园路8号", "MUG-1", 1, 64.95, 64.95, 46337.0416666667, nil},
	})
	rows, err := Read(bytes.NewReader(data), "订单.XLSX", shanghai)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("%d orders: %+v", len(rows), rows)
	}
	a, b := rows[0], rows[1]
	if a.Number != 3 || !slices.Equal(a.Lines, []int{3, 4}) || b.Number != 6 {
		t.Errorf("rows at %d %v and %d", a.Number, a.Lines, b.Number)
	}
	checks := []struct{ got, want string }{
		{a.Input.Buyer.Phone, "13800138000"}, {a.Input.Items[0].UnitPrice.String(), "64.95"},
		{a.Input.Items[1].UnitPrice.String(), "0.3"}, {a.Input.Amounts.Paid.String(), "129.9"},
		{a.Input.CreatedAt, "2026-11-11T00:05:00+08:00"}, {a.Input.PaidAt, "2026-11-11T00:06:10+08:00"},
		{a.Input.Address.Province, "浙江省"}, {a.Input.Address.District, "西湖区"},
		{b.Input.PlatformOrderID, "2026111100002"}, {b.Input.CreatedAt, "2026-11-11T01:00:00+08:00"},
	}
	for i, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("check %d: got %q, want %q", i, ch.got, ch.want)
		}
	}
	if row, col := a.Locate("items[1].unit_price"); row != 4 || col != "單價" {
		t.Errorf("Locate = %d %q", row, col)
	}
	for _, r := range rows {
		r.Input.StoreCode = "TM01"
		if _, problems := r.Input.Parse(); len(problems) > 0 {
			t.Errorf("row %d: %+v", r.Number, problems)
		}
	}
}

func TestTemplateRoundTrip(t *testing.T) {
	for _, format := range []string{FormatCSV, FormatXLSX} {
		data, err := Template(format)
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		rows, err := Read(bytes.NewReader(data), TemplateName(format), shanghai)
		if err != nil {
			t.Fatalf("%s: read the template: %v", format, err)
		}
		if len(rows) != 1 {
			t.Fatalf("%s: %d rows", format, len(rows))
		}
		in := rows[0].Input
		if in.PlatformOrderID != "2026111100001" || in.Buyer.Phone != "13800138000" || in.Address.Postcode != "310012" ||
			in.PaymentStatus != "paid" || in.CreatedAt != "2026-11-11T00:05:00+08:00" {
			t.Errorf("%s: example = %+v", format, in)
		}
		if _, problems := in.Parse(); len(problems) > 0 {
			t.Errorf("%s: the example order does not parse: %+v", format, problems)
		}
		for _, f := range Fields() {
			if _, col := rows[0].Locate(f); col != Header(f) {
				t.Errorf("%s: column of %s = %q", format, f, col)
			}
		}
	}
	if _, err := Template("pdf"); err == nil {
		t.Error("a pdf template")
	}
}

func TestFormatOf(t *testing.T) {
	for name, want := range map[string]string{"a.csv": "csv", "A.CSV": "csv", "b.xlsx": "xlsx", "c.XLSX": "xlsx", "d.xls": "", "e": "", "f.txt": "csv"} {
		if got := FormatOf(name); got != want {
			t.Errorf("FormatOf(%q) = %q", name, got)
		}
	}
}
