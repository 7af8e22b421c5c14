package slackemu

// Socket Mode as Slack runs it: apps.connections.open, called with the app-level token,
// hands out a single-use WebSocket URL; the socket greets the app with hello, carries
// envelopes to it and takes its acks. A Workspace switched to Socket Mode sends what it
// would have posted over HTTP as envelopes instead, and builds its Reply from the ack.

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// SocketPath is where the emulator serves Socket Mode WebSockets.
const SocketPath = "/socket"

// DefaultAppToken is the app-level token the emulator accepts when Options.AppToken is empty.
const DefaultAppToken = "xapp-emulated"

// The envelope types Slack sends over Socket Mode.
const (
	EnvelopeSlashCommands = "slash_commands"
	EnvelopeInteractive   = "interactive"
	EnvelopeEventsAPI     = "events_api"
)

const (
	appsConnectionsOpen = "apps.connections.open"
	// maxEventRetries is how often Slack redelivers an event nobody acked, as over HTTP.
	maxEventRetries = 3
	// ticketTTL bounds how long a URL from apps.connections.open can be dialled.
	ticketTTL = 30 * time.Second
	// socketHost names the emulator in debug_info, where Slack names its applink host.
	socketHost = "applink-emulated"
)

// Envelope is one request sent to the bot over Socket Mode, as the emulator recorded it.
type Envelope struct {
	ID                     string
	Type                   string // EnvelopeSlashCommands, EnvelopeInteractive or EnvelopeEventsAPI
	Payload                json.RawMessage
	AcceptsResponsePayload bool
	// Deliveries counts the times the envelope was written to a socket; the n-th carried
	// retry_attempt n-1 (plus the retry number it started with, for EventWithID) unless an
	// attempt found no socket.
	Deliveries int
	// Acked is set by the first ack that arrived; Ack is its payload (nil when it had none).
	Acked   bool
	Ack     json.RawMessage
	AckedAt time.Time
	// Acks counts the acks that arrived; LostAcks those dropped by LoseNextAcks.
	Acks     int
	LostAcks int
	Sent     time.Time
}

// NotConnectedError means the Workspace is in Socket Mode but the bot holds no socket:
// Slack would tell the user that the app did not respond.
type NotConnectedError struct {
	Type string // the envelope type that could not be sent
}

func (e *NotConnectedError) Error() string {
	return fmt.Sprintf("slackemu: cannot send %s: the bot has no Socket Mode connection", e.Type)
}

type envelopeRec struct {
	Envelope
	// firstAttempt is the retry_attempt of the first delivery (EventWithID may start above 0).
	firstAttempt int
	firstReason  string
	// attempts counts delivery attempts, including those that found no socket.
	attempts int
	acked    chan struct{} // closed by the first ack
}

type socketConn struct {
	id   int
	ws   *websocket.Conn
	wmu  sync.Mutex // gorilla/websocket allows one writer at a time
	done chan struct{}
	// ready is set once hello is written, so that no envelope overtakes it; guarded by
	// Slack.mu.
	ready bool
}

func (c *socketConn) write(msg []byte) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if err := c.ws.SetWriteDeadline(time.Now().Add(10 * time.Second)); err != nil {
		return fmt.Errorf("slackemu: socket %d: %w", c.id, err)
	}
	if err := c.ws.WriteMessage(websocket.TextMessage, msg); err != nil {
		return fmt.Errorf("slackemu: write to socket %d: %w", c.id, err)
	}
	return nil
}

// socketState is the Socket Mode half of Slack; it is guarded by Slack.mu.
type socketState struct {
	tickets   map[string]time.Time // unused tickets → when issued
	conns     []*socketConn        // open connections, oldest first
	next      int                  // round-robin position in conns
	opened    int                  // connections ever accepted
	envelopes []*envelopeRec
	byID      map[string]*envelopeRec
	loseAcks  int
	// stop ends the redelivery of pending envelopes when the emulator closes.
	stop chan struct{}
}

func newSocketState() socketState {
	return socketState{tickets: map[string]time.Time{}, byID: map[string]*envelopeRec{}, stop: make(chan struct{})}
}

// appsConnectionsOpen answers apps.connections.open: only the app-level token opens a socket.
func (s *Slack) appsConnectionsOpen(r *http.Request) (map[string]any, *apiError) {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	switch {
	case !ok:
		return nil, errCode("not_authed")
	case tok == "":
		return nil, errCode("not_authed")
	case !strings.HasPrefix(tok, "xapp-"):
		return nil, errCode("not_allowed_token_type")
	case subtle.ConstantTimeCompare([]byte(tok), []byte(s.opts.AppToken)) != 1:
		return nil, errCode("invalid_auth")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	base := s.baseURL
	switch {
	case strings.HasPrefix(base, "https://"):
		base = "wss://" + strings.TrimPrefix(base, "https://")
	case strings.HasPrefix(base, "http://"):
		base = "ws://" + strings.TrimPrefix(base, "http://")
	default:
		// Neither Start nor Options.PublicURL said where the emulator is.
		return nil, errCode("internal_error")
	}
	ticket := randomHex(16)
	s.sock.tickets[ticket] = time.Now()
	q := url.Values{"ticket": {ticket}, "app_id": {s.opts.AppID}}
	return map[string]any{"url": base + SocketPath + "?" + q.Encode()}, nil
}

// serveSocket upgrades a dial of a ticket URL, says hello and reads acks until the
// connection ends.
func (s *Slack) serveSocket(w http.ResponseWriter, r *http.Request) {
	ticket := r.URL.Query().Get("ticket")
	s.mu.Lock()
	issued, ok := s.sock.tickets[ticket]
	delete(s.sock.tickets, ticket)
	// A Close during the handshake replaces stop; the connection is then dropped below.
	stop := s.sock.stop
	s.mu.Unlock()
	if !ok || time.Since(issued) > ticketTTL {
		http.Error(w, "invalid, used or expired ticket", http.StatusUnauthorized)
		return
	}
	// Slack does not check the Origin header (slack-go sends https://api.slack.com).
	up := websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
	ws, err := up.Upgrade(w, r, nil)
	if err != nil {
		return // Upgrade has answered the request
	}
	ws.SetReadLimit(maxBody)
	c := &socketConn{ws: ws, done: make(chan struct{})}
	// Registered at once so that Close drops it even before hello.
	s.mu.Lock()
	if s.sock.stop != stop {
		s.mu.Unlock()
		_ = ws.Close()
		return
	}
	s.sock.opened++
	c.id = s.sock.opened
	s.sock.conns = append(s.sock.conns, c)
	live := len(s.readyLocked()) + 1
	s.mu.Unlock()
	hello := marshal(map[string]any{
		"type":            "hello",
		"num_connections": live,
		"debug_info":      map[string]any{"host": socketHost, "build_number": 1, "approximate_connection_time": 18060},
		"connection_info": map[string]any{"app_id": s.opts.AppID},
	})
	if err := c.write(hello); err == nil {
		s.mu.Lock()
		c.ready = true
		s.touch()
		s.mu.Unlock()
		go s.pingSocket(c)
		s.readAcks(c)
	}
	s.mu.Lock()
	s.sock.conns = slices.DeleteFunc(s.sock.conns, func(x *socketConn) bool { return x == c })
	s.touch()
	s.mu.Unlock()
	close(c.done)
	_ = ws.Close()
}

// pingSocket pings like Slack does; slack-go counts a connection dead without pings.
func (s *Slack) pingSocket(c *socketConn) {
	t := time.NewTicker(s.opts.SocketPingInterval)
	defer t.Stop()
	for {
		select {
		case <-c.done:
			return
		case <-t.C:
			// WriteControl may run beside another writer; a failed ping ends with the reader.
			_ = c.ws.WriteControl(websocket.PingMessage, []byte("ping"), time.Now().Add(5*time.Second))
		}
	}
}

func (s *Slack) readAcks(c *socketConn) {
	for {
		typ, data, err := c.ws.ReadMessage()
		if err != nil {
			return
		}
		if typ != websocket.TextMessage {
			continue
		}
		var ack struct {
			EnvelopeID string          `json:"envelope_id"`
			Payload    json.RawMessage `json:"payload"`
		}
		// Slack ignores what it cannot read; the envelope then times out.
		if json.Unmarshal(data, &ack) == nil {
			s.takeAck(ack.EnvelopeID, ack.Payload)
		}
	}
}

func (s *Slack) takeAck(id string, payload json.RawMessage) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.sock.byID[id]
	if !ok {
		return // an ack of hello or of an unknown envelope: Slack ignores it
	}
	if s.sock.loseAcks > 0 {
		s.sock.loseAcks--
		e.LostAcks++
		s.touch()
		return
	}
	e.Acks++
	s.touch()
	if e.Acked {
		return // the ack of a redelivery after an earlier ack changes nothing
	}
	e.Acked, e.AckedAt = true, time.Now()
	if p := strings.TrimSpace(string(payload)); p != "" && p != "null" {
		e.Ack = slices.Clone(payload)
	}
	close(e.acked)
}

// readyLocked returns the connections that said hello; callers hold s.mu.
func (s *Slack) readyLocked() []*socketConn {
	var out []*socketConn
	for _, c := range s.sock.conns {
		if c.ready {
			out = append(out, c)
		}
	}
	return out
}

// closeSockets drops every connection and stops redeliveries.
func (s *Slack) closeSockets() {
	s.mu.Lock()
	conns := slices.Clone(s.sock.conns)
	close(s.sock.stop)
	s.sock.stop = make(chan struct{})
	s.mu.Unlock()
	for _, c := range conns {
		_ = c.ws.Close()
	}
}

// Sockets returns how many Socket Mode connections the bot holds now.
func (s *Slack) Sockets() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.readyLocked())
}

// SocketsOpened returns how many Socket Mode connections were ever accepted (reconnections
// included).
func (s *Slack) SocketsOpened() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sock.opened
}

// Envelopes returns every envelope sent over Socket Mode, in order.
func (s *Slack) Envelopes() []Envelope {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Envelope, 0, len(s.sock.envelopes))
	for _, e := range s.sock.envelopes {
		out = append(out, e.snapshot())
	}
	return out
}

// EnvelopeByID returns one envelope.
func (s *Slack) EnvelopeByID(id string) (Envelope, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.sock.byID[id]
	if !ok {
		return Envelope{}, false
	}
	return e.snapshot(), true
}

// snapshot copies the record; callers hold s.mu.
func (e *envelopeRec) snapshot() Envelope {
	out := e.Envelope
	out.Payload = slices.Clone(e.Payload)
	out.Ack = slices.Clone(e.Ack)
	return out
}

// LoseNextAcks drops the next n acks of known envelopes as if they were lost on the way:
// the request then times out, and an event is delivered again.
func (s *Slack) LoseNextAcks(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sock.loseAcks += n
}

// Disconnect sends every connection the disconnect message Slack sends before it refreshes
// a connection (reason "refresh_requested", "warning", …); the client is expected to open a
// new one. The emulator does not close the old connection itself.
func (s *Slack) Disconnect(reason string) error {
	s.mu.Lock()
	conns := s.readyLocked()
	s.mu.Unlock()
	msg := marshal(map[string]any{"type": "disconnect", "reason": reason, "debug_info": map[string]any{"host": socketHost}})
	var errs []error
	for _, c := range conns {
		errs = append(errs, c.write(msg))
	}
	return errors.Join(errs...)
}

// UseSocketMode switches the transport: on, Command, Click, Submit, Close and Event send
// their payloads as Socket Mode envelopes instead of signed HTTP requests and build the
// Reply from the ack's payload; off (the default), they post over HTTP.
func (w *Workspace) UseSocketMode(on bool) { w.socket.Store(on) }

// SocketMode reports whether the Workspace sends over Socket Mode.
func (w *Workspace) SocketMode() bool { return w.socket.Load() }

// deliverSocket sends, as an envelope, the HTTP request that deliver would have posted, so
// that the payloads of both transports come from the same builders and cannot drift apart:
// a slash command's form becomes a JSON object of the same fields, an interaction's payload
// field and an event's body are sent as they are. It waits for the ack like deliver waits
// for the HTTP answer, and answers the same way: the ack's payload is the body.
func (w *Workspace) deliverSocket(ctx context.Context, path string, body []byte, hdr http.Header) (*Reply, error) {
	e, err := w.envelope(path, body, hdr)
	if err != nil {
		return nil, err
	}
	w.emu.beginActivity()
	defer w.emu.endActivity()
	start := time.Now()
	if err := w.emu.sendNew(e, w.RedeliverAfter); err != nil {
		return nil, err
	}
	timer := time.NewTimer(w.AckTimeout)
	defer timer.Stop()
	select {
	case <-e.acked:
	case <-timer.C:
		elapsed := time.Since(start)
		return &Reply{Elapsed: elapsed, EnvelopeID: e.ID}, &AckTimeoutError{Path: e.Type + " envelope " + e.ID, Elapsed: elapsed}
	case <-ctx.Done():
		return nil, fmt.Errorf("slackemu: wait for the ack of %s: %w", e.ID, ctx.Err())
	}
	w.emu.mu.Lock()
	ack := slices.Clone(e.Ack)
	w.emu.mu.Unlock()
	r := &Reply{Status: http.StatusOK, Header: http.Header{}, Body: ack, Elapsed: time.Since(start), EnvelopeID: e.ID}
	r.parse()
	return r, nil
}

// envelope turns a request built for HTTP into the envelope Slack sends instead.
func (w *Workspace) envelope(path string, body []byte, hdr http.Header) (*envelopeRec, error) {
	e := &envelopeRec{Envelope: Envelope{ID: envelopeID()}, acked: make(chan struct{})}
	var head struct {
		Type string `json:"type"`
	}
	switch path {
	case w.CommandPath:
		form, err := url.ParseQuery(string(body))
		if err != nil {
			return nil, fmt.Errorf("slackemu: command form: %w", err)
		}
		fields := map[string]string{}
		for k := range form {
			fields[k] = form.Get(k)
		}
		e.Type, e.Payload, e.AcceptsResponsePayload = EnvelopeSlashCommands, marshal(fields), true
	case w.InteractionPath:
		form, err := url.ParseQuery(string(body))
		if err != nil {
			return nil, fmt.Errorf("slackemu: interaction form: %w", err)
		}
		raw := form.Get("payload")
		if err := json.Unmarshal([]byte(raw), &head); err != nil {
			return nil, fmt.Errorf("slackemu: interaction payload: %w", err)
		}
		// Slack uses an ack's payload only where it decides something: a modal submission.
		e.Type, e.Payload, e.AcceptsResponsePayload = EnvelopeInteractive, json.RawMessage(raw), head.Type == "view_submission"
	case w.EventPath:
		if err := json.Unmarshal(body, &head); err != nil {
			return nil, fmt.Errorf("slackemu: event body: %w", err)
		}
		if head.Type == "url_verification" {
			return nil, errors.New("slackemu: Slack sends no url_verification over Socket Mode")
		}
		e.Type, e.Payload = EnvelopeEventsAPI, slices.Clone(body)
		if n := hdr.Get("X-Slack-Retry-Num"); n != "" {
			e.firstAttempt, _ = strconv.Atoi(n)
			e.firstReason = hdr.Get("X-Slack-Retry-Reason")
		}
	default:
		return nil, fmt.Errorf("slackemu: nothing is sent to %s over Socket Mode", path)
	}
	return e, nil
}

// sendNew records e and delivers it; an event is delivered again every redeliverAfter
// until it is acked, up to maxEventRetries times. Commands and interactions are not
// redelivered: as over HTTP, the user sees an error when the ack does not come.
func (s *Slack) sendNew(e *envelopeRec, redeliverAfter time.Duration) error {
	s.mu.Lock()
	if len(s.readyLocked()) == 0 {
		s.mu.Unlock()
		return &NotConnectedError{Type: e.Type}
	}
	e.Sent = time.Now()
	s.sock.envelopes = append(s.sock.envelopes, e)
	s.sock.byID[e.ID] = e
	stop := s.sock.stop
	s.mu.Unlock()
	err := s.deliverEnvelope(e, e.firstAttempt, e.firstReason)
	if e.Type != EnvelopeEventsAPI {
		return err
	}
	if redeliverAfter <= 0 {
		redeliverAfter = 3 * time.Second
	}
	s.beginActivity()
	go s.redeliver(e, redeliverAfter, stop)
	return nil
}

// redeliver sends e again while it is unacked; it holds an activity so that Settle waits
// for the retries.
func (s *Slack) redeliver(e *envelopeRec, after time.Duration, stop <-chan struct{}) {
	defer s.endActivity()
	t := time.NewTimer(after)
	defer t.Stop()
	for {
		select {
		case <-e.acked:
			return
		case <-stop:
			return
		case <-t.C:
		}
		s.mu.Lock()
		attempt := e.firstAttempt + e.attempts
		s.mu.Unlock()
		if attempt > maxEventRetries {
			return
		}
		// A failed write or a missing socket counts as a failed delivery, as a refused
		// HTTP delivery does.
		_ = s.deliverEnvelope(e, attempt, "timeout")
		t.Reset(after)
	}
}

// deliverEnvelope writes e to one live connection, taking them in turn as Slack spreads
// envelopes over an app's connections.
func (s *Slack) deliverEnvelope(e *envelopeRec, attempt int, reason string) error {
	s.mu.Lock()
	e.attempts++
	ready := s.readyLocked()
	if len(ready) == 0 {
		s.mu.Unlock()
		return &NotConnectedError{Type: e.Type}
	}
	c := ready[s.sock.next%len(ready)]
	s.sock.next++
	msg := map[string]any{
		"envelope_id":              e.ID,
		"type":                     e.Type,
		"payload":                  e.Payload,
		"accepts_response_payload": e.AcceptsResponsePayload,
	}
	if e.Type == EnvelopeEventsAPI {
		msg["retry_attempt"] = attempt
		msg["retry_reason"] = reason
	}
	// Counted before the write so that the count is right by the time the ack arrives.
	e.Deliveries++
	s.touch()
	s.mu.Unlock()
	if err := c.write(marshal(msg)); err != nil {
		s.mu.Lock()
		e.Deliveries--
		s.mu.Unlock()
		return err
	}
	return nil
}

// envelopeID returns an id shaped like Slack's (a UUID).
func envelopeID() string {
	return randomHex(4) + "-" + randomHex(2) + "-" + randomHex(2) + "-" + randomHex(2) + "-" + randomHex(6)
}
