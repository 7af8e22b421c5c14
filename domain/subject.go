package domain

import "fmt"

// Subject names a record across areas, e.g. "listing:42", so that audit rows, approvals and
// Slack message references can point at anything without importing its area.
type Subject string

// SubjectOf builds the subject for a record of kind with id.
func SubjectOf(kind string, id int64) Subject { return Subject(fmt.Sprintf("%s:%d", kind, id)) }
