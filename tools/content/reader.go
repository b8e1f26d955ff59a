package content

import (
	"bytes"
	"errors"
	"io/fs"
	"maps"
	"slices"

	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/model"
	"github.com/cyberpub/site/tools/project"
)

// A Reader loads a site again and again as its files change, as the
// preview does. It keeps what each file gave (its items with their values
// and texts, the references they make, its problems), and what each text's
// Markdown holds, and reads and checks again only what changed; what items
// say of each other, across files, is checked anew each time. Each load
// gives the same site and problems as Load would. The texts of the files
// that did not change are the same Texts from one load to the next.
type Reader struct {
	p *project.Project
	// units are what the files gave at the last load, by unit (unitKey).
	units map[string]*unit
	// markup is what each text held, as the site's shortcodes were then:
	// a text is the same Text while its unit of files is.
	markup     map[*Text]*textMarkups
	shortcodes []string

	// During a load: which load it is, the files changed (nil when any
	// may have), and the units it used, kept for the next.
	gen     int
	changed map[string]bool
	used    map[string]*unit
}

// NewReader returns a Reader of the project p. A change to the project
// itself (config.toml, the content model) needs a new one.
func NewReader(p *project.Project) *Reader {
	return &Reader{p: p, units: map[string]*unit{}, markup: map[*Text]*textMarkups{}}
}

// Load loads the site, knowing that, since the last load, only the files
// changed (slash-separated paths from the root) have changed; with
// changed nil, any may have, and every file is read again and compared.
// Folders are listed each time: files added or removed are seen whatever
// changed says.
func (r *Reader) Load(changed []string) (*Site, diag.List) {
	r.changed = nil
	if changed != nil {
		r.changed = map[string]bool{}
		for _, f := range changed {
			r.changed[f] = true
		}
	}
	r.gen++
	r.used = map[string]*unit{}
	site, problems := load(r.p, r)
	// What this load did not use is no longer the site's.
	r.units, r.used, r.changed = r.used, nil, nil
	for k, tm := range r.markup {
		if tm.gen != r.gen {
			delete(r.markup, k)
		}
	}
	return site, problems
}

// unit is what one unit of files gave: a data file (its item, or its items
// for a file of tables), or an item's pages in every language.
type unit struct {
	paths    []string         // the files it reads, there or not
	files    map[string]*File // those read, by path
	items    []*Item
	refs     []*Ref
	problems diag.List
	facts    []pageFacts
	// unreadable and unreadableFiles are the loader's, for these files.
	unreadable, unreadableFiles []string
}

// readUnit gives the unit of files paths, known by key: the last load's
// when none of its files changed, or what read does on a loader of its
// own.
func (l *loader) readUnit(key string, paths []string, read func(*loader)) {
	u := l.reuse(key, paths)
	if u == nil {
		sub := l.fresh()
		read(sub)
		u = sub.unit(paths)
	}
	l.use(key, u)
}

// use adds a unit of files to the site, and keeps it for the next load.
func (l *loader) use(key string, u *unit) {
	if l.r != nil {
		l.r.used[key] = u
	}
	l.merge(u)
}

// reuse returns the last load's unit of files paths, when none of them
// changed since.
func (l *loader) reuse(key string, paths []string) *unit {
	if l.r == nil {
		return nil
	}
	u := l.r.units[key]
	if u == nil || !slices.Equal(u.paths, paths) {
		return nil
	}
	for _, p := range paths {
		if l.r.changed != nil {
			if l.r.changed[p] {
				return nil
			}
			continue
		}
		src, err := l.p.ReadFile(p)
		f := u.files[p]
		switch {
		case errors.Is(err, fs.ErrNotExist) && f == nil && !slices.Contains(u.unreadableFiles, p):
		case err != nil || f == nil || !bytes.Equal(src, f.Src):
			return nil
		}
	}
	return u
}

// fresh returns a loader for one unit of files.
func (l *loader) fresh() *loader {
	sub := &loader{p: l.p, site: &Site{Project: l.p, Files: map[string]*File{}, byKind: map[string]map[string]*Item{}}, unreadable: map[string]bool{}, unreadableFiles: map[string]bool{}}
	for k := range l.site.byKind {
		sub.site.byKind[k] = map[string]*Item{}
	}
	return sub
}

// unit is what a loader of one unit of files gave.
func (l *loader) unit(paths []string) *unit {
	return &unit{paths: paths, files: l.site.Files, items: l.site.Items, refs: l.site.Refs, problems: l.problems, facts: l.facts,
		unreadable: slices.Sorted(maps.Keys(l.unreadable)), unreadableFiles: slices.Sorted(maps.Keys(l.unreadableFiles))}
}

// merge adds what a unit of files gave to the site, as if it had been
// read there.
func (l *loader) merge(u *unit) {
	for _, it := range u.items {
		l.site.Items = append(l.site.Items, it)
		l.site.byKind[it.Kind.Name][it.ID] = it
	}
	l.site.Refs = append(l.site.Refs, u.refs...)
	l.problems = append(l.problems, u.problems...)
	l.facts = append(l.facts, u.facts...)
	maps.Copy(l.site.Files, u.files)
	for _, k := range u.unreadable {
		l.unreadable[k] = true
	}
	for _, f := range u.unreadableFiles {
		l.unreadableFiles[f] = true
	}
}

// pagePaths are the files of an item's pages, one per language.
func pagePaths(p *project.Project, it *Item) []string {
	paths := make([]string, 0, len(p.Languages))
	for _, lang := range p.Codes() {
		paths = append(paths, it.PagePath(lang))
	}
	return paths
}

// textMarkup is what the checks read of a text in a language, whatever
// its place: its first bad character, and its Markdown (markup).
type textMarkup struct {
	bad   rune
	badAt int // -1 when there is none
	m     markup
}

// textMarkups are a text's readings, by language (the project's order),
// nil where it has none.
type textMarkups struct {
	langs []*textMarkup
	gen   int // the Reader's last load that read it
}

// readText reads text t's characters and Markdown in each language, with
// the site's shortcodes, or gives an earlier load's reading of the same
// text.
func (l *loader) readText(t *Text, shortcodes []string) []*textMarkup {
	if l.r != nil {
		if !slices.Equal(l.r.shortcodes, shortcodes) {
			l.r.markup, l.r.shortcodes = map[*Text]*textMarkups{}, shortcodes
		}
		if tm := l.r.markup[t]; tm != nil {
			tm.gen = l.r.gen
			return tm.langs
		}
	}
	langs := make([]*textMarkup, len(l.p.Languages))
	for i, lang := range l.p.Languages {
		s, ok := t.Values[lang.Code]
		if !ok {
			continue
		}
		tm := &textMarkup{m: readMarkup(s)}
		tm.bad, tm.badAt = BadCharacter(s)
		tm.m.problems = append(tm.m.problems, shortcodeProblems(s, shortcodes)...)
		slices.SortStableFunc(tm.m.problems, func(a, b markupProblem) int { return a.offset - b.offset })
		langs[i] = tm
	}
	if l.r != nil {
		l.r.markup[t] = &textMarkups{langs: langs, gen: l.r.gen}
	}
	return langs
}

// unitKey names the unit of an item's pages.
func unitKey(k *model.Kind, id string) string { return k.Name + "/" + id }
