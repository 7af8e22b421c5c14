// Package storedb stores shops with gorm.
package storedb

import (
	"context"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"

	"storeops/domain"
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
	Code                   string `gorm:"primaryKey"`
	Platform               string
	Name                   string
	TeamChannel            string
	WarehouseChannel       string
	WarehouseWebhookURL    string
	WarehouseWebhookSecret string
	ShipWithinHours        int
	RefundThreshold        int64
	ConversionBasis        string
	TimeZone               string
	CreatedBy              string
	CreatedAt              *time.Time `gorm:"autoCreateTime:false"`
}

func (storeRow) TableName() string { return "stores" }

func toRow(s store.Store) storeRow {
	return storeRow{Code: s.Code, Platform: s.Platform, Name: s.Name, TeamChannel: s.TeamChannel, WarehouseChannel: s.WarehouseChannel,
		WarehouseWebhookURL: s.WarehouseWebhookURL, WarehouseWebhookSecret: s.WarehouseWebhookSecret, ShipWithinHours: s.ShipWithinHours,
		RefundThreshold: int64(s.RefundThreshold), ConversionBasis: s.Basis(), TimeZone: s.TimeZone, CreatedBy: s.CreatedBy, CreatedAt: gormdb.NullTime(s.CreatedAt)}
}

func fromRow(r storeRow) store.Store {
	return store.Store{Code: r.Code, Platform: r.Platform, Name: r.Name, TeamChannel: r.TeamChannel, WarehouseChannel: r.WarehouseChannel,
		WarehouseWebhookURL: r.WarehouseWebhookURL, WarehouseWebhookSecret: r.WarehouseWebhookSecret, ShipWithinHours: r.ShipWithinHours,
		RefundThreshold: domain.Money(r.RefundThreshold), ConversionBasis: store.Store{ConversionBasis: r.ConversionBasis}.Basis(), TimeZone: r.TimeZone, CreatedBy: r.CreatedBy, CreatedAt: gormdb.TimeOf(r.CreatedAt)}
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
	}, {
		// The channels a store's orders go to: held orders to the team, released ones to
		// the warehouse.
		ID: "2026112912_store_channels",
		Migrate: func(tx *gorm.DB) error {
			type store struct {
				TeamChannel      string `gorm:"size:32;not null;default:''"`
				WarehouseChannel string `gorm:"size:32;not null;default:''"`
			}
			for _, col := range []string{"TeamChannel", "WarehouseChannel"} {
				if tx.Migrator().HasColumn(&store{}, col) {
					continue
				}
				if err := tx.Table("stores").Migrator().AddColumn(&store{}, col); err != nil {
					return err
				}
			}
			return nil
		},
		Rollback: func(tx *gorm.DB) error {
			type store struct {
				TeamChannel      string
				WarehouseChannel string
			}
			for _, col := range []string{"TeamChannel", "WarehouseChannel"} {
				if err := tx.Table("stores").Migrator().DropColumn(&store{}, col); err != nil {
					return err
				}
			}
			return nil
		},
	}, {
		// The warehouse webhook and the shipping promise (hours; existing stores get the
		// default of 48).
		ID: "2026112915_store_shipping",
		Migrate: func(tx *gorm.DB) error {
			type store struct {
				WarehouseWebhookURL    string `gorm:"size:500;not null;default:''"`
				WarehouseWebhookSecret string `gorm:"size:128;not null;default:''"`
				ShipWithinHours        int    `gorm:"not null;default:48"`
			}
			m := tx.Table("stores").Migrator()
			for _, col := range []string{"WarehouseWebhookURL", "WarehouseWebhookSecret", "ShipWithinHours"} {
				if m.HasColumn(&store{}, col) {
					continue
				}
				if err := m.AddColumn(&store{}, col); err != nil {
					return err
				}
			}
			return nil
		},
		Rollback: func(tx *gorm.DB) error {
			type store struct {
				WarehouseWebhookURL    string
				WarehouseWebhookSecret string
				ShipWithinHours        int
			}
			for _, col := range []string{"WarehouseWebhookURL", "WarehouseWebhookSecret", "ShipWithinHours"} {
				if err := tx.Table("stores").Migrator().DropColumn(&store{}, col); err != nil {
					return err
				}
			}
			return nil
		},
	}, {
		// The after-sales refund threshold, in fen; existing stores get the default ¥500.00.
		ID: "2026113001_store_refund_threshold",
		Migrate: func(tx *gorm.DB) error {
			type store struct {
				RefundThreshold int64 `gorm:"not null;default:50000"`
			}
			m := tx.Table("stores").Migrator()
			if m.HasColumn(&store{}, "RefundThreshold") {
				return nil
			}
			return m.AddColumn(&store{}, "RefundThreshold")
		},
		Rollback: func(tx *gorm.DB) error {
			type store struct {
				RefundThreshold int64
			}
			return tx.Table("stores").Migrator().DropColumn(&store{}, "RefundThreshold")
		},
	}, {
		// How the store's conversion rate is computed; existing stores keep Taobao's basis.
		ID: "2026113030_store_conversion_basis",
		Migrate: func(tx *gorm.DB) error {
			type store struct {
				ConversionBasis string `gorm:"size:16;not null;default:'buyers'"`
			}
			m := tx.Table("stores").Migrator()
			if m.HasColumn(&store{}, "ConversionBasis") {
				return nil
			}
			return m.AddColumn(&store{}, "ConversionBasis")
		},
		Rollback: func(tx *gorm.DB) error {
			type store struct {
				ConversionBasis string
			}
			return tx.Table("stores").Migrator().DropColumn(&store{}, "ConversionBasis")
		},
	}, {
		// The zone the store keeps its days in; existing stores keep the company's ("").
		ID: "2026113051_store_time_zone",
		Migrate: func(tx *gorm.DB) error {
			type store struct {
				TimeZone string `gorm:"size:64;not null;default:''"`
			}
			m := tx.Table("stores").Migrator()
			if m.HasColumn(&store{}, "TimeZone") {
				return nil
			}
			return m.AddColumn(&store{}, "TimeZone")
		},
		Rollback: func(tx *gorm.DB) error {
			type store struct {
				TimeZone string
			}
			return tx.Table("stores").Migrator().DropColumn(&store{}, "TimeZone")
		},
	}}
}

// Update loads the shop with a row lock, calls fn and saves what it changed, or nothing when
// fn fails (returning fn's error unchanged).
func (r *Repo) Update(ctx context.Context, code string, fn func(*store.Store) error) (store.Store, error) {
	var out store.Store
	err := gormdb.InTx(ctx, r.db, func(ctx context.Context) error {
		var row storeRow
		tx := gormdb.Conn(ctx, r.db)
		if err := gormdb.ForUpdate(tx).Where("code = ?", code).Take(&row).Error; err != nil {
			return gormdb.NotFound(err, "update store "+code, "store.not_found", code)
		}
		s := fromRow(row)
		if err := fn(&s); err != nil {
			return err
		}
		next := toRow(s)
		if err := tx.Model(&storeRow{}).Where("code = ?", code).Select("*").Updates(&next).Error; err != nil {
			return gormdb.Err(err, "update store "+code)
		}
		out = s
		return nil
	})
	return out, err
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
