package orderdb

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"storeops/domain/gormdb"
	"storeops/domain/order"
)

// WebhookRepo is the order.WebhookRepository on MySQL or SQLite: the queue of batches for
// the stores' warehouse webhooks.
type WebhookRepo struct {
	db *gorm.DB
}

var _ order.WebhookRepository = (*WebhookRepo)(nil)

// NewWebhookRepo builds a WebhookRepo over db.
func NewWebhookRepo(db *gorm.DB) *WebhookRepo { return &WebhookRepo{db: db} }

type webhookRow struct {
	ID            int64
	StoreCode     string
	BatchID       string
	Body          string
	Orders        int
	SentAt        *time.Time
	NextAttemptAt *time.Time
	Attempts      int
	LastError     string
	CreatedAt     *time.Time `gorm:"autoCreateTime:false"`
}

func (webhookRow) TableName() string { return "warehouse_webhooks" }

// maxLastError is the width of last_error; longer errors are cut.
const maxLastError = 1000

func webhookFromRow(r webhookRow) order.WebhookDelivery {
	return order.WebhookDelivery{ID: r.ID, StoreCode: r.StoreCode, BatchID: r.BatchID, Body: []byte(r.Body), Orders: r.Orders,
		SentAt: gormdb.TimeOf(r.SentAt), NextAttemptAt: gormdb.TimeOf(r.NextAttemptAt), Attempts: r.Attempts,
		LastError: r.LastError, CreatedAt: gormdb.TimeOf(r.CreatedAt)}
}

// AddWebhook queues a batch; it joins the transaction in ctx, so the batch is queued
// exactly when its orders are marked handed off. The batch id is unique.
func (r *WebhookRepo) AddWebhook(ctx context.Context, d *order.WebhookDelivery) error {
	row := webhookRow{StoreCode: d.StoreCode, BatchID: d.BatchID, Body: string(d.Body), Orders: d.Orders,
		NextAttemptAt: gormdb.NullTime(d.NextAttemptAt), LastError: clip(d.LastError, maxLastError), CreatedAt: gormdb.NullTime(d.CreatedAt)}
	if err := gormdb.Conn(ctx, r.db).Create(&row).Error; err != nil {
		return gormdb.Conflict(err, "queue warehouse webhook "+d.BatchID, "order.webhook.exists", d.BatchID)
	}
	d.ID = row.ID
	return nil
}

// DueWebhooks returns undelivered batches whose next attempt is due at now, oldest first.
func (r *WebhookRepo) DueWebhooks(ctx context.Context, now time.Time, limit int) ([]order.WebhookDelivery, error) {
	var rows []webhookRow
	err := gormdb.Conn(ctx, r.db).Where("sent_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= ?)", gormdb.UTC(now)).
		Order("id").Limit(limit).Find(&rows).Error
	if err != nil {
		return nil, gormdb.Err(err, "list due warehouse webhooks")
	}
	out := make([]order.WebhookDelivery, 0, len(rows))
	for _, row := range rows {
		out = append(out, webhookFromRow(row))
	}
	return out, nil
}

// MarkWebhookSent records the delivery.
func (r *WebhookRepo) MarkWebhookSent(ctx context.Context, id int64, at time.Time) error {
	err := gormdb.Conn(ctx, r.db).Model(&webhookRow{}).Where("id = ?", id).
		Updates(map[string]any{"sent_at": gormdb.NullTime(at), "attempts": gorm.Expr("attempts + 1"), "last_error": ""}).Error
	return gormdb.Err(err, fmt.Sprintf("mark warehouse webhook %d sent", id))
}

// MarkWebhookRetry counts a failed attempt and schedules the next, unless the batch was
// delivered meanwhile.
func (r *WebhookRepo) MarkWebhookRetry(ctx context.Context, id int64, next time.Time, lastError string) error {
	err := gormdb.Conn(ctx, r.db).Model(&webhookRow{}).Where("id = ? AND sent_at IS NULL", id).
		Updates(map[string]any{"next_attempt_at": gormdb.NullTime(next), "attempts": gorm.Expr("attempts + 1"),
			"last_error": clip(lastError, maxLastError)}).Error
	return gormdb.Err(err, fmt.Sprintf("mark warehouse webhook %d for retry", id))
}

// FindWebhook reads one batch (for tests and inspection).
func (r *WebhookRepo) FindWebhook(ctx context.Context, id int64) (order.WebhookDelivery, error) {
	var row webhookRow
	if err := gormdb.Conn(ctx, r.db).Where("id = ?", id).Take(&row).Error; err != nil {
		return order.WebhookDelivery{}, gormdb.NotFound(err, fmt.Sprintf("find warehouse webhook %d", id), "order.webhook.not_found", id)
	}
	return webhookFromRow(row), nil
}
