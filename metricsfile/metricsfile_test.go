package metricsfile

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"storeops/domain"
	"storeops/domain/metrics"
	"storeops/orderfile"
)

var (
	shanghai = time.FixedZone("CST", 8*3600)
	now      = time.Date(2026, 11, 29, 3, 0, 0, 0, time.UTC)
)

const chineseCSV = "店铺数据 2026-11\n" + // a title above the header
	"日期,流量来源,訪客數,浏览量,支付买家数,支付金额（元）,支付订单数,退款订单数,退款金额,商品编码,支付件数\n" +
	"2026/11/27,整体,\"1,234\",4321,40,5843.50,45,2,129.90,,\n" +
	"2026/11/27,,300人,,12,974.25,,,,MUG-1,15件\n" +
	"2026/11/27,搜索,560,1800,18,2210,20,1,64.95,,\n" +
	"2026/11/28,,10,,1,10.00,,,,CUP-2,1\n" + // SKU row before its day row
	"2026/11/28,整体,100,300,5,500.00,6,0,0,,\n"

func TestReadChineseCSV(t *testing.T) {
	rows, err := Read(strings.NewReader(chineseCSV), "tm01.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows: %+v", len(rows), rows)
	}
	d := rows[0]
	if d.Number != 3 || d.Input.Date != "2026/11/27" || d.Input.Source != "overall" || d.Input.Visitors != "1,234" ||
		d.Input.PaidAmount != "5843.50" || len(d.Input.SKUs) != 1 || d.SKULines[0] != 4 {
		t.Fatalf("row 0 = %+v", d)
	}
	if s := d.Input.SKUs[0]; s.SKU != "MUG-1" || s.Visitors != "300" || s.Buyers != "12" || s.Units != "15" || s.PaidAmount != "974.25" {
		t.Fatalf("sku = %+v", s)
	}
	if rows[1].Input.Source != "search" || rows[1].Number != 5 {
		t.Fatalf("row 1 = %+v", rows[1])
	}
	if rows[2].Number != 7 || rows[2].Input.Visitors != "100" || len(rows[2].Input.SKUs) != 1 || rows[2].SKULines[0] != 6 {
		t.Fatalf("row 2 = %+v", rows[2])
	}
	for _, r := range rows {
		if _, problems := r.Input.Parse("TM01", now, shanghai); len(problems) > 0 {
			t.Errorf("row %d: %+v", r.Number, problems)
		}
	}
	if row, col := rows[0].Locate("skus[0].buyers"); row != 4 || col != "支付买家数" {
		t.Errorf("Locate = %d %q", row, col)
	}
	if row, col := rows[0].Locate("paid_amount"); row != 3 || col != "支付金额（元）" {
		t.Errorf("Locate = %d %q", row, col)
	}
}

func TestReadGBKAndEnglish(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().String("日期,访客数,支付金额\n2026-11-28,5,1.00\n")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := Read(strings.NewReader(gbk), "x.csv")
	if err != nil || len(rows) != 1 || rows[0].Input.Visitors != "5" {
		t.Fatalf("GBK: %+v %v", rows, err)
	}
	rows, err = Read(strings.NewReader("Date;Source;UV;PV;Sessions\n2026-11-28;Ads;5;9;7\n"), "x.csv")
	if err != nil || len(rows) != 1 || rows[0].Input.Source != "Ads" || rows[0].Input.PageViews != "9" || rows[0].Input.Sessions != "7" {
		t.Fatalf("English: %+v %v", rows, err)
	}
}

func TestReadRefusals(t *testing.T) {
	for name, tc := range map[string]struct{ file, key string }{
		"no date column": {"访客数,支付金额\n1,2\n", "import.metrics.columns"},
		"empty":          {"\n\n", "import.file.empty"},
		"no rows":        {"日期,访客数\n", "import.rows.none"},
	} {
		_, err := Read(strings.NewReader(tc.file), "x.csv")
		if e, ok := domain.AsError(err); !ok || e.Key != tc.key {
			t.Errorf("%s: %v, want %s", name, err, tc.key)
		}
	}
}

func TestTemplateRoundTrip(t *testing.T) {
	for _, format := range []string{orderfile.FormatCSV, orderfile.FormatXLSX} {
		data, err := Template(format)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := Read(bytes.NewReader(data), TemplateName(format))
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if len(rows) != 2 || len(rows[0].Input.SKUs) != 1 || rows[1].Input.Source != string(metrics.SourceSearch) {
			t.Fatalf("%s: %+v", format, rows)
		}
		for _, r := range rows {
			if _, problems := r.Input.Parse("TM01", now, shanghai); len(problems) > 0 {
				t.Errorf("%s row %d: %+v", format, r.Number, problems)
			}
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte(chineseCSV))
	f.Add([]byte("Date,SKU,Units\n2026-11-28,A,1\n2026-11-28,B,2\n"))
	f.Add([]byte("日期\t访客数\n46353\t1\n"))
	f.Add([]byte{0xFF, 0xFE, 'a', 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := Read(bytes.NewReader(data), "fuzz.csv")
		if err != nil {
			if rows != nil {
				t.Fatal("rows with an error")
			}
			return
		}
		for _, r := range rows {
			if len(r.SKULines) != len(r.Input.SKUs) {
				t.Fatalf("row %d: %d lines for %d skus", r.Number, len(r.SKULines), len(r.Input.SKUs))
			}
			for i := range r.Input.SKUs {
				r.Locate("skus[" + string(rune('0'+i%10)) + "].units")
			}
			r.Input.Parse("TM01", now, shanghai)
		}
	})
}
