// Package storedb stores shops with gorm.
package storedb

import (
	"context"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"

	"storeops/domain/gormdb"
	"storeops/domain/store"
)

// Repo is the store.Repository on MySQL or SQLite.
type Repo struct {
	db *gorm.DB
}

var _ store.Repository = (*Repo)(nil)

// New builds a Repo over db.
func New(db *gorm.DB) *Repo { return &Repo{db: db} }

type storeRow struct {
	Code      string `gorm:"primaryKey"`
	Platform  string
	Name      string
	CreatedBy string
	CreatedAt *time.Time `gorm:"autoCreateTime:false"`
}

func (storeRow) TableName() string { return "stores" }

func toRow(s store.Store) storeRow {
	return storeRow{Code: s.Code, Platform: s.Platform, Name: s.Name, CreatedBy: s.CreatedBy, CreatedAt: gormdb.NullTime(s.CreatedAt)}
}

func fromRow(r storeRow) store.Store {
	return store.Store{Code: r.Code, Platform: r.Platform, Name: r.Name, CreatedBy: r.CreatedBy, CreatedAt: gormdb.TimeOf(r.CreatedAt)}
}

// Migrations creates the stores table.
func Migrations() []*gormigrate.Migration {
	return []*gormigrate.Migration{{
		ID: "2026112901_stores",
		Migrate: func(tx *gorm.DB) error {
			type store struct {
				Code      string     `gorm:"primaryKey;size:32"`
				Platform  string     `gorm:"size:32;not null"`
				Name      string     `gorm:"size:255;not null"`
				CreatedBy string     `gorm:"size:64;not null"`
				CreatedAt *time.Time `gorm:"precision:6"`
			}
			return gormdb.CreateTable(tx, "stores", &store{})
		},
		Rollback: func(tx *gorm.DB) error { return gormdb.DropTable(tx, "stores") },
	}}
}

// Create inserts the shop; the code is the primary key.
func (r *Repo) Create(ctx context.Context, s *store.Store) error {
	row := toRow(*s)
	if err := gormdb.Conn(ctx, r.db).Create(&row).Error; err != nil {
		return gormdb.Conflict(err, "create store "+s.Code, "store.exists", s.Code)
	}
	return nil
}

// Find looks the code up as given; the service has already normalised it.
func (r *Repo) Find(ctx context.Context, code string) (store.Store, error) {
	var row storeRow
	if err := gormdb.Conn(ctx, r.db).Where("code = ?", code).Take(&row).Error; err != nil {
		return store.Store{}, gormdb.NotFound(err, "find store "+code, "store.not_found", code)
	}
	return fromRow(row), nil
}

// List returns every shop by code.
func (r *Repo) List(ctx context.Context) ([]store.Store, error) {
	var rows []storeRow
	if err := gormdb.Conn(ctx, r.db).Order("code").Find(&rows).Error; err != nil {
		return nil, gormdb.Err(err, "list stores")
	}
	out := make([]store.Store, 0, len(rows))
	for _, row := range rows {
		out = append(out, fromRow(row))
	}
	return out, nil
}
