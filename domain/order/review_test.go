package order

import (
	"slices"
	"testing"
	"time"
)

// troubled is the clean order with two HOLD and two ALERT findings.
func troubled() Order {
	o := cleanOrder()
	o.PaymentStatus, o.Amounts.Paid = PaymentUnpaid, 0 // unpaid: HOLD
	o.Address.Street = "家里"                            // incomplete_address: HOLD
	o.BuyerRemark = "便宜点，不然差评"                         // remark_keywords: ALERT
	o.Items[0].Quantity = 60                           // abnormal_quantity: ALERT
	return o
}

func withRule(rules []Rule, check string, change func(*Rule)) []Rule {
	out := slices.Clone(rules)
	for i := range out {
		if out[i].Check == check {
			change(&out[i])
		}
	}
	return out
}

func checksOf(flags []Flag) []string {
	var out []string
	for _, f := range flags {
		out = append(out, string(f.Severity)+" "+f.Check)
	}
	return out
}

func TestReview(t *testing.T) {
	facts := cleanFacts()
	cases := []struct {
		name  string
		rules []Rule
		want  []string
		dec   Status
	}{
		{"defaults: HOLD first, then by check", DefaultRules(), []string{
			"hold incomplete_address", "hold unpaid", "alert abnormal_quantity", "alert remark_keywords"}, StatusHeld},
		{"disabled rule", withRule(DefaultRules(), CheckUnpaid, func(r *Rule) { r.Enabled = false }), []string{
			"hold incomplete_address", "alert abnormal_quantity", "alert remark_keywords"}, StatusHeld},
		{"severity lowered to ALERT", withRule(withRule(DefaultRules(), CheckUnpaid, func(r *Rule) { r.Severity = SeverityAlert }),
			CheckIncompleteAddress, func(r *Rule) { r.Severity = SeverityAlert }), []string{
			"alert abnormal_quantity", "alert incomplete_address", "alert remark_keywords", "alert unpaid"}, StatusReleased},
		{"severity raised to HOLD", withRule(DefaultRules(), CheckRemarkKeywords, func(r *Rule) { r.Severity = SeverityHold }), []string{
			"hold incomplete_address", "hold remark_keywords", "hold unpaid", "alert abnormal_quantity"}, StatusHeld},
		{"invalid severity runs with the default", withRule(DefaultRules(), CheckUnpaid, func(r *Rule) { r.Severity = "" }), []string{
			"hold incomplete_address", "hold unpaid", "alert abnormal_quantity", "alert remark_keywords"}, StatusHeld},
		{"param override", withRule(DefaultRules(), CheckAbnormalQuantity, func(r *Rule) { r.Params = map[string]string{"max_items": "100"} }), []string{
			"hold incomplete_address", "hold unpaid", "alert remark_keywords"}, StatusHeld},
		{"scope of another platform", withRule(DefaultRules(), CheckUnpaid, func(r *Rule) { r.Scope.Platforms = []string{"jd", "pinduoduo"} }), []string{
			"hold incomplete_address", "alert abnormal_quantity", "alert remark_keywords"}, StatusHeld},
		{"scope of this platform, any case", withRule(DefaultRules(), CheckUnpaid, func(r *Rule) { r.Scope.Platforms = []string{"jd", "TMall"} }), []string{
			"hold incomplete_address", "hold unpaid", "alert abnormal_quantity", "alert remark_keywords"}, StatusHeld},
		{"scope of other provinces", withRule(DefaultRules(), CheckIncompleteAddress, func(r *Rule) { r.Scope.Provinces = []string{"广东", "上海"} }), []string{
			"hold unpaid", "alert abnormal_quantity", "alert remark_keywords"}, StatusHeld},
		{"only ALERT rules left", []Rule{DefaultRules()[11], DefaultRules()[14]}, []string{
			"alert abnormal_quantity", "alert remark_keywords"}, StatusReleased},
		{"unknown check ignored", append(DefaultRules(), Rule{Check: "teleport", Enabled: true, Severity: SeverityHold}), []string{
			"hold incomplete_address", "hold unpaid", "alert abnormal_quantity", "alert remark_keywords"}, StatusHeld},
		{"no rules", nil, nil, StatusReleased},
	}
	for _, c := range cases {
		flags := Review(troubled(), facts, c.rules)
		if got := checksOf(flags); !slices.Equal(got, c.want) {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
		if got := Decide(flags); got != c.dec {
			t.Errorf("%s: Decide = %s, want %s", c.name, got, c.dec)
		}
	}
}

// Two rules of one check whose scopes both match find the same thing once, the HOLD copy kept.
func TestReviewRemovesRepeats(t *testing.T) {
	o := cleanOrder()
	o.BuyerRemark = "差评，快发货"
	rules := []Rule{
		{Check: CheckRemarkKeywords, Enabled: true, Severity: SeverityAlert},
		{Check: CheckRemarkKeywords, Enabled: true, Severity: SeverityHold, Scope: Scope{Platforms: []string{"tmall"}}},
		{Check: CheckRemarkKeywords, Enabled: true, Severity: SeverityAlert, Params: map[string]string{"keywords": "差评,发货"}},
	}
	got := describe(Review(o, cleanFacts(), rules))
	want := []string{"flag.remark_keywords.buyer 差评", "flag.remark_keywords.buyer 差评, 发货"}
	if !slices.Equal(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	if flags := Review(o, cleanFacts(), rules); flags[0].Severity != SeverityHold || flags[1].Severity != SeverityAlert {
		t.Errorf("severities %q", checksOf(flags))
	}
}

func TestScopeMatches(t *testing.T) {
	o := cleanOrder() // paid 137.80, 浙江省, on tmall
	unpaid := cleanOrder()
	unpaid.PaymentStatus, unpaid.Amounts.Paid = PaymentUnpaid, 0
	cases := []struct {
		name  string
		scope Scope
		order Order
		want  bool
	}{
		{"empty", Scope{}, o, true},
		{"platform", Scope{Platforms: []string{"taobao", "tmall"}}, o, true},
		{"platform any case and spaces", Scope{Platforms: []string{" TMALL "}}, o, true},
		{"other platform", Scope{Platforms: []string{"jd"}}, o, false},
		{"at the minimum", Scope{MinAmount: 13780}, o, true},
		{"a cent below the minimum", Scope{MinAmount: 13781}, o, false},
		{"at the maximum", Scope{MaxAmount: 13780}, o, true},
		{"a cent above the maximum", Scope{MaxAmount: 13779}, o, false},
		{"within both", Scope{MinAmount: 10000, MaxAmount: 20000}, o, true},
		{"unpaid order by what is due", Scope{MinAmount: 13000}, unpaid, true},
		{"province, short form", Scope{Provinces: []string{"广东", "浙江"}}, o, true},
		{"province, English", Scope{Provinces: []string{"Zhejiang"}}, o, true},
		{"other province", Scope{Provinces: []string{"江苏省"}}, o, false},
		{"order without province", Scope{Provinces: []string{"浙江"}}, func() Order { x := cleanOrder(); x.Address.Province = ""; return x }(), false},
		{"unrecognised province compared as text", Scope{Provinces: []string{"Atlantis"}}, func() Order { x := cleanOrder(); x.Address.Province = "ATLANTIS"; return x }(), true},
		{"all parts", Scope{Platforms: []string{"tmall"}, MinAmount: 100, MaxAmount: 100000, Provinces: []string{"浙江"}}, o, true},
		{"all parts but one", Scope{Platforms: []string{"tmall"}, MinAmount: 100, MaxAmount: 100000, Provinces: []string{"江苏"}}, o, false},
	}
	for _, c := range cases {
		if got := c.scope.Matches(c.order, "tmall"); got != c.want {
			t.Errorf("%s: Matches = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestMaxWindow(t *testing.T) {
	cases := []struct {
		name  string
		rules []Rule
		want  time.Duration
	}{
		{"defaults", DefaultRules(), 24 * time.Hour},
		{"without multiple_addresses", withRule(DefaultRules(), CheckMultipleAddresses, func(r *Rule) { r.Enabled = false }), time.Hour},
		{"longer buffer", withRule(DefaultRules(), CheckDuplicateOrder, func(r *Rule) { r.Params = map[string]string{"buffer": "2d"} }), 48 * time.Hour},
		{"invalid override uses the default", withRule(DefaultRules(), CheckMultipleAddresses, func(r *Rule) { r.Params = map[string]string{"window": "forever"} }), 24 * time.Hour},
		{"only duplicate_order", []Rule{{Check: CheckDuplicateOrder, Enabled: true, Severity: SeverityHold}}, 30 * time.Minute},
		{"unknown check", []Rule{{Check: "teleport", Enabled: true, Params: map[string]string{"window": "90d"}}}, 0},
		{"no window checks", []Rule{{Check: CheckUnpaid, Enabled: true, Severity: SeverityHold}}, 0},
		{"none", nil, 0},
	}
	for _, c := range cases {
		if got := MaxWindow(c.rules); got != c.want {
			t.Errorf("%s: MaxWindow = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestDecide(t *testing.T) {
	hold := Flag{Check: CheckUnpaid, Severity: SeverityHold, Key: "flag.unpaid"}
	alert := Flag{Check: CheckRemarkKeywords, Severity: SeverityAlert, Key: "flag.remark_keywords.buyer"}
	cases := []struct {
		flags []Flag
		want  Status
	}{
		{nil, StatusReleased},
		{[]Flag{alert}, StatusReleased},
		{[]Flag{hold}, StatusHeld},
		{[]Flag{alert, hold}, StatusHeld},
	}
	for _, c := range cases {
		if got := Decide(c.flags); got != c.want {
			t.Errorf("Decide(%v) = %s, want %s", c.flags, got, c.want)
		}
	}
}

func TestDefaultRules(t *testing.T) {
	rules := DefaultRules()
	if names := CheckNames(); len(rules) != len(names) {
		t.Fatalf("%d default rules for %d checks", len(rules), len(names))
	}
	for i, c := range Checks() {
		if r := rules[i]; r.Check != c.Name || !r.Enabled || r.Severity != c.Default.Severity || len(r.Scope.Platforms)+len(r.Scope.Provinces) > 0 {
			t.Errorf("default rule %d = %+v", i, r)
		}
	}
}

// A review during a sale: every default rule, 50 recent orders to the same address.
func BenchmarkReview(b *testing.B) {
	o, f := cleanOrder(), cleanFacts()
	f.Recent = withRecent(50, -10*time.Minute, stranger(1))
	rules := DefaultRules()
	for b.Loop() {
		Review(o, f, rules)
	}
}

func BenchmarkNormalizeAddress(b *testing.B) {
	a := cleanOrder().Address
	for b.Loop() {
		NormalizeAddress(a)
	}
}
