package handlers

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"storeops/bot"
	"storeops/bot/i18n"
	"storeops/domain"
	"storeops/domain/metrics"
	"storeops/metricsfile"
	"storeops/orderfile"
)

// Store figures (SPEC §5): `/ops metrics show`, `/ops store kpi`, and the commands of the
// figures import (metrics_import.go).

// metricsKind marks an armed import as one of store figures: it shares the orders' memo, so
// that the last `/ops import …` a person ran decides what their next file is.
const metricsKind = "metrics"

// maxShownSKUs is how many SKUs `/ops metrics show` lists.
const maxShownSKUs = 5

func registerMetrics(b *bot.Bot, d Deps) {
	if d.Metrics == nil {
		return
	}
	b.AddCommand(bot.Command{Area: "metrics", Path: "metrics show", Usage: "<store> <date>", Summary: "help.metrics.show", Roles: team(),
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			if len(r.Args) != 2 {
				return nil, r.Usage()
			}
			days, err := d.Metrics.Show(ctx, r.Args[0], r.Args[1])
			if err != nil {
				return nil, err
			}
			return text(showDays(r.L, days, r.StoreTZ())), nil
		}})
	b.AddCommand(bot.Command{Area: "store", Path: "store kpi", Usage: "<code> conversion=buyers|sessions", Summary: "help.store.kpi",
		Roles: []domain.Role{domain.RoleAdmin, domain.RoleSupervisor}, Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			if len(r.Args) != 2 {
				return nil, r.Usage()
			}
			name, value, ok := strings.Cut(r.Args[1], "=")
			if !ok || !strings.EqualFold(strings.TrimSpace(name), "conversion") {
				return nil, domain.Errorf(domain.EINVALID, "store.kpi.usage")
			}
			st, err := d.Stores.SetConversionBasis(ctx, r.Actor, r.Args[0], value)
			if err != nil {
				return nil, err
			}
			return text(r.L.T("store.kpi.set", st.Code, r.L.T("store.kpi.basis."+st.Basis()))), nil
		}})
	b.AddCommand(bot.Command{Area: "import", Path: "import metrics", Usage: "[store]", Summary: "help.import.metrics", Roles: importers(),
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			if len(r.Args) > 1 {
				return nil, r.Usage()
			}
			st, err := commandStore(ctx, d, r)
			if err != nil {
				return nil, err
			}
			if err := r.Remember(ctx, importMemo, st.Code+" "+r.ChannelID+" "+metricsKind, importArmed); err != nil {
				return nil, err
			}
			return text(r.L.T("import.metrics.ready", st.Code, int(importArmed.Minutes()))), nil
		}})
	b.AddCommand(bot.Command{Area: "import", Path: "import template metrics", Usage: "[xlsx|csv]", Summary: "help.import.template.metr", Roles: importers(),
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			format := orderfile.FormatXLSX
			if len(r.Args) > 0 {
				format = strings.ToLower(strings.TrimPrefix(r.Args[0], "."))
			}
			if len(r.Args) > 1 || (format != orderfile.FormatXLSX && format != orderfile.FormatCSV) {
				return nil, domain.Errorf(domain.EINVALID, "import.template.format", r.Args.Rest(0))
			}
			data, err := metricsfile.Template(format)
			if err != nil {
				return nil, err
			}
			name := metricsfile.TemplateName(format)
			if err := r.UploadFile(ctx, name, r.L.T("import.metrics.template.title"), r.L.T("import.metrics.template.comment"), data); err != nil {
				return nil, err
			}
			return text(r.L.T("import.template.sent", name)), nil
		}})
}

// showDays says a store's days of a date: each figure with where it came from, and the top
// SKUs of the overall day.
func showDays(l i18n.Localizer, days []metrics.Day, tz *time.Location) string {
	var b strings.Builder
	for n, d := range days {
		if n > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(l.T("metrics.show.title", d.StoreCode, metrics.FormatDate(d.Date), string(d.Source)))
		values := map[string]string{
			metrics.FieldVisitors: fmt.Sprint(d.Visitors), metrics.FieldSessions: fmt.Sprint(d.Sessions),
			metrics.FieldPageViews: fmt.Sprint(d.PageViews), metrics.FieldPayingBuyers: fmt.Sprint(d.PayingBuyers),
			metrics.FieldPaidOrders: fmt.Sprint(d.PaidOrders), metrics.FieldPaidAmount: d.PaidAmount.String(),
			metrics.FieldRefundedOrders: fmt.Sprint(d.RefundedOrders), metrics.FieldRefundedAmount: d.RefundedAmount.String(),
		}
		for _, f := range metrics.Figures() {
			origin := metrics.OriginPlatform
			if o, ok := d.Origins[f]; ok {
				origin = o
			}
			b.WriteString("\n" + l.T("metrics.show.figure", l.T("metrics.figure."+f), values[f], l.T("metrics.origin."+string(origin))))
		}
		if len(d.SKUs) > 0 {
			b.WriteString("\n" + l.T("metrics.show.skus", len(d.SKUs)))
			for _, s := range topSKUs(d.SKUs, maxShownSKUs) {
				b.WriteString("\n" + l.T("metrics.show.sku", s.SKU, s.Units, s.PaidAmount.String()))
			}
		}
		b.WriteString("\n" + l.T("metrics.show.updated", mention(d.UpdatedBy), d.UpdatedAt.In(tz).Format("2006-01-02 15:04")))
	}
	return b.String()
}

// mention shows a Slack user as a mention and an API actor ("api:TM01") as it is.
func mention(user string) string {
	if strings.HasPrefix(user, "U") || strings.HasPrefix(user, "W") {
		return "<@" + user + ">"
	}
	return user
}

// topSKUs are the n SKUs of a day with the highest paid amount.
func topSKUs(skus []metrics.SKUDay, n int) []metrics.SKUDay {
	out := slices.Clone(skus)
	slices.SortStableFunc(out, func(a, b metrics.SKUDay) int { return cmp.Compare(b.PaidAmount, a.PaidAmount) })
	return out[:min(n, len(out))]
}
