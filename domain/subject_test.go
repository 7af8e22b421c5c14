package domain

import "testing"

func TestSubjectIDReadsBackSubjectOf(t *testing.T) {
	if id, err := SubjectOf("aftersale", 42).ID("aftersale"); err != nil || id != 42 {
		t.Errorf("ID of aftersale:42 = %d, %v", id, err)
	}
	for _, c := range []struct {
		subject Subject
		kind    string
	}{
		{"listing:42", "aftersale"}, {"aftersale:x", "aftersale"}, {"aftersale:", "aftersale"},
		{"aftersale:0", "aftersale"}, {"aftersale:-3", "aftersale"}, {"aftersales:4", "aftersale"}, {"", "aftersale"},
	} {
		if id, err := c.subject.ID(c.kind); err == nil {
			t.Errorf("%q.ID(%q) = %d, want an error", c.subject, c.kind, id)
		}
	}
}
