package feedback

import (
	"slices"
	"strings"
	"testing"
	"time"

	"storeops/domain"
)

func TestParseTags(t *testing.T) {
	cases := []struct {
		in   string
		want []string
		key  string
	}{
		{in: "", want: nil},
		{in: " , ,", want: nil},
		{in: "Packaging, packaging ,PACKAGING", want: []string{"packaging"}},
		{in: "Slow  Delivery,包装，质量、 包装", want: []string{"slow delivery", "包装", "质量"}},
		{in: "a;b\nc", want: []string{"a", "b", "c"}},
		{in: strings.Repeat("x", MaxTag+1), key: "feedback.tags.too_long"},
		{in: "1,2,3,4,5,6,7,8,9,10,11", key: "feedback.tags.too_many"},
		{in: "1,2,3,4,5,6,7,8,9,10,1,2", want: []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"}},
	}
	for _, c := range cases {
		got, p := ParseTags(c.in)
		if c.key != "" {
			if p == nil || p.Key != c.key || p.Field != FieldTags {
				t.Errorf("ParseTags(%q) = %v, %v; want %s", c.in, got, p, c.key)
			}
			continue
		}
		if p != nil || !slices.Equal(got, c.want) {
			t.Errorf("ParseTags(%q) = %q, %v; want %q", c.in, got, p, c.want)
		}
	}
}

func TestInputParse(t *testing.T) {
	f, problems := Input{Kind: " Review ", Store: "tm01", SKU: "mug-1", Text: " Great mug ", Tags: "Quality, quality"}.Parse()
	if len(problems) != 0 || f.Kind != KindReview || f.StoreCode != "TM01" || f.SKU != "MUG-1" || f.Text != "Great mug" || !slices.Equal(f.Tags, []string{"quality"}) {
		t.Errorf("good input: %+v %v", f, problems)
	}
	_, problems = Input{Kind: "rant", SKU: "bad sku!", Text: strings.Repeat("x", MaxText+1)}.Parse()
	var fields []string
	for _, p := range problems {
		fields = append(fields, p.Field+":"+p.Key)
	}
	want := []string{"feedback.kind:feedback.kind.invalid", "store:feedback.field.required", "sku:feedback.sku.invalid", "feedback.text:feedback.text.too_long"}
	if !slices.Equal(fields, want) {
		t.Errorf("problems %v, want %v", fields, want)
	}
}

func TestParsePeriod(t *testing.T) {
	tz, _ := time.LoadLocation("Asia/Shanghai")
	now := time.Date(2026, 11, 30, 6, 0, 0, 0, time.UTC)
	day := func(s string) time.Time { v, _ := time.ParseInLocation("2006-01-02", s, tz); return v }
	cases := []struct {
		in       string
		from, to time.Time
		key      string
	}{
		{in: "", from: now.AddDate(0, 0, -7), to: now},
		{in: "Week", from: now.AddDate(0, 0, -7), to: now},
		{in: "month", from: now.AddDate(0, 0, -30), to: now},
		{in: "2026-11-01..2026-11-30", from: day("2026-11-01"), to: day("2026-12-01")},
		{in: "2026-11-05 .. 2026-11-05", from: day("2026-11-05"), to: day("2026-11-06")},
		{in: "2026-11-30..2026-11-01", key: "feedback.period.invalid"},
		{in: "2026-11-01", key: "feedback.period.invalid"},
		{in: "2026-13-01..2026-12-01", key: "feedback.period.invalid"},
		{in: "year", key: "feedback.period.invalid"},
		{in: "2024-01-01..2026-01-01", key: "feedback.period.too_long"},
	}
	for _, c := range cases {
		from, to, err := ParsePeriod(c.in, now, tz)
		if c.key != "" {
			if e, ok := domain.AsError(err); !ok || e.Key != c.key {
				t.Errorf("ParsePeriod(%q) = %v..%v, %v; want %s", c.in, from, to, err, c.key)
			}
			continue
		}
		if err != nil || !from.Equal(c.from) || !to.Equal(c.to) {
			t.Errorf("ParsePeriod(%q) = %v..%v, %v; want %v..%v", c.in, from, to, err, c.from, c.to)
		}
	}
}

func TestLastWeek(t *testing.T) {
	tz, _ := time.LoadLocation("Asia/Shanghai")
	day := func(s string) time.Time { v, _ := time.ParseInLocation("2006-01-02 15:04", s, tz); return v }
	for _, c := range []struct{ now, from, to string }{
		{"2026-11-30 09:00", "2026-11-23 00:00", "2026-11-30 00:00"}, // Monday
		{"2026-11-29 23:59", "2026-11-16 00:00", "2026-11-23 00:00"}, // Sunday
		{"2026-12-02 12:00", "2026-11-23 00:00", "2026-11-30 00:00"},
	} {
		from, to := LastWeek(day(c.now), tz)
		if !from.Equal(day(c.from)) || !to.Equal(day(c.to)) {
			t.Errorf("LastWeek(%s) = %v..%v, want %s..%s", c.now, from, to, c.from, c.to)
		}
	}
}

func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"", "week", "month", "2026-11-01..2026-11-30", "2026-11-30..2026-11-01", "..", "2026-02-29..2026-03-01",
		"2024-01-01..2026-01-01", "0000-01-01..9999-12-31", "2026-11-01..2026-11-01..2026-11-02"} {
		f.Add(s)
	}
	tz, _ := time.LoadLocation("Asia/Shanghai")
	now := time.Date(2026, 11, 30, 6, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		from, to, err := ParsePeriod(s, now, tz)
		if err != nil {
			if e, ok := domain.AsError(err); !ok || e.Code != domain.EINVALID {
				t.Fatalf("ParsePeriod(%q): %v is not EINVALID", s, err)
			}
			return
		}
		if !from.Before(to) || to.Sub(from) > (MaxPeriodDays+1)*24*time.Hour {
			t.Fatalf("ParsePeriod(%q) = %v..%v: empty, reversed or too long", s, from, to)
		}
	})
}
