package view

import (
	"strings"
	"time"

	"storeops/bot/i18n"
	"storeops/domain"
	"storeops/domain/access"
	"storeops/domain/approval"
	"storeops/domain/audit"
	"storeops/domain/listing"
	"storeops/domain/store"
)

// Fixtures shared by the tests: one realistic value of each read model, and huge ones built
// to break every limit a view must respect.

var (
	cst = time.FixedZone("CST", 8*3600)
	t0  = time.Date(2026, 11, 29, 6, 5, 0, 0, time.UTC) // 14:05 in CST
)

func localizers() map[string]i18n.Localizer {
	c := i18n.New()
	return map[string]i18n.Localizer{"en": c.For("en-US"), "zh": c.For("zh-CN")}
}

func en() i18n.Localizer { return i18n.New().For("en") }

func publishDetails() []approval.Field {
	return []approval.Field{
		{Label: "field.store", Value: "TM01"},
		{Label: "field.sku", Value: "SKU-1"},
		{Label: "field.title", Value: "Red mug"},
		{Label: "field.category", Value: "Kitchen / Mugs"},
		{Label: "field.price", Value: "129.00"},
		{Label: "field.stock", Value: "20"},
		{Label: "field.keywords", Value: "mug, red, ceramic"},
		{Label: "field.images", Value: "https://img.example.com/mug-1.jpg\nhttps://img.example.com/mug-2.jpg"},
		{Label: "field.description", Value: "A 350 ml ceramic mug in glossy red. Dishwasher & microwave safe."},
	}
}

func pendingCard() approval.Card {
	return approval.Card{ID: 12, Version: 1, Kind: approval.KindListingPublish, Title: "TM01/SKU-1 Red mug",
		Requester: "U1", Details: publishDetails(), Status: approval.StatusPending, Required: 1,
		CreatedAt: t0, DueAt: t0.Add(24 * time.Hour), Subject: "listing:7"}
}

func rejectedCard() approval.Card {
	c := pendingCard()
	c.Version, c.Status = 2, approval.StatusRejected
	c.Reason = "Photos are blurry; please use the studio shots."
	c.DecidedBy, c.DecidedAt = "U2", t0.Add(2*time.Hour)
	c.Decisions = []approval.Decision{{By: "U2", Outcome: approval.OutcomeReject, Reason: c.Reason, At: c.DecidedAt}}
	return c
}

func approvedCard() approval.Card {
	c := pendingCard()
	c.Version, c.Status = 2, approval.StatusApproved
	c.DecidedBy, c.DecidedAt = "U2", t0.Add(time.Hour)
	c.Decisions = []approval.Decision{{By: "U2", Outcome: approval.OutcomeApprove, At: c.DecidedAt}}
	return c
}

func multiVoteCard() approval.Card {
	c := pendingCard()
	c.ID, c.Kind, c.Required, c.Note = 14, approval.KindListingChange, 2, "Supplier raised the cost."
	c.Details = []approval.Field{{Label: "field.listing", Value: "TM01/SKU-1 Red mug"}, {Label: "field.price", Value: "100.00 → 150.00 (+50.0%)"}}
	c.Decisions = []approval.Decision{{By: "U2", Outcome: approval.OutcomeApprove, At: t0}}
	return c
}

func stores() []store.Store {
	return []store.Store{
		{Code: "TM01", Platform: "tmall", Name: "Tmall flagship"},
		{Code: "JD01", Platform: "jd", Name: "JD store"},
	}
}

func liveListing() listing.Listing {
	return listing.Listing{ID: 7, StoreCode: "TM01", SKU: "SKU-1", Title: "Red mug", Category: "Kitchen / Mugs",
		Keywords: []string{"mug", "red"}, Price: 12900, FloorPrice: 9900, Stock: 20,
		Images:      []string{"https://img.example.com/mug-1.jpg", "https://img.example.com/mug-2.jpg"},
		Description: "A 350 ml ceramic mug in glossy red.", Status: listing.StatusLive, Owner: "U1",
		LiveSince: t0, UpdatedAt: t0.Add(time.Hour), CreatedAt: t0.Add(-time.Hour), Version: 3}
}

func candidates() listing.CandidateList {
	return listing.CandidateList{Owner: "U1", Days: 30, Candidates: []listing.Candidate{
		{ListingID: 7, Ref: "TM01/SKU-1", Title: "Red mug", Stock: 0, Reason: listing.ReasonSoldOut, IdleDays: 3},
		{ListingID: 8, Ref: "TM01/SKU-2", Title: "Blue mug", Stock: 14, Reason: listing.ReasonSlowMoving, IdleDays: 42},
	}}
}

func helpEntries() []HelpEntry {
	return []HelpEntry{
		{Area: "listing", Usage: "/ops listing new", Summary: "Create a listing and submit it for review"},
		{Area: "listing", Usage: "/ops listing delist <sku> <reason>", Summary: "Ask the supervisor to delist a listing"},
		{Area: "approval", Usage: "/ops approvals", Summary: "List the requests waiting for your decision"},
		{Area: "role", Usage: "/ops role <@user> <role>", Summary: "Grant a user a role"},
	}
}

func historyEntries() []audit.Entry {
	return []audit.Entry{
		{At: t0, Actor: "U1", Action: "listing.submit", Subject: "listing:7",
			After: []byte(`{"status":"pending_review","title":"Red mug","price":"129.00"}`)},
		{At: t0.Add(time.Hour), Actor: "U2", Action: "listing.publish", Subject: "listing:7",
			Before: []byte(`{"status":"pending_review","title":"Red mug"}`), After: []byte(`{"status":"live","title":"Red mug"}`)},
		{At: t0.Add(2 * time.Hour), Actor: domain.SystemUser, Action: "listing.update", Subject: "listing:7",
			Before: []byte(`{"stock":20}`), After: []byte(`{"stock":0}`)},
	}
}

func grants() []access.Grant {
	return []access.Grant{
		{UserID: "U2", Role: domain.RoleSupervisor, GrantedBy: "U9", GrantedAt: t0},
		{UserID: "U1", Role: domain.RoleAssistant, GrantedBy: "U9", GrantedAt: t0},
		{UserID: "U9", Role: domain.RoleAdmin, GrantedBy: "config"},
	}
}

// Huge inputs.

// big is n characters of text that needs escaping and is not ASCII.
func big(n int) string { return string([]rune(strings.Repeat("長<&>x ", n/6+1))[:n]) }

func hugeCard(status approval.Status) approval.Card {
	c := pendingCard()
	c.Title, c.Note, c.Status, c.Required = big(10_000), big(10_000), status, 3
	c.Details = nil
	for i := range 60 {
		v := big(10_000)
		if i%2 == 0 {
			v = big(70) // short: goes into fields
		}
		c.Details = append(c.Details, approval.Field{Label: "field.description", Value: v})
	}
	for range 50 {
		c.Decisions = append(c.Decisions, approval.Decision{By: "U2", Outcome: approval.OutcomeApprove, At: t0})
	}
	if status != approval.StatusPending {
		c.Reason, c.DecidedBy, c.DecidedAt = big(10_000), "U2", t0
	}
	return c
}

func hugeListing() listing.Listing {
	x := liveListing()
	x.Title, x.Category, x.Description, x.RejectReason = big(10_000), big(5_000), big(10_000), big(10_000)
	x.SKU, x.StoreCode = big(300), big(300)
	// Every optional field set, so the card's field section is as full as it gets.
	x.FloorPrice, x.LastSaleAt = listing.MaxPrice, t0
	for range 9 {
		x.Images = append(x.Images, "https://img.example.com/"+big(3_000))
	}
	for range 50 {
		x.Keywords = append(x.Keywords, big(500))
	}
	title, price := big(5_000), domain.Money(15000)
	x.Pending = &listing.Change{Title: &title, Category: &title, Price: &price, RequestedBy: "U1", RequestedAt: t0}
	x.ApprovalID = 13
	return x
}

func hugeListings(n int) []listing.Listing {
	out := make([]listing.Listing, n)
	x := hugeListing()
	for i := range out {
		out[i] = x
	}
	return out
}
