package view

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"storeops/bot/i18n"
	"storeops/domain/listing"
	"storeops/domain/store"
)

const (
	maxCandidates = 45
	maxListLines  = 40
	maxLineValue  = 200
	// maxSKU mirrors the SKU pattern of domain/listing (a first character and 63 more).
	maxSKU = 64
)

// DelistCandidates offers an owner the listings the scan flagged, one section per listing
// with its own "Request delisting" button.
func DelistCandidates(l i18n.Localizer, cl listing.CandidateList) (string, []slack.Block) {
	n := len(cl.Candidates)
	text := l.T("view.delist.text", n)
	if n == 0 {
		return text, []slack.Block{section(l.T("view.delist.none"))}
	}
	blocks := []slack.Block{section(l.T("view.delist.intro", n, cl.Days))}
	for i, c := range cl.Candidates {
		if i == maxCandidates {
			blocks = append(blocks, contextBlock(l.T("view.delist.more", n-i)))
			break
		}
		body := "*" + value(c.Ref, maxLineValue) + "* " + value(c.Title, maxLineValue) + "\n" +
			bold(l, l.FieldLabel(listing.FieldStock), strconv.Itoa(c.Stock)) + " · " + delistWhy(l, c)
		button := slack.NewButtonBlockElement(ActionRequestDelist, Cut(DelistValue(c.ListingID, c.Reason), MaxButtonValue),
			plain(Cut(l.T("view.delist.button"), MaxButtonText)))
		blocks = append(blocks, slack.NewSectionBlock(mrkdwn(cutMrkdwn(body, MaxSectionText)), nil, slack.NewAccessory(button)))
	}
	return text, blocks
}

func delistWhy(l i18n.Localizer, c listing.Candidate) string {
	switch c.Reason {
	case listing.ReasonSoldOut:
		return l.T("view.delist.sold_out")
	case listing.ReasonSlowMoving:
		return l.T("view.delist.slow_moving", c.IdleDays)
	}
	return value(c.Reason, maxLineValue)
}

// Listing shows one listing in full. A major change waiting for approval is shown beside the
// value it would replace, since the listing keeps its current values until then.
func Listing(l i18n.Localizer, x listing.Listing, tz *time.Location) []slack.Block {
	blocks := []slack.Block{header(x.Ref() + " " + x.Title)}
	meta := []string{bold(l, l.FieldLabel("status"), escape(l.Status(x.Status)))}
	if x.Owner != "" {
		meta = append(meta, bold(l, l.FieldLabel("owner"), l.Mention(x.Owner)))
	}
	if t := l.Time(x.UpdatedAt, tz); t != "" {
		meta = append(meta, bold(l, l.FieldLabel("updated_at"), t))
	}
	blocks = append(blocks, contextBlock(meta...))

	var pendingTitle, pendingCategory, pendingPrice *string
	if p := x.Pending; p != nil {
		pendingTitle, pendingCategory = p.Title, p.Category
		if p.Price != nil {
			s := p.Price.String()
			pendingPrice = &s
		}
	}
	field := func(name, v string, pending *string) *slack.TextBlockObject {
		shown := value(v, 900)
		if pending != nil {
			shown = l.T("view.listing.pending", shown, value(*pending, 900))
		}
		return mrkdwn(cutMrkdwn("*"+escape(l.FieldLabel(name))+"*\n"+shown, MaxFieldText))
	}
	fields := []*slack.TextBlockObject{
		field(listing.FieldStore, x.StoreCode, nil),
		field(listing.FieldSKU, x.SKU, nil),
		field(listing.FieldTitle, x.Title, pendingTitle),
		field(listing.FieldCategory, x.Category, pendingCategory),
		field(listing.FieldPrice, x.Price.String(), pendingPrice),
	}
	// Most listings have no floor; the card names one only when it is set.
	if x.FloorPrice > 0 {
		fields = append(fields, field(listing.FieldFloorPrice, x.FloorPrice.String(), nil))
	}
	fields = append(fields,
		field(listing.FieldStock, strconv.Itoa(x.Stock), nil),
		field(listing.FieldKeywords, strings.Join(x.Keywords, l.T("list.separator")), nil))
	if t := l.Time(x.LiveSince, tz); t != "" {
		fields = append(fields, field("live_since", t, nil))
	}
	if t := l.Time(x.LastSaleAt, tz); t != "" {
		fields = append(fields, field("last_sale", t, nil))
	}
	blocks = append(blocks, slack.NewSectionBlock(nil, fields, nil))
	blocks = append(blocks,
		section("*"+escape(l.FieldLabel(listing.FieldImages))+"*\n"+value(strings.Join(x.Images, "\n"), MaxSectionText)),
		section("*"+escape(l.FieldLabel(listing.FieldDescription))+"*\n"+value(x.Description, MaxSectionText)))
	if x.Status == listing.StatusDraft && strings.TrimSpace(x.RejectReason) != "" {
		blocks = append(blocks, section(bold(l, l.FieldLabel("reject_reason"), value(x.RejectReason, maxReason))))
	}
	switch {
	case x.Pending != nil:
		blocks = append(blocks, contextBlock(l.T("view.listing.pending_note", x.ApprovalID,
			nonEmpty(l.Mention(x.Pending.RequestedBy)), nonEmpty(l.Time(x.Pending.RequestedAt, tz)))))
	case x.ApprovalID != 0:
		blocks = append(blocks, contextBlock(l.T("view.listing.awaiting", x.ApprovalID)))
	}
	return blocks
}

// ListingList is one compact line per listing, summarised past the first few dozen so that
// a store with thousands of listings still fits one message.
func ListingList(l i18n.Localizer, xs []listing.Listing, status listing.Status) []slack.Block {
	var title string
	if status == "" {
		title = l.T("view.list.title", len(xs))
	} else {
		title = l.T("view.list.title.status", l.Status(status), len(xs))
	}
	blocks := []slack.Block{header(title)}
	if len(xs) == 0 {
		if status == "" {
			return append(blocks, section(l.T("view.list.empty")))
		}
		return append(blocks, section(l.T("view.list.empty.status", escape(l.Status(status)))))
	}
	var lines []string
	for i, x := range xs {
		if i == maxListLines {
			break
		}
		line := "• `" + value(x.Ref(), maxLineValue) + "` " + value(x.Title, maxLineValue) + " — " +
			x.Price.String() + " · " + l.T("view.list.stock", x.Stock)
		if status == "" {
			line += " · " + escape(l.Status(x.Status))
		}
		lines = append(lines, line)
	}
	packed, dropped := packLines(lines, MaxMessageBlocks-3)
	blocks = append(blocks, packed...)
	if rest := len(xs) - len(lines) + dropped; rest > 0 {
		blocks = append(blocks, contextBlock(l.T("view.list.more", rest)))
	}
	return blocks
}

// UpdateResult says what an update did: what applied at once, and what waits for approval
// under which request.
func UpdateResult(l i18n.Localizer, r listing.UpdateResult) string {
	ref := escape(r.Listing.Ref())
	if len(r.Applied) == 0 && len(r.Held) == 0 {
		return l.T("view.update.nothing", ref)
	}
	var b strings.Builder
	write := func(head string, cs []listing.FieldChange) {
		if len(cs) == 0 {
			return
		}
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString(head)
		for _, c := range cs {
			b.WriteString("\n" + changeLine(l, l.FieldLabel(c.Field), c.Before, c.After))
		}
	}
	write(l.T("view.update.applied", ref), r.Applied)
	write(l.T("view.update.held", r.ApprovalID), r.Held)
	return cutMrkdwn(b.String(), MaxSectionText)
}

// changeLine is "• Price: 100.00 → 150.00" with both values cut to a line's worth.
func changeLine(l i18n.Localizer, label, before, after string) string {
	flat := func(s string) string { return value(strings.Join(strings.Fields(s), " "), maxLineValue) }
	return "• " + bold(l, label, flat(before)+" → "+flat(after))
}

// ListingForm is the modal for a new listing or an edit. When editing an existing listing,
// store and SKU identify it and are shown, not asked for. Every input has block_id = the
// field name and action_id = InputAction, which is how the handler reads the submission and
// places the domain's problems next to their fields.
func ListingForm(l i18n.Localizer, stores []store.Store, in listing.Input, editing bool, metadata string) slack.ModalViewRequest {
	var blocks []slack.Block
	if editing {
		storeText := in.Store
		for _, s := range stores {
			if strings.EqualFold(s.Code, in.Store) {
				storeText = storeLabel(l, s)
			}
		}
		blocks = append(blocks,
			section(bold(l, l.FieldLabel(listing.FieldStore), value(storeText, maxLineValue))+"\n"+
				bold(l, l.FieldLabel(listing.FieldSKU), value(in.SKU, maxLineValue))),
			contextBlock(l.T("view.form.edit.note")))
	} else {
		blocks = append(blocks,
			storeInput(l, stores, in.Store),
			textInput(l, listing.FieldSKU, l.T("view.form.hint.sku", maxSKU), in.SKU, false, maxSKU, 0))
	}
	blocks = append(blocks,
		textInput(l, listing.FieldTitle, l.T("view.form.hint.title", listing.MaxTitle), in.Title, false, listing.MaxTitle, 0),
		textInput(l, listing.FieldCategory, l.T("view.form.hint.category", listing.MaxCategory), in.Category, false, listing.MaxCategory, 0),
		textInput(l, listing.FieldKeywords, l.T("view.form.hint.keywords", listing.MaxKeywords, listing.MaxKeyword), in.Keywords, true, 0, 0),
		textInput(l, listing.FieldPrice, l.T("view.form.hint.price", listing.MaxPrice.String()), in.Price, false, 0, 0),
		optionalInput(textInput(l, listing.FieldFloorPrice, l.T("view.form.hint.floor_price"), in.FloorPrice, false, 0, 0)),
		textInput(l, listing.FieldStock, l.T("view.form.hint.stock", listing.MaxStock), in.Stock, false, 0, 0),
		textInput(l, listing.FieldImages, l.T("view.form.hint.images", listing.MaxImages), in.Images, true, 0, 0))
	descHint := l.T("view.form.hint.description", listing.MinDescription, listing.MaxDescription)
	if utf8.RuneCountInString(in.Description) > MaxInputLength {
		descHint += " " + l.T("view.form.hint.description_cut", MaxInputLength)
	}
	blocks = append(blocks, textInput(l, listing.FieldDescription, descHint, in.Description, true,
		min(listing.MaxDescription, MaxInputLength), listing.MinDescription))

	title := "view.form.new.title"
	if editing {
		title = "view.form.edit.title"
	}
	return modal(l, CallbackListingForm, l.T(title), l.T("view.form.submit"), metadata, blocks)
}

// storeLabel is "CODE — Name (platform)".
func storeLabel(l i18n.Localizer, s store.Store) string {
	return fmt.Sprintf("%s — %s (%s)", s.Code, s.Name, l.Platform(s.Platform))
}

// storeInput is a select of the stores, or a text input when there are none to choose from
// or more than a select can hold.
func storeInput(l i18n.Localizer, stores []store.Store, current string) *slack.InputBlock {
	if len(stores) == 0 || len(stores) > MaxSelectOptions {
		hint := l.T("view.form.hint.store")
		if len(stores) == 0 {
			hint = l.T("view.form.hint.store_none")
		}
		return textInput(l, listing.FieldStore, hint, current, false, 0, 0)
	}
	var options []*slack.OptionBlockObject
	var initial *slack.OptionBlockObject
	for _, s := range stores {
		o := slack.NewOptionBlockObject(Cut(s.Code, MaxOptionValue), plain(Cut(storeLabel(l, s), MaxOptionText)), nil)
		options = append(options, o)
		if current != "" && strings.EqualFold(s.Code, strings.TrimSpace(current)) {
			initial = o
		}
	}
	sel := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain(Cut(l.T("view.form.store.placeholder"), MaxPlaceholder)),
		InputAction, options...)
	if initial != nil {
		sel = sel.WithInitialOption(initial)
	}
	return slack.NewInputBlock(listing.FieldStore, plain(l.FieldLabel(listing.FieldStore)), plain(l.T("view.form.hint.store")), sel)
}

// optionalInput lets Slack submit the form with the input empty; the submission then has no
// value for it (or an empty one), which the domain reads as "none".
func optionalInput(in *slack.InputBlock) *slack.InputBlock {
	in.Optional = true
	return in
}

// textInput is one field of a form. maxLen is the domain's limit (0: none): Slack enforces
// it while typing, but a value already longer (typed before, or prefilled) is kept whole
// and left for the check to report, since Slack refuses a view whose initial value exceeds
// max_length. Only Slack's own ceiling cuts a value.
func textInput(l i18n.Localizer, field, hint, initial string, multiline bool, maxLen, minLen int) *slack.InputBlock {
	initial = Cut(initial, MaxInputLength)
	if n := utf8.RuneCountInString(initial); maxLen > 0 && n > maxLen {
		maxLen = n
	}
	el := slack.NewPlainTextInputBlockElement(nil, InputAction).WithMultiline(multiline).WithInitialValue(initial)
	if maxLen > 0 {
		el = el.WithMaxLength(min(maxLen, MaxInputLength))
	}
	if minLen > 0 {
		el = el.WithMinLength(minLen)
	}
	return slack.NewInputBlock(field, plain(l.FieldLabel(field)), plain(Cut(hint, MaxInputLabel)), el)
}
