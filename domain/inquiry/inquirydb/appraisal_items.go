package inquirydb

import (
	"context"
	"time"

	"storeops/domain/gormdb"
	"storeops/domain/inquiry"
)

// Answered lists the inquiries Timeliness counts (owned by assistant, answered in
// [from, to)), oldest answer first: the same condition, so that the list agrees with the
// figure.
func (r *Repo) Answered(ctx context.Context, assistant string, from, to time.Time) ([]inquiry.Answered, error) {
	var rows []struct {
		ID         int64
		StoreCode  string
		AnsweredAt *time.Time
		OnTime     bool
	}
	err := gormdb.Conn(ctx, r.db).Table("inquiries").Select("id, store_code, answered_at, on_time").
		Where("owner = ? AND status = ? AND answered_at >= ? AND answered_at < ?", assistant, string(inquiry.StatusAnswered), gormdb.UTC(from), gormdb.UTC(to)).
		Order("answered_at").Order("id").Scan(&rows).Error
	if err != nil {
		return nil, gormdb.Err(err, "answered inquiries of "+assistant)
	}
	out := make([]inquiry.Answered, len(rows))
	for i, row := range rows {
		out[i] = inquiry.Answered{ID: row.ID, StoreCode: row.StoreCode, AnsweredAt: gormdb.TimeOf(row.AnsweredAt), OnTime: row.OnTime}
	}
	return out, nil
}
