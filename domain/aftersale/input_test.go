package aftersale

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"storeops/domain/order"
)

func TestParseItems(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []Line
		key  string
	}{
		{"", nil, ""},
		{"MUG-1×2", []Line{{"MUG-1", 2}}, ""},
		{"MUG-1 x 2, CUP-3*1", []Line{{"MUG-1", 2}, {"CUP-3", 1}}, ""},
		{"MUG-1X2；CUP-3\nBOX-1", []Line{{"MUG-1", 2}, {"CUP-3", 1}, {"BOX-1", 1}}, ""},
		{"BOX-1×3", []Line{{"BOX-1", 3}}, ""},
		{"MUG-1×0", nil, "aftersale.items.invalid"},
		{"MUG-1×-2", nil, "aftersale.items.invalid"},
		{"×2", nil, "aftersale.items.invalid"},
		{"red mug×2", nil, "aftersale.items.invalid"},
		{"MUG-1×2, mug-1×1", nil, "aftersale.items.twice"},
		{"MUG-1×99999999999", nil, "aftersale.items.invalid"},
	} {
		got, p := ParseItems(tc.in)
		key := ""
		if p != nil {
			key = p.Key
		}
		if key != tc.key || (tc.key == "" && !reflect.DeepEqual(got, tc.want)) {
			t.Errorf("ParseItems(%q) = %v, %v; want %v, %q", tc.in, got, p, tc.want, tc.key)
		}
	}
}

// FuzzParseItems checks that whatever is typed, the parser either refuses it with a problem
// or returns lines a case can hold: non-empty SKUs without spaces, positive quantities, no
// SKU twice, and the lines survive being written out and read again.
func FuzzParseItems(f *testing.F) {
	for _, s := range []string{"MUG-1×2", "MUG-1 x 2, CUP-3*1", "BOX-1", "a×1，b×2；c\nd", "×", "x×x", "MUG-1×0", "\xff×1", strings.Repeat("A×1,", 120)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		lines, p := ParseItems(s)
		if p != nil {
			if p.Key == "" {
				t.Fatalf("problem without a key for %q", s)
			}
			return
		}
		seen := map[string]bool{}
		for _, l := range lines {
			if l.SKU == "" || strings.ContainsAny(l.SKU, " \t,\n") || l.Quantity < 1 || utf8.RuneCountInString(l.SKU) > maxSKUInItems {
				t.Fatalf("ParseItems(%q) gave %+v", s, l)
			}
			if seen[strings.ToUpper(l.SKU)] {
				t.Fatalf("ParseItems(%q) gave %s twice", s, l.SKU)
			}
			seen[strings.ToUpper(l.SKU)] = true
		}
		again, p := ParseItems(itemsText(lines))
		if p != nil || !reflect.DeepEqual(again, lines) && len(lines) > 0 {
			t.Fatalf("round trip of %q: %v → %q → %v %v", s, lines, itemsText(lines), again, p)
		}
	})
}

// FuzzParseEvidence checks that accepted evidence is at most MaxEvidence http(s) links.
func FuzzParseEvidence(f *testing.F) {
	for _, s := range []string{"https://img.example.com/a.jpg", "http://x/1 http://x/2", "ftp://x", "javascript:alert(1)", "https://u:p@x/", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		urls, p := ParseEvidence(s)
		if p != nil {
			return
		}
		if len(urls) > MaxEvidence {
			t.Fatalf("%d links accepted", len(urls))
		}
		for _, u := range urls {
			if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
				t.Fatalf("ParseEvidence(%q) accepted %q", s, u)
			}
		}
	})
}

func TestInputParseAgainstTheOrder(t *testing.T) {
	o := order.Order{ID: 3, StoreCode: "TM01", PlatformOrderID: "P-1", Items: []order.Item{{SKU: "MUG-1", Quantity: 2}},
		Amounts: order.Amounts{Paid: 12990}}
	ok := Input{Type: "return", Items: "mug-1×1", Amount: "64.95", Reason: "broken", Evidence: "https://img.example.com/1.jpg"}
	c, problems := ok.Parse(o)
	if len(problems) > 0 || c.Amount != 6495 || c.OrderRef != "TM01/P-1" || len(c.Evidence) != 1 {
		t.Fatalf("valid input: %+v %v", c, problems)
	}
	fields := func(in Input) []string {
		_, ps := in.Parse(o)
		var out []string
		for _, p := range ps {
			out = append(out, p.Field+":"+p.Key)
		}
		return out
	}
	for _, tc := range []struct {
		in   Input
		want []string
	}{
		{Input{Type: "swap", Items: "MUG-1", Amount: "1", Reason: "x"}, []string{FieldType + ":aftersale.type.invalid"}},
		{Input{Type: "return", Items: "CUP-1", Amount: "1", Reason: "x"}, []string{FieldItems + ":aftersale.items.not_in_order"}},
		{Input{Type: "return", Items: "MUG-1×3", Amount: "1", Reason: "x"}, []string{FieldItems + ":aftersale.items.too_many"}},
		{Input{Type: "exchange", Items: "", Amount: "", Reason: "x"}, []string{FieldItems + ":aftersale.items.required"}},
		{Input{Type: "refund_only", Items: "", Amount: "0", Reason: "x"}, []string{FieldAmount + ":aftersale.amount.required"}},
		{Input{Type: "refund_only", Items: "", Amount: "-5", Reason: ""}, []string{FieldAmount + ":aftersale.amount.invalid", FieldReason + ":aftersale.reason.required"}},
		{Input{Type: "reissue", Items: "MUG-1", Amount: "", Reason: "x", Evidence: "ftp://x"}, []string{FieldEvidence + ":aftersale.evidence.invalid"}},
		{Input{Type: "reissue", Items: "MUG-1", Amount: "", Reason: "x", Evidence: strings.Repeat("https://x/1 ", 10)}, []string{FieldEvidence + ":aftersale.evidence.too_many"}},
	} {
		if got := fields(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%+v: problems %v, want %v", tc.in, got, tc.want)
		}
	}
}
