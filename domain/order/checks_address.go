package order

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// incompleteAddress holds an order the courier cannot deliver: a missing province, city,
// district or street, or a street too short to find (SPEC 待聯繫 / 信息不完整).
func incompleteAddress() Check {
	return define(CheckIncompleteAddress, SeverityHold,
		[]Param{
			// The shortest real street detail is a road and a number, 人民路8号: 5 characters.
			// Shorter ones (家里, 公司, 门口) give the courier nothing to find.
			{Name: "min_street", Kind: KindInt, Default: "5"},
			// Most mainland addresses have a district or county; a store shipping to cities
			// without one (东莞, 中山, 儋州) or abroad can turn this off.
			{Name: "require_district", Kind: KindBool, Default: "true"},
		},
		[]FlagKey{
			key(CheckIncompleteAddress, ".province"), key(CheckIncompleteAddress, ".city"),
			key(CheckIncompleteAddress, ".district"), key(CheckIncompleteAddress, ".street"),
			key(CheckIncompleteAddress, ".street_short", "length", "min"),
		},
		func(c checkRun) []Flag {
			a := c.o.Address
			var out []Flag
			if NormalizeText(a.Province) == "" {
				out = append(out, c.flag(".province"))
			}
			if NormalizeText(a.City) == "" {
				out = append(out, c.flag(".city"))
			}
			if c.bool("require_district") && NormalizeText(a.District) == "" {
				out = append(out, c.flag(".district"))
			}
			if NormalizeText(a.Street) == "" {
				return append(out, c.flag(".street"))
			}
			// The length counts what the street adds to province, city and district, without
			// spaces and punctuation: "广东省深圳市南山区 1号" says only "1号".
			rows := provinceRows()
			_, _, _, street := addressParts(&rows, a)
			if n, lo := utf8.RuneCountInString(street), c.int("min_street"); n < lo {
				out = append(out, c.flag(".street_short", strconv.Itoa(n), strconv.Itoa(lo)))
			}
			return out
		})
}

// missingContact holds an order whose buyer cannot be reached: no name, no phone, or a phone
// that cannot be a number (PlausiblePhone).
func missingContact() Check {
	return define(CheckMissingContact, SeverityHold, nil,
		[]FlagKey{
			key(CheckMissingContact, ".name"), key(CheckMissingContact, ".phone"),
			key(CheckMissingContact, ".phone_invalid", "phone"),
		},
		func(c checkRun) []Flag {
			var out []Flag
			if NormalizeText(c.o.Buyer.Name) == "" {
				out = append(out, c.flag(".name"))
			}
			switch phone := c.o.Buyer.Phone; {
			case NormalizePhone(phone) == "":
				out = append(out, c.flag(".phone"))
			case !PlausiblePhone(phone):
				// Masked: the flag is shown in the team channel.
				out = append(out, c.flag(".phone_invalid", MaskPhone(phone)))
			}
			return out
		})
}

// conflictingRegion holds an order whose address names two provinces: the province field and
// a different one in the city, district or street, or two different ones when the province
// field names none. Such a parcel goes to the wrong end of the country or nowhere.
//
// Short names (上海, 北京) count only at the start of a field, and not when they name a street,
// shop or lower-level place there (北京路, 上海大厦, 天津河北区): Chinese cities name streets
// after provinces, and holding every order to 北京路 in Guangzhou would teach people to ignore
// the flag.
func conflictingRegion() Check {
	return define(CheckConflictingRegion, SeverityHold, nil,
		[]FlagKey{
			key(CheckConflictingRegion, "", "province", "named"),
			key(CheckConflictingRegion, ".two", "first", "second"),
		},
		func(c checkRun) []Flag {
			rows := provinceRows()
			given, named := regionsOf(&rows, c.o.Address)
			if len(given) == 0 {
				if len(named) >= 2 {
					return []Flag{c.flag(".two", named[0], named[1])}
				}
				return nil
			}
			var out []Flag
			seen := []string{given[0]}
			for _, p := range append(given[1:], named...) {
				if !slices.Contains(seen, p) {
					seen = append(seen, p)
					out = append(out, c.flag("", given[0], p))
				}
			}
			return out
		})
}

// regionsOf returns the provinces the province field names and those the city, district and
// street name (see regionHits), by canonical name.
func regionsOf(rows *provinceTable, a Address) (given, named []string) {
	given = regionHits(rows, a.Province, false)
	for _, field := range []string{a.City, a.District, a.Street} {
		for _, p := range regionHits(rows, field, true) {
			if !slices.Contains(named, p) {
				named = append(named, p)
			}
		}
	}
	return given, named
}

// exactProvince returns the canonical name when s is a province's name in one of its forms
// (新疆, 新疆維吾爾自治區, Xinjiang) and nothing else.
func exactProvince(rows *provinceTable, s string) (string, bool) {
	norm := NormalizeText(s)
	if alias, name, _ := longestAlias(rows, norm); alias != "" && alias == norm {
		return name, true
	}
	words := asciiWords(s)
	if n, name := longestEnglish(rows, words); n > 0 && n == len(words) && strings.Join(words, "") == norm {
		return name, true
	}
	return "", false
}

// remoteKeywords alerts on addresses in areas the store's carriers do not reach or charge
// extra for. The order goes on (the buyer may have paid the surcharge, or the store ships by
// post); the flag tells the warehouse to choose the carrier.
//
// A keyword that is a province's name matches the provinces the address names (in any form,
// as conflicting_region reads them), not the text: 香港中路 in Qingdao and 西藏中路 in Shanghai
// are not remote. Any other keyword (阿里地区, 三沙, 舟山) matches the normalised address text.
func remoteKeywords() Check {
	return define(CheckRemoteKeywords, SeverityAlert,
		[]Param{
			// The regions Chinese stores exclude from free shipping (偏远地区: 新疆, 西藏, 青海,
			// 内蒙古, 宁夏, 甘肃) and those domestic couriers cannot reach without customs
			// (港澳台). Hainan is reached by most couriers and is left out.
			{Name: "keywords", Kind: KindList, Default: "新疆,西藏,青海,内蒙古,宁夏,甘肃,香港,澳门,台湾"},
		},
		[]FlagKey{key(CheckRemoteKeywords, "", "keywords")},
		func(c checkRun) []Flag {
			rows := provinceRows()
			given, named := regionsOf(&rows, c.o.Address)
			addr := NormalizeAddress(c.o.Address)
			var hits []string
			for _, k := range c.list("keywords") {
				var hit bool
				if p, ok := exactProvince(&rows, k); ok {
					hit = slices.Contains(given, p) || slices.Contains(named, p)
				} else if nk := NormalizeText(k); nk != "" {
					hit = strings.Contains(addr, nk)
				}
				if hit && !slices.Contains(hits, k) {
					hits = append(hits, k)
				}
			}
			if len(hits) > 0 {
				return []Flag{c.flag("", strings.Join(hits, ", "))}
			}
			return nil
		})
}
