package metrics

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"storeops/domain"
)

// Value is a figure as sent: a JSON number, or text ("1,234", "129.90"). Empty means not
// sent, which is not the same as zero: a figure the platform did not send may be derived
// from StoreOps' orders.
type Value string

// UnmarshalJSON takes a number, a string or null.
func (v *Value) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		*v = ""
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return fmt.Errorf("read figure: %w", err)
		}
		*v = Value(s)
	case len(b) > 0 && (b[0] == '-' || (b[0] >= '0' && b[0] <= '9')):
		*v = Value(b)
	default:
		return &json.UnmarshalTypeError{Value: string(b), Type: reflect.TypeFor[Value]()}
	}
	return nil
}

// Sent reports whether the figure was given.
func (v Value) Sent() bool { return strings.TrimSpace(string(v)) != "" }

// MaxCount bounds a count (a trillion: far above any store's day).
const MaxCount = 1_000_000_000_000

// ParseCount reads a whole count: "1234", "1,234" (thousands separators in groups of three),
// "1234.0" (a spreadsheet's number), full-width digits. A negative count is errNegative,
// anything else that is not a whole number errNotCount.
func ParseCount(s string) (int64, error) {
	s = strings.Join(strings.Fields(foldWidth(s)), "")
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if whole, frac, ok := strings.Cut(s, "."); ok && strings.Trim(frac, "0") == "" && frac != "" {
		s = whole
	}
	if strings.Contains(s, ",") {
		groups := strings.Split(s, ",")
		for i, g := range groups {
			if (i == 0 && (len(g) < 1 || len(g) > 3)) || (i > 0 && len(g) != 3) {
				return 0, errNotCount
			}
		}
		s = strings.Join(groups, "")
	}
	if s == "" || strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
		return 0, errNotCount
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n > MaxCount {
		return 0, errNotCount
	}
	if neg && n > 0 {
		return 0, errNegative
	}
	return n, nil
}

// ParseAmount reads an amount in the store's currency as minor units: domain.ParseMoney
// ("1,299.5", "¥12") after full-width digits are folded. More than two decimals is an error.
func ParseAmount(s string) (domain.Money, error) {
	m, err := domain.ParseMoney(strings.Join(strings.Fields(foldWidth(s)), ""))
	if err != nil {
		return 0, fmt.Errorf("parse amount: %w", err)
	}
	if m < 0 {
		return 0, errNegative
	}
	return m, nil
}

var (
	errNotCount = fmt.Errorf("not a whole number")
	errNegative = fmt.Errorf("negative")
)

// dateLayouts are the ways people and exports write a date.
var dateLayouts = []string{"2006-1-2", "2006/1/2", "2006.1.2", "2006年1月2日", "20060102", "2006-01-02 15:04:05", "2006/1/2 15:04:05", "2006-1-2 15:04"}

// ParseDate reads a calendar date: 2026-11-28, 2026/11/28, 2026.11.28, 2026年11月28日,
// 20261128, a time of that day (written in store time), or an RFC 3339 time, whose date is
// taken in tz. It returns the date as Day.Date keeps it (midnight UTC).
func ParseDate(s string, tz *time.Location) (time.Time, bool) {
	s = foldWidth(strings.TrimSpace(s))
	if s == "" || len(s) > 40 {
		return time.Time{}, false
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return DateOf(t, tz), true
	}
	for _, layout := range dateLayouts {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil && t.Year() >= 2000 {
			return DateOf(t, time.UTC), true
		}
	}
	return time.Time{}, false
}

// FormatDate shows a date as 2026-11-28.
func FormatDate(d time.Time) string { return d.Format(time.DateOnly) }

// foldWidth maps full-width ASCII (digits, signs, the decimal point) and the ideographic
// space to ASCII.
func foldWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			return r - 0xFEE0
		case r == '\u3000':
			return ' '
		}
		return r
	}, s)
}
