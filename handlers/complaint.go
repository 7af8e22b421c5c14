package handlers

import (
	"context"
	"encoding/json"
	"strings"

	"storeops/bot"
	"storeops/bot/i18n"
	"storeops/bot/view"
	"storeops/domain"
	"storeops/domain/complaint"
)

// complaintMeta is what the complaint modal carries between opening and submission: the
// channel the command came from, where the submitter is told where the complaint went.
type complaintMeta struct {
	Channel string `json:"channel,omitempty"`
}

// complaintOps may record and handle complaints; the domain checks again.
func complaintOps() []domain.Role {
	return []domain.Role{domain.RoleAdmin, domain.RoleSupervisor, domain.RoleAssistant}
}

// registerComplaints adds the complaint commands; the card's buttons and modals are in
// complaint_card.go.
func registerComplaints(b *bot.Bot, d Deps) {
	ops := complaintOps()
	config := []domain.Role{domain.RoleAdmin, domain.RoleSupervisor}
	b.AddCommand(bot.Command{Area: "complaint", Path: "complaint new", Summary: "help.complaint.new", Roles: ops,
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			stores, err := d.Stores.List(ctx)
			if err != nil {
				return nil, err
			}
			categories, err := d.Complaints.Categories(ctx)
			if err != nil {
				return nil, err
			}
			meta, err := json.Marshal(complaintMeta{Channel: r.ChannelID})
			if err != nil {
				return nil, err
			}
			return nil, r.OpenView(ctx, view.ComplaintForm(r.L, stores, categories, string(meta)))
		}})
	b.AddCommand(bot.Command{Area: "complaint", Path: "complaint route", Usage: "[<category> <#channel>]", Summary: "help.complaint.route", Roles: config,
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			switch len(r.Args) {
			case 0:
				routes, err := d.Complaints.Routes(ctx)
				if err != nil {
					return nil, err
				}
				return text(view.ComplaintRoutes(r.L, routes)), nil
			case 2:
			default:
				return nil, r.Usage()
			}
			channel, ok := bot.ParseChannel(r.Args[1])
			if !ok {
				return nil, domain.Errorf(domain.EINVALID, "complaint.channel.invalid", r.Args[1])
			}
			rt, err := d.Complaints.SetRoute(ctx, r.Actor, r.Args[0], channel)
			if err != nil {
				return nil, err
			}
			return text(r.L.T("complaint.routed", view.ComplaintCategory(r.L, rt.Category), "<#"+rt.Channel+">")), nil
		}})
	b.AddCommand(bot.Command{Area: "complaint", Path: "complaint sla", Usage: "[<high|medium|low> ack=<duration> resolve=<duration>]", Summary: "help.complaint.sla", Roles: config,
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			if len(r.Args) == 0 {
				slas, err := d.Complaints.SLAs(ctx)
				if err != nil {
					return nil, err
				}
				return text(view.ComplaintSLAs(r.L, slas)), nil
			}
			sev, ok := complaint.ParseSeverity(strings.ToLower(r.Args[0]))
			if !ok {
				return nil, domain.Errorf(domain.EINVALID, "complaint.sla.severity", r.Args[0])
			}
			pairs, rest := r.Args[1:].Pairs()
			if len(rest) > 0 || len(pairs) == 0 {
				return nil, r.Usage()
			}
			var sla complaint.SLA
			for k, v := range pairs {
				dur, err := complaint.ParseDuration(v)
				if err != nil {
					return nil, domain.Errorf(domain.EINVALID, "complaint.sla.duration", k, v)
				}
				switch k {
				case "ack":
					sla.Ack = dur
				case "resolve":
					sla.Resolve = dur
				default:
					return nil, domain.Errorf(domain.EINVALID, "complaint.sla.field", k)
				}
			}
			set, err := d.Complaints.SetSLA(ctx, r.Actor, sev, sla)
			if err != nil {
				return nil, err
			}
			return text(r.L.T("complaint.sla.set", r.L.T("complaint.severity."+string(sev)),
				complaint.FormatDuration(set.Ack), complaint.FormatDuration(set.Resolve))), nil
		}})
	b.AddCommand(bot.Command{Area: "complaint", Path: "complaint list", Usage: "[open|overdue|mine]", Summary: "help.complaint.list", Roles: ops,
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			if len(r.Args) > 1 {
				return nil, r.Usage()
			}
			which := complaint.ListOpen
			if len(r.Args) == 1 {
				which = strings.ToLower(r.Args[0])
			}
			list, more, err := d.Complaints.List(ctx, r.Actor, which)
			if err != nil {
				return nil, err
			}
			title := r.L.T("view.complaint.list.title."+which, len(list))
			hint := ""
			if more {
				hint = r.L.T("view.complaint.list.more", len(list))
			}
			return &bot.Reply{Text: title, Blocks: view.ComplaintList(r.L, title, list, hint, d.Complaints.Now(), r.TZ)}, nil
		}})
	b.AddCommand(bot.Command{Area: "complaint", Path: "complaint show", Usage: "<id>", Summary: "help.complaint.show", Roles: ops,
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			if len(r.Args) != 1 {
				return nil, r.Usage()
			}
			c, err := d.Complaints.Show(ctx, r.Actor, r.Args[0])
			if err != nil {
				return nil, err
			}
			t, blocks := view.ComplaintDetail(r.L, complaint.CardOf(c), r.TZ)
			return &bot.Reply{Text: t, Blocks: blocks}, nil
		}})
	b.AddCommand(bot.Command{Area: "complaint", Path: "complaint rate", Usage: "<id> <1-5>", Summary: "help.complaint.rate", Roles: ops,
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			if len(r.Args) != 2 {
				return nil, r.Usage()
			}
			id, err := complaint.ParseID(r.Args[0])
			if err != nil {
				return nil, err
			}
			n, err := complaint.ParseRating(r.Args[1])
			if err != nil {
				return nil, err
			}
			return rateComplaint(ctx, d, r, id, n)
		}})
	registerComplaintCard(b, d)
}

func rateComplaint(ctx context.Context, d Deps, r *bot.Request, id int64, n int) (*bot.Reply, error) {
	c, err := d.Complaints.Rate(ctx, r.Actor, id, n)
	if err != nil {
		return nil, complaintRefusal(r.L, err)
	}
	return text(r.L.T("complaint.rated", c.Ref(), c.Rating, complaint.MaxRating)), nil
}

// complaintRefusal puts a refusal's raw values (a user ID, a status, an action) into words
// of the reader's locale: the domain names them, the edge says them.
func complaintRefusal(l i18n.Localizer, err error) error {
	e, ok := domain.AsError(err)
	if !ok || len(e.Args) == 0 {
		return err
	}
	args := append([]any(nil), e.Args...)
	last := len(args) - 1
	switch e.Key {
	case complaint.KeyAlreadyAcknowledged, complaint.KeyAlreadyResolved, complaint.KeyAlreadyRated, complaint.KeyAlreadyEscalated:
		args[last] = l.Mention(toString(args[last]))
	case complaint.KeyRefused:
		if len(args) == 3 {
			args[1] = l.T("complaint.status." + toString(args[1]))
			args[2] = l.T("complaint.action." + toString(args[2]))
		}
	default:
		return err
	}
	return &domain.Error{Code: e.Code, Key: e.Key, Args: args, Problems: e.Problems}
}

func toString(v any) string {
	s, _ := v.(string)
	return s
}
