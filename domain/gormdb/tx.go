package gormdb

import (
	"context"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"storeops/domain"
)

// txKey is the context key of the open transaction.
type txKey struct{}

// TxRunner runs functions in a database transaction carried by the context.
type TxRunner struct {
	db *gorm.DB
}

var _ domain.TxRunner = (*TxRunner)(nil)

// NewTxRunner builds a TxRunner over db.
func NewTxRunner(db *gorm.DB) *TxRunner { return &TxRunner{db: db} }

// InTx runs fn in a transaction that commits when fn returns nil and rolls back otherwise.
// When ctx already carries a transaction fn joins it, so that a service can call another
// service's transactional method and both commit together. fn's error comes back as is.
func (r *TxRunner) InTx(ctx context.Context, fn func(ctx context.Context) error) error {
	return InTx(ctx, r.db, fn)
}

// InTx is TxRunner.InTx for code that holds a *gorm.DB (the repositories' Update).
func InTx(ctx context.Context, db *gorm.DB, fn func(ctx context.Context) error) error {
	if _, ok := ctx.Value(txKey{}).(*gorm.DB); ok {
		return fn(ctx)
	}
	var fnErr error
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		fnErr = fn(context.WithValue(ctx, txKey{}, tx))
		return fnErr
	})
	if err != nil && err == fnErr {
		// A domain error (a refused state change, say) must reach the caller unchanged.
		return err
	}
	return Err(err, "transaction")
}

// Conn is the handle every repository query starts from: the transaction in ctx when there
// is one, so the query commits with the rest of it, else the pool. Either way it is bound
// to ctx, so a cancelled request stops its queries.
func Conn(ctx context.Context, db *gorm.DB) *gorm.DB {
	if tx, ok := ctx.Value(txKey{}).(*gorm.DB); ok {
		return tx.WithContext(ctx)
	}
	return db.WithContext(ctx)
}

// ForUpdate adds a row lock (SELECT ... FOR UPDATE) to the query in tx. The SQLite
// dialector leaves the clause out since SQLite has no row locks; there the single
// connection (see openSQLite) already serialises transactions.
func ForUpdate(tx *gorm.DB) *gorm.DB {
	return tx.Clauses(clause.Locking{Strength: clause.LockingStrengthUpdate})
}

// SaveVersioned writes every column of row — a pointer to a row struct whose primary key
// is set and whose version column already holds the new version — provided the stored
// version is still oldVersion. Anything else is ECONFLICT "error.concurrent_change": the
// row changed since it was read, and the caller's decision was made on stale data.
func SaveVersioned(tx *gorm.DB, row any, oldVersion int) error {
	res := tx.Model(row).Where("version = ?", oldVersion).Select("*").Updates(row)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected != 1 {
		return domain.Errorf(domain.ECONFLICT, "error.concurrent_change")
	}
	return nil
}
