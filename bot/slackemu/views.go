package slackemu

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/slack-go/slack"
)

const maxStack = 3

// prepareView normalises and checks a view object; callers hold s.mu.
func (s *Slack) prepareView(raw json.RawMessage, want string) (map[string]any, *apiError) {
	v, err := decodeAny(raw)
	obj, ok := v.(map[string]any)
	if err != nil || !ok {
		return nil, errCode("invalid_arguments", "[ERROR] must provide an object [json-pointer:/view]")
	}
	var c limitChecker
	typ := getStr(obj, "type")
	if typ != want {
		c.fail("/view/type", "must be %q", want)
	}
	blocks, ok := obj["blocks"].([]any)
	if !ok {
		c.fail("/view/blocks", "must provide an array")
	}
	normalize(blocks, s.newElemID)
	c.blocks(blocks, 100)
	if typ == "modal" {
		c.text(getObj(obj, "title"), "/view/title", 24, true, true)
		c.text(getObj(obj, "submit"), "/view/submit", 24, true, false)
		c.text(getObj(obj, "close"), "/view/close", 24, true, false)
		if getObj(obj, "submit") == nil && slices.ContainsFunc(blocks, func(b any) bool {
			m, _ := b.(map[string]any)
			return getStr(m, "type") == "input"
		}) {
			c.fail("/view/submit", "must provide submit when the view has input blocks")
		}
	}
	c.maxLen(obj, "private_metadata", "/view", 3000)
	c.maxLen(obj, "callback_id", "/view", 255)
	c.maxLen(obj, "external_id", "/view", 255)
	if len(c.msgs) > 0 {
		return nil, errCode("invalid_arguments", c.msgs...)
	}
	var probe slack.ModalViewRequest
	if err := json.Unmarshal(marshal(obj), &probe); err != nil {
		return nil, errCode("invalid_arguments", "[ERROR] slack-go cannot parse the view: "+err.Error())
	}
	return obj, nil
}

func (s *Slack) newHash() string {
	return fmt.Sprintf("%d.%s", s.opts.Now().Unix(), randomHex(4))
}

// currentState is the state Slack holds for a view: what the user typed, else the
// initial values.
func currentState(blocks json.RawMessage, typed map[string]string) map[string]any {
	values := map[string]any{}
	for _, in := range InputsIn(blocks) {
		val, set := typed[in.BlockID]
		if !set {
			val, set = in.Initial, in.HasInitial
		}
		sv, err := stateValue(in, val, set)
		if err != nil {
			sv = map[string]any{"type": in.Type}
		}
		values[in.BlockID] = map[string]any{in.ActionID: sv}
	}
	return map[string]any{"values": values}
}

// viewObject is the view as Slack returns it from views.* and puts it in payloads.
func (s *Slack) viewObject(v *viewRec, state map[string]any) map[string]any {
	out := map[string]any{}
	for k, x := range v.obj {
		out[k] = x
	}
	defaults := map[string]any{
		"private_metadata": "", "callback_id": "", "external_id": "",
		"clear_on_close": false, "notify_on_close": false,
	}
	for k, x := range defaults {
		if _, ok := out[k]; !ok {
			out[k] = x
		}
	}
	if state == nil {
		state = currentState(marshal(v.obj["blocks"]), v.typed)
	}
	out["id"] = v.id
	out["team_id"] = s.opts.TeamID
	out["state"] = state
	out["hash"] = v.hash
	out["root_view_id"] = nilIfEmpty(v.root)
	out["previous_view_id"] = nilIfEmpty(v.prev)
	out["app_id"] = s.opts.AppID
	out["app_installed_team_id"] = s.opts.TeamID
	out["bot_id"] = s.opts.BotID
	return out
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// viewSnapshot builds the exported View; callers hold s.mu.
func (s *Slack) viewSnapshot(v *viewRec) View {
	obj := marshal(s.viewObject(v, nil))
	out := View{
		ID: v.id, Type: v.typ, User: v.user, Hash: v.hash, RootViewID: v.root,
		PreviousViewID: v.prev, Updates: v.updates, JSON: obj,
		CallbackID:      getStr(v.obj, "callback_id"),
		PrivateMetadata: getStr(v.obj, "private_metadata"),
		ExternalID:      getStr(v.obj, "external_id"),
		Title:           textOf(v.obj, "title"),
		Submit:          textOf(v.obj, "submit"),
		Close:           textOf(v.obj, "close"),
		NotifyOnClose:   getBool(v.obj, "notify_on_close"),
		ClearOnClose:    getBool(v.obj, "clear_on_close"),
		Blocks:          marshal(v.obj["blocks"]),
	}
	// The view passed slack-go's parser when it was stored.
	_ = json.Unmarshal(obj, &out.Request)
	return out
}

func (s *Slack) isOpen(v *viewRec) bool {
	if v.typ == "home" {
		return s.homes[v.user] == v.id
	}
	return slices.Contains(s.stacks[v.user], v.id)
}

func (s *Slack) viewsOpen(p params) (map[string]any, *apiError) {
	trig := p.str("trigger_id")
	if trig == "" {
		return nil, errCode("invalid_arguments", "[ERROR] missing required field: trigger_id")
	}
	obj, aerr := s.prepareView(p.raw("view"), "modal")
	if aerr != nil {
		return nil, aerr
	}
	user, aerr := s.exchangeTrigger(trig)
	if aerr != nil {
		return nil, aerr
	}
	// A new views.open starts a new stack, as when the user opens a modal from elsewhere.
	for len(s.stacks[user]) > 0 {
		s.popLocked(user)
	}
	id := s.nextID("V")
	v := &viewRec{id: id, user: user, typ: "modal", obj: obj, hash: s.newHash(), root: id}
	s.views[id] = v
	s.stacks[user] = []string{id}
	s.record(ActViewOpened, user, nil, v)
	return map[string]any{"view": s.viewObject(v, nil)}, nil
}

func (s *Slack) viewsPush(p params) (map[string]any, *apiError) {
	trig := p.str("trigger_id")
	if trig == "" {
		return nil, errCode("invalid_arguments", "[ERROR] missing required field: trigger_id")
	}
	obj, aerr := s.prepareView(p.raw("view"), "modal")
	if aerr != nil {
		return nil, aerr
	}
	user, aerr := s.exchangeTrigger(trig)
	if aerr != nil {
		return nil, aerr
	}
	v, aerr := s.pushLocked(user, obj)
	if aerr != nil {
		return nil, aerr
	}
	return map[string]any{"view": s.viewObject(v, nil)}, nil
}

// pushLocked stacks a modal; callers hold s.mu.
func (s *Slack) pushLocked(user string, obj map[string]any) (*viewRec, *apiError) {
	st := s.stacks[user]
	if len(st) == 0 {
		return nil, errCode("not_found", "[ERROR] no modal is open to push onto")
	}
	if len(st) >= maxStack {
		return nil, errCode("push_limit_reached")
	}
	id := s.nextID("V")
	v := &viewRec{id: id, user: user, typ: "modal", obj: obj, hash: s.newHash(), root: st[0], prev: st[len(st)-1]}
	s.views[id] = v
	s.stacks[user] = append(st, id)
	s.record(ActViewPushed, user, nil, v)
	return v, nil
}

// popLocked closes the top modal of user; callers hold s.mu.
func (s *Slack) popLocked(user string) {
	st := s.stacks[user]
	if len(st) == 0 {
		return
	}
	v := s.views[st[len(st)-1]]
	s.stacks[user] = st[:len(st)-1]
	if len(s.stacks[user]) == 0 {
		delete(s.stacks, user)
	}
	s.record(ActViewClosed, user, nil, v)
}

func (s *Slack) viewsUpdate(p params) (map[string]any, *apiError) {
	var v *viewRec
	if id := p.str("view_id"); id != "" {
		v = s.views[id]
	} else if ext := p.str("external_id"); ext != "" {
		for _, x := range s.views {
			if getStr(x.obj, "external_id") == ext && s.isOpen(x) {
				v = x
			}
		}
	} else {
		return nil, errCode("invalid_arguments", "[ERROR] must provide view_id or external_id")
	}
	if v == nil || !s.isOpen(v) {
		return nil, errCode("not_found")
	}
	if h := p.str("hash"); h != "" && h != v.hash {
		return nil, errCode("hash_conflict")
	}
	obj, aerr := s.prepareView(p.raw("view"), v.typ)
	if aerr != nil {
		return nil, aerr
	}
	s.replaceLocked(v, obj)
	return map[string]any{"view": s.viewObject(v, nil)}, nil
}

// replaceLocked swaps the content of an open view; callers hold s.mu.
func (s *Slack) replaceLocked(v *viewRec, obj map[string]any) {
	v.obj = obj
	v.hash = s.newHash()
	v.updates++
	kind := ActViewUpdated
	if v.typ == "home" {
		kind = ActHomePublished
	}
	s.record(kind, v.user, nil, v)
}

func (s *Slack) viewsPublish(p params) (map[string]any, *apiError) {
	user := p.str("user_id")
	if _, ok := s.userLocked(user); !ok {
		return nil, errCode("user_not_found")
	}
	obj, aerr := s.prepareView(p.raw("view"), "home")
	if aerr != nil {
		return nil, aerr
	}
	if id, ok := s.homes[user]; ok {
		v := s.views[id]
		if h := p.str("hash"); h != "" && h != v.hash {
			return nil, errCode("hash_conflict")
		}
		s.replaceLocked(v, obj)
		return map[string]any{"view": s.viewObject(v, nil)}, nil
	}
	id := s.nextID("V")
	v := &viewRec{id: id, user: user, typ: "home", obj: obj, hash: s.newHash(), root: id}
	s.views[id] = v
	s.homes[user] = id
	s.record(ActHomePublished, user, nil, v)
	return map[string]any{"view": s.viewObject(v, nil)}, nil
}
