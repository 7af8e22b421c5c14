package domain

import (
	"fmt"
	"strconv"
	"strings"
)

// Money is an amount in the smallest unit of the store's currency (fen, cents). Floats never
// hold money.
type Money int64

// ParseMoney reads "12", "12.5" or "12.50" (an optional ¥ or $ sign and thousands commas are
// accepted); more than two decimals or anything else is an error.
func ParseMoney(s string) (Money, error) {
	s = strings.TrimSpace(s)
	s = strings.TrimLeft(s, "¥￥$")
	s = strings.ReplaceAll(s, ",", "")
	if s == "" {
		return 0, fmt.Errorf("empty amount")
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, hasDot := strings.Cut(s, ".")
	if whole == "" || !isDigits(whole) || (hasDot && (frac == "" || len(frac) > 2 || !isDigits(frac))) {
		return 0, fmt.Errorf("%q is not an amount", s)
	}
	if len(whole) > 13 {
		return 0, fmt.Errorf("%q is too large", s)
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("parse amount %q: %w", s, err)
	}
	for len(frac) < 2 {
		frac += "0"
	}
	f, _ := strconv.ParseInt(frac, 10, 64)
	m := Money(w*100 + f)
	if neg {
		m = -m
	}
	return m, nil
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// String shows the amount with two decimals, e.g. "1299.00".
func (m Money) String() string {
	sign := ""
	v := int64(m)
	if v < 0 {
		sign, v = "-", -v
	}
	return fmt.Sprintf("%s%d.%02d", sign, v/100, v%100)
}
