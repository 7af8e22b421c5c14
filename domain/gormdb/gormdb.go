// Package gormdb is the only place that knows how StoreOps talks to its database: it opens
// MySQL or an embedded SQLite from a URL, carries the transaction in the context, translates
// driver errors into domain errors and runs the versioned migrations. The *db packages build
// on it; nothing above them sees gorm.
package gormdb

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/glebarez/sqlite"
	"github.com/go-sql-driver/mysql"
	gormmysql "gorm.io/driver/mysql"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Forms lists the database URLs Open accepts, for error messages and usage text.
const Forms = "mysql://user:pass@host:3306/dbname?option=value, sqlite://path/to/file.db or sqlite://:memory:"

// Open connects to the database named by rawURL, one of Forms, and checks that it answers.
func Open(ctx context.Context, rawURL string) (*gorm.DB, error) {
	scheme, rest, ok := strings.Cut(rawURL, "://")
	if !ok {
		return nil, fmt.Errorf("open database: URL has no scheme; accepted forms: %s", Forms)
	}
	switch scheme {
	case "mysql":
		dsn, err := mysqlDSN(rawURL)
		if err != nil {
			return nil, fmt.Errorf("open database: %w", err)
		}
		return openMySQL(ctx, dsn)
	case "sqlite":
		dsn, err := sqliteDSN(rest)
		if err != nil {
			return nil, fmt.Errorf("open database: %w", err)
		}
		return openSQLite(ctx, dsn)
	default:
		// Only the scheme is quoted: the rest of the URL may hold a password.
		return nil, fmt.Errorf("open database: unsupported scheme %q; accepted forms: %s", scheme, Forms)
	}
}

// mysqlDSN turns mysql://user:pass@host:port/db?opt=v into a go-sql-driver DSN. Times are
// read as time.Time in UTC because every time column holds UTC; utf8mb4 because listings
// carry Chinese text and emoji. Other options are passed through to the driver.
func mysqlDSN(rawURL string) (string, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		// url.Error repeats the URL, password included; say only what is wrong.
		var uerr *url.Error
		if errors.As(err, &uerr) {
			err = uerr.Err
		}
		return "", fmt.Errorf("parse mysql URL: %w", err)
	}
	if u.Host == "" {
		return "", fmt.Errorf("mysql URL has no host; want mysql://user:pass@host:3306/dbname")
	}
	// ParseDSN understands the driver's own options (timeout, tls, ...) and keeps the others
	// as session variables, exactly as if they had been written in a DSN.
	cfg, err := mysql.ParseDSN("/?" + u.RawQuery)
	if err != nil {
		return "", fmt.Errorf("mysql URL options: %w", err)
	}
	cfg.User = u.User.Username()
	cfg.Passwd, _ = u.User.Password()
	cfg.Net = "tcp"
	cfg.Addr = u.Host
	if u.Port() == "" {
		cfg.Addr = net.JoinHostPort(u.Hostname(), "3306")
	}
	cfg.DBName = strings.TrimPrefix(u.Path, "/")
	cfg.ParseTime = true
	cfg.Loc = time.UTC
	if cfg.Params == nil {
		cfg.Params = map[string]string{}
	}
	if _, set := cfg.Params["charset"]; !set {
		cfg.Params["charset"] = "utf8mb4"
	}
	return cfg.FormatDSN(), nil
}

// sqliteDSN turns the part after sqlite:// into a glebarez/go-sqlite DSN.
func sqliteDSN(path string) (string, error) {
	path, query, _ := strings.Cut(path, "?")
	if path == "" {
		return "", fmt.Errorf("sqlite URL has no path; want sqlite://path/to/file.db, or sqlite://:memory: for a private in-memory database")
	}
	params := url.Values{}
	if query != "" {
		var err error
		if params, err = url.ParseQuery(query); err != nil {
			return "", fmt.Errorf("sqlite URL options: %w", err)
		}
	}
	// WAL lets readers in other processes (the shell, a backup) work while the service
	// writes; busy_timeout makes such an outside writer wait instead of failing at once.
	// Foreign keys are off by default in SQLite and on in MySQL; make them agree.
	params.Add("_pragma", "busy_timeout(10000)")
	params.Add("_pragma", "journal_mode(WAL)")
	params.Add("_pragma", "foreign_keys(1)")
	return path + "?" + params.Encode(), nil
}

func config() *gorm.Config {
	return &gorm.Config{
		// Warn reports slow queries and errors only; ParameterizedQueries keeps the values
		// (user text, Slack IDs) out of the log.
		Logger: logger.New(slogWriter{}, logger.Config{
			SlowThreshold:             500 * time.Millisecond,
			LogLevel:                  logger.Warn,
			IgnoreRecordNotFoundError: true,
			ParameterizedQueries:      true,
		}),
		NowFunc: func() time.Time { return time.Now().UTC() },
		// Every write is one statement or already inside InTx; gorm's implicit transaction
		// around each single statement only costs round trips.
		SkipDefaultTransaction: true,
	}
}

func openMySQL(ctx context.Context, dsn string) (*gorm.DB, error) {
	db, err := gorm.Open(gormmysql.New(gormmysql.Config{DSN: dsn}), config())
	if err != nil {
		return nil, fmt.Errorf("open mysql: %w", err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("open mysql: %w", err)
	}
	// Below MariaDB's wait_timeout, so the pool never hands out a connection the server
	// has already closed; the cap keeps a few replicas well under max_connections.
	sqlDB.SetConnMaxLifetime(3 * time.Minute)
	sqlDB.SetMaxOpenConns(32)
	sqlDB.SetMaxIdleConns(8)
	if err := sqlDB.PingContext(ctx); err != nil {
		_ = sqlDB.Close()
		return nil, fmt.Errorf("open mysql: %w", err)
	}
	return db, nil
}

func openSQLite(ctx context.Context, dsn string) (*gorm.DB, error) {
	db, err := gorm.Open(sqlite.Open(dsn), config())
	if err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	// One connection for the whole process. SQLite has one writer at a time anyway, and it
	// has no row locks: two connections that both read and then write in a transaction
	// deadlock on the lock upgrade and one gets SQLITE_BUSY however long busy_timeout is.
	// A single connection turns that into plain queueing in database/sql, which makes the
	// load-lock-save of Update safe. It also keeps sqlite://:memory: one database rather
	// than one per connection. The price: code inside a transaction must use Conn(ctx) —
	// a query on the bare *gorm.DB there would wait for the connection forever.
	sqlDB.SetMaxOpenConns(1)
	sqlDB.SetMaxIdleConns(1)
	sqlDB.SetConnMaxLifetime(0)
	sqlDB.SetConnMaxIdleTime(0)
	if err := sqlDB.PingContext(ctx); err != nil {
		_ = sqlDB.Close()
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	return db, nil
}

// Close closes the connections of db.
func Close(db *gorm.DB) error {
	sqlDB, err := db.DB()
	if err != nil {
		return fmt.Errorf("close database: %w", err)
	}
	if err := sqlDB.Close(); err != nil {
		return fmt.Errorf("close database: %w", err)
	}
	return nil
}

// slogWriter sends gorm's slow-query and error reports to the process's structured log.
type slogWriter struct{}

func (slogWriter) Printf(format string, args ...any) {
	slog.Warn("database", "detail", fmt.Sprintf(format, args...))
}
