package translation

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/model"
	"github.com/cyberpub/site/tools/tomlfile"
)

// Report says what an import or a merge did.
type Report struct {
	Lang     string
	Written  []string // files changed
	Imported int      // translations written
	Same     int      // translations already as in the files
	// Confirmed are those of Same that were outdated and that the file
	// marks reviewed: current now.
	Confirmed int
	// Stale are the texts translated from a source that has changed since:
	// their translation is written but stays outdated until reviewed.
	Stale []string
	// Kept are the texts whose translation in the file is the one the site
	// had before it was changed in the site itself: the site's, newer, is
	// kept.
	Kept []string
	// Warnings are what site check warns about in the translations, at
	// their place in the file: written all the same.
	Warnings diag.List
}

// revertsNewerEdit reports whether writing text as the translation of s
// would put back the translation the state recorded, over one changed in
// the site since (by hand, after the file was exported): the file then
// holds what the site had, not new work.
func (w *Workspace) revertsNewerEdit(s Segment, text string) bool {
	u := s.Unit
	if u.Message != nil || u.TargetHash == "" {
		return false
	}
	recorded := w.State.Lang(u.Lang).Units[u.ID].Target
	hash := Hash(text)
	if u.Block != nil {
		hash = blockHash(text)
	}
	return recorded != "" && hash == recorded && u.TargetHash != recorded
}

// foldBack writes the translations of an intake into the site's files,
// then records as current the units translated from their source as it is
// now, and the others (stale: unit id → the source they were
// translated from) as made from that source, outdated; and writes the
// state.
func (w *Workspace) foldBack(in *intake, segments []Segment) (*Report, error) {
	r := in.report
	written, err := w.apply(segments, in)
	r.Written = written
	if err != nil {
		return r, err
	}
	for _, s := range segments {
		if _, ok := in.targets[s.ID]; !ok {
			continue
		}
		if from, ok := in.stale[s.Unit.ID]; ok {
			w.State.record(s.Unit, from.hash, from.text, w.Today)
		} else {
			w.State.Confirm(s.Unit, w.Today)
		}
	}
	slices.Sort(r.Stale)
	return r, w.SaveState()
}

// ownedEdit is an edit of a file, and the segments whose translations it
// writes.
type ownedEdit struct {
	tomlfile.Edit
	ids []string
}

// apply writes translations (segment id → text) into the files they belong
// in: the data, the pages and the catalogues. Only the values it
// translates change; every other byte of every file stays as it was. The
// files are first read again as they would be written (see verify); when a
// translation is refused, none is written. Each file is replaced in one
// step. The units of the segments then hold their new translations. It
// returns the files it changed.
func (w *Workspace) apply(segments []Segment, in *intake) ([]string, error) {
	targets := in.targets
	edits := map[string][]ownedEdit{} // by file
	sources := map[string][]byte{}    // the bytes each file's edits apply to
	newPages := map[*content.Item][]Segment{}
	messages := map[*Catalogue]map[string]map[string]string{} // key → form → text
	messageIDs := map[*Catalogue][]string{}
	bodies := blockTexts{}
	bodyIDs := map[*body][]string{}
	var written []Segment
	for _, s := range segments {
		text, ok := targets[s.ID]
		text = strings.TrimSpace(content.Normalize(text))
		if !ok || text == "" || text == strings.TrimSpace(s.Target) {
			continue // nothing to write; foldBack still confirms what is in targets
		}
		targets[s.ID] = text
		written = append(written, s)
		if m := s.Unit.Message; m != nil {
			if messages[m.catalogue] == nil {
				messages[m.catalogue] = map[string]map[string]string{}
			}
			if messages[m.catalogue][m.Key] == nil {
				messages[m.catalogue][m.Key] = map[string]string{}
			}
			messages[m.catalogue][m.Key][s.Form] = text
			messageIDs[m.catalogue] = append(messageIDs[m.catalogue], s.ID)
			continue
		}
		t, lang := s.Unit.Text, s.Unit.Lang
		if b := s.Unit.Block; b != nil {
			if err := b.accepts(text); err != nil {
				in.refuseSegment(s.ID, err.Error(), "")
				continue
			}
		}
		if t.Item.Kind.Store == model.PagePerItem && t.Item.Files[lang] == nil {
			newPages[t.Item] = append(newPages[t.Item], s)
			continue
		}
		if b := s.Unit.Block; b != nil {
			bodies.add(b, text)
			bodyIDs[b.Body] = append(bodyIDs[b.Body], s.ID)
			continue
		}
		file, e, err := w.textEdit(t, lang, text)
		if err != nil {
			in.refuseSegment(s.ID, fmt.Sprintf("%s: %v", file.Path, err), "")
			continue
		}
		edits[file.Path] = append(edits[file.Path], ownedEdit{e, []string{s.ID}})
		sources[file.Path] = file.Src
	}
	if err := in.err(in.nothing); err != nil {
		return nil, err
	}
	for b, text := range w.rebuildBodies(bodies) {
		file, e, err := w.textEdit(b.text, b.lang, text)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", file.Path, b.text.ID, err)
		}
		edits[file.Path] = append(edits[file.Path], ownedEdit{e, bodyIDs[b]})
		sources[file.Path] = file.Src
	}
	for it, segs := range newPages {
		path, src, err := w.newPage(it, segs, targets)
		if err != nil {
			return nil, err
		}
		var ids []string
		for _, s := range segs {
			ids = append(ids, s.ID)
		}
		edits[path] = []ownedEdit{{tomlfile.Edit{Start: 0, End: 0, Text: string(src)}, ids}}
	}
	for c, byKey := range messages {
		e, err := messageEdits(c, byKey)
		if err != nil {
			return nil, err
		}
		for _, e := range e {
			edits[c.File] = append(edits[c.File], ownedEdit{e, messageIDs[c]})
		}
		if c.Doc != nil {
			sources[c.File] = c.Doc.Src
		}
	}
	outs := map[string][]byte{}
	for _, file := range slices.Sorted(maps.Keys(edits)) {
		out, err := tomlfile.ApplyEdits(sources[file], plainEdits(edits[file]))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		outs[file] = out
	}
	if err := w.verify(in, written, outs, edits, sources); err != nil {
		return nil, err
	}
	var changed []string
	for _, file := range slices.Sorted(maps.Keys(outs)) {
		if err := w.Project.WriteFile(file, outs[file]); err != nil {
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
		if s.Unit.Block != nil {
			s.Unit.Target, s.Unit.TargetHash = text, blockHash(text)
			continue // its body is written whole, above
		}
		s.Unit.Text.Values[s.Unit.Lang] = text
		s.Unit.Target, s.Unit.TargetHash = text, Hash(text)
	}
	return changed, nil
}

func plainEdits(owned []ownedEdit) []tomlfile.Edit {
	edits := make([]tomlfile.Edit, len(owned))
	for i, e := range owned {
		edits[i] = e.Edit
	}
	return edits
}

// blockTexts are new translations of blocks (block id → text), by body.
type blockTexts map[*body]map[string]string

func (bt blockTexts) add(b *BlockRef, text string) {
	if bt[b.Body] == nil {
		bt[b.Body] = map[string]string{}
	}
	bt[b.Body][b.ID] = text
}

// rebuildBodies writes each body again with its blocks' new translations
// (see body.rebuild), holds it as the text's value and records the order
// of its blocks; it returns the bodies' new texts.
func (w *Workspace) rebuildBodies(bt blockTexts) map[*body]string {
	out := map[*body]string{}
	for b, texts := range bt {
		text, order := b.rebuild(texts)
		b.text.Values[b.lang] = text
		w.State.Lang(b.lang).Blocks[b.text.ID] = order
		out[b] = text
	}
	return out
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
		if t != t.Item.Text(t.Field.Name) {
			return f, tomlfile.Edit{}, fmt.Errorf("%s is not in the page: add the same entries of its list as in the other languages' files, then import again", t.ID)
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
	if f.Page.Body == len(f.Src) && !bytes.HasSuffix(f.Src, []byte("\n")) {
		lead = nil // the closing +++ has no line end of its own: the text starts on a new line
	}
	trail := body[len(bytes.TrimRight(body, "\r\n")):]
	newline := "\n"
	if f.Page.CRLF() {
		newline = "\r\n"
		text = strings.ReplaceAll(text, "\n", newline)
	}
	if lead == nil {
		lead = []byte(newline)
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
	translated := map[*content.Text]string{}
	blocks := blockTexts{}
	for _, s := range segs {
		if b := s.Unit.Block; b != nil {
			blocks.add(b, targets[s.ID])
			continue
		}
		translated[s.Unit.Text] = targets[s.ID]
	}
	for b, text := range w.rebuildBodies(blocks) {
		translated[b.text] = text
	}
	var edits []tomlfile.Edit
	for _, f := range it.Kind.Fields {
		text, ok := translated[it.Text(f.Name)]
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
	for _, t := range it.Texts {
		at, inList := t.At[src.Lang]
		if !inList || t == it.Text(t.Field.Name) {
			continue
		}
		// A text of a list (a source's title): translated, or left empty
		// for site check and status to report as missing.
		e, err := src.TOML.ReplaceString(at.Key, translated[t])
		if err != nil {
			return "", nil, err
		}
		edits = append(edits, e)
	}
	out, err := tomlfile.ApplyEdits(src.Src, edits)
	return it.PagePath(lang), out, err
}

// messageEdits writes the plural forms of messages (key → form → text)
// into a catalogue: in place of the forms there, added to the messages'
// tables, and the messages it does not have at its end. A message written
// as key = "…" becomes a table of its forms.
func messageEdits(c *Catalogue, messages map[string]map[string]string) ([]tomlfile.Edit, error) {
	var edits []tomlfile.Edit
	missing := map[string]map[string]string{}
	for _, key := range slices.Sorted(maps.Keys(messages)) {
		forms := messages[key]
		if c.Doc == nil || !c.Doc.Has(key) {
			missing[key] = forms
			continue
		}
		if old, ok := c.Doc.Data[key].(string); ok { // key = "…": its "other" form
			var pairs [][2]string
			for _, form := range pluralForms {
				if text, ok := forms[form]; ok {
					pairs = append(pairs, [2]string{form, text})
				} else if form == "other" {
					pairs = append(pairs, [2]string{form, old})
				}
			}
			e, err := c.Doc.ReplaceWithTable([]string{key}, pairs)
			if err != nil {
				return nil, fmt.Errorf("%s: message %q: %w", c.File, key, err)
			}
			edits = append(edits, e)
			continue
		}
		for _, form := range pluralForms {
			text, ok := forms[form]
			if !ok {
				continue
			}
			var e tomlfile.Edit
			var err error
			if c.Doc.Has(key, form) {
				e, err = c.Doc.ReplaceString([]string{key, form}, text)
			} else {
				e, err = c.Doc.AddToTable([]string{key}, form, text)
			}
			if err != nil {
				return nil, fmt.Errorf("%s: message %q: %w", c.File, key, err)
			}
			edits = append(edits, e)
		}
	}
	if len(missing) > 0 {
		edits = append(edits, appendMessages(c, missing))
	}
	return edits, nil
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
