package content

import (
	"io/fs"
	"os"
	"regexp"
	"testing"

	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/project"
)

// TestLayoutIDs reads the project's layouts: every id they give an element
// is one the check keeps headings from taking (layoutIDs, or one made from
// a value, as Site.layoutID knows them), or the anchor of an item or a
// record (id="{{ .event.id }}"), which the check knows from the data. A
// layout's new id="…" fails here until it is added: otherwise a heading
// could take it, and the layout's links go to the heading.
func TestLayoutIDs(t *testing.T) {
	root := sitetest.New(t, sitetest.Fixture)
	p, problems := project.Open(root)
	if problems != nil {
		t.Fatal(problems)
	}
	site, _ := Load(p)
	// An example of each id made from a value, as the fixture has them.
	made := map[string]string{"year-{{ .year }}": "year-2021", "term-{{ .id }}": "term-exploit",
		"not-found-{{ $home.Language.Lang }}": "not-found-fr", "{{ $class }}-heading": "named-actors-heading"}
	idAttr := regexp.MustCompile(`\sid="([^"]*)"`)
	action := regexp.MustCompile(`\{\{.*?\}\}`)
	layouts := os.DirFS(sitetest.Root(t) + "/layouts")
	n := 0
	err := fs.WalkDir(layouts, ".", func(file string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := fs.ReadFile(layouts, file)
		for _, m := range idAttr.FindAllStringSubmatch(string(src), -1) {
			n++
			id := m[1]
			if example, ok := made[id]; ok {
				id = example
			}
			switch {
			case action.ReplaceAllString(id, "") == "": // an item's or a record's id
			case action.MatchString(id):
				t.Errorf("layouts/%s gives an element the id %q, made from a value: teach Site.layoutID the ids it makes, and give an example here", file, m[1])
			case !site.layoutID(id):
				t.Errorf("layouts/%s gives an element the id %q, which headings may take: add it to layoutIDs", file, id)
			}
		}
		return err
	})
	if err != nil || n < 10 {
		t.Fatalf("read %d ids in the layouts: %v", n, err)
	}
	// And the check tells them from what a heading may be: "Year in
	// review" and "Term limits" were refused as the layouts' ids.
	for id, want := range map[string]bool{"main": true, "year-2021": true, "measures-heading": true, "term-exploit": true, "not-found-en": true,
		"mainly": false, "why": false, "heading": false, "year-in-review": false, "term-limits": false, "a-new-english-heading": false, "not-found-here": false} {
		if site.layoutID(id) != want {
			t.Errorf("layoutID(%q) = %v, want %v", id, !want, want)
		}
	}
}
