package domain

import "context"

// TxRunner runs fn in one database transaction. The transaction travels in the context that
// fn receives, and every repository uses it when present, so that a state change, its audit
// row and the notifications it causes commit together or not at all.
type TxRunner interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
}
