package handlers

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/slack-go/slack"

	"storeops/bot"
	"storeops/bot/view"
	"storeops/domain"
	"storeops/domain/listing"
)

// formMeta is what the listing modal carries between opening and submission.
type formMeta struct {
	// Mode is "new", "resubmit" (a draft or delisted listing goes back to review) or "update"
	// (a live listing's changes, minor ones at once and major ones to approval).
	Mode      string `json:"mode"`
	ListingID int64  `json:"listing_id,omitempty"`
	Channel   string `json:"channel,omitempty"`
}

func registerListings(b *bot.Bot, d Deps) {
	assistant := []domain.Role{domain.RoleAssistant}
	b.AddCommand(bot.Command{Area: "listing", Path: "listing new", Summary: "help.listing.new", Roles: assistant,
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			return openListingForm(ctx, d, r, listing.Input{}, formMeta{Mode: "new", Channel: r.ChannelID})
		}})
	b.AddCommand(bot.Command{Area: "listing", Path: "listing edit", Usage: "<sku>", Summary: "help.listing.edit", Roles: assistant,
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			l, err := listingArg(ctx, d, r)
			if err != nil {
				return nil, err
			}
			meta := formMeta{ListingID: l.ID, Channel: r.ChannelID}
			switch l.Status {
			case listing.StatusDraft, listing.StatusDelisted:
				meta.Mode = "resubmit"
			case listing.StatusLive:
				meta.Mode = "update"
			default:
				return nil, domain.Errorf(domain.ECONFLICT, "listing.edit.status", l.Ref(), r.L.Status(l.Status))
			}
			return openListingForm(ctx, d, r, listing.InputOf(l), meta)
		}})
	b.AddCommand(bot.Command{Area: "listing", Path: "listing update", Usage: "<sku> field=value …", Summary: "help.listing.update", Roles: assistant,
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			if len(r.Args) < 2 {
				return nil, r.Usage()
			}
			changes, rest := r.Args[1:].Pairs()
			if len(rest) > 0 {
				return nil, domain.Errorf(domain.EINVALID, "listing.update.not_pair", rest[0])
			}
			res, err := d.Listings.Update(ctx, r.Actor, r.Args[0], changes)
			if err != nil {
				return nil, err
			}
			return text(view.UpdateResult(r.L, res)), nil
		}})
	b.AddCommand(bot.Command{Area: "listing", Path: "listing delist", Usage: "<sku> <reason>", Summary: "help.listing.delist", Roles: assistant,
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			if len(r.Args) < 2 {
				return nil, r.Usage()
			}
			l, err := d.Listings.RequestDelisting(ctx, r.Actor, r.Args[0], r.Args.Rest(1))
			if err != nil {
				return nil, err
			}
			return text(r.L.T("listing.delist.requested", l.Ref(), l.ApprovalID)), nil
		}})
	b.AddCommand(bot.Command{Area: "listing", Path: "listing show", Usage: "<sku>", Summary: "help.listing.show", Roles: team(),
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			l, err := listingArg(ctx, d, r)
			if err != nil {
				return nil, err
			}
			return &bot.Reply{Text: l.Ref() + " " + l.Title, Blocks: view.Listing(r.L, l, r.TZ)}, nil
		}})
	b.AddCommand(bot.Command{Area: "listing", Path: "listing list", Usage: "[status]", Summary: "help.listing.list", Roles: team(),
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			var f listing.Filter
			if len(r.Args) > 0 {
				s, ok := parseStatus(r.Args.Rest(0))
				if !ok {
					return nil, domain.Errorf(domain.EINVALID, "listing.status.unknown", r.Args.Rest(0))
				}
				f.Status = s
			}
			ls, err := d.Listings.List(ctx, f)
			if err != nil {
				return nil, err
			}
			return &bot.Reply{Text: r.L.T("listing.list.title", len(ls)), Blocks: view.ListingList(r.L, ls, f.Status)}, nil
		}})
	b.AddCommand(bot.Command{Area: "listing", Path: "audit", Usage: "<sku>", Summary: "help.audit", Roles: team(),
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			l, err := listingArg(ctx, d, r)
			if err != nil {
				return nil, err
			}
			entries, err := d.Listings.History(ctx, l, 40)
			if err != nil {
				return nil, err
			}
			return &bot.Reply{Text: r.L.T("audit.title", l.Ref()), Blocks: view.History(r.L, l.Ref(), entries, r.TZ)}, nil
		}})
	b.AddView(bot.View{CallbackID: view.CallbackListingForm, Roles: assistant, Submit: func(ctx context.Context, r *bot.Request) (*slack.ViewSubmissionResponse, error) {
		return submitListingForm(ctx, d, r)
	}})
	b.AddAction(bot.Action{ID: view.ActionRequestDelist, Roles: assistant, Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
		id, reason, err := view.ParseDelistValue(r.Action.Value)
		if err != nil || (reason != listing.ReasonSlowMoving && reason != listing.ReasonSoldOut) {
			return nil, badValue()
		}
		l, err := d.Listings.RequestDelistingByID(ctx, r.Actor, id, r.L.T("listing.delist_reason."+reason))
		if err != nil {
			return nil, err
		}
		return text(r.L.T("listing.delist.requested", l.Ref(), l.ApprovalID)), nil
	}})
}

// listingArg resolves the one argument of a command that names a listing.
func listingArg(ctx context.Context, d Deps, r *bot.Request) (listing.Listing, error) {
	if len(r.Args) != 1 {
		return listing.Listing{}, r.Usage()
	}
	return d.Listings.Find(ctx, r.Args[0])
}

// parseStatus reads a status as people type it: "pending review", "pending_review", "live" …
func parseStatus(s string) (listing.Status, bool) {
	norm := strings.ReplaceAll(strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), " ", "_"), "-", "_")
	switch norm {
	case "pending", "review":
		norm = string(listing.StatusPendingReview)
	case "delisting":
		norm = string(listing.StatusPendingDelisting)
	}
	for _, st := range listing.Statuses() {
		if string(st) == norm {
			return st, true
		}
	}
	return "", false
}

func openListingForm(ctx context.Context, d Deps, r *bot.Request, in listing.Input, meta formMeta) (*bot.Reply, error) {
	stores, err := d.Stores.List(ctx)
	if err != nil {
		return nil, err
	}
	if len(stores) == 0 {
		return text(r.L.T("listing.no_stores")), nil
	}
	raw, err := json.Marshal(meta)
	if err != nil {
		return nil, err
	}
	if err := r.OpenView(ctx, view.ListingForm(r.L, stores, in, meta.Mode != "new", string(raw))); err != nil {
		return nil, err
	}
	return nil, nil
}

func submitListingForm(ctx context.Context, d Deps, r *bot.Request) (*slack.ViewSubmissionResponse, error) {
	var meta formMeta
	if err := json.Unmarshal([]byte(r.Interaction.View.PrivateMetadata), &meta); err != nil {
		return nil, badValue()
	}
	r.ChannelID = meta.Channel
	in := listing.Input{}
	for _, f := range listing.Fields() {
		in.Set(f, r.Value(f))
	}
	switch meta.Mode {
	case "new":
		l, err := d.Listings.Submit(ctx, r.Actor, in)
		if err != nil {
			return nil, err
		}
		return nil, r.Notify(ctx, text(r.L.T("listing.submitted", l.Ref(), l.ApprovalID)))
	case "resubmit", "update":
		cur, err := d.Listings.FindByID(ctx, meta.ListingID)
		if err != nil {
			return nil, err
		}
		// Store and SKU name the listing; the form shows them but does not let them change.
		in.Store, in.SKU = cur.StoreCode, cur.SKU
		if meta.Mode == "resubmit" {
			l, err := d.Listings.Submit(ctx, r.Actor, in)
			if err != nil {
				return nil, err
			}
			return nil, r.Notify(ctx, text(r.L.T("listing.submitted", l.Ref(), l.ApprovalID)))
		}
		was := listing.InputOf(cur)
		changes := map[string]string{}
		for _, f := range listing.Fields() {
			if now := in.Get(f); now != strings.TrimSpace(was.Get(f)) {
				changes[f] = now
			}
		}
		if len(changes) == 0 {
			return nil, r.Notify(ctx, text(r.L.T("listing.update.nothing")))
		}
		res, err := d.Listings.Update(ctx, r.Actor, cur.Ref(), changes)
		if err != nil {
			return nil, err
		}
		return nil, r.Notify(ctx, text(view.UpdateResult(r.L, res)))
	}
	return nil, badValue()
}
