package main

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"reflect"
	"strings"
	"testing"
)

// envOf turns a map into a getenv function.
func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestLoadConfigDefaults(t *testing.T) {
	c, err := LoadConfig(envOf(nil))
	if err != nil {
		t.Fatalf("LoadConfig(empty env) = %v", err)
	}
	if c.APIURL != "https://slack.com/api/" {
		t.Errorf("APIURL = %q", c.APIURL)
	}
	if c.DatabaseURL != "sqlite://storeops.db" {
		t.Errorf("DatabaseURL = %q", c.DatabaseURL)
	}
	if c.RedisURL != "" {
		t.Errorf("RedisURL = %q, want empty (in-process)", c.RedisURL)
	}
	if c.Addr != ":8080" {
		t.Errorf("Addr = %q", c.Addr)
	}
	if len(c.Admins) != 0 {
		t.Errorf("Admins = %q", c.Admins)
	}
	if c.ApprovalsChannel != "" {
		t.Errorf("ApprovalsChannel = %q", c.ApprovalsChannel)
	}
	if c.TZ == nil || c.TZ.String() != "Asia/Shanghai" {
		t.Errorf("TZ = %v", c.TZ)
	}
	if c.Locale != "en" {
		t.Errorf("Locale = %q", c.Locale)
	}
	if c.PriceChangeThreshold != 20 {
		t.Errorf("PriceChangeThreshold = %v", c.PriceChangeThreshold)
	}
	if c.SlowMovingDays != 30 {
		t.Errorf("SlowMovingDays = %v", c.SlowMovingDays)
	}
	if c.SocketMode() {
		t.Error("SocketMode() = true without SLACK_APP_TOKEN")
	}
}

// TestLoadConfigVariables sets one variable at a time and checks the value it gives, or the
// variable named by the error and a fragment of its message.
func TestLoadConfigVariables(t *testing.T) {
	tests := []struct {
		env     string
		value   string
		get     func(Config) any
		want    any    // when the value is good
		wantErr string // fragment of the error message when the value is bad
	}{
		// Tokens are only read here; RequireSlack checks them.
		{EnvBotToken, "xoxb-1-2-abc", func(c Config) any { return c.BotToken }, "xoxb-1-2-abc", ""},
		{EnvBotToken, "  xoxb-trim  ", func(c Config) any { return c.BotToken }, "xoxb-trim", ""},
		{EnvSigningSecret, "s3cr3t", func(c Config) any { return c.SigningSecret }, "s3cr3t", ""},
		{EnvAppToken, "xapp-1-A-2-x", func(c Config) any { return c.SocketMode() }, true, ""},

		{EnvAPIURL, "https://slack.com/api/", func(c Config) any { return c.APIURL }, "https://slack.com/api/", ""},
		{EnvAPIURL, "http://127.0.0.1:9999/api", func(c Config) any { return c.APIURL }, "http://127.0.0.1:9999/api/", ""},
		{EnvAPIURL, "http://127.0.0.1:9999", func(c Config) any { return c.APIURL }, "http://127.0.0.1:9999/", ""},
		{EnvAPIURL, "slack.com/api", nil, nil, "is not an http(s) URL"},
		{EnvAPIURL, "ftp://slack.com/api/", nil, nil, "is not an http(s) URL"},
		{EnvAPIURL, "https:///api/", nil, nil, "is not an http(s) URL"},
		{EnvAPIURL, "https://u:p@slack.com/api/", nil, nil, "without credentials"},
		{EnvAPIURL, "https://slack.com/api/?x=1", nil, nil, "without credentials, query"},

		{EnvDatabaseURL, "sqlite://storeops.db", func(c Config) any { return c.DatabaseURL }, "sqlite://storeops.db", ""},
		{EnvDatabaseURL, "sqlite://data/file.db", func(c Config) any { return c.DatabaseURL }, "sqlite://data/file.db", ""},
		{EnvDatabaseURL, "sqlite:///var/lib/storeops/s.db", func(c Config) any { return c.DatabaseURL }, "sqlite:///var/lib/storeops/s.db", ""},
		{EnvDatabaseURL, "mysql://user:pass@db:3306/storeops", func(c Config) any { return c.DatabaseURL }, "mysql://user:pass@db:3306/storeops", ""},
		{EnvDatabaseURL, "mysql://root@127.0.0.1:3306/storeops_test?parseTime=true", func(c Config) any { return c.DatabaseURL }, "mysql://root@127.0.0.1:3306/storeops_test?parseTime=true", ""},
		{EnvDatabaseURL, "MySQL://root@h/db", func(c Config) any { return c.DatabaseURL }, "mysql://root@h/db", ""},
		{EnvDatabaseURL, "postgres://u:p@h/db", nil, nil, `unsupported scheme "postgres" (want mysql:// or sqlite://)`},
		{EnvDatabaseURL, "storeops.db", nil, nil, "must be mysql://"},
		{EnvDatabaseURL, "sqlite://", nil, nil, "needs a file path"},
		{EnvDatabaseURL, "mysql://u:p@/db", nil, nil, "needs a host"},
		{EnvDatabaseURL, "mysql://u:p@h:3306", nil, nil, "needs one database name"},
		{EnvDatabaseURL, "mysql://u:p@h:3306/", nil, nil, "needs one database name"},
		{EnvDatabaseURL, "mysql://u:p@h:3306/a/b", nil, nil, "needs one database name"},
		{EnvDatabaseURL, "mysql://u:p%zz@h/db", nil, nil, "is not a valid URL"},

		{EnvRedisURL, "", func(c Config) any { return c.RedisURL }, "", ""},
		{EnvRedisURL, "redis://127.0.0.1:6379/0", func(c Config) any { return c.RedisURL }, "redis://127.0.0.1:6379/0", ""},
		{EnvRedisURL, "rediss://:pw@cache:6380", func(c Config) any { return c.RedisURL }, "rediss://:pw@cache:6380", ""},
		{EnvRedisURL, "http://cache:6379", nil, nil, `unsupported scheme "http"`},
		{EnvRedisURL, "cache:6379", nil, nil, "unsupported scheme"},
		{EnvRedisURL, "redis:///0", nil, nil, "needs a host"},
		{EnvRedisURL, "redis://cache:6379/x", nil, nil, `database "x"`},
		{EnvRedisURL, "redis://:p%zz@cache:6379/0", nil, nil, "is not a valid URL"},

		{EnvAddr, ":9090", func(c Config) any { return c.Addr }, ":9090", ""},
		{EnvAddr, "127.0.0.1:8080", func(c Config) any { return c.Addr }, "127.0.0.1:8080", ""},
		{EnvAddr, "[::1]:0", func(c Config) any { return c.Addr }, "[::1]:0", ""},
		{EnvAddr, "8080", nil, nil, `"8080" is not host:port`},
		{EnvAddr, ":http", nil, nil, `port "http" is not a number`},
		{EnvAddr, ":70000", nil, nil, `port "70000"`},

		{EnvAdmins, "U012AB3CD", func(c Config) any { return c.Admins }, []string{"U012AB3CD"}, ""},
		{EnvAdmins, "U012AB3CD, W0ABC ,,U012AB3CD", func(c Config) any { return c.Admins }, []string{"U012AB3CD", "W0ABC"}, ""},
		{EnvAdmins, " , ", func(c Config) any { return len(c.Admins) }, 0, ""},
		{EnvAdmins, "U012AB3CD,alice", nil, nil, `"alice" is not a Slack user ID`},
		{EnvAdmins, "<@U012AB3CD>", nil, nil, "is not a Slack user ID"},
		{EnvAdmins, "u012ab3cd", nil, nil, "is not a Slack user ID"},
		{EnvAdmins, "C012AB3CD", nil, nil, "is not a Slack user ID"},

		{EnvApprovalsChannel, "C012AB3CD", func(c Config) any { return c.ApprovalsChannel }, "C012AB3CD", ""},
		{EnvApprovalsChannel, "G0PRIVATE", func(c Config) any { return c.ApprovalsChannel }, "G0PRIVATE", ""},
		{EnvApprovalsChannel, "#approvals", nil, nil, `"#approvals" is not a Slack channel ID`},
		{EnvApprovalsChannel, "U012AB3CD", nil, nil, "is not a Slack channel ID"},

		{EnvTZ, "UTC", func(c Config) any { return c.TZ.String() }, "UTC", ""},
		{EnvTZ, "Europe/Berlin", func(c Config) any { return c.TZ.String() }, "Europe/Berlin", ""},
		{EnvTZ, "Mars/Base", nil, nil, `unknown time zone "Mars/Base"`},

		{EnvLocale, "en", func(c Config) any { return c.Locale }, "en", ""},
		{EnvLocale, "zh", func(c Config) any { return c.Locale }, "zh", ""},
		{EnvLocale, "zh-CN", func(c Config) any { return c.Locale }, "zh", ""},
		{EnvLocale, "zh_CN", func(c Config) any { return c.Locale }, "zh", ""},
		{EnvLocale, "ZH-hans", func(c Config) any { return c.Locale }, "zh", ""},
		{EnvLocale, "en-US", func(c Config) any { return c.Locale }, "en", ""},
		{EnvLocale, "en_GB", func(c Config) any { return c.Locale }, "en", ""},
		{EnvLocale, "fr-FR", nil, nil, `unsupported locale "fr-FR"`},
		{EnvLocale, "english", nil, nil, "unsupported locale"},

		{EnvPriceChangePct, "20", func(c Config) any { return c.PriceChangeThreshold }, 20.0, ""},
		{EnvPriceChangePct, "12.5", func(c Config) any { return c.PriceChangeThreshold }, 12.5, ""},
		{EnvPriceChangePct, "15%", func(c Config) any { return c.PriceChangeThreshold }, 15.0, ""},
		{EnvPriceChangePct, "1000", func(c Config) any { return c.PriceChangeThreshold }, 1000.0, ""},
		{EnvPriceChangePct, "0", nil, nil, "out of range"},
		{EnvPriceChangePct, "-5", nil, nil, "out of range"},
		{EnvPriceChangePct, "1000.1", nil, nil, "out of range"},
		{EnvPriceChangePct, "NaN", nil, nil, "is not a number"},
		{EnvPriceChangePct, "Inf", nil, nil, "is not a number"},
		{EnvPriceChangePct, "twenty", nil, nil, `"twenty" is not a number`},

		{EnvSlowMovingDays, "1", func(c Config) any { return c.SlowMovingDays }, 1, ""},
		{EnvSlowMovingDays, "45", func(c Config) any { return c.SlowMovingDays }, 45, ""},
		{EnvSlowMovingDays, "365", func(c Config) any { return c.SlowMovingDays }, 365, ""},
		{EnvSlowMovingDays, "0", nil, nil, "out of range"},
		{EnvSlowMovingDays, "366", nil, nil, "out of range"},
		{EnvSlowMovingDays, "7.5", nil, nil, "not a whole number"},
		{EnvSlowMovingDays, "month", nil, nil, "not a whole number"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s=%s", tt.env, tt.value), func(t *testing.T) {
			c, err := LoadConfig(envOf(map[string]string{tt.env: tt.value}))
			if tt.wantErr != "" {
				var ce *ConfigError
				if !errors.As(err, &ce) {
					t.Fatalf("err = %v (%T), want a *ConfigError", err, err)
				}
				if ce.Var != tt.env {
					t.Errorf("ConfigError.Var = %q, want %q", ce.Var, tt.env)
				}
				msg := err.Error()
				if !strings.HasPrefix(msg, tt.env+": ") || !strings.Contains(msg, tt.wantErr) {
					t.Errorf("error = %q, want %q naming %s", msg, tt.wantErr, tt.env)
				}
				if strings.ContainsAny(msg, "\r\n") {
					t.Errorf("error is not one line: %q", msg)
				}
				return
			}
			if err != nil {
				t.Fatalf("LoadConfig: %v", err)
			}
			if got := tt.get(c); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
		})
	}
}

func TestConfigErrorIsOneLine(t *testing.T) {
	err := &ConfigError{Var: "X", Problem: "bad\nvalue\r\nhere"}
	if got, want := err.Error(), "X: bad value  here"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	_, lerr := LoadConfig(envOf(map[string]string{EnvTZ: "Mars/Base"}))
	if got, want := lerr.Error(), `STOREOPS_TZ: unknown time zone "Mars/Base"`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestRequireSlack(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		wantVar string // "" means no error
		wantMsg string
	}{
		{"http mode", map[string]string{EnvBotToken: "xoxb-1", EnvSigningSecret: "s"}, "", ""},
		{"socket mode", map[string]string{EnvBotToken: "xoxb-1", EnvAppToken: "xapp-1"}, "", ""},
		{"socket mode with secret too", map[string]string{EnvBotToken: "xoxb-1", EnvAppToken: "xapp-1", EnvSigningSecret: "s"}, "", ""},
		{"nothing", nil, EnvBotToken, "not set"},
		{"no bot token", map[string]string{EnvSigningSecret: "s"}, EnvBotToken, "not set"},
		{"user token", map[string]string{EnvBotToken: "xoxp-1-secretpart", EnvSigningSecret: "s"}, EnvBotToken, `starting with "xoxb-" (got a "xoxp-" token)`},
		{"app token as bot token", map[string]string{EnvBotToken: "xapp-1-secretpart", EnvSigningSecret: "s"}, EnvBotToken, `(got a "xapp-" token)`},
		{"garbage bot token", map[string]string{EnvBotToken: "hunter2", EnvSigningSecret: "s"}, EnvBotToken, `starting with "xoxb-"`},
		{"no signing secret", map[string]string{EnvBotToken: "xoxb-1"}, EnvSigningSecret, "not set"},
		{"bad app token", map[string]string{EnvBotToken: "xoxb-1", EnvAppToken: "xoxb-2-secretpart"}, EnvAppToken, `starting with "xapp-" (got a "xoxb-" token)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := LoadConfig(envOf(tt.env))
			if err != nil {
				t.Fatalf("LoadConfig: %v", err)
			}
			err = c.RequireSlack()
			if tt.wantVar == "" {
				if err != nil {
					t.Fatalf("RequireSlack() = %v, want nil", err)
				}
				return
			}
			var ce *ConfigError
			if !errors.As(err, &ce) || ce.Var != tt.wantVar || !strings.Contains(err.Error(), tt.wantMsg) {
				t.Fatalf("RequireSlack() = %v, want %s: …%s…", err, tt.wantVar, tt.wantMsg)
			}
			if strings.Contains(err.Error(), "secretpart") {
				t.Errorf("error shows the token: %q", err)
			}
		})
	}
}

// TestConfigNeverShowsSecrets logs and prints a Config in every way a developer might, and
// checks that no secret value appears while the plain settings do.
func TestConfigNeverShowsSecrets(t *testing.T) {
	secrets := []string{"xoxb-BOTSECRET", "SIGNSECRET", "xapp-APPSECRET", "DBPASSWORD", "REDISPASSWORD", "QUERYSECRET"}
	tests := []struct {
		name string
		env  map[string]string
		show []string // must appear
	}{
		{
			name: "mysql and redis with passwords",
			env: map[string]string{
				EnvBotToken:         "xoxb-BOTSECRET",
				EnvSigningSecret:    "SIGNSECRET",
				EnvAppToken:         "xapp-APPSECRET",
				EnvAPIURL:           "http://127.0.0.1:9000/api",
				EnvDatabaseURL:      "mysql://app:DBPASSWORD@db.internal:3306/storeops?parseTime=true&password=QUERYSECRET",
				EnvRedisURL:         "redis://user:REDISPASSWORD@cache:6379/2",
				EnvAddr:             ":9090",
				EnvAdmins:           "U01ADMIN,U02ADMIN",
				EnvApprovalsChannel: "C0APPROVE",
				EnvTZ:               "Europe/Berlin",
				EnvLocale:           "zh-CN",
				EnvPriceChangePct:   "35",
				EnvSlowMovingDays:   "14",
			},
			show: []string{"app:***@db.internal:3306/storeops", "parseTime=true", "user:***@cache:6379/2",
				"http://127.0.0.1:9000/api/", ":9090", "U01ADMIN,U02ADMIN", "C0APPROVE", "Europe/Berlin",
				"zh", "35", "14", "socket_mode=true"},
		},
		{
			name: "password only (redis style)",
			env: map[string]string{
				EnvBotToken:    "xoxb-BOTSECRET",
				EnvDatabaseURL: "mysql://:DBPASSWORD@db:3306/storeops",
				EnvRedisURL:    "rediss://:REDISPASSWORD@cache:6380/0",
			},
			show: []string{"slack_signing_secret=(unset)", "slack_app_token=(unset)", "mysql://:***@db:3306/storeops", "rediss://:***@cache:6380/0"},
		},
		{
			name: "defaults",
			env:  nil,
			show: []string{"slack_bot_token=(unset)", "sqlite://storeops.db", "redis_url=(in-process)", "Asia/Shanghai", "slow_moving_days=30"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := LoadConfig(envOf(tt.env))
			if err != nil {
				t.Fatalf("LoadConfig: %v", err)
			}
			var text, js bytes.Buffer
			slog.New(slog.NewTextHandler(&text, nil)).Info("config", "config", c)
			slog.New(slog.NewJSONHandler(&js, nil)).Info("config", slog.Any("config", c))
			outputs := map[string]string{
				"slog text": text.String(),
				"slog json": js.String(),
				"String":    c.String(),
				"%v":        fmt.Sprintf("%v", c),
				"%+v":       fmt.Sprintf("%+v", c),
				"%#v":       fmt.Sprintf("%#v", c),
				"&%v":       fmt.Sprintf("%v", &c),
			}
			for how, out := range outputs {
				for _, s := range secrets {
					if strings.Contains(out, s) {
						t.Errorf("%s output contains secret %q: %s", how, s, out)
					}
				}
			}
			for _, want := range tt.show {
				if !strings.Contains(c.String(), want) {
					t.Errorf("String() = %s\nwant it to show %q", c.String(), want)
				}
			}
			if !strings.Contains(text.String(), "config.database_url=") {
				t.Errorf("slog text output does not use LogValue: %s", text.String())
			}
		})
	}
}

func TestRedactURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "(unset)"},
		{"sqlite://data/x.db", "sqlite://data/x.db"},
		{"mysql://root@127.0.0.1:3306/db", "mysql://root@127.0.0.1:3306/db"},
		{"mysql://root:pw@127.0.0.1:3306/db", "mysql://root:***@127.0.0.1:3306/db"},
		{"redis://:pw@h:6379/1", "redis://:***@h:6379/1"},
		{"redis://h:6379/1?dial_timeout=3s&password=pw", "redis://h:6379/1?dial_timeout=3s&password=***"},
		{"mysql://root:p%zz@h/db", "mysql://***"},       // unparseable
		{"mysql://u:12?x@h/db", "mysql://***"},          // "@" outside user info
		{"no scheme, maybe a DSN u:p@tcp(h)/db", "***"}, // not a URL at all
	}
	for _, tt := range tests {
		if got := redactURL(tt.in); got != tt.want {
			t.Errorf("redactURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
