package handlers

import (
	"context"
	"log/slog"
	"slices"
	"strconv"

	"storeops/bot"
	"storeops/bot/view"
	"storeops/domain"
	"storeops/domain/leave"
)

// registerLeave adds `/ops leave <from> <to> <type> <reason>` (a supervisor approves it on
// the approval card) and `/ops leave list`.
func registerLeave(b *bot.Bot, d Deps) {
	if d.Leave == nil {
		return
	}
	b.AddCommand(bot.Command{Area: "leave", Path: "leave", Usage: "<from> <to> <type> <reason>", Summary: "help.leave.request", Roles: team(),
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			in, err := leave.ParseArgs(r.Args)
			if err != nil {
				return nil, err
			}
			l, err := d.Leave.Request(ctx, r.Actor, in)
			if err != nil {
				return nil, err
			}
			return text(r.L.T("leave.requested", l.From.In(d.Leave.Zone()).Format("2006-01-02"), l.LastDay(d.Leave.Zone()).Format("2006-01-02"),
				view.LeaveType(r.L, l.Type), strconv.FormatInt(l.ApprovalID, 10))), nil
		}})
	b.AddCommand(bot.Command{Area: "leave", Path: "leave list", Summary: "help.leave.list", Roles: team(),
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			ls, err := d.Leave.Current(ctx)
			if err != nil {
				return nil, err
			}
			text, blocks := view.LeaveList(r.L, ls, d.Leave.Zone())
			return &bot.Reply{Text: text, Blocks: blocks}, nil
		}})
}

// withAway is msg followed by "<@user> is on leave until <last day>." for each of users
// (other than the one asking) on approved leave now: what a command that assigns work to
// people answers, the work being assigned all the same. A failed look-up is logged and
// leaves msg as it is, the assignment being made already.
func withAway(ctx context.Context, d Deps, r *bot.Request, msg string, users ...string) string {
	users = slices.DeleteFunc(slices.Clone(users), func(u string) bool { return u == "" || u == r.Actor.UserID })
	slices.Sort(users)
	users = slices.Compact(users)
	if d.Leave == nil || len(users) == 0 {
		return msg
	}
	away, err := d.Leave.Away(ctx, users)
	if err != nil {
		slog.WarnContext(ctx, "who is on leave", "users", users, "err", err)
		return msg
	}
	for _, u := range users {
		if last, ok := away[u]; ok {
			msg += "\n" + view.OnLeaveNote(r.L, u, last)
		}
	}
	return msg
}

// withAwayRole is withAway for everyone who holds role: work handed to a role's holders.
func withAwayRole(ctx context.Context, d Deps, r *bot.Request, msg string, role domain.Role) string {
	users, err := d.Access.UsersWith(ctx, role)
	if err != nil {
		slog.WarnContext(ctx, "who holds a role", "role", role, "err", err)
		return msg
	}
	return withAway(ctx, d, r, msg, users...)
}
