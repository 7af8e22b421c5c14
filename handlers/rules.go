package handlers

import (
	"context"
	"slices"
	"strings"

	"storeops/bot"
	"storeops/bot/view"
	"storeops/domain"
	"storeops/domain/order"
)

// Sub-commands of `/ops rules <store> …`. The store comes before them (the order SPEC and the
// issue use), so they are words of the one command rather than command paths.
const (
	rulesSet     = "set"
	rulesEnable  = "enable"
	rulesDisable = "disable"
)

// registerRules adds `/ops rules` (a store's review rules: show, set, enable, disable) and
// `/ops blacklist add|remove|list`. Everyone on the team may read; the domain refuses changes
// to anyone but admins and supervisors, naming the roles.
func registerRules(b *bot.Bot, d Deps) {
	b.AddCommand(bot.Command{Area: "rules", Path: "rules",
		Usage:   "<store> [set <check> <param>=<value> … | enable <check> | disable <check>]",
		Summary: "help.rules.show", Roles: team(),
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			args := r.Args
			// `/ops rules set TM01 …` is a natural slip for `/ops rules TM01 set …`.
			if len(args) >= 2 && isRulesVerb(args[0]) && !isRulesVerb(args[1]) {
				args = append(bot.Args{args[1], args[0]}, args[2:]...)
			}
			switch {
			case len(args) == 1:
				rs, err := d.Orders.Rules(ctx, r.Actor, args[0])
				if err != nil {
					return nil, err
				}
				text, blocks := view.Rules(r.L, rs, r.TZ)
				return &bot.Reply{Text: text, Blocks: blocks}, nil
			case len(args) < 3:
				return nil, r.Usage()
			}
			storeCode, verb, check := args[0], strings.ToLower(args[1]), strings.ToLower(args[2])
			var u order.RuleUpdate
			var err error
			switch verb {
			case rulesEnable, rulesDisable:
				if len(args) != 3 {
					return nil, r.Usage()
				}
				if verb == rulesEnable {
					u, err = d.Orders.EnableRule(ctx, r.Actor, storeCode, check)
				} else {
					u, err = d.Orders.DisableRule(ctx, r.Actor, storeCode, check)
				}
			case rulesSet:
				var e order.RuleEdit
				if e, err = ruleEdit(args[3:]); err != nil {
					return nil, err
				}
				u, err = d.Orders.ChangeRule(ctx, r.Actor, storeCode, check, e)
			default:
				return nil, r.Usage()
			}
			if err != nil {
				if hints := kindHints(r, err); hints != "" {
					// A refused value is answered like any refusal, with how its kind is written.
					return text(r.L.Error(err) + "\n" + hints), nil
				}
				return nil, err
			}
			return text(view.RuleUpdate(r.L, u)), nil
		}})

	deciders := []domain.Role{domain.RoleSupervisor, domain.RoleAdmin}
	b.AddCommand(bot.Command{Area: "blacklist", Path: "blacklist add", Usage: "<store> <buyer|phone|address> <value> [reason…]",
		Summary: "help.blacklist.add", Roles: deciders,
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			if len(r.Args) < 3 {
				return nil, r.Usage()
			}
			e, err := d.Orders.AddBlacklist(ctx, r.Actor, r.Args[0], order.BlacklistKind(r.Args[1]), r.Args[2], r.Args.Rest(3))
			if err != nil {
				return nil, err
			}
			return text(r.L.T("blacklist.added", view.BlacklistKindName(r.L, e.Kind), "`"+e.Value+"`", e.StoreCode)), nil
		}})
	b.AddCommand(bot.Command{Area: "blacklist", Path: "blacklist remove", Usage: "<store> <buyer|phone|address> <value>",
		Summary: "help.blacklist.remove", Roles: deciders,
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			if len(r.Args) < 3 {
				return nil, r.Usage()
			}
			// The value is the rest of the line: an address needs no quotes here.
			e, err := d.Orders.RemoveBlacklist(ctx, r.Actor, r.Args[0], order.BlacklistKind(r.Args[1]), r.Args.Rest(2))
			if err != nil {
				return nil, err
			}
			return text(r.L.T("blacklist.removed", view.BlacklistKindName(r.L, e.Kind), "`"+e.Value+"`", e.StoreCode)), nil
		}})
	b.AddCommand(bot.Command{Area: "blacklist", Path: "blacklist list", Usage: "<store>", Summary: "help.blacklist.list", Roles: team(),
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			if len(r.Args) != 1 {
				return nil, r.Usage()
			}
			entries, err := d.Orders.ListBlacklist(ctx, r.Actor, r.Args[0])
			if err != nil {
				return nil, err
			}
			st := strings.ToUpper(r.Args[0])
			text, blocks := view.Blacklist(r.L, st, entries, r.TZ)
			return &bot.Reply{Text: text, Blocks: blocks}, nil
		}})
}

func isRulesVerb(s string) bool {
	switch strings.ToLower(s) {
	case rulesSet, rulesEnable, rulesDisable:
		return true
	}
	return false
}

// ruleEdit reads `<param>=<value> …` of `/ops rules <store> set <check>`: severity=…, the
// scope's parts as scope.<part>=…, and the check's parameters.
func ruleEdit(words bot.Args) (order.RuleEdit, error) {
	pairs, rest := words.Pairs()
	if len(rest) > 0 {
		return order.RuleEdit{}, domain.Errorf(domain.EINVALID, "rules.set.not_pair", rest[0])
	}
	e := order.RuleEdit{Params: map[string]string{}, Scope: map[string]string{}}
	for name, v := range pairs {
		if part, ok := strings.CutPrefix(name, "scope."); ok {
			e.Scope[part] = v
			continue
		}
		if name == "severity" {
			e.Severity = order.Severity(v)
			continue
		}
		e.Params[name] = v
	}
	return e, nil
}

// kindHints says how each kind of value that a refusal expected is written ("" when the
// refusal is about something else).
func kindHints(r *bot.Request, err error) string {
	de, ok := domain.AsError(err)
	if !ok {
		return ""
	}
	var hints []string
	for _, p := range de.Problems {
		if p.Key != "rules.param.invalid" || len(p.Args) < 3 {
			continue
		}
		kind, _ := p.Args[2].(string)
		if key := "rules.hint." + kind; r.L.Has(key) && !slices.Contains(hints, r.L.T(key)) {
			hints = append(hints, r.L.T(key))
		}
	}
	return strings.Join(hints, "\n")
}
