package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/slack-go/slack"

	"storeops/bot/i18n"
)

// State is what StoreOps keeps in Redis: dedupe keys, job locks and cached user preferences.
// None of it is a record; losing it costs at most a repeated users.info call.
type State struct {
	rdb    redis.UniversalClient
	prefix string
}

// NewState wraps a Redis client; prefix namespaces every key (e.g. "storeops:").
func NewState(rdb redis.UniversalClient, prefix string) *State {
	return &State{rdb: rdb, prefix: prefix}
}

// Ping checks that Redis answers.
func (s *State) Ping(ctx context.Context) error {
	if err := s.rdb.Ping(ctx).Err(); err != nil {
		return fmt.Errorf("redis ping: %w", err)
	}
	return nil
}

// FirstDelivery records key and reports whether this is the first time it is seen within
// ttl. Concurrent callers with the same key: exactly one gets true. When Redis fails it
// answers true with the error, preferring a rare duplicate to a lost event.
func (s *State) FirstDelivery(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	ok, err := s.rdb.SetNX(ctx, s.prefix+"seen:"+key, 1, ttl).Result()
	if err != nil {
		return true, fmt.Errorf("dedupe %s: %w", key, err)
	}
	return ok, nil
}

// TryLock takes a lock for ttl and returns its release function, or ok=false when another
// holder has it. The release only deletes the lock if it is still ours.
func (s *State) TryLock(ctx context.Context, name string, ttl time.Duration) (release func(), ok bool, err error) {
	key := s.prefix + "lock:" + name
	token := newRef() + newRef()
	ok, err = s.rdb.SetNX(ctx, key, token, ttl).Result()
	if err != nil || !ok {
		return func() {}, false, err
	}
	return func() {
		// Compare-and-delete in one step so that a lock that expired and was taken by another
		// replica is not released by us.
		const script = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0`
		_ = s.rdb.Eval(context.WithoutCancel(ctx), script, []string{key}, token).Err()
	}, true, nil
}

// Prefs are a user's Slack preferences StoreOps follows.
type Prefs struct {
	Locale string // "en", "zh" or "" for the workspace default
	TZ     string // IANA zone or ""
}

// UserPrefs returns the user's locale and time zone from users.info, cached for half a day.
// A failed lookup is cached for a few minutes so that a Slack hiccup does not turn every
// request into another users.info call.
func (s *State) UserPrefs(ctx context.Context, api *slack.Client, user string) Prefs {
	key := s.prefix + "prefs:" + user
	if v, err := s.rdb.Get(ctx, key).Result(); err == nil {
		locale, tz, _ := strings.Cut(v, "|")
		return Prefs{Locale: locale, TZ: tz}
	} else if !errors.Is(err, redis.Nil) {
		return Prefs{}
	}
	ttl := 12 * time.Hour
	var p Prefs
	info, err := api.GetUserInfoContext(ctx, user)
	if err != nil {
		ttl = 5 * time.Minute
	} else {
		p = Prefs{Locale: i18n.NormalizeLocale(info.Locale), TZ: info.TZ}
	}
	_ = s.rdb.Set(ctx, key, p.Locale+"|"+p.TZ, ttl).Err()
	return p
}
