package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"storeops/domain"
)

// Conversion bases a store may choose (Store.ConversionBasis).
const (
	ConversionBuyers   = "buyers"
	ConversionSessions = "sessions"
)

// ConversionBases lists the bases, the default first.
func ConversionBases() []string { return []string{ConversionBuyers, ConversionSessions} }

// Basis is the store's conversion basis, the default when it has not chosen one.
func (s Store) Basis() string {
	if s.ConversionBasis == "" {
		return ConversionBuyers
	}
	return s.ConversionBasis
}

// SetConversionBasis chooses how the store's conversion rate is computed. Admin or
// supervisor: it changes what the team reads every morning, so an assistant may not.
func (s *Service) SetConversionBasis(ctx context.Context, actor domain.Actor, code, basis string) (Store, error) {
	if !actor.Has(domain.RoleAdmin) && !actor.Has(domain.RoleSupervisor) {
		return Store{}, domain.Errorf(domain.EFORBIDDEN, "error.needs_role", string(domain.RoleAdmin)+" / "+string(domain.RoleSupervisor))
	}
	basis = strings.ToLower(strings.TrimSpace(basis))
	if !slices.Contains(ConversionBases(), basis) {
		return Store{}, domain.Errorf(domain.EINVALID, "store.kpi.conversion.invalid", basis, strings.Join(ConversionBases(), ", "))
	}
	out, err := s.change(ctx, actor, code, "store.kpi", func(st *Store) error {
		st.ConversionBasis = basis
		return nil
	}, func(st Store) any { return map[string]string{"conversion_basis": st.Basis()} })
	if err != nil {
		return Store{}, fmt.Errorf("set conversion basis of %s: %w", code, err)
	}
	return out, nil
}
