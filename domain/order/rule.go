package order

import (
	"context"
	"time"

	"storeops/domain"
)

// Rule is one check as a store runs it: which orders it looks at (scope), how serious a
// finding is, and its parameters (thresholds, keywords, buffer times), as text so that
// `/ops rules <store> set <check> <param>=<value>` can change any of them.
type Rule struct {
	Check    string            `json:"check"`
	Enabled  bool              `json:"enabled"`
	Severity Severity          `json:"severity"`
	Scope    Scope             `json:"scope"`
	Params   map[string]string `json:"params,omitempty"`
}

// Scope limits a rule to some orders; empty parts match everything.
type Scope struct {
	Platforms []string `json:"platforms,omitempty"`
	// MinAmount and MaxAmount bound the paid amount; zero means no bound.
	MinAmount domain.Money `json:"min_amount,omitempty"`
	MaxAmount domain.Money `json:"max_amount,omitempty"`
	Provinces []string     `json:"provinces,omitempty"`
}

// RuleSet is a store's rules. Each new store starts with DefaultRules().
type RuleSet struct {
	StoreCode string
	Rules     []Rule
	UpdatedBy string
	UpdatedAt time.Time
	Version   int
}

// Facts are what the checks may know beyond the order itself. The service gathers them
// before the review, so that every check is a pure function of the order and its facts.
type Facts struct {
	Now time.Time
	// Platform is the store's platform (for rule scopes).
	Platform string
	// Recent are the store's other orders from the same buyer, phone or address received
	// within the longest buffer any enabled rule uses.
	Recent []Order
	// Blacklisted are the blacklist entries that match the order's buyer, phone or address.
	Blacklisted []BlacklistEntry
	// Stock is the available stock of each ordered SKU that StoreOps knows.
	Stock map[string]int
	// FloorPrice is the lowest unit price allowed for each ordered SKU that has one.
	FloorPrice map[string]domain.Money
}

// BlacklistKind is what a blacklist entry matches.
type BlacklistKind string

const (
	BlacklistBuyer   BlacklistKind = "buyer"
	BlacklistPhone   BlacklistKind = "phone"
	BlacklistAddress BlacklistKind = "address"
)

// BlacklistEntry is one blocked buyer (platform buyer id), phone or address. Value is kept
// normalised (phone digits only, address without spaces and punctuation).
type BlacklistEntry struct {
	ID        int64
	StoreCode string // empty: every store
	Kind      BlacklistKind
	Value     string
	Reason    string
	AddedBy   string
	AddedAt   time.Time
}

// RuleRepository stores rule sets and the blacklist. Writes join the transaction in ctx.
type RuleRepository interface {
	// RuleSet returns the store's rules, ENOTFOUND "rules.not_found" (args: store) when the
	// store has none yet.
	RuleSet(ctx context.Context, store string) (RuleSet, error)
	// SaveRuleSet creates or replaces the store's rules (Version+1; ECONFLICT
	// "error.concurrent_change" when rs.Version is not the stored one).
	SaveRuleSet(ctx context.Context, rs *RuleSet) error
	// AddBlacklist returns ECONFLICT "blacklist.exists" (args: kind, value) for a repeat.
	AddBlacklist(ctx context.Context, e *BlacklistEntry) error
	// RemoveBlacklist returns ENOTFOUND "blacklist.not_found" (args: kind, value).
	RemoveBlacklist(ctx context.Context, store string, kind BlacklistKind, value string) error
	ListBlacklist(ctx context.Context, store string) ([]BlacklistEntry, error)
	// MatchBlacklist returns the entries (the store's and the global ones) whose value equals
	// one of the given normalised values of their kind.
	MatchBlacklist(ctx context.Context, store string, buyer, phone, address string) ([]BlacklistEntry, error)
}
