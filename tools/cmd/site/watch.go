package main

import (
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/project"
	"github.com/fsnotify/fsnotify"
)

// settle is how long the files must stay unchanged before the site is read
// again: editors' save operations come as bursts of events.
const settle = 200 * time.Millisecond

// watchData calls changed each time a file of data/, content/, i18n/ or
// assets/images/ changes while the preview runs, once the burst of
// changes settles. It returns a function that stops watching.
func watchData(p *project.Project, out io.Writer, changed func()) (stop func(), err error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	var dirs []string
	for _, top := range []string{project.DataDir, project.ContentDir, project.I18nDir, content.ImagesDir} {
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
				changed()
			case _, ok := <-w.Errors:
				if !ok {
					return
				}
			}
		}
	}()
	return func() { w.Close() }, nil
}

// dirsUnder returns dir and every folder below it.
func dirsUnder(root string) []string {
	var dirs []string
	filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			dirs = append(dirs, path)
		}
		return nil
	})
	return dirs
}
