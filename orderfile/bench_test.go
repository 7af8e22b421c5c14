package orderfile

import (
	"bytes"
	"fmt"
	"runtime"
	"testing"
	"time"

	"storeops/internal/heappeak"
)

// tenThousand is an XLSX export of 10,000 one-line orders with every column filled.
func tenThousand(b testing.TB) []byte {
	rows := make([][]any, 0, 10_001)
	header := make([]any, len(columns))
	for i, c := range columns {
		header[i] = c.header
	}
	rows = append(rows, header)
	for n := range 10_000 {
		rows = append(rows, []any{fmt.Sprintf("B%08d", n), "TM01", "李雷", fmt.Sprintf("138%08d", n), fmt.Sprintf("tb_%d", n),
			"浙江省", "杭州市", "西湖区", fmt.Sprintf("文三路 %d 号", n), "310012", "MUG-1", 2, 64.95, 129.9, 0, 0, 129.9,
			"支付宝", "已付款", "请下午送", 46337.0034722222, "2026-11-11 00:06:10"})
	}
	return xlsxFile(b, rows)
}

// BenchmarkReadXLSX10k reads a 10,000-row XLSX export (the file is about 1 MB). Besides
// time and allocations it reports the memory figures of docs/BENCHMARKS.md: the live heap
// at its peak while reading (the file, the unpacked sheet and the orders built so far;
// garbage the collector had not yet taken included) and what the 10,000 orders keep
// once the file is read.
func BenchmarkReadXLSX10k(b *testing.B) {
	data := tenThousand(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var peak, kept, base uint64
	for b.Loop() {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		base = ms.HeapAlloc
		stop := heappeak.Watch(time.Millisecond)
		rows, err := Read(bytes.NewReader(data), "orders.xlsx", shanghai)
		p := stop()
		if err != nil {
			b.Fatal(err)
		}
		if len(rows) != 10_000 {
			b.Fatalf("%d rows", len(rows))
		}
		runtime.GC()
		runtime.ReadMemStats(&ms)
		peak = max(peak, p-min(p, base))
		kept = ms.HeapAlloc - min(ms.HeapAlloc, base)
		runtime.KeepAlive(rows)
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
	b.ReportMetric(float64(kept)/(1<<20), "kept-MiB")
}
