package appraisal

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"storeops/domain"
)

// Form fields: the modals name their blocks after them, and problems name them.
const (
	FieldAchievements = "appraisal_achievements"
	FieldShortcomings = "appraisal_shortcomings"
	FieldMeasures     = "appraisal_measures"
	FieldRateTask     = "appraisal_task"
	FieldRateStore    = "appraisal_store"
	FieldRateCustomer = "appraisal_customer"
	FieldRateTeamwork = "appraisal_teamwork"
	FieldRateAttitude = "appraisal_attitude"
	FieldComment      = "appraisal_comment"
)

// MaxText is the longest text of a form field.
const MaxText = 2000

// SelfInput is the self-assessment modal as typed.
type SelfInput struct {
	Achievements, Shortcomings, Measures string
	// Scores by field (FieldRateTask …), as typed.
	Scores map[string]string
}

// RatingInput is the supervisor's rating modal as typed.
type RatingInput struct {
	Scores  map[string]string
	Comment string
}

// Parse checks the self-assessment and names every problem next to its field.
func (in SelfInput) Parse() (Self, []domain.Problem) {
	var ps []domain.Problem
	s := Self{Achievements: strings.TrimSpace(in.Achievements), Shortcomings: strings.TrimSpace(in.Shortcomings),
		Measures: strings.TrimSpace(in.Measures)}
	for _, f := range []struct {
		field, v string
	}{{FieldAchievements, s.Achievements}, {FieldShortcomings, s.Shortcomings}, {FieldMeasures, s.Measures}} {
		ps = append(ps, checkText(f.field, f.v, true)...)
	}
	var p []domain.Problem
	s.Scores, p = parseScores(in.Scores)
	return s, append(ps, p...)
}

// Parse checks the rating: five scores and a comment.
func (in RatingInput) Parse() (Ratings, string, []domain.Problem) {
	r, ps := parseScores(in.Scores)
	c := strings.TrimSpace(in.Comment)
	return r, c, append(ps, checkText(FieldComment, c, true)...)
}

func checkText(field, v string, required bool) []domain.Problem {
	switch {
	case required && v == "":
		return []domain.Problem{{Field: field, Key: "appraisal.text.required"}}
	case utf8.RuneCountInString(v) > MaxText:
		return []domain.Problem{{Field: field, Key: "appraisal.text.too_long", Args: []any{MaxText}}}
	}
	return nil
}

func parseScores(typed map[string]string) (Ratings, []domain.Problem) {
	var r Ratings
	var ps []domain.Problem
	for _, f := range RatingFields() {
		v, err := ParseScore(typed[f])
		if err != nil {
			ps = append(ps, domain.Problem{Field: f, Key: "appraisal.score.invalid", Args: []any{strings.TrimSpace(typed[f])}})
			continue
		}
		switch f {
		case FieldRateTask:
			r.Task = v
		case FieldRateStore:
			r.Store = v
		case FieldRateCustomer:
			r.Customer = v
		case FieldRateTeamwork:
			r.Teamwork = v
		case FieldRateAttitude:
			r.Attitude = v
		}
	}
	return r, ps
}

// ParseScore reads a whole score from 0 to 100.
func ParseScore(s string) (int, error) {
	v, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || v < 0 || v > 100 {
		return 0, domain.Errorf(domain.EINVALID, "appraisal.score.invalid", strings.TrimSpace(s))
	}
	return v, nil
}

// ParseTotal reads an adjusted total: 0–100 with at most one decimal ("72", "72.5"), in
// tenths.
func ParseTotal(s string) (int, error) {
	s = strings.TrimSpace(s)
	whole, frac, hasFrac := strings.Cut(s, ".")
	w, err := strconv.Atoi(whole)
	bad := domain.Errorf(domain.EINVALID, "appraisal.total.invalid", s)
	if err != nil || w < 0 || w > 100 || whole == "" || strings.HasPrefix(whole, "+") {
		return 0, bad
	}
	v := w * 10
	if hasFrac {
		if len(frac) != 1 || frac[0] < '0' || frac[0] > '9' {
			return 0, bad
		}
		v += int(frac[0] - '0')
	}
	if v > 1000 {
		return 0, bad
	}
	return v, nil
}

// ParseTargets reads "paid=120000 conversion=2.5%" (paid in yuan with up to two decimals,
// conversion in percent with up to two decimals); at least one is needed.
func ParseTargets(pairs map[string]string) (paid, conversion int64, err error) {
	if len(pairs) == 0 {
		return 0, 0, domain.Errorf(domain.EINVALID, "appraisal.target.none")
	}
	for k, v := range pairs {
		switch k {
		case "paid":
			m, err := domain.ParseMoney(v)
			if err != nil || m < 0 {
				return 0, 0, domain.Errorf(domain.EINVALID, "appraisal.target.paid.invalid", v)
			}
			paid = int64(m)
		case "conversion":
			c, err := domain.ParseMoney(strings.TrimSuffix(strings.TrimSpace(v), "%"))
			if err != nil || c < 0 || c > 10000 {
				return 0, 0, domain.Errorf(domain.EINVALID, "appraisal.target.conversion.invalid", v)
			}
			conversion = int64(c)
		default:
			return 0, 0, domain.Errorf(domain.EINVALID, "appraisal.target.unknown", k)
		}
	}
	return paid, conversion, nil
}

// ParseDate reads a date "2026-12-15" in loc.
func ParseDate(s string, loc *time.Location) (time.Time, error) {
	t, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(s), loc)
	if err != nil {
		return time.Time{}, domain.Errorf(domain.EINVALID, "appraisal.date.invalid", s)
	}
	return t, nil
}
