package shell

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"regexp"
	"strings"

	"storeops/bot/slackemu"
)

// choice is one numbered thing the user can press.
type choice struct {
	target slackemu.Target
	el     slackemu.Button
}

// renderer turns Block Kit into readable lines and numbers the interactive elements.
type renderer struct {
	emu     *slackemu.Slack
	choices []choice

	userRef, channelRef, specialRef, linkRef *regexp.Regexp
}

func newRenderer(emu *slackemu.Slack) renderer {
	return renderer{
		emu:        emu,
		userRef:    regexp.MustCompile(`<@([UW][A-Z0-9]+)(?:\|([^>]*))?>`),
		channelRef: regexp.MustCompile(`<#([CGD][A-Z0-9]+)(?:\|([^>]*))?>`),
		specialRef: regexp.MustCompile(`<!(here|channel|everyone)(?:\|[^>]*)?>`),
		linkRef:    regexp.MustCompile(`<([a-z]+:[^>|]+)(?:\|([^>]*))?>`),
	}
}

const divider = "----------------------------------------"

func (r *renderer) blocks(raw json.RawMessage, target slackemu.Target, skipInputs bool) []string {
	var blocks []map[string]any
	if err := decode(raw, &blocks); err != nil {
		return []string{"[unreadable blocks: " + err.Error() + "]"}
	}
	var lines []string
	for _, b := range blocks {
		blockID := str(b, "block_id")
		switch str(b, "type") {
		case "header":
			lines = append(lines, "== "+r.text(obj(b, "text"))+" ==")
		case "section":
			line := r.text(obj(b, "text"))
			if acc := obj(b, "accessory"); acc != nil {
				if el := r.element(acc, blockID, target); el != "" {
					line = strings.TrimSpace(line + "  " + el)
				}
			}
			if line != "" {
				lines = append(lines, strings.Split(line, "\n")...)
			}
			var fields []string
			for _, f := range arr(b, "fields") {
				if fm, ok := f.(map[string]any); ok {
					fields = append(fields, r.text(fm))
				}
			}
			// Slack lays fields out two to a row.
			for i := 0; i < len(fields); i += 2 {
				row := fields[i]
				if i+1 < len(fields) {
					row += "  |  " + fields[i+1]
				}
				lines = append(lines, strings.Split(row, "\n")...)
			}
		case "context":
			var parts []string
			for _, e := range arr(b, "elements") {
				em, _ := e.(map[string]any)
				if str(em, "type") == "image" {
					parts = append(parts, "[image: "+str(em, "image_url")+"]")
				} else {
					parts = append(parts, r.text(em))
				}
			}
			lines = append(lines, "~ "+strings.Join(parts, "  ·  "))
		case "divider":
			lines = append(lines, divider)
		case "image":
			line := "[image: " + str(b, "image_url") + "]"
			if t := r.text(obj(b, "title")); t != "" {
				line = t + " " + line
			}
			lines = append(lines, line)
		case "actions":
			var parts []string
			for _, e := range arr(b, "elements") {
				if em, ok := e.(map[string]any); ok {
					if el := r.element(em, blockID, target); el != "" {
						parts = append(parts, el)
					}
				}
			}
			lines = append(lines, strings.Join(parts, "  "))
		case "input":
			if !skipInputs {
				lines = append(lines, r.text(obj(b, "label"))+": [input]")
			}
		case "rich_text", "markdown":
			if t := richText(b); t != "" {
				lines = append(lines, strings.Split(r.mrkdwn(t), "\n")...)
			}
		default:
			lines = append(lines, "["+str(b, "type")+" block]")
		}
	}
	return lines
}

// element renders an interactive element, numbering it when it can be pressed.
func (r *renderer) element(el map[string]any, blockID string, target slackemu.Target) string {
	typ := str(el, "type")
	if typ == "image" {
		return "[image: " + str(el, "image_url") + "]"
	}
	raw, err := json.Marshal([]any{map[string]any{"type": "actions", "block_id": blockID, "elements": []any{el}}})
	if err != nil {
		return ""
	}
	found := slackemu.ElementsIn(raw)
	if len(found) == 0 {
		return ""
	}
	b := found[0]
	r.choices = append(r.choices, choice{target: target, el: b})
	n := len(r.choices)
	label := b.Text
	switch typ {
	case "button":
		if b.URL != "" {
			label += " (" + b.URL + ")"
		}
	case "overflow":
		label = "..."
	}
	if len(b.Options) > 0 {
		var opts []string
		for _, o := range b.Options {
			opts = append(opts, o.Text)
		}
		label += " (" + strings.Join(opts, " / ") + ")"
	}
	if typ != "button" && typ != "overflow" {
		label += " [" + strings.ReplaceAll(typ, "_", " ") + "]"
	}
	return fmt.Sprintf("[%d] %s", n, label)
}

func (r *renderer) text(t map[string]any) string {
	s := str(t, "text")
	if str(t, "type") == "mrkdwn" {
		return r.mrkdwn(s)
	}
	return s
}

// mrkdwn makes Slack's markup readable: mentions become @name and #channel, links show
// their label and address.
func (r *renderer) mrkdwn(s string) string {
	s = r.userRef.ReplaceAllStringFunc(s, func(m string) string {
		sub := r.userRef.FindStringSubmatch(m)
		if u, ok := r.emu.User(sub[1]); ok {
			return "@" + u.Name
		}
		if sub[2] != "" {
			return "@" + sub[2]
		}
		return "@" + sub[1]
	})
	s = r.channelRef.ReplaceAllStringFunc(s, func(m string) string {
		sub := r.channelRef.FindStringSubmatch(m)
		if sub[2] != "" {
			return "#" + sub[2]
		}
		return "#" + r.emu.ChannelName(sub[1])
	})
	s = r.specialRef.ReplaceAllString(s, "@$1")
	s = r.linkRef.ReplaceAllStringFunc(s, func(m string) string {
		sub := r.linkRef.FindStringSubmatch(m)
		if sub[2] != "" {
			return sub[2] + " (" + sub[1] + ")"
		}
		return sub[1]
	})
	return html.UnescapeString(s)
}

// richText flattens a rich_text or markdown block to text.
func richText(b map[string]any) string {
	if str(b, "type") == "markdown" {
		return str(b, "text")
	}
	var sb strings.Builder
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			switch str(x, "type") {
			case "text":
				sb.WriteString(str(x, "text"))
			case "link":
				if t := str(x, "text"); t != "" {
					sb.WriteString(t + " (" + str(x, "url") + ")")
				} else {
					sb.WriteString(str(x, "url"))
				}
			case "user":
				sb.WriteString("<@" + str(x, "user_id") + ">")
			case "emoji":
				sb.WriteString(":" + str(x, "name") + ":")
			default:
				walk(x["elements"])
				if t := str(x, "type"); t == "rich_text_section" || t == "rich_text_preformatted" || t == "rich_text_quote" {
					sb.WriteString("\n")
				}
			}
		}
	}
	walk(b["elements"])
	return strings.TrimRight(sb.String(), "\n")
}

func decode(raw json.RawMessage, v any) error {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("decode blocks: %w", err)
	}
	return nil
}

func str(m map[string]any, key string) string {
	switch v := m[key].(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	}
	return ""
}

func obj(m map[string]any, key string) map[string]any {
	o, _ := m[key].(map[string]any)
	return o
}

func arr(m map[string]any, key string) []any {
	a, _ := m[key].([]any)
	return a
}
