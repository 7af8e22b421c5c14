// Package listingdb stores listings with gorm.
package listingdb

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"

	"storeops/domain"
	"storeops/domain/gormdb"
	"storeops/domain/listing"
)

// Repo is the listing.Repository on MySQL or SQLite.
type Repo struct {
	db *gorm.DB
}

var _ listing.Repository = (*Repo)(nil)

// New builds a Repo over db.
func New(db *gorm.DB) *Repo { return &Repo{db: db} }

// listingRow keeps the SKU as typed and, in SKUKey, upper-cased: users type SKUs in any
// case, and an index on the normalised copy finds them (and keeps a store from holding
// "sku-1" and "SKU-1") on both MySQL and SQLite, whatever the column collation.
type listingRow struct {
	ID           int64
	StoreCode    string
	SKU          string `gorm:"column:sku"`
	SKUKey       string `gorm:"column:sku_key"`
	Title        string
	Category     string
	Keywords     string
	Price        int64
	FloorPrice   int64
	Stock        int
	Images       string
	Description  string
	Status       string
	Owner        string
	RejectReason string
	Pending      string
	ApprovalID   int64
	LiveSince    *time.Time
	LastSaleAt   *time.Time
	CreatedAt    *time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt    *time.Time `gorm:"autoUpdateTime:false"`
	Version      int
}

func (listingRow) TableName() string { return "listings" }

func skuKey(sku string) string { return strings.ToUpper(strings.TrimSpace(sku)) }

func toRow(l listing.Listing) (listingRow, error) {
	keywords, err := gormdb.JSON(l.Keywords)
	if err != nil {
		return listingRow{}, fmt.Errorf("keywords: %w", err)
	}
	images, err := gormdb.JSON(l.Images)
	if err != nil {
		return listingRow{}, fmt.Errorf("images: %w", err)
	}
	pending, err := gormdb.JSON(l.Pending)
	if err != nil {
		return listingRow{}, fmt.Errorf("pending change: %w", err)
	}
	return listingRow{
		ID: l.ID, StoreCode: l.StoreCode, SKU: l.SKU, SKUKey: skuKey(l.SKU), Title: l.Title, Category: l.Category,
		Keywords: keywords, Price: int64(l.Price), FloorPrice: int64(l.FloorPrice), Stock: l.Stock, Images: images,
		Description: l.Description, Status: string(l.Status), Owner: l.Owner, RejectReason: l.RejectReason, Pending: pending,
		ApprovalID: l.ApprovalID, LiveSince: gormdb.NullTime(l.LiveSince), LastSaleAt: gormdb.NullTime(l.LastSaleAt),
		CreatedAt: gormdb.NullTime(l.CreatedAt), UpdatedAt: gormdb.NullTime(l.UpdatedAt), Version: l.Version,
	}, nil
}

func fromRow(r listingRow) (listing.Listing, error) {
	l := listing.Listing{
		ID: r.ID, StoreCode: r.StoreCode, SKU: r.SKU, Title: r.Title, Category: r.Category,
		Price: domain.Money(r.Price), FloorPrice: domain.Money(r.FloorPrice), Stock: r.Stock, Description: r.Description,
		Status: listing.Status(r.Status), Owner: r.Owner, RejectReason: r.RejectReason, ApprovalID: r.ApprovalID,
		LiveSince: gormdb.TimeOf(r.LiveSince), LastSaleAt: gormdb.TimeOf(r.LastSaleAt),
		CreatedAt: gormdb.TimeOf(r.CreatedAt), UpdatedAt: gormdb.TimeOf(r.UpdatedAt), Version: r.Version,
	}
	if err := gormdb.FromJSON(r.Keywords, &l.Keywords); err != nil {
		return listing.Listing{}, fmt.Errorf("listing %d keywords: %w", r.ID, err)
	}
	if err := gormdb.FromJSON(r.Images, &l.Images); err != nil {
		return listing.Listing{}, fmt.Errorf("listing %d images: %w", r.ID, err)
	}
	if err := gormdb.FromJSON(r.Pending, &l.Pending); err != nil {
		return listing.Listing{}, fmt.Errorf("listing %d pending change: %w", r.ID, err)
	}
	if l.Pending != nil {
		l.Pending.RequestedAt = l.Pending.RequestedAt.UTC()
	}
	return l, nil
}

// Migrations creates the listings table and adds to it.
func Migrations() []*gormigrate.Migration {
	return []*gormigrate.Migration{{
		ID: "2026112906_listings",
		Migrate: func(tx *gorm.DB) error {
			type listing struct {
				ID           int64      `gorm:"primaryKey;autoIncrement"`
				StoreCode    string     `gorm:"size:32;not null;uniqueIndex:ux_listings_store_sku,priority:1"`
				SKU          string     `gorm:"column:sku;size:64;not null"`
				SKUKey       string     `gorm:"column:sku_key;size:64;not null;uniqueIndex:ux_listings_store_sku,priority:2;index:idx_listings_sku_key"`
				Title        string     `gorm:"not null"`
				Category     string     `gorm:"size:128;not null"`
				Keywords     string     `gorm:"not null"`
				Price        int64      `gorm:"not null"`
				Stock        int        `gorm:"not null"`
				Images       string     `gorm:"not null"`
				Description  string     `gorm:"not null"`
				Status       string     `gorm:"size:32;not null;index:idx_listings_status"`
				Owner        string     `gorm:"size:64;not null;index:idx_listings_owner"`
				RejectReason string     `gorm:"not null"`
				Pending      string     `gorm:"not null"`
				ApprovalID   int64      `gorm:"not null"`
				LiveSince    *time.Time `gorm:"precision:6"`
				LastSaleAt   *time.Time `gorm:"precision:6"`
				CreatedAt    *time.Time `gorm:"precision:6"`
				UpdatedAt    *time.Time `gorm:"precision:6"`
				Version      int        `gorm:"not null"`
			}
			return gormdb.CreateTable(tx, "listings", &listing{})
		},
		Rollback: func(tx *gorm.DB) error { return gormdb.DropTable(tx, "listings") },
	}, {
		// The floor price of the order review's below_floor_price check; existing listings
		// get 0, no floor. Re-runnable, since MySQL commits the DDL on its own.
		ID: "2026112917_listing_floor_price",
		Migrate: func(tx *gorm.DB) error {
			type listing struct {
				FloorPrice int64 `gorm:"not null;default:0"`
			}
			m := tx.Table("listings").Migrator()
			if m.HasColumn(&listing{}, "FloorPrice") {
				return nil
			}
			return m.AddColumn(&listing{}, "FloorPrice")
		},
		Rollback: func(tx *gorm.DB) error {
			type listing struct {
				FloorPrice int64
			}
			return tx.Table("listings").Migrator().DropColumn(&listing{}, "FloorPrice")
		},
	}}
}

func exists(l listing.Listing) error {
	return domain.Errorf(domain.ECONFLICT, "listing.exists", l.StoreCode+"/"+l.SKU)
}

// Create inserts the listing and sets its ID; the unique key (store, SKU) refuses a
// second listing of the SKU in the store even when two are created at once.
func (r *Repo) Create(ctx context.Context, l *listing.Listing) error {
	row, err := toRow(*l)
	if err != nil {
		return fmt.Errorf("create listing %s: %w", l.Ref(), err)
	}
	row.ID = 0
	if err := gormdb.Conn(ctx, r.db).Create(&row).Error; err != nil {
		if gormdb.IsDuplicate(err) {
			return exists(*l)
		}
		return gormdb.Err(err, "create listing "+l.Ref())
	}
	l.ID = row.ID
	return nil
}

// Find reads one listing.
func (r *Repo) Find(ctx context.Context, id int64) (listing.Listing, error) {
	var row listingRow
	if err := gormdb.Conn(ctx, r.db).Where("id = ?", id).Take(&row).Error; err != nil {
		return listing.Listing{}, gormdb.NotFound(err, fmt.Sprintf("find listing %d", id), "listing.not_found", id)
	}
	return fromRow(row)
}

// FindBySKU compares store codes case-insensitively as well, as users type them.
func (r *Repo) FindBySKU(ctx context.Context, store, sku string) ([]listing.Listing, error) {
	q := gormdb.Conn(ctx, r.db).Where("sku_key = ?", skuKey(sku))
	if store != "" {
		q = q.Where("UPPER(store_code) = ?", strings.ToUpper(strings.TrimSpace(store)))
	}
	var rows []listingRow
	if err := q.Order("store_code").Order("id").Find(&rows).Error; err != nil {
		return nil, gormdb.Err(err, "find listings by SKU "+sku)
	}
	return gormdb.MapRows(rows, fromRow)
}

// FindBySKUs is FindBySKU for many SKUs in one query: the order path asks for every SKU
// of an order at once. An empty store finds every store's listings, as in FindBySKU.
func (r *Repo) FindBySKUs(ctx context.Context, store string, skus []string) ([]listing.Listing, error) {
	if len(skus) == 0 {
		return nil, nil
	}
	keys := make([]string, 0, len(skus))
	for _, sku := range skus {
		keys = append(keys, skuKey(sku))
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	q := gormdb.Conn(ctx, r.db).Where("sku_key IN ?", keys)
	if store != "" {
		q = q.Where("UPPER(store_code) = ?", strings.ToUpper(strings.TrimSpace(store)))
	}
	var rows []listingRow
	if err := q.Order("sku_key").Order("store_code").Order("id").Find(&rows).Error; err != nil {
		return nil, gormdb.Err(err, fmt.Sprintf("find listings of %d SKUs", len(keys)))
	}
	return gormdb.MapRows(rows, fromRow)
}

// Update loads the listing with a row lock, so that two changes to it queue instead of
// one overwriting the other, and saves only when fn accepts. fn's error comes back as is.
func (r *Repo) Update(ctx context.Context, id int64, fn func(*listing.Listing) error) (listing.Listing, error) {
	return gormdb.Update(ctx, r.db, gormdb.Versioned[listing.Listing, listingRow]{
		What:        "listing",
		NotFound:    gormdb.NotFoundID("listing.not_found"),
		FromRow:     fromRow,
		ToRow:       toRow,
		RowVersion:  func(r listingRow) int { return r.Version },
		Stamp:       func(l *listing.Listing, id int64, version int) { l.ID, l.Version = id, version },
		OnDuplicate: exists, // fn moved it onto a key the store already has
	}, id, fn)
}

// List applies the filter; an empty field does not filter and a limit of 0 means all.
func (r *Repo) List(ctx context.Context, f listing.Filter) ([]listing.Listing, error) {
	q := gormdb.Conn(ctx, r.db)
	if f.Status != "" {
		q = q.Where("status = ?", string(f.Status))
	}
	if f.StoreCode != "" {
		q = q.Where("UPPER(store_code) = ?", strings.ToUpper(strings.TrimSpace(f.StoreCode)))
	}
	if f.Owner != "" {
		q = q.Where("owner = ?", f.Owner)
	}
	if f.Limit > 0 {
		q = q.Limit(f.Limit)
	}
	var rows []listingRow
	if err := q.Order("store_code").Order("sku_key").Order("id").Find(&rows).Error; err != nil {
		return nil, gormdb.Err(err, "list listings")
	}
	return gormdb.MapRows(rows, fromRow)
}

// ListLive returns the live listings by store and SKU.
func (r *Repo) ListLive(ctx context.Context) ([]listing.Listing, error) {
	return r.List(ctx, listing.Filter{Status: listing.StatusLive})
}
