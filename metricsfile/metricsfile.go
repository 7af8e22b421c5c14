// Package metricsfile reads store-figure exports (CSV and XLSX) into metrics inputs, and
// writes the template an assistant fills in. It opens files and maps headers as orderfile
// does (the same formats, encodings and header folding) and leaves every judgement of the
// values to metrics.Input.Parse, so that a file and the API accept and refuse the same days.
//
// The format: one row per store day and source (日期, 来源 and the figures); rows with a
// 商品编码 / SKU are that date's SKU rows, whose 访客数, 支付买家数, 支付件数 and 支付金额
// are the SKU's. A SKU row belongs to the overall day of its date.
package metricsfile

import (
	"io"
	"strconv"
	"strings"
	"time"

	"storeops/domain"
	"storeops/domain/metrics"
	"storeops/orderfile"
)

// MaxRows is the most data rows a file may have (MaxBatch days with their SKU rows).
const MaxRows = 50_000

// headerSearch is how many non-empty rows may come before the header (a title, a period).
const headerSearch = 10

// Row is one day of a file: its input and where it came from.
type Row struct {
	// Number is the 1-based row of the day in the file, or of its first SKU row when the
	// day has no row of its own.
	Number int
	// SKULines are the rows of Input.SKUs: SKULines[i] is the row of Input.SKUs[i].
	SKULines []int
	Input    metrics.Input
	l        *layout
}

// Locate says where a problem of the day is in the file: the row and the file's own header
// of the column ("" when the file has no such column). field is a path as Parse names it
// ("skus[1].units", "visitors").
func (r Row) Locate(field string) (row int, column string) {
	row, f := r.Number, field
	if rest, ok := strings.CutPrefix(field, "skus["); ok {
		idx, after, _ := strings.Cut(rest, "]")
		if n, err := strconv.Atoi(idx); err == nil && n >= 0 && n < len(r.SKULines) {
			row = r.SKULines[n]
		}
		switch f = strings.TrimPrefix(after, "."); f {
		case "buyers":
			f = metrics.FieldPayingBuyers
		case "", "skus":
			f = FieldSKU
		}
	}
	if r.l != nil {
		column = r.l.header(f)
	}
	return row, column
}

type layout struct {
	at      map[string]int
	headers []string
}

func (l layout) header(field string) string {
	if i, ok := l.at[field]; ok {
		return l.headers[i]
	}
	return ""
}

// Read reads the days of a CSV or XLSX file (name tells the format). Errors are
// *domain.Error for the person who sent the file.
func Read(r io.Reader, name string) ([]Row, error) {
	sh, err := orderfile.OpenSheet(r, name)
	if err != nil {
		return nil, err
	}
	defer sh.Close()
	index := aliasIndex()
	var l *layout
	seen, data := 0, 0
	var rows []Row
	byDay := map[string]int{}
	for {
		n, cells, ok, err := sh.Next()
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		if blank(cells) {
			continue
		}
		if l == nil {
			if cand := readHeader(index, cells); cand.has(FieldDate) {
				l = &cand
			} else if seen++; seen >= headerSearch {
				break
			}
			continue
		}
		if data++; data > MaxRows {
			return nil, domain.Errorf(domain.EINVALID, "import.rows.too_many", MaxRows)
		}
		rows = add(rows, byDay, l, n, cells, sh.Date1904)
	}
	if l == nil {
		if seen == 0 {
			return nil, domain.Errorf(domain.EINVALID, "import.file.empty")
		}
		return nil, domain.Errorf(domain.EINVALID, "import.metrics.columns", Header(FieldDate))
	}
	if len(rows) == 0 {
		return nil, domain.Errorf(domain.EINVALID, "import.rows.none")
	}
	return rows, nil
}

func readHeader(index map[string]string, cells []string) layout {
	l := layout{at: map[string]int{}, headers: make([]string, len(cells))}
	for i, h := range cells {
		l.headers[i] = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		if f, ok := FieldOf(index, h); ok {
			if _, taken := l.at[f]; !taken {
				l.at[f] = i
			}
		}
	}
	return l
}

func (l layout) has(field string) bool { _, ok := l.at[field]; return ok }

func blank(cells []string) bool {
	for _, c := range cells {
		if orderfile.Cell(c) != "" {
			return false
		}
	}
	return true
}

// add puts a data row into its day: a day row is a day of its own; a SKU row joins the
// overall day of its date (one is started for it when the date has no day row yet, and
// Parse then refuses it if it never gets figures).
func add(rows []Row, byDay map[string]int, l *layout, n int, cells []string, date1904 bool) []Row {
	get := func(field string) string {
		i, ok := l.at[field]
		if !ok || i >= len(cells) {
			return ""
		}
		return orderfile.Cell(cells[i])
	}
	date := dateValue(get(FieldDate), date1904)
	if sku := get(FieldSKU); sku != "" {
		key := date + "/" + string(metrics.SourceOverall)
		i, ok := byDay[key]
		if !ok || date == "" {
			rows = append(rows, Row{Number: n, Input: metrics.Input{Store: get(FieldStore), Date: date}, l: l})
			i = len(rows) - 1
			if date != "" {
				byDay[key] = i
			}
		}
		r := &rows[i]
		r.Input.SKUs = append(r.Input.SKUs, metrics.SKUInput{SKU: sku, Visitors: count(get(metrics.FieldVisitors)),
			Buyers: count(get(metrics.FieldPayingBuyers)), Units: count(get(FieldUnits)), PaidAmount: money(get(metrics.FieldPaidAmount))})
		r.SKULines = append(r.SKULines, n)
		return rows
	}
	in := metrics.Input{Store: get(FieldStore), Date: date, Source: sourceOf(get(FieldSource)),
		Visitors: count(get(metrics.FieldVisitors)), Sessions: count(get(metrics.FieldSessions)), PageViews: count(get(metrics.FieldPageViews)),
		PayingBuyers: count(get(metrics.FieldPayingBuyers)), PaidOrders: count(get(metrics.FieldPaidOrders)),
		PaidAmount: money(get(metrics.FieldPaidAmount)), RefundedOrders: count(get(metrics.FieldRefundedOrders)),
		RefundedAmount: money(get(metrics.FieldRefundedAmount))}
	src := in.Source
	if src == "" {
		src = string(metrics.SourceOverall)
	}
	key := date + "/" + src
	if i, ok := byDay[key]; ok && date != "" && rows[i].Number == rows[i].firstSKULine() {
		// The day's SKU rows came first: this row is the day they belong to.
		skus, lines := rows[i].Input.SKUs, rows[i].SKULines
		rows[i] = Row{Number: n, Input: in, l: l}
		rows[i].Input.SKUs, rows[i].SKULines = skus, lines
		return rows
	}
	rows = append(rows, Row{Number: n, Input: in, l: l})
	if _, ok := byDay[key]; !ok && date != "" {
		byDay[key] = len(rows) - 1
	}
	return rows
}

// firstSKULine is the row of the day's first SKU row, 0 when it has none; a day whose
// Number is it was started by a SKU row.
func (r Row) firstSKULine() int {
	if len(r.SKULines) == 0 {
		return 0
	}
	return r.SKULines[0]
}

// count cleans a count cell: units written after it (人, 次, 件, 笔) go; the rest is for
// metrics.ParseCount to judge.
func count(s string) metrics.Value {
	return metrics.Value(strings.TrimSpace(strings.TrimRight(s, "人次件笔筆个個单單")))
}

func money(s string) metrics.Value { return metrics.Value(orderfile.Amount(s)) }

// dateValue turns an Excel date serial into 2026-11-28; text passes as written for
// metrics.ParseDate.
func dateValue(s string, date1904 bool) string {
	if t, ok := orderfile.ExcelDate(s, date1904); ok {
		return t.Format(time.DateOnly)
	}
	return s
}
