package translation

import (
	"fmt"
	"io"
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

// Merge folds a translated goi18n file (named file, read from r) back into
// the site's files: the messages into the catalogue, the other texts into
// the data and the pages. Any translation refused, and nothing is written;
// strict, any warning too.
func (w *Workspace) Merge(lang, file string, r io.Reader, strict bool) (*Report, error) {
	in, segments, err := w.readGoi18nTargets(lang, file, r, strict)
	if err != nil {
		return nil, err
	}
	return w.foldBack(in, segments)
}

// textKeys are the keys of a text's table in a translate file.
var textKeys = []string{"hash", "other"}

// readGoi18nTargets reads and checks the translations of a goi18n
// translate file: what a merge would write.
func (w *Workspace) readGoi18nTargets(lang, file string, r io.Reader, strict bool) (*intake, []Segment, error) {
	data, err := ReadTranslatorFile(r)
	if err != nil {
		return nil, nil, err
	}
	// Read as every TOML file of the site is: its nesting limited, its
	// problems at their place.
	doc, prob := tomlfile.Decode(file, data)
	if prob != nil {
		return nil, nil, prob
	}
	entries, prob := translateTables(doc)
	if prob != nil {
		return nil, nil, prob
	}
	segments := Segments(w.Units(lang))
	bySegment := map[string]Segment{}
	byUnit := map[string]*Unit{}
	for _, s := range segments {
		bySegment[s.ID] = s
		byUnit[s.Unit.ID] = s.Unit
	}
	in := newIntake(file, lang, "nothing was merged: correct each translation above, then merge the file again", strict)
	forms := PluralForms(lang)
	name := w.language(lang).Name
	unknown := 0
	// take checks one translation and keeps it when it differs from the
	// source (a text left as the source is not translated yet).
	take := func(s Segment, text string, path ...string) {
		line, col := doc.Position(path...)
		in.place(s.ID, line, col, tomlfile.Key(path[0])+"."+path[1])
		if strings.TrimSpace(text) == "" || strings.TrimSpace(text) == strings.TrimSpace(s.Source) {
			return
		}
		if message, hint := w.checkTarget(s, text); message != "" {
			in.refuseSegment(s.ID, message, hint)
			return
		}
		w.checkUsage(in, s, text)
		if w.revertsNewerEdit(s, text) {
			in.report.Kept = append(in.report.Kept, s.ID)
			return
		}
		in.targets[s.ID] = text
	}
	for _, id := range slices.Sorted(maps.Keys(entries)) {
		entry := entries[id]
		if u, ok := byUnit[model.MessageID(id)]; ok && u.Message != nil {
			if entry["hash"] != "" && entry["hash"] != u.SourceHash {
				in.report.Stale = append(in.report.Stale, id)
				in.stale[u.ID] = sourceText{hash: entry["hash"]}
			}
			for _, key := range slices.Sorted(maps.Keys(entry)) {
				if s, ok := bySegment[u.ID+"."+key]; ok {
					take(s, entry[key], id, key)
					continue
				}
				if key == "hash" || strings.EqualFold(key, "description") {
					continue
				}
				line, col := doc.KeyPosition(id, key)
				message := fmt.Sprintf("%q is not a plural form", key)
				if slices.Contains(pluralForms, key) {
					message = fmt.Sprintf("%q is not a plural form of %s, nor one of the message's", key, name)
				}
				in.refuse(line, col, id, message, fmt.Sprintf("the forms of %s are %s: translate the text into them, and remove %s", name, strings.Join(forms, ", "), key))
			}
			continue
		}
		s, ok := bySegment[id]
		if !ok {
			line, col := doc.KeyPosition(id)
			in.refuse(line, col, "", fmt.Sprintf("%q is not a text of the site", id), "")
			unknown++
			continue
		}
		if entry["hash"] != "" && entry["hash"] != Hash(s.Source) {
			in.report.Stale = append(in.report.Stale, id)
			in.stale[s.Unit.ID] = sourceText{hash: entry["hash"]}
		}
		for _, key := range slices.Sorted(maps.Keys(entry)) {
			if !slices.Contains(textKeys, key) {
				line, col := doc.KeyPosition(id, key)
				in.refuse(line, col, id, fmt.Sprintf("%q is not a key of a text: a text has one form, other", key),
					"put the translation in other = \"…\", and remove "+key)
			}
		}
		take(s, entry["other"], id, "other")
	}
	what := in.nothing
	if unknown > 0 && unknown == len(in.problems) {
		what = "nothing was merged: was the file extracted from another version of the site? Extract it again"
	}
	if err := in.err(what); err != nil {
		return nil, nil, err
	}
	in.report.Imported = len(in.targets)
	return in, segments, nil
}

// PendingGoi18n returns the ids of the translations a goi18n translate
// file holds that the site does not: work that replacing the file would
// lose. An error says that the file is not a translate file.
func (w *Workspace) PendingGoi18n(lang string, data []byte) ([]string, error) {
	doc, prob := tomlfile.Decode("", data)
	if prob != nil {
		return nil, prob
	}
	entries, prob := translateTables(doc)
	if prob != nil {
		return nil, prob
	}
	bySegment := map[string]Segment{}
	for _, s := range Segments(w.Units(lang)) {
		bySegment[s.ID] = s
	}
	var pending []string
	for _, id := range slices.Sorted(maps.Keys(entries)) {
		for _, key := range slices.Sorted(maps.Keys(entries[id])) {
			text := strings.TrimSpace(entries[id][key])
			s, ok := bySegment[id]
			if key != "other" || !ok {
				s, ok = bySegment[model.MessageID(id)+"."+key]
			}
			if key == "hash" || text == "" || ok && (text == strings.TrimSpace(s.Source) || text == strings.TrimSpace(s.Target)) {
				continue
			}
			pending = append(pending, id)
			break
		}
	}
	return pending, nil
}
