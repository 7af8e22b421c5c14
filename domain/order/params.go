package order

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"storeops/domain"
)

// ValidateRule names everything wrong with a rule, each with a catalog key:
//   - "rules.check.unknown" (check, known checks) on field "check";
//   - "rules.severity.invalid" (severity, allowed severities) on field "severity";
//   - "rules.param.unknown" (param, check, the check's params) on the param's name;
//   - "rules.param.invalid" (param, value, expected kind) on the param's name;
//   - "rules.param.order" (min param, its value, max param, its value) on the max param, when
//     a min_X parameter is above its max_X;
//   - "rules.scope.amount" (min, max) on field "scope" when an amount bound is negative or the
//     minimum is above the maximum;
//   - "rules.scope.province" (value) on field "scope" for a province the review cannot recognise.
func ValidateRule(r Rule) []domain.Problem {
	c, ok := FindCheck(r.Check)
	if !ok {
		return []domain.Problem{{Field: "check", Key: "rules.check.unknown", Args: []any{r.Check, strings.Join(CheckNames(), ", ")}}}
	}
	var out []domain.Problem
	if r.Severity != SeverityHold && r.Severity != SeverityAlert {
		out = append(out, domain.Problem{Field: "severity", Key: "rules.severity.invalid",
			Args: []any{string(r.Severity), string(SeverityHold) + ", " + string(SeverityAlert)}})
	}
	kinds := map[string]string{}
	var names []string
	for _, p := range c.Params {
		kinds[p.Name] = p.Kind
		names = append(names, p.Name)
	}
	set := make([]string, 0, len(r.Params))
	for name := range r.Params {
		set = append(set, name)
	}
	sort.Strings(set)
	for _, name := range set {
		kind, known := kinds[name]
		switch {
		case !known:
			out = append(out, domain.Problem{Field: name, Key: "rules.param.unknown", Args: []any{name, c.Name, strings.Join(names, ", ")}})
		case parseParam(kind, r.Params[name]) != nil:
			out = append(out, domain.Problem{Field: name, Key: "rules.param.invalid", Args: []any{name, r.Params[name], kind}})
		}
	}
	// A minimum above its maximum would flag every order: min_items and max_items, min_amount
	// and max_amount, … are compared with the values the rule would run with.
	for _, p := range c.Params {
		rest, isMin := strings.CutPrefix(p.Name, "min_")
		if !isMin {
			continue
		}
		maxName := "max_" + rest
		if _, ok := kinds[maxName]; !ok {
			continue
		}
		lo, hi := c.ParamValue(r, p.Name), c.ParamValue(r, maxName)
		if compareParam(p.Kind, lo, hi) > 0 {
			out = append(out, domain.Problem{Field: maxName, Key: "rules.param.order", Args: []any{p.Name, lo, maxName, hi}})
		}
	}
	s := r.Scope
	if s.MinAmount < 0 || s.MaxAmount < 0 || (s.MaxAmount > 0 && s.MinAmount > s.MaxAmount) {
		out = append(out, domain.Problem{Field: "scope", Key: "rules.scope.amount", Args: []any{s.MinAmount.String(), s.MaxAmount.String()}})
	}
	for _, p := range s.Provinces {
		if _, ok := ProvinceOf(p); !ok {
			out = append(out, domain.Problem{Field: "scope", Key: "rules.scope.province", Args: []any{p}})
		}
	}
	return out
}

// parseParam says whether v is a valid value of kind.
func parseParam(kind, v string) error {
	var err error
	switch kind {
	case KindInt:
		_, err = ParseIntParam(v)
	case KindMoney:
		_, err = ParseMoneyParam(v)
	case KindDuration:
		_, err = ParseDurationParam(v)
	case KindBool:
		_, err = ParseBoolParam(v)
	case KindList:
		ParseListParam(v)
	default:
		err = fmt.Errorf("unknown parameter kind %q", kind)
	}
	return err
}

// compareParam compares two valid values of an ordered kind (int, money, duration).
func compareParam(kind, a, b string) int {
	switch kind {
	case KindInt:
		x, _ := ParseIntParam(a)
		y, _ := ParseIntParam(b)
		return x - y
	case KindMoney:
		x, _ := ParseMoneyParam(a)
		y, _ := ParseMoneyParam(b)
		return int(x - y)
	case KindDuration:
		x, _ := ParseDurationParam(a)
		y, _ := ParseDurationParam(b)
		return int(x - y)
	}
	return 0
}

// ParseIntParam reads a whole number ≥ 0: counts and lengths are never negative.
func ParseIntParam(s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%q is not a whole number ≥ 0", s)
	}
	return n, nil
}

// ParseMoneyParam reads an amount ≥ 0 (domain.ParseMoney: at most two decimals, ¥ allowed).
func ParseMoneyParam(s string) (domain.Money, error) {
	m, err := domain.ParseMoney(s)
	if err != nil {
		return 0, err
	}
	if m < 0 {
		return 0, fmt.Errorf("%q is negative", s)
	}
	return m, nil
}

// ParseDurationParam reads a positive span in Go's notation ("30m", "1h30m") or whole days
// ("2d"), which is how people think of longer windows. A zero window would turn a check off
// silently (disabling the rule says so); days stop at 366 because the service loads that much
// history for every order (MaxWindow).
func ParseDurationParam(s string) (time.Duration, error) {
	const longest = 366 * 24 * time.Hour
	s = strings.TrimSpace(s)
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n <= 0 || n > 366 {
			return 0, fmt.Errorf("%q is not a number of days from 1 to 366", s)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 || d > longest {
		return 0, fmt.Errorf("%q is not a positive duration of at most 366 days", s)
	}
	return d, nil
}

// ParseBoolParam reads true/false, yes/no, on/off, 1/0, in any case.
func ParseBoolParam(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "yes", "on", "1", "y", "t":
		return true, nil
	case "false", "no", "off", "0", "n", "f":
		return false, nil
	}
	return false, fmt.Errorf("%q is not true or false", s)
}

// ParseListParam splits a list on commas (ASCII and full-width), 、, semicolons and new lines,
// the separators Chinese and English typists use, and drops empty entries. Every text is a
// valid list.
func ParseListParam(s string) []string {
	fields := strings.FieldsFunc(s, func(r rune) bool {
		return strings.ContainsRune(",，、;；\n\r", r)
	})
	out := make([]string, 0, len(fields))
	for _, f := range fields {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// FormatDuration shows a window the way people write it: "30m", "24h", "1h30m".
func FormatDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
