// Package appraisalfile writes a month's appraisals as an XLSX workbook for HR (SPEC §6,
// §7: records exportable): one row per assistant with the self-scores, the ratings, the
// score per dimension, the total, the tier and its coefficient, and any adjustment. Its
// words come from the caller's catalog; it knows nothing of Slack.
package appraisalfile

import (
	"fmt"

	"storeops/domain"
	"storeops/domain/appraisal"
	"storeops/internal/workbook"
)

// Texts gives the workbook's words (i18n.Localizer does).
type Texts interface {
	T(key string, args ...any) string
}

// Name is the workbook's file name: "appraisals-2026-11.xlsx".
func Name(month string) string { return "appraisals-" + month + ".xlsx" }

// Workbook writes the month's cycles.
func Workbook(t Texts, month string, cycles []appraisal.Cycle) ([]byte, error) {
	b := workbook.New()
	defer b.Close()
	sheet := t.T("appraisal.xlsx.sheet")
	b.Sheets(sheet)
	head := []any{t.T("appraisal.xlsx.col.assistant"), t.T("appraisal.xlsx.col.status"), t.T("appraisal.xlsx.col.submitted")}
	for _, fld := range appraisal.RatingFields() {
		head = append(head, t.T("appraisal.xlsx.col.self", t.T("field."+fld)))
	}
	for _, fld := range appraisal.RatingFields() {
		head = append(head, t.T("appraisal.xlsx.col.rating", t.T("field."+fld)))
	}
	for _, d := range appraisal.Dimensions() {
		head = append(head, t.T("appraisal.dimension."+string(d)))
	}
	head = append(head, t.T("appraisal.xlsx.col.total"), t.T("appraisal.xlsx.col.tier"), t.T("appraisal.xlsx.col.coefficient"),
		t.T("appraisal.xlsx.col.passed"), t.T("appraisal.xlsx.col.rated_by"), t.T("appraisal.xlsx.col.comment"),
		t.T("appraisal.xlsx.col.old_total"), t.T("appraisal.xlsx.col.adjusted_by"), t.T("appraisal.xlsx.col.flagged"))
	rows := [][]any{head}
	for _, c := range cycles {
		row := []any{c.Assistant, t.T("appraisal.status." + string(c.Status)), yes(t, !c.SubmittedAt.IsZero())}
		for _, fld := range appraisal.RatingFields() {
			row = append(row, blankUnless(!c.SubmittedAt.IsZero(), c.Self.Scores.Get(fld)))
		}
		for _, fld := range appraisal.RatingFields() {
			row = append(row, blankUnless(!c.RatedAt.IsZero(), c.Ratings.Get(fld)))
		}
		rated := !c.RatedAt.IsZero()
		for i := range appraisal.Dimensions() {
			if rated && i < len(c.Result.Dimensions) {
				row = append(row, float64(c.Result.Dimensions[i].Score)/10)
			} else {
				row = append(row, "")
			}
		}
		if rated {
			row = append(row, float64(c.Result.Total)/10, string(c.Result.Tier), domain.Money(c.Result.Coefficient).String(),
				yes(t, c.Result.Passed), c.RatedBy, c.Comment)
		} else {
			row = append(row, "", "", "", "", "", "")
		}
		if c.Adjustment != nil && c.Status == appraisal.StatusAdjusted {
			row = append(row, float64(c.Adjustment.OldTotal)/10, c.Adjustment.By)
		} else {
			row = append(row, "", "")
		}
		row = append(row, yes(t, c.Flagged))
		rows = append(rows, row)
	}
	for i, row := range rows {
		b.Row(sheet, i+1, row)
	}
	data, err := b.Bytes()
	if err != nil {
		return nil, fmt.Errorf("appraisal workbook %s: %w", month, err)
	}
	return data, nil
}

func yes(t Texts, b bool) string {
	if b {
		return t.T("appraisal.xlsx.yes")
	}
	return t.T("appraisal.xlsx.no")
}

func blankUnless(ok bool, v int) any {
	if !ok {
		return ""
	}
	return v
}
