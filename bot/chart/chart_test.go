package chart

import (
	"bytes"
	"image/png"
	"testing"
	"time"

	"storeops/domain"
	"storeops/domain/report"
)

func series(withData func(i int) bool) report.Chart {
	c := report.Chart{Channel: "C1", Date: "2026-11-29", Stores: []string{"TM01"}}
	start := time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC)
	for i := range report.SeriesDays {
		p := report.Point{Date: start.AddDate(0, 0, i).Format(time.DateOnly)}
		if withData(i) {
			p.HasData, p.Visitors, p.PaidAmount = true, int64(1000+50*i), domain.Money(120000+3000*i)
		}
		c.Points = append(c.Points, p)
	}
	return c
}

func TestPNGIsAValidImageOfTheExpectedSize(t *testing.T) {
	for name, c := range map[string]report.Chart{
		"full":      series(func(int) bool { return true }),
		"with gaps": series(func(i int) bool { return i%5 != 2 }),
		"one day":   series(func(i int) bool { return i == report.SeriesDays-1 }),
		"no data":   series(func(int) bool { return false }),
		"no points": {Channel: "C1"},
	} {
		raw, err := PNG(c)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.HasPrefix(raw, []byte("\x89PNG\r\n\x1a\n")) {
			t.Fatalf("%s: not a PNG", name)
		}
		img, err := png.Decode(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("%s: decode: %v", name, err)
		}
		if b := img.Bounds(); b.Dx() != Width || b.Dy() != Height {
			t.Errorf("%s: %dx%d, want %dx%d", name, b.Dx(), b.Dy(), Width, Height)
		}
	}
}

func TestDayLabel(t *testing.T) {
	if dayLabel("2026-11-29") != "11-29" || dayLabel("x") != "x" {
		t.Error(dayLabel("2026-11-29"))
	}
}
