package report

import (
	"context"
	"testing"
	"time"

	"storeops/domain"
	"storeops/domain/audit"
	"storeops/domain/metrics"
	"storeops/domain/outbox"
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

func TestZonesOfChannelsAndStores(t *testing.T) {
	ctx := context.Background()
	clock := domain.NewManualClock(time.Date(2026, 11, 30, 1, 0, 0, 0, time.UTC)) // 09:00 in Shanghai
	m := &fakeMetrics{}
	for _, code := range []string{"TM03", "SH01"} {
		for off := 0; off < 3; off++ {
			m.days = append(m.days, day(code, off, metrics.Counts{Visitors: int64(100 + off), PaidOrders: 1, PayingBuyers: 1, PaidAmount: 100}))
		}
	}
	settings, au := memSettings{}, &memAudit{}
	svc := NewService(Deps{Metrics: m, Settings: settings, Tx: noTx{}, Audit: audit.NewLog(au, clock), Outbox: outbox.New(&memOutbox{}, clock),
		Clock: clock, TZ: time.UTC, Stores: fakeStores{
			{Code: "TM01", TeamChannel: "CSH", TimeZone: "Asia/Shanghai"},
			{Code: "TM02", TeamChannel: "CSH", TimeZone: "Asia/Shanghai"},
			{Code: "SH01", TeamChannel: "CMIX", TimeZone: "America/Los_Angeles"},
			{Code: "TM03", TeamChannel: "CMIX", TimeZone: "Asia/Shanghai"},
			{Code: "JD01", TeamChannel: "CCO"}}})
	admin := domain.Actor{UserID: "U1", Roles: []domain.Role{domain.RoleAdmin}}
	byChannel := func() map[string]ChannelSettings {
		all, err := svc.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]ChannelSettings{}
		for _, c := range all {
			out[c.Channel] = c
		}
		return out
	}
	all := byChannel()
	// Stores sharing a zone give it to their channel; mixed zones and the company zone
	// leave the channel on the company's.
	if z := all["CSH"].ZoneName(); z != "Asia/Shanghai" {
		t.Errorf("a channel of Shanghai stores reads %q", z)
	}
	if z := all["CMIX"].ZoneName(); z != "" {
		t.Errorf("a channel of stores in two zones reads %q, want the company's", z)
	}
	if z := all["CCO"].ZoneName(); z != "" {
		t.Errorf("a channel of company-zone stores reads %q", z)
	}
	// 01:00 UTC is 09:00 in Shanghai: due there, not in UTC.
	if _, due := Due(all["CSH"], time.UTC, clock.Now()); !due {
		t.Error("the Shanghai channel's digest is not due at 09:00 Shanghai time")
	}
	if _, due := Due(all["CMIX"], time.UTC, clock.Now()); due {
		t.Error("the mixed channel's digest is due at 01:00 UTC")
	}
	// The channel's own zone wins over its stores'; "default" gives it back to them.
	if _, err := svc.SetZone(ctx, admin, "CMIX", "Mars/Olympus"); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("an unknown zone: %v", err)
	}
	if _, err := svc.SetZone(ctx, admin, "CMIX", "Asia/Shanghai"); err != nil {
		t.Fatal(err)
	}
	all = byChannel()
	if all["CMIX"].ZoneName() != "Asia/Shanghai" || au.n != 1 {
		t.Errorf("after setting the zone: %q, %d audit entries", all["CMIX"].ZoneName(), au.n)
	}
	date, due := Due(all["CMIX"], time.UTC, clock.Now())
	if !due || date.Format(time.DateOnly) != "2026-11-29" {
		t.Fatalf("due %v for %s", due, date)
	}
	// At 09:00 in Shanghai it is 17:00 on the 29th in Los Angeles: SH01 shows the 28th, its
	// last finished day, and says so; TM03 shows the 29th.
	d, err := svc.Build(ctx, all["CMIX"], date)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Stores) != 2 || d.Stores[0].Code != "SH01" || d.Stores[0].Date != "2026-11-28" || d.Stores[0].NoData ||
		d.Stores[1].Date != "" || d.Stores[1].NoData {
		t.Fatalf("mixed-zone digest: %+v", d.Stores)
	}
	if v := fig(d.Stores[0], FigVisitors).Value.V; v != 101 {
		t.Errorf("SH01 shows %v visitors, want the 28th's 101", v)
	}
	if v := fig(d.Stores[1], FigVisitors).Value.V; v != 100 {
		t.Errorf("TM03 shows %v visitors, want the 29th's 100", v)
	}
	if _, err := svc.SetZone(ctx, admin, "CMIX", "default"); err != nil {
		t.Fatal(err)
	}
	if z := byChannel()["CMIX"].ZoneName(); z != "" {
		t.Errorf("after default: %q", z)
	}
}
