package i18n

import (
	"testing"

	"storeops/domain"
)

func TestMentionNamesActorsThatAreNotSlackUsers(t *testing.T) {
	en := New().For(English)
	cases := map[string]string{"U0ALICE": "<@U0ALICE>", "api:TM01": "the TM01 order API", domain.SystemUser: en.T("actor.system"), "": ""}
	for id, want := range cases {
		if got := en.Mention(id); got != want {
			t.Errorf("Mention(%q) = %q, want %q", id, got, want)
		}
	}
}
