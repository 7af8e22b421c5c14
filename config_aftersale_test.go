package main

import (
	"strings"
	"testing"
	"time"
)

func TestAftersaleDelays(t *testing.T) {
	for _, tc := range []struct {
		remind, escalate string
		wantR, wantE     time.Duration
		err              string
	}{
		{"", "", 24 * time.Hour, 72 * time.Hour, ""},
		{"2h", "6h", 2 * time.Hour, 6 * time.Hour, ""},
		{"90m", "", 90 * time.Minute, 72 * time.Hour, ""},
		{"soon", "", 0, 0, EnvAftersaleRemindAfter},
		{"30s", "", 0, 0, "out of range"},
		{"", "800h", 0, 0, "out of range"},
		{"48h", "24h", 0, 0, "must be longer"},
	} {
		c, err := LoadConfig(func(k string) string {
			return map[string]string{EnvAftersaleRemindAfter: tc.remind, EnvAftersaleEscalateAfter: tc.escalate}[k]
		})
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%q/%q: err %v, want %q", tc.remind, tc.escalate, err, tc.err)
		case tc.err == "" && (err != nil || c.AftersaleRemindAfter != tc.wantR || c.AftersaleEscalateAfter != tc.wantE):
			t.Errorf("%q/%q: %v %v %v", tc.remind, tc.escalate, c.AftersaleRemindAfter, c.AftersaleEscalateAfter, err)
		}
	}
}
