package listing

import (
	"fmt"
	"strings"
	"testing"

	"storeops/domain"
)

func validInput() Input {
	return Input{Store: "tm01", SKU: "MUG-RED-01", Title: "Red ceramic mug", Category: "Kitchen/Mugs",
		Keywords: "mug, ceramic，red", Price: "39.90", Stock: "120",
		Images: "https://img.example.com/mug1.jpg\nhttps://img.example.com/mug2.jpg", Description: "A 350 ml red ceramic mug, dishwasher safe."}
}

func TestParseValid(t *testing.T) {
	l, problems := validInput().Parse()
	if len(problems) > 0 {
		t.Fatalf("valid input has problems: %+v", problems)
	}
	if l.StoreCode != "TM01" || l.Price != 3990 || l.Stock != 120 || len(l.Images) != 2 || len(l.Keywords) != 3 {
		t.Errorf("parsed = %+v", l)
	}
}

func TestParseNamesEveryProblem(t *testing.T) {
	cases := []struct {
		field, value, key string
	}{
		{FieldStore, "", "listing.field.required"},
		{FieldSKU, "bad sku!", "listing.sku.invalid"},
		{FieldTitle, strings.Repeat("长", MaxTitle+1), "listing.text.too_long"},
		{FieldCategory, " ", "listing.field.required"},
		{FieldKeywords, "a,b,c,d,e,f,g,h,i,j,k", "listing.keywords.too_many"},
		{FieldKeywords, strings.Repeat("x", MaxKeyword+1), "listing.keywords.too_long"},
		{FieldPrice, "12.345", "listing.price.invalid"},
		{FieldPrice, "0", "listing.price.range"},
		{FieldPrice, "-5", "listing.price.range"},
		{FieldStock, "-1", "listing.stock.invalid"},
		{FieldStock, "ten", "listing.stock.invalid"},
		{FieldImages, "ftp://x/y.jpg", "listing.images.invalid"},
		{FieldImages, "not a url", "listing.images.invalid"},
		{FieldDescription, "short", "listing.description.too_short"},
	}
	for _, c := range cases {
		in := validInput()
		in.Set(c.field, c.value)
		_, problems := in.Parse()
		if len(problems) != 1 || problems[0].Field != c.field || problems[0].Key != c.key {
			t.Errorf("%s=%q: problems %+v, want one %s on %s", c.field, c.value, problems, c.key, c.field)
		}
	}
	_, problems := Input{}.Parse()
	// Every field but the floor price, the one optional field.
	if len(problems) != len(Fields())-1 {
		t.Errorf("empty input: %d problems, want one per required field (%d)", len(problems), len(Fields())-1)
	}
	for _, p := range problems {
		if p.Field == FieldFloorPrice {
			t.Errorf("empty floor price is a problem: %+v", p)
		}
	}
}

func TestParseFloorPrice(t *testing.T) {
	cases := []struct {
		floor, price string
		want         domain.Money
		key          string // the one problem on floor_price, "" for none
		args         []any
	}{
		{floor: "", price: "39.90", want: 0},
		{floor: "  ", price: "39.90", want: 0},
		{floor: "12.50", price: "39.90", want: 1250},
		{floor: "39.90", price: "39.90", want: 3990}, // a floor equal to the price is allowed
		{floor: "12.345", price: "39.90", key: "listing.floor_price.invalid", args: []any{"12.345"}},
		{floor: "abc", price: "39.90", key: "listing.floor_price.invalid", args: []any{"abc"}},
		{floor: "0", price: "39.90", key: "listing.floor_price.range", args: []any{MaxPrice.String()}},
		{floor: "-1", price: "39.90", key: "listing.floor_price.range", args: []any{MaxPrice.String()}},
		{floor: "40", price: "39.90", key: "listing.floor_price.above_price", args: []any{"40.00", "39.90"}},
	}
	for _, c := range cases {
		in := validInput()
		in.FloorPrice, in.Price = c.floor, c.price
		l, problems := in.Parse()
		if c.key == "" {
			if len(problems) > 0 || l.FloorPrice != c.want {
				t.Errorf("floor %q: floor %v problems %+v, want %v and none", c.floor, l.FloorPrice, problems, c.want)
			}
			continue
		}
		if len(problems) != 1 || problems[0].Field != FieldFloorPrice || problems[0].Key != c.key ||
			fmt.Sprint(problems[0].Args) != fmt.Sprint(c.args) {
			t.Errorf("floor %q price %q: problems %+v, want one %s %v on floor_price", c.floor, c.price, problems, c.key, c.args)
		}
	}
	// A price that does not read has its own problem; the floor is not compared with it.
	in := validInput()
	in.FloorPrice, in.Price = "50", "abc"
	if _, problems := in.Parse(); len(problems) != 1 || problems[0].Field != FieldPrice {
		t.Errorf("bad price with a floor: %+v, want only the price's problem", problems)
	}
}

func TestInputRoundTrip(t *testing.T) {
	l, _ := validInput().Parse()
	if in := InputOf(l); in.FloorPrice != "" {
		t.Errorf("no floor shows as %q, want empty", in.FloorPrice)
	}
	again, problems := InputOf(l).Parse()
	if len(problems) > 0 || again.Price != l.Price || again.FloorPrice != 0 || strings.Join(again.Images, " ") != strings.Join(l.Images, " ") {
		t.Errorf("InputOf does not round-trip: %+v %+v", again, problems)
	}
	l.FloorPrice = 1250
	if in := InputOf(l); in.FloorPrice != "12.50" || in.Get(FieldFloorPrice) != "12.50" {
		t.Errorf("floor 12.50 shows as %q", in.FloorPrice)
	}
	if again, problems := InputOf(l).Parse(); len(problems) > 0 || again.FloorPrice != 1250 {
		t.Errorf("floor does not round-trip: %v %+v", again.FloorPrice, problems)
	}
}

func TestStateMachine(t *testing.T) {
	allowed := map[[2]Status]bool{
		{StatusDraft, StatusPendingReview}:       true,
		{StatusDelisted, StatusPendingReview}:    true,
		{StatusPendingReview, StatusLive}:        true,
		{StatusPendingReview, StatusDraft}:       true,
		{StatusLive, StatusPendingDelisting}:     true,
		{StatusPendingDelisting, StatusDelisted}: true,
		{StatusPendingDelisting, StatusLive}:     true,
	}
	for _, from := range Statuses() {
		for _, to := range Statuses() {
			if got := canMove(from, to); got != allowed[[2]Status{from, to}] {
				t.Errorf("canMove(%s, %s) = %v", from, to, got)
			}
		}
	}
}

func TestMajorPriceChange(t *testing.T) {
	s := NewService(Deps{Settings: Settings{PriceChangePct: 20}})
	cases := []struct {
		old, next domain.Money
		major     bool
	}{
		{10000, 12000, false}, // exactly 20 % is within the threshold
		{10000, 12001, true},
		{10000, 8000, false},
		{10000, 7999, true},
		{0, 100, true},
	}
	for _, c := range cases {
		if got := s.IsMajorPriceChange(c.old, c.next); got != c.major {
			t.Errorf("IsMajorPriceChange(%v → %v) = %v", c.old, c.next, got)
		}
	}
}
