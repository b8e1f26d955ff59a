package main

import (
	"io"
	"time"

	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/timeline"
	"github.com/fsnotify/fsnotify"
)

// settle is how long the data must stay unchanged before it is checked
// again: editors' save operations come as bursts of events.
const settle = 200 * time.Millisecond

// watchData checks the data again each time a file of data/ changes while
// the preview runs, so that problems show up in the terminal as the page
// reloads. It returns a function that stops watching.
func watchData(p *project.Project, out io.Writer) (stop func(), err error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	for _, dir := range []string{"data", timeline.TimelinesDir} {
		if err := w.Add(p.Path(dir)); err != nil {
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
			case _, ok := <-w.Errors:
				if !ok {
					return
				}
			}
		}
	}()
	return func() { w.Close() }, nil
}
