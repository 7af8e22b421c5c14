package order

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"storeops/domain"
)

// placed is when the test orders were placed: Double 11, five past midnight in China.
func placed() time.Time {
	return time.Date(2026, 11, 11, 0, 5, 0, 0, time.FixedZone("CST", 8*3600))
}

// cleanOrder is a valid order that no default rule flags (TestCleanOrderHasNoFlags holds it
// to that); each test case changes what it is about.
func cleanOrder() Order {
	return Order{
		ID: 1, StoreCode: "TM01", PlatformOrderID: "TB1",
		Buyer:   Buyer{Name: "张三", Phone: "13800138000", PlatformID: "tb_zhang3"},
		Address: Address{Province: "浙江省", City: "杭州市", District: "西湖区", Street: "文三路90号东部软件园1号楼", Postcode: "310012"},
		Items: []Item{
			{SKU: "MUG-RED-01", Quantity: 2, UnitPrice: 3990},
			{SKU: "TEA-GREEN-250", Quantity: 1, UnitPrice: 6800},
		},
		Amounts:       Amounts{Goods: 14780, Shipping: 0, Discount: 1000, Paid: 13780},
		PaymentMethod: "alipay", PaymentStatus: PaymentPaid,
		BuyerRemark: "请尽快发货，谢谢",
		PlacedAt:    placed(), PaidAt: placed().Add(time.Minute),
		Status: StatusHeld, ReceivedAt: placed().Add(2 * time.Minute),
	}
}

func cleanFacts() Facts {
	return Facts{
		Now: placed().Add(3 * time.Minute), Platform: "tmall",
		Stock:      map[string]int{"MUG-RED-01": 100, "TEA-GREEN-250": 50},
		FloorPrice: map[string]domain.Money{"MUG-RED-01": 2990},
	}
}

// other is another order of the store, by default from the same buyer to the same address,
// placed d after the clean order (before it when d < 0), released.
func other(id string, d time.Duration, change func(*Order)) Order {
	o := cleanOrder()
	n, _ := strconv.Atoi(strings.TrimPrefix(id, "TB"))
	o.ID, o.PlatformOrderID, o.PlacedAt, o.Status = int64(n), id, placed().Add(d), StatusReleased
	if change != nil {
		change(&o)
	}
	return o
}

// stranger changes an order to another buyer.
func stranger(n int) func(*Order) {
	return func(o *Order) {
		o.Buyer = Buyer{Name: "李四", Phone: fmt.Sprintf("1390000%04d", n), PlatformID: fmt.Sprintf("tb_li%d", n)}
	}
}

func elsewhere(o *Order) { o.Address.Street = "古墩路1号" }

type checkCase struct {
	check  string
	name   string
	params map[string]string
	order  func(*Order)
	facts  func(*Facts)
	// want are the flags' keys and arguments: "key arg1|arg2".
	want []string
}

func (c checkCase) run(t *testing.T) []Flag {
	t.Helper()
	chk, ok := FindCheck(c.check)
	if !ok {
		t.Fatalf("no check %s", c.check)
	}
	o, f := cleanOrder(), cleanFacts()
	if c.order != nil {
		c.order(&o)
	}
	if c.facts != nil {
		c.facts(&f)
	}
	r := chk.Default
	r.Params = c.params
	return chk.Run(o, f, r)
}

func describe(flags []Flag) []string {
	var out []string
	for _, f := range flags {
		s := f.Key
		if len(f.Args) > 0 {
			s += " " + strings.Join(f.Args, "|")
		}
		out = append(out, s)
	}
	return out
}

func recent(orders ...Order) func(*Facts) {
	return func(f *Facts) { f.Recent = append(f.Recent, orders...) }
}

func withRecent(n int, d time.Duration, change func(*Order)) []Order {
	var out []Order
	for i := range n {
		out = append(out, other(fmt.Sprintf("TB%d", i+2), d, change))
	}
	return out
}

func checkCases() []checkCase {
	return []checkCase{
		// incomplete_address
		{check: CheckIncompleteAddress, name: "province missing", order: func(o *Order) { o.Address.Province = " " }, want: []string{"flag.incomplete_address.province"}},
		{check: CheckIncompleteAddress, name: "city missing", order: func(o *Order) { o.Address.City = "" }, want: []string{"flag.incomplete_address.city"}},
		{check: CheckIncompleteAddress, name: "district missing", order: func(o *Order) { o.Address.District = "" }, want: []string{"flag.incomplete_address.district"}},
		{check: CheckIncompleteAddress, name: "district not required", params: map[string]string{"require_district": "no"}, order: func(o *Order) { o.Address.District = "" }},
		{check: CheckIncompleteAddress, name: "street missing", order: func(o *Order) { o.Address.Street = "，" }, want: []string{"flag.incomplete_address.street"}},
		{check: CheckIncompleteAddress, name: "street too short", order: func(o *Order) { o.Address.Street = "家里" }, want: []string{"flag.incomplete_address.street_short 2|5"}},
		{check: CheckIncompleteAddress, name: "street at the minimum", order: func(o *Order) { o.Address.Street = "人民路8号" }},
		{check: CheckIncompleteAddress, name: "street one below", order: func(o *Order) { o.Address.Street = "人民路8" }, want: []string{"flag.incomplete_address.street_short 4|5"}},
		{check: CheckIncompleteAddress, name: "street only repeats the region", order: func(o *Order) { o.Address.Street = "浙江省杭州市西湖区 1号" }, want: []string{"flag.incomplete_address.street_short 2|5"}},
		{check: CheckIncompleteAddress, name: "min_street raised", params: map[string]string{"min_street": "10"}, order: func(o *Order) { o.Address.Street = "文三路90号" }, want: []string{"flag.incomplete_address.street_short 6|10"}},
		{check: CheckIncompleteAddress, name: "min_street lowered", params: map[string]string{"min_street": "1"}, order: func(o *Order) { o.Address.Street = "家" }},
		{check: CheckIncompleteAddress, name: "invalid param falls back to default", params: map[string]string{"min_street": "abc"}, order: func(o *Order) { o.Address.Street = "家里" }, want: []string{"flag.incomplete_address.street_short 2|5"}},
		{check: CheckIncompleteAddress, name: "nothing", order: func(o *Order) { o.Address = Address{} }, want: []string{
			"flag.incomplete_address.province", "flag.incomplete_address.city", "flag.incomplete_address.district", "flag.incomplete_address.street"}},

		// missing_contact
		{check: CheckMissingContact, name: "name missing", order: func(o *Order) { o.Buyer.Name = "" }, want: []string{"flag.missing_contact.name"}},
		{check: CheckMissingContact, name: "name only stars", order: func(o *Order) { o.Buyer.Name = "**" }, want: []string{"flag.missing_contact.name"}},
		{check: CheckMissingContact, name: "phone missing", order: func(o *Order) { o.Buyer.Phone = "--" }, want: []string{"flag.missing_contact.phone"}},
		{check: CheckMissingContact, name: "phone too short", order: func(o *Order) { o.Buyer.Phone = "12345" }, want: []string{"flag.missing_contact.phone_invalid ***45"}},
		{check: CheckMissingContact, name: "mobile one digit short", order: func(o *Order) { o.Buyer.Phone = "1380013800" }, want: []string{"flag.missing_contact.phone_invalid 138***3800"}},
		{check: CheckMissingContact, name: "not a mobile prefix", order: func(o *Order) { o.Buyer.Phone = "12345678901" }, want: []string{"flag.missing_contact.phone_invalid 123****8901"}},
		{check: CheckMissingContact, name: "both missing", order: func(o *Order) { o.Buyer.Name, o.Buyer.Phone = "", "" }, want: []string{"flag.missing_contact.name", "flag.missing_contact.phone"}},
		{check: CheckMissingContact, name: "country prefix", order: func(o *Order) { o.Buyer.Phone = "+86 138 0013 8000" }},
		{check: CheckMissingContact, name: "landline", order: func(o *Order) { o.Buyer.Phone = "0571-88888888" }},
		{check: CheckMissingContact, name: "privacy number", order: func(o *Order) { o.Buyer.Phone = "17012345678-1234" }},
		{check: CheckMissingContact, name: "masked by the platform", order: func(o *Order) { o.Buyer.Phone = "138****8000" }},
		{check: CheckMissingContact, name: "Hong Kong", order: func(o *Order) { o.Buyer.Phone = "+852 9123 4567" }},

		// conflicting_region
		{check: CheckConflictingRegion, name: "street in another municipality", order: func(o *Order) { o.Address.Street = "上海市浦东新区世纪大道100号" }, want: []string{"flag.conflicting_region 浙江省|上海市"}},
		{check: CheckConflictingRegion, name: "short name at the start of the street", order: func(o *Order) { o.Address.Street = "江苏南京市玄武区中山路1号" }, want: []string{"flag.conflicting_region 浙江省|江苏省"}},
		{check: CheckConflictingRegion, name: "full name inside the street", order: func(o *Order) { o.Address.Street = "文三路90号 广东省深圳市" }, want: []string{"flag.conflicting_region 浙江省|广东省"}},
		{check: CheckConflictingRegion, name: "traditional full name", order: func(o *Order) { o.Address.Street = "廣東省深圳市南山區" }, want: []string{"flag.conflicting_region 浙江省|广东省"}},
		{check: CheckConflictingRegion, name: "city in another province", order: func(o *Order) { o.Address.City = "上海市" }, want: []string{"flag.conflicting_region 浙江省|上海市"}},
		{check: CheckConflictingRegion, name: "two provinces in the province field", order: func(o *Order) { o.Address.Province = "浙江 上海" }, want: []string{"flag.conflicting_region 浙江省|上海市"}},
		{check: CheckConflictingRegion, name: "each other province once", order: func(o *Order) { o.Address.City, o.Address.Street = "上海市", "上海市 江苏省南京市" },
			want: []string{"flag.conflicting_region 浙江省|上海市", "flag.conflicting_region 浙江省|江苏省"}},
		{check: CheckConflictingRegion, name: "English", order: func(o *Order) {
			o.Address = Address{Province: "Guangdong", City: "Shenzhen", District: "Nanshan", Street: "1 Keji Road, Shanghai"}
		}, want: []string{"flag.conflicting_region 广东省|上海市"}},
		{check: CheckConflictingRegion, name: "no province, two named", order: func(o *Order) {
			o.Address.Province, o.Address.City, o.Address.Street = "", "上海市", "江苏省南京市中山路1号"
		},
			want: []string{"flag.conflicting_region.two 上海市|江苏省"}},
		{check: CheckConflictingRegion, name: "no province, one named", order: func(o *Order) {
			o.Address.Province, o.Address.City, o.Address.Street = "", "上海市", "上海市浦东新区1号"
		}},
		{check: CheckConflictingRegion, name: "the same province repeated", order: func(o *Order) { o.Address.Street = "浙江省杭州市西湖区文三路90号" }},
		{check: CheckConflictingRegion, name: "short name of the same province, not 江西", order: func(o *Order) { o.Address.Street = "浙江西湖区文三路90号" }},
		{check: CheckConflictingRegion, name: "short name inside the street", order: func(o *Order) { o.Address.Street = "文三路90号上海大厦" }},
		{check: CheckConflictingRegion, name: "street named after a province", order: func(o *Order) { o.Address.Street = "西藏中路1号" }},
		{check: CheckConflictingRegion, name: "北京路 in Guangzhou", order: func(o *Order) {
			o.Address = Address{Province: "广东", City: "广州市", District: "越秀区", Street: "北京路步行街100号"}
		}},
		{check: CheckConflictingRegion, name: "Beijing Road in English", order: func(o *Order) {
			o.Address = Address{Province: "Guangdong", City: "Guangzhou", District: "Yuexiu", Street: "88 Beijing Road"}
		}},
		{check: CheckConflictingRegion, name: "河北区 of Tianjin", order: func(o *Order) {
			o.Address = Address{Province: "天津市", City: "天津市", District: "河北区", Street: "中山路1号"}
		}},
		{check: CheckConflictingRegion, name: "海南藏族自治州 of Qinghai", order: func(o *Order) {
			o.Address = Address{Province: "青海省", City: "海南藏族自治州", District: "共和县", Street: "青海湖路1号"}
		}},
		{check: CheckConflictingRegion, name: "吉林市 of Jilin", order: func(o *Order) {
			o.Address = Address{Province: "吉林省", City: "吉林市", District: "船营区", Street: "吉林大街1号"}
		}},
		{check: CheckConflictingRegion, name: "market, not municipality", order: func(o *Order) { o.Address.Street = "北京市场3楼" }},

		// remote_keywords
		{check: CheckRemoteKeywords, name: "Xinjiang", order: func(o *Order) {
			o.Address = Address{Province: "新疆维吾尔自治区", City: "乌鲁木齐市", District: "天山区", Street: "解放南路1号"}
		}, want: []string{"flag.remote_keywords 新疆"}},
		{check: CheckRemoteKeywords, name: "Xinjiang in English", order: func(o *Order) { o.Address.Province = "Xinjiang" }, want: []string{"flag.remote_keywords 新疆"}},
		{check: CheckRemoteKeywords, name: "Tibet in traditional", order: func(o *Order) { o.Address.Province = "西藏自治區" }, want: []string{"flag.remote_keywords 西藏"}},
		{check: CheckRemoteKeywords, name: "Taiwan in traditional", order: func(o *Order) { o.Address.Province = "臺灣" }, want: []string{"flag.remote_keywords 台湾"}},
		{check: CheckRemoteKeywords, name: "Hong Kong", order: func(o *Order) {
			o.Address = Address{Province: "香港特別行政區", City: "香港", District: "九龍城區", Street: "太子道西100號"}
		}, want: []string{"flag.remote_keywords 香港"}},
		{check: CheckRemoteKeywords, name: "no province, region at the start of the street", order: func(o *Order) {
			o.Address = Address{Street: "西藏拉萨市城关区北京中路1号"}
		}, want: []string{"flag.remote_keywords 西藏"}},
		{check: CheckRemoteKeywords, name: "香港中路 in Qingdao is not Hong Kong", order: func(o *Order) {
			o.Address = Address{Province: "山东省", City: "青岛市", District: "市南区", Street: "香港中路10号"}
		}},
		{check: CheckRemoteKeywords, name: "西藏中路 in Shanghai is not Tibet", order: func(o *Order) {
			o.Address = Address{Province: "上海", City: "上海市", District: "黄浦区", Street: "西藏中路1号"}
		}},
		{check: CheckRemoteKeywords, name: "a province keyword in English", params: map[string]string{"keywords": "Zhejiang"}, want: []string{"flag.remote_keywords Zhejiang"}},
		{check: CheckRemoteKeywords, name: "a place that is not a province", params: map[string]string{"keywords": "阿里地区,舟山"}, order: func(o *Order) {
			o.Address = Address{Province: "浙江", City: "舟山市", District: "定海区", Street: "解放东路1号"}
		}, want: []string{"flag.remote_keywords 舟山"}},
		{check: CheckRemoteKeywords, name: "own keywords", params: map[string]string{"keywords": "杭州，舟山"}, want: []string{"flag.remote_keywords 杭州"}},
		{check: CheckRemoteKeywords, name: "several keywords", params: map[string]string{"keywords": "杭州、西湖、舟山"}, want: []string{"flag.remote_keywords 杭州, 西湖"}},
		{check: CheckRemoteKeywords, name: "no keywords", params: map[string]string{"keywords": ""}, order: func(o *Order) { o.Address.Province = "新疆" }},

		// duplicate_order
		{check: CheckDuplicateOrder, name: "same buyer and address 10 minutes before", facts: recent(other("TB2", -10*time.Minute, nil)), want: []string{"flag.duplicate_order TB2|30m"}},
		{check: CheckDuplicateOrder, name: "exactly the buffer", facts: recent(other("TB2", -30*time.Minute, nil)), want: []string{"flag.duplicate_order TB2|30m"}},
		{check: CheckDuplicateOrder, name: "just past the buffer", facts: recent(other("TB2", -30*time.Minute-time.Second, nil))},
		{check: CheckDuplicateOrder, name: "placed after (a re-check)", facts: recent(other("TB2", 10*time.Minute, nil)), want: []string{"flag.duplicate_order TB2|30m"}},
		{check: CheckDuplicateOrder, name: "same platform account, other phone", facts: recent(other("TB2", -time.Minute, func(o *Order) { o.Buyer.Phone = "13900000000" })), want: []string{"flag.duplicate_order TB2|30m"}},
		{check: CheckDuplicateOrder, name: "same phone written otherwise, address spaced", facts: recent(other("TB2", -time.Minute, func(o *Order) {
			o.Buyer = Buyer{Name: "张三", Phone: "+86 138-0013-8000"}
			o.Address = Address{Province: "浙江", City: "杭州市", District: "西湖区", Street: "浙江 杭州 文三路90号 东部软件园 1号楼"}
		})), want: []string{"flag.duplicate_order TB2|30m"}},
		{check: CheckDuplicateOrder, name: "another buyer", facts: recent(other("TB2", -time.Minute, stranger(1)))},
		{check: CheckDuplicateOrder, name: "another address", facts: recent(other("TB2", -time.Minute, elsewhere))},
		{check: CheckDuplicateOrder, name: "cancelled", facts: recent(other("TB2", -time.Minute, func(o *Order) { o.Status = StatusCancelled }))},
		{check: CheckDuplicateOrder, name: "the order itself", facts: recent(other("TB1", -time.Minute, func(o *Order) { o.ID = 1 }))},
		{check: CheckDuplicateOrder, name: "longer buffer", params: map[string]string{"buffer": "2h"}, facts: recent(other("TB2", -time.Hour, nil)), want: []string{"flag.duplicate_order TB2|2h"}},
		{check: CheckDuplicateOrder, name: "many", facts: recent(withRecent(7, -time.Minute, nil)...), want: []string{"flag.duplicate_order TB2, TB3, TB4, TB5, TB6 +2|30m"}},
		{check: CheckDuplicateOrder, name: "no address", order: func(o *Order) { o.Address = Address{} }, facts: recent(other("TB2", -time.Minute, func(o *Order) { o.Address = Address{} }))},

		// multiple_addresses
		{check: CheckMultipleAddresses, name: "released order elsewhere", facts: recent(other("TB2", -2*time.Hour, elsewhere)), want: []string{"flag.multiple_addresses 1|TB2|24h"}},
		{check: CheckMultipleAddresses, name: "held order elsewhere", facts: recent(other("TB2", -2*time.Hour, func(o *Order) { elsewhere(o); o.Status = StatusHeld })), want: []string{"flag.multiple_addresses 1|TB2|24h"}},
		{check: CheckMultipleAddresses, name: "shipped", facts: recent(other("TB2", -2*time.Hour, func(o *Order) { elsewhere(o); o.Status = StatusShipped }))},
		{check: CheckMultipleAddresses, name: "cancelled", facts: recent(other("TB2", -2*time.Hour, func(o *Order) { elsewhere(o); o.Status = StatusCancelled }))},
		{check: CheckMultipleAddresses, name: "exactly the window", facts: recent(other("TB2", -24*time.Hour, elsewhere)), want: []string{"flag.multiple_addresses 1|TB2|24h"}},
		{check: CheckMultipleAddresses, name: "just past the window", facts: recent(other("TB2", -24*time.Hour-time.Second, elsewhere))},
		{check: CheckMultipleAddresses, name: "same address", facts: recent(other("TB2", -2*time.Hour, nil))},
		{check: CheckMultipleAddresses, name: "another buyer", facts: recent(other("TB2", -2*time.Hour, func(o *Order) { elsewhere(o); stranger(1)(o) }))},
		{check: CheckMultipleAddresses, name: "two other addresses", facts: recent(
			other("TB2", -2*time.Hour, elsewhere),
			other("TB3", -3*time.Hour, func(o *Order) { o.Address.Street = "天目山路2号" }),
			other("TB4", -4*time.Hour, elsewhere),
		), want: []string{"flag.multiple_addresses 2|TB2, TB3, TB4|24h"}},
		{check: CheckMultipleAddresses, name: "shorter window", params: map[string]string{"window": "1h"}, facts: recent(other("TB2", -2*time.Hour, elsewhere))},

		// many_to_one_address
		{check: CheckManyToOneAddress, name: "six in an hour", facts: recent(withRecent(5, -10*time.Minute, stranger(1))...), want: []string{"flag.many_to_one_address 6|1h|5"}},
		{check: CheckManyToOneAddress, name: "five in an hour (the maximum)", facts: recent(withRecent(4, -10*time.Minute, stranger(1))...)},
		{check: CheckManyToOneAddress, name: "exactly an hour apart", facts: recent(withRecent(5, -time.Hour, stranger(1))...), want: []string{"flag.many_to_one_address 6|1h|5"}},
		{check: CheckManyToOneAddress, name: "just over an hour apart", facts: recent(withRecent(5, -time.Hour-time.Second, stranger(1))...)},
		{check: CheckManyToOneAddress, name: "spread over two hours", facts: recent(append(withRecent(3, -50*time.Minute, stranger(1)),
			other("TB7", 50*time.Minute, stranger(2)), other("TB8", 50*time.Minute, stranger(3)), other("TB9", 50*time.Minute, stranger(4)))...)},
		{check: CheckManyToOneAddress, name: "cancelled ones count", facts: recent(withRecent(5, -10*time.Minute, func(o *Order) { stranger(1)(o); o.Status = StatusCancelled })...),
			want: []string{"flag.many_to_one_address 6|1h|5"}},
		{check: CheckManyToOneAddress, name: "another address", facts: recent(withRecent(5, -10*time.Minute, elsewhere)...)},
		{check: CheckManyToOneAddress, name: "lower maximum", params: map[string]string{"max_orders": "3"}, facts: recent(withRecent(3, -10*time.Minute, stranger(1))...),
			want: []string{"flag.many_to_one_address 4|1h|3"}},
		{check: CheckManyToOneAddress, name: "longer window", params: map[string]string{"window": "1d"}, facts: recent(withRecent(5, -20*time.Hour, stranger(1))...),
			want: []string{"flag.many_to_one_address 6|24h|5"}},

		// blacklisted
		{check: CheckBlacklisted, name: "buyer", facts: func(f *Facts) {
			f.Blacklisted = []BlacklistEntry{{Kind: BlacklistBuyer, Value: "tb_zhang3", Reason: "刷单"}}
		}, want: []string{"flag.blacklisted.buyer tb_zhang3|刷单"}},
		{check: CheckBlacklisted, name: "phone, masked", facts: func(f *Facts) {
			f.Blacklisted = []BlacklistEntry{{Kind: BlacklistPhone, Value: "13800138000", Reason: "恶意退款"}}
		}, want: []string{"flag.blacklisted.phone 138****8000|恶意退款"}},
		{check: CheckBlacklisted, name: "address", facts: func(f *Facts) {
			f.Blacklisted = []BlacklistEntry{{Kind: BlacklistAddress, Value: "浙江省杭州市西湖区文三路90号东部软件园1号楼", Reason: "drop address"}}
		}, want: []string{"flag.blacklisted.address drop address"}},
		{check: CheckBlacklisted, name: "store and global entry for one phone", facts: func(f *Facts) {
			f.Blacklisted = []BlacklistEntry{
				{StoreCode: "TM01", Kind: BlacklistPhone, Value: "13800138000", Reason: "a"},
				{Kind: BlacklistPhone, Value: "13800138000", Reason: "b"},
				{Kind: BlacklistBuyer, Value: "tb_zhang3", Reason: "c"},
			}
		}, want: []string{"flag.blacklisted.phone 138****8000|a", "flag.blacklisted.buyer tb_zhang3|c"}},
		{check: CheckBlacklisted, name: "a kind added later", facts: func(f *Facts) {
			f.Blacklisted = []BlacklistEntry{{Kind: "email", Value: "x@example.com", Reason: "spam"}}
		}, want: []string{"flag.blacklisted email|spam"}},

		// unpaid
		{check: CheckUnpaid, name: "unpaid", order: func(o *Order) { o.PaymentStatus, o.Amounts.Paid = PaymentUnpaid, 0 }, want: []string{"flag.unpaid"}},
		{check: CheckUnpaid, name: "no status", order: func(o *Order) { o.PaymentStatus = "" }, want: []string{"flag.unpaid"}},
		{check: CheckUnpaid, name: "partial", order: func(o *Order) { o.PaymentStatus, o.Amounts.Paid = PaymentPartial, 5000 }, want: []string{"flag.unpaid.partial 50.00|137.80"}},
		{check: CheckUnpaid, name: "paid a cent short", order: func(o *Order) { o.Amounts.Paid = 13779 }, want: []string{"flag.unpaid.short 137.79|137.80"}},
		{check: CheckUnpaid, name: "a cent short within tolerance", params: map[string]string{"tolerance": "0.01"}, order: func(o *Order) { o.Amounts.Paid = 13779 }},
		{check: CheckUnpaid, name: "two cents short beyond tolerance", params: map[string]string{"tolerance": "0.01"}, order: func(o *Order) { o.Amounts.Paid = 13778 },
			want: []string{"flag.unpaid.short 137.78|137.80"}},
		{check: CheckUnpaid, name: "paid more", order: func(o *Order) { o.Amounts.Paid = 20000 }},
		{check: CheckUnpaid, name: "cash on delivery", order: func(o *Order) { o.PaymentStatus, o.PaymentMethod, o.Amounts.Paid = PaymentUnpaid, "货到付款", 0 }},
		{check: CheckUnpaid, name: "COD in capitals", order: func(o *Order) { o.PaymentStatus, o.PaymentMethod, o.Amounts.Paid = PaymentUnpaid, "COD", 0 }},
		{check: CheckUnpaid, name: "COD not exempt", params: map[string]string{"exempt_methods": ""}, order: func(o *Order) { o.PaymentStatus, o.PaymentMethod = PaymentUnpaid, "cod" },
			want: []string{"flag.unpaid"}},
		{check: CheckUnpaid, name: "refund is another check's", order: func(o *Order) { o.PaymentStatus = PaymentRefundRequested }},

		// refund_requested
		{check: CheckRefundRequested, name: "requested", order: func(o *Order) { o.PaymentStatus = PaymentRefundRequested }, want: []string{"flag.refund_requested"}},
		{check: CheckRefundRequested, name: "refunded", order: func(o *Order) { o.PaymentStatus = PaymentRefunded }, want: []string{"flag.refund_requested.refunded"}},
		{check: CheckRefundRequested, name: "unpaid", order: func(o *Order) { o.PaymentStatus = PaymentUnpaid }},

		// oversold
		{check: CheckOversold, name: "one over", order: func(o *Order) { o.Items[1].Quantity = 51 }, want: []string{"flag.oversold TEA-GREEN-250|51|50"}},
		{check: CheckOversold, name: "exactly the stock", order: func(o *Order) { o.Items[1].Quantity = 50 }},
		{check: CheckOversold, name: "lines of one SKU together", order: func(o *Order) {
			o.Items = append(o.Items, Item{SKU: "TEA-GREEN-250", Quantity: 30, UnitPrice: 6800}, Item{SKU: "TEA-GREEN-250", Quantity: 20, UnitPrice: 6800})
		}, want: []string{"flag.oversold TEA-GREEN-250|51|50"}},
		{check: CheckOversold, name: "sold out", facts: func(f *Facts) { f.Stock["MUG-RED-01"] = 0 }, want: []string{"flag.oversold MUG-RED-01|2|0"}},
		{check: CheckOversold, name: "stock unknown", facts: func(f *Facts) { f.Stock = nil }},

		// abnormal_quantity
		{check: CheckAbnormalQuantity, name: "the maximum", order: func(o *Order) { o.Items[0].Quantity = 49 }},
		{check: CheckAbnormalQuantity, name: "one above", order: func(o *Order) { o.Items[0].Quantity = 50 }, want: []string{"flag.abnormal_quantity.items 51|1|50"}},
		{check: CheckAbnormalQuantity, name: "no items", order: func(o *Order) { o.Items = nil }, want: []string{"flag.abnormal_quantity.items 0|1|50", "flag.abnormal_quantity.skus 0|1|20"}},
		{check: CheckAbnormalQuantity, name: "a line of zero", order: func(o *Order) { o.Items[1].Quantity = 0 }, want: []string{"flag.abnormal_quantity.line TEA-GREEN-250|0"}},
		{check: CheckAbnormalQuantity, name: "20 SKUs", order: func(o *Order) { o.Items = manySKUs(20) }},
		{check: CheckAbnormalQuantity, name: "21 SKUs", order: func(o *Order) { o.Items = manySKUs(21) }, want: []string{"flag.abnormal_quantity.skus 21|1|20"}},
		{check: CheckAbnormalQuantity, name: "lower maximum", params: map[string]string{"max_items": "2"}, want: []string{"flag.abnormal_quantity.items 3|1|2"}},
		{check: CheckAbnormalQuantity, name: "higher minimum", params: map[string]string{"min_skus": "3", "max_skus": "5"}, want: []string{"flag.abnormal_quantity.skus 2|3|5"}},

		// amount_out_of_range
		{check: CheckAmountOutOfRange, name: "the maximum", order: func(o *Order) { o.Amounts = Amounts{Goods: 2000000, Paid: 2000000} }},
		{check: CheckAmountOutOfRange, name: "a cent above", order: func(o *Order) { o.Amounts = Amounts{Goods: 2000001, Paid: 2000001} }, want: []string{"flag.amount_out_of_range.high 20000.01|20000.00"}},
		{check: CheckAmountOutOfRange, name: "the minimum", order: func(o *Order) { o.Amounts = Amounts{Goods: 1, Paid: 1} }},
		{check: CheckAmountOutOfRange, name: "free", order: func(o *Order) { o.Amounts = Amounts{Goods: 1000, Discount: 1000} }, want: []string{"flag.amount_out_of_range.low 0.00|0.01"}},
		{check: CheckAmountOutOfRange, name: "unpaid counts what is due", order: func(o *Order) { o.PaymentStatus, o.Amounts = PaymentUnpaid, Amounts{Goods: 2500000} },
			want: []string{"flag.amount_out_of_range.high 25000.00|20000.00"}},
		{check: CheckAmountOutOfRange, name: "lower maximum", params: map[string]string{"max_amount": "¥100"}, want: []string{"flag.amount_out_of_range.high 137.80|100.00"}},
		{check: CheckAmountOutOfRange, name: "higher minimum", params: map[string]string{"min_amount": "200"}, want: []string{"flag.amount_out_of_range.low 137.80|200.00"}},

		// below_floor_price
		{check: CheckBelowFloorPrice, name: "at the floor", order: func(o *Order) { o.Items[0].UnitPrice = 2990 }},
		{check: CheckBelowFloorPrice, name: "a cent below", order: func(o *Order) { o.Items[0].UnitPrice = 2989 }, want: []string{"flag.below_floor_price MUG-RED-01|29.89|29.90"}},
		{check: CheckBelowFloorPrice, name: "no floor", order: func(o *Order) { o.Items[1].UnitPrice = 1 }},

		// remark_keywords
		{check: CheckRemarkKeywords, name: "buyer threatens a bad review", order: func(o *Order) { o.BuyerRemark = "不满意就给差评" }, want: []string{"flag.remark_keywords.buyer 差评"}},
		{check: CheckRemarkKeywords, name: "service notes a refund", order: func(o *Order) { o.ServiceRemark = "客户要求退款" }, want: []string{"flag.remark_keywords.service 退款"}},
		{check: CheckRemarkKeywords, name: "both, several", order: func(o *Order) { o.BuyerRemark, o.ServiceRemark = "再不发货就投诉，给差评", "假货？" },
			want: []string{"flag.remark_keywords.buyer 差评, 投诉", "flag.remark_keywords.service 假货"}},
		{check: CheckRemarkKeywords, name: "English, full width", order: func(o *Order) { o.BuyerRemark = "ＲＥＦＵＮＤ please" }, want: []string{"flag.remark_keywords.buyer refund"}},
		{check: CheckRemarkKeywords, name: "traditional", order: func(o *Order) { o.BuyerRemark = "會給差評" }, want: []string{"flag.remark_keywords.buyer 差評"}},
		{check: CheckRemarkKeywords, name: "own keywords", params: map[string]string{"keywords": "发货"}, want: []string{"flag.remark_keywords.buyer 发货"}},
		{check: CheckRemarkKeywords, name: "no keywords", params: map[string]string{"keywords": " , "}, order: func(o *Order) { o.BuyerRemark = "差评" }},
	}
}

func manySKUs(n int) []Item {
	var items []Item
	for i := range n {
		items = append(items, Item{SKU: fmt.Sprintf("SKU-%02d", i), Quantity: 1, UnitPrice: 500})
	}
	return items
}

func TestChecks(t *testing.T) {
	for _, c := range checkCases() {
		t.Run(c.check+"/"+c.name, func(t *testing.T) {
			got := describe(c.run(t))
			if !slices.Equal(got, c.want) {
				t.Errorf("flags\n got %q\nwant %q", got, c.want)
			}
		})
	}
}

// Every check has cases, and every key a check declares is produced by some case with the
// declared number of arguments, so that the key list given to the catalogs is the real one.
func TestChecksDeclareTheirKeys(t *testing.T) {
	produced := map[string]bool{}
	tested := map[string]bool{}
	for _, c := range checkCases() {
		tested[c.check] = true
		chk, _ := FindCheck(c.check)
		for _, f := range c.run(t) {
			produced[f.Key] = true
			i := slices.IndexFunc(chk.Keys, func(k FlagKey) bool { return k.Key == f.Key })
			if i < 0 {
				t.Errorf("%s produced undeclared key %s", c.check, f.Key)
				continue
			}
			if len(f.Args) != len(chk.Keys[i].Args) {
				t.Errorf("%s: %d args, declared %v", f.Key, len(f.Args), chk.Keys[i].Args)
			}
			if f.Check != chk.Name || f.Severity != chk.Default.Severity {
				t.Errorf("%s: check %q severity %q", f.Key, f.Check, f.Severity)
			}
		}
	}
	for _, chk := range Checks() {
		if !tested[chk.Name] {
			t.Errorf("no cases for %s", chk.Name)
		}
		for _, k := range chk.Keys {
			if !produced[k.Key] {
				t.Errorf("%s: key %s never produced", chk.Name, k.Key)
			}
		}
	}
}

func TestCheckRegistry(t *testing.T) {
	severities := map[string]Severity{
		CheckIncompleteAddress: SeverityHold, CheckMissingContact: SeverityHold, CheckConflictingRegion: SeverityHold,
		CheckRemoteKeywords: SeverityAlert, CheckDuplicateOrder: SeverityHold, CheckMultipleAddresses: SeverityAlert,
		CheckManyToOneAddress: SeverityHold, CheckBlacklisted: SeverityHold, CheckUnpaid: SeverityHold,
		CheckRefundRequested: SeverityHold, CheckOversold: SeverityHold, CheckAbnormalQuantity: SeverityAlert,
		CheckAmountOutOfRange: SeverityAlert, CheckBelowFloorPrice: SeverityHold, CheckRemarkKeywords: SeverityAlert,
	}
	snake := regexp.MustCompile(`^[a-z]+(_[a-z]+)*$`)
	keyPattern := regexp.MustCompile(`^flag\.[a-z_]+(\.[a-z_]+)?$`)
	checks := Checks()
	if len(checks) != len(severities) {
		t.Errorf("%d checks, want %d", len(checks), len(severities))
	}
	seen := map[string]bool{}
	for _, c := range checks {
		if seen[c.Name] {
			t.Errorf("check %s twice", c.Name)
		}
		seen[c.Name] = true
		if !snake.MatchString(c.Name) {
			t.Errorf("name %q is not snake_case", c.Name)
		}
		if c.Summary != "check."+c.Name {
			t.Errorf("%s: summary key %q", c.Name, c.Summary)
		}
		d := c.Default
		if d.Check != c.Name || !d.Enabled || d.Severity != severities[c.Name] || d.Params != nil {
			t.Errorf("%s: default rule %+v, want enabled, %s, no overrides", c.Name, d, severities[c.Name])
		}
		if p := ValidateRule(d); len(p) > 0 {
			t.Errorf("%s: default rule invalid: %+v", c.Name, p)
		}
		if len(c.Keys) == 0 || c.Run == nil {
			t.Errorf("%s: no keys or no run", c.Name)
		}
		for _, k := range c.Keys {
			if !keyPattern.MatchString(k.Key) || (k.Key != "flag."+c.Name && !strings.HasPrefix(k.Key, "flag."+c.Name+".")) {
				t.Errorf("%s: key %q is not flag.%s[.detail]", c.Name, k.Key, c.Name)
			}
		}
		params := map[string]bool{}
		for _, p := range c.Params {
			if params[p.Name] || !snake.MatchString(p.Name) {
				t.Errorf("%s: param %q repeated or not snake_case", c.Name, p.Name)
			}
			params[p.Name] = true
			if err := parseParam(p.Kind, p.Default); err != nil {
				t.Errorf("%s: param %s default %q: %v", c.Name, p.Name, p.Default, err)
			}
			if c.ParamValue(d, p.Name) != p.Default {
				t.Errorf("%s: ParamValue(%s) is not the default", c.Name, p.Name)
			}
		}
	}
	// A fresh slice every time: a caller changing its copy changes nobody else's.
	checks[0].Name, checks[0].Params = "changed", nil
	if again := Checks(); again[0].Name != CheckIncompleteAddress || len(again[0].Params) == 0 {
		t.Error("Checks shares state between calls")
	}
}

func TestCleanOrderHasNoFlags(t *testing.T) {
	o, f := cleanOrder(), cleanFacts()
	if flags := Review(o, f, DefaultRules()); len(flags) > 0 {
		t.Fatalf("the clean order is flagged: %q", describe(flags))
	}
	for _, c := range Checks() {
		if flags := c.Run(o, f, c.Default); len(flags) > 0 {
			t.Errorf("%s flags the clean order: %q", c.Name, describe(flags))
		}
	}
	if Decide(Review(o, f, DefaultRules())) != StatusReleased {
		t.Error("the clean order is not released")
	}
}

func TestParamValue(t *testing.T) {
	c, _ := FindCheck(CheckDuplicateOrder)
	cases := []struct {
		params map[string]string
		want   string
	}{
		{nil, "30m"},
		{map[string]string{"buffer": "45m"}, "45m"},
		{map[string]string{"buffer": "soon"}, "30m"},
	}
	for _, tc := range cases {
		if got := c.ParamValue(Rule{Check: c.Name, Params: tc.params}, "buffer"); got != tc.want {
			t.Errorf("ParamValue(%v) = %q, want %q", tc.params, got, tc.want)
		}
	}
	if got := c.ParamValue(Rule{}, "nope"); got != "" {
		t.Errorf("unknown param = %q", got)
	}
}

func TestValidateRule(t *testing.T) {
	rule := func(check string, params map[string]string) Rule {
		c, ok := FindCheck(check)
		if !ok {
			return Rule{Check: check, Enabled: true, Severity: SeverityHold, Params: params}
		}
		r := c.Default
		r.Params = params
		return r
	}
	type want struct {
		field, key string
		args       []any
	}
	cases := []struct {
		name string
		rule Rule
		want []want
	}{
		{"defaults", rule(CheckManyToOneAddress, nil), nil},
		{"every kind valid", rule(CheckIncompleteAddress, map[string]string{"min_street": "3", "require_district": "off"}), nil},
		{"money with sign", rule(CheckAmountOutOfRange, map[string]string{"max_amount": "¥50,000", "min_amount": "0"}), nil},
		{"days", rule(CheckMultipleAddresses, map[string]string{"window": "2d"}), nil},
		{"empty list", rule(CheckRemarkKeywords, map[string]string{"keywords": ""}), nil},
		{"min equal to max", rule(CheckAbnormalQuantity, map[string]string{"min_items": "5", "max_items": "5"}), nil},
		{"unknown check", rule("teleport", nil), []want{{"check", "rules.check.unknown", []any{"teleport", strings.Join(CheckNames(), ", ")}}}},
		{"bad severity", Rule{Check: CheckUnpaid, Severity: "block"}, []want{{"severity", "rules.severity.invalid", []any{"block", "hold, alert"}}}},
		{"unknown param", rule(CheckUnpaid, map[string]string{"grace": "1h"}), []want{{"grace", "rules.param.unknown", []any{"grace", CheckUnpaid, "tolerance, exempt_methods"}}}},
		{"int not a number", rule(CheckIncompleteAddress, map[string]string{"min_street": "five"}), []want{{"min_street", "rules.param.invalid", []any{"min_street", "five", KindInt}}}},
		{"int negative", rule(CheckManyToOneAddress, map[string]string{"max_orders": "-1"}), []want{{"max_orders", "rules.param.invalid", []any{"max_orders", "-1", KindInt}}}},
		{"int fraction", rule(CheckManyToOneAddress, map[string]string{"max_orders": "1.5"}), []want{{"max_orders", "rules.param.invalid", []any{"max_orders", "1.5", KindInt}}}},
		{"money three decimals", rule(CheckUnpaid, map[string]string{"tolerance": "0.001"}), []want{{"tolerance", "rules.param.invalid", []any{"tolerance", "0.001", KindMoney}}}},
		{"money negative", rule(CheckUnpaid, map[string]string{"tolerance": "-1"}), []want{{"tolerance", "rules.param.invalid", []any{"tolerance", "-1", KindMoney}}}},
		{"duration zero", rule(CheckDuplicateOrder, map[string]string{"buffer": "0"}), []want{{"buffer", "rules.param.invalid", []any{"buffer", "0", KindDuration}}}},
		{"duration negative", rule(CheckDuplicateOrder, map[string]string{"buffer": "-5m"}), []want{{"buffer", "rules.param.invalid", []any{"buffer", "-5m", KindDuration}}}},
		{"duration words", rule(CheckDuplicateOrder, map[string]string{"buffer": "half an hour"}), []want{{"buffer", "rules.param.invalid", []any{"buffer", "half an hour", KindDuration}}}},
		{"zero days", rule(CheckDuplicateOrder, map[string]string{"buffer": "0d"}), []want{{"buffer", "rules.param.invalid", []any{"buffer", "0d", KindDuration}}}},
		{"bool", rule(CheckIncompleteAddress, map[string]string{"require_district": "maybe"}), []want{{"require_district", "rules.param.invalid", []any{"require_district", "maybe", KindBool}}}},
		{"min above max", rule(CheckAbnormalQuantity, map[string]string{"min_items": "10", "max_items": "5"}), []want{{"max_items", "rules.param.order", []any{"min_items", "10", "max_items", "5"}}}},
		{"min above default max", rule(CheckAmountOutOfRange, map[string]string{"min_amount": "30000"}), []want{{"max_amount", "rules.param.order", []any{"min_amount", "30000", "max_amount", "20000.00"}}}},
		{"scope amounts reversed", Rule{Check: CheckUnpaid, Severity: SeverityHold, Scope: Scope{MinAmount: 500, MaxAmount: 100}}, []want{{"scope", "rules.scope.amount", []any{"5.00", "1.00"}}}},
		{"scope amount negative", Rule{Check: CheckUnpaid, Severity: SeverityHold, Scope: Scope{MinAmount: -1}}, []want{{"scope", "rules.scope.amount", []any{"-0.01", "0.00"}}}},
		{"scope province", Rule{Check: CheckUnpaid, Severity: SeverityHold, Scope: Scope{Provinces: []string{"广东", "Guangdong", "火星"}}}, []want{{"scope", "rules.scope.province", []any{"火星"}}}},
		{"several problems, in param order", Rule{Check: CheckAbnormalQuantity, Severity: "x", Params: map[string]string{"max_skus": "many", "extra": "1", "min_items": "x"}}, []want{
			{"severity", "rules.severity.invalid", []any{"x", "hold, alert"}},
			{"extra", "rules.param.unknown", []any{"extra", CheckAbnormalQuantity, "min_items, max_items, min_skus, max_skus"}},
			{"max_skus", "rules.param.invalid", []any{"max_skus", "many", KindInt}},
			{"min_items", "rules.param.invalid", []any{"min_items", "x", KindInt}},
		}},
	}
	for _, c := range cases {
		got := ValidateRule(c.rule)
		var gotW []want
		for _, p := range got {
			gotW = append(gotW, want{p.Field, p.Key, p.Args})
		}
		if fmt.Sprint(gotW) != fmt.Sprint(c.want) {
			t.Errorf("%s:\n got %v\nwant %v", c.name, gotW, c.want)
		}
	}
}

func TestParseParams(t *testing.T) {
	durations := map[string]time.Duration{"30m": 30 * time.Minute, " 1h30m ": 90 * time.Minute, "2d": 48 * time.Hour, "24h": 24 * time.Hour}
	for in, want := range durations {
		if got, err := ParseDurationParam(in); err != nil || got != want {
			t.Errorf("ParseDurationParam(%q) = %v, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "0", "0s", "-1h", "d", "1.5d", "367d", "8785h", "soon"} {
		if _, err := ParseDurationParam(in); err == nil {
			t.Errorf("ParseDurationParam(%q) accepted", in)
		}
	}
	for in, want := range map[string]bool{"true": true, "YES": true, "on": true, "1": true, "false": false, "No": false, "off": false, "0": false} {
		if got, err := ParseBoolParam(in); err != nil || got != want {
			t.Errorf("ParseBoolParam(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseBoolParam("maybe"); err == nil {
		t.Error("ParseBoolParam(maybe) accepted")
	}
	if got := ParseListParam(" 退款，差评、refund; fake；\nx , ,"); !slices.Equal(got, []string{"退款", "差评", "refund", "fake", "x"}) {
		t.Errorf("ParseListParam = %q", got)
	}
	if got := ParseListParam(""); len(got) != 0 {
		t.Errorf("ParseListParam(\"\") = %q", got)
	}
	for d, want := range map[time.Duration]string{30 * time.Minute: "30m", 24 * time.Hour: "24h", 90 * time.Minute: "1h30m", 90 * time.Second: "1m30s", time.Hour + time.Second: "1h0m1s"} {
		if got := FormatDuration(d); got != want {
			t.Errorf("FormatDuration(%v) = %q, want %q", d, got, want)
		}
	}
}
