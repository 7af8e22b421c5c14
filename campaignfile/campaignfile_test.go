package campaignfile

import (
	"bytes"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"storeops/bot/i18n"
	"storeops/domain/campaign"
)

func TestWorkbook(t *testing.T) {
	sh, _ := time.LoadLocation("Asia/Shanghai")
	start := time.Date(2026, 11, 11, 0, 0, 0, 0, sh)
	due := start.Add(-48 * time.Hour)
	r := campaign.Report{
		Live: campaign.Live{Campaign: campaign.Card{ID: 12, Store: "TM01", Theme: "双十一", Start: start, End: start.Add(48 * time.Hour),
			Discount: campaign.Discount{Kind: campaign.DiscountPercentage, Percent: 15}},
			Figures: []campaign.Figure{{Name: campaign.FigurePaidAmount, Actual: 2000000, Due: 5000000, Target: 10000000, PctOfDue: 40},
				{Name: campaign.FigureConversion, Actual: 250, Due: 300, Target: 300, PctOfDue: 83}},
			Days: []campaign.DayFigures{{Date: "2026-11-11", PaidAmount: 2000000, PaidOrders: 300, Visitors: 9000, Metrics: true}},
			SKUs: []campaign.SKUFigures{{SKU: "MUG-1", Units: 200, PaidAmount: 1500000}}},
		Budget: 500000, Cost: 420000, OnTime: 1,
		Tasks: []campaign.TaskTimeliness{{Task: campaign.TaskCard{No: 1, Key: campaign.TaskPageDesign, Owner: "U1", Due: due, Done: true, DoneAt: due.Add(-time.Hour)}, OnTime: true},
			{Task: campaign.TaskCard{No: 2, Title: "Brief CS", Owner: "U2", Due: due}}},
		Summary: campaign.Summary{Worked: "Search ads", Lessons: "Reserve stock earlier"},
	}
	for _, loc := range []string{"en", "zh"} {
		l := i18n.New().For(loc)
		data, err := Workbook(l, r, sh)
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		sheets := f.GetSheetList()
		if len(sheets) != 4 || sheets[0] != l.T("campaign.xlsx.sheet.summary") {
			t.Errorf("%s sheets %v", loc, sheets)
		}
		rows, _ := f.GetRows(sheets[0])
		found := map[string]bool{}
		for _, row := range rows {
			for _, c := range row {
				found[c] = true
			}
		}
		for _, want := range []string{"C-12 双十一", "percentage 15%", "Search ads", "Reserve stock earlier", "1 / 2", "20,000.00", "100,000.00", "2.50%"} {
			if !found[want] {
				t.Errorf("%s summary lacks %q: %v", loc, want, rows)
			}
		}
		tasks, _ := f.GetRows(sheets[3])
		if len(tasks) != 3 || tasks[1][1] != l.T("campaign.task.page_design") || tasks[2][1] != "Brief CS" || tasks[1][3] != "2026-11-09 00:00" {
			t.Errorf("%s checklist %v", loc, tasks)
		}
		_ = f.Close()
	}
	if Name(r) != "campaign-C-12-TM01.xlsx" {
		t.Error(Name(r))
	}
}
