package handlers

import (
	"bytes"
	"context"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"storeops/bot"
	"storeops/bot/i18n"
	"storeops/domain"
	"storeops/domain/order"
	"storeops/domain/store"
	"storeops/orderfile"
)

// Order files. An assistant or supervisor shares a CSV or XLSX export with the bot; the
// orders go through order.Service.Ingest like the API's, with the person as the actor, and
// the person gets a summary in their DM.
//
// Which store a file is for, in this order:
//  1. the file's name, when it starts with a store code: TM01-orders.xlsx, TM01_1111.csv;
//  2. the store of the person's last `/ops import orders <store>`, for 30 minutes;
//  3. the only store, when there is one.
//
// Where a file is taken: every CSV or XLSX file shared in a DM with the bot; in a channel,
// only within those 30 minutes of `/ops import orders` run in that channel, so that a
// spreadsheet shared with colleagues is not imported by surprise. If the name and the
// command disagree, nothing is imported and the person is told.
const (
	importMemo    = "import.orders"
	importArmed   = 30 * time.Minute
	importTimeout = 20 * time.Minute
	// maxImportBytes bounds the download; a 50,000-row export is a few MB.
	maxImportBytes = 32 << 20
	// maxListed is how many rejected orders the summary names; the rest are counted.
	maxListed = 20
	// maxSummary keeps the summary under Slack's 4000 characters for a message.
	maxSummary = 3900
)

func importers() []domain.Role { return []domain.Role{domain.RoleAssistant, domain.RoleSupervisor} }

func registerImports(b *bot.Bot, d Deps) {
	b.AddCommand(bot.Command{Area: "import", Path: "import orders", Usage: "[store]", Summary: "help.import.orders", Roles: importers(),
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			if len(r.Args) > 1 {
				return nil, r.Usage()
			}
			st, err := commandStore(ctx, d, r)
			if err != nil {
				return nil, err
			}
			if err := r.Remember(ctx, importMemo, st.Code+" "+r.ChannelID, importArmed); err != nil {
				return nil, err
			}
			return text(r.L.T("import.orders.ready", st.Code, int(importArmed.Minutes()), r.StoreTZ().String())), nil
		}})
	b.AddCommand(bot.Command{Area: "import", Path: "import template orders", Usage: "[xlsx|csv]", Summary: "help.import.template", Roles: importers(),
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			format := orderfile.FormatXLSX
			if len(r.Args) > 0 {
				format = strings.ToLower(strings.TrimPrefix(r.Args[0], "."))
			}
			if len(r.Args) > 1 || (format != orderfile.FormatXLSX && format != orderfile.FormatCSV) {
				return nil, domain.Errorf(domain.EINVALID, "import.template.format", r.Args.Rest(0))
			}
			data, err := orderfile.Template(format)
			if err != nil {
				return nil, err
			}
			if err := r.UploadFile(ctx, orderfile.TemplateName(format), r.L.T("import.template.title"), r.L.T("import.template.comment"), data); err != nil {
				return nil, err
			}
			return text(r.L.T("import.template.sent", orderfile.TemplateName(format))), nil
		}})
	b.OnEvent("file_shared", func(ctx context.Context, ev bot.Event) error {
		return importShared(ctx, d, ev)
	})
}

// commandStore is the store `/ops import orders` names, or the only one.
func commandStore(ctx context.Context, d Deps, r *bot.Request) (store.Store, error) {
	if len(r.Args) == 1 {
		return d.Stores.Find(ctx, r.Args[0])
	}
	stores, err := d.Stores.List(ctx)
	if err != nil {
		return store.Store{}, err
	}
	switch len(stores) {
	case 0:
		return store.Store{}, domain.Errorf(domain.EINVALID, "import.store.none")
	case 1:
		return stores[0], nil
	}
	return store.Store{}, domain.Errorf(domain.EINVALID, "import.store.which", storeCodes(stores))
}

func storeCodes(stores []store.Store) string {
	codes := make([]string, len(stores))
	for i, s := range stores {
		codes[i] = s.Code
	}
	return strings.Join(codes, ", ")
}

// importShared imports a shared file when it is one for StoreOps (see the top of the file).
// Everything after the first checks happens after Slack's ack, with its own long timeout;
// every outcome is told in the person's DM.
func importShared(ctx context.Context, d Deps, ev bot.Event) error {
	sf, ok := ev.SharedFile()
	if !ok {
		return nil
	}
	ev = ev.ForUser(sf.User, sf.Channel)
	r, err := ev.Request(ctx)
	if err != nil {
		return err
	}
	armed, err := r.Recall(ctx, importMemo)
	if err != nil {
		return err
	}
	if figures, ok := strings.CutSuffix(armed, " "+metricsKind); ok {
		return importMetricsShared(ctx, d, ev, sf, r, figures) // metrics_import.go
	}
	armedStore, armedChannel, _ := strings.Cut(armed, " ")
	if !sf.DM() && (armedStore == "" || armedChannel != sf.Channel) {
		return nil // a file shared among people, not with StoreOps
	}
	lctx, cancel := ev.LongContext(importTimeout)
	defer cancel()
	f, st, data, ok, err := fetchShared(ctx, lctx, d, r, sf, armedStore)
	if !ok {
		return err
	}
	tell := teller(r)
	started := time.Now()
	rows, err := orderfile.Read(bytes.NewReader(data), f.Name, r.StoreTZ())
	if err != nil {
		return tell(lctx, err)
	}
	if err := r.DirectMessage(lctx, text(r.L.T("import.started", f.Name, st.Code, len(rows)))); err != nil {
		return err
	}
	results, failed := ingestRows(lctx, d, r.Actor, st, rows)
	summary := importSummary(r.L, f.Name, st.Code, rows, results, failed, time.Since(started))
	if err := r.DirectMessage(context.WithoutCancel(lctx), text(summary)); err != nil {
		return err
	}
	if failed != nil && domain.ErrorCode(failed) == domain.EINTERNAL {
		return fmt.Errorf("import %s into %s: %w", f.Name, st.Code, failed)
	}
	return nil
}

// teller tells the person who shared a file what went wrong, in their DM, and passes an
// internal error on for the log.
func teller(r *bot.Request) func(ctx context.Context, err error) error {
	return func(ctx context.Context, err error) error {
		if derr := r.DirectMessage(ctx, text(r.L.Error(err))); derr != nil {
			return derr
		}
		if domain.ErrorCode(err) == domain.EINTERNAL {
			return err // for the log
		}
		return nil
	}
}

// fetchShared does what every import of a shared file does first: it checks that the person
// may import, finds the file and its store (armedStore when the command named one), and
// downloads it, all within lctx, Slack's ack long past. ok false means it stopped: it has
// told the person why in their DM, and err is only for the log.
func fetchShared(ctx, lctx context.Context, d Deps, r *bot.Request, sf bot.SharedFile, armedStore string) (f bot.File, st store.Store, data []byte, ok bool, err error) {
	tell := teller(r)
	if !slices.ContainsFunc(importers(), r.Actor.Has) {
		return f, st, nil, false, tell(ctx, domain.Errorf(domain.EFORBIDDEN, "error.needs_role", "assistant / supervisor"))
	}
	if f, err = r.FileInfo(lctx, sf.ID); err != nil {
		return f, st, nil, false, tell(lctx, err)
	}
	if orderfile.FormatOf(f.Name) == "" {
		return f, st, nil, false, tell(lctx, domain.Errorf(domain.EINVALID, "import.format.unsupported", f.Name))
	}
	if st, err = fileStore(lctx, d, f.Name, armedStore); err != nil {
		return f, st, nil, false, tell(lctx, err)
	}
	if data, err = r.DownloadFile(lctx, f, maxImportBytes); err != nil {
		return f, st, nil, false, tell(lctx, err)
	}
	return f, st, data, true, nil
}

// storePrefix is a store code at the start of a file name, before - _ space or a dot.
var storePrefix = regexp.MustCompile(`^([A-Za-z0-9][A-Za-z0-9_-]{0,19}?)[-_ .]`)

// fileStore decides which store a file is for: its name's prefix, the armed store, or the
// only store; a name and an armed store that disagree are refused.
func fileStore(ctx context.Context, d Deps, name, armed string) (store.Store, error) {
	var named store.Store
	if m := storePrefix.FindStringSubmatch(path.Base(name)); m != nil {
		st, err := d.Stores.Find(ctx, m[1])
		switch {
		case err == nil:
			named = st
		case domain.ErrorCode(err) != domain.ENOTFOUND:
			return store.Store{}, err
		}
	}
	switch {
	case named.Code != "" && armed != "" && named.Code != armed:
		return store.Store{}, domain.Errorf(domain.EINVALID, "import.store.conflict", name, named.Code, armed)
	case named.Code != "":
		return named, nil
	case armed != "":
		return d.Stores.Find(ctx, armed)
	}
	stores, err := d.Stores.List(ctx)
	if err != nil {
		return store.Store{}, err
	}
	switch len(stores) {
	case 0:
		return store.Store{}, domain.Errorf(domain.EINVALID, "import.store.none")
	case 1:
		return stores[0], nil
	}
	return store.Store{}, domain.Errorf(domain.EINVALID, "import.store.unknown", name, storeCodes(stores))
}

// ingestRows hands the orders to the service in batches of order.MaxBatch, each order its
// own transaction. A store column that names the store (its code or its name, as exports
// write it) is the store; any other value is left for the service to refuse. On an error
// the results so far are returned with it.
func ingestRows(ctx context.Context, d Deps, actor domain.Actor, st store.Store, rows []orderfile.Row) ([]order.Result, error) {
	inputs := make([]order.Input, len(rows))
	for i, row := range rows {
		in := row.Input
		if s := strings.TrimSpace(in.StoreCode); strings.EqualFold(s, st.Code) || strings.EqualFold(s, st.Name) {
			in.StoreCode = st.Code
		}
		inputs[i] = in
	}
	results := make([]order.Result, 0, len(rows))
	for start := 0; start < len(inputs); start += order.MaxBatch {
		batch := inputs[start:min(start+order.MaxBatch, len(inputs))]
		res, err := d.Orders.Ingest(ctx, actor, st.Code, batch)
		if err != nil {
			return results, err
		}
		results = append(results, res...)
	}
	return results, nil
}

// importSummary says what an import did: counts, the held orders, and the rejected ones
// with their rows, columns and reasons (the first maxListed, then a count).
func importSummary(l i18n.Localizer, file, storeCode string, rows []orderfile.Row, results []order.Result, failed error, took time.Duration) string {
	lines := 0
	for _, r := range rows {
		lines += len(r.Lines)
	}
	var created, updated, unchanged, held int
	var rejected []int
	for i, res := range results {
		switch res.Outcome {
		case order.OutcomeCreated:
			created++
		case order.OutcomeUpdated:
			updated++
		case order.OutcomeUnchanged:
			unchanged++
		case order.OutcomeRejected:
			rejected = append(rejected, i)
		}
		if (res.Outcome == order.OutcomeCreated || res.Outcome == order.OutcomeUpdated) && res.Order.Status == order.StatusHeld {
			held++
		}
	}
	var b strings.Builder
	b.WriteString(l.T("import.summary.title", file, storeCode, len(rows), lines, roundDuration(took)))
	b.WriteString("\n" + l.T("import.summary.counts", created, updated, unchanged, len(rejected)))
	if held > 0 {
		b.WriteString("\n" + l.T("import.summary.held", held))
	}
	if failed != nil {
		b.WriteString("\n" + l.T("import.summary.stopped", len(results), len(rows), l.Error(failed)))
	}
	if len(rejected) > 0 {
		b.WriteString("\n" + l.T("import.summary.rejected"))
	}
	for n, i := range rejected {
		line := "\n" + rejectedLine(l, rows[i], results[i])
		if n >= maxListed || b.Len()+len(line) > maxSummary-200 {
			b.WriteString("\n" + l.T("import.summary.more", len(rejected)-n))
			break
		}
		b.WriteString(line)
	}
	return b.String()
}

// rejectedLine is one rejected order: its first row, its id, and each problem with the
// file's column (or the template's, for a column the file lacks) and, for an item on
// another row, that row.
func rejectedLine(l i18n.Localizer, row orderfile.Row, res order.Result) string {
	id := row.Input.PlatformOrderID
	if id == "" {
		id = l.T("import.summary.no_id")
	}
	reasons := make([]string, 0, len(res.Problems))
	for _, p := range res.Problems {
		at, column := row.Locate(p.Field)
		if column == "" {
			column = orderfile.Header(orderfile.PathField(p.Field))
		}
		if column == "" {
			column = l.FieldLabel(p.Field)
		}
		msg := l.Problem(p)
		if p.Key == "order.time.invalid" {
			// The order's message speaks to API clients (RFC 3339); a file has more forms.
			msg = l.Problem(domain.Problem{Key: "import.time.invalid", Args: p.Args})
		}
		if at != row.Number {
			reasons = append(reasons, l.T("import.summary.problem_at", column, at, msg))
		} else {
			reasons = append(reasons, l.T("import.summary.problem", column, msg))
		}
	}
	return l.T("import.summary.row", row.Number, cut(id, 64), cut(strings.Join(reasons, "; "), 400))
}

// cut shortens s to n characters with an ellipsis.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// roundDuration shows a duration to a tenth of a second, or to the millisecond below one.
func roundDuration(d time.Duration) string {
	if d < time.Second {
		return d.Round(time.Millisecond).String()
	}
	return d.Round(100 * time.Millisecond).String()
}
