package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"storeops/domain"
	"storeops/domain/order"
	"storeops/domain/store"
)

// shipmentDelivery is the body of POST /api/v1/shipments. As with orders, each shipment stays
// raw until the envelope is checked, so that one of the wrong shape is rejected alone.
type shipmentDelivery struct {
	Store     string            `json:"store"`
	Shipments []json.RawMessage `json:"shipments"`
}

type shipmentAnswer struct {
	Results []shipmentResult `json:"results"`
	Summary shipmentSummary  `json:"summary"`
}

type shipmentSummary struct {
	Shipped   int `json:"shipped"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	Rejected  int `json:"rejected"`
}

type shipmentResult struct {
	PlatformOrderID string            `json:"platform_order_id"`
	Outcome         order.ShipOutcome `json:"outcome"`
	// OrderID, Status, Carrier and TrackingNo are the stored order's; a rejected shipment
	// has them only when its order exists.
	OrderID    int64        `json:"order_id,omitempty"`
	Status     order.Status `json:"status,omitempty"`
	Carrier    string       `json:"carrier,omitempty"`
	TrackingNo string       `json:"tracking_no,omitempty"`
	Problems   []problem    `json:"problems"`
}

// postShipments records a batch of shipments for one store, with the same bearer token as
// the orders. A refusal of the request as a whole writes nothing.
func (a *API) postShipments(w http.ResponseWriter, r *http.Request) {
	started := time.Now()
	ctx := r.Context()
	var in shipmentDelivery
	st, ok := a.openBatch(w, r, started, &in, func() string { return in.Store }, func() int { return len(in.Shipments) },
		batchRules{malformedKey: "api.shipments.malformed_json", tooLargeKey: "order.shipments.too_large", emptyKey: "api.shipments_empty", max: order.MaxShipmentBatch})
	if !ok {
		return
	}
	results := make([]order.ShipmentResult, len(in.Shipments))
	inputs := make([]order.ShipmentInput, 0, len(in.Shipments))
	at := make([]int, 0, len(in.Shipments))
	for i, raw := range in.Shipments {
		var s order.ShipmentInput
		if err := json.Unmarshal(raw, &s); err != nil {
			results[i] = order.ShipmentResult{PlatformOrderID: idOf(raw), Outcome: order.ShipRejected,
				Problems: []domain.Problem{{Key: "api.shipment.unreadable"}}}
			continue
		}
		inputs, at = append(inputs, s), append(at, i)
	}
	if len(inputs) > 0 {
		stored, err := a.d.Shipments.RecordShipments(ctx, domain.Actor{UserID: "api:" + st.Code}, st.Code, inputs)
		if err == nil && len(stored) != len(inputs) {
			err = fmt.Errorf("%d results for %d shipments", len(stored), len(inputs))
		}
		if err != nil {
			a.serviceFailed(ctx, w, r, st.Code, fmt.Errorf("record shipments for %s: %w", st.Code, err))
			return
		}
		for j, res := range stored {
			results[at[j]] = res
		}
	}
	out := a.renderShipments(results)
	a.d.Log.InfoContext(ctx, "api shipments", "store", st.Code, "shipments", len(results), "shipped", out.Summary.Shipped,
		"updated", out.Summary.Updated, "unchanged", out.Summary.Unchanged, "rejected", out.Summary.Rejected,
		"ms", time.Since(started).Milliseconds())
	writeJSON(w, http.StatusOK, out)
}

// authenticate finds the store named in the body and checks the bearer token against it,
// answering the refusal itself when it fails.
func (a *API) authenticate(w http.ResponseWriter, r *http.Request, code string) (store.Store, bool) {
	ctx := r.Context()
	code = strings.TrimSpace(code)
	if code == "" {
		a.fail(w, http.StatusBadRequest, "store_required", a.l.T("api.store_required"))
		return store.Store{}, false
	}
	st, err := a.d.Stores.Find(ctx, code)
	switch {
	case domain.ErrorCode(err) == domain.ENOTFOUND:
		a.fail(w, http.StatusNotFound, "unknown_store", a.l.T("store.not_found", code))
		return store.Store{}, false
	case err != nil:
		a.internal(ctx, w, r, fmt.Errorf("authenticate %s: %w", code, err))
		return store.Store{}, false
	}
	if err := a.d.Tokens.Authenticate(ctx, st.Code, bearerToken(r)); err != nil {
		if domain.ErrorCode(err) != domain.EFORBIDDEN {
			a.internal(ctx, w, r, fmt.Errorf("authenticate %s: %w", st.Code, err))
			return store.Store{}, false
		}
		challenge := `Bearer realm="storeops"`
		if r.Header.Get("Authorization") != "" {
			challenge += `, error="invalid_token"`
		}
		w.Header().Set("WWW-Authenticate", challenge)
		a.fail(w, http.StatusUnauthorized, "invalid_token", a.l.T("store.token.invalid"))
		return store.Store{}, false
	}
	return st, true
}

// idOf picks the platform order id out of a shipment that cannot be read as one.
func idOf(raw json.RawMessage) string {
	var id struct {
		PlatformOrderID any `json:"platform_order_id"`
	}
	if json.Unmarshal(raw, &id) == nil && id.PlatformOrderID != nil {
		return strings.TrimSpace(fmt.Sprint(id.PlatformOrderID))
	}
	return ""
}

func (a *API) renderShipments(results []order.ShipmentResult) shipmentAnswer {
	out := shipmentAnswer{Results: make([]shipmentResult, 0, len(results))}
	for _, res := range results {
		s := shipmentResult{PlatformOrderID: res.PlatformOrderID, Outcome: res.Outcome, Problems: []problem{}}
		switch res.Outcome {
		case order.ShipShipped:
			out.Summary.Shipped++
		case order.ShipUpdated:
			out.Summary.Updated++
		case order.ShipUnchanged:
			out.Summary.Unchanged++
		default:
			out.Summary.Rejected++
		}
		if res.Order.ID != 0 {
			s.OrderID, s.Status, s.Carrier, s.TrackingNo = res.Order.ID, res.Order.Status, res.Order.Carrier, res.Order.TrackingNo
		}
		for _, p := range res.Problems {
			s.Problems = append(s.Problems, problem{Field: p.Field, Message: a.l.Problem(p), Code: p.Key})
		}
		out.Results = append(out.Results, s)
	}
	return out
}
