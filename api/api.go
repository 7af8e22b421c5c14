// Package api is StoreOps' HTTP edge for machines: the store platforms push their orders here
// (SPEC §2). Like bot is for Slack, it reads and authenticates what comes in, calls one domain
// service method and renders the answer as JSON; it decides nothing itself.
//
// docs/openapi.yaml describes every route; a test sends its examples to a running server, so
// a change here that the document does not follow fails the build.
package api

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"storeops/bot/i18n"
	"storeops/domain"
	"storeops/domain/order"
	"storeops/domain/store"
)

// MaxBodyBytes caps a request body: a full batch of order.MaxBatch large orders fits with
// room to spare, and nothing bigger is read into memory.
const MaxBodyBytes = 16 << 20

// Deadlines for one request. The server's own timeouts are sized for Slack's small payloads;
// a full batch uploads 16 MiB and reviews a thousand orders, so the API extends them per
// request instead of loosening them for every route.
const (
	readTimeout  = 60 * time.Second
	writeTimeout = 120 * time.Second
)

// Orders stores deliveries of orders (order.Service).
type Orders interface {
	Ingest(ctx context.Context, actor domain.Actor, storeCode string, inputs []order.Input) ([]order.Result, error)
}

// Shipments records shipments from a store's integration (order.Service).
type Shipments interface {
	RecordShipments(ctx context.Context, actor domain.Actor, storeCode string, inputs []order.ShipmentInput) ([]order.ShipmentResult, error)
}

// Tokens checks a store's bearer token (store.Tokens).
type Tokens interface {
	Authenticate(ctx context.Context, code, token string) error
}

// Stores finds a store by code (store.Service).
type Stores interface {
	Find(ctx context.Context, code string) (store.Store, error)
}

// Deps are what the API calls.
type Deps struct {
	Orders Orders
	// Shipments may be nil (the API then answers 404 on /api/v1/shipments).
	Shipments Shipments
	Tokens    Tokens
	Stores    Stores
	Catalog   *i18n.Catalog
	Log       *slog.Logger

	// Metrics may be nil (the API then answers 404 on /api/v1/metrics).
	Metrics Metrics
}

// API serves /api/.
type API struct {
	d Deps
	// l says everything in English: the readers are the platforms' developers and their
	// logs, and one language keeps answers comparable across stores. The catalog key is sent
	// alongside every message, for programs.
	l i18n.Localizer
}

// New builds the API.
func New(d Deps) *API {
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	return &API{d: d, l: d.Catalog.For(i18n.English)}
}

// Handler returns the routes under /api/. Anything else under /api/ gets a JSON 404 or 405,
// so that a client never has to parse an HTML or plain-text error.
func (a *API) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/v1/orders", a.postOrders)
	mux.HandleFunc("/api/v1/orders", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", http.MethodPost)
		a.fail(w, http.StatusMethodNotAllowed, "method_not_allowed", a.l.T("api.method_not_allowed"))
	})
	if a.d.Shipments != nil {
		mux.HandleFunc("POST /api/v1/shipments", a.postShipments)
		mux.HandleFunc("/api/v1/shipments", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Allow", http.MethodPost)
			a.fail(w, http.StatusMethodNotAllowed, "method_not_allowed", a.l.T("api.method_not_allowed"))
		})
	}
	if a.d.Metrics != nil {
		mux.HandleFunc("POST /api/v1/metrics", a.postMetrics)
		mux.HandleFunc("/api/v1/metrics", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Allow", http.MethodPost)
			a.fail(w, http.StatusMethodNotAllowed, "method_not_allowed", a.l.T("api.method_not_allowed"))
		})
	}
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		a.fail(w, http.StatusNotFound, "not_found", a.l.T("api.not_found"))
	})
	return a.recovered(mux)
}

// errorBody is every error answer: a stable code for programs and a sentence for people.
type errorBody struct {
	Error   string `json:"error"`
	Message string `json:"message"`
	// Detail is what the JSON decoder said of a malformed body (where it stopped reading).
	Detail string `json:"detail,omitempty"`
	// Ref names the log line of an internal error.
	Ref string `json:"ref,omitempty"`
}

func (a *API) fail(w http.ResponseWriter, status int, code, message string) {
	writeJSON(w, status, errorBody{Error: code, Message: message})
}

// internal answers 500 with a short reference and logs the error once, here, with the same
// reference, so that an admin can find the detail that the client must not see.
func (a *API) internal(ctx context.Context, w http.ResponseWriter, r *http.Request, err error) {
	ref := newRef()
	a.d.Log.ErrorContext(ctx, "api request failed", "method", r.Method, "path", r.URL.Path, "ref", ref, "err", err)
	writeJSON(w, http.StatusInternalServerError, errorBody{Error: "internal", Message: a.l.T("error.internal", ref), Ref: ref})
}

// recovered turns a panic into a 500, so that one bad request cannot take the service down.
func (a *API) recovered(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				a.internal(r.Context(), w, r, fmt.Errorf("panic: %v", p))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	// Addresses and remarks are shown to people as they are; HTML escaping would only make
	// them harder to read in a log.
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

func newRef() string {
	var buf [4]byte
	_, _ = rand.Read(buf[:])
	return hex.EncodeToString(buf[:])
}
