package inquiry

import "time"

// Answered is an answered inquiry as the appraisal counts it (Repo.Timeliness): the
// records behind the reply-timeliness figure.
type Answered struct {
	ID         int64
	StoreCode  string
	AnsweredAt time.Time
	OnTime     bool
}
