package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/field"
	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/pages"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/render"
	"github.com/cyberpub/site/tools/timeline"
	"github.com/gohugoio/go-i18n/v2/i18n"
	"golang.org/x/net/html"
)

func runSite(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// secondTimeline is dropped into a copy of the real site: it must appear in
// both languages with no other change.
const secondTimeline = `title.en   = "A second timeline"
title.fr   = "Une deuxième chronologie"
summary.en = "Added by the end-to-end test."
summary.fr = "Ajoutée par le test de bout en bout."

[[events]]
id      = "2023-05-01-only-event"
date    = 2023-05-01
actors  = ["cse"]
text.en = "The only event."
text.fr = "Le seul événement."
`

// TestRealSite builds the real site, with a second timeline dropped in, and
// checks every event of every timeline on its page in each language, with
// its date in that language's words, and every language link.
func TestRealSite(t *testing.T) {
	root := sitetest.Copy(t, "")
	sitetest.Write(t, root, map[string]string{"data/timelines/zz-second.toml": secondTimeline})
	dest := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := runSite(t, "build", "--source", root, "--destination", dest); code != 0 {
		t.Fatalf("build failed (%d):\n%s", code, stderr)
	}
	p, prob := project.Open(root)
	if prob != nil {
		t.Fatal(prob)
	}
	site, problems := content.Load(p)
	set := site.Timelines
	if len(problems) > 0 || len(set.Timelines) != 2 {
		t.Fatalf("want 2 valid timelines, got %d and problems %v", len(set.Timelines), problems)
	}
	pages := parseSite(t, dest)

	for _, tl := range set.Timelines {
		for _, lang := range p.Codes() {
			page := findTimelinePage(t, pages, lang, tl.URLSlug(lang))
			if page == nil {
				continue
			}
			if len(page.events) != len(tl.Events) {
				t.Errorf("%s: %d events on the page, %d in %s", page.path, len(page.events), len(tl.Events), tl.File)
			}
			for _, e := range tl.Events {
				got, ok := page.events[e.ID]
				if !ok {
					t.Errorf("%s: event %q is missing", page.path, e.ID)
					continue
				}
				if want := localDate(t, e.Date, lang); got.date != want || got.datetime != e.Date.Raw {
					t.Errorf("%s#%s: date %q (datetime %q), want %q (%q)", page.path, e.ID, got.date, got.datetime, want, e.Date.Raw)
				}
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
			target, ok := pages[strings.TrimPrefix(link.href, "/")+"index.html"]
			switch {
			case !ok:
				t.Errorf("%s: language link to %s, which does not exist", path, link.href)
			case target.lang != link.hreflang:
				t.Errorf("%s: language link to %s (%s), whose lang is %s", path, link.href, link.hreflang, target.lang)
			case !target.linksTo("/" + strings.TrimSuffix(path, "index.html")):
				t.Errorf("%s: its counterpart %s does not link back", path, link.href)
			}
		}
		if path != "index.html" && len(page.languageLinks) != len(p.Languages)-1 {
			t.Errorf("%s: %d language links, want %d", path, len(page.languageLinks), len(p.Languages)-1)
		}
		if page.translationGaps > 0 {
			t.Errorf("%s: a published page shows %d missing translations", path, page.translationGaps)
		}
	}
	if root := pages["index.html"]; root == nil || len(root.allLinks) < len(p.Languages) {
		t.Errorf("the root page does not offer every language: %+v", root)
	}
	for _, lang := range p.Codes() {
		checkLinksBothWays(t, site, pages, lang)
	}
}

// checkLinksBothWays checks, for one language, that the links between
// publications follow the data in both directions: bulletin ↔ measures,
// threat actor ← publications and events, report ↔ timeline.
func checkLinksBothWays(t *testing.T, site *content.Site, built map[string]*builtPage, lang string) {
	t.Helper()
	byTitle := map[string]*builtPage{}
	for path, page := range built {
		if strings.HasPrefix(path, lang+"/") && page.title != "" {
			byTitle[page.title] = page
		}
	}
	page := func(title string) *builtPage {
		t.Helper()
		p, ok := byTitle[title]
		if !ok {
			t.Fatalf("%s: no page titled %q", lang, title)
		}
		return p
	}
	// titles returns the titles of the pages that hrefs lead to, in order.
	titles := func(hrefs []string) []string {
		var out []string
		for _, h := range hrefs {
			path, _, _ := strings.Cut(strings.TrimPrefix(h, "/"), "#")
			if target, ok := built[path+"index.html"]; ok {
				out = append(out, target.title)
			} else {
				out = append(out, "missing page "+h)
			}
		}
		return out
	}
	pagesIn := func(section string) []*pages.Page {
		var out []*pages.Page
		for _, p := range site.Pages {
			if p.Section == section && p.Lang == lang && p.Name != "_index" {
				out = append(out, p)
			}
		}
		return out
	}
	measures := site.Reference.Measures
	recommending := map[string][]string{} // measure id → bulletin titles
	for _, b := range pagesIn("bulletins") {
		var want []string
		for _, id := range b.Measures {
			want = append(want, measures[id].Title[lang])
			recommending[id] = append(recommending[id], b.Title)
		}
		if got := titles(page(b.Title).linksIn["measures"]); !slices.Equal(got, want) {
			t.Errorf("%s: bulletin %q lists the measures %q, want %q in that order", lang, b.Title, got, want)
		}
	}
	for id, m := range measures {
		got := titles(page(m.Title[lang]).linksIn["recommended-by"])
		slices.Sort(got)
		want := slices.Sorted(slices.Values(recommending[id]))
		if !slices.Equal(got, want) {
			t.Errorf("%s: measure %q is recommended by %q, want %q", lang, id, got, want)
		}
	}
	for id, a := range site.Reference.ThreatActors {
		var wantPages, wantEvents []string
		for _, p := range site.Pages {
			if p.Lang == lang && slices.Contains(p.ThreatActors, id) {
				wantPages = append(wantPages, p.Title)
			}
		}
		for _, tl := range site.Timelines.Timelines {
			for _, e := range tl.Events {
				if slices.Contains(e.ThreatActors, id) {
					wantEvents = append(wantEvents, e.ID)
				}
			}
		}
		var profile *builtPage
		for path, p := range built {
			if strings.HasPrefix(path, lang+"/") && p.title == a.Name {
				profile = p
			}
		}
		if profile == nil {
			t.Fatalf("%s: no profile of %s", lang, id)
		}
		gotPages := titles(profile.linksIn["naming-pages"])
		slices.Sort(gotPages)
		slices.Sort(wantPages)
		if !slices.Equal(gotPages, wantPages) {
			t.Errorf("%s: %s is named by %q, want %q", lang, id, gotPages, wantPages)
		}
		var gotEvents []string
		for _, h := range profile.linksIn["naming-events"] {
			_, anchor, _ := strings.Cut(h, "#")
			gotEvents = append(gotEvents, anchor)
		}
		slices.Sort(gotEvents)
		slices.Sort(wantEvents)
		if !slices.Equal(gotEvents, wantEvents) {
			t.Errorf("%s: %s is named by the events %q, want %q", lang, id, gotEvents, wantEvents)
		}
	}
	for _, r := range pagesIn("reports") {
		if r.Timeline == "" {
			continue
		}
		var tl *timeline.Timeline
		for _, x := range site.Timelines.Timelines {
			if x.ID == r.Timeline {
				tl = x
			}
		}
		if got := titles(page(r.Title).linksIn["related-timeline"]); !slices.Equal(got, []string{tl.Title[lang]}) {
			t.Errorf("%s: report %q links to %q, want its timeline %q", lang, r.Title, got, tl.Title[lang])
		}
		if got := titles(page(tl.Title[lang]).linksIn["related-reports"]); !slices.Contains(got, r.Title) {
			t.Errorf("%s: timeline %q does not link back to report %q (links: %q)", lang, tl.Title[lang], r.Title, got)
		}
	}
}

// localDate is the date as a reader of the language expects it; the
// month names here are the test's own, not Hugo's.
func localDate(t *testing.T, d field.Date, lang string) string {
	t.Helper()
	months := map[string][]string{
		"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		"fr": {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
	}[lang]
	tm, precision, err := d.Parse()
	if err != nil {
		t.Fatal(err)
	}
	month := months[tm.Month()-1]
	switch precision {
	case field.Year:
		return fmt.Sprint(tm.Year())
	case field.Month:
		return fmt.Sprintf("%s %d", month, tm.Year())
	}
	day := fmt.Sprint(tm.Day())
	if lang == "fr" && tm.Day() == 1 {
		day = "1er"
	}
	return fmt.Sprintf("%s %s %d", day, month, tm.Year())
}

type builtPage struct {
	path            string
	lang            string
	title           string              // the h1
	linksIn         map[string][]string // hrefs by the class of the element around them, for the linksAround classes
	languageLinks   []languageLink
	allLinks        []string
	events          map[string]builtEvent
	translationGaps int
}

type languageLink struct{ href, hreflang string }

type builtEvent struct{ date, datetime string }

func (p *builtPage) linksTo(href string) bool {
	for _, l := range p.languageLinks {
		if l.href == href {
			return true
		}
	}
	return false
}

func findTimelinePage(t *testing.T, pages map[string]*builtPage, lang, slug string) *builtPage {
	t.Helper()
	for path, page := range pages {
		if strings.HasPrefix(path, lang+"/") && strings.HasSuffix(path, "/"+slug+"/index.html") {
			return page
		}
	}
	t.Errorf("no %s page for the timeline %q", lang, slug)
	return nil
}

// parseSite reads every HTML page of the built site, keyed by its path.
func parseSite(t *testing.T, dest string) map[string]*builtPage {
	t.Helper()
	pages := map[string]*builtPage{}
	err := filepath.WalkDir(dest, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		doc, err := html.Parse(f)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dest, path)
		page := &builtPage{path: filepath.ToSlash(rel), events: map[string]builtEvent{}, linksIn: map[string][]string{}}
		walk(doc, page, nil)
		pages[page.path] = page
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

func walk(n *html.Node, page *builtPage, event *string) {
	if n.Type == html.ElementNode {
		switch {
		case n.Data == "html":
			page.lang = attr(n, "lang")
		case n.Data == "h1":
			page.title = strings.TrimSpace(text(n))
		case n.Data == "a":
			page.allLinks = append(page.allLinks, attr(n, "href"))
			for p := n.Parent; p != nil; p = p.Parent {
				if class := linksAround(p); class != "" {
					page.linksIn[class] = append(page.linksIn[class], attr(n, "href"))
					break
				}
			}
			if n.Parent != nil && n.Parent.Parent != nil && hasClass(n.Parent.Parent, "language-link") {
				page.languageLinks = append(page.languageLinks, languageLink{attr(n, "href"), attr(n, "hreflang")})
			}
		case n.Data == "li" && hasClass(n, "event"):
			id := attr(n, "id")
			event = &id
			page.events[id] = builtEvent{}
		case n.Data == "time" && event != nil:
			page.events[*event] = builtEvent{date: text(n), datetime: attr(n, "datetime")}
		case hasClass(n, "translation-gap"):
			page.translationGaps++
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, page, event)
	}
}

// linksAround are the classes of the parts of pages that link publications
// to each other.
func linksAround(n *html.Node) string {
	for _, c := range []string{"measures", "recommended-by", "named-actors", "naming-pages", "naming-events", "related-timeline", "related-reports"} {
		if hasClass(n, c) {
			return c
		}
	}
	return ""
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

func text(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(text(c))
	}
	return b.String()
}

func TestBrokenDataFailsAndLeavesPublicUntouched(t *testing.T) {
	root := sitetest.Copy(t, "")
	sitetest.Write(t, root, map[string]string{
		"public/index.html": "the previous site",
		"data/timelines/broken.toml": `title.en = "Broken"
title.fr = "Cassée"
summary.en = "x"
summary.fr = "x"

[[events]]
id = "2021-02-30-impossible"
date = "2021-02-30"
text.en = "English only"
`,
	})
	code, _, stderr := runSite(t, "build", "--source", root)
	if code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	for _, want := range []string{
		`data/timelines/broken.toml:8:9: event "2021-02-30-impossible": "2021-02-30" is not a date that exists`,
		`data/timelines/broken.toml:9:12: event "2021-02-30-impossible": text has no "fr" (Français) text; add text.fr = "…"`,
		"2 errors, 0 warnings",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	entries, _ := os.ReadDir(filepath.Join(root, "public"))
	if got, _ := os.ReadFile(filepath.Join(root, "public", "index.html")); string(got) != "the previous site" || len(entries) != 1 {
		t.Errorf("public/ changed: index.html is %q, %d entries", got, len(entries))
	}
	if code, _, _ := runSite(t, "check", "--source", root); code != 1 {
		t.Errorf("check: exit status %d, want 1", code)
	}
}

func TestNewWritesSkeletonsThatCheckPointsAt(t *testing.T) {
	root := sitetest.Copy(t, "")
	c := &newCommand{source: root, now: func() time.Time { return time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC) }}
	var out, errOut bytes.Buffer
	written := map[string]bool{}
	for _, k := range kinds {
		name := "new-" + k.name
		c.date = ""
		if k.name == "event" {
			name = "new-timeline"
			c.date = "2024-04"
		}
		out.Reset()
		if err := c.execute([]string{k.name, name}, &out, &errOut); err != nil {
			t.Fatalf("new %s: %v", k.name, err)
		}
		for _, f := range strings.Fields(strings.TrimPrefix(strings.Split(out.String(), ":")[0], "wrote ")) {
			if f != "and" {
				written[f] = true
			}
		}
		// Doing it again is refused: nothing is overwritten.
		if err := c.execute([]string{k.name, name}, &out, &errOut); err == nil {
			t.Errorf("new %s %s a second time: no error", k.name, name)
		}
	}
	if err := c.execute([]string{"event", "no-such-timeline"}, &out, &errOut); err == nil || !strings.Contains(err.Error(), "site new timeline no-such-timeline") {
		t.Errorf("an event for a missing timeline: %v", err)
	}
	if len(written) != 10 { // 5 data files and 2 files for each of 3 kinds of page
		t.Errorf("wrote %d files: %v", len(written), written)
	}

	// Each skeleton is valid; check points into each of them, and only at
	// what is left to write.
	code, _, stderr := runSite(t, "check", "--source", root)
	if code != 1 {
		t.Fatalf("check of the skeletons: exit %d\n%s", code, stderr)
	}
	for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
		file, _, _ := strings.Cut(line, ":")
		if !strings.Contains(line, "errors") && !written[file] {
			t.Errorf("a problem outside the new files: %s", line)
		}
		if !strings.Contains(line, "empty") && !strings.Contains(line, "has no name") && !strings.Contains(line, "has no text") && !strings.Contains(line, "errors,") {
			t.Errorf("a problem other than a text to write: %s", line)
		}
	}
	for f := range written {
		if !strings.Contains(stderr, f+":") {
			t.Errorf("check says nothing of %s", f)
		}
	}

	// Once the texts are written, the content is valid.
	fill := strings.NewReplacer(`= """`+"\n"+`"""`, `= """`+"\nFilled\n"+`"""`, `= ""`+"\n", `= "Filled"`+"\n")
	for f := range written {
		src, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			t.Fatal(err)
		}
		filled := fill.Replace(string(src))
		if strings.HasSuffix(f, ".md") {
			filled += "Filled\n"
		}
		sitetest.Write(t, root, map[string]string{f: filled})
	}
	if code, _, stderr := runSite(t, "check", "--source", root); code != 0 {
		t.Errorf("check of the filled skeletons: exit %d\n%s", code, stderr)
	}
}

func TestEveryCommandHasHelp(t *testing.T) {
	for _, c := range commands() {
		code, _, stderr := runSite(t, c.name(), "--help")
		if code != 0 || !strings.Contains(stderr, "usage: site "+c.name()) || !strings.Contains(stderr, "-source") {
			t.Errorf("site %s --help: exit %d\n%s", c.name(), code, stderr)
		}
	}
	if code, stdout, _ := runSite(t, "help"); code != 0 || !strings.Contains(stdout, "  build   Checks the site's data, then renders the site for publication.") {
		t.Errorf("site help: exit %d\n%s", code, stdout)
	}
	if code, _, stderr := runSite(t, "publish"); code != 2 || !strings.Contains(stderr, `unknown command "publish"`) {
		t.Errorf("site publish: exit %d\n%s", code, stderr)
	}
}

// lockedBuffer is written by the watcher's goroutine and read by the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestPreviewChecksDataAgainWhenItChanges(t *testing.T) {
	root := sitetest.Copy(t, "")
	p, prob := project.Open(root)
	if prob != nil {
		t.Fatal(prob)
	}
	var out lockedBuffer
	stop, err := watchData(p, &out, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	sitetest.Write(t, root, map[string]string{"data/timelines/new.toml": secondTimeline + "text.de = \"Nur deutsch\"\n" +
		"[[events]]\nid = \"2023-06-01-draft\"\ndate = 2023-06-01\ntext.en = \"Not translated yet.\"\n"})
	// While previewing, a missing translation is a warning, and other problems stay errors.
	want := []string{
		`data/timelines/new.toml:12:12: event "2023-05-01-only-event": text has a text in "de"`,
		`data/timelines/new.toml:16:12: warning: event "2023-06-01-draft": text has no "fr" (Français) text`,
		"1 error, 1 warning",
	}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) && !strings.Contains(out.String(), want[len(want)-1]) {
		time.Sleep(50 * time.Millisecond)
	}
	for _, w := range want {
		if !strings.Contains(out.String(), w) {
			t.Errorf("the preview's report lacks %q:\n%s", w, out.String())
		}
	}
}

// TestChangedSourceMakesExactlyItsTranslationOutdated changes one English
// event text: that event's French, and nothing else, is then outdated, in
// the status, in site check and on the preview page.
func TestChangedSourceMakesExactlyItsTranslationOutdated(t *testing.T) {
	root := sitetest.Copy(t, "")
	if code, stdout, stderr := runSite(t, "i18n", "status", "--strict", "--source", root); code != 0 {
		t.Fatalf("the real site is not fully translated:\n%s%s", stdout, stderr)
	}
	file := filepath.Join(root, "data", "timelines", "parliamentarians-email-tracking-2021.toml")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	const before = `sends a first report to the House of Commons IT security mailbox`
	if !bytes.Contains(src, []byte(before)) {
		t.Fatal("the timeline changed: update the test's English text")
	}
	sitetest.Write(t, root, map[string]string{"data/timelines/parliamentarians-email-tracking-2021.toml": strings.Replace(string(src), before, "sends its first report to the House of Commons IT security mailbox", 1)})
	const id = "data/timelines/parliamentarians-email-tracking-2021.toml#events[2021-01-22-first-report].text"

	code, stdout, _ := runSite(t, "i18n", "status", "--json", "--source", root)
	var status struct {
		Languages []struct {
			Lang  string
			Items []struct{ ID, Condition string }
		}
	}
	if err := json.Unmarshal([]byte(stdout), &status); err != nil || code != 0 {
		t.Fatalf("status --json: exit %d, %v\n%s", code, err, stdout)
	}
	if items := status.Languages[0].Items; len(items) != 1 || items[0].ID != id || items[0].Condition != "outdated" {
		t.Errorf("status: want only %s outdated, got %+v", id, items)
	}
	if code, _, stderr := runSite(t, "check", "--source", root); code != 0 || !strings.Contains(stderr, "1 warning") || !strings.Contains(stderr, id) {
		t.Errorf("check: exit %d, want one warning about %s:\n%s", code, id, stderr)
	}
	if code, _, _ := runSite(t, "check", "--strict", "--source", root); code != 1 {
		t.Errorf("check --strict: exit %d, want 1", code)
	}

	// The preview marks that text, and only it.
	p, _ := project.Open(root)
	preview, err := newPreviewConfig()
	if err != nil {
		t.Fatal(err)
	}
	defer preview.remove()
	if err := preview.update(p); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if err := render.Build(root, dest, render.BuildOptions{Quiet: true, ExtraConfig: preview.path}); err != nil {
		t.Fatal(err)
	}
	marked := 0
	filepath.WalkDir(dest, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		page, _ := os.ReadFile(path)
		n := strings.Count(string(page), `class="translation-outdated"`)
		marked += n
		if n > 0 && (!strings.Contains(path, "/fr/chronologies/") || !strings.Contains(string(page), `data-id="`+id+`"`)) {
			t.Errorf("%s marks an outdated translation", path)
		}
		return nil
	})
	if marked != 1 {
		t.Errorf("%d texts marked outdated on the preview, want 1", marked)
	}

	// Confirming it makes it current again.
	if code, _, stderr := runSite(t, "i18n", "confirm", id, "--source", root); code != 0 {
		t.Fatalf("confirm: exit %d\n%s", code, stderr)
	}
	if code, stdout, _ := runSite(t, "i18n", "status", "--strict", "--source", root); code != 0 {
		t.Errorf("after confirm, status --strict: exit %d\n%s", code, stdout)
	}
}

// TestXLIFFRoundTrip removes French texts of several kinds, exports XLIFF,
// translates it programmatically (the removed texts come back, an outdated
// one gets a new translation), imports it and builds: the French site shows
// the texts, and every byte outside the translated values is as it was.
func TestXLIFFRoundTrip(t *testing.T) {
	root := sitetest.Copy(t, "")
	read := func(rel string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(root, rel))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	const (
		timelineFile = "data/timelines/parliamentarians-email-tracking-2021.toml"
		pageFile     = "content/statements/prc-microsoft-exchange-attribution.fr.md"
		catalogue    = "i18n/fr.toml"
	)
	original := map[string]string{timelineFile: read(timelineFile), pageFile: read(pageFile), catalogue: read(catalogue)}

	// What the translator is given: a French event text, a French note in an
	// inline table, a French page body and an interface message are missing,
	// and one English event text changed.
	tl := original[timelineFile]
	frText := regexp.MustCompile(`(?m)^text\.fr = "Le responsable du traitement des incidents du Centre pour la cybersécurité relance.*\n`)
	frNote := regexp.MustCompile(`, fr = "À ce stade, on ne disposait[^"]*"`)
	if !frText.MatchString(tl) || !frNote.MatchString(tl) {
		t.Fatal("the timeline changed: update the test's patterns")
	}
	tl = frNote.ReplaceAllString(frText.ReplaceAllString(tl, ""), "")
	tl = strings.Replace(tl, "asks once more for feedback on the 22 January report", "asks a second time for feedback on the 22 January report", 1)
	fm, _, _ := strings.Cut(original[pageFile], "\n+++\n")
	cat := regexp.MustCompile(`(?s)\n\[footnoteBack\]\nother = "[^"]*"\n`).ReplaceAllString(original[catalogue], "\n")
	sitetest.Write(t, root, map[string]string{timelineFile: tl, pageFile: fm + "\n+++\n", catalogue: cat})

	xlf := filepath.Join(t.TempDir(), "fr.xlf")
	if code, _, stderr := runSite(t, "i18n", "export", "--lang", "fr", "-o", xlf, "--source", root); code != 0 {
		t.Fatalf("export: exit %d\n%s", code, stderr)
	}
	validateXLIFF(t, xlf)

	// The translator's work: each unit that needs it gets its text.
	var doc struct {
		Files []struct {
			Units []struct {
				ID     string `xml:"id,attr"`
				Source string `xml:"source"`
				Target struct {
					State string `xml:"state,attr"`
					Text  string `xml:",chardata"`
				} `xml:"target"`
			} `xml:"body>trans-unit"`
		} `xml:"file"`
	}
	data, _ := os.ReadFile(xlf)
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	translations := map[string]string{
		"data/timelines/parliamentarians-email-tracking-2021.toml#events[2021-01-29-first-follow-up].text":  strings.TrimSuffix(strings.TrimPrefix(frText.FindString(original[timelineFile]), `text.fr = "`), "\"\n"),
		"data/timelines/parliamentarians-email-tracking-2021.toml#events[2021-01-22-first-report].notes[1]": strings.TrimSuffix(strings.TrimPrefix(frNote.FindString(original[timelineFile]), `, fr = "`), `"`),
		"content/statements/prc-microsoft-exchange-attribution#body":                                        strings.TrimSpace(strings.SplitN(original[pageFile], "\n+++\n", 2)[1]),
		"i18n#footnoteBack.other": "Retour au texte",
		"data/timelines/parliamentarians-email-tracking-2021.toml#events[2021-02-03-second-follow-up].text": "Le responsable du traitement des incidents du Centre pour la cybersécurité redemande une rétroaction sur le rapport du 22 janvier.",
	}
	states := map[string]string{}
	for _, f := range doc.Files {
		for _, u := range f.Units {
			states[u.ID] = u.Target.State
		}
	}
	for id := range translations {
		want := "needs-translation"
		if strings.Contains(id, "second-follow-up") {
			want = "needs-review-translation"
		}
		if states[id] != want {
			t.Errorf("export: %s has state %q, want %q", id, states[id], want)
		}
	}
	data = translateXLIFF(t, data, translations)
	if err := os.WriteFile(xlf, data, 0o644); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, root)
	if code, stdout, stderr := runSite(t, "i18n", "import", xlf, "--source", root); code != 0 || !strings.Contains(stdout, "5 translations") {
		t.Fatalf("import: exit %d\n%s%s", code, stdout, stderr)
	}

	// Every byte is back where it was, but for the new translation of the
	// outdated text, and the catalogue's message, which is added at its end.
	wantTimeline := strings.Replace(original[timelineFile], "asks once more for feedback on the 22 January report", "asks a second time for feedback on the 22 January report", 1)
	wantTimeline = strings.Replace(wantTimeline, "demande de nouveau une rétroaction sur le rapport du 22 janvier.", "redemande une rétroaction sur le rapport du 22 janvier.", 1)
	if got := read(timelineFile); got != wantTimeline {
		t.Errorf("the timeline differs from the expected bytes:\n%s", sitetest.FirstDiff(wantTimeline, got))
	}
	if got := read(pageFile); got != original[pageFile] {
		t.Errorf("the page differs:\n%s", sitetest.FirstDiff(original[pageFile], got))
	}
	if got := read(catalogue); !strings.HasPrefix(got, strings.TrimSuffix(cat, "\n")) || !strings.HasSuffix(got, "[footnoteBack]\nother = \"Retour au texte\"\n") {
		t.Errorf("the catalogue: every line kept, the message added at the end; got the end:\n%s", got[max(0, len(got)-200):])
	}
	if code, stdout, _ := runSite(t, "i18n", "status", "--strict", "--source", root); code != 0 {
		t.Errorf("after the import, status --strict: exit %d\n%s", code, stdout)
	}
	// No other source file changed.
	for file, content := range snapshot(t, root) {
		if file != timelineFile && file != pageFile && file != catalogue && file != "translation-state.toml" && before[file] != content {
			t.Errorf("the import changed %s", file)
		}
	}

	dest := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := runSite(t, "build", "--source", root, "--destination", dest, "--minify=false"); code != 0 {
		t.Fatalf("build after import: exit %d\n%s", code, stderr)
	}
	page, _ := os.ReadFile(filepath.Join(dest, "fr/chronologies/parlementaires-liens-de-suivi-2021/index.html"))
	if !strings.Contains(string(page), "redemande une rétroaction") {
		t.Error("the French timeline does not show the imported translation")
	}
}

// translateXLIFF puts the translations into the targets of an XLIFF file,
// as a CAT tool does, leaving the rest of the file as it is.
func translateXLIFF(t *testing.T, data []byte, translations map[string]string) []byte {
	t.Helper()
	escape := func(s string) string {
		var b bytes.Buffer
		xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	out := string(data)
	for id, text := range translations {
		re := regexp.MustCompile(`(<trans-unit id="` + regexp.QuoteMeta(escape(id)) + `"[^>]*>\s*<source>[\s\S]*?</source>\s*<target state=")[^"]*(">)[\s\S]*?(</target>)`)
		m := re.FindStringSubmatchIndex(out)
		if m == nil {
			t.Fatalf("no trans-unit %s in the export", id)
		}
		out = out[:m[0]] + out[m[2]:m[3]] + "translated" + out[m[4]:m[5]] + escape(text) + out[m[6]:m[7]] + out[m[1]:]
	}
	return []byte(out)
}

func validateXLIFF(t *testing.T, file string) {
	t.Helper()
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("xmllint is missing: .ci/run installs it (Debian package libxml2-utils)")
		}
		t.Skip("xmllint is missing: apt-get install libxml2-utils to validate XLIFF against its schema")
	}
	// The official schema is in shared/, beside the project's folder.
	schema := filepath.Join(sitetest.Root(t), "..", "shared", "schemas", "xliff1.2", "xliff-core-1.2-strict.xsd")
	if _, err := os.Stat(schema); err != nil {
		t.Fatalf("the XLIFF 1.2 schema is missing (%v): the tests run with shared/ beside the project's folder", err)
	}
	if out, err := exec.Command(xmllint, "--noout", "--schema", schema, file).CombinedOutput(); err != nil {
		t.Fatalf("the XLIFF is not valid XLIFF 1.2: %v\n%s", err, out)
	}
}

// TestGoi18nExtractAndMerge: extract holds exactly what is missing, in
// goi18n's format with hashes; once translated, merge folds it back and
// the catalogue still loads with go-i18n.
func TestGoi18nExtractAndMerge(t *testing.T) {
	root := sitetest.Copy(t, "")
	cat, _ := os.ReadFile(filepath.Join(root, "i18n", "fr.toml"))
	withoutMessage := regexp.MustCompile(`(?s)\n\[eventsHeading\]\nother = "[^"]*"\n`).ReplaceAllString(string(cat), "\n")
	tlFile := filepath.Join(root, "data", "timelines", "parliamentarians-email-tracking-2021.toml")
	tl, _ := os.ReadFile(tlFile)
	frText := regexp.MustCompile(`(?m)^text\.fr = "L'analyste principal de la sécurité des TI de la Chambre des communes confirme.*\n`)
	if withoutMessage == string(cat) || !frText.Match(tl) {
		t.Fatal("the catalogue or the timeline changed: update the test")
	}
	sitetest.Write(t, root, map[string]string{"i18n/fr.toml": withoutMessage, "data/timelines/parliamentarians-email-tracking-2021.toml": frText.ReplaceAllString(string(tl), "")})

	out := filepath.Join(t.TempDir(), "translate.fr.toml")
	if code, _, stderr := runSite(t, "i18n", "extract", "fr", "-o", out, "--source", root); code != 0 {
		t.Fatalf("extract: exit %d\n%s", code, stderr)
	}
	extracted, _ := os.ReadFile(out)
	mf, err := i18n.ParseMessageFileBytes(extracted, out, map[string]i18n.UnmarshalFunc{"toml": toml.Unmarshal})
	if err != nil {
		t.Fatalf("go-i18n cannot read the extract: %v\n%s", err, extracted)
	}
	const eventID = "data/timelines/parliamentarians-email-tracking-2021.toml#events[2021-01-25-receipt-acknowledged].text"
	var ids []string
	for _, m := range mf.Messages {
		ids = append(ids, m.ID)
		if m.Hash == "" || m.Other == "" {
			t.Errorf("%s: no hash or no text to translate", m.ID)
		}
	}
	slices.Sort(ids)
	if want := []string{eventID, "eventsHeading"}; !slices.Equal(ids, want) {
		t.Fatalf("extract holds %q, want %q", ids, want)
	}

	translated := strings.Replace(string(extracted), `other = "Events"`, `other = "Événements"`, 1)
	translated = strings.Replace(translated, `other = "The House of Commons senior IT security analyst confirms receipt of the 22 January report."`, `other = "L'analyste principal accuse réception du rapport du 22 janvier."`, 1)
	if translated == string(extracted) {
		t.Fatalf("the extract's texts are not where the test expects them:\n%s", extracted)
	}
	if err := os.WriteFile(out, []byte(translated), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, stdout, stderr := runSite(t, "i18n", "merge", out, "--source", root); code != 0 || !strings.Contains(stdout, "2 translations") {
		t.Fatalf("merge: exit %d\n%s%s", code, stdout, stderr)
	}
	if code, stdout, _ := runSite(t, "i18n", "status", "--strict", "--source", root); code != 0 {
		t.Errorf("after the merge, status --strict: exit %d\n%s", code, stdout)
	}
	merged, _ := os.ReadFile(filepath.Join(root, "i18n", "fr.toml"))
	if !strings.HasPrefix(string(merged), strings.TrimSuffix(withoutMessage, "\n")) || !strings.Contains(string(merged), "[eventsHeading]\nother = \"Événements\"\n") {
		t.Errorf("the catalogue after the merge:\n%s", merged)
	}
	if _, err := i18n.ParseMessageFileBytes(merged, "fr.toml", map[string]i18n.UnmarshalFunc{"toml": toml.Unmarshal}); err != nil {
		t.Errorf("go-i18n cannot load the merged catalogue: %v", err)
	}
	if got, _ := os.ReadFile(tlFile); !strings.Contains(string(got), "text.fr = \"L'analyste principal accuse réception du rapport du 22 janvier.\"\n") {
		t.Error("the event's French is not in the timeline")
	}
}

// snapshot reads every source file of a site: data, content, catalogues and
// the translation state.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	files := map[string]string{}
	for _, dir := range []string{"data", "content", "i18n", "layouts"} {
		filepath.WalkDir(filepath.Join(root, dir), func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				b, _ := os.ReadFile(path)
				rel, _ := filepath.Rel(root, path)
				files[filepath.ToSlash(rel)] = string(b)
			}
			return err
		})
	}
	return files
}
