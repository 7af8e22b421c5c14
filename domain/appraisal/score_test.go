package appraisal

import (
	"strings"
	"testing"
	"time"
)

func TestComputeScores(t *testing.T) {
	def := DefaultScoring()
	ratings := func(v int) Ratings { return Ratings{v, v, v, v, v} }
	for _, tc := range []struct {
		name    string
		s       Scoring
		data    map[Dimension]int
		r       Ratings
		total   int
		tier    Tier
		coef    int
		passed  bool
		dimWant map[Dimension]int
	}{
		{name: "all 100, no data", s: def, r: ratings(100), total: 1000, tier: TierA, coef: 150, passed: true},
		{name: "all 0", s: def, r: ratings(0), total: 0, tier: TierE, coef: 0},
		{name: "exactly 90 is A", s: def, r: ratings(90), total: 900, tier: TierA, coef: 150, passed: true},
		{name: "89.9 is B", s: def, r: Ratings{90, 90, 90, 90, 89}, total: 899, tier: TierB, coef: 120, passed: true,
			// teamwork (90+89)/2 = 89.5; 0.2 × 89.5 = 17.9; 27+27+18+17.9 = 89.9
			dimWant: map[Dimension]int{DimTeamwork: 895}},
		{name: "exactly 60 passes as D", s: def, r: ratings(60), total: 600, tier: TierD, coef: 80, passed: true},
		{name: "59.9 fails as E", s: def, r: Ratings{60, 60, 60, 60, 59}, total: 599, tier: TierE, passed: false},
		{name: "data and rating half each", s: def, data: map[Dimension]int{DimTask: 800, DimStore: 1000, DimCustomer: 600},
			r: ratings(70), total: 750,
			tier: TierC, coef: 100, passed: true, dimWant: map[Dimension]int{DimTask: 750, DimStore: 850, DimCustomer: 650, DimTeamwork: 700}},
		{name: "dimension rounds half up", s: def, data: map[Dimension]int{DimTask: 801}, r: Ratings{Task: 70},
			// (801×50 + 700×50)/100 = 750.5 → 751 tenths; total 0.3 × 75.1 = 22.53 → 22.5
			total: 225, tier: TierE, dimWant: map[Dimension]int{DimTask: 751}},
		{name: "total rounds half up", s: Scoring{Weights: map[Dimension]int{DimTask: 25, DimStore: 25, DimCustomer: 25, DimTeamwork: 25},
			DataShare: 0, PassMark: 600, Tiers: def.Tiers}, r: Ratings{Task: 61, Store: 60, Customer: 60, Teamwork: 60, Attitude: 60},
			// 0.25 × (61+60+60+60) = 60.25 → 60.3
			total: 603, tier: TierD, coef: 80, passed: true},
		{name: "data only", s: Scoring{Weights: def.Weights, DataShare: 100, PassMark: 600, Tiers: def.Tiers},
			data: map[Dimension]int{DimTask: 1000, DimStore: 1000, DimCustomer: 1000, DimTeamwork: 1000}, r: ratings(0),
			total: 1000, tier: TierA, coef: 150, passed: true},
		{name: "custom pass mark", s: Scoring{Weights: def.Weights, DataShare: 50, PassMark: 700, Tiers: def.Tiers}, r: ratings(65),
			total: 650, tier: TierD, coef: 80, passed: false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.s.Check(); err != nil {
				t.Fatal(err)
			}
			got := Compute(tc.s, tc.data, tc.r)
			if got.Total != tc.total || got.Tier != tc.tier || got.Coefficient != tc.coef || got.Passed != tc.passed {
				t.Errorf("Compute = total %s tier %s coef %d passed %v, want %s %s %d %v", Tenths(got.Total), got.Tier,
					got.Coefficient, got.Passed, Tenths(tc.total), tc.tier, tc.coef, tc.passed)
			}
			for _, d := range got.Dimensions {
				if want, ok := tc.dimWant[d.Dimension]; ok && d.Score != want {
					t.Errorf("%s = %s, want %s", d.Dimension, Tenths(d.Score), Tenths(want))
				}
			}
		})
	}
}

func TestScoringCheck(t *testing.T) {
	def := DefaultScoring()
	bad := []Scoring{
		{Weights: map[Dimension]int{DimTask: 50, DimStore: 30, DimCustomer: 20, DimTeamwork: 20}, Tiers: def.Tiers},
		{Weights: map[Dimension]int{DimTask: 120, DimStore: -20}, Tiers: def.Tiers},
		{Weights: def.Weights, DataShare: 101, Tiers: def.Tiers},
		{Weights: def.Weights, Tiers: []TierRule{{TierA, 900, 1}, {TierB, 950, 1}, {TierE, 0, 0}}},
		{Weights: def.Weights, Tiers: []TierRule{{TierA, 900, 1}}},
	}
	for i, s := range bad {
		if err := s.Check(); err == nil {
			t.Errorf("%d: %+v accepted", i, s)
		}
	}
	if err := def.Check(); err != nil {
		t.Errorf("defaults refused: %v", err)
	}
}

func TestFigureParts(t *testing.T) {
	for _, tc := range []struct {
		f    Figure
		want int
		ok   bool
	}{
		{Figure{Kind: KindRatio, Available: true, Counted: 3, Good: 2}, 667, true},
		{Figure{Kind: KindRatio, Available: true}, 0, false},
		{Figure{Kind: KindRatio, Available: false, Counted: 3, Good: 3}, 0, false},
		{Figure{Kind: KindAverage, Available: true, Counted: 2, Value: 45}, 875, true},
		{Figure{Kind: KindAverage, Available: true, Counted: 1, Value: 10}, 0, true},
		{Figure{Kind: KindTarget, Available: true, Value: 50, Target: 200}, 250, true},
		{Figure{Kind: KindTarget, Available: true, Value: 300, Target: 200}, 1000, true},
		{Figure{Kind: KindCount, Available: true, Counted: 4}, 0, false},
	} {
		got, ok := tc.f.Part()
		if got != tc.want || ok != tc.ok {
			t.Errorf("%+v.Part() = %d %v, want %d %v", tc.f, got, ok, tc.want, tc.ok)
		}
	}
	fs := Figures{Items: []Figure{
		{Dimension: DimTask, Kind: KindRatio, Available: true, Counted: 4, Good: 3},
		{Dimension: DimTask, Kind: KindRatio, Available: true, Counted: 2, Good: 2},
		{Dimension: DimTask, Kind: KindRatio}, // campaigns: not available, no part
		{Dimension: DimCustomer, Kind: KindAverage, Available: true, Counted: 1, Value: 50},
	}}
	got := fs.DataScores()
	if len(got) != 2 || got[DimTask] != 875 || got[DimCustomer] != 1000 {
		t.Errorf("DataScores = %v", got)
	}
}

func TestStateTable(t *testing.T) {
	allowed := map[[2]Status]bool{
		{StatusPrompted, StatusSelfSubmitted}: true, {StatusPrompted, StatusRated}: true,
		{StatusSelfSubmitted, StatusRated}: true, {StatusRated, StatusPublished}: true,
		{StatusPublished, StatusAppealed}: true, {StatusAppealed, StatusAdjusted}: true, {StatusAppealed, StatusUpheld}: true,
	}
	for _, from := range Statuses() {
		for _, to := range Statuses() {
			if got := CanMove(from, to); got != allowed[[2]Status{from, to}] {
				t.Errorf("CanMove(%s, %s) = %v", from, to, got)
			}
		}
	}
}

func TestDue(t *testing.T) {
	sh, _ := time.LoadLocation("Asia/Shanghai")
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, sh)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	s := DefaultSchedule()
	for _, tc := range []struct {
		now                                string
		loc                                *time.Location
		month                              string
		prompt, remind, lastCall, escalate bool
	}{
		{"2026-12-01 08:59", sh, "2026-11", false, false, false, false},
		{"2026-12-01 09:00", sh, "2026-11", true, false, false, false},
		// 09:00 in Shanghai is 01:00 UTC: in UTC the prompt waits eight more hours.
		{"2026-12-01 09:00", time.UTC, "2026-11", false, false, false, false},
		{"2026-12-01 17:00", time.UTC, "2026-11", true, false, false, false},
		{"2026-12-03 09:00", sh, "2026-11", true, true, false, false},
		{"2026-12-05 08:59", sh, "2026-11", true, true, false, false},
		{"2026-12-05 09:00", sh, "2026-11", true, true, true, false},
		{"2026-12-05 18:00", sh, "2026-11", false, false, false, true},
		{"2026-12-20 12:00", sh, "2026-11", false, false, false, true},
		{"2027-01-01 09:00", sh, "2026-12", true, false, false, false},
	} {
		p := Due(s, tc.loc, at(tc.now))
		if p.Month.String() != tc.month || p.Prompt != tc.prompt || p.Remind != tc.remind || p.LastCall != tc.lastCall || p.Escalate != tc.escalate {
			t.Errorf("Due(%s in %s) = %s prompt %v remind %v last %v escalate %v; want %s %v %v %v %v", tc.now, tc.loc, p.Month,
				p.Prompt, p.Remind, p.LastCall, p.Escalate, tc.month, tc.prompt, tc.remind, tc.lastCall, tc.escalate)
		}
	}
	if d := s.Deadline(Month{2026, time.November}, sh); !d.Equal(at("2026-12-05 18:00")) {
		t.Errorf("deadline %v", d)
	}
}

func TestParseInputs(t *testing.T) {
	for s, want := range map[string]int{"72": 720, "72.5": 725, "100": 1000, "0": 0, "0.0": 0} {
		if got, err := ParseTotal(s); err != nil || got != want {
			t.Errorf("ParseTotal(%q) = %d %v", s, got, err)
		}
	}
	for _, s := range []string{"", "100.1", "-1", "7.25", "abc", "+5", ".5", "72."} {
		if _, err := ParseTotal(s); err == nil {
			t.Errorf("ParseTotal(%q) accepted", s)
		}
	}
	scores := map[string]string{FieldRateTask: "80", FieldRateStore: "101", FieldRateCustomer: "x", FieldRateTeamwork: "0", FieldRateAttitude: " 100 "}
	_, ps := SelfInput{Achievements: "a", Shortcomings: "", Measures: "m", Scores: scores}.Parse()
	fields := map[string]bool{}
	for _, p := range ps {
		fields[p.Field] = true
	}
	if len(ps) != 3 || !fields[FieldShortcomings] || !fields[FieldRateStore] || !fields[FieldRateCustomer] {
		t.Errorf("problems %+v", ps)
	}
	paid, conv, err := ParseTargets(map[string]string{"paid": "120000", "conversion": "2.5%"})
	if err != nil || paid != 12000000 || conv != 250 {
		t.Errorf("ParseTargets = %d %d %v", paid, conv, err)
	}
	if _, _, err := ParseTargets(map[string]string{"visits": "3"}); err == nil {
		t.Error("unknown target accepted")
	}
}

func FuzzParseTotal(f *testing.F) {
	for _, s := range []string{"72", "72.5", "100.0", "-1", "", "1e3", "９０"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseTotal(s)
		if err == nil && (v < 0 || v > 1000) {
			t.Fatalf("ParseTotal(%q) = %d", s, v)
		}
	})
}

func TestParseSettings(t *testing.T) {
	base := Settings{Scoring: DefaultScoring(), Schedule: DefaultSchedule()}
	got, err := ParseSettings(base, map[string]string{"task": "40", "store": "20", "data": "60%", "pass": "65", "a": "95:2.0",
		"appeal": "7", "deadline": "6", "deadline_at": "17:30", "prompt_at": "08:00"})
	if err != nil {
		t.Fatal(err)
	}
	if got.Scoring.Weights[DimTask] != 40 || got.Scoring.Weights[DimStore] != 20 || got.Scoring.DataShare != 60 || got.Scoring.PassMark != 650 ||
		got.Scoring.Tiers[0] != (TierRule{TierA, 950, 200}) || got.Schedule.AppealDays != 7 || got.Schedule.DeadlineDay != 6 ||
		got.Schedule.DeadlineAt != 17*60+30 || got.Schedule.PromptAt != 8*60 {
		t.Fatalf("ParseSettings = %+v", got)
	}
	if base.Scoring.Weights[DimTask] != 30 || base.Scoring.Tiers[0].From != 900 {
		t.Fatalf("base changed: %+v", base)
	}
	for _, pairs := range []map[string]string{
		{}, {"task": "50"}, {"task": "x"}, {"data": "101"}, {"pass": "101"}, {"b": "95:1.2"}, {"e": "10:0"}, {"z": "1"},
		{"appeal": "0"}, {"deadline": "29"}, {"deadline_at": "25:00"}, {"prompt_at": "9"},
	} {
		if _, err := ParseSettings(base, pairs); err == nil {
			t.Errorf("%v accepted", pairs)
		}
	}
}

func FuzzParseSettings(f *testing.F) {
	for _, s := range []string{"task=40 store=20", "a=95:2.0", "pass=65.5", "deadline_at=17:30", "e=0:0 d=60:0.8", "data=%"} {
		f.Add(s)
	}
	base := Settings{Scoring: DefaultScoring(), Schedule: DefaultSchedule()}
	f.Fuzz(func(t *testing.T, s string) {
		pairs := map[string]string{}
		for _, w := range strings.Fields(s) {
			if k, v, ok := strings.Cut(w, "="); ok {
				pairs[strings.ToLower(k)] = v
			}
		}
		got, err := ParseSettings(base, pairs)
		if err != nil {
			return
		}
		if err := got.Scoring.Check(); err != nil {
			t.Fatalf("%q accepted invalid scoring: %v", s, err)
		}
		r := Compute(got.Scoring, map[Dimension]int{DimTask: 1000}, Ratings{100, 100, 100, 100, 100})
		if r.Total < 0 || r.Total > 1000 {
			t.Fatalf("%q: total %d", s, r.Total)
		}
	})
}
