package content

import (
	"io/fs"
	"os"
	"regexp"
	"testing"

	"github.com/cyberpub/site/tools/internal/sitetest"
)

// TestLayoutIDs reads the project's layouts: every id they give an element
// is one the check keeps headings from taking (layoutIDs and the prefixes
// and suffixes of those made from a value), or the anchor of an item or a
// record (id="{{ .event.id }}"), which the check knows from the data. A
// layout's new id="…" fails here until it is added: otherwise a heading
// could take it, and the layout's links go to the heading.
func TestLayoutIDs(t *testing.T) {
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
			switch made := action.ReplaceAllString(id, "x1"); {
			case made == "x1": // an item's or a record's id
			case !layoutID(made):
				t.Errorf("layouts/%s gives an element the id %q, which headings may take: add it to layoutIDs (or its prefix or suffix)", file, id)
			}
		}
		return err
	})
	if err != nil || n < 10 {
		t.Fatalf("read %d ids in the layouts: %v", n, err)
	}
	// And the check tells them from what a heading may be.
	for id, want := range map[string]bool{"main": true, "year-2021": true, "measures-heading": true, "term-exploit": true, "mainly": false, "why": false, "heading": false} {
		if layoutID(id) != want {
			t.Errorf("layoutID(%q) = %v, want %v", id, !want, want)
		}
	}
}
