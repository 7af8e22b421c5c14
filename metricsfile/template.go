package metricsfile

import (
	"fmt"

	"storeops/orderfile"
)

// TemplateName is the file name of the template in a format.
func TemplateName(format string) string { return "metrics-template." + format }

// Template makes the file an assistant fills in: a header row naming each column in Chinese
// and English, which Read accepts, and three example rows: the store's overall day, the
// same day from search, and one SKU row of the day.
func Template(format string) ([]byte, error) {
	rows := make([][]string, 4)
	for i := range rows {
		rows[i] = make([]string, len(columns))
	}
	for j, c := range columns {
		rows[0][j] = c.header
		for k := range 3 {
			rows[k+1][j] = c.examples[k]
		}
	}
	switch format {
	case orderfile.FormatCSV:
		return orderfile.CSVTemplate(rows...)
	case orderfile.FormatXLSX:
		return orderfile.XLSXTemplate("Metrics", rows...)
	}
	return nil, fmt.Errorf("metrics template: unknown format %q", format)
}
