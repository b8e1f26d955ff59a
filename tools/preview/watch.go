package preview

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// settle is how long the files must stay unchanged before the preview
// reads them: an editor's save is a burst of events (a temporary file
// written, renamed over the file, its mode set), all within a millisecond
// or two. Hugo's own server waits 500 ms.
const settle = 5 * time.Millisecond

// watched are the folders of a project whose files the preview reads, or
// Hugo does; the project's own settings, at its root, are watched too.
var watched = []string{"content", "data", "i18n", "layouts", "assets", "static"}

// watcher gathers the changes to a project's files while the preview runs,
// and calls changed once each burst of them settles. A change that comes
// while changed runs is kept for its next call.
type watcher struct {
	root    string
	fs      *fsnotify.Watcher
	changed func([]fsnotify.Event)

	mu      sync.Mutex
	pending []fsnotify.Event
	ready   chan struct{} // a burst has settled
	done    chan struct{}
}

// watch starts watching the project at root.
func watch(root string, changed func([]fsnotify.Event)) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{root: root, fs: fw, changed: changed, ready: make(chan struct{}, 1), done: make(chan struct{})}
	if err := fw.Add(root); err != nil {
		fw.Close()
		return nil, err
	}
	for _, dir := range watched {
		if err := w.addTree(filepath.Join(root, dir)); err != nil {
			fw.Close()
			return nil, err
		}
	}
	go w.gather()
	go w.deliver()
	return w, nil
}

// addTree watches dir and every folder below it; a missing dir is none.
func (w *watcher) addTree(dir string) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		switch {
		case os.IsNotExist(err):
			return nil
		case err != nil:
			return err
		case d.IsDir():
			return w.fs.Add(path)
		}
		return nil
	})
}

// gather collects events, and says a burst is ready once none came for
// settle.
func (w *watcher) gather() {
	quiet := time.NewTimer(time.Hour)
	quiet.Stop()
	for {
		select {
		case ev, ok := <-w.fs.Events:
			if !ok {
				close(w.done)
				return
			}
			if !w.relevant(ev) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				// A new folder (a new section, a copied tree) is watched
				// from now on, and its files are changes too.
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					w.addTree(ev.Name)
					w.add(filesUnder(ev.Name)...)
				}
			}
			w.add(ev)
			quiet.Reset(settle)
		case <-quiet.C:
			select {
			case w.ready <- struct{}{}:
			default: // already said, not yet taken
			}
		case _, ok := <-w.fs.Errors:
			if !ok {
				close(w.done)
				return
			}
		}
	}
}

func (w *watcher) add(evs ...fsnotify.Event) {
	w.mu.Lock()
	w.pending = append(w.pending, evs...)
	w.mu.Unlock()
}

// deliver calls changed with what has gathered, one call at a time.
func (w *watcher) deliver() {
	for {
		select {
		case <-w.ready:
		case <-w.done:
			return
		}
		w.mu.Lock()
		evs := w.pending
		w.pending = nil
		w.mu.Unlock()
		if len(evs) > 0 {
			w.changed(evs)
		}
	}
}

// relevant says whether an event is a change to a file the site is made
// from: not a mode change alone (editors set it after writing), not an
// editor's temporary or backup file, and, at the root, only a setting.
func (w *watcher) relevant(ev fsnotify.Event) bool {
	if ev.Op == fsnotify.Chmod || ev.Name == "" {
		return false
	}
	base := filepath.Base(ev.Name)
	ext := filepath.Ext(base)
	switch {
	case strings.HasSuffix(base, "~"), ext == ".swp", ext == ".swx", ext == ".tmp", ext == ".bck",
		base == "4913", strings.HasPrefix(base, ".#"), strings.HasPrefix(base, "#"),
		strings.HasPrefix(ext, ".goutputstream"), strings.HasPrefix(ext, ".sb-"),
		strings.HasSuffix(ext, "jb_old___"), strings.HasSuffix(ext, "jb_tmp___"), strings.HasSuffix(ext, "jb_bak___"),
		base == ".DS_Store":
		return false
	case filepath.Dir(ev.Name) == w.root:
		// At the root: its settings (config.toml, the translation state),
		// and the watched folders when they are made or removed.
		return ext == ".toml" || isWatched(base)
	}
	return true
}

func isWatched(name string) bool {
	for _, dir := range watched {
		if name == dir {
			return true
		}
	}
	return false
}

// filesUnder returns a creation event for each file under dir.
func filesUnder(dir string) []fsnotify.Event {
	var evs []fsnotify.Event
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			evs = append(evs, fsnotify.Event{Name: path, Op: fsnotify.Create})
		}
		return nil
	})
	return evs
}

func (w *watcher) close() {
	w.fs.Close()
	<-w.done
}
