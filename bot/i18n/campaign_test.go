package i18n

import (
	"strings"
	"testing"

	"storeops/domain"
	"storeops/domain/campaign"
)

// A refused campaign move names the states in the reader's language, never their tokens.
func TestIllegalCampaignMoveNamesStates(t *testing.T) {
	c := campaign.Campaign{ID: 12, Status: campaign.StatusPendingApproval}
	err := campaign.IllegalMove(c, campaign.StatusRunning)
	en := New().For(English).Error(err)
	if want := "Campaign C-12 is pending approval and cannot go to running. Allowed next: in preparation, cancelled."; !strings.Contains(en, want) {
		t.Errorf("en refusal %q, want %q", en, want)
	}
	zh := New().For(Chinese).Error(err)
	for _, tok := range []string{"pending_approval", "preparing", "cancelled", "running"} {
		if strings.Contains(en, tok+" ") || strings.Contains(en, tok+",") || strings.Contains(zh, tok) {
			t.Errorf("a raw state %q in %q / %q", tok, en, zh)
		}
	}
	for _, want := range []string{New().For(Chinese).T("campaign.status.pending_approval"), New().For(Chinese).T("campaign.status.preparing")} {
		if !strings.Contains(zh, want) {
			t.Errorf("zh refusal %q lacks %q", zh, want)
		}
	}
	final := campaign.IllegalMove(campaign.Campaign{ID: 3, Status: campaign.StatusSummarised}, campaign.StatusCancelled)
	if en := New().For(English).Error(final); !strings.Contains(en, "is summarised and cannot go to cancelled. Allowed next: none.") {
		t.Errorf("a final campaign's refusal: %q", en)
	}
	notEnded := domain.Errorf(domain.ECONFLICT, "campaign.report.not_ended", "C-4", string(campaign.StatusPreparing))
	if en := New().For(English).Error(notEnded); !strings.Contains(en, "C-4 is in preparation") {
		t.Errorf("not ended: %q", en)
	}
}
