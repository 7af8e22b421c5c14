package store

import (
	"testing"
	"time"

	"storeops/domain"
)

func TestParseZone(t *testing.T) {
	for in, want := range map[string]string{"Asia/Shanghai": "Asia/Shanghai", " UTC ": "UTC", "default": "", "DEFAULT": "", "": "",
		"America/Los_Angeles": "America/Los_Angeles"} {
		if got, err := ParseZone(in); err != nil || got != want {
			t.Errorf("ParseZone(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"Local", "local", "Mars/Olympus", "+08:00", "../../etc/passwd", "Asia/"} {
		if _, err := ParseZone(in); domain.ErrorCode(err) != domain.EINVALID {
			t.Errorf("ParseZone(%q) = %v, want EINVALID", in, err)
		}
	}
}

func TestStoreZoneFallsBackToTheCompanys(t *testing.T) {
	company := time.FixedZone("company", 8*3600)
	if z := (Store{}).Zone(company); z != company {
		t.Errorf("no zone: %v", z)
	}
	if z := (Store{TimeZone: "America/Los_Angeles"}).Zone(company); z.String() != "America/Los_Angeles" {
		t.Errorf("own zone: %v", z)
	}
	// A name the zone database no longer has must not stop the store's digest.
	if z := (Store{TimeZone: "Gone/Away"}).Zone(company); z != company {
		t.Errorf("unloadable zone: %v", z)
	}
}
