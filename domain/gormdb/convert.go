package gormdb

import (
	"encoding/json"
	"fmt"
	"time"
)

// UTC is how a time is stored: in UTC (the columns carry no zone) and cut to the
// microsecond, the finest both MySQL's datetime(6) and our SQLite text keep, so that what
// is read back equals what was written.
func UTC(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// NullTime is the column value of a time that may be unset: NULL for the zero time, which
// MariaDB's datetime cannot hold.
func NullTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := UTC(t)
	return &u
}

// TimeOf reads a nullable time column back: the zero time for NULL, otherwise UTC.
func TimeOf(p *time.Time) time.Time {
	if p == nil {
		return time.Time{}
	}
	return p.UTC()
}

// JSON encodes v for a JSON text column. A nil slice or pointer is stored as "null" and an
// empty slice as "[]", so each reads back as it was.
func JSON(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("encode %T: %w", v, err)
	}
	return string(b), nil
}

// FromJSON decodes a JSON text column into v; an empty column leaves v unset.
func FromJSON(s string, v any) error {
	if s == "" {
		return nil
	}
	if err := json.Unmarshal([]byte(s), v); err != nil {
		return fmt.Errorf("decode %T: %w", v, err)
	}
	return nil
}

// Raw reads a column that holds JSON as given (a payload, an audit snapshot); empty is nil.
func Raw(s string) json.RawMessage {
	if s == "" {
		return nil
	}
	return json.RawMessage(s)
}
