// Package slackemu is an emulated Slack workspace for tests and the terminal shell.
//
// It has two halves. The Web API half is an HTTP server that the bot reaches through the
// real slack-go client (slack.OptionAPIURL), so the bot's production code path runs
// unchanged. The Slack half (Workspace) sends the bot signed requests built the way Slack
// builds them: slash commands, button clicks, modal submissions and events. Both halves share
// one state, which tests read and wait on instead of sleeping.
package slackemu

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/slack-go/slack"
)

// Options configure an emulated workspace. Zero values get sensible defaults.
type Options struct {
	BotToken      string
	SigningSecret string
	TeamID        string
	TeamDomain    string
	BotUserID     string
	BotID         string
	BotName       string
	AppID         string
	// Now drives trigger expiry, message timestamps and response_url expiry, so a test can
	// age a trigger without sleeping. Request signatures always use the real clock because
	// slack-go's verifier cannot be given another one.
	Now func() time.Time
	// TriggerTTL is how long a trigger_id can be exchanged; Slack allows 3 s.
	TriggerTTL time.Duration
	// PublicURL is the emulator's own base URL ("http://host:port/") when it is mounted
	// with Handler instead of Start; upload, response and Socket Mode URLs are built on it.
	PublicURL string
	// AppToken is the app-level token (xapp-…) that apps.connections.open accepts;
	// DefaultAppToken when empty.
	AppToken string
	// SocketPingInterval is how often a Socket Mode connection is pinged (default 10 s).
	// slack-go drops a connection that hears no ping for 30 s, as it must with Slack.
	SocketPingInterval time.Duration
}

// Paths the Web API half serves. APIPath is what Start appends to the host to form the URL
// for slack.OptionAPIURL.
const (
	APIPath = "/api/"
	// UploadMethod is the name under which posts to an upload_url are recorded and can be
	// made to fail with FailNext.
	UploadMethod = "upload"
	// ResponseURLMethod is the name under which posts to a response_url are recorded and can
	// be made to fail with FailNext.
	ResponseURLMethod = "response_url"
)

// Error codes the emulator answers with where the choice is not obvious.
const (
	ErrTriggerExchanged = "trigger_exchanged"
	ErrTriggerExpired   = "expired_trigger_id"
	ErrTriggerInvalid   = "invalid_trigger_id"
)

// Slack is an emulated workspace. All methods are safe for concurrent use.
type Slack struct {
	opts Options
	mux  *http.ServeMux

	srvMu sync.Mutex
	srv   *http.Server

	mu           sync.Mutex
	changed      chan struct{}
	baseURL      string
	calls        []Call
	faults       map[string][]fault
	users        []User
	channels     map[string]string // id → name
	dmUser       map[string]string // DM channel → user
	dmOpen       map[string]bool
	messages     map[string][]*msgRec // channel → messages in post order
	ephemerals   map[string][]*msgRec // user → ephemerals in post order
	triggers     map[string]*trigger
	views        map[string]*viewRec
	stacks       map[string][]string // user → modal view ids, bottom first
	homes        map[string]string   // user → home view id
	hooks        map[string]*hook
	files        map[string]*fileRec
	fileOrder    []string
	activity     []Activity
	lastTS       int64
	counter      int
	lastActivity time.Time
	inflight     int
	sock         socketState
}

// User is a member of the emulated workspace.
type User struct {
	ID       string
	Name     string
	RealName string
	Locale   string // "en-US", "zh-CN", …
	TZ       string // IANA zone, may be empty
	Title    string // profile title; the shell shows it next to the name (e.g. a role)
	IsBot    bool
}

// Call is one request the bot made to the emulator.
type Call struct {
	Method string
	// Params holds the form fields, or the top-level fields of a JSON body (strings as they
	// are, anything else as JSON text). The token is left out.
	Params url.Values
	// Body is the raw JSON body for methods sent as JSON.
	Body     json.RawMessage
	Time     time.Time
	Status   int    // HTTP status answered
	Error    string // Slack error code when the answer was ok:false
	Injected bool   // answered by FailNext / FailNextWith without touching state
	Response json.RawMessage
}

// Param returns a request parameter by name.
func (c Call) Param(name string) string { return c.Params.Get(name) }

// OK reports whether the call succeeded.
func (c Call) OK() bool { return c.Status == http.StatusOK && c.Error == "" }

// Message is a message as a user sees it now (after any updates).
type Message struct {
	Channel   string
	TS        string
	ThreadTS  string
	Text      string
	User      string // author; the bot user for everything the app posts
	BotID     string
	Blocks    json.RawMessage // as stored: block_ids filled in like Slack does
	Parsed    slack.Blocks
	Updates   int
	Ephemeral bool
	Recipient string // who sees an ephemeral message
	Source    string // the Web API method, "response_url" or "command_reply"
	Files     []string
	Posted    time.Time
	Edited    time.Time
}

// Target returns the click target of this message.
func (m Message) Target() Target {
	return Target{Channel: m.Channel, TS: m.TS, Ephemeral: m.Ephemeral}
}

// Buttons returns the buttons of this message in display order.
func (m Message) Buttons() []Button { return ButtonsIn(m.Blocks) }

// Elements returns every interactive element (buttons, selects, overflow menus…).
func (m Message) Elements() []Button { return ElementsIn(m.Blocks) }

// View is a modal or Home tab as Slack holds it.
type View struct {
	ID              string
	Type            string // "modal" or "home"
	User            string
	CallbackID      string
	PrivateMetadata string
	ExternalID      string
	Hash            string
	RootViewID      string
	PreviousViewID  string
	Title           string
	Submit          string
	Close           string
	NotifyOnClose   bool
	ClearOnClose    bool
	Updates         int
	// JSON is the full view object as Slack puts it in payloads (id, hash, state, …).
	JSON    json.RawMessage
	Blocks  json.RawMessage
	Request slack.ModalViewRequest
}

// Target returns the click target of this view.
func (v View) Target() Target { return Target{ViewID: v.ID} }

// Buttons returns the buttons of this view in display order.
func (v View) Buttons() []Button { return ButtonsIn(v.Blocks) }

// Elements returns every interactive element of this view.
func (v View) Elements() []Button { return ElementsIn(v.Blocks) }

// Inputs returns the input blocks of this view in display order.
func (v View) Inputs() []Input { return InputsIn(v.Blocks) }

// File is an uploaded file.
type File struct {
	ID             string
	Name           string
	Title          string
	AltText        string
	User           string
	Size           int // the length announced to files.getUploadURLExternal
	Bytes          []byte
	Uploaded       bool
	Completed      bool
	Channels       []string
	ThreadTS       string
	InitialComment string
	Created        time.Time
}

// ActivityKind says what changed in an Activity.
type ActivityKind string

// The kinds of activity, in the words a user would use.
const (
	ActMessagePosted     ActivityKind = "message_posted"
	ActMessageUpdated    ActivityKind = "message_updated"
	ActMessageDeleted    ActivityKind = "message_deleted"
	ActEphemeralPosted   ActivityKind = "ephemeral_posted"
	ActEphemeralReplaced ActivityKind = "ephemeral_replaced"
	ActEphemeralDeleted  ActivityKind = "ephemeral_deleted"
	ActViewOpened        ActivityKind = "view_opened"
	ActViewPushed        ActivityKind = "view_pushed"
	ActViewUpdated       ActivityKind = "view_updated"
	ActViewClosed        ActivityKind = "view_closed"
	ActHomePublished     ActivityKind = "home_published"
)

// Activity is one visible change, in order. The shell prints them; tests may assert on them.
type Activity struct {
	Seq     int
	Kind    ActivityKind
	Time    time.Time
	User    string   // whose ephemeral, modal or Home tab
	Message *Message // message kinds: the message after the change
	View    *View    // view kinds: the view after the change
}

type msgRec struct {
	channel, ts, threadTS, text, user, botID, source string
	blocks                                           json.RawMessage
	updates                                          int
	ephemeral                                        bool
	recipient                                        string
	files                                            []string
	posted, edited                                   time.Time
}

type viewRec struct {
	id, user, typ string
	obj           map[string]any // the view as the bot sent it, block ids filled in
	hash          string
	root, prev    string
	updates       int
	// typed holds what the user entered, by input block_id. Slack keeps it across failed
	// submissions and across updates that keep the block.
	typed map[string]string
}

type trigger struct {
	user   string
	issued time.Time
	used   bool
}

type hook struct {
	id, user, channel string
	origin            *Target // the message an interaction came from; nil for commands
	posts             int
	created           time.Time
}

type fileRec struct {
	File
}

type fault struct {
	status     int
	retryAfter time.Duration
	slackError string
}

// New returns an emulated workspace; call Start, or mount Handler.
func New(opts Options) *Slack {
	if opts.TeamID == "" {
		opts.TeamID = "T0EMULATED"
	}
	if opts.TeamDomain == "" {
		opts.TeamDomain = "storeops-emu"
	}
	if opts.BotUserID == "" {
		opts.BotUserID = "U0BOT"
	}
	if opts.BotID == "" {
		opts.BotID = "B0BOT"
	}
	if opts.BotName == "" {
		opts.BotName = "storeops"
	}
	if opts.AppID == "" {
		opts.AppID = "A0STOREOPS"
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.TriggerTTL == 0 {
		opts.TriggerTTL = 3 * time.Second
	}
	if opts.AppToken == "" {
		opts.AppToken = DefaultAppToken
	}
	if opts.SocketPingInterval <= 0 {
		opts.SocketPingInterval = 10 * time.Second
	}
	s := &Slack{
		opts:       opts,
		changed:    make(chan struct{}),
		baseURL:    strings.TrimSuffix(opts.PublicURL, "/"),
		faults:     map[string][]fault{},
		channels:   map[string]string{},
		dmUser:     map[string]string{},
		dmOpen:     map[string]bool{},
		messages:   map[string][]*msgRec{},
		ephemerals: map[string][]*msgRec{},
		triggers:   map[string]*trigger{},
		views:      map[string]*viewRec{},
		stacks:     map[string][]string{},
		homes:      map[string]string{},
		hooks:      map[string]*hook{},
		files:      map[string]*fileRec{},
		sock:       newSocketState(),
	}
	s.users = append(s.users, User{ID: opts.BotUserID, Name: opts.BotName, RealName: opts.BotName, IsBot: true})
	s.mux = http.NewServeMux()
	s.mux.HandleFunc(APIPath+"{method}", s.serveAPI)
	s.mux.HandleFunc("POST /hooks/{id}", s.serveHook)
	s.mux.HandleFunc("POST /upload/{id}", s.serveUpload)
	s.mux.HandleFunc("GET /files/{id}/{name}", s.serveDownload)
	s.mux.HandleFunc("GET "+SocketPath, s.serveSocket)
	return s
}

// Options returns the options in effect (defaults filled in).
func (s *Slack) Options() Options { return s.opts }

// Handler serves the Web API under /api/, response URLs under /hooks/, uploads under
// /upload/ and Socket Mode under /socket. Set Options.PublicURL when mounting it, so that
// the URLs it hands out resolve.
func (s *Slack) Handler() http.Handler { return s.mux }

// Start listens on 127.0.0.1 on a free port and returns the URL for slack.OptionAPIURL
// (with its trailing slash).
func (s *Slack) Start() (string, error) {
	s.srvMu.Lock()
	defer s.srvMu.Unlock()
	if s.srv != nil {
		return "", errors.New("slackemu: already started")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("slackemu: listen: %w", err)
	}
	base := "http://" + ln.Addr().String()
	s.mu.Lock()
	if s.baseURL == "" {
		s.baseURL = base
	}
	s.mu.Unlock()
	srv := &http.Server{Handler: s.mux, ReadHeaderTimeout: 10 * time.Second}
	s.srv = srv
	go func() { _ = srv.Serve(ln) }()
	return base + APIPath, nil
}

// Close stops the server started by Start and drops every Socket Mode connection (the
// server does not track hijacked connections). It returns nothing so that it fits
// t.Cleanup: the only failure, closing an already broken listener, leaves nothing to clean up.
func (s *Slack) Close() {
	s.srvMu.Lock()
	if s.srv != nil {
		_ = s.srv.Close()
		s.srv = nil
	}
	s.srvMu.Unlock()
	// After the server, so that a client reconnecting at once finds nobody to talk to.
	s.closeSockets()
}

// BaseURL is the emulator's own base URL (no trailing slash), empty until Start or
// Options.PublicURL sets it.
func (s *Slack) BaseURL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.baseURL
}

// touch wakes every Wait; callers hold s.mu.
func (s *Slack) touch() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// record appends an activity; callers hold s.mu.
func (s *Slack) record(kind ActivityKind, user string, m *msgRec, v *viewRec) {
	a := Activity{Seq: len(s.activity) + 1, Kind: kind, Time: s.opts.Now(), User: user}
	if m != nil {
		snap := m.snapshot()
		a.Message = &snap
	}
	if v != nil {
		snap := s.viewSnapshot(v)
		a.View = &snap
	}
	s.activity = append(s.activity, a)
	s.touch()
}

// Wait blocks until cond returns true, re-checking it whenever the emulator's state changes
// (a call arrives, a message is posted, a view opens…), or until ctx is done.
func (s *Slack) Wait(ctx context.Context, cond func() bool) error {
	for {
		s.mu.Lock()
		ch := s.changed
		s.mu.Unlock()
		// cond runs without the lock because it reads state through the public getters.
		if cond() {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return fmt.Errorf("slackemu: wait: %w", ctx.Err())
		}
	}
}

// Settle returns once no Web API call, response_url post, upload or delivery to the bot has
// been in flight or arrived for quiet, or after maxWait. It reports whether it saw quiet.
// Background work in the bot usually starts with a call, so a short quiet period after the
// last one is a good sign that the bot is done.
func (s *Slack) Settle(quiet, maxWait time.Duration) bool {
	deadline := time.Now().Add(maxWait)
	for {
		s.mu.Lock()
		last, inflight := s.lastActivity, s.inflight
		s.mu.Unlock()
		now := time.Now()
		idle := now.Sub(last)
		if inflight == 0 && idle >= quiet {
			return true
		}
		if !now.Before(deadline) {
			return false
		}
		wait := quiet - idle
		if inflight > 0 || wait <= 0 {
			wait = 5 * time.Millisecond
		}
		wait = min(wait, time.Until(deadline))
		time.Sleep(max(wait, time.Millisecond))
	}
}

func (s *Slack) beginActivity() {
	s.mu.Lock()
	s.inflight++
	s.lastActivity = time.Now()
	s.mu.Unlock()
}

func (s *Slack) endActivity() {
	s.mu.Lock()
	s.inflight--
	s.lastActivity = time.Now()
	s.mu.Unlock()
}

// FailNext makes the next n calls of method answer HTTP status without changing state.
// A 429 carries Retry-After in whole seconds (at least 1, as Slack sends).
func (s *Slack) FailNext(method string, n int, status int, retryAfter time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.faults[method] = append(s.faults[method], fault{status: status, retryAfter: retryAfter})
	}
}

// FailNextWith makes the next n calls of method answer {"ok":false,"error":slackError}.
func (s *Slack) FailNextWith(method string, n int, slackError string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.faults[method] = append(s.faults[method], fault{status: http.StatusOK, slackError: slackError})
	}
}

func (s *Slack) takeFault(method string) (fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := s.faults[method]
	if len(q) == 0 {
		return fault{}, false
	}
	f := q[0]
	s.faults[method] = q[1:]
	return f, true
}

// Calls returns every recorded call of method, or of all methods when method is "".
func (s *Slack) Calls(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if method == "" || c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// AddUser registers (or replaces) a workspace member.
func (s *Slack) AddUser(u User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if i := slices.IndexFunc(s.users, func(x User) bool { return x.ID == u.ID }); i >= 0 {
		s.users[i] = u
	} else {
		s.users = append(s.users, u)
	}
	s.touch()
}

// Users returns the human members in the order they were added (the bot is left out).
func (s *Slack) Users() []User {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []User
	for _, u := range s.users {
		if !u.IsBot {
			out = append(out, u)
		}
	}
	return out
}

// User returns a member by id.
func (s *Slack) User(id string) (User, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.userLocked(id)
}

func (s *Slack) userLocked(id string) (User, bool) {
	for _, u := range s.users {
		if u.ID == id {
			return u, true
		}
	}
	return User{}, false
}

// UserByName returns a member by name (case-insensitive), accepting a leading "@".
func (s *Slack) UserByName(name string) (User, bool) {
	name = strings.TrimPrefix(name, "@")
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, u := range s.users {
		if strings.EqualFold(u.Name, name) {
			return u, true
		}
	}
	return User{}, false
}

// LookupUser accepts an id or a name.
func (s *Slack) LookupUser(idOrName string) (User, bool) {
	if u, ok := s.User(idOrName); ok {
		return u, true
	}
	return s.UserByName(idOrName)
}

// AddChannel names a channel, for the channel_name of commands and for display.
func (s *Slack) AddChannel(id, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.channels[id] = strings.TrimPrefix(name, "#")
}

// ChannelName returns the registered name of a channel, "directmessage" for a DM, or the
// lower-cased id.
func (s *Slack) ChannelName(id string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.channelNameLocked(id)
}

func (s *Slack) channelNameLocked(id string) string {
	if n, ok := s.channels[id]; ok {
		return n
	}
	if _, ok := s.dmUser[id]; ok {
		return "directmessage"
	}
	return strings.ToLower(id)
}

// DMChannel returns the stable id of the bot's DM with user.
func (s *Slack) DMChannel(user string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.dmLocked(user)
}

func (s *Slack) dmLocked(user string) string {
	id := "D" + strings.TrimLeft(user, "UW")
	s.dmUser[id] = user
	return id
}

// DMUser returns the user on the other side of a DM channel.
func (s *Slack) DMUser(channel string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.dmUser[channel]
	return u, ok
}

// Messages returns the current messages of a channel in post order; deleted ones are gone.
func (s *Slack) Messages(channel string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Message
	for _, m := range s.messages[channel] {
		out = append(out, m.snapshot())
	}
	return out
}

// Message returns one message of a channel.
func (s *Slack) Message(channel, ts string) (Message, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if m := s.findMsg(channel, ts); m != nil {
		return m.snapshot(), true
	}
	return Message{}, false
}

// Ephemerals returns the ephemeral messages user has been shown, in order.
func (s *Slack) Ephemerals(user string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Message
	for _, m := range s.ephemerals[user] {
		out = append(out, m.snapshot())
	}
	return out
}

// OpenViews returns the modal stack of user, bottom first.
func (s *Slack) OpenViews(user string) []View {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []View
	for _, id := range s.stacks[user] {
		out = append(out, s.viewSnapshot(s.views[id]))
	}
	return out
}

// TopView returns the modal user is looking at.
func (s *Slack) TopView(user string) (View, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.stacks[user]
	if len(st) == 0 {
		return View{}, false
	}
	return s.viewSnapshot(s.views[st[len(st)-1]]), true
}

// ViewByID returns a modal or Home tab by id, open or not.
func (s *Slack) ViewByID(id string) (View, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.views[id]
	if !ok {
		return View{}, false
	}
	return s.viewSnapshot(v), true
}

// HomeView returns the Home tab published for user.
func (s *Slack) HomeView(user string) (View, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id, ok := s.homes[user]
	if !ok {
		return View{}, false
	}
	return s.viewSnapshot(s.views[id]), true
}

// Files returns every file the bot started uploading, in order.
func (s *Slack) Files() []File {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []File
	for _, id := range s.fileOrder {
		out = append(out, s.files[id].snapshot())
	}
	return out
}

// Activity returns the changes with a sequence number above after, in order.
func (s *Slack) Activity(after int) []Activity {
	s.mu.Lock()
	defer s.mu.Unlock()
	if after < 0 {
		after = 0
	}
	if after >= len(s.activity) {
		return nil
	}
	return slices.Clone(s.activity[after:])
}

// LastSeq is the sequence number of the latest activity.
func (s *Slack) LastSeq() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.activity)
}

func (m *msgRec) snapshot() Message {
	out := Message{
		Channel: m.channel, TS: m.ts, ThreadTS: m.threadTS, Text: m.text, User: m.user,
		BotID: m.botID, Blocks: slices.Clone(m.blocks), Updates: m.updates,
		Ephemeral: m.ephemeral, Recipient: m.recipient, Source: m.source,
		Files: slices.Clone(m.files), Posted: m.posted, Edited: m.edited,
	}
	if len(m.blocks) > 0 {
		// Stored blocks passed slack-go's parser when they were posted.
		_ = json.Unmarshal(m.blocks, &out.Parsed)
	}
	return out
}

func (f *fileRec) snapshot() File {
	out := f.File
	out.Bytes = slices.Clone(f.Bytes)
	out.Channels = slices.Clone(f.Channels)
	return out
}

// nextID returns a short id with a prefix; callers hold s.mu.
func (s *Slack) nextID(prefix string) string {
	s.counter++
	return fmt.Sprintf("%s%07d", prefix, s.counter)
}

// nextTS returns a message timestamp after every earlier one; callers hold s.mu.
func (s *Slack) nextTS() string {
	us := s.opts.Now().UnixMicro()
	if us <= s.lastTS {
		us = s.lastTS + 1
	}
	s.lastTS = us
	return fmt.Sprintf("%d.%06d", us/1e6, us%1e6)
}

func (s *Slack) findMsg(channel, ts string) *msgRec {
	for _, m := range s.messages[channel] {
		if m.ts == ts {
			return m
		}
	}
	return nil
}

func (s *Slack) findEphemeral(user, channel, ts string) *msgRec {
	for _, m := range s.ephemerals[user] {
		if m.ts == ts && (channel == "" || m.channel == channel) {
			return m
		}
	}
	return nil
}

// postLocked adds a channel message by the bot and records it; callers hold s.mu.
func (s *Slack) postLocked(channel, threadTS, text string, blocks json.RawMessage, source string, files []string) *msgRec {
	m := &msgRec{
		channel: channel, ts: s.nextTS(), threadTS: threadTS, text: text, user: s.opts.BotUserID,
		botID: s.opts.BotID, source: source, blocks: blocks, files: files, posted: s.opts.Now(),
	}
	s.messages[channel] = append(s.messages[channel], m)
	s.record(ActMessagePosted, "", m, nil)
	return m
}

// ephemeralLocked shows user an ephemeral message from the bot; callers hold s.mu.
func (s *Slack) ephemeralLocked(user, channel, threadTS, text string, blocks json.RawMessage, source string) *msgRec {
	m := &msgRec{
		channel: channel, ts: s.nextTS(), threadTS: threadTS, text: text, user: s.opts.BotUserID,
		botID: s.opts.BotID, source: source, blocks: blocks, ephemeral: true, recipient: user,
		posted: s.opts.Now(),
	}
	s.ephemerals[user] = append(s.ephemerals[user], m)
	s.record(ActEphemeralPosted, user, m, nil)
	return m
}

// issueTrigger hands out a single-use trigger_id for an interaction of user.
func (s *Slack) issueTrigger(user string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.issueTriggerLocked(user)
}

// exchangeTrigger uses up a trigger; callers hold s.mu.
func (s *Slack) exchangeTrigger(id string) (string, *apiError) {
	t, ok := s.triggers[id]
	if !ok {
		return "", errCode(ErrTriggerInvalid)
	}
	if t.used {
		return "", errCode(ErrTriggerExchanged)
	}
	if s.opts.Now().Sub(t.issued) > s.opts.TriggerTTL {
		return "", errCode(ErrTriggerExpired)
	}
	t.used = true
	return t.user, nil
}
