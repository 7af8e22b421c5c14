package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"storeops/domain"
	"storeops/domain/order"
)

// delivery is the body of POST /api/v1/orders. Orders stay raw until the envelope has been
// checked, so that one order of the wrong shape is rejected on its own instead of failing
// the whole batch as malformed.
type delivery struct {
	Store  string            `json:"store"`
	Orders []json.RawMessage `json:"orders"`
}

// deliveryResult is the answer to an accepted delivery: one result per order, in the order
// they were sent.
type deliveryResult struct {
	Results []orderResult `json:"results"`
	Summary summary       `json:"summary"`
}

type summary struct {
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	Rejected  int `json:"rejected"`
}

type orderResult struct {
	PlatformOrderID string        `json:"platform_order_id"`
	Outcome         order.Outcome `json:"outcome"`
	// OrderID and Status are StoreOps' id and status of the stored order; a rejected order
	// has neither.
	OrderID  int64        `json:"order_id,omitempty"`
	Status   order.Status `json:"status,omitempty"`
	Flags    []flag       `json:"flags"`
	Problems []problem    `json:"problems"`
}

type flag struct {
	Check    string         `json:"check"`
	Severity order.Severity `json:"severity"`
	Message  string         `json:"message"`
	Code     string         `json:"code"`
}

type problem struct {
	// Field is the JSON path of the value within its order ("items[0].quantity").
	Field   string `json:"field"`
	Message string `json:"message"`
	Code    string `json:"code"`
}

// postOrders receives a batch of orders for one store. Every refusal of the request as a
// whole happens before the service is called, so that a refused request writes nothing.
func (a *API) postOrders(w http.ResponseWriter, r *http.Request) {
	started := time.Now()
	ctx := r.Context()
	var in delivery
	st, ok := a.openBatch(w, r, started, &in, func() string { return in.Store }, func() int { return len(in.Orders) },
		batchRules{malformedKey: "api.malformed_json", tooLargeKey: "order.batch.too_large", emptyKey: "api.orders_empty", max: order.MaxBatch})
	if !ok {
		return
	}
	results, err := a.ingest(r, st.Code, in.Orders)
	if err != nil {
		a.serviceFailed(ctx, w, r, st.Code, err)
		return
	}
	out := a.render(results)
	a.d.Log.InfoContext(ctx, "api orders", "store", st.Code, "orders", len(results), "created", out.Summary.Created,
		"updated", out.Summary.Updated, "unchanged", out.Summary.Unchanged, "rejected", out.Summary.Rejected,
		"ms", time.Since(started).Milliseconds())
	writeJSON(w, http.StatusOK, out)
}

// readBody reads a request body of at most MaxBodyBytes, with this route's longer deadlines,
// answering the refusal itself when it cannot.
func (a *API) readBody(w http.ResponseWriter, r *http.Request, started time.Time) ([]byte, bool) {
	rc := http.NewResponseController(w)
	// Not every ResponseWriter supports deadlines (httptest's recorder does not); the
	// server's own then apply.
	_ = rc.SetReadDeadline(started.Add(readTimeout))
	_ = rc.SetWriteDeadline(started.Add(writeTimeout))
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	if err != nil {
		if tooBig := new(http.MaxBytesError); errors.As(err, &tooBig) {
			a.fail(w, http.StatusRequestEntityTooLarge, "body_too_large", a.l.T("api.body_too_large"))
			return nil, false
		}
		// The client went away or stalled mid-upload; there is nobody to explain it to.
		a.d.Log.InfoContext(r.Context(), "api body not read", "path", r.URL.Path, "err", err)
		a.fail(w, http.StatusBadRequest, "unreadable_body", a.l.T("api.unreadable_body"))
		return nil, false
	}
	return body, true
}

// ingest decodes each order on its own and hands the readable ones to the service; an
// order that cannot be read as one is rejected here, in its place in the batch.
func (a *API) ingest(r *http.Request, storeCode string, raw []json.RawMessage) ([]order.Result, error) {
	results := make([]order.Result, len(raw))
	inputs := make([]order.Input, 0, len(raw))
	at := make([]int, 0, len(raw))
	for i, msg := range raw {
		in, p, ok := decodeOrder(msg)
		if !ok {
			results[i] = order.Result{PlatformOrderID: in.PlatformOrderID, Outcome: order.OutcomeRejected, Problems: []domain.Problem{p}}
			continue
		}
		inputs, at = append(inputs, in), append(at, i)
	}
	if len(inputs) == 0 {
		return results, nil
	}
	// The platform is the actor: the audit trail shows which store's integration did it.
	actor := domain.Actor{UserID: "api:" + storeCode}
	stored, err := a.d.Orders.Ingest(r.Context(), actor, storeCode, inputs)
	if err != nil {
		return nil, fmt.Errorf("receive %d orders for %s: %w", len(inputs), storeCode, err)
	}
	if len(stored) != len(inputs) {
		return nil, fmt.Errorf("receive orders for %s: %d results for %d orders", storeCode, len(stored), len(inputs))
	}
	for j, res := range stored {
		results[at[j]] = res
	}
	return results, nil
}

// decodeOrder reads one order. When it has the wrong shape, the problem names the field as
// well as the decoder can, and the platform order id is still picked out if it is there,
// so that the platform can tell which of its orders was refused.
func decodeOrder(msg json.RawMessage) (order.Input, domain.Problem, bool) {
	var in order.Input
	err := json.Unmarshal(msg, &in)
	if err == nil {
		return in, domain.Problem{}, true
	}
	var id struct {
		PlatformOrderID any `json:"platform_order_id"`
	}
	if json.Unmarshal(msg, &id) == nil && id.PlatformOrderID != nil {
		in.PlatformOrderID = strings.TrimSpace(fmt.Sprint(id.PlatformOrderID))
	}
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &typeErr) && typeErr.Field == "":
		return in, domain.Problem{Key: "api.order.not_object"}, false
	case errors.As(err, &typeErr):
		return in, domain.Problem{Field: typeErr.Field, Key: "api.order.wrong_type"}, false
	}
	if p, ok := badNumber(msg); ok {
		return in, p, false
	}
	return in, domain.Problem{Key: "api.order.unreadable"}, false
}

// badNumber finds the quantity or amount sent as text that is not a number ("12,5",
// "¥129"), which the decoder refuses without saying where.
func badNumber(msg json.RawMessage) (domain.Problem, bool) {
	var loose struct {
		Items []struct {
			Quantity  any `json:"quantity"`
			UnitPrice any `json:"unit_price"`
		} `json:"items"`
		Amounts map[string]any `json:"amounts"`
	}
	dec := json.NewDecoder(bytes.NewReader(msg))
	dec.UseNumber()
	if dec.Decode(&loose) != nil {
		return domain.Problem{}, false
	}
	for i, it := range loose.Items {
		if s, bad := notNumber(it.Quantity); bad {
			return domain.Problem{Field: fmt.Sprintf("items[%d].quantity", i), Key: "order.quantity.invalid", Args: []any{s}}, true
		}
		if s, bad := notNumber(it.UnitPrice); bad {
			return domain.Problem{Field: fmt.Sprintf("items[%d].unit_price", i), Key: "order.amount.invalid", Args: []any{s}}, true
		}
	}
	for _, k := range []string{"goods", "shipping", "discount", "paid"} {
		if s, bad := notNumber(loose.Amounts[k]); bad {
			return domain.Problem{Field: "amounts." + k, Key: "order.amount.invalid", Args: []any{s}}, true
		}
	}
	return domain.Problem{}, false
}

// notNumber reports a string that json.Number would refuse.
func notNumber(v any) (string, bool) {
	s, ok := v.(string)
	if !ok || s == "" {
		return "", false
	}
	var n json.Number
	return s, json.Unmarshal([]byte(strconv.Quote(s)), &n) != nil
}

// bearerToken is the token of an "Authorization: Bearer …" header; the scheme is
// case-insensitive (RFC 6750 §2.1). Anything else is no token.
func bearerToken(r *http.Request) string {
	scheme, token, ok := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return ""
	}
	return strings.TrimSpace(token)
}

// render says each result in English, keeping the catalog keys alongside.
func (a *API) render(results []order.Result) deliveryResult {
	out := deliveryResult{Results: make([]orderResult, 0, len(results))}
	for _, res := range results {
		o := orderResult{PlatformOrderID: res.PlatformOrderID, Outcome: res.Outcome, Flags: []flag{}, Problems: []problem{}}
		switch res.Outcome {
		case order.OutcomeCreated:
			out.Summary.Created++
		case order.OutcomeUpdated:
			out.Summary.Updated++
		case order.OutcomeUnchanged:
			out.Summary.Unchanged++
		case order.OutcomeRejected:
			out.Summary.Rejected++
		}
		if res.Outcome != order.OutcomeRejected {
			o.OrderID, o.Status = res.Order.ID, res.Order.Status
			for _, f := range res.Order.Flags {
				args := make([]any, len(f.Args))
				for i, s := range f.Args {
					args[i] = s
				}
				o.Flags = append(o.Flags, flag{Check: f.Check, Severity: f.Severity, Message: a.l.T(f.Key, args...), Code: f.Key})
			}
		}
		for _, p := range res.Problems {
			o.Problems = append(o.Problems, problem{Field: p.Field, Message: a.l.Problem(p), Code: p.Key})
		}
		out.Results = append(out.Results, o)
	}
	return out
}
