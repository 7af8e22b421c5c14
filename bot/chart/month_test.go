package chart

import (
	"bytes"
	"fmt"
	"image/png"
	"testing"

	"storeops/domain"
	"storeops/domain/report"
)

// A month's chart (31 days, one without figures) is a PNG of the same size as the digest's.
func TestMonthChart(t *testing.T) {
	c := report.Chart{Kind: report.KindMonth, Date: "2026-10"}
	for i := range 31 {
		c.Points = append(c.Points, report.Point{Date: fmt.Sprintf("2026-10-%02d", i+1), HasData: i != 5,
			Visitors: int64(1000 + 10*i), PaidAmount: domain.Money(350000 + 1000*i)})
	}
	data, err := PNG(c)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil || img.Bounds().Dx() != Width || img.Bounds().Dy() != Height {
		t.Fatalf("month chart is no %dx%d PNG: %v", Width, Height, err)
	}
}
