package complaintdb

import (
	"context"
	"time"

	"gorm.io/gorm"

	"storeops/domain/complaint"
	"storeops/domain/gormdb"
)

// Acknowledged lists the complaints AckTimeliness counts (acknowledged by owner in
// [from, to)), oldest first: the same condition, so that the list agrees with the figure.
func (r *Repo) Acknowledged(ctx context.Context, owner string, from, to time.Time) ([]complaint.Handled, error) {
	q := gormdb.Conn(ctx, r.db).Model(&complaintRow{}).Select("id, store_code, acked_at AS at, ack_on_time, rating").
		Where("acked_by = ? AND acked_at >= ? AND acked_at < ?", owner, gormdb.UTC(from), gormdb.UTC(to)).Order("acked_at")
	return handled(q, "acknowledged complaints of "+owner)
}

// Rated lists the complaints SatisfactionAverage averages (acknowledged by owner, rated
// in [from, to)), oldest rating first: the same condition.
func (r *Repo) Rated(ctx context.Context, owner string, from, to time.Time) ([]complaint.Handled, error) {
	q := gormdb.Conn(ctx, r.db).Model(&complaintRow{}).Select("id, store_code, rated_at AS at, ack_on_time, rating").
		Where("acked_by = ? AND rating > 0 AND rated_at >= ? AND rated_at < ?", owner, gormdb.UTC(from), gormdb.UTC(to)).Order("rated_at")
	return handled(q, "rated complaints of "+owner)
}

func handled(q *gorm.DB, what string) ([]complaint.Handled, error) {
	var rows []struct {
		ID        int64
		StoreCode string
		At        *time.Time
		AckOnTime bool
		Rating    int
	}
	if err := q.Order("id").Scan(&rows).Error; err != nil {
		return nil, gormdb.Err(err, what)
	}
	out := make([]complaint.Handled, len(rows))
	for i, row := range rows {
		out[i] = complaint.Handled{ID: row.ID, StoreCode: row.StoreCode, At: gormdb.TimeOf(row.At), AckOnTime: row.AckOnTime, Rating: row.Rating}
	}
	return out, nil
}
