package view

import (
	"github.com/slack-go/slack"

	"storeops/bot/i18n"
	"storeops/domain/complaint"
	"storeops/domain/store"
)

// ComplaintForm is the modal of `/ops complaint new`. Every input has block_id = the
// domain's field name and action_id = InputAction, so that the handler reads the
// submission and the domain's problems land next to their fields.
func ComplaintForm(l i18n.Localizer, stores []store.Store, categories []string, metadata string) slack.ModalViewRequest {
	blocks := []slack.Block{
		complaintStoreInput(l, stores),
		textInput(l, complaint.FieldCustomer, l.T("view.complaint.form.hint.customer"), "", false, complaint.MaxCustomer, 0),
		optionalInput(textInput(l, complaint.FieldOrder, l.T("view.complaint.form.hint.order"), "", false, complaint.MaxOrderRef, 0)),
		complaintSelect(l, complaint.FieldCategory, categoryOptions(l, categories)),
		complaintSelect(l, complaint.FieldSeverity, severityOptions(l)),
		textInput(l, complaint.FieldDescription, l.T("view.complaint.form.hint.description"), "", true, complaint.MaxText, 0),
		textInput(l, complaint.FieldDemand, l.T("view.complaint.form.hint.demand"), "", true, complaint.MaxText, 0),
	}
	return modal(l, CallbackComplaintForm, l.T("view.complaint.form.title"), l.T("view.complaint.form.submit"), metadata, blocks)
}

func categoryOptions(l i18n.Localizer, categories []string) []*slack.OptionBlockObject {
	var out []*slack.OptionBlockObject
	for _, c := range categories {
		// A name longer than an option value may be is left out rather than cut: a cut
		// value would name no category.
		if len(out) == MaxSelectOptions || len(c) > MaxOptionValue {
			continue
		}
		out = append(out, slack.NewOptionBlockObject(c, plain(Cut(ComplaintCategory(l, c), MaxOptionText)), nil))
	}
	return out
}

func severityOptions(l i18n.Localizer) []*slack.OptionBlockObject {
	var out []*slack.OptionBlockObject
	for _, s := range complaint.Severities() {
		out = append(out, slack.NewOptionBlockObject(string(s), plain(Cut(l.T("complaint.severity."+string(s)), MaxOptionText)), nil))
	}
	return out
}

func complaintSelect(l i18n.Localizer, field string, options []*slack.OptionBlockObject) *slack.InputBlock {
	sel := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain(Cut(l.T("view.complaint.form.choose"), MaxPlaceholder)),
		InputAction, options...)
	return slack.NewInputBlock(field, plain(l.FieldLabel(field)), nil, sel)
}

// ComplaintResolveForm asks what was done and what the customer was told, both required.
func ComplaintResolveForm(l i18n.Localizer, c complaint.Card, metadata string) slack.ModalViewRequest {
	return modal(l, CallbackComplaintResolve, l.T("view.complaint.resolve.title", c.Ref()), l.T("view.complaint.resolve.submit"), metadata, []slack.Block{
		section(complaintSummary(l, c)),
		textInput(l, complaint.FieldResolution, l.T("view.complaint.resolve.hint.resolution"), "", true, complaint.MaxText, 0),
		textInput(l, complaint.FieldCustomerTold, l.T("view.complaint.resolve.hint.told"), "", true, complaint.MaxText, 0),
	})
}

// complaintStoreInput is a select of the stores, or a text input when there are none to
// choose from or more than a select can hold.
func complaintStoreInput(l i18n.Localizer, stores []store.Store) *slack.InputBlock {
	if len(stores) == 0 || len(stores) > MaxSelectOptions {
		return textInput(l, complaint.FieldStore, l.T("view.complaint.form.hint.store"), "", false, 0, 0)
	}
	options := make([]*slack.OptionBlockObject, 0, len(stores))
	for _, s := range stores {
		options = append(options, slack.NewOptionBlockObject(Cut(s.Code, MaxOptionValue), plain(Cut(storeLabel(l, s), MaxOptionText)), nil))
	}
	return complaintSelect(l, complaint.FieldStore, options)
}
