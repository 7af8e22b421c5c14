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
		var buf bytes.Buffer
		buf.WriteString("\ufeff")
		w := csv.NewWriter(&buf)
		if err := w.WriteAll([][]string{headers, example}); err != nil {
			return nil, fmt.Errorf("write csv template: %w", err)
		}
		return buf.Bytes(), nil
	case FormatXLSX:
		return xlsxTemplate(headers, example)
	}
	return nil, fmt.Errorf("template: unknown format %q", format)
}

func xlsxTemplate(headers, example []string) ([]byte, error) {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	const sheet = "Orders"
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
		func() error { return f.SetSheetRow(sheet, "A1", &headers) },
		func() error { return f.SetSheetRow(sheet, "A2", &example) },
		func() error { return f.SetRowStyle(sheet, 1, 1, bold) },
		func() error {
			return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
		},
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
