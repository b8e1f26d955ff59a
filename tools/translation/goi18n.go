package translation

import (
	"fmt"
	"slices"
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
	forms := PluralForms(lang)
	var b strings.Builder
	fmt.Fprintf(&b, "# Texts to translate into %s. Replace each text by its translation, keep\n# the hashes, then run: site i18n merge <this file>\n", lang)
	n := 0
	basic := tomlfile.Literal{Delim: `"`}
	for _, u := range units {
		if state.Condition(lang, u) == Current {
			continue
		}
		n++
		if u.Kind == Message {
			fmt.Fprintf(&b, "\n[%s]\nhash = %q\n", tomlKey(strings.TrimPrefix(u.ID, "i18n#")), u.SourceHash)
			want := []string{"other"}
			if len(u.SourceForms) > 1 {
				want = forms
			}
			for _, form := range want {
				text := u.SourceForms[form]
				if text == "" {
					text = u.SourceForms["other"]
				}
				fmt.Fprintf(&b, "%s = %s\n", form, basic.Encode(text))
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

// MergeReport says what a merge did.
type MergeReport struct {
	Written  []string
	Imported int
	Stale    []string // translated from a source that has changed since
}

// Merge folds a translated goi18n file back into the site's files: the
// messages into the catalogue, the other texts into the data and the pages.
func Merge(p *project.Project, state State, lang string, data []byte) (*MergeReport, error) {
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
	report := &MergeReport{}
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
				if form != "hash" && form != "description" && entry[form] != u.SourceForms[form] {
					targets[u.ID+"."+form] = entry[form]
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
	written, err := Apply(p, segments, targets)
	report.Written = written
	if err != nil {
		return report, err
	}
	merged := map[string]bool{}
	for id := range targets {
		if s, ok := bySegment[id]; ok {
			merged[s.Unit.ID] = true
		} else if i := strings.LastIndexByte(id, '.'); i > 0 {
			merged[id[:i]] = true
		}
	}
	report.Imported = len(targets)
	after, _ := Collect(p, lang)
	for _, u := range after {
		if merged[u.ID] && !stale[u.ID] {
			state.Confirm(lang, u)
		}
	}
	slices.Sort(report.Stale)
	return report, state.Write(p)
}
