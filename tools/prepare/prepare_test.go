package prepare_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/prepare"
	"github.com/cyberpub/site/tools/render"
	"github.com/cyberpub/site/tools/translation"
)

var now = time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)

func load(t *testing.T, root string) *translation.Workspace {
	t.Helper()
	ws, err := render.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	return ws
}

// view reads the view of a prepared page.
func view(t *testing.T, files map[string][]byte, path string) (fm map[string]any, body string) {
	t.Helper()
	data, ok := files[path]
	if !ok {
		t.Fatalf("no view %s; views: %v", path, slices.Sorted(func(yield func(string) bool) {
			for k := range files {
				if !yield(k) {
					return
				}
			}
		}))
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	if err := dec.Decode(&fm); err != nil {
		t.Fatal(err)
	}
	return fm, string(data[dec.InputOffset():])
}

func TestATimelineIsPreparedForEachLanguage(t *testing.T) {
	files, err := prepare.Views(load(t, sitetest.New(t, sitetest.Fixture)), prepare.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	for lang, want := range map[string]struct {
		slug, summary string
		dates         []string
	}{
		"en": {"fixture", "A *short* summary.", []string{"2020", "1 March 2021", "March 2021", "14 July 2022"}},
		"fr": {"chronologie-essai", "Un résumé *court*.", []string{"2020", "1er mars 2021", "mars 2021", "14 juillet 2022"}},
	} {
		fm, _ := view(t, files, "content/timelines/fixture."+lang+".md")
		if fm["slug"] != want.slug || fm["date"] != "2023-01-10" || fm["lastmod"] != "2024-03-05" {
			t.Errorf("%s: front matter %v", lang, fm)
		}
		v := fm["view"].(map[string]any)
		if got := fm["description"]; got != strings.ReplaceAll(want.summary, "*", "") {
			t.Errorf("%s: description %q", lang, got)
		}
		// Events in date order, the month and the year after the days
		// they hold, grouped by year, in the language's words.
		var dates []string
		for _, y := range v["years"].([]any) {
			for _, e := range y.(map[string]any)["events"].([]any) {
				dates = append(dates, e.(map[string]any)["date"].(map[string]any)["words"].(string))
			}
		}
		if !slices.Equal(dates, want.dates) {
			t.Errorf("%s: events %q, want %q", lang, dates, want.dates)
		}
		if p := v["period"].(map[string]any); p["count"] != 4.0 {
			t.Errorf("%s: period %v", lang, p)
		}
		// The other direction of the report's timeline field.
		if r := v["referring"]; !slices.Equal(toStrings(r), []string{"/reports/fixture-report"}) {
			t.Errorf("%s: referring %v", lang, r)
		}
	}
}

func toStrings(v any) []string {
	var s []string
	list, _ := v.([]any)
	for _, x := range list {
		s = append(s, x.(string))
	}
	return s
}

// The first use of a term in prose links to it, once per text; not in a
// heading, a link, code or a name, and not on the term's own page.
func TestFirstUsesOfTermsAreLinkedInTheMarkdown(t *testing.T) {
	root := sitetest.New(t, sitetest.Fixture)
	sitetest.Write(t, root, map[string]string{"content/backgrounders/fixture-backgrounder.en.md": `+++
title = "Fixture backgrounder"
description = "A backgrounder, dated."
date = 2024-03-10
+++
## A firewall in a heading

A [firewall in a link](https://example.org/) and ` + "`firewall`" + ` in code.
The Canadian Centre for Cyber Security named an exploit; a Firewall, then
another firewall and exploits.
`})
	files, err := prepare.Views(load(t, root), prepare.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	fm, body := view(t, files, "content/backgrounders/fixture-backgrounder.en.md")
	want := `## A firewall in a heading

A [firewall in a link](https://example.org/) and ` + "`firewall`" + ` in code.
The Canadian Centre for Cyber Security named an [exploit](term:/glossary/exploit); a [Firewall](term:/glossary/firewall), then
another firewall and exploits.
`
	if strings.TrimSpace(body) != strings.TrimSpace(want) {
		t.Errorf("body:\n%s\nwant:\n%s", body, want)
	}
	// What a link would change the Markdown of is left as it is: after "!"
	// (an image), "\" (an escape) or "]" (a reference), inside a word's
	// emphasis, or a term's letters in a longer token.
	sitetest.Write(t, root, map[string]string{"content/backgrounders/fixture-backgrounder.en.md": `+++
title = "Fixture backgrounder"
description = "A backgrounder, dated."
date = 2024-03-10
+++
Alert!exploit and foo\firewall; foo*exploit*bar, [click]firewall now, firewall++.

[firewall]: https://example.org/
`})
	files, err = prepare.Views(load(t, root), prepare.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if _, body := view(t, files, "content/backgrounders/fixture-backgrounder.en.md"); strings.Contains(body, "term:") {
		t.Errorf("a use that does not stand alone was linked:\n%s", body)
	}
	var ids []string
	for _, term := range fm["view"].(map[string]any)["body"].(map[string]any)["terms"].([]any) {
		ids = append(ids, term.(map[string]any)["id"].(string))
	}
	if !slices.Equal(ids, []string{"exploit", "firewall"}) {
		t.Errorf("terms %v, want them in the order of their first use", ids)
	}
}

// Views are written only when their bytes change, so that Hugo renders
// again only the pages that changed; a folder the tool did not make is
// never written into.
func TestViewsAreWrittenWhenTheyChange(t *testing.T) {
	root := sitetest.New(t, sitetest.Fixture)
	first, err := prepare.Write(load(t, root), prepare.Options{Now: now})
	if err != nil || len(first) == 0 {
		t.Fatalf("first write: %v, %d files", err, len(first))
	}
	again, err := prepare.Write(load(t, root), prepare.Options{Now: now})
	if err != nil || len(again) != 0 {
		t.Fatalf("unchanged site: %v, wrote %v", err, again)
	}
	// The English of an event changes its English page alone.
	sitetest.Edit(t, root, "data/timelines/fixture.toml", "Known only by its year.", "Known only by its year, edited.")
	for _, tc := range []struct {
		preview bool
		want    []string
	}{
		{false, []string{"prepared/content/timelines/fixture.en.md"}},
		{true, nil}, // the preview's first views: every page
		{true, []string{"prepared/content/timelines/fixture.en.md"}},
	} {
		if tc.want != nil && tc.preview {
			sitetest.Edit(t, root, "data/timelines/fixture.toml", "Known only by its year, edited.", "Known only by its year, edited again.")
		}
		changed, err := prepare.Write(load(t, root), prepare.Options{Now: now, Preview: tc.preview})
		if err != nil {
			t.Fatal(err)
		}
		for i, f := range changed {
			changed[i], _ = filepath.Rel(root, f)
			changed[i] = filepath.ToSlash(changed[i])
		}
		if tc.want != nil && !slices.Equal(changed, tc.want) {
			t.Errorf("preview %t: an edited event rewrote %v, want %v", tc.preview, changed, tc.want)
		}
	}

	foreign := sitetest.New(t, sitetest.Fixture)
	mine := filepath.Join(foreign, "prepared", "notes.txt")
	sitetest.Write(t, foreign, map[string]string{"prepared/notes.txt": "mine"})
	if _, err := prepare.Write(load(t, foreign), prepare.Options{Now: now}); err == nil || !strings.Contains(err.Error(), "was not made by site") {
		t.Errorf("a folder of someone else's: %v", err)
	}
	if b, err := os.ReadFile(mine); err != nil || string(b) != "mine" {
		t.Errorf("its file: %q, %v", b, err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(mine)); len(entries) != 1 {
		t.Errorf("files were added: %v", entries)
	}
}

// In the preview, an edit makes again only the views it can change: the
// edited page's, those it names or is named by, and the sections'; what
// it changes is the same as making them all.
func TestAnEditMakesAgainOnlyTheViewsItChanges(t *testing.T) {
	root := sitetest.New(t, sitetest.Fixture)
	memory := &prepare.Memory{}
	write := func(changed ...string) []string {
		t.Helper()
		o := prepare.Options{Now: now, Preview: true, Memory: memory}
		if changed != nil {
			o.Changed = changed
		}
		written, err := prepare.Write(load(t, root), o)
		if err != nil {
			t.Fatal(err)
		}
		for i, f := range written {
			written[i], _ = filepath.Rel(filepath.Join(root, "prepared"), f)
			written[i] = filepath.ToSlash(written[i])
		}
		return written
	}
	write()
	// The event no longer names the threat actor: the timeline's view and
	// the actor's (which listed the event) change.
	sitetest.Edit(t, root, "data/timelines/fixture.toml", `threat_actors = ["apt99"]`, `threat_actors = []`)
	got := write("data/timelines/fixture.toml")
	want := []string{"content/threat-actors/apt99.en.md", "content/threat-actors/apt99.fr.md", "content/timelines/fixture.en.md", "content/timelines/fixture.fr.md"}
	if !slices.Equal(got, want) {
		t.Errorf("the edit rewrote %v, want %v", got, want)
	}
	// An editor's temporary file, written and renamed over the file it
	// saves, changes no view: it makes no more views than the edit alone.
	sitetest.Edit(t, root, "data/timelines/fixture.toml", `threat_actors = []`, `threat_actors = [] `)
	write("data/timelines/fixture.toml")
	alone := memory.Made
	sitetest.Edit(t, root, "data/timelines/fixture.toml", `threat_actors = [] `, `threat_actors = []`)
	write("data/timelines/fixture.toml", "data/timelines/.fixture.toml.swp")
	if memory.Made != alone {
		t.Errorf("with an editor's temporary file, the edit made %d views, not %d", memory.Made, alone)
	}
	all, err := prepare.Views(load(t, root), prepare.Options{Now: now, Preview: true})
	if err != nil {
		t.Fatal(err)
	}
	if alone >= len(all) {
		t.Errorf("the edit made %d views, as many as all of them", alone)
	}
	for name, data := range all {
		if b, err := os.ReadFile(filepath.Join(root, "prepared", filepath.FromSlash(name))); err != nil || string(b) != string(data) {
			t.Errorf("%s is not what all the views make: %v", name, err)
		}
	}
	// A glossary term's forms mark every text: all the views are made.
	sitetest.Edit(t, root, "data/glossary.toml", `forms.en = ["firewalls"]`, `forms.en = ["firewalls", "summary"]`)
	if got := write("data/glossary.toml"); !slices.Contains(got, "content/timelines/fixture.en.md") {
		t.Errorf("a new form of a term did not mark the timeline's summary: %v", got)
	}
}

// The views are never written through a link: it would replace an
// editor's files with views.
func TestViewsAreNeverWrittenThroughALink(t *testing.T) {
	root := sitetest.New(t, sitetest.Fixture)
	ws := load(t, root)
	if _, err := prepare.Write(ws, prepare.Options{Now: now}); err != nil {
		t.Fatal(err)
	}
	views := filepath.Join(root, "prepared", "content")
	if err := os.RemoveAll(views); err != nil {
		t.Fatal(err)
	}
	before := sitetest.Snapshot(t, root)
	if err := os.Symlink(filepath.Join(root, "content"), views); err != nil {
		t.Fatal(err)
	}
	if _, err := prepare.Write(ws, prepare.Options{Now: now}); err == nil || !strings.Contains(err.Error(), "is a link") {
		t.Errorf("written through a link: %v", err)
	}
	if err := os.Remove(views); err != nil {
		t.Fatal(err)
	}
	for name, content := range sitetest.Snapshot(t, root) {
		if before[name] != content {
			t.Errorf("%s changed", name)
		}
	}
}
