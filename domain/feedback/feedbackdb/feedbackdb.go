// Package feedbackdb stores feedback with gorm.
package feedbackdb

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"

	"storeops/domain/feedback"
	"storeops/domain/gormdb"
)

// Repo is the feedback.Repository on MySQL or SQLite.
type Repo struct {
	db *gorm.DB
}

var _ feedback.Repository = (*Repo)(nil)

// New builds a Repo over db.
func New(db *gorm.DB) *Repo { return &Repo{db: db} }

type feedbackRow struct {
	ID         int64
	Kind       string
	StoreCode  string
	SKU        string `gorm:"column:sku"`
	Text       string
	Tags       string
	TagCount   int
	RecordedBy string
	CreatedAt  *time.Time `gorm:"autoCreateTime:false"`
}

func (feedbackRow) TableName() string { return "feedback" }

// tagRow repeats the kind and time of its feedback so that the summary groups tags with
// one indexed read of this table.
type tagRow struct {
	FeedbackID int64
	Tag        string
	Kind       string
	CreatedAt  *time.Time `gorm:"autoCreateTime:false"`
}

func (tagRow) TableName() string { return "feedback_tags" }

type settingRow struct {
	Name      string `gorm:"primaryKey"`
	Value     string
	UpdatedBy string
	UpdatedAt *time.Time `gorm:"autoUpdateTime:false"`
}

func (settingRow) TableName() string { return "feedback_settings" }

const settingChannel = "summary_channel"

// Migrations creates the feedback tables.
func Migrations() []*gormigrate.Migration {
	return []*gormigrate.Migration{{
		ID: "2026113011_feedback",
		Migrate: func(tx *gorm.DB) error {
			type feedback struct {
				ID         int64      `gorm:"primaryKey;autoIncrement"`
				Kind       string     `gorm:"size:16;not null"`
				StoreCode  string     `gorm:"size:32;not null"`
				SKU        string     `gorm:"column:sku;size:64;not null"`
				Text       string     `gorm:"type:text;not null"`
				Tags       string     `gorm:"size:1000;not null"`
				TagCount   int        `gorm:"not null"`
				RecordedBy string     `gorm:"size:64;not null"`
				CreatedAt  *time.Time `gorm:"precision:6;index:idx_feedback_created"`
			}
			type feedbackTag struct {
				ID         int64      `gorm:"primaryKey;autoIncrement"`
				FeedbackID int64      `gorm:"not null;uniqueIndex:ux_feedback_tags,priority:1"`
				Tag        string     `gorm:"size:64;not null;uniqueIndex:ux_feedback_tags,priority:2"`
				Kind       string     `gorm:"size:16;not null"`
				CreatedAt  *time.Time `gorm:"precision:6;index:idx_feedback_tags_created"`
			}
			type feedbackSetting struct {
				Name      string     `gorm:"primaryKey;size:64"`
				Value     string     `gorm:"size:255;not null"`
				UpdatedBy string     `gorm:"size:64;not null"`
				UpdatedAt *time.Time `gorm:"precision:6"`
			}
			if err := gormdb.CreateTable(tx, "feedback", &feedback{}); err != nil {
				return err
			}
			if err := gormdb.CreateTable(tx, "feedback_tags", &feedbackTag{}); err != nil {
				return err
			}
			return gormdb.CreateTable(tx, "feedback_settings", &feedbackSetting{})
		},
		Rollback: func(tx *gorm.DB) error {
			for _, t := range []string{"feedback_settings", "feedback_tags", "feedback"} {
				if err := gormdb.DropTable(tx, t); err != nil {
					return err
				}
			}
			return nil
		},
	}}
}

// Create inserts the feedback and its tags, in one transaction.
func (r *Repo) Create(ctx context.Context, f *feedback.Feedback) error {
	tags, err := gormdb.JSON(f.Tags)
	if err != nil {
		return fmt.Errorf("create feedback: tags: %w", err)
	}
	at := gormdb.NullTime(f.CreatedAt)
	row := feedbackRow{Kind: string(f.Kind), StoreCode: f.StoreCode, SKU: f.SKU, Text: f.Text, Tags: tags,
		TagCount: len(f.Tags), RecordedBy: f.RecordedBy, CreatedAt: at}
	return gormdb.InTx(ctx, r.db, func(ctx context.Context) error {
		tx := gormdb.Conn(ctx, r.db)
		if err := tx.Create(&row).Error; err != nil {
			return gormdb.Err(err, "create feedback")
		}
		if len(f.Tags) > 0 {
			rows := make([]tagRow, len(f.Tags))
			for i, t := range f.Tags {
				rows[i] = tagRow{FeedbackID: row.ID, Tag: t, Kind: string(f.Kind), CreatedAt: at}
			}
			if err := tx.Create(&rows).Error; err != nil {
				return gormdb.Err(err, fmt.Sprintf("create tags of feedback %d", row.ID))
			}
		}
		f.ID = row.ID
		return nil
	})
}

type groupCount struct {
	GroupKey string
	Kind     string
	N        int
}

// Summarize counts in the database; only the groups and a few examples come back.
func (r *Repo) Summarize(ctx context.Context, from, to time.Time, maxGroups, maxExamples int) (feedback.Summary, error) {
	db := gormdb.Conn(ctx, r.db)
	lo, hi := gormdb.UTC(from), gormdb.UTC(to)
	sum := feedback.Summary{Kinds: map[feedback.Kind]int{}}
	var kinds []groupCount
	if err := db.Table("feedback").Select("kind AS kind, COUNT(*) AS n").
		Where("created_at >= ? AND created_at < ?", lo, hi).Group("kind").Scan(&kinds).Error; err != nil {
		return sum, gormdb.Err(err, "count feedback by kind")
	}
	for _, k := range kinds {
		sum.Kinds[feedback.Kind(k.Kind)] += k.N
		sum.Total += k.N
	}
	var untagged int64
	if err := db.Table("feedback").Where("created_at >= ? AND created_at < ? AND tag_count = 0", lo, hi).Count(&untagged).Error; err != nil {
		return sum, gormdb.Err(err, "count untagged feedback")
	}
	sum.Untagged = int(untagged)
	var tags []groupCount
	if err := db.Table("feedback_tags").Select("tag AS group_key, kind AS kind, COUNT(*) AS n").
		Where("created_at >= ? AND created_at < ?", lo, hi).Group("tag, kind").Scan(&tags).Error; err != nil {
		return sum, gormdb.Err(err, "count feedback by tag")
	}
	sum.ByTag, sum.MoreTags = groups(tags, maxGroups)
	var skus []groupCount
	if err := db.Table("feedback").Select("sku AS group_key, kind AS kind, COUNT(*) AS n").
		Where("created_at >= ? AND created_at < ? AND sku <> ''", lo, hi).Group("sku, kind").Scan(&skus).Error; err != nil {
		return sum, gormdb.Err(err, "count feedback by SKU")
	}
	sum.BySKU, sum.MoreSKUs = groups(skus, maxGroups)
	var rows []feedbackRow
	if err := db.Where("created_at >= ? AND created_at < ?", lo, hi).Order("created_at DESC").Order("id DESC").
		Limit(maxExamples).Find(&rows).Error; err != nil {
		return sum, gormdb.Err(err, "read newest feedback")
	}
	for _, row := range rows {
		f := feedback.Feedback{ID: row.ID, Kind: feedback.Kind(row.Kind), StoreCode: row.StoreCode, SKU: row.SKU, Text: row.Text,
			RecordedBy: row.RecordedBy, CreatedAt: gormdb.TimeOf(row.CreatedAt)}
		if err := gormdb.FromJSON(row.Tags, &f.Tags); err != nil {
			return sum, fmt.Errorf("feedback %d tags: %w", row.ID, err)
		}
		sum.Examples = append(sum.Examples, f)
	}
	return sum, nil
}

// groups folds (key, kind, count) rows into groups, the largest first (then by key), and
// keeps max of them.
func groups(counts []groupCount, max int) ([]feedback.Group, int) {
	index := map[string]int{}
	var out []feedback.Group
	for _, c := range counts {
		i, ok := index[c.GroupKey]
		if !ok {
			i = len(out)
			index[c.GroupKey] = i
			out = append(out, feedback.Group{Key: c.GroupKey, Kinds: map[feedback.Kind]int{}})
		}
		out[i].Kinds[feedback.Kind(c.Kind)] += c.N
		out[i].Total += c.N
	}
	slices.SortFunc(out, func(a, b feedback.Group) int {
		if a.Total != b.Total {
			return b.Total - a.Total
		}
		return strings.Compare(a.Key, b.Key)
	})
	if len(out) > max {
		return out[:max], len(out) - max
	}
	return out, 0
}

// Channel reads the summary channel.
func (r *Repo) Channel(ctx context.Context) (string, error) {
	var rows []settingRow
	if err := gormdb.Conn(ctx, r.db).Where("name = ?", settingChannel).Limit(1).Find(&rows).Error; err != nil {
		return "", gormdb.Err(err, "read feedback summary channel")
	}
	if len(rows) == 0 {
		return "", nil
	}
	return rows[0].Value, nil
}

// SetChannel writes the summary channel, inserting the setting the first time. (MySQL
// reports 0 rows affected by an update that changes nothing, so existence is read, not
// inferred from the update.)
func (r *Repo) SetChannel(ctx context.Context, channel, by string, at time.Time) error {
	row := settingRow{Name: settingChannel, Value: channel, UpdatedBy: by, UpdatedAt: gormdb.NullTime(at)}
	return gormdb.InTx(ctx, r.db, func(ctx context.Context) error {
		tx := gormdb.Conn(ctx, r.db)
		var n int64
		if err := tx.Model(&settingRow{}).Where("name = ?", settingChannel).Count(&n).Error; err != nil {
			return gormdb.Err(err, "set feedback summary channel")
		}
		if n == 0 {
			if err := tx.Create(&row).Error; err != nil {
				return gormdb.Err(err, "set feedback summary channel")
			}
			return nil
		}
		err := tx.Model(&settingRow{}).Where("name = ?", settingChannel).
			Updates(map[string]any{"value": row.Value, "updated_by": row.UpdatedBy, "updated_at": row.UpdatedAt}).Error
		if err != nil {
			return gormdb.Err(err, "set feedback summary channel")
		}
		return nil
	})
}
