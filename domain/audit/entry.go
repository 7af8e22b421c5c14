// Package audit records who did what, when, with the state before and after.
package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"time"

	"storeops/domain"
)

// Entry is one state change. Before and After are JSON objects of the fields that matter to a
// reader of the history; either may be empty (creation, deletion).
type Entry struct {
	ID      int64
	At      time.Time
	Actor   string
	Action  string
	Subject domain.Subject
	Before  json.RawMessage
	After   json.RawMessage
}

// Repository stores entries. Append must join the transaction in ctx when there is one.
type Repository interface {
	Append(ctx context.Context, e *Entry) error
	// ListBySubject returns the subject's history, oldest first, at most limit entries
	// (the newest ones when there are more).
	ListBySubject(ctx context.Context, subject domain.Subject, limit int) ([]Entry, error)
}

// Log writes audit entries with the time from its clock.
type Log struct {
	repo  Repository
	clock domain.Clock
}

// NewLog builds a Log.
func NewLog(repo Repository, clock domain.Clock) *Log { return &Log{repo: repo, clock: clock} }

// Record appends an entry; before and after are marshalled to JSON (nil stays empty).
func (l *Log) Record(ctx context.Context, actor domain.Actor, action string, subject domain.Subject, before, after any) error {
	e := &Entry{At: l.clock.Now(), Actor: actor.UserID, Action: action, Subject: subject}
	var err error
	if e.Before, err = marshal(before); err != nil {
		return fmt.Errorf("audit %s %s: %w", action, subject, err)
	}
	if e.After, err = marshal(after); err != nil {
		return fmt.Errorf("audit %s %s: %w", action, subject, err)
	}
	if err := l.repo.Append(ctx, e); err != nil {
		return fmt.Errorf("audit %s %s: %w", action, subject, err)
	}
	return nil
}

// History returns the subject's entries, oldest first.
func (l *Log) History(ctx context.Context, subject domain.Subject, limit int) ([]Entry, error) {
	entries, err := l.repo.ListBySubject(ctx, subject, limit)
	if err != nil {
		return nil, fmt.Errorf("history of %s: %w", subject, err)
	}
	return entries, nil
}

func marshal(v any) (json.RawMessage, error) {
	if v == nil {
		return nil, nil
	}
	if raw, ok := v.(json.RawMessage); ok {
		return raw, nil
	}
	return json.Marshal(v)
}

// Changes lists the fields whose value differs between Before and After, in a stable order,
// for showing "field: before → after".
func (e Entry) Changes() []Change {
	before, after := map[string]any{}, map[string]any{}
	_ = json.Unmarshal(e.Before, &before)
	_ = json.Unmarshal(e.After, &after)
	keys := map[string]bool{}
	for k := range before {
		keys[k] = true
	}
	for k := range after {
		keys[k] = true
	}
	var out []Change
	for _, k := range slices.Sorted(maps.Keys(keys)) {
		b, a := render(before[k]), render(after[k])
		if b != a {
			out = append(out, Change{Field: k, Before: b, After: a})
		}
	}
	return out
}

// Change is one field's move in an entry.
type Change struct {
	Field, Before, After string
}

func render(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	default:
		b, _ := json.Marshal(v)
		return string(b)
	}
}
