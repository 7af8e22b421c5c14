package order

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Normalisation makes two spellings of the same phone or address compare equal, so that the
// duplicate, several-addresses and many-to-one-address checks and the blacklist see one buyer
// where the platforms wrote "+86 138-0013-8000" and "13800138000", or "广东 深圳市" and
// "廣東省深圳市". Every function here is idempotent: normalising twice gives what normalising
// once gave (the fuzz tests hold them to it), because normalised values are stored and compared
// again later.

// NormalizeText folds full-width forms to half-width (Ａ１ → a1, the ideographic space to a
// space), lower-cases, and keeps only letters and numbers: spaces, punctuation and symbols
// differ between platforms and typists but never tell two places or two keywords apart.
func NormalizeText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = unicode.ToLower(foldWidth(r))
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// foldWidth maps the full-width ASCII block (U+FF01–U+FF5E), which Chinese input methods
// produce, and the ideographic space to their ASCII forms.
func foldWidth(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFEE0
	case r == 0x3000:
		return ' '
	}
	return r
}

// NormalizePhone keeps the digits of a phone number (full-width digits included) and drops
// the +86 / 0086 country prefix of a Chinese mobile (86 or 0086 followed by an 11-digit number
// starting with 1), so that the same mobile written with and without it compares equal. Other
// numbers (landlines, foreign numbers, numbers with an extension) keep all their digits: a
// prefix cannot be told from the number there.
func NormalizePhone(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if r = foldWidth(r); r >= '0' && r <= '9' {
			b = append(b, byte(r))
		}
	}
	d := string(b)
	switch {
	case len(d) == 13 && strings.HasPrefix(d, "86") && d[2] == '1':
		return d[2:]
	case len(d) == 15 && strings.HasPrefix(d, "0086") && d[4] == '1':
		return d[4:]
	}
	return d
}

// MaskPhone shows a phone in channel posts (SPEC §2: personal data is masked): the first 3 and
// the last 4 digits with one * per hidden digit, "138****5678" for a mobile. Numbers too short
// for that (fewer than 8 digits) show only their last 2 digits, and none when they have 3 or
// fewer, so that a mask never reveals most of a number.
func MaskPhone(s string) string {
	d := NormalizePhone(s)
	n := len(d)
	switch {
	case n == 0:
		return ""
	case n <= 3:
		return strings.Repeat("*", n)
	case n < 8:
		return strings.Repeat("*", n-2) + d[n-2:]
	}
	return d[:3] + strings.Repeat("*", n-7) + d[n-4:]
}

// PlausiblePhone says whether s can be a phone number a courier or an assistant can call:
//   - a Chinese mobile, 11 digits starting with 13–19 (+86 / 0086 allowed);
//   - the same followed by a 4-digit extension, the platforms' privacy numbers (隐私号,
//     "17012345678-1234");
//   - a landline with its area code, 0 and 9 to 15 more digits (extension included);
//   - an 8-digit Hong Kong or Macau number;
//   - an international number written with + or 00, 8 to 15 digits (E.164);
//   - a number the platform masked itself ("138****5678"): the platform's own waybill carries
//     the real one, so holding every such order would stop a whole store.
func PlausiblePhone(s string) bool {
	d := NormalizePhone(s)
	if strings.ContainsAny(s, "*＊") {
		return len(d) >= 7
	}
	mobile := len(d) >= 2 && d[0] == '1' && d[1] >= '3' && d[1] <= '9'
	trimmed := strings.TrimSpace(strings.Map(foldWidth, s))
	international := strings.HasPrefix(trimmed, "+") || strings.HasPrefix(trimmed, "00")
	switch {
	case mobile && (len(d) == 11 || len(d) == 15):
		return true
	case len(d) >= 10 && len(d) <= 16 && d[0] == '0':
		return true
	case len(d) == 8 && d[0] >= '2':
		return true
	case international && len(d) >= 8 && len(d) <= 15:
		return true
	}
	return false
}

// NormalizeAddress is the address as one comparable string: province, city, district and
// street, each through NormalizeText, the province in its canonical name when it is recognised
// (广东 / 廣東 / Guangdong → 广东省), and the street without the province, city and district the
// buyer repeated at its start (many platforms put the whole address in the street line). The
// postcode is left out: it is often missing or wrong and adds nothing to the place.
//
// NormalizeAddress(Address{Street: NormalizeAddress(a)}) == NormalizeAddress(a), so that a
// normalised value (a blacklist entry) can be normalised again safely.
func NormalizeAddress(a Address) string {
	rows := provinceRows()
	p, c, d, s := addressParts(&rows, a)
	return canonicalStart(&rows, p+c+d+s)
}

// addressParts returns the normalised province (canonical when recognised), city, district,
// and street with the repeated province, city and district removed from its start.
func addressParts(rows *provinceTable, a Address) (province, city, district, street string) {
	city, district, street = NormalizeText(a.City), NormalizeText(a.District), NormalizeText(a.Street)
	province = NormalizeText(a.Province)
	if hits := regionHits(rows, a.Province, false); len(hits) > 0 {
		province = hits[0]
		if alias, name, short := longestAlias(rows, street); alias != "" && name == province && !excludedAfter(street[len(alias):], short) {
			street = street[len(alias):]
		}
	}
	street = trimPlace(street, city, "市")
	street = trimPlace(street, district, "区", "县", "市", "旗", "區", "縣")
	return province, city, district, street
}

// trimPlace removes place (or place without one of its suffixes: 深圳市 → 深圳) from the start
// of s.
func trimPlace(s, place string, suffixes ...string) string {
	if place == "" {
		return s
	}
	if strings.HasPrefix(s, place) {
		return s[len(place):]
	}
	for _, suf := range suffixes {
		if short := strings.TrimSuffix(place, suf); short != place && short != "" && strings.HasPrefix(s, short) {
			return s[len(short):]
		}
	}
	return s
}

// canonicalStart replaces a province name at the start of normalised text by its canonical
// name, unless the name is part of a street or shop name there (北京路).
func canonicalStart(rows *provinceTable, s string) string {
	alias, name, short := longestAlias(rows, s)
	if alias == "" || excludedAfter(s[len(alias):], short) {
		return s
	}
	return name + s[len(alias):]
}

// Province is one of China's 34 provincial-level divisions, with the names it goes by.
type Province struct {
	// Name is the canonical name: the full simplified one (广东省, 上海市, 内蒙古自治区).
	Name string
	// Full are the full names, simplified and traditional (Name among them). A full name names
	// the province wherever it appears.
	Full []string
	// Short are the short names (广东, 廣東, 上海). Chinese cities name streets, shops and
	// buildings after provinces (北京路 in Guangzhou, 西藏中路 in Shanghai, 上海大厦), so in an
	// address a short name counts only at the start of a field.
	Short []string
	// English are the common English forms, lower case, words separated by one space.
	English []string
}

// Provinces lists the 34 provincial-level divisions: 4 municipalities, 23 provinces (Taiwan
// included, as Chinese platforms list it), 5 autonomous regions and 2 special administrative
// regions.
func Provinces() []Province {
	rows := provinceRows()
	out := make([]Province, 0, len(rows))
	for _, r := range rows {
		out = append(out, Province{Name: r.name, Full: nonEmpty(r.full[:]), Short: nonEmpty(r.short[:]), English: nonEmpty(r.english[:])})
	}
	return out
}

func nonEmpty(list []string) []string {
	var out []string
	for _, s := range list {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// provinceRow is a Province in fixed-size arrays: the table is then one value that the
// compiler lays out once, and scanning an address for province names allocates nothing (the
// review normalises every recent order's address, thousands a minute during a sale).
type provinceRow struct {
	name    string
	full    [4]string
	short   [3]string
	english [3]string
}

type provinceTable [34]provinceRow

func provinceRows() provinceTable {
	return provinceTable{
		{"北京市", [4]string{"北京市"}, [3]string{"北京"}, [3]string{"beijing", "peking"}},
		{"天津市", [4]string{"天津市"}, [3]string{"天津"}, [3]string{"tianjin"}},
		{"上海市", [4]string{"上海市"}, [3]string{"上海"}, [3]string{"shanghai"}},
		{"重庆市", [4]string{"重庆市", "重慶市"}, [3]string{"重庆", "重慶"}, [3]string{"chongqing"}},
		{"河北省", [4]string{"河北省"}, [3]string{"河北"}, [3]string{"hebei"}},
		{"山西省", [4]string{"山西省"}, [3]string{"山西"}, [3]string{"shanxi"}},
		{"辽宁省", [4]string{"辽宁省", "遼寧省"}, [3]string{"辽宁", "遼寧"}, [3]string{"liaoning"}},
		{"吉林省", [4]string{"吉林省"}, [3]string{"吉林"}, [3]string{"jilin"}},
		{"黑龙江省", [4]string{"黑龙江省", "黑龍江省"}, [3]string{"黑龙江", "黑龍江"}, [3]string{"heilongjiang"}},
		{"江苏省", [4]string{"江苏省", "江蘇省"}, [3]string{"江苏", "江蘇"}, [3]string{"jiangsu"}},
		{"浙江省", [4]string{"浙江省"}, [3]string{"浙江"}, [3]string{"zhejiang"}},
		{"安徽省", [4]string{"安徽省"}, [3]string{"安徽"}, [3]string{"anhui"}},
		{"福建省", [4]string{"福建省"}, [3]string{"福建"}, [3]string{"fujian"}},
		{"江西省", [4]string{"江西省"}, [3]string{"江西"}, [3]string{"jiangxi"}},
		{"山东省", [4]string{"山东省", "山東省"}, [3]string{"山东", "山東"}, [3]string{"shandong"}},
		{"河南省", [4]string{"河南省"}, [3]string{"河南"}, [3]string{"henan"}},
		{"湖北省", [4]string{"湖北省"}, [3]string{"湖北"}, [3]string{"hubei"}},
		{"湖南省", [4]string{"湖南省"}, [3]string{"湖南"}, [3]string{"hunan"}},
		{"广东省", [4]string{"广东省", "廣東省"}, [3]string{"广东", "廣東"}, [3]string{"guangdong"}},
		{"海南省", [4]string{"海南省"}, [3]string{"海南"}, [3]string{"hainan"}},
		{"四川省", [4]string{"四川省"}, [3]string{"四川"}, [3]string{"sichuan"}},
		{"贵州省", [4]string{"贵州省", "貴州省"}, [3]string{"贵州", "貴州"}, [3]string{"guizhou"}},
		{"云南省", [4]string{"云南省", "雲南省"}, [3]string{"云南", "雲南"}, [3]string{"yunnan"}},
		{"陕西省", [4]string{"陕西省", "陝西省"}, [3]string{"陕西", "陝西"}, [3]string{"shaanxi"}},
		{"甘肃省", [4]string{"甘肃省", "甘肅省"}, [3]string{"甘肃", "甘肅"}, [3]string{"gansu"}},
		{"青海省", [4]string{"青海省"}, [3]string{"青海"}, [3]string{"qinghai"}},
		{"台湾省", [4]string{"台湾省", "台灣省", "臺灣省"}, [3]string{"台湾", "台灣", "臺灣"}, [3]string{"taiwan"}},
		// The regions are also written without their people's name (新疆自治区, 廣西自治區).
		{"内蒙古自治区", [4]string{"内蒙古自治区", "內蒙古自治區"}, [3]string{"内蒙古", "內蒙古"}, [3]string{"inner mongolia", "nei mongol", "neimenggu"}},
		{"广西壮族自治区", [4]string{"广西壮族自治区", "廣西壯族自治區", "广西自治区", "廣西自治區"}, [3]string{"广西", "廣西"}, [3]string{"guangxi"}},
		{"西藏自治区", [4]string{"西藏自治区", "西藏自治區"}, [3]string{"西藏"}, [3]string{"tibet", "xizang"}},
		{"宁夏回族自治区", [4]string{"宁夏回族自治区", "寧夏回族自治區", "宁夏自治区", "寧夏自治區"}, [3]string{"宁夏", "寧夏"}, [3]string{"ningxia"}},
		{"新疆维吾尔自治区", [4]string{"新疆维吾尔自治区", "新疆維吾爾自治區", "新疆自治区", "新疆自治區"}, [3]string{"新疆"}, [3]string{"xinjiang"}},
		{"香港特别行政区", [4]string{"香港特别行政区", "香港特別行政區"}, [3]string{"香港"}, [3]string{"hong kong", "hongkong"}},
		{"澳门特别行政区", [4]string{"澳门特别行政区", "澳門特別行政區"}, [3]string{"澳门", "澳門"}, [3]string{"macau", "macao"}},
	}
}

// provinceInitials are the first characters of every Chinese province name, so that a scan
// skips every other character without looking at the table.
const provinceInitials = "北天上重河山辽遼吉黑江浙安福湖广廣海四贵貴云雲陕陝甘青台臺内內西宁寧新香澳"

// ProvinceOf recognises the province a province field names, in any of its forms, and returns
// its canonical name (廣東 → 广东省, "Guangdong Province" → 广东省).
func ProvinceOf(s string) (string, bool) {
	rows := provinceRows()
	if hits := regionHits(&rows, s, false); len(hits) > 0 {
		return hits[0], true
	}
	return "", false
}

// regionHits returns the canonical names of the provinces s names, in order of appearance,
// each once. In a province field (strict false) every form counts wherever it appears. In the
// other address fields (strict true) a short Chinese name counts only at the start of the
// field, and no name counts when the text after it makes it a street, shop or lower-level
// place (北京路, 河北区, 海南藏族自治州).
func regionHits(rows *provinceTable, s string, strict bool) []string {
	var out []string
	add := func(name string) {
		if !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	norm := NormalizeText(s)
	for i := 0; i < len(norm); {
		alias, name, short := longestAlias(rows, norm[i:])
		if alias == "" {
			_, size := utf8.DecodeRuneInString(norm[i:])
			i += size
			continue
		}
		if !strict || ((!short || i == 0) && !excludedAfter(norm[i+len(alias):], short)) {
			add(name)
		}
		// The name is consumed even when it does not count, so that 浙江西路 is not read as 江西.
		i += len(alias)
	}
	if !hasASCIILetter(s) {
		return out
	}
	words := asciiWords(s)
	for i := 0; i < len(words); {
		n, name := longestEnglish(rows, words[i:])
		if n == 0 {
			i++
			continue
		}
		if !strict || i+n == len(words) || !isEnglishStreetWord(words[i+n]) {
			add(name)
		}
		i += n
	}
	return out
}

func hasASCIILetter(s string) bool {
	for _, r := range s {
		if r = foldWidth(r); (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') {
			return true
		}
	}
	return false
}

// longestAlias returns the longest Chinese province name that starts s, the canonical name of
// its province, and whether it is a short name.
func longestAlias(rows *provinceTable, s string) (alias, name string, short bool) {
	if r, _ := utf8.DecodeRuneInString(s); !strings.ContainsRune(provinceInitials, r) {
		return "", "", false
	}
	for i := range rows {
		row := &rows[i]
		for _, a := range row.full {
			if a != "" && len(a) > len(alias) && strings.HasPrefix(s, a) {
				alias, name, short = a, row.name, false
			}
		}
		for _, a := range row.short {
			if a != "" && len(a) > len(alias) && strings.HasPrefix(s, a) {
				alias, name, short = a, row.name, true
			}
		}
	}
	return alias, name, short
}

// longestEnglish returns how many of words the longest English province name starting them
// spans, and the province's canonical name.
func longestEnglish(rows *provinceTable, words []string) (int, string) {
	best, name := 0, ""
	for i := range rows {
		for _, e := range rows[i].english {
			if e == "" {
				continue
			}
			if n := wordsPrefix(e, words); n > best {
				best, name = n, rows[i].name
			}
		}
	}
	return best, name
}

// wordsPrefix returns how many words the space-separated name spans when words start with it,
// 0 when they do not.
func wordsPrefix(name string, words []string) int {
	n := 0
	for rest := name; rest != ""; n++ {
		var w string
		w, rest, _ = strings.Cut(rest, " ")
		if n >= len(words) || words[n] != w {
			return 0
		}
	}
	return n
}

// asciiWords splits s into lower-case runs of ASCII letters (after folding full-width forms).
func asciiWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(strings.Map(foldWidth, s)), func(r rune) bool {
		return r < 'a' || r > 'z'
	})
}

// excludedAfter says whether the text after a province name makes the name part of something
// else. After a full name only 场 does (北京市场 is a market); after a short name, street,
// building and lower-level place words do too.
func excludedAfter(after string, short bool) bool {
	if strings.HasPrefix(after, "场") || strings.HasPrefix(after, "場") {
		return true
	}
	if !short {
		return false
	}
	for _, w := range streetWords() {
		if strings.HasPrefix(after, w) {
			return true
		}
	}
	return false
}

// streetWords follow a province's short name when the name belongs to a street (北京路,
// 西藏中路), a building or shop (上海大厦, 北京华联), or a lower-level place named after it
// (天津河北区, 青海海南藏族自治州, 河南蒙古族自治县, 乌海海南区).
func streetWords() []string {
	return []string{
		"路", "街", "道", "巷", "弄", "里", "裡", "胡同", "桥", "橋", "村", "城",
		"东路", "東路", "西路", "南路", "北路", "中路", "大道", "大街",
		"广场", "廣場", "大厦", "大廈", "大楼", "大樓", "中心", "花园", "花園", "小区", "小區", "公寓", "新村",
		"酒店", "饭店", "飯店", "宾馆", "賓館", "商城", "商场", "商場", "市场", "市場", "超市", "华联", "華聯",
		"银行", "銀行", "医院", "醫院", "大学", "大學", "学院", "學院", "公司",
		"区", "區", "县", "縣", "州", "旗", "藏族", "蒙古族",
	}
}

func isEnglishStreetWord(w string) bool {
	for _, s := range []string{
		"road", "rd", "street", "st", "avenue", "ave", "lane", "ln", "lu", "jie", "dadao", "alley",
		"plaza", "building", "bldg", "tower", "mansion", "center", "centre", "mall", "market",
		"hotel", "garden", "gardens", "district", "county", "bank", "hospital", "university",
	} {
		if w == s {
			return true
		}
	}
	return false
}
