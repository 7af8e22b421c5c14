package order

import (
	"slices"
	"strings"
	"time"
)

// DefaultRules is the rule set a new store starts with: one rule per check, enabled, with the
// check's default severity, no scope and no parameter overrides. Leaving the parameters out
// means a store that never tuned a threshold follows the defaults as they improve; a store
// that set one keeps its own.
func DefaultRules() []Rule {
	checks := Checks()
	rules := make([]Rule, 0, len(checks))
	for _, c := range checks {
		rules = append(rules, c.Default)
	}
	return rules
}

// Review runs the rules on an order: every enabled rule whose check exists and whose scope
// matches the order. It returns the findings HOLD first, then by check name (each check's own
// order kept), with repeats removed (two rules of one check with overlapping scopes find the
// same thing; the more severe copy stays). Rules naming an unknown check are skipped, so that
// a rule set saved by a newer version still reviews; a rule with an invalid severity runs with
// its check's default one.
func Review(o Order, f Facts, rules []Rule) []Flag {
	checks := map[string]Check{}
	for _, c := range Checks() {
		checks[c.Name] = c
	}
	var flags []Flag
	for _, r := range rules {
		c, ok := checks[r.Check]
		if !ok || !r.Enabled || !r.Scope.Matches(o, f.Platform) {
			continue
		}
		if r.Severity != SeverityHold && r.Severity != SeverityAlert {
			r.Severity = c.Default.Severity
		}
		for _, fl := range c.Run(o, f, r) {
			// The review, not the check, vouches for these two.
			fl.Check, fl.Severity = c.Name, r.Severity
			flags = append(flags, fl)
		}
	}
	slices.SortStableFunc(flags, func(a, b Flag) int {
		if a.Severity != b.Severity {
			if a.Severity == SeverityHold {
				return -1
			}
			if b.Severity == SeverityHold {
				return 1
			}
		}
		return strings.Compare(a.Check, b.Check)
	})
	var out []Flag
	seen := map[string]bool{}
	for _, fl := range flags {
		id := fl.Check + "\x00" + fl.Key + "\x00" + strings.Join(fl.Args, "\x00")
		if !seen[id] {
			seen[id] = true
			out = append(out, fl)
		}
	}
	return out
}

// Matches says whether the scope covers the order of a store on platform: the platform is one
// of Platforms (any case), the order amount (AmountOf) is within [MinAmount, MaxAmount] (both
// inclusive, zero meaning no bound), and the province is one of Provinces (in any of its
// names: 广东, 廣東省 and Guangdong are one). An empty part matches every order.
func (s Scope) Matches(o Order, platform string) bool {
	if len(s.Platforms) > 0 && !slices.ContainsFunc(s.Platforms, func(p string) bool {
		return strings.EqualFold(strings.TrimSpace(p), strings.TrimSpace(platform))
	}) {
		return false
	}
	amount := AmountOf(o)
	if (s.MinAmount > 0 && amount < s.MinAmount) || (s.MaxAmount > 0 && amount > s.MaxAmount) {
		return false
	}
	if len(s.Provinces) > 0 {
		want := provinceKey(o.Address.Province)
		if want == "" || !slices.ContainsFunc(s.Provinces, func(p string) bool { return provinceKey(p) == want }) {
			return false
		}
	}
	return true
}

// provinceKey is what two province names are compared by: the canonical name when the
// province is recognised, the normalised text otherwise.
func provinceKey(s string) string {
	if name, ok := ProvinceOf(s); ok {
		return name
	}
	return NormalizeText(s)
}

// MaxWindow is the longest buffer or window (every duration parameter) of the enabled rules
// whose check exists, so that the service loads Facts.Recent from far enough back; 0 when no
// enabled rule looks at other orders.
func MaxWindow(rules []Rule) time.Duration {
	checks := map[string]Check{}
	for _, c := range Checks() {
		checks[c.Name] = c
	}
	var longest time.Duration
	for _, r := range rules {
		c, ok := checks[r.Check]
		if !ok || !r.Enabled {
			continue
		}
		for _, p := range c.Params {
			if p.Kind != KindDuration {
				continue
			}
			if d, err := ParseDurationParam(c.ParamValue(r, p.Name)); err == nil {
				longest = max(longest, d)
			}
		}
	}
	return longest
}

// Decide is the status the review's findings give an order: held when any of them is HOLD,
// released otherwise (ALERT flags travel with the released order).
func Decide(flags []Flag) Status {
	for _, f := range flags {
		if f.Severity == SeverityHold {
			return StatusHeld
		}
	}
	return StatusReleased
}
