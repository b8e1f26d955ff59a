package content_test

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/project"
)

// A Reader, told which files changed, gives after each change the same
// site and the same problems as a whole load; it reads again only the
// files that changed, and a changed page's counterparts in the other
// languages (a page is read in every language at once).
func TestReaderLoadsAgainOnlyWhatChanged(t *testing.T) {
	root := sitetest.New(t, sitetest.Fixture)
	counting := sitetest.NewCountingFS(os.DirFS(root))
	p, problems := project.OpenFS(root, counting)
	if problems != nil {
		t.Fatal(problems)
	}
	r := content.NewReader(p)
	r.Load(nil)
	bulletin := sitetest.Read(t, root, "content/bulletins/fixture-bulletin.fr.md")
	for _, c := range []struct {
		name    string
		changed []string
		change  func()
	}{
		{"an event's text", []string{timeline}, func() {
			sitetest.Edit(t, root, timeline, "A later event, listed first", "A later event, edited, listed first")
		}},
		{"an unknown organization, which another file names", []string{timeline}, func() {
			sitetest.Edit(t, root, timeline, `actors  = ["cyber-centre", "hoc"]`, `actors  = ["cyber-centre", "hoc", "csi"]`)
		}},
		{"a date that does not exist", []string{timeline}, func() {
			sitetest.Edit(t, root, timeline, "date    = 2022-07-14", "date    = 2022-13-14")
		}},
		{"the fixes", []string{timeline}, func() {
			sitetest.Edit(t, root, timeline, "date    = 2022-13-14", "date    = 2022-07-14")
			sitetest.Edit(t, root, timeline, `"hoc", "csi"]`, `"hoc"]`)
		}},
		{"the organization it names, removed", []string{"data/actors.toml"}, func() {
			sitetest.Edit(t, root, "data/actors.toml", "[hoc]", "[hoc-removed]")
		}},
		{"a page's translation, with raw HTML and a shortcode", []string{"content/bulletins/fixture-bulletin.fr.md"}, func() {
			sitetest.Write(t, root, map[string]string{"content/bulletins/fixture-bulletin.fr.md": bulletin + "\n<b>gras</b> {{< youtube x >}}\n"})
		}},
		{"a page's translation removed", []string{"content/bulletins/fixture-bulletin.fr.md"}, func() {
			os.Remove(filepath.Join(root, "content/bulletins/fixture-bulletin.fr.md"))
		}},
		{"a new timeline, in no language but English", []string{"data/timelines/new.toml"}, func() {
			sitetest.Write(t, root, map[string]string{"data/timelines/new.toml": "title.en = \"New\"\nsummary.en = \"S\"\ndate = 2023-05-02\n"})
		}},
		{"a timeline with the address of another", []string{"data/timelines/new.toml"}, func() {
			sitetest.Write(t, root, map[string]string{"data/timelines/new.toml": "slug.fr = \"chronologie-essai\"\n" + sitetest.Read(t, root, "data/timelines/new.toml")})
		}},
		{"a timeline removed", []string{"data/timelines/new.toml"}, func() {
			os.Remove(filepath.Join(root, "data/timelines/new.toml"))
		}},
	} {
		c.change()
		counting.Opened = map[string]int{}
		site, problems := r.Load(c.changed)
		read := counting.Opened
		counting.Opened = map[string]int{}
		wantSite, wantProblems := content.Load(p)
		if !reflect.DeepEqual(problems, wantProblems) {
			t.Errorf("%s: the reader's problems:\n%v\nwant:\n%v", c.name, problems, wantProblems)
		}
		if got, want := summary(site), summary(wantSite); got != want {
			t.Errorf("%s: the reader's site:\n%s\nwant:\n%s", c.name, got, want)
		}
		for name := range read {
			if strings.HasPrefix(name, "data/") || strings.HasPrefix(name, "content/") && strings.HasSuffix(name, ".md") {
				if !slices.ContainsFunc(c.changed, func(f string) bool { return counterparts(f, name) }) {
					t.Errorf("%s: %s was read again", c.name, name)
				}
			}
		}
	}
	// Told nothing, the reader reads every file again, and gives the same.
	site, problems := r.Load(nil)
	wantSite, wantProblems := content.Load(p)
	if !reflect.DeepEqual(problems, wantProblems) || summary(site) != summary(wantSite) {
		t.Errorf("a load of every file differs from Load:\n%v\nwant:\n%v", problems, wantProblems)
	}
}

// counterparts says whether two files are the same page, or the same file.
func counterparts(a, b string) bool {
	page := func(f string) string {
		name, _, _ := strings.Cut(filepath.Base(f), ".")
		return filepath.Dir(f) + "/" + name
	}
	return a == b || strings.HasSuffix(a, ".md") && strings.HasSuffix(b, ".md") && page(a) == page(b)
}

// summary writes what a site holds: its items with their values and texts
// in every language, its references and their places, and its files.
func summary(s *content.Site) string {
	var b strings.Builder
	for _, it := range s.Items {
		fmt.Fprintf(&b, "%s/%s %s %s\n", it.Kind.Name, it.ID, it.Address("en"), it.Address("fr"))
		for _, t := range it.Texts {
			fmt.Fprintf(&b, "  %s %q\n", t.ID, t.Values)
		}
		for _, name := range slices.Sorted(maps.Keys(it.Values)) {
			fmt.Fprintf(&b, "  %s = %s\n", name, value(it.Values[name]))
		}
	}
	for _, r := range s.Refs {
		line, col := r.At.Position()
		fmt.Fprintf(&b, "%s/%s %s → %s/%s at %s:%d:%d\n", r.From.Kind.Name, r.From.ID, r.Field.Name, r.To.Name, r.ID, r.At.File.Path, line, col)
	}
	fmt.Fprintln(&b, slices.Sorted(maps.Keys(s.Files)))
	return b.String()
}

// value writes a value of a record, its texts and records by their values.
func value(v any) string {
	switch v := v.(type) {
	case *content.Text:
		return fmt.Sprintf("%q", v.Values)
	case []*content.Text:
		var s []string
		for _, t := range v {
			s = append(s, value(t))
		}
		return "[" + strings.Join(s, " ") + "]"
	case []*content.Record:
		var s []string
		for _, r := range v {
			var fields []string
			for _, name := range slices.Sorted(maps.Keys(r.Values)) {
				fields = append(fields, name+"="+value(r.Values[name]))
			}
			s = append(s, "{"+strings.Join(fields, " ")+"}")
		}
		return "[" + strings.Join(s, " ") + "]"
	}
	return fmt.Sprint(v)
}
