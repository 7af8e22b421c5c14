// Package store keeps the shops StoreOps runs, one per platform account.
package store

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"storeops/domain"
	"storeops/domain/audit"
)

// Store is one shop on one platform.
type Store struct {
	Code     string
	Platform string
	Name     string
	// TeamChannel gets the store's held orders; WarehouseChannel its released ones. Empty
	// until an admin sets them.
	TeamChannel      string
	WarehouseChannel string
	// WarehouseWebhookURL receives the store's released orders as signed JSON batches
	// (docs/warehouse-webhook.md), signed with WarehouseWebhookSecret; empty when the
	// warehouse has no system of its own.
	WarehouseWebhookURL string
	// The secret is left out of every JSON view (the audit trail records whole stores).
	WarehouseWebhookSecret string `json:"-"`
	// ShipWithinHours is the store's shipping promise: a released order not shipped within
	// it is reminded to the team. DefaultShipWithinHours when not set.
	ShipWithinHours int
	// RefundThreshold is the after-sales refund above which a supervisor must approve
	// (SPEC §2); DefaultRefundThreshold for new stores, 0 sends every refund to approval.
	RefundThreshold domain.Money
	// ConversionBasis is how the store's conversion rate is computed (SPEC §5):
	// ConversionBuyers (paying buyers / unique visitors, Taobao's 支付转化率) or
	// ConversionSessions (sessions that paid / sessions, Shopify's). The KPIs and the digest
	// read it; "" is read as ConversionBuyers.
	ConversionBasis string
	// TimeZone is the IANA name of the zone the store keeps its days in (its platform's
	// back office): "yesterday" of its figures, the dates it imports and the hour of its
	// morning digest. "" is the company zone (STOREOPS_TZ).
	TimeZone  string
	CreatedBy string
	CreatedAt time.Time
}

// DefaultShipWithinHours is the shipping promise of a store that has not set its own.
const DefaultShipWithinHours = 48

// MaxShipWithinHours bounds the promise (a month).
const MaxShipWithinHours = 720

// DefaultRefundThreshold is ¥500.00, the refund above which a supervisor approves.
const DefaultRefundThreshold domain.Money = 50000

// MaxRefundThreshold bounds the setting (¥10,000,000.00), far above any order.
const MaxRefundThreshold domain.Money = 1_000_000_000

// ShipWithin is the store's shipping promise as a duration.
func (s Store) ShipWithin() time.Duration {
	h := s.ShipWithinHours
	if h <= 0 {
		h = DefaultShipWithinHours
	}
	return time.Duration(h) * time.Hour
}

// Platforms StoreOps knows.
func Platforms() []string {
	return []string{"taobao", "tmall", "jd", "pinduoduo", "douyin", "shopify", "other"}
}

// Repository stores shops.
type Repository interface {
	// Create returns ECONFLICT when the code is taken.
	Create(ctx context.Context, s *Store) error
	// Find returns ENOTFOUND for an unknown code.
	Find(ctx context.Context, code string) (Store, error)
	List(ctx context.Context) ([]Store, error)
	// Update loads with a row lock, calls fn and saves, or saves nothing when fn fails;
	// ENOTFOUND "store.not_found" for an unknown code.
	Update(ctx context.Context, code string, fn func(*Store) error) (Store, error)
}

// Channel kinds a store has.
const (
	ChannelTeam      = "team"
	ChannelWarehouse = "warehouse"
)

// Service manages shops.
type Service struct {
	repo  Repository
	tx    domain.TxRunner
	audit *audit.Log
	clock domain.Clock
}

// NewService builds the shop service.
func NewService(repo Repository, tx domain.TxRunner, log *audit.Log, clock domain.Clock) *Service {
	return &Service{repo: repo, tx: tx, audit: log, clock: clock}
}

var codePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$`)

// Add creates a shop. Admin only. The code is kept in upper case.
func (s *Service) Add(ctx context.Context, actor domain.Actor, code, platform, name string) (Store, error) {
	if err := actor.Require(domain.RoleAdmin); err != nil {
		return Store{}, err
	}
	st := Store{Code: strings.ToUpper(strings.TrimSpace(code)), Platform: strings.ToLower(strings.TrimSpace(platform)),
		Name: strings.TrimSpace(name), ShipWithinHours: DefaultShipWithinHours, RefundThreshold: DefaultRefundThreshold, ConversionBasis: ConversionBuyers, CreatedBy: actor.UserID, CreatedAt: s.clock.Now()}
	var problems []domain.Problem
	if !codePattern.MatchString(st.Code) {
		problems = append(problems, domain.Problem{Field: "code", Key: "store.code.invalid"})
	}
	if !slices.Contains(Platforms(), st.Platform) {
		problems = append(problems, domain.Problem{Field: "platform", Key: "store.platform.invalid", Args: []any{strings.Join(Platforms(), ", ")}})
	}
	if st.Name == "" || utf8.RuneCountInString(st.Name) > 80 {
		problems = append(problems, domain.Problem{Field: "name", Key: "store.name.invalid"})
	}
	if len(problems) > 0 {
		return Store{}, domain.Invalid(problems)
	}
	err := s.tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.repo.Create(ctx, &st); err != nil {
			return err
		}
		return s.audit.Record(ctx, actor, "store.add", domain.Subject("store:"+st.Code), nil, st)
	})
	if err != nil {
		return Store{}, fmt.Errorf("add store %s: %w", st.Code, err)
	}
	return st, nil
}

// Find returns a shop by code (case-insensitive).
func (s *Service) Find(ctx context.Context, code string) (Store, error) {
	st, err := s.repo.Find(ctx, strings.ToUpper(strings.TrimSpace(code)))
	if err != nil {
		return Store{}, fmt.Errorf("find store %s: %w", code, err)
	}
	return st, nil
}

// List returns every shop.
func (s *Service) List(ctx context.Context) ([]Store, error) {
	out, err := s.repo.List(ctx)
	if err != nil {
		return nil, fmt.Errorf("list stores: %w", err)
	}
	return out, nil
}

// SetChannel points one of the store's channels (ChannelTeam, ChannelWarehouse) at a Slack
// channel. Admin only.
func (s *Service) SetChannel(ctx context.Context, actor domain.Actor, code, kind, channel string) (Store, error) {
	if err := actor.Require(domain.RoleAdmin); err != nil {
		return Store{}, err
	}
	out, err := s.change(ctx, actor, code, "store.channel", func(st *Store) error {
		switch kind {
		case ChannelTeam:
			st.TeamChannel = channel
		case ChannelWarehouse:
			st.WarehouseChannel = channel
		default:
			return fmt.Errorf("unknown channel kind %q", kind)
		}
		return nil
	}, func(st Store) any {
		// The audit of a setting shows that setting, as the others do.
		return map[string]string{"team_channel": st.TeamChannel, "warehouse_channel": st.WarehouseChannel}
	})
	if err != nil {
		return Store{}, fmt.Errorf("set %s channel of %s: %w", kind, code, err)
	}
	return out, nil
}

// webhookSecretPrefix marks StoreOps webhook secrets, like tokenPrefix marks API tokens.
const webhookSecretPrefix = "whsec_"

// WebhookOff is the URL word that removes a store's warehouse webhook.
const WebhookOff = "off"

// SetWebhook points the store's warehouse webhook at rawURL with a new signing secret, and
// returns the secret: the only time it is shown (StoreOps keeps it, to sign with, but never
// shows it again). rawURL WebhookOff removes the webhook. Admin only.
func (s *Service) SetWebhook(ctx context.Context, actor domain.Actor, code, rawURL string) (Store, string, error) {
	if err := actor.Require(domain.RoleAdmin); err != nil {
		return Store{}, "", err
	}
	code = strings.ToUpper(strings.TrimSpace(code))
	rawURL = strings.TrimSpace(rawURL)
	secret := ""
	if !strings.EqualFold(rawURL, WebhookOff) {
		u, err := url.Parse(rawURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil || len(rawURL) > 500 {
			return Store{}, "", domain.Errorf(domain.EINVALID, "store.webhook.invalid", rawURL)
		}
		var raw [32]byte
		if _, err := rand.Read(raw[:]); err != nil {
			return Store{}, "", fmt.Errorf("set webhook of %s: %w", code, err)
		}
		secret = webhookSecretPrefix + base64.RawURLEncoding.EncodeToString(raw[:])
	} else {
		rawURL = ""
	}
	// The secret never goes into the audit trail.
	out, err := s.change(ctx, actor, code, "store.webhook", func(st *Store) error {
		st.WarehouseWebhookURL, st.WarehouseWebhookSecret = rawURL, secret
		return nil
	}, func(st Store) any {
		if st.WarehouseWebhookSecret == secret && secret != "" {
			return map[string]string{"url": st.WarehouseWebhookURL, "secret": "(new)"}
		}
		return map[string]string{"url": st.WarehouseWebhookURL}
	})
	if err != nil {
		return Store{}, "", fmt.Errorf("set webhook of %s: %w", code, err)
	}
	return out, secret, nil
}

// SetPromise sets how many hours the store promises to ship a released order within
// (1 to MaxShipWithinHours). Admin or supervisor.
func (s *Service) SetPromise(ctx context.Context, actor domain.Actor, code string, hours int) (Store, error) {
	if !actor.Has(domain.RoleAdmin) && !actor.Has(domain.RoleSupervisor) {
		return Store{}, domain.Errorf(domain.EFORBIDDEN, "error.needs_role", string(domain.RoleAdmin)+" / "+string(domain.RoleSupervisor))
	}
	if hours < 1 || hours > MaxShipWithinHours {
		return Store{}, domain.Errorf(domain.EINVALID, "store.promise.invalid", MaxShipWithinHours)
	}
	out, err := s.change(ctx, actor, code, "store.promise", func(st *Store) error {
		st.ShipWithinHours = hours
		return nil
	}, func(st Store) any { return map[string]int{"ship_within_hours": st.ShipWithinHours} })
	if err != nil {
		return Store{}, fmt.Errorf("set shipping promise of %s: %w", code, err)
	}
	return out, nil
}

// SetRefundThreshold sets the after-sales refund above which a supervisor must approve
// (0 to MaxRefundThreshold). Admin or supervisor.
func (s *Service) SetRefundThreshold(ctx context.Context, actor domain.Actor, code string, amount domain.Money) (Store, error) {
	if !actor.Has(domain.RoleAdmin) && !actor.Has(domain.RoleSupervisor) {
		return Store{}, domain.Errorf(domain.EFORBIDDEN, "error.needs_role", string(domain.RoleAdmin)+" / "+string(domain.RoleSupervisor))
	}
	if amount < 0 || amount > MaxRefundThreshold {
		return Store{}, domain.Errorf(domain.EINVALID, "store.refund_threshold.invalid", MaxRefundThreshold.String())
	}
	out, err := s.change(ctx, actor, code, "store.refund_threshold", func(st *Store) error {
		st.RefundThreshold = amount
		return nil
	}, func(st Store) any { return map[string]string{"refund_threshold": st.RefundThreshold.String()} })
	if err != nil {
		return Store{}, fmt.Errorf("set refund threshold of %s: %w", code, err)
	}
	return out, nil
}

// change applies one setting to the store under its row lock and audits it as action, with
// what view shows of the store before and after, in one transaction.
func (s *Service) change(ctx context.Context, actor domain.Actor, code, action string, fn func(*Store) error, view func(Store) any) (Store, error) {
	code = strings.ToUpper(strings.TrimSpace(code))
	var out Store
	err := s.tx.InTx(ctx, func(ctx context.Context) error {
		var before Store
		var err error
		out, err = s.repo.Update(ctx, code, func(st *Store) error {
			before = *st
			return fn(st)
		})
		if err != nil {
			return err
		}
		return s.audit.Record(ctx, actor, action, domain.Subject("store:"+code), view(before), view(out))
	})
	return out, err
}
