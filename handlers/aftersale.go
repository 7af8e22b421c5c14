package handlers

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"

	"storeops/bot"
	"storeops/bot/view"
	"storeops/domain"
	"storeops/domain/aftersale"
	"storeops/domain/order"
)

// caseFormMeta is what the case modal carries between opening and submission.
type caseFormMeta struct {
	Order   string `json:"order"`
	Channel string `json:"channel,omitempty"`
}

// registerAftersale adds the `/ops aftersale` commands. The domain checks the roles again,
// so that a refusal names them the same way from a command, a button or a modal.
func registerAftersale(b *bot.Bot, d Deps) {
	movers := aftersale.Movers()
	b.AddCommand(bot.Command{Area: "aftersale", Path: "aftersale new", Usage: "<order>", Summary: "help.aftersale.new", Roles: movers,
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			if len(r.Args) != 1 {
				return nil, r.Usage()
			}
			o, err := d.Aftersale.FindOrder(ctx, r.Actor, r.Args[0])
			if err != nil {
				return nil, err
			}
			meta, err := json.Marshal(caseFormMeta{Order: o.Ref(), Channel: r.ChannelID})
			if err != nil {
				return nil, err
			}
			return nil, r.OpenView(ctx, view.AftersaleForm(r.L, order.CardOf(o), string(meta)))
		}})
	b.AddCommand(bot.Command{Area: "aftersale", Path: "aftersale move", Usage: "<id> <state> [text]", Summary: "help.aftersale.move", Roles: movers,
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			if len(r.Args) < 2 {
				return nil, r.Usage()
			}
			id, err := caseArg(r.Args[0])
			if err != nil {
				return nil, err
			}
			to, ok := aftersale.ParseStatus(r.Args[1])
			if !ok {
				return nil, domain.Errorf(domain.EINVALID, "aftersale.status.unknown", r.Args[1], statusNames())
			}
			c, err := d.Aftersale.Move(ctx, r.Actor, id, to, r.Args.Rest(2))
			if err != nil {
				return nil, err
			}
			return text(withAway(ctx, d, r, r.L.T("aftersale.moved", c.Number(), view.AftersaleStatus(r.L, c.Status)), c.Owner)), nil
		}})
	b.AddCommand(bot.Command{Area: "aftersale", Path: "aftersale show", Usage: "<id>", Summary: "help.aftersale.show", Roles: team(),
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			if len(r.Args) != 1 {
				return nil, r.Usage()
			}
			id, err := caseArg(r.Args[0])
			if err != nil {
				return nil, err
			}
			c, err := d.Aftersale.Find(ctx, id)
			if err != nil {
				return nil, err
			}
			card := aftersale.CardOf(c)
			return &bot.Reply{Text: r.L.T("view.aftersale.text", c.Number(), c.OrderRef, view.AftersaleStatus(r.L, c.Status)),
				Blocks: view.AftersaleDetail(r.L, card, r.TZ)}, nil
		}})
	b.AddCommand(bot.Command{Area: "aftersale", Path: "aftersale list", Usage: "[open|mine|stale]", Summary: "help.aftersale.list", Roles: team(),
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			which := strings.ToLower(r.Args.Rest(0))
			if which == "" {
				which = aftersale.ListOpen
			}
			cases, err := d.Aftersale.List(ctx, r.Actor, which, 100)
			if err != nil {
				return nil, err
			}
			cards := make([]aftersale.Card, len(cases))
			for i, c := range cases {
				cards[i] = aftersale.CardOf(c)
			}
			title := r.L.T("view.aftersale.list.title."+which, len(cards))
			return &bot.Reply{Text: title, Blocks: view.AftersaleList(r.L, title, cards, r.TZ)}, nil
		}})
	b.AddCommand(bot.Command{Area: "aftersale", Path: "aftersale history", Usage: "<id>", Summary: "help.aftersale.history", Roles: team(),
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			if len(r.Args) != 1 {
				return nil, r.Usage()
			}
			id, err := caseArg(r.Args[0])
			if err != nil {
				return nil, err
			}
			c, err := d.Aftersale.Find(ctx, id)
			if err != nil {
				return nil, err
			}
			entries, err := d.Aftersale.History(ctx, c, 40)
			if err != nil {
				return nil, err
			}
			return &bot.Reply{Text: r.L.T("audit.title", c.Number()), Blocks: view.History(r.L, c.Number(), entries, r.TZ)}, nil
		}})
	registerAftersaleActions(b, d)
}

// caseArg reads a case number as typed: "12" or "#12".
func caseArg(s string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(strings.TrimSpace(s), "#"), 10, 64)
	if err != nil || id <= 0 {
		return 0, domain.Errorf(domain.EINVALID, "aftersale.id.invalid", s)
	}
	return id, nil
}

func statusNames() string {
	names := make([]string, 0, len(aftersale.Statuses()))
	for _, s := range aftersale.Statuses() {
		names = append(names, string(s))
	}
	return strings.Join(names, ", ")
}
