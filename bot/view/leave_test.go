package view

import (
	"strings"
	"testing"
	"time"

	"storeops/bot/i18n"
	"storeops/domain/leave"
)

func TestLeaveViews(t *testing.T) {
	from := time.Date(2026, 12, 2, 0, 0, 0, 0, cst)
	ls := []leave.Leave{{User: "U1", From: from, Until: from.AddDate(0, 0, 5), Type: leave.TypeAnnual, Reason: "family visit <!here>", Status: leave.StatusApproved}}
	text, blocks := LeaveList(en(), ls, cst)
	golden(t, "leave_list", msg(text, blocks))
	if got := OnLeaveNote(en(), "U1", ls[0].LastDay(cst)); got != "<@U1> is on leave until 2026-12-06." {
		t.Errorf("note %q", got)
	}
	long := ls[0]
	long.Reason = strings.Repeat("长理由 ", 300)
	many := make([]leave.Leave, 500)
	for i := range many {
		many[i] = long
	}
	for _, l := range []i18n.Localizer{en(), i18n.New().For("zh")} {
		for _, list := range [][]leave.Leave{nil, ls, many} {
			text, blocks := LeaveList(l, list, cst)
			checkAppraisal(t, l, "leave list", text, blocks)
		}
	}
}
