// Package appraisal runs the monthly appraisal of every assistant (SPEC §6): the prompt on
// the 1st, the self-assessment, the supervisor's rating beside the figures StoreOps keeps,
// the score, the result, the appeal that HR decides, and the flag after two failing months.
package appraisal

import (
	"fmt"
	"slices"

	"storeops/domain"
)

// Dimension is one part of the score.
type Dimension string

// The weighted dimensions. The supervisor rates five things (Ratings); teamwork and
// communication and attitude make the one "teamwork" dimension, as their mean.
const (
	DimTask     Dimension = "task"
	DimStore    Dimension = "store"
	DimCustomer Dimension = "customer"
	DimTeamwork Dimension = "teamwork"
)

// Dimensions lists the weighted dimensions in the order they are shown.
func Dimensions() []Dimension { return []Dimension{DimTask, DimStore, DimCustomer, DimTeamwork} }

// Tier is a bonus tier.
type Tier string

// The tiers, best first.
const (
	TierA Tier = "A"
	TierB Tier = "B"
	TierC Tier = "C"
	TierD Tier = "D"
	TierE Tier = "E"
)

// TierRule gives a tier from a total (in tenths: 900 is 90.0) upwards and its bonus
// coefficient in percent (120 is ×1.2).
type TierRule struct {
	Tier        Tier `json:"tier"`
	From        int  `json:"from"`
	Coefficient int  `json:"coefficient"`
}

// Scoring is the arithmetic's settings.
type Scoring struct {
	// Weights per dimension in percent; they add up to 100.
	Weights map[Dimension]int `json:"weights"`
	// DataShare is the share in percent of the data part of a dimension that has data; the
	// supervisor's rating has the rest. A dimension without data is the rating alone.
	DataShare int `json:"data_share"`
	// PassMark is the lowest passing total, in tenths.
	PassMark int `json:"pass_mark"`
	// Tiers, best first; the last one starts at 0.
	Tiers []TierRule `json:"tiers"`
}

// DefaultScoring is SPEC §6's defaults: weights 30/30/20/20, data and rating half each, pass
// mark 60, tiers A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, E below.
func DefaultScoring() Scoring {
	return Scoring{
		Weights:   map[Dimension]int{DimTask: 30, DimStore: 30, DimCustomer: 20, DimTeamwork: 20},
		DataShare: 50,
		PassMark:  600,
		Tiers: []TierRule{{TierA, 900, 150}, {TierB, 800, 120}, {TierC, 700, 100}, {TierD, 600, 80},
			{TierE, 0, 0}},
	}
}

// Check refuses settings the arithmetic cannot use.
func (s Scoring) Check() error {
	sum := 0
	for _, d := range Dimensions() {
		w := s.Weights[d]
		if w < 0 || w > 100 {
			return domain.Errorf(domain.EINVALID, "appraisal.weights.invalid", string(d), w)
		}
		sum += w
	}
	if sum != 100 {
		return domain.Errorf(domain.EINVALID, "appraisal.weights.sum", sum)
	}
	if s.DataShare < 0 || s.DataShare > 100 {
		return domain.Errorf(domain.EINVALID, "appraisal.data_share.invalid", s.DataShare)
	}
	if s.PassMark < 0 || s.PassMark > 1000 {
		return domain.Errorf(domain.EINVALID, "appraisal.pass_mark.invalid", s.PassMark)
	}
	if len(s.Tiers) == 0 || s.Tiers[len(s.Tiers)-1].From != 0 {
		return domain.Errorf(domain.EINVALID, "appraisal.tiers.invalid")
	}
	for i := 1; i < len(s.Tiers); i++ {
		if s.Tiers[i].From >= s.Tiers[i-1].From {
			return domain.Errorf(domain.EINVALID, "appraisal.tiers.invalid")
		}
	}
	return nil
}

// Ratings are the supervisor's five scores, 0–100 each.
type Ratings struct {
	Task     int `json:"task"`
	Store    int `json:"store"`
	Customer int `json:"customer"`
	Teamwork int `json:"teamwork"`
	Attitude int `json:"attitude"`
}

// RatingFields are the names of the five rated things, in the order of the card.
func RatingFields() []string {
	return []string{FieldRateTask, FieldRateStore, FieldRateCustomer, FieldRateTeamwork, FieldRateAttitude}
}

// Get returns the rating named by field.
func (r Ratings) Get(field string) int {
	switch field {
	case FieldRateTask:
		return r.Task
	case FieldRateStore:
		return r.Store
	case FieldRateCustomer:
		return r.Customer
	case FieldRateTeamwork:
		return r.Teamwork
	case FieldRateAttitude:
		return r.Attitude
	}
	return 0
}

// of is the supervisor's rating of a dimension in tenths; teamwork is the mean of
// teamwork and communication and attitude, rounded half up.
func (r Ratings) of(d Dimension) int {
	switch d {
	case DimTask:
		return r.Task * 10
	case DimStore:
		return r.Store * 10
	case DimCustomer:
		return r.Customer * 10
	case DimTeamwork:
		return divRound((r.Teamwork+r.Attitude)*10, 2)
	}
	return 0
}

// DimScore is one dimension's part of a result. Scores are in tenths (875 is 87.5).
type DimScore struct {
	Dimension Dimension `json:"dimension"`
	Weight    int       `json:"weight"`
	// Data is the data part (tenths); HasData is false when StoreOps had no figure for it.
	Data    int  `json:"data"`
	HasData bool `json:"has_data"`
	Rating  int  `json:"rating"`
	Score   int  `json:"score"`
}

// Result is the computed score of a cycle.
type Result struct {
	Dimensions []DimScore `json:"dimensions"`
	// Total in tenths, the tier it falls in, its bonus coefficient in percent, and whether it
	// passes.
	Total       int  `json:"total"`
	Tier        Tier `json:"tier"`
	Coefficient int  `json:"coefficient"`
	Passed      bool `json:"passed"`
	// PassMark is the pass mark (tenths) the result was graded against.
	PassMark int `json:"pass_mark"`
}

// Compute is the score: per dimension the data part and the rating combined by the data
// share (the rating alone without data), rounded half up to a tenth; the total is the
// weighted sum of the rounded dimension scores, rounded half up to a tenth. All arithmetic is
// on integers, so the same inputs give the same score on every machine.
func Compute(s Scoring, data map[Dimension]int, r Ratings) Result {
	var res Result
	sum := 0
	for _, d := range Dimensions() {
		ds := DimScore{Dimension: d, Weight: s.Weights[d], Rating: clampTenths(r.of(d))}
		if v, ok := data[d]; ok {
			ds.Data, ds.HasData = clampTenths(v), true
			ds.Score = divRound(ds.Data*s.DataShare+ds.Rating*(100-s.DataShare), 100)
		} else {
			ds.Score = ds.Rating
		}
		sum += ds.Score * ds.Weight
		res.Dimensions = append(res.Dimensions, ds)
	}
	res.Total = divRound(sum, 100)
	return s.Grade(res)
}

// Grade sets the tier, coefficient and pass of a result from its total (after an
// adjustment, too).
func (s Scoring) Grade(res Result) Result {
	res.Tier, res.Coefficient = TierE, 0
	for _, t := range s.Tiers {
		if res.Total >= t.From {
			res.Tier, res.Coefficient = t.Tier, t.Coefficient
			break
		}
	}
	res.Passed, res.PassMark = res.Total >= s.PassMark, s.PassMark
	return res
}

// divRound divides non-negative a by positive b, rounding half up.
func divRound(a, b int) int {
	if a < 0 {
		return -divRound(-a, b)
	}
	return (2*a + b) / (2 * b)
}

func clampTenths(v int) int { return min(max(v, 0), 1000) }

// Tenths formats a score in tenths: 875 → "87.5".
func Tenths(v int) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	return fmt.Sprintf("%s%d.%d", sign, v/10, v%10)
}

// TierNames lists the tiers of the settings, best first.
func (s Scoring) TierNames() []Tier {
	out := make([]Tier, 0, len(s.Tiers))
	for _, t := range s.Tiers {
		out = append(out, t.Tier)
	}
	return slices.Clip(out)
}
