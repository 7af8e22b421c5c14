package reportfile

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"storeops/bot/chart"
	"storeops/bot/i18n"
	"storeops/domain"
	"storeops/domain/metrics"
	"storeops/domain/report"
	"storeops/domain/store"
)

// days is a metrics.Repository over a slice, enough to build a report.
type days []metrics.Day

func (d days) Put(context.Context, *metrics.Day) (*metrics.Day, error) { return nil, nil }

func (d days) Range(_ context.Context, st string, _ metrics.Source, from, to time.Time, _ bool) ([]metrics.Day, error) {
	var out []metrics.Day
	for _, x := range d {
		if x.StoreCode == st && !x.Date.Before(from) && !x.Date.After(to) {
			out = append(out, x)
		}
	}
	return out, nil
}

func (d days) TopSKUs(_ context.Context, st string, from, to time.Time, n int) ([]metrics.SKUDay, error) {
	return []metrics.SKUDay{{SKU: "MUG-1", Units: 12, PaidAmount: 120000}, {SKU: "CUP-2", Units: 3, PaidAmount: 45000}}, nil
}

type stores []store.Store

func (s stores) List(context.Context) ([]store.Store, error) { return s, nil }

func weekReport(t *testing.T) report.PeriodReport {
	t.Helper()
	var ds days
	for i := range 14 {
		if i == 9 {
			continue // 2026-11-25 has no figures
		}
		ds = append(ds, metrics.Day{StoreCode: "TM01", Date: time.Date(2026, 11, 16+i, 0, 0, 0, 0, time.UTC), Source: metrics.SourceOverall,
			Counts: metrics.Counts{Visitors: 1000, Sessions: 1200, PayingBuyers: 30, PaidOrders: int64(40 + i), PaidAmount: domain.Money(400000 + 100*i), RefundedOrders: 1}})
	}
	now := time.Date(2026, 11, 30, 2, 0, 0, 0, time.UTC)
	svc := report.NewService(report.Deps{Metrics: ds, Stores: stores{{Code: "TM01", Name: "Tmall", TeamChannel: "C1"}}, TZ: time.UTC, Clock: domain.NewManualClock(now)})
	r, err := svc.ChannelReport(context.Background(), "C1", report.WeekPeriod(time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestWorkbookOpensWithSheetsValuesAndPicture(t *testing.T) {
	r := weekReport(t)
	png, err := chart.PNG(r.Chart())
	if err != nil {
		t.Fatal(err)
	}
	for _, loc := range []string{"en", "zh"} {
		l := i18n.New().For(loc)
		data, err := Workbook(l, r, png)
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: the workbook does not open: %v", loc, err)
		}
		daily, kpis, top, pic := l.T("report.xlsx.sheet.daily"), l.T("report.xlsx.sheet.kpis"), l.T("report.xlsx.sheet.top"), l.T("report.xlsx.sheet.chart")
		if got := f.GetSheetList(); len(got) != 4 || got[0] != daily || got[1] != kpis || got[2] != top || got[3] != pic {
			t.Fatalf("%s: sheets %q", loc, got)
		}
		rows, err := f.GetRows(daily)
		if err != nil {
			t.Fatal(err)
		}
		// A header, seven days (one without figures, left empty) and the total.
		if len(rows) != 9 || rows[1][0] != "TM01" || rows[1][1] != "2026-11-23" || len(rows[3]) != 2 || rows[8][1] != l.T("report.xlsx.total") {
			t.Fatalf("%s: daily rows %q", loc, rows)
		}
		if v, _ := f.GetCellValue(daily, "C9", excelize.Options{RawCellValue: true}); v != "6000" {
			t.Errorf("%s: total visitors %q, want 6000", loc, v)
		}
		if v, _ := f.GetCellValue(daily, "H2", excelize.Options{RawCellValue: true}); v != "4007" {
			t.Errorf("%s: paid amount of 2026-11-23 %q, want 4007 (major units)", loc, v)
		}
		kr, _ := f.GetRows(kpis)
		if len(kr) != 10 || kr[4][1] != l.T("digest.fig.conversion") || kr[4][3] != l.T("report.xlsx.formula.conversion.buyers") {
			t.Fatalf("%s: KPI rows %q", loc, kr)
		}
		if v, _ := f.GetCellValue(kpis, "C5", excelize.Options{RawCellValue: true}); v != "0.03" {
			t.Errorf("%s: conversion %q, want 0.03 (180 buyers / 6000 visitors)", loc, v)
		}
		if v, _ := f.GetCellValue(kpis, "C5"); v != "3.00%" {
			t.Errorf("%s: conversion shown as %q", loc, v)
		}
		if v, _ := f.GetCellValue(kpis, "E2", excelize.Options{RawCellValue: true}); v != "-14.3" {
			t.Errorf("%s: visitors vs the week before %q, want -14.3 (6000 vs 7000)", loc, v)
		}
		if v, _ := f.GetCellValue(kpis, "F2"); v != "" {
			t.Errorf("%s: a change against a last year without figures: %q", loc, v)
		}
		tr, _ := f.GetRows(top)
		if len(tr) != 3 || tr[1][2] != "MUG-1" || tr[2][3] != "3" {
			t.Errorf("%s: top rows %q", loc, tr)
		}
		pics, err := f.GetPictures(pic, "A3")
		if err != nil || len(pics) != 1 || !bytes.Equal(pics[0].File, png) || pics[0].Extension != ".png" {
			t.Errorf("%s: picture %d, %v", loc, len(pics), err)
		}
		_ = f.Close()
	}
	if got := Name(r); got != "report-weekly-TM01-2026-W48.xlsx" {
		t.Errorf("name %q", got)
	}
}

func TestWorkbookWithoutFigures(t *testing.T) {
	r := report.PeriodReport{Kind: report.KindMonth, Period: "2026-10", Previous: "2026-09", LastYear: "2025-10",
		Stores: []report.StorePeriod{{Code: "TM01", NoData: true}}}
	data, err := Workbook(i18n.New().For("en"), r, nil)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	rows, _ := f.GetRows("KPIs")
	if len(rows) != 2 || rows[1][1] != "No figures for this period." {
		t.Errorf("KPI rows %q", rows)
	}
}
