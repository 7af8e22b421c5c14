package report

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"storeops/domain"
	"storeops/domain/metrics"
	"storeops/domain/store"
)

// Defaults of a channel that has no settings of its own.
const (
	// DefaultAt is when the morning digest goes out, in the store's zone (SPEC §5).
	DefaultAt = 9 * 60
	// DefaultThreshold is the change, in percent, at or above which a figure is flagged.
	DefaultThreshold = 20.0
	// MaxThreshold bounds the threshold: a flag that never fires is better said with 1000.
	MaxThreshold = 1000.0
)

// ChannelSettings say when a team channel gets its digest and what is flagged in it.
type ChannelSettings struct {
	Channel string
	// At is the time of day in minutes after midnight, store time (540 = 09:00).
	At int
	// Threshold is the |change| in percent at or above which a figure is flagged.
	Threshold float64
	// TimeZone is the channel's own zone (IANA name) for At; "" follows its stores.
	TimeZone string
	// Stores are the stores whose team channel it is, and StoreZone the zone they all keep
	// their days in ("" when they differ or keep the company's); filled by Service.Settings,
	// not stored.
	Stores    []string
	StoreZone string
	UpdatedBy string
	UpdatedAt time.Time
}

// Defaults are the settings of a channel nobody configured.
func Defaults(channel string) ChannelSettings {
	return ChannelSettings{Channel: channel, At: DefaultAt, Threshold: DefaultThreshold}
}

// ZoneName is the zone At is read in: the channel's own, else the one its stores share,
// else the company's ("" here).
func (s ChannelSettings) ZoneName() string {
	if s.TimeZone != "" {
		return s.TimeZone
	}
	return s.StoreZone
}

// Location is the zone At is read in, company when neither the channel nor its stores name
// one (or the name no longer loads).
func (s ChannelSettings) Location(company *time.Location) *time.Location {
	return store.Store{TimeZone: s.ZoneName()}.Zone(company)
}

// Clock shows At as "09:00".
func (s ChannelSettings) Clock() string { return FormatAt(s.At) }

// FormatAt shows minutes after midnight as "HH:MM".
func FormatAt(at int) string { return fmt.Sprintf("%02d:%02d", at/60, at%60) }

// ParseAt reads "HH:MM" (or "H:MM") into minutes after midnight.
func ParseAt(s string) (int, error) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || len(m) != 2 || hh < 0 || hh > 23 || mm < 0 || mm > 59 {
		return 0, domain.Errorf(domain.EINVALID, "digest.time.invalid", s)
	}
	return hh*60 + mm, nil
}

// SettingsRepository stores the channels' settings. Save joins the transaction in ctx.
type SettingsRepository interface {
	// List returns every channel that has settings of its own.
	List(ctx context.Context) ([]ChannelSettings, error)
	// Save inserts or replaces the channel's settings.
	Save(ctx context.Context, s ChannelSettings) error
}

// Due says whether the channel's digest should go out at now, and for which date: the day
// before now's date in the channel's zone (Location, company when it has none), once now
// has reached the channel's time of day there. It stays
// due for the rest of that day (a replica that was down at 09:00 still posts at 09:05 or
// 11:40); the caller's sent-record makes it once. The date is kept as metrics.Day keeps it.
func Due(s ChannelSettings, company *time.Location, now time.Time) (date time.Time, due bool) {
	tz := s.Location(company)
	local := now.In(tz)
	y, m, d := local.Date()
	// time.Date normalises a wall time that a DST jump skips (Go moves 02:30 to 01:30 in
	// the old offset), so a 02:30 digest on the night clocks go forward is sent then, not
	// never.
	sendAt := time.Date(y, m, d, s.At/60, s.At%60, 0, 0, tz)
	return LastDay(tz, now), !local.Before(sendAt)
}

// LastDay is the last day that has ended in zone at now (yesterday there), as metrics.Day
// keeps dates.
func LastDay(zone *time.Location, now time.Time) time.Time {
	y, m, d := now.In(zone).Date()
	return metrics.DateOf(time.Date(y, m, d-1, 12, 0, 0, 0, time.UTC), time.UTC)
}
