package gormdb

import (
	"context"
	"errors"
	"strings"

	gosqlite "github.com/glebarez/go-sqlite"
	"github.com/go-sql-driver/mysql"
	"gorm.io/gorm"
	sqlite3 "modernc.org/sqlite/lib"

	"storeops/domain"
)

// IsNotFound reports whether err says a query found no row.
func IsNotFound(err error) bool { return errors.Is(err, gorm.ErrRecordNotFound) }

// IsDuplicate reports whether err is a unique-key violation.
func IsDuplicate(err error) bool {
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return true
	}
	var myErr *mysql.MySQLError
	if errors.As(err, &myErr) {
		return myErr.Number == 1062
	}
	var liteErr *gosqlite.Error
	if errors.As(err, &liteErr) {
		switch liteErr.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return true
		}
	}
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

// NotFound translates err from a query for one record: no row becomes ENOTFOUND with the
// catalog key and args; anything else goes through Err.
func NotFound(err error, op, key string, args ...any) error {
	if IsNotFound(err) {
		return domain.Errorf(domain.ENOTFOUND, key, args...)
	}
	return Err(err, op)
}

// Conflict translates err from an insert or update: a unique-key violation becomes
// ECONFLICT with the catalog key and args; anything else goes through Err.
func Conflict(err error, op, key string, args ...any) error {
	if IsDuplicate(err) {
		return domain.Errorf(domain.ECONFLICT, key, args...)
	}
	return Err(err, op)
}

// Err turns a driver error met while doing op into an internal error. A *domain.Error
// passes unchanged. The driver's message is kept for the log but its identity is not, so
// that nothing above the *db packages can come to depend on gorm or driver error values;
// only context cancellation stays recognisable, since callers do tell that apart.
func Err(err error, op string) error {
	if err == nil {
		return nil
	}
	if _, ok := domain.AsError(err); ok {
		return err
	}
	return &dbError{op: op, msg: err.Error(), ctxErr: contextErr(err)}
}

func contextErr(err error) error {
	switch {
	case errors.Is(err, context.Canceled):
		return context.Canceled
	case errors.Is(err, context.DeadlineExceeded):
		return context.DeadlineExceeded
	}
	return nil
}

// dbError is an internal database failure (domain.ErrorCode reports EINTERNAL).
type dbError struct {
	op     string
	msg    string
	ctxErr error
}

func (e *dbError) Error() string { return e.op + ": database: " + e.msg }

func (e *dbError) Unwrap() error { return e.ctxErr }
