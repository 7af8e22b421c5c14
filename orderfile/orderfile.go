// Package orderfile reads order exports (CSV and XLSX) into order inputs, and writes the
// template an assistant fills in. It maps the columns by their headers, in English and in
// the common Chinese (simplified and traditional) of the platforms' exports, and leaves every
// judgement of the values to order.Input.Parse, so that a file and the ingestion API accept
// and refuse the same orders. It knows nothing of Slack or storage.
package orderfile

import (
	"encoding/json"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"storeops/domain"
	"storeops/domain/order"
)

// MaxRows is the most data rows a file may have.
const MaxRows = 50_000

// headerSearch is how many non-empty rows at the top of a file may come before the header
// (a title, the export's date range).
const headerSearch = 10

// Formats a file may have, by its name's extension.
const (
	FormatCSV  = "csv"
	FormatXLSX = "xlsx"
)

// Row is one order of a file: its input for order.Service.Ingest and where it came from.
// Several rows with the same order id are the lines of one order; the order's own columns
// (buyer, address, amounts, times …) are taken from its first row.
type Row struct {
	// Number is the 1-based row of the order's first line in the file.
	Number int
	// Lines are the rows of the order's items: Lines[i] is the row of Input.Items[i].
	Lines []int
	Input order.Input
	l     *layout
}

// itemField matches an item problem's field, "items[2].quantity".
var itemField = regexp.MustCompile(`^items\[(\d+)\](?:\.(.+))?$`)

// PathField is the field of a problem's path: "items[1].quantity" → "items.quantity";
// other paths are fields already.
func PathField(path string) string {
	if m := itemField.FindStringSubmatch(path); m != nil {
		if m[2] == "" {
			return "items"
		}
		return "items." + m[2]
	}
	return path
}

// Locate says where a problem of the order is in the file: the row, and the column as the
// file names it ("" when the file has no such column, e.g. a required time). field is a
// path of order.Input as Parse names it ("items[1].quantity", "created_at").
func (r Row) Locate(field string) (row int, column string) {
	row = r.Number
	if m := itemField.FindStringSubmatch(field); m != nil {
		if i, err := strconv.Atoi(m[1]); err == nil && i < len(r.Lines) {
			row = r.Lines[i]
		}
	}
	if r.l != nil {
		column = r.l.header(PathField(field))
	}
	return row, column
}

// FormatOf returns the format of a file by its name, or "" when it is not one StoreOps
// reads.
func FormatOf(name string) string {
	switch strings.ToLower(path.Ext(strings.TrimSpace(name))) {
	case ".csv", ".txt", ".tsv":
		return FormatCSV
	case ".xlsx", ".xlsm":
		return FormatXLSX
	}
	return ""
}

// Read reads the orders of a CSV or XLSX file; name tells the format by its extension. tz is
// the zone of times written without one ("2026-11-11 00:05:00", Excel dates): the store's.
// Errors are *domain.Error with a message for the person who sent the file: an unsupported
// format, a file that cannot be read, a missing required column (order id, SKU, quantity),
// no rows, too many rows.
func Read(r io.Reader, name string, tz *time.Location) ([]Row, error) {
	if tz == nil {
		tz = time.UTC
	}
	switch FormatOf(name) {
	case FormatCSV:
		return readCSV(r, tz)
	case FormatXLSX:
		return readXLSX(r, tz)
	}
	return nil, domain.Errorf(domain.EINVALID, "import.format.unsupported", path.Base(name))
}

// rowSource yields a file's rows in order, each with its 1-based number; ok is false at the
// end.
type rowSource func() (number int, cells []string, ok bool, err error)

// assembler builds orders from data rows.
type assembler struct {
	l        layout
	tz       *time.Location
	date1904 bool
	rows     []Row
	byID     map[string]int
	data     int
	split    bool // the file has one address column: split province, city and district off it
}

// read finds the header among the first rows and assembles the rows below it.
func read(next rowSource, tz *time.Location, date1904 bool) ([]Row, error) {
	var first []string
	seen := 0
	var a *assembler
	for {
		n, cells, ok, err := next()
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		if blank(cells) {
			continue
		}
		if a == nil {
			l := readHeader(cells)
			if l.has(FieldOrderID) {
				if missing := l.missing(); len(missing) > 0 {
					return nil, domain.Errorf(domain.EINVALID, "import.columns.missing", strings.Join(missing, ", "))
				}
				a = &assembler{l: l, tz: tz, date1904: date1904, byID: map[string]int{},
					split: l.has(FieldStreet) && !l.has(FieldProvince) && !l.has(FieldCity) && !l.has(FieldDistrict)}
				continue
			}
			if first == nil {
				first = cells
			}
			if seen++; seen >= headerSearch {
				break
			}
			continue
		}
		if a.data++; a.data > MaxRows {
			return nil, domain.Errorf(domain.EINVALID, "import.rows.too_many", MaxRows)
		}
		a.add(n, cells)
	}
	if a == nil {
		if first == nil {
			return nil, domain.Errorf(domain.EINVALID, "import.file.empty")
		}
		return nil, domain.Errorf(domain.EINVALID, "import.columns.missing", strings.Join(readHeader(first).missing(), ", "))
	}
	if len(a.rows) == 0 {
		return nil, domain.Errorf(domain.EINVALID, "import.rows.none")
	}
	for i := range a.rows {
		fillGoods(&a.rows[i].Input)
	}
	return a.rows, nil
}

func blank(cells []string) bool {
	for _, c := range cells {
		if cell(c) != "" {
			return false
		}
	}
	return true
}

// add puts a data row into its order: a new order for a new id (or no id, which the order's
// check refuses on its own row), another line for an id already seen.
func (a *assembler) add(n int, cells []string) {
	get := func(field string) string {
		i, ok := a.l.at[field]
		if !ok || i >= len(cells) {
			return ""
		}
		return cells[i]
	}
	id := cell(get(FieldOrderID))
	item := order.ItemInput{SKU: cell(get(FieldSKU)), Quantity: json.Number(quantity(get(FieldQuantity))),
		UnitPrice: json.Number(amount(get(FieldUnitPrice)))}
	if i, ok := a.byID[id]; ok && id != "" {
		r := &a.rows[i]
		r.Input.Items = append(r.Input.Items, item)
		r.Lines = append(r.Lines, n)
		return
	}
	in := order.Input{
		StoreCode:       cell(get(FieldStore)),
		PlatformOrderID: id,
		Buyer:           order.Buyer{Name: cell(get(FieldBuyerName)), Phone: cell(get(FieldBuyerPhone)), PlatformID: cell(get(FieldBuyerPlatformID))},
		Address: order.Address{Province: cell(get(FieldProvince)), City: cell(get(FieldCity)), District: cell(get(FieldDistrict)),
			Street: cell(get(FieldStreet)), Postcode: cell(get(FieldPostcode))},
		Items: []order.ItemInput{item},
		Amounts: order.AmountInput{Goods: json.Number(amount(get(FieldGoods))), Shipping: json.Number(amount(get(FieldShipping))),
			Discount: json.Number(amount(get(FieldDiscount))), Paid: json.Number(amount(get(FieldPaid)))},
		PaymentMethod: cell(get(FieldPaymentMethod)),
		PaymentStatus: paymentStatus(get(FieldPaymentStatus)),
		BuyerRemark:   cell(get(FieldBuyerRemark)),
		CreatedAt:     timeValue(get(FieldCreatedAt), a.tz, a.date1904),
		PaidAt:        timeValue(get(FieldPaidAt), a.tz, a.date1904),
	}
	if a.split {
		in.Address.Province, in.Address.City, in.Address.District, in.Address.Street = splitAddress(in.Address.Street)
	}
	if id != "" {
		a.byID[id] = len(a.rows)
	}
	a.rows = append(a.rows, Row{Number: n, Lines: []int{n}, Input: in, l: &a.l})
}

// fillGoods computes the goods amount of an order that does not give it, from its lines,
// when every line has a readable quantity and unit price; otherwise the order's check says
// what is missing.
func fillGoods(in *order.Input) {
	if in.Amounts.Goods != "" {
		return
	}
	var sum domain.Money
	for _, it := range in.Items {
		q, err := it.Quantity.Int64()
		if err != nil || q < 1 || q > order.MaxQuantity || it.UnitPrice == "" {
			return
		}
		p, err := domain.ParseMoney(it.UnitPrice.String())
		if err != nil || p < 0 {
			return
		}
		sum += p * domain.Money(q)
	}
	in.Amounts.Goods = json.Number(sum.String())
}
