package orderfile

import (
	"io"
	"path"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"storeops/domain"
)

// The reading of spreadsheets, shared with the other importers (metricsfile): the same
// formats, encodings, limits and header folding as the order files, so that a file that
// opens for one import opens for all.

// Sheet is the rows of a CSV file or of a workbook's first sheet, in order.
type Sheet struct {
	// Date1904 says the workbook counts its date serials from 1904 (ExcelDate needs it).
	Date1904 bool
	next     rowSource
	close    func()
}

// OpenSheet opens a CSV or XLSX file by its name's extension; errors are *domain.Error for
// the person who sent the file, as Read's. Close it when done.
func OpenSheet(r io.Reader, name string) (*Sheet, error) {
	switch FormatOf(name) {
	case FormatCSV:
		next, err := csvRows(r)
		if err != nil {
			return nil, err
		}
		return &Sheet{next: next, close: func() {}}, nil
	case FormatXLSX:
		next, date1904, closeFn, err := xlsxRows(r)
		if err != nil {
			return nil, err
		}
		return &Sheet{Date1904: date1904, next: next, close: closeFn}, nil
	}
	return nil, domain.Errorf(domain.EINVALID, "import.format.unsupported", path.Base(name))
}

// Next returns the next row and its 1-based number; ok is false at the end.
func (s *Sheet) Next() (number int, cells []string, ok bool, err error) { return s.next() }

// Close releases the workbook's temporary files.
func (s *Sheet) Close() { s.close() }

// Cell is a cell's text as people meant it (see cell).
func Cell(s string) string { return cell(s) }

// Amount cleans an amount cell for domain.ParseMoney (see amount).
func Amount(s string) string { return amount(s) }

// HeaderKey folds a header for comparison: width, case, spaces and punctuation.
func HeaderKey(h string) string { return headerKey(h) }

// HeaderCandidates are the texts a header may name its column by, in order of preference:
// itself, without a bracketed note, each part of "订单号 / Order ID", the bracketed text.
func HeaderCandidates(h string) []string { return headerCandidates(h) }

// ExcelDate reads a cell holding an Excel date serial; ok is false for anything else.
func ExcelDate(s string, date1904 bool) (time.Time, bool) {
	f, err := strconv.ParseFloat(foldDigits(cell(s)), 64)
	if err != nil || f < 1 || f > maxSerial {
		return time.Time{}, false
	}
	t, err := excelize.ExcelDateToTime(f, date1904)
	if err != nil {
		return time.Time{}, false
	}
	return t.Round(time.Second), true
}

// XLSXTemplate writes a one-sheet workbook of text columns with a bold header row, as the
// order template is.
func XLSXTemplate(sheet string, rows ...[]string) ([]byte, error) { return xlsxSheet(sheet, rows) }
