package orderfile

import (
	"bytes"
	"testing"
	"unicode/utf8"
)

// FuzzReadCSV feeds the CSV reader arbitrary bytes: it must never panic, and what it returns
// must be consistent (rows in file order, one line number per item, every order with items).
func FuzzReadCSV(f *testing.F) {
	f.Add([]byte(chineseCSV))
	f.Add([]byte("\ufeffOrder ID,SKU,Quantity\n1,A,1\n1,B,2\n"))
	f.Add([]byte("订单号\t商品编码\t数量\n=\"1\"\tA\t2.0\n"))
	f.Add([]byte{0xFF, 0xFE, 'a', 0})
	f.Add([]byte("\xb6\xa9\xb5\xa5\xba\xc5,sku,qty\n1,A,1\n")) // 订单号 in GBK
	f.Add([]byte("订单号,商品编码,数量,收货地址\n1,\"A\nB\",1,浙江省杭州市\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := Read(bytes.NewReader(data), "fuzz.csv", shanghai)
		if err != nil {
			if rows != nil {
				t.Fatalf("rows with an error: %v", err)
			}
			return
		}
		if len(rows) == 0 {
			t.Fatal("no rows and no error")
		}
		last := 0
		for _, r := range rows {
			if r.Number <= last {
				t.Fatalf("row %d after row %d", r.Number, last)
			}
			last = r.Number
			if len(r.Input.Items) == 0 || len(r.Lines) != len(r.Input.Items) || r.Lines[0] != r.Number {
				t.Fatalf("row %d: %d items, lines %v", r.Number, len(r.Input.Items), r.Lines)
			}
			if !utf8.ValidString(r.Input.PlatformOrderID) || !utf8.ValidString(r.Input.Buyer.Name) {
				t.Fatalf("row %d: invalid UTF-8", r.Number)
			}
			r.Input.Parse() // must not panic either
		}
	})
}
