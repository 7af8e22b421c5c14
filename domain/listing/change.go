package listing

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"time"

	"storeops/domain"
	"storeops/domain/approval"
)

// Change is a major change held for approval: only the fields that change are set. The
// floor price is never among them: it is a minor change and applies at once.
type Change struct {
	Title       *string       `json:"title,omitempty"`
	Category    *string       `json:"category,omitempty"`
	Price       *domain.Money `json:"price,omitempty"`
	RequestedBy string        `json:"requested_by"`
	RequestedAt time.Time     `json:"requested_at"`
}

func (c Change) summary() map[string]string {
	m := map[string]string{}
	if c.Title != nil {
		m["title"] = *c.Title
	}
	if c.Category != nil {
		m["category"] = *c.Category
	}
	if c.Price != nil {
		m["price"] = c.Price.String()
	}
	return m
}

// FieldChange is one field moving from one value to another, formatted for people.
type FieldChange struct {
	Field  string
	Before string
	After  string
}

// UpdateResult says what an update did: what applied at once and what waits for approval.
type UpdateResult struct {
	Listing    Listing
	Applied    []FieldChange
	Held       []FieldChange
	ApprovalID int64
}

// updatable are the fields `listing update` may change; store and SKU identify the listing.
func updatable() []string {
	return []string{FieldTitle, FieldCategory, FieldKeywords, FieldPrice, FieldFloorPrice, FieldStock, FieldImages, FieldDescription}
}

// Update changes fields of a draft or live listing. On a live listing minor changes apply at
// once, while a title or category change, or a price move above the threshold, is held for
// the supervisor and the listing keeps its current values until then.
func (s *Service) Update(ctx context.Context, actor domain.Actor, ref string, changes map[string]string) (UpdateResult, error) {
	if err := actor.Require(domain.RoleAssistant); err != nil {
		return UpdateResult{}, err
	}
	if len(changes) == 0 {
		return UpdateResult{}, domain.Errorf(domain.EINVALID, "listing.update.nothing")
	}
	var problems []domain.Problem
	var parsed Listing
	for _, f := range slices.Sorted(maps.Keys(changes)) {
		if !slices.Contains(updatable(), f) {
			problems = append(problems, domain.Problem{Field: f, Key: "listing.field.not_updatable", Args: []any{f, strings.Join(updatable(), ", ")}})
			continue
		}
		if p := applyField(&parsed, f, changes[f]); p != nil {
			problems = append(problems, *p)
		}
	}
	if len(problems) > 0 {
		return UpdateResult{}, domain.Invalid(problems)
	}
	cur, err := s.Find(ctx, ref)
	if err != nil {
		return UpdateResult{}, err
	}
	var res UpdateResult
	err = s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		now := s.d.Clock.Now()
		var before Listing
		var held *Change
		updated, err := s.d.Repo.Update(ctx, cur.ID, func(l *Listing) error {
			if l.Status != StatusLive && l.Status != StatusDraft {
				return domain.Errorf(domain.ECONFLICT, "listing.update.status", l.Ref(), string(l.Status))
			}
			before = *l
			res = UpdateResult{}
			held = &Change{RequestedBy: actor.UserID, RequestedAt: now}
			for f := range changes {
				applied, isHeld := s.change(l, &parsed, f, held)
				if applied != nil {
					res.Applied = append(res.Applied, *applied)
				}
				if isHeld != nil {
					res.Held = append(res.Held, *isHeld)
				}
			}
			if len(res.Held) == 0 {
				held = nil
			} else if l.Pending != nil {
				return domain.Errorf(domain.ECONFLICT, "listing.change_pending", l.Ref())
			}
			_, price := changes[FieldPrice]
			_, floor := changes[FieldFloorPrice]
			if price || floor {
				if p := floorProblem(*l, held); p != nil {
					return domain.Invalid([]domain.Problem{*p})
				}
			}
			l.UpdatedAt = now
			return nil
		})
		if err != nil {
			return err
		}
		sortChanges(res.Applied)
		sortChanges(res.Held)
		if len(res.Applied) > 0 {
			if err := s.d.Audit.Record(ctx, actor, "listing.update", updated.Subject(), auditView(before), auditView(updated)); err != nil {
				return err
			}
		}
		if held != nil {
			req, err := s.d.Approvals.Submit(ctx, actor, approval.Submission{
				Kind: approval.KindListingChange, Subject: updated.Subject(), Title: updated.Ref() + " " + updated.Title,
				Details: changeDetails(updated, res.Held), Payload: held,
			})
			if err != nil {
				return err
			}
			res.ApprovalID = req.ID
			before = updated
			updated, err = s.d.Repo.Update(ctx, updated.ID, func(l *Listing) error {
				l.Pending, l.ApprovalID = held, req.ID
				return nil
			})
			if err != nil {
				return err
			}
			if err := s.d.Audit.Record(ctx, actor, "listing.change_requested", updated.Subject(), auditView(before), auditView(updated)); err != nil {
				return err
			}
		}
		res.Listing = updated
		return nil
	})
	if err != nil {
		return UpdateResult{}, fmt.Errorf("update listing %s: %w", cur.Ref(), err)
	}
	return res, nil
}

// change moves field f of l to the parsed value, or holds it in held when it is major on a
// live listing. A value equal to the current one changes nothing.
func (s *Service) change(l, parsed *Listing, f string, held *Change) (applied, isHeld *FieldChange) {
	live := l.Status == StatusLive
	fc := func(b, a string) *FieldChange { return &FieldChange{Field: f, Before: b, After: a} }
	switch f {
	case FieldTitle:
		return changeText(&l.Title, parsed.Title, live, &held.Title, fc)
	case FieldCategory:
		return changeText(&l.Category, parsed.Category, live, &held.Category, fc)
	case FieldPrice:
		if parsed.Price == l.Price {
			return nil, nil
		}
		if live && s.IsMajorPriceChange(l.Price, parsed.Price) {
			held.Price = &parsed.Price
			return nil, fc(l.Price.String(), parsed.Price.String())
		}
		applied, l.Price = fc(l.Price.String(), parsed.Price.String()), parsed.Price
	case FieldFloorPrice:
		// A floor only decides which orders are held for review, so, like the stock, it is
		// a minor change on a live listing too.
		if parsed.FloorPrice != l.FloorPrice {
			applied, l.FloorPrice = fc(floorText(l.FloorPrice), floorText(parsed.FloorPrice)), parsed.FloorPrice
		}
	case FieldStock:
		if parsed.Stock != l.Stock {
			applied, l.Stock = fc(fmt.Sprint(l.Stock), fmt.Sprint(parsed.Stock)), parsed.Stock
		}
	case FieldKeywords:
		if !slices.Equal(parsed.Keywords, l.Keywords) {
			applied, l.Keywords = fc(strings.Join(l.Keywords, ", "), strings.Join(parsed.Keywords, ", ")), parsed.Keywords
		}
	case FieldImages:
		if !slices.Equal(parsed.Images, l.Images) {
			applied, l.Images = fc(strings.Join(l.Images, " "), strings.Join(parsed.Images, " ")), parsed.Images
		}
	case FieldDescription:
		if parsed.Description != l.Description {
			applied, l.Description = fc(l.Description, parsed.Description), parsed.Description
		}
	}
	return applied, nil
}

// floorText is a floor price as an update reports it: no floor is empty, as in the form.
func floorText(m domain.Money) string {
	if m == 0 {
		return ""
	}
	return m.String()
}

// floorProblem checks l, as the update leaves it, against the rule that the floor price
// does not exceed the price. l.Price is the price that applies now (a held price move has
// not touched it). A price waiting for approval — held by this update, or by an earlier
// one — is checked too, because approving it applies it without looking at the floor.
func floorProblem(l Listing, held *Change) *domain.Problem {
	if l.FloorPrice == 0 {
		return nil
	}
	if p := checkFloor(l.FloorPrice, l.Price); p != nil {
		return p
	}
	if held != nil && held.Price != nil {
		return checkFloor(l.FloorPrice, *held.Price)
	}
	if l.Pending != nil && l.Pending.Price != nil && l.FloorPrice > *l.Pending.Price {
		return &domain.Problem{Field: FieldFloorPrice, Key: "listing.floor_price.above_pending_price",
			Args: []any{l.FloorPrice.String(), l.Pending.Price.String(), l.ApprovalID}}
	}
	return nil
}

// changeText moves a text field that is a major change on a live listing: there it is held,
// elsewhere it applies.
func changeText(cur *string, next string, live bool, hold **string, fc func(b, a string) *FieldChange) (applied, held *FieldChange) {
	if next == *cur {
		return nil, nil
	}
	if live {
		*hold = &next
		return nil, fc(*cur, next)
	}
	applied, *cur = fc(*cur, next), next
	return applied, nil
}

// IsMajorPriceChange reports whether moving from old to next exceeds the threshold.
func (s *Service) IsMajorPriceChange(old, next domain.Money) bool {
	if old <= 0 {
		return true
	}
	pct := math.Abs(float64(next-old)) / float64(old) * 100
	return pct > s.d.Settings.PriceChangePct
}

func sortChanges(cs []FieldChange) {
	slices.SortFunc(cs, func(a, b FieldChange) int { return slices.Index(Fields(), a.Field) - slices.Index(Fields(), b.Field) })
}

func changeDetails(l Listing, held []FieldChange) []approval.Field {
	out := []approval.Field{{Label: "field.listing", Value: l.Ref() + " " + l.Title}}
	for _, c := range held {
		v := c.Before + " → " + c.After
		if c.Field == FieldPrice {
			b, _ := domain.ParseMoney(c.Before)
			a, _ := domain.ParseMoney(c.After)
			if b > 0 {
				v += fmt.Sprintf(" (%+.1f%%)", float64(a-b)/float64(b)*100)
			}
		}
		out = append(out, approval.Field{Label: "field." + c.Field, Value: v})
	}
	return out
}

// applyChange is what an approved major change does to the listing.
func (c Change) apply(l *Listing) {
	if c.Title != nil {
		l.Title = *c.Title
	}
	if c.Category != nil {
		l.Category = *c.Category
	}
	if c.Price != nil {
		l.Price = *c.Price
	}
}

func decodeChange(r approval.Request) (Change, error) {
	var c Change
	if err := json.Unmarshal(r.Payload, &c); err != nil {
		return Change{}, fmt.Errorf("decode change of request %d: %w", r.ID, err)
	}
	return c, nil
}
