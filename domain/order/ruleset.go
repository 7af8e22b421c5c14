package order

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"

	"storeops/domain"
	"storeops/domain/store"
)

// The parts of a rule's scope that `/ops rules <store> set <check> scope.<part>=<value>`
// changes. An empty value clears the part (every order matches it again).
const (
	ScopePlatforms = "platforms"
	ScopeProvinces = "provinces"
	ScopeMinAmount = "min_amount"
	ScopeMaxAmount = "max_amount"
)

// ScopeParts lists the parts of a scope, in the order they are shown.
func ScopeParts() []string {
	return []string{ScopePlatforms, ScopeProvinces, ScopeMinAmount, ScopeMaxAmount}
}

// ParamDefault is the word that puts a parameter back to its check's default: the rule stops
// overriding it and follows the default as it improves.
const ParamDefault = "default"

// MaxBlacklistValue bounds a blacklist value; longer text is not a buyer id, phone or address.
const MaxBlacklistValue = 200

// RuleEdit is one change of a check's rule in a store. Zero parts leave the rule as it is, so
// that one command may set several parameters and the severity at once, in one transaction.
type RuleEdit struct {
	// Params maps a parameter to its new value as typed; ParamDefault (any case) removes the
	// store's own value.
	Params map[string]string
	// Severity is the new severity; "" keeps it.
	Severity Severity
	// Enabled turns the rule on or off; nil keeps it.
	Enabled *bool
	// Scope maps a scope part (ScopeParts) to its new value as typed: a list of platforms or
	// provinces, or an amount (0 for no bound); "" clears the part.
	Scope map[string]string
	// ReplaceScope, when set, replaces the whole scope before Scope's parts apply.
	ReplaceScope *Scope
}

func (e RuleEdit) empty() bool {
	return len(e.Params) == 0 && e.Severity == "" && e.Enabled == nil && len(e.Scope) == 0 && e.ReplaceScope == nil
}

// RuleUpdate is what a rule change did: the store's rule of the check before and after, and
// the rule set's new version. Changed is false when the edit left the rule as it was (nothing
// was saved or audited).
type RuleUpdate struct {
	StoreCode string
	Check     string
	Before    Rule
	After     Rule
	Version   int
	Changed   bool
}

// maxRuleAttempts bounds how often ChangeRule applies an edit when others keep saving the
// same store's rules first; each round one of them wins, so a few people at once all get
// through.
const maxRuleAttempts = 5

// ruleEditors may change a store's rules and blacklist: the people who decide held orders.
func ruleEditors() []domain.Role { return deciders() }

// Rules returns the store's rule set: the stored one, or DefaultRules (Version 0) while the
// store has not changed any. Everyone on the team may read them.
func (s *Service) Rules(ctx context.Context, actor domain.Actor, storeCode string) (RuleSet, error) {
	if err := requireAny(actor, domain.Roles()); err != nil {
		return RuleSet{}, err
	}
	st, err := s.d.Stores.Find(ctx, storeCode)
	if err != nil {
		return RuleSet{}, fmt.Errorf("rules of %s: %w", storeCode, err)
	}
	rs, err := s.ruleSet(ctx, st.Code)
	if err != nil {
		return RuleSet{}, fmt.Errorf("rules of %s: %w", st.Code, err)
	}
	return rs, nil
}

// ruleSet loads the store's rules, the defaults (Version 0) when it has none stored.
func (s *Service) ruleSet(ctx context.Context, code string) (RuleSet, error) {
	rs, err := s.d.Rules.RuleSet(ctx, code)
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		return RuleSet{StoreCode: code, Rules: DefaultRules()}, nil
	}
	return rs, err
}

// SetRuleParam sets one parameter of a check's rule (ParamDefault puts it back to default).
func (s *Service) SetRuleParam(ctx context.Context, actor domain.Actor, storeCode, check, param, value string) (RuleUpdate, error) {
	return s.ChangeRule(ctx, actor, storeCode, check, RuleEdit{Params: map[string]string{param: value}})
}

// SetRuleSeverity makes a check's findings HOLD or ALERT orders.
func (s *Service) SetRuleSeverity(ctx context.Context, actor domain.Actor, storeCode, check string, severity Severity) (RuleUpdate, error) {
	if severity == "" {
		return RuleUpdate{}, domain.Invalid([]domain.Problem{{Field: "severity", Key: "rules.severity.invalid",
			Args: []any{"", string(SeverityHold) + ", " + string(SeverityAlert)}}})
	}
	return s.ChangeRule(ctx, actor, storeCode, check, RuleEdit{Severity: severity})
}

// EnableRule turns a check on for the store's orders.
func (s *Service) EnableRule(ctx context.Context, actor domain.Actor, storeCode, check string) (RuleUpdate, error) {
	on := true
	return s.ChangeRule(ctx, actor, storeCode, check, RuleEdit{Enabled: &on})
}

// DisableRule turns a check off: the store's orders are no longer held or flagged by it.
func (s *Service) DisableRule(ctx context.Context, actor domain.Actor, storeCode, check string) (RuleUpdate, error) {
	off := false
	return s.ChangeRule(ctx, actor, storeCode, check, RuleEdit{Enabled: &off})
}

// SetRuleScope replaces the scope of a check's rule: which of the store's orders it looks at.
func (s *Service) SetRuleScope(ctx context.Context, actor domain.Actor, storeCode, check string, scope Scope) (RuleUpdate, error) {
	return s.ChangeRule(ctx, actor, storeCode, check, RuleEdit{ReplaceScope: &scope})
}

// ChangeRule applies an edit to the store's rule of a check: admin or supervisor. The changed
// rule must pass ValidateRule; the rule set is saved with its version checked, and the change
// audited ("rules.change", the rule before → after), in one transaction. A store still on the
// defaults gets its own rule set, the defaults with this one change. When someone else saved
// the store's rules in between, the edit is applied again to what they saved (up to
// maxRuleAttempts times in all), so that people tuning different checks at once all succeed.
//
// The edit applies to every rule of the check (a set may hold several with different
// scopes); a check the set lacks (a set saved before the check existed) gets its default rule
// first.
func (s *Service) ChangeRule(ctx context.Context, actor domain.Actor, storeCode, check string, e RuleEdit) (RuleUpdate, error) {
	if err := requireAny(actor, ruleEditors()); err != nil {
		return RuleUpdate{}, err
	}
	check = strings.ToLower(strings.TrimSpace(check))
	c, ok := FindCheck(check)
	if !ok {
		return RuleUpdate{}, domain.Errorf(domain.EINVALID, "rules.check.unknown", check, strings.Join(CheckNames(), ", "))
	}
	if e.empty() {
		return RuleUpdate{}, domain.Errorf(domain.EINVALID, "rules.edit.empty", check)
	}
	st, err := s.d.Stores.Find(ctx, storeCode)
	if err != nil {
		return RuleUpdate{}, fmt.Errorf("change rule %s: %w", check, err)
	}
	var out RuleUpdate
	for attempt := 0; ; attempt++ {
		out, err = s.changeRule(ctx, actor, st, c, e)
		if domain.ErrorCode(err) != domain.ECONFLICT || attempt == maxRuleAttempts-1 {
			break
		}
	}
	if err != nil {
		return RuleUpdate{}, fmt.Errorf("change rule %s of %s: %w", check, st.Code, err)
	}
	return out, nil
}

func (s *Service) changeRule(ctx context.Context, actor domain.Actor, st store.Store, c Check, e RuleEdit) (RuleUpdate, error) {
	out := RuleUpdate{StoreCode: st.Code, Check: c.Name}
	err := s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		rs, err := s.ruleSet(ctx, st.Code)
		if err != nil {
			return err
		}
		rules := cloneRules(rs.Rules)
		idx := indexesOf(rules, c.Name)
		if len(idx) == 0 {
			// The check did not run for this store: it was off, and now has its default rule.
			rules = append(rules, cloneRule(c.Default))
			idx = []int{len(rules) - 1}
			out.Before = cloneRule(c.Default)
			out.Before.Enabled = false
		} else {
			out.Before = cloneRule(rules[idx[0]])
		}
		var problems []domain.Problem
		for _, i := range idx {
			ps := applyRuleEdit(c, &rules[i], e)
			ps = append(ps, ValidateRule(rules[i])...)
			for _, p := range ps {
				if !slices.ContainsFunc(problems, func(q domain.Problem) bool { return reflect.DeepEqual(p, q) }) {
					problems = append(problems, p)
				}
			}
		}
		if len(problems) > 0 {
			return domain.Invalid(problems)
		}
		out.After, out.Version = rules[idx[0]], rs.Version
		if reflect.DeepEqual(rules, rs.Rules) {
			return nil
		}
		before := ruleAudit(c, out.Before)
		rs.Rules, rs.UpdatedBy, rs.UpdatedAt = rules, actor.UserID, s.d.Clock.Now()
		if err := s.d.Rules.SaveRuleSet(ctx, &rs); err != nil {
			return err
		}
		out.Version, out.Changed = rs.Version, true
		return s.d.Audit.Record(ctx, actor, "rules.change", RuleSubject(st.Code, c.Name), before, ruleAudit(c, out.After))
	})
	if err != nil {
		return RuleUpdate{}, err
	}
	return out, nil
}

// RuleSubject names a store's rule of a check in the audit trail: "rules:TM01/unpaid".
func RuleSubject(storeCode, check string) domain.Subject {
	return domain.Subject("rules:" + storeCode + "/" + check)
}

// applyRuleEdit changes r as e says, returning the problems of values that cannot even be
// read (a scope amount that is not money); ValidateRule judges the rest.
func applyRuleEdit(c Check, r *Rule, e RuleEdit) []domain.Problem {
	var problems []domain.Problem
	params := e.Params
	if len(c.Params) == 0 {
		// ValidateRule would say the check has no such parameter and list none.
		for _, name := range slices.Sorted(maps.Keys(params)) {
			problems = append(problems, domain.Problem{Field: name, Key: "rules.param.none", Args: []any{name, c.Name}})
		}
		params = nil
	}
	for name, v := range params {
		name = strings.ToLower(strings.TrimSpace(name))
		v = strings.TrimSpace(v)
		if strings.EqualFold(v, ParamDefault) {
			delete(r.Params, name)
			continue
		}
		if r.Params == nil {
			r.Params = map[string]string{}
		}
		r.Params[name] = v
	}
	if len(r.Params) == 0 {
		r.Params = nil
	}
	if e.Severity != "" {
		r.Severity = Severity(strings.ToLower(strings.TrimSpace(string(e.Severity))))
	}
	if e.Enabled != nil {
		r.Enabled = *e.Enabled
	}
	if e.ReplaceScope != nil {
		r.Scope = cloneScope(*e.ReplaceScope)
	}
	for _, part := range slices.Sorted(maps.Keys(e.Scope)) {
		if p := applyScopePart(&r.Scope, part, strings.TrimSpace(e.Scope[part])); p != nil {
			problems = append(problems, *p)
		}
	}
	return problems
}

// applyScopePart sets one part of a scope from text.
func applyScopePart(s *Scope, part, v string) *domain.Problem {
	field := "scope." + part
	switch part {
	case ScopePlatforms:
		var platforms []string
		for _, p := range ParseListParam(v) {
			p = strings.ToLower(p)
			if !slices.Contains(store.Platforms(), p) {
				return &domain.Problem{Field: field, Key: "rules.scope.platform", Args: []any{p, strings.Join(store.Platforms(), ", ")}}
			}
			if !slices.Contains(platforms, p) {
				platforms = append(platforms, p)
			}
		}
		s.Platforms = platforms
	case ScopeProvinces:
		// ValidateRule names a province it cannot recognise.
		s.Provinces = ParseListParam(v)
	case ScopeMinAmount, ScopeMaxAmount:
		var m domain.Money
		if v != "" {
			var err error
			if m, err = ParseMoneyParam(v); err != nil {
				return &domain.Problem{Field: field, Key: "rules.param.invalid", Args: []any{field, v, KindMoney}}
			}
		}
		if part == ScopeMinAmount {
			s.MinAmount = m
		} else {
			s.MaxAmount = m
		}
	default:
		return &domain.Problem{Field: field, Key: "rules.scope.unknown", Args: []any{part, strings.Join(ScopeParts(), ", ")}}
	}
	return nil
}

// ruleAudit is what the audit trail keeps of a rule: whether it runs, its severity, every
// parameter's value as it runs ("(default)" when the store does not set it, so that pinning a
// value to the default shows as a change) and its scope.
func ruleAudit(c Check, r Rule) map[string]any {
	out := map[string]any{"check": r.Check, "enabled": r.Enabled, "severity": string(r.Severity), "scope": ScopeText(r.Scope)}
	for _, p := range c.Params {
		v := c.ParamValue(r, p.Name)
		if _, own := r.Params[p.Name]; !own {
			v += " (default)"
		}
		out["param."+p.Name] = v
	}
	return out
}

// ScopeText is a scope in one line, for the audit trail: "" for every order.
func ScopeText(s Scope) string {
	var parts []string
	if len(s.Platforms) > 0 {
		parts = append(parts, ScopePlatforms+"="+strings.Join(s.Platforms, ","))
	}
	if len(s.Provinces) > 0 {
		parts = append(parts, ScopeProvinces+"="+strings.Join(s.Provinces, ","))
	}
	if s.MinAmount != 0 {
		parts = append(parts, ScopeMinAmount+"="+s.MinAmount.String())
	}
	if s.MaxAmount != 0 {
		parts = append(parts, ScopeMaxAmount+"="+s.MaxAmount.String())
	}
	return strings.Join(parts, " ")
}

// RulesOf returns the rules of a set that belong to check, in the set's order.
func (rs RuleSet) RulesOf(check string) []Rule {
	var out []Rule
	for _, r := range rs.Rules {
		if r.Check == check {
			out = append(out, r)
		}
	}
	return out
}

// IsDefault says whether the store runs the default rules (it has never changed one).
func (rs RuleSet) IsDefault() bool { return rs.Version == 0 }

func indexesOf(rules []Rule, check string) []int {
	var out []int
	for i, r := range rules {
		if r.Check == check {
			out = append(out, i)
		}
	}
	return out
}

func cloneRules(rules []Rule) []Rule {
	out := make([]Rule, len(rules))
	for i, r := range rules {
		out[i] = cloneRule(r)
	}
	return out
}

func cloneRule(r Rule) Rule {
	r.Params = maps.Clone(r.Params)
	r.Scope = cloneScope(r.Scope)
	return r
}

func cloneScope(s Scope) Scope {
	s.Platforms, s.Provinces = slices.Clone(s.Platforms), slices.Clone(s.Provinces)
	return s
}

// ParseBlacklistKind reads buyer, phone or address (any case).
func ParseBlacklistKind(s string) (BlacklistKind, error) {
	k := BlacklistKind(strings.ToLower(strings.TrimSpace(s)))
	if slices.Contains(BlacklistKinds(), k) {
		return k, nil
	}
	return "", domain.Errorf(domain.EINVALID, "blacklist.kind.unknown", strings.TrimSpace(s), "buyer, phone, address")
}

// BlacklistKinds lists the kinds of blacklist entries.
func BlacklistKinds() []BlacklistKind {
	return []BlacklistKind{BlacklistBuyer, BlacklistPhone, BlacklistAddress}
}

// NormalizeBlacklistValue is the value as the blacklist keeps and matches it: a buyer id
// trimmed, a phone's digits (NormalizePhone), an address normalised as one line
// (NormalizeAddress with the whole text as the street, which equals the normalised address
// of an order to that place). It refuses an empty value, a masked or implausible phone (a
// number with * in it would match the wrong digits) and overlong text.
func NormalizeBlacklistValue(kind BlacklistKind, value string) (string, error) {
	raw := strings.TrimSpace(value)
	if utf8.RuneCountInString(raw) > MaxBlacklistValue {
		return "", domain.Errorf(domain.EINVALID, "blacklist.value.too_long", MaxBlacklistValue)
	}
	switch kind {
	case BlacklistBuyer:
		if raw == "" {
			return "", domain.Errorf(domain.EINVALID, "blacklist.buyer.invalid")
		}
		return raw, nil
	case BlacklistPhone:
		if strings.ContainsAny(raw, "*＊") || !PlausiblePhone(raw) {
			return "", domain.Errorf(domain.EINVALID, "blacklist.phone.invalid", raw)
		}
		return NormalizePhone(raw), nil
	case BlacklistAddress:
		if v := NormalizeAddress(Address{Street: raw}); v != "" {
			return v, nil
		}
		return "", domain.Errorf(domain.EINVALID, "blacklist.address.invalid")
	}
	_, err := ParseBlacklistKind(string(kind))
	return "", err
}

// AddBlacklist blocks a buyer (platform buyer id), phone or address in one store: the store's
// next orders that match are held as blacklisted. Admin or supervisor; audited
// ("blacklist.add"); a repeat is ECONFLICT "blacklist.exists".
func (s *Service) AddBlacklist(ctx context.Context, actor domain.Actor, storeCode string, kind BlacklistKind, value, reason string) (BlacklistEntry, error) {
	if err := requireAny(actor, ruleEditors()); err != nil {
		return BlacklistEntry{}, err
	}
	kind, err := ParseBlacklistKind(string(kind))
	if err != nil {
		return BlacklistEntry{}, err
	}
	v, err := NormalizeBlacklistValue(kind, value)
	if err != nil {
		return BlacklistEntry{}, err
	}
	reason = strings.TrimSpace(reason)
	if utf8.RuneCountInString(reason) > MaxTextField {
		return BlacklistEntry{}, domain.Invalid([]domain.Problem{{Field: "reason", Key: "order.field.too_long", Args: []any{fmt.Sprint(MaxTextField)}}})
	}
	st, err := s.d.Stores.Find(ctx, storeCode)
	if err != nil {
		return BlacklistEntry{}, fmt.Errorf("add to blacklist: %w", err)
	}
	e := BlacklistEntry{StoreCode: st.Code, Kind: kind, Value: v, Reason: reason, AddedBy: actor.UserID, AddedAt: s.d.Clock.Now()}
	err = s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.d.Rules.AddBlacklist(ctx, &e); err != nil {
			return err
		}
		return s.d.Audit.Record(ctx, actor, "blacklist.add", BlacklistSubject(st.Code), nil, blacklistAudit(e))
	})
	if err != nil {
		return BlacklistEntry{}, fmt.Errorf("add %s to the blacklist of %s: %w", kind, st.Code, err)
	}
	return e, nil
}

// RemoveBlacklist takes the store's entry of that kind and value off the blacklist (a global
// entry is not the store's to remove). Admin or supervisor; audited ("blacklist.remove").
func (s *Service) RemoveBlacklist(ctx context.Context, actor domain.Actor, storeCode string, kind BlacklistKind, value string) (BlacklistEntry, error) {
	if err := requireAny(actor, ruleEditors()); err != nil {
		return BlacklistEntry{}, err
	}
	kind, err := ParseBlacklistKind(string(kind))
	if err != nil {
		return BlacklistEntry{}, err
	}
	v, err := NormalizeBlacklistValue(kind, value)
	if err != nil {
		return BlacklistEntry{}, err
	}
	st, err := s.d.Stores.Find(ctx, storeCode)
	if err != nil {
		return BlacklistEntry{}, fmt.Errorf("remove from blacklist: %w", err)
	}
	removed := BlacklistEntry{StoreCode: st.Code, Kind: kind, Value: v}
	err = s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		var buyer, phone, address string
		switch kind {
		case BlacklistBuyer:
			buyer = v
		case BlacklistPhone:
			phone = v
		case BlacklistAddress:
			address = v
		}
		found, err := s.d.Rules.MatchBlacklist(ctx, st.Code, buyer, phone, address)
		if err != nil {
			return err
		}
		if i := slices.IndexFunc(found, func(e BlacklistEntry) bool { return e.StoreCode == st.Code && e.Kind == kind }); i >= 0 {
			removed = found[i]
		}
		if err := s.d.Rules.RemoveBlacklist(ctx, st.Code, kind, v); err != nil {
			return err
		}
		return s.d.Audit.Record(ctx, actor, "blacklist.remove", BlacklistSubject(st.Code), blacklistAudit(removed), nil)
	})
	if err != nil {
		return BlacklistEntry{}, fmt.Errorf("remove %s from the blacklist of %s: %w", kind, st.Code, err)
	}
	return removed, nil
}

// ListBlacklist returns the entries that apply to the store (its own and the global ones).
// Everyone on the team may list them; phones are masked (MaskPhone) unless the actor is a
// supervisor or an admin, as everywhere personal data is shown.
func (s *Service) ListBlacklist(ctx context.Context, actor domain.Actor, storeCode string) ([]BlacklistEntry, error) {
	if err := requireAny(actor, domain.Roles()); err != nil {
		return nil, err
	}
	st, err := s.d.Stores.Find(ctx, storeCode)
	if err != nil {
		return nil, fmt.Errorf("list blacklist: %w", err)
	}
	entries, err := s.d.Rules.ListBlacklist(ctx, st.Code)
	if err != nil {
		return nil, fmt.Errorf("list blacklist of %s: %w", st.Code, err)
	}
	if requireAny(actor, ruleEditors()) != nil {
		for i := range entries {
			entries[i] = MaskBlacklistEntry(entries[i])
		}
	}
	return entries, nil
}

// MaskBlacklistEntry hides most of a phone entry's digits.
func MaskBlacklistEntry(e BlacklistEntry) BlacklistEntry {
	if e.Kind == BlacklistPhone {
		e.Value = MaskPhone(e.Value)
	}
	return e
}

// BlacklistSubject names a store's blacklist in the audit trail: "blacklist:TM01".
func BlacklistSubject(storeCode string) domain.Subject {
	return domain.Subject("blacklist:" + storeCode)
}

// blacklistAudit is what the audit trail keeps of an entry; the phone is masked, since the
// audit trail is shown to the whole team.
func blacklistAudit(e BlacklistEntry) map[string]any {
	e = MaskBlacklistEntry(e)
	return map[string]any{"kind": string(e.Kind), "value": e.Value, "reason": e.Reason}
}
