package order

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"storeops/domain"
)

func rulesetRuleOf(t *testing.T, check string) (Check, Rule) {
	t.Helper()
	c, ok := FindCheck(check)
	if !ok {
		t.Fatalf("no check %s", check)
	}
	return c, cloneRule(c.Default)
}

func rulesetProblemKeys(ps []domain.Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Field+":"+p.Key)
	}
	return out
}

func TestApplyRuleEdit(t *testing.T) {
	on, off := true, false
	cases := []struct {
		name     string
		check    string
		start    func(*Rule)
		edit     RuleEdit
		want     func(*Rule)
		problems []string // "field:key" of applyRuleEdit and ValidateRule together
	}{
		{name: "a parameter", check: CheckDuplicateOrder,
			edit: RuleEdit{Params: map[string]string{"buffer": " 2h "}},
			want: func(r *Rule) { r.Params = map[string]string{"buffer": "2h"} }},
		{name: "several parameters and the severity", check: CheckAbnormalQuantity,
			edit: RuleEdit{Params: map[string]string{"max_items": "80", "max_skus": "30"}, Severity: "HOLD"},
			want: func(r *Rule) {
				r.Params, r.Severity = map[string]string{"max_items": "80", "max_skus": "30"}, SeverityHold
			}},
		{name: "back to the default", check: CheckDuplicateOrder,
			start: func(r *Rule) { r.Params = map[string]string{"buffer": "2h"} },
			edit:  RuleEdit{Params: map[string]string{"buffer": "Default"}},
			want:  func(r *Rule) { r.Params = nil }},
		{name: "disable and enable", check: CheckUnpaid,
			edit: RuleEdit{Enabled: &off}, want: func(r *Rule) { r.Enabled = false }},
		{name: "enable", check: CheckUnpaid, start: func(r *Rule) { r.Enabled = false },
			edit: RuleEdit{Enabled: &on}, want: func(r *Rule) { r.Enabled = true }},
		{name: "an empty list is a list", check: CheckRemarkKeywords,
			edit: RuleEdit{Params: map[string]string{"keywords": ""}},
			want: func(r *Rule) { r.Params = map[string]string{"keywords": ""} }},
		{name: "scope parts", check: CheckUnpaid,
			edit: RuleEdit{Scope: map[string]string{ScopePlatforms: "TMall, jd，tmall", ScopeMinAmount: "¥100", ScopeProvinces: "广东,浙江省"}},
			want: func(r *Rule) {
				r.Scope = Scope{Platforms: []string{"tmall", "jd"}, MinAmount: 10000, Provinces: []string{"广东", "浙江省"}}
			}},
		{name: "an empty scope part clears it", check: CheckUnpaid,
			start: func(r *Rule) { r.Scope = Scope{Platforms: []string{"jd"}, MaxAmount: 500} },
			edit:  RuleEdit{Scope: map[string]string{ScopePlatforms: "", ScopeMaxAmount: "0"}},
			want:  func(r *Rule) { r.Scope = Scope{} }},
		{name: "a whole scope", check: CheckUnpaid,
			start: func(r *Rule) { r.Scope = Scope{Platforms: []string{"jd"}} },
			edit:  RuleEdit{ReplaceScope: &Scope{MaxAmount: 500}},
			want:  func(r *Rule) { r.Scope = Scope{MaxAmount: 500} }},
		{name: "a value of the wrong kind", check: CheckDuplicateOrder,
			edit:     RuleEdit{Params: map[string]string{"buffer": "soon"}},
			want:     func(r *Rule) { r.Params = map[string]string{"buffer": "soon"} },
			problems: []string{"buffer:rules.param.invalid"}},
		{name: "an unknown parameter", check: CheckManyToOneAddress,
			edit:     RuleEdit{Params: map[string]string{"colour": "red"}},
			want:     func(r *Rule) { r.Params = map[string]string{"colour": "red"} },
			problems: []string{"colour:rules.param.unknown"}},
		{name: "a check without parameters", check: CheckBlacklisted,
			edit:     RuleEdit{Params: map[string]string{"buffer": "1h"}},
			want:     func(*Rule) {},
			problems: []string{"buffer:rules.param.none"}},
		{name: "a bad severity", check: CheckUnpaid,
			edit:     RuleEdit{Severity: "block"},
			want:     func(r *Rule) { r.Severity = "block" },
			problems: []string{"severity:rules.severity.invalid"}},
		{name: "a minimum above the maximum", check: CheckAbnormalQuantity,
			edit:     RuleEdit{Params: map[string]string{"min_items": "60"}},
			want:     func(r *Rule) { r.Params = map[string]string{"min_items": "60"} },
			problems: []string{"max_items:rules.param.order"}},
		{name: "an unknown platform", check: CheckUnpaid,
			edit:     RuleEdit{Scope: map[string]string{ScopePlatforms: "amazon"}},
			want:     func(*Rule) {},
			problems: []string{"scope.platforms:rules.scope.platform"}},
		{name: "an amount that is not money", check: CheckUnpaid,
			edit:     RuleEdit{Scope: map[string]string{ScopeMaxAmount: "lots"}},
			want:     func(*Rule) {},
			problems: []string{"scope.max_amount:rules.param.invalid"}},
		{name: "an unknown province", check: CheckUnpaid,
			edit:     RuleEdit{Scope: map[string]string{ScopeProvinces: "Atlantis"}},
			want:     func(r *Rule) { r.Scope.Provinces = []string{"Atlantis"} },
			problems: []string{"scope:rules.scope.province"}},
		{name: "an unknown scope part", check: CheckUnpaid,
			edit:     RuleEdit{Scope: map[string]string{"colour": "red"}},
			want:     func(*Rule) {},
			problems: []string{"scope.colour:rules.scope.unknown"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, r := rulesetRuleOf(t, tc.check)
			if tc.start != nil {
				tc.start(&r)
			}
			want := cloneRule(r)
			tc.want(&want)
			problems := applyRuleEdit(c, &r, tc.edit)
			problems = append(problems, ValidateRule(r)...)
			if got := rulesetProblemKeys(problems); !slices.Equal(got, tc.problems) {
				t.Errorf("problems = %v, want %v", got, tc.problems)
			}
			if !reflect.DeepEqual(r, want) {
				t.Errorf("rule = %+v\nwant   %+v", r, want)
			}
		})
	}
}

func TestApplyRuleEditLeavesTheOriginalAlone(t *testing.T) {
	rules := DefaultRules()
	rules[0].Params = map[string]string{"min_street": "4"}
	rules[0].Scope.Platforms = []string{"tmall"}
	edited := cloneRules(rules)
	c, _ := FindCheck(rules[0].Check)
	applyRuleEdit(c, &edited[0], RuleEdit{Params: map[string]string{"min_street": "6"}, Scope: map[string]string{ScopePlatforms: "jd"}})
	if rules[0].Params["min_street"] != "4" || rules[0].Scope.Platforms[0] != "tmall" {
		t.Errorf("the edit reached the loaded rules: %+v", rules[0])
	}
}

func TestRuleEditEmpty(t *testing.T) {
	on := true
	for _, e := range []RuleEdit{{Params: map[string]string{"a": "b"}}, {Severity: SeverityHold}, {Enabled: &on},
		{Scope: map[string]string{ScopePlatforms: ""}}, {ReplaceScope: &Scope{}}} {
		if e.empty() {
			t.Errorf("%+v is not empty", e)
		}
	}
	if !(RuleEdit{Params: map[string]string{}}).empty() {
		t.Error("an edit without changes is empty")
	}
}

func TestRuleAudit(t *testing.T) {
	c, r := rulesetRuleOf(t, CheckManyToOneAddress)
	before := ruleAudit(c, r)
	r.Params = map[string]string{"max_orders": "2", "window": "1h"}
	r.Scope.MaxAmount = 50000
	after := ruleAudit(c, r)
	want := map[string]any{"check": CheckManyToOneAddress, "enabled": true, "severity": "hold", "scope": "",
		"param.max_orders": "5 (default)", "param.window": "1h (default)"}
	if !reflect.DeepEqual(before, want) {
		t.Errorf("before = %v", before)
	}
	want["param.max_orders"], want["param.window"], want["scope"] = "2", "1h", "max_amount=500.00"
	if !reflect.DeepEqual(after, want) {
		t.Errorf("after = %v", after)
	}
}

func TestScopeText(t *testing.T) {
	for _, tc := range []struct {
		s    Scope
		want string
	}{
		{Scope{}, ""},
		{Scope{Platforms: []string{"tmall", "jd"}}, "platforms=tmall,jd"},
		{Scope{Provinces: []string{"广东"}, MinAmount: 100, MaxAmount: 99900}, "provinces=广东 min_amount=1.00 max_amount=999.00"},
	} {
		if got := ScopeText(tc.s); got != tc.want {
			t.Errorf("ScopeText(%+v) = %q, want %q", tc.s, got, tc.want)
		}
	}
}

func TestParseBlacklistKind(t *testing.T) {
	for _, in := range []string{"buyer", "PHONE", " address "} {
		if _, err := ParseBlacklistKind(in); err != nil {
			t.Errorf("%q: %v", in, err)
		}
	}
	_, err := ParseBlacklistKind("email")
	if e, ok := domain.AsError(err); !ok || e.Key != "blacklist.kind.unknown" || e.Code != domain.EINVALID {
		t.Errorf("email: %v", err)
	}
}

func TestNormalizeBlacklistValue(t *testing.T) {
	for _, tc := range []struct {
		kind    BlacklistKind
		in      string
		want    string
		wantKey string
	}{
		{BlacklistBuyer, "  tb_zhang3 ", "tb_zhang3", ""},
		{BlacklistBuyer, "  ", "", "blacklist.buyer.invalid"},
		{BlacklistPhone, "138 0013 8000", "13800138000", ""},
		{BlacklistPhone, "+86 138-0013-8000", "13800138000", ""},
		{BlacklistPhone, "１３８００１３８０００", "13800138000", ""},
		{BlacklistPhone, "138****8000", "", "blacklist.phone.invalid"},
		{BlacklistPhone, "12345", "", "blacklist.phone.invalid"},
		{BlacklistPhone, "", "", "blacklist.phone.invalid"},
		{BlacklistAddress, "", "", "blacklist.address.invalid"},
		{BlacklistAddress, " ,，。 ", "", "blacklist.address.invalid"},
		{BlacklistBuyer, strings.Repeat("x", MaxBlacklistValue+1), "", "blacklist.value.too_long"},
		{"email", "a@b.c", "", "blacklist.kind.unknown"},
	} {
		got, err := NormalizeBlacklistValue(tc.kind, tc.in)
		if tc.wantKey == "" {
			if err != nil || got != tc.want {
				t.Errorf("%s %q = %q, %v; want %q", tc.kind, tc.in, got, err, tc.want)
			}
			continue
		}
		if e, ok := domain.AsError(err); !ok || e.Key != tc.wantKey || e.Code != domain.EINVALID {
			t.Errorf("%s %q: error %v, want %s", tc.kind, tc.in, err, tc.wantKey)
		}
	}
}

// An address typed as one line matches the orders to that place however the platform split
// it into fields, so that blacklisting an address holds the next order to it.
func TestBlacklistedAddressMatchesTheOrder(t *testing.T) {
	o := cleanOrder()
	for _, typed := range []string{
		"浙江省杭州市西湖区文三路90号东部软件园1号楼",
		"浙江 杭州市 西湖区 文三路 90 号 东部软件园 1 号楼",
		"杭州市西湖区文三路90号东部软件园1号楼",
	} {
		v, err := NormalizeBlacklistValue(BlacklistAddress, typed)
		if err != nil {
			t.Fatalf("%q: %v", typed, err)
		}
		if want := NormalizeAddress(o.Address); v != want && !strings.HasSuffix(want, v) {
			t.Errorf("%q normalises to %q, the order's address to %q", typed, v, want)
		}
	}
	v, _ := NormalizeBlacklistValue(BlacklistAddress, "浙江省杭州市西湖区文三路90号东部软件园1号楼")
	f := cleanFacts()
	f.Blacklisted = []BlacklistEntry{{StoreCode: "TM01", Kind: BlacklistAddress, Value: v, Reason: "drop address"}}
	if v != NormalizeAddress(o.Address) {
		t.Fatalf("the whole address %q does not equal the order's %q", v, NormalizeAddress(o.Address))
	}
	flags := Review(o, f, DefaultRules())
	if Decide(flags) != StatusHeld || !slices.ContainsFunc(flags, func(fl Flag) bool { return fl.Key == "flag.blacklisted.address" }) {
		t.Errorf("flags %+v", flags)
	}
}

func TestMaskBlacklistEntry(t *testing.T) {
	e := BlacklistEntry{Kind: BlacklistPhone, Value: "13800138000"}
	if got := MaskBlacklistEntry(e).Value; got != "138****8000" {
		t.Errorf("phone masked = %q", got)
	}
	for _, k := range []BlacklistKind{BlacklistBuyer, BlacklistAddress} {
		if got := MaskBlacklistEntry(BlacklistEntry{Kind: k, Value: "v12345678"}).Value; got != "v12345678" {
			t.Errorf("%s masked = %q", k, got)
		}
	}
}

func TestRuleSetHelpers(t *testing.T) {
	rs := RuleSet{Rules: append(DefaultRules(), Rule{Check: CheckUnpaid, Enabled: false, Severity: SeverityAlert})}
	if got := rs.RulesOf(CheckUnpaid); len(got) != 2 || got[1].Severity != SeverityAlert {
		t.Errorf("RulesOf = %+v", got)
	}
	if !rs.IsDefault() || (RuleSet{Version: 1}).IsDefault() {
		t.Error("IsDefault")
	}
	if got := RuleSubject("TM01", CheckUnpaid); got != "rules:TM01/unpaid" {
		t.Errorf("RuleSubject = %q", got)
	}
	if got := BlacklistSubject("TM01"); got != "blacklist:TM01" {
		t.Errorf("BlacklistSubject = %q", got)
	}
}
