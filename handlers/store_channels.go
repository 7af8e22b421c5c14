package handlers

import (
	"context"

	"storeops/bot"
	"storeops/domain"
	"storeops/domain/store"
)

// registerStoreChannels adds the commands that point a store's orders at Slack channels.
func registerStoreChannels(b *bot.Bot, d Deps) {
	for _, c := range []struct{ path, kind, summary string }{
		{"store channel", store.ChannelTeam, "help.store.channel"},
		{"store warehouse", store.ChannelWarehouse, "help.store.warehouse"},
	} {
		b.AddCommand(bot.Command{Area: "store", Path: c.path, Usage: "<code> <#channel>", Summary: c.summary,
			Roles: []domain.Role{domain.RoleAdmin}, Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
				if len(r.Args) != 2 {
					return nil, r.Usage()
				}
				channel, ok := bot.ParseChannel(r.Args[1])
				if !ok {
					return nil, domain.Errorf(domain.EINVALID, "store.channel.invalid", r.Args[1])
				}
				st, err := d.Stores.SetChannel(ctx, r.Actor, r.Args[0], c.kind, channel)
				if err != nil {
					return nil, err
				}
				return text(r.L.T("store.channel.set."+c.kind, st.Code, "<#"+channel+">")), nil
			}})
	}
	b.AddCommand(bot.Command{Area: "store", Path: "store refund-threshold", Usage: "<code> <amount>", Summary: "help.store.refund_threshold",
		Roles: []domain.Role{domain.RoleAdmin, domain.RoleSupervisor}, Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			if len(r.Args) != 2 {
				return nil, r.Usage()
			}
			amount, err := domain.ParseMoney(r.Args[1])
			if err != nil {
				return nil, domain.Errorf(domain.EINVALID, "store.refund_threshold.invalid", store.MaxRefundThreshold.String())
			}
			st, err := d.Stores.SetRefundThreshold(ctx, r.Actor, r.Args[0], amount)
			if err != nil {
				return nil, err
			}
			return text(r.L.T("store.refund_threshold.set", st.Code, st.RefundThreshold.String())), nil
		}})
}
