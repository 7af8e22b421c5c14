package main

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"storeops/bot/slackemu"
	"storeops/domain"
	"storeops/domain/order"
	"storeops/internal/heappeak"
	"storeops/orderfile"
)

// Order files end to end: a person shares a CSV or XLSX export with the bot (the emulator
// records the file, the bot gets file_shared, reads files.info and downloads the file with
// its token), the orders go through the same Ingest as the API, and the summary arrives in
// the person's DM.

// importCSV has Chinese headers, a two-line order (rows 2–3), a clean order (row 4) and a
// row whose quantity is not a number (row 5).
const importCSV = "订单号,店铺,收货人,手机,买家ID,省,市,区,收货地址,邮编,商品编码,数量,单价,商品总价,运费,优惠,实付,支付方式,支付状态,买家留言,下单时间,付款时间\n" +
	"F-0001,Tmall flagship,李雷,13800130001,buyer-1,浙江省,杭州市,西湖区,文三路 101 号 2 单元,310012,MUG-1,2,64.95,179.90,0.00,0.00,179.90,支付宝,已付款,请下午送,2026-11-11 00:05:00,2026-11-11 00:06:10\n" +
	"F-0001,,,,,,,,,,CUP-2,1,50.00,,,,,,,,,\n" +
	"F-0002,TM01,韩梅梅,13800130002,buyer-2,广东省,深圳市,南山区,科技园路 8 号 3 栋,518000,MUG-1,1,64.95,64.95,0.00,0.00,64.95,微信,已付款,,2026-11-11 00:07:00,2026-11-11 00:07:30\n" +
	"F-0003,TM01,王芳,13800130003,buyer-3,江苏省,南京市,玄武区,中山路 9 号 1 单元,210000,MUG-1,abc,64.95,64.95,0.00,0.00,64.95,支付宝,已付款,,2026-11-11 00:08:00,2026-11-11 00:08:30\n"

// shareFile shares a file as user in channel ("" for the user's DM with the bot) and
// returns the bot's next DM to user: the summary, or why nothing was imported.
func (h *harness) shareFile(user, channel, name string, data []byte, wait time.Duration) string {
	h.t.Helper()
	dm := h.emu.DMChannel(user)
	before := len(h.botMessages(dm))
	if _, reply, err := h.ws.ShareFile(h.ctx, user, channel, name, data); err != nil || reply.Status != 200 {
		h.t.Fatalf("share %s: %+v %v", name, reply, err)
	}
	ctx, cancel := context.WithTimeout(h.ctx, wait)
	defer cancel()
	err := h.emu.Wait(ctx, func() bool {
		for _, m := range h.botMessages(dm)[before:] {
			if !strings.HasPrefix(m.Text, "Importing ") {
				return true
			}
		}
		return false
	})
	if err != nil {
		h.t.Fatalf("no answer to %s in %s: %v; DM: %v", name, wait, err, h.botMessages(dm))
	}
	for _, m := range h.botMessages(dm)[before:] {
		if !strings.HasPrefix(m.Text, "Importing ") {
			return m.Text
		}
	}
	panic("unreachable")
}

// botMessages are the messages the bot posted in a channel.
func (h *harness) botMessages(channel string) []slackemu.Message {
	var out []slackemu.Message
	for _, m := range h.emu.Messages(channel) {
		if m.BotID != "" {
			out = append(out, m)
		}
	}
	return out
}

func importContains(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, got)
		}
	}
}

func TestImportOrdersFromCSV(t *testing.T) {
	h := newHarness(t)
	ready := h.say(alice, "import orders TM01")
	importContains(t, "the answer to /ops import orders", ready, "Ready to import orders into TM01", "30 minutes", "Asia/Shanghai")

	summary := h.shareFile(alice, "", "orders.csv", []byte(importCSV), 30*time.Second)
	importContains(t, "the summary", summary, "Imported orders.csv into TM01 (orders: 3, rows: 4)",
		"Created 2 · updated 0 · unchanged 0 · rejected 1", "Row 5, order F-0003: 数量: Give the quantity as a whole number of at least 1 (got “abc”).")
	if n := h.count("orders", "store_code = ?", "TM01"); n != 2 {
		t.Fatalf("%d orders stored, want 2", n)
	}
	// The two rows of F-0001 are one order; the store column's name of the store is the store.
	var id int64
	if err := h.db.Table("orders").Select("id").Where("platform_order_id = ?", "F-0001").Scan(&id).Error; err != nil {
		t.Fatal(err)
	}
	o, err := h.app.orders.Find(h.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Items) != 2 || o.Items[1].SKU != "CUP-2" || o.Amounts.Paid != 17990 || o.PaymentStatus != order.PaymentPaid ||
		!o.PlacedAt.Equal(time.Date(2026, 11, 10, 16, 5, 0, 0, time.UTC)) || o.Buyer.Phone != "13800130001" {
		t.Errorf("F-0001 = %+v", o)
	}
	// The person who shared the file is the actor of the audit trail.
	if n := h.count("audit_entries", "action = ? AND actor = ?", "order.receive", alice); n != 2 {
		t.Errorf("%d order.receive entries by alice, want 2", n)
	}

	// The same file again: nothing changes.
	again := h.shareFile(alice, "", "orders.csv", []byte(importCSV), 30*time.Second)
	importContains(t, "the second summary", again, "Created 0 · updated 0 · unchanged 2 · rejected 1", "Row 5, order F-0003")
	if n := h.count("orders", ""); n != 2 {
		t.Errorf("%d orders after the second import", n)
	}
	// A changed address is an update.
	changed := strings.Replace(importCSV, "科技园路 8 号 3 栋", "科技园路 10 号 5 栋", 1)
	importContains(t, "the third summary", h.shareFile(alice, "", "orders.csv", []byte(changed), 30*time.Second),
		"Created 0 · updated 1 · unchanged 1 · rejected 1")

	// Armed in #team, alice's file there is imported too; bob's, who did not ask, is not.
	importContains(t, "a file in #team", h.shareFile(alice, team, "more.csv", []byte(changed), 30*time.Second), "unchanged 2")
	before := len(h.botMessages(h.emu.DMChannel(bob)))
	if _, _, err := h.ws.ShareFile(h.ctx, bob, team, "orders.csv", []byte(importCSV)); err != nil {
		t.Fatal(err)
	}
	h.settle()
	if n := len(h.botMessages(h.emu.DMChannel(bob))); n != before {
		t.Errorf("bob's file in #team got %d DMs", n-before)
	}

	// Someone without the role is refused; a file that is no spreadsheet is named.
	importContains(t, "erin's import", h.shareFile(erin, "", "orders.csv", []byte(importCSV), 10*time.Second), "assistant / supervisor")
	importContains(t, "a PDF", h.shareFile(alice, "", "orders.pdf", []byte("%PDF-1.7"), 10*time.Second), "“orders.pdf” is neither")
	importContains(t, "no columns", h.shareFile(alice, "", "orders.csv", []byte("a,b\n1,2\n"), 10*time.Second),
		"The file lacks required columns: 订单号 / Order ID, 商品编码 / SKU, 数量 / Quantity")
}

func TestImportWhichStore(t *testing.T) {
	h := newHarness(t)
	admin := domain.Actor{UserID: erin, Roles: []domain.Role{domain.RoleAdmin}}
	if _, err := h.app.stores.Add(h.ctx, admin, "JD01", "jd", "JD store"); err != nil {
		t.Fatal(err)
	}
	one := "订单号,商品编码,数量,单价,实付,下单时间\nS-1,MUG-1,1,10,10,2026-11-11 00:05:00\n"
	// Two stores, no command and no store in the name: nothing is imported.
	importContains(t, "no store", h.shareFile(alice, "", "orders.csv", []byte(one), 10*time.Second),
		"cannot tell which store orders.csv is for", "JD01", "TM01")
	// The name says the store.
	importContains(t, "named", h.shareFile(alice, "", "JD01-orders.csv", []byte(one), 10*time.Second), "into JD01", "Created 1")
	// The command says it; a name that disagrees is refused.
	if got := h.say(alice, "import orders"); !strings.Contains(got, "Which store") {
		t.Errorf("/ops import orders with two stores: %q", got)
	}
	h.say(alice, "import orders TM01")
	importContains(t, "armed", h.shareFile(alice, "", "orders.csv", []byte(one), 10*time.Second), "into TM01", "Created 1")
	importContains(t, "conflict", h.shareFile(alice, "", "JD01-more.csv", []byte(one), 10*time.Second), "says store JD01", "TM01")
	if n := h.count("orders", ""); n != 2 {
		t.Errorf("%d orders, want one per store", n)
	}
}

func TestImportTemplateRoundTrip(t *testing.T) {
	h := newHarness(t)
	for _, format := range []string{"xlsx", "csv"} {
		cmd := "import template orders"
		if format == "csv" {
			cmd += " csv"
		}
		importContains(t, "/ops "+cmd, h.say(alice, cmd), "orders-template."+format)
		files := h.emu.Files()
		f := files[len(files)-1]
		if f.Name != "orders-template."+format || !f.Completed || len(f.Channels) != 1 || f.Channels[0] != team {
			t.Fatalf("template file = %+v", f)
		}
		rows, err := orderfile.Read(bytes.NewReader(f.Bytes), f.Name, h.app.cfg.TZ)
		if err != nil {
			t.Fatalf("the reader refuses the %s template: %v", format, err)
		}
		if len(rows) != 1 || rows[0].Input.PlatformOrderID == "" {
			t.Fatalf("%s template rows = %+v", format, rows)
		}
		// Shared back, the example order imports (the CSV's is the same order again).
		want := "Created 1 · updated 0 · unchanged 0 · rejected 0"
		if format == "csv" {
			want = "Created 0 · updated 0 · unchanged 1 · rejected 0"
		}
		importContains(t, "the template imported", h.shareFile(alice, "", f.Name, f.Bytes, 10*time.Second), want)
		h.emu.Settle(50*time.Millisecond, time.Second)
	}
	if got := h.say(alice, "import template orders pdf"); !strings.Contains(got, "xlsx or csv") {
		t.Errorf("pdf template: %q", got)
	}
	if got := h.say(erin, "import template orders"); !strings.Contains(got, "role") {
		t.Errorf("an admin without the assistant role: %q", got)
	}
}

// TestImportXLSX10k imports an export of 10,000 orders in one go and logs the figures of
// docs/BENCHMARKS.md: the time from sharing the file to the summary, and the live heap at
// its peak meanwhile (the whole app: the file, the parsed rows, the ingest). It takes
// about a minute: each order is its own transaction with its review.
func TestImportXLSX10k(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 orders take a while")
	}
	n := 10_000
	if raceDetector() {
		// Ten times slower under the race detector, the volume would take minutes; one and a
		// half batches still take the path through several Ingest calls.
		n = order.MaxBatch * 3 / 2
	}
	h := newHarness(t)
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	header := []any{"订单号", "收货人", "手机", "买家ID", "省", "市", "区", "收货地址", "邮编", "商品编码", "数量", "单价", "实付", "支付状态", "下单时间", "付款时间"}
	if err := sw.SetRow("A1", header); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		row := []any{fmt.Sprintf("X-%05d", i), "李雷", fmt.Sprintf("139%08d", i), fmt.Sprintf("buyer-x%d", i), "浙江省", "杭州市", "西湖区",
			fmt.Sprintf("文三路 %d 号 %d 单元", 100+i, i%9+1), "310012", "MUG-1", 2, 64.95, 129.9, "已付款", 46337.0034722222, "2026-11-11 00:06:10"}
		if err := sw.SetRow(fmt.Sprintf("A%d", i+2), row); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	_ = f.Close()

	runtime.GC()
	stop := heappeak.Watch(5 * time.Millisecond)
	started := time.Now()
	summary := h.shareFile(alice, "", "TM01-double11.xlsx", buf.Bytes(), 10*time.Minute)
	took, peak := time.Since(started), stop()
	importContains(t, "the summary", summary, fmt.Sprintf("(orders: %d, rows: %d)", n, n), fmt.Sprintf("Created %d · updated 0 · unchanged 0 · rejected 0", n))
	if got := h.count("orders", "store_code = ?", "TM01"); got != int64(n) {
		t.Fatalf("%d orders stored, want %d", got, n)
	}
	t.Logf("%d-row XLSX (%d KiB): imported in %s (%.0f orders/s), live heap peak %.1f MiB",
		n, buf.Len()>>10, took.Round(100*time.Millisecond), float64(n)/took.Seconds(), float64(peak)/(1<<20))
}

// raceDetector reports whether the test binary was built with -race.
func raceDetector() bool {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, s := range bi.Settings {
		if s.Key == "-race" {
			return s.Value == "true"
		}
	}
	return false
}
