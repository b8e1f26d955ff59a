package main

import (
	"io"
	"time"

	"github.com/cyberpub/site/tools/project"
	"github.com/fsnotify/fsnotify"
)

// settle is how long the data must stay unchanged before it is checked
// again: editors' save operations come as bursts of events.
const settle = 200 * time.Millisecond

// watchData checks the content again each time a file of data/, content/
// or i18n/ changes while the preview runs, so that problems show up in the
// terminal as the page reloads, and calls changed (when not nil) after each
// check. It returns a function that stops watching.
func watchData(p *project.Project, out io.Writer, changed func()) (stop func(), err error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	var dirs []string
	for _, top := range []string{"data", "content", "i18n"} {
		dirs = append(dirs, dirsUnder(p.Path(top))...)
	}
	for _, dir := range dirs {
		if err := w.Add(dir); err != nil {
			w.Close()
			return nil, err
		}
	}
	go func() {
		var timer <-chan time.Time
		for {
			select {
			case _, ok := <-w.Events:
				if !ok {
					return
				}
				timer = time.After(settle)
			case <-timer:
				report(p, true, false, out, out)
				if changed != nil {
					changed()
				}
			case _, ok := <-w.Errors:
				if !ok {
					return
				}
			}
		}
	}()
	return func() { w.Close() }, nil
}
