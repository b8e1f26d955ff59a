//go:build unix

package render

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"golang.org/x/sys/unix"
)

// lockFile takes the exclusive lock of the open file f, waiting for it when
// another process holds it; busy is called first in that case. The lock
// dies with the process that holds it, however it ends.
func lockFile(f *os.File, busy func()) error {
	err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
	if err != unix.EWOULDBLOCK {
		return err
	}
	busy()
	return unix.Flock(int(f.Fd()), unix.LOCK_EX)
}

// mountPoint reports whether the folder dest is on another file system
// than its parent.
func mountPoint(dest string, info fs.FileInfo) bool {
	parent, err := os.Stat(filepath.Dir(dest))
	if err != nil {
		return false
	}
	d, ok1 := info.Sys().(*syscall.Stat_t)
	p, ok2 := parent.Sys().(*syscall.Stat_t)
	return ok1 && ok2 && d.Dev != p.Dev
}
