package handlers

import (
	"context"

	"storeops/bot"
	"storeops/bot/view"
	"storeops/domain"
)

func registerStores(b *bot.Bot, d Deps) {
	admin := []domain.Role{domain.RoleAdmin}
	b.AddCommand(bot.Command{Area: "store", Path: "store add", Usage: "<code> <platform> <name>", Summary: "help.store.add",
		Roles: admin, Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			if len(r.Args) < 3 {
				return nil, r.Usage()
			}
			st, err := d.Stores.Add(ctx, r.Actor, r.Args[0], r.Args[1], r.Args.Rest(2))
			if err != nil {
				return nil, err
			}
			return text(r.L.T("store.added", st.Code, st.Name, st.Platform)), nil
		}})
	b.AddCommand(bot.Command{Area: "store", Path: "store list", Summary: "help.store.list",
		Roles: admin, Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			stores, err := d.Stores.List(ctx)
			if err != nil {
				return nil, err
			}
			return &bot.Reply{Text: r.L.T("store.list.title"), Blocks: view.Stores(r.L, stores)}, nil
		}})
}
