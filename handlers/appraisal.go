package handlers

import (
	"context"
	"strings"
	"unicode"

	"github.com/slack-go/slack"

	"storeops/bot"
	"storeops/bot/view"
	"storeops/domain"
	"storeops/domain/appraisal"
)

// registerAppraisals adds `/ops appraisal …`, the self-assessment and rating buttons and
// their modals. The domain checks who may see and do what again.
func registerAppraisals(b *bot.Bot, d Deps) {
	if d.Appraisals == nil {
		return
	}
	a := d.Appraisals
	raters := []domain.Role{domain.RoleSupervisor}
	overseers := []domain.Role{domain.RoleSupervisor, domain.RoleHR}
	b.AddCommand(bot.Command{Area: "appraisal", Path: "appraisal show", Usage: "[@user] [month]", Summary: "help.appraisal.show", Roles: team(),
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			user, m, err := userMonthArgs(r, a, r.Args, false)
			if err != nil {
				return nil, err
			}
			c, err := a.Show(ctx, r.Actor, user, m)
			if err != nil {
				return nil, err
			}
			text, blocks := view.AppraisalResult(r.L, a.CardOf(c), r.TZ)
			return &bot.Reply{Text: text, Blocks: blocks}, nil
		}})
	b.AddCommand(bot.Command{Area: "appraisal", Path: "appraisal data", Usage: "<@user> [month]", Summary: "help.appraisal.data", Roles: team(),
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			user, m, err := userMonthArgs(r, a, r.Args, false)
			if err != nil {
				return nil, err
			}
			fs, err := a.Data(ctx, r.Actor, user, m)
			if err != nil {
				return nil, err
			}
			text, blocks := view.AppraisalData(r.L, fs)
			return &bot.Reply{Text: text, Blocks: blocks}, nil
		}})
	b.AddCommand(bot.Command{Area: "appraisal", Path: "appraisal items", Usage: "[@user] [month] <figure>", Summary: "help.appraisal.items", Roles: team(),
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			if len(r.Args) == 0 {
				return nil, r.Usage()
			}
			user, m, err := userMonthArgs(r, a, r.Args[:len(r.Args)-1], false)
			if err != nil {
				return nil, err
			}
			d, err := a.Items(ctx, r.Actor, user, m, r.Args[len(r.Args)-1])
			if err != nil {
				return nil, err
			}
			text, blocks := view.AppraisalItems(r.L, d, a.Zone())
			return &bot.Reply{Text: text, Blocks: blocks}, nil
		}})
	b.AddCommand(bot.Command{Area: "appraisal", Path: "appraisal list", Usage: "[month]", Summary: "help.appraisal.list", Roles: overseers,
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			m, err := monthArg(a, r.Args.Rest(0))
			if err != nil {
				return nil, err
			}
			cycles, err := a.ListMonth(ctx, r.Actor, m)
			if err != nil {
				return nil, err
			}
			cards := make([]appraisal.Card, len(cycles))
			for i, c := range cycles {
				cards[i] = a.CardOf(c)
			}
			text, blocks := view.AppraisalList(r.L, m.String(), cards)
			return &bot.Reply{Text: text, Blocks: blocks}, nil
		}})
	b.AddCommand(bot.Command{Area: "appraisal", Path: "appraisal rate", Usage: "<@user> [month]", Summary: "help.appraisal.rate", Roles: raters,
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			user, m, err := userMonthArgs(r, a, r.Args, true)
			if err != nil {
				return nil, err
			}
			c, err := a.Show(ctx, r.Actor, user, m)
			if err != nil {
				return nil, err
			}
			c, err = a.ForRating(ctx, r.Actor, c.ID)
			if err != nil {
				return nil, err
			}
			return nil, r.OpenView(ctx, view.AppraisalRateForm(r.L, a.CardOf(c), r.TZ))
		}})
	b.AddCommand(bot.Command{Area: "appraisal", Path: "appraisal target", Usage: "<store> <month> paid=<amount> conversion=<percent>",
		Summary: "help.appraisal.target", Roles: []domain.Role{domain.RoleSupervisor, domain.RoleAdmin},
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			pairs, rest := r.Args.Pairs()
			if len(rest) != 2 {
				return nil, r.Usage()
			}
			m, err := appraisal.ParseMonth(rest[1])
			if err != nil {
				return nil, err
			}
			paid, conv, err := appraisal.ParseTargets(pairs)
			if err != nil {
				return nil, err
			}
			t, err := a.SetTarget(ctx, r.Actor, rest[0], m, paid, conv)
			if err != nil {
				return nil, err
			}
			return text(r.L.T("appraisal.target.set", t.Store, t.Month, domain.Money(t.Paid).String(), domain.Money(t.Conversion).String()+"%")), nil
		}})
	b.AddCommand(bot.Command{Area: "appraisal", Path: "appraisal appeal", Usage: "<month> <reason>", Summary: "help.appraisal.appeal",
		Roles: []domain.Role{domain.RoleAssistant},
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			if len(r.Args) < 2 {
				return nil, r.Usage()
			}
			m, err := appraisal.ParseMonth(r.Args[0])
			if err != nil {
				return nil, err
			}
			c, err := a.Appeal(ctx, r.Actor, m, r.Args.Rest(1))
			if err != nil {
				return nil, err
			}
			return text(r.L.T("appraisal.appealed", c.Month, c.AppealID)), nil
		}})
	b.AddCommand(bot.Command{Area: "appraisal", Path: "appraisal adjust", Usage: "<@user> <month> <score> <reason>", Summary: "help.appraisal.adjust",
		Roles: []domain.Role{domain.RoleHR},
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			if len(r.Args) < 4 {
				return nil, r.Usage()
			}
			user, ok := bot.ParseUser(r.Args[0])
			if !ok {
				return nil, domain.Errorf(domain.EINVALID, "appraisal.user.invalid", r.Args[0])
			}
			m, err := appraisal.ParseMonth(r.Args[1])
			if err != nil {
				return nil, err
			}
			total, err := appraisal.ParseTotal(r.Args[2])
			if err != nil {
				return nil, err
			}
			c, err := a.Adjust(ctx, r.Actor, user, m, total, r.Args.Rest(3))
			if err != nil {
				return nil, err
			}
			return text(r.L.T("appraisal.adjusted", r.L.Mention(user), c.Month, appraisal.Tenths(c.Adjustment.OldTotal),
				appraisal.Tenths(c.Adjustment.NewTotal))), nil
		}})
	b.AddCommand(bot.Command{Area: "appraisal", Path: "appraisal plan", Usage: "<@user> <review-date> <goals>", Summary: "help.appraisal.plan",
		Roles: overseers,
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			if len(r.Args) < 3 {
				return nil, r.Usage()
			}
			user, ok := bot.ParseUser(r.Args[0])
			if !ok {
				return nil, domain.Errorf(domain.EINVALID, "appraisal.user.invalid", r.Args[0])
			}
			review, err := appraisal.ParseDate(r.Args[1], a.Zone())
			if err != nil {
				return nil, err
			}
			p, err := a.AddPlan(ctx, r.Actor, user, review, r.Args.Rest(2))
			if err != nil {
				return nil, err
			}
			return text(r.L.T("appraisal.plan.added", r.L.Mention(user), r.L.Time(p.ReviewAt, a.Zone()))), nil
		}})
	b.AddCommand(bot.Command{Area: "appraisal", Path: "appraisal settings", Usage: "[key=value …]", Summary: "help.appraisal.settings",
		Roles: []domain.Role{domain.RoleHR, domain.RoleAdmin, domain.RoleSupervisor},
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			pairs, rest := r.Args.Pairs()
			if len(rest) > 0 {
				return nil, r.Usage()
			}
			st, err := a.Settings(ctx)
			if len(pairs) > 0 {
				st, err = a.SetSettings(ctx, r.Actor, pairs)
			}
			if err != nil {
				return nil, err
			}
			text, blocks := view.AppraisalSettings(r.L, st, a.Zone())
			return &bot.Reply{Text: text, Blocks: blocks}, nil
		}})
	registerAppraisalExport(b, d)
	registerAppraisalActions(b, d)
}

// registerAppraisalActions adds the buttons of the prompt and the rating card and their
// modals.
func registerAppraisalActions(b *bot.Bot, d Deps) {
	a := d.Appraisals
	b.AddAction(bot.Action{ID: view.ActionAppraisalSelf, Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
		id, err := view.ParseAppraisalValue(r.Action.Value)
		if err != nil {
			return nil, badValue()
		}
		c, err := a.Open(ctx, r.Actor, id)
		if err != nil {
			return nil, err
		}
		return nil, r.OpenView(ctx, view.AppraisalSelfForm(r.L, a.CardOf(c), r.TZ))
	}})
	b.AddAction(bot.Action{ID: view.ActionAppraisalRate, Roles: []domain.Role{domain.RoleSupervisor}, Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
		id, err := view.ParseAppraisalValue(r.Action.Value)
		if err != nil {
			return nil, badValue()
		}
		c, err := a.ForRating(ctx, r.Actor, id)
		if err != nil {
			return nil, err
		}
		return nil, r.OpenView(ctx, view.AppraisalRateForm(r.L, a.CardOf(c), r.TZ))
	}})
	b.AddView(bot.View{CallbackID: view.CallbackAppraisalSelf, Submit: func(ctx context.Context, r *bot.Request) (*slack.ViewSubmissionResponse, error) {
		id, err := view.ParseAppraisalValue(r.Interaction.View.PrivateMetadata)
		if err != nil {
			return nil, badValue()
		}
		c, err := a.SubmitSelf(ctx, r.Actor, id, appraisal.SelfInput{Achievements: r.Value(appraisal.FieldAchievements),
			Shortcomings: r.Value(appraisal.FieldShortcomings), Measures: r.Value(appraisal.FieldMeasures), Scores: scoreValues(r)})
		if err != nil {
			return nil, err
		}
		return nil, r.Notify(ctx, text(r.L.T("appraisal.self.submitted", c.Month)))
	}})
	b.AddView(bot.View{CallbackID: view.CallbackAppraisalRate, Roles: []domain.Role{domain.RoleSupervisor}, Submit: func(ctx context.Context, r *bot.Request) (*slack.ViewSubmissionResponse, error) {
		id, err := view.ParseAppraisalValue(r.Interaction.View.PrivateMetadata)
		if err != nil {
			return nil, badValue()
		}
		c, err := a.Rate(ctx, r.Actor, id, appraisal.RatingInput{Scores: scoreValues(r), Comment: r.Value(appraisal.FieldComment)})
		if err != nil {
			return nil, err
		}
		return nil, r.Notify(ctx, text(r.L.T("appraisal.rated", r.L.Mention(c.Assistant), c.Month, appraisal.Tenths(c.Result.Total), string(c.Result.Tier))))
	}})
}

func scoreValues(r *bot.Request) map[string]string {
	out := map[string]string{}
	for _, f := range appraisal.RatingFields() {
		out[f] = r.Value(f)
	}
	return out
}

// userMonthArgs reads "[@user] [month]" in either order; the user defaults to the asker
// (unless required) and the month to the last appraised one.
func userMonthArgs(r *bot.Request, a *appraisal.Service, args bot.Args, userRequired bool) (string, appraisal.Month, error) {
	user, month := "", ""
	for _, w := range args {
		if u, ok := bot.ParseUser(w); ok && user == "" {
			user = u
		} else if month == "" && w != "" && unicode.IsDigit(rune(w[0])) {
			month = w
		} else {
			return "", appraisal.Month{}, r.Usage()
		}
	}
	if user == "" {
		if userRequired {
			return "", appraisal.Month{}, r.Usage()
		}
		user = r.Actor.UserID
	}
	m, err := monthArg(a, month)
	return user, m, err
}

func monthArg(a *appraisal.Service, s string) (appraisal.Month, error) {
	if strings.TrimSpace(s) == "" {
		return a.DefaultMonth(), nil
	}
	return appraisal.ParseMonth(s)
}
