package campaign

import (
	"context"
	"fmt"
	"time"

	"storeops/domain"
)

// TaskTimeliness is how a checklist item was kept.
type TaskTimeliness struct {
	Task TaskCard `json:"task"`
	// OnTime is true when it was ticked by its due time.
	OnTime bool `json:"on_time"`
}

// Report is the campaign summary report (活动总结): targets against actuals, by day, the
// best and worst SKUs, costs against the budget, the checklist's timeliness and the owner's
// text.
type Report struct {
	Live     Live             `json:"live"`
	Budget   domain.Money     `json:"budget,omitempty"`
	Cost     domain.Money     `json:"cost,omitempty"`
	Best     []SKUFigures     `json:"best,omitempty"`
	Worst    []SKUFigures     `json:"worst,omitempty"`
	Tasks    []TaskTimeliness `json:"tasks,omitempty"`
	OnTime   int              `json:"on_time"`
	Summary  Summary          `json:"summary"`
	Launched LaunchFacts      `json:"launched"`
}

// LaunchFacts say how the campaign started.
type LaunchFacts struct {
	By     string    `json:"by,omitempty"`
	At     time.Time `json:"at,omitzero"`
	Anyway bool      `json:"anyway,omitempty"`
}

// ReportSKUs is how many best and worst SKUs the report names.
const ReportSKUs = 5

// FileSummary records the owner's summary of an ended campaign and drafts its report, which
// is queued to the team channel in the same transaction with its workbook
// (TemplateWorkbook) in the report's thread; the report is returned. Only the owner, a supervisor or an admin may file it.
func (s *Service) FileSummary(ctx context.Context, actor domain.Actor, id int64, in SummaryInput) (Report, error) {
	if err := require(actor, Planners()); err != nil {
		return Report{}, err
	}
	sum, problems := in.Parse()
	if len(problems) > 0 {
		return Report{}, domain.Invalid(problems)
	}
	var rep Report
	err := s.d.Tx.InTx(ctx, func(ctx context.Context) error {
		c, err := s.change(ctx, actor, id, "campaign.summarise", func(c *Campaign, now time.Time) error {
			if c.Owner != actor.UserID && !actor.Has(domain.RoleSupervisor) && !actor.Has(domain.RoleAdmin) {
				return domain.Errorf(domain.EFORBIDDEN, "campaign.summary.not_owner", c.Number(), c.Owner)
			}
			if err := move(c, StatusSummarised); err != nil {
				return err
			}
			sum.By, sum.At = actor.UserID, now
			c.Summary = sum
			return nil
		})
		if err != nil {
			return err
		}
		rep, err = s.report(ctx, c)
		if err != nil {
			return err
		}
		st, err := s.d.Stores.Find(ctx, c.StoreCode)
		if err != nil {
			return err
		}
		if st.TeamChannel == "" {
			// No team channel: the workbook goes to the filer, so that it is never lost.
			if err := s.d.Outbox.DM(ctx, TemplateWorkbook, actor.UserID, "", rep); err != nil {
				return fmt.Errorf("queue workbook of %s: %w", c.Number(), err)
			}
			return nil
		}
		if err := s.d.Outbox.Post(ctx, TemplateReport, st.TeamChannel, ReportRef(c.ID), rep); err != nil {
			return fmt.Errorf("queue report of %s: %w", c.Number(), err)
		}
		// The workbook follows in the report's thread, delivered (and retried) by the
		// dispatcher like the report itself.
		if err := s.d.Outbox.Reply(ctx, TemplateWorkbook, st.TeamChannel, ReportRef(c.ID), rep); err != nil {
			return fmt.Errorf("queue workbook of %s: %w", c.Number(), err)
		}
		return nil
	})
	if err != nil {
		return Report{}, err
	}
	return rep, nil
}

// Report drafts the report of an ended or summarised campaign.
func (s *Service) Report(ctx context.Context, id int64) (Report, error) {
	c, err := s.Find(ctx, id)
	if err != nil {
		return Report{}, err
	}
	if c.Status != StatusEnded && c.Status != StatusSummarised {
		return Report{}, domain.Errorf(domain.ECONFLICT, "campaign.report.not_ended", c.Number(), string(c.Status))
	}
	return s.report(ctx, c)
}

func (s *Service) report(ctx context.Context, c Campaign) (Report, error) {
	st, err := s.d.Stores.Find(ctx, c.StoreCode)
	if err != nil {
		return Report{}, err
	}
	at := c.End
	if now := s.d.Clock.Now(); now.Before(at) {
		at = now
	}
	live, err := s.measure(ctx, c, st, at)
	if err != nil {
		return Report{}, fmt.Errorf("report %s: %w", c.Number(), err)
	}
	live.Campaign = CardOf(c, s.zoneOf(st), at)
	rep := Report{Live: live, Budget: c.Budget, Cost: c.Summary.Cost, Summary: c.Summary,
		Launched: LaunchFacts{By: c.LaunchedBy, At: c.LaunchedAt, Anyway: c.LaunchedAnyway}}
	// The better half (up to ReportSKUs) is the best, the rest's bottom the worst, the
	// worst first; a SKU is never in both.
	n := min(ReportSKUs, (len(live.SKUs)+1)/2)
	rep.Best = live.SKUs[:n]
	w := min(ReportSKUs, len(live.SKUs)-n)
	for i := len(live.SKUs) - 1; i >= len(live.SKUs)-w; i-- {
		rep.Worst = append(rep.Worst, live.SKUs[i])
	}
	for _, t := range live.Campaign.Tasks {
		on := t.Done && !t.DoneAt.After(t.Due)
		if on {
			rep.OnTime++
		}
		rep.Tasks = append(rep.Tasks, TaskTimeliness{Task: t, OnTime: on})
	}
	return rep, nil
}
