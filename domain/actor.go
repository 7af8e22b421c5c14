package domain

import (
	"slices"
	"strings"
)

// Role is what a person may do in StoreOps. A user may hold several.
type Role string

const (
	RoleAdmin      Role = "admin"
	RoleSupervisor Role = "supervisor"
	RoleAssistant  Role = "assistant"
	RoleHR         Role = "hr"
)

// Roles lists every role in the order they are shown.
func Roles() []Role { return []Role{RoleAdmin, RoleSupervisor, RoleAssistant, RoleHR} }

// ParseRole reads a role name as a user types it.
func ParseRole(s string) (Role, bool) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	return r, slices.Contains(Roles(), r)
}

// SystemUser is the actor ID used for work the bot does on its own (jobs, scans).
const SystemUser = "storeops"

// Actor is the person (or the bot itself) on whose behalf a service method runs; it is passed
// explicitly so that every call can be authorised and audited.
type Actor struct {
	UserID string
	Roles  []Role
}

// System is the actor for scheduled work.
func System() Actor { return Actor{UserID: SystemUser} }

// Has reports whether the actor holds role.
func (a Actor) Has(role Role) bool { return slices.Contains(a.Roles, role) }

// Require returns EFORBIDDEN naming the role when the actor lacks it.
func (a Actor) Require(role Role) error {
	if a.Has(role) {
		return nil
	}
	return Errorf(EFORBIDDEN, "error.needs_role", string(role))
}
