package translation

import (
	"fmt"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/cyberpub/site/tools/field"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/tomlfile"
)

// goi18n's translate files: one table per message, with the hash of the
// source it translates and its texts by plural form. Interface messages keep
// their ids; the other texts of the site use their segment ids (quoted
// keys), with their text as "other".

// Extract writes, in goi18n's format, the texts of a target language that
// are missing or outdated, with the source text to translate in place of
// each translation.
func Extract(p *project.Project, state State, lang string) ([]byte, int, error) {
	units, problems := Collect(p, lang)
	if len(problems) > 0 {
		return nil, 0, fmt.Errorf("%s", problems[0])
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# Texts to translate into %s. Replace each text by its translation, keep\n# the hashes, then run: site i18n merge <this file>\n", lang)
	n := 0
	basic := tomlfile.Literal{Delim: `"`}
	for _, u := range units {
		if state.Condition(lang, u) == Current {
			continue
		}
		n++
		if u.Kind == Message { // one table, its plural forms as keys
			fmt.Fprintf(&b, "\n[%s]\nhash = %q\n", tomlKey(strings.TrimPrefix(u.ID, "i18n#")), u.SourceHash)
			for _, s := range Segments(p, []Unit{u}) {
				fmt.Fprintf(&b, "%s = %s\n", s.Part, basic.Encode(s.Source))
			}
			continue
		}
		for _, s := range Segments(p, []Unit{u}) {
			fmt.Fprintf(&b, "\n[%s]\nhash = %q\nother = %s\n", tomlKey(s.ID), Hash(s.Source), basic.Encode(s.Source))
		}
	}
	return []byte(b.String()), n, nil
}

// tomlKey writes a key bare when it can be, quoted otherwise.
func tomlKey(k string) string {
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return quote(k)
		}
	}
	return k
}

// Merge folds a translated goi18n file back into the site's files: the
// messages into the catalogue, the other texts into the data and the pages.
func Merge(p *project.Project, state State, lang string, data []byte) (*Report, error) {
	var file map[string]map[string]string
	if _, err := toml.Decode(string(data), &file); err != nil {
		return nil, fmt.Errorf("not a goi18n translate file: %w", err)
	}
	units, problems := Collect(p, lang)
	if len(problems) > 0 {
		return nil, fmt.Errorf("%s", problems[0])
	}
	segments := Segments(p, units)
	bySegment := map[string]Segment{}
	byUnit := map[string]Unit{}
	for _, s := range segments {
		bySegment[s.ID] = s
		byUnit[s.Unit.ID] = s.Unit
	}
	report := &Report{Lang: lang}
	targets := map[string]string{}
	stale := map[string]bool{}
	for _, id := range field.SortedKeys(file) {
		entry := file[id]
		if u, ok := byUnit["i18n#"+id]; ok && !strings.ContainsAny(id, "#/") {
			if entry["hash"] != "" && entry["hash"] != u.SourceHash {
				report.Stale = append(report.Stale, id)
				stale[u.ID] = true
			}
			for _, form := range field.SortedKeys(entry) {
				s, ok := bySegment[u.ID+"."+form]
				if ok && entry[form] != s.Source {
					targets[s.ID] = entry[form]
				}
			}
			continue
		}
		s, ok := bySegment[id]
		if !ok {
			return nil, fmt.Errorf("%q is not a text of the site", id)
		}
		if entry["hash"] != "" && entry["hash"] != Hash(s.Source) {
			report.Stale = append(report.Stale, id)
			stale[s.Unit.ID] = true
		}
		// A text left as the source is not translated yet.
		if text := entry["other"]; text != "" && strings.TrimSpace(text) != strings.TrimSpace(s.Source) {
			targets[id] = text
		}
	}
	report.Imported = len(targets)
	return foldBack(p, state, report, segments, targets, stale)
}
