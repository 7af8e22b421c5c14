package storedb_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"os"
	"reflect"
	"sync"
	"testing"
	"time"

	"storeops/domain"
	"storeops/domain/gormdb"
	"storeops/domain/gormdb/gormtest"
	"storeops/domain/store"
	"storeops/domain/store/storedb"
)

var _ store.TokenRepository = (*storedb.TokenRepo)(nil)

func newTokenRepo(t *testing.T) *storedb.TokenRepo {
	t.Helper()
	return storedb.NewTokenRepo(gormtest.Open(t, storedb.Migrations(), storedb.TokenMigrations()))
}

func hashOf(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

func TestTokenNotSet(t *testing.T) {
	_, err := newTokenRepo(t).TokenHash(context.Background(), "TM01")
	e, ok := domain.AsError(err)
	if !ok || e.Code != domain.ENOTFOUND || e.Key != "store.token.not_set" || !reflect.DeepEqual(e.Args, []any{"TM01"}) {
		t.Fatalf("TokenHash = %v, want ENOTFOUND store.token.not_set [TM01]", err)
	}
}

func TestTokenSetReplaceGet(t *testing.T) {
	ctx := context.Background()
	repo := newTokenRepo(t)
	at := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	first, second := hashOf("first"), hashOf("second")
	if err := repo.SetTokenHash(ctx, "TM01", first, at); err != nil {
		t.Fatal(err)
	}
	if err := repo.SetTokenHash(ctx, "JD01", hashOf("jd"), at); err != nil {
		t.Fatal(err)
	}
	got, err := repo.TokenHash(ctx, "TM01")
	if err != nil || !bytes.Equal(got, first) {
		t.Fatalf("TokenHash = %x, %v; want %x", got, err, first)
	}
	// Rotating replaces the hash; the old token no longer matches.
	if err := repo.SetTokenHash(ctx, "TM01", second, at.Add(time.Hour)); err != nil {
		t.Fatalf("replace: %v", err)
	}
	got, err = repo.TokenHash(ctx, "TM01")
	if err != nil || !bytes.Equal(got, second) {
		t.Fatalf("after rotation TokenHash = %x, %v; want %x", got, err, second)
	}
	if got, _ := repo.TokenHash(ctx, "JD01"); !bytes.Equal(got, hashOf("jd")) {
		t.Errorf("rotating TM01 changed JD01's hash to %x", got)
	}
}

func TestTokenHashBytesKept(t *testing.T) {
	// Every byte value, a 64-byte (SHA-512) hash included, reads back exactly.
	ctx := context.Background()
	repo := newTokenRepo(t)
	long := make([]byte, 64)
	for i := range long {
		long[i] = byte(255 - i*4)
	}
	for _, h := range [][]byte{{0}, {0, 0xff, 0x00, 0x20}, long} {
		if err := repo.SetTokenHash(ctx, "TM01", h, time.Now()); err != nil {
			t.Fatalf("SetTokenHash(%x): %v", h, err)
		}
		if got, err := repo.TokenHash(ctx, "TM01"); err != nil || !bytes.Equal(got, h) {
			t.Fatalf("TokenHash = %x, %v; want %x", got, err, h)
		}
	}
	for _, bad := range [][]byte{nil, {}, make([]byte, 65)} {
		if err := repo.SetTokenHash(ctx, "TM01", bad, time.Now()); err == nil {
			t.Errorf("SetTokenHash accepted a %d-byte hash", len(bad))
		}
	}
	if got, _ := repo.TokenHash(ctx, "TM01"); !bytes.Equal(got, long) {
		t.Errorf("a refused hash changed the stored one to %x", got)
	}
}

func TestTokenConcurrentRotations(t *testing.T) {
	// Two admins rotating at once: both succeed and one of their hashes is stored.
	ctx := context.Background()
	repo := newTokenRepo(t)
	hashes := [][]byte{hashOf("a"), hashOf("b"), hashOf("c"), hashOf("d")}
	var wg sync.WaitGroup
	for _, h := range hashes {
		wg.Go(func() {
			if err := repo.SetTokenHash(ctx, "TM01", h, time.Now()); err != nil {
				t.Errorf("SetTokenHash: %v", err)
			}
		})
	}
	wg.Wait()
	got, err := repo.TokenHash(ctx, "TM01")
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hashes {
		if bytes.Equal(got, h) {
			return
		}
	}
	t.Fatalf("stored hash %x is none of those set", got)
}

func TestTokenJoinsTransaction(t *testing.T) {
	ctx := context.Background()
	db := gormtest.Open(t, storedb.Migrations(), storedb.TokenMigrations())
	repo, tx := storedb.NewTokenRepo(db), gormdb.NewTxRunner(db)
	refused := domain.Errorf(domain.EFORBIDDEN, "error.forbidden")
	err := tx.InTx(ctx, func(ctx context.Context) error {
		if err := repo.SetTokenHash(ctx, "TM01", hashOf("x"), time.Now()); err != nil {
			return err
		}
		return refused
	})
	if err != refused {
		t.Fatalf("InTx = %v, want the function's error", err)
	}
	if _, err := repo.TokenHash(ctx, "TM01"); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Fatalf("after rollback TokenHash = %v, want ENOTFOUND", err)
	}
}

func TestTokenMigrationsRunTwice(t *testing.T) {
	db := gormtest.Open(t, storedb.Migrations(), storedb.TokenMigrations())
	if err := gormdb.Migrate(context.Background(), db, storedb.Migrations(), storedb.TokenMigrations()); err != nil {
		t.Fatal(err)
	}
	if !db.Migrator().HasTable("store_tokens") {
		t.Fatal("store_tokens missing")
	}
	if os.Getenv(gormtest.MySQLEnv) != "" {
		var typ string
		db.Raw(`SELECT column_type FROM information_schema.columns
			WHERE table_schema = DATABASE() AND table_name = 'store_tokens' AND column_name = 'hash'`).Scan(&typ)
		if typ != "varbinary(64)" {
			t.Errorf("store_tokens.hash is %q, want varbinary(64)", typ)
		}
	}
}
