// Package translation knows every text of the site that is translated:
// the texts of the content (data and pages) and the interface messages of
// the catalogues. For each target language it tells what is missing and
// what is outdated (its source changed after the translation was last
// written or confirmed), checks the catalogues and the typography, writes
// the files translators work in (XLIFF, goi18n) and writes their work back
// into the site's files.
package translation

import (
	"crypto/sha1"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/model"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/tomlfile"
	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// Workspace is what translators work on: the site's content, the
// catalogues and the record of what each translation was made from, each
// read once.
type Workspace struct {
	Project    *project.Project
	Site       *content.Site
	Catalogues map[string]*Catalogue // by language code
	State      State
	// Today is the day translations are recorded as made (YYYY-MM-DD; ""
	// records none): the commands' publication moment.
	Today string
	// Memo, when set, keeps what the checks found in each text from one
	// check to the next (the preview's). The workspace is then only read:
	// its units are worked out once per language.
	Memo *Memo

	units map[string][]*Unit // by language, with a Memo
	usage usage              // the editors' rules of usage
	// changes are the word differences worked out, by the texts compared
	// ([2]string): an outdated unit's is shown in its note, its
	// alt-trans and the memory, and by the status and the review.
	changes sync.Map
}

// Load reads a project's site, each of its files once: its content, its
// catalogues and its translation state, with the problems of its files.
func Load(p *project.Project) (*Workspace, diag.List) {
	site, problems := content.Load(p)
	ws, more := Open(site)
	return ws, append(problems, more...)
}

// Open reads the catalogues and the translation state of a loaded site.
func Open(site *content.Site) (*Workspace, diag.List) {
	w := &Workspace{Project: site.Project, Site: site, Catalogues: map[string]*Catalogue{}}
	var problems diag.List
	for _, l := range site.Project.Languages {
		c, prob := readCatalogue(site.Project, l.Code)
		if prob != nil {
			problems = append(problems, *prob)
			c.unreadable = true
		}
		w.Catalogues[l.Code] = c
	}
	state, prob := readState(site.Project)
	if prob != nil {
		problems = append(problems, *prob)
	}
	w.State = state
	var more diag.List
	w.usage, more = readUsage(site.Project)
	return w, append(problems, more...)
}

// Unit is one text to translate into one target language: what the
// translation state records.
type Unit struct {
	ID      string // the text's id (model.TextID), or the message's (model.MessageID)
	Lang    string // the target language
	Section string // what it is counted under: the kind of its item, or "interface"
	Source  string
	Target  string // "" when missing
	// SourceHash and TargetHash fingerprint the texts for the state file;
	// TargetHash is "" when the translation is missing.
	SourceHash, TargetHash string

	Text    *content.Text // a text of the content
	Block   *BlockRef     // with, for a page's body, the block of it
	Message *Message      // or a message of the catalogues
	// incomplete is a message without every plural form its target
	// language needs: missing, though it has some.
	incomplete bool
	found      found // what the checks found, with a Memo
}

// Message is an interface message: its key, and its plural forms in the
// source and target languages.
type Message struct {
	Key                      string
	SourceForms, TargetForms map[string]string
	catalogue                *Catalogue    // the target language's
	source                   *i18n.Message // the source language's
}

// delims are the delimiters Hugo runs the message's translation with.
func (m *Message) delims() (left, right string) {
	if t := m.catalogue.Messages[m.Key]; t != nil {
		return t.LeftDelim, t.RightDelim
	}
	return "", ""
}

// placeholders are the placeholders of the message's source: those its
// translation may hold.
func (m *Message) placeholders() []string {
	names := placeholders(m.source)
	if names == nil {
		names = []string{}
	}
	return names
}

// Hash is how a text is fingerprinted in the state file: the blank lines
// and spaces around it do not count.
func Hash(s string) string { return fmt.Sprintf("sha1-%x", sha1.Sum([]byte(strings.TrimSpace(s)))) }

// hashIf is the hash of a text that is there, or "" for one that is missing.
func hashIf(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	return Hash(s)
}

// Units returns every unit of the site for a target language: the content's
// texts in the order of the site's items, then the messages.
func (w *Workspace) Units(lang string) []*Unit {
	if w.Memo == nil {
		return w.makeUnits(lang)
	}
	if w.units[lang] == nil {
		if w.units == nil {
			w.units = map[string][]*Unit{}
		}
		w.units[lang] = w.makeUnits(lang)
	}
	return w.units[lang]
}

func (w *Workspace) makeUnits(lang string) []*Unit {
	var units []*Unit
	for _, t := range w.Site.Texts() {
		made, ok := w.Memo.textUnits(w, t, lang)
		if !ok {
			made = w.textUnits(t, lang)
			w.Memo.keepUnits(w, t, lang, made)
		}
		units = append(units, made...)
	}
	src, tgt := w.Catalogues[w.Project.Source().Code], w.Catalogues[lang]
	for _, key := range slices.Sorted(maps.Keys(src.Messages)) {
		m := src.Messages[key]
		u := &Unit{ID: model.MessageID(key), Lang: lang, Section: interfaceSection, Source: m.Other, SourceHash: MessageHash(m),
			Message: &Message{Key: key, SourceForms: Forms(m), TargetForms: Forms(tgt.Messages[key]), catalogue: tgt, source: m}}
		u.setMessageTarget()
		if len(u.Message.SourceForms) > 1 {
			for _, form := range PluralForms(lang) {
				u.incomplete = u.incomplete || u.Message.TargetForms[form] == ""
			}
		}
		units = append(units, u)
	}
	return units
}

// textUnits returns the units of a text of the content in a target
// language.
func (w *Workspace) textUnits(t *content.Text, lang string) []*Unit {
	src := t.Values[w.Project.Source().Code]
	if strings.TrimSpace(src) == "" {
		return nil // nothing to translate from: site check reports it
	}
	if t.Field.Type == model.Body {
		// Block by block, unless the translation's blocks cannot be
		// paired with the source's: then the body is one unit.
		if b := w.splitBody(t, lang); len(b.target) == 0 || b.targetIDs != nil {
			return b.units(t.Item.Kind.Name)
		}
	}
	tgt := t.Values[lang]
	return []*Unit{{ID: t.ID, Lang: lang, Section: t.Item.Kind.Name, Source: src, SourceHash: Hash(src),
		Target: strings.TrimSpace(tgt), TargetHash: hashIf(tgt), Text: t}}
}

// setMessageTarget sets a message unit's target from its forms.
func (u *Unit) setMessageTarget() {
	var all strings.Builder
	for _, form := range slices.Sorted(maps.Keys(u.Message.TargetForms)) {
		all.WriteString(form + "=" + u.Message.TargetForms[form] + "\n")
	}
	u.Target, u.TargetHash = u.Message.TargetForms["other"], hashIf(all.String())
}

// Where returns the file, line and column of the unit's translation, or,
// when it is missing, of where it would go.
func (u *Unit) Where(p *project.Project) (file string, line, col int) {
	if u.Message != nil {
		c := u.Message.catalogue
		if c.Doc != nil && c.Messages[u.Message.Key] != nil {
			line, col = c.Doc.Position(u.Message.Key)
		}
		return c.File, max(line, 1), max(col, 1)
	}
	at, ok := u.Text.At[u.Lang]
	if b := u.Block; b != nil {
		blk, lang := b.Target, u.Lang
		if blk == nil { // missing: where the source's block is
			blk, lang = &b.Source, p.Source().Code
		}
		if at, ok := u.Text.At[lang]; ok {
			line, col = at.Within(u.Text.Values[lang], blk.Start).Position()
			return at.File.Path, line, col
		}
	}
	if !ok {
		if f := u.Text.Item.Files[u.Lang]; f != nil && f.TOML != nil && u.Text.Field.Type != model.Body { // a page without this text
			at = content.Place{File: f, Key: []string{}}
		} else if f == nil && u.Text.Item.Kind.Store == model.PagePerItem { // a page not written yet
			return u.Text.Item.PagePath(u.Lang), 1, 1
		} else {
			at = u.Text.At[p.Source().Code]
		}
	}
	line, col = at.Position()
	return at.File.Path, line, col
}

// Catalogue is a language's messages, read with go-i18n, and where each is.
type Catalogue struct {
	File     string
	Messages map[string]*i18n.Message
	Doc      *tomlfile.Document // nil when the file is missing or unreadable
	// unreadable is set when the file is there but cannot be read: its
	// problem is reported where it is read, and nothing is checked in it.
	unreadable bool
}

// readCatalogue reads a language's catalogue; a missing file is an empty
// catalogue.
func readCatalogue(p *project.Project, lang string) (*Catalogue, *diag.Problem) {
	c := &Catalogue{File: project.CatalogueFile(lang), Messages: map[string]*i18n.Message{}}
	doc, prob := p.DecodeOptional(c.File)
	if doc == nil {
		return c, prob
	}
	// go-i18n reads the messages from the values decoded here, so that the
	// file is parsed once.
	decoded := func(_ []byte, v any) error {
		*v.(*any) = doc.Data
		return nil
	}
	messages, err := i18n.ParseMessageBytes(doc.Src, decoded)
	if err != nil {
		prob := &diag.Problem{File: c.File, Message: err.Error()}
		if id, key := unknownMessageKey(doc.Data); key != "" {
			prob.Line, prob.Col = doc.KeyPosition(id, key)
			prob.Subject, prob.Message = id, fmt.Sprintf("%q is not a plural form", key)
		}
		prob.Hint = fmt.Sprintf("a message is a table, [id], of the forms %s needs: %s (other always)", lang, strings.Join(PluralForms(lang), ", "))
		return c, prob
	}
	c.Doc = doc
	for _, m := range messages {
		c.Messages[m.ID] = m
	}
	return c, nil
}

// unknownMessageKey returns the first key, in id order, of a message
// table that is neither a plural form nor one of go-i18n's own fields.
func unknownMessageKey(data map[string]any) (id, key string) {
	for _, id := range slices.Sorted(maps.Keys(data)) {
		table, ok := data[id].(map[string]any)
		if !ok {
			continue
		}
		for _, key := range slices.Sorted(maps.Keys(table)) {
			if !slices.Contains(pluralForms, key) && !slices.Contains([]string{"id", "description", "hash", "leftdelim", "rightdelim"}, strings.ToLower(key)) {
				return id, key
			}
		}
	}
	return "", ""
}

// pluralForms are CLDR's plural categories, in their order.
var pluralForms = []string{"zero", "one", "two", "few", "many", "other"}

// Forms returns a message's texts by plural form ("other", "one"…).
func Forms(m *i18n.Message) map[string]string {
	forms := map[string]string{}
	if m == nil {
		return forms
	}
	for form, s := range map[string]string{"zero": m.Zero, "one": m.One, "two": m.Two, "few": m.Few, "many": m.Many, "other": m.Other} {
		if s != "" {
			forms[form] = s
		}
	}
	return forms
}

// MessageHash is goi18n's hash of a message: its description and its
// "other" form.
func MessageHash(m *i18n.Message) string {
	return fmt.Sprintf("sha1-%x", sha1.Sum([]byte(m.Description+m.Other)))
}

// Segment is a text as a translator works on it: a text of the content, or
// one plural form of a message.
type Segment struct {
	// ID is the unit's id, with the form of a message: "i18n#eventsHeading.other".
	ID     string
	Unit   *Unit
	Form   string // a message's plural form; "" for a text
	Source string
	Target string // "" when missing
}

// Segments splits units into the texts translators see.
func Segments(units []*Unit) []Segment {
	var segs []Segment
	for _, u := range units {
		if u.Message == nil {
			segs = append(segs, Segment{ID: u.ID, Unit: u, Source: strings.TrimSpace(u.Source), Target: u.Target})
			continue
		}
		// A message that depends on a count needs every plural form of the
		// target language, whether the source has it or not.
		needed := map[string]bool{"other": true}
		if len(u.Message.SourceForms) > 1 {
			for _, form := range PluralForms(u.Lang) {
				needed[form] = true
			}
		}
		for _, form := range pluralForms {
			target := u.Message.TargetForms[form]
			if !needed[form] && target == "" {
				continue
			}
			source := u.Message.SourceForms[form]
			if source == "" { // a form the target language has and the source does not
				source = u.Message.SourceForms["other"]
			}
			segs = append(segs, Segment{ID: u.ID + "." + form, Unit: u, Form: form, Source: source, Target: target})
		}
	}
	return segs
}
