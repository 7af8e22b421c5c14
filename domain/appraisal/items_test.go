package appraisal

import (
	"context"
	"testing"
	"time"

	"storeops/domain"
)

func TestTally(t *testing.T) {
	at := time.Date(2026, 11, 3, 8, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name          string
		items         []Item
		counted, good int
	}{
		{"none", nil, 0, 0},
		{"all good", []Item{{Ref: "a", At: at, Good: true}, {Ref: "b", At: at, Good: true}}, 2, 2},
		{"mixed", []Item{{Ref: "a", Good: true}, {Ref: "b"}, {Ref: "c", Value: 5}}, 3, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if c, g := Tally(tc.items); c != tc.counted || g != tc.good {
				t.Errorf("Tally = %d, %d; want %d, %d", c, g, tc.counted, tc.good)
			}
		})
	}
}

// heldSource is an area whose held-orders figure is counted from n records of the month,
// every third late, listed newest first; its other figure has no drill-down.
func heldSource(n int, asked *[2]time.Time) DetailFunc {
	return func(_ context.Context, _ string, from, to time.Time, withItems bool) ([]Detail, error) {
		asked[0], asked[1] = from, to
		items := make([]Item, n)
		for i := range items {
			items[i] = Item{Ref: "TM01/P-" + string(rune('A'+i%26)), At: to.Add(-time.Duration(i+1) * time.Hour), Good: i%3 != 0}
		}
		counted, good := Tally(items)
		f := Figure{Key: "held_orders", Short: "held", Dimension: DimTask, Kind: KindRatio, Available: true, Counted: counted, Good: good}
		d := []Detail{{Figure: f}, {Figure: Figure{Key: "store_paid", Dimension: DimStore, Kind: KindTarget}}}
		if withItems {
			d[0].Items = items
		}
		return d, nil
	}
}

// TestItems: the drill-down of a figure lists the records its source counted over the
// month in the appraisal's zone, oldest first, at most MaxItems with the total, for the
// assistant themself, a supervisor or HR; the counts are those of the data view.
func TestItems(t *testing.T) {
	shanghai := time.FixedZone("CST", 8*3600)
	nov := Month{Year: 2026, Month: time.November}
	var asked [2]time.Time
	for _, tc := range []struct {
		name    string
		n       int
		actor   domain.Actor
		short   string
		code    string
		listed  int
		counted int
	}{
		{"supervisor, a few", 4, domain.Actor{UserID: "U2", Roles: []domain.Role{domain.RoleSupervisor}}, "held", "", 4, 4},
		{"HR, capped", MaxItems + 7, domain.Actor{UserID: "U3", Roles: []domain.Role{domain.RoleHR}}, " HELD ", "", MaxItems, MaxItems + 7},
		{"the assistant themself", 0, domain.Actor{UserID: "U1", Roles: []domain.Role{domain.RoleAssistant}}, "held", "", 0, 0},
		{"another assistant", 4, domain.Actor{UserID: "U9", Roles: []domain.Role{domain.RoleAssistant}}, "held", domain.EFORBIDDEN, 0, 0},
		{"unknown figure", 4, domain.Actor{UserID: "U1"}, "sales", domain.EINVALID, 0, 0},
		{"a figure without records", 4, domain.Actor{UserID: "U1"}, "", domain.EINVALID, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := heldSource(tc.n, &asked)
			s, err := NewService(Deps{Zone: shanghai, Sources: []Source{NotAvailable("campaign_items", DimTask), src}})
			if err != nil {
				t.Fatal(err)
			}
			d, err := s.Items(context.Background(), tc.actor, "U1", nov, tc.short)
			if domain.ErrorCode(err) != tc.code {
				t.Fatalf("error %v, want code %q", err, tc.code)
			}
			if tc.code != "" {
				return
			}
			if !asked[0].Equal(time.Date(2026, 11, 1, 0, 0, 0, 0, shanghai)) || !asked[1].Equal(time.Date(2026, 12, 1, 0, 0, 0, 0, shanghai)) {
				t.Errorf("asked the source for %v – %v, not November in Shanghai", asked[0], asked[1])
			}
			if len(d.Items) != tc.listed || d.Total != tc.counted || d.Figure.Counted != tc.counted || d.Month != "2026-11" || d.Assistant != "U1" {
				t.Fatalf("listed %d of %d (figure %d)", len(d.Items), d.Total, d.Figure.Counted)
			}
			for i := 1; i < len(d.Items); i++ {
				if d.Items[i].At.Before(d.Items[i-1].At) {
					t.Fatalf("records out of order at %d", i)
				}
			}
			// The data view's figure is the drill-down's.
			fs, err := s.figures(context.Background(), "U1", "2026-11")
			if err != nil {
				t.Fatal(err)
			}
			var found bool
			for _, f := range fs.Items {
				if f.Short == "held" {
					found = f == d.Figure
				}
			}
			if !found {
				t.Errorf("data view %+v and drill-down %+v disagree", fs.Items, d.Figure)
			}
		})
	}
}
