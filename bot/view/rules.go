package view

import (
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"storeops/bot/i18n"
	"storeops/domain/order"
)

const (
	// maxRuleValue cuts long parameter values (keyword lists) so that a check's section stays
	// readable; the whole value is in the rule set.
	maxRuleValue      = 300
	maxBlacklistValue = 200
	maxBlacklistNote  = 200
)

// Rules is a store's review rules: for every check, in the order SPEC §2 lists them, whether
// it runs, what its findings do (HOLD or ALERT), each parameter with the value it runs with
// and its default, and which orders it looks at. One section per check keeps it under 20
// blocks.
func Rules(l i18n.Localizer, rs order.RuleSet, tz *time.Location) (string, []slack.Block) {
	blocks := []slack.Block{header(l.T("view.rules.title", rs.StoreCode))}
	if rs.IsDefault() {
		blocks = append(blocks, contextBlock(l.T("view.rules.defaults", rs.StoreCode)))
	} else {
		blocks = append(blocks, contextBlock(l.T("view.rules.updated", l.Mention(rs.UpdatedBy), l.Time(rs.UpdatedAt, tz), rs.Version)))
	}
	budget, dropped := MaxMessageBlocks-len(blocks)-2, false
	for _, c := range order.Checks() {
		rules := rs.RulesOf(c.Name)
		if len(rules) == 0 {
			rules = []order.Rule{{}}
		}
		for _, r := range rules {
			if budget == 0 {
				dropped = true
				break
			}
			blocks = append(blocks, section(ruleText(l, c, r)))
			budget--
		}
	}
	if dropped {
		blocks = append(blocks, contextBlock("…"))
	}
	blocks = append(blocks, contextBlock(l.T("view.rules.footer", rs.StoreCode)))
	return l.T("view.rules.text", rs.StoreCode), blocks
}

// ruleText is one check's rule; a zero rule (Check "") stands for a check the set lacks.
func ruleText(l i18n.Localizer, c order.Check, r order.Rule) string {
	title := "*" + escape(l.T(c.Summary)) + "* `" + c.Name + "`"
	if r.Check == "" {
		return title + "\n" + l.T("view.rules.missing")
	}
	state := l.T("view.rules.off")
	if r.Enabled {
		state = l.T("view.rules.on")
	}
	lines := []string{title + " — " + severityText(l, r.Severity, c) + " · " + state}
	for _, p := range c.Params {
		kind := kindName(l, p.Kind)
		v := c.ParamValue(r, p.Name)
		if _, own := r.Params[p.Name]; own {
			lines = append(lines, "• "+l.T("view.rules.param.own", p.Name, kind, value(v, maxRuleValue), value(p.Default, maxRuleValue)))
		} else {
			lines = append(lines, "• "+l.T("view.rules.param.default", p.Name, kind, value(v, maxRuleValue)))
		}
	}
	if len(c.Params) == 0 {
		lines = append(lines, l.T("view.rules.no_params"))
	}
	lines = append(lines, scopeText(l, r.Scope))
	return strings.Join(lines, "\n")
}

// severityText names the severity the rule runs with (an invalid one runs as the check's
// default, as the review does).
func severityText(l i18n.Localizer, s order.Severity, c order.Check) string {
	if s != order.SeverityHold && s != order.SeverityAlert {
		s = c.Default.Severity
	}
	return l.T("view.order.severity." + string(s))
}

func kindName(l i18n.Localizer, kind string) string {
	if key := "rules.kind." + kind; l.Has(key) {
		return l.T(key)
	}
	return kind
}

func scopeText(l i18n.Localizer, s order.Scope) string {
	var parts []string
	if len(s.Platforms) > 0 {
		names := make([]string, len(s.Platforms))
		for i, p := range s.Platforms {
			names[i] = l.Platform(p)
		}
		parts = append(parts, l.T("view.rules.scope.platforms", value(l.Join(names), maxRuleValue)))
	}
	if len(s.Provinces) > 0 {
		parts = append(parts, l.T("view.rules.scope.provinces", value(l.Join(s.Provinces), maxRuleValue)))
	}
	if s.MinAmount != 0 {
		parts = append(parts, l.T("view.rules.scope.min", s.MinAmount.String()))
	}
	if s.MaxAmount != 0 {
		parts = append(parts, l.T("view.rules.scope.max", s.MaxAmount.String()))
	}
	if len(parts) == 0 {
		return l.T("view.rules.scope.all")
	}
	return l.T("view.rules.scope", strings.Join(parts, l.T("list.separator")))
}

// RuleUpdate says what a rule change did: each part of the rule that moved, before → after.
func RuleUpdate(l i18n.Localizer, u order.RuleUpdate) string {
	c, ok := order.FindCheck(u.Check)
	if !ok {
		return u.Check
	}
	if !u.Changed {
		return l.T("view.rules.unchanged", u.StoreCode, l.T(c.Summary), c.Name)
	}
	lines := []string{l.T("view.rules.changed", u.StoreCode, l.T(c.Summary), c.Name)}
	change := func(what, before, after string) {
		if before != after {
			lines = append(lines, l.T("view.rules.change", what, before, after))
		}
	}
	onOff := func(on bool) string {
		if on {
			return l.T("view.rules.on")
		}
		return l.T("view.rules.off")
	}
	change(l.T("view.rules.change.enabled"), onOff(u.Before.Enabled), onOff(u.After.Enabled))
	change(l.FieldLabel("severity"), severityText(l, u.Before.Severity, c), severityText(l, u.After.Severity, c))
	for _, p := range c.Params {
		change("`"+p.Name+"`", paramText(l, c, u.Before, p), paramText(l, c, u.After, p))
	}
	if !reflect.DeepEqual(u.Before.Scope, u.After.Scope) {
		change(l.FieldLabel("scope"), scopeText(l, u.Before.Scope), scopeText(l, u.After.Scope))
	}
	lines = append(lines, l.T("view.rules.change.version", u.Version))
	return cutMrkdwn(strings.Join(lines, "\n"), MaxSectionText)
}

// paramText is a parameter's value as a rule runs it, marked when it is the default.
func paramText(l i18n.Localizer, c order.Check, r order.Rule, p order.Param) string {
	v := value(c.ParamValue(r, p.Name), maxRuleValue)
	if _, own := r.Params[p.Name]; !own {
		return l.T("view.rules.value.default", v)
	}
	return v
}

// Blacklist is the entries that apply to a store: its own and the global ones, each with its
// kind, value (as the service gave it: phones masked for those who may not see them), reason,
// who added it and when.
func Blacklist(l i18n.Localizer, storeCode string, entries []order.BlacklistEntry, tz *time.Location) (string, []slack.Block) {
	text := l.T("view.blacklist.text", storeCode)
	blocks := []slack.Block{header(l.T("view.blacklist.title", storeCode, len(entries)))}
	if len(entries) == 0 {
		return text, append(blocks, section(l.T("view.blacklist.empty", storeCode)))
	}
	masked := false
	lines := make([]string, 0, len(entries))
	for _, e := range entries {
		masked = masked || (e.Kind == order.BlacklistPhone && strings.Contains(e.Value, "*"))
		reason := l.T("view.blacklist.no_reason")
		if strings.TrimSpace(e.Reason) != "" {
			reason = value(e.Reason, maxBlacklistNote)
		}
		line := fmt.Sprintf("• *%s* `%s` — %s · %s", escape(BlacklistKindName(l, e.Kind)), value(e.Value, maxBlacklistValue), reason,
			l.T("view.blacklist.added", l.Mention(e.AddedBy), l.Time(e.AddedAt, tz)))
		if e.StoreCode == "" {
			line += " · _" + l.T("view.blacklist.global") + "_"
		}
		lines = append(lines, line)
	}
	packed, dropped := packLines(lines, MaxMessageBlocks-3)
	blocks = append(blocks, packed...)
	if dropped > 0 {
		blocks = append(blocks, contextBlock(l.T("view.blacklist.more", dropped)))
	}
	if masked {
		blocks = append(blocks, contextBlock(l.T("view.blacklist.masked")))
	}
	return text, blocks
}

// BlacklistKindName names a kind of blacklist entry in the reader's language.
func BlacklistKindName(l i18n.Localizer, k order.BlacklistKind) string {
	if key := "view.blacklist.kind." + string(k); l.Has(key) {
		return l.T(key)
	}
	return string(k)
}
