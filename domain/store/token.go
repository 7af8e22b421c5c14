package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"time"

	"storeops/domain"
)

// TokenRepository keeps the hash of each store's ingestion API token; the token itself is
// shown once and never stored.
type TokenRepository interface {
	// SetTokenHash creates or replaces the store's token hash.
	SetTokenHash(ctx context.Context, store string, hash []byte, at time.Time) error
	// TokenHash returns ENOTFOUND "store.token.not_set" (args: store) when none was made.
	TokenHash(ctx context.Context, store string) ([]byte, error)
}

// tokenPrefix marks StoreOps tokens so that a leaked one is recognisable (and scannable).
const tokenPrefix = "sot_"

// Tokens issues and checks the stores' ingestion API tokens.
type Tokens struct {
	repo   TokenRepository
	stores *Service
	clock  domain.Clock
}

// NewTokens builds the token service.
func NewTokens(repo TokenRepository, stores *Service, clock domain.Clock) *Tokens {
	return &Tokens{repo: repo, stores: stores, clock: clock}
}

// Rotate makes a new token for the store, replacing any previous one, and returns it: the
// only time it is seen. Admin only.
func (t *Tokens) Rotate(ctx context.Context, actor domain.Actor, code string) (string, error) {
	if err := actor.Require(domain.RoleAdmin); err != nil {
		return "", err
	}
	st, err := t.stores.Find(ctx, code)
	if err != nil {
		return "", err
	}
	var raw [32]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return "", fmt.Errorf("rotate token of %s: %w", st.Code, err)
	}
	token := tokenPrefix + base64.RawURLEncoding.EncodeToString(raw[:])
	err = t.stores.tx.InTx(ctx, func(ctx context.Context) error {
		if err := t.repo.SetTokenHash(ctx, st.Code, hash(token), t.clock.Now()); err != nil {
			return err
		}
		return t.stores.audit.Record(ctx, actor, "store.token_rotated", domain.Subject("store:"+st.Code), nil, map[string]string{"token": "(new)"})
	})
	if err != nil {
		return "", fmt.Errorf("rotate token of %s: %w", st.Code, err)
	}
	return token, nil
}

// Authenticate checks a bearer token against the store's. Every failure is the same
// EFORBIDDEN, so that a caller learns nothing about which stores exist.
func (t *Tokens) Authenticate(ctx context.Context, code, token string) error {
	denied := domain.Errorf(domain.EFORBIDDEN, "store.token.invalid")
	code = strings.ToUpper(strings.TrimSpace(code))
	want, err := t.repo.TokenHash(ctx, code)
	if err != nil {
		if domain.ErrorCode(err) == domain.ENOTFOUND {
			return denied
		}
		return fmt.Errorf("authenticate %s: %w", code, err)
	}
	if subtle.ConstantTimeCompare(want, hash(token)) != 1 {
		return denied
	}
	return nil
}

// hash is SHA-256: the token is 256 random bits, so a slow password hash would add nothing
// but latency to every API call.
func hash(token string) []byte {
	sum := sha256.Sum256([]byte(token))
	return sum[:]
}
