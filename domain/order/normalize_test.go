package order

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalizeText(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"  Hello, World! ", "helloworld"},
		{"Ａ１ 号，楼", "a1号楼"},
		{"ＡＢＣ\u3000ｄｅｆ", "abcdef"},
		{"广东省 深圳市·南山区", "广东省深圳市南山区"},
		{"3-201室（东门）", "3201室东门"},
		{"¥12.50 #@!", "1250"},
	}
	for _, c := range cases {
		if got := NormalizeText(c.in); got != c.want {
			t.Errorf("NormalizeText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestNormalizePhone(t *testing.T) {
	cases := []struct{ in, want string }{
		{"13800138000", "13800138000"},
		{"+86 138-0013-8000", "13800138000"},
		{"0086 13800138000", "13800138000"},
		{"8613800138000", "13800138000"},
		{"(+86)138 0013 8000", "13800138000"},
		{"１３８００１３８０００", "13800138000"},
		{"0755-12345678", "075512345678"},
		{"+852 9123 4567", "85291234567"},
		// A landline with the country prefix is not a 13-digit mobile: kept whole.
		{"+86 755 1234 5678", "8675512345678"},
		{"17012345678-1234", "170123456781234"},
		{"abc", ""},
		{"", ""},
	}
	for _, c := range cases {
		if got := NormalizePhone(c.in); got != c.want {
			t.Errorf("NormalizePhone(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestMaskPhone(t *testing.T) {
	cases := []struct{ in, want string }{
		{"13812345678", "138****5678"},
		{"+86 138 1234 5678", "138****5678"},
		{"075512345678", "075*****5678"},
		{"91234567", "912*4567"},
		{"1234567", "*****67"},
		{"1234", "**34"},
		{"123", "***"},
		{"", ""},
		{"n/a", ""},
	}
	for _, c := range cases {
		if got := MaskPhone(c.in); got != c.want {
			t.Errorf("MaskPhone(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestPlausiblePhone(t *testing.T) {
	cases := []struct {
		in   string
		want bool
	}{
		{"13800138000", true},
		{"+86 199 0000 1111", true},
		{"17012345678-1234", true}, // platform privacy number with extension
		{"17012345678转1234", true},
		{"0571-88888888", true},
		{"010-12345678", true},
		{"0755-12345678-123", true},
		{"91234567", true}, // Hong Kong
		{"+852 9123 4567", true},
		{"+1 415 555 0100", true},
		{"0044 20 7946 0958", true},
		{"138****5678", true}, // masked by the platform
		{"12345678901", false},
		{"1380013800", false},
		{"12345", false},
		{"1234567", false},
		{"+12345", false},
		{"0123", false},
		{"138001380001", false},
		{"abc", false},
		{"", false},
		{"****", false},
	}
	for _, c := range cases {
		if got := PlausiblePhone(c.in); got != c.want {
			t.Errorf("PlausiblePhone(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestNormalizeAddress(t *testing.T) {
	want := "广东省深圳市南山区科技园1号"
	same := []Address{
		{Province: "广东省", City: "深圳市", District: "南山区", Street: "科技园1号"},
		{Province: "广东", City: "深圳市", District: "南山区", Street: "科技园 1 号"},
		{Province: "廣東省", City: "深圳市", District: "南山区", Street: "科技园1号"},
		{Province: "Guangdong", City: "深圳市", District: "南山区", Street: "科技园1号", Postcode: "518000"},
		// The whole address repeated in the street line, as many platforms send it.
		{Province: "广东省", City: "深圳市", District: "南山区", Street: "广东省深圳市南山区科技园1号"},
		{Province: "广东", City: "深圳市", District: "南山区", Street: "广东 深圳 南山 科技园1号"},
		{Province: "广东省", City: "深圳市", District: "南山区", Street: "廣東省深圳市南山区科技园１号"},
		// Everything in the street line (a blacklist entry typed by a person).
		{Street: "广东深圳市南山区科技园1号"},
		{Street: want},
	}
	for _, a := range same {
		if got := NormalizeAddress(a); got != want {
			t.Errorf("NormalizeAddress(%+v) = %q, want %q", a, got, want)
		}
	}
	cases := []struct {
		a    Address
		want string
	}{
		{Address{}, ""},
		// A street named after a province is not a province.
		{Address{Street: "北京路100号"}, "北京路100号"},
		{Address{Province: "广东省", City: "广州市", District: "越秀区", Street: "北京路100号"}, "广东省广州市越秀区北京路100号"},
		{Address{Province: "上海", City: "上海市", District: "浦东新区", Street: "上海市浦东新区世纪大道100号"}, "上海市上海市浦东新区世纪大道100号"},
		{Address{Province: "Foo", City: "Bar", Street: "Baz 1"}, "foobarbaz1"},
		{Address{City: "上海", Street: "浦东新区1号"}, "上海市浦东新区1号"},
	}
	for _, c := range cases {
		if got := NormalizeAddress(c.a); got != c.want {
			t.Errorf("NormalizeAddress(%+v) = %q, want %q", c.a, got, c.want)
		}
	}
}

func TestProvinces(t *testing.T) {
	provs := Provinces()
	if len(provs) != 34 {
		t.Fatalf("%d provinces, want 34", len(provs))
	}
	owner := map[string]string{}
	for _, p := range provs {
		if p.Name == "" || len(p.Short) == 0 || len(p.English) == 0 || !contains(p.Full, p.Name) {
			t.Errorf("province %+v: name, short names, English names, and Name among Full needed", p)
		}
		for _, a := range append(append([]string{}, p.Full...), p.Short...) {
			if NormalizeText(a) != a {
				t.Errorf("%s: name %q is not normalised", p.Name, a)
			}
			if o, ok := owner[a]; ok && o != p.Name {
				t.Errorf("name %q belongs to %s and %s", a, o, p.Name)
			}
			owner[a] = p.Name
		}
		for _, e := range p.English {
			if e != strings.ToLower(e) || strings.Join(strings.Fields(e), " ") != e {
				t.Errorf("%s: English name %q not lower case with single spaces", p.Name, e)
			}
		}
	}
	for a := range owner {
		if r, _ := utf8.DecodeRuneInString(a); !strings.ContainsRune(provinceInitials, r) {
			t.Errorf("provinceInitials lacks the first character of %q", a)
		}
	}
	// NormalizeAddress is idempotent only if no name extends a canonical name.
	for a := range owner {
		for _, p := range provs {
			if a != p.Name && strings.HasPrefix(a, p.Name) {
				t.Errorf("name %q extends the canonical name %q", a, p.Name)
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestProvinceOf(t *testing.T) {
	cases := []struct {
		in, want string
	}{
		{"广东", "广东省"},
		{"广东省", "广东省"},
		{"廣東省", "广东省"},
		{"Guangdong Province", "广东省"},
		{"ＧＵＡＮＧＤＯＮＧ", "广东省"},
		{"上海", "上海市"},
		{"重慶市", "重庆市"},
		{"內蒙古自治區", "内蒙古自治区"},
		{"Inner Mongolia", "内蒙古自治区"},
		{"新疆", "新疆维吾尔自治区"},
		{"广西自治区", "广西壮族自治区"},
		{"臺灣", "台湾省"},
		{"Hong Kong SAR", "香港特别行政区"},
		{"Macao", "澳门特别行政区"},
		{"Shaanxi", "陕西省"},
		{"Shanxi", "山西省"},
		{"", ""},
		{"火星", ""},
		{"Guangdongg", ""},
	}
	for _, c := range cases {
		got, ok := ProvinceOf(c.in)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("ProvinceOf(%q) = %q, %v; want %q", c.in, got, ok, c.want)
		}
	}
}

func FuzzNormalizePhone(f *testing.F) {
	for _, s := range []string{"+86 138-0013-8000", "0086 13800138000", "8613800138000", "１３８", "0755-12345678", "138****5678", "", "+", "00861"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once := NormalizePhone(s)
		if twice := NormalizePhone(once); twice != once {
			t.Fatalf("NormalizePhone(%q) = %q, again %q", s, once, twice)
		}
		for _, r := range once {
			if r < '0' || r > '9' {
				t.Fatalf("NormalizePhone(%q) = %q: not digits only", s, once)
			}
		}
		if m := MaskPhone(s); len(m) != len(once) || MaskPhone(once) != m {
			t.Fatalf("MaskPhone(%q) = %q for digits %q", s, m, once)
		}
		if PlausiblePhone(s) && once == "" {
			t.Fatalf("PlausiblePhone(%q) without digits", s)
		}
	})
}

func FuzzNormalizeAddress(f *testing.F) {
	f.Add("广东", "深圳市", "南山区", "广东省深圳市南山区科技园1号")
	f.Add("", "", "", "北京路100号")
	f.Add("Guangdong", "Shenzhen", "Nanshan", "1 Keji Road")
	f.Add("", "广东", "", "x")
	f.Add("广", "东莞市", "", "")
	f.Add("", "", "", "内蒙古自治區1号")
	f.Add("新疆维吾尔", "", "", "")
	f.Add("Ｉ̇", "ǅ", "", "\xff")
	f.Fuzz(func(t *testing.T, province, city, district, street string) {
		once := NormalizeAddress(Address{Province: province, City: city, District: district, Street: street})
		if !utf8.ValidString(once) {
			t.Fatalf("invalid UTF-8 %q", once)
		}
		if NormalizeText(once) != once {
			t.Fatalf("NormalizeAddress = %q, not normalised text (%q)", once, NormalizeText(once))
		}
		if twice := NormalizeAddress(Address{Street: once}); twice != once {
			t.Fatalf("NormalizeAddress = %q, again %q", once, twice)
		}
		if twice := NormalizeText(NormalizeText(street)); twice != NormalizeText(street) {
			t.Fatalf("NormalizeText(%q) not idempotent", street)
		}
	})
}

// The fuzzer rarely writes Chinese place names; this builds addresses from province names,
// the words that follow them in streets, and suffixes, and holds NormalizeAddress to its
// idempotence on every combination of three.
func TestNormalizeAddressIdempotentOnPlaceNames(t *testing.T) {
	pieces := []string{"", "x", "1号", "市", "省", "区", "场", "自治区", "自治區", "特别行政区", "维吾尔", "壮族"}
	for _, p := range Provinces() {
		switch p.Name {
		case "广东省", "上海市", "内蒙古自治区", "新疆维吾尔自治区", "广西壮族自治区", "江西省", "浙江省", "香港特别行政区", "台湾省":
			pieces = append(pieces, p.Full...)
			pieces = append(pieces, p.Short...)
		}
	}
	pieces = append(pieces, streetWords()[:12]...)
	check := func(addr Address) {
		once := NormalizeAddress(addr)
		if twice := NormalizeAddress(Address{Street: once}); twice != once {
			t.Fatalf("NormalizeAddress(%+v) = %q, again %q", addr, once, twice)
		}
	}
	for _, a := range pieces {
		for _, b := range pieces {
			for _, c := range pieces {
				check(Address{Street: a + b + c})
			}
			for _, c := range []string{"", "x", "路1号", "场"} {
				check(Address{Province: a, City: b, Street: c})
				check(Address{City: a, District: b, Street: c})
			}
		}
	}
}
