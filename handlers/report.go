package handlers

import (
	"context"
	"strings"
	"unicode"

	"storeops/bot"
	"storeops/bot/chart"
	"storeops/bot/view"
	"storeops/domain"
	"storeops/domain/report"
	"storeops/reportfile"
)

// registerReports adds the daily, weekly and monthly reports on demand and their XLSX
// export. The domain checks roles again.
func registerReports(b *bot.Bot, d Deps) {
	if d.Reports == nil {
		return
	}
	for _, kind := range []report.PeriodKind{report.KindDay, report.KindWeek, report.KindMonth} {
		b.AddCommand(bot.Command{Area: "report", Path: "report " + string(kind), Usage: "[store] [date|period]",
			Summary: "help.report." + string(kind), Roles: team(),
			Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
				rep, err := periodReport(ctx, d, r, kind)
				if err != nil {
					return nil, err
				}
				text, blocks := view.PeriodReport(r.L, rep)
				return &bot.Reply{Text: text, Blocks: blocks}, nil
			}})
	}
	for _, kind := range []report.PeriodKind{report.KindWeek, report.KindMonth} {
		b.AddCommand(bot.Command{Area: "report", Path: "report export " + string(kind), Usage: "[store] [period]",
			Summary: "help.report.export." + string(kind), Roles: team(),
			Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
				rep, err := periodReport(ctx, d, r, kind)
				if err != nil {
					return nil, err
				}
				var png []byte
				if rep.HasData() {
					if png, err = chart.PNG(rep.Chart()); err != nil {
						return nil, err
					}
				}
				data, err := reportfile.Workbook(r.L, rep, png)
				if err != nil {
					return nil, err
				}
				name := reportfile.Name(rep)
				kindName := r.L.T("report.kind." + string(kind))
				// The workbook goes to the asker alone (a DM), as an on-demand report
				// answers only them.
				dm := *r
				dm.ChannelID = ""
				if err := dm.UploadFile(ctx, name, r.L.T("report.export.title", kindName, rep.Period),
					r.L.T("report.export.comment", kindName, rep.Period), data); err != nil {
					return nil, err
				}
				return text(r.L.T("report.export.sent", name)), nil
			}})
	}
}

// periodReport reads "[store] [period]" in either order (a period starts with a digit or
// is a word such as last-week; a store code does not) and builds the report: of the store,
// or of this channel's stores.
func periodReport(ctx context.Context, d Deps, r *bot.Request, kind report.PeriodKind) (report.PeriodReport, error) {
	if len(r.Args) > 2 {
		return report.PeriodReport{}, domain.Errorf(domain.EINVALID, "report.args")
	}
	var code, period string
	for _, a := range r.Args {
		if isPeriodArg(a) && period == "" {
			period = a
		} else if code == "" {
			code = a
		} else {
			return report.PeriodReport{}, domain.Errorf(domain.EINVALID, "report.args")
		}
	}
	p, err := report.ParsePeriod(kind, period, d.Reports.Today())
	if err != nil {
		return report.PeriodReport{}, err
	}
	return d.Reports.Report(ctx, r.Actor, strings.ToUpper(code), r.ChannelID, p)
}

func isPeriodArg(s string) bool {
	switch strings.ToLower(s) {
	case "yesterday", "today", "last-week", "this-week", "last-month", "this-month":
		return true
	}
	return s != "" && unicode.IsDigit(rune(s[0]))
}
