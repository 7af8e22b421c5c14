package slackemu

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Button is an interactive element of a message or view, found where a user would see it.
type Button struct {
	ActionID string
	BlockID  string // the block that holds the element
	Type     string // "button", "static_select", "overflow", …
	Text     string // the button text, or a select's placeholder
	Value    string
	Style    string
	URL      string
	Options  []Option // for selects, overflow menus, radio buttons and checkboxes
}

// Option is one choice of a select-like element.
type Option struct {
	Text  string
	Value string
}

// Input is one input block of a view, described for filling it in.
type Input struct {
	BlockID     string
	ActionID    string
	Type        string // element type: "plain_text_input", "static_select", …
	Label       string
	Hint        string
	Placeholder string
	Optional    bool
	Multiline   bool
	Initial     string // initial value; option value(s) for selects (comma-separated when multi)
	HasInitial  bool
	Options     []Option
	MinLength   int
	MaxLength   int
	MinValue    string
	MaxValue    string
	Decimal     bool
}

// ButtonsIn returns the buttons of a blocks array in display order.
func ButtonsIn(blocks json.RawMessage) []Button {
	var out []Button
	for _, b := range ElementsIn(blocks) {
		if b.Type == "button" {
			out = append(out, b)
		}
	}
	return out
}

// ElementsIn returns the interactive elements (in actions blocks and section accessories)
// of a blocks array in display order.
func ElementsIn(blocks json.RawMessage) []Button {
	var out []Button
	for _, b := range blockList(blocks) {
		for _, el := range elementsOf(b) {
			out = append(out, describeElement(getStr(b, "block_id"), el))
		}
	}
	return out
}

// InputsIn returns the input blocks of a blocks array in display order.
func InputsIn(blocks json.RawMessage) []Input {
	var out []Input
	for _, b := range blockList(blocks) {
		if getStr(b, "type") != "input" {
			continue
		}
		el := getObj(b, "element")
		in := Input{
			BlockID:     getStr(b, "block_id"),
			ActionID:    getStr(el, "action_id"),
			Type:        getStr(el, "type"),
			Label:       textOf(b, "label"),
			Hint:        textOf(b, "hint"),
			Placeholder: textOf(el, "placeholder"),
			Optional:    getBool(b, "optional"),
			Multiline:   getBool(el, "multiline"),
			Options:     optionsOf(el),
			MinLength:   getInt(el, "min_length"),
			MaxLength:   getInt(el, "max_length"),
			MinValue:    getStr(el, "min_value"),
			MaxValue:    getStr(el, "max_value"),
			Decimal:     getBool(el, "is_decimal_allowed"),
		}
		in.Initial, in.HasInitial = initialOf(el)
		out = append(out, in)
	}
	return out
}

func blockList(raw json.RawMessage) []map[string]any {
	if len(raw) == 0 {
		return nil
	}
	v, err := decodeAny(raw)
	if err != nil {
		return nil
	}
	arr, _ := v.([]any)
	var out []map[string]any
	for _, b := range arr {
		if m, ok := b.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

func elementsOf(b map[string]any) []map[string]any {
	var out []map[string]any
	switch getStr(b, "type") {
	case "actions":
		for _, e := range getArr(b, "elements") {
			if m, ok := e.(map[string]any); ok {
				out = append(out, m)
			}
		}
	case "section":
		if acc := getObj(b, "accessory"); acc != nil && interactive(getStr(acc, "type")) {
			out = append(out, acc)
		}
	}
	return out
}

func describeElement(blockID string, el map[string]any) Button {
	b := Button{
		ActionID: getStr(el, "action_id"),
		BlockID:  blockID,
		Type:     getStr(el, "type"),
		Value:    getStr(el, "value"),
		Style:    getStr(el, "style"),
		URL:      getStr(el, "url"),
		Options:  optionsOf(el),
	}
	b.Text = textOf(el, "text")
	if b.Text == "" {
		b.Text = textOf(el, "placeholder")
	}
	return b
}

func interactive(typ string) bool {
	switch typ {
	case "button", "static_select", "external_select", "users_select", "conversations_select",
		"channels_select", "multi_static_select", "multi_external_select", "multi_users_select",
		"multi_conversations_select", "multi_channels_select", "overflow", "datepicker",
		"timepicker", "datetimepicker", "radio_buttons", "checkboxes", "workflow_button":
		return true
	}
	return false
}

func optionsOf(el map[string]any) []Option {
	var out []Option
	add := func(list []any) {
		for _, o := range list {
			if m, ok := o.(map[string]any); ok {
				out = append(out, Option{Text: textOf(m, "text"), Value: getStr(m, "value")})
			}
		}
	}
	add(getArr(el, "options"))
	for _, g := range getArr(el, "option_groups") {
		if m, ok := g.(map[string]any); ok {
			add(getArr(m, "options"))
		}
	}
	return out
}

func initialOf(el map[string]any) (string, bool) {
	present := func(key string) bool { _, ok := el[key]; return ok && el[key] != nil }
	switch getStr(el, "type") {
	case "plain_text_input", "email_text_input", "url_text_input", "number_input":
		return getStr(el, "initial_value"), present("initial_value")
	case "static_select", "external_select", "radio_buttons":
		return getStr(getObj(el, "initial_option"), "value"), present("initial_option")
	case "multi_static_select", "multi_external_select", "checkboxes":
		var vals []string
		for _, o := range getArr(el, "initial_options") {
			if m, ok := o.(map[string]any); ok {
				vals = append(vals, getStr(m, "value"))
			}
		}
		return strings.Join(vals, ","), len(vals) > 0
	case "datepicker":
		return getStr(el, "initial_date"), present("initial_date")
	case "timepicker":
		return getStr(el, "initial_time"), present("initial_time")
	case "datetimepicker":
		return getStr(el, "initial_date_time"), present("initial_date_time")
	case "users_select":
		return getStr(el, "initial_user"), present("initial_user")
	case "conversations_select":
		return getStr(el, "initial_conversation"), present("initial_conversation")
	case "channels_select":
		return getStr(el, "initial_channel"), present("initial_channel")
	case "multi_users_select", "multi_conversations_select", "multi_channels_select":
		key := map[string]string{"multi_users_select": "initial_users", "multi_conversations_select": "initial_conversations", "multi_channels_select": "initial_channels"}[getStr(el, "type")]
		var vals []string
		for _, v := range getArr(el, key) {
			if s, ok := v.(string); ok {
				vals = append(vals, s)
			}
		}
		return strings.Join(vals, ","), len(vals) > 0
	case "rich_text_input":
		return "", false
	}
	return "", false
}

func optionObject(o Option) map[string]any {
	return map[string]any{
		"text":  map[string]any{"type": "plain_text", "text": o.Text, "emoji": true},
		"value": o.Value,
	}
}

// FindOption matches a typed choice against options: by value, then by text
// (case-insensitive).
func FindOption(opts []Option, choice string) (Option, bool) {
	for _, o := range opts {
		if o.Value == choice {
			return o, true
		}
	}
	for _, o := range opts {
		if strings.EqualFold(o.Text, choice) {
			return o, true
		}
	}
	return Option{}, false
}

// stateValue builds the view.state.values entry Slack sends for an input holding v; set is
// false when the user left the input untouched and it had no initial value.
func stateValue(in Input, v string, set bool) (map[string]any, error) {
	out := map[string]any{"type": in.Type}
	nullable := func(key string) {
		if set && v != "" {
			out[key] = v
		} else {
			out[key] = nil
		}
	}
	splitList := func() []string {
		if !set || strings.TrimSpace(v) == "" {
			return []string{}
		}
		var vals []string
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				vals = append(vals, p)
			}
		}
		return vals
	}
	switch in.Type {
	case "plain_text_input", "email_text_input", "url_text_input", "number_input":
		nullable("value")
	case "static_select", "external_select", "radio_buttons":
		if !set || v == "" {
			out["selected_option"] = nil
			break
		}
		o, ok := FindOption(in.Options, v)
		if !ok && in.Type != "external_select" {
			return nil, fmt.Errorf("%q is not an option of %s", v, in.BlockID)
		}
		if !ok {
			o = Option{Text: v, Value: v}
		}
		out["selected_option"] = optionObject(o)
	case "multi_static_select", "multi_external_select", "checkboxes":
		sel := []any{}
		for _, c := range splitList() {
			o, ok := FindOption(in.Options, c)
			if !ok {
				return nil, fmt.Errorf("%q is not an option of %s", c, in.BlockID)
			}
			sel = append(sel, optionObject(o))
		}
		out["selected_options"] = sel
	case "datepicker":
		nullable("selected_date")
	case "timepicker":
		nullable("selected_time")
	case "datetimepicker":
		if set && v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("%s: %q is not a unix time", in.BlockID, v)
			}
			out["selected_date_time"] = n
		} else {
			out["selected_date_time"] = nil
		}
	case "users_select":
		nullable("selected_user")
	case "conversations_select":
		nullable("selected_conversation")
	case "channels_select":
		nullable("selected_channel")
	case "multi_users_select":
		out["selected_users"] = splitList()
	case "multi_conversations_select":
		out["selected_conversations"] = splitList()
	case "multi_channels_select":
		out["selected_channels"] = splitList()
	case "rich_text_input":
		if set && v != "" {
			out["rich_text_value"] = map[string]any{"type": "rich_text", "elements": []any{
				map[string]any{"type": "rich_text_section", "elements": []any{
					map[string]any{"type": "text", "text": v},
				}},
			}}
		} else {
			out["rich_text_value"] = nil
		}
	default:
		nullable("value")
	}
	return out, nil
}

// clientCheck mirrors the checks the Slack client makes before it sends a submission at
// all, so the bot never sees what Slack would never send.
func clientCheck(in Input, v string, set bool) string {
	empty := !set || strings.TrimSpace(v) == ""
	if empty {
		if !in.Optional {
			return "Please fill out this field."
		}
		return ""
	}
	switch in.Type {
	case "plain_text_input":
		n := utf8.RuneCountInString(v)
		if in.MaxLength > 0 && n > in.MaxLength {
			return fmt.Sprintf("Please enter no more than %d characters.", in.MaxLength)
		}
		if in.MinLength > 0 && n < in.MinLength {
			return fmt.Sprintf("Please enter at least %d characters.", in.MinLength)
		}
	case "number_input":
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || (!in.Decimal && strings.ContainsAny(v, ".eE")) {
			return "Please enter a valid number."
		}
		if lo, err := strconv.ParseFloat(in.MinValue, 64); err == nil && f < lo {
			return fmt.Sprintf("Please enter a number of at least %s.", in.MinValue)
		}
		if hi, err := strconv.ParseFloat(in.MaxValue, 64); err == nil && f > hi {
			return fmt.Sprintf("Please enter a number of at most %s.", in.MaxValue)
		}
	case "email_text_input":
		if !strings.Contains(v, "@") {
			return "Please enter a valid email address."
		}
	case "datepicker":
		if len(v) != 10 || v[4] != '-' || v[7] != '-' {
			return "Please pick a date (YYYY-MM-DD)."
		}
	}
	return ""
}

// decodeAny keeps numbers as json.Number so that re-encoding leaves them unchanged.
func decodeAny(raw []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

func getStr(m map[string]any, key string) string {
	switch v := m[key].(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	case bool:
		return strconv.FormatBool(v)
	}
	return ""
}

func getBool(m map[string]any, key string) bool {
	b, _ := m[key].(bool)
	return b
}

func getInt(m map[string]any, key string) int {
	n, _ := strconv.Atoi(getStr(m, key))
	return n
}

func getObj(m map[string]any, key string) map[string]any {
	o, _ := m[key].(map[string]any)
	return o
}

func getArr(m map[string]any, key string) []any {
	a, _ := m[key].([]any)
	return a
}

func textOf(m map[string]any, key string) string { return getStr(getObj(m, key), "text") }

// --- normalisation and limits -------------------------------------------------------------

// normalize fills in the block_id of every block and the action_id of every element that
// lacks one, as Slack does before it stores or sends blocks back.
func normalize(blocks []any, newID func(prefix string) string) {
	for _, b := range blocks {
		m, ok := b.(map[string]any)
		if !ok {
			continue
		}
		if getStr(m, "block_id") == "" {
			m["block_id"] = newID("b")
		}
		var els []map[string]any
		els = append(els, elementsOf(m)...)
		if getStr(m, "type") == "input" {
			if el := getObj(m, "element"); el != nil {
				els = append(els, el)
			}
		}
		for _, el := range els {
			if getStr(el, "action_id") == "" {
				el["action_id"] = newID("a")
			}
		}
	}
}

func knownBlockType(typ string) bool {
	switch typ {
	case "section", "header", "divider", "context", "actions", "image", "input", "rich_text",
		"markdown", "file", "video", "table", "context_actions", "call":
		return true
	}
	return false
}

type limitChecker struct{ msgs []string }

func (c *limitChecker) fail(ptr, format string, args ...any) {
	c.msgs = append(c.msgs, fmt.Sprintf("[ERROR] %s [json-pointer:%s]", fmt.Sprintf(format, args...), ptr))
}

func (c *limitChecker) text(t map[string]any, ptr string, max int, plainOnly, required bool) {
	if t == nil {
		if required {
			c.fail(ptr, "must provide an object")
		}
		return
	}
	switch typ := getStr(t, "type"); typ {
	case "plain_text":
	case "mrkdwn":
		if plainOnly {
			c.fail(ptr+"/type", "must be plain_text")
		}
	default:
		c.fail(ptr+"/type", "must be plain_text or mrkdwn, got %q", typ)
	}
	s, ok := t["text"].(string)
	if !ok || s == "" {
		c.fail(ptr+"/text", "must be a non-empty string")
		return
	}
	if n := utf8.RuneCountInString(s); n > max {
		c.fail(ptr+"/text", "must be less than %d characters", max+1)
	}
}

func (c *limitChecker) maxLen(m map[string]any, key, ptr string, max int) {
	if n := utf8.RuneCountInString(getStr(m, key)); n > max {
		c.fail(ptr+"/"+key, "must be less than %d characters", max+1)
	}
}

func (c *limitChecker) blocks(blocks []any, limit int) {
	if len(blocks) > limit {
		c.fail("/blocks", "no more than %d items allowed", limit)
	}
	seen := map[string]bool{}
	for i, b := range blocks {
		ptr := fmt.Sprintf("/blocks/%d", i)
		m, ok := b.(map[string]any)
		if !ok {
			c.fail(ptr, "must be an object")
			continue
		}
		typ := getStr(m, "type")
		if !knownBlockType(typ) {
			c.fail(ptr+"/type", "unsupported block type %q", typ)
			continue
		}
		if id := getStr(m, "block_id"); id != "" {
			c.maxLen(m, "block_id", ptr, 255)
			if seen[id] {
				c.fail(ptr+"/block_id", "duplicate block_id %q", id)
			}
			seen[id] = true
		}
		switch typ {
		case "section":
			fields := getArr(m, "fields")
			if getObj(m, "text") == nil && len(fields) == 0 {
				c.fail(ptr, "must provide text or fields")
			}
			c.text(getObj(m, "text"), ptr+"/text", 3000, false, false)
			if len(fields) > 10 {
				c.fail(ptr+"/fields", "no more than 10 items allowed")
			}
			for j, f := range fields {
				fm, _ := f.(map[string]any)
				c.text(fm, fmt.Sprintf("%s/fields/%d", ptr, j), 2000, false, true)
			}
			if acc := getObj(m, "accessory"); acc != nil && interactive(getStr(acc, "type")) {
				c.element(acc, ptr+"/accessory")
			}
		case "header":
			c.text(getObj(m, "text"), ptr+"/text", 150, true, true)
		case "context":
			els := getArr(m, "elements")
			if len(els) == 0 || len(els) > 10 {
				c.fail(ptr+"/elements", "must have between 1 and 10 items")
			}
		case "actions":
			els := getArr(m, "elements")
			if len(els) == 0 || len(els) > 25 {
				c.fail(ptr+"/elements", "must have between 1 and 25 items")
			}
			for j, e := range els {
				em, _ := e.(map[string]any)
				c.element(em, fmt.Sprintf("%s/elements/%d", ptr, j))
			}
		case "image":
			if getStr(m, "image_url") == "" && getObj(m, "slack_file") == nil {
				c.fail(ptr, "must provide image_url or slack_file")
			}
			c.maxLen(m, "alt_text", ptr, 2000)
		case "input":
			c.text(getObj(m, "label"), ptr+"/label", 2000, true, true)
			c.text(getObj(m, "hint"), ptr+"/hint", 2000, true, false)
			el := getObj(m, "element")
			if el == nil {
				c.fail(ptr+"/element", "must provide an object")
			} else {
				c.element(el, ptr+"/element")
			}
		}
	}
}

func (c *limitChecker) element(el map[string]any, ptr string) {
	if el == nil {
		c.fail(ptr, "must be an object")
		return
	}
	c.maxLen(el, "action_id", ptr, 255)
	typ := getStr(el, "type")
	switch typ {
	case "button":
		c.text(getObj(el, "text"), ptr+"/text", 75, true, true)
		c.maxLen(el, "value", ptr, 2000)
		c.maxLen(el, "url", ptr, 3000)
		if st := getStr(el, "style"); st != "" && st != "primary" && st != "danger" {
			c.fail(ptr+"/style", "must be primary or danger")
		}
	case "static_select", "multi_static_select", "overflow", "radio_buttons", "checkboxes":
		opts := getArr(el, "options")
		for _, g := range getArr(el, "option_groups") {
			gm, _ := g.(map[string]any)
			opts = append(opts, getArr(gm, "options")...)
		}
		limit := 100
		if typ == "overflow" {
			limit = 5
		}
		if len(opts) == 0 || len(opts) > limit {
			c.fail(ptr+"/options", "must have between 1 and %d items", limit)
		}
		for j, o := range opts {
			om, _ := o.(map[string]any)
			optPtr := fmt.Sprintf("%s/options/%d", ptr, j)
			c.text(getObj(om, "text"), optPtr+"/text", 75, typ != "radio_buttons" && typ != "checkboxes", true)
			c.maxLen(om, "value", optPtr, 75)
		}
	case "plain_text_input":
		if getInt(el, "max_length") > 3000 {
			c.fail(ptr+"/max_length", "must be at most 3000")
		}
	case "":
		c.fail(ptr+"/type", "must provide a type")
	}
}
