package complaint

import (
	"slices"
	"strings"
	"testing"
)

func TestInputNamesEveryBadField(t *testing.T) {
	ok := Input{Store: "tm01", Customer: "Wang", Order: "P-1", Category: " Logistics ", Severity: "HIGH", Description: "Crushed", Demand: "A new one"}
	c, problems := ok.parse(Categories())
	if len(problems) > 0 || c.StoreCode != "TM01" || c.Category != CategoryLogistics || c.Severity != SeverityHigh || c.OrderRef != "P-1" {
		t.Fatalf("a good input: %+v %v", c, problems)
	}
	long := strings.Repeat("字", MaxText+1)
	cases := []struct {
		name   string
		edit   func(*Input)
		fields []string
	}{
		{"nothing", func(in *Input) { *in = Input{} }, []string{FieldStore, FieldCustomer, FieldDescription, FieldDemand, FieldCategory, FieldSeverity}},
		{"unknown category", func(in *Input) { in.Category = "parcel" }, []string{FieldCategory}},
		{"unknown severity", func(in *Input) { in.Severity = "urgent" }, []string{FieldSeverity}},
		{"long texts", func(in *Input) { in.Description, in.Demand = long, long }, []string{FieldDescription, FieldDemand}},
		{"long customer", func(in *Input) { in.Customer = strings.Repeat("x", MaxCustomer+1) }, []string{FieldCustomer}},
		{"blank order is fine", func(in *Input) { in.Order = "  " }, nil},
	}
	for _, tc := range cases {
		in := ok
		tc.edit(&in)
		_, problems := in.parse(Categories())
		var fields []string
		for _, p := range problems {
			fields = append(fields, p.Field)
		}
		if !slices.Equal(fields, tc.fields) {
			t.Errorf("%s: problems in %v, want %v", tc.name, fields, tc.fields)
		}
	}
	// A routed category is a category.
	in := ok
	in.Category = "物流部"
	if _, problems := in.parse(append(Categories(), "物流部")); len(problems) > 0 {
		t.Errorf("a configured category was refused: %v", problems)
	}
}

func TestParseIDAndRating(t *testing.T) {
	for in, want := range map[string]int64{"12": 12, "#12": 12, " #7 ": 7} {
		if got, err := ParseID(in); err != nil || got != want {
			t.Errorf("ParseID(%q) = %d, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "#", "0", "-3", "abc", "#1x"} {
		if _, err := ParseID(in); err == nil {
			t.Errorf("ParseID(%q) accepted", in)
		}
	}
	for _, in := range []string{"0", "6", "4.5", "", "five"} {
		if _, err := ParseRating(in); err == nil {
			t.Errorf("ParseRating(%q) accepted", in)
		}
	}
	if n, err := ParseRating(" 5 "); err != nil || n != 5 {
		t.Errorf("ParseRating(5) = %d, %v", n, err)
	}
	for _, c := range []string{"logistics", "物流部", "after-sales_2"} {
		if !ValidCategory(c) {
			t.Errorf("ValidCategory(%q) = false", c)
		}
	}
	for _, c := range []string{"", "-x", "a b", "<!channel>", strings.Repeat("a", MaxCategory+1)} {
		if ValidCategory(c) {
			t.Errorf("ValidCategory(%q) = true", c)
		}
	}
}
