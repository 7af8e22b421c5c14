package gormdb_test

import (
	"errors"
	"slices"
	"strconv"
	"testing"

	"storeops/domain/gormdb"
)

func TestMapRowsStopsAtTheFirstBadRow(t *testing.T) {
	got, err := gormdb.MapRows([]string{"1", "2", "3"}, strconv.Atoi)
	if err != nil || !slices.Equal(got, []int{1, 2, 3}) {
		t.Fatalf("MapRows = %v, %v", got, err)
	}
	got, err = gormdb.MapRows([]string{"1", "x", "3"}, strconv.Atoi)
	if got != nil || !errors.Is(err, strconv.ErrSyntax) {
		t.Fatalf("a bad row: %v, %v", got, err)
	}
	if got, err := gormdb.MapRows(nil, strconv.Atoi); err != nil || got == nil || len(got) != 0 {
		t.Fatalf("no rows: %#v, %v (an empty list, not nil, so that JSON shows [])", got, err)
	}
}
