package order

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"storeops/domain"
	"storeops/domain/store"
)

// MaxShipmentBatch is the most shipments one API call may carry.
const MaxShipmentBatch = 1000

// Limits of what a shipment records.
const (
	MaxCarrier = 64
)

// trackingPattern is a tracking number as carriers print them: letters, digits and dashes,
// 4 to 40 of them (SF1234567890123, YT2300123456789, JD0001234567-1-1).
var trackingPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9-]{3,39}$`)

// ShipmentInput is one shipment as the API sends it: the store's platform order id, the
// carrier and the tracking number, and when it left (RFC 3339; now when empty).
type ShipmentInput struct {
	PlatformOrderID string `json:"platform_order_id"`
	Carrier         string `json:"carrier"`
	TrackingNo      string `json:"tracking_no"`
	ShippedAt       string `json:"shipped_at"`
}

// ShipOutcome says what a shipment did to its order.
type ShipOutcome string

const (
	// ShipShipped: the released order is now shipped.
	ShipShipped ShipOutcome = "shipped"
	// ShipUpdated: the order was shipped with another carrier or tracking number, now
	// replaced (and audited).
	ShipUpdated ShipOutcome = "updated"
	// ShipUnchanged: the order was already shipped with this carrier and tracking number.
	ShipUnchanged ShipOutcome = "unchanged"
	ShipRejected  ShipOutcome = "rejected"
)

// ShipmentResult is the answer for one shipment.
type ShipmentResult struct {
	PlatformOrderID string
	Outcome         ShipOutcome
	Order           Order
	Problems        []domain.Problem
}

// shippers may record shipping.
func shippers() []domain.Role { return []domain.Role{domain.RoleAssistant, domain.RoleSupervisor} }

// viewers may read orders: the operations team (not HR).
func viewers() []domain.Role {
	return []domain.Role{domain.RoleAdmin, domain.RoleSupervisor, domain.RoleAssistant}
}

// revealers see the buyer's phone and street whole (SPEC §2: only the roles that need it).
func revealers() []domain.Role { return []domain.Role{domain.RoleSupervisor, domain.RoleAdmin} }

// checkShipment validates what a shipment records.
func checkShipment(carrier, trackingNo string) []domain.Problem {
	var problems []domain.Problem
	if carrier == "" || utf8.RuneCountInString(carrier) > MaxCarrier {
		problems = append(problems, domain.Problem{Field: "carrier", Key: "order.carrier.invalid", Args: []any{MaxCarrier}})
	}
	if !trackingPattern.MatchString(trackingNo) {
		problems = append(problems, domain.Problem{Field: "tracking_no", Key: "order.tracking.invalid", Args: []any{trackingNo}})
	}
	return problems
}

// ship moves o to shipped with carrier and tracking number, or says why not. A shipped order
// with the same carrier and tracking number is unchanged; with others it is updated when
// update is allowed (the API: the platform corrects a number) and refused otherwise (the
// command: a person who ships a shipped order is told it is).
func ship(o *Order, carrier, trackingNo string, at time.Time, update bool) (ShipOutcome, error) {
	switch o.Status {
	case StatusReleased:
		o.Status, o.Carrier, o.TrackingNo, o.ShippedAt = StatusShipped, carrier, trackingNo, at
		return ShipShipped, nil
	case StatusShipped:
		if strings.EqualFold(o.Carrier, carrier) && o.TrackingNo == trackingNo {
			return ShipUnchanged, nil
		}
		if !update {
			return "", domain.Errorf(domain.ECONFLICT, "order.ship.already", o.Ref(), o.Carrier, o.TrackingNo)
		}
		o.Carrier, o.TrackingNo, o.ShippedAt = carrier, trackingNo, at
		return ShipUpdated, nil
	case StatusHeld:
		return "", domain.Errorf(domain.ECONFLICT, "order.ship.held", o.Ref())
	case StatusCancelled:
		return "", domain.Errorf(domain.ECONFLICT, "order.ship.cancelled", o.Ref())
	}
	return "", domain.Errorf(domain.ECONFLICT, "order.ship.status", o.Ref(), string(o.Status))
}

// shipView is what the audit trail keeps of a shipment.
func shipView(o Order) map[string]any {
	return map[string]any{"status": o.Status, "carrier": o.Carrier, "tracking_no": o.TrackingNo, "shipped_at": o.ShippedAt}
}

// Ship records that a released order left the warehouse (`/ops order ship`): carrier,
// tracking number, now. The order is named as FindRef reads it. Assistants and supervisors.
func (s *Service) Ship(ctx context.Context, actor domain.Actor, ref, carrier, trackingNo string) (Order, error) {
	if err := requireAny(actor, shippers()); err != nil {
		return Order{}, err
	}
	carrier, trackingNo = strings.TrimSpace(carrier), strings.TrimSpace(trackingNo)
	if problems := checkShipment(carrier, trackingNo); len(problems) > 0 {
		return Order{}, domain.Invalid(problems)
	}
	found, err := s.FindRef(ctx, ref)
	if err != nil {
		return Order{}, err
	}
	out, outcome, err := s.recordShipment(ctx, actor, found.ID, carrier, trackingNo, s.d.Clock.Now(), false)
	if err != nil {
		return Order{}, fmt.Errorf("ship %s: %w", found.Ref(), err)
	}
	if outcome == ShipUnchanged {
		return Order{}, domain.Errorf(domain.ECONFLICT, "order.ship.already", out.Ref(), out.Carrier, out.TrackingNo)
	}
	return out, nil
}

// recordShipment applies one shipment in its own transaction, with its audit entry.
func (s *Service) recordShipment(ctx context.Context, actor domain.Actor, id int64, carrier, trackingNo string, at time.Time, update bool) (Order, ShipOutcome, error) {
	var out Order
	var outcome ShipOutcome
	err := s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		var before Order
		o, err := s.d.Repo.Update(ctx, id, func(o *Order) error {
			before = *o
			var err error
			if outcome, err = ship(o, carrier, trackingNo, at, update); err != nil {
				return err
			}
			if outcome == ShipUnchanged {
				return errSkip
			}
			o.UpdatedAt = s.d.Clock.Now()
			return nil
		})
		if errors.Is(err, errSkip) {
			out = before
			return nil
		}
		if err != nil {
			return err
		}
		out = o
		action := "order.ship"
		if outcome == ShipUpdated {
			action = "order.ship_update"
		}
		return s.d.Audit.Record(ctx, actor, action, o.Subject(), shipView(before), shipView(o))
	})
	return out, outcome, err
}

// RecordShipments applies a batch of shipments from a store's integration (POST
// /api/v1/shipments). Each shipment is its own transaction and idempotent: the same
// tracking number again is unchanged, another one replaces it (audited); a shipment of an
// unknown, held or cancelled order is rejected with the reason and never blocks the others.
// The caller has authenticated the store.
func (s *Service) RecordShipments(ctx context.Context, actor domain.Actor, storeCode string, inputs []ShipmentInput) ([]ShipmentResult, error) {
	st, err := s.d.Stores.Find(ctx, storeCode)
	if err != nil {
		return nil, err
	}
	if len(inputs) > MaxShipmentBatch {
		return nil, domain.Errorf(domain.EINVALID, "order.shipments.too_large", len(inputs), MaxShipmentBatch)
	}
	results := make([]ShipmentResult, len(inputs))
	for i, in := range inputs {
		res, err := s.shipOne(ctx, actor, st, in)
		if err != nil {
			return nil, fmt.Errorf("record shipment of %q for %s: %w", in.PlatformOrderID, st.Code, err)
		}
		results[i] = res
	}
	return results, nil
}

func (s *Service) shipOne(ctx context.Context, actor domain.Actor, st store.Store, in ShipmentInput) (ShipmentResult, error) {
	pid := strings.TrimSpace(in.PlatformOrderID)
	carrier, trackingNo := strings.TrimSpace(in.Carrier), strings.TrimSpace(in.TrackingNo)
	res := ShipmentResult{PlatformOrderID: pid}
	reject := func(p ...domain.Problem) (ShipmentResult, error) {
		res.Outcome, res.Problems = ShipRejected, p
		return res, nil
	}
	var problems []domain.Problem
	if pid == "" {
		problems = append(problems, domain.Problem{Field: "platform_order_id", Key: "order.field.required"})
	}
	problems = append(problems, checkShipment(carrier, trackingNo)...)
	at := s.d.Clock.Now()
	if v := strings.TrimSpace(in.ShippedAt); v != "" {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			problems = append(problems, domain.Problem{Field: "shipped_at", Key: "order.time.invalid", Args: []any{v}})
		}
		at = t
	}
	if len(problems) > 0 {
		return reject(problems...)
	}
	o, err := s.d.Repo.FindByPlatformID(ctx, st.Code, pid)
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		return reject(domain.Problem{Field: "platform_order_id", Key: "order.not_found", Args: []any{st.Code + "/" + pid}})
	}
	if err != nil {
		return res, err
	}
	out, outcome, err := s.recordShipment(ctx, actor, o.ID, carrier, trackingNo, at, true)
	if e, ok := domain.AsError(err); ok && e.Code == domain.ECONFLICT {
		return reject(domain.Problem{Field: "platform_order_id", Key: e.Key, Args: e.Args})
	}
	if err != nil {
		return res, err
	}
	res.Outcome, res.Order = outcome, out
	return res, nil
}

// FindRef finds an order by what a person types: "STORE/platform order id" (the store code
// in any case), or the platform order id alone when only one store has it.
func (s *Service) FindRef(ctx context.Context, ref string) (Order, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return Order{}, domain.Errorf(domain.EINVALID, "order.ref.invalid", ref)
	}
	if code, pid, ok := strings.Cut(ref, "/"); ok && code != "" && pid != "" {
		o, err := s.d.Repo.FindByPlatformID(ctx, strings.ToUpper(code), pid)
		if err == nil || domain.ErrorCode(err) != domain.ENOTFOUND {
			return o, err
		}
		// A platform id may itself hold a slash; fall through to the id alone.
	}
	found, err := s.d.Repo.List(ctx, Filter{PlatformOrderID: ref, Limit: 6})
	if err != nil {
		return Order{}, fmt.Errorf("find order %s: %w", ref, err)
	}
	switch len(found) {
	case 0:
		return Order{}, domain.Errorf(domain.ENOTFOUND, "order.not_found", ref)
	case 1:
		return found[0], nil
	}
	refs := make([]string, len(found))
	for i, o := range found {
		refs[i] = o.Ref()
	}
	slices.Sort(refs)
	return Order{}, domain.Errorf(domain.ECONFLICT, "order.ambiguous", ref, strings.Join(refs, ", "))
}

// Disclosed is an order as one reader may see it: with the buyer's phone masked and the
// street and postcode left out, unless the reader is a supervisor or an admin (SPEC §2).
type Disclosed struct {
	Order
	Masked bool
}

// Disclose is o as actor may see it.
func Disclose(actor domain.Actor, o Order) Disclosed {
	if requireAny(actor, revealers()) == nil {
		return Disclosed{Order: o}
	}
	o.Buyer.Phone = MaskPhone(o.Buyer.Phone)
	o.Address.Street, o.Address.Postcode = "", ""
	return Disclosed{Order: o, Masked: true}
}

// Show returns one order (FindRef) as the actor may see it. The operations team only.
func (s *Service) Show(ctx context.Context, actor domain.Actor, ref string) (Disclosed, error) {
	if err := requireAny(actor, viewers()); err != nil {
		return Disclosed{}, err
	}
	o, err := s.FindRef(ctx, ref)
	if err != nil {
		return Disclosed{}, err
	}
	return Disclose(actor, o), nil
}

// MaxSearch is the most orders a search returns.
const MaxSearch = 20

// Search finds orders by a phone number (any formatting), a buyer's name or a platform
// order id (or "STORE/id"), newest first, as the actor may see them. The team only.
func (s *Service) Search(ctx context.Context, actor domain.Actor, query string) ([]Disclosed, error) {
	if err := requireAny(actor, viewers()); err != nil {
		return nil, err
	}
	query = strings.TrimSpace(query)
	if query == "" {
		return nil, domain.Errorf(domain.EINVALID, "order.search.empty")
	}
	filters := []Filter{{PlatformOrderID: query, Limit: MaxSearch}, {BuyerName: query, Limit: MaxSearch}}
	if len(NormalizePhone(query)) >= 7 {
		filters = append(filters, Filter{Phone: query, Limit: MaxSearch})
	}
	if code, pid, ok := strings.Cut(query, "/"); ok && code != "" && pid != "" {
		filters = append(filters, Filter{StoreCode: strings.ToUpper(code), PlatformOrderID: pid, Limit: 1})
	}
	var all []Order
	seen := map[int64]bool{}
	for _, f := range filters {
		found, err := s.d.Repo.List(ctx, f)
		if err != nil {
			return nil, fmt.Errorf("search orders %q: %w", query, err)
		}
		for _, o := range found {
			if !seen[o.ID] {
				seen[o.ID] = true
				all = append(all, o)
			}
		}
	}
	slices.SortFunc(all, func(a, b Order) int {
		if c := b.ReceivedAt.Compare(a.ReceivedAt); c != 0 {
			return c
		}
		return int(b.ID - a.ID)
	})
	if len(all) > MaxSearch {
		all = all[:MaxSearch]
	}
	out := make([]Disclosed, len(all))
	for i, o := range all {
		out[i] = Disclose(actor, o)
	}
	return out, nil
}

// Lists `/ops order list` shows.
const (
	ListHeld      = "held"
	ListUnshipped = "unshipped"
)

// MaxList is the most orders a list shows.
const MaxList = 50

// ListOrders returns the held, or the released but not yet shipped, orders of one store (or
// of all when storeCode is empty), newest first, at most MaxList; more says whether there
// are others. The team only.
func (s *Service) ListOrders(ctx context.Context, actor domain.Actor, which, storeCode string) (list []Disclosed, more bool, err error) {
	if err := requireAny(actor, viewers()); err != nil {
		return nil, false, err
	}
	f := Filter{Limit: MaxList + 1}
	switch strings.ToLower(strings.TrimSpace(which)) {
	case ListHeld:
		f.Status = StatusHeld
	case ListUnshipped:
		f.Status = StatusReleased
	default:
		return nil, false, domain.Errorf(domain.EINVALID, "order.list.unknown", which, ListHeld+", "+ListUnshipped)
	}
	if storeCode = strings.TrimSpace(storeCode); storeCode != "" {
		st, err := s.d.Stores.Find(ctx, storeCode)
		if err != nil {
			return nil, false, err
		}
		f.StoreCode = st.Code
	}
	found, err := s.d.Repo.List(ctx, f)
	if err != nil {
		return nil, false, fmt.Errorf("list %s orders: %w", which, err)
	}
	if len(found) > MaxList {
		found, more = found[:MaxList], true
	}
	list = make([]Disclosed, len(found))
	for i, o := range found {
		list[i] = Disclose(actor, o)
	}
	return list, more, nil
}

// TemplateUnshipped is the outbox template of the daily unshipped reminder.
const TemplateUnshipped = "order.unshipped"

// MaxReminded is the most orders one reminder lists by name; it counts the rest.
const MaxReminded = 40

// UnshippedLine is one overdue order of a reminder (no personal data: it goes to a channel).
type UnshippedLine struct {
	ID         int64     `json:"id"`
	Ref        string    `json:"ref"`
	ReleasedAt time.Time `json:"released_at"`
	HandedOff  bool      `json:"handed_off"`
}

// UnshippedList is the payload of TemplateUnshipped.
type UnshippedList struct {
	Store  string          `json:"store"`
	Hours  int             `json:"hours"`
	Orders []UnshippedLine `json:"orders"`
	More   int             `json:"more,omitempty"`
}

// ShouldRemind says whether an order has broken the shipping promise at now: released,
// not shipped, and released at least promise ago.
func ShouldRemind(o Order, promise time.Duration, now time.Time) bool {
	return o.Status == StatusReleased && o.ShippedAt.IsZero() && !o.ReleasedAt.IsZero() && !now.Before(o.ReleasedAt.Add(promise))
}

// RemindUnshipped posts the store's overdue orders (ShouldRemind) to its team channel and
// returns how many it named; nothing is posted when none is overdue or the store has no team
// channel. It joins the caller's transaction, so that the job's once-a-day marker and the
// message commit together.
func (s *Service) RemindUnshipped(ctx context.Context, storeCode string) (int, error) {
	st, err := s.d.Stores.Find(ctx, storeCode)
	if err != nil {
		return 0, err
	}
	if st.TeamChannel == "" {
		return 0, nil
	}
	now, promise := s.d.Clock.Now(), st.ShipWithin()
	var overdue []Order
	var after int64
	for {
		page, err := s.d.Repo.List(ctx, Filter{StoreCode: st.Code, Status: StatusReleased, ReleasedBefore: now.Add(-promise).Add(time.Microsecond),
			Oldest: true, AfterID: after, Limit: recheckPage})
		if err != nil {
			return 0, fmt.Errorf("unshipped orders of %s: %w", st.Code, err)
		}
		for _, o := range page {
			after = o.ID
			if ShouldRemind(o, promise, now) {
				overdue = append(overdue, o)
			}
		}
		if len(page) < recheckPage {
			break
		}
	}
	if len(overdue) == 0 {
		return 0, nil
	}
	slices.SortStableFunc(overdue, func(a, b Order) int { return a.ReleasedAt.Compare(b.ReleasedAt) })
	list := UnshippedList{Store: st.Code, Hours: int(promise / time.Hour)}
	for i, o := range overdue {
		if i == MaxReminded {
			list.More = len(overdue) - i
			break
		}
		list.Orders = append(list.Orders, UnshippedLine{ID: o.ID, Ref: o.Ref(), ReleasedAt: o.ReleasedAt, HandedOff: !o.HandedOffAt.IsZero()})
	}
	if err := s.d.Outbox.Post(ctx, TemplateUnshipped, st.TeamChannel, "", list); err != nil {
		return 0, fmt.Errorf("remind unshipped orders of %s: %w", st.Code, err)
	}
	return len(overdue), nil
}

// Stores lists the stores (for the jobs that go through them one by one).
func (s *Service) Stores(ctx context.Context) ([]store.Store, error) {
	out, err := s.d.Stores.List(ctx)
	if err != nil {
		return nil, fmt.Errorf("list stores: %w", err)
	}
	return out, nil
}
