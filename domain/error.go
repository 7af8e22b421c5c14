package domain

import (
	"errors"
	"fmt"
	"strings"
)

// Error codes. They tell the edge how to answer (ephemeral message, HTTP status, inline
// modal errors) without the edge knowing which area failed.
const (
	ECONFLICT  = "conflict"
	EFORBIDDEN = "forbidden"
	EINTERNAL  = "internal"
	EINVALID   = "invalid"
	ENOTFOUND  = "not_found"
)

// Error is a failure that is safe to show a user. The text is not stored here but named by a
// message-catalog key with its arguments, so that the edge can say it in the user's language.
type Error struct {
	Code string
	// Key names the message in the catalogs; Args fill its verbs in order.
	Key  string
	Args []any
	// Problems lists invalid input fields, each with its own message, for EINVALID errors
	// that concern a form.
	Problems []Problem
}

// Problem is one invalid field of a form.
type Problem struct {
	Field string
	Key   string
	Args  []any
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s", e.Code, e.Key)
	if len(e.Args) > 0 {
		fmt.Fprintf(&b, " %v", e.Args)
	}
	for _, p := range e.Problems {
		fmt.Fprintf(&b, "; %s: %s", p.Field, p.Key)
	}
	return b.String()
}

// Errorf builds a user-safe error with a catalog key.
func Errorf(code, key string, args ...any) *Error {
	return &Error{Code: code, Key: key, Args: args}
}

// Invalid builds an EINVALID error that lists the form fields at fault.
func Invalid(problems []Problem) *Error {
	return &Error{Code: EINVALID, Key: "error.invalid_fields", Args: []any{len(problems)}, Problems: problems}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for any other
// error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// AsError returns the first *Error in err's chain.
func AsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}
