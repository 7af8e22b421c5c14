package handlers

import (
	"context"
	"strconv"
	"strings"

	"storeops/bot"
	"storeops/bot/view"
	"storeops/domain"
	"storeops/domain/store"
)

// registerOrderCommands adds the shipping commands: recording a shipment, reading orders,
// and the store settings the warehouse hand-off and the unshipped reminder use. The domain
// checks the roles again and masks what a reader may not see.
func registerOrderCommands(b *bot.Bot, d Deps) {
	ops := []domain.Role{domain.RoleAdmin, domain.RoleSupervisor, domain.RoleAssistant}
	b.AddCommand(bot.Command{Area: "order", Path: "order ship", Usage: "<order> <carrier> <tracking-no>", Summary: "help.order.ship",
		Roles: []domain.Role{domain.RoleAssistant, domain.RoleSupervisor}, Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			if len(r.Args) < 3 {
				return nil, r.Usage()
			}
			// The carrier may be several words ("SF Express"); the tracking number is last.
			carrier := strings.Join(r.Args[1:len(r.Args)-1], " ")
			o, err := d.Orders.Ship(ctx, r.Actor, r.Args[0], carrier, r.Args[len(r.Args)-1])
			if err != nil {
				return nil, err
			}
			return text(r.L.T("order.shipped", o.Ref(), o.Carrier, o.TrackingNo)), nil
		}})
	b.AddCommand(bot.Command{Area: "order", Path: "order cancel", Usage: "<order> <reason>", Summary: "help.order.cancel",
		Roles: []domain.Role{domain.RoleAdmin, domain.RoleSupervisor}, Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			if len(r.Args) < 1 {
				return nil, r.Usage()
			}
			o, err := d.Orders.CancelRef(ctx, r.Actor, r.Args[0], r.Args.Rest(1))
			if err != nil {
				return nil, err
			}
			key := "order.cancelled"
			if !o.HandedOffAt.IsZero() {
				key = "order.cancelled.warehouse_told"
			}
			return text(r.L.T(key, o.Ref())), nil
		}})
	b.AddCommand(bot.Command{Area: "order", Path: "order show", Usage: "<order>", Summary: "help.order.show",
		Roles: ops, Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			if len(r.Args) != 1 {
				return nil, r.Usage()
			}
			o, err := d.Orders.Show(ctx, r.Actor, r.Args[0])
			if err != nil {
				return nil, err
			}
			return &bot.Reply{Text: r.L.T("view.order.text", o.Ref(), r.L.T("order.status."+string(o.Status))), Blocks: view.OrderDetail(r.L, o, r.TZ)}, nil
		}})
	b.AddCommand(bot.Command{Area: "order", Path: "order find", Usage: "<phone|name|order>", Summary: "help.order.find",
		Roles: ops, Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			query := r.Args.Rest(0)
			if strings.TrimSpace(query) == "" {
				return nil, r.Usage()
			}
			found, err := d.Orders.Search(ctx, r.Actor, query)
			if err != nil {
				return nil, err
			}
			title := r.L.T("view.orders.found", query, len(found))
			return &bot.Reply{Text: title, Blocks: view.OrderList(r.L, title, found, "", r.TZ)}, nil
		}})
	b.AddCommand(bot.Command{Area: "order", Path: "order list", Usage: "held|unshipped [store]", Summary: "help.order.list",
		Roles: ops, Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			if len(r.Args) < 1 || len(r.Args) > 2 {
				return nil, r.Usage()
			}
			storeCode := ""
			if len(r.Args) == 2 {
				storeCode = r.Args[1]
			}
			list, more, err := d.Orders.ListOrders(ctx, r.Actor, r.Args[0], storeCode)
			if err != nil {
				return nil, err
			}
			which := strings.ToLower(r.Args[0])
			title := r.L.T("view.orders.title."+which, len(list))
			hint := ""
			if more {
				hint = r.L.T("view.orders.more", len(list), which)
			}
			return &bot.Reply{Text: title, Blocks: view.OrderList(r.L, title, list, hint, r.TZ)}, nil
		}})
	b.AddCommand(bot.Command{Area: "store", Path: "store webhook", Usage: "<code> <url|off>", Summary: "help.store.webhook",
		Roles: []domain.Role{domain.RoleAdmin}, Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			if len(r.Args) != 2 {
				return nil, r.Usage()
			}
			// Slack wraps links in <…>; the URL is what is inside.
			url := strings.TrimSuffix(strings.TrimPrefix(r.Args[1], "<"), ">")
			if i := strings.IndexByte(url, '|'); i >= 0 {
				url = url[:i]
			}
			st, secret, err := d.Stores.SetWebhook(ctx, r.Actor, r.Args[0], url)
			if err != nil {
				return nil, err
			}
			if secret == "" {
				return text(r.L.T("store.webhook.off", st.Code)), nil
			}
			return text(r.L.T("store.webhook.set", st.Code, st.WarehouseWebhookURL, secret)), nil
		}})
	b.AddCommand(bot.Command{Area: "store", Path: "store promise", Usage: "<code> <hours>", Summary: "help.store.promise",
		Roles: []domain.Role{domain.RoleAdmin, domain.RoleSupervisor}, Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			if len(r.Args) != 2 {
				return nil, r.Usage()
			}
			hours, err := strconv.Atoi(strings.TrimSuffix(strings.ToLower(r.Args[1]), "h"))
			if err != nil {
				return nil, domain.Errorf(domain.EINVALID, "store.promise.invalid", store.MaxShipWithinHours)
			}
			st, err := d.Stores.SetPromise(ctx, r.Actor, r.Args[0], hours)
			if err != nil {
				return nil, err
			}
			return text(r.L.T("store.promise.set", st.Code, st.ShipWithinHours)), nil
		}})
}
