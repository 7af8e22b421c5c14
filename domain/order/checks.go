package order

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

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

// incompleteAddress holds an order the courier cannot deliver: a missing province, city,
// district or street, or a street too short to find (SPEC 待聯繫 / 信息不完整).
func incompleteAddress() Check {
	return define(CheckIncompleteAddress, SeverityHold,
		[]Param{
			// The shortest real street detail is a road and a number, 人民路8号: 5 characters.
			// Shorter ones (家里, 公司, 门口) give the courier nothing to find.
			{Name: "min_street", Kind: KindInt, Default: "5"},
			// Most mainland addresses have a district or county; a store shipping to cities
			// without one (东莞, 中山, 儋州) or abroad can turn this off.
			{Name: "require_district", Kind: KindBool, Default: "true"},
		},
		[]FlagKey{
			key(CheckIncompleteAddress, ".province"), key(CheckIncompleteAddress, ".city"),
			key(CheckIncompleteAddress, ".district"), key(CheckIncompleteAddress, ".street"),
			key(CheckIncompleteAddress, ".street_short", "length", "min"),
		},
		func(c checkRun) []Flag {
			a := c.o.Address
			var out []Flag
			if NormalizeText(a.Province) == "" {
				out = append(out, c.flag(".province"))
			}
			if NormalizeText(a.City) == "" {
				out = append(out, c.flag(".city"))
			}
			if c.bool("require_district") && NormalizeText(a.District) == "" {
				out = append(out, c.flag(".district"))
			}
			if NormalizeText(a.Street) == "" {
				return append(out, c.flag(".street"))
			}
			// The length counts what the street adds to province, city and district, without
			// spaces and punctuation: "广东省深圳市南山区 1号" says only "1号".
			rows := provinceRows()
			_, _, _, street := addressParts(&rows, a)
			if n, lo := utf8.RuneCountInString(street), c.int("min_street"); n < lo {
				out = append(out, c.flag(".street_short", strconv.Itoa(n), strconv.Itoa(lo)))
			}
			return out
		})
}

// missingContact holds an order whose buyer cannot be reached: no name, no phone, or a phone
// that cannot be a number (PlausiblePhone).
func missingContact() Check {
	return define(CheckMissingContact, SeverityHold, nil,
		[]FlagKey{
			key(CheckMissingContact, ".name"), key(CheckMissingContact, ".phone"),
			key(CheckMissingContact, ".phone_invalid", "phone"),
		},
		func(c checkRun) []Flag {
			var out []Flag
			if NormalizeText(c.o.Buyer.Name) == "" {
				out = append(out, c.flag(".name"))
			}
			switch phone := c.o.Buyer.Phone; {
			case NormalizePhone(phone) == "":
				out = append(out, c.flag(".phone"))
			case !PlausiblePhone(phone):
				// Masked: the flag is shown in the team channel.
				out = append(out, c.flag(".phone_invalid", MaskPhone(phone)))
			}
			return out
		})
}

// conflictingRegion holds an order whose address names two provinces: the province field and
// a different one in the city, district or street, or two different ones when the province
// field names none. Such a parcel goes to the wrong end of the country or nowhere.
//
// Short names (上海, 北京) count only at the start of a field, and not when they name a street,
// shop or lower-level place there (北京路, 上海大厦, 天津河北区): Chinese cities name streets
// after provinces, and holding every order to 北京路 in Guangzhou would teach people to ignore
// the flag.
func conflictingRegion() Check {
	return define(CheckConflictingRegion, SeverityHold, nil,
		[]FlagKey{
			key(CheckConflictingRegion, "", "province", "named"),
			key(CheckConflictingRegion, ".two", "first", "second"),
		},
		func(c checkRun) []Flag {
			rows := provinceRows()
			given, named := regionsOf(&rows, c.o.Address)
			if len(given) == 0 {
				if len(named) >= 2 {
					return []Flag{c.flag(".two", named[0], named[1])}
				}
				return nil
			}
			var out []Flag
			seen := []string{given[0]}
			for _, p := range append(given[1:], named...) {
				if !slices.Contains(seen, p) {
					seen = append(seen, p)
					out = append(out, c.flag("", given[0], p))
				}
			}
			return out
		})
}

// regionsOf returns the provinces the province field names and those the city, district and
// street name (see regionHits), by canonical name.
func regionsOf(rows *provinceTable, a Address) (given, named []string) {
	given = regionHits(rows, a.Province, false)
	for _, field := range []string{a.City, a.District, a.Street} {
		for _, p := range regionHits(rows, field, true) {
			if !slices.Contains(named, p) {
				named = append(named, p)
			}
		}
	}
	return given, named
}

// exactProvince returns the canonical name when s is a province's name in one of its forms
// (新疆, 新疆維吾爾自治區, Xinjiang) and nothing else.
func exactProvince(rows *provinceTable, s string) (string, bool) {
	norm := NormalizeText(s)
	if alias, name, _ := longestAlias(rows, norm); alias != "" && alias == norm {
		return name, true
	}
	words := asciiWords(s)
	if n, name := longestEnglish(rows, words); n > 0 && n == len(words) && strings.Join(words, "") == norm {
		return name, true
	}
	return "", false
}

// remoteKeywords alerts on addresses in areas the store's carriers do not reach or charge
// extra for. The order goes on (the buyer may have paid the surcharge, or the store ships by
// post); the flag tells the warehouse to choose the carrier.
//
// A keyword that is a province's name matches the provinces the address names (in any form,
// as conflicting_region reads them), not the text: 香港中路 in Qingdao and 西藏中路 in Shanghai
// are not remote. Any other keyword (阿里地区, 三沙, 舟山) matches the normalised address text.
func remoteKeywords() Check {
	return define(CheckRemoteKeywords, SeverityAlert,
		[]Param{
			// The regions Chinese stores exclude from free shipping (偏远地区: 新疆, 西藏, 青海,
			// 内蒙古, 宁夏, 甘肃) and those domestic couriers cannot reach without customs
			// (港澳台). Hainan is reached by most couriers and is left out.
			{Name: "keywords", Kind: KindList, Default: "新疆,西藏,青海,内蒙古,宁夏,甘肃,香港,澳门,台湾"},
		},
		[]FlagKey{key(CheckRemoteKeywords, "", "keywords")},
		func(c checkRun) []Flag {
			rows := provinceRows()
			given, named := regionsOf(&rows, c.o.Address)
			addr := NormalizeAddress(c.o.Address)
			var hits []string
			for _, k := range c.list("keywords") {
				var hit bool
				if p, ok := exactProvince(&rows, k); ok {
					hit = slices.Contains(given, p) || slices.Contains(named, p)
				} else if nk := NormalizeText(k); nk != "" {
					hit = strings.Contains(addr, nk)
				}
				if hit && !slices.Contains(hits, k) {
					hits = append(hits, k)
				}
			}
			if len(hits) > 0 {
				return []Flag{c.flag("", strings.Join(hits, ", "))}
			}
			return nil
		})
}

// duplicateOrder holds an order from the same buyer (phone or platform account) to the same
// address as another order placed within the buffer: usually a double submission or a buyer
// adding items, which the warehouse should merge into one parcel. Cancelled orders do not
// count; shipped ones do (a repeat of a shipped order is still worth a look).
func duplicateOrder() Check {
	return define(CheckDuplicateOrder, SeverityHold,
		[]Param{
			// Half an hour covers a double submission and a buyer coming back for a forgotten
			// item, and is shorter than the warehouse's usual picking wave, so the orders can
			// still be merged.
			{Name: "buffer", Kind: KindDuration, Default: "30m"},
		},
		[]FlagKey{key(CheckDuplicateOrder, "", "orders", "buffer")},
		func(c checkRun) []Flag {
			addr := NormalizeAddress(c.o.Address)
			if addr == "" {
				return nil
			}
			buffer, t := c.duration("buffer"), placedAt(c.o, c.f)
			var ids []string
			for _, r := range c.others() {
				if r.Status != StatusCancelled && sameBuyer(c.o, r) && NormalizeAddress(r.Address) == addr && within(placedAt(r, c.f), t, buffer) {
					ids = append(ids, r.PlatformOrderID)
				}
			}
			if len(ids) == 0 {
				return nil
			}
			return []Flag{c.flag("", joinOrderIDs(ids), FormatDuration(buffer))}
		})
}

// multipleAddresses alerts when the same buyer has other open (not shipped, not cancelled)
// orders to different addresses within the window: gifts are common, but so are reseller
// fraud and account takeover, and the team should see it before the parcels leave.
func multipleAddresses() Check {
	return define(CheckMultipleAddresses, SeverityAlert,
		[]Param{
			// A day: the span of one shopping session and one warehouse cycle.
			{Name: "window", Kind: KindDuration, Default: "24h"},
		},
		[]FlagKey{key(CheckMultipleAddresses, "", "addresses", "orders", "window")},
		func(c checkRun) []Flag {
			addr := NormalizeAddress(c.o.Address)
			if addr == "" {
				return nil
			}
			window, t := c.duration("window"), placedAt(c.o, c.f)
			var ids, addrs []string
			for _, r := range c.others() {
				if r.Status == StatusShipped || r.Status == StatusCancelled || !sameBuyer(c.o, r) || !within(placedAt(r, c.f), t, window) {
					continue
				}
				if ra := NormalizeAddress(r.Address); ra != "" && ra != addr {
					ids = append(ids, r.PlatformOrderID)
					if !slices.Contains(addrs, ra) {
						addrs = append(addrs, ra)
					}
				}
			}
			if len(ids) == 0 {
				return nil
			}
			return []Flag{c.flag("", strconv.Itoa(len(addrs)), joinOrderIDs(ids), FormatDuration(window))}
		})
}

// manyToOneAddress holds an order when more than max_orders orders (this one included, any
// buyer, any status: a cancelled order was still placed) went to one address within some
// window of the given length that contains this order: 惡意下單, coupon abuse and brushing
// (刷单) send many orders to one drop address.
//
// HOLD rather than ALERT: a malicious batch that ships cannot be taken back (goods, shipping
// and the coupon are gone), while an honest bulk buyer waits only minutes for a person to
// release the order; with the default of more than 5 in an hour honest cases are rare.
func manyToOneAddress() Check {
	return define(CheckManyToOneAddress, SeverityHold,
		[]Param{
			// A family or an office rarely places more than 5 separate orders with one store
			// within an hour; malicious batches place dozens.
			{Name: "max_orders", Kind: KindInt, Default: "5"},
			{Name: "window", Kind: KindDuration, Default: "1h"},
		},
		[]FlagKey{key(CheckManyToOneAddress, "", "count", "window", "max")},
		func(c checkRun) []Flag {
			addr := NormalizeAddress(c.o.Address)
			if addr == "" {
				return nil
			}
			window, t := c.duration("window"), placedAt(c.o, c.f)
			times := []time.Time{t}
			for _, r := range c.others() {
				if rt := placedAt(r, c.f); within(rt, t, window) && NormalizeAddress(r.Address) == addr {
					times = append(times, rt)
				}
			}
			// The busiest window of the given length that contains t: one starting at each
			// order placed up to a window before t.
			best := 0
			for _, start := range times {
				if start.After(t) || t.Sub(start) > window {
					continue
				}
				n := 0
				for _, x := range times {
					if !x.Before(start) && x.Sub(start) <= window {
						n++
					}
				}
				best = max(best, n)
			}
			if lim := c.int("max_orders"); best > lim {
				return []Flag{c.flag("", strconv.Itoa(best), FormatDuration(window), strconv.Itoa(lim))}
			}
			return nil
		})
}

// blacklisted holds an order whose buyer, phone or address is on the store's or the global
// blacklist (the service finds the entries; see Facts.Blacklisted), with the entry's reason.
func blacklisted() Check {
	return define(CheckBlacklisted, SeverityHold, nil,
		[]FlagKey{
			key(CheckBlacklisted, ".buyer", "buyer", "reason"),
			key(CheckBlacklisted, ".phone", "phone", "reason"),
			key(CheckBlacklisted, ".address", "reason"),
			key(CheckBlacklisted, "", "kind", "reason"),
		},
		func(c checkRun) []Flag {
			var out []Flag
			seen := map[string]bool{}
			for _, e := range c.f.Blacklisted {
				id := string(e.Kind) + "\x00" + e.Value
				if seen[id] {
					continue
				}
				seen[id] = true
				switch e.Kind {
				case BlacklistBuyer:
					out = append(out, c.flag(".buyer", e.Value, e.Reason))
				case BlacklistPhone:
					// Masked: the flag is shown in the team channel.
					out = append(out, c.flag(".phone", MaskPhone(e.Value), e.Reason))
				case BlacklistAddress:
					// The address is on the card already (masked as the card masks it).
					out = append(out, c.flag(".address", e.Reason))
				default:
					out = append(out, c.flag("", string(e.Kind), e.Reason))
				}
			}
			return out
		})
}

// unpaid holds an order that is not paid, partly paid, or paid less than it owes (goods +
// shipping − discount − tolerance): the warehouse must not ship goods nobody paid for. An
// order in an unknown payment status counts as unpaid. Refunds are refund_requested's.
func unpaid() Check {
	return define(CheckUnpaid, SeverityHold,
		[]Param{
			// The platform computed both amounts; any shortfall is money the store will not get.
			{Name: "tolerance", Kind: KindMoney, Default: "0.00"},
			// Cash on delivery is unpaid by design until the courier collects.
			{Name: "exempt_methods", Kind: KindList, Default: "cod,货到付款,貨到付款,cash on delivery"},
		},
		[]FlagKey{
			key(CheckUnpaid, ""),
			key(CheckUnpaid, ".partial", "paid", "due"),
			key(CheckUnpaid, ".short", "paid", "due"),
		},
		func(c checkRun) []Flag {
			method := NormalizeText(c.o.PaymentMethod)
			for _, m := range c.list("exempt_methods") {
				if nm := NormalizeText(m); nm != "" && nm == method {
					return nil
				}
			}
			paid, due := c.o.Amounts.Paid, Due(c.o)
			switch c.o.PaymentStatus {
			case PaymentRefundRequested, PaymentRefunded:
				return nil
			case PaymentPaid:
				if paid+c.money("tolerance") < due {
					return []Flag{c.flag(".short", paid.String(), due.String())}
				}
				return nil
			case PaymentPartial:
				return []Flag{c.flag(".partial", paid.String(), due.String())}
			}
			return []Flag{c.flag("")}
		})
}

// refundRequested holds an order whose buyer asked the platform for a refund, or was refunded:
// shipping it loses the goods too.
func refundRequested() Check {
	return define(CheckRefundRequested, SeverityHold, nil,
		[]FlagKey{key(CheckRefundRequested, ""), key(CheckRefundRequested, ".refunded")},
		func(c checkRun) []Flag {
			switch c.o.PaymentStatus {
			case PaymentRefundRequested:
				return []Flag{c.flag("")}
			case PaymentRefunded:
				return []Flag{c.flag(".refunded")}
			}
			return nil
		})
}

// oversold holds an order that asks for more of a SKU (all its lines together) than the stock
// StoreOps knows is available to it (Facts.Stock, before this order is deducted). SKUs whose
// stock is unknown are not judged.
func oversold() Check {
	return define(CheckOversold, SeverityHold, nil,
		[]FlagKey{key(CheckOversold, "", "sku", "quantity", "stock")},
		func(c checkRun) []Flag {
			var out []Flag
			for _, q := range quantities(c.o) {
				if stock, ok := c.f.Stock[q.sku]; ok && q.n > stock {
					out = append(out, c.flag("", q.sku, strconv.Itoa(q.n), strconv.Itoa(stock)))
				}
			}
			return out
		})
}

type skuQuantity struct {
	sku string
	n   int
}

// quantities sums the order's lines per SKU, in the order SKUs first appear.
func quantities(o Order) []skuQuantity {
	var out []skuQuantity
	for _, it := range o.Items {
		i := slices.IndexFunc(out, func(q skuQuantity) bool { return q.sku == it.SKU })
		if i < 0 {
			out = append(out, skuQuantity{sku: it.SKU})
			i = len(out) - 1
		}
		out[i].n += it.Quantity
	}
	return out
}

// abnormalQuantity alerts on an order with an unusual number of pieces or of different SKUs,
// and on a line with a quantity below 1 (a platform or import error).
func abnormalQuantity() Check {
	return define(CheckAbnormalQuantity, SeverityAlert,
		[]Param{
			// A retail buyer takes 1 to a few dozen pieces; more than 50 is a reseller or a
			// mistyped quantity, and worth a look before picking.
			{Name: "min_items", Kind: KindInt, Default: "1"},
			{Name: "max_items", Kind: KindInt, Default: "50"},
			// Baskets of more than 20 different SKUs are rare in retail and slow to pick.
			{Name: "min_skus", Kind: KindInt, Default: "1"},
			{Name: "max_skus", Kind: KindInt, Default: "20"},
		},
		[]FlagKey{
			key(CheckAbnormalQuantity, ".items", "count", "min", "max"),
			key(CheckAbnormalQuantity, ".skus", "count", "min", "max"),
			key(CheckAbnormalQuantity, ".line", "sku", "quantity"),
		},
		func(c checkRun) []Flag {
			var out []Flag
			for _, it := range c.o.Items {
				if it.Quantity < 1 {
					out = append(out, c.flag(".line", it.SKU, strconv.Itoa(it.Quantity)))
				}
			}
			if n, lo, hi := c.o.ItemCount(), c.int("min_items"), c.int("max_items"); n < lo || n > hi {
				out = append(out, c.flag(".items", strconv.Itoa(n), strconv.Itoa(lo), strconv.Itoa(hi)))
			}
			if n, lo, hi := len(quantities(c.o)), c.int("min_skus"), c.int("max_skus"); n < lo || n > hi {
				out = append(out, c.flag(".skus", strconv.Itoa(n), strconv.Itoa(lo), strconv.Itoa(hi)))
			}
			return out
		})
}

// amountOutOfRange alerts on an order amount (AmountOf: paid, or due while unpaid) above the
// maximum or below the minimum.
func amountOutOfRange() Check {
	return define(CheckAmountOutOfRange, SeverityAlert,
		[]Param{
			// ¥0.00 orders are coupon abuse or a pricing mistake (0元购).
			{Name: "min_amount", Kind: KindMoney, Default: "0.01"},
			// ¥20,000 is far above a retail basket and near the single-payment limits of
			// common payment accounts; such orders deserve a look before they ship.
			{Name: "max_amount", Kind: KindMoney, Default: "20000.00"},
		},
		[]FlagKey{
			key(CheckAmountOutOfRange, ".high", "amount", "max"),
			key(CheckAmountOutOfRange, ".low", "amount", "min"),
		},
		func(c checkRun) []Flag {
			amount := AmountOf(c.o)
			if hi := c.money("max_amount"); amount > hi {
				return []Flag{c.flag(".high", amount.String(), hi.String())}
			}
			if lo := c.money("min_amount"); amount < lo {
				return []Flag{c.flag(".low", amount.String(), lo.String())}
			}
			return nil
		})
}

// belowFloorPrice holds an order line sold below the SKU's floor price (Facts.FloorPrice): a
// pricing mistake or a stacked coupon that sells at a loss, to be confirmed before it ships.
func belowFloorPrice() Check {
	return define(CheckBelowFloorPrice, SeverityHold, nil,
		[]FlagKey{key(CheckBelowFloorPrice, "", "sku", "price", "floor")},
		func(c checkRun) []Flag {
			var out []Flag
			for _, it := range c.o.Items {
				if floor, ok := c.f.FloorPrice[it.SKU]; ok && it.UnitPrice < floor {
					out = append(out, c.flag("", it.SKU, it.UnitPrice.String(), floor.String()))
				}
			}
			return out
		})
}

// remarkKeywords alerts when the buyer's or the customer service's remark contains a watched
// keyword: a threat of a bad review or a complaint, a refund in the making, haggling. The
// order goes on; someone should read the remark before it ships.
func remarkKeywords() Check {
	return define(CheckRemarkKeywords, SeverityAlert,
		[]Param{
			// Words that precede after-sales trouble on Chinese platforms (refund, return, bad
			// review, complaint, fake goods, the 12315 consumer hotline, reporting to the
			// regulator: 举报), haggling, in simplified and traditional forms and English.
			{Name: "keywords", Kind: KindList, Default: "退款,退货,退貨,差评,差評,投诉,投訴,假货,假貨,便宜点,便宜點,12315,举报,舉報,refund,fake,complaint,cheaper,chargeback"},
		},
		[]FlagKey{
			key(CheckRemarkKeywords, ".buyer", "keywords"),
			key(CheckRemarkKeywords, ".service", "keywords"),
		},
		func(c checkRun) []Flag {
			var out []Flag
			keywords := c.list("keywords")
			if hits := matchKeywords(c.o.BuyerRemark, keywords); len(hits) > 0 {
				out = append(out, c.flag(".buyer", strings.Join(hits, ", ")))
			}
			if hits := matchKeywords(c.o.ServiceRemark, keywords); len(hits) > 0 {
				out = append(out, c.flag(".service", strings.Join(hits, ", ")))
			}
			return out
		})
}
