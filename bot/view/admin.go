package view

import (
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/slack-go/slack"

	"storeops/bot/i18n"
	"storeops/domain"
	"storeops/domain/access"
	"storeops/domain/approval"
	"storeops/domain/audit"
	"storeops/domain/listing"
	"storeops/domain/store"
)

const (
	maxHistory        = 45
	maxHistoryChanges = 8
	maxHistoryValue   = 120
	maxStoreLines     = 200
)

// HelpEntry is one command in the help: its usage as typed and a summary already in the
// user's language.
type HelpEntry struct {
	Area, Usage, Summary string
}

// Help lists the commands grouped by area, in the order the areas first appear, or only
// those of area when it is not empty (case-insensitive).
func Help(l i18n.Localizer, entries []HelpEntry, area string) []slack.Block {
	title := l.T("view.help.title")
	if area != "" {
		title = l.T("view.help.title.area", areaName(l, area))
	}
	blocks := []slack.Block{header(title)}
	var order []string
	groups := map[string][]HelpEntry{}
	for _, e := range entries {
		if area != "" && !strings.EqualFold(e.Area, area) {
			continue
		}
		if _, ok := groups[e.Area]; !ok {
			order = append(order, e.Area)
		}
		groups[e.Area] = append(groups[e.Area], e)
	}
	if len(order) == 0 {
		return append(blocks, section(l.T("view.help.none")))
	}
	// Each area starts a section of its own, so that its lines stay together.
	budget, dropped := MaxMessageBlocks-3, 0
	for _, a := range order {
		var lines []string
		if area == "" {
			lines = append(lines, "*"+escape(areaName(l, a))+"*")
		}
		for _, e := range groups[a] {
			lines = append(lines, "`"+value(e.Usage, maxLineValue)+"` — "+value(e.Summary, 500))
		}
		packed, d := packLines(lines, budget)
		blocks = append(blocks, packed...)
		budget -= len(packed)
		dropped += d
	}
	if dropped > 0 {
		blocks = append(blocks, contextBlock("…"))
	}
	if area == "" {
		blocks = append(blocks, contextBlock(l.T("view.help.footer")))
	}
	return blocks
}

func areaName(l i18n.Localizer, area string) string {
	if key := "help.area." + strings.ToLower(area); l.Has(key) {
		return l.T(key)
	}
	return area
}

// History is a record's audit trail: when, who, what, and each field's before → after. The
// newest entries are kept when there are more than a message holds.
func History(l i18n.Localizer, ref string, entries []audit.Entry, tz *time.Location) []slack.Block {
	blocks := []slack.Block{header(l.T("view.history.title", ref))}
	if len(entries) == 0 {
		return append(blocks, section(l.T("view.history.empty")))
	}
	if n := len(entries) - maxHistory; n > 0 {
		blocks = append(blocks, contextBlock(l.T("view.history.earlier", n)))
		entries = entries[n:]
	}
	for _, e := range entries {
		lines := []string{"*" + nonEmpty(l.Time(e.At, tz)) + "* " + nonEmpty(l.Mention(e.Actor)) + " " + escape(actionName(l, e.Action))}
		changes := e.Changes()
		for i, c := range changes {
			if i == maxHistoryChanges {
				lines = append(lines, l.T("view.history.more_changes", len(changes)-i))
				break
			}
			lines = append(lines, historyChange(l, e.Subject, c))
		}
		blocks = append(blocks, section(strings.Join(lines, "\n")))
	}
	return blocks
}

func actionName(l i18n.Localizer, action string) string {
	if key := "action." + action; l.Has(key) {
		return l.T(key)
	}
	return action
}

func historyChange(l i18n.Localizer, subject domain.Subject, c audit.Change) string {
	field := snake(c.Field)
	show := func(v string) string {
		switch {
		case v == "":
		case field == "status":
			v = statusName(l, subject, v)
		case field == "decided_by":
			return l.Mention(v) // mrkdwn already, not user text to escape
		case field == "kind":
			v = l.Kind(approval.Kind(v))
		}
		return value(strings.Join(strings.Fields(v), " "), maxHistoryValue)
	}
	return "• " + bold(l, l.FieldLabel(field), show(c.Before)+" → "+show(c.After))
}

// statusName translates a status found in an audit record of subject: an area's own status
// names ("aftersale.status.closed") first, since areas share status words with different
// names ("approved" is 已批准 for a request but 已同意 for a case), then a listing's or an
// approval request's.
func statusName(l i18n.Localizer, subject domain.Subject, s string) string {
	if kind, _, ok := strings.Cut(string(subject), ":"); ok && l.Has(kind+".status."+s) {
		return l.T(kind + ".status." + s)
	}
	if slices.Contains(listing.Statuses(), listing.Status(s)) {
		return l.Status(listing.Status(s))
	}
	if l.Has("status.approval." + s) {
		return l.ApprovalStatus(approval.Status(s))
	}
	return s
}

// snake turns the Go field names of records audited without JSON tags ("CreatedBy") into
// catalog field names ("created_by").
func snake(s string) string {
	var b strings.Builder
	for i, r := range s {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Roles lists who holds which role, in the order of domain.Roles.
func Roles(l i18n.Localizer, grants []access.Grant) []slack.Block {
	blocks := []slack.Block{header(l.T("view.roles.title"))}
	if len(grants) == 0 {
		return append(blocks, section(l.T("view.roles.empty")))
	}
	order := domain.Roles()
	byRole := map[domain.Role][]string{}
	for _, g := range grants {
		if !slices.Contains(order, g.Role) {
			order = append(order, g.Role)
		}
		who := l.Mention(g.UserID)
		if g.GrantedBy == "config" {
			who = l.T("view.roles.configured", who)
		}
		byRole[g.Role] = append(byRole[g.Role], who)
	}
	var lines []string
	for _, r := range order {
		if users := byRole[r]; len(users) > 0 {
			lines = append(lines, bold(l, l.Role(r), l.Join(users)))
		}
	}
	packed, dropped := packLines(lines, MaxMessageBlocks-2)
	blocks = append(blocks, packed...)
	if dropped > 0 {
		blocks = append(blocks, contextBlock("…"))
	}
	return blocks
}

// Whoami tells users who they are to StoreOps and which roles they hold.
func Whoami(l i18n.Localizer, a domain.Actor) string {
	if len(a.Roles) == 0 {
		return cutMrkdwn(l.T("view.whoami.none", l.Mention(a.UserID)), MaxSectionText)
	}
	names := make([]string, len(a.Roles))
	for i, r := range a.Roles {
		names[i] = escape(l.Role(r))
	}
	return cutMrkdwn(l.T("view.whoami", l.Mention(a.UserID), l.Join(names)), MaxSectionText)
}

// Stores lists the shops.
func Stores(l i18n.Localizer, stores []store.Store) []slack.Block {
	blocks := []slack.Block{header(l.T("view.stores.title", len(stores)))}
	if len(stores) == 0 {
		return append(blocks, section(l.T("view.stores.empty")))
	}
	var lines []string
	for i, s := range stores {
		if i == maxStoreLines {
			break
		}
		line := "• `" + value(s.Code, maxLineValue) + "` — " + value(s.Name, maxLineValue) + " (" + escape(l.Platform(s.Platform)) + ")"
		if s.TimeZone != "" {
			line += " · " + escape(s.TimeZone)
		}
		lines = append(lines, line)
	}
	packed, dropped := packLines(lines, MaxMessageBlocks-2)
	blocks = append(blocks, packed...)
	if rest := len(stores) - len(lines) + dropped; rest > 0 {
		blocks = append(blocks, contextBlock(l.T("view.stores.more", rest)))
	}
	return blocks
}
