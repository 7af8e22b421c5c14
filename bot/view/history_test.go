package view

import (
	"strings"
	"testing"
	"time"

	"storeops/bot/i18n"
	"storeops/domain/audit"
)

// TestHistoryNamesStatusesByTheirArea checks that a status in a record's history is named as
// its own area names it: "approved" of an after-sales case is not an approval request's.
func TestHistoryNamesStatusesByTheirArea(t *testing.T) {
	at := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	entries := []audit.Entry{{At: at, Actor: "U1", Action: "aftersale.move", Subject: "aftersale:3",
		Before: []byte(`{"status":"approved"}`), After: []byte(`{"status":"awaiting_return"}`)}}
	for _, c := range []struct {
		l    i18n.Localizer
		want string
	}{
		{en(), en().T("aftersale.status.approved") + " → " + en().T("aftersale.status.awaiting_return")},
		{i18n.New().For("zh"), "→ 待退回"},
	} {
		got := blocksText(t, History(c.l, "#3", entries, time.UTC))
		if !strings.Contains(got, c.want) || strings.Contains(got, "awaiting_return") {
			t.Errorf("%s history %q, want %q", c.l.Locale(), got, c.want)
		}
	}
}
