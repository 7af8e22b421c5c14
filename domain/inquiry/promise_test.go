package inquiry

import (
	"testing"
	"time"

	"storeops/domain"
)

func shanghai(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestParsePromise(t *testing.T) {
	tz := shanghai(t)
	// 2026-11-30 14:00 in Shanghai.
	now := time.Date(2026, 11, 30, 6, 0, 0, 0, time.UTC)
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, tz)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	cases := []struct {
		in   string
		want time.Time
		key  string
	}{
		{in: "2h", want: now.Add(2 * time.Hour)},
		{in: "90m", want: now.Add(90 * time.Minute)},
		{in: "1h30m", want: now.Add(90 * time.Minute)},
		{in: " 1H 30M ", want: now.Add(90 * time.Minute)},
		{in: "45min", want: now.Add(45 * time.Minute)},
		{in: "720h", want: now.Add(720 * time.Hour)},
		{in: "17:30", want: at("2026-11-30 17:30")},
		{in: "17：30", want: at("2026-11-30 17:30")}, // full-width colon
		{in: "9:05", want: at("2026-12-01 09:05")},  // passed today: tomorrow
		{in: "14:00", want: at("2026-12-01 14:00")}, // now exactly: tomorrow
		{in: "14:01", want: at("2026-11-30 14:01")},
		{in: "2026-12-01 10:00", want: at("2026-12-01 10:00")},
		{in: "2026-12-01T10:00", want: at("2026-12-01 10:00")},
		{in: "", key: "inquiry.field.required"},
		{in: "   ", key: "inquiry.field.required"},
		{in: "0h", key: "inquiry.promise.invalid"},
		{in: "0m", key: "inquiry.promise.invalid"},
		{in: "-2h", key: "inquiry.promise.invalid"},
		{in: "2", key: "inquiry.promise.invalid"},
		{in: "2 hours", key: "inquiry.promise.invalid"},
		{in: "1.5h", key: "inquiry.promise.invalid"},
		{in: "300ms", key: "inquiry.promise.invalid"},
		{in: "h", key: "inquiry.promise.invalid"},
		{in: "24:00", key: "inquiry.promise.invalid"},
		{in: "12:60", key: "inquiry.promise.invalid"},
		{in: "tomorrow", key: "inquiry.promise.invalid"},
		{in: "2026-02-30 10:00", key: "inquiry.promise.invalid"},
		{in: "2026-11-30 13:59", key: "inquiry.promise.past"},
		{in: "2026-11-30 14:00", key: "inquiry.promise.past"},
		{in: "721h", key: "inquiry.promise.too_far"},
		{in: "9999h", key: "inquiry.promise.too_far"},
		{in: "2027-01-30 10:00", key: "inquiry.promise.too_far"},
	}
	for _, c := range cases {
		got, err := ParsePromise(c.in, now, tz)
		if c.key != "" {
			e, ok := domain.AsError(err)
			if !ok || e.Key != c.key || e.Code != domain.EINVALID {
				t.Errorf("ParsePromise(%q) = %v, %v; want %s", c.in, got, err, c.key)
			}
			continue
		}
		if err != nil || !got.Equal(c.want) {
			t.Errorf("ParsePromise(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
}

// TestParsePromiseAcrossDST reads a clock time in a zone whose day has 23 hours.
func TestParsePromiseAcrossDST(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 8, 1, 30, 0, 0, ny) // half an hour before clocks jump to 03:00
	got, err := ParsePromise("4:00", now, ny)
	if err != nil || got.Sub(now) != 90*time.Minute {
		t.Errorf("4:00 on the DST day = %v (%v after now), %v", got, got.Sub(now), err)
	}
}

func FuzzParsePromise(f *testing.F) {
	for _, s := range []string{"2h", "90m", "1h30m", "17:30", "9:05", "2026-12-01 10:00", "", "0h", "24:00",
		"2026-02-30 10:00", "9999h", "99999m", "1h 30m", "17：30", "2026-12-01T10:00", "-1h", "🙂"} {
		f.Add(s)
	}
	tz := shanghai(f)
	now := time.Date(2026, 11, 30, 6, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParsePromise(s, now, tz)
		if err != nil {
			if e, ok := domain.AsError(err); !ok || e.Code != domain.EINVALID {
				t.Fatalf("ParsePromise(%q): error %v is not EINVALID", s, err)
			}
			return
		}
		// Whatever it accepts lies ahead and within the bound.
		if !got.After(now) || got.Sub(now) > MaxPromise {
			t.Fatalf("ParsePromise(%q) = %v, outside (now, now+%v]", s, got, MaxPromise)
		}
	})
}
