package translation

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/model"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/tomlfile"
)

// Record is the state of one translation: the hash of the source it
// translates, and of the translation as it was then, and the day it was
// recorded ("" when not known).
type Record struct {
	Source string
	Target string
	Date   string
}

// LangState is the state of one target language.
type LangState struct {
	// Same lists the messages whose translation is rightly the same as the
	// source (true cognates: "Sources", "Classification").
	Same  []string
	Units map[string]Record
	// Blocks are, for each page's body, the ids of the blocks of its
	// translation, in order (see splitBody).
	Blocks map[string][]string
	// Sources are the source texts the translations were made from, by
	// their hash: what an outdated translation was translated from.
	Sources map[string]string
}

// State is the record of which version of each source text every
// translation was made from: project.StateFile, in the repository, so that
// a reviewer sees in a diff what was translated or confirmed.
type State map[string]*LangState

// readState reads the state file; a missing file is an empty state.
func readState(p *project.Project) (State, *diag.Problem) {
	s := State{}
	doc, prob := p.DecodeOptional(project.StateFile)
	if doc == nil {
		return s, prob
	}
	for lang, v := range doc.Data {
		table, _ := v.(map[string]any)
		ls := s.Lang(lang)
		same, _ := table["same"].([]any)
		for _, id := range same {
			if id, ok := id.(string); ok {
				ls.Same = append(ls.Same, id)
			}
		}
		blocks, _ := table["blocks"].(map[string]any)
		for id, list := range blocks {
			list, _ := list.([]any)
			for _, b := range list {
				if b, ok := b.(string); ok {
					ls.Blocks[id] = append(ls.Blocks[id], b)
				}
			}
		}
		units, _ := table["units"].(map[string]any)
		for id, r := range units {
			r, _ := r.(map[string]any)
			source, _ := r["source"].(string)
			target, _ := r["target"].(string)
			date, _ := r["date"].(string)
			ls.Units[id] = Record{Source: source, Target: target, Date: date}
		}
		// A text is kept only under its own hash, and only when it is
		// one a site may hold: what status and the review show as the
		// previous source is never a text no one translated from.
		sources, _ := table["sources"].(map[string]any)
		for hash, text := range sources {
			if text, ok := text.(string); ok && (hash == Hash(text) || hash == blockHash(text)) && keepable(text) {
				ls.Sources[hash] = text
			}
		}
	}
	return s, nil
}

// Lang returns the state of a language, made empty if there was none.
func (s State) Lang(lang string) *LangState {
	if s[lang] == nil {
		s[lang] = &LangState{}
	}
	if s[lang].Units == nil {
		s[lang].Units = map[string]Record{}
	}
	if s[lang].Blocks == nil {
		s[lang].Blocks = map[string][]string{}
	}
	if s[lang].Sources == nil {
		s[lang].Sources = map[string]string{}
	}
	return s[lang]
}

// Confirm records that the unit's translation is current, made on the
// given day; a record that says so already keeps its own day.
func (s State) Confirm(u *Unit, day string) {
	s.record(u, u.SourceHash, strings.TrimSpace(u.Source), day)
}

// record records the unit's translation as it is now as made from a source
// (its hash and text), on a day.
func (s State) record(u *Unit, hash, text, day string) {
	ls := s.Lang(u.Lang)
	if r, ok := ls.Units[u.ID]; ok && r.Source == hash && r.Target == u.TargetHash {
		day = r.Date
	}
	ls.Units[u.ID] = Record{Source: hash, Target: u.TargetHash, Date: day}
	if text != "" {
		ls.Sources[hash] = text
	}
}

// Write writes the state file, one line per unit in a stable order, so
// that diffs show exactly what changed.
func (s State) Write(p *project.Project) error {
	var b strings.Builder
	b.WriteString(`# Which version of each source text every translation was made from.
# Written by "site i18n confirm", "site i18n import" and "site i18n merge";
# read by "site i18n status" and "site check" to find outdated translations.
# source: hash of the text in the site's first language; target: hash of
# the translation as it was then. A page's body is translated block by
# block (BODY[b3]); blocks lists the ids of its translation's blocks, in
# order, so that a block keeps its id when others are added or removed.
# date: the day the translation was recorded. sources: the source texts the
# translations were made from, by hash, to show what changed since.
`)
	for _, lang := range slices.Sorted(maps.Keys(s)) {
		ls := s[lang]
		fmt.Fprintf(&b, "\n[%s]\n", tomlfile.Key(lang))
		same := slices.Clone(ls.Same)
		slices.Sort(same)
		b.WriteString("# Messages rightly the same as in the source language.\nsame = [")
		for i, id := range same {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(tomlfile.Quote(id))
		}
		b.WriteString("]\n")
		if len(ls.Blocks) > 0 {
			fmt.Fprintf(&b, "\n[%s.blocks]\n", tomlfile.Key(lang))
			for _, id := range slices.Sorted(maps.Keys(ls.Blocks)) {
				quoted := make([]string, len(ls.Blocks[id]))
				for i, block := range ls.Blocks[id] {
					quoted[i] = tomlfile.Quote(block)
				}
				fmt.Fprintf(&b, "%s = [%s]\n", tomlfile.Key(id), strings.Join(quoted, ", "))
			}
		}
		fmt.Fprintf(&b, "\n[%s.units]\n", tomlfile.Key(lang))
		for _, id := range slices.Sorted(maps.Keys(ls.Units)) {
			r := ls.Units[id]
			date := ""
			if r.Date != "" {
				date = ", date = " + tomlfile.Quote(r.Date)
			}
			fmt.Fprintf(&b, "%s = { source = %s, target = %s%s }\n", tomlfile.Key(id), tomlfile.Quote(r.Source), tomlfile.Quote(r.Target), date)
		}
		if len(ls.Sources) > 0 {
			fmt.Fprintf(&b, "\n[%s.sources]\n", tomlfile.Key(lang))
			for _, hash := range slices.Sorted(maps.Keys(ls.Sources)) {
				fmt.Fprintf(&b, "%s = %s\n", tomlfile.Quote(hash), tomlfile.Quote(ls.Sources[hash]))
			}
		}
	}
	return p.WriteFile(project.StateFile, []byte(b.String()))
}

// SaveState writes the state, without the records of texts that are no
// longer on the site, and with the blocks of each body's translation as
// they are paired now.
func (w *Workspace) SaveState() error {
	for _, lang := range w.Project.Targets() {
		ls := w.State.Lang(lang)
		known := map[string]bool{}
		blocks := map[string][]string{}
		var whole []string // bodies translated as one unit for now
		for _, u := range w.Units(lang) {
			known[u.ID] = true
			switch {
			case u.Block != nil && u.Block.Body.targetIDs != nil:
				blocks[u.Text.ID] = u.Block.Body.targetIDs
			case u.Block == nil && u.Text != nil && u.Text.Field.Type == model.Body:
				// Its blocks' records are kept, for when its translation
				// has the source's blocks again.
				whole = append(whole, u.Text.ID+"[")
				if recorded := ls.Blocks[u.Text.ID]; recorded != nil {
					blocks[u.Text.ID] = recorded
				}
			}
		}
		for id := range ls.Units {
			if !known[id] && !slices.ContainsFunc(whole, func(prefix string) bool { return strings.HasPrefix(id, prefix) }) {
				delete(ls.Units, id)
			}
		}
		ls.Blocks = blocks
		// The texts the records name, the current ones from the site:
		// recorded before texts were kept, they are known now.
		for _, u := range w.Units(lang) {
			if r, ok := ls.Units[u.ID]; ok && r.Source == u.SourceHash {
				ls.Sources[r.Source] = strings.TrimSpace(u.Source)
			}
		}
		named := map[string]bool{}
		for _, r := range ls.Units {
			named[r.Source] = true
		}
		maps.DeleteFunc(ls.Sources, func(hash, _ string) bool { return !named[hash] })
	}
	return w.State.Write(w.Project)
}

// Condition is how a unit's translation stands.
type Condition string

const (
	Current  Condition = "current"
	Missing  Condition = "missing"
	Outdated Condition = "outdated"
)

// Condition tells whether the unit's translation is there (for a message
// that depends on a count, in every plural form its language needs) and
// made from its source as it is now. A translation is outdated when its source
// changed since it was recorded and the translation did not; one that was
// never recorded is taken as current.
func (s State) Condition(u *Unit) Condition {
	if u.TargetHash == "" || u.incomplete {
		return Missing
	}
	r, ok := s.Lang(u.Lang).Units[u.ID]
	if ok && r.Source != u.SourceHash && r.Target == u.TargetHash {
		return Outdated
	}
	return Current
}
