package view

import (
	"time"

	"github.com/slack-go/slack"

	"storeops/bot/i18n"
	"storeops/domain/leave"
)

const maxLeaveList = 60

// LeaveType names a leave type.
func LeaveType(l i18n.Localizer, t leave.Type) string {
	if key := "leave.type." + string(t); l.Has(key) {
		return l.T(key)
	}
	return string(t)
}

// LeaveList is the approved leave now and to come, one line each.
func LeaveList(l i18n.Localizer, ls []leave.Leave, loc *time.Location) (string, []slack.Block) {
	text := l.T("view.leave.list.header", len(ls))
	lines := make([]string, 0, len(ls))
	for i, x := range ls {
		if i == maxLeaveList {
			lines = append(lines, l.T("view.appraisal.figure.more", len(ls)-i))
			break
		}
		lines = append(lines, l.T("view.leave.list.line", l.Mention(x.User), x.From.In(loc).Format("2006-01-02"),
			x.LastDay(loc).Format("2006-01-02"), LeaveType(l, x.Type), value(x.Reason, 200)))
	}
	if len(lines) == 0 {
		lines = append(lines, l.T("view.leave.list.empty"))
	}
	blocks := []slack.Block{section("*" + text + "*")}
	more, _ := packLines(lines, MaxMessageBlocks-1)
	return text, append(blocks, more...)
}

// OnLeaveNote is what a command that assigns work says of a person on leave.
func OnLeaveNote(l i18n.Localizer, user string, lastDay time.Time) string {
	return l.T("view.leave.on_leave", l.Mention(user), lastDay.Format("2006-01-02"))
}
