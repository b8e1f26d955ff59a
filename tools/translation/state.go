package translation

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/field"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/tomlfile"
)

// StateFile records, for each translated text, which version of the source
// its translation was made from. It lives in the repository so that a
// reviewer sees in a diff what was translated or confirmed.
const StateFile = "translation-state.toml"

// Record is the state of one translation: the hash of the source it
// translates, and of the translation as it was then.
type Record struct {
	Source string `toml:"source"`
	Target string `toml:"target"`
}

// LangState is the state of one target language.
type LangState struct {
	// Same lists the messages whose translation is rightly the same as the
	// source (true cognates: "Sources", "Classification").
	Same  []string          `toml:"same"`
	Units map[string]Record `toml:"units"`
}

// State is the whole state file.
type State map[string]*LangState

// ReadState reads the state file; a missing file is an empty state.
func ReadState(p *project.Project) (State, *diag.Problem) {
	src, err := os.ReadFile(p.Path(StateFile))
	if os.IsNotExist(err) {
		return State{}, nil
	}
	if err != nil {
		return nil, &diag.Problem{File: StateFile, Message: err.Error()}
	}
	var s State
	if _, prob := tomlfile.Decode(StateFile, src, &s); prob != nil {
		return nil, prob
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
	return s[lang]
}

// Confirm records that the unit's translation is current.
func (s State) Confirm(lang string, u Unit) {
	s.Lang(lang).Units[u.ID] = Record{Source: u.SourceHash, Target: u.TargetHash}
}

// Write writes the state file, one line per unit in a stable order, so
// that diffs show exactly what changed. It replaces the file in one step.
func (s State) Write(p *project.Project) error {
	var b strings.Builder
	b.WriteString(`# Which version of each source text every translation was made from.
# Written by "site i18n confirm", "site i18n import" and "site i18n merge";
# read by "site i18n status" and "site check" to find outdated translations.
# source: hash of the text in the site's first language; target: hash of
# the translation as it was then.
`)
	for _, lang := range field.SortedKeys(s) {
		ls := s[lang]
		fmt.Fprintf(&b, "\n[%s]\n", lang)
		same := slices.Clone(ls.Same)
		slices.Sort(same)
		b.WriteString("# Messages rightly the same as in the source language.\nsame = [")
		for i, id := range same {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(quote(id))
		}
		b.WriteString("]\n")
		fmt.Fprintf(&b, "\n[%s.units]\n", lang)
		for _, id := range field.SortedKeys(ls.Units) {
			r := ls.Units[id]
			fmt.Fprintf(&b, "%s = { source = %s, target = %s }\n", quote(id), quote(r.Source), quote(r.Target))
		}
	}
	return WriteFileAtomic(p.Path(StateFile), []byte(b.String()))
}

// quote writes a TOML basic string.
func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\t", `\t`, "\r", `\r`).Replace(s) + `"`
}

// WriteFileAtomic replaces a file with data in one step: readers see the
// old file or the new one, never half of it.
func WriteFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+"-")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	mode := os.FileMode(0o644)
	if info, err := os.Stat(path); err == nil {
		mode = info.Mode()
	}
	if err := os.Chmod(f.Name(), mode); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
