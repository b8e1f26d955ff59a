// Package render runs Hugo, in this process, on a site project: a build into
// a folder that is replaced whole or not at all, indexed for search by
// Pagefind, and the sites the preview (tools/preview) renders again as
// files change.
package render

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/cyberpub/site/tools/export"
	"github.com/cyberpub/site/tools/prepare"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/translation"
	"github.com/gohugoio/hugo/common/htime"
	"github.com/gohugoio/hugo/hugolib"
	"github.com/gohugoio/hugo/resources/page"
)

// BuildOptions are the choices a build makes beyond the project itself.
type BuildOptions struct {
	Minify bool // minify HTML, CSS and the rest, as published
	Quiet  bool // no build summary on standard output
	// ExtraConfig, when set, is a configuration file read after config.toml.
	ExtraConfig string
	// Search indexes the built site with Pagefind (see Pagefind), into its
	// pagefind/ folder.
	Search bool
	// Segment, when set, renders only that segment of config.toml.
	Segment string
	// Waiting, when set, is called when another build is writing the same
	// destination, before this one waits for it to end.
	Waiting func()
	// Now, when set, is the moment the build publishes as of: Hugo's
	// clock, which decides which pages are future ones.
	Now time.Time
	// Site is the site loaded and checked; when nil, Build loads it.
	Site *translation.Workspace
	// Signer, when set, signs the CSAF advisories (export.Options).
	Signer *export.Signer
}

// Build renders the site at root into dest. Hugo writes into a new folder
// beside dest, and only a successful build takes dest's place: a failed one
// leaves dest exactly as it was. dest must be a new or empty folder, or an
// earlier build's output (see CheckDestination); the files in it that the
// earlier build did not write are kept. One build at a time writes a
// destination: another one waits for it.
func Build(root, dest string, opts BuildOptions) error {
	dest, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	if err := CheckDestination(root, dest); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return err
	}
	unlock, err := lock(dest, opts.Waiting)
	if err != nil {
		return err
	}
	defer unlock()
	// Another build may have written dest while this one waited.
	if err := CheckDestination(root, dest); err != nil {
		return err
	}
	if err := removeLeftovers(dest); err != nil {
		return err
	}
	staging, err := newStaging(dest)
	if err != nil {
		return err
	}
	// After the swap, staging holds the previous output: it is marked as a
	// staging folder again first, so that a build stopped while removing
	// it leaves a folder the next one recognises and removes.
	defer func() {
		markStaging(staging, dest)
		os.RemoveAll(staging)
	}()

	extra := []string{opts.ExtraConfig}
	if !opts.Now.IsZero() {
		// Hugo's clock is its process's: set for this build alone, and
		// still, so that every page of the build sees one moment.
		previous := htime.Clock
		htime.Clock = stillClock(opts.Now)
		defer func() { htime.Clock = previous }()
	}
	if opts.Site == nil {
		if opts.Site, err = Load(root); err != nil {
			return err
		}
	}
	// The views are what the pages show of the data, as of the build's
	// moment: what it holds back is not in them.
	now := cmp.Or(opts.Now, time.Now())
	// In a folder of this build's own, in its staging folder (a build
	// stopped half-way leaves it where the next one removes it): another
	// build, or the preview, may be writing the project's.
	views := filepath.Join(staging, ".site-views")
	defer os.RemoveAll(views)
	if _, err := prepare.Write(opts.Site, prepare.Options{Now: now, Dir: views}); err != nil {
		return fmt.Errorf("cannot prepare the pages: %w; %s is unchanged", err, dest)
	}
	h, err := NewSites(root, SitesOptions{Destination: staging, Minify: opts.Minify, Segment: opts.Segment, ExtraConfig: extra, Log: os.Stderr, Views: views})
	if err == nil {
		err = h.Build(hugolib.BuildCfg{})
	}
	if err == nil {
		err = CopyStatic(h)
	}
	if err != nil {
		// A page's view is at the place of its file in the project: the
		// editor's, for a page written in Markdown.
		return fmt.Errorf("hugo: %s; %s is unchanged", strings.ReplaceAll(err.Error(), views+string(filepath.Separator), ""), dest)
	}
	if err := os.RemoveAll(views); err != nil {
		return err
	}
	if !opts.Quiet {
		h.PrintProcessingStats(os.Stdout)
	}
	// The other formats, where Hugo published their pages.
	if langs := segmentLanguages(opts.Site.Project, opts.Segment); langs != nil {
		err := export.Write(opts.Site.Site, hugoPages{h}, opts.Site.Site.HeldBack(now), staging, export.Options{Languages: langs, Minify: opts.Minify, Now: now, Signer: opts.Signer})
		if err != nil {
			return fmt.Errorf("%w; %s is unchanged", err, dest)
		}
	}
	// A segment is a part of the site, whose links lead to the other parts:
	// the whole site's links are checked.
	if opts.Segment == "" {
		// The address the site is published at, config.toml's baseURL.
		base, _ := opts.Site.Project.Config["baseURL"].(string)
		if _, broken, err := CheckLinks(staging, base); err != nil {
			return fmt.Errorf("cannot check the links of the site: %w; %s is unchanged", err, dest)
		} else if len(broken) > 0 {
			return fmt.Errorf("%w\n%s is unchanged", BrokenLinksError(broken), dest)
		}
	}
	if opts.Search {
		if err := Index(root, staging); err != nil {
			return fmt.Errorf("%w; %s is unchanged", err, dest)
		}
	}
	if err := finish(staging, dest, opts.Segment); err != nil {
		return fmt.Errorf("%w; %s is unchanged", err, dest)
	}
	return replace(staging, dest)
}

// lock takes the lock of the destination dest, a file beside it, and
// returns its release. waiting, when set, is called when another build
// holds it, before waiting for it.
func lock(dest string, waiting func()) (unlock func(), err error) {
	f, err := os.OpenFile(filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("cannot lock %s for this build: %w", dest, err)
	}
	if err := lockFile(f, func() {
		if waiting != nil {
			waiting()
		}
	}); err != nil {
		f.Close()
		return nil, fmt.Errorf("cannot lock %s for this build: %w", dest, err)
	}
	return func() { f.Close() }, nil
}

// segmentLanguages are the languages whose exports a segment of the site
// has: all of them for the whole site, one for a language's segment (named
// after it in config.toml), none for another (the HTML pages).
func segmentLanguages(p *project.Project, segment string) []string {
	if segment == "" {
		return p.Codes()
	}
	if _, ok := p.Language(segment); ok {
		return []string{segment}
	}
	return nil
}

// hugoPages are the pages of Hugo's built sites, for the exports.
type hugoPages struct{ h *hugolib.HugoSites }

func (hp hugoPages) Page(lang, path string) (export.Page, bool) {
	for _, s := range hp.h.Sites {
		if s.Language().Lang != lang {
			continue
		}
		// A page Hugo does not have is its NilPage.
		if p, err := s.GetPage(path); err == nil && p != page.NilPage {
			return export.Page{Permalink: p.Permalink(), RelPermalink: p.RelPermalink()}, true
		}
	}
	return export.Page{}, false
}

// Load reads the site at root, as Build needs it when it is not given
// (its problems are the check's to report).
func Load(root string) (*translation.Workspace, error) {
	p, problems := project.Open(root)
	if problems != nil {
		return nil, problems
	}
	ws, _ := translation.Load(p)
	return ws, nil
}

// stillClock is a clock that always says the same moment: the one a build
// publishes as of.
type stillClock time.Time

func (c stillClock) Now() time.Time                  { return time.Time(c) }
func (c stillClock) Since(t time.Time) time.Duration { return time.Time(c).Sub(t) }
func (c stillClock) Until(t time.Time) time.Duration { return t.Sub(time.Time(c)) }
func (c stillClock) Offset() time.Duration           { return time.Until(time.Time(c)) }
