// Package preview serves a site project on this computer while it is
// edited, as Hugo's own server does, with Hugo as a library: it loads the
// project's sites once, renders them into memory, and, each time files
// change, has its Source check and prepare them again, then has Hugo
// render again only the pages that depend on the files that changed, and
// reloads the browser (Hugo's livereload, whose script is a file of its
// own: the pages' Content-Security-Policy stays as strict as published).
//
// While the site has an error, from the check or from Hugo, every page is
// replaced by one that lists the problems as the terminal does; the pages
// come back when the files are fixed. Nothing is shown half-rendered.
package preview

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/gohugoio/hugo/common/types"
	"github.com/gohugoio/hugo/common/urls"
	"github.com/gohugoio/hugo/hugolib"
	"github.com/gohugoio/hugo/livereload"

	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/render"
)

// Source reads and checks a project's files for the preview, and writes
// what Hugo reads of them.
type Source interface {
	// Update reads the site again, knowing which of its files changed
	// since the last call (slash-separated paths from the root; nil on the
	// first call, when every file is read), and writes what Hugo reads.
	// An error (a diag.List, at best) is a problem with the project as a
	// whole (config.toml cannot be read) or with what Hugo reads (the
	// views cannot be written); it is shown as the site's problems are,
	// with what the Update has.
	Update(changed []string) (Update, error)
}

// Update is what a Source found.
type Update struct {
	// Problems are every problem of the site, as site check lists them.
	// While one is an error, the preview shows them instead of the pages.
	Problems diag.List
	// Written are the files the Source wrote for Hugo to read (absolute,
	// or slash-separated from the root): Hugo renders again the pages that
	// depend on them.
	Written []string
	// Languages are the site's language codes, the source first.
	Languages []string
	// Words gives the interface's messages, from the site's catalogues,
	// for the page of problems: a message in a language, with a count for
	// those that depend on one.
	Words func(lang, key string, count int) string
	// Reviews gives what the review pages show (/_review/): each item's
	// texts beside their translations. The preview calls it when one of
	// them is asked for, and only then.
	Reviews func() *Reviews
}

// Options say where the preview listens and what it shows.
type Options struct {
	Root   string
	Bind   string // the address to listen on
	Port   int    // 0 for any free port
	Source Source
	// Log receives what the terminal shows: Hugo's messages, and what each
	// change rebuilt.
	Log io.Writer
	// Report shows the problems of each check in the terminal; nil prints
	// them one a line.
	Report func(diag.List)
	// Inputs are the folders (from the root) whose files the Source reads
	// and writes again for Hugo (Update.Written): their own changes are
	// not given to Hugo.
	Inputs []string
	// Views is the folder of the views the Source writes, which Hugo reads
	// instead of the project's prepared/ (render.SitesOptions.Views): the
	// preview's, drafts and marks included, are never what a plain Hugo
	// run or a build reads.
	Views string
}

// Server is a running preview.
type Server struct {
	o    Options
	root string
	ln   net.Listener
	http *http.Server
	w    *watcher
	base urls.BaseURL // the address pages are served at

	// mu is held to build and read-held to serve a file, so that a page
	// is never served while Hugo writes it.
	mu       sync.RWMutex
	h        *hugolib.HugoSites // nil until the site renders
	closed   bool
	update   Update
	pending  []fsnotify.Event // changes Hugo has not rendered yet
	failed   diag.List        // Hugo's errors of the last build
	problems diag.List        // shown instead of the pages while one is an error
	headers  map[string]string
	// visited are the pages served lately: Hugo renders them again as
	// soon as something they depend on changes, and the others when they
	// are asked for (Hugo's fast render mode).
	visited *types.EvictingQueue[string]
}

// Start checks and renders the site, and serves it until Close.
func Start(o Options) (*Server, error) {
	root, err := filepath.Abs(o.Root)
	if err != nil {
		return nil, err
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	if o.Report == nil {
		o.Report = func(l diag.List) { l.Print(o.Log) }
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(o.Bind, strconv.Itoa(o.Port)))
	if err != nil {
		return nil, err
	}
	port := ln.Addr().(*net.TCPAddr).Port
	base, err := urls.NewBaseURLFromString(fmt.Sprintf("http://localhost:%d/", port))
	if err != nil {
		ln.Close()
		return nil, err
	}
	s := &Server{o: o, root: root, ln: ln, base: base, visited: types.NewEvictingQueue[string](20)}
	// Before the first change, which tells the browsers to reload.
	startLivereload()
	// Watching starts first, so that no change is lost between the first
	// check and the watch.
	if s.w, err = watch(root, s.changed); err != nil {
		ln.Close()
		return nil, err
	}
	s.mu.Lock()
	s.refresh(nil)
	s.mu.Unlock()
	s.http = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go s.http.Serve(ln)
	return s, nil
}

// URL is the address of the preview's home page.
func (s *Server) URL() string { return s.base.String() }

// Port is the port the preview listens on.
func (s *Server) Port() int { return s.ln.Addr().(*net.TCPAddr).Port }

// Close stops watching and serving, once the build under way ends.
func (s *Server) Close() error {
	s.w.close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := s.http.Shutdown(ctx)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	if s.h != nil {
		s.h.Close()
		s.h = nil
	}
	return err
}

var livereloadOnce sync.Once

// startLivereload starts the hub of Hugo's livereload, once per process:
// it is a single one, which every browser's connection joins.
func startLivereload() { livereloadOnce.Do(livereload.Initialize) }

// changed is called by the watcher with each settled burst of changes.
func (s *Server) changed(evs []fsnotify.Event) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.refresh(evs)
	s.mu.Unlock()
	livereload.ForceRefresh()
}

// refresh checks the site again after the changes evs (all of it when
// evs is nil), and renders what changed when the check finds no error.
// s.mu is held.
func (s *Server) refresh(evs []fsnotify.Event) {
	start := time.Now()
	var changed []string
	if evs != nil {
		changed = s.rel(evs)
	}
	up, err := s.o.Source.Update(changed)
	if err != nil {
		// Shown as the site's problems: the project cannot be read, or
		// what Hugo reads cannot be written.
		var list diag.List
		if !errors.As(err, &list) {
			list = diag.List{{Message: err.Error()}}
		}
		up.Problems = append(up.Problems, list...)
	}
	if up.Words == nil {
		up.Words = s.update.Words
	}
	if len(up.Languages) == 0 {
		up.Languages = s.update.Languages
	}
	checked := time.Since(start)
	s.o.Report(up.Problems)
	// Hugo's configuration changed: its sites are loaded again.
	reload := s.h == nil
	for _, ev := range evs {
		reload = reload || ev.Name == filepath.Join(s.root, project.ConfigFile)
	}
	s.update = up
	s.pending = append(s.pending, s.events(evs, up.Written)...)
	if up.Problems.Errors() > 0 {
		// Hugo renders nothing from files with errors: the pages would
		// show them half-way. The changes wait for the fix.
		s.problems = up.Problems
		fmt.Fprintf(s.o.Log, "site serve: the pages show the problems above (checked in %s)\n", ms(checked))
		return
	}
	var what string
	switch {
	case reload:
		what, err = "loaded and rendered the site", s.load()
	case len(s.pending) == 0 && len(s.failed) == 0:
		// Nothing Hugo reads changed (the same bytes saved again, an
		// editor's temporary file): given no change, Hugo would render
		// every page again.
		what = "nothing to render again"
	default:
		what, err = "rendered again", s.rebuild()
	}
	s.failed = s.asProblems(err)
	s.problems = nil
	if err != nil {
		s.problems = append(slices.Clone(up.Problems), s.failed...)
		s.problems.Sort()
		s.o.Report(s.failed)
		fmt.Fprintf(s.o.Log, "site serve: Hugo failed; the pages show why\n")
		return
	}
	s.pending = nil
	fmt.Fprintf(s.o.Log, "site serve: %s in %s (check %s)\n", what, ms(time.Since(start)), ms(checked))
}

// load loads Hugo's sites of the project again and renders them whole.
func (s *Server) load() error {
	if s.h != nil {
		s.h.Close()
		s.h = nil
	}
	h, err := render.NewSites(s.root, render.SitesOptions{Preview: true, Log: s.o.Log, Views: s.o.Views})
	if err != nil {
		return err
	}
	serveAt(h, s.base, s.o.Bind)
	if err := h.Build(hugolib.BuildCfg{}); err != nil {
		h.Close()
		return err
	}
	if err := render.CopyStatic(h); err != nil {
		h.Close()
		return err
	}
	s.h = h
	s.readHeaders()
	return nil
}

// serveAt makes Hugo's sites render pages for the preview at base, as
// Hugo's server command does once their configuration is loaded: their
// addresses at base, the livereload script in every page, and, as files
// change, the pages served lately rendered again at once and the others
// when they are asked for (fast render mode).
func serveAt(h *hugolib.HugoSites, base urls.BaseURL, bind string) {
	for _, c := range h.Configs.LanguageConfigMap {
		c.C.SetServerInfo(base, base, bind)
		c.Internal.FastRenderMode = true
	}
}

// rebuild has Hugo render again what depends on the pending changes.
func (s *Server) rebuild() error {
	evs := s.pending
	// The files of Hugo's last errors are read again, as Hugo's server
	// does, whatever changed.
	for _, p := range s.failed {
		if p.File != "" && p.File != project.ConfigFile {
			evs = append(evs, fsnotify.Event{Name: filepath.Join(s.root, filepath.FromSlash(p.File)), Op: fsnotify.Write})
		}
	}
	if err := s.h.Build(hugolib.BuildCfg{RecentlyTouched: s.visited}, evs...); err != nil {
		return err
	}
	for _, ev := range evs {
		if strings.HasPrefix(ev.Name, filepath.Join(s.root, "static")+string(filepath.Separator)) {
			if err := render.CopyStatic(s.h); err != nil {
				return err
			}
			s.readHeaders()
			break
		}
	}
	return nil
}

// renderPage has Hugo render the page at path, if it changed since it
// was last rendered. s.mu is held.
func (s *Server) renderPage(path string) error {
	one := types.NewEvictingQueue[string](1)
	one.Add(path)
	return s.h.Build(hugolib.BuildCfg{RecentlyTouched: one, PartialReRender: true})
}

// events are the changes evs and the files written for Hugo, one event a
// file: its removal when it is no longer there, else its writing.
func (s *Server) events(evs []fsnotify.Event, written []string) []fsnotify.Event {
	names := make([]string, 0, len(evs)+len(written))
	for _, ev := range evs {
		names = append(names, ev.Name)
	}
	for _, f := range written {
		names = append(names, s.abs(f))
	}
	var out []fsnotify.Event
	seen := map[string]bool{}
	for _, name := range names {
		if seen[name] || s.isInput(name) {
			continue
		}
		seen[name] = true
		op := fsnotify.Write
		if _, err := os.Stat(name); err != nil {
			op = fsnotify.Remove
		}
		out = append(out, fsnotify.Event{Name: name, Op: op})
	}
	return out
}

// abs is the absolute path of a file a Source names.
func (s *Server) abs(f string) string {
	if filepath.IsAbs(f) {
		return f
	}
	return filepath.Join(s.root, filepath.FromSlash(f))
}

// isInput says whether a file is in one of the Source's input folders.
func (s *Server) isInput(name string) bool {
	for _, dir := range s.o.Inputs {
		if strings.HasPrefix(name, s.abs(dir)+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// rel returns the files of evs as paths from the root.
func (s *Server) rel(evs []fsnotify.Event) []string {
	changed := make([]string, 0, len(evs))
	for _, ev := range evs {
		if r, err := filepath.Rel(s.root, ev.Name); err == nil && !slices.Contains(changed, filepath.ToSlash(r)) {
			changed = append(changed, filepath.ToSlash(r))
		}
	}
	return changed
}

// asProblems makes Hugo's error a list of problems, each at its place.
func (s *Server) asProblems(err error) diag.List {
	if err == nil {
		return nil
	}
	return hugoProblems(s.root, err)
}

// ms writes a duration in milliseconds.
func ms(d time.Duration) string { return strconv.FormatInt(d.Milliseconds(), 10) + " ms" }
