package export_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/export"
	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/model"
	"github.com/cyberpub/site/tools/project"
)

const baseURL = "https://cyber.example.ca/"

// loadSite makes a site of the project's configuration and model with the
// archives' files (sitetest.New), and loads it. With valid, its problems
// fail the test; without, they are ignored, as Hugo alone would build it.
func loadSite(t testing.TB, valid bool, archives ...string) *content.Site {
	t.Helper()
	p, problems := project.Open(sitetest.New(t, archives...))
	if problems != nil {
		t.Fatal(problems)
	}
	site, problems := content.Load(p)
	if valid && len(problems) > 0 {
		t.Fatalf("the site has problems:\n%v", problems)
	}
	return site
}

// modelPages publishes every item with a section at the address the
// content model gives it (content.Item.Address) under its section's
// permalink in config.toml, as Hugo does: what Hugo's built sites give
// Write in a build. It publishes held-back items too, so that the tests
// show Write leaves them out of itself.
type modelPages struct{ site *content.Site }

func (m modelPages) Page(lang, path string) (export.Page, bool) {
	rel := ""
	section, id, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	switch {
	case path == "/":
		rel = "/" + lang + "/"
	case id != "":
		kind := m.site.Project.Model.KindOfSection(section)
		if kind == nil || kind == model.Sections {
			return export.Page{}, false
		}
		it := m.site.Item(kind.Name, id)
		if it == nil {
			return export.Page{}, false
		}
		languages := m.site.Project.Config["languages"].(map[string]any)
		permalinks := languages[lang].(map[string]any)["permalinks"].(map[string]any)["page"].(map[string]any)
		pattern, ok := permalinks[section].(string)
		if !ok {
			return export.Page{}, false
		}
		rel = "/" + lang + strings.Replace(pattern, ":slugorcontentbasename", it.Address(lang), 1)
	default:
		return export.Page{}, false
	}
	return export.Page{Permalink: strings.TrimSuffix(baseURL, "/") + rel, RelPermalink: rel}, true
}

// write writes the exports of a site, none held back, into a new folder,
// and returns it.
func write(t testing.TB, site *content.Site, opts export.Options) string {
	t.Helper()
	return writeHeld(t, site, nil, opts)
}

// published is the moment the tests' exports are published as of, unless
// a test gives its own: what security.txt expires a year after.
var published = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

func writeHeld(t testing.TB, site *content.Site, held map[*content.Item]string, opts export.Options) string {
	t.Helper()
	if opts.Now.IsZero() {
		opts.Now = published
	}
	dir := t.TempDir()
	if err := export.Write(site, modelPages{site}, held, dir, opts); err != nil {
		t.Fatal(err)
	}
	return dir
}

// files returns every file written under dir, by slash-separated path.
func files(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// schemas compiles the official schemas and the project's.
func schemas(t testing.TB) *jsonschema.Compiler { return sitetest.JSONSchemas(t, baseURL) }

const (
	stixSchemas = sitetest.STIXSchemas
	csafSchemas = sitetest.CSAFSchemas
)

// validate validates a JSON document against a schema, and returns it
// decoded.
func validate(t testing.TB, c *jsonschema.Compiler, schema, name, src string) map[string]any {
	t.Helper()
	s, err := c.Compile(schema)
	if err != nil {
		t.Fatalf("compiling %s: %v", schema, err)
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(src))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if err := s.Validate(doc); err != nil {
		t.Errorf("%s is not valid against %s:\n%v", name, schema, err)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(src), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// golden returns a golden file of tools/render, what the templates wrote
// for the fixture before these exports.
func golden(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(sitetest.Root(t), "tools", "render", "testdata", "golden", filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// roundTrip returns a decoded value as jsonschema decodes JSON.
func roundTrip(t testing.TB, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}
