package complaint

// Action is what a person does to a complaint.
type Action string

const (
	ActionAcknowledge Action = "acknowledge"
	ActionResolve     Action = "resolve"
	ActionEscalate    Action = "escalate"
	ActionRate        Action = "rate"
)

// Actions lists every action.
func Actions() []Action {
	return []Action{ActionAcknowledge, ActionResolve, ActionEscalate, ActionRate}
}

// moves is the state machine, as a table of the actions each status allows and the status
// each leads to:
//
//	open ─acknowledge→ acknowledged ─resolve→ resolved ─rate→ rated (closed)
//	open, acknowledged ─escalate→ the same status, flagged escalated
//
// Escalation is a flag rather than a state because an escalated complaint still has to be
// acknowledged and resolved, and its deadlines keep running; a state would need every move
// twice. Resolving needs an acknowledgement first, so that every resolved complaint has an
// owner and an acknowledgement time for the appraisal figures.
func moves() map[Status]map[Action]Status {
	return map[Status]map[Action]Status{
		StatusOpen:         {ActionAcknowledge: StatusAcknowledged, ActionEscalate: StatusOpen},
		StatusAcknowledged: {ActionResolve: StatusResolved, ActionEscalate: StatusAcknowledged},
		StatusResolved:     {ActionRate: StatusRated},
		StatusRated:        {},
	}
}

// Next is the status that action leads to from status, false when the table forbids it.
func Next(from Status, a Action) (Status, bool) {
	to, ok := moves()[from][a]
	return to, ok
}

// Allowed lists the actions a complaint in status allows, in the order of Actions (the
// card's buttons).
func Allowed(s Status) []Action {
	var out []Action
	for _, a := range Actions() {
		if _, ok := Next(s, a); ok {
			out = append(out, a)
		}
	}
	return out
}
