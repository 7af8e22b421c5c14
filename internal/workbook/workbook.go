// Package workbook is the XLSX writer the export packages share (reportfile, campaignfile,
// appraisalfile): a Book writes cells with cached styles and keeps the first error, so that a
// sheet reads as a list of cells rather than of error checks. It knows only excelize.
package workbook

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// Book is one workbook being written. Every method is a no-op once an error has happened;
// Bytes returns that first error.
type Book struct {
	f      *excelize.File
	styles map[string]int
	err    error
}

// New starts an empty workbook (with excelize's default "Sheet1").
func New() *Book {
	return &Book{f: excelize.NewFile(), styles: map[string]int{}}
}

// File is the underlying excelize file, for what Book does not wrap (pictures…); use it
// inside Do so that its errors are kept.
func (b *Book) File() *excelize.File { return b.f }

// Close releases the file's resources.
func (b *Book) Close() { _ = b.f.Close() }

// Err is the first error so far.
func (b *Book) Err() error { return b.err }

// Do runs fn unless an error has already happened, and keeps its error.
func (b *Book) Do(fn func() error) {
	if b.err == nil {
		b.err = fn()
	}
}

// Sheets names the first sheet first and adds the others after it, in order.
func (b *Book) Sheets(first string, others ...string) {
	b.Do(func() error { return b.f.SetSheetName("Sheet1", first) })
	for _, s := range others {
		b.Do(func() error { _, err := b.f.NewSheet(s); return err })
	}
}

// style is the id of a cell style with number format numFmt ("" for none), bold or not.
func (b *Book) style(numFmt string, bold bool) int {
	key := fmt.Sprintf("%s|%t", numFmt, bold)
	if id, ok := b.styles[key]; ok {
		return id
	}
	s := &excelize.Style{Font: &excelize.Font{Bold: bold}}
	if numFmt != "" {
		s.CustomNumFmt = &numFmt
	}
	var id int
	b.Do(func() error {
		var err error
		id, err = b.f.NewStyle(s)
		return err
	})
	b.styles[key] = id
	return id
}

// Set writes v into sheet at (col, row), 1-based, with number format numFmt ("" for none),
// bold or not; a nil v leaves the cell empty (a day without figures is not a day of zeros).
func (b *Book) Set(sheet string, col, row int, v any, numFmt string, bold bool) {
	if v == nil {
		return
	}
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		b.Do(func() error { return err })
		return
	}
	b.Do(func() error { return b.f.SetCellValue(sheet, cell, v) })
	if numFmt != "" || bold {
		st := b.style(numFmt, bold)
		b.Do(func() error { return b.f.SetCellStyle(sheet, cell, cell, st) })
	}
}

// Row writes values into sheet's row (1-based) from column A, without styles.
func (b *Book) Row(sheet string, row int, values []any) {
	cell, err := excelize.CoordinatesToCellName(1, row)
	if err != nil {
		b.Do(func() error { return err })
		return
	}
	b.Do(func() error { return b.f.SetSheetRow(sheet, cell, &values) })
}

// Width sets the width of the columns from to to ("A", "C").
func (b *Book) Width(sheet, from, to string, width float64) {
	b.Do(func() error { return b.f.SetColWidth(sheet, from, to, width) })
}

// Header writes titles in bold into row 1 and gives their columns width.
func (b *Book) Header(sheet string, width float64, titles ...string) {
	for i, k := range titles {
		b.Set(sheet, i+1, 1, k, "", true)
	}
	last, _ := excelize.ColumnNumberToName(len(titles))
	b.Width(sheet, "A", last, width)
}

// FreezeHeader keeps row 1 in view while the rows below scroll.
func (b *Book) FreezeHeader(sheet string) {
	b.Do(func() error {
		return b.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	})
}

// Bytes is the workbook as an XLSX file, or the first error that happened while writing it.
func (b *Book) Bytes() ([]byte, error) {
	if b.err != nil {
		return nil, b.err
	}
	buf, err := b.f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
