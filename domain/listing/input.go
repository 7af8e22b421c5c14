package listing

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"storeops/domain"
)

// Limits of the completeness and validity check. They follow the strictest of the big
// platforms so that a listing approved here is accepted everywhere.
const (
	MaxTitle       = 60
	MaxCategory    = 50
	MaxKeywords    = 10
	MaxKeyword     = 20
	MaxImages      = 9
	MinDescription = 10
	MaxDescription = 5000
	MaxStock       = 10_000_000
	MaxPrice       = domain.Money(10_000_000_00)
)

// Field names of a listing, as used in forms, in `field=value` updates and in problems.
const (
	FieldStore       = "store"
	FieldSKU         = "sku"
	FieldTitle       = "title"
	FieldCategory    = "category"
	FieldKeywords    = "keywords"
	FieldPrice       = "price"
	FieldFloorPrice  = "floor_price"
	FieldStock       = "stock"
	FieldImages      = "images"
	FieldDescription = "description"
)

// Fields lists the fields in form order.
func Fields() []string {
	return []string{FieldStore, FieldSKU, FieldTitle, FieldCategory, FieldKeywords, FieldPrice, FieldFloorPrice, FieldStock, FieldImages, FieldDescription}
}

// Input is a listing as a person typed it; Parse checks it. FloorPrice may be empty (no
// floor).
type Input struct {
	Store, SKU, Title, Category, Keywords, Price, FloorPrice, Stock, Images, Description string
}

// Get returns a field's raw value by name.
func (in Input) Get(field string) string {
	switch field {
	case FieldStore:
		return in.Store
	case FieldSKU:
		return in.SKU
	case FieldTitle:
		return in.Title
	case FieldCategory:
		return in.Category
	case FieldKeywords:
		return in.Keywords
	case FieldPrice:
		return in.Price
	case FieldFloorPrice:
		return in.FloorPrice
	case FieldStock:
		return in.Stock
	case FieldImages:
		return in.Images
	case FieldDescription:
		return in.Description
	}
	return ""
}

// Set changes a field's raw value by name; unknown names are ignored.
func (in *Input) Set(field, v string) {
	switch field {
	case FieldStore:
		in.Store = v
	case FieldSKU:
		in.SKU = v
	case FieldTitle:
		in.Title = v
	case FieldCategory:
		in.Category = v
	case FieldKeywords:
		in.Keywords = v
	case FieldPrice:
		in.Price = v
	case FieldFloorPrice:
		in.FloorPrice = v
	case FieldStock:
		in.Stock = v
	case FieldImages:
		in.Images = v
	case FieldDescription:
		in.Description = v
	}
}

// InputOf turns a listing back into what a form shows, for editing. No floor price shows
// as an empty field, which is also how one is removed.
func InputOf(l Listing) Input {
	in := Input{Store: l.StoreCode, SKU: l.SKU, Title: l.Title, Category: l.Category,
		Keywords: strings.Join(l.Keywords, ", "), Price: l.Price.String(), Stock: strconv.Itoa(l.Stock),
		Images: strings.Join(l.Images, "\n"), Description: l.Description}
	if l.FloorPrice > 0 {
		in.FloorPrice = l.FloorPrice.String()
	}
	return in
}

// Parse runs the completeness and validity check and returns the listing fields it could read
// and every problem found, each naming its field.
func (in Input) Parse() (Listing, []domain.Problem) {
	var l Listing
	var problems []domain.Problem
	bad := map[string]bool{}
	for _, f := range Fields() {
		if err := applyField(&l, f, in.Get(f)); err != nil {
			problems = append(problems, *err)
			bad[f] = true
		}
	}
	// Compared only when both read well: a price that did not parse has its own problem.
	if !bad[FieldPrice] && !bad[FieldFloorPrice] {
		if p := checkFloor(l.FloorPrice, l.Price); p != nil {
			problems = append(problems, *p)
		}
	}
	return l, problems
}

// checkFloor is the rule between the two prices: a floor above the price would hold every
// order of the listing for review.
func checkFloor(floor, price domain.Money) *domain.Problem {
	if floor > price {
		return &domain.Problem{Field: FieldFloorPrice, Key: "listing.floor_price.above_price", Args: []any{floor.String(), price.String()}}
	}
	return nil
}

var skuPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// applyField checks one field's text and sets it on l.
func applyField(l *Listing, field, raw string) *domain.Problem {
	v := strings.TrimSpace(raw)
	problem := func(key string, args ...any) *domain.Problem {
		return &domain.Problem{Field: field, Key: key, Args: args}
	}
	if v == "" {
		if field == FieldFloorPrice {
			// The one optional field: empty is no floor (and, in an update, removes it).
			l.FloorPrice = 0
			return nil
		}
		return problem("listing.field.required")
	}
	switch field {
	case FieldStore:
		l.StoreCode = strings.ToUpper(v)
	case FieldSKU:
		if !skuPattern.MatchString(v) {
			return problem("listing.sku.invalid")
		}
		l.SKU = v
	case FieldTitle:
		if utf8.RuneCountInString(v) > MaxTitle {
			return problem("listing.text.too_long", MaxTitle, utf8.RuneCountInString(v))
		}
		l.Title = v
	case FieldCategory:
		if utf8.RuneCountInString(v) > MaxCategory {
			return problem("listing.text.too_long", MaxCategory, utf8.RuneCountInString(v))
		}
		l.Category = v
	case FieldKeywords:
		kws := splitList(v, ",，;；、\n")
		if len(kws) > MaxKeywords {
			return problem("listing.keywords.too_many", MaxKeywords, len(kws))
		}
		for _, k := range kws {
			if utf8.RuneCountInString(k) > MaxKeyword {
				return problem("listing.keywords.too_long", k, MaxKeyword)
			}
		}
		l.Keywords = kws
	case FieldPrice:
		p, err := domain.ParseMoney(v)
		if err != nil {
			return problem("listing.price.invalid", v)
		}
		if p <= 0 || p > MaxPrice {
			return problem("listing.price.range", MaxPrice.String())
		}
		l.Price = p
	case FieldFloorPrice:
		p, err := domain.ParseMoney(v)
		if err != nil {
			return problem("listing.floor_price.invalid", v)
		}
		if p <= 0 || p > MaxPrice {
			return problem("listing.floor_price.range", MaxPrice.String())
		}
		l.FloorPrice = p
	case FieldStock:
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > MaxStock {
			return problem("listing.stock.invalid", v, MaxStock)
		}
		l.Stock = n
	case FieldImages:
		urls := splitList(v, " ,，\n\t")
		if len(urls) > MaxImages {
			return problem("listing.images.too_many", MaxImages, len(urls))
		}
		for _, u := range urls {
			if !isImageURL(u) {
				return problem("listing.images.invalid", u)
			}
		}
		l.Images = urls
	case FieldDescription:
		n := utf8.RuneCountInString(v)
		if n < MinDescription {
			return problem("listing.description.too_short", MinDescription)
		}
		if n > MaxDescription {
			return problem("listing.text.too_long", MaxDescription, n)
		}
		l.Description = v
	default:
		return problem("listing.field.unknown", field)
	}
	return nil
}

// splitList splits on any of seps, trims, drops empties and case-insensitive repeats.
func splitList(s, seps string) []string {
	parts := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(seps, r) })
	seen := map[string]bool{}
	var out []string
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" || seen[strings.ToLower(p)] {
			continue
		}
		seen[strings.ToLower(p)] = true
		out = append(out, p)
	}
	return out
}

func isImageURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
