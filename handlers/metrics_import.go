package handlers

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"storeops/bot"
	"storeops/bot/i18n"
	"storeops/domain/metrics"
	"storeops/metricsfile"
)

// importMetricsShared imports a file of store figures after `/ops import metrics` (armed is
// "STORE CHANNEL"): the same plumbing as the orders' import (who may, which store, the
// download, the DM), but all or nothing: a file with a wrong row stores nothing, and the
// reply lists every wrong row with its reasons.
func importMetricsShared(ctx context.Context, d Deps, ev bot.Event, sf bot.SharedFile, r *bot.Request, armed string) error {
	armedStore, armedChannel, _ := strings.Cut(armed, " ")
	if !sf.DM() && armedChannel != sf.Channel {
		return nil // a file shared among people, not with StoreOps
	}
	if d.Metrics == nil {
		return nil
	}
	lctx, cancel := ev.LongContext(importTimeout)
	defer cancel()
	f, st, data, ok, err := fetchShared(ctx, lctx, d, r, sf, armedStore)
	if !ok {
		return err
	}
	tell := teller(r)
	rows, err := metricsfile.Read(bytes.NewReader(data), f.Name)
	if err != nil {
		return tell(lctx, err)
	}
	if err := r.DirectMessage(lctx, text(r.L.T("import.metrics.started", f.Name, st.Code, len(rows)))); err != nil {
		return err
	}
	inputs := make([]metrics.Input, len(rows))
	for i, row := range rows {
		inputs[i] = row.Input
		// A store column may name the store by its name, as exports write it.
		if s := strings.TrimSpace(inputs[i].Store); strings.EqualFold(s, st.Code) || strings.EqualFold(s, st.Name) {
			inputs[i].Store = st.Code
		}
	}
	results, err := d.Metrics.Import(lctx, r.Actor, st.Code, inputs)
	if err != nil {
		if terr := tell(context.WithoutCancel(lctx), err); terr != nil {
			return fmt.Errorf("import figures %s into %s: %w", f.Name, st.Code, terr)
		}
		return nil
	}
	return r.DirectMessage(context.WithoutCancel(lctx), text(metricsSummary(r.L, f.Name, st.Code, rows, results)))
}

// metricsSummary says what a figures import did: the counts when it was stored, else every
// rejected row with its reasons (the first maxListed, then a count).
func metricsSummary(l i18n.Localizer, file, storeCode string, rows []metricsfile.Row, results []metrics.Result) string {
	var b strings.Builder
	rejected := metrics.Rejected(results)
	if rejected == 0 {
		counts := map[metrics.Outcome]int{}
		derived := 0
		for _, res := range results {
			counts[res.Outcome]++
			if len(res.Day.Origins) > 0 {
				derived++
			}
		}
		b.WriteString(l.T("import.metrics.stored", file, storeCode, len(results), counts[metrics.OutcomeCreated],
			counts[metrics.OutcomeReplaced], counts[metrics.OutcomeUnchanged]))
		if derived > 0 {
			b.WriteString("\n" + l.T("import.metrics.derived", derived))
		}
		return b.String()
	}
	b.WriteString(l.T("import.metrics.rejected", file, rejected, len(results)))
	listed := 0
	for i, res := range results {
		if res.Outcome != metrics.OutcomeRejected {
			continue
		}
		line := "\n" + rejectedDay(l, rows[i], res)
		if listed >= maxListed || b.Len()+len(line) > maxSummary-200 {
			b.WriteString("\n" + l.T("import.summary.more", rejected-listed))
			break
		}
		b.WriteString(line)
		listed++
	}
	return b.String()
}

// rejectedDay is one rejected day: its row, date and source, and each problem with the
// file's column (or the template's, or the field's label) and, for a SKU on another row,
// that row.
func rejectedDay(l i18n.Localizer, row metricsfile.Row, res metrics.Result) string {
	reasons := make([]string, 0, len(res.Problems))
	for _, p := range res.Problems {
		at, column := row.Locate(p.Field)
		if column == "" {
			column = metricsfile.Header(p.Field)
		}
		if column == "" {
			column = l.FieldLabel(p.Field)
		}
		if at != row.Number {
			reasons = append(reasons, l.T("import.summary.problem_at", column, at, l.Problem(p)))
		} else {
			reasons = append(reasons, l.T("import.summary.problem", column, l.Problem(p)))
		}
	}
	what := strings.TrimSpace(res.Date + " " + res.Source)
	return l.T("import.metrics.row", row.Number, cut(what, 40), cut(strings.Join(reasons, "; "), 600))
}
