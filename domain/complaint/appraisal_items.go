package complaint

import "time"

// Handled is a complaint as the appraisal counts it: acknowledged (Repo.AckTimeliness) or
// rated (Repo.SatisfactionAverage) by its owner.
type Handled struct {
	ID        int64
	StoreCode string
	// At is the acknowledgement or the rating, whichever the list is of.
	At        time.Time
	AckOnTime bool
	Rating    int
}
