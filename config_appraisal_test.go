package main

import (
	"strings"
	"testing"

	"storeops/domain/appraisal"
)

func TestAppraisalTZ(t *testing.T) {
	for _, tc := range []struct {
		tz, appraisalTZ string
		want            string // the zone the appraisals keep
		err             string
	}{
		{"", "", "Asia/Shanghai", ""},
		{"Europe/Berlin", "", "Europe/Berlin", ""},
		{"", "Europe/London", "Europe/London", ""},
		{"Europe/Berlin", " America/New_York ", "America/New_York", ""},
		{"", "Mars/Olympus", "", EnvAppraisalTZ + `: unknown time zone "Mars/Olympus"`},
		{"", "+08:00", "", EnvAppraisalTZ},
	} {
		c, err := LoadConfig(func(k string) string {
			return map[string]string{EnvTZ: tc.tz, EnvAppraisalTZ: tc.appraisalTZ}[k]
		})
		switch {
		case tc.err != "":
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: err %v, want %q", tc.appraisalTZ, err, tc.err)
			}
		case err != nil:
			t.Errorf("%q: %v", tc.appraisalTZ, err)
		default:
			if got := appraisal.Zone(c.AppraisalTZ, c.TZ).String(); got != tc.want {
				t.Errorf("%q/%q: appraisal zone %s, want %s", tc.tz, tc.appraisalTZ, got, tc.want)
			}
			if want := "appraisal_tz=" + strings.TrimSpace(tc.appraisalTZ); tc.appraisalTZ != "" && !strings.Contains(c.String(), want) {
				t.Errorf("%q: the logged config should show %s: %s", tc.appraisalTZ, want, c)
			}
		}
	}
}
