package api

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"storeops/domain"
	"storeops/domain/store"
)

// batchRules are what a batch endpoint says about its body: the catalog keys of its
// refusals and the most items a call may carry.
type batchRules struct {
	malformedKey string // the body is not JSON of the endpoint's shape
	tooLargeKey  string // args: items sent, the limit
	emptyKey     string
	max          int
}

// openBatch does what every batch endpoint does before calling the service, answering each
// refusal itself: read the body into in, check the store's token, and check the number of
// items (count is called after in is filled). A refused request writes nothing.
func (a *API) openBatch(w http.ResponseWriter, r *http.Request, started time.Time, in any, storeOf func() string, count func() int, rules batchRules) (store.Store, bool) {
	body, ok := a.readBody(w, r, started)
	if !ok {
		return store.Store{}, false
	}
	if err := json.Unmarshal(body, in); err != nil {
		writeJSON(w, http.StatusBadRequest, errorBody{Error: "malformed_json", Message: a.l.T(rules.malformedKey), Detail: err.Error()})
		return store.Store{}, false
	}
	st, ok := a.authenticate(w, r, storeOf())
	if !ok {
		return store.Store{}, false
	}
	switch n := count(); {
	case n > rules.max:
		a.fail(w, http.StatusRequestEntityTooLarge, "batch_too_large", a.l.T(rules.tooLargeKey, n, rules.max))
		return store.Store{}, false
	case n == 0:
		a.fail(w, http.StatusBadRequest, "empty_batch", a.l.T(rules.emptyKey))
		return store.Store{}, false
	}
	return st, true
}

// serviceFailed answers a batch that the service could not take as a whole.
func (a *API) serviceFailed(ctx context.Context, w http.ResponseWriter, r *http.Request, storeCode string, err error) {
	switch {
	case ctx.Err() != nil:
		// The client gave up (its timeout, a dropped connection) mid-batch. Nobody reads
		// this answer; what was stored stays stored, and the retry answers unchanged.
		a.d.Log.WarnContext(ctx, "api client gone", "path", r.URL.Path, "store", storeCode, "err", err)
		a.fail(w, http.StatusServiceUnavailable, "cancelled", a.l.T("api.cancelled"))
	case domain.ErrorCode(err) == domain.ENOTFOUND: // the store was removed while the batch was being read
		a.fail(w, http.StatusNotFound, "unknown_store", a.l.T("store.not_found", storeCode))
	default:
		a.internal(ctx, w, r, err)
	}
}
