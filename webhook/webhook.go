// Package webhook is StoreOps' outgoing HTTP edge: it POSTs the warehouse hand-off batches
// that the order service queued to each store's warehouse system, signed so that the
// receiver can tell them from forgeries (docs/warehouse-webhook.md). It decides nothing:
// which batch goes when, and what happens on failure, is the order service's business.
package webhook

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"storeops/domain"
	"storeops/domain/order"
)

// Headers of a webhook call.
const (
	HeaderSignature = "X-StoreOps-Signature"
	HeaderTimestamp = "X-StoreOps-Timestamp"
	HeaderDelivery  = "X-StoreOps-Delivery"
)

// signatureVersion prefixes the signature, so that the scheme can change without breaking
// receivers that check the prefix.
const signatureVersion = "v1"

// Sign is the signature header value of body sent at timestamp (Unix seconds):
// "v1=" + hex(HMAC-SHA256(secret, timestamp + "." + body)).
func Sign(secret string, timestamp int64, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(strconv.FormatInt(timestamp, 10)))
	mac.Write([]byte("."))
	mac.Write(body)
	return signatureVersion + "=" + hex.EncodeToString(mac.Sum(nil))
}

// Verify is what a receiver does (and what the tests do): the timestamp must be within
// tolerance of now, and the signature that of the body with the secret.
func Verify(secret, timestamp, signature string, body []byte, now time.Time, tolerance time.Duration) error {
	ts, err := strconv.ParseInt(strings.TrimSpace(timestamp), 10, 64)
	if err != nil {
		return fmt.Errorf("webhook timestamp %q is not a Unix time", timestamp)
	}
	if d := now.Sub(time.Unix(ts, 0)); d > tolerance || d < -tolerance {
		return fmt.Errorf("webhook timestamp %d is %s away from now", ts, d.Round(time.Second))
	}
	if !hmac.Equal([]byte(Sign(secret, ts, body)), []byte(strings.TrimSpace(signature))) {
		return errors.New("webhook signature does not match")
	}
	return nil
}

// Sender posts batches over HTTP (order.WebhookSender).
type Sender struct {
	Client *http.Client
	Clock  domain.Clock
	// UserAgent names StoreOps to the receiver.
	UserAgent string
}

var _ order.WebhookSender = (*Sender)(nil)

// NewSender builds a Sender with a 15 s timeout per call.
func NewSender(clock domain.Clock, version string) *Sender {
	return &Sender{Client: &http.Client{Timeout: 15 * time.Second}, Clock: clock, UserAgent: "StoreOps-Webhook/" + version}
}

// Send makes one signed POST of the batch's body; any answer but 2xx is an error.
func (s *Sender) Send(ctx context.Context, url, secret string, d order.WebhookDelivery) error {
	ts := s.Clock.Now().Unix()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(d.Body))
	if err != nil {
		return fmt.Errorf("webhook %s: %w", d.BatchID, err)
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set("User-Agent", s.UserAgent)
	req.Header.Set(HeaderTimestamp, strconv.FormatInt(ts, 10))
	req.Header.Set(HeaderSignature, Sign(secret, ts, d.Body))
	req.Header.Set(HeaderDelivery, d.BatchID)
	resp, err := s.Client.Do(req)
	if err != nil {
		return fmt.Errorf("webhook %s: %w", d.BatchID, err)
	}
	defer resp.Body.Close()
	// Read a little of the answer, so that the connection can be reused and an error
	// says what the receiver said.
	answer, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("webhook %s: the warehouse answered %d %s", d.BatchID, resp.StatusCode, strings.TrimSpace(string(answer)))
	}
	return nil
}
