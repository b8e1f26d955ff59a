package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/render"
	"golang.org/x/net/html"
)

// runSite runs a command line of the site command.
func runSite(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// mustRun runs a command line that must succeed, and returns its output.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, stdout, stderr := runSite(t, args...)
	if code != 0 {
		t.Fatalf("site %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout, stderr)
	}
	return stdout
}

// fixture makes the fixture site with the archives' files added or replaced.
func fixture(t *testing.T, archives ...string) string {
	t.Helper()
	return sitetest.New(t, append([]string{sitetest.Fixture}, archives...)...)
}

// build builds the site at root into a new folder, and returns it.
func build(t *testing.T, root string, args ...string) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	mustRun(t, append([]string{"build", "--source", root, "--destination", dest}, args...)...)
	return dest
}

// tree reads every file of a built site.
func tree(t *testing.T, dest string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dest, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == render.MarkerFile { // the build's, not the site's
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dest, path)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// builtPage is what the tests read of a page of the built site.
type builtPage struct {
	path            string
	lang            string
	title           string              // the h1
	linksIn         map[string][]string // hrefs by the class of the element around them, for the linksAround classes
	languageLinks   []languageLink
	allLinks        []string
	events          map[string]builtEvent
	translationGaps int
	outdated        []string // the ids of the texts marked outdated
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

// parseSite reads every HTML page of the built site, keyed by its path.
func parseSite(t *testing.T, dest string) map[string]*builtPage {
	t.Helper()
	pages := map[string]*builtPage{}
	for path, src := range tree(t, dest) {
		if !strings.HasSuffix(path, ".html") {
			continue
		}
		doc, err := html.Parse(strings.NewReader(src))
		if err != nil {
			t.Fatal(err)
		}
		page := &builtPage{path: path, events: map[string]builtEvent{}, linksIn: map[string][]string{}}
		walk(doc, page, nil)
		pages[path] = page
	}
	return pages
}

func walk(n *html.Node, page *builtPage, event *string) {
	if n.Type == html.ElementNode {
		switch {
		case n.Data == "html":
			page.lang = sitetest.Attr(n, "lang")
		case n.Data == "h1":
			page.title = strings.TrimSpace(sitetest.Text(n))
		case n.Data == "a":
			page.allLinks = append(page.allLinks, sitetest.Attr(n, "href"))
			for p := n.Parent; p != nil; p = p.Parent {
				if class := linksAround(p); class != "" {
					page.linksIn[class] = append(page.linksIn[class], sitetest.Attr(n, "href"))
					break
				}
			}
			if n.Parent != nil && n.Parent.Parent != nil && sitetest.HasClass(n.Parent.Parent, "language-link") {
				page.languageLinks = append(page.languageLinks, languageLink{sitetest.Attr(n, "href"), sitetest.Attr(n, "hreflang")})
			}
		case n.Data == "li" && sitetest.HasClass(n, "event"):
			id := sitetest.Attr(n, "id")
			event = &id
			page.events[id] = builtEvent{}
		case n.Data == "time" && event != nil:
			page.events[*event] = builtEvent{date: sitetest.Text(n), datetime: sitetest.Attr(n, "datetime")}
		case sitetest.HasClass(n, "translation-gap"):
			page.translationGaps++
		case sitetest.HasClass(n, "translation-outdated"):
			page.outdated = append(page.outdated, sitetest.Attr(n, "data-id"))
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, page, event)
	}
}

// linksAround are the classes of the parts of pages that link publications
// to each other.
func linksAround(n *html.Node) string {
	for _, c := range []string{"measures", "recommended-by", "named-actors", "naming-pages", "naming-events", "related-timeline", "related-reports", "refs"} {
		if sitetest.HasClass(n, c) {
			return c
		}
	}
	return ""
}
