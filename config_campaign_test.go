package main

import (
	"strings"
	"testing"
	"time"
)

func TestCampaignSettings(t *testing.T) {
	for _, tc := range []struct {
		watch, evening, share, remind string
		want                          [4]any // watch, evening, share, remind
		err                           string // a part of the error, naming the variable
	}{
		{"", "", "", "", [4]any{2 * time.Hour, 21, 70, 24 * time.Hour}, ""},
		{"1h", "20:00", "60%", "36h", [4]any{time.Hour, 20, 60, 36 * time.Hour}, ""},
		{"90m", "19", "100", "30m", [4]any{90 * time.Minute, 19, 100, 30 * time.Minute}, ""},
		{"often", "", "", "", [4]any{}, EnvCampaignWatchEvery + `: "often" is not a duration`},
		{"5m", "", "", "", [4]any{}, EnvCampaignWatchEvery + ": 5m0s is out of range"},
		{"25h", "", "", "", [4]any{}, EnvCampaignWatchEvery + ": 25h0m0s is out of range"},
		{"", "21:30", "", "", [4]any{}, EnvCampaignEvening + `: "21:30" is not a whole hour`},
		{"", "nine", "", "", [4]any{}, EnvCampaignEvening + `: "nine" is not a whole hour`},
		{"", "24:00", "", "", [4]any{}, EnvCampaignEvening + `: "24:00" is out of range`},
		{"", "00:00", "", "", [4]any{}, EnvCampaignEvening + `: "00:00" is out of range`},
		{"", "", "0", "", [4]any{}, EnvCampaignAlertShare + ": 0 is out of range"},
		{"", "", "120%", "", [4]any{}, EnvCampaignAlertShare + ": 120 is out of range"},
		{"", "", "most", "", [4]any{}, EnvCampaignAlertShare + `: "most" is not a whole percentage`},
		{"", "", "", "tomorrow", [4]any{}, EnvCampaignRemindBefore + `: "tomorrow" is not a duration`},
		{"", "", "", "800h", [4]any{}, EnvCampaignRemindBefore + ": 800h0m0s is out of range"},
	} {
		c, err := LoadConfig(func(k string) string {
			return map[string]string{EnvCampaignWatchEvery: tc.watch, EnvCampaignEvening: tc.evening,
				EnvCampaignAlertShare: tc.share, EnvCampaignRemindBefore: tc.remind}[k]
		})
		got := [4]any{c.CampaignWatchEvery, c.CampaignEvening, c.CampaignAlertShare, c.CampaignRemindBefore}
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%+v: err %v, want %q", tc, err, tc.err)
		case tc.err == "" && (err != nil || got != tc.want):
			t.Errorf("%+v: got %v %v, want %v", tc, got, err, tc.want)
		}
	}
}

// The configured settings reach the campaign service (zero values in a Config literal, as
// the harness builds it, take the service's defaults).
func TestCampaignSettingsAreWired(t *testing.T) {
	h := newHarness(t, func(c *Config) {
		c.CampaignWatchEvery, c.CampaignEvening, c.CampaignAlertShare, c.CampaignRemindBefore = time.Hour, 20, 55, 36*time.Hour
	})
	s := h.app.campaigns.Settings()
	if s.WatchEvery != time.Hour || s.CloseHour != 20 || s.AlertShare != 55 || s.RemindBefore != 36*time.Hour {
		t.Errorf("campaign settings: %+v", s)
	}
}
