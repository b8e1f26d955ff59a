package render

import (
	"fmt"
	"path/filepath"
)

// Output is what a completed build left in its destination, as its
// MarkerFile says: what site deploy publishes.
type Output struct {
	Dir string
	// Segment is the part of the site the build rendered, or empty for the
	// whole site.
	Segment string
	// Files are the files the build wrote, slash-separated, sorted; never
	// the marker itself, nor the files a publisher keeps there.
	Files []string
}

// ReadOutput reads what the build whose destination is dir wrote. It
// refuses a folder that holds no completed build: one without a marker,
// or a build's staging folder.
func ReadOutput(dir string) (*Output, error) {
	m, err := readMarker(dir)
	switch {
	case err != nil:
		return nil, fmt.Errorf("%s is not the output of a build: %w; build it again with site build", dir, err)
	case m == nil:
		return nil, fmt.Errorf("%s holds no build: it has no %s, which site build writes when it ends; run site build (--destination %s) first", dir, MarkerFile, dir)
	case m.Staging:
		return nil, fmt.Errorf("%s is a build in progress, or one that was stopped; deploy the folder the build was writing for (%s), after it ends", dir, m.Dest)
	}
	return &Output{Dir: dir, Segment: m.Segment, Files: m.Files}, nil
}

// LockOutput takes the lock a build of dest takes, so that no build
// replaces dest while it is read (a deploy), and returns its release.
// waiting, when set, is called when a build holds it, before waiting.
func LockOutput(dest string, waiting func()) (unlock func(), err error) {
	dest, err = filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	return lock(dest, waiting)
}
