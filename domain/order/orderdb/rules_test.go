package orderdb_test

import (
	"context"
	"reflect"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"storeops/domain"
	"storeops/domain/gormdb"
	"storeops/domain/gormdb/gormtest"
	"storeops/domain/order"
	"storeops/domain/order/orderdb"
)

func openRules(t *testing.T) (*orderdb.RuleRepo, *gormdb.TxRunner) {
	t.Helper()
	db := gormtest.Open(t, orderdb.Migrations())
	return orderdb.NewRuleRepo(db), gormdb.NewTxRunner(db)
}

func someRules() []order.Rule {
	return []order.Rule{
		{Check: "duplicate", Enabled: true, Severity: order.SeverityHold, Params: map[string]string{"window": "24h"}},
		{Check: "amount", Enabled: false, Severity: order.SeverityAlert,
			Scope:  order.Scope{Platforms: []string{"tmall", "jd"}, MinAmount: 100, MaxAmount: 1_000_000, Provinces: []string{"新疆"}},
			Params: map[string]string{"max": "5000.00", "关键词": "刷单, 测试"}},
	}
}

func TestRuleSetNotFound(t *testing.T) {
	repo, _ := openRules(t)
	_, err := repo.RuleSet(context.Background(), "TM01")
	wantErr(t, "RuleSet(TM01)", err, domain.ENOTFOUND, "rules.not_found", "TM01")
}

func TestRuleSetSaveLoad(t *testing.T) {
	ctx := context.Background()
	repo, _ := openRules(t)
	rs := order.RuleSet{StoreCode: "TM01", Rules: someRules(), UpdatedBy: "U1", UpdatedAt: t0.Add(1500)}
	if err := repo.SaveRuleSet(ctx, &rs); err != nil {
		t.Fatal(err)
	}
	if rs.Version != 1 {
		t.Fatalf("first save: version %d, want 1", rs.Version)
	}
	got, err := repo.RuleSet(ctx, "TM01")
	if err != nil {
		t.Fatal(err)
	}
	want := rs
	want.UpdatedAt = t0.Add(time.Microsecond)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("RuleSet =\n%+v\nwant\n%+v", got, want)
	}

	// Replace, from what was read.
	got.Rules = got.Rules[:1]
	got.Rules[0].Params["window"] = "48h"
	got.UpdatedBy, got.UpdatedAt = "U2", t0.Add(time.Hour)
	if err := repo.SaveRuleSet(ctx, &got); err != nil {
		t.Fatal(err)
	}
	if got.Version != 2 {
		t.Fatalf("second save: version %d, want 2", got.Version)
	}
	again, _ := repo.RuleSet(ctx, "TM01")
	if !reflect.DeepEqual(again, got) {
		t.Fatalf("after replace RuleSet =\n%+v\nwant\n%+v", again, got)
	}
	if _, err := repo.RuleSet(ctx, "JD01"); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("another store's RuleSet = %v, want ENOTFOUND", err)
	}
}

func TestRuleSetVersionConflict(t *testing.T) {
	ctx := context.Background()
	repo, _ := openRules(t)
	rs := order.RuleSet{StoreCode: "TM01", Rules: someRules(), UpdatedBy: "U1", UpdatedAt: t0}
	if err := repo.SaveRuleSet(ctx, &rs); err != nil {
		t.Fatal(err)
	}
	// A second "first" save (both started from the defaults) and a save on a stale version.
	for _, version := range []int{0, 5} {
		stale := order.RuleSet{StoreCode: "TM01", Rules: nil, UpdatedBy: "U2", UpdatedAt: t0.Add(time.Hour), Version: version}
		err := repo.SaveRuleSet(ctx, &stale)
		wantErr(t, "SaveRuleSet on a stale version", err, domain.ECONFLICT, "error.concurrent_change")
		if stale.Version != version {
			t.Errorf("refused save changed the version to %d", stale.Version)
		}
	}
	// A version for a store that has no rules yet.
	ghost := order.RuleSet{StoreCode: "JD01", Version: 3}
	wantErr(t, "SaveRuleSet of an unknown store", repo.SaveRuleSet(ctx, &ghost), domain.ECONFLICT, "error.concurrent_change")
	got, _ := repo.RuleSet(ctx, "TM01")
	if got.Version != 1 || got.UpdatedBy != "U1" || len(got.Rules) != 2 {
		t.Fatalf("after the refused saves: %+v", got)
	}
}

func TestRuleSetConcurrentSaves(t *testing.T) {
	// Two people saving the rules they read at the same version: exactly one wins.
	ctx := context.Background()
	repo, _ := openRules(t)
	for _, start := range []int{0, 1} {
		const n = 8
		var ok, conflict atomic.Int32
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				rs := order.RuleSet{StoreCode: "TM01", Rules: someRules()[i%2 : i%2+1], UpdatedBy: "U", UpdatedAt: t0, Version: start}
				err := repo.SaveRuleSet(ctx, &rs)
				switch {
				case err == nil:
					ok.Add(1)
				case domain.ErrorCode(err) == domain.ECONFLICT:
					conflict.Add(1)
				default:
					t.Errorf("SaveRuleSet: %v", err)
				}
			})
		}
		wg.Wait()
		if ok.Load() != 1 || conflict.Load() != n-1 {
			t.Fatalf("from version %d: %d saved, %d conflicts; want 1 and %d", start, ok.Load(), conflict.Load(), n-1)
		}
		if got, _ := repo.RuleSet(ctx, "TM01"); got.Version != start+1 {
			t.Fatalf("version %d, want %d", got.Version, start+1)
		}
	}
}

func TestRuleSetJoinsTransaction(t *testing.T) {
	ctx := context.Background()
	repo, tx := openRules(t)
	refused := domain.Errorf(domain.EFORBIDDEN, "error.forbidden")
	err := tx.InTx(ctx, func(ctx context.Context) error {
		rs := order.RuleSet{StoreCode: "TM01", Rules: someRules()}
		if err := repo.SaveRuleSet(ctx, &rs); err != nil {
			return err
		}
		e := order.BlacklistEntry{Kind: order.BlacklistPhone, Value: "13800138000"}
		if err := repo.AddBlacklist(ctx, &e); err != nil {
			return err
		}
		return refused
	})
	if err != refused {
		t.Fatalf("InTx = %v, want the function's error", err)
	}
	if _, err := repo.RuleSet(ctx, "TM01"); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("after rollback RuleSet = %v, want ENOTFOUND", err)
	}
	if got, _ := repo.ListBlacklist(ctx, ""); len(got) != 0 {
		t.Errorf("after rollback ListBlacklist = %+v", got)
	}
}

func entry(store string, kind order.BlacklistKind, value string) order.BlacklistEntry {
	return order.BlacklistEntry{StoreCode: store, Kind: kind, Value: value, Reason: "chargeback 拒付", AddedBy: "U1", AddedAt: t0}
}

func add(t *testing.T, repo *orderdb.RuleRepo, e order.BlacklistEntry) order.BlacklistEntry {
	t.Helper()
	if err := repo.AddBlacklist(context.Background(), &e); err != nil {
		t.Fatalf("AddBlacklist %s %s %s: %v", e.StoreCode, e.Kind, e.Value, err)
	}
	if e.ID == 0 {
		t.Fatal("AddBlacklist did not set the ID")
	}
	return e
}

// names lists entries as "store:kind:value", "*" for a global entry.
func names(es []order.BlacklistEntry) []string {
	out := []string{}
	for _, e := range es {
		store := e.StoreCode
		if store == "" {
			store = "*"
		}
		out = append(out, store+":"+string(e.Kind)+":"+e.Value)
	}
	return out
}

func TestBlacklistAddRepeatRemove(t *testing.T) {
	ctx := context.Background()
	repo, _ := openRules(t)
	e := add(t, repo, entry("TM01", order.BlacklistPhone, "13800138000"))
	repeat := entry("TM01", order.BlacklistPhone, "13800138000")
	repeat.Reason = "again"
	err := repo.AddBlacklist(ctx, &repeat)
	wantErr(t, "AddBlacklist repeat", err, domain.ECONFLICT, "blacklist.exists", "phone", "13800138000")
	// The same value in another scope or of another kind is another entry.
	add(t, repo, entry("", order.BlacklistPhone, "13800138000"))
	add(t, repo, entry("JD01", order.BlacklistPhone, "13800138000"))
	add(t, repo, entry("TM01", order.BlacklistBuyer, "13800138000"))

	got, err := repo.ListBlacklist(ctx, "TM01")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"TM01:buyer:13800138000", "*:phone:13800138000", "TM01:phone:13800138000"}; !slices.Equal(names(got), want) {
		t.Fatalf("ListBlacklist(TM01) = %v, want %v", names(got), want)
	}
	if !reflect.DeepEqual(got[2], e) {
		t.Errorf("entry read back =\n%+v\nwant\n%+v", got[2], e)
	}

	if err := repo.RemoveBlacklist(ctx, "TM01", order.BlacklistPhone, "13800138000"); err != nil {
		t.Fatal(err)
	}
	err = repo.RemoveBlacklist(ctx, "TM01", order.BlacklistPhone, "13800138000")
	wantErr(t, "RemoveBlacklist again", err, domain.ENOTFOUND, "blacklist.not_found", "phone", "13800138000")
	err = repo.RemoveBlacklist(ctx, "TM01", order.BlacklistAddress, "nowhere")
	wantErr(t, "RemoveBlacklist unknown", err, domain.ENOTFOUND, "blacklist.not_found", "address", "nowhere")
	// Removing the store's entry left the global one and the other store's.
	all, _ := repo.ListBlacklist(ctx, "JD01")
	if want := []string{"*:phone:13800138000", "JD01:phone:13800138000"}; !slices.Equal(names(all), want) {
		t.Errorf("ListBlacklist(JD01) = %v, want %v", names(all), want)
	}
	if err := repo.RemoveBlacklist(ctx, "", order.BlacklistPhone, "13800138000"); err != nil {
		t.Fatalf("remove the global entry: %v", err)
	}
	if got, _ := repo.ListBlacklist(ctx, ""); len(got) != 0 {
		t.Errorf("global entries left: %v", names(got))
	}
	// Once removed, the entry may be added again.
	add(t, repo, entry("TM01", order.BlacklistPhone, "13800138000"))
}

func TestBlacklistConcurrentAdds(t *testing.T) {
	ctx := context.Background()
	repo, _ := openRules(t)
	const n = 8
	var ok, conflict atomic.Int32
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			e := entry("TM01", order.BlacklistBuyer, "tb_fraud")
			err := repo.AddBlacklist(ctx, &e)
			switch {
			case err == nil:
				ok.Add(1)
			case domain.ErrorCode(err) == domain.ECONFLICT:
				conflict.Add(1)
			default:
				t.Errorf("AddBlacklist: %v", err)
			}
		})
	}
	wg.Wait()
	if ok.Load() != 1 || conflict.Load() != n-1 {
		t.Fatalf("%d added, %d conflicts; want 1 and %d", ok.Load(), conflict.Load(), n-1)
	}
}

func TestBlacklistListAndMatch(t *testing.T) {
	ctx := context.Background()
	repo, _ := openRules(t)
	add(t, repo, entry("TM01", order.BlacklistBuyer, "tb_fraud"))
	add(t, repo, entry("TM01", order.BlacklistPhone, "13800138000"))
	add(t, repo, entry("", order.BlacklistAddress, "浙江省杭州市西湖区文三路90号"))
	add(t, repo, entry("", order.BlacklistPhone, "13900000000"))
	add(t, repo, entry("JD01", order.BlacklistPhone, "13700000000"))
	add(t, repo, entry("JD01", order.BlacklistBuyer, "tb_fraud"))

	for _, c := range []struct {
		store string
		want  []string
	}{
		{"TM01", []string{"*:address:浙江省杭州市西湖区文三路90号", "TM01:buyer:tb_fraud", "TM01:phone:13800138000", "*:phone:13900000000"}},
		{"JD01", []string{"*:address:浙江省杭州市西湖区文三路90号", "JD01:buyer:tb_fraud", "JD01:phone:13700000000", "*:phone:13900000000"}},
		{"PDD1", []string{"*:address:浙江省杭州市西湖区文三路90号", "*:phone:13900000000"}},
		{"", []string{"*:address:浙江省杭州市西湖区文三路90号", "*:phone:13900000000"}},
	} {
		got, err := repo.ListBlacklist(ctx, c.store)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(names(got), c.want) {
			t.Errorf("ListBlacklist(%q) = %v, want %v", c.store, names(got), c.want)
		}
	}

	for _, c := range []struct {
		name                         string
		store, buyer, phone, address string
		want                         []string
	}{
		{"buyer", "TM01", "tb_fraud", "", "", []string{"TM01:buyer:tb_fraud"}},
		{"phone", "TM01", "tb_ok", "13800138000", "somewhere", []string{"TM01:phone:13800138000"}},
		{"global phone", "TM01", "", "13900000000", "", []string{"*:phone:13900000000"}},
		{"global address", "PDD1", "", "", "浙江省杭州市西湖区文三路90号", []string{"*:address:浙江省杭州市西湖区文三路90号"}},
		{"all three", "TM01", "tb_fraud", "13800138000", "浙江省杭州市西湖区文三路90号",
			[]string{"*:address:浙江省杭州市西湖区文三路90号", "TM01:buyer:tb_fraud", "TM01:phone:13800138000"}},
		{"another store's entry", "TM01", "", "13700000000", "", []string{}},
		{"kinds do not mix", "TM01", "13800138000", "tb_fraud", "13900000000", []string{}},
		{"nothing given", "TM01", "", "", "", []string{}},
		{"no entries", "PDD1", "tb_fraud", "13800138000", "", []string{}},
		{"global scope only", "", "tb_fraud", "13900000000", "", []string{"*:phone:13900000000"}},
	} {
		got, err := repo.MatchBlacklist(ctx, c.store, c.buyer, c.phone, c.address)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(names(got), c.want) {
			t.Errorf("MatchBlacklist %s = %v, want %v", c.name, names(got), c.want)
		}
	}
}
