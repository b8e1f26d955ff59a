// Package reference loads and checks the structured content that
// publications refer to by id: mitigation measures, threat actor profiles
// and glossary terms. Each is published as pages of its own, and linked both
// ways with the publications that name it.
package reference

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/field"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/tomlfile"
)

// Where editors keep the data, relative to the project root.
const (
	MitigationsFile = "data/mitigations.toml"
	ThreatActorsDir = "data/threat-actors"
	GlossaryFile    = "data/glossary.toml"
)

// Measure is a mitigation measure, published as a guidance page.
type Measure struct {
	Slug       field.Text   `toml:"slug"`
	Title      field.Text   `toml:"title"`
	Body       field.Text   `toml:"body"`
	Items      []field.Text `toml:"items"`
	References []Reference  `toml:"references"`
}

// Reference is a document a measure points to for more.
type Reference struct {
	Title field.Text `toml:"title"`
	URL   string     `toml:"url"`
}

// ThreatActor is a threat actor's profile: data/threat-actors/<ID>.toml.
type ThreatActor struct {
	ID      string     `toml:"-"`
	File    string     `toml:"-"`
	Name    string     `toml:"name"`
	Aliases []string   `toml:"aliases"`
	Sponsor field.Text `toml:"sponsor"`
	Targets field.Text `toml:"targets"`
	Summary field.Text `toml:"summary"`
}

// Term is a glossary entry. Forms are the words that count as a use of the
// term in running text, by language.
type Term struct {
	Term       field.Text          `toml:"term"`
	Definition field.Text          `toml:"definition"`
	Forms      map[string][]string `toml:"forms"`
	// SeeAlso are the ids of related terms, linked from the term's page.
	SeeAlso []string `toml:"see_also"`
}

// Set is all the reference content of a site.
type Set struct {
	Measures     map[string]Measure
	ThreatActors map[string]*ThreatActor
	Terms        map[string]Term
}

// Load reads and checks the measures, threat actors and glossary.
func Load(p *project.Project) (*Set, diag.List) {
	c := &field.Checker{Langs: p.Languages}
	set := &Set{
		Measures:     loadMeasures(p, c),
		ThreatActors: loadThreatActors(p, c),
		Terms:        loadGlossary(p, c),
	}
	c.Problems.Sort()
	return set, c.Problems
}

// decodeTables reads a file made of one table per id, into tables, and
// reports unknown keys and ids that cannot be ids. It returns nil when the
// file is missing or invalid.
func decodeTables[T any](p *project.Project, c *field.Checker, file, kind string, tables *map[string]T) *tomlfile.Document {
	src, err := os.ReadFile(p.Path(file))
	if err != nil {
		c.Add(diag.Problem{File: file, Message: fmt.Sprintf("cannot read the %ss: %v", kind, err), Hint: fmt.Sprintf("create it with one [%s-id] table per %s", kind, kind)})
		return nil
	}
	doc, prob := tomlfile.Decode(file, src, tables)
	if prob != nil {
		c.Add(*prob)
		return nil
	}
	var zero T
	c.UnknownKeys(doc, func(k toml.Key) (string, int, []string) {
		return fmt.Sprintf("%s %q", kind, k[0]), 1, field.Keys(zero)
	})
	for _, id := range field.SortedKeys(*tables) {
		if !field.ValidID(id) {
			c.Add(field.WithHint(field.At(doc, fmt.Sprintf("%s %q", kind, id), []string{id}, "the id %q cannot be part of an address", id), field.IDHint))
		}
	}
	return doc
}

func loadMeasures(p *project.Project, c *field.Checker) map[string]Measure {
	var measures map[string]Measure
	doc := decodeTables(p, c, MitigationsFile, "measure", &measures)
	if doc == nil {
		return nil
	}
	slugs := map[string]string{}
	for _, id := range field.SortedKeys(measures) {
		m, subject := measures[id], fmt.Sprintf("measure %q", id)
		c.Text(doc, subject, []string{id, "title"}, "title", m.Title, true)
		c.Text(doc, subject, []string{id, "body"}, "body", m.Body, true)
		for _, l := range c.Langs {
			slug := m.Slug[l.Code]
			if slug == "" {
				slug = id
			} else if !field.ValidID(slug) {
				c.Add(field.WithHint(field.At(doc, subject, []string{id, "slug", l.Code}, "the %s slug %q cannot be part of an address", field.LangName(l), slug), field.IDHint))
			}
			if other, taken := slugs[l.Code+"/"+slug]; taken {
				c.Add(field.WithHint(field.At(doc, subject, []string{id, "slug"}, "the %s address %q is already used by measure %q", field.LangName(l), slug, other), "give each measure its own slug."+l.Code))
			}
			slugs[l.Code+"/"+slug] = id
		}
		for i, item := range m.Items {
			c.Text(doc, subject, []string{id, "items"}, fmt.Sprintf("items[%d]", i+1), item, true)
		}
		for i, r := range m.References {
			c.Text(doc, subject, []string{id, "references"}, fmt.Sprintf("references[%d].title", i+1), r.Title, true)
			c.URL(doc, subject, []string{id, "references"}, fmt.Sprintf("reference %d", i+1), r.URL)
		}
	}
	return measures
}

func loadThreatActors(p *project.Project, c *field.Checker) map[string]*ThreatActor {
	files, _ := filepath.Glob(p.Path(ThreatActorsDir + "/*.toml"))
	slices.Sort(files)
	actors := map[string]*ThreatActor{}
	for _, path := range files {
		id := strings.TrimSuffix(filepath.Base(path), ".toml")
		file := ThreatActorsDir + "/" + filepath.Base(path)
		src, err := os.ReadFile(path)
		if err != nil {
			c.Add(diag.Problem{File: file, Message: fmt.Sprintf("cannot read: %v", err)})
			continue
		}
		a := &ThreatActor{ID: id, File: file}
		doc, prob := tomlfile.Decode(file, src, a)
		if prob != nil {
			c.Add(*prob)
			continue
		}
		if !field.ValidID(id) {
			c.Add(diag.Problem{File: file, Line: 1, Col: 1, Message: fmt.Sprintf("the file name %q cannot be a threat actor id", id), Hint: "rename the file: " + field.IDHint})
		}
		c.UnknownKeys(doc, func(toml.Key) (string, int, []string) { return "", 0, field.Keys(ThreatActor{}) })
		if strings.TrimSpace(a.Name) == "" {
			c.Add(field.WithHint(field.At(doc, "", []string{"name"}, "the threat actor has no name"), "add name = \"APT00\", the name it is best known by"))
		}
		for i, alias := range a.Aliases {
			if strings.TrimSpace(alias) == "" {
				c.Add(field.At(doc, "", []string{"aliases"}, "alias %d is empty", i+1))
			}
		}
		c.Text(doc, "", []string{"sponsor"}, "sponsor", a.Sponsor, true)
		c.Text(doc, "", []string{"targets"}, "targets", a.Targets, true)
		c.Text(doc, "", []string{"summary"}, "summary", a.Summary, true)
		actors[id] = a
	}
	return actors
}

// formPattern is what a word form may hold, so that it can be looked for in
// running text as it is.
var formPattern = regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N} '’-]*$`)

func loadGlossary(p *project.Project, c *field.Checker) map[string]Term {
	var terms map[string]Term
	doc := decodeTables(p, c, GlossaryFile, "term", &terms)
	if doc == nil {
		return nil
	}
	owners := map[string]string{} // "lang/form" → term id
	for _, id := range field.SortedKeys(terms) {
		t, subject := terms[id], fmt.Sprintf("term %q", id)
		c.Text(doc, subject, []string{id, "term"}, "term", t.Term, true)
		c.Text(doc, subject, []string{id, "definition"}, "definition", t.Definition, true)
		for _, other := range t.SeeAlso {
			c.Ref(doc, subject, []string{id, "see_also"}, "term", other, field.SortedKeys(terms), GlossaryFile)
		}
		for _, lang := range field.SortedKeys(t.Forms) {
			if !slices.Contains(c.Codes(), lang) {
				c.Add(field.WithHint(field.At(doc, subject, []string{id, "forms", lang}, "forms in %q, which is not a language of the site", lang), "the languages are "+strings.Join(c.Codes(), " and ")))
			}
		}
		for _, l := range c.Langs {
			forms := t.Forms[l.Code]
			if name := t.Term[l.Code]; name != "" && !slices.ContainsFunc(forms, func(f string) bool { return strings.EqualFold(f, name) }) {
				forms = append([]string{name}, forms...)
			}
			for _, f := range forms {
				key := l.Code + "/" + strings.ToLower(f)
				switch {
				case !formPattern.MatchString(f):
					c.Add(field.WithHint(field.At(doc, subject, []string{id, "forms", l.Code}, "the %s form %q cannot be looked for in text", field.LangName(l), f), "use letters, digits, spaces, hyphens and apostrophes only"))
				case owners[key] != "" && owners[key] != id:
					c.Add(field.WithHint(field.At(doc, subject, []string{id, "forms", l.Code}, "the %s form %q is also a form of term %q", field.LangName(l), f, owners[key]), "a word can stand for one term only: remove it from one of them"))
				}
				owners[key] = id
			}
		}
	}
	return terms
}

// IDs returns the ids of a set's things of one kind, sorted.
func IDs[T any](m map[string]T) []string { return field.SortedKeys(m) }
