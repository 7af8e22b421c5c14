package handlers

import (
	"context"
	"strings"

	"storeops/bot"
	"storeops/bot/view"
	"storeops/domain"
	"storeops/domain/store"
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
	b.AddCommand(bot.Command{Area: "store", Path: "store tz", Usage: "<code> <Area/City|default>", Summary: "help.store.tz",
		Roles: []domain.Role{domain.RoleAdmin, domain.RoleSupervisor}, Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			if len(r.Args) != 2 {
				return nil, r.Usage()
			}
			st, err := d.Stores.SetTimeZone(ctx, r.Actor, r.Args[0], r.Args[1])
			if err != nil {
				return nil, err
			}
			return text(r.L.T("store.tz.set", st.Code, st.Zone(r.StoreTZ()).String())), nil
		}})
}

// registerTokens adds `/ops store token <code>`, which creates or rotates a store's ingestion
// API token. The reply is ephemeral and the only place the token is ever shown: StoreOps
// keeps its hash.
func registerTokens(b *bot.Bot, tokens *store.Tokens) {
	b.AddCommand(bot.Command{Area: "store", Path: "store token", Usage: "<code>", Summary: "help.store.token",
		Roles: []domain.Role{domain.RoleAdmin}, Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			if len(r.Args) != 1 {
				return nil, r.Usage()
			}
			token, err := tokens.Rotate(ctx, r.Actor, r.Args[0])
			if err != nil {
				return nil, err
			}
			return text(r.L.T("store.token.rotated", strings.ToUpper(r.Args[0]), token)), nil
		}})
}
