// Package handlers turns Slack input into calls of the domain services: one file per area,
// each parsing what the user gave, calling one service method and rendering one view.
package handlers

import (
	"storeops/bot"
	"storeops/domain"
	"storeops/domain/access"
	"storeops/domain/aftersale"
	"storeops/domain/appraisal"
	"storeops/domain/approval"
	"storeops/domain/campaign"
	"storeops/domain/complaint"
	"storeops/domain/feedback"
	"storeops/domain/inquiry"
	"storeops/domain/leave"
	"storeops/domain/listing"
	"storeops/domain/metrics"
	"storeops/domain/order"
	"storeops/domain/report"
	"storeops/domain/store"
)

// Deps are the services the handlers call.
type Deps struct {
	Access    *access.Service
	Stores    *store.Service
	Listings  *listing.Service
	Approvals *approval.Engine
	Orders    *order.Service
	Tokens    *store.Tokens
	Aftersale *aftersale.Service

	Complaints *complaint.Service
	Inquiries  *inquiry.Service
	Feedback   *feedback.Service
	// Reports builds the morning digest (nil: no digest commands).
	Reports *report.Service
	// Metrics records the stores' daily figures (nil: no figures commands).
	Metrics *metrics.Service
	// Campaigns runs marketing campaigns (nil: no campaign commands).
	Campaigns *campaign.Service
	// Appraisals runs the monthly appraisals (nil: no appraisal commands).
	Appraisals *appraisal.Service
	// Leave runs leave requests (nil: no leave commands).
	Leave *leave.Service
}

// Register adds every command, button, modal and event StoreOps serves.
func Register(b *bot.Bot, d Deps) {
	registerRoles(b, d)
	registerStores(b, d)
	registerStoreChannels(b, d)
	registerTokens(b, d.Tokens)
	registerListings(b, d)
	registerApprovals(b, d)
	registerOrders(b, d)
	registerOrderCommands(b, d)
	registerRules(b, d)
	registerImports(b, d)
	registerAftersale(b, d)
	registerComplaints(b, d)
	registerInquiries(b, d)
	registerFeedback(b, d)
	registerDigest(b, d)
	registerReports(b, d)
	registerMetrics(b, d)
	registerCampaigns(b, d)
	registerAppraisals(b, d)
	registerLeave(b, d)
	registerEvents(b)
}

// team is everyone with a role: the people who may see store data.
func team() []domain.Role { return domain.Roles() }

// text is a reply of plain text.
func text(s string) *bot.Reply { return &bot.Reply{Text: s} }

// badValue is what a button with a value we did not write gets.
func badValue() error { return domain.Errorf(domain.EINVALID, "error.bad_button") }
