package domain

import (
	"fmt"
	"strconv"
	"strings"
)

// Subject names a record across areas, e.g. "listing:42", so that audit rows, approvals and
// Slack message references can point at anything without importing its area.
type Subject string

// SubjectOf builds the subject for a record of kind with id.
func SubjectOf(kind string, id int64) Subject { return Subject(fmt.Sprintf("%s:%d", kind, id)) }

// ID reads back the id of a subject built by SubjectOf(kind, id): an approval or a timer
// tells its area which record it is about only by its subject.
func (s Subject) ID(kind string) (int64, error) {
	v, ok := strings.CutPrefix(string(s), kind+":")
	if !ok {
		return 0, fmt.Errorf("subject %q is not a %s", s, kind)
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("subject %q is not a %s id", s, kind)
	}
	return id, nil
}
