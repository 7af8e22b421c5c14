package view

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"storeops/bot/i18n"
)

// dash stands in for an empty value: Slack refuses empty text objects.
const dash = "—"

// Cut shortens s to at most n characters (runes), ending with "…" when it had to cut.
func Cut(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	count, end := 0, 0
	for i := range s {
		if count == n-1 {
			end = i
			break
		}
		count++
	}
	return strings.TrimRightFunc(s[:end], unicode.IsSpace) + "…"
}

// escape makes user data literal in mrkdwn, where Slack reads <…> as links and mentions (a
// title of "<!channel>" would otherwise notify everyone).
func escape(s string) string {
	// Most text has nothing to escape; building a replacer for it was a fifth of the CPU of
	// serving /ops help (docs/BENCHMARKS.md).
	if !strings.ContainsAny(s, "&<>") {
		return s
	}
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// cutMrkdwn is Cut for text that is already mrkdwn: it never leaves half of an entity
// ("&am") or of a mention ("<@U12"), which Slack would show as garbage.
func cutMrkdwn(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	body := strings.TrimSuffix(Cut(s, n), "…")
	if amp := strings.LastIndexByte(body, '&'); amp >= 0 && !strings.Contains(body[amp:], ";") {
		body = body[:amp]
	}
	if lt := strings.LastIndexByte(body, '<'); lt >= 0 && !strings.Contains(body[lt:], ">") {
		body = body[:lt]
	}
	return strings.TrimRightFunc(body, unicode.IsSpace) + "…"
}

// value is a user-supplied value ready for mrkdwn: cut to n characters, escaped, and never
// empty.
func value(s string, n int) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return dash
	}
	return escape(Cut(s, n))
}

func nonEmpty(s string) string {
	if strings.TrimSpace(s) == "" {
		return dash
	}
	return s
}

func mrkdwn(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, nonEmpty(s), false, false)
}

func plain(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, nonEmpty(s), true, false)
}

// section is a mrkdwn section cut to Slack's limit.
func section(s string) *slack.SectionBlock {
	return slack.NewSectionBlock(mrkdwn(cutMrkdwn(s, MaxSectionText)), nil, nil)
}

func header(s string) *slack.HeaderBlock {
	return slack.NewHeaderBlock(plain(Cut(s, MaxHeaderText)))
}

// contextBlock is a context of mrkdwn texts, each cut to the text limit.
func contextBlock(texts ...string) *slack.ContextBlock {
	var els []slack.MixedElement
	for _, t := range texts {
		if strings.TrimSpace(t) != "" && len(els) < MaxContextElements {
			els = append(els, mrkdwn(cutMrkdwn(t, MaxSectionText)))
		}
	}
	if len(els) == 0 {
		els = append(els, mrkdwn(dash))
	}
	return slack.NewContextBlock("", els...)
}

// bold is a label in bold followed by its value: "*Price:* 129.00". The space stays in
// Chinese too, since Slack only closes bold before a space or punctuation.
func bold(l i18n.Localizer, label, v string) string {
	return "*" + l.T("view.label", escape(label)) + "* " + v
}

// packLines joins lines into as few sections as the text limit allows, at most max blocks.
// It reports how many lines did not fit.
func packLines(lines []string, max int) ([]slack.Block, int) {
	var blocks []slack.Block
	var cur strings.Builder
	n := 0
	flush := func() {
		if cur.Len() > 0 {
			blocks = append(blocks, section(cur.String()))
			cur.Reset()
		}
	}
	for i, line := range lines {
		line = cutMrkdwn(line, MaxSectionText)
		if cur.Len() > 0 && utf8.RuneCountInString(cur.String())+1+utf8.RuneCountInString(line) > MaxSectionText {
			flush()
		}
		if cur.Len() == 0 && len(blocks) == max {
			return blocks, len(lines) - i
		}
		if cur.Len() > 0 {
			cur.WriteByte('\n')
		}
		cur.WriteString(line)
		n++
	}
	flush()
	return blocks, len(lines) - n
}
