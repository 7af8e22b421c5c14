package feedback

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"storeops/domain"
)

// Field names of feedback, as used in forms and problems. Its own fields carry the area's
// prefix so that their labels never collide with another area's.
const (
	FieldStore = "store"
	FieldSKU   = "sku"
	FieldKind  = "feedback.kind"
	FieldText  = "feedback.text"
	FieldTags  = "feedback.tags"
)

// Limits of what feedback keeps.
const (
	MaxText = 3000
	MaxTags = 10
	MaxTag  = 30
)

// skuPattern is the listing SKU pattern: feedback names products the way listings do.
var skuPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// Input is feedback as a person typed it; SKU and Tags may be empty.
type Input struct {
	Kind, Store, SKU, Text, Tags string
}

// Parse checks the input and returns the feedback and every problem, each naming its
// field. Whether the store exists is the service's to check.
func (in Input) Parse() (Feedback, []domain.Problem) {
	var f Feedback
	var problems []domain.Problem
	add := func(field, key string, args ...any) {
		problems = append(problems, domain.Problem{Field: field, Key: key, Args: args})
	}
	f.Kind = Kind(strings.ToLower(strings.TrimSpace(in.Kind)))
	if !slices.Contains(Kinds(), f.Kind) {
		add(FieldKind, "feedback.kind.invalid", strings.TrimSpace(in.Kind))
	}
	if f.StoreCode = strings.ToUpper(strings.TrimSpace(in.Store)); f.StoreCode == "" {
		add(FieldStore, "feedback.field.required")
	}
	if sku := strings.TrimSpace(in.SKU); sku != "" {
		if !skuPattern.MatchString(sku) {
			add(FieldSKU, "feedback.sku.invalid", sku)
		}
		f.SKU = strings.ToUpper(sku)
	}
	f.Text = strings.TrimSpace(in.Text)
	switch n := utf8.RuneCountInString(f.Text); {
	case n == 0:
		add(FieldText, "feedback.field.required")
	case n > MaxText:
		add(FieldText, "feedback.text.too_long", MaxText, n)
	}
	tags, p := ParseTags(in.Tags)
	if p != nil {
		problems = append(problems, *p)
	}
	f.Tags = tags
	return f, problems
}

// ParseTags splits tags on commas (and the Chinese list marks), lower-cases them, folds
// runs of spaces into one, and drops empties and repeats.
func ParseTags(s string) ([]string, *domain.Problem) {
	parts := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(",，;；、\n", r) })
	var out []string
	for _, p := range parts {
		tag := strings.ToLower(strings.Join(strings.Fields(p), " "))
		if tag == "" || slices.Contains(out, tag) {
			continue
		}
		if utf8.RuneCountInString(tag) > MaxTag {
			return nil, &domain.Problem{Field: FieldTags, Key: "feedback.tags.too_long", Args: []any{tag, MaxTag}}
		}
		out = append(out, tag)
	}
	if len(out) > MaxTags {
		return nil, &domain.Problem{Field: FieldTags, Key: "feedback.tags.too_many", Args: []any{MaxTags, len(out)}}
	}
	return out, nil
}
