package slackemu

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"slices"
	"time"
)

// Slack's limits on a response_url.
const (
	hookMaxPosts = 5
	hookLifetime = 30 * time.Minute
)

// NewResponseURL returns a response_url like the one Slack sends with a slash command of
// user in channel. Posts to it are recorded as ephemerals or channel messages.
func (s *Slack) NewResponseURL(user, channel string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.newHookLocked(user, channel, nil)
}

// newHookLocked creates a response_url; origin is the message an interaction came from, so
// that replace_original and delete_original know what to act on. Callers hold s.mu.
func (s *Slack) newHookLocked(user, channel string, origin *Target) string {
	id := s.nextID("H") + randomHex(8)
	s.hooks[id] = &hook{id: id, user: user, channel: channel, origin: origin, created: s.opts.Now()}
	return s.baseURL + "/hooks/" + id
}

type hookPost struct {
	Text            string          `json:"text"`
	Blocks          json.RawMessage `json:"blocks"`
	ResponseType    string          `json:"response_type"`
	ReplaceOriginal bool            `json:"replace_original"`
	DeleteOriginal  bool            `json:"delete_original"`
	ThreadTS        string          `json:"thread_ts"`
}

func (s *Slack) serveHook(w http.ResponseWriter, r *http.Request) {
	s.beginActivity()
	defer s.endActivity()
	id := r.PathValue("id")
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	call := Call{Method: ResponseURLMethod, Params: url.Values{"hook": {id}}, Body: body, Time: time.Now()}
	if f, ok := s.takeFault(ResponseURLMethod); ok {
		s.answerFault(w, f, &call)
		s.addCall(call)
		return
	}
	var post hookPost
	status, aerr := http.StatusOK, (*apiError)(nil)
	if err != nil || json.Unmarshal(body, &post) != nil {
		status, aerr = http.StatusBadRequest, errCode("invalid_payload")
	} else {
		for k, v := range (params{json: rawFields(body)}).flat() {
			call.Params[k] = v
		}
		status, aerr = s.applyHookPost(id, post)
	}
	out := map[string]any{"ok": aerr == nil}
	if aerr != nil {
		out["error"] = aerr.code
		call.Error = aerr.code
		if len(aerr.messages) > 0 {
			out["response_metadata"] = map[string]any{"messages": aerr.messages}
		}
	}
	b := marshal(out)
	call.Status, call.Response = status, b
	s.addCall(call)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

func rawFields(body []byte) map[string]json.RawMessage {
	var m map[string]json.RawMessage
	_ = json.Unmarshal(body, &m)
	return m
}

func (s *Slack) applyHookPost(id string, post hookPost) (int, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	h, ok := s.hooks[id]
	switch {
	case !ok:
		return http.StatusNotFound, errCode("no_service")
	case h.posts >= hookMaxPosts:
		return http.StatusNotFound, errCode("used_url")
	case s.opts.Now().Sub(h.created) > hookLifetime:
		return http.StatusNotFound, errCode("expired_url")
	}
	blocks, aerr := s.prepareBlocks(post.Blocks, 50, "invalid_blocks")
	if aerr != nil {
		return http.StatusBadRequest, aerr
	}
	// replace_original and delete_original act on the message the interaction came from;
	// a slash command has none, so there they post a new message like Slack does.
	if h.origin != nil && (post.DeleteOriginal || post.ReplaceOriginal) {
		if post.DeleteOriginal {
			if !s.deleteOrigin(h) {
				return http.StatusNotFound, errCode("message_not_found")
			}
			h.posts++
			return http.StatusOK, nil
		}
		if post.Text == "" && blocks == nil {
			return http.StatusBadRequest, errCode("no_text")
		}
		if !s.replaceOrigin(h, post.Text, blocks) {
			return http.StatusNotFound, errCode("message_not_found")
		}
		h.posts++
		return http.StatusOK, nil
	}
	if post.Text == "" && blocks == nil {
		return http.StatusBadRequest, errCode("no_text")
	}
	if post.ResponseType == "in_channel" {
		s.postLocked(h.channel, post.ThreadTS, post.Text, blocks, ResponseURLMethod, nil)
	} else {
		s.ephemeralLocked(h.user, h.channel, post.ThreadTS, post.Text, blocks, ResponseURLMethod)
	}
	h.posts++
	return http.StatusOK, nil
}

func (s *Slack) deleteOrigin(h *hook) bool {
	o := h.origin
	if !o.Ephemeral {
		m := s.findMsg(o.Channel, o.TS)
		if m == nil {
			return false
		}
		s.deleteMsg(m)
		return true
	}
	list := s.ephemerals[h.user]
	i := slices.IndexFunc(list, func(m *msgRec) bool { return m.ts == o.TS && m.channel == o.Channel })
	if i < 0 {
		return false
	}
	m := list[i]
	s.ephemerals[h.user] = slices.Delete(list, i, i+1)
	s.record(ActEphemeralDeleted, h.user, m, nil)
	return true
}

func (s *Slack) replaceOrigin(h *hook, text string, blocks json.RawMessage) bool {
	o := h.origin
	var m *msgRec
	kind := ActMessageUpdated
	if o.Ephemeral {
		m = s.findEphemeral(h.user, o.Channel, o.TS)
		kind = ActEphemeralReplaced
	} else {
		m = s.findMsg(o.Channel, o.TS)
	}
	if m == nil {
		return false
	}
	m.text, m.blocks = text, blocks
	m.updates++
	m.edited = s.opts.Now()
	user := ""
	if o.Ephemeral {
		user = h.user
	}
	s.record(kind, user, m, nil)
	return true
}
