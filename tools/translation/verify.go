package translation

import (
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"testing/fstest"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/frontmatter"
	"github.com/cyberpub/site/tools/model"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/tomlfile"
)

// Before an import writes anything, it reads the site again as every
// command would read it after the write: the project's files with the new
// bytes in place of the old. Every text and message must read as expected
// (the translations as written, everything else as it was), and no file
// may have a problem it did not have: a translation holding a line +++,
// which ends a page's front matter, or anything else that changes the
// structure of its file, is refused at its place in the translator's file.

// verify refuses the translations whose files, as outs would write them,
// do not read back as expected. edits and sources are what outs were made
// from, for finding which translation broke a file.
func (w *Workspace) verify(in *intake, written []Segment, outs map[string][]byte, edits map[string][]ownedEdit, sources map[string][]byte) error {
	if len(outs) == 0 {
		return nil
	}
	p, problems := project.OpenFS(w.Project.Root, overlay{w.Project.FS, outs})
	if problems.Errors() > 0 {
		return problems
	}
	site, problems := content.Load(p)

	// What each text and message should read: as now (a body rebuilt from
	// its blocks already holds its new text), with the translations.
	want := map[string]map[string]string{}
	for _, t := range w.Site.Texts() {
		want[t.ID] = maps.Clone(t.Values)
	}
	owner := map[string][]string{} // text id and language → segment ids
	for _, s := range written {
		if s.Unit.Message != nil {
			continue
		}
		key := s.Unit.Text.ID + "\x00" + s.Unit.Lang
		owner[key] = append(owner[key], s.ID)
		if s.Unit.Block == nil {
			want[s.Unit.Text.ID][s.Unit.Lang] = in.targets[s.ID]
		}
	}

	broken := map[string]string{} // file → what is wrong with it, for the translations written into it
	refused := map[string]bool{}
	refuse := func(ids []string, file, message string) {
		for _, id := range ids {
			if !refused[id] {
				refused[id] = true
				in.refuseSegment(id, fmt.Sprintf("written into %s, the translation %s", file, message), structureHint(in.targets[id]))
			}
		}
	}
	unreadable := map[string]bool{}
	for file, out := range outs {
		unreadable[file] = !readsAlone(file, out)
	}
	got := map[string]*content.Text{}
	for _, t := range site.Texts() {
		got[t.ID] = t
	}
	for _, t := range w.Site.Texts() {
		for _, l := range w.Project.Languages {
			var now string
			if g := got[t.ID]; g != nil {
				now = g.Values[l.Code]
			}
			if strings.TrimSpace(now) == strings.TrimSpace(want[t.ID][l.Code]) {
				continue
			}
			file := w.fileOf(t, l.Code)
			if unreadable[file] {
				continue // said once, below
			}
			if ids := owner[t.ID+"\x00"+l.Code]; len(ids) > 0 {
				refuse(ids, file, fmt.Sprintf("would read back as %q", shorten(strings.TrimSpace(now))))
			} else if broken[file] == "" {
				broken[file] = fmt.Sprintf("would change %s, which it does not translate", t.ID)
			}
		}
		delete(got, t.ID)
	}
	for id, t := range got {
		if file := w.fileOf(t, w.Project.Source().Code); broken[file] == "" {
			broken[file] = "would make a text of its own, " + id
		}
	}
	for _, prob := range problems {
		if prob.Severity != diag.Error || prob.Kind == diag.TranslationGap || broken[prob.File] != "" {
			continue
		}
		if unreadable[prob.File] {
			broken[prob.File] = fmt.Sprintf("would make the file unreadable (line %d of it, as written: %s)", prob.Line, prob.Message)
		} else {
			broken[prob.File] = fmt.Sprintf("would not pass site check (%s)", strings.TrimPrefix(prob.String(), prob.File+":"))
		}
	}
	for _, c := range w.Catalogues {
		if _, ok := outs[c.File]; !ok {
			continue
		}
		if file, message := w.verifyCatalogue(p, c, written, in.targets); message != "" && broken[file] == "" {
			broken[file] = message
		}
	}

	// A file broken by the translations written into it: the one that
	// breaks it alone, found by reading the file with each edit alone, or
	// all of them.
	for _, file := range slices.Sorted(maps.Keys(broken)) {
		var culprits []string
		for _, e := range edits[file] {
			alone, err := tomlfile.ApplyEdits(sources[file], []tomlfile.Edit{e.Edit})
			if err != nil || !readsAlone(file, alone) {
				culprits = append(culprits, e.ids...)
			}
		}
		if len(culprits) == 0 {
			for _, e := range edits[file] {
				culprits = append(culprits, e.ids...)
			}
		}
		refuse(culprits, file, broken[file])
	}
	return in.err(in.nothing)
}

// verifyCatalogue checks that a catalogue, as it would be written, holds
// its messages as they are but for the translations written into it.
func (w *Workspace) verifyCatalogue(p *project.Project, c *Catalogue, written []Segment, targets map[string]string) (file, message string) {
	lang := strings.TrimSuffix(path.Base(c.File), ".toml")
	again, prob := readCatalogue(p, lang)
	if prob != nil {
		return c.File, fmt.Sprintf("would make the file unreadable (line %d of it, as written: %s)", prob.Line, prob.Message)
	}
	want := map[string]map[string]string{}
	for key, m := range c.Messages {
		want[key] = Forms(m)
	}
	for _, s := range written {
		if m := s.Unit.Message; m != nil && m.catalogue == c {
			if want[m.Key] == nil {
				want[m.Key] = map[string]string{}
			}
			want[m.Key][s.Form] = targets[s.ID]
		}
	}
	for _, key := range slices.Sorted(maps.Keys(want)) {
		if !maps.Equal(want[key], Forms(again.Messages[key])) {
			return c.File, fmt.Sprintf("would change the message %q", key)
		}
	}
	if len(again.Messages) != len(want) {
		return c.File, "would add a message of its own"
	}
	return "", ""
}

// fileOf is the file a text is written in, in a language: where it is, or
// where a translation of it goes.
func (w *Workspace) fileOf(t *content.Text, lang string) string {
	if at, ok := t.At[lang]; ok && at.File != nil {
		return at.File.Path
	}
	if t.Item.Kind.Store == model.PagePerItem {
		return t.Item.PagePath(lang)
	}
	if at, ok := t.At[w.Project.Source().Code]; ok && at.File != nil {
		return at.File.Path
	}
	return ""
}

// readsAlone says whether a file of the site, with these bytes, can be
// read: a page's front matter split from its body and decoded, a TOML file
// decoded.
func readsAlone(file string, src []byte) bool {
	if strings.HasSuffix(file, ".md") {
		split, prob := frontmatter.Split(src)
		if prob != nil {
			return false
		}
		_, dprob := tomlfile.DecodePart(file, src, split.Start, split.End)
		return dprob == nil
	}
	_, prob := tomlfile.Decode(file, src)
	return prob == nil
}

// structureHint says what to do with a translation that changes its file.
func structureHint(text string) string {
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "+++" {
			return "a line of +++ ends a page's front matter: write the translation without it"
		}
	}
	return "write the translation without what changes the file around it"
}

// shorten cuts a text for a message.
func shorten(s string) string {
	if len(s) > 60 {
		return strings.ToValidUTF8(s[:60], "") + "…"
	}
	return s
}

// overlay is the project's files with some replaced or added, as a write
// would leave them.
type overlay struct {
	fs.FS
	files map[string][]byte
}

func (o overlay) Open(name string) (fs.File, error) {
	if data, ok := o.files[name]; ok {
		return fstest.MapFS{name: {Data: data, Mode: 0o644}}.Open(name)
	}
	return o.FS.Open(name)
}

// ReadDir lists a folder with the files added to it.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(o.FS, name)
	listed := map[string]bool{}
	for _, e := range entries {
		listed[e.Name()] = true
	}
	for file, data := range o.files {
		if path.Dir(file) != name || listed[path.Base(file)] {
			continue
		}
		info, _ := fs.Stat(fstest.MapFS{file: {Data: data, Mode: 0o644}}, file)
		entries = append(entries, fs.FileInfoToDirEntry(info))
		err = nil
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, err
}
