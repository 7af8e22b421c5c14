package order

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"storeops/domain"
)

// The checks of the order review (SPEC §2), by name. A name is what a store's rule refers to,
// what `/ops rules <store> set <check> …` takes, and the middle of its catalog keys
// ("check.<name>", "flag.<name>…").
const (
	CheckIncompleteAddress = "incomplete_address"
	CheckMissingContact    = "missing_contact"
	CheckConflictingRegion = "conflicting_region"
	CheckRemoteKeywords    = "remote_keywords"
	CheckDuplicateOrder    = "duplicate_order"
	CheckMultipleAddresses = "multiple_addresses"
	CheckManyToOneAddress  = "many_to_one_address"
	CheckBlacklisted       = "blacklisted"
	CheckUnpaid            = "unpaid"
	CheckRefundRequested   = "refund_requested"
	CheckOversold          = "oversold"
	CheckAbnormalQuantity  = "abnormal_quantity"
	CheckAmountOutOfRange  = "amount_out_of_range"
	CheckBelowFloorPrice   = "below_floor_price"
	CheckRemarkKeywords    = "remark_keywords"
)

// The kinds of check parameters; each has its parser below, so that a bad value is refused
// when an admin sets it (ValidateRule) rather than found when an order arrives.
const (
	// KindInt is a whole number ≥ 0: "5".
	KindInt = "int"
	// KindMoney is an amount ≥ 0 in yuan with at most two decimals: "20000.00", "¥0.01".
	KindMoney = "money"
	// KindDuration is a positive span: "30m", "1h30m", "24h", "2d".
	KindDuration = "duration"
	// KindList is a list separated by commas (, ，、;；) or new lines; it may be empty.
	KindList = "list"
	// KindBool is true/false, yes/no, on/off, 1/0.
	KindBool = "bool"
)

// Check is one review check: its name, its default rule, its parameters, the catalog keys its
// flags use, and the pure function that runs it.
type Check struct {
	Name string
	// Summary is the catalog key of a one-line description: "check.<name>".
	Summary string
	// Default is the rule a new store starts with: enabled, with the default severity and no
	// parameter overrides (the parameters' defaults apply; see Params).
	Default Rule
	Params  []Param
	// Keys are the flag keys Run may produce, with the names of their arguments, so that the
	// message catalogs can be written and tested against them.
	Keys []FlagKey
	// Run returns the check's findings for the order, each with Check = Name and Severity =
	// r.Severity. A parameter missing from r, or one that does not parse (ValidateRule refuses
	// those on the way in), takes its default.
	Run func(o Order, f Facts, r Rule) []Flag
}

// Param is one tunable parameter of a check. Values are text, so that one command sets any of
// them; Kind says how the text is read.
type Param struct {
	Name    string
	Kind    string
	Default string
}

// FlagKey is one catalog key a check's flags use and the names of its arguments, in order.
type FlagKey struct {
	Key  string
	Args []string
}

// Checks returns the review checks in the order SPEC §2 lists them. It builds a fresh slice
// on every call, so no caller can change another's checks.
func Checks() []Check {
	return []Check{
		incompleteAddress(), missingContact(), conflictingRegion(), remoteKeywords(),
		duplicateOrder(), multipleAddresses(), manyToOneAddress(), blacklisted(),
		unpaid(), refundRequested(), oversold(), abnormalQuantity(), amountOutOfRange(),
		belowFloorPrice(), remarkKeywords(),
	}
}

// CheckNames returns the names of the checks, in the order of Checks.
func CheckNames() []string {
	var names []string
	for _, c := range Checks() {
		names = append(names, c.Name)
	}
	return names
}

// FindCheck returns the check with that name.
func FindCheck(name string) (Check, bool) {
	for _, c := range Checks() {
		if c.Name == name {
			return c, true
		}
	}
	return Check{}, false
}

// ParamValue is the value of the parameter that r runs with: its own when it is set and valid,
// the default otherwise ("" for a parameter the check does not have). `/ops rules` shows it.
func (c Check) ParamValue(r Rule, name string) string {
	for _, p := range c.Params {
		if p.Name != name {
			continue
		}
		if v, ok := r.Params[name]; ok && parseParam(p.Kind, v) == nil {
			return v
		}
		return p.Default
	}
	return ""
}

// define builds a check whose run reads its parameters through a checkRun.
func define(name string, severity Severity, params []Param, keys []FlagKey, run func(c checkRun) []Flag) Check {
	return Check{
		Name:    name,
		Summary: "check." + name,
		Default: Rule{Check: name, Enabled: true, Severity: severity},
		Params:  params,
		Keys:    keys,
		Run: func(o Order, f Facts, r Rule) []Flag {
			return run(checkRun{o: o, f: f, rule: r, name: name, params: params})
		},
	}
}

// key describes one flag key of a check: "flag.<check><suffix>" and its argument names.
func key(check, suffix string, args ...string) FlagKey {
	return FlagKey{Key: "flag." + check + suffix, Args: args}
}

// checkRun is one run of a check: the order, its facts, the rule, and the parameter readers.
type checkRun struct {
	o      Order
	f      Facts
	rule   Rule
	name   string
	params []Param
}

// flag builds a finding with the catalog key "flag.<check><suffix>".
func (c checkRun) flag(suffix string, args ...string) Flag {
	return Flag{Check: c.name, Severity: c.rule.Severity, Key: "flag." + c.name + suffix, Args: args}
}

// value is the parameter's text: the rule's when it parses, the default otherwise.
func (c checkRun) value(name string) string {
	if !slices.ContainsFunc(c.params, func(p Param) bool { return p.Name == name }) {
		panic("order: check " + c.name + " reads undeclared parameter " + name)
	}
	return Check{Params: c.params}.ParamValue(c.rule, name)
}

func (c checkRun) int(name string) int {
	n, _ := ParseIntParam(c.value(name))
	return n
}

func (c checkRun) money(name string) domain.Money {
	m, _ := ParseMoneyParam(c.value(name))
	return m
}

func (c checkRun) duration(name string) time.Duration {
	d, _ := ParseDurationParam(c.value(name))
	return d
}

func (c checkRun) bool(name string) bool {
	b, _ := ParseBoolParam(c.value(name))
	return b
}

func (c checkRun) list(name string) []string { return ParseListParam(c.value(name)) }

// others are the recent orders other than o itself, each once (the repository excludes o,
// but a fact list built elsewhere might not).
func (c checkRun) others() []Order {
	seen := map[string]bool{c.o.StoreCode + "/" + c.o.PlatformOrderID: true}
	var out []Order
	for _, r := range c.f.Recent {
		if (c.o.ID != 0 && r.ID == c.o.ID) || seen[r.StoreCode+"/"+r.PlatformOrderID] {
			continue
		}
		seen[r.StoreCode+"/"+r.PlatformOrderID] = true
		out = append(out, r)
	}
	return out
}

// placedAt is when the order was placed on the platform, or when StoreOps received it when
// the platform did not say, or now for an order not received yet.
func placedAt(o Order, f Facts) time.Time {
	switch {
	case !o.PlacedAt.IsZero():
		return o.PlacedAt
	case !o.ReceivedAt.IsZero():
		return o.ReceivedAt
	}
	return f.Now
}

// within says whether a and b are at most d apart (exactly d counts).
func within(a, b time.Time, d time.Duration) bool {
	diff := a.Sub(b)
	if diff < 0 {
		diff = -diff
	}
	return diff <= d
}

// sameBuyer says whether two orders come from one buyer: the same phone or the same platform
// account. A name is not enough (many buyers share one).
func sameBuyer(a, b Order) bool {
	if p := NormalizePhone(a.Buyer.Phone); p != "" && p == NormalizePhone(b.Buyer.Phone) {
		return true
	}
	id := strings.TrimSpace(a.Buyer.PlatformID)
	return id != "" && id == strings.TrimSpace(b.Buyer.PlatformID)
}

// Due is what the buyer owes: goods + shipping − discount.
func Due(o Order) domain.Money {
	return o.Amounts.Goods + o.Amounts.Shipping - o.Amounts.Discount
}

// AmountOf is the amount the review and the rule scopes look at: what was paid, or what is due
// while nothing is paid yet (an unpaid or cash-on-delivery order is still a large or a small
// order).
func AmountOf(o Order) domain.Money {
	if o.Amounts.Paid > 0 {
		return o.Amounts.Paid
	}
	return Due(o)
}

// joinOrderIDs lists platform order ids for a flag, at most 5 and then "+N", so that a card
// stays readable when a buyer placed dozens.
func joinOrderIDs(ids []string) string {
	const show = 5
	if len(ids) <= show {
		return strings.Join(ids, ", ")
	}
	return strings.Join(ids[:show], ", ") + fmt.Sprintf(" +%d", len(ids)-show)
}

// matchKeywords returns the keywords (as configured) whose normalised form occurs in the
// normalised text, each once.
func matchKeywords(text string, keywords []string) []string {
	norm := NormalizeText(text)
	var out []string
	for _, k := range keywords {
		if nk := NormalizeText(k); nk != "" && strings.Contains(norm, nk) && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}
