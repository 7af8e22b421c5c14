package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"storeops/domain"
)

// CompanyZone is the value of /ops store tz that gives a store back the company zone.
const CompanyZone = "default"

// Zone is the zone the store keeps its days in: its own, or company when it has none. A
// stored name that no longer loads (a zone database without it) falls back to company
// rather than failing every digest.
func (s Store) Zone(company *time.Location) *time.Location {
	if s.TimeZone == "" {
		return company
	}
	loc, err := time.LoadLocation(s.TimeZone)
	if err != nil {
		return company
	}
	return loc
}

// ParseZone reads an IANA zone name ("Asia/Shanghai", "UTC"); CompanyZone (or "") is "".
// "Local" is refused: it would mean whatever machine the bot runs on.
func ParseZone(name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" || strings.EqualFold(name, CompanyZone) {
		return "", nil
	}
	if strings.EqualFold(name, "local") {
		return "", domain.Errorf(domain.EINVALID, "store.tz.invalid", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return "", domain.Errorf(domain.EINVALID, "store.tz.invalid", name)
	}
	return loc.String(), nil
}

// SetTimeZone sets the zone the store keeps its days in (CompanyZone for the company's).
// Admin or supervisor: it moves the store's day boundaries and the hour of its digest.
func (s *Service) SetTimeZone(ctx context.Context, actor domain.Actor, code, name string) (Store, error) {
	if !actor.Has(domain.RoleAdmin) && !actor.Has(domain.RoleSupervisor) {
		return Store{}, domain.Errorf(domain.EFORBIDDEN, "error.needs_role", string(domain.RoleAdmin)+" / "+string(domain.RoleSupervisor))
	}
	zone, err := ParseZone(name)
	if err != nil {
		return Store{}, err
	}
	out, err := s.change(ctx, actor, code, "store.tz", func(st *Store) error {
		st.TimeZone = zone
		return nil
	}, func(st Store) any { return map[string]string{"time_zone": st.TimeZone} })
	if err != nil {
		return Store{}, fmt.Errorf("set time zone of %s: %w", code, err)
	}
	return out, nil
}
