// Package project knows the layout of a site project: where its files are
// and which languages it publishes, as config.toml declares them.
package project

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/tomlfile"
)

// ConfigFile is Hugo's configuration, read here for the languages only.
const ConfigFile = "config.toml"

// Language is one language the site is published in.
type Language struct {
	Code   string // Hugo's language key: "en", "fr"
	Name   string // its name in itself: "English", "Français"
	Locale string // its BCP 47 tag: "en-CA", "fr-CA"
}

// Project is a site on disk.
type Project struct {
	Root      string
	Languages []Language // in the site's order (Hugo's weight)
}

// Open reads the project at root.
func Open(root string) (*Project, *diag.Problem) {
	src, err := os.ReadFile(filepath.Join(root, ConfigFile))
	if err != nil {
		return nil, &diag.Problem{File: ConfigFile, Message: fmt.Sprintf("cannot read the site configuration: %v", err),
			Hint: "run the command in the site's root folder, or give it with --source"}
	}
	var cfg struct {
		Languages map[string]struct {
			Weight int
			Label  string
			Locale string
		}
	}
	if _, p := tomlfile.Decode(ConfigFile, src, &cfg); p != nil {
		return nil, p
	}
	if len(cfg.Languages) == 0 {
		return nil, &diag.Problem{File: ConfigFile, Message: "no [languages] are configured", Hint: "declare [languages.en] and [languages.fr]"}
	}
	pr := &Project{Root: root}
	for code, l := range cfg.Languages {
		pr.Languages = append(pr.Languages, Language{Code: code, Name: cmp.Or(l.Label, code), Locale: cmp.Or(l.Locale, code)})
	}
	slices.SortFunc(pr.Languages, func(a, b Language) int {
		return cmp.Or(cmp.Compare(cfg.Languages[a.Code].Weight, cfg.Languages[b.Code].Weight), cmp.Compare(a.Code, b.Code))
	})
	return pr, nil
}

// Codes returns the language codes in the site's order.
func (p *Project) Codes() []string {
	codes := make([]string, len(p.Languages))
	for i, l := range p.Languages {
		codes[i] = l.Code
	}
	return codes
}

// Targets returns the codes of the languages the site is translated into:
// all but the first, which is the source of every translation.
func (p *Project) Targets() []string { return p.Codes()[1:] }

// Path joins a slash-separated path inside the project to its root.
func (p *Project) Path(rel string) string { return filepath.Join(p.Root, filepath.FromSlash(rel)) }
