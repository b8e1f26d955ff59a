package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/translation"
)

// The real site checks clean and builds, and its pages hold together as
// its data says: every event of every timeline on its page in each
// language, with its date in that language's words; every language link
// to the page's exact counterpart; every link between items both ways. The
// expectations come from the data, not from its sentences.
func TestRealSiteBuildsAsItsDataSays(t *testing.T) {
	root := sitetest.Root(t)
	dest := build(t, root)
	p, problems := project.Open(root)
	if problems != nil {
		t.Fatal(problems)
	}
	site, problems := content.Load(p)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	// Not even a warning: every French text follows French typography
	// and usage, every translation is current.
	ws, problems := translation.Open(site)
	if problems = allProblems(ws, problems, false, true, ws.Site.HeldBack(time.Now())); len(problems) > 0 {
		t.Errorf("site check --strict:\n%v", problems)
	}
	pages := parseSite(t, dest)
	for _, lang := range p.Codes() {
		byTitle := map[string]*builtPage{}
		for path, page := range pages {
			if strings.HasPrefix(path, lang+"/") && page.title != "" {
				byTitle[page.title] = page
			}
		}
		pageOf := func(it *content.Item) *builtPage {
			t.Helper()
			page := byTitle[it.Title(lang)]
			if page == nil {
				t.Fatalf("%s: no page for %s %q", lang, it.Kind.Name, it.ID)
			}
			return page
		}
		for _, tl := range site.Of("timeline") {
			page := pageOf(tl)
			events := tl.Records("events")
			if len(page.events) != len(events) {
				t.Errorf("%s: %d events on the page, %d in the data", page.path, len(page.events), len(events))
			}
			for _, e := range events {
				id, date := e.String("id"), e.Date("date")
				got, ok := page.events[id]
				if want := localDate(t, date, lang); !ok || got.date != want || got.datetime != date.Raw {
					t.Errorf("%s#%s: date %q (datetime %q), want %q (%q)", page.path, id, got.date, got.datetime, want, date.Raw)
				}
			}
		}
		for _, r := range site.Refs {
			if r.Lang != "" && r.Lang != lang || r.To.Section == "" {
				continue
			}
			to, from := pageOf(site.Item(r.To.Name, r.ID)), pageOf(r.From)
			if !slices.Contains(from.allLinks, "/"+strings.TrimSuffix(to.path, "index.html")) {
				t.Errorf("%s: %s %q names %s %q but does not link to it", lang, r.From.Kind.Name, r.From.ID, r.To.Name, r.ID)
			}
			back := "/" + strings.TrimSuffix(from.path, "index.html")
			if r.Field.Name == "see_also" {
				continue // related terms are listed one way
			}
			if r.From.Kind.Name == "timeline" { // an event: its anchor
				back = ""
				for _, e := range r.From.Records("events") {
					if slices.Contains(e.Strings(r.Field.Name), r.ID) && slices.Contains(to.allLinks, "/"+strings.TrimSuffix(from.path, "index.html")+"#"+e.String("id")) {
						back = "found"
					}
				}
				if back == "" {
					t.Errorf("%s: %s %q does not link back to the event of %q that names it", lang, r.To.Name, r.ID, r.From.ID)
				}
				continue
			}
			if !slices.Contains(to.allLinks, back) {
				t.Errorf("%s: %s %q does not link back to %s %q", lang, r.To.Name, r.ID, r.From.Kind.Name, r.From.ID)
			}
		}
		// A bulletin's measures are listed in its order.
		for _, b := range site.Of("bulletin") {
			var want []string
			for _, id := range b.Strings("measures") {
				want = append(want, "/"+strings.TrimSuffix(pageOf(site.Item("measure", id)).path, "index.html"))
			}
			if got := pageOf(b).linksIn["measures"]; !slices.Equal(got, want) {
				t.Errorf("%s: bulletin %q lists the measures %q, want %q", lang, b.ID, got, want)
			}
		}
	}
	// Every language link goes to a page in that language whose own link
	// comes back: the counterpart, not just some page.
	for path, page := range pages {
		if page.lang == "" {
			t.Errorf("%s: no <html lang>", path)
		}
		for _, link := range page.languageLinks {
			target, ok := pages[pagePath(link.href)]
			switch {
			case !ok:
				t.Errorf("%s: language link to %s, which does not exist", path, link.href)
			case target.lang != link.hreflang:
				t.Errorf("%s: language link to %s (%s), whose lang is %s", path, link.href, link.hreflang, target.lang)
			case !target.linksTo(href(path)):
				t.Errorf("%s: its counterpart %s does not link back", path, link.href)
			}
		}
		if path != "index.html" && path != "404.html" && len(page.languageLinks) != len(p.Languages)-1 {
			t.Errorf("%s: %d language links, want %d", path, len(page.languageLinks), len(p.Languages)-1)
		}
		if page.translationGaps > 0 || len(page.outdated) > 0 {
			t.Errorf("%s: a published page shows %d missing and %d outdated translations", path, page.translationGaps, len(page.outdated))
		}
	}
	if root := pages["index.html"]; root == nil || len(root.allLinks) < len(p.Languages) {
		t.Errorf("the root page does not offer every language: %+v", root)
	}
}

// pagePath is the file of the page an address of the site leads to.
func pagePath(href string) string {
	path := strings.TrimPrefix(strings.SplitN(href, "#", 2)[0], "/")
	if path == "" || strings.HasSuffix(path, "/") {
		path += "index.html"
	}
	return path
}

// href is the address of the page in a file of the site.
func href(path string) string { return "/" + strings.TrimSuffix(path, "index.html") }

// localDate is the date as a reader of the language expects it; the
// month names here are the test's own, not Hugo's.
func localDate(t *testing.T, d content.Date, lang string) string {
	t.Helper()
	months := map[string][]string{
		"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		"fr": {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
	}[lang]
	tm, precision, ok := d.Parse()
	if !ok {
		t.Fatalf("%q is not a date", d.Raw)
	}
	month := months[tm.Month()-1]
	switch precision {
	case content.Year:
		return fmt.Sprint(tm.Year())
	case content.Month:
		return fmt.Sprintf("%s %d", month, tm.Year())
	}
	day := fmt.Sprint(tm.Day())
	if lang == "fr" && tm.Day() == 1 {
		day = "1er"
	}
	return fmt.Sprintf("%s %s %d", day, month, tm.Year())
}

// The same content written another way gives the same site: every file
// with CRLF line ends, or the timeline in another spelling of TOML.
func TestEverySpellingBuildsTheSamePages(t *testing.T) {
	// One publication moment for every build: security.txt expires a year
	// after the day a build publishes as of.
	t.Setenv("SOURCE_DATE_EPOCH", "1796947200")
	want := tree(t, build(t, fixture(t)))
	crlf := sitetest.Files(sitetest.Fixture)
	for name, src := range crlf {
		crlf[name] = strings.ReplaceAll(src, "\n", "\r\n")
	}
	variants := map[string]string{"CRLF line ends": sitetest.Archive(crlf)}
	for name, src := range sitetest.TimelineSpellings {
		variants[name] = sitetest.Archive(map[string]string{"data/timelines/fixture.toml": src})
	}
	for name, archive := range variants {
		t.Run(name, func(t *testing.T) {
			root := fixture(t, archive)
			if out := mustRun(t, "check", "--source", root); !strings.Contains(out, "no problems found") {
				t.Fatal(out)
			}
			got := tree(t, build(t, root))
			for file, content := range want {
				if got[file] != content {
					t.Errorf("%s differs:\n%s", file, sitetest.FirstDiff(content, got[file]))
				}
			}
			if len(got) != len(want) {
				t.Errorf("%d files, want %d", len(got), len(want))
			}
		})
	}
}

func TestBrokenDataFailsAndLeavesPublicUntouched(t *testing.T) {
	root := fixture(t, sitetest.Archive(map[string]string{
		"data/timelines/broken.toml": "title.en = \"Broken\"\ntitle.fr = \"Cassée\"\nsummary = { en = \"x\", fr = \"x\" }\ndate = 2024-03-01\n\n[[events]]\nid = \"2021-02-30-impossible\"\ndate = \"2021-02-30\"\ntext.en = \"English only\"\n",
	}))
	previousSite(t, root, "the previous site\n")
	code, _, stderr := runSite(t, "build", "--source", root)
	if code != 1 || !strings.Contains(stderr, `data/timelines/broken.toml:8:9: event "2021-02-30-impossible": "2021-02-30" is not a date that exists`) || !strings.Contains(stderr, "2 errors, 0 warnings") {
		t.Errorf("exit status %d, want 1 and the problems:\n%s", code, stderr)
	}
	previousSiteKept(t, root, "the previous site\n")
}

// A language can be built alone (on a machine of its own, for a very
// large site), and the languages built apart, put together, are the
// whole site.
func TestSegmentsBuildALanguageAlone(t *testing.T) {
	// Builds of one commit, as of one moment (security.txt expires a year
	// after it).
	t.Setenv("SOURCE_DATE_EPOCH", before2030)
	root := fixture(t)
	whole := tree(t, build(t, root, "--search=false"))
	merged := map[string]string{}
	for _, lang := range []string{"en", "fr"} {
		for name, content := range tree(t, build(t, root, "--search=false", "--segment", lang)) {
			other := map[string]string{"en": "fr/", "fr": "en/"}[lang]
			if strings.HasPrefix(name, other) {
				t.Errorf("--segment %s wrote %s", lang, name)
			}
			if previous, ok := merged[name]; ok && previous != content {
				t.Errorf("%s differs between the languages' builds", name)
			}
			merged[name] = content
		}
	}
	for name, content := range whole {
		if got, ok := merged[name]; !ok {
			t.Errorf("%s is in no language's build", name)
		} else if got != content {
			t.Errorf("%s differs from the whole site's", name)
		}
	}
	for name := range merged {
		if _, ok := whole[name]; !ok {
			t.Errorf("%s is not in the whole site", name)
		}
	}
}

// An unknown segment was once built as the whole site, without a word.
func TestUnknownSegmentIsRefused(t *testing.T) {
	root := fixture(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--segment", "nosuch", "--destination", filepath.Join(t.TempDir(), "out")},
			`site build: unknown segment "nosuch": config.toml declares en, fr, pages; give one of them, or no --segment to build the whole site`},
		// --segment fr replaced the whole site in public/ with the French alone.
		{[]string{"--segment", "fr"},
			`site build: a segment is a part of the site: build it into a folder of its own, --destination DIR, not over the whole site in public/`},
	} {
		code, _, stderr := runSite(t, append([]string{"build", "--source", root}, tc.args...)...)
		if code != 2 || !strings.HasPrefix(stderr, tc.want+"\n") {
			t.Errorf("exit status %d, stderr:\n%s\nwant 2 and:\n%s", code, stderr, tc.want)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "public")); !os.IsNotExist(err) {
		t.Errorf("public/ was written (%v)", err)
	}
}

// Two texts of the data shown on one page, each with the same heading (a
// threat actor's summary, and an event that names it) gave two elements
// one id, which the check, reading one item at a time, does not see: the
// build finds it in the page, and publishes nothing.
func TestADuplicateIDOnABuiltPageFailsTheBuild(t *testing.T) {
	root := fixture(t)
	sitetest.Edit(t, root, "data/threat-actors/apt99.toml", `summary.en = "APT99 exists only in tests. Its *detection* is easy."`, `summary.en = "APT99 exists only in tests.\n\n## Background\n\nIts *detection* is easy."`)
	sitetest.Edit(t, root, "data/threat-actors/apt99.toml", `summary.fr = "APT99 n’existe que dans les tests. Sa *détection* est facile."`, `summary.fr = "APT99 n’existe que dans les tests.\n\n## Contexte\n\nSa *détection* est facile."`)
	sitetest.Edit(t, root, "data/timelines/fixture.toml", `text.en = "A later event, listed first in the file."`, `text.en = "A later event, listed first in the file.\n\n## Background\n\nMore."`)
	sitetest.Edit(t, root, "data/timelines/fixture.toml", `text.fr = "Un événement plus tardif, inscrit en premier dans le fichier."`, `text.fr = "Un événement plus tardif, inscrit en premier dans le fichier.\n\n## Contexte\n\nPlus."`)
	previousSite(t, root, "the previous site")
	code, _, stderr := runSite(t, "build", "--source", root, "--search=false")
	if want := "en/threat-actors/apt99/index.html: #background, an id two elements of the page have"; code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("exit status %d, want 1 and %q:\n%s", code, want, stderr)
	}
	previousSiteKept(t, root, "the previous site")
}
