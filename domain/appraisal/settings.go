package appraisal

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"storeops/domain"
)

// Settings are the appraisal's adjustable rules: the arithmetic and the schedule. They are
// stored (`/ops appraisal settings`); until then the configured defaults apply.
type Settings struct {
	Scoring  Scoring  `json:"scoring"`
	Schedule Schedule `json:"schedule"`
}

// Settings returns the rules in force.
func (s *Service) Settings(ctx context.Context) (Settings, error) {
	st, ok, err := s.d.Repo.Settings(ctx)
	if err != nil {
		return Settings{}, fmt.Errorf("appraisal settings: %w", err)
	}
	if !ok {
		return Settings{Scoring: s.d.Scoring, Schedule: s.d.Schedule}, nil
	}
	st.Schedule = st.Schedule.withDefaults()
	if st.Scoring.Check() != nil {
		st.Scoring = s.d.Scoring
	}
	return st, nil
}

// SetSettings changes the rules (HR and admins), audited with before and after. They apply
// to what is scored and scheduled from now on; published results keep their score.
func (s *Service) SetSettings(ctx context.Context, actor domain.Actor, pairs map[string]string) (Settings, error) {
	if !actor.Has(domain.RoleHR) && !actor.Has(domain.RoleAdmin) {
		return Settings{}, domain.Errorf(domain.EFORBIDDEN, "error.needs_role", string(domain.RoleHR)+" / "+string(domain.RoleAdmin))
	}
	var out Settings
	err := s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		before, err := s.Settings(ctx)
		if err != nil {
			return err
		}
		after, err := ParseSettings(before, pairs)
		if err != nil {
			return err
		}
		if err := s.d.Repo.SaveSettings(ctx, after); err != nil {
			return err
		}
		out = after
		return s.d.Audit.Record(ctx, actor, "appraisal.settings", domain.Subject("appraisal_settings"), before, after)
	})
	if err != nil {
		return Settings{}, fmt.Errorf("appraisal settings: %w", err)
	}
	return out, nil
}

// SettingKeys are the keys ParseSettings reads, for the usage text.
func SettingKeys() []string {
	return []string{"task", "store", "customer", "teamwork", "data", "pass", "A…E", "appeal", "deadline", "deadline_at", "prompt_at"}
}

// ParseSettings applies typed key=value pairs to base: weights (task=30 store=30
// customer=20 teamwork=20, adding up to 100), data=50 (the data share in percent), pass=60,
// a tier with its floor and coefficient (A=90:1.5 …; the lowest tier's floor is 0),
// appeal=5 (days), deadline=5 (the day of the month), deadline_at=18:00 and prompt_at=09:00.
func ParseSettings(base Settings, pairs map[string]string) (Settings, error) {
	if len(pairs) == 0 {
		return Settings{}, domain.Errorf(domain.EINVALID, "appraisal.settings.none", strings.Join(SettingKeys(), ", "))
	}
	out := base
	out.Scoring.Weights = map[Dimension]int{}
	for d, w := range base.Scoring.Weights {
		out.Scoring.Weights[d] = w
	}
	out.Scoring.Tiers = slices.Clone(base.Scoring.Tiers)
	keys := make([]string, 0, len(pairs))
	for k := range pairs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		v := strings.TrimSpace(pairs[k])
		bad := domain.Errorf(domain.EINVALID, "appraisal.settings.invalid", k, v)
		switch k {
		case "task", "store", "customer", "teamwork":
			n, err := strconv.Atoi(v)
			if err != nil {
				return Settings{}, bad
			}
			out.Scoring.Weights[Dimension(k)] = n
		case "data":
			n, err := strconv.Atoi(strings.TrimSuffix(v, "%"))
			if err != nil {
				return Settings{}, bad
			}
			out.Scoring.DataShare = n
		case "pass":
			n, err := ParseTotal(v)
			if err != nil {
				return Settings{}, bad
			}
			out.Scoring.PassMark = n
		case "appeal":
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > 60 {
				return Settings{}, bad
			}
			out.Schedule.AppealDays = n
		case "deadline":
			n, err := strconv.Atoi(v)
			if err != nil || n < out.Schedule.withDefaults().PromptDay || n > 28 {
				return Settings{}, bad
			}
			out.Schedule.DeadlineDay = n
			if out.Schedule.RemindDay > n {
				out.Schedule.RemindDay = 0
			}
		case "deadline_at", "prompt_at":
			m, err := parseClock(v)
			if err != nil {
				return Settings{}, bad
			}
			if k == "deadline_at" {
				out.Schedule.DeadlineAt = m
			} else {
				out.Schedule.PromptAt = m
			}
		default:
			tier := Tier(strings.ToUpper(k))
			i := slices.IndexFunc(out.Scoring.Tiers, func(t TierRule) bool { return t.Tier == tier })
			if i < 0 {
				return Settings{}, domain.Errorf(domain.EINVALID, "appraisal.settings.unknown", k, strings.Join(SettingKeys(), ", "))
			}
			floor, coef, ok := strings.Cut(v, ":")
			f, err1 := ParseTotal(floor)
			c, err2 := domain.ParseMoney(coef)
			if !ok || err1 != nil || err2 != nil || c < 0 || c > 1000 {
				return Settings{}, bad
			}
			out.Scoring.Tiers[i].From, out.Scoring.Tiers[i].Coefficient = f, int(c)
		}
	}
	if err := out.Scoring.Check(); err != nil {
		return Settings{}, err
	}
	out.Schedule = out.Schedule.withDefaults()
	return out, nil
}

// parseClock reads "18:00" as minutes after midnight.
func parseClock(s string) (int, error) {
	h, m, ok := strings.Cut(s, ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 || len(m) != 2 {
		return 0, fmt.Errorf("time %q", s)
	}
	return hh*60 + mm, nil
}
