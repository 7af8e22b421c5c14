package orderdb

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"storeops/domain"
	"storeops/domain/gormdb"
	"storeops/domain/order"
)

// RuleRepo is the order.RuleRepository on MySQL or SQLite: the stores' rule sets and the
// blacklist.
type RuleRepo struct {
	db *gorm.DB
}

var _ order.RuleRepository = (*RuleRepo)(nil)

// NewRuleRepo builds a RuleRepo over db.
func NewRuleRepo(db *gorm.DB) *RuleRepo { return &RuleRepo{db: db} }

// ruleSetRow keeps the rules as JSON text: a store's rules are read and written whole.
type ruleSetRow struct {
	StoreCode string `gorm:"primaryKey"`
	Rules     string
	UpdatedBy string
	UpdatedAt *time.Time `gorm:"autoUpdateTime:false"`
	Version   int
}

func (ruleSetRow) TableName() string { return "order_rule_sets" }

func ruleSetToRow(rs order.RuleSet) (ruleSetRow, error) {
	rules, err := gormdb.JSON(rs.Rules)
	if err != nil {
		return ruleSetRow{}, fmt.Errorf("rules: %w", err)
	}
	return ruleSetRow{StoreCode: rs.StoreCode, Rules: rules, UpdatedBy: rs.UpdatedBy,
		UpdatedAt: gormdb.NullTime(rs.UpdatedAt), Version: rs.Version}, nil
}

func ruleSetFromRow(r ruleSetRow) (order.RuleSet, error) {
	rs := order.RuleSet{StoreCode: r.StoreCode, UpdatedBy: r.UpdatedBy, UpdatedAt: gormdb.TimeOf(r.UpdatedAt), Version: r.Version}
	if err := gormdb.FromJSON(r.Rules, &rs.Rules); err != nil {
		return order.RuleSet{}, fmt.Errorf("rules of %s: %w", r.StoreCode, err)
	}
	return rs, nil
}

// blacklistRow is one entry; StoreCode "" is a global entry.
type blacklistRow struct {
	ID        int64
	StoreCode string
	Kind      string
	Value     string
	Reason    string
	AddedBy   string
	AddedAt   *time.Time
}

func (blacklistRow) TableName() string { return "order_blacklist" }

func blacklistToRow(e order.BlacklistEntry) blacklistRow {
	return blacklistRow{ID: e.ID, StoreCode: e.StoreCode, Kind: string(e.Kind), Value: e.Value, Reason: e.Reason,
		AddedBy: e.AddedBy, AddedAt: gormdb.NullTime(e.AddedAt)}
}

func blacklistFromRow(r blacklistRow) order.BlacklistEntry {
	return order.BlacklistEntry{ID: r.ID, StoreCode: r.StoreCode, Kind: order.BlacklistKind(r.Kind), Value: r.Value,
		Reason: r.Reason, AddedBy: r.AddedBy, AddedAt: gormdb.TimeOf(r.AddedAt)}
}

func blacklistFromRows(rows []blacklistRow) []order.BlacklistEntry {
	out := make([]order.BlacklistEntry, 0, len(rows))
	for _, row := range rows {
		out = append(out, blacklistFromRow(row))
	}
	return out
}

// RuleSet reads the store's rules.
func (r *RuleRepo) RuleSet(ctx context.Context, store string) (order.RuleSet, error) {
	var row ruleSetRow
	if err := gormdb.Conn(ctx, r.db).Where("store_code = ?", store).Take(&row).Error; err != nil {
		return order.RuleSet{}, gormdb.NotFound(err, "find rules of "+store, "rules.not_found", store)
	}
	return ruleSetFromRow(row)
}

// SaveRuleSet inserts the store's first rule set when rs.Version is 0 and otherwise
// replaces the stored one provided it still has rs.Version; either way rs.Version is then
// one more. Two people saving on the same version: one wins, the other gets ECONFLICT
// "error.concurrent_change" and nothing of theirs is saved.
func (r *RuleRepo) SaveRuleSet(ctx context.Context, rs *order.RuleSet) error {
	next := *rs
	next.Version = rs.Version + 1
	row, err := ruleSetToRow(next)
	if err != nil {
		return fmt.Errorf("save rules of %s: %w", rs.StoreCode, err)
	}
	db := gormdb.Conn(ctx, r.db)
	if rs.Version == 0 {
		if err := db.Create(&row).Error; err != nil {
			return gormdb.Conflict(err, "create rules of "+rs.StoreCode, "error.concurrent_change")
		}
	} else if err := gormdb.SaveVersioned(db, &row, rs.Version); err != nil {
		return gormdb.Err(err, "save rules of "+rs.StoreCode)
	}
	rs.Version = next.Version
	return nil
}

// AddBlacklist inserts the entry and sets its ID; the unique key (store, kind, value)
// refuses a repeat. A store's entry and a global one with the same value may both exist.
func (r *RuleRepo) AddBlacklist(ctx context.Context, e *order.BlacklistEntry) error {
	row := blacklistToRow(*e)
	row.ID = 0
	if err := gormdb.Conn(ctx, r.db).Create(&row).Error; err != nil {
		return gormdb.Conflict(err, fmt.Sprintf("add blacklist %s %s", e.Kind, e.Value), "blacklist.exists", string(e.Kind), e.Value)
	}
	e.ID = row.ID
	return nil
}

// RemoveBlacklist deletes the store's entry (store "" a global one); it does not touch an
// entry of the same value in another scope.
func (r *RuleRepo) RemoveBlacklist(ctx context.Context, store string, kind order.BlacklistKind, value string) error {
	res := gormdb.Conn(ctx, r.db).Where("store_code = ? AND kind = ? AND value = ?", store, string(kind), value).
		Delete(&blacklistRow{})
	if res.Error != nil {
		return gormdb.Err(res.Error, fmt.Sprintf("remove blacklist %s %s", kind, value))
	}
	if res.RowsAffected == 0 {
		return domain.Errorf(domain.ENOTFOUND, "blacklist.not_found", string(kind), value)
	}
	return nil
}

// ListBlacklist returns the entries that apply to the store, its own and the global ones
// (store "": the global ones only), by kind and value, a global entry before the store's.
func (r *RuleRepo) ListBlacklist(ctx context.Context, store string) ([]order.BlacklistEntry, error) {
	var rows []blacklistRow
	err := gormdb.Conn(ctx, r.db).Where("store_code IN ?", scopes(store)).
		Order("kind").Order("value").Order("store_code").Order("id").Find(&rows).Error
	if err != nil {
		return nil, gormdb.Err(err, "list blacklist of "+store)
	}
	return blacklistFromRows(rows), nil
}

// MatchBlacklist compares the values as given (the caller normalises them); an empty value
// matches nothing.
func (r *RuleRepo) MatchBlacklist(ctx context.Context, store string, buyer, phone, address string) ([]order.BlacklistEntry, error) {
	var match []string
	var args []any
	for _, kv := range []struct {
		kind  order.BlacklistKind
		value string
	}{{order.BlacklistBuyer, buyer}, {order.BlacklistPhone, phone}, {order.BlacklistAddress, address}} {
		if kv.value != "" {
			match, args = append(match, "(kind = ? AND value = ?)"), append(args, string(kv.kind), kv.value)
		}
	}
	if len(match) == 0 {
		return []order.BlacklistEntry{}, nil
	}
	var rows []blacklistRow
	err := gormdb.Conn(ctx, r.db).Where("store_code IN ?", scopes(store)).
		Where("("+strings.Join(match, " OR ")+")", args...).Order("kind").Order("value").Order("store_code").Order("id").Find(&rows).Error
	if err != nil {
		return nil, gormdb.Err(err, "match blacklist of "+store)
	}
	return blacklistFromRows(rows), nil
}

// scopes are the store codes whose entries apply to store: its own and the global "".
func scopes(store string) []string {
	if store == "" {
		return []string{""}
	}
	return []string{store, ""}
}
