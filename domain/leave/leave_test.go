package leave

import (
	"strings"
	"testing"
	"time"

	"storeops/domain"
)

func TestParse(t *testing.T) {
	sh, _ := time.LoadLocation("Asia/Shanghai")
	today := time.Date(2026, 12, 8, 10, 0, 0, 0, sh)
	l, err := Input{From: "2026-12-10", To: "2026-12-12", Type: "年假", Reason: " family visit "}.Parse(sh, today)
	if err != nil || l.Type != TypeAnnual || l.Reason != "family visit" ||
		!l.From.Equal(time.Date(2026, 12, 10, 0, 0, 0, 0, sh)) || !l.Until.Equal(time.Date(2026, 12, 13, 0, 0, 0, 0, sh)) {
		t.Fatalf("Parse = %+v %v", l, err)
	}
	if got := l.LastDay(sh).Format("2006-01-02"); got != "2026-12-12" {
		t.Errorf("last day %s", got)
	}
	for _, tc := range []struct {
		in  Input
		key string
	}{
		{Input{"12/10", "2026-12-12", "annual", "x"}, "leave.date.invalid"},
		{Input{"2026-12-10", "2026-13-01", "annual", "x"}, "leave.date.invalid"},
		{Input{"2026-12-12", "2026-12-10", "annual", "x"}, "leave.dates.order"},
		{Input{"2026-12-01", "2026-12-07", "sick", "x"}, "leave.dates.past"},
		{Input{"2026-12-10", "2027-06-10", "annual", "x"}, "leave.dates.too_long"},
		{Input{"2026-12-10", "2026-12-10", "holiday", "x"}, "leave.type.invalid"},
		{Input{"2026-12-10", "2026-12-10", "sick", "  "}, "leave.reason.required"},
		{Input{"2026-12-10", "2026-12-10", "sick", strings.Repeat("长", MaxReason+1)}, "leave.reason.too_long"},
	} {
		_, err := tc.in.Parse(sh, today)
		if e, ok := domain.AsError(err); !ok || e.Key != tc.key {
			t.Errorf("%+v: %v, want %s", tc.in, err, tc.key)
		}
	}
	// Today's leave is fine.
	if _, err := (Input{"2026-12-08", "2026-12-08", "personal", "x"}).Parse(sh, today); err != nil {
		t.Errorf("today: %v", err)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"2026-12-10 2026-12-12 annual family", "2026-12-10 2026-12-10 病假 发烧", "x y z w", "2026-02-30 2026-03-01 sick a",
		"2026-12-10 2026-12-09 other b", "2026-12-10 2027-12-10 annual long"} {
		f.Add(s)
	}
	sh, _ := time.LoadLocation("Asia/Shanghai")
	today := time.Date(2026, 12, 8, 10, 0, 0, 0, sh)
	f.Fuzz(func(t *testing.T, s string) {
		in, err := ParseArgs(strings.Fields(s))
		if err != nil {
			return
		}
		l, err := in.Parse(sh, today)
		if err != nil {
			if _, ok := domain.AsError(err); !ok {
				t.Fatalf("%q: untyped error %v", s, err)
			}
			return
		}
		if !l.Until.After(l.From) || l.Until.Sub(l.From) > (MaxDays*24+1)*time.Hour || l.Reason == "" {
			t.Fatalf("%q parsed to %+v", s, l)
		}
		if _, ok := ParseType(string(l.Type)); !ok {
			t.Fatalf("%q: type %q", s, l.Type)
		}
	})
}
