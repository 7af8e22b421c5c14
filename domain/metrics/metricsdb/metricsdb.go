// Package metricsdb stores the stores' daily figures with gorm.
package metricsdb

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"storeops/domain"
	"storeops/domain/gormdb"
	"storeops/domain/metrics"
)

// Repo is the metrics.Repository on MySQL or SQLite.
type Repo struct {
	db *gorm.DB
}

var _ metrics.Repository = (*Repo)(nil)

// New builds a Repo over db.
func New(db *gorm.DB) *Repo { return &Repo{db: db} }

// skuBatch is how many SKU rows one INSERT carries.
const skuBatch = 500

type dayRow struct {
	ID             int64
	StoreCode      string
	Source         string
	Day            int
	Visitors       int64
	Sessions       int64
	PageViews      int64
	PayingBuyers   int64
	PaidOrders     int64
	PaidAmount     int64
	RefundedOrders int64
	RefundedAmount int64
	Origins        string
	UpdatedBy      string
	UpdatedAt      *time.Time `gorm:"autoUpdateTime:false"`
	Version        int
}

func (dayRow) TableName() string { return "metric_days" }

type skuRow struct {
	ID         int64
	DayID      int64
	StoreCode  string
	Day        int
	SKU        string `gorm:"column:sku"`
	Visitors   int64
	Buyers     int64
	Units      int64
	PaidAmount int64
}

func (skuRow) TableName() string { return "metric_skus" }

// dayNumber is a date as the tables keep it: 20261128.
func dayNumber(d time.Time) int { return d.Year()*10000 + int(d.Month())*100 + d.Day() }

func dateOf(n int) time.Time {
	return time.Date(n/10000, time.Month(n/100%100), n%100, 0, 0, 0, 0, time.UTC)
}

func toRow(d metrics.Day) (dayRow, error) {
	origins := "{}"
	if len(d.Origins) > 0 {
		var err error
		if origins, err = gormdb.JSON(d.Origins); err != nil {
			return dayRow{}, fmt.Errorf("origins: %w", err)
		}
	}
	c := d.Counts
	return dayRow{StoreCode: d.StoreCode, Source: string(d.Source), Day: dayNumber(d.Date), Visitors: c.Visitors, Sessions: c.Sessions,
		PageViews: c.PageViews, PayingBuyers: c.PayingBuyers, PaidOrders: c.PaidOrders, PaidAmount: int64(c.PaidAmount),
		RefundedOrders: c.RefundedOrders, RefundedAmount: int64(c.RefundedAmount), Origins: origins, UpdatedBy: d.UpdatedBy,
		UpdatedAt: gormdb.NullTime(d.UpdatedAt), Version: d.Version}, nil
}

func fromRow(r dayRow) (metrics.Day, error) {
	d := metrics.Day{StoreCode: r.StoreCode, Date: dateOf(r.Day), Source: metrics.Source(r.Source),
		Counts: metrics.Counts{Visitors: r.Visitors, Sessions: r.Sessions, PageViews: r.PageViews, PayingBuyers: r.PayingBuyers,
			PaidOrders: r.PaidOrders, PaidAmount: domain.Money(r.PaidAmount), RefundedOrders: r.RefundedOrders,
			RefundedAmount: domain.Money(r.RefundedAmount)},
		UpdatedBy: r.UpdatedBy, UpdatedAt: gormdb.TimeOf(r.UpdatedAt), Version: r.Version}
	var origins map[string]metrics.Origin
	if err := gormdb.FromJSON(r.Origins, &origins); err != nil {
		return metrics.Day{}, fmt.Errorf("origins of day %d: %w", r.ID, err)
	}
	if len(origins) > 0 {
		d.Origins = origins
	}
	return d, nil
}

// Put replaces the store's day of d's date and source, SKU rows included, in the
// transaction of ctx (or one of its own). The existing day is locked first, so that two
// replacements of one day queue instead of interleaving their SKU rows.
func (r *Repo) Put(ctx context.Context, d *metrics.Day) (*metrics.Day, error) {
	var replaced *metrics.Day
	op := fmt.Sprintf("put figures of %s %s %s", d.StoreCode, metrics.FormatDate(d.Date), d.Source)
	err := gormdb.InTx(ctx, r.db, func(ctx context.Context) error {
		tx := gormdb.Conn(ctx, r.db)
		row, err := toRow(*d)
		if err != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
		var old []dayRow
		if err := gormdb.ForUpdate(tx).Where("store_code = ? AND source = ? AND day = ?", row.StoreCode, row.Source, row.Day).
			Limit(1).Find(&old).Error; err != nil {
			return gormdb.Err(err, op)
		}
		if len(old) == 1 {
			prev, err := fromRow(old[0])
			if err != nil {
				return err
			}
			skus, err := r.skus(ctx, []int64{old[0].ID})
			if err != nil {
				return err
			}
			prev.SKUs = skus[old[0].ID]
			replaced = &prev
			row.ID, row.Version = old[0].ID, old[0].Version+1
			if err := tx.Where("day_id = ?", row.ID).Delete(&skuRow{}).Error; err != nil {
				return gormdb.Err(err, op)
			}
			if err := tx.Model(&dayRow{}).Where("id = ?", row.ID).Select("*").Updates(&row).Error; err != nil {
				return gormdb.Err(err, op)
			}
		} else {
			row.Version = 1
			if err := tx.Create(&row).Error; err != nil {
				return gormdb.Conflict(err, op, "metrics.day.concurrent", d.StoreCode, metrics.FormatDate(d.Date))
			}
		}
		if len(d.SKUs) > 0 {
			rows := make([]skuRow, len(d.SKUs))
			for i, s := range d.SKUs {
				rows[i] = skuRow{DayID: row.ID, StoreCode: row.StoreCode, Day: row.Day, SKU: s.SKU, Visitors: s.Visitors,
					Buyers: s.Buyers, Units: s.Units, PaidAmount: int64(s.PaidAmount)}
			}
			if err := tx.CreateInBatches(rows, skuBatch).Error; err != nil {
				return gormdb.Err(err, op+": skus")
			}
		}
		d.Version = row.Version
		return nil
	})
	return replaced, err
}

// Range reads a window of the store's days of one source through the unique key.
func (r *Repo) Range(ctx context.Context, store string, source metrics.Source, from, to time.Time, withSKUs bool) ([]metrics.Day, error) {
	op := fmt.Sprintf("read figures of %s %s", store, source)
	var rows []dayRow
	if err := gormdb.Conn(ctx, r.db).Where("store_code = ? AND source = ? AND day BETWEEN ? AND ?", store, string(source),
		dayNumber(from), dayNumber(to)).Order("day").Find(&rows).Error; err != nil {
		return nil, gormdb.Err(err, op)
	}
	out := make([]metrics.Day, 0, len(rows))
	ids := make([]int64, 0, len(rows))
	for _, row := range rows {
		d, err := fromRow(row)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
		ids = append(ids, row.ID)
	}
	if !withSKUs || len(ids) == 0 {
		return out, nil
	}
	skus, err := r.skus(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].SKUs = skus[ids[i]]
	}
	return out, nil
}

// skus reads the SKU rows of days, in the order they were stored.
func (r *Repo) skus(ctx context.Context, dayIDs []int64) (map[int64][]metrics.SKUDay, error) {
	out := map[int64][]metrics.SKUDay{}
	const chunk = 500 // keeps the IN list within every driver's limit on placeholders
	for start := 0; start < len(dayIDs); start += chunk {
		var rows []skuRow
		if err := gormdb.Conn(ctx, r.db).Where("day_id IN ?", dayIDs[start:min(start+chunk, len(dayIDs))]).
			Order("day_id, id").Find(&rows).Error; err != nil {
			return nil, gormdb.Err(err, "read sku figures")
		}
		for _, s := range rows {
			out[s.DayID] = append(out[s.DayID], metrics.SKUDay{SKU: s.SKU, Visitors: s.Visitors, Buyers: s.Buyers, Units: s.Units,
				PaidAmount: domain.Money(s.PaidAmount)})
		}
	}
	return out, nil
}

// TopSKUs sums the store's SKU rows of a window with one grouped query over
// idx_metric_skus_store_day; ties go to the SKU's name, so that the list is stable.
func (r *Repo) TopSKUs(ctx context.Context, store string, from, to time.Time, n int) ([]metrics.SKUDay, error) {
	if n <= 0 {
		return nil, nil
	}
	var rows []struct {
		SKU                                 string `gorm:"column:sku"`
		Visitors, Buyers, Units, PaidAmount int64
	}
	err := gormdb.Conn(ctx, r.db).Model(&skuRow{}).
		Select("sku, SUM(visitors) AS visitors, SUM(buyers) AS buyers, SUM(units) AS units, SUM(paid_amount) AS paid_amount").
		Where("store_code = ? AND day BETWEEN ? AND ?", store, dayNumber(from), dayNumber(to)).
		Group("sku").Order("SUM(paid_amount) DESC, sku").Limit(n).Scan(&rows).Error
	if err != nil {
		return nil, gormdb.Err(err, "top skus of "+store)
	}
	out := make([]metrics.SKUDay, len(rows))
	for i, s := range rows {
		out[i] = metrics.SKUDay{SKU: s.SKU, Visitors: s.Visitors, Buyers: s.Buyers, Units: s.Units, PaidAmount: domain.Money(s.PaidAmount)}
	}
	return out, nil
}
