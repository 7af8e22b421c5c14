package listing

import (
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
	if len(problems) != len(Fields()) {
		t.Errorf("empty input: %d problems, want one per field (%d)", len(problems), len(Fields()))
	}
}

func TestInputRoundTrip(t *testing.T) {
	l, _ := validInput().Parse()
	again, problems := InputOf(l).Parse()
	if len(problems) > 0 || again.Price != l.Price || strings.Join(again.Images, " ") != strings.Join(l.Images, " ") {
		t.Errorf("InputOf does not round-trip: %+v %+v", again, problems)
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
