package accessdb_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"storeops/domain"
	"storeops/domain/access"
	"storeops/domain/access/accessdb"
	"storeops/domain/gormdb"
	"storeops/domain/gormdb/gormtest"
)

func newRepo(t *testing.T) *accessdb.Repo {
	t.Helper()
	return accessdb.New(gormtest.Open(t, accessdb.Migrations()))
}

func grant(t *testing.T, repo *accessdb.Repo, user string, role domain.Role) {
	t.Helper()
	g := access.Grant{UserID: user, Role: role, GrantedBy: "UADMIN", GrantedAt: time.Now()}
	if err := repo.Add(context.Background(), g); err != nil {
		t.Fatalf("Add(%s, %s): %v", user, role, err)
	}
}

func TestAddAndRead(t *testing.T) {
	ctx := context.Background()
	repo := newRepo(t)
	at := time.Date(2026, 11, 29, 10, 0, 0, 500, time.UTC)
	if err := repo.Add(ctx, access.Grant{UserID: "U2", Role: domain.RoleSupervisor, GrantedBy: "UADMIN", GrantedAt: at}); err != nil {
		t.Fatal(err)
	}
	grant(t, repo, "U1", domain.RoleAssistant)
	grant(t, repo, "U2", domain.RoleAssistant)
	grant(t, repo, "U3", domain.RoleSupervisor)

	roles, err := repo.RolesOf(ctx, "U2")
	if err != nil {
		t.Fatal(err)
	}
	if want := []domain.Role{domain.RoleSupervisor, domain.RoleAssistant}; !slices.Equal(roles, want) {
		t.Errorf("RolesOf(U2) = %v, want %v (grant order)", roles, want)
	}
	if roles, err := repo.RolesOf(ctx, "UNOBODY"); err != nil || len(roles) != 0 {
		t.Errorf("RolesOf(unknown) = %v, %v; want none", roles, err)
	}

	users, err := repo.UsersWith(ctx, domain.RoleSupervisor)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"U2", "U3"}; !slices.Equal(users, want) {
		t.Errorf("UsersWith(supervisor) = %v, want %v", users, want)
	}
	if users, err := repo.UsersWith(ctx, domain.RoleHR); err != nil || len(users) != 0 {
		t.Errorf("UsersWith(hr) = %v, %v; want none", users, err)
	}

	list, err := repo.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range list {
		got = append(got, g.UserID+"/"+string(g.Role))
	}
	if want := []string{"U1/assistant", "U2/assistant", "U2/supervisor", "U3/supervisor"}; !slices.Equal(got, want) {
		t.Fatalf("List = %v, want %v", got, want)
	}
	sup := list[2]
	if sup.GrantedBy != "UADMIN" || !sup.GrantedAt.Equal(at.Truncate(time.Microsecond)) {
		t.Errorf("U2/supervisor = %+v, want granted by UADMIN at %v", sup, at)
	}
}

func TestAddTwiceConflicts(t *testing.T) {
	repo := newRepo(t)
	grant(t, repo, "U1", domain.RoleHR)
	err := repo.Add(context.Background(), access.Grant{UserID: "U1", Role: domain.RoleHR, GrantedBy: "U9"})
	if domain.ErrorCode(err) != domain.ECONFLICT {
		t.Fatalf("second Add = %v, want ECONFLICT", err)
	}
	if e, _ := domain.AsError(err); e.Key != "role.exists" || !slices.Equal(e.Args, []any{"U1", "hr"}) {
		t.Errorf("error = %#v, want role.exists [U1 hr]", e)
	}
}

func TestRemove(t *testing.T) {
	ctx := context.Background()
	repo := newRepo(t)
	grant(t, repo, "U1", domain.RoleHR)
	grant(t, repo, "U1", domain.RoleAssistant)
	if err := repo.Remove(ctx, "U1", domain.RoleHR); err != nil {
		t.Fatal(err)
	}
	if roles, _ := repo.RolesOf(ctx, "U1"); !slices.Equal(roles, []domain.Role{domain.RoleAssistant}) {
		t.Errorf("RolesOf after Remove = %v, want [assistant]", roles)
	}
	err := repo.Remove(ctx, "U1", domain.RoleHR)
	if domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Fatalf("Remove of a role not held = %v, want ENOTFOUND", err)
	}
	if e, _ := domain.AsError(err); e.Key != "role.not_held" || !slices.Equal(e.Args, []any{"U1", "hr"}) {
		t.Errorf("error = %#v, want role.not_held [U1 hr]", e)
	}
	// After a removal the role can be granted again.
	grant(t, repo, "U1", domain.RoleHR)
}

func TestOptionalTimeRoundTrips(t *testing.T) {
	ctx := context.Background()
	repo := newRepo(t)
	if err := repo.Add(ctx, access.Grant{UserID: "U1", Role: domain.RoleAdmin, GrantedBy: "config"}); err != nil {
		t.Fatal(err)
	}
	list, err := repo.List(ctx)
	if err != nil || len(list) != 1 {
		t.Fatalf("List = %v, %v", list, err)
	}
	if !list[0].GrantedAt.IsZero() {
		t.Errorf("GrantedAt = %v, want zero", list[0].GrantedAt)
	}
}

func TestWritesJoinTransaction(t *testing.T) {
	ctx := context.Background()
	db := gormtest.Open(t, accessdb.Migrations())
	repo := accessdb.New(db)
	grant(t, repo, "U1", domain.RoleHR)
	refused := domain.Errorf(domain.ECONFLICT, "role.configured_admin", "U1")
	err := gormdb.NewTxRunner(db).InTx(ctx, func(ctx context.Context) error {
		if err := repo.Remove(ctx, "U1", domain.RoleHR); err != nil {
			return err
		}
		if err := repo.Add(ctx, access.Grant{UserID: "U2", Role: domain.RoleHR}); err != nil {
			return err
		}
		return refused
	})
	if err != refused {
		t.Fatalf("InTx = %v, want the function's error", err)
	}
	list, _ := repo.List(ctx)
	if len(list) != 1 || list[0].UserID != "U1" {
		t.Fatalf("after rollback List = %+v, want only U1's grant", list)
	}
}

func TestMigrationsRunTwice(t *testing.T) {
	db := gormtest.Open(t, accessdb.Migrations())
	if err := gormdb.Migrate(context.Background(), db, accessdb.Migrations()); err != nil {
		t.Fatal(err)
	}
}
