// Package i18n holds every text StoreOps shows a person, in English and Simplified Chinese,
// and turns domain values (errors, statuses, roles, times) into words of the user's locale.
//
// A message is a fmt template named by a key ("listing.price.invalid"); its verbs take the
// arguments in order, or by explicit index (%[2]s) where the word order of a language needs it.
package i18n

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"storeops/domain"
	"storeops/domain/approval"
	"storeops/domain/listing"
)

// Locales StoreOps speaks.
const (
	English = "en"
	Chinese = "zh"
)

// Catalog is every message of every locale. It is built once and only read afterwards, so
// one Catalog serves all requests without locking.
type Catalog struct {
	locales map[string]messages
}

// messages is one locale's catalog with the number of arguments each template takes.
type messages map[string]message

type message struct {
	text string
	argc int
}

// New builds the catalog of every locale.
func New() *Catalog {
	return &Catalog{locales: map[string]messages{
		English: compile(english()),
		Chinese: compile(chinese()),
	}}
}

func compile(m map[string]string) messages {
	out := make(messages, len(m))
	for k, v := range m {
		out[k] = message{text: v, argc: argCount(v)}
	}
	return out
}

// NormalizeLocale maps a Slack locale ("zh-CN", "en-US", …) to a catalog locale. Every Chinese
// variant gets Simplified Chinese until a Traditional catalog exists; an empty locale stays
// empty so that the caller can tell "not known" from "English" and fall back to the
// workspace default.
func NormalizeLocale(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return ""
	}
	lang, _, _ := strings.Cut(strings.ReplaceAll(s, "_", "-"), "-")
	if lang == Chinese {
		return Chinese
	}
	return English
}

// For returns the localizer of a locale; an unknown or empty locale gets English.
func (c *Catalog) For(locale string) Localizer {
	loc := NormalizeLocale(locale)
	if c == nil {
		return Localizer{locale: English}
	}
	en := c.locales[English]
	msgs, ok := c.locales[loc]
	if !ok {
		loc, msgs = English, en
	}
	return Localizer{locale: loc, msgs: msgs, fallback: en}
}

// Localizer says things in one locale. The zero value answers every key with the key itself.
type Localizer struct {
	locale   string
	msgs     messages
	fallback messages
}

// Locale is the catalog locale in use ("en" or "zh").
func (l Localizer) Locale() string {
	if l.locale == "" {
		return English
	}
	return l.locale
}

func (l Localizer) lookup(key string) (message, bool) {
	if m, ok := l.msgs[key]; ok {
		return m, true
	}
	m, ok := l.fallback[key]
	return m, ok
}

// Has reports whether key has a message (in this locale or in English).
func (l Localizer) Has(key string) bool {
	_, ok := l.lookup(key)
	return ok
}

// T formats the message of key with args. A key missing from this locale falls back to
// English, and one missing everywhere comes back as the key itself, so that a gap shows up
// in testing instead of as an empty message.
//
// Arguments beyond what the template uses are dropped and missing ones are empty: the args of
// a domain error come from code that the catalog does not control, and a person should never
// see fmt's "%!(EXTRA …)" noise.
func (l Localizer) T(key string, args ...any) string {
	m, ok := l.lookup(key)
	if !ok {
		return key
	}
	if len(args) > m.argc {
		args = args[:m.argc]
	}
	for len(args) < m.argc {
		args = append(args, "")
	}
	if len(args) == 0 && !strings.Contains(m.text, "%") {
		return m.text
	}
	return fmt.Sprintf(m.text, args...)
}

// Error says what went wrong. A *domain.Error in err's chain is translated with its problems,
// one per line; anything else is an internal failure whose detail stays in the log.
func (l Localizer) Error(err error) string { return l.ErrorWithRef(err, "") }

// ErrorWithRef is Error where an internal failure names ref, the short reference that the
// caller also logs, so that an admin can find the log line the user reports.
func (l Localizer) ErrorWithRef(err error, ref string) string {
	if err == nil {
		return ""
	}
	var de *domain.Error
	if !errors.As(err, &de) {
		if ref == "" {
			return l.T("error.internal_noref")
		}
		return l.T("error.internal", ref)
	}
	var b strings.Builder
	b.WriteString(l.message(de.Key, de.Args))
	for _, p := range de.Problems {
		b.WriteString("\n")
		b.WriteString(l.T("error.problem", l.FieldLabel(p.Field), l.Problem(p)))
	}
	return b.String()
}

// Problem says what is wrong with one form field, without the field's name (a modal shows it
// next to the field).
func (l Localizer) Problem(p domain.Problem) string { return l.message(p.Key, p.Args) }

// FieldLabel names a form or record field ("price" → "Price"); a field without a label is
// shown as it is named, since it is what the user typed (an unknown field in an update).
func (l Localizer) FieldLabel(field string) string {
	if key := "field." + field; l.Has(key) {
		return l.T(key)
	}
	return field
}

// message translates a domain message. The domain passes raw values (user IDs, role and
// status names); here they become mentions and words of the locale.
func (l Localizer) message(key string, args []any) string {
	switch key {
	case approval.KeyAlreadyDecided:
		return l.alreadyDecided(args)
	case "order.already_decided":
		return l.orderAlreadyDecided(args)
	}
	args = append([]any(nil), args...)
	for i, kind := range argKinds(key) {
		if i >= len(args) {
			break
		}
		s, ok := args[i].(string)
		if !ok {
			continue
		}
		switch kind {
		case argUser:
			args[i] = l.Mention(s)
		case argRole:
			args[i] = l.roles(s)
		case argStatus:
			args[i] = l.Status(listing.Status(s))
		case argFields:
			args[i] = l.fieldList(s)
		case argCaseState:
			args[i] = l.named("aftersale.status.", s)
		case argCaseStates:
			args[i] = l.caseStates(s)
		case argCampaignState:
			args[i] = l.named("campaign.status.", s)
		case argCampaignStates:
			args[i] = l.campaignStates(s)
		}
	}
	return l.T(key, args...)
}

// alreadyDecided reads naturally per outcome ("Already approved by <@U2>.") instead of
// splicing a status word into one sentence.
func (l Localizer) alreadyDecided(args []any) string {
	var status, by string
	if len(args) > 0 {
		status = fmt.Sprint(args[0])
	}
	if len(args) > 1 {
		by = fmt.Sprint(args[1])
	}
	if by == "" {
		return l.T("approval.already_closed", l.ApprovalStatus(approval.Status(status)))
	}
	if key := approval.KeyAlreadyDecided + "." + status; l.Has(key) {
		return l.T(key, l.Mention(by))
	}
	return l.T(approval.KeyAlreadyDecided, l.ApprovalStatus(approval.Status(status)), l.Mention(by))
}

// orderAlreadyDecided names who released or cancelled the order, or only its status when
// the review itself released it.
func (l Localizer) orderAlreadyDecided(args []any) string {
	var ref, status, by string
	for i, p := range []*string{&ref, &status, &by} {
		if i < len(args) {
			*p = fmt.Sprint(args[i])
		}
	}
	name := l.T("order.status." + status)
	if by == "" {
		return l.T("order.already_closed", ref, name)
	}
	return l.T("order.already_decided", ref, name, l.Mention(by))
}

type argKind int

const (
	argRaw argKind = iota
	argUser
	argRole
	argStatus
	argFields
	// argCaseState is an after-sales case state; argCaseStates a comma-separated list of
	// them, which people type in `/ops aftersale move`, so each keeps its token.
	argCaseState
	argCaseStates
	// argCampaignState is a campaign state; argCampaignStates a comma-separated list of
	// them (nobody types them, so they are named only).
	argCampaignState
	argCampaignStates
)

// argKinds says which args of a domain message are raw values to localise.
func argKinds(key string) []argKind {
	switch key {
	case "error.needs_role", approval.KeyNotApprover:
		return []argKind{argRole}
	case "role.exists", "role.not_held":
		return []argKind{argUser, argRole}
	case "role.configured_admin":
		return []argKind{argUser}
	case "listing.update.status", "listing.delist.status":
		return []argKind{argRaw, argStatus}
	case "listing.field.not_updatable":
		return []argKind{argRaw, argFields}
	case "aftersale.move.illegal":
		return []argKind{argRaw, argCaseState, argCaseState, argCaseStates}
	case "campaign.move.illegal":
		return []argKind{argRaw, argCampaignState, argCampaignState, argCampaignStates}
	case "campaign.report.not_ended", "campaign.not_preparing":
		return []argKind{argRaw, argCampaignState}
	}
	return nil
}

// campaignStates names each campaign state of a comma-separated list, "none" when empty.
func (l Localizer) campaignStates(s string) string {
	if strings.TrimSpace(s) == "" {
		return l.T("list.none")
	}
	parts := strings.Split(s, ",")
	for i, p := range parts {
		parts[i] = l.named("campaign.status.", strings.TrimSpace(p))
	}
	return strings.Join(parts, l.T("list.separator"))
}

// caseStates names each state of a list and keeps the token to type: "awaiting return
// (`awaiting_return`)", or 待退货 (`awaiting_return`) in Chinese.
func (l Localizer) caseStates(s string) string {
	if strings.TrimSpace(s) == "" {
		return l.T("list.none")
	}
	parts := strings.Split(s, ",")
	for i, p := range parts {
		token := strings.TrimSpace(p)
		if name := l.named("aftersale.status.", token); name != token {
			parts[i] = name + " (`" + token + "`)"
		} else {
			parts[i] = "`" + token + "`"
		}
	}
	return strings.Join(parts, l.T("list.separator"))
}

// roles translates a role name, or several joined with " / " (any of them will do).
func (l Localizer) roles(s string) string {
	parts := strings.Split(s, "/")
	for i, p := range parts {
		parts[i] = l.Role(domain.Role(strings.TrimSpace(p)))
	}
	return strings.Join(parts, " / ")
}

// fieldList translates a comma-separated list of field names.
func (l Localizer) fieldList(s string) string {
	parts := strings.Split(s, ",")
	for i, p := range parts {
		parts[i] = l.FieldLabel(strings.TrimSpace(p))
	}
	return strings.Join(parts, l.T("list.separator"))
}

// Mention is how Slack shows a user. The bot's own actor is named, since Slack has no user
// behind it.
func (l Localizer) Mention(userID string) string {
	switch userID {
	case "":
		return ""
	case domain.SystemUser:
		return l.T("actor.system")
	}
	// Actors that are not Slack users (the ingestion API acts as "api:<store>") are named,
	// not mentioned: Slack would show a broken mention.
	if store, ok := strings.CutPrefix(userID, "api:"); ok {
		return l.T("actor.api", store)
	}
	return "<@" + userID + ">"
}

// TimeLayout is how times are shown: unambiguous in both locales and short enough for a card.
const TimeLayout = "2006-01-02 15:04"

// Time shows t in loc (UTC when nil); the zero time is empty.
func (l Localizer) Time(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	if loc == nil {
		loc = time.UTC
	}
	return t.In(loc).Format(TimeLayout)
}

// Status names a listing status.
func (l Localizer) Status(s listing.Status) string { return l.named("status.listing.", string(s)) }

// ApprovalStatus names the status of an approval request.
func (l Localizer) ApprovalStatus(s approval.Status) string {
	return l.named("status.approval.", string(s))
}

// Role names a role.
func (l Localizer) Role(r domain.Role) string { return l.named("role.name.", string(r)) }

// Kind names what an approval request is about ("New listing").
func (l Localizer) Kind(k approval.Kind) string { return l.named("kind.", string(k)) }

// KindNoun is the kind as it reads inside a sentence ("Your new listing … was approved").
func (l Localizer) KindNoun(k approval.Kind) string {
	if key := "kind." + string(k) + ".noun"; l.Has(key) {
		return l.T(key)
	}
	return strings.ToLower(l.Kind(k))
}

// Platform names a store platform.
func (l Localizer) Platform(p string) string { return l.named("platform.", p) }

// named translates prefix+value, showing the value itself when the catalog does not know it
// (a status added to the domain before the catalog caught up is still readable).
func (l Localizer) named(prefix, value string) string {
	if value == "" {
		return ""
	}
	if key := prefix + value; l.Has(key) {
		return l.T(key)
	}
	return value
}

// Join joins items with the locale's list separator.
func (l Localizer) Join(items []string) string { return strings.Join(items, l.T("list.separator")) }
