package report

import (
	"testing"
	"time"

	"storeops/domain"
)

func TestDueAcrossZones(t *testing.T) {
	shanghai, _ := time.LoadLocation("Asia/Shanghai")
	newYork, _ := time.LoadLocation("America/New_York")
	kathmandu, _ := time.LoadLocation("Asia/Kathmandu") // +05:45
	at := func(h, m int) ChannelSettings { s := Defaults("C1"); s.At = h*60 + m; return s }
	cases := []struct {
		name string
		s    ChannelSettings
		tz   *time.Location
		now  string
		date string
		due  bool
	}{
		{"Shanghai before nine", Defaults("C1"), shanghai, "2026-11-30T00:59:59Z", "2026-11-29", false},
		{"Shanghai at nine", Defaults("C1"), shanghai, "2026-11-30T01:00:00Z", "2026-11-29", true},
		{"Shanghai late the same day", Defaults("C1"), shanghai, "2026-11-30T15:59:00Z", "2026-11-29", true},
		{"Shanghai just after midnight: a new day, not due yet", Defaults("C1"), shanghai, "2026-11-30T16:00:00Z", "2026-11-30", false},
		{"UTC at nine is Shanghai's evening", Defaults("C1"), time.UTC, "2026-11-30T09:00:00Z", "2026-11-29", true},
		{"UTC before nine", Defaults("C1"), time.UTC, "2026-11-30T08:59:00Z", "2026-11-29", false},
		{"custom 07:30", at(7, 30), shanghai, "2026-11-29T23:30:00Z", "2026-11-29", true},
		{"custom 07:30 a minute early", at(7, 30), shanghai, "2026-11-29T23:29:00Z", "2026-11-29", false},
		{"midnight sends at once", at(0, 0), shanghai, "2026-11-29T16:00:00Z", "2026-11-29", true},
		{"Kathmandu quarter hour", Defaults("C1"), kathmandu, "2026-11-30T03:15:00Z", "2026-11-29", true},
		{"Kathmandu a minute early", Defaults("C1"), kathmandu, "2026-11-30T03:14:00Z", "2026-11-29", false},
		{"New York winter (UTC-5)", Defaults("C1"), newYork, "2026-11-30T14:00:00Z", "2026-11-29", true},
		{"New York summer (UTC-4)", Defaults("C1"), newYork, "2026-07-01T13:00:00Z", "2026-06-30", true},
		{"New York summer an hour early", Defaults("C1"), newYork, "2026-07-01T12:59:00Z", "2026-06-30", false},
		{"New York 02:30 does not exist on the spring-forward night", at(2, 30), newYork, "2026-03-08T06:29:00Z", "2026-03-07", false},
		{"… so it is due from 01:30 EST", at(2, 30), newYork, "2026-03-08T06:30:00Z", "2026-03-07", true},
		{"year boundary", Defaults("C1"), shanghai, "2027-01-01T01:00:00Z", "2026-12-31", true},
		{"leap day", Defaults("C1"), shanghai, "2028-03-01T01:00:00Z", "2028-02-29", true},
	}
	for _, c := range cases {
		now, err := time.Parse(time.RFC3339, c.now)
		if err != nil {
			t.Fatal(err)
		}
		date, due := Due(c.s, c.tz, now)
		if got := date.Format("2006-01-02"); got != c.date || due != c.due {
			t.Errorf("%s: Due = %s %v, want %s %v", c.name, got, due, c.date, c.due)
		}
		if date.Location() != time.UTC || date.Hour() != 0 {
			t.Errorf("%s: date %v is not midnight UTC", c.name, date)
		}
	}
}

func TestParseAt(t *testing.T) {
	for in, want := range map[string]int{"09:00": 540, "9:00": 540, "00:00": 0, "23:59": 1439, " 07:30 ": 450} {
		if got, err := ParseAt(in); err != nil || got != want {
			t.Errorf("ParseAt(%q) = %d %v, want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "9", "24:00", "12:60", "12:5", "ab:cd", "-1:00", "9am"} {
		if _, err := ParseAt(in); domain.ErrorCode(err) != domain.EINVALID {
			t.Errorf("ParseAt(%q) = %v, want EINVALID", in, err)
		}
	}
	if FormatAt(450) != "07:30" || Defaults("C").Clock() != "09:00" {
		t.Error("FormatAt")
	}
}
