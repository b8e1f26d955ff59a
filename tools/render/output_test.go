package render_test

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/render"
)

// The fixture's publications, in each language: every page a feed, a
// sitemap and what's new can list.
var publications = map[string][]string{
	"en": {
		"/en/bulletins/fixture-bulletin/", "/en/reports/fixture-report/", "/en/backgrounders/fixture-backgrounder/",
		"/en/guidance/use-mfa/", "/en/guidance/patch/", "/en/threat-actors/apt99/", "/en/timelines/fixture/",
		"/en/glossary/detection/", "/en/glossary/exploit/", "/en/glossary/firewall/", "/en/glossary/privilege-escalation/",
	},
	"fr": {
		"/fr/bulletins/bulletin-essai/", "/fr/rapports/rapport-essai/", "/fr/documents-information/document-information-essai/",
		"/fr/conseils/utiliser-amf/", "/fr/conseils/corriger/", "/fr/auteurs-de-menace/apt99/", "/fr/chronologies/chronologie-essai/",
		"/fr/glossaire/detection/", "/fr/glossaire/exploit/", "/fr/glossaire/pare-feu/", "/fr/glossaire/elevation-de-privileges/",
	},
}

type atomFeed struct {
	Lang    string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Title   string `xml:"title"`
	ID      string `xml:"id"`
	Updated string `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		Title     string `xml:"title"`
		ID        string `xml:"id"`
		Published string `xml:"published"`
		Updated   string `xml:"updated"`
		Summary   string `xml:"summary"`
		Category  struct {
			Term  string `xml:"term,attr"`
			Label string `xml:"label,attr"`
		} `xml:"category"`
	} `xml:"entry"`
}

// Each language has an Atom feed of every publication, newest first, and
// one per section; pages link them.
func TestFeeds(t *testing.T) {
	public := builtSite(t)
	for lang, pages := range publications {
		var feed atomFeed
		decodeXML(t, filepath.Join(public, lang, "feed.xml"), &feed)
		if feed.Lang != map[string]string{"en": "en-CA", "fr": "fr-CA"}[lang] || feed.ID != baseURL+lang+"/" || feed.Updated != "2024-04-15T00:00:00Z" {
			t.Errorf("%s feed: lang %q, id %q, updated %q", lang, feed.Lang, feed.ID, feed.Updated)
		}
		var got []string
		var published []string
		for _, e := range feed.Entries {
			got = append(got, strings.TrimPrefix(e.ID, strings.TrimSuffix(baseURL, "/")))
			published = append(published, e.Published)
			if e.Summary == "" || e.Category.Label == "" {
				t.Errorf("%s feed: entry %s has no summary or type", lang, e.ID)
			}
		}
		if !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(pages))) {
			t.Errorf("%s feed has %v, want every publication %v", lang, got, pages)
		}
		if !slices.IsSortedFunc(published, func(a, b string) int { return strings.Compare(b, a) }) {
			t.Errorf("%s feed is not newest first: %v", lang, published)
		}
	}
	var glossary atomFeed
	decodeXML(t, filepath.Join(public, "fr/glossaire/feed.xml"), &glossary)
	if len(glossary.Entries) != 4 || glossary.Entries[0].Category.Term != "term" {
		t.Errorf("the French glossary's feed: %+v", glossary.Entries)
	}
	page := read(t, filepath.Join(public, "fr/glossaire/pare-feu/index.html"))
	for _, want := range []string{
		`<link rel=alternate type=application/atom+xml href=/fr/feed.xml`,
		`<link rel=alternate type=application/atom+xml href=/fr/glossaire/feed.xml`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("a glossary page does not link its feeds: no %s", want)
		}
	}
}

// The sitemaps: one per language, every page with its address in every
// language (hreflang), their index at the root, which robots.txt gives.
func TestSitemaps(t *testing.T) {
	public := builtSite(t)
	if robots := read(t, filepath.Join(public, "robots.txt")); !strings.Contains(robots, "Sitemap: "+baseURL+"sitemap.xml\n") {
		t.Errorf("robots.txt does not give the sitemap:\n%s", robots)
	}
	var index struct {
		Sitemaps []struct {
			Loc string `xml:"loc"`
		} `xml:"sitemap"`
	}
	decodeXML(t, filepath.Join(public, "sitemap.xml"), &index)
	var locs []string
	for _, s := range index.Sitemaps {
		locs = append(locs, s.Loc)
	}
	if !slices.Equal(locs, []string{baseURL + "en/sitemap.xml", baseURL + "fr/sitemap.xml"}) {
		t.Fatalf("sitemap index: %v", locs)
	}
	for lang, pages := range publications {
		var sitemap struct {
			URLs []struct {
				Loc   string `xml:"loc"`
				Links []struct {
					Hreflang string `xml:"hreflang,attr"`
					Href     string `xml:"href,attr"`
				} `xml:"http://www.w3.org/1999/xhtml link"`
			} `xml:"url"`
		}
		decodeXML(t, filepath.Join(public, lang, "sitemap.xml"), &sitemap)
		listed := map[string]bool{}
		for _, u := range sitemap.URLs {
			listed[u.Loc] = true
			file := filepath.Join(public, strings.TrimPrefix(u.Loc, baseURL), "index.html")
			if _, err := os.Stat(file); err != nil {
				t.Errorf("%s sitemap lists %s, which is not built", lang, u.Loc)
			}
			langs := map[string]bool{}
			for _, l := range u.Links {
				langs[l.Hreflang] = true
			}
			if !langs["en-CA"] || !langs["fr-CA"] {
				t.Errorf("%s: hreflang alternates %v, want en-CA and fr-CA", u.Loc, u.Links)
			}
		}
		for _, p := range append(pages, "/"+lang+"/") {
			if !listed[strings.TrimSuffix(baseURL, "/")+p] {
				t.Errorf("%s sitemap lacks %s", lang, p)
			}
		}
	}
}

// The home page presents the whole publication set: the newest of every
// kind but the glossary's (a new term is no news) with its type and date,
// newest first, and every section with its line.
func TestHomePagePresentsEveryKind(t *testing.T) {
	public := builtSite(t)
	// What's new and the home feed list the same publications in the same
	// order in each language, even those of the same date; what's new is
	// in the feed's order.
	whatsNew := map[string][]string{}
	for lang := range publications {
		sitetest.Elements(sitetest.ParseHTML(t, filepath.Join(public, lang, "index.html")), func(n *html.Node) {
			if n.Data == "section" && sitetest.HasClass(n, "whats-new") {
				sitetest.Elements(n, func(a *html.Node) {
					if a.Data == "a" && sitetest.Attr(a, "type") == "" {
						whatsNew[lang] = append(whatsNew[lang], counterpart(sitetest.Attr(a, "href"), "en"))
					}
				})
			}
		})
		var feed atomFeed
		decodeXML(t, filepath.Join(public, lang, "feed.xml"), &feed)
		var inFeed []string
		for _, e := range feed.Entries {
			if slices.Contains(whatsNew[lang], counterpart(strings.TrimPrefix(e.ID, strings.TrimSuffix(baseURL, "/")), "en")) {
				inFeed = append(inFeed, counterpart(strings.TrimPrefix(e.ID, strings.TrimSuffix(baseURL, "/")), "en"))
			}
		}
		if !slices.Equal(inFeed, whatsNew[lang]) {
			t.Errorf("%s: what's new %v is not in the feed's order %v", lang, whatsNew[lang], inFeed)
		}
	}
	if !slices.Equal(whatsNew["en"], whatsNew["fr"]) || len(whatsNew["en"]) != 7 {
		t.Errorf("what's new differs between languages:\nen %v\nfr %v", whatsNew["en"], whatsNew["fr"])
	}

	doc := sitetest.ParseHTML(t, filepath.Join(public, "fr/index.html"))
	var types, dates, sections []string
	sitetest.Elements(doc, func(n *html.Node) {
		switch {
		case n.Data == "section" && sitetest.HasClass(n, "whats-new"):
			sitetest.Elements(n, func(n *html.Node) {
				switch {
				case sitetest.HasClass(n, "page-list__type"):
					types = append(types, strings.Join(strings.Fields(sitetest.Text(n)), " "))
				case sitetest.HasClass(n, "page-list__date"):
					// The publication's date, not the date it was updated.
					dates = append(dates, sitetest.Attr(n.FirstChild.NextSibling, "datetime"))
				}
			})
		case n.Data == "section" && sitetest.Attr(n, "class") == "home-sections":
			sitetest.Elements(n, func(li *html.Node) {
				if li.Data == "li" {
					sections = append(sections, strings.Join(strings.Fields(sitetest.Text(li)), " "))
				}
			})
		}
	})
	for _, want := range []string{"Chronologie", "Bulletin sur les cybermenaces", "Rapport", "Document d’information", "Conseils d’atténuation", "Profil d’auteur de menace"} {
		if !slices.Contains(types, want) {
			t.Errorf("what's new has no %q: %v", want, types)
		}
	}
	if slices.Contains(types, "Terme du glossaire") {
		t.Errorf("what's new lists glossary terms: %v", types)
	}
	if len(dates) != len(types) || !slices.IsSortedFunc(dates, func(a, b string) int { return strings.Compare(b, a) }) {
		t.Errorf("what's new is not newest first: %v", dates)
	}
	if len(sections) != 7 || !strings.Contains(sections[0], "Des incidents, événement par événement.") {
		t.Errorf("sections: %q", sections)
	}
}

// An address that does not exist has its page in each language, and one at
// the root in every language, since the reader's is unknown there.
func TestNotFoundPages(t *testing.T) {
	public := builtSite(t)
	root := read(t, filepath.Join(public, "404.html"))
	for _, want := range []string{`<section lang=en-CA`, `<section lang=fr-CA`, `Page not found`, `Page introuvable`, `href=/en/`, `href=/fr/`, `noindex`} {
		if !strings.Contains(root, want) {
			t.Errorf("/404.html lacks %s", want)
		}
	}
	fr := read(t, filepath.Join(public, "fr/404.html"))
	for _, want := range []string{`<html lang=fr-CA`, `<title>Page introuvable | `, `noindex`, `href=/fr/recherche/`} {
		if !strings.Contains(fr, want) {
			t.Errorf("/fr/404.html lacks %s", want)
		}
	}
	if strings.Contains(fr, `rel=canonical`) {
		t.Error("/fr/404.html gives a canonical address")
	}
}

// Every link of the output, the fixture's and the project's site's, leads
// somewhere: each address of the site in a page, a feed, a sitemap or an
// export is a file of the output, and each anchor an id of its page.
func TestNoBrokenLinks(t *testing.T) {
	for name, public := range builtSites(t) {
		t.Run(name, func(t *testing.T) { checkLinks(t, public, baseURL) })
	}
	// A site published below a path of its host keeps its links.
	t.Run("fixture below a path", func(t *testing.T) {
		root := sitetest.New(t, sitetest.Fixture)
		sitetest.Edit(t, root, "config.toml", `baseURL = "`+baseURL+`"`, `baseURL = "`+baseURL+`sub/"`)
		public := filepath.Join(t.TempDir(), "public")
		if err := render.Build(root, public, render.BuildOptions{Quiet: true}); err != nil {
			t.Fatal(err)
		}
		checkLinks(t, public, baseURL+"sub/")
	})
}

// checkLinks checks the links of a built site published at base, with
// the check site build runs.
func checkLinks(t *testing.T, public, base string) {
	t.Helper()
	checked, broken, err := render.CheckLinks(public, base)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range broken {
		t.Errorf("broken link: %s", b)
	}
	if checked < 300 {
		t.Errorf("only %d links checked: the walk missed files", checked)
	}
}

// A link that leads nowhere in what was rendered fails the build, and
// nothing is published: one from a template (a page, an anchor, an image,
// an address in a feed), which site check cannot see.
func TestBrokenLinkInTheOutputFailsTheBuild(t *testing.T) {
	root := sitetest.New(t, sitetest.Fixture)
	sitetest.Write(t, root, map[string]string{
		"layouts/_partials/hooks/report/before-header.html": `<a href="/en/reports/no-such-report/">x</a> <a href="#no-such-anchor">y</a> <img src="/images/diagram.png" alt="z"> <img srcset="/images/a.png 1x, /schemas/timeline.schema.json 2x" alt="w"> <a href="https://CYBER.example.ca:443/en/port/">v</a> <a href="https://cyber.example.ca./en/dot/">u</a> <span id="twice"></span><span id="twice"></span>`,
	})
	dest := filepath.Join(t.TempDir(), "public")
	sitetest.Write(t, dest, map[string]string{"index.html": "previous site"})
	if err := render.MarkOutput(dest); err != nil {
		t.Fatal(err)
	}
	err := render.Build(root, dest, render.BuildOptions{Quiet: true})
	var broken render.BrokenLinksError
	if !errors.As(err, &broken) {
		t.Fatalf("the build: %v, want broken links", err)
	}
	var got []string
	for _, b := range broken {
		got = append(got, b.String())
	}
	page := "en/reports/fixture-report/index.html"
	for _, want := range []string{
		page + ": /en/reports/no-such-report/, no such file",
		page + ": #no-such-anchor, no such anchor",
		page + ": /images/diagram.png, no such file",
		page + ": /images/a.png, no such file",
		// The site's own host as browsers see it, written otherwise.
		page + ": https://CYBER.example.ca:443/en/port/, no such file",
		page + ": https://cyber.example.ca./en/dot/, no such file",
		page + ": #twice, an id two elements of the page have",
	} {
		if !slices.Contains(got, want) {
			t.Errorf("missing %q among:\n%s", want, strings.Join(got, "\n"))
		}
	}
	if slices.ContainsFunc(got, func(s string) bool { return strings.Contains(s, "timeline.schema.json") }) {
		t.Errorf("a link that leads somewhere is reported: %s", got)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "previous site" {
		t.Errorf("the previous site was replaced: %q", b)
	}
}

// counterpart returns a publication's address in another language.
func counterpart(page, lang string) string {
	for _, pages := range publications {
		if i := slices.Index(pages, page); i >= 0 {
			return publications[lang][i]
		}
	}
	return page
}

func decodeXML(t *testing.T, file string, v any) {
	t.Helper()
	if err := xml.Unmarshal([]byte(read(t, file)), v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
}

// Every publication can be shared and found: its canonical address,
// OpenGraph, and schema.org JSON-LD that says what it is, in which
// language, when, and where its translation is.
func TestPublicationsCanBeShared(t *testing.T) {
	public := builtSite(t)
	site := strings.TrimSuffix(baseURL, "/")
	for lang, pages := range publications {
		for i, page := range pages {
			doc := sitetest.ParseHTML(t, filepath.Join(public, page, "index.html"))
			head := map[string]string{}
			var ld map[string]any
			sitetest.Elements(doc, func(n *html.Node) {
				switch {
				case n.Data == "html":
					head["lang"] = sitetest.Attr(n, "lang")
				case n.Data == "link" && sitetest.Attr(n, "rel") == "canonical":
					head["canonical"] = sitetest.Attr(n, "href")
				case n.Data == "meta" && sitetest.Attr(n, "property") != "":
					head[sitetest.Attr(n, "property")] = sitetest.Attr(n, "content")
				case n.Data == "script" && sitetest.Attr(n, "type") == "application/ld+json":
					if err := json.Unmarshal([]byte(sitetest.Text(n)), &ld); err != nil {
						t.Errorf("%s: JSON-LD: %v", page, err)
					}
				}
			})
			other := publications[map[string]string{"en": "fr", "fr": "en"}[lang]][i]
			if head["canonical"] != site+page || head["og:url"] != site+page || head["og:title"] == "" || head["og:description"] == "" ||
				head["og:locale"] != strings.ReplaceAll(head["lang"], "-", "_") || head["article:published_time"] == "" {
				t.Errorf("%s: head %v", page, head)
			}
			translation := map[string]string{"en": "workTranslation", "fr": "translationOfWork"}[lang]
			if ld["inLanguage"] != head["lang"] || ld["@id"] != site+page || ld["datePublished"] == nil || !strings.Contains(string(mustJSON(ld[translation])), site+other) {
				t.Errorf("%s: JSON-LD %v, want its language %s and its translation %s", page, ld, head["lang"], other)
			}
			if kind := ld["@type"]; !slices.Contains([]any{"Article", "Report", "BackgroundNewsArticle", "HowTo", "DefinedTerm"}, kind) {
				t.Errorf("%s: JSON-LD @type %v", page, kind)
			}
		}
	}
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// Every publication of the project's site, in each language, says where
// its facts come from in a Sources section; and no French page shows a
// straight apostrophe, in its text, its title or its description (code
// and web addresses keep theirs). (Its usage is the editors' list,
// data/usage.toml, which site check warns about: see
// TestRealSiteBuildsAsItsDataSays.)
func TestRealSitePublicationsCiteTheirSources(t *testing.T) {
	public := builtRealSite(t)
	cited := map[string]int{}
	for _, page := range htmlPages(t, public) {
		file := page
		if strings.HasSuffix(file, "/") {
			file += "index.html"
		}
		doc := sitetest.ParseHTML(t, filepath.Join(public, filepath.FromSlash(file)))
		lang, publication, sources := "", false, 0
		sitetest.Elements(doc, func(n *html.Node) {
			switch {
			case n.Data == "html":
				lang = sitetest.Attr(n, "lang")
			case n.Data == "main" && slices.ContainsFunc(n.Attr, func(a html.Attribute) bool { return a.Key == "data-pagefind-body" }):
				publication = true
			case n.Data == "h2" && sitetest.Attr(n, "id") == "sources-heading":
				sitetest.Elements(n.Parent, func(li *html.Node) {
					if li.Data == "li" && strings.TrimSpace(sitetest.Text(li)) != "" {
						sources++
					}
				})
			}
		})
		if publication {
			if sources == 0 {
				t.Errorf("%s cites no source", page)
			}
			cited[lang]++
		}
		if !strings.HasPrefix(lang, "fr") {
			continue
		}
		sitetest.Elements(doc, func(n *html.Node) {
			shown := ""
			switch {
			case n.Type == html.TextNode && n.Parent != nil && !slices.Contains([]string{"code", "pre", "script", "style"}, n.Parent.Data):
				shown = n.Data
			case n.Data == "meta" && sitetest.Attr(n, "name") == "description":
				shown = sitetest.Attr(n, "content")
			}
			shown = regexp.MustCompile(`https?://\S+`).ReplaceAllString(shown, "")
			if i := strings.Index(shown, "'"); i >= 0 {
				t.Errorf("%s shows a straight apostrophe: %q", page, shown[max(0, i-30):min(len(shown), i+30)])
			}
		})
	}
	// Timelines, bulletins, reports, backgrounders, profiles, measures, terms.
	if cited["en-CA"] < 30 || cited["en-CA"] != cited["fr-CA"] {
		t.Errorf("publications by language: %v", cited)
	}
}
