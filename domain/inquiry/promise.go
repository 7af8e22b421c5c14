package inquiry

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"storeops/domain"
)

// MaxPromise bounds a promised reply time: a promise further out than this is a typo (a
// date in the wrong year), not a customer-service promise.
const MaxPromise = 30 * 24 * time.Hour

var (
	durationPattern = regexp.MustCompile(`^(?:(\d{1,4})h)?(?:(\d{1,5})m(?:in)?)?$`)
	clockPattern    = regexp.MustCompile(`^(\d{1,2}):(\d{2})$`)
	dateTimePattern = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})[ t]+(\d{1,2}):(\d{2})$`)
)

// ParsePromise reads a promised reply time as an assistant types it, relative to now and in
// the store's zone tz:
//   - a duration from now: "2h", "90m", "1h30m";
//   - a clock time, "17:30": today, or tomorrow when that time has passed;
//   - a date and time, "2026-12-01 10:00".
//
// The promise must lie after now and within MaxPromise. Errors are EINVALID with a catalog
// key: "inquiry.promise.invalid" (args: the text), "inquiry.promise.past",
// "inquiry.promise.too_far" (args: days).
func ParsePromise(s string, now time.Time, tz *time.Location) (time.Time, error) {
	if tz == nil {
		tz = time.UTC
	}
	// Chinese input methods type a full-width colon.
	text := strings.ToLower(strings.TrimSpace(strings.ReplaceAll(s, "：", ":")))
	invalid := domain.Errorf(domain.EINVALID, "inquiry.promise.invalid", strings.TrimSpace(s))
	if text == "" {
		return time.Time{}, domain.Errorf(domain.EINVALID, "inquiry.field.required")
	}
	// "1h 30m" is a duration too; the other forms keep their one space.
	compact := strings.Join(strings.Fields(text), "")
	var at time.Time
	switch {
	case durationPattern.MatchString(compact):
		m := durationPattern.FindStringSubmatch(compact)
		hours, _ := strconv.Atoi(m[1]) // empty group reads as 0
		minutes, _ := strconv.Atoi(m[2])
		d := time.Duration(hours)*time.Hour + time.Duration(minutes)*time.Minute
		if d <= 0 {
			return time.Time{}, invalid
		}
		if d > MaxPromise {
			return time.Time{}, tooFar()
		}
		return now.Add(d), nil
	case clockPattern.MatchString(text):
		m := clockPattern.FindStringSubmatch(text)
		hh, mm, ok := clock(m[1], m[2])
		if !ok {
			return time.Time{}, invalid
		}
		local := now.In(tz)
		at = time.Date(local.Year(), local.Month(), local.Day(), hh, mm, 0, 0, tz)
		if !at.After(now) {
			at = time.Date(local.Year(), local.Month(), local.Day()+1, hh, mm, 0, 0, tz)
		}
	case dateTimePattern.MatchString(text):
		m := dateTimePattern.FindStringSubmatch(text)
		hh, mm, ok := clock(m[4], m[5])
		if !ok {
			return time.Time{}, invalid
		}
		day, err := time.ParseInLocation("2006-01-02", m[1]+"-"+m[2]+"-"+m[3], tz)
		if err != nil {
			return time.Time{}, invalid
		}
		at = time.Date(day.Year(), day.Month(), day.Day(), hh, mm, 0, 0, tz)
		if !at.After(now) {
			return time.Time{}, domain.Errorf(domain.EINVALID, "inquiry.promise.past")
		}
	default:
		return time.Time{}, invalid
	}
	if at.Sub(now) > MaxPromise {
		return time.Time{}, tooFar()
	}
	return at, nil
}

func clock(h, m string) (int, int, bool) {
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	return hh, mm, err1 == nil && err2 == nil && hh >= 0 && hh < 24 && mm >= 0 && mm < 60
}

func tooFar() error {
	return domain.Errorf(domain.EINVALID, "inquiry.promise.too_far", int(MaxPromise/(24*time.Hour)))
}
