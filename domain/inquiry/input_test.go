package inquiry

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestCanMove(t *testing.T) {
	for _, c := range []struct {
		from, to Status
		ok       bool
	}{
		{StatusOpen, StatusAnswered, true},
		{StatusAnswered, StatusAnswered, false},
		{StatusAnswered, StatusOpen, false},
		{StatusOpen, StatusOpen, false},
		{"", StatusAnswered, false},
	} {
		if got := canMove(c.from, c.to); got != c.ok {
			t.Errorf("canMove(%s, %s) = %v", c.from, c.to, got)
		}
	}
}

func TestInputParse(t *testing.T) {
	tz := shanghai(t)
	now := time.Date(2026, 11, 30, 6, 0, 0, 0, time.UTC)
	q, problems := Input{Store: " tm01 ", Customer: " Wang ", Platform: "TMALL", Order: "P-1", Question: "In stock?", Promise: "2h"}.Parse(now, tz)
	if len(problems) != 0 || q.StoreCode != "TM01" || q.Customer != "Wang" || q.Platform != "tmall" || q.OrderRef != "P-1" || !q.PromisedAt.Equal(now.Add(2*time.Hour)) {
		t.Errorf("good input: %+v %v", q, problems)
	}
	_, problems = Input{Customer: strings.Repeat("x", MaxCustomer+1), Platform: "ebay", Order: "P 1", Promise: "later"}.Parse(now, tz)
	var got []string
	for _, p := range problems {
		got = append(got, p.Field+":"+p.Key)
	}
	want := []string{"store:inquiry.field.required", "inquiry.customer:inquiry.text.too_long", "platform:inquiry.platform.invalid",
		"inquiry.order:inquiry.order.invalid", "inquiry.question:inquiry.field.required", "inquiry.promise:inquiry.promise.invalid"}
	if !slices.Equal(got, want) {
		t.Errorf("problems\n got %v\nwant %v", got, want)
	}
}

func TestOverdue(t *testing.T) {
	now := time.Date(2026, 11, 30, 6, 0, 0, 0, time.UTC)
	q := Inquiry{Status: StatusOpen, PromisedAt: now}
	if !q.Overdue(now) || q.Overdue(now.Add(-time.Second)) {
		t.Error("an open inquiry is overdue from its promised time on")
	}
	q.Status = StatusAnswered
	if q.Overdue(now.Add(time.Hour)) {
		t.Error("an answered inquiry is never overdue")
	}
}
