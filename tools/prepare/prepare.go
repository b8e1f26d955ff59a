// Package prepare turns the loaded site into what Hugo shows: a content
// tree, one file per page and language, whose front matter holds the
// page's view (its texts in the page's language, its dates in words, the
// items it names and those naming it, a timeline's events sorted and
// grouped by year, the first uses of glossary terms marked). Hugo reads
// this tree (config.toml mounts it as the site's content) and never the
// data files: every derivation is made once, here.
package prepare

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/export"
	"github.com/cyberpub/site/tools/model"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/translation"
)

// Dir is the folder, in the project, the views are written into. It is
// made by the tool alone, and ignored by git.
const Dir = "prepared"

// marker names the file that says Dir is the tool's own, so that it never
// removes files from a folder it did not make.
const marker = ".site-prepared"

// Options say what the views are for.
type Options struct {
	// Preview shows drafts and items scheduled later, marked, and marks
	// outdated and missing translations.
	Preview bool
	// Now is the moment the build publishes as of: items held back then
	// are left out (but in the preview).
	Now time.Time
	// Dir is the folder the views are written into: by default the
	// project's Dir, which config.toml mounts; a build writes its own
	// (render.SitesOptions.Views), so that two builds, or a build and the
	// preview, never read each other's.
	Dir string
	// Changed are the files (from the project's root) that changed since
	// the last Write with the same Memory: only the views they can change
	// are made again. Nil, or without a Memory, makes them all.
	Changed []string
	Memory  *Memory
}

// Memory is what the preview keeps from one Write to the next: the items
// each item's view names, or is named by, and the files of items, as they
// were.
type Memory struct {
	deps  map[string][]string // "kind/id" → "kind/id"
	files map[string]bool
	// Made is how many views the last Write made (and compared with the
	// files it had written before).
	Made int
}

// Write writes the views of the site into the project's Dir. A file is
// written only when its bytes change, and the files of an earlier run that
// are no longer views are removed, so that Hugo, which tracks files one by
// one, renders again only the pages that changed. It returns the files it
// wrote or removed.
func Write(ws *translation.Workspace, o Options) ([]string, error) {
	p, err := newPreparer(ws, o)
	if err != nil {
		return nil, err
	}
	deps := p.deps()
	only := p.affected(deps)
	files, err := p.views(only)
	if err != nil {
		return nil, err
	}
	if o.Memory != nil {
		o.Memory.deps, o.Memory.files, o.Memory.Made = deps, map[string]bool{}, len(files)
		for _, it := range p.site.Items {
			for _, f := range it.Files {
				o.Memory.files[f.Path] = true
			}
		}
	}
	return writeFiles(cmp.Or(o.Dir, ws.Project.Path(Dir)), files, only == nil)
}

// Views returns the files of the views, by path under Dir.
func Views(ws *translation.Workspace, o Options) (map[string][]byte, error) {
	p, err := newPreparer(ws, o)
	if err != nil {
		return nil, err
	}
	return p.views(nil)
}

// key names an item across loads of the site.
func key(it *content.Item) string { return it.Kind.Name + "/" + it.ID }

// deps returns, for each item, the items its view names or is named by.
func (p *preparer) deps() map[string][]string {
	deps := map[string][]string{}
	link := func(a, b *content.Item) {
		deps[key(a)] = append(deps[key(a)], key(b))
		deps[key(b)] = append(deps[key(b)], key(a))
	}
	for to, refs := range p.refs {
		for _, r := range refs {
			link(r.From, to)
		}
	}
	for to, events := range p.naming {
		for _, e := range events {
			link(e.timeline, to)
		}
	}
	return deps
}

// affected returns the items whose views Options.Changed can change, or
// nil for all of them: a change to anything but the files of items with
// pages (a catalogue, the model, a glossary term or an organization, which
// other views quote, a bulletin, which the CSAF listings name) changes
// any view.
// deps are the items each item's view names or is named by now.
func (p *preparer) affected(deps map[string][]string) map[*content.Item]bool {
	o := p.opts
	if o.Memory == nil || o.Memory.deps == nil || o.Changed == nil {
		return nil
	}
	byFile := map[string][]*content.Item{}
	byKey := map[string]*content.Item{}
	for _, it := range p.site.Items {
		byKey[key(it)] = it
		for _, f := range it.Files {
			byFile[f.Path] = append(byFile[f.Path], it)
		}
	}
	csaf := map[*model.Kind]bool{}
	for _, d := range p.csaf {
		for _, a := range d.Advisories {
			csaf[a.Bulletin.Kind] = true
		}
	}
	only := map[*content.Item]bool{}
	for _, path := range o.Changed {
		edited := byFile[path]
		if len(edited) == 0 && !viewsIgnore(path) && !p.passing(path) {
			return nil
		}
		for _, it := range edited {
			if it.Kind.Section == "" || it.Kind.Termbase || csaf[it.Kind] {
				return nil
			}
			only[it] = true
			for _, k := range append(o.Memory.deps[key(it)], deps[key(it)]...) {
				if other := byKey[k]; other != nil {
					only[other] = true
				}
			}
		}
	}
	// The home page and the sections list every page, newest first.
	for _, it := range p.site.Items {
		if it.Kind == model.Sections {
			only[it] = true
		}
	}
	return only
}

// passing reports whether a changed file came and went between two
// writes, and was never an item's: an editor's temporary file, which it
// renames over the one it saves. Without this, every save with such an
// editor would make every view again.
func (p *preparer) passing(path string) bool {
	if p.opts.Memory.files[path] {
		return false
	}
	_, err := os.Lstat(p.project.Path(path))
	return errors.Is(err, fs.ErrNotExist)
}

// viewsIgnore reports whether no view reads a file: the presentation's
// (templates, assets, static files) are Hugo's alone.
func viewsIgnore(path string) bool {
	top, _, _ := strings.Cut(path, "/")
	return slices.Contains([]string{project.LayoutsDir, "assets", "static"}, top)
}

// views returns the files of the views of the items of only (of all, when
// nil), by path under Dir.
func (p *preparer) views(only map[*content.Item]bool) (map[string][]byte, error) {
	o := p.opts
	files := map[string][]byte{}
	// Each page on its own: the views are written on every core.
	var mu sync.Mutex
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, it := range p.site.Items {
		if p.held[it] != "" && !o.Preview || it.Kind.Section == "" && it.Kind != model.Sections || only != nil && !only[it] {
			continue
		}
		for _, l := range p.project.Languages {
			g.Go(func() error {
				path, data, err := p.page(it, l.Code)
				if err == nil && path != "" {
					mu.Lock()
					files[path] = data
					mu.Unlock()
				}
				return err
			})
		}
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if only != nil {
		return files, nil
	}
	for _, d := range p.csaf {
		if err := p.distribution(d, files); err != nil {
			return nil, err
		}
	}
	// Content that is not an item (the content adapter of the pages of
	// the site as a whole) goes as it is.
	err := fs.WalkDir(os.DirFS(p.project.Root), project.ContentDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(path, ".md") {
			return err
		}
		data, err := os.ReadFile(p.project.Path(path))
		files[path] = data
		return err
	})
	return files, err
}

// page returns the file of an item's page in a language: its path under
// Dir and its content; no path when the item has no page there (a page
// written in Markdown without a file in that language).
func (p *preparer) page(it *content.Item, lang string) (string, []byte, error) {
	path := project.ContentDir + "/" + it.Kind.Section + "/" + it.ID + "." + lang + ".md"
	body := ""
	if !hasPage(it, lang) {
		return "", nil, nil
	}
	if it.Kind.Store == model.PagePerItem {
		path = it.Files[lang].Path
	}
	v := p.view(it, lang)
	if b := v.Body; b != nil {
		body = b.MD
		b.MD = "" // the page's content: Hugo renders it
	}
	fm := frontMatter{Title: it.Title(lang), Slug: it.Address(lang), View: v}
	if t := it.Text("linkTitle"); t != nil {
		fm.LinkTitle = t.Values[lang]
	}
	var from *Text
	fm.Description, from = p.description(it, lang)
	if from != nil && from.Mark != "" {
		v.DescriptionText = &Text{Mark: from.Mark, ID: from.ID, From: from.From}
	}
	if t := it.Text(it.Kind.Title); t != nil && t.Values[lang] == "" {
		fm.Title = p.text(t, lang, false).MD
	}
	if d := it.Date("date"); d.Raw != "" {
		fm.Date = d.Raw
		fm.Lastmod = it.Lastmod().Raw
	}
	if at, ok := it.Values["publishDate"].(time.Time); ok {
		fm.PublishDate = at.Format(time.RFC3339)
	}
	fm.Draft = it.Draft()
	if it.Kind.Store != model.PagePerItem {
		// Hugo gives a page that has no file a sitemap priority of 0
		// unless told; -1 leaves it out, as for every other page.
		fm.Sitemap = map[string]any{"priority": -1}
	}
	if it.Kind == model.Sections {
		fm.Slug = ""
	}
	data, err := encode(fm, body)
	if err != nil {
		return "", nil, fmt.Errorf("%s: %w", path, err)
	}
	return path, data, nil
}

// encode writes a page: its front matter, as JSON, then its body.
func encode(fm frontMatter, body string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	// On one line: read by Hugo, not by people, and a third of the time
	// of writing the views went into indenting them.
	if err := enc.Encode(fm); err != nil {
		return nil, err
	}
	b.WriteString("\n")
	b.WriteString(body)
	return b.Bytes(), nil
}

// frontMatter is what Hugo reads of a page: its own keys, and the view.
type frontMatter struct {
	Title       string         `json:"title"`
	LinkTitle   string         `json:"linkTitle,omitempty"`
	Slug        string         `json:"slug,omitempty"`
	Description string         `json:"description,omitempty"`
	Date        string         `json:"date,omitempty"`
	Lastmod     string         `json:"lastmod,omitempty"`
	PublishDate string         `json:"publishDate,omitempty"`
	Draft       bool           `json:"draft,omitempty"`
	Sitemap     map[string]any `json:"sitemap,omitempty"`
	Outputs     []string       `json:"outputs,omitempty"`
	Build       map[string]any `json:"build,omitempty"`
	View        *View          `json:"view"`
}

// distribution adds the pages of a language's CSAF distribution (tools/
// export writes its files): the folder's listing, its advisories by year,
// and each year's folder's listing (CSAF 2.0, requirement 14). They are
// for tools and for those looking for them: in no list, sitemap or feed.
func (p *preparer) distribution(d export.Distribution, files map[string][]byte) error {
	say := p.say[d.Lang]
	var years []AdvisoryYear
	for _, a := range d.Advisories {
		if len(years) == 0 || years[len(years)-1].Year != a.Year() {
			years = append(years, AdvisoryYear{Year: a.Year()})
		}
		y := &years[len(years)-1]
		y.Advisories = append(y.Advisories, Advisory{File: export.DistributionFolder + a.Path, Name: path.Base(a.Path),
			Title: a.Bulletin.Title(d.Lang), Date: p.day(content.Date{Raw: a.Current().Format(time.DateOnly)}, d.Lang)})
	}
	slices.SortStableFunc(years, func(a, b AdvisoryYear) int { return strings.Compare(b.Year, a.Year) })
	title, err := say("csafTitle", nil, nil)
	if err != nil {
		return err
	}
	folder := project.ContentDir + "/" + strings.TrimSuffix(export.DistributionFolder, "/") + "/"
	unlisted := map[string]any{"disable": true}
	pages := map[string]frontMatter{
		"_index": {Title: title, View: &View{Kind: "csaf", Advisories: years}},
	}
	for _, y := range years {
		title, err := say("csafYear", nil, map[string]any{"Year": y.Year})
		if err != nil {
			return err
		}
		pages[y.Year] = frontMatter{Title: title, View: &View{Kind: "csaf", Advisories: []AdvisoryYear{y}},
			Build: map[string]any{"list": "never"}}
	}
	for name, fm := range pages {
		fm.Sitemap, fm.Outputs = unlisted, []string{"html"}
		data, err := encode(fm, "")
		if err != nil {
			return err
		}
		files[folder+name+"."+d.Lang+".md"] = data
	}
	return nil
}

// writeFiles writes files into dir, and when all, removes its files that
// are not among them.
func writeFiles(dir string, files map[string][]byte, all bool) ([]string, error) {
	mark := filepath.Join(dir, marker)
	// Written only into folders of its own: through a link, a view would
	// replace a file of someone else's (an editor's page).
	if info, err := os.Lstat(dir); err == nil && !info.IsDir() {
		return nil, fmt.Errorf("%s is not a folder: the views are written into a folder %s; move it away", dir, Dir)
	}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.Type()&fs.ModeSymlink != 0 {
			return fmt.Errorf("%s is a link: the views are written into folders of their own, never through a link; remove it", path)
		}
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		if _, err := os.Stat(mark); err != nil {
			return nil, fmt.Errorf("%s is not empty and was not made by site: move it away, or remove it, so that the views can be written there", dir)
		}
	}
	if err := project.WriteFile(mark, []byte("Written by site: the views Hugo reads. Do not edit; see tools/prepare.\n")); err != nil {
		return nil, err
	}
	var changed []string
	for _, path := range slices.Sorted(maps.Keys(files)) {
		full := filepath.Join(dir, filepath.FromSlash(path))
		if old, err := os.ReadFile(full); err == nil && bytes.Equal(old, files[path]) {
			continue
		}
		if err := project.WriteFile(full, files[path]); err != nil {
			return changed, err
		}
		changed = append(changed, full)
	}
	if !all {
		return changed, nil
	}
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path == mark {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if _, ok := files[filepath.ToSlash(rel)]; !ok {
			changed = append(changed, path)
			return os.Remove(path)
		}
		return nil
	})
	return changed, err
}
