package translation

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/model"
	"github.com/cyberpub/site/tools/tomlfile"
)

// Report says what an import or a merge did.
type Report struct {
	Lang     string
	Written  []string // files changed
	Imported int      // translations written
	Same     int      // translations already as in the files
	// Stale are the texts translated from a source that has changed since:
	// their translation is written but stays outdated until reviewed.
	Stale []string
}

// foldBack writes translations (segment id → text) into the site's files,
// then records as current the units translated from their source as it is
// now (stale holds the unit ids that were not), and writes the state.
func (w *Workspace) foldBack(r *Report, segments []Segment, targets map[string]string, stale map[string]bool) (*Report, error) {
	written, err := w.apply(segments, targets)
	r.Written = written
	if err != nil {
		return r, err
	}
	for _, s := range segments {
		if _, ok := targets[s.ID]; ok && !stale[s.Unit.ID] {
			w.State.Confirm(s.Unit)
		}
	}
	slices.Sort(r.Stale)
	return r, w.SaveState()
}

// apply writes translations (segment id → text) into the files they belong
// in: the data, the pages and the catalogues. Only the values it
// translates change; every other byte of every file stays as it was. Each
// file is replaced in one step. The units of the segments then hold their
// new translations. It returns the files it changed.
func (w *Workspace) apply(segments []Segment, targets map[string]string) ([]string, error) {
	edits := map[string][]tomlfile.Edit{} // by file
	sources := map[string][]byte{}        // the bytes each file's edits apply to
	newPages := map[*content.Item][]Segment{}
	newMessages := map[*Catalogue]map[string]map[string]string{} // key → form → text
	var written []Segment
	for _, s := range segments {
		text, ok := targets[s.ID]
		text = strings.TrimSpace(text)
		if !ok || text == "" || text == strings.TrimSpace(s.Target) {
			continue
		}
		targets[s.ID] = text
		written = append(written, s)
		if s.Unit.Message != nil {
			c := s.Unit.Message.catalogue
			e, err := messageEdit(c, s.Unit.Message.Key, s.Form, text)
			switch {
			case err != nil:
				return nil, err
			case e == nil: // a message the catalogue does not have yet
				if newMessages[c] == nil {
					newMessages[c] = map[string]map[string]string{}
				}
				if newMessages[c][s.Unit.Message.Key] == nil {
					newMessages[c][s.Unit.Message.Key] = map[string]string{}
				}
				newMessages[c][s.Unit.Message.Key][s.Form] = text
			default:
				edits[c.File] = append(edits[c.File], *e)
				sources[c.File] = c.Doc.Src
			}
			continue
		}
		t, lang := s.Unit.Text, s.Unit.Lang
		if t.Item.Kind.Store == model.PagePerItem && t.Item.Files[lang] == nil {
			newPages[t.Item] = append(newPages[t.Item], s)
			continue
		}
		file, e, err := w.textEdit(t, lang, text)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", file.Path, s.ID, err)
		}
		edits[file.Path] = append(edits[file.Path], e)
		sources[file.Path] = file.Src
	}
	for it, segs := range newPages {
		path, src, err := w.newPage(it, segs, targets)
		if err != nil {
			return nil, err
		}
		edits[path] = []tomlfile.Edit{{Start: 0, End: 0, Text: string(src)}}
	}
	for c, messages := range newMessages {
		edits[c.File] = append(edits[c.File], appendMessages(c, messages))
		if c.Doc != nil {
			sources[c.File] = c.Doc.Src
		}
	}
	var changed []string
	for _, file := range slices.Sorted(maps.Keys(edits)) {
		out, err := tomlfile.ApplyEdits(sources[file], edits[file])
		if err != nil {
			return changed, fmt.Errorf("%s: %w", file, err)
		}
		if err := w.Project.WriteFile(file, out); err != nil {
			return changed, err
		}
		changed = append(changed, file)
	}
	for _, s := range written {
		text := targets[s.ID]
		if m := s.Unit.Message; m != nil {
			m.TargetForms[s.Form] = text
			s.Unit.setMessageTarget()
			continue
		}
		s.Unit.Text.Values[s.Unit.Lang] = text
		s.Unit.Target, s.Unit.TargetHash = text, Hash(text)
	}
	return changed, nil
}

// textEdit writes the translation of a text into a language: in place of
// the one there, or, when there is none, beside the source text (data) or
// at the top of the page's front matter.
func (w *Workspace) textEdit(t *content.Text, lang, text string) (*content.File, tomlfile.Edit, error) {
	if at, ok := t.At[lang]; ok {
		if at.Body {
			return at.File, bodyEdit(at.File, text), nil
		}
		e, err := at.File.TOML.ReplaceString(at.Key, text)
		return at.File, e, err
	}
	if f := t.Item.Files[lang]; f != nil { // a page without this text
		if f.TOML == nil {
			return f, tomlfile.Edit{}, fmt.Errorf("the page's front matter cannot be read; fix it first")
		}
		e, err := f.TOML.AddToTable(nil, t.Field.Name, text)
		return f, e, err
	}
	at := t.At[w.Project.Source().Code]
	e, err := at.File.TOML.AddBeside(at.Key, lang, text)
	return at.File, e, err
}

// bodyEdit replaces the body of a page. It keeps the blank lines around it
// and the page's line ends, and ends the file with a line end.
func bodyEdit(f *content.File, text string) tomlfile.Edit {
	body := f.Page.Text()
	lead := body[:len(body)-len(bytes.TrimLeft(body, "\r\n"))]
	trail := body[len(bytes.TrimRight(body, "\r\n")):]
	newline := "\n"
	if f.Page.CRLF() {
		newline = "\r\n"
		text = strings.ReplaceAll(text, "\n", newline)
	}
	if len(trail) == 0 {
		trail = []byte(newline)
	}
	return tomlfile.Edit{Start: f.Page.Body, End: len(f.Src), Text: string(lead) + text + string(trail)}
}

// newPage writes the counterpart of a page in a language it lacks: the
// source page, with its texts translated, or left out when they are not
// translated yet, and with no address of its own.
func (w *Workspace) newPage(it *content.Item, segs []Segment, targets map[string]string) (string, []byte, error) {
	lang := segs[0].Unit.Lang
	src := it.Files[w.Project.Source().Code]
	if src == nil || src.TOML == nil {
		return "", nil, fmt.Errorf("%s: the source page cannot be read to make its %q counterpart", it.ID, lang)
	}
	translated := map[string]string{}
	for _, s := range segs {
		translated[s.Unit.Text.Field.Name] = targets[s.ID]
	}
	var edits []tomlfile.Edit
	for _, f := range it.Kind.Fields {
		text, ok := translated[f.Name]
		switch {
		case f.Type == model.Body:
			e := bodyEdit(src, text)
			if !ok {
				e.Text = "\n"
			}
			edits = append(edits, e)
		case !src.TOML.Has(f.Name) || !f.Translated() && f.Type != model.Slug:
		case ok:
			e, err := src.TOML.ReplaceString([]string{f.Name}, text)
			if err != nil {
				return "", nil, err
			}
			edits = append(edits, e)
		default:
			edits = append(edits, src.TOML.RemoveKey(f.Name))
		}
	}
	out, err := tomlfile.ApplyEdits(src.Src, edits)
	return it.PagePath(lang), out, err
}

// messageEdit writes a plural form of a message into its catalogue: in
// place of the one there, or added to the message's table. It returns nil
// for a message the catalogue does not have.
func messageEdit(c *Catalogue, key, form, text string) (*tomlfile.Edit, error) {
	if c.Doc == nil || !c.Doc.Has(key) {
		return nil, nil
	}
	var e tomlfile.Edit
	var err error
	switch {
	case c.Doc.Has(key, form):
		e, err = c.Doc.ReplaceString([]string{key, form}, text)
	case form == "other" && !c.Doc.Has(key, "one"): // written as key = "…"
		e, err = c.Doc.ReplaceString([]string{key}, text)
	default:
		e, err = c.Doc.AddToTable([]string{key}, form, text)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: message %q: %w", c.File, key, err)
	}
	return &e, nil
}

// appendMessages adds messages to the end of a catalogue, a table each.
func appendMessages(c *Catalogue, messages map[string]map[string]string) tomlfile.Edit {
	var src []byte
	newline := "\n"
	if c.Doc != nil {
		src = c.Doc.Src
		if c.Doc.CRLF() {
			newline = "\r\n"
		}
	}
	var b strings.Builder
	if len(src) > 0 && !bytes.HasSuffix(src, []byte("\n")) {
		b.WriteString(newline)
	}
	for _, key := range slices.Sorted(maps.Keys(messages)) {
		fmt.Fprintf(&b, "%s[%s]%s", newline, tomlfile.Key(key), newline)
		for _, form := range pluralForms {
			if text, ok := messages[key][form]; ok {
				fmt.Fprintf(&b, "%s = %s%s", form, tomlfile.Quote(text), newline)
			}
		}
	}
	return tomlfile.Edit{Start: len(src), End: len(src), Text: b.String()}
}
