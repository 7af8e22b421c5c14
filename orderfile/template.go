package orderfile

import (
	"bytes"
	"encoding/csv"
	"fmt"

	"github.com/xuri/excelize/v2"
)

// TemplateName is the file name of the template in a format ("orders-template.xlsx").
func TemplateName(format string) string { return "orders-template." + format }

// Template makes the file an assistant fills in: one header row naming each column in
// Chinese and English ("数量 / Quantity"), which Read accepts, and one example order.
// The CSV is UTF-8 with a byte order mark, so that Excel opens its Chinese correctly; the
// XLSX formats its columns as text, so that order ids, phones and postcodes keep their
// digits.
func Template(format string) ([]byte, error) {
	headers := make([]string, len(columns))
	example := make([]string, len(columns))
	for i, c := range columns {
		headers[i], example[i] = c.header, c.example
	}
	switch format {
	case FormatCSV:
		return CSVTemplate(headers, example)
	case FormatXLSX:
		return xlsxTemplate(headers, example)
	}
	return nil, fmt.Errorf("template: unknown format %q", format)
}

func xlsxTemplate(headers, example []string) ([]byte, error) {
	return xlsxSheet("Orders", [][]string{headers, example})
}

// xlsxSheet writes rows (the first is the header) into a workbook of one sheet.
func xlsxSheet(sheet string, rows [][]string) ([]byte, error) {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	headers := rows[0]
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, fmt.Errorf("xlsx template: %w", err)
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // "@": text
	if err != nil {
		return nil, fmt.Errorf("xlsx template: %w", err)
	}
	bold, err := f.NewStyle(&excelize.Style{NumFmt: 49, Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, fmt.Errorf("xlsx template: %w", err)
	}
	last, err := excelize.ColumnNumberToName(len(headers))
	if err != nil {
		return nil, fmt.Errorf("xlsx template: %w", err)
	}
	steps := []func() error{
		func() error { return f.SetColStyle(sheet, "A:"+last, text) },
		func() error { return f.SetColWidth(sheet, "A", last, 20) },
		func() error { return f.SetRowStyle(sheet, 1, 1, bold) },
		func() error {
			return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
		},
	}
	for i := range rows {
		steps = append(steps, func() error { return f.SetSheetRow(sheet, fmt.Sprintf("A%d", i+1), &rows[i]) })
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, fmt.Errorf("xlsx template: %w", err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("xlsx template: %w", err)
	}
	return buf.Bytes(), nil
}

// CSVTemplate writes rows as UTF-8 CSV with a byte order mark, so that Excel opens its
// Chinese correctly.
func CSVTemplate(rows ...[]string) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	if err := w.WriteAll(rows); err != nil {
		return nil, fmt.Errorf("write csv template: %w", err)
	}
	return buf.Bytes(), nil
}
