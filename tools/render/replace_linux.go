package render

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// replace puts the folder next in the place of dest in one step: when dest
// exists the two are exchanged atomically, so that readers of dest never see
// it missing or half-written, and next then holds the previous output.
func replace(next, dest string) error {
	err := unix.Renameat2(unix.AT_FDCWD, next, unix.AT_FDCWD, dest, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.ENOENT) {
		err = os.Rename(next, dest)
	}
	if err != nil {
		return fmt.Errorf("cannot put the new site in place of %s: %w", dest, err)
	}
	return nil
}
