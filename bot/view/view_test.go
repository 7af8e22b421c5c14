package view

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"storeops/bot/i18n"
	"storeops/domain"
	"storeops/domain/access"
	"storeops/domain/approval"
	"storeops/domain/audit"
	"storeops/domain/listing"
	"storeops/domain/store"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

type message struct {
	Text   string       `json:"text,omitempty"`
	Blocks slack.Blocks `json:"blocks"`
}

func msg(text string, blocks []slack.Block) message {
	return message{Text: text, Blocks: slack.Blocks{BlockSet: blocks}}
}

// golden compares v as indented JSON with testdata/name.golden; -update rewrites the file.
func golden(t *testing.T, name string, v any) {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // keep <@U1> and &amp; readable in the diff
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	got := buf.Bytes()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./bot/view -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; if the change is intended, run go test ./bot/view -update and review the diff\n got:\n%s", path, got)
	}
}

func TestGolden(t *testing.T) {
	l := en()
	zh := i18n.New().For("zh")
	text, blocks := ApprovalCard(l, pendingCard(), cst)
	golden(t, "approval_card_pending", msg(text, blocks))
	text, blocks = ApprovalCard(zh, pendingCard(), cst)
	golden(t, "approval_card_pending_zh", msg(text, blocks))
	text, blocks = ApprovalCard(l, rejectedCard(), cst)
	golden(t, "approval_card_rejected", msg(text, blocks))
	in := listing.Input{Store: "tm01", SKU: "SKU-1", Title: "Red mug"}
	golden(t, "listing_form_new", ListingForm(l, stores(), in, false, `{"mode":"new"}`))
	golden(t, "listing_form_edit", ListingForm(l, stores(), listing.InputOf(liveListing()), true, `{"mode":"edit","id":7}`))
	text, blocks = DelistCandidates(l, candidates())
	golden(t, "delist_candidates", msg(text, blocks))
	golden(t, "help", msg("", Help(l, helpEntries(), "")))
}

// everyView renders each view of l with ordinary data, for the checks that apply to all.
func everyView(l i18n.Localizer) map[string]any {
	out := map[string]any{}
	add := func(name, text string, blocks []slack.Block) { out[name] = msg(text, blocks) }
	for name, c := range map[string]approval.Card{"pending": pendingCard(), "rejected": rejectedCard(),
		"approved": approvedCard(), "votes": multiVoteCard()} {
		text, blocks := ApprovalCard(l, c, cst)
		add("card/"+name, text, blocks)
		text, blocks = ApprovalDecided(l, c, cst)
		add("decided/"+name, text, blocks)
		text, blocks = ApprovalReminder(l, c, cst)
		add("reminder/"+name, text, blocks)
		out["reject/"+name] = RejectForm(l, c, "12")
	}
	text, blocks := NoApprovers(l, pendingCard())
	add("no_approvers", text, blocks)
	text, blocks = DelistCandidates(l, candidates())
	add("delist", text, blocks)
	text, blocks = DelistCandidates(l, listing.CandidateList{Owner: "U1", Days: 30})
	add("delist/none", text, blocks)
	add("help", "", Help(l, helpEntries(), ""))
	add("help/listing", "", Help(l, helpEntries(), "LISTING"))
	add("help/unknown", "", Help(l, helpEntries(), "nope"))
	pending := liveListing()
	newTitle, newPrice := "Crimson mug", domain.Money(15000)
	pending.Pending = &listing.Change{Title: &newTitle, Price: &newPrice, RequestedBy: "U1", RequestedAt: t0}
	pending.ApprovalID = 13
	draft := liveListing()
	draft.Status, draft.RejectReason = listing.StatusDraft, "Blurry photos"
	add("listing/live", "", Listing(l, liveListing(), cst))
	add("listing/pending", "", Listing(l, pending, cst))
	add("listing/draft", "", Listing(l, draft, cst))
	add("listings", "", ListingList(l, []listing.Listing{liveListing(), draft}, ""))
	add("listings/live", "", ListingList(l, []listing.Listing{liveListing()}, listing.StatusLive))
	add("listings/empty", "", ListingList(l, nil, listing.StatusDelisted))
	add("update", UpdateResult(l, listing.UpdateResult{Listing: liveListing(), ApprovalID: 13,
		Applied: []listing.FieldChange{{Field: "stock", Before: "20", After: "30"}},
		Held:    []listing.FieldChange{{Field: "price", Before: "129.00", After: "199.00"}}}), nil)
	add("update/nothing", UpdateResult(l, listing.UpdateResult{Listing: liveListing()}), nil)
	add("approvals", "", ApprovalList(l, []approval.Card{pendingCard(), multiVoteCard()}, cst))
	add("approvals/empty", "", ApprovalList(l, nil, cst))
	add("history", "", History(l, "TM01/SKU-1", historyEntries(), cst))
	add("history/empty", "", History(l, "TM01/SKU-1", nil, cst))
	add("roles", "", Roles(l, grants()))
	add("roles/empty", "", Roles(l, nil))
	add("whoami", Whoami(l, domain.Actor{UserID: "U1", Roles: []domain.Role{domain.RoleSupervisor, domain.RoleAssistant}}), nil)
	add("whoami/none", Whoami(l, domain.Actor{UserID: "U1"}), nil)
	add("stores", "", Stores(l, stores()))
	add("stores/empty", "", Stores(l, nil))
	out["form/new"] = ListingForm(l, stores(), listing.Input{}, false, "m")
	out["form/new_nostores"] = ListingForm(l, nil, listing.Input{}, false, "m")
	out["form/edit"] = ListingForm(l, stores(), listing.InputOf(liveListing()), true, "m")
	return out
}

// rawKey matches what a catalog key looks like, to catch a key shown instead of its text.
var rawKey = regexp.MustCompile(`\b(view|field|action|status|kind|role|error|listing|approval|help|platform|store|list|actor)\.[a-z_]+`)

// texts collects every text a person reads in a rendered view: text objects, plain strings.
func texts(v any) []string {
	raw, _ := json.Marshal(v)
	var tree any
	_ = json.Unmarshal(raw, &tree)
	var out []string
	var walk func(any)
	walk = func(n any) {
		switch n := n.(type) {
		case map[string]any:
			for k, c := range n {
				if s, ok := c.(string); ok && k == "text" {
					out = append(out, s)
				}
				walk(c)
			}
		case []any:
			for _, c := range n {
				walk(c)
			}
		}
	}
	walk(tree)
	return out
}

func TestNoRawKeys(t *testing.T) {
	for loc, l := range localizers() {
		for name, v := range everyView(l) {
			for _, s := range texts(v) {
				if m := rawKey.FindString(s); m != "" || strings.Contains(s, "%!") {
					t.Errorf("%s %s shows %q in %q", loc, name, m, s)
				}
			}
		}
	}
}

func TestChineseHasNoEnglishLabels(t *testing.T) {
	l := i18n.New().For("zh")
	for name, v := range everyView(l) {
		for _, s := range texts(v) {
			for _, w := range []string{"Requested by", "Approve", "Reject", "Price", "Stock", "Due ", "Cancel"} {
				if strings.Contains(s, w) {
					t.Errorf("zh %s shows English %q in %q", name, w, s)
				}
			}
		}
	}
}

func check(t *testing.T, name string, v any) {
	t.Helper()
	var err error
	switch v := v.(type) {
	case message:
		err = CheckMessage(v.Blocks.BlockSet)
		if n := utf8.RuneCountInString(v.Text); n > 4000 {
			t.Errorf("%s: text of %d characters", name, n)
		}
	case slack.ModalViewRequest:
		err = CheckModal(v)
	default:
		t.Fatalf("%s: %T", name, v)
	}
	if err != nil {
		t.Errorf("%s breaks Slack's limits:\n%v", name, err)
	}
}

func TestEveryViewWithinLimits(t *testing.T) {
	for loc, l := range localizers() {
		for name, v := range everyView(l) {
			check(t, loc+" "+name, v)
		}
	}
}

func TestHugeInputsWithinLimits(t *testing.T) {
	for loc, l := range localizers() {
		views := map[string]any{}
		add := func(name, text string, blocks []slack.Block) { views[name] = msg(text, blocks) }
		for _, s := range []approval.Status{approval.StatusPending, approval.StatusRejected, approval.StatusApproved, approval.StatusExpired} {
			c := hugeCard(s)
			text, blocks := ApprovalCard(l, c, cst)
			add("card/"+string(s), text, blocks)
			text, blocks = ApprovalDecided(l, c, cst)
			add("decided/"+string(s), text, blocks)
			text, blocks = ApprovalReminder(l, c, cst)
			add("reminder/"+string(s), text, blocks)
			text, blocks = NoApprovers(l, c)
			add("no_approvers/"+string(s), text, blocks)
			views["reject/"+string(s)] = RejectForm(l, c, "12:3")
		}
		var cards []approval.Card
		var cl listing.CandidateList
		var entries []HelpEntry
		var hist []audit.Entry
		var gs []access.Grant
		var ss []store.Store
		// The items share their big strings: what matters is their number and size, not
		// that each is a fresh copy.
		card := hugeCard(approval.StatusPending)
		before, after := map[string]any{}, map[string]any{}
		for f := range 20 {
			before[big(10)+string(rune('a'+f))], after[big(10)+string(rune('a'+f))] = big(3_000), big(2_000)
		}
		b, _ := json.Marshal(before)
		a, _ := json.Marshal(after)
		for i := range 500 {
			cards = append(cards, card)
			cards[i].ID = int64(i + 1)
			cl.Candidates = append(cl.Candidates, listing.Candidate{ListingID: int64(i), Ref: big(300), Title: big(10_000),
				Stock: i, Reason: []string{listing.ReasonSoldOut, listing.ReasonSlowMoving, big(100)}[i%3], IdleDays: i})
			entries = append(entries, HelpEntry{Area: []string{"listing", "role", big(200)}[i%3], Usage: big(500), Summary: big(2_000)})
			hist = append(hist, audit.Entry{At: t0, Actor: big(50), Action: big(300), Before: b, After: a})
			gs = append(gs, access.Grant{UserID: "U" + strings.Repeat("X", 20), Role: domain.Role([]string{"admin", "hr", big(300)}[i%3])})
			ss = append(ss, store.Store{Code: big(100), Name: big(10_000), Platform: big(100)})
		}
		text, blocks := DelistCandidates(l, cl)
		add("delist", text, blocks)
		add("approvals", "", ApprovalList(l, cards, cst))
		add("help", "", Help(l, entries, ""))
		add("help/area", "", Help(l, entries, "listing"))
		add("history", "", History(l, big(10_000), hist, cst))
		add("roles", "", Roles(l, gs))
		add("stores", "", Stores(l, ss))
		add("listing", "", Listing(l, hugeListing(), cst))
		xs := hugeListings(500)
		add("listings", "", ListingList(l, xs, ""))
		add("listings/live", "", ListingList(l, xs, listing.StatusLive))
		var changes []listing.FieldChange
		for range 50 {
			changes = append(changes, listing.FieldChange{Field: big(100), Before: big(10_000), After: big(10_000)})
		}
		add("update", UpdateResult(l, listing.UpdateResult{Listing: hugeListing(), Applied: changes, Held: changes, ApprovalID: 1}), nil)
		add("whoami", Whoami(l, domain.Actor{UserID: big(100), Roles: []domain.Role{domain.Role(big(5000))}}), nil)
		hugeIn := listing.Input{Store: big(500), SKU: big(5_000), Title: big(10_000), Category: big(10_000), Keywords: big(10_000),
			Price: big(5_000), Stock: big(5_000), Images: big(10_000), Description: big(10_000)}
		views["form/new/500 stores"] = ListingForm(l, ss, hugeIn, false, "m")
		views["form/new/100 stores"] = ListingForm(l, ss[:100], hugeIn, false, "m")
		views["form/edit"] = ListingForm(l, ss[:50], hugeIn, true, strings.Repeat("m", MaxPrivateMetadata))
		for name, v := range views {
			check(t, loc+" huge "+name, v)
		}
	}
}

func actionBlocks(blocks []slack.Block) []*slack.ActionBlock {
	var out []*slack.ActionBlock
	for _, b := range blocks {
		if a, ok := b.(*slack.ActionBlock); ok {
			out = append(out, a)
		}
	}
	return out
}

func TestApprovalCardButtons(t *testing.T) {
	_, blocks := ApprovalCard(en(), pendingCard(), cst)
	acts := actionBlocks(blocks)
	if len(acts) != 1 {
		t.Fatalf("pending card has %d actions blocks, want 1", len(acts))
	}
	if acts[0].BlockID != "approval:12" {
		t.Errorf("block_id = %q", acts[0].BlockID)
	}
	var got [][3]string
	for _, e := range acts[0].Elements.ElementSet {
		b := e.(*slack.ButtonBlockElement)
		got = append(got, [3]string{b.ActionID, b.Value, string(b.Style)})
	}
	want := [][3]string{{"approval.approve", "12:1", "primary"}, {"approval.reject", "12:1", "danger"}}
	if !slices.Equal(got, want) {
		t.Errorf("buttons = %v, want %v", got, want)
	}
	for _, c := range []approval.Card{rejectedCard(), approvedCard(), hugeCard(approval.StatusExpired)} {
		for _, render := range []func(i18n.Localizer, approval.Card, *time.Location) (string, []slack.Block){ApprovalCard, ApprovalReminder} {
			if _, blocks := render(en(), c, cst); len(actionBlocks(blocks)) != 0 {
				t.Errorf("%s card still has buttons", c.Status)
			}
		}
	}
	_, blocks = ApprovalReminder(en(), pendingCard(), cst)
	if len(actionBlocks(blocks)) != 1 {
		t.Error("reminder lacks the card's buttons")
	}
}

func joined(v any) string { return strings.Join(texts(v), "\n") }

func TestApprovalTexts(t *testing.T) {
	l, zh := en(), i18n.New().For("zh")
	for _, tc := range []struct {
		name string
		got  string
		want []string
	}{
		{"pending", joined(msg(ApprovalCard(l, pendingCard(), cst))), []string{"New listing: TM01/SKU-1 Red mug", "Requested by <@U1> on 2026-11-29 14:05", "Due 2026-11-30 14:05", "*Price*\n129.00", "Dishwasher &amp; microwave"}},
		{"rejected", joined(msg(ApprovalCard(l, rejectedCard(), cst))), []string{"❌ Rejected by <@U2> on 2026-11-29 16:05", "*Reason:* Photos are blurry"}},
		{"approved", joined(msg(ApprovalCard(l, approvedCard(), cst))), []string{"✅ Approved by <@U2> on 2026-11-29 15:05"}},
		{"votes", joined(msg(ApprovalCard(l, multiVoteCard(), cst))), []string{"Approvals so far: 1 of 2 (<@U2>)", "*Note:* Supplier raised the cost."}},
		{"decided approved", joined(msg(ApprovalDecided(l, approvedCard(), cst))), []string{"Your new listing TM01/SKU-1 Red mug was approved by <@U2>.", "The listing is live now."}},
		{"decided rejected", joined(msg(ApprovalDecided(l, rejectedCard(), cst))), []string{"Your new listing TM01/SKU-1 Red mug was rejected by <@U2>.", "*Reason:* Photos are blurry", "back in draft"}},
		{"decided zh", joined(msg(ApprovalDecided(zh, approvedCard(), cst))), []string{"你的新品上架申请「TM01/SKU-1 Red mug」已由 <@U2> 批准。"}},
		{"reminder", joined(msg(ApprovalReminder(l, pendingCard(), cst))), []string{"Waiting for your decision since 2026-11-29 14:05"}},
		{"no approvers", joined(msg(NoApprovers(l, pendingCard()))), []string{"Nobody can decide your new listing TM01/SKU-1 Red mug yet"}},
		{"zh card", joined(msg(ApprovalCard(zh, pendingCard(), cst))), []string{"新品上架：TM01/SKU-1 Red mug", "<@U1> 于 2026-11-29 14:05 提交", "*价格*\n129.00"}},
	} {
		for _, w := range tc.want {
			if !strings.Contains(tc.got, w) {
				t.Errorf("%s: %q lacks %q", tc.name, tc.got, w)
			}
		}
	}
}

// mrkdwnTexts are the texts Slack parses for mentions and links: mrkdwn text objects.
// (plain_text is shown as it is, so it needs no escaping.)
func mrkdwnTexts(v any) []string {
	raw, _ := json.Marshal(v)
	var tree any
	_ = json.Unmarshal(raw, &tree)
	var out []string
	var walk func(any)
	walk = func(n any) {
		switch n := n.(type) {
		case map[string]any:
			if n["type"] == slack.MarkdownType {
				out = append(out, n["text"].(string))
			}
			for _, c := range n {
				walk(c)
			}
		case []any:
			for _, c := range n {
				walk(c)
			}
		}
	}
	walk(tree)
	return out
}

func TestUserDataIsEscaped(t *testing.T) {
	c := pendingCard()
	c.Title = "<!channel> & <https://evil.example|click>"
	c.Details = append(c.Details, approval.Field{Label: "field.reason", Value: "<@U999>"})
	c.Status, c.Reason, c.DecidedBy = approval.StatusRejected, "<!here>", "U2"
	x := liveListing()
	x.Title, x.Description = c.Title, "<!here>"
	for name, m := range map[string]message{
		"card":       msg(ApprovalCard(en(), c, cst)),
		"decided":    msg(ApprovalDecided(en(), c, cst)),
		"listing":    msg("", Listing(en(), x, cst)),
		"list":       msg("", ListingList(en(), []listing.Listing{x}, "")),
		"candidates": msg(DelistCandidates(en(), listing.CandidateList{Candidates: []listing.Candidate{{Ref: "a", Title: c.Title}}})),
	} {
		all := m.Text + "\n" + strings.Join(mrkdwnTexts(m), "\n")
		for _, bad := range []string{"<!channel>", "<!here>", "<https://evil", "<@U999>"} {
			if strings.Contains(all, bad) {
				t.Errorf("%s: %q reaches Slack unescaped", name, bad)
			}
		}
		if !strings.Contains(all, "&lt;!") {
			t.Errorf("%s: escaped text missing in %q", name, all)
		}
	}
}

func TestDelistCandidates(t *testing.T) {
	text, blocks := DelistCandidates(en(), candidates())
	if text != "2 listings may need delisting" {
		t.Errorf("text = %q", text)
	}
	var values []string
	for _, b := range blocks {
		if s, ok := b.(*slack.SectionBlock); ok && s.Accessory != nil {
			btn := s.Accessory.ButtonElement
			if btn.ActionID != ActionRequestDelist {
				t.Errorf("action_id = %q", btn.ActionID)
			}
			values = append(values, btn.Value)
		}
	}
	if want := []string{"7:sold_out", "8:slow_moving"}; !slices.Equal(values, want) {
		t.Errorf("values = %v, want %v", values, want)
	}
	var cl listing.CandidateList
	for i := range 100 {
		cl.Candidates = append(cl.Candidates, listing.Candidate{ListingID: int64(i), Ref: "S/K", Title: "t", Reason: listing.ReasonSoldOut})
	}
	_, blocks = DelistCandidates(en(), cl)
	buttons := 0
	for _, b := range blocks {
		if s, ok := b.(*slack.SectionBlock); ok && s.Accessory != nil {
			buttons++
		}
	}
	if buttons != 45 || !strings.Contains(joined(msg("", blocks)), "…and 55 more — see `/ops listing list live`") {
		t.Errorf("%d buttons; %s", buttons, joined(msg("", blocks)))
	}
}

func inputs(v slack.ModalViewRequest) map[string]*slack.InputBlock {
	out := map[string]*slack.InputBlock{}
	for _, b := range v.Blocks.BlockSet {
		if in, ok := b.(*slack.InputBlock); ok {
			out[in.BlockID] = in
		}
	}
	return out
}

func TestListingForm(t *testing.T) {
	for loc, l := range localizers() {
		v := ListingForm(l, stores(), listing.Input{Store: "jd01", Description: "hello"}, false, `{"mode":"new"}`)
		if v.CallbackID != "listing.form" || v.PrivateMetadata != `{"mode":"new"}` || v.Type != slack.VTModal {
			t.Errorf("%s: callback %q metadata %q", loc, v.CallbackID, v.PrivateMetadata)
		}
		var ids []string
		for _, b := range v.Blocks.BlockSet {
			if in, ok := b.(*slack.InputBlock); ok {
				ids = append(ids, in.BlockID)
			}
		}
		if !slices.Equal(ids, listing.Fields()) {
			t.Errorf("%s: input blocks %v, want %v", loc, ids, listing.Fields())
		}
		ins := inputs(v)
		sel, ok := ins["store"].Element.(*slack.SelectBlockElement)
		if !ok || sel.Type != slack.OptTypeStatic {
			t.Fatalf("%s: store is %T", loc, ins["store"].Element)
		}
		if sel.InitialOption == nil || sel.InitialOption.Value != "JD01" || len(sel.Options) != 2 {
			t.Errorf("%s: store select %+v", loc, sel)
		}
		if got := sel.Options[0].Text.Text; loc == "en" && got != "TM01 — Tmall flagship (Tmall)" {
			t.Errorf("option text %q", got)
		}
		for f, in := range ins {
			// Only the floor price may be left empty: Slack itself asks for the others.
			if in.Optional != (f == listing.FieldFloorPrice) {
				t.Errorf("%s: %s optional = %v", loc, f, in.Optional)
			}
			if f == "store" {
				continue
			}
			el := in.Element.(*slack.PlainTextInputBlockElement)
			if el.ActionID != InputAction {
				t.Errorf("%s: %s action_id %q", loc, f, el.ActionID)
			}
			multi := f == "keywords" || f == "images" || f == "description"
			if el.Multiline != multi {
				t.Errorf("%s: %s multiline = %v", loc, f, el.Multiline)
			}
			if in.Hint == nil || in.Hint.Text == "" {
				t.Errorf("%s: %s has no hint", loc, f)
			}
		}
		if got := inputs(v)["title"].Element.(*slack.PlainTextInputBlockElement).MaxLength; got != listing.MaxTitle {
			t.Errorf("title max_length = %d", got)
		}

		edit := ListingForm(l, stores(), listing.InputOf(liveListing()), true, "m")
		ins = inputs(edit)
		if _, ok := ins["store"]; ok {
			t.Errorf("%s: edit form asks for the store", loc)
		}
		if _, ok := ins["sku"]; ok {
			t.Errorf("%s: edit form asks for the SKU", loc)
		}
		if len(ins) != len(listing.Fields())-2 {
			t.Errorf("%s: edit form has %d inputs", loc, len(ins))
		}
		if all := joined(edit); !strings.Contains(all, "SKU-1") || !strings.Contains(all, "TM01") {
			t.Errorf("%s: edit form does not show store and SKU: %s", loc, all)
		}
		if got := ins["price"].Element.(*slack.PlainTextInputBlockElement).InitialValue; got != "129.00" {
			t.Errorf("%s: price initial %q", loc, got)
		}
		if got := ins["floor_price"].Element.(*slack.PlainTextInputBlockElement).InitialValue; got != "99.00" {
			t.Errorf("%s: floor price initial %q", loc, got)
		}
		noFloor := liveListing()
		noFloor.FloorPrice = 0
		if got := inputs(ListingForm(l, stores(), listing.InputOf(noFloor), true, "m"))["floor_price"].Element.(*slack.PlainTextInputBlockElement).InitialValue; got != "" {
			t.Errorf("%s: no floor shows as %q", loc, got)
		}
	}
	// A prefilled value over the domain's limit is kept for the check to report, not cut.
	long := strings.Repeat("x", listing.MaxTitle+5)
	v := ListingForm(en(), stores(), listing.Input{Title: long}, false, "")
	el := inputs(v)["title"].Element.(*slack.PlainTextInputBlockElement)
	if el.InitialValue != long || el.MaxLength != len(long) {
		t.Errorf("long title: initial %d chars, max_length %d", len(el.InitialValue), el.MaxLength)
	}
	// An unknown store is not preselected; too many stores fall back to typing the code.
	v = ListingForm(en(), stores(), listing.Input{Store: "XX"}, false, "")
	if sel := inputs(v)["store"].Element.(*slack.SelectBlockElement); sel.InitialOption != nil {
		t.Error("unknown store preselected")
	}
	many := make([]store.Store, 101)
	for i := range many {
		many[i] = store.Store{Code: "S" + strings.Repeat("1", i%20), Name: "n", Platform: "jd"}
	}
	if _, ok := inputs(ListingForm(en(), many, listing.Input{}, false, ""))["store"].Element.(*slack.PlainTextInputBlockElement); !ok {
		t.Error("101 stores still in a select")
	}
}

func TestRejectForm(t *testing.T) {
	v := RejectForm(en(), pendingCard(), "12:1")
	if v.CallbackID != "approval.reject" || v.PrivateMetadata != "12:1" {
		t.Errorf("callback %q metadata %q", v.CallbackID, v.PrivateMetadata)
	}
	in := inputs(v)["reason"]
	if in == nil || in.Optional {
		t.Fatal("no required reason input")
	}
	if el := in.Element.(*slack.PlainTextInputBlockElement); el.ActionID != "value" || !el.Multiline {
		t.Errorf("reason element %+v", el)
	}
	if all := joined(v); !strings.Contains(all, "TM01/SKU-1 Red mug") || !strings.Contains(all, "129.00") {
		t.Errorf("request not shown: %s", all)
	}
}

func TestApprovalList(t *testing.T) {
	var cards []approval.Card
	for i := range 25 {
		c := pendingCard()
		c.ID = int64(i + 1)
		cards = append(cards, c)
	}
	blocks := ApprovalList(en(), cards, cst)
	if n := len(actionBlocks(blocks)); n != 10 {
		t.Errorf("%d cards with buttons, want 10", n)
	}
	if all := joined(msg("", blocks)); !strings.Contains(all, "Waiting for your decision (25)") || !strings.Contains(all, "…and 15 more") {
		t.Errorf("list: %s", all)
	}
}

func TestListingTexts(t *testing.T) {
	x := liveListing()
	p, title := domain.Money(15000), "Crimson mug"
	x.Pending, x.ApprovalID = &listing.Change{Price: &p, Title: &title, RequestedBy: "U1", RequestedAt: t0}, 13
	all := joined(msg("", Listing(en(), x, cst)))
	for _, w := range []string{"*Price*\n129.00 (pending change: 150.00)", "*Title*\nRed mug (pending change: Crimson mug)", "Status:* live", "request #13"} {
		if !strings.Contains(all, w) {
			t.Errorf("%q lacks %q", all, w)
		}
	}
	if !strings.Contains(all, "*Price*\n129.00 (pending change: 150.00)\n*Floor price*\n99.00") {
		t.Errorf("the floor price should follow the price: %s", all)
	}
	x.FloorPrice = 0
	if all := joined(msg("", Listing(en(), x, cst))); strings.Contains(all, "Floor price") {
		t.Errorf("a listing without a floor price shows one: %s", all)
	}
	d := liveListing()
	d.Status, d.RejectReason = listing.StatusDraft, "Blurry photos"
	if all := joined(msg("", Listing(en(), d, cst))); !strings.Contains(all, "Rejection reason:* Blurry photos") {
		t.Errorf("draft: %s", all)
	}
	blocks := ListingList(en(), hugeListings(500), listing.StatusLive)
	if all := joined(msg("", blocks)); !strings.Contains(all, "Listings — live (500)") || !strings.Contains(all, "…and 460 more") {
		t.Errorf("list: %s", Cut(all, 300))
	}
	got := UpdateResult(en(), listing.UpdateResult{Listing: liveListing(), ApprovalID: 13,
		Applied: []listing.FieldChange{{Field: "stock", Before: "20", After: "30"}},
		Held:    []listing.FieldChange{{Field: "price", Before: "129.00", After: "199.00"}}})
	want := "Updated TM01/SKU-1:\n• *Stock:* 20 → 30\nHeld for supervisor approval (request #13):\n• *Price:* 129.00 → 199.00"
	if got != want {
		t.Errorf("UpdateResult = %q, want %q", got, want)
	}
}

func TestHistoryRolesWhoami(t *testing.T) {
	all := joined(msg("", History(en(), "TM01/SKU-1", historyEntries(), cst)))
	for _, w := range []string{"History of TM01/SKU-1", "*2026-11-29 15:05* <@U2> approved and published", "• *Status:* pending review → live", "StoreOps updated", "• *Stock:* 20 → 0"} {
		if !strings.Contains(all, w) {
			t.Errorf("history %q lacks %q", all, w)
		}
	}
	var many []audit.Entry
	for range 60 {
		many = append(many, historyEntries()[0])
	}
	if all := joined(msg("", History(en(), "x", many, cst))); !strings.Contains(all, "…15 earlier entries not shown.") {
		t.Errorf("history of 60: %s", Cut(all, 200))
	}
	all = joined(msg("", Roles(i18n.New().For("zh"), grants())))
	for _, w := range []string{"*管理员：* <@U9>（配置指定）", "*运营主管：* <@U2>", "*运营助理：* <@U1>"} {
		if !strings.Contains(all, w) {
			t.Errorf("roles %q lacks %q", all, w)
		}
	}
	if got := Whoami(en(), domain.Actor{UserID: "U1", Roles: []domain.Role{domain.RoleSupervisor, domain.RoleAssistant}}); got != "You are <@U1>; your roles: supervisor, assistant." {
		t.Errorf("whoami = %q", got)
	}
	if got := Whoami(i18n.New().For("zh"), domain.Actor{UserID: "U1", Roles: []domain.Role{domain.RoleSupervisor, domain.RoleAssistant}}); got != "你是 <@U1>，角色：运营主管、运营助理。" {
		t.Errorf("whoami zh = %q", got)
	}
}

func TestHelp(t *testing.T) {
	all := joined(msg("", Help(en(), helpEntries(), "")))
	for _, w := range []string{"*Listings*", "`/ops listing delist &lt;sku&gt; &lt;reason&gt;` — Ask the supervisor", "*Approvals*", "*Roles*"} {
		if !strings.Contains(all, w) {
			t.Errorf("help %q lacks %q", all, w)
		}
	}
	one := joined(msg("", Help(en(), helpEntries(), "Listing")))
	if !strings.Contains(one, "StoreOps commands: Listings") || strings.Contains(one, "approvals") {
		t.Errorf("help listing: %s", one)
	}
}

func TestOutbox(t *testing.T) {
	l := en()
	card, _ := json.Marshal(pendingCard())
	decided, _ := json.Marshal(rejectedCard())
	cands, _ := json.Marshal(candidates())
	for _, tc := range []struct {
		template string
		payload  []byte
		want     func() (string, []slack.Block)
	}{
		{approval.TemplateCard, card, func() (string, []slack.Block) { return ApprovalCard(l, pendingCard(), cst) }},
		{approval.TemplateCard, decided, func() (string, []slack.Block) { return ApprovalCard(l, rejectedCard(), cst) }},
		{approval.TemplateDecided, decided, func() (string, []slack.Block) { return ApprovalDecided(l, rejectedCard(), cst) }},
		{approval.TemplateReminder, card, func() (string, []slack.Block) { return ApprovalReminder(l, pendingCard(), cst) }},
		{approval.TemplateNoApprovers, card, func() (string, []slack.Block) { return NoApprovers(l, pendingCard()) }},
		{listing.TemplateDelistCandidates, cands, func() (string, []slack.Block) { return DelistCandidates(l, candidates()) }},
	} {
		text, blocks, err := Outbox(l, tc.template, tc.payload, cst)
		if err != nil {
			t.Errorf("%s: %v", tc.template, err)
			continue
		}
		got, _ := json.Marshal(msg(text, blocks))
		want, _ := json.Marshal(msg(tc.want()))
		if !bytes.Equal(got, want) {
			t.Errorf("%s renders\n%s\nwant\n%s", tc.template, got, want)
		}
	}
	if _, _, err := Outbox(l, "order.flagged", card, cst); err == nil {
		t.Error("unknown template rendered")
	}
	if _, _, err := Outbox(l, approval.TemplateCard, []byte("{"), cst); err == nil {
		t.Error("bad payload rendered")
	}
}

func TestButtonValues(t *testing.T) {
	id, v, err := ParseApprovalValue(ApprovalValue(12, 3))
	if err != nil || id != 12 || v != 3 {
		t.Errorf("approval value: %d %d %v", id, v, err)
	}
	lid, reason, err := ParseDelistValue(DelistValue(7, listing.ReasonSoldOut))
	if err != nil || lid != 7 || reason != listing.ReasonSoldOut {
		t.Errorf("delist value: %d %q %v", lid, reason, err)
	}
	for _, bad := range []string{"", "12", "x:1", "12:x"} {
		if _, _, err := ParseApprovalValue(bad); err == nil {
			t.Errorf("ParseApprovalValue(%q) passed", bad)
		}
	}
	if _, _, err := ParseDelistValue("x:sold_out"); err == nil {
		t.Error("ParseDelistValue(x:sold_out) passed")
	}
}
