package view

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/slack-go/slack"

	"storeops/bot/i18n"
	"storeops/domain/inquiry"
	"storeops/domain/store"
)

// Identifiers of the inquiry modal.
const CallbackInquiryForm = "inquiry.form"

// InquiryForm is the modal of a new inquiry. The owner is optional: whoever records it owns
// it unless another assistant is chosen.
func InquiryForm(l i18n.Localizer, stores []store.Store, metadata string) slack.ModalViewRequest {
	var platforms []*slack.OptionBlockObject
	for _, p := range store.Platforms() {
		platforms = append(platforms, slack.NewOptionBlockObject(p, plain(Cut(l.Platform(p), MaxOptionText)), nil))
	}
	platform := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain(Cut(l.T("view.inquiry.platform.placeholder"), MaxPlaceholder)),
		InputAction, platforms...)
	owner := slack.NewOptionsSelectBlockElement(slack.OptTypeUser, plain(Cut(l.T("view.inquiry.owner.placeholder"), MaxPlaceholder)), InputAction)
	blocks := []slack.Block{
		storeInput(l, stores, ""),
		textInput(l, inquiry.FieldCustomer, l.T("view.inquiry.hint.customer"), "", false, inquiry.MaxCustomer, 0),
		optionalInput(slack.NewInputBlock(inquiry.FieldPlatform, plain(l.FieldLabel(inquiry.FieldPlatform)),
			plain(l.T("view.inquiry.hint.platform")), platform)),
		optionalInput(textInput(l, inquiry.FieldOrder, l.T("view.inquiry.hint.order"), "", false, inquiry.MaxOrderRef, 0)),
		textInput(l, inquiry.FieldQuestion, l.T("view.inquiry.hint.question"), "", true, inquiry.MaxQuestion, 0),
		textInput(l, inquiry.FieldPromise, l.T("view.inquiry.hint.promise"), "", false, 32, 0),
		optionalInput(slack.NewInputBlock(inquiry.FieldOwner, plain(l.FieldLabel(inquiry.FieldOwner)),
			plain(l.T("view.inquiry.hint.owner")), owner)),
	}
	return modal(l, CallbackInquiryForm, l.T("view.inquiry.form.title"), l.T("view.inquiry.form.submit"), metadata, blocks)
}

// InquiryRef is how people name an inquiry: "#12".
func InquiryRef(id int64) string { return "#" + strconv.FormatInt(id, 10) }

// inquiryStatus names the state of an inquiry at now: open, overdue, answered (on time or
// late).
func inquiryStatus(l i18n.Localizer, q inquiry.Inquiry, now time.Time) string {
	switch {
	case q.Status == inquiry.StatusAnswered && q.OnTime:
		return l.T("view.inquiry.status.answered_on_time")
	case q.Status == inquiry.StatusAnswered:
		return l.T("view.inquiry.status.answered_late")
	case q.Overdue(now):
		return l.T("view.inquiry.status.overdue")
	}
	return l.T("view.inquiry.status.open")
}

// Inquiry shows one inquiry in full.
func Inquiry(l i18n.Localizer, q inquiry.Inquiry, now time.Time, tz *time.Location) []slack.Block {
	blocks := []slack.Block{
		header(l.T("view.inquiry.title", InquiryRef(q.ID), q.Customer)),
		contextBlock(bold(l, l.FieldLabel("status"), inquiryStatus(l, q, now)),
			bold(l, l.FieldLabel(inquiry.FieldOwner), l.Mention(q.Owner)),
			bold(l, l.FieldLabel(inquiry.FieldPromise), l.Time(q.PromisedAt, tz))),
	}
	meta := bold(l, l.FieldLabel(inquiry.FieldStore), value(q.StoreCode, maxLineValue)) + " · " +
		bold(l, l.FieldLabel(inquiry.FieldPlatform), value(l.Platform(q.Platform), maxLineValue))
	if q.OrderRef != "" {
		meta += " · " + bold(l, l.FieldLabel(inquiry.FieldOrder), value(q.OrderRef, maxLineValue))
	}
	meta += "\n" + bold(l, l.FieldLabel("created_at"), l.Time(q.AskedAt, tz)+" "+l.T("view.inquiry.by", l.Mention(q.RecordedBy)))
	blocks = append(blocks, section(meta),
		section(bold(l, l.FieldLabel(inquiry.FieldQuestion), value(q.Question, 2800))))
	if q.Status == inquiry.StatusAnswered {
		blocks = append(blocks,
			section(bold(l, l.FieldLabel(inquiry.FieldAnswer), value(q.Answer, 2800))),
			contextBlock(l.T("view.inquiry.answered_by", l.Mention(q.AnsweredBy), l.Time(q.AnsweredAt, tz))))
	}
	return blocks
}

// InquiryList shows inquiries one line each, with a hint when the list was cut.
func InquiryList(l i18n.Localizer, title string, list []inquiry.Inquiry, more bool, now time.Time, tz *time.Location) []slack.Block {
	blocks := []slack.Block{header(title)}
	if len(list) == 0 {
		return append(blocks, section(l.T("view.inquiry.list.none")))
	}
	lines := make([]string, 0, len(list))
	for _, q := range list {
		lines = append(lines, l.T("view.inquiry.list.line", InquiryRef(q.ID), value(q.StoreCode, 32), value(q.Customer, 80),
			l.Time(q.PromisedAt, tz), inquiryStatus(l, q, now), l.Mention(q.Owner), value(q.Question, 120)))
	}
	// The service caps a list at inquiry.MaxList; ten sections hold that many lines, and the
	// hint says when the text limit cut some.
	packed, left := packLines(lines, 10)
	blocks = append(blocks, packed...)
	if left > 0 || more {
		blocks = append(blocks, contextBlock(l.T("view.inquiry.list.more")))
	}
	return blocks
}

// dueClock is the promised time as the owner reads it: the clock time alone on the day of
// at, the date too otherwise.
func dueClock(l i18n.Localizer, promised, at time.Time, tz *time.Location) string {
	if promised.In(tz).Format("2006-01-02") == at.In(tz).Format("2006-01-02") {
		return promised.In(tz).Format("15:04")
	}
	return l.Time(promised, tz)
}

func inquiryNoticeBody(l i18n.Localizer, n inquiry.Notice) string {
	s := bold(l, l.FieldLabel(inquiry.FieldCustomer), value(n.Customer, maxLineValue)) + " · " +
		bold(l, l.FieldLabel(inquiry.FieldStore), value(n.Store, 32))
	if n.OrderRef != "" {
		s += " · " + bold(l, l.FieldLabel(inquiry.FieldOrder), value(n.OrderRef, 64))
	}
	return s + "\n" + bold(l, l.FieldLabel(inquiry.FieldQuestion), value(n.Question, 1500))
}

// InquiryReminder is the owner's DM at 80 % of the promised time.
func InquiryReminder(l i18n.Localizer, n inquiry.Notice, tz *time.Location) (string, []slack.Block) {
	text := l.T("view.inquiry.reminder", InquiryRef(n.ID), dueClock(l, n.PromisedAt, n.At, tz), n.MinutesLeft)
	return text, []slack.Block{section(text), section(inquiryNoticeBody(l, n)),
		contextBlock(escape(l.T("view.inquiry.answer_hint", n.ID)))}
}

// InquiryBreach is the owner's DM when the promise is broken.
func InquiryBreach(l i18n.Localizer, n inquiry.Notice, tz *time.Location) (string, []slack.Block) {
	text := l.T("view.inquiry.breach", InquiryRef(n.ID), dueClock(l, n.PromisedAt, n.At, tz))
	return text, []slack.Block{section(text), section(inquiryNoticeBody(l, n)),
		contextBlock(escape(l.T("view.inquiry.answer_hint", n.ID)))}
}

// InquiryBreachTeam tells the store's team channel that a promise is broken.
func InquiryBreachTeam(l i18n.Localizer, n inquiry.Notice, tz *time.Location) (string, []slack.Block) {
	text := l.T("view.inquiry.breach_team", InquiryRef(n.ID), l.Mention(n.Owner), dueClock(l, n.PromisedAt, n.At, tz))
	return text, []slack.Block{section(text), section(inquiryNoticeBody(l, n))}
}

// InquiryOutbox renders the inquiry templates of the outbox.
func InquiryOutbox(l i18n.Localizer, template string, payload json.RawMessage, tz *time.Location) (string, []slack.Block, error) {
	var n inquiry.Notice
	if err := json.Unmarshal(payload, &n); err != nil {
		return "", nil, fmt.Errorf("render %s: %w", template, err)
	}
	var text string
	var blocks []slack.Block
	switch template {
	case inquiry.TemplateReminder:
		text, blocks = InquiryReminder(l, n, tz)
	case inquiry.TemplateBreach:
		text, blocks = InquiryBreach(l, n, tz)
	default:
		text, blocks = InquiryBreachTeam(l, n, tz)
	}
	return text, blocks, nil
}
