package view

import (
	"regexp"
	"strings"
	"testing"

	"github.com/slack-go/slack"

	"storeops/bot/i18n"
	"storeops/domain/order"
)

// tunedRules is a rule set with every kind of difference from the defaults: a parameter set,
// a severity changed, a check off, a scope, a check missing and a check with two rules.
func tunedRules() order.RuleSet {
	var rules []order.Rule
	for _, r := range order.DefaultRules() {
		switch r.Check {
		case order.CheckDuplicateOrder:
			r.Params = map[string]string{"buffer": "2h"}
		case order.CheckRemarkKeywords:
			r.Severity = order.SeverityHold
		case order.CheckMissingContact:
			r.Enabled = false
		case order.CheckUnpaid:
			r.Scope = order.Scope{Platforms: []string{"tmall"}, MinAmount: 10000, Provinces: []string{"广东"}}
			rules = append(rules, order.Rule{Check: r.Check, Enabled: true, Severity: order.SeverityAlert})
		case order.CheckOversold:
			continue
		}
		rules = append(rules, r)
	}
	return order.RuleSet{StoreCode: "TM01", Rules: rules, UpdatedBy: "U2", UpdatedAt: t0, Version: 3}
}

func ruleViews(l i18n.Localizer) map[string]message {
	out := map[string]message{}
	text, blocks := Rules(l, order.RuleSet{StoreCode: "TM01", Rules: order.DefaultRules()}, cst)
	out["rules/defaults"] = msg(text, blocks)
	text, blocks = Rules(l, tunedRules(), cst)
	out["rules/tuned"] = msg(text, blocks)
	dup, _ := order.FindCheck(order.CheckDuplicateOrder)
	after := dup.Default
	after.Params, after.Severity, after.Enabled = map[string]string{"buffer": "2h"}, order.SeverityAlert, false
	out["rules/update"] = msg(RuleUpdate(l, order.RuleUpdate{StoreCode: "TM01", Check: dup.Name, Before: dup.Default, After: after, Version: 2, Changed: true}), nil)
	out["rules/unchanged"] = msg(RuleUpdate(l, order.RuleUpdate{StoreCode: "TM01", Check: dup.Name, Before: dup.Default, After: dup.Default, Version: 2}), nil)
	text, blocks = Blacklist(l, "TM01", blacklistEntries(), cst)
	out["blacklist"] = msg(text, blocks)
	text, blocks = Blacklist(l, "TM01", nil, cst)
	out["blacklist/empty"] = msg(text, blocks)
	return out
}

func blacklistEntries() []order.BlacklistEntry {
	return []order.BlacklistEntry{
		{StoreCode: "", Kind: order.BlacklistAddress, Value: "浙江省杭州市西湖区文三路90号", Reason: "Drop address", AddedBy: "U9", AddedAt: t0},
		{StoreCode: "TM01", Kind: order.BlacklistBuyer, Value: "tb_<zhang3>", Reason: "", AddedBy: "U2", AddedAt: t0},
		{StoreCode: "TM01", Kind: order.BlacklistPhone, Value: order.MaskPhone("13800138000"), Reason: "Coupon abuse", AddedBy: "U2", AddedAt: t0},
	}
}

var rawRulesKey = regexp.MustCompile(`\b(view|rules|blacklist|check|field|help)\.[a-z_]+\.?[a-z_]*`)

func TestRuleViews(t *testing.T) {
	for loc, l := range localizers() {
		for name, v := range ruleViews(l) {
			check(t, loc+" "+name, v)
			for _, s := range texts(v) {
				if m := rawRulesKey.FindString(s); m != "" || strings.Contains(s, "%!") {
					t.Errorf("%s %s shows %q in %q", loc, name, m, s)
				}
			}
		}
	}
}

func TestRulesShowsEveryCheck(t *testing.T) {
	l := en()
	_, blocks := Rules(l, tunedRules(), cst)
	all := joined(msg("", blocks))
	for _, c := range order.Checks() {
		if !strings.Contains(all, "`"+c.Name+"`") {
			t.Errorf("the rules do not show %s", c.Name)
		}
	}
	for _, want := range []string{
		"`buffer` (duration): *2h* (default 30m)", // set by the store
		"`window` (duration): 24h (default)",      // left at the default
		"`max_orders` (whole number): 5 (default)",
		"Last changed by <@U2>",
		"⏸️ off", "not in this store's rules", // missing_contact off, oversold missing
		"Scope: platforms Tmall, provinces 广东, amount ≥ ¥100.00",
		"Scope: every order",
		"`/ops rules TM01 set <check> <param>=<value> …`",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("the rules lack %q:\n%s", want, all)
		}
	}
	// Each check is one section: the whole set stays far below Slack's 50 blocks.
	if len(blocks) > 20 {
		t.Errorf("%d blocks", len(blocks))
	}
	_, blocks = Rules(l, order.RuleSet{StoreCode: "TM01", Rules: order.DefaultRules()}, cst)
	if got := joined(msg("", blocks)); !strings.Contains(got, "TM01 uses the default rules") {
		t.Errorf("defaults: %s", got)
	}
}

func TestRulesWithTooManyRulesStaysWithinLimits(t *testing.T) {
	rs := order.RuleSet{StoreCode: "TM01"}
	for range 10 {
		for _, r := range order.DefaultRules() {
			r.Params = map[string]string{"keywords": big(5000)}
			r.Scope.Provinces = []string{big(3000)}
			rs.Rules = append(rs.Rules, r)
		}
	}
	for loc, l := range localizers() {
		text, blocks := Rules(l, rs, cst)
		check(t, loc+" huge rules", msg(text, blocks))
		if last := blocks[len(blocks)-2]; !strings.Contains(joined(msg("", []slack.Block{last})), "…") {
			t.Errorf("%s: the cut is not marked", loc)
		}
	}
}

func TestRuleUpdateNamesEachChange(t *testing.T) {
	views := ruleViews(en())
	got := views["rules/update"].Text
	for _, want := range []string{
		"Review rules of TM01 changed: *Duplicate or mergeable order* (`duplicate_order`)",
		"• On/off: ✅ on → ⏸️ off",
		"• Severity: 🛑 *Hold* → ⚠️ *Alert*",
		"• `buffer`: 30m (default) → 2h",
		"Saved as version 2.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("update lacks %q:\n%s", want, got)
		}
	}
	if got := views["rules/unchanged"].Text; !strings.Contains(got, "nothing changed") {
		t.Errorf("unchanged: %s", got)
	}
}

func TestBlacklistView(t *testing.T) {
	views := ruleViews(en())
	got := joined(views["blacklist"])
	for _, want := range []string{
		"Blacklist · TM01 (3)",
		"*phone* `138****8000` — Coupon abuse",
		"*buyer account* `tb_&lt;zhang3&gt;` — no reason given",
		"_all stores_",
		"Phone numbers are masked",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("blacklist lacks %q:\n%s", want, got)
		}
	}
	whole := blacklistEntries()
	whole[2].Value = "13800138000"
	text, blocks := Blacklist(en(), "TM01", whole, cst)
	if got := joined(msg(text, blocks)); strings.Contains(got, "masked") || !strings.Contains(got, "13800138000") {
		t.Errorf("a supervisor's list: %s", got)
	}
	if got := joined(views["blacklist/empty"]); !strings.Contains(got, "Nothing is on the blacklist of TM01") {
		t.Errorf("empty: %s", got)
	}
	var many []order.BlacklistEntry
	for i := range 2000 {
		e := blacklistEntries()[i%3]
		e.Reason = big(300)
		many = append(many, e)
	}
	for loc, l := range localizers() {
		text, blocks := Blacklist(l, "TM01", many, cst)
		check(t, loc+" huge blacklist", msg(text, blocks))
	}
}
