package gormdb

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// Versioned is what Update needs to know of a repository's domain model M and its row
// struct R (a table with an id primary key and a version column).
type Versioned[M, R any] struct {
	// What names the record in error contexts: "load case 7", "save case 7".
	What string
	// NotFound gives the ENOTFOUND catalog key and args for a missing id (see NotFoundID).
	NotFound func(id int64) (key string, args []any)
	FromRow  func(R) (M, error)
	ToRow    func(M) (R, error)
	// RowVersion is the version column of a row.
	RowVersion func(R) int
	// Stamp sets the model's id and (new) version before it is saved.
	Stamp func(m *M, id int64, version int)
	// OnDuplicate, when set, is the error for a save that breaks a unique key (fn moved
	// the record onto a key another one holds); without it that is an internal error.
	OnDuplicate func(M) error
}

// NotFoundID is a Versioned.NotFound whose only catalog arg is the id.
func NotFoundID(key string) func(id int64) (string, []any) {
	return func(id int64) (string, []any) { return key, []any{id} }
}

// Infallible adapts a converter that cannot fail to Versioned.FromRow / ToRow.
func Infallible[A, B any](f func(A) B) func(A) (B, error) {
	return func(a A) (B, error) { return f(a), nil }
}

// Update is a repository's Update(ctx, id, fn): in a transaction (the one in ctx, if any)
// it loads the row with a row lock, so that two changes to it queue instead of one
// overwriting the other, hands the model to fn, and saves it with the version bumped only
// when fn accepts (SaveVersioned). fn's error comes back as is; it returns the saved model.
func Update[M, R any](ctx context.Context, db *gorm.DB, v Versioned[M, R], id int64, fn func(*M) error) (M, error) {
	var saved M
	err := InTx(ctx, db, func(ctx context.Context) error {
		tx := Conn(ctx, db)
		var row R
		if err := ForUpdate(tx).Where("id = ?", id).Take(&row).Error; err != nil {
			key, args := v.NotFound(id)
			return NotFound(err, fmt.Sprintf("load %s %d", v.What, id), key, args...)
		}
		m, err := v.FromRow(row)
		if err != nil {
			return err
		}
		if err := fn(&m); err != nil {
			return err
		}
		version := v.RowVersion(row)
		v.Stamp(&m, id, version+1)
		next, err := v.ToRow(m)
		if err != nil {
			return fmt.Errorf("update %s %d: %w", v.What, id, err)
		}
		if err := SaveVersioned(tx, &next, version); err != nil {
			if v.OnDuplicate != nil && IsDuplicate(err) {
				return v.OnDuplicate(m)
			}
			return Err(err, fmt.Sprintf("save %s %d", v.What, id))
		}
		saved, err = v.FromRow(next)
		return err
	})
	if err != nil {
		var zero M
		return zero, err
	}
	return saved, nil
}

// MapRows converts loaded rows to models with a repository's fromRow, stopping at the
// first row that does not convert.
func MapRows[R, M any](rows []R, fromRow func(R) (M, error)) ([]M, error) {
	out := make([]M, 0, len(rows))
	for _, row := range rows {
		m, err := fromRow(row)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}
