package bot

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTokenize(t *testing.T) {
	cases := []struct {
		in   string
		want Args
	}{
		{"listing show SKU-1", Args{"listing", "show", "SKU-1"}},
		{"  role   <@U123|alice>  supervisor ", Args{"role", "<@U123|alice>", "supervisor"}},
		{`listing update SKU-1 title="Red mug, large" price=12.50`, Args{"listing", "update", "SKU-1", "title=Red mug, large", "price=12.50"}},
		{"listing delist SKU-1 “不再 生产”", Args{"listing", "delist", "SKU-1", "不再 生产"}},
		{"a 「b c」\u3000d", Args{"a", "b c", "d"}},
		{`say "unterminated text`, Args{"say", "unterminated text"}},
		{`empty ""`, Args{"empty", ""}},
		{"", nil},
	}
	for _, c := range cases {
		if got := Tokenize(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Tokenize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestParseUser(t *testing.T) {
	cases := map[string]string{
		"<@U123ABC|alice>": "U123ABC",
		"<@U123ABC>":       "U123ABC",
		"W0ENTERPRISE1":    "W0ENTERPRISE1",
		"U07":              "U07",
		"@alice":           "",
		"<@alice>":         "",
		"<#C123|general>":  "",
	}
	for in, want := range cases {
		got, ok := ParseUser(in)
		if got != want || ok != (want != "") {
			t.Errorf("ParseUser(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	if id, ok := ParseChannel("<#C123ABC|general>"); !ok || id != "C123ABC" {
		t.Errorf("ParseChannel escaped = %q %v", id, ok)
	}
}

func TestPairs(t *testing.T) {
	pairs, rest := Tokenize(`SKU-1 Price=12 title：新标题 stock=`).Pairs()
	want := map[string]string{"price": "12", "title": "新标题", "stock": ""}
	if !reflect.DeepEqual(pairs, want) || !reflect.DeepEqual(rest, []string{"SKU-1"}) {
		t.Errorf("Pairs = %q %q", pairs, rest)
	}
}

// FuzzTokenize checks that no input makes the parser panic or invent text: every word it
// returns is valid UTF-8 and made of characters from the input.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"listing update SKU title=\"a b\"", "<@U1|x> “q”", "「", "\"", "a=b=c", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		words := Tokenize(s)
		for _, w := range words {
			if !utf8.ValidString(w) {
				t.Fatalf("word %q is not valid UTF-8", w)
			}
			for _, r := range w {
				if !strings.ContainsRune(s, r) {
					t.Fatalf("word %q has %q, which is not in the input %q", w, r, s)
				}
			}
		}
		pairs, rest := words.Pairs()
		if len(rest)+len(pairs) > len(words) {
			t.Fatalf("Pairs returned more than it was given")
		}
		for _, w := range words {
			ParseUser(w)
			ParseChannel(w)
		}
	})
}
