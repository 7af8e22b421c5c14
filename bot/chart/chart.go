// Package chart draws the digest's 14-day chart as a PNG, in process (gonum.org/v1/plot:
// pure Go, no renderer to install in the container).
package chart

import (
	"bytes"
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"storeops/domain/report"
)

// Size of the PNG in pixels: wide enough for 14 day labels, small enough for a thread.
const (
	Width  = 800
	Height = 500
)

// PNG draws c: paid amount per day as bars on top, visitors per day as a line below, with
// the days ("11-29") along both. The chart carries no words, because its fonts have no
// Chinese glyphs; the message it is posted with says what the panels are. A day without
// data has no bar and breaks the line, so that it is not mistaken for a day of zero.
func PNG(c report.Chart) ([]byte, error) {
	amountColor := color.RGBA{R: 0x36, G: 0x7c, B: 0xc7, A: 0xff}
	visitorsColor := color.RGBA{R: 0xe0, G: 0x7b, B: 0x24, A: 0xff}
	labels := make([]string, len(c.Points))
	amounts := make(plotter.Values, len(c.Points))
	var visitors []plotter.XYs
	var run plotter.XYs
	// Up to 16 day labels fit the width; a month's 31 get every other one, so that they do
	// not run into each other.
	step := (len(c.Points) + 15) / 16
	for i, p := range c.Points {
		if i%max(step, 1) == 0 {
			labels[i] = dayLabel(p.Date)
		}
		if !p.HasData {
			if len(run) > 0 {
				visitors, run = append(visitors, run), nil
			}
			continue
		}
		amounts[i] = float64(p.PaidAmount) / 100
		run = append(run, plotter.XY{X: float64(i), Y: float64(p.Visitors)})
	}
	if len(run) > 0 {
		visitors = append(visitors, run)
	}
	if len(labels) == 0 {
		labels = []string{""} // NominalX needs a label; an empty chart is still a chart
	}

	top := plot.New()
	if len(amounts) > 0 {
		// 28 points a bar fits 14 days; a month's 31 get narrower bars, not overlapping ones.
		bars, err := plotter.NewBarChart(amounts, vg.Points(min(28, 560/float64(len(amounts)))))
		if err != nil {
			return nil, fmt.Errorf("chart amounts: %w", err)
		}
		bars.Color, bars.LineStyle.Width = amountColor, 0
		top.Add(bars)
	}
	top.Add(plotter.NewGrid())
	top.NominalX(labels...)
	frame(top, len(labels))

	bottom := plot.New()
	for _, xys := range visitors {
		line, points, err := plotter.NewLinePoints(xys)
		if err != nil {
			return nil, fmt.Errorf("chart visitors: %w", err)
		}
		line.Color, line.Width = visitorsColor, vg.Points(2)
		points.Color, points.Shape = visitorsColor, draw.CircleGlyph{}
		bottom.Add(line, points)
	}
	bottom.Add(plotter.NewGrid())
	bottom.NominalX(labels...)
	frame(bottom, len(labels))

	img := vgimg.NewWith(vgimg.UseWH(vg.Length(Width), vg.Length(Height)), vgimg.UseDPI(72))
	dc := draw.New(img)
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	tiles := draw.Tiles{Rows: 2, Cols: 1, PadTop: 12, PadBottom: 8, PadLeft: 8, PadRight: 16, PadY: 16}
	canvases := plot.Align([][]*plot.Plot{{top}, {bottom}}, tiles, dc)
	top.Draw(canvases[0][0])
	bottom.Draw(canvases[1][0])
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("encode chart: %w", err)
	}
	return buf.Bytes(), nil
}

// frame gives both panels the same days across, so that they line up, and a tenth of
// headroom above the highest value; a panel without values gets a 0..1 axis rather than a
// degenerate one.
func frame(p *plot.Plot, days int) {
	p.X.Min, p.X.Max = -0.5, float64(days)-0.5
	p.Y.Min = 0
	if p.Y.Max <= 0 {
		p.Y.Max = 1
	}
	p.Y.Max *= 1.1
}

// dayLabel turns "2026-11-29" into "11-29".
func dayLabel(date string) string {
	if len(date) == len("2006-01-02") {
		return date[5:]
	}
	return date
}
