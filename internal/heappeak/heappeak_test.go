package heappeak

import (
	"testing"
	"time"
)

func TestWatchSeesAnAllocation(t *testing.T) {
	stop := Watch(time.Millisecond)
	buf := make([]byte, 64<<20)
	for i := range buf {
		buf[i] = byte(i)
	}
	time.Sleep(10 * time.Millisecond)
	peak := stop()
	if peak < 64<<20 {
		t.Errorf("peak %d bytes while 64 MiB were live", peak)
	}
	_ = buf[len(buf)-1]
}
