package view

import (
	"github.com/slack-go/slack"

	"storeops/bot/i18n"
)

// modal is a form with its title and submit text (cut to Slack's limit), the shared cancel
// button, the metadata the submission carries back and its blocks.
func modal(l i18n.Localizer, callbackID, title, submit, metadata string, blocks []slack.Block) slack.ModalViewRequest {
	return slack.ModalViewRequest{
		Type:            slack.VTModal,
		CallbackID:      callbackID,
		Title:           plain(Cut(title, MaxModalTitle)),
		Submit:          plain(Cut(submit, MaxModalTitle)),
		Close:           plain(Cut(l.T("view.form.cancel"), MaxModalTitle)),
		PrivateMetadata: metadata,
		Blocks:          slack.Blocks{BlockSet: blocks},
	}
}
