package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

// MaxBodyBytes caps what the Slack endpoints read; Slack's payloads are far smaller.
const MaxBodyBytes = 1 << 20

// Probe checks a dependency for /readyz.
type Probe func(ctx context.Context) error

// Handler returns the HTTP routes: the three Slack endpoints, health, readiness and metrics.
func (b *Bot) Handler(ready map[string]Probe, metrics http.Handler) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("POST /slack/commands", b.verified(b.serveCommand))
	mux.Handle("POST /slack/interactions", b.verified(b.serveInteraction))
	mux.Handle("POST /slack/events", b.verified(b.serveEvent))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, "ok\n")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		status := map[string]string{}
		code := http.StatusOK
		for name, probe := range ready {
			if err := probe(ctx); err != nil {
				status[name], code = err.Error(), http.StatusServiceUnavailable
			} else {
				status[name] = "ok"
			}
		}
		writeJSON(w, code, status)
	})
	mux.Handle("GET /metrics", metrics)
	return b.counted(mux)
}

// counted records every request's path and status.
func (b *Bot) counted(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		path := r.URL.Path
		switch path {
		case "/slack/commands", "/slack/interactions", "/slack/events", "/healthz", "/readyz", "/metrics":
		default:
			path = "other"
		}
		b.metrics.HTTP.WithLabelValues(path, strconv.Itoa(rec.status)).Inc()
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// verified reads the raw body (at most MaxBodyBytes) and checks Slack's signature and
// timestamp before anything parses it; the handler gets the verified bytes.
func (b *Bot) verified(next func(w http.ResponseWriter, r *http.Request, body []byte)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
				return
			}
			http.Error(w, "cannot read body", http.StatusBadRequest)
			return
		}
		sv, err := slack.NewSecretsVerifier(r.Header, b.cfg.SigningSecret)
		if err == nil {
			_, _ = sv.Write(body)
			err = sv.Ensure()
		}
		if err != nil {
			b.log.WarnContext(r.Context(), "refused unverified request", "path", r.URL.Path, "reason", err.Error())
			http.Error(w, "invalid signature", http.StatusUnauthorized)
			return
		}
		next(w, r, body)
	})
}

func (b *Bot) serveCommand(w http.ResponseWriter, r *http.Request, body []byte) {
	r.Body = io.NopCloser(bytes.NewReader(body))
	cmd, err := slack.SlashCommandParse(r)
	if err != nil {
		http.Error(w, "bad command form", http.StatusBadRequest)
		return
	}
	if r.PostForm.Get("ssl_check") == "1" {
		w.WriteHeader(http.StatusOK)
		return
	}
	reply := b.HandleCommand(r.Context(), cmd)
	if reply == nil {
		w.WriteHeader(http.StatusOK)
		return
	}
	writeJSON(w, http.StatusOK, replyMessage(reply))
}

// replyMessage is the JSON body of a synchronous command answer.
func replyMessage(reply *Reply) slack.Msg {
	msg := slack.Msg{Text: reply.Text, ResponseType: slack.ResponseTypeEphemeral}
	if reply.InChannel {
		msg.ResponseType = slack.ResponseTypeInChannel
	}
	if len(reply.Blocks) > 0 {
		msg.Blocks = slack.Blocks{BlockSet: reply.Blocks}
	}
	return msg
}

func (b *Bot) serveInteraction(w http.ResponseWriter, r *http.Request, body []byte) {
	r.Body = io.NopCloser(bytes.NewReader(body))
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad interaction form", http.StatusBadRequest)
		return
	}
	var ic slack.InteractionCallback
	if err := json.Unmarshal([]byte(r.PostForm.Get("payload")), &ic); err != nil {
		http.Error(w, "bad interaction payload", http.StatusBadRequest)
		return
	}
	resp := b.HandleInteraction(r.Context(), &ic)
	if resp == nil {
		w.WriteHeader(http.StatusOK)
		return
	}
	writeJSON(w, http.StatusOK, resp)
}

func (b *Bot) serveEvent(w http.ResponseWriter, r *http.Request, body []byte) {
	ev, err := slackevents.ParseEvent(body, slackevents.OptionNoVerifyToken())
	if err != nil {
		http.Error(w, "bad event", http.StatusBadRequest)
		return
	}
	switch ev.Type {
	case slackevents.URLVerification:
		var ch slackevents.ChallengeResponse
		if err := json.Unmarshal(body, &ch); err != nil {
			http.Error(w, "bad challenge", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, ch.Challenge)
	case slackevents.CallbackEvent:
		var outer struct {
			EventID string `json:"event_id"`
		}
		_ = json.Unmarshal(body, &outer)
		b.HandleEvent(r.Context(), ev, outer.EventID)
		w.WriteHeader(http.StatusOK)
	default:
		w.WriteHeader(http.StatusOK)
	}
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}
