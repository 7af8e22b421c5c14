package slackemu

import (
	"bytes"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"
)

const maxBody = 8 << 20

type apiError struct {
	code     string
	messages []string
}

func errCode(code string, messages ...string) *apiError {
	return &apiError{code: code, messages: messages}
}

// params reads a Web API request the way Slack does: form fields or a JSON object.
type params struct {
	form url.Values
	json map[string]json.RawMessage
}

func parseParams(r *http.Request, body []byte) (params, error) {
	p := params{form: url.Values{}}
	for k, v := range r.URL.Query() {
		p.form[k] = v
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch {
	case ct == "application/json":
		if len(bytes.TrimSpace(body)) == 0 {
			return p, nil
		}
		if err := json.Unmarshal(body, &p.json); err != nil {
			return p, fmt.Errorf("parse JSON body: %w", err)
		}
	case len(body) > 0:
		vals, err := url.ParseQuery(string(body))
		if err != nil {
			return p, fmt.Errorf("parse form body: %w", err)
		}
		for k, v := range vals {
			p.form[k] = v
		}
	}
	return p, nil
}

func (p params) has(name string) bool {
	if _, ok := p.json[name]; ok {
		return true
	}
	_, ok := p.form[name]
	return ok
}

func (p params) str(name string) string {
	if r, ok := p.json[name]; ok {
		var s string
		if json.Unmarshal(r, &s) == nil {
			return s
		}
		if string(r) == "null" {
			return ""
		}
		return string(r)
	}
	return p.form.Get(name)
}

// raw returns a JSON-valued parameter (blocks, view, files) whether it came as a JSON value,
// a JSON string inside JSON, or a form field.
func (p params) raw(name string) json.RawMessage {
	if r, ok := p.json[name]; ok {
		var s string
		if json.Unmarshal(r, &s) == nil {
			return json.RawMessage(s)
		}
		return r
	}
	if v := p.form.Get(name); v != "" {
		return json.RawMessage(v)
	}
	return nil
}

func (p params) flat() url.Values {
	out := url.Values{}
	for k, v := range p.form {
		if k != "token" {
			out[k] = append([]string(nil), v...)
		}
	}
	for k := range p.json {
		if k != "token" {
			out.Set(k, p.str(k))
		}
	}
	return out
}

func (s *Slack) serveAPI(w http.ResponseWriter, r *http.Request) {
	s.beginActivity()
	defer s.endActivity()
	method := r.PathValue("method")
	call := Call{Method: method, Time: time.Now()}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	p, perr := parseParams(r, body)
	call.Params = p.flat()
	if p.json != nil {
		call.Body = json.RawMessage(body)
	}
	if f, ok := s.takeFault(method); ok {
		s.answerFault(w, f, &call)
		s.addCall(call)
		return
	}
	var res map[string]any
	var aerr *apiError
	switch {
	case err != nil || perr != nil:
		aerr = errCode("invalid_form_data")
	case method == appsConnectionsOpen:
		// The one method that takes the app-level token instead of the bot token.
		res, aerr = s.appsConnectionsOpen(r)
	case !s.authorized(r, p):
		aerr = errCode("invalid_auth")
	default:
		res, aerr = s.dispatch(method, p, r)
	}
	out := map[string]any{"ok": aerr == nil}
	if aerr != nil {
		out["error"] = aerr.code
		call.Error = aerr.code
		if len(aerr.messages) > 0 {
			out["response_metadata"] = map[string]any{"messages": aerr.messages}
		}
	}
	for k, v := range res {
		out[k] = v
	}
	b := marshal(out)
	call.Status = http.StatusOK
	call.Response = b
	s.addCall(call)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(b)
}

func (s *Slack) addCall(c Call) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, c)
	s.touch()
}

func (s *Slack) answerFault(w http.ResponseWriter, f fault, call *Call) {
	call.Injected = true
	call.Status = f.status
	var b []byte
	switch {
	case f.slackError != "":
		call.Error = f.slackError
		b = marshal(map[string]any{"ok": false, "error": f.slackError})
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
	case f.status == http.StatusTooManyRequests:
		call.Error = "ratelimited"
		secs := max(1, int(math.Ceil(f.retryAfter.Seconds())))
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		b = marshal(map[string]any{"ok": false, "error": "ratelimited"})
	default:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		b = fmt.Appendf(nil, "<html><body><h1>%d %s</h1>emulated failure</body></html>", f.status, http.StatusText(f.status))
	}
	call.Response = b
	w.WriteHeader(f.status)
	_, _ = w.Write(b)
}

func (s *Slack) authorized(r *http.Request, p params) bool {
	tok := p.str("token")
	if h, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		tok = h
	}
	if s.opts.BotToken == "" {
		return tok != ""
	}
	return subtle.ConstantTimeCompare([]byte(tok), []byte(s.opts.BotToken)) == 1
}

func (s *Slack) dispatch(method string, p params, r *http.Request) (map[string]any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch method {
	case "auth.test":
		return s.authTest()
	case "chat.postMessage":
		return s.chatPostMessage(p)
	case "chat.update":
		return s.chatUpdate(p)
	case "chat.postEphemeral":
		return s.chatPostEphemeral(p)
	case "chat.delete":
		return s.chatDelete(p)
	case "conversations.open":
		return s.conversationsOpen(p)
	case "users.info":
		return s.usersInfo(p)
	case "views.open":
		return s.viewsOpen(p)
	case "views.push":
		return s.viewsPush(p)
	case "views.update":
		return s.viewsUpdate(p)
	case "views.publish":
		return s.viewsPublish(p)
	case "files.getUploadURLExternal":
		return s.filesGetUploadURL(p, r)
	case "files.completeUploadExternal":
		return s.filesComplete(p)
	case "files.info":
		return s.filesInfo(p)
	}
	return nil, errCode("unknown_method")
}

func (s *Slack) authTest() (map[string]any, *apiError) {
	return map[string]any{
		"url":                   "https://" + s.opts.TeamDomain + ".slack.com/",
		"team":                  s.opts.TeamDomain,
		"user":                  s.opts.BotName,
		"team_id":               s.opts.TeamID,
		"user_id":               s.opts.BotUserID,
		"bot_id":                s.opts.BotID,
		"is_enterprise_install": false,
	}, nil
}

// resolveChannel turns what a bot may pass as a channel into the channel id; a user id
// means the DM with that user, as in Slack. Callers hold s.mu.
func (s *Slack) resolveChannel(ch string) (string, *apiError) {
	switch {
	case ch == "":
		return "", errCode("channel_not_found")
	case strings.HasPrefix(ch, "#"):
		for id, name := range s.channels {
			if name == ch[1:] {
				return id, nil
			}
		}
		return "", errCode("channel_not_found")
	case ch[0] == 'U' || ch[0] == 'W':
		if _, ok := s.userLocked(ch); !ok {
			return "", errCode("channel_not_found")
		}
		dm := s.dmLocked(ch)
		s.dmOpen[dm] = true
		return dm, nil
	case ch[0] == 'D':
		if _, ok := s.dmUser[ch]; !ok {
			return "", errCode("channel_not_found")
		}
	}
	return ch, nil
}

// prepareBlocks normalises and checks a blocks parameter; callers hold s.mu.
func (s *Slack) prepareBlocks(raw json.RawMessage, limit int, code string) (json.RawMessage, *apiError) {
	if len(bytes.TrimSpace(raw)) == 0 || string(raw) == "null" {
		return nil, nil
	}
	v, err := decodeAny(raw)
	arr, ok := v.([]any)
	if err != nil || !ok {
		return nil, errCode(code, "[ERROR] must be an array [json-pointer:/blocks]")
	}
	if len(arr) == 0 {
		return nil, nil
	}
	normalize(arr, s.newElemID)
	var c limitChecker
	c.blocks(arr, limit)
	if len(c.msgs) > 0 {
		return nil, errCode(code, c.msgs...)
	}
	out := marshal(arr)
	if err := checkParses(out); err != nil {
		return nil, errCode(code, "[ERROR] "+err.Error()+" [json-pointer:/blocks]")
	}
	return out, nil
}

func (s *Slack) newElemID(prefix string) string {
	s.counter++
	return fmt.Sprintf("%s%d", prefix, s.counter)
}

func (s *Slack) messageJSON(m *msgRec) map[string]any {
	out := map[string]any{"type": "message", "text": m.text, "ts": m.ts, "user": m.user, "team": s.opts.TeamID}
	if m.botID != "" {
		out["bot_id"] = m.botID
		out["app_id"] = s.opts.AppID
	}
	if len(m.blocks) > 0 {
		out["blocks"] = json.RawMessage(m.blocks)
	}
	if m.threadTS != "" {
		out["thread_ts"] = m.threadTS
	}
	if len(m.files) > 0 {
		var fs []any
		for _, id := range m.files {
			if f, ok := s.files[id]; ok {
				fs = append(fs, map[string]any{"id": f.ID, "name": f.Name, "title": f.Title})
			}
		}
		out["files"] = fs
		out["upload"] = false
	}
	return out
}

func (s *Slack) chatPostMessage(p params) (map[string]any, *apiError) {
	ch, aerr := s.resolveChannel(p.str("channel"))
	if aerr != nil {
		return nil, aerr
	}
	blocks, aerr := s.prepareBlocks(p.raw("blocks"), 50, "invalid_blocks")
	if aerr != nil {
		return nil, aerr
	}
	text := p.str("text")
	if text == "" && blocks == nil && !p.has("attachments") {
		return nil, errCode("no_text")
	}
	m := s.postLocked(ch, p.str("thread_ts"), text, blocks, "chat.postMessage", nil)
	return map[string]any{"channel": ch, "ts": m.ts, "message": s.messageJSON(m)}, nil
}

func (s *Slack) chatUpdate(p params) (map[string]any, *apiError) {
	ch, aerr := s.resolveChannel(p.str("channel"))
	if aerr != nil {
		return nil, aerr
	}
	m := s.findMsg(ch, p.str("ts"))
	if m == nil {
		return nil, errCode("message_not_found")
	}
	if m.botID != s.opts.BotID {
		return nil, errCode("cant_update_message")
	}
	text, blocks := m.text, m.blocks
	if p.has("blocks") {
		if blocks, aerr = s.prepareBlocks(p.raw("blocks"), 50, "invalid_blocks"); aerr != nil {
			return nil, aerr
		}
	}
	if p.has("text") {
		text = p.str("text")
	}
	if text == "" && blocks == nil {
		return nil, errCode("no_text")
	}
	m.text, m.blocks = text, blocks
	m.updates++
	m.edited = s.opts.Now()
	s.record(ActMessageUpdated, "", m, nil)
	return map[string]any{"channel": ch, "ts": m.ts, "text": m.text, "message": s.messageJSON(m)}, nil
}

func (s *Slack) chatPostEphemeral(p params) (map[string]any, *apiError) {
	ch, aerr := s.resolveChannel(p.str("channel"))
	if aerr != nil {
		return nil, aerr
	}
	user := p.str("user")
	if _, ok := s.userLocked(user); !ok {
		return nil, errCode("user_not_found")
	}
	blocks, aerr := s.prepareBlocks(p.raw("blocks"), 50, "invalid_blocks")
	if aerr != nil {
		return nil, aerr
	}
	text := p.str("text")
	if text == "" && blocks == nil && !p.has("attachments") {
		return nil, errCode("no_text")
	}
	m := s.ephemeralLocked(user, ch, p.str("thread_ts"), text, blocks, "chat.postEphemeral")
	return map[string]any{"message_ts": m.ts}, nil
}

func (s *Slack) chatDelete(p params) (map[string]any, *apiError) {
	ch, aerr := s.resolveChannel(p.str("channel"))
	if aerr != nil {
		return nil, aerr
	}
	ts := p.str("ts")
	m := s.findMsg(ch, ts)
	if m == nil {
		return nil, errCode("message_not_found")
	}
	if m.botID != s.opts.BotID {
		return nil, errCode("cant_delete_message")
	}
	s.deleteMsg(m)
	return map[string]any{"channel": ch, "ts": ts}, nil
}

// deleteMsg removes a channel message and records it; callers hold s.mu.
func (s *Slack) deleteMsg(m *msgRec) {
	list := s.messages[m.channel]
	for i, x := range list {
		if x == m {
			s.messages[m.channel] = append(list[:i:i], list[i+1:]...)
			break
		}
	}
	s.record(ActMessageDeleted, "", m, nil)
}

func (s *Slack) conversationsOpen(p params) (map[string]any, *apiError) {
	if ch := p.str("channel"); ch != "" {
		u, ok := s.dmUser[ch]
		if !ok {
			return nil, errCode("channel_not_found")
		}
		return map[string]any{"channel": map[string]any{"id": ch, "is_im": true, "user": u}, "already_open": s.dmOpen[ch], "no_op": s.dmOpen[ch]}, nil
	}
	var users []string
	for _, u := range strings.Split(p.str("users"), ",") {
		if u = strings.TrimSpace(u); u != "" {
			users = append(users, u)
		}
	}
	if len(users) == 0 {
		return nil, errCode("users_list_not_supplied")
	}
	if len(users) > 8 {
		return nil, errCode("too_many_users")
	}
	for _, u := range users {
		if _, ok := s.userLocked(u); !ok {
			return nil, errCode("user_not_found")
		}
	}
	if len(users) > 1 {
		id := "G" + strings.Join(users, "")
		return map[string]any{"channel": map[string]any{"id": id, "is_mpim": true}}, nil
	}
	dm := s.dmLocked(users[0])
	already := s.dmOpen[dm]
	s.dmOpen[dm] = true
	return map[string]any{
		"channel":      map[string]any{"id": dm, "is_im": true, "user": users[0], "created": s.opts.Now().Unix()},
		"already_open": already,
		"no_op":        already,
	}, nil
}

func (s *Slack) usersInfo(p params) (map[string]any, *apiError) {
	u, ok := s.userLocked(p.str("user"))
	if !ok {
		return nil, errCode("user_not_found")
	}
	user := map[string]any{
		"id":        u.ID,
		"team_id":   s.opts.TeamID,
		"name":      u.Name,
		"real_name": u.RealName,
		"deleted":   false,
		"is_bot":    u.IsBot,
		"is_admin":  false,
		"updated":   s.opts.Now().Unix(),
		"profile": map[string]any{
			"real_name":    u.RealName,
			"display_name": u.Name,
			"title":        u.Title,
			"team":         s.opts.TeamID,
		},
	}
	if u.TZ != "" {
		user["tz"] = u.TZ
		if loc, err := time.LoadLocation(u.TZ); err == nil {
			label, off := s.opts.Now().In(loc).Zone()
			user["tz_label"] = label
			user["tz_offset"] = off
		}
	}
	if p.str("include_locale") != "false" && u.Locale != "" {
		user["locale"] = u.Locale
	}
	return map[string]any{"user": user}, nil
}

func checkParses(blocks []byte) error {
	var parsed slack.Blocks
	if err := json.Unmarshal(blocks, &parsed); err != nil {
		return fmt.Errorf("slack-go cannot parse the blocks: %w", err)
	}
	return nil
}

func marshal(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	// Slack text is full of <@U123> and <url|label>; keep it readable in recorded JSON.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// Every value marshalled here is built from decoded JSON and plain types.
		panic(fmt.Sprintf("slackemu: marshal: %v", err))
	}
	return bytes.TrimRight(buf.Bytes(), "\n")
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(errors.New("slackemu: crypto/rand failed"))
	}
	return hex.EncodeToString(b)
}
