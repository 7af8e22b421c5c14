package inquiry

import (
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"storeops/domain"
	"storeops/domain/store"
)

// Field names of an inquiry, as used in forms and in problems. The inquiry's own fields
// carry the area's prefix so that their labels never collide with another area's.
const (
	FieldStore    = "store"
	FieldPlatform = "platform"
	FieldOwner    = "owner"
	FieldCustomer = "inquiry.customer"
	FieldOrder    = "inquiry.order"
	FieldQuestion = "inquiry.question"
	FieldPromise  = "inquiry.promise"
	FieldAnswer   = "inquiry.answer"
)

// Limits of what an inquiry keeps.
const (
	MaxCustomer = 80
	MaxOrderRef = 64
	MaxQuestion = 2000
	MaxAnswer   = 2000
)

var orderRefPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9/._-]{0,63}$`)

// Input is an inquiry as an assistant typed it. Owner is a Slack user ID (empty: whoever
// records it); Order is optional.
type Input struct {
	Store, Customer, Platform, Order, Question, Promise, Owner string
}

// Parse checks the input at now, with promises read in tz, and returns the inquiry and
// every problem found, each naming its field. Store existence and the owner's roles are
// checked by the service.
func (in Input) Parse(now time.Time, tz *time.Location) (Inquiry, []domain.Problem) {
	var q Inquiry
	var problems []domain.Problem
	add := func(field, key string, args ...any) {
		problems = append(problems, domain.Problem{Field: field, Key: key, Args: args})
	}
	text := func(field, v string, max int, required bool) string {
		v = strings.TrimSpace(v)
		switch {
		case v == "" && required:
			add(field, "inquiry.field.required")
		case utf8.RuneCountInString(v) > max:
			add(field, "inquiry.text.too_long", max, utf8.RuneCountInString(v))
		}
		return v
	}
	q.StoreCode = strings.ToUpper(text(FieldStore, in.Store, 32, true))
	q.Customer = text(FieldCustomer, in.Customer, MaxCustomer, true)
	// No platform is the store's own, filled in by the service.
	if q.Platform = strings.ToLower(strings.TrimSpace(in.Platform)); q.Platform != "" && !slices.Contains(store.Platforms(), q.Platform) {
		add(FieldPlatform, "inquiry.platform.invalid", strings.Join(store.Platforms(), ", "))
	}
	if ref := strings.TrimSpace(in.Order); ref != "" {
		if !orderRefPattern.MatchString(ref) {
			add(FieldOrder, "inquiry.order.invalid", ref)
		}
		q.OrderRef = ref
	}
	q.Question = text(FieldQuestion, in.Question, MaxQuestion, true)
	q.Owner = strings.TrimSpace(in.Owner)
	at, err := ParsePromise(in.Promise, now, tz)
	if e, ok := domain.AsError(err); ok {
		add(FieldPromise, e.Key, e.Args...)
	} else if err != nil {
		add(FieldPromise, "inquiry.promise.invalid", in.Promise)
	}
	q.PromisedAt = at
	return q, problems
}
