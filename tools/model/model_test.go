package model_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/model"
	"github.com/cyberpub/site/tools/project"
)

func TestTheSiteModelIsValid(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(sitetest.Root(t), project.ModelFile))
	if err != nil {
		t.Fatal(err)
	}
	m, problems := model.Parse(project.ModelFile, src)
	if len(problems) > 0 {
		t.Fatalf("data/model.toml has problems:\n%v", problems)
	}
	for _, tc := range []struct {
		kind    string
		store   model.Store
		section string
		fields  []string
	}{
		// A kind with pages can be a draft and scheduled: its fields end
		// with the publishing ones.
		{"timeline", model.FilePerItem, "timelines", []string{"slug", "title", "date", "lastmod", "summary", "sources", "events", "draft", "publishDate"}},
		// A base record's fields come first.
		{"bulletin", model.PagePerItem, "bulletins", []string{"title", "description", "date", "lastmod", "slug", "sources", "body", "measures", "threat_actors", "revisions", "draft", "publishDate"}},
		{"measure", model.TablePerItem, "guidance", []string{"slug", "title", "date", "lastmod", "body", "items", "references", "sources", "draft", "publishDate"}},
		// Organizations have no pages: nothing to publish or hold back.
		{"organization", model.TablePerItem, "", []string{"name", "short"}},
	} {
		k := m.Kind(tc.kind)
		if k == nil || k.Store != tc.store || k.Section != tc.section {
			t.Fatalf("%s: got %+v", tc.kind, k)
		}
		var names []string
		for _, f := range k.Fields {
			names = append(names, f.Name)
		}
		if strings.Join(names, " ") != strings.Join(tc.fields, " ") {
			t.Errorf("%s: fields %v, want %v", tc.kind, names, tc.fields)
		}
	}
	events := m.Kind("timeline").Field("events")
	if events.Record == nil || events.Record.Field("date").Partial != true || events.Key != "id" {
		t.Errorf("events: %+v", events)
	}
	if k := m.KindOfSection("guidance"); k == nil || k.Name != "measure" || k.Title != "title" {
		t.Errorf("the kind of guidance: %+v", k)
	}
}

func TestModelProblems(t *testing.T) {
	const kind = "[[kinds]]\nname = \"note\"\nlabel = \"contentTypeNote\"\nsection = \"notes\"\nfiles = \"data/notes.toml\"\n"
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"no kinds", "", []string{`data/model.toml:1:1: the model has no kinds`}},
		{"unknown type", kind + "fields = [{ name = \"title\", type = \"txt\" }]\n",
			[]string{`data/model.toml:6:37: unknown type "txt"; the types are text, string,`}},
		{"misspelt key", kind + "fields = [{ name = \"title\", type = \"text\", requried = true }]\n",
			[]string{`data/model.toml:6:44: unknown key "requried"; did you mean "required"?`}},
		{"a reference to no kind", kind + "fields = [{ name = \"title\", type = \"text\" }, { name = \"see\", type = \"refs\", to = \"notes\" }]\n",
			[]string{`data/model.toml:6:46: see refers to no kind: to = "notes"; the kinds are note`}},
		{"a list of nothing known", kind + "fields = [{ name = \"title\", type = \"text\" }, { name = \"steps\", type = \"list\", of = \"step\" }]\n",
			[]string{`data/model.toml:6:46: steps is a list of nothing known: of = "step"`}},
		{"files nowhere", strings.Replace(kind, "data/notes.toml", "notes/{id}.md", 1) + "fields = [{ name = \"title\", type = \"text\" }]\n",
			[]string{`data/model.toml:5:10: files "notes/{id}.md" is not where content goes`}},
		{"pages outside their section", strings.Replace(kind, "data/notes.toml", "content/other/{id}.{lang}.md", 1) + "fields = [{ name = \"title\", type = \"text\" }]\n",
			[]string{`data/model.toml:5:10: the pages of a kind go in content/SECTION/, its section's folder: files = "content/notes/{id}.{lang}.md"`}},
		{"words in a page", strings.Replace(kind, "data/notes.toml", "content/notes/{id}.{lang}.md", 1) + "fields = [{ name = \"title\", type = \"text\" }, { name = \"forms\", type = \"words\" }]\n",
			[]string{`data/model.toml:6:72: forms: words are lists by language, for data; a page is in one language`}},
		{"a body in data", kind + "fields = [{ name = \"title\", type = \"text\" }, { name = \"body\", type = \"body\" }]\n",
			[]string{`data/model.toml:6:71: only pages have a body: body is a field of data/notes.toml`}},
		{"a history whose latest is no date field", kind + "fields = [{ name = \"title\", type = \"text\" }, { name = \"revisions\", type = \"list\", of = \"date\", latest = \"title\" }]\n",
			[]string{`data/model.toml:6:106: revisions's latest "title": only a list of dates has one, and it names a date field of the kind`}},
		{"a section with no title field", kind + "fields = [{ name = \"text\", type = \"text\" }]\n",
			[]string{`data/model.toml:1:1: the kind "note" has no field "title" for its pages' titles`}},
		{"two kinds of one name", kind + "fields = [{ name = \"title\", type = \"text\" }]\n" + strings.Replace(kind, "notes", "others", 2) + "fields = [{ name = \"title\", type = \"text\" }]\n",
			[]string{`data/model.toml:8:9: another kind is named "note"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, got := model.Parse(project.ModelFile, []byte(tc.src))
			if len(got) != len(tc.want) {
				t.Fatalf("got %d problems, want %d:\n%v", len(got), len(tc.want), got)
			}
			for i, w := range tc.want {
				if !strings.HasPrefix(got[i].String(), w) {
					t.Errorf("got  %s\nwant %s…", got[i], w)
				}
			}
		})
	}
}
