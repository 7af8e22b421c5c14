package complaint

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"storeops/domain"
)

// Form fields, which are also the modal's block ids so that a problem lands next to its
// field. They carry the area's prefix because their labels differ from the same words in
// other areas' forms (a listing's category and description are the product's).
const (
	FieldStore        = "complaint_store"
	FieldCustomer     = "complaint_customer"
	FieldOrder        = "complaint_order"
	FieldCategory     = "complaint_category"
	FieldSeverity     = "complaint_severity"
	FieldDescription  = "complaint_description"
	FieldDemand       = "complaint_demand"
	FieldResolution   = "complaint_resolution"
	FieldCustomerTold = "complaint_customer_told"
)

// Limits of what a complaint records (characters).
const (
	MaxCustomer = 100
	MaxOrderRef = 100
	MaxText     = 2000
	MaxCategory = 32
)

// Input is a complaint as a person enters it.
type Input struct {
	Store, Customer, Order, Category, Severity, Description, Demand string
}

// categoryPattern is a category name: letters (any script) and digits, with _ and -.
var categoryPattern = regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N}_-]*$`)

// NormalizeCategory is a category as stored: trimmed and lower case.
func NormalizeCategory(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// ValidCategory reports whether s (normalized) may name a category.
func ValidCategory(s string) bool {
	return utf8.RuneCountInString(s) <= MaxCategory && categoryPattern.MatchString(s)
}

// parse reads the input into a new complaint and lists every problem at once; categories
// are the known ones (built-in and routed).
func (in Input) parse(categories []string) (Complaint, []domain.Problem) {
	var problems []domain.Problem
	problem := func(field, key string, args ...any) {
		problems = append(problems, domain.Problem{Field: field, Key: key, Args: args})
	}
	text := func(field, v string, max int, required bool) string {
		v = strings.TrimSpace(v)
		switch {
		case v == "" && required:
			problem(field, "complaint.field.required")
		case utf8.RuneCountInString(v) > max:
			problem(field, "complaint.field.too_long", max)
		}
		return v
	}
	c := Complaint{
		StoreCode:   strings.ToUpper(text(FieldStore, in.Store, 20, true)),
		Customer:    text(FieldCustomer, in.Customer, MaxCustomer, true),
		OrderRef:    text(FieldOrder, in.Order, MaxOrderRef, false),
		Category:    NormalizeCategory(in.Category),
		Description: text(FieldDescription, in.Description, MaxText, true),
		Demand:      text(FieldDemand, in.Demand, MaxText, true),
	}
	switch {
	case c.Category == "":
		problem(FieldCategory, "complaint.field.required")
	case !slices.Contains(categories, c.Category):
		problem(FieldCategory, "complaint.category.unknown", c.Category, strings.Join(categories, ", "))
	}
	sev, ok := ParseSeverity(strings.ToLower(strings.TrimSpace(in.Severity)))
	if !ok {
		problem(FieldSeverity, "complaint.severity.unknown", severityList())
	}
	c.Severity = sev
	return c, problems
}

func severityList() string {
	names := make([]string, 0, 3)
	for _, s := range Severities() {
		names = append(names, string(s))
	}
	return strings.Join(names, ", ")
}

// ParseID reads a complaint as users name it: "12" or "#12".
func ParseID(s string) (int64, error) {
	v := strings.TrimPrefix(strings.TrimSpace(s), "#")
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0, domain.Errorf(domain.EINVALID, "complaint.ref.invalid", s)
	}
	return id, nil
}

// ParseRating reads a satisfaction rating, 1 to 5.
func ParseRating(s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < MinRating || n > MaxRating {
		return 0, domain.Errorf(domain.EINVALID, "complaint.rating.invalid", s)
	}
	return n, nil
}

// Ratings bound the customer's satisfaction.
const (
	MinRating = 1
	MaxRating = 5
)
