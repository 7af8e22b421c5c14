package handlers

import (
	"context"
	"strings"

	"storeops/bot"
	"storeops/bot/view"
	"storeops/domain"
)

func registerRoles(b *bot.Bot, d Deps) {
	b.AddCommand(bot.Command{Area: "role", Path: "role", Usage: "<@user> <role>", Summary: "help.role.grant",
		Roles: []domain.Role{domain.RoleAdmin}, Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			user, role, err := userAndRole(r, r.Args)
			if err != nil {
				return nil, err
			}
			if err := d.Access.Grant(ctx, r.Actor, user, role); err != nil {
				return nil, err
			}
			return text(r.L.T("role.granted", r.L.Mention(user), r.L.Role(role))), nil
		}})
	b.AddCommand(bot.Command{Area: "role", Path: "role remove", Usage: "<@user> <role>", Summary: "help.role.remove",
		Roles: []domain.Role{domain.RoleAdmin}, Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			user, role, err := userAndRole(r, r.Args)
			if err != nil {
				return nil, err
			}
			if err := d.Access.Revoke(ctx, r.Actor, user, role); err != nil {
				return nil, err
			}
			return text(r.L.T("role.revoked", r.L.Mention(user), r.L.Role(role))), nil
		}})
	b.AddCommand(bot.Command{Area: "role", Path: "role list", Summary: "help.role.list", Roles: team(),
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			grants, err := d.Access.List(ctx)
			if err != nil {
				return nil, err
			}
			return &bot.Reply{Text: r.L.T("role.list.title"), Blocks: view.Roles(r.L, grants)}, nil
		}})
	b.AddCommand(bot.Command{Area: "role", Path: "whoami", Summary: "help.whoami",
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			return text(view.Whoami(r.L, r.Actor)), nil
		}})
}

// userAndRole reads "<@user> <role>" in either order.
func userAndRole(r *bot.Request, args bot.Args) (string, domain.Role, error) {
	if len(args) != 2 {
		return "", "", r.Usage()
	}
	user, ok := bot.ParseUser(args[0])
	roleWord := args[1]
	if !ok {
		user, ok = bot.ParseUser(args[1])
		roleWord = args[0]
	}
	if !ok {
		return "", "", domain.Errorf(domain.EINVALID, "role.user.invalid", args[0])
	}
	role, ok := domain.ParseRole(roleWord)
	if !ok {
		names := make([]string, 0, len(domain.Roles()))
		for _, x := range domain.Roles() {
			names = append(names, string(x))
		}
		return "", "", domain.Errorf(domain.EINVALID, "role.unknown", roleWord, strings.Join(names, ", "))
	}
	return user, role, nil
}
