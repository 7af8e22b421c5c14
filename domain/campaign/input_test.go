package campaign

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"storeops/domain"
)

func validInput() Input {
	return Input{Store: "tm01", Theme: "Double 11 双十一", Type: "platform event", Start: "2026-11-11 00:00", End: "2026-11-12 00:00",
		Discount: "full_reduction", DiscountParams: "满300减50, 500-100", Budget: "5000", TargetAmount: "100000",
		TargetVisitors: "20,000", TargetConversion: "3.5%", Channels: []string{"home_banner", "search_ads"}, SKUs: "MUG-1, MUG-2\nTEA-1"}
}

func TestInputParse(t *testing.T) {
	sh := mustZone(t, "Asia/Shanghai")
	now := time.Date(2026, 11, 1, 9, 0, 0, 0, sh)
	c, problems := validInput().Parse(now, sh)
	if len(problems) > 0 {
		t.Fatalf("problems: %+v", problems)
	}
	want := Campaign{StoreCode: "TM01", Theme: "Double 11 双十一", Type: TypePlatformEvent,
		Start: time.Date(2026, 11, 11, 0, 0, 0, 0, sh), End: time.Date(2026, 11, 12, 0, 0, 0, 0, sh),
		Discount: Discount{Kind: DiscountFullReduction, Tiers: []Tier{{30000, 5000}, {50000, 10000}}}, Budget: 500000,
		Targets:  Targets{PaidAmount: 10000000, Visitors: 20000, ConversionBP: 350},
		Channels: []Channel{ChannelHomeBanner, ChannelSearchAds}, SKUs: []string{"MUG-1", "MUG-2", "TEA-1"}}
	if !c.Start.Equal(want.Start) || !c.End.Equal(want.End) || c.StoreCode != want.StoreCode || c.Type != want.Type ||
		c.Budget != want.Budget || c.Targets != want.Targets || !slices.Equal(c.Channels, want.Channels) || !slices.Equal(c.SKUs, want.SKUs) ||
		c.Discount.String() != "300.00-50.00, 500.00-100.00" {
		t.Errorf("Parse =\n%+v\nwant\n%+v", c, want)
	}
	// The wall time is the store's: 00:00 in Shanghai is 16:00 UTC the day before.
	if c.Start.UTC().Hour() != 16 {
		t.Errorf("start %s", c.Start.UTC())
	}

	for _, tc := range []struct {
		name   string
		edit   func(*Input)
		fields []string
		key    string
	}{
		{"end before start", func(in *Input) { in.End = "2026-11-10 23:00" }, []string{FieldEnd}, "campaign.end.before_start"},
		{"end equal start", func(in *Input) { in.End = in.Start }, []string{FieldEnd}, "campaign.end.before_start"},
		{"start in the past", func(in *Input) { in.Start = "2026-10-31 10:00" }, []string{FieldStart}, "campaign.start.past"},
		{"bad start", func(in *Input) { in.Start = "tomorrow" }, []string{FieldStart}, "campaign.time.invalid"},
		{"too long", func(in *Input) { in.End = "2027-03-01" }, []string{FieldEnd}, "campaign.end.too_long"},
		{"zero target", func(in *Input) { in.TargetAmount = "0" }, []string{FieldTargetAmount}, "campaign.target.positive"},
		{"negative target", func(in *Input) { in.TargetAmount = "-5" }, []string{FieldTargetAmount}, "campaign.target.positive"},
		{"no target", func(in *Input) { in.TargetAmount = "" }, []string{FieldTargetAmount}, "campaign.target.required"},
		{"negative visitors", func(in *Input) { in.TargetVisitors = "-1" }, []string{FieldTargetVisitors}, "campaign.target.positive"},
		{"conversion above 100", func(in *Input) { in.TargetConversion = "150%" }, []string{FieldTargetConv}, "campaign.target.conversion"},
		{"conversion zero", func(in *Input) { in.TargetConversion = "0" }, []string{FieldTargetConv}, "campaign.target.conversion"},
		{"bad budget", func(in *Input) { in.Budget = "lots" }, []string{FieldBudget}, "campaign.amount.invalid"},
		{"no theme", func(in *Input) { in.Theme = " " }, []string{FieldTheme}, "campaign.theme.required"},
		{"no store", func(in *Input) { in.Store = "" }, []string{FieldStore}, "campaign.store.required"},
		{"bad type", func(in *Input) { in.Type = "flash" }, []string{FieldType}, "campaign.type.invalid"},
		{"bad strategy", func(in *Input) { in.Discount = "bogo" }, []string{FieldDiscount}, "campaign.discount.unknown"},
		{"bad tier", func(in *Input) { in.DiscountParams = "50-300" }, []string{FieldDiscountParams}, "campaign.discount.invalid.full_reduction"},
		{"bad channel", func(in *Input) { in.Channels = []string{"tv"} }, []string{FieldChannels}, "campaign.channel.invalid"},
		{"SKU twice", func(in *Input) { in.SKUs = "MUG-1, mug-1" }, []string{FieldSKUs}, "campaign.sku.twice"},
		{"everything wrong at once", func(in *Input) { in.Theme, in.TargetAmount, in.End = "", "x", "2026-11-01" },
			[]string{FieldTheme, FieldEnd, FieldTargetAmount}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := validInput()
			tc.edit(&in)
			_, problems := in.Parse(now, sh)
			var fields []string
			for _, p := range problems {
				fields = append(fields, p.Field)
			}
			if !slices.Equal(fields, tc.fields) {
				t.Fatalf("problems %+v, want fields %v", problems, tc.fields)
			}
			if tc.key != "" && problems[0].Key != tc.key {
				t.Errorf("key %s, want %s", problems[0].Key, tc.key)
			}
		})
	}
}

func TestParseDateTime(t *testing.T) {
	sh := mustZone(t, "Asia/Shanghai")
	berlin := mustZone(t, "Europe/Berlin")
	for _, tc := range []struct {
		in   string
		loc  *time.Location
		want time.Time
		ok   bool
	}{
		{"2026-12-10 10:00", sh, time.Date(2026, 12, 10, 10, 0, 0, 0, sh), true},
		{"2026-12-10T10:00", sh, time.Date(2026, 12, 10, 10, 0, 0, 0, sh), true},
		{"2026/12/10  9:05", sh, time.Date(2026, 12, 10, 9, 5, 0, 0, sh), true},
		{"2026-12-10", sh, time.Date(2026, 12, 10, 0, 0, 0, 0, sh), true},
		{"2026-12-32 10:00", sh, time.Time{}, false},
		{"10:00", sh, time.Time{}, false},
		// 02:30 on 2026-03-29 never happened in Berlin.
		{"2026-03-29 02:30", berlin, time.Time{}, false},
		{"2026-03-29 03:30", berlin, time.Date(2026, 3, 29, 3, 30, 0, 0, berlin), true},
	} {
		got, ok := ParseDateTime(tc.in, tc.loc)
		if ok != tc.ok || !got.Equal(tc.want) {
			t.Errorf("ParseDateTime(%q) = %s %v, want %s %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestParseDiscount(t *testing.T) {
	for _, tc := range []struct {
		kind, params string
		want         string // String() of the result, "" when refused
	}{
		{"coupon", "20", "20.00"},
		{"coupon", "20/199", "20.00/199.00"},
		{"coupon", "200/100", ""},
		{"coupon", "0", ""},
		{"full reduction", "满300减50", "300.00-50.00"},
		{"full-reduction", "300-50, 500-100", "300.00-50.00, 500.00-100.00"},
		{"full_reduction", "500-100, 300-50", ""},
		{"full_reduction", "300-300", ""},
		{"full_reduction", "1-0.5,2-1,3-1,4-1,5-1,6-1", ""},
		{"percentage", "15%", "15%"},
		{"percentage", "15", "15%"},
		{"percentage", "95", ""},
		{"percentage", "0", ""},
		{"gift", "Mug MUG-1/199", "Mug MUG-1/199.00"},
		{"gift", "Tote bag", "Tote bag"},
		{"gift", "", ""},
		{"gift", "/199", ""},
	} {
		d, p := ParseDiscount(tc.kind, tc.params)
		got := ""
		if p == nil {
			got = d.String()
		}
		if got != tc.want {
			t.Errorf("ParseDiscount(%q, %q) = %q (%v), want %q", tc.kind, tc.params, got, p, tc.want)
		}
		if p != nil && !strings.HasPrefix(p.Key, "campaign.discount.invalid.") {
			t.Errorf("key %s", p.Key)
		}
	}
	if _, p := ParseDiscount("bogo", "1"); p == nil || p.Key != "campaign.discount.unknown" {
		t.Errorf("unknown strategy: %v", p)
	}
}

func TestChecklistAndDue(t *testing.T) {
	sh := mustZone(t, "Asia/Shanghai")
	start := time.Date(2026, 11, 11, 0, 0, 0, 0, sh)
	for _, tc := range []struct {
		kind DiscountKind
		keys []string
	}{
		{DiscountCoupon, []string{TaskPageDesign, TaskStockReserved, TaskPageTested, TaskCouponsCreated, TaskPromotionScheduled}},
		{DiscountGift, []string{TaskPageDesign, TaskStockReserved, TaskPageTested, TaskGiftsReady, TaskPromotionScheduled}},
		{DiscountPercentage, []string{TaskPageDesign, TaskStockReserved, TaskPageTested, TaskPromotionScheduled}},
	} {
		tasks := Checklist(Campaign{Start: start, Discount: Discount{Kind: tc.kind}}, "U1")
		var keys []string
		for i, tk := range tasks {
			keys = append(keys, tk.Key)
			if tk.No != i+1 || tk.Owner != "U1" || tk.Offset >= 0 {
				t.Errorf("%s: task %+v", tc.kind, tk)
			}
		}
		if !slices.Equal(keys, tc.keys) {
			t.Errorf("%s: %v, want %v", tc.kind, keys, tc.keys)
		}
	}
	if got := Checklist(Campaign{Discount: Discount{Kind: DiscountCoupon}}, "U1")[0].Due(start); !got.Equal(start.AddDate(0, 0, -5)) {
		t.Errorf("page design due %s", got)
	}
	for _, tc := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"-2d", -48 * time.Hour, true},
		{"-36h", -36 * time.Hour, true},
		{"-1d12h", -36 * time.Hour, true},
		{"+2h", 2 * time.Hour, true},
		{"0", 0, true},
		{"-90m", -90 * time.Minute, true},
		{"2026-11-09 18:00", -30 * time.Hour, true},
		{"2d", 0, false},
		{"-", 0, false},
		{"-2x", 0, false},
		{"-100d", 0, false},
		{"-3", 0, false},
	} {
		got, p := ParseDue(tc.in, start, sh)
		if (p == nil) != tc.ok || got != tc.want {
			t.Errorf("ParseDue(%q) = %v %v, want %v %v", tc.in, got, p, tc.want, tc.ok)
		}
		if tc.ok && tc.in != "2026-11-09 18:00" {
			if back, _ := ParseDue(FormatOffset(got), start, sh); back != got {
				t.Errorf("FormatOffset(%v) = %q does not read back", got, FormatOffset(got))
			}
		}
	}
}

func TestNextEvent(t *testing.T) {
	start := time.Date(2026, 11, 11, 0, 0, 0, 0, time.UTC)
	c := Campaign{Start: start, Tasks: []Task{
		{No: 1, Offset: -48 * time.Hour},
		{No: 2, Offset: -24 * time.Hour, Done: true},
		{No: 3, Offset: -72 * time.Hour, RemindedAt: start.Add(-96 * time.Hour)},
	}}
	if got := nextEvent(c, 24*time.Hour); !got.Equal(start.Add(-72 * time.Hour)) {
		t.Errorf("next = %s: item 3's late notice comes first", got)
	}
	c.Tasks[2].LateAt = start.Add(-72 * time.Hour)
	if got := nextEvent(c, 24*time.Hour); !got.Equal(start.Add(-72 * time.Hour)) {
		t.Errorf("next = %s: item 1's reminder", got)
	}
	c.Tasks[0].RemindedAt, c.Tasks[0].LateAt = start, start
	if got := nextEvent(c, 24*time.Hour); !got.IsZero() {
		t.Errorf("nothing left, got %s", got)
	}
}

func TestSummaryInput(t *testing.T) {
	s, problems := SummaryInput{Worked: " banners ", Cost: "4200.50"}.Parse()
	if len(problems) > 0 || s.Worked != "banners" || s.Cost != 420050 {
		t.Errorf("%+v %+v", s, problems)
	}
	_, problems = SummaryInput{Worked: "", Lessons: strings.Repeat("长", MaxText+1), Cost: "-1"}.Parse()
	var fields []string
	for _, p := range problems {
		fields = append(fields, p.Field)
	}
	if !slices.Equal(fields, []string{FieldLessons, FieldWorked, FieldCost}) {
		t.Errorf("problems %+v", problems)
	}
}

func FuzzInputParse(f *testing.F) {
	in := validInput()
	f.Add(in.Start, in.End, in.DiscountParams, in.TargetAmount, in.TargetConversion, in.SKUs)
	f.Add("2026-03-29 02:30", "2026-13-01", "满-1减", "¥-0", "3,5 %", "，，;;")
	f.Add("", "", "", "", "", "")
	sh, _ := time.LoadLocation("Asia/Shanghai")
	now := time.Date(2026, 11, 1, 9, 0, 0, 0, sh)
	f.Fuzz(func(t *testing.T, start, end, params, amount, conv, skus string) {
		for _, kind := range DiscountKinds() {
			x := in
			x.Start, x.End, x.Discount, x.DiscountParams, x.TargetAmount, x.TargetConversion, x.SKUs = start, end, string(kind), params, amount, conv, skus
			c, problems := x.Parse(now, sh)
			if len(problems) > 0 {
				for _, p := range problems {
					if p.Field == "" || p.Key == "" {
						t.Fatalf("problem without field or key: %+v", p)
					}
				}
				continue
			}
			if !c.End.After(c.Start) || c.Targets.PaidAmount <= 0 || c.Targets.ConversionBP < 0 || c.Targets.ConversionBP > 10000 || len(c.SKUs) > MaxSKUs {
				t.Fatalf("accepted a bad plan: %+v", c)
			}
			d, p := ParseDiscount(string(kind), c.Discount.String())
			if p != nil || d.String() != c.Discount.String() {
				t.Fatalf("discount %q does not read back: %v", c.Discount.String(), p)
			}
		}
	})
}

func FuzzParseDue(f *testing.F) {
	for _, s := range []string{"-2d", "-1d12h", "+90m", "0", "2026-11-09 18:00", "-99999999999d", "-1h1h"} {
		f.Add(s)
	}
	start := time.Date(2026, 11, 11, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		off, p := ParseDue(s, start, time.UTC)
		if p != nil {
			if p.Key == "" || !utf8.ValidString(domainArg(p)) && utf8.ValidString(s) {
				t.Fatalf("problem %+v", p)
			}
			return
		}
		if off < -maxOffset || off > maxOffset {
			t.Fatalf("offset %v out of range", off)
		}
	})
}

func domainArg(p *domain.Problem) string {
	if len(p.Args) == 0 {
		return ""
	}
	s, _ := p.Args[0].(string)
	return s
}
