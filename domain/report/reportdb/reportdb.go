// Package reportdb stores the channels' digest settings with gorm.
package reportdb

import (
	"context"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"storeops/domain/gormdb"
	"storeops/domain/report"
)

// Settings is the report.SettingsRepository on MySQL or SQLite.
type Settings struct {
	db *gorm.DB
}

var _ report.SettingsRepository = (*Settings)(nil)

// New builds a Settings repository over db.
func New(db *gorm.DB) *Settings { return &Settings{db: db} }

type settingsRow struct {
	Channel string `gorm:"primaryKey"`
	// AtMinute is the time of day in minutes after midnight, store time.
	AtMinute int
	// ThresholdBP is the flag threshold in hundredths of a percent (basis points), so that
	// the setting compares exactly on both databases.
	ThresholdBP int64 `gorm:"column:threshold_bp"`
	TimeZone    string
	UpdatedBy   string
	UpdatedAt   *time.Time `gorm:"autoUpdateTime:false"`
}

func (settingsRow) TableName() string { return "digest_settings" }

// Migrations creates the digest settings table.
func Migrations() []*gormigrate.Migration {
	return []*gormigrate.Migration{{
		ID: "2026113040_digest_settings",
		Migrate: func(tx *gorm.DB) error {
			type digestSetting struct {
				Channel     string     `gorm:"primaryKey;size:32"`
				AtMinute    int        `gorm:"not null"`
				ThresholdBP int64      `gorm:"column:threshold_bp;not null"`
				UpdatedBy   string     `gorm:"size:64;not null"`
				UpdatedAt   *time.Time `gorm:"precision:6"`
			}
			return gormdb.CreateTable(tx, "digest_settings", &digestSetting{})
		},
		Rollback: func(tx *gorm.DB) error { return gormdb.DropTable(tx, "digest_settings") },
	}, {
		// A channel's own zone for its digest time; "" follows its stores.
		ID: "2026113052_digest_time_zone",
		Migrate: func(tx *gorm.DB) error {
			type digestSetting struct {
				TimeZone string `gorm:"size:64;not null;default:''"`
			}
			m := tx.Table("digest_settings").Migrator()
			if m.HasColumn(&digestSetting{}, "TimeZone") {
				return nil
			}
			return m.AddColumn(&digestSetting{}, "TimeZone")
		},
		Rollback: func(tx *gorm.DB) error {
			type digestSetting struct {
				TimeZone string
			}
			return tx.Table("digest_settings").Migrator().DropColumn(&digestSetting{}, "TimeZone")
		},
	}}
}

// List returns every stored channel's settings, by channel.
func (r *Settings) List(ctx context.Context) ([]report.ChannelSettings, error) {
	var rows []settingsRow
	if err := gormdb.Conn(ctx, r.db).Order("channel").Find(&rows).Error; err != nil {
		return nil, gormdb.Err(err, "list digest settings")
	}
	out := make([]report.ChannelSettings, len(rows))
	for i, row := range rows {
		out[i] = report.ChannelSettings{Channel: row.Channel, At: row.AtMinute, Threshold: float64(row.ThresholdBP) / 100,
			TimeZone: row.TimeZone, UpdatedBy: row.UpdatedBy, UpdatedAt: gormdb.TimeOf(row.UpdatedAt)}
	}
	return out, nil
}

// Save inserts or replaces the channel's settings.
func (r *Settings) Save(ctx context.Context, s report.ChannelSettings) error {
	row := settingsRow{Channel: s.Channel, AtMinute: s.At, ThresholdBP: int64(s.Threshold*100 + 0.5),
		TimeZone: s.TimeZone, UpdatedBy: s.UpdatedBy, UpdatedAt: gormdb.NullTime(s.UpdatedAt)}
	if err := gormdb.Conn(ctx, r.db).Clauses(clause.OnConflict{UpdateAll: true}).Create(&row).Error; err != nil {
		return gormdb.Err(err, "save digest settings of "+s.Channel)
	}
	return nil
}
