package bot

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Args are the words of a command after its path, as the user typed them.
type Args []string

// Tokenize splits command text into words. Quotes ("…", '…', “…”, 「…」) group words and may
// start mid-word (title="Red mug"); a missing closing quote runs to the end. Slack's escaped
// mentions and channel links stay single words.
func Tokenize(text string) Args {
	var out Args
	var cur strings.Builder
	inWord := false
	var closing rune
	flush := func() {
		if inWord {
			out = append(out, cur.String())
			cur.Reset()
			inWord = false
		}
	}
	for _, r := range text {
		switch {
		case closing != 0:
			if r == closing {
				closing = 0
				continue
			}
			cur.WriteRune(r)
		case r == '"' || r == '\'':
			closing, inWord = r, true
		case r == '“':
			closing, inWord = '”', true
		case r == '「':
			closing, inWord = '」', true
		case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u3000' || r == '\u00a0':
			flush()
		default:
			if r == utf8.RuneError {
				continue
			}
			cur.WriteRune(r)
			inWord = true
		}
	}
	flush()
	return out
}

var (
	userMention    = regexp.MustCompile(`^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$`)
	bareUserID     = regexp.MustCompile(`^[UW][A-Z0-9]{2,}$`)
	channelMention = regexp.MustCompile(`^<#([CGD][A-Z0-9]+)(?:\|[^>]*)?>$`)
	bareChannelID  = regexp.MustCompile(`^[CGD][A-Z0-9]{2,}$`)
)

// ParseUser reads a user from a mention in either escaped form (<@U123|name>, <@U123>), or a
// bare user ID.
func ParseUser(s string) (string, bool) {
	if m := userMention.FindStringSubmatch(s); m != nil {
		return m[1], true
	}
	if bareUserID.MatchString(s) {
		return s, true
	}
	return "", false
}

// ParseChannel reads a channel from a link (<#C123|name>, <#C123>) or a bare channel ID.
func ParseChannel(s string) (string, bool) {
	if m := channelMention.FindStringSubmatch(s); m != nil {
		return m[1], true
	}
	if bareChannelID.MatchString(s) {
		return s, true
	}
	return "", false
}

// Pairs reads field=value words (also field：value with a full-width colon, and field:value)
// into a map, with lower-case field names. Words without a separator are returned as rest.
func (a Args) Pairs() (pairs map[string]string, rest []string) {
	pairs = map[string]string{}
	for _, w := range a {
		i := strings.IndexAny(w, "=：")
		if i <= 0 {
			rest = append(rest, w)
			continue
		}
		_, size := utf8.DecodeRuneInString(w[i:])
		pairs[strings.ToLower(strings.TrimSpace(w[:i]))] = w[i+size:]
	}
	return pairs, rest
}

// Rest joins the words from i on, for free text such as a reason.
func (a Args) Rest(i int) string {
	if i >= len(a) {
		return ""
	}
	return strings.Join(a[i:], " ")
}
