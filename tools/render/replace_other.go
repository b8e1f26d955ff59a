//go:build !linux

package render

import (
	"fmt"
	"os"
)

// replace puts the folder next in the place of dest. Without an atomic
// exchange, dest is missing for the instant between the two renames, and
// next then holds the previous output.
func replace(next, dest string) error {
	old := next + ".old"
	if err := os.Rename(dest, old); err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("cannot move %s aside: %w", dest, err)
	}
	if err := os.Rename(next, dest); err != nil {
		os.Rename(old, dest)
		return fmt.Errorf("cannot put the new site in place of %s: %w", dest, err)
	}
	return os.Rename(old, next)
}
