// Package pages checks the prose publications editors write as Markdown in
// content/: one file per language side by side (name.en.md, name.fr.md),
// each with TOML front matter between +++ lines.
package pages

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/field"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/tomlfile"
)

// ContentDir is where pages are, relative to the project root.
const ContentDir = "content"

// Known are the ids pages may refer to, and where each kind is defined.
type Known struct {
	Measures, ThreatActors, Timelines []string
}

// Page is one language version of a publication.
type Page struct {
	File         string // relative to the project root
	Section      string // "bulletins", "reports"…; "" for the home page
	Name         string // the file name without language and extension; "_index" for section pages
	Lang         string
	Title        string
	Measures     []string
	ThreatActors []string
	Timeline     string
}

// kind says which front matter keys a page of a section takes.
type kind struct {
	required, optional []string
}

// frontMatter is every key a page may set, with the type its value must have.
var frontMatter = map[string]string{
	"title":          "text",
	"description":    "text",
	"slug":           "text",
	"date":           "date",
	"lastmod":        "date",
	"measures":       "list",
	"threat_actors":  "list",
	"timeline":       "text",
	"classification": "text",
}

// kinds are the sections' pages; section pages (_index) take title and description.
var kinds = map[string]kind{
	"bulletins":  {required: []string{"title", "description", "date"}, optional: []string{"slug", "lastmod", "measures", "threat_actors"}},
	"reports":    {required: []string{"title", "description", "date"}, optional: []string{"slug", "lastmod", "timeline", "classification", "threat_actors"}},
	"statements": {required: []string{"title", "description", "date"}, optional: []string{"slug", "lastmod", "threat_actors"}},
}

var sectionPage = kind{required: []string{"title"}, optional: []string{"description"}}

// Load reads and checks every Markdown page of content/.
func Load(p *project.Project, known Known) ([]*Page, diag.List) {
	c := &field.Checker{Langs: p.Languages}
	var pages []*Page
	root := p.Path(ContentDir)
	err := filepath.WalkDir(root, func(file string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(file) != ".md" {
			return err
		}
		rel, _ := filepath.Rel(p.Root, file)
		if page := load(c, filepath.ToSlash(rel), file, known); page != nil {
			pages = append(pages, page)
		}
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		c.Add(diag.Problem{File: ContentDir, Message: err.Error()})
	}
	checkCounterparts(c, pages)
	c.Problems.Sort()
	return pages, c.Problems
}

func load(c *field.Checker, rel, file string, known Known) *Page {
	src, err := os.ReadFile(file)
	if err != nil {
		c.Add(diag.Problem{File: rel, Message: fmt.Sprintf("cannot read: %v", err)})
		return nil
	}
	base := strings.TrimSuffix(path.Base(rel), ".md")
	name, lang, ok := strings.Cut(base, ".")
	if !ok || !slices.Contains(c.Codes(), lang) {
		c.Add(diag.Problem{File: rel, Message: "the file name does not say its language",
			Hint: fmt.Sprintf("name it %s.%s.md, beside its counterparts in the other languages", name, c.Codes()[0])})
		return nil
	}
	page := &Page{File: rel, Name: name, Lang: lang}
	if dir := path.Dir(strings.TrimPrefix(rel, ContentDir+"/")); dir != "." {
		page.Section = strings.Split(dir, "/")[0]
	}
	k, ok := kinds[page.Section]
	if name == "_index" {
		k, ok = sectionPage, true
	}
	if !ok {
		c.Add(diag.Problem{File: rel, Message: fmt.Sprintf("pages cannot go in %q", path.Dir(rel)),
			Hint: "publications go in content/bulletins, content/reports or content/statements"})
		return nil
	}

	// From here on, the page is returned even when its front matter is
	// wrong, so that its counterparts are not reported as alone.
	fm, body, line, prob := frontMatterOf(src)
	if prob != "" {
		c.Add(diag.Problem{File: rel, Line: line, Col: 1, Message: prob, Hint: "start the file with +++, the TOML front matter, and +++ again before the text"})
		return page
	}
	if name != "_index" && strings.TrimSpace(string(body)) == "" {
		c.Add(diag.Problem{File: rel, Line: strings.Count(string(fm), "\n") + 2, Col: 1, Message: "the page has no text", Hint: "write it in Markdown below the +++ line"})
	}
	var values map[string]any
	doc, p := tomlfile.Decode(rel, fm, &values)
	if p != nil {
		c.Add(*p)
		return page
	}
	allowed := slices.Concat(k.required, k.optional)
	for _, key := range field.SortedKeys(values) {
		if !slices.Contains(allowed, key) {
			pr := field.At(doc, "", []string{key}, "unknown front matter key %q", key)
			if s := tomlfile.Suggest(key, allowed); s != "" {
				pr.Hint = fmt.Sprintf("did you mean %q?", s)
			} else {
				pr.Hint = "the keys here are " + strings.Join(allowed, ", ")
			}
			c.Add(pr)
			continue
		}
		if want := frontMatter[key]; !hasType(values[key], want) {
			c.Add(field.WithHint(field.At(doc, "", []string{key}, "%s must be %s", key, typeName[want]), typeExample[want]))
		} else if s, ok := values[key].(string); ok && strings.TrimSpace(s) == "" && key != "slug" {
			c.Add(field.WithHint(field.At(doc, "", []string{key}, "%s is empty", key), "write it between the quotes, or remove the line if it is optional"))
		}
	}
	for _, key := range k.required {
		if _, ok := values[key]; !ok {
			c.Add(field.WithHint(diag.Problem{File: rel, Line: 2, Col: 1, Message: fmt.Sprintf("the front matter has no %s", key)}, "add "+key+" = "+typeExample[frontMatter[key]]))
		}
	}
	page.Title, _ = values["title"].(string)
	page.Timeline, _ = values["timeline"].(string)
	page.Measures = idList(values["measures"])
	page.ThreatActors = idList(values["threat_actors"])
	if slug, _ := values["slug"].(string); slug != "" && !field.ValidID(slug) {
		c.Add(field.WithHint(field.At(doc, "", []string{"slug"}, "the slug %q cannot be part of an address", slug), field.IDHint))
	}
	for _, id := range page.Measures {
		c.Ref(doc, "", []string{"measures"}, "measure", id, known.Measures, "data/mitigations.toml")
	}
	for _, id := range page.ThreatActors {
		c.Ref(doc, "", []string{"threat_actors"}, "threat actor", id, known.ThreatActors, "data/threat-actors/")
	}
	if page.Timeline != "" {
		c.Ref(doc, "", []string{"timeline"}, "timeline", page.Timeline, known.Timelines, "data/timelines/")
	}
	return page
}

// frontMatterOf returns the TOML between the +++ lines, preceded by an empty
// line for the first +++ so that its line numbers are the file's, and the
// text below.
func frontMatterOf(src []byte) (fm, body []byte, line int, problem string) {
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	if bytes.HasPrefix(src, []byte("---\n")) {
		return nil, nil, 1, "the front matter is YAML (---); this site's pages use TOML front matter (+++)"
	}
	if !bytes.HasPrefix(src, []byte("+++\n")) {
		return nil, nil, 1, "the file has no front matter"
	}
	rest := append([]byte("\n"), src[4:]...)
	end := bytes.Index(append(slices.Clone(rest), '\n'), []byte("\n+++\n"))
	if end < 0 {
		return nil, nil, 1, "the front matter is not closed"
	}
	fm = rest[:end+1]
	if end+5 < len(rest) {
		body = rest[end+5:]
	}
	return fm, body, 0, ""
}

var typeName = map[string]string{"text": "text in quotes", "date": "a date", "list": "a list of ids"}

var typeExample = map[string]string{"text": `"…"`, "date": "2024-03-01", "list": `["id-1", "id-2"]`}

func hasType(v any, want string) bool {
	switch want {
	case "text":
		_, ok := v.(string)
		return ok
	case "date":
		_, ok := v.(time.Time)
		return ok
	case "list":
		list, ok := v.([]any)
		for _, e := range list {
			if _, isString := e.(string); !isString {
				return false
			}
		}
		return ok
	}
	return false
}

func idList(v any) []string {
	list, _ := v.([]any)
	var out []string
	for _, e := range list {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// checkCounterparts reports each page that lacks a version in a language.
func checkCounterparts(c *field.Checker, pages []*Page) {
	have := map[string][]string{} // dir/name → languages
	files := map[string]string{}
	for _, p := range pages {
		key := path.Dir(p.File) + "/" + p.Name
		have[key] = append(have[key], p.Lang)
		files[key] = p.File
	}
	for _, key := range field.SortedKeys(have) {
		for _, l := range c.Langs {
			if !slices.Contains(have[key], l.Code) {
				c.Add(diag.Problem{File: files[key], Line: 1, Col: 1, Kind: diag.TranslationGap,
					Message: fmt.Sprintf("the page has no %s counterpart", field.LangName(l)),
					Hint:    fmt.Sprintf("write %s.%s.md beside it", key, l.Code)})
			}
		}
	}
}
