package storedb

import (
	"context"
	"fmt"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"storeops/domain/gormdb"
)

// maxTokenHash is the widest hash the column holds (SHA-512).
const maxTokenHash = 64

// TokenRepo keeps each store's ingestion API token, hashed: the token itself is shown once
// and never stored.
type TokenRepo struct {
	db *gorm.DB
}

// NewTokenRepo builds a TokenRepo over db.
func NewTokenRepo(db *gorm.DB) *TokenRepo { return &TokenRepo{db: db} }

type tokenRow struct {
	StoreCode string `gorm:"primaryKey"`
	Hash      []byte
	RotatedAt *time.Time
}

func (tokenRow) TableName() string { return "store_tokens" }

// TokenMigrations creates the store_tokens table.
func TokenMigrations() []*gormigrate.Migration {
	return []*gormigrate.Migration{{
		ID: "2026112911_store_tokens",
		Migrate: func(tx *gorm.DB) error {
			type storeToken struct {
				StoreCode string     `gorm:"primaryKey;size:32"`
				Hash      []byte     `gorm:"size:64;not null"`
				RotatedAt *time.Time `gorm:"precision:6"`
			}
			return gormdb.CreateTable(tx, "store_tokens", &storeToken{})
		},
		Rollback: func(tx *gorm.DB) error { return gormdb.DropTable(tx, "store_tokens") },
	}}
}

// SetTokenHash stores the hash of the store's new token, replacing the old one in the same
// statement, so that the old token stops working the moment the new one is stored.
func (r *TokenRepo) SetTokenHash(ctx context.Context, store string, hash []byte, at time.Time) error {
	if len(hash) == 0 || len(hash) > maxTokenHash {
		return fmt.Errorf("set token of store %s: hash of %d bytes, want 1 to %d", store, len(hash), maxTokenHash)
	}
	row := tokenRow{StoreCode: store, Hash: hash, RotatedAt: gormdb.NullTime(at)}
	err := gormdb.Conn(ctx, r.db).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "store_code"}},
		DoUpdates: clause.AssignmentColumns([]string{"hash", "rotated_at"}),
	}).Create(&row).Error
	return gormdb.Err(err, "set token of store "+store)
}

// TokenHash returns the hash of the store's token, ENOTFOUND "store.token.not_set" (args:
// store) when the store has none.
func (r *TokenRepo) TokenHash(ctx context.Context, store string) ([]byte, error) {
	var row tokenRow
	if err := gormdb.Conn(ctx, r.db).Where("store_code = ?", store).Take(&row).Error; err != nil {
		return nil, gormdb.NotFound(err, "find token of store "+store, "store.token.not_set", store)
	}
	return row.Hash, nil
}
