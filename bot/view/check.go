package view

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"
)

// Block Kit limits (SLACK.md). Slack refuses a whole message or view that breaks one, so
// views cut and summarise to stay inside them and tests pin them with CheckMessage and
// CheckModal.
const (
	MaxMessageBlocks   = 50
	MaxModalBlocks     = 100
	MaxSectionText     = 3000
	MaxSectionFields   = 10
	MaxFieldText       = 2000
	MaxHeaderText      = 150
	MaxContextElements = 10
	MaxActionElements  = 25
	MaxButtonText      = 75
	MaxButtonValue     = 2000
	MaxOptionText      = 75
	MaxOptionValue     = 75
	MaxSelectOptions   = 100
	MaxID              = 255
	MaxInputLabel      = 2000
	MaxPlaceholder     = 150
	MaxInputLength     = 3000
	MaxModalTitle      = 24
	MaxPrivateMetadata = 3000
	MaxURL             = 3000
)

// CheckMessage reports every Block Kit limit that blocks break as a message (or Home tab
// part). It works on the JSON Slack would receive, so it covers every block type and every
// way of building one.
func CheckMessage(blocks []slack.Block) error {
	c := &checker{blockIDs: map[string]bool{}}
	c.blocks(blocks, MaxMessageBlocks)
	return errors.Join(c.errs...)
}

// CheckModal reports every Block Kit limit that a modal breaks.
func CheckModal(v slack.ModalViewRequest) error {
	c := &checker{blockIDs: map[string]bool{}}
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("marshal modal: %w", err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		return fmt.Errorf("read modal: %w", err)
	}
	if m["type"] != string(slack.VTModal) {
		c.fail("type", "is %v, want modal", m["type"])
	}
	if m["title"] == nil {
		c.fail("title", "missing")
	}
	c.text("title", m["title"], MaxModalTitle, true)
	c.text("submit", m["submit"], MaxModalTitle, true)
	c.text("close", m["close"], MaxModalTitle, true)
	c.maxLen("private_metadata", m["private_metadata"], MaxPrivateMetadata)
	c.maxLen("callback_id", m["callback_id"], MaxID)
	c.maxLen("external_id", m["external_id"], MaxID)
	blocks, _ := m["blocks"].([]any)
	if m["submit"] == nil && slices.ContainsFunc(blocks, func(b any) bool { return typeOf(b) == "input" }) {
		c.fail("submit", "missing while the modal has input blocks")
	}
	c.rawBlocks(blocks, MaxModalBlocks)
	return errors.Join(c.errs...)
}

type checker struct {
	errs     []error
	blockIDs map[string]bool
}

func (c *checker) fail(path, format string, args ...any) {
	c.errs = append(c.errs, fmt.Errorf("%s: %s", path, fmt.Sprintf(format, args...)))
}

func (c *checker) blocks(blocks []slack.Block, max int) {
	raw, err := json.Marshal(slack.Blocks{BlockSet: blocks})
	if err != nil {
		c.fail("blocks", "marshal: %v", err)
		return
	}
	var arr []any
	if err := json.Unmarshal(raw, &arr); err != nil {
		c.fail("blocks", "read: %v", err)
		return
	}
	c.rawBlocks(arr, max)
}

func (c *checker) rawBlocks(arr []any, max int) {
	if len(arr) > max {
		c.fail("blocks", "%d blocks, at most %d", len(arr), max)
	}
	for i, b := range arr {
		c.block(fmt.Sprintf("blocks[%d]", i), b)
	}
}

func typeOf(v any) string {
	m, _ := v.(map[string]any)
	s, _ := m["type"].(string)
	return s
}

func runes(v any) int {
	s, _ := v.(string)
	return utf8.RuneCountInString(s)
}

func (c *checker) maxLen(path string, v any, max int) {
	if n := runes(v); n > max {
		c.fail(path, "%d characters, at most %d", n, max)
	}
}

// text checks a text object: present text, within max, plain_text where Slack wants it.
func (c *checker) text(path string, v any, max int, plainOnly bool) {
	if v == nil {
		return
	}
	m, ok := v.(map[string]any)
	if !ok {
		c.fail(path, "not a text object")
		return
	}
	switch t := typeOf(m); {
	case t != slack.PlainTextType && t != slack.MarkdownType:
		c.fail(path, "text type %q", t)
	case plainOnly && t != slack.PlainTextType:
		c.fail(path, "must be plain_text, is %s", t)
	}
	s, _ := m["text"].(string)
	if strings.TrimSpace(s) == "" {
		c.fail(path, "empty text")
	}
	c.maxLen(path+".text", s, max)
}

func (c *checker) block(path string, v any) {
	b, ok := v.(map[string]any)
	if !ok {
		c.fail(path, "not an object")
		return
	}
	if id, ok := b["block_id"].(string); ok && id != "" {
		c.maxLen(path+".block_id", id, MaxID)
		if c.blockIDs[id] {
			c.fail(path+".block_id", "%q used twice", id)
		}
		c.blockIDs[id] = true
	}
	switch typeOf(b) {
	case "section":
		fields, _ := b["fields"].([]any)
		if b["text"] == nil && len(fields) == 0 {
			c.fail(path, "section without text or fields")
		}
		c.text(path+".text", b["text"], MaxSectionText, false)
		if len(fields) > MaxSectionFields {
			c.fail(path+".fields", "%d fields, at most %d", len(fields), MaxSectionFields)
		}
		for i, f := range fields {
			c.text(fmt.Sprintf("%s.fields[%d]", path, i), f, MaxFieldText, false)
		}
		if acc := b["accessory"]; acc != nil {
			c.element(path+".accessory", acc)
		}
	case "header":
		if b["text"] == nil {
			c.fail(path, "header without text")
		}
		c.text(path+".text", b["text"], MaxHeaderText, true)
	case "context":
		els, _ := b["elements"].([]any)
		if len(els) == 0 || len(els) > MaxContextElements {
			c.fail(path+".elements", "%d elements, want 1 to %d", len(els), MaxContextElements)
		}
		for i, e := range els {
			if typeOf(e) != "image" {
				c.text(fmt.Sprintf("%s.elements[%d]", path, i), e, MaxSectionText, false)
			}
		}
	case "actions":
		els, _ := b["elements"].([]any)
		if len(els) == 0 || len(els) > MaxActionElements {
			c.fail(path+".elements", "%d elements, want 1 to %d", len(els), MaxActionElements)
		}
		seen := map[string]bool{}
		for i, e := range els {
			p := fmt.Sprintf("%s.elements[%d]", path, i)
			if id, _ := e.(map[string]any)["action_id"].(string); id != "" {
				if seen[id] {
					c.fail(p+".action_id", "%q used twice in one block", id)
				}
				seen[id] = true
			}
			c.element(p, e)
		}
	case "input":
		if b["label"] == nil {
			c.fail(path, "input without label")
		}
		c.text(path+".label", b["label"], MaxInputLabel, true)
		c.text(path+".hint", b["hint"], MaxInputLabel, true)
		if b["element"] == nil {
			c.fail(path, "input without element")
		} else {
			c.element(path+".element", b["element"])
		}
	case "divider", "image", "file", "video", "rich_text":
	default:
		c.fail(path, "unexpected block type %q", typeOf(b))
	}
}

func (c *checker) element(path string, v any) {
	e, ok := v.(map[string]any)
	if !ok {
		c.fail(path, "not an object")
		return
	}
	c.maxLen(path+".action_id", e["action_id"], MaxID)
	c.text(path+".placeholder", e["placeholder"], MaxPlaceholder, true)
	if conf, ok := e["confirm"].(map[string]any); ok {
		c.text(path+".confirm.title", conf["title"], 100, true)
		c.text(path+".confirm.text", conf["text"], 300, false)
		c.text(path+".confirm.confirm", conf["confirm"], 30, true)
		c.text(path+".confirm.deny", conf["deny"], 30, true)
	}
	switch typeOf(e) {
	case "button":
		if e["text"] == nil {
			c.fail(path, "button without text")
		}
		c.text(path+".text", e["text"], MaxButtonText, true)
		c.maxLen(path+".value", e["value"], MaxButtonValue)
		c.maxLen(path+".url", e["url"], MaxURL)
	case "static_select", "multi_static_select", "overflow", "radio_buttons", "checkboxes":
		opts, _ := e["options"].([]any)
		if len(opts) == 0 && e["option_groups"] == nil {
			c.fail(path+".options", "no options")
		}
		if len(opts) > MaxSelectOptions {
			c.fail(path+".options", "%d options, at most %d", len(opts), MaxSelectOptions)
		}
		var values []string
		for i, o := range opts {
			c.option(fmt.Sprintf("%s.options[%d]", path, i), o)
			values = append(values, optionValue(o))
		}
		if init := e["initial_option"]; init != nil {
			c.option(path+".initial_option", init)
			if !slices.Contains(values, optionValue(init)) {
				c.fail(path+".initial_option", "%q is not one of the options", optionValue(init))
			}
		}
	case "plain_text_input":
		maxLength, _ := e["max_length"].(float64)
		minLength, _ := e["min_length"].(float64)
		if maxLength > MaxInputLength {
			c.fail(path+".max_length", "%v, at most %d", maxLength, MaxInputLength)
		}
		if minLength > MaxInputLength || (maxLength > 0 && minLength > maxLength) {
			c.fail(path+".min_length", "%v with max_length %v", minLength, maxLength)
		}
		limit := MaxInputLength
		if maxLength > 0 {
			limit = min(limit, int(maxLength))
		}
		c.maxLen(path+".initial_value", e["initial_value"], limit)
	}
}

func optionValue(v any) string {
	m, _ := v.(map[string]any)
	s, _ := m["value"].(string)
	return s
}

func (c *checker) option(path string, v any) {
	o, ok := v.(map[string]any)
	if !ok {
		c.fail(path, "not an object")
		return
	}
	if o["text"] == nil {
		c.fail(path, "option without text")
	}
	c.text(path+".text", o["text"], MaxOptionText, false)
	c.text(path+".description", o["description"], MaxOptionText, false)
	if optionValue(o) == "" {
		c.fail(path+".value", "empty")
	}
	c.maxLen(path+".value", o["value"], MaxOptionValue)
}
