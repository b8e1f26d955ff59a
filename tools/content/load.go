package content

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/frontmatter"
	"github.com/cyberpub/site/tools/model"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/tomlfile"
	"time"
)

// Load reads every file of every kind of the model once, checks each
// against its kind's fields, then checks what items say of each other. It
// returns the site and every problem found, in file order.
func Load(p *project.Project) (*Site, diag.List) { return load(p, nil) }

// load loads the site of p, reusing through r, when it is not nil, what
// the files that did not change gave at its last load.
func load(p *project.Project, r *Reader) (*Site, diag.List) {
	l := &loader{p: p, r: r, site: &Site{Project: p, Files: map[string]*File{}, byKind: map[string]map[string]*Item{}}, unreadable: map[string]bool{}, unreadableFiles: map[string]bool{}}
	for _, k := range append(slices.Clone(p.Model.Kinds), model.Sections) {
		l.site.byKind[k.Name] = map[string]*Item{}
	}
	for _, k := range p.Model.Kinds {
		switch k.Store {
		case model.FilePerItem:
			l.filePerItem(k)
		case model.TablePerItem:
			l.tablePerItem(k)
		case model.PagePerItem:
			l.pagePerItem(k)
		}
	}
	l.sections()
	l.strayPages()
	l.checkRefs()
	l.checkFacts()
	l.checkAddresses()
	l.checkWords()
	l.checkMarkup()
	l.problems.Sort()
	return l.site, l.problems
}

type loader struct {
	p        *project.Project
	r        *Reader // nil when every file is read
	site     *Site
	problems diag.List
	// unreadable are the files that could not be decoded, by kind and id
	// ("timeline/t"), or by kind alone for a file of tables ("measure/"):
	// references to their items are not reported as unknown.
	unreadable map[string]bool
	// unreadableFiles are the files that are there but could not be read
	// (too large, a folder): their problem is that, and only that.
	unreadableFiles map[string]bool
	// facts are the values of a page's files after its first, to compare
	// with the first's once every value is checked.
	facts []pageFacts
}

type pageFacts struct {
	item        *Item
	first, file *File
	record      *Record
}

// add records a problem at a place.
func (l *loader) add(kind diag.Kind, at Place, subject, message, hint string) {
	line, col := at.Position()
	l.problems = append(l.problems, diag.Problem{File: at.File.Path, Line: line, Col: col, Subject: subject, Message: message, Hint: hint, Kind: kind})
}

// read reads a file of the project. A missing file is not a problem: the
// callers know whether one is needed.
func (l *loader) read(rel string) (*File, bool) {
	src, err := l.p.ReadFile(rel)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false
	}
	if err != nil {
		l.problems = append(l.problems, project.ReadProblem(rel, err))
		l.unreadableFiles[rel] = true
		return nil, false
	}
	f := &File{Path: rel, Src: src}
	l.site.Files[rel] = f
	return f, true
}

// decode reads a data file's TOML.
func (l *loader) decode(f *File) bool {
	doc, prob := tomlfile.Decode(f.Path, f.Src)
	if prob != nil {
		l.problems = append(l.problems, *prob)
		return false
	}
	f.TOML = doc
	return true
}

func (l *loader) newItem(k *model.Kind, id string) *Item {
	it := &Item{Kind: k, ID: id, Record: &Record{Values: map[string]any{}}, Files: map[string]*File{}}
	l.site.Items = append(l.site.Items, it)
	l.site.byKind[k.Name][id] = it
	return it
}

// decodeAll decodes files as TOML, on every processor: an archive has
// hundreds of them. It returns the problem of each file that cannot be
// decoded; files[i] may be nil (unreadable), and is then left alone.
func decodeAll(files []*File) []*diag.Problem {
	problems := make([]*diag.Problem, len(files))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(files); i = int(next.Add(1)) - 1 {
				if f := files[i]; f != nil {
					doc, prob := tomlfile.Decode(f.Path, f.Src)
					if prob == nil {
						f.TOML = doc
					}
					problems[i] = prob
				}
			}
		})
	}
	wg.Wait()
	return problems
}

// filePerItem reads data/FOLDER/{id}.toml: one file per item. The files
// read again are decoded on every processor first.
func (l *loader) filePerItem(k *model.Kind) {
	names := l.files(k.Dir(), ".toml")
	units := make([]*unit, len(names))
	subs := make([]*loader, len(names))
	files := make([]*File, len(names))
	for i, name := range names {
		path := k.Path(strings.TrimSuffix(name, ".toml"), "")
		if units[i] = l.reuse(path, []string{path}); units[i] != nil {
			continue
		}
		subs[i] = l.fresh()
		if f, ok := subs[i].read(path); ok {
			files[i] = f
		}
	}
	decoded := decodeAll(files)
	for i, name := range names {
		id := strings.TrimSuffix(name, ".toml")
		path := k.Path(id, "")
		if units[i] == nil {
			subs[i].dataFile(k, id, files[i], decoded[i])
			units[i] = subs[i].unit([]string{path})
		}
		l.use(path, units[i])
	}
}

// dataFile reads the item of a data file f, read and decoded (with the
// problem prob when it could not be).
func (l *loader) dataFile(k *model.Kind, id string, f *File, prob *diag.Problem) {
	if f == nil || prob != nil {
		if prob != nil {
			l.problems = append(l.problems, *prob)
		}
		l.unreadable[k.Name+"/"+id] = true
		return
	}
	if hint := model.NameProblem(id); hint != "" {
		l.add(diag.Invalid, Place{File: f}, "", fmt.Sprintf("the file name %q cannot be a %s id", id, k.Noun()), "rename the file: "+hint)
	}
	it := l.newItem(k, id)
	it.Files[""] = f
	l.record(walk{item: it, file: f, key: []string{}, noun: k.Noun()}, it.Record, k.Fields, f.TOML.Data)
}

// tablePerItem reads data/FILE.toml: one [id] table per item.
func (l *loader) tablePerItem(k *model.Kind) {
	l.readUnit(k.Files, []string{k.Files}, func(sub *loader) { sub.tables(k) })
}

// tables reads the items of a file of tables.
func (l *loader) tables(k *model.Kind) {
	f, ok := l.read(k.Files)
	if ok && !l.decode(f) {
		l.unreadable[k.Name+"/"] = true
	}
	if f == nil || f.TOML == nil {
		return
	}
	for _, id := range slices.Sorted(maps.Keys(f.TOML.Data)) {
		subject := fmt.Sprintf("%s %q", k.Noun(), id)
		table, ok := f.TOML.Data[id].(map[string]any)
		if !ok {
			l.add(diag.Invalid, Place{File: f, Key: []string{id}}, subject, fmt.Sprintf("expected a table of the %s's fields, found %s", k.Noun(), describe(f.TOML.Data[id])),
				fmt.Sprintf("write [%s] on a line of its own, then its fields", id))
			continue
		}
		if hint := model.NameProblem(id); hint != "" {
			l.add(diag.Invalid, Place{File: f, Key: []string{id}}, subject, fmt.Sprintf("the id %q cannot be part of an address", id), hint)
		}
		it := l.newItem(k, id)
		it.Files[""] = f
		l.record(walk{item: it, file: f, key: []string{id}, subject: subject, noun: k.Noun()}, it.Record, k.Fields, table)
	}
}

// files returns the names of the files of a folder that end with ext; a
// missing folder has none.
func (l *loader) files(dir, ext string) []string {
	entries, err := fs.ReadDir(l.p.FS, dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		l.problems = append(l.problems, diag.Problem{File: dir, Message: fmt.Sprintf("cannot read the folder: %v", err)})
	}
	var names []string
	for _, e := range entries {
		// A folder named as a file is read too, and refused: not ignored.
		if strings.HasSuffix(e.Name(), ext) {
			names = append(names, e.Name())
		}
	}
	return names
}

// pagePerItem reads content/SECTION/{id}.{lang}.md: one Markdown page per
// item and language.
func (l *loader) pagePerItem(k *model.Kind) {
	byName := map[string]map[string]string{} // name → language → file
	for _, file := range l.files(k.Dir(), ".md") {
		if strings.HasPrefix(file, "_index.") {
			continue
		}
		rel := k.Dir() + "/" + file
		name, lang, ok := strings.Cut(strings.TrimSuffix(file, ".md"), ".")
		if _, known := l.p.Language(lang); !ok || !known || strings.Contains(lang, ".") {
			l.site.Files[rel] = &File{Path: rel} // reported here, not as a stray page
			message := "the file name does not say its language"
			if ok {
				message = fmt.Sprintf("the file name says its language is %q, which is not a language of the site", lang)
			}
			l.problems = append(l.problems, diag.Problem{File: rel, Message: message,
				Hint: fmt.Sprintf("name it %s.%s.md, beside its counterparts in the other languages", name, l.p.Source().Code)})
			continue
		}
		if byName[name] == nil {
			byName[name] = map[string]string{}
		}
		byName[name][lang] = rel
		// A page's file name is its id and its address: the same rule as
		// data ids, for each file, which must be renamed.
		if hint := model.NameProblem(name); hint != "" {
			l.problems = append(l.problems, diag.Problem{File: rel, Message: fmt.Sprintf("the file name %q cannot be a %s id", name, k.Noun()), Hint: "rename the file: " + hint})
		}
	}
	for _, name := range slices.Sorted(maps.Keys(byName)) {
		it := &Item{Kind: k, ID: name}
		l.readUnit(unitKey(k, name), pagePaths(l.p, it), func(sub *loader) { sub.page(sub.newItem(k, name)) })
	}
}

// sections reads the pages that introduce the home page and each section:
// content/_index.LANG.md and content/SECTION/_index.LANG.md.
func (l *loader) sections() {
	ids := []string{model.Home}
	for _, k := range l.p.Model.Kinds {
		if k.Section != "" {
			ids = append(ids, k.Section)
		}
	}
	for _, id := range ids {
		l.readUnit(unitKey(model.Sections, id), pagePaths(l.p, &Item{Kind: model.Sections, ID: id}), func(sub *loader) {
			it := sub.newItem(model.Sections, id)
			if !sub.page(it) {
				sub.problems = append(sub.problems, diag.Problem{File: it.PagePath(l.p.Source().Code),
					Message: fmt.Sprintf("the %s page is missing: it gives the section its title in each language", id),
					Hint:    fmt.Sprintf("write it and its counterparts with title = \"…\" between +++ lines; site new %s writes them", l.kindOfSection(id))})
			}
		})
	}
}

func (l *loader) kindOfSection(section string) string {
	if k := l.p.Model.KindOfSection(section); k != nil {
		return k.Name + " NAME"
	}
	return "KIND NAME"
}

// page reads an item's page in each language, any of which may be
// missing, and reports whether any was there.
func (l *loader) page(it *Item) bool {
	var present []*File
	unreadable := map[string]bool{} // by language: there, but not read
	for _, lang := range l.p.Codes() {
		f, ok := l.read(it.PagePath(lang))
		if !ok {
			if l.unreadableFiles[it.PagePath(lang)] {
				unreadable[lang] = true
				l.unreadable[it.Kind.Name+"/"+it.ID] = true
			}
			continue
		}
		f.Lang = lang
		it.Files[lang] = f
		present = append(present, f)
		split, prob := frontmatter.Split(f.Src)
		if prob != nil {
			l.problems = append(l.problems, diag.Problem{File: f.Path, Line: prob.Line, Col: 1, Message: prob.Message, Hint: prob.Hint})
			continue
		}
		f.Page = &split
		doc, dprob := tomlfile.DecodePart(f.Path, f.Src, split.Start, split.End)
		if dprob != nil {
			l.problems = append(l.problems, *dprob)
			continue
		}
		f.TOML = doc
		record := it.Record
		if len(present) > 1 { // the values of the first file are the item's
			record = &Record{Values: map[string]any{}}
		}
		l.record(walk{item: it, file: f, key: []string{}, lang: lang, noun: it.Kind.Noun()}, record, it.Kind.Fields, doc.Data)
		if record != it.Record {
			l.facts = append(l.facts, pageFacts{it, present[0], f, record})
		}
	}
	if len(present) == 0 {
		delete(l.site.byKind[it.Kind.Name], it.ID)
		l.site.Items = slices.DeleteFunc(l.site.Items, func(x *Item) bool { return x == it })
		return len(unreadable) > 0 // there, if not read: not missing
	}
	for _, lang := range l.p.Languages {
		if it.Files[lang.Code] == nil && !unreadable[lang.Code] {
			l.add(diag.TranslationGap, Place{File: present[0]}, "", fmt.Sprintf("the page has no %s counterpart", lang),
				fmt.Sprintf("write %s beside it", it.PagePath(lang.Code)))
		}
	}
	l.completePage(it)
	l.completeLists(it)
	return true
}

// checkFacts checks that a page's file in another language has the same
// facts as the first one: every value that is not a text or an address
// (dates, references). Only texts are translated. A value already found
// wrong (an unknown id) is reported once, as that.
func (l *loader) checkFacts() {
	reported := map[diag.Problem]bool{}
	for _, p := range l.problems {
		reported[diag.Problem{File: p.File, Line: p.Line}] = true
	}
	for _, pf := range l.facts {
		firstLang, _ := l.p.Language(pf.first.Lang)
		for _, field := range pf.item.Kind.Fields {
			if field.Translated() || field.Type == model.Slug {
				continue
			}
			want, got := pf.item.Record.Values[field.Name], pf.record.Values[field.Name]
			if slices.Contains(model.Publishing, field) && (want == nil) != (got == nil) {
				// A draft or a date in one language's file alone would
				// publish the page in the other language only.
				which, other := pf.file, pf.first // the file that has it
				if got == nil {
					which, other = other, which
				}
				l.add(diag.Invalid, Place{File: which, Key: []string{field.Name}}, "", fmt.Sprintf("%s is in %s and not in %s: the page would be published in some of its languages and not in others", field.Name, which.Path, other.Path),
					"a page's facts are the same in every language: write it in every language's file, or in none")
				continue
			}
			if want == nil || got == nil || reflect.DeepEqual(want, got) {
				continue
			}
			key, hint := []string{field.Name}, fmt.Sprintf("write %s = %s, as in %s, or correct both if the %s is the one that is wrong", field.Name, facts(want), firstLang.Name, firstLang.Name)
			message := fmt.Sprintf("%s is not the same as in %s", field.Name, pf.first.Path)
			if wants, ok := want.([]*Record); ok {
				gots, _ := got.([]*Record)
				// A list of records: its texts are translated, its other
				// values (an address, a date) are facts.
				i, f := recordsDiffer(field.Record.Fields, wants, gots)
				switch {
				case f == nil && len(wants) == len(gots):
					continue // the same facts; only texts differ
				case i == len(gots):
					hint = fmt.Sprintf("write the same %s, in the same order, as in %s: it has %d", field.Name, firstLang.Name, len(wants))
				case f == nil:
					key = []string{field.Name, strconv.Itoa(i)}
					message = fmt.Sprintf("%s is not in %s", model.ElemPath(field.Name, "", i), pf.first.Path)
					hint = fmt.Sprintf("write the same %s, in the same order, as in %s: it has %d", field.Name, firstLang.Name, len(wants))
				default:
					key = []string{field.Name, strconv.Itoa(i), f.Name}
					message = fmt.Sprintf("%s is not the same as in %s", model.FieldPath(model.ElemPath(field.Name, "", i), f.Name), pf.first.Path)
					hint = fmt.Sprintf("write %s = %s, as in %s, or correct both if the %s is the one that is wrong", f.Name, facts(wants[i].Values[f.Name]), firstLang.Name, firstLang.Name)
				}
			}
			at := Place{File: pf.file, Key: key} // located only now: positions cost
			if line, _ := at.Position(); reported[diag.Problem{File: pf.file.Path, Line: line}] {
				continue
			}
			l.add(diag.Invalid, at, "", message, "a page's facts are the same in every language: "+hint)
		}
	}
}

// recordsDiffer returns where two lists of records differ in a fact: the
// index of the first record that differs and its field, nil when one list
// ends there (i is then the shorter one's length).
func recordsDiffer(fields []*model.Field, want, got []*Record) (int, *model.Field) {
	for i := range min(len(want), len(got)) {
		for _, f := range fields {
			if !f.Translated() && !reflect.DeepEqual(want[i].Values[f.Name], got[i].Values[f.Name]) {
				return i, f
			}
		}
	}
	return min(len(want), len(got)), nil
}

// facts writes a value as TOML does, for hints.
func facts(v any) string {
	switch v := v.(type) {
	case Date:
		return v.Raw
	case []Date:
		raws := make([]string, len(v))
		for i, d := range v {
			raws[i] = d.Raw
		}
		return "[" + strings.Join(raws, ", ") + "]"
	case []string:
		quoted := make([]string, len(v))
		for i, s := range v {
			quoted[i] = tomlfile.Quote(s)
		}
		return "[" + strings.Join(quoted, ", ") + "]"
	case string:
		return tomlfile.Quote(v)
	case time.Time:
		if v.Equal(v.Truncate(24*time.Hour)) && v.Location() == time.UTC {
			return v.Format(time.DateOnly)
		}
		return v.Format(time.RFC3339)
	}
	return fmt.Sprint(v)
}

// completePage checks, once every language's file of a page is read, that
// each of its texts is in each of them.
func (l *loader) completePage(it *Item) {
	for _, f := range it.Kind.Fields {
		if !f.Translated() {
			continue
		}
		t := it.Text(f.Name)
		for _, lang := range l.p.Languages {
			file := it.Files[lang.Code]
			if file == nil || file.TOML == nil {
				continue
			}
			s, given := t.Values[lang.Code]
			_, written := t.At[lang.Code]
			switch {
			case strings.TrimSpace(s) != "":
			case written && !given: // written with the wrong type: reported where it was read
			case f.Type == model.Body && f.Required:
				l.add(t.gapKind(), Place{File: file, Body: true}, "", "the page has no text", "write it in Markdown below the +++ line")
			case f.Type == model.Body:
			case given:
				l.add(t.gapKind(), t.At[lang.Code], "", f.Name+" is empty", "write it between the quotes, or remove the line if it is optional")
			case t.gapKind() == diag.TranslationGap:
				l.add(diag.TranslationGap, Place{File: file, Key: []string{}}, "", fmt.Sprintf("the front matter has no %s; its %s is in the other languages' files", f.Name, f.Name),
					fmt.Sprintf("add %s = \"…\" in %s", f.Name, lang.Name))
			case f.Required:
				l.add(diag.Invalid, Place{File: file, Key: []string{}}, "", fmt.Sprintf("the front matter has no %s", f.Name), "add "+example(f, true, l.p.Codes()))
			}
		}
	}
}

// completeLists checks, once every language's file of a page is read, that
// each text of its lists (a source's title) is in each of them.
func (l *loader) completeLists(it *Item) {
	for _, t := range it.Texts {
		if t == it.Text(t.Field.Name) {
			continue // the page's own field: see completePage
		}
		for _, lang := range l.p.Languages {
			file := it.Files[lang.Code]
			s, given := t.Values[lang.Code]
			_, written := t.At[lang.Code]
			switch {
			case file == nil || file.TOML == nil || strings.TrimSpace(s) != "" || written && !given: // written with the wrong type: reported
				continue
			case given:
				l.add(t.gapKind(), t.At[lang.Code], "", t.name+" is empty", "write it between the quotes")
				continue
			}
			if key := writtenKey(t, l.p.Codes()); len(key) > 0 && file.TOML.Has(key[:len(key)-1]...) {
				continue // its record is there without it: reported there
			}
			list := strings.SplitN(t.name, "[", 2)[0]
			at := Place{File: file, Key: []string{}}
			if file.TOML.Has(list) {
				at.Key = []string{list}
			}
			l.add(diag.TranslationGap, at, "", fmt.Sprintf("%s is in the other languages' files, not in this one", t.name),
				fmt.Sprintf("a page cites the same documents, in the same order, in every language: add its %s in %s", list, lang.Name))
		}
	}
}

// writtenKey is a text's key path in the first language's file that has it.
func writtenKey(t *Text, langs []string) []string {
	for _, lang := range langs {
		if at, ok := t.At[lang]; ok {
			return at.Key
		}
	}
	return nil
}

// gapKind is a missing text's kind of problem: a translation gap while the
// text is in some language, an error when it is in none.
func (t *Text) gapKind() diag.Kind {
	if t != nil {
		for _, s := range t.Values {
			if strings.TrimSpace(s) != "" {
				return diag.TranslationGap
			}
		}
	}
	return diag.Invalid
}

// strayPages reports the Markdown files of content/ that belong to no
// kind: they would be published with no checks and no counterpart.
func (l *loader) strayPages() {
	var dirs []string
	for _, k := range l.p.Model.Kinds {
		if k.Store == model.PagePerItem {
			dirs = append(dirs, k.Dir())
		}
	}
	err := fs.WalkDir(l.p.FS, project.ContentDir, func(file string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || l.site.Files[file] != nil || l.unreadableFiles[file] || path.Base(file) == "_content.gotmpl" {
			return err
		}
		if path.Ext(file) != ".md" {
			// Hugo publishes every file of content/: an Org, AsciiDoc or
			// HTML page, or .MD, as it is, with none of the checks (a
			// <script> in an .org page was published).
			l.problems = append(l.problems, diag.Problem{File: file,
				Message: "Hugo would publish this file as it is, with none of the checks: the pages of content/ are Markdown files, NAME.LANG.md",
				Hint:    "write it as a page of its section, NAME.LANG.md, or move it out of content/ (images go in assets/images/)"})
			return nil
		}
		message, hint := fmt.Sprintf("pages cannot go in %s: no kind of content is published from there", path.Dir(file)), "publications go in "+strings.Join(dirs, ", ")
		switch {
		case strings.HasPrefix(path.Base(file), "_index."): // a section's page, in no language
			message, hint = "the file name does not say its language", fmt.Sprintf("name it _index.%s.md, beside its counterparts in the other languages", l.p.Source().Code)
		case slices.Contains(dirs, path.Dir(path.Dir(file))):
			hint = "publications go directly in " + path.Dir(path.Dir(file)) + ", not in a folder of it"
		}
		l.problems = append(l.problems, diag.Problem{File: file, Message: message, Hint: hint})
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		l.problems = append(l.problems, diag.Problem{File: project.ContentDir, Message: fmt.Sprintf("cannot read the folder: %v", err)})
	}
}
