package render

import (
	"io/fs"
	"os"

	"golang.org/x/sys/windows"
)

// lockFile takes the exclusive lock of the open file f, waiting for it when
// another process holds it; busy is called first in that case. The lock
// dies with the process that holds it, however it ends.
func lockFile(f *os.File, busy func()) error {
	h := windows.Handle(f.Fd())
	overlapped := new(windows.Overlapped)
	err := windows.LockFileEx(h, windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, overlapped)
	if err != windows.ERROR_LOCK_VIOLATION {
		return err
	}
	busy()
	return windows.LockFileEx(h, windows.LOCKFILE_EXCLUSIVE_LOCK, 0, 1, 0, overlapped)
}

// mountPoint: a build on Windows finds a mounted folder refused by the
// rename that puts the new site in place, and says so then.
func mountPoint(string, fs.FileInfo) bool { return false }
