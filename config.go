package main

// config.go is the only place that reads the environment. Everything below main receives
// plain values from a Config.

import (
	"fmt"
	"log/slog"
	"math"
	"net"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // so that STOREOPS_TZ resolves in a scratch/distroless container
)

// Environment variable names.
const (
	EnvBotToken         = "SLACK_BOT_TOKEN"
	EnvSigningSecret    = "SLACK_SIGNING_SECRET"
	EnvAppToken         = "SLACK_APP_TOKEN"
	EnvAPIURL           = "SLACK_API_URL"
	EnvDatabaseURL      = "DATABASE_URL"
	EnvRedisURL         = "REDIS_URL"
	EnvAddr             = "STOREOPS_ADDR"
	EnvAdmins           = "STOREOPS_ADMINS"
	EnvApprovalsChannel = "STOREOPS_APPROVALS_CHANNEL"
	EnvTZ               = "STOREOPS_TZ"
	EnvLocale           = "STOREOPS_LOCALE"
	EnvPriceChangePct   = "STOREOPS_PRICE_CHANGE_PCT"
	EnvSlowMovingDays   = "STOREOPS_SLOW_MOVING_DAYS"
	// After-sales reminders: a case that has not moved for RemindAfter is reminded to its
	// owner, for EscalateAfter escalated to the supervisors.
	EnvAftersaleRemindAfter   = "STOREOPS_AFTERSALE_REMIND_AFTER"
	EnvAftersaleEscalateAfter = "STOREOPS_AFTERSALE_ESCALATE_AFTER"
	// Campaigns: the period of the live posts, the hour of the evening closing summary
	// (store time), the share of the pro-rated target below which the owner is alerted,
	// and how long before an item's due time its owner is reminded.
	EnvCampaignWatchEvery   = "STOREOPS_CAMPAIGN_WATCH_EVERY"
	EnvCampaignEvening      = "STOREOPS_CAMPAIGN_EVENING"
	EnvCampaignAlertShare   = "STOREOPS_CAMPAIGN_ALERT_SHARE"
	EnvCampaignRemindBefore = "STOREOPS_CAMPAIGN_REMIND_BEFORE"
)

// Defaults.
const (
	DefaultAPIURL               = "https://slack.com/api/"
	DefaultDatabaseURL          = "sqlite://storeops.db"
	DefaultAddr                 = ":8080"
	DefaultTZ                   = "Asia/Shanghai"
	DefaultLocale               = "en"
	DefaultPriceChangeThreshold = 20.0
	DefaultSlowMovingDays       = 30
	DefaultAftersaleRemind      = 24 * time.Hour
	DefaultAftersaleEscalate    = 72 * time.Hour
	DefaultCampaignWatchEvery   = 2 * time.Hour
	DefaultCampaignEvening      = 21 // hour of the store's day
	DefaultCampaignAlertShare   = 70 // percent
	DefaultCampaignRemindBefore = 24 * time.Hour
)

// Config is every setting StoreOps reads from its environment, checked and normalised.
type Config struct {
	BotToken      string // SLACK_BOT_TOKEN, xoxb-…; secret
	SigningSecret string // SLACK_SIGNING_SECRET; secret
	AppToken      string // SLACK_APP_TOKEN, xapp-…; secret; when set, Socket Mode is used

	APIURL      string // SLACK_API_URL, Web API base; always ends with "/"
	DatabaseURL string // DATABASE_URL, mysql://user:pass@host:3306/db or sqlite://path/file.db; may hold a password
	RedisURL    string // REDIS_URL, redis://host:6379/0; empty means an in-process Redis; may hold a password
	Addr        string // STOREOPS_ADDR, HTTP listen address

	Admins           []string // STOREOPS_ADMINS, Slack user IDs that are admins from the start
	ApprovalsChannel string   // STOREOPS_APPROVALS_CHANNEL, channel ID for approval cards; empty: DM approvers

	TZ     *time.Location // STOREOPS_TZ, the store's time zone
	Locale string         // STOREOPS_LOCALE, "en" or "zh"

	PriceChangeThreshold float64 // STOREOPS_PRICE_CHANGE_PCT, percent; a bigger price change needs approval
	SlowMovingDays       int     // STOREOPS_SLOW_MOVING_DAYS, days without a sale before a live listing is slow-moving

	AftersaleRemindAfter   time.Duration // STOREOPS_AFTERSALE_REMIND_AFTER, an unmoved case is reminded to its owner
	AftersaleEscalateAfter time.Duration // STOREOPS_AFTERSALE_ESCALATE_AFTER, an unmoved case is escalated to supervisors

	CampaignWatchEvery   time.Duration // STOREOPS_CAMPAIGN_WATCH_EVERY, period of a running campaign's live posts
	CampaignEvening      int           // STOREOPS_CAMPAIGN_EVENING, hour (store time) of the evening closing summary
	CampaignAlertShare   int           // STOREOPS_CAMPAIGN_ALERT_SHARE, percent of the pro-rated target below which the owner is alerted
	CampaignRemindBefore time.Duration // STOREOPS_CAMPAIGN_REMIND_BEFORE, a checklist item's owner is reminded this long before its due time

	AppraisalTZ *time.Location // STOREOPS_APPRAISAL_TZ, zone of the appraisal calendar; nil: the store's zone (TZ)
}

// ConfigError says which variable is wrong and what is wrong with it. Its message is one line
// and never contains a secret value.
type ConfigError struct {
	Var     string
	Problem string
}

func (e *ConfigError) Error() string {
	return e.Var + ": " + strings.NewReplacer("\r", " ", "\n", " ").Replace(e.Problem)
}

var (
	slackUserIDRe    = regexp.MustCompile(`^[UW][A-Z0-9]{2,}$`)
	slackChannelIDRe = regexp.MustCompile(`^[CGD][A-Z0-9]{2,}$`)
)

// LoadConfig reads and checks the configuration through getenv (os.Getenv in production, a
// map lookup in tests). The first problem found is returned as a *ConfigError.
func LoadConfig(getenv func(string) string) (Config, error) {
	get := func(name string) string { return strings.TrimSpace(getenv(name)) }
	var c Config
	var err error

	c.BotToken = get(EnvBotToken)
	c.SigningSecret = get(EnvSigningSecret)
	c.AppToken = get(EnvAppToken)

	if c.APIURL, err = parseAPIURL(get(EnvAPIURL)); err != nil {
		return Config{}, err
	}
	if c.DatabaseURL, err = parseDatabaseURL(get(EnvDatabaseURL)); err != nil {
		return Config{}, err
	}
	if c.RedisURL, err = parseRedisURL(get(EnvRedisURL)); err != nil {
		return Config{}, err
	}
	if c.Addr, err = parseAddr(get(EnvAddr)); err != nil {
		return Config{}, err
	}
	if c.Admins, err = parseAdmins(get(EnvAdmins)); err != nil {
		return Config{}, err
	}
	if c.ApprovalsChannel, err = parseChannel(get(EnvApprovalsChannel)); err != nil {
		return Config{}, err
	}
	if c.TZ, err = parseTZ(get(EnvTZ)); err != nil {
		return Config{}, err
	}
	if c.Locale, err = parseLocale(get(EnvLocale)); err != nil {
		return Config{}, err
	}
	if c.PriceChangeThreshold, err = parsePriceChange(get(EnvPriceChangePct)); err != nil {
		return Config{}, err
	}
	if c.SlowMovingDays, err = parseSlowMovingDays(get(EnvSlowMovingDays)); err != nil {
		return Config{}, err
	}
	if c.AftersaleRemindAfter, c.AftersaleEscalateAfter, err = parseAftersaleDelays(get(EnvAftersaleRemindAfter), get(EnvAftersaleEscalateAfter)); err != nil {
		return Config{}, err
	}
	if c.CampaignWatchEvery, c.CampaignEvening, c.CampaignAlertShare, c.CampaignRemindBefore, err = parseCampaignSettings(
		get(EnvCampaignWatchEvery), get(EnvCampaignEvening), get(EnvCampaignAlertShare), get(EnvCampaignRemindBefore)); err != nil {
		return Config{}, err
	}
	if c.AppraisalTZ, err = parseAppraisalTZ(get(EnvAppraisalTZ)); err != nil {
		return Config{}, err
	}
	return c, nil
}

// SocketMode tells whether Slack is reached over Socket Mode (SLACK_APP_TOKEN is set)
// rather than over HTTP endpoints.
func (c Config) SocketMode() bool { return c.AppToken != "" }

// RequireSlack checks what `serve` needs to talk to a real Slack workspace: a bot token, and
// either a signing secret (HTTP mode) or an app-level token (Socket Mode, which does not sign).
func (c Config) RequireSlack() error {
	if c.BotToken == "" {
		return &ConfigError{EnvBotToken, "not set (the bot token, xoxb-…, from OAuth & Permissions)"}
	}
	if !strings.HasPrefix(c.BotToken, "xoxb-") {
		return &ConfigError{EnvBotToken, `must be a bot token starting with "xoxb-"` + tokenKind(c.BotToken)}
	}
	if c.AppToken != "" {
		if !strings.HasPrefix(c.AppToken, "xapp-") {
			return &ConfigError{EnvAppToken, `must be an app-level token starting with "xapp-"` + tokenKind(c.AppToken)}
		}
		return nil
	}
	if c.SigningSecret == "" {
		return &ConfigError{EnvSigningSecret, "not set (needed to verify Slack's requests; or set SLACK_APP_TOKEN for Socket Mode)"}
	}
	return nil
}

// tokenKind names the kind of a wrong Slack token by its public prefix only (never more of it).
func tokenKind(tok string) string {
	for _, p := range []string{"xoxb-", "xoxp-", "xoxa-", "xoxe-", "xoxr-", "xapp-"} {
		if strings.HasPrefix(tok, p) {
			return fmt.Sprintf(" (got a %q token)", p)
		}
	}
	return ""
}

func parseAPIURL(s string) (string, error) {
	if s == "" {
		return DefaultAPIURL, nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		shown := fmt.Sprintf("%q", s)
		if strings.Contains(s, "@") {
			shown = "the value" // it may hold credentials
		}
		return "", &ConfigError{EnvAPIURL, fmt.Sprintf("%s is not an http(s) URL (e.g. %q)", shown, DefaultAPIURL)}
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "", &ConfigError{EnvAPIURL, "must be a plain base URL without credentials, query or fragment"}
	}
	if !strings.HasSuffix(s, "/") {
		s += "/" // slack-go appends method names to it
	}
	return s, nil
}

func parseDatabaseURL(s string) (string, error) {
	if s == "" {
		return DefaultDatabaseURL, nil
	}
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok {
		return "", &ConfigError{EnvDatabaseURL, "must be mysql://user:pass@host:3306/db or sqlite://path/file.db"}
	}
	switch strings.ToLower(scheme) {
	case "sqlite":
		if rest == "" {
			return "", &ConfigError{EnvDatabaseURL, "sqlite:// needs a file path (e.g. sqlite://storeops.db)"}
		}
		return "sqlite://" + rest, nil
	case "mysql":
		// Never quote s or url.Parse's error: both may contain the password.
		u, err := url.Parse(s)
		if err != nil {
			return "", &ConfigError{EnvDatabaseURL, "is not a valid URL (expected mysql://user:pass@host:3306/db; percent-encode special characters in the password)"}
		}
		if u.Host == "" {
			return "", &ConfigError{EnvDatabaseURL, "mysql:// needs a host (mysql://user:pass@host:3306/db)"}
		}
		if db := strings.Trim(u.Path, "/"); db == "" || strings.Contains(db, "/") {
			return "", &ConfigError{EnvDatabaseURL, "mysql:// needs one database name as its path (mysql://user:pass@host:3306/db)"}
		}
		return "mysql://" + rest, nil
	default:
		return "", &ConfigError{EnvDatabaseURL, fmt.Sprintf("unsupported scheme %q (want mysql:// or sqlite://)", scheme)}
	}
}

func parseRedisURL(s string) (string, error) {
	if s == "" {
		return "", nil // in-process Redis
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", &ConfigError{EnvRedisURL, "is not a valid URL (expected redis://[:pass@]host:6379/0)"}
	}
	if u.Scheme != "redis" && u.Scheme != "rediss" {
		return "", &ConfigError{EnvRedisURL, fmt.Sprintf("unsupported scheme %q (want redis:// or rediss://; leave empty for an in-process Redis)", u.Scheme)}
	}
	if u.Host == "" {
		return "", &ConfigError{EnvRedisURL, "needs a host (redis://host:6379/0)"}
	}
	if db := strings.Trim(u.Path, "/"); db != "" {
		if n, err := strconv.Atoi(db); err != nil || n < 0 {
			return "", &ConfigError{EnvRedisURL, fmt.Sprintf("database %q in the path is not a number (redis://host:6379/0)", db)}
		}
	}
	return s, nil
}

func parseAddr(s string) (string, error) {
	if s == "" {
		return DefaultAddr, nil
	}
	_, port, err := net.SplitHostPort(s)
	if err != nil {
		return "", &ConfigError{EnvAddr, fmt.Sprintf("%q is not host:port (e.g. \":8080\" or \"127.0.0.1:8080\")", s)}
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return "", &ConfigError{EnvAddr, fmt.Sprintf("port %q is not a number from 0 to 65535", port)}
	}
	return s, nil
}

func parseAdmins(s string) ([]string, error) {
	var ids []string
	for _, f := range strings.Split(s, ",") {
		id := strings.TrimSpace(f)
		if id == "" {
			continue
		}
		if !slackUserIDRe.MatchString(id) {
			return nil, &ConfigError{EnvAdmins, fmt.Sprintf("%q is not a Slack user ID (like U012AB3CD; comma-separated)", id)}
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

func parseChannel(s string) (string, error) {
	if s == "" || slackChannelIDRe.MatchString(s) {
		return s, nil
	}
	return "", &ConfigError{EnvApprovalsChannel, fmt.Sprintf("%q is not a Slack channel ID (like C012AB3CD; use the ID, not the #name)", s)}
}

func parseTZ(s string) (*time.Location, error) {
	if s == "" {
		s = DefaultTZ
	}
	loc, err := time.LoadLocation(s)
	if err != nil {
		return nil, &ConfigError{EnvTZ, fmt.Sprintf("unknown time zone %q", s)}
	}
	return loc, nil
}

func parseLocale(s string) (string, error) {
	if s == "" {
		return DefaultLocale, nil
	}
	// en, en-US, en_GB, zh, zh-CN, zh_CN, zh-Hans …: the language part decides.
	lang, _, _ := strings.Cut(strings.ReplaceAll(s, "_", "-"), "-")
	switch l := strings.ToLower(lang); l {
	case "en", "zh":
		return l, nil
	}
	return "", &ConfigError{EnvLocale, fmt.Sprintf("unsupported locale %q (want en or zh, e.g. en-US, zh-CN)", s)}
}

func parsePriceChange(s string) (float64, error) {
	if s == "" {
		return DefaultPriceChangeThreshold, nil
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(s, "%")), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, &ConfigError{EnvPriceChangePct, fmt.Sprintf("%q is not a number (a percentage, e.g. 20)", s)}
	}
	if f <= 0 || f > 1000 {
		return 0, &ConfigError{EnvPriceChangePct, fmt.Sprintf("%v is out of range (more than 0, at most 1000 percent)", f)}
	}
	return f, nil
}

func parseSlowMovingDays(s string) (int, error) {
	if s == "" {
		return DefaultSlowMovingDays, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, &ConfigError{EnvSlowMovingDays, fmt.Sprintf("%q is not a whole number of days", s)}
	}
	if n < 1 || n > 365 {
		return 0, &ConfigError{EnvSlowMovingDays, fmt.Sprintf("%d is out of range (1 to 365 days)", n)}
	}
	return n, nil
}

// parseAftersaleDelays reads the two after-sales delays (Go durations such as 24h or 90m,
// from 1 minute to 30 days); the escalation must come after the reminder.
func parseAftersaleDelays(remind, escalate string) (time.Duration, time.Duration, error) {
	parse := func(name, s string, def time.Duration) (time.Duration, error) {
		if s == "" {
			return def, nil
		}
		d, err := time.ParseDuration(s)
		if err != nil {
			return 0, &ConfigError{name, fmt.Sprintf("%q is not a duration (e.g. 24h, 90m)", s)}
		}
		if d < time.Minute || d > 30*24*time.Hour {
			return 0, &ConfigError{name, fmt.Sprintf("%s is out of range (1m to 720h)", d)}
		}
		return d, nil
	}
	r, err := parse(EnvAftersaleRemindAfter, remind, DefaultAftersaleRemind)
	if err != nil {
		return 0, 0, err
	}
	e, err := parse(EnvAftersaleEscalateAfter, escalate, DefaultAftersaleEscalate)
	if err != nil {
		return 0, 0, err
	}
	if e <= r {
		return 0, 0, &ConfigError{EnvAftersaleEscalateAfter, fmt.Sprintf("%s must be longer than %s (%s)", e, EnvAftersaleRemindAfter, r)}
	}
	return r, e, nil
}

// parseCampaignSettings reads the campaign settings: the watch period (a Go duration from
// 10m, the watch job's period, to 24h), the evening hour ("21:00", or "21": a whole hour from
// 01:00 to 23:00), the alert share (a percentage from 1 to 100, "70" or "70%") and the
// reminder lead (a Go duration from 1m to 720h).
func parseCampaignSettings(watch, evening, share, remind string) (time.Duration, int, int, time.Duration, error) {
	w, r, hour, pct := DefaultCampaignWatchEvery, DefaultCampaignRemindBefore, DefaultCampaignEvening, DefaultCampaignAlertShare
	duration := func(name, s string, lo, hi time.Duration, into *time.Duration) error {
		if s == "" {
			return nil
		}
		d, err := time.ParseDuration(s)
		if err != nil {
			return &ConfigError{name, fmt.Sprintf("%q is not a duration (e.g. 2h, 90m)", s)}
		}
		if d < lo || d > hi {
			return &ConfigError{name, fmt.Sprintf("%s is out of range (%s to %s)", d, lo, hi)}
		}
		*into = d
		return nil
	}
	if err := duration(EnvCampaignWatchEvery, watch, 10*time.Minute, 24*time.Hour, &w); err != nil {
		return 0, 0, 0, 0, err
	}
	if err := duration(EnvCampaignRemindBefore, remind, time.Minute, 30*24*time.Hour, &r); err != nil {
		return 0, 0, 0, 0, err
	}
	if evening != "" {
		h, m, hasMin := strings.Cut(evening, ":")
		n, err := strconv.Atoi(h)
		if err != nil || len(h) > 2 || (hasMin && m != "00") {
			return 0, 0, 0, 0, &ConfigError{EnvCampaignEvening, fmt.Sprintf("%q is not a whole hour of the day (e.g. 21:00)", evening)}
		}
		if n < 1 || n > 23 {
			return 0, 0, 0, 0, &ConfigError{EnvCampaignEvening, fmt.Sprintf("%q is out of range (01:00 to 23:00)", evening)}
		}
		hour = n
	}
	if share != "" {
		n, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(share, "%")))
		if err != nil {
			return 0, 0, 0, 0, &ConfigError{EnvCampaignAlertShare, fmt.Sprintf("%q is not a whole percentage (e.g. 70)", share)}
		}
		if n < 1 || n > 100 {
			return 0, 0, 0, 0, &ConfigError{EnvCampaignAlertShare, fmt.Sprintf("%d is out of range (1 to 100 percent)", n)}
		}
		pct = n
	}
	return w, hour, pct, r, nil
}

// LogValue makes a Config safe to log: every setting is shown, but tokens, the signing secret
// and passwords in connection URLs are replaced by "***" (or "(unset)").
func (c Config) LogValue() slog.Value {
	tz := "(unset)"
	if c.TZ != nil {
		tz = c.TZ.String()
	}
	redis := "(in-process)"
	if c.RedisURL != "" {
		redis = redactURL(c.RedisURL)
	}
	return slog.GroupValue(
		slog.String("slack_bot_token", redactSecret(c.BotToken)),
		slog.String("slack_signing_secret", redactSecret(c.SigningSecret)),
		slog.String("slack_app_token", redactSecret(c.AppToken)),
		slog.Bool("socket_mode", c.SocketMode()),
		slog.String("slack_api_url", redactURL(c.APIURL)),
		slog.String("database_url", redactURL(c.DatabaseURL)),
		slog.String("redis_url", redis),
		slog.String("addr", c.Addr),
		slog.String("admins", strings.Join(c.Admins, ",")),
		slog.String("approvals_channel", c.ApprovalsChannel),
		slog.String("tz", tz),
		slog.String("locale", c.Locale),
		slog.Float64("price_change_pct", c.PriceChangeThreshold),
		slog.Int("slow_moving_days", c.SlowMovingDays),
		slog.Duration("aftersale_remind_after", c.AftersaleRemindAfter),
		slog.Duration("aftersale_escalate_after", c.AftersaleEscalateAfter),
		slog.Duration("campaign_watch_every", c.CampaignWatchEvery),
		slog.Int("campaign_evening", c.CampaignEvening),
		slog.Int("campaign_alert_share", c.CampaignAlertShare),
		slog.Duration("campaign_remind_before", c.CampaignRemindBefore),
		slog.String("appraisal_tz", appraisalTZName(c.AppraisalTZ)),
	)
}

// String renders the configuration with secrets hidden, as LogValue does, so that printing a
// Config with fmt (%v, %+v, %s) cannot leak them either.
func (c Config) String() string {
	var b strings.Builder
	b.WriteString("Config{")
	for i, a := range c.LogValue().Group() {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(a.Key)
		b.WriteByte('=')
		b.WriteString(a.Value.String())
	}
	b.WriteByte('}')
	return b.String()
}

// GoString covers %#v, which would otherwise print the raw fields.
func (c Config) GoString() string { return c.String() }

func redactSecret(s string) string {
	if s == "" {
		return "(unset)"
	}
	return "***"
}

// redactURL hides the password in a connection URL and the values of query parameters that
// look like credentials. An unparseable URL is hidden whole.
func redactURL(s string) string {
	if s == "" {
		return "(unset)"
	}
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok {
		return "***"
	}
	if strings.EqualFold(scheme, "sqlite") {
		return s // a file path, no credentials
	}
	u, err := url.Parse(s)
	if err != nil || (u.User == nil && strings.Contains(rest, "@")) {
		// Unparseable, or an "@" that did not end up as user info: part of a password
		// may have landed in the host, path or query. Show nothing of it.
		return scheme + "://***"
	}
	var b strings.Builder
	b.WriteString(u.Scheme + "://")
	if u.User != nil {
		b.WriteString(u.User.Username())
		if _, has := u.User.Password(); has {
			b.WriteString(":***")
		}
		b.WriteByte('@')
	}
	b.WriteString(u.Host)
	b.WriteString(u.EscapedPath())
	if u.RawQuery != "" {
		q := u.Query()
		keys := make([]string, 0, len(q))
		for k := range q {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		var parts []string
		for _, k := range keys {
			lk := strings.ToLower(k)
			secret := strings.Contains(lk, "pass") || strings.Contains(lk, "secret") ||
				strings.Contains(lk, "token") || strings.Contains(lk, "key") || strings.Contains(lk, "auth")
			for _, v := range q[k] {
				if secret {
					v = "***"
				} else {
					v = url.QueryEscape(v)
				}
				parts = append(parts, url.QueryEscape(k)+"="+v)
			}
		}
		b.WriteString("?" + strings.Join(parts, "&"))
	}
	return b.String()
}
