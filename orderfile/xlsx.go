package orderfile

import (
	"bytes"
	"errors"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"storeops/domain"
)

// Limits on an XLSX file: the compressed file, and what it may unpack to (a zip bomb is
// refused instead of filling memory or disk).
const (
	MaxXLSXBytes    = 64 << 20
	maxUnzippedXLSX = 512 << 20
)

// readXLSX reads the first sheet of a workbook, streaming its rows (excelize's Rows
// iterator) so that only the orders built from them are kept. Cells are read raw, as
// stored: a number as its digits (no thousands separators or rounding of the display
// format), a date as its serial, which timeValue turns into a time.
func readXLSX(r io.Reader, tz *time.Location) ([]Row, error) {
	next, date1904, closeFn, err := xlsxRows(r)
	if err != nil {
		return nil, err
	}
	defer closeFn()
	return read(next, tz, date1904)
}

// xlsxRows opens a workbook (see readXLSX) and yields the rows of its first sheet; close
// releases the workbook.
func xlsxRows(r io.Reader) (next rowSource, date1904 bool, closeFn func(), err error) {
	f, err := openWorkbook(r)
	if err != nil {
		return nil, false, nil, err
	}
	// Close removes the temporary files of large sheets; failing to is no fault of the file.
	closeFile := func() { _ = f.Close() }
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		closeFile()
		return nil, false, nil, domain.Errorf(domain.EINVALID, "import.file.empty")
	}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		date1904 = *props.Date1904
	}
	it, err := f.Rows(sheets[0])
	if err != nil {
		closeFile()
		return nil, false, nil, domain.Errorf(domain.EINVALID, "import.file.unreadable", FormatXLSX, err.Error())
	}
	closeFn = func() {
		_ = it.Close()
		closeFile()
	}
	number := 0
	next = func() (int, []string, bool, error) {
		if !it.Next() {
			if err := it.Error(); err != nil {
				if errors.Is(err, excelize.ErrMaxRows) {
					return 0, nil, false, domain.Errorf(domain.EINVALID, "import.rows.too_many", MaxRows)
				}
				return 0, nil, false, domain.Errorf(domain.EINVALID, "import.file.unreadable", FormatXLSX, err.Error())
			}
			return 0, nil, false, nil
		}
		number++
		cells, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return 0, nil, false, domain.Errorf(domain.EINVALID, "import.file.unreadable", FormatXLSX, err.Error())
		}
		return number, cells, true, nil
	}
	return next, date1904, closeFn, nil
}

// openWorkbook reads a workbook into memory (a zip needs random access), within the limits.
func openWorkbook(r io.Reader) (*excelize.File, error) {
	raw, err := io.ReadAll(io.LimitReader(r, MaxXLSXBytes+1))
	if err != nil {
		return nil, domain.Errorf(domain.EINVALID, "import.file.unreadable", FormatXLSX, err.Error())
	}
	if len(raw) > MaxXLSXBytes {
		return nil, domain.Errorf(domain.EINVALID, "import.file.too_large", MaxXLSXBytes>>20)
	}
	f, err := excelize.OpenReader(bytes.NewReader(raw), excelize.Options{UnzipSizeLimit: maxUnzippedXLSX})
	if err != nil {
		return nil, domain.Errorf(domain.EINVALID, "import.file.unreadable", FormatXLSX, err.Error())
	}
	return f, nil
}
