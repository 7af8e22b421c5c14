package orderfile

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"storeops/domain/order"
)

// cell is a cell's text as people meant it: without surrounding spaces, and without the
// tricks spreadsheets use to keep long numbers as text (="2026111100001", '13800138000).
func cell(s string) string {
	s = strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\ufeff' })
	if len(s) >= 3 && strings.HasPrefix(s, `="`) && strings.HasSuffix(s, `"`) {
		s = strings.TrimSpace(s[2 : len(s)-1])
	}
	s = strings.TrimPrefix(s, "'")
	return strings.TrimSpace(s)
}

// foldDigits maps full-width digits, signs and the decimal point to ASCII.
func foldDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 0xFF01 && r <= 0xFF5E {
			return r - 0xFEE0
		}
		return r
	}, s)
}

// amount cleans an amount for domain.ParseMoney: a trailing 元, a leading RMB or CNY and
// the float noise of a spreadsheet ("64.949999999999996" → "64.95") go; anything else is
// left for the order's own check to refuse with the value as written.
func amount(s string) string {
	s = foldDigits(cell(s))
	s = strings.TrimSpace(strings.TrimSuffix(s, "元"))
	for _, p := range []string{"RMB", "CNY", "rmb", "cny"} {
		s = strings.TrimSpace(strings.TrimPrefix(s, p))
	}
	_, frac, ok := strings.Cut(s, ".")
	if !ok || len(frac) <= 2 {
		return s
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimLeft(s, "¥￥$"), ",", ""), 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return s
	}
	if r := math.Round(f*100) / 100; math.Abs(r-f) < 1e-6 {
		return strconv.FormatFloat(r, 'f', 2, 64)
	}
	return s
}

// quantity reads "2", "2.0" (a spreadsheet's number) or "2件" as 2; anything else stays as
// written for the order's check to refuse.
func quantity(s string) string {
	s = foldDigits(cell(s))
	s = strings.TrimSpace(strings.TrimRight(s, "件个個"))
	if strings.Contains(s, ".") {
		if f, err := strconv.ParseFloat(s, 64); err == nil && f == math.Trunc(f) && math.Abs(f) < 1e9 {
			return strconv.FormatInt(int64(f), 10)
		}
	}
	return s
}

// statusWords map the payment and order statuses of Chinese exports to the order package's
// payment statuses; the first entry found in the text decides, so refunds come before
// payments ("已付款，退款中" is a refund being asked for).
var statusWords = []struct {
	word   string
	status order.PaymentStatus
}{
	{"已退款", order.PaymentRefunded}, {"退款成功", order.PaymentRefunded}, {"退款完成", order.PaymentRefunded},
	{"退款中", order.PaymentRefundRequested}, {"申请退款", order.PaymentRefundRequested}, {"申請退款", order.PaymentRefundRequested},
	{"部分付款", order.PaymentPartial}, {"部分支付", order.PaymentPartial},
	{"待付款", order.PaymentUnpaid}, {"未付款", order.PaymentUnpaid}, {"等待买家付款", order.PaymentUnpaid}, {"等待買家付款", order.PaymentUnpaid},
	{"已付款", order.PaymentPaid}, {"已支付", order.PaymentPaid}, {"买家已付款", order.PaymentPaid}, {"買家已付款", order.PaymentPaid},
	{"等待卖家发货", order.PaymentPaid}, {"等待賣家發貨", order.PaymentPaid}, {"卖家已发货", order.PaymentPaid}, {"賣家已發貨", order.PaymentPaid},
	{"交易成功", order.PaymentPaid},
}

// paymentStatus maps a status cell; English statuses and unknown words pass as written, so
// that the order's check names an unknown one.
func paymentStatus(s string) string {
	s = cell(s)
	for _, w := range statusWords {
		if strings.Contains(s, w.word) {
			return string(w.status)
		}
	}
	norm := strings.ReplaceAll(strings.ReplaceAll(strings.ToLower(s), " ", "_"), "-", "_")
	for _, st := range order.PaymentStatuses() {
		if norm == string(st) {
			return norm
		}
	}
	return s
}

// timeLayouts are the ways exports write a time without its zone.
var timeLayouts = []string{
	"2006-1-2 15:04:05", "2006-1-2 15:04", "2006-1-2T15:04:05", "2006-1-2",
	"2006/1/2 15:04:05", "2006/1/2 15:04", "2006/1/2",
	"2006.1.2 15:04:05", "2006.1.2 15:04", "2006.1.2",
	"2006年1月2日 15:04:05", "2006年1月2日 15:04", "2006年1月2日15:04:05", "2006年1月2日15:04", "2006年1月2日",
}

// Excel serials that can be a date: 1 is 1900-01-01, 2958465 is 9999-12-31.
const maxSerial = 2958465

// timeValue turns a time cell into RFC 3339: an RFC 3339 time as it is, a time without a
// zone in tz ("2026-11-11 00:05:00"), an Excel serial (46337.0034722) as the wall-clock
// time it shows in tz. Text that is none of these is returned as written, for the order's
// check to refuse.
func timeValue(s string, tz *time.Location, date1904 bool) string {
	s = foldDigits(cell(s))
	if s == "" {
		return ""
	}
	// A bare number is a serial (no layout reads one), and is by far the commonest in XLSX.
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		if t, err := excelize.ExcelDateToTime(f, date1904); err == nil && f >= 1 && f <= maxSerial {
			t = t.Round(time.Second)
			return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, tz).Format(time.RFC3339)
		}
		return s
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.Format(time.RFC3339)
	}
	for _, layout := range timeLayouts {
		if t, err := time.ParseInLocation(layout, s, tz); err == nil {
			return t.Format(time.RFC3339)
		}
	}
	return s
}

// splitAddress takes the province, city and district from the start of a full address
// ("浙江省杭州市西湖区文三路100号", "浙江 杭州市 西湖区 文三路 100 号"), for files that give
// the address in one column. It recognises the province by its name (full, or short when
// a space follows), the city by its suffix (市, 自治州, 地区, 盟; a municipality is its own
// city) and the district by its (区, 县, 市, 旗); what it cannot place stays in the street,
// and an address without a recognisable province is left whole.
func splitAddress(full string) (province, city, district, street string) {
	s := strings.TrimSpace(full)
	name, rest, ok := provincePrefix(s)
	if !ok {
		return "", "", "", s
	}
	province, rest = name, strings.TrimSpace(rest)
	if strings.HasSuffix(name, "市") {
		city = name
		// Platforms often repeat a municipality as its city: 上海市上海市浦东新区.
		for _, p := range []string{name, strings.TrimSuffix(name, "市")} {
			if strings.HasPrefix(rest, p) {
				rest = strings.TrimSpace(rest[len(p):])
				break
			}
		}
	} else if c, r, ok := placePrefix(rest, 12, "自治州", "地区", "地區", "市", "盟"); ok {
		city, rest = c, strings.TrimSpace(r)
	}
	if city != "" {
		if d, r, ok := placePrefix(rest, 10, "区", "區", "县", "縣", "市", "旗"); ok {
			district, rest = d, strings.TrimSpace(r)
		}
	}
	return province, city, district, rest
}

// provincePrefix finds the province s starts with: the longest full name, or a short name
// followed by a space.
func provincePrefix(s string) (canonical, rest string, ok bool) {
	best := ""
	for _, p := range order.Provinces() {
		for _, n := range p.Full {
			if strings.HasPrefix(s, n) && len(n) > len(best) {
				best, canonical = n, p.Name
			}
		}
		for _, n := range p.Short {
			if after, found := strings.CutPrefix(s, n); found && len(n) > len(best) && after != "" {
				if r, _ := utf8.DecodeRuneInString(after); unicode.IsSpace(r) {
					best, canonical = n, p.Name
				}
			}
		}
	}
	if best == "" {
		return "", s, false
	}
	return canonical, s[len(best):], true
}

// placePrefix takes a place name ending in one of suffixes from the start of s, within
// maxRunes; a candidate with a digit or a street word (路, 街, 号 …) is a street, not a place.
func placePrefix(s string, maxRunes int, suffixes ...string) (place, rest string, ok bool) {
	end := -1
	for _, suf := range suffixes {
		i := strings.Index(s, suf)
		if i <= 0 {
			continue
		}
		if e := i + len(suf); end < 0 || e < end {
			end = e
		}
	}
	if end < 0 {
		return "", s, false
	}
	place = strings.TrimSpace(s[:end])
	if utf8.RuneCountInString(place) > maxRunes || strings.ContainsAny(place, "0123456789０１２３４５６７８９路街道號号巷弄村镇鎮 ") {
		return "", s, false
	}
	return place, s[end:], true
}
