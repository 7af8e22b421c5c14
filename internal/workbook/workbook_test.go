package workbook

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestBookWritesCellsRowsAndSheets(t *testing.T) {
	b := New()
	defer b.Close()
	b.Sheets("One", "Two")
	b.Header("One", 16, "a", "b")
	b.FreezeHeader("One")
	b.Set("One", 1, 2, 12.5, "#,##0.00", false)
	b.Set("One", 2, 2, nil, "#,##0", false) // left empty
	b.Row("Two", 3, []any{"x", 7})
	data, err := b.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	if got := f.GetSheetList(); len(got) != 2 || got[0] != "One" || got[1] != "Two" {
		t.Errorf("sheets = %v, want [One Two]", got)
	}
	for _, c := range []struct{ sheet, cell, want string }{
		{"One", "A1", "a"}, {"One", "B1", "b"}, {"One", "A2", "12.50"}, {"One", "B2", ""}, {"Two", "A3", "x"}, {"Two", "B3", "7"},
	} {
		if v, _ := f.GetCellValue(c.sheet, c.cell); v != c.want {
			t.Errorf("%s!%s = %q, want %q", c.sheet, c.cell, v, c.want)
		}
	}
}

func TestBookKeepsTheFirstError(t *testing.T) {
	b := New()
	defer b.Close()
	b.Set("Sheet1", 0, 1, "bad cell", "", false) // column 0 does not exist
	first := b.Err()
	if first == nil {
		t.Fatal("no error for column 0")
	}
	b.Set("Sheet1", 1, 1, "fine", "", false)
	if _, err := b.Bytes(); err != first {
		t.Errorf("Bytes() error = %v, want the first error %v", err, first)
	}
}
