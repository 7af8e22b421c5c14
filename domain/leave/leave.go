// Package leave records leave requests (SPEC §7): an assistant asks for days off with a type
// and a reason, a supervisor approves through the approval engine, and approved leave
// pauses the person's reminders and escalations and is shown when work is assigned.
package leave

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"storeops/domain"
	"storeops/domain/approval"
)

// KindLeave is a leave request, decided by a supervisor.
const KindLeave approval.Kind = "leave"

// Type is the kind of leave.
type Type string

// The leave types.
const (
	TypeAnnual   Type = "annual"
	TypeSick     Type = "sick"
	TypePersonal Type = "personal"
	TypeOther    Type = "other"
)

// Types lists the leave types.
func Types() []Type { return []Type{TypeAnnual, TypeSick, TypePersonal, TypeOther} }

// aliases are the Chinese names people type.
var aliases = map[string]Type{"年假": TypeAnnual, "病假": TypeSick, "事假": TypePersonal, "其他": TypeOther}

// Status of a leave.
type Status string

// The states: pending → approved | rejected.
const (
	StatusPending  Status = "pending"
	StatusApproved Status = "approved"
	StatusRejected Status = "rejected"
)

// Leave is one request for days off.
type Leave struct {
	ID   int64
	User string
	// From is the first day's start and Until the end of the last day, in the zone the
	// request was read in.
	From       time.Time
	Until      time.Time
	Type       Type
	Reason     string
	Status     Status
	ApprovalID int64
	DecidedBy  string
	CreatedAt  time.Time
	Version    int
}

// Subject names the leave in audit rows and approvals.
func (l Leave) Subject() domain.Subject { return domain.SubjectOf("leave", l.ID) }

// Covers reports whether the leave is approved and at falls within it.
func (l Leave) Covers(at time.Time) bool {
	return l.Status == StatusApproved && !at.Before(l.From) && at.Before(l.Until)
}

// LastDay is the leave's last day, for display.
func (l Leave) LastDay(loc *time.Location) time.Time { return l.Until.In(loc).AddDate(0, 0, -1) }

// Limits of a request.
const (
	MaxDays   = 90
	MaxReason = 500
)

// Input is a request as typed: `/ops leave <from> <to> <type> <reason>`.
type Input struct {
	From, To, Type, Reason string
}

// ParseArgs splits the words after `/ops leave`.
func ParseArgs(words []string) (Input, error) {
	if len(words) < 4 {
		return Input{}, domain.Errorf(domain.EINVALID, "leave.usage")
	}
	return Input{From: words[0], To: words[1], Type: words[2], Reason: strings.Join(words[3:], " ")}, nil
}

// Parse checks a request read in loc on the day today: both dates YYYY-MM-DD, from no later
// than to, to not before today, at most MaxDays days, a known type and a reason.
func (in Input) Parse(loc *time.Location, today time.Time) (Leave, error) {
	from, err1 := time.ParseInLocation("2006-01-02", strings.TrimSpace(in.From), loc)
	to, err2 := time.ParseInLocation("2006-01-02", strings.TrimSpace(in.To), loc)
	switch {
	case err1 != nil:
		return Leave{}, domain.Errorf(domain.EINVALID, "leave.date.invalid", in.From)
	case err2 != nil:
		return Leave{}, domain.Errorf(domain.EINVALID, "leave.date.invalid", in.To)
	case to.Before(from):
		return Leave{}, domain.Errorf(domain.EINVALID, "leave.dates.order", in.From, in.To)
	}
	t := today.In(loc)
	if to.Before(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)) {
		return Leave{}, domain.Errorf(domain.EINVALID, "leave.dates.past", in.To)
	}
	until := to.AddDate(0, 0, 1)
	if days := int(until.Sub(from).Hours()/24 + 0.5); days > MaxDays {
		return Leave{}, domain.Errorf(domain.EINVALID, "leave.dates.too_long", days, MaxDays)
	}
	typ, ok := ParseType(in.Type)
	if !ok {
		return Leave{}, domain.Errorf(domain.EINVALID, "leave.type.invalid", in.Type, typeNames())
	}
	reason := strings.TrimSpace(in.Reason)
	if reason == "" {
		return Leave{}, domain.Errorf(domain.EINVALID, "leave.reason.required")
	}
	if utf8.RuneCountInString(reason) > MaxReason || !utf8.ValidString(reason) {
		return Leave{}, domain.Errorf(domain.EINVALID, "leave.reason.too_long", MaxReason)
	}
	return Leave{From: from, Until: until, Type: typ, Reason: reason}, nil
}

// ParseType reads a type by its name or its Chinese name.
func ParseType(s string) (Type, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if t, ok := aliases[s]; ok {
		return t, true
	}
	t := Type(s)
	return t, slices.Contains(Types(), t)
}

func typeNames() string {
	names := make([]string, 0, len(Types()))
	for _, t := range Types() {
		names = append(names, string(t))
	}
	return strings.Join(names, ", ")
}
