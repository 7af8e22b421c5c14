package appraisalfile

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"storeops/domain/appraisal"
)

type keys struct{}

func (keys) T(key string, args ...any) string { return key + fmt.Sprint(args...) }

func TestWorkbookHasARowPerAssistant(t *testing.T) {
	t0 := time.Date(2026, 12, 2, 2, 0, 0, 0, time.UTC)
	rated := appraisal.Cycle{Month: "2026-11", Assistant: "U1", Status: appraisal.StatusAdjusted, SubmittedAt: t0, RatedAt: t0, RatedBy: "U2",
		Ratings: appraisal.Ratings{Task: 80, Store: 70, Customer: 90, Teamwork: 85, Attitude: 95}, Comment: "ok"}
	rated.Result = appraisal.Compute(appraisal.DefaultScoring(), nil, rated.Ratings)
	rated.Adjustment = &appraisal.Adjustment{OldTotal: rated.Result.Total, NewTotal: 900, By: "U3"}
	rated.Result.Total = 900
	late := appraisal.Cycle{Month: "2026-11", Assistant: "U4", Status: appraisal.StatusPrompted}
	data, err := Workbook(keys{}, "2026-11", []appraisal.Cycle{rated, late})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("appraisal.xlsx.sheet")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[1][0] != "U1" || rows[2][0] != "U4" {
		t.Fatalf("rows %v", rows)
	}
	col := func(name string) int {
		for i, h := range rows[0] {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %s in %v", name, rows[0])
		return -1
	}
	if got := rows[1][col("appraisal.xlsx.col.total")]; got != "90" {
		t.Errorf("total %q", got)
	}
	if got := rows[1][col("appraisal.xlsx.col.old_total")]; got != fmt.Sprint(float64(rated.Adjustment.OldTotal)/10) {
		t.Errorf("old total %q", got)
	}
	if Name("2026-11") != "appraisals-2026-11.xlsx" {
		t.Error(Name("2026-11"))
	}
}
