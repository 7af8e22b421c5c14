// Package accessdb stores role grants with gorm.
package accessdb

import (
	"context"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"

	"storeops/domain"
	"storeops/domain/access"
	"storeops/domain/gormdb"
)

// Repo is the access.Repository on MySQL or SQLite.
type Repo struct {
	db *gorm.DB
}

var _ access.Repository = (*Repo)(nil)

// New builds a Repo over db.
func New(db *gorm.DB) *Repo { return &Repo{db: db} }

type grantRow struct {
	ID        int64
	UserID    string
	Role      string
	GrantedBy string
	GrantedAt *time.Time
}

func (grantRow) TableName() string { return "role_grants" }

func toRow(g access.Grant) grantRow {
	return grantRow{UserID: g.UserID, Role: string(g.Role), GrantedBy: g.GrantedBy, GrantedAt: gormdb.NullTime(g.GrantedAt)}
}

func fromRow(r grantRow) access.Grant {
	return access.Grant{UserID: r.UserID, Role: domain.Role(r.Role), GrantedBy: r.GrantedBy, GrantedAt: gormdb.TimeOf(r.GrantedAt)}
}

// Migrations creates the role_grants table.
func Migrations() []*gormigrate.Migration {
	return []*gormigrate.Migration{{
		ID: "2026112902_role_grants",
		Migrate: func(tx *gorm.DB) error {
			type roleGrant struct {
				ID        int64      `gorm:"primaryKey;autoIncrement"`
				UserID    string     `gorm:"size:64;not null;uniqueIndex:ux_role_grants_user_role,priority:1"`
				Role      string     `gorm:"size:32;not null;uniqueIndex:ux_role_grants_user_role,priority:2;index:idx_role_grants_role"`
				GrantedBy string     `gorm:"size:64;not null"`
				GrantedAt *time.Time `gorm:"precision:6"`
			}
			return gormdb.CreateTable(tx, "role_grants", &roleGrant{})
		},
		Rollback: func(tx *gorm.DB) error { return gormdb.DropTable(tx, "role_grants") },
	}}
}

// Add relies on the unique key (user_id, role) so that two admins granting at once cannot
// both succeed.
func (r *Repo) Add(ctx context.Context, g access.Grant) error {
	row := toRow(g)
	if err := gormdb.Conn(ctx, r.db).Create(&row).Error; err != nil {
		return gormdb.Conflict(err, "add role "+string(g.Role)+" to "+g.UserID, "role.exists", g.UserID, string(g.Role))
	}
	return nil
}

// Remove deletes the grant; none deleted means the user did not hold the role.
func (r *Repo) Remove(ctx context.Context, userID string, role domain.Role) error {
	res := gormdb.Conn(ctx, r.db).Where("user_id = ? AND role = ?", userID, string(role)).Delete(&grantRow{})
	if res.Error != nil {
		return gormdb.Err(res.Error, "remove role "+string(role)+" from "+userID)
	}
	if res.RowsAffected == 0 {
		return domain.Errorf(domain.ENOTFOUND, "role.not_held", userID, string(role))
	}
	return nil
}

// RolesOf returns the user's roles in the order they were granted.
func (r *Repo) RolesOf(ctx context.Context, userID string) ([]domain.Role, error) {
	var names []string
	if err := gormdb.Conn(ctx, r.db).Model(&grantRow{}).Where("user_id = ?", userID).Order("id").Pluck("role", &names).Error; err != nil {
		return nil, gormdb.Err(err, "roles of "+userID)
	}
	roles := make([]domain.Role, 0, len(names))
	for _, n := range names {
		roles = append(roles, domain.Role(n))
	}
	return roles, nil
}

// UsersWith returns the holders of role by user ID.
func (r *Repo) UsersWith(ctx context.Context, role domain.Role) ([]string, error) {
	users := []string{}
	if err := gormdb.Conn(ctx, r.db).Model(&grantRow{}).Where("role = ?", string(role)).Order("user_id").Pluck("user_id", &users).Error; err != nil {
		return nil, gormdb.Err(err, "users with "+string(role))
	}
	return users, nil
}

// List returns every grant by user, then role.
func (r *Repo) List(ctx context.Context) ([]access.Grant, error) {
	var rows []grantRow
	if err := gormdb.Conn(ctx, r.db).Order("user_id").Order("role").Find(&rows).Error; err != nil {
		return nil, gormdb.Err(err, "list roles")
	}
	out := make([]access.Grant, 0, len(rows))
	for _, row := range rows {
		out = append(out, fromRow(row))
	}
	return out, nil
}
