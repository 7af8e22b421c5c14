package slackemu

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack"
)

// Workspace is the Slack side: it sends the bot what Slack would send when people use the
// app, signed with the signing secret (or as Socket Mode envelopes after UseSocketMode),
// and applies the bot's answers the way Slack does. Configure its fields before use.
type Workspace struct {
	emu *Slack
	bot string

	CommandName     string        // the slash command, "/ops"
	CommandPath     string        // "/slack/commands"
	InteractionPath string        // "/slack/interactions"
	EventPath       string        // "/slack/events"
	AckTimeout      time.Duration // Slack gives up on an ack after 3 s
	// VerificationToken fills the deprecated token field of payloads.
	VerificationToken string
	Client            *http.Client
	// RedeliverAfter is how long an events_api envelope waits for its ack over Socket Mode
	// before Slack sends it again with retry_attempt+1 (default 3 s).
	RedeliverAfter time.Duration

	// socket is set by UseSocketMode; atomic because tests click from several goroutines.
	socket atomic.Bool
}

// Reply is the bot's answer to a request from the Slack side.
type Reply struct {
	Status  int
	Header  http.Header
	Body    []byte
	Elapsed time.Duration
	// Msg is the message in a JSON body (a command's or a response's text and blocks).
	Msg *slack.Msg
	// ResponseAction and Errors come from a view_submission ack; Errors also holds the
	// client-side checks when ClientSide is set.
	ResponseAction string
	Errors         map[string]string
	// ClientSide is set when the Slack client refused the submission itself (a required
	// field empty, too long, not a number…); nothing was sent to the bot.
	ClientSide bool
	// View is the modal the user sees after a submission was applied; nil when none is open.
	View *View
	// EventID is the event_id of an event delivery.
	EventID string
	// EnvelopeID is the Socket Mode envelope that carried the request (Socket Mode only).
	EnvelopeID string
}

// AckTimeoutError means the bot took longer than Slack waits (3 s); the user would see
// "operation_timeout" and Slack would retry an event.
type AckTimeoutError struct {
	Path    string
	Elapsed time.Duration
}

func (e *AckTimeoutError) Error() string {
	return fmt.Sprintf("slackemu: operation_timeout: %s did not answer within %s", e.Path, e.Elapsed.Round(time.Millisecond))
}

// Target is what a user clicks in: a message (channel + ts; ephemeral ones are the clicking
// user's) or an open view (modal or Home tab).
type Target struct {
	Channel   string
	TS        string
	Ephemeral bool
	ViewID    string
}

func (t Target) String() string {
	switch {
	case t.ViewID != "":
		return "view " + t.ViewID
	case t.Ephemeral:
		return "ephemeral " + t.Channel + "/" + t.TS
	}
	return "message " + t.Channel + "/" + t.TS
}

// Workspace returns the Slack side sending to a bot at botBaseURL ("http://127.0.0.1:8080").
func (s *Slack) Workspace(botBaseURL string) *Workspace {
	return &Workspace{
		emu:             s,
		bot:             strings.TrimSuffix(botBaseURL, "/"),
		CommandName:     "/ops",
		CommandPath:     "/slack/commands",
		InteractionPath: "/slack/interactions",
		EventPath:       "/slack/events",
		AckTimeout:      3 * time.Second,
		Client:          &http.Client{},
		RedeliverAfter:  3 * time.Second,
	}
}

// Emulator returns the emulated Slack this workspace belongs to.
func (w *Workspace) Emulator() *Slack { return w.emu }

func (w *Workspace) user(idOrName string) (User, error) {
	u, ok := w.emu.LookupUser(idOrName)
	if !ok {
		return User{}, fmt.Errorf("slackemu: unknown user %q (AddUser first)", idOrName)
	}
	return u, nil
}

func (w *Workspace) userObj(u User) map[string]any {
	return map[string]any{"id": u.ID, "username": u.Name, "name": u.Name, "team_id": w.emu.opts.TeamID}
}

func (w *Workspace) teamObj() map[string]any {
	return map[string]any{"id": w.emu.opts.TeamID, "domain": w.emu.opts.TeamDomain}
}

// interaction returns the fields every interaction payload carries.
func (w *Workspace) interaction(typ string, u User) map[string]any {
	return map[string]any{
		"type":                  typ,
		"team":                  w.teamObj(),
		"user":                  w.userObj(u),
		"api_app_id":            w.emu.opts.AppID,
		"token":                 w.VerificationToken,
		"enterprise":            nil,
		"is_enterprise_install": false,
	}
}

// Command sends the slash command (CommandName) typed by user in channel.
// A JSON or text body in the ack is shown to the user as Slack would show it.
func (w *Workspace) Command(ctx context.Context, user, channel, text string) (*Reply, error) {
	u, err := w.user(user)
	if err != nil {
		return nil, err
	}
	if channel == "" {
		return nil, errors.New("slackemu: command needs a channel")
	}
	form := url.Values{
		"token":                 {w.VerificationToken},
		"team_id":               {w.emu.opts.TeamID},
		"team_domain":           {w.emu.opts.TeamDomain},
		"channel_id":            {channel},
		"channel_name":          {w.emu.ChannelName(channel)},
		"user_id":               {u.ID},
		"user_name":             {u.Name},
		"command":               {w.CommandName},
		"text":                  {text},
		"api_app_id":            {w.emu.opts.AppID},
		"is_enterprise_install": {"false"},
		"response_url":          {w.emu.NewResponseURL(u.ID, channel)},
		"trigger_id":            {w.emu.issueTrigger(u.ID)},
	}
	reply, err := w.deliver(ctx, w.CommandPath, "application/x-www-form-urlencoded", []byte(form.Encode()), nil)
	if err != nil {
		return reply, err
	}
	if err := w.emu.showCommandReply(u.ID, channel, reply); err != nil {
		return reply, err
	}
	return reply, nil
}

// showCommandReply displays a synchronous command answer: JSON as a message (ephemeral
// unless in_channel), plain text as an ephemeral text.
func (s *Slack) showCommandReply(user, channel string, r *Reply) error {
	body := bytes.TrimSpace(r.Body)
	if r.Status != http.StatusOK || len(body) == 0 {
		return nil
	}
	text, inChannel := string(body), false
	var blocks json.RawMessage
	if body[0] == '{' {
		var m struct {
			Text         string          `json:"text"`
			Blocks       json.RawMessage `json:"blocks"`
			ResponseType string          `json:"response_type"`
		}
		if err := json.Unmarshal(body, &m); err != nil {
			return fmt.Errorf("slackemu: command reply is not valid JSON: %w", err)
		}
		text, blocks, inChannel = m.Text, m.Blocks, m.ResponseType == slack.ResponseTypeInChannel
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	prepared, aerr := s.prepareBlocks(blocks, 50, "invalid_blocks")
	if aerr != nil {
		return fmt.Errorf("slackemu: Slack would refuse the command reply: %s %v", aerr.code, aerr.messages)
	}
	if text == "" && prepared == nil {
		return nil
	}
	if inChannel {
		s.postLocked(channel, "", text, prepared, "command_reply", nil)
	} else {
		s.ephemeralLocked(user, channel, "", text, prepared, "command_reply")
	}
	return nil
}

// Click sends the block_actions payload of user activating the element actionID in where.
// For buttons, a non-empty value picks among buttons sharing the action_id; for selects,
// overflow menus and pickers, value is what the user chose.
func (w *Workspace) Click(ctx context.Context, user string, where Target, actionID, value string) (*Reply, error) {
	u, err := w.user(user)
	if err != nil {
		return nil, err
	}
	payload, err := w.emu.blockActions(w, u, where, actionID, value)
	if err != nil {
		return nil, err
	}
	return w.postPayload(ctx, payload)
}

// ClickButton clicks the button whose text (case-insensitive) or action_id is key.
func (w *Workspace) ClickButton(ctx context.Context, user string, where Target, key string) (*Reply, error) {
	var buttons []Button
	if where.ViewID != "" {
		v, ok := w.emu.ViewByID(where.ViewID)
		if !ok {
			return nil, fmt.Errorf("slackemu: no %s", where)
		}
		buttons = v.Buttons()
	} else {
		m, ok := w.emu.findTarget(user, where)
		if !ok {
			return nil, fmt.Errorf("slackemu: no %s", where)
		}
		buttons = m.Buttons()
	}
	var byText, byID []Button
	for _, b := range buttons {
		if strings.EqualFold(b.Text, key) {
			byText = append(byText, b)
		}
		if b.ActionID == key {
			byID = append(byID, b)
		}
	}
	pick := byText
	if len(pick) == 0 {
		pick = byID
	}
	switch len(pick) {
	case 0:
		return nil, fmt.Errorf("slackemu: no button %q in %s (buttons: %s)", key, where, describeButtons(buttons))
	case 1:
		return w.Click(ctx, user, where, pick[0].ActionID, pick[0].Value)
	}
	return nil, fmt.Errorf("slackemu: %d buttons match %q in %s; use Click with a value", len(pick), key, where)
}

func describeButtons(bs []Button) string {
	var parts []string
	for _, b := range bs {
		parts = append(parts, fmt.Sprintf("%q(%s=%s)", b.Text, b.ActionID, b.Value))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

func (s *Slack) findTarget(user string, t Target) (Message, bool) {
	if u, ok := s.LookupUser(user); ok {
		user = u.ID
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var m *msgRec
	if t.Ephemeral {
		m = s.findEphemeral(user, t.Channel, t.TS)
	} else {
		m = s.findMsg(t.Channel, t.TS)
	}
	if m == nil {
		return Message{}, false
	}
	return m.snapshot(), true
}

// blockActions builds a block_actions payload the way Slack does.
func (s *Slack) blockActions(w *Workspace, u User, where Target, actionID, value string) (map[string]any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := w.interaction("block_actions", u)
	var blocks json.RawMessage
	if where.ViewID != "" {
		v, ok := s.views[where.ViewID]
		if !ok || !s.isOpen(v) {
			return nil, fmt.Errorf("slackemu: %s is not open", where)
		}
		if v.user != u.ID {
			return nil, fmt.Errorf("slackemu: %s belongs to %s, not %s", where, v.user, u.ID)
		}
		p["container"] = map[string]any{"type": "view", "view_id": v.id}
		p["view"] = s.viewObject(v, nil)
		blocks = marshal(v.obj["blocks"])
	} else {
		var m *msgRec
		if where.Ephemeral {
			m = s.findEphemeral(u.ID, where.Channel, where.TS)
		} else {
			m = s.findMsg(where.Channel, where.TS)
		}
		if m == nil {
			return nil, fmt.Errorf("slackemu: %s not found for %s", where, u.ID)
		}
		if owner, dm := s.dmUser[m.channel]; dm && owner != u.ID {
			return nil, fmt.Errorf("slackemu: %s is in the DM of %s; %s cannot see it", where, owner, u.ID)
		}
		p["container"] = map[string]any{
			"type": "message", "message_ts": m.ts, "channel_id": m.channel, "is_ephemeral": m.ephemeral,
		}
		p["channel"] = map[string]any{"id": m.channel, "name": s.channelNameLocked(m.channel)}
		// Slack leaves the message out of payloads from ephemeral messages: a bot cannot
		// read back what it showed there.
		if !m.ephemeral {
			p["message"] = s.messageJSON(m)
		}
		p["state"] = map[string]any{"values": map[string]any{}}
		origin := Target{Channel: m.channel, TS: m.ts, Ephemeral: m.ephemeral}
		p["response_url"] = s.newHookLocked(u.ID, m.channel, &origin)
		blocks = m.blocks
	}
	action, err := findAction(blocks, actionID, value)
	if err != nil {
		return nil, fmt.Errorf("slackemu: %s: %w", where, err)
	}
	action["action_ts"] = s.nextTS()
	p["actions"] = []any{action}
	p["trigger_id"] = s.issueTriggerLocked(u.ID)
	return p, nil
}

func findAction(blocks json.RawMessage, actionID, value string) (map[string]any, error) {
	var all []Button
	for _, b := range blockList(blocks) {
		for _, el := range elementsOf(b) {
			d := describeElement(getStr(b, "block_id"), el)
			all = append(all, d)
			if d.ActionID != actionID || (d.Type == "button" && value != "" && d.Value != value) {
				continue
			}
			a := map[string]any{"action_id": d.ActionID, "block_id": d.BlockID, "type": d.Type}
			switch d.Type {
			case "button":
				a["text"] = el["text"]
				if d.Value != "" {
					a["value"] = d.Value
				}
				if d.Style != "" {
					a["style"] = d.Style
				}
			case "static_select", "overflow", "radio_buttons", "external_select":
				o, ok := FindOption(d.Options, value)
				if !ok && d.Type != "external_select" {
					return nil, fmt.Errorf("%q is not an option of %s (options: %v)", value, actionID, d.Options)
				}
				if !ok {
					o = Option{Text: value, Value: value}
				}
				a["selected_option"] = optionObject(o)
			case "multi_static_select", "checkboxes":
				in := Input{BlockID: d.BlockID, Type: d.Type, Options: d.Options}
				sv, err := stateValue(in, value, true)
				if err != nil {
					return nil, err
				}
				a["selected_options"] = sv["selected_options"]
			case "users_select":
				a["selected_user"] = value
			case "conversations_select":
				a["selected_conversation"] = value
			case "channels_select":
				a["selected_channel"] = value
			case "datepicker":
				a["selected_date"] = value
			case "timepicker":
				a["selected_time"] = value
			default:
				a["value"] = value
			}
			return a, nil
		}
	}
	return nil, fmt.Errorf("no element with action_id %q (value %q); elements: %s", actionID, value, describeButtons(all))
}

func (s *Slack) issueTriggerLocked(user string) string {
	s.counter++
	id := fmt.Sprintf("%d.%d.%s", 1000000+s.counter, 47445629121, randomHex(16))
	s.triggers[id] = &trigger{user: user, issued: s.opts.Now()}
	return id
}

// Submit sends the view_submission of user for the modal viewID. values is keyed by input
// block_id; inputs not in values keep what the user entered before (Slack keeps it after
// an errors ack), else their initial value. The ack is applied like Slack
// applies it: empty closes the modal, errors keeps it and fills Reply.Errors, update
// replaces it, push stacks one, clear closes all.
func (w *Workspace) Submit(ctx context.Context, user, viewID string, values map[string]string) (*Reply, error) {
	u, err := w.user(user)
	if err != nil {
		return nil, err
	}
	payload, clientErrs, err := w.emu.submission(w, u, viewID, values)
	if err != nil {
		return nil, err
	}
	if len(clientErrs) > 0 {
		r := &Reply{Errors: clientErrs, ClientSide: true}
		if v, ok := w.emu.TopView(u.ID); ok {
			r.View = &v
		}
		return r, nil
	}
	reply, err := w.postPayload(ctx, payload)
	if err != nil {
		return reply, err
	}
	if reply.Status != http.StatusOK {
		// Slack keeps the modal and tells the user it had trouble connecting.
		return reply, nil
	}
	return reply, w.emu.applyAck(u.ID, viewID, reply)
}

func (s *Slack) submission(w *Workspace, u User, viewID string, values map[string]string) (map[string]any, map[string]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.stacks[u.ID]
	if len(st) == 0 || st[len(st)-1] != viewID {
		return nil, nil, fmt.Errorf("slackemu: view %s is not the modal %s is looking at (stack %v)", viewID, u.ID, st)
	}
	v := s.views[viewID]
	inputs := InputsIn(marshal(v.obj["blocks"]))
	known := map[string]bool{}
	for _, in := range inputs {
		known[in.BlockID] = true
	}
	for k := range values {
		if !known[k] {
			return nil, nil, fmt.Errorf("slackemu: view %s has no input block %q", viewID, k)
		}
	}
	if v.typed == nil {
		v.typed = map[string]string{}
	}
	for k, val := range values {
		v.typed[k] = val
	}
	s.touch()
	state := map[string]any{}
	clientErrs := map[string]string{}
	for _, in := range inputs {
		val, set := v.typed[in.BlockID]
		if !set {
			val, set = in.Initial, in.HasInitial
		}
		if msg := clientCheck(in, val, set); msg != "" {
			clientErrs[in.BlockID] = msg
			continue
		}
		sv, err := stateValue(in, val, set)
		if err != nil {
			delete(v.typed, in.BlockID)
			return nil, nil, fmt.Errorf("slackemu: %w", err)
		}
		state[in.BlockID] = map[string]any{in.ActionID: sv}
	}
	if len(clientErrs) > 0 {
		return nil, clientErrs, nil
	}
	p := w.interaction("view_submission", u)
	p["trigger_id"] = s.issueTriggerLocked(u.ID)
	p["view"] = s.viewObject(v, map[string]any{"values": state})
	p["response_urls"] = []any{}
	return p, nil, nil
}

// applyAck applies a view_submission ack to the modal stack of user.
func (s *Slack) applyAck(user, viewID string, r *Reply) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	defer func() {
		if st := s.stacks[user]; len(st) > 0 {
			v := s.viewSnapshot(s.views[st[len(st)-1]])
			r.View = &v
		}
	}()
	st := s.stacks[user]
	if len(st) == 0 || st[len(st)-1] != viewID {
		// The bot already replaced or closed the modal through the Web API.
		return nil
	}
	body := bytes.TrimSpace(r.Body)
	if len(body) == 0 || string(body) == "{}" {
		s.popLocked(user)
		return nil
	}
	var ack struct {
		ResponseAction string            `json:"response_action"`
		Errors         map[string]string `json:"errors"`
		View           json.RawMessage   `json:"view"`
	}
	if err := json.Unmarshal(body, &ack); err != nil {
		return fmt.Errorf("slackemu: view_submission ack is not JSON (Slack shows an error): %q", body)
	}
	v := s.views[viewID]
	switch ack.ResponseAction {
	case "errors":
		inputs := map[string]bool{}
		for _, in := range InputsIn(marshal(v.obj["blocks"])) {
			inputs[in.BlockID] = true
		}
		for k := range ack.Errors {
			if !inputs[k] {
				return fmt.Errorf("slackemu: errors key %q is not an input block_id of view %s (Slack shows a generic error)", k, viewID)
			}
		}
		r.Errors = ack.Errors
	case "update":
		obj, aerr := s.prepareView(ack.View, "modal")
		if aerr != nil {
			return fmt.Errorf("slackemu: response_action update: %s %v", aerr.code, aerr.messages)
		}
		s.replaceLocked(v, obj)
	case "push":
		obj, aerr := s.prepareView(ack.View, "modal")
		if aerr != nil {
			return fmt.Errorf("slackemu: response_action push: %s %v", aerr.code, aerr.messages)
		}
		if _, aerr := s.pushLocked(user, obj); aerr != nil {
			return fmt.Errorf("slackemu: response_action push: %s", aerr.code)
		}
	case "clear":
		for len(s.stacks[user]) > 0 {
			s.popLocked(user)
		}
	default:
		return fmt.Errorf("slackemu: unknown response_action %q (Slack shows an error)", ack.ResponseAction)
	}
	return nil
}

// Close is user dismissing the modal viewID (Cancel or ×). The bot hears about it only when
// the view asked with notify_on_close; otherwise the reply is nil.
func (w *Workspace) Close(ctx context.Context, user, viewID string) (*Reply, error) {
	u, err := w.user(user)
	if err != nil {
		return nil, err
	}
	payload, err := w.emu.closeView(w, u, viewID)
	if err != nil || payload == nil {
		return nil, err
	}
	return w.postPayload(ctx, payload)
}

func (s *Slack) closeView(w *Workspace, u User, viewID string) (map[string]any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.stacks[u.ID]
	if len(st) == 0 || st[len(st)-1] != viewID {
		return nil, fmt.Errorf("slackemu: view %s is not the modal %s is looking at", viewID, u.ID)
	}
	v := s.views[viewID]
	obj := s.viewObject(v, nil)
	cleared := getBool(v.obj, "clear_on_close")
	if cleared {
		for len(s.stacks[u.ID]) > 0 {
			s.popLocked(u.ID)
		}
	} else {
		s.popLocked(u.ID)
	}
	if !getBool(v.obj, "notify_on_close") {
		return nil, nil
	}
	p := w.interaction("view_closed", u)
	p["view"] = obj
	p["is_cleared"] = cleared
	return p, nil
}

func (w *Workspace) postPayload(ctx context.Context, payload map[string]any) (*Reply, error) {
	form := url.Values{"payload": {string(marshal(payload))}}
	return w.deliver(ctx, w.InteractionPath, "application/x-www-form-urlencoded", []byte(form.Encode()), nil)
}

// Event delivers an event_callback with a fresh event_id; event["type"] is set to eventType.
func (w *Workspace) Event(ctx context.Context, eventType string, event map[string]any) (*Reply, error) {
	w.emu.mu.Lock()
	id := "Ev" + strings.ToUpper(w.emu.nextID("E")[1:]) + strings.ToUpper(randomHex(3))
	w.emu.mu.Unlock()
	return w.EventWithID(ctx, id, 0, "", eventType, event)
}

// EventWithID delivers an event_callback with a given event_id; a retryNum above zero adds
// the X-Slack-Retry-Num and X-Slack-Retry-Reason headers of a redelivery.
func (w *Workspace) EventWithID(ctx context.Context, eventID string, retryNum int, retryReason string, eventType string, event map[string]any) (*Reply, error) {
	ev := maps.Clone(event)
	if ev == nil {
		ev = map[string]any{}
	}
	ev["type"] = eventType
	now := time.Now()
	if _, ok := ev["event_ts"]; !ok {
		ev["event_ts"] = fmt.Sprintf("%d.%06d", now.Unix(), now.Nanosecond()/1000)
	}
	body := marshal(map[string]any{
		"token":      w.VerificationToken,
		"team_id":    w.emu.opts.TeamID,
		"api_app_id": w.emu.opts.AppID,
		"event":      ev,
		"type":       "event_callback",
		"event_id":   eventID,
		"event_time": now.Unix(),
		"authorizations": []any{map[string]any{
			"enterprise_id": nil, "team_id": w.emu.opts.TeamID, "user_id": w.emu.opts.BotUserID,
			"is_bot": true, "is_enterprise_install": false,
		}},
		"is_ext_shared_channel": false,
		"event_context":         "4-" + randomHex(12),
	})
	var hdr http.Header
	if retryNum > 0 {
		hdr = http.Header{}
		hdr.Set("X-Slack-Retry-Num", strconv.Itoa(retryNum))
		hdr.Set("X-Slack-Retry-Reason", retryReason)
	}
	reply, err := w.deliver(ctx, w.EventPath, "application/json", body, hdr)
	if reply != nil {
		reply.EventID = eventID
	}
	return reply, err
}

// AppHomeOpened is user opening the app's Home tab.
func (w *Workspace) AppHomeOpened(ctx context.Context, user string) (*Reply, error) {
	u, err := w.user(user)
	if err != nil {
		return nil, err
	}
	ev := map[string]any{"user": u.ID, "channel": w.emu.DMChannel(u.ID), "tab": "home"}
	if v, ok := w.emu.HomeView(u.ID); ok {
		ev["view"] = json.RawMessage(v.JSON)
	}
	return w.Event(ctx, "app_home_opened", ev)
}

// URLVerification sends the handshake Slack makes when the events URL is configured.
func (w *Workspace) URLVerification(ctx context.Context, challenge string) (*Reply, error) {
	body := marshal(map[string]any{"token": w.VerificationToken, "challenge": challenge, "type": "url_verification"})
	return w.deliver(ctx, w.EventPath, "application/json", body, nil)
}

func (w *Workspace) deliver(ctx context.Context, path, contentType string, body []byte, hdr http.Header) (*Reply, error) {
	if w.SocketMode() {
		return w.deliverSocket(ctx, path, body, hdr)
	}
	w.emu.beginActivity()
	defer w.emu.endActivity()
	actx, cancel := context.WithTimeout(ctx, w.AckTimeout)
	defer cancel()
	req, err := SignedRequest(actx, w.bot+path, w.emu.opts.SigningSecret, contentType, body, time.Now())
	if err != nil {
		return nil, err
	}
	for k, v := range hdr {
		req.Header[k] = v
	}
	start := time.Now()
	resp, err := w.Client.Do(req)
	elapsed := time.Since(start)
	if err != nil {
		if ctx.Err() == nil && errors.Is(actx.Err(), context.DeadlineExceeded) {
			return &Reply{Elapsed: elapsed}, &AckTimeoutError{Path: path, Elapsed: elapsed}
		}
		return nil, fmt.Errorf("slackemu: post %s: %w", path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return nil, fmt.Errorf("slackemu: read answer of %s: %w", path, err)
	}
	r := &Reply{Status: resp.StatusCode, Header: resp.Header, Body: b, Elapsed: time.Since(start)}
	r.parse()
	return r, nil
}

func (r *Reply) parse() {
	body := bytes.TrimSpace(r.Body)
	if len(body) == 0 || body[0] != '{' {
		return
	}
	var ack struct {
		ResponseAction string            `json:"response_action"`
		Errors         map[string]string `json:"errors"`
		Text           *string           `json:"text"`
		Blocks         json.RawMessage   `json:"blocks"`
		ResponseType   string            `json:"response_type"`
	}
	if json.Unmarshal(body, &ack) != nil {
		return
	}
	r.ResponseAction, r.Errors = ack.ResponseAction, ack.Errors
	if ack.Text != nil || ack.Blocks != nil || ack.ResponseType != "" {
		var m slack.Msg
		if json.Unmarshal(body, &m) == nil {
			r.Msg = &m
		}
	}
}
