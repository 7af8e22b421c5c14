package domain

import "testing"

func TestParseMoney(t *testing.T) {
	good := map[string]Money{"12": 1200, "12.5": 1250, "12.50": 1250, "¥1,299.00": 129900, "0.01": 1, "-3.20": -320, " 7 ": 700}
	for in, want := range good {
		got, err := ParseMoney(in)
		if err != nil || got != want {
			t.Errorf("ParseMoney(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "abc", "1.234", "1.", ".5", "1e3", "12,34.5x", "99999999999999"} {
		if _, err := ParseMoney(in); err == nil {
			t.Errorf("ParseMoney(%q) accepted", in)
		}
	}
	if s := Money(129900).String(); s != "1299.00" {
		t.Errorf("String = %s", s)
	}
	if s := Money(-5).String(); s != "-0.05" {
		t.Errorf("String = %s", s)
	}
}

func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"12.50", "¥1,000", "-0.01", "1.2.3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMoney(s)
		if err != nil {
			return
		}
		back, err := ParseMoney(m.String())
		if err != nil || back != m {
			t.Fatalf("%q parsed to %v, which does not round-trip (%v, %v)", s, m, back, err)
		}
	})
}
