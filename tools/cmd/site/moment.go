package main

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

// publicationMoment is the moment a command publishes as of, and what set
// it: at (site check --at), else SOURCE_DATE_EPOCH (seconds since 1970,
// the reproducible-builds convention: two builds of one commit with the
// same value are the same), else the clock.
func publicationMoment(at string) (time.Time, string, error) {
	if at != "" {
		for _, layout := range []string{time.DateOnly, time.RFC3339} {
			if t, err := time.Parse(layout, at); err == nil {
				return t.UTC(), "--at", nil
			}
		}
		if _, err := time.Parse("2006-01-02T15:04:05", at); err == nil {
			return time.Time{}, "", usageError(fmt.Sprintf("--at %q has an hour but no offset from UTC: add it, %s-05:00 for Ottawa's winter time, -04:00 in summer, or Z for UTC", at, at))
		}
		return time.Time{}, "", usageError(fmt.Sprintf("--at %q is not a day or a moment: write 2027-03-12, or 2027-03-12T09:00:00-05:00", at))
	}
	if epoch := os.Getenv("SOURCE_DATE_EPOCH"); epoch != "" {
		seconds, err := strconv.ParseInt(epoch, 10, 64)
		if err == nil && (seconds < 0 || seconds > 253402300799) { // after 9999-12-31: a mistake
			err = fmt.Errorf("out of range")
		}
		if err != nil {
			return time.Time{}, "", fmt.Errorf("SOURCE_DATE_EPOCH is %q, which is not a number of seconds since 1970; give one, like $(git log -1 --format=%%ct), or unset it to publish as of now", epoch)
		}
		return time.Unix(seconds, 0).UTC(), "SOURCE_DATE_EPOCH", nil
	}
	return time.Now().UTC().Truncate(time.Second), "the clock", nil
}
