package translation

import (
	"slices"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/model"
)

// Memo keeps, from one check of a site to the next, the units of each
// text, with what the checks found in each: the preview, which checks
// the site again at each change, works again only on the texts that
// changed. It knows a text by its content.Text, which a content.Reader
// keeps while the text's file does not change (a site loaded anew has
// texts of its own, and is worked on whole). Problems are placed anew each
// time, so that a text that moved in its file is reported where it is
// now. A nil Memo remembers nothing.
type Memo struct {
	gen        int // the check under way; what a check did not use is forgotten after it
	units      map[textKey]*textUnits
	typed      map[textKey]*typedText  // where each text breaks its typography
	glossaries map[string]*glossaryKey // by language: what terms were found against
}

// NewMemo returns an empty memo.
func NewMemo() *Memo {
	return &Memo{units: map[textKey]*textUnits{}, typed: map[textKey]*typedText{}, glossaries: map[string]*glossaryKey{}}
}

// found is what the terminology check found in a unit, kept with it: with
// a Memo, a text's units are the same from one check to the next.
type found struct {
	glossary *glossaryKey // the glossary terms were found with; nil before
	terms    []termHit
}

// typedText is where a text in a language breaks its typography, as a
// check found it.
type typedText struct {
	gen   int
	usage string // the key of the rules of usage it was checked against
	hits  []textTypographyHit
}

type textKey struct {
	text *content.Text
	lang string
}

// textUnits are the units of a text in a language, and, for a body, the
// state of its blocks they were made with.
type textUnits struct {
	gen    int
	blocks []string
	states []Record
	units  []*Unit
}

// glossaryKey stands for a glossary's forms in a language: a new one is
// made when they change.
type glossaryKey struct{ forms string }

// textUnits returns the units of text t in lang made at an earlier check,
// when the state of its blocks (for a body) is the same.
func (m *Memo) textUnits(w *Workspace, t *content.Text, lang string) ([]*Unit, bool) {
	if m == nil {
		return nil, false
	}
	tu := m.units[textKey{t, lang}]
	if tu == nil {
		return nil, false
	}
	if t.Field.Type == model.Body {
		blocks, states := blockStates(w, t, lang)
		if !slices.Equal(tu.blocks, blocks) || !slices.Equal(tu.states, states) {
			return nil, false
		}
	}
	tu.gen = m.gen
	return tu.units, true
}

// keepUnits keeps the units of text t in lang.
func (m *Memo) keepUnits(w *Workspace, t *content.Text, lang string, units []*Unit) {
	if m == nil {
		return
	}
	tu := &textUnits{gen: m.gen, units: units}
	if t.Field.Type == model.Body {
		tu.blocks, tu.states = blockStates(w, t, lang)
	}
	m.units[textKey{t, lang}] = tu
}

// blockStates are what the state records of a body's blocks in lang:
// their ids, and each one's record.
func blockStates(w *Workspace, t *content.Text, lang string) ([]string, []Record) {
	ls := w.State.Lang(lang)
	ids := ls.Blocks[t.ID]
	states := make([]Record, len(ids))
	for i, id := range ids {
		states[i] = ls.Units[blockUnitID(t.ID, id)]
	}
	return ids, states
}

// typography returns textTypographyHits(t, lang, rules), found once while
// the text and the rules of usage (their key) are the same.
func (m *Memo) typography(t *content.Text, lang string, rules []typographyRule, usage string) []textTypographyHit {
	if m == nil {
		return textTypographyHits(t, lang, rules)
	}
	k := textKey{t, lang}
	tt := m.typed[k]
	if tt == nil || tt.usage != usage {
		tt = &typedText{usage: usage, hits: textTypographyHits(t, lang, rules)}
		m.typed[k] = tt
	}
	tt.gen = m.gen
	return tt.hits
}

// glossary returns the key of the glossary g in lang: the same while its
// forms are.
func (m *Memo) glossary(lang string, g *glossaryForms) *glossaryKey {
	if m == nil {
		return nil
	}
	if k := m.glossaries[lang]; k != nil && k.forms == g.key {
		return k
	}
	k := &glossaryKey{g.key}
	m.glossaries[lang] = k
	return k
}

// terminology returns terminologyHits(g, u.Source, u.Target), found once
// for the glossary whose key is gk.
func (m *Memo) terminology(u *Unit, g *glossaryForms, gk *glossaryKey) []termHit {
	if m == nil {
		return terminologyHits(g, u.Source, u.Target)
	}
	f := &u.found
	if f.glossary != gk {
		f.terms, f.glossary = terminologyHits(g, u.Source, u.Target), gk
	}
	return f.terms
}

// turn ends a check: what it did not use is forgotten, so that the memo
// holds about what one site holds.
func (m *Memo) turn() {
	if m == nil {
		return
	}
	for k, tu := range m.units {
		if tu.gen != m.gen {
			delete(m.units, k)
		}
	}
	for k, tt := range m.typed {
		if tt.gen != m.gen {
			delete(m.typed, k)
		}
	}
	m.gen++
}
