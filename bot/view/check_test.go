package view

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/slack-go/slack"
)

func TestCut(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"hello", 5, "hello"},
		{"hello", 4, "hel…"},
		{"hello", 1, "…"},
		{"hello", 0, ""},
		{"", 3, ""},
		{"新品上架申请", 4, "新品上…"},
		{"ab   cd", 5, "ab…"}, // no dangling space before the ellipsis
		{"😀😀😀", 2, "😀…"},
	} {
		got := Cut(tc.in, tc.n)
		if got != tc.want {
			t.Errorf("Cut(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
		if !utf8.ValidString(got) || utf8.RuneCountInString(got) > max(tc.n, 0) {
			t.Errorf("Cut(%q, %d) = %q is invalid or too long", tc.in, tc.n, got)
		}
	}
}

func TestCutMrkdwnKeepsEntitiesAndMentionsWhole(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"a &amp; b", 5, "a…"},
		{"a &amp; b", 8, "a &amp;…"},
		{"hi <@U123> there", 8, "hi…"},
		{"hi <@U123> there", 12, "hi <@U123>…"},
		{"short", 10, "short"},
	} {
		if got := cutMrkdwn(tc.in, tc.n); got != tc.want {
			t.Errorf("cutMrkdwn(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}

func TestEscape(t *testing.T) {
	if got := escape("<!channel> & <@U1>"); got != "&lt;!channel&gt; &amp; &lt;@U1&gt;" {
		t.Errorf("escape = %q", got)
	}
}

func TestCheckMessageCatchesEveryLimit(t *testing.T) {
	long := func(n int) string { return strings.Repeat("x", n) }
	sec := func(s string) slack.Block { return slack.NewSectionBlock(mrkdwn(s), nil, nil) }
	button := func(id, value, text string) *slack.ButtonBlockElement {
		return slack.NewButtonBlockElement(id, value, plain(text))
	}
	option := func(v, text string) *slack.OptionBlockObject { return slack.NewOptionBlockObject(v, plain(text), nil) }
	many := func(n int, b func() slack.Block) []slack.Block {
		out := make([]slack.Block, n)
		for i := range out {
			out[i] = b()
		}
		return out
	}
	fields := func(n, size int) []*slack.TextBlockObject {
		out := make([]*slack.TextBlockObject, n)
		for i := range out {
			out[i] = mrkdwn(long(size))
		}
		return out
	}
	options := func(n int) []*slack.OptionBlockObject {
		out := make([]*slack.OptionBlockObject, n)
		for i := range out {
			out[i] = option(strings.Repeat("v", i%70+1)+string(rune('a'+i%26)), "o")
		}
		return out
	}
	for _, tc := range []struct {
		name   string
		blocks []slack.Block
		want   string
	}{
		{"51 blocks", many(51, func() slack.Block { return sec("x") }), "51 blocks, at most 50"},
		{"section text", []slack.Block{sec(long(3001))}, "blocks[0].text.text: 3001 characters"},
		{"empty text", []slack.Block{slack.NewSectionBlock(&slack.TextBlockObject{Type: "mrkdwn", Text: ""}, nil, nil)}, "empty text"},
		{"11 fields", []slack.Block{slack.NewSectionBlock(nil, fields(11, 1), nil)}, "11 fields"},
		{"long field", []slack.Block{slack.NewSectionBlock(nil, fields(1, 2001), nil)}, "fields[0].text: 2001 characters"},
		{"header", []slack.Block{slack.NewHeaderBlock(plain(long(151)))}, "151 characters"},
		{"mrkdwn header", []slack.Block{slack.NewHeaderBlock(mrkdwn("x"))}, "must be plain_text"},
		{"context", []slack.Block{slack.NewContextBlock("", func() []slack.MixedElement {
			var out []slack.MixedElement
			for range 11 {
				out = append(out, mrkdwn("x"))
			}
			return out
		}()...)}, "11 elements"},
		{"button text", []slack.Block{slack.NewActionBlock("", button("a", "v", long(76)))}, "text.text: 76 characters"},
		{"button value", []slack.Block{slack.NewActionBlock("", button("a", long(2001), "ok"))}, "value: 2001 characters"},
		{"action id", []slack.Block{slack.NewActionBlock("", button(long(256), "v", "ok"))}, "action_id: 256 characters"},
		{"same action id", []slack.Block{slack.NewActionBlock("", button("a", "v", "ok"), button("a", "v", "ok"))}, `"a" used twice in one block`},
		{"block id", []slack.Block{slack.NewSectionBlock(mrkdwn("x"), nil, nil, slack.SectionBlockOptionBlockID(long(256)))}, "block_id: 256 characters"},
		{"same block id", []slack.Block{slack.NewActionBlock("b", button("a", "v", "ok")), slack.NewActionBlock("b", button("a", "v", "ok"))}, `"b" used twice`},
		{"26 actions", []slack.Block{slack.NewActionBlock("", func() []slack.BlockElement {
			var out []slack.BlockElement
			for i := range 26 {
				out = append(out, button(string(rune('a'+i)), "v", "ok"))
			}
			return out
		}()...)}, "26 elements"},
		{"accessory", []slack.Block{slack.NewSectionBlock(mrkdwn("x"), nil, slack.NewAccessory(button("a", long(2001), "ok")))}, "accessory.value"},
		{"select options", []slack.Block{slack.NewActionBlock("", slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, nil, "s", options(101)...))}, "101 options"},
		{"option text", []slack.Block{slack.NewActionBlock("", slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, nil, "s", option("v", long(76))))}, "options[0].text.text: 76"},
		{"option value", []slack.Block{slack.NewActionBlock("", slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, nil, "s", option(long(76), "o")))}, "options[0].value: 76"},
		{"initial option", []slack.Block{slack.NewActionBlock("", slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, nil, "s", option("a", "o")).WithInitialOption(option("b", "o")))}, "not one of the options"},
	} {
		err := CheckMessage(tc.blocks)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: CheckMessage = %v, want it to say %q", tc.name, err, tc.want)
		}
	}
	if err := CheckMessage(many(50, func() slack.Block { return sec(long(3000)) })); err != nil {
		t.Errorf("50 full sections: %v", err)
	}
}

func TestCheckModalCatchesEveryLimit(t *testing.T) {
	ok := func() slack.ModalViewRequest {
		return slack.ModalViewRequest{Type: slack.VTModal, Title: plain("Title"), Submit: plain("Save"), Close: plain("Cancel"),
			CallbackID: "cb", Blocks: slack.Blocks{BlockSet: []slack.Block{
				slack.NewInputBlock("b", plain("Label"), nil, slack.NewPlainTextInputBlockElement(nil, "value")),
			}}}
	}
	if err := CheckModal(ok()); err != nil {
		t.Fatalf("valid modal: %v", err)
	}
	input := func(el *slack.PlainTextInputBlockElement) slack.Block {
		return slack.NewInputBlock("b", plain("Label"), nil, el)
	}
	for _, tc := range []struct {
		name   string
		change func(*slack.ModalViewRequest)
		want   string
	}{
		{"title", func(v *slack.ModalViewRequest) { v.Title = plain(strings.Repeat("x", 25)) }, "title.text: 25 characters"},
		{"no title", func(v *slack.ModalViewRequest) { v.Title = nil }, "title: missing"},
		{"submit", func(v *slack.ModalViewRequest) { v.Submit = plain(strings.Repeat("x", 25)) }, "submit.text: 25"},
		{"no submit", func(v *slack.ModalViewRequest) { v.Submit = nil }, "submit: missing"},
		{"close", func(v *slack.ModalViewRequest) { v.Close = plain(strings.Repeat("長", 25)) }, "close.text: 25"},
		{"metadata", func(v *slack.ModalViewRequest) { v.PrivateMetadata = strings.Repeat("m", 3001) }, "private_metadata: 3001"},
		{"callback", func(v *slack.ModalViewRequest) { v.CallbackID = strings.Repeat("c", 256) }, "callback_id: 256"},
		{"type", func(v *slack.ModalViewRequest) { v.Type = slack.VTHomeTab }, "want modal"},
		{"101 blocks", func(v *slack.ModalViewRequest) {
			for range 100 {
				v.Blocks.BlockSet = append(v.Blocks.BlockSet, slack.NewDividerBlock())
			}
		}, "101 blocks, at most 100"},
		{"max_length", func(v *slack.ModalViewRequest) {
			v.Blocks.BlockSet = []slack.Block{input(slack.NewPlainTextInputBlockElement(nil, "value").WithMaxLength(3001))}
		}, "max_length"},
		{"initial over max_length", func(v *slack.ModalViewRequest) {
			v.Blocks.BlockSet = []slack.Block{input(slack.NewPlainTextInputBlockElement(nil, "value").WithMaxLength(5).WithInitialValue("123456"))}
		}, "initial_value: 6 characters, at most 5"},
		{"label", func(v *slack.ModalViewRequest) {
			v.Blocks.BlockSet = []slack.Block{slack.NewInputBlock("b", plain(strings.Repeat("x", 2001)), nil, slack.NewPlainTextInputBlockElement(nil, "value"))}
		}, "label.text: 2001"},
	} {
		v := ok()
		tc.change(&v)
		err := CheckModal(v)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: CheckModal = %v, want it to say %q", tc.name, err, tc.want)
		}
	}
}
