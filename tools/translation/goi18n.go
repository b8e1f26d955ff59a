package translation

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/model"
	"github.com/cyberpub/site/tools/tomlfile"
)

// goi18n's translate files: one table per message, with the hash of the
// source it translates and its texts by plural form. Interface messages keep
// their keys; the other texts of the site use their ids (quoted keys), with
// their text as "other".

// Extract writes, in goi18n's format, the texts of a target language that
// are missing or outdated, with the source text to translate in place of
// each translation. It returns how many texts it holds.
func (w *Workspace) Extract(lang string) ([]byte, int) {
	var b strings.Builder
	fmt.Fprintf(&b, "# Texts to translate into %s. Replace each text by its translation, keep\n# the hashes, then run: site i18n merge <this file>\n", lang)
	n := 0
	for _, u := range w.Units(lang) {
		if w.State.Condition(u) == Current {
			continue
		}
		n++
		if u.Message != nil { // one table, its plural forms as keys
			fmt.Fprintf(&b, "\n[%s]\nhash = %s\n", tomlfile.Key(u.Message.Key), tomlfile.Quote(u.SourceHash))
			for _, s := range Segments([]*Unit{u}) {
				fmt.Fprintf(&b, "%s = %s\n", s.Form, tomlfile.Quote(s.Source))
			}
			continue
		}
		for _, s := range Segments([]*Unit{u}) {
			fmt.Fprintf(&b, "\n[%s]\nhash = %s\nother = %s\n", tomlfile.Key(s.ID), tomlfile.Quote(Hash(s.Source)), tomlfile.Quote(s.Source))
		}
	}
	return []byte(b.String()), n
}

// translateTables reads a goi18n translate file's tables: one per message
// or text, of quoted texts by key.
func translateTables(doc *tomlfile.Document) (map[string]map[string]string, *diag.Problem) {
	file := map[string]map[string]string{}
	for id, v := range doc.Data {
		table, ok := v.(map[string]any)
		if !ok {
			line, col := doc.Position(id)
			return nil, &diag.Problem{File: doc.File, Line: line, Col: col, Message: fmt.Sprintf("not a goi18n translate file: %q is not a table of texts", id)}
		}
		file[id] = map[string]string{}
		for key, text := range table {
			s, ok := text.(string)
			if !ok {
				line, col := doc.Position(id, key)
				return nil, &diag.Problem{File: doc.File, Line: line, Col: col, Message: fmt.Sprintf("not a goi18n translate file: %s.%s is not a quoted text", id, key)}
			}
			file[id][key] = s
		}
	}
	return file, nil
}

// Merge folds a translated goi18n file back into the site's files: the
// messages into the catalogue, the other texts into the data and the pages.
func (w *Workspace) Merge(lang string, data []byte) (*Report, error) {
	// Read as every TOML file of the site is: its nesting limited, its
	// problems at their place.
	doc, prob := tomlfile.Decode("the goi18n file", data)
	if prob != nil {
		return nil, prob
	}
	file, prob := translateTables(doc)
	if prob != nil {
		return nil, prob
	}
	segments := Segments(w.Units(lang))
	bySegment := map[string]Segment{}
	byUnit := map[string]*Unit{}
	for _, s := range segments {
		bySegment[s.ID] = s
		byUnit[s.Unit.ID] = s.Unit
	}
	report := &Report{Lang: lang}
	targets := map[string]string{}
	stale := map[string]string{} // unit id → the hash of the source translated
	var unknown []error
	for _, id := range slices.Sorted(maps.Keys(file)) {
		entry := file[id]
		if u, ok := byUnit[model.MessageID(id)]; ok && u.Message != nil {
			if entry["hash"] != "" && entry["hash"] != u.SourceHash {
				report.Stale = append(report.Stale, id)
				stale[u.ID] = entry["hash"]
			}
			for _, form := range slices.Sorted(maps.Keys(entry)) {
				s, ok := bySegment[u.ID+"."+form]
				if ok && entry[form] != s.Source {
					targets[s.ID] = entry[form]
				}
			}
			continue
		}
		s, ok := bySegment[id]
		if !ok {
			unknown = append(unknown, fmt.Errorf("%q is not a text of the site", id))
			continue
		}
		if entry["hash"] != "" && entry["hash"] != Hash(s.Source) {
			report.Stale = append(report.Stale, id)
			stale[s.Unit.ID] = entry["hash"]
		}
		// A text left as the source is not translated yet.
		if text := entry["other"]; text != "" && strings.TrimSpace(text) != strings.TrimSpace(s.Source) {
			targets[id] = text
		}
	}
	if len(unknown) > 0 {
		return nil, errors.Join(append(unknown, errors.New("nothing was merged: was the file extracted from another version of the site? Extract it again"))...)
	}
	report.Imported = len(targets)
	return w.foldBack(report, segments, targets, stale)
}
