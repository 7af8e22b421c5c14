// Package access binds roles to Slack users and resolves the acting user's roles.
package access

import (
	"context"
	"fmt"
	"slices"
	"time"

	"storeops/domain"
	"storeops/domain/audit"
)

// Grant is one role held by one user.
type Grant struct {
	UserID    string
	Role      domain.Role
	GrantedBy string
	GrantedAt time.Time
}

// Repository stores grants. Writes join the transaction in ctx.
type Repository interface {
	// Add returns ECONFLICT when the user already holds the role.
	Add(ctx context.Context, g Grant) error
	// Remove returns ENOTFOUND when the user does not hold the role.
	Remove(ctx context.Context, userID string, role domain.Role) error
	RolesOf(ctx context.Context, userID string) ([]domain.Role, error)
	UsersWith(ctx context.Context, role domain.Role) ([]string, error)
	List(ctx context.Context) ([]Grant, error)
}

// Service manages roles. Admins named in the configuration hold the admin role from the
// start, without a stored grant, so that a new workspace has someone to grant the others.
type Service struct {
	repo   Repository
	tx     domain.TxRunner
	audit  *audit.Log
	clock  domain.Clock
	admins []string
}

// NewService builds the role service; admins are the configured bootstrap admins.
func NewService(repo Repository, tx domain.TxRunner, log *audit.Log, clock domain.Clock, admins []string) *Service {
	return &Service{repo: repo, tx: tx, audit: log, clock: clock, admins: admins}
}

// Actor resolves the user's roles.
func (s *Service) Actor(ctx context.Context, userID string) (domain.Actor, error) {
	roles, err := s.repo.RolesOf(ctx, userID)
	if err != nil {
		return domain.Actor{}, fmt.Errorf("roles of %s: %w", userID, err)
	}
	if slices.Contains(s.admins, userID) && !slices.Contains(roles, domain.RoleAdmin) {
		roles = append(roles, domain.RoleAdmin)
	}
	slices.SortFunc(roles, func(a, b domain.Role) int { return slices.Index(domain.Roles(), a) - slices.Index(domain.Roles(), b) })
	return domain.Actor{UserID: userID, Roles: roles}, nil
}

// Grant gives user the role. Admin only.
func (s *Service) Grant(ctx context.Context, actor domain.Actor, userID string, role domain.Role) error {
	if err := actor.Require(domain.RoleAdmin); err != nil {
		return err
	}
	return s.tx.InTx(ctx, func(ctx context.Context) error {
		g := Grant{UserID: userID, Role: role, GrantedBy: actor.UserID, GrantedAt: s.clock.Now()}
		if err := s.repo.Add(ctx, g); err != nil {
			return fmt.Errorf("grant %s to %s: %w", role, userID, err)
		}
		return s.audit.Record(ctx, actor, "role.grant", subject(userID), nil, map[string]string{"role": string(role)})
	})
}

// Revoke takes the role from user. Admin only.
func (s *Service) Revoke(ctx context.Context, actor domain.Actor, userID string, role domain.Role) error {
	if err := actor.Require(domain.RoleAdmin); err != nil {
		return err
	}
	if role == domain.RoleAdmin && slices.Contains(s.admins, userID) {
		return domain.Errorf(domain.ECONFLICT, "role.configured_admin", userID)
	}
	return s.tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.repo.Remove(ctx, userID, role); err != nil {
			return fmt.Errorf("revoke %s from %s: %w", role, userID, err)
		}
		return s.audit.Record(ctx, actor, "role.revoke", subject(userID), map[string]string{"role": string(role)}, nil)
	})
}

// List returns every stored grant plus the configured admins.
func (s *Service) List(ctx context.Context) ([]Grant, error) {
	grants, err := s.repo.List(ctx)
	if err != nil {
		return nil, fmt.Errorf("list roles: %w", err)
	}
	for _, id := range s.admins {
		if !slices.ContainsFunc(grants, func(g Grant) bool { return g.UserID == id && g.Role == domain.RoleAdmin }) {
			grants = append(grants, Grant{UserID: id, Role: domain.RoleAdmin, GrantedBy: "config"})
		}
	}
	return grants, nil
}

// UsersWith returns the users holding role (configured admins included for admin).
func (s *Service) UsersWith(ctx context.Context, role domain.Role) ([]string, error) {
	users, err := s.repo.UsersWith(ctx, role)
	if err != nil {
		return nil, fmt.Errorf("users with %s: %w", role, err)
	}
	if role == domain.RoleAdmin {
		for _, id := range s.admins {
			if !slices.Contains(users, id) {
				users = append(users, id)
			}
		}
	}
	return users, nil
}

func subject(userID string) domain.Subject { return domain.Subject("user:" + userID) }
