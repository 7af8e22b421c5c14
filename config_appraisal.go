package main

import (
	"fmt"
	"time"
)

// EnvAppraisalTZ is the time zone of the appraisal calendar (the 1st at 09:00 prompts, the
// deadline and reminders); unset, the store's zone (STOREOPS_TZ).
const EnvAppraisalTZ = "STOREOPS_APPRAISAL_TZ"

// parseAppraisalTZ reads STOREOPS_APPRAISAL_TZ: nil when unset (the store's zone applies).
func parseAppraisalTZ(s string) (*time.Location, error) {
	if s == "" {
		return nil, nil
	}
	loc, err := time.LoadLocation(s)
	if err != nil {
		return nil, &ConfigError{EnvAppraisalTZ, fmt.Sprintf("unknown time zone %q (an IANA name like Asia/Shanghai)", s)}
	}
	return loc, nil
}

// appraisalTZName is how the log shows the appraisal zone.
func appraisalTZName(loc *time.Location) string {
	if loc == nil {
		return "(store zone)"
	}
	return loc.String()
}
