package content_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/prepare"
	"github.com/cyberpub/site/tools/project"
)

const bulletinFR = "content/bulletins/fixture-bulletin.fr.md"

// bodyFR is an archive with the French fixture bulletin's text replaced
// by body, which starts on line 16 of its file.
func bodyFR(t *testing.T, text string) string {
	t.Helper()
	src := sitetest.Files(sitetest.Fixture)[bulletinFR]
	end := strings.Index(src, "+++\n## ")
	if end < 0 {
		t.Fatalf("the fixture's %s has changed: update the test", bulletinFR)
	}
	return add(bulletinFR, src[:end+4]+text)
}

// linkProblems loads the fixture with the archives' files and returns the
// problems of its links, as printed.
func linkProblems(t *testing.T, archives ...string) []string {
	t.Helper()
	root := sitetest.New(t, append([]string{sitetest.Fixture}, archives...)...)
	p, problems := project.Open(root)
	if problems != nil {
		t.Fatal(problems)
	}
	site, _ := content.Load(p)
	catalogues := map[string]map[string]map[string]any{}
	messages := func(lang, key string) string {
		if catalogues[lang] == nil {
			c := map[string]map[string]any{}
			if _, err := toml.DecodeFile(filepath.Join(root, project.CatalogueFile(lang)), &c); err != nil {
				t.Fatal(err)
			}
			catalogues[lang] = c
		}
		s, _ := catalogues[lang][key]["other"].(string)
		return s
	}
	var got []string
	others, err := prepare.OtherFiles(site, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range site.LinkProblems(messages, nil, others) {
		got = append(got, p.String())
	}
	return got
}

// TestLinkProblems: the links of texts to the site's own pages, each
// checked against what the build publishes, in the text's language, with
// the anchor it names. The cases with no problem are the ways of linking
// that work, which must stay allowed.
func TestLinkProblems(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files func(t *testing.T) []string
		want  []string // every problem, as printed
	}{
		// What a build publishes, linked as an editor writes it.
		{
			// Each of these is a file of the build, or a page Hugo's link
			// hook finds by its path: none may be refused.
			name: "links that lead somewhere",
			files: func(t *testing.T) []string {
				return []string{body(t, strings.Join([]string{
					"[a page](/en/bulletins/fixture-bulletin/) [without its slash](/en/backgrounders/fixture-backgrounder)",
					"[its file](/en/reports/fixture-report/index.html) [data's](/en/guidance/use-mfa/) [a term](/en/glossary/privilege-escalation/)",
					"[a section](/en/timelines/) [home](/en/) [the root](/) [search](/en/search/) [feed](/en/feed.xml) [a section's feed](/en/glossary/feed.xml)",
					"[JSON](/en/timelines/fixture/timeline.json) [CSV](/en/timelines/fixture/timeline.csv) [iCalendar](/en/timelines/fixture/timeline.ics) [STIX](/en/threat-actors/apt99/stix.json)",
					"[CSAF](/en/csaf/) [its index](/en/csaf/index.txt) [an advisory](/en/csaf/2024/fixture-bulletin.json) [its year](/en/csaf/2024/)",
					"[metadata](/.well-known/csaf/provider-metadata.json) [404](/404.html) [robots](/robots.txt) [sitemap](/sitemap.xml) [static](/schemas/timeline.schema.json)",
					"[by path](/timelines/fixture) [by file](/bulletins/fixture-bulletin.en.md) [relative by path](../reports/fixture-report) [a section by path](/glossary) [home by path](/)",
					"[relative](../../reports/fixture-report/) [an asset](/css/main.css) [query](/en/bulletins/?page=2) [mail](mailto:a@example.org) [another site](https://example.org/en/x/)",
					"[an event](/en/timelines/fixture/#2021-03-01-first-of-month) [a heading](#why-a-firewall-is-not-enough) [main](/en/glossary/#main) [a term](/en/glossary/#exploit) [a year](/en/timelines/fixture/#year-2021)",
					"",
					"## Why a firewall is not enough",
					"",
				}, "\n"))}
			},
		},
		{
			// A mistyped address was only found once published, as a
			// reader's 404.
			name: "an address the site does not publish",
			files: func(t *testing.T) []string {
				return []string{body(t, "Read [the report](/en/reports/fixture-reprot/).\n")}
			},
			want: []string{bulletin + `:15:19: body: the "en" (English) text links to "/en/reports/fixture-reprot/", an address this site does not publish; did you mean "/en/reports/fixture-report/"?`},
		},
		{
			// Hugo's path of a page, mistyped: the hook left it as it was
			// written, an address of nothing.
			name:  "a path of no page",
			files: func(t *testing.T) []string { return []string{body(t, "Read [the term](/glossary/exploitt).\n")} },
			want:  []string{bulletin + `:15:17: body: the "en" (English) text links to "/glossary/exploitt", an address this site does not publish; did you mean "/glossary/exploit"?`},
		},
		{
			// A relative address goes from the page's own: from
			// /en/bulletins/fixture-bulletin/, "../x/" is a bulletin.
			name:  "a relative address from the wrong folder",
			files: func(t *testing.T) []string { return []string{body(t, "Read [the report](../fixture-report/).\n")} },
			want:  []string{bulletin + `:15:19: body: the "en" (English) text links to "../fixture-report/", an address this site does not publish; did you mean "/en/reports/fixture-report/"?`},
		},
		{
			// A reference's address is written once, below: it is
			// reported there, once, however many links use it.
			name: "a reference-style link",
			files: func(t *testing.T) []string {
				return []string{body(t, "Read [this][r] and [that][r].\n\n[r]: /en/backgrounder/\n")}
			},
			want: []string{bulletin + `:17:6: body: the "en" (English) text links to "/en/backgrounder/", an address this site does not publish; did you mean "/en/backgrounders/"?`},
		},
		{
			// The page that holds the not-found page's words has a path
			// but is not rendered: the hook wrote href="".
			name:  "a page that is not rendered",
			files: func(t *testing.T) []string { return []string{body(t, "[Lost](/not-found)\n")} },
			want:  []string{bulletin + `:15:8: body: the "en" (English) text links to "/not-found", an address this site does not publish; link to a page of the site by its address, as site serve shows it: /en/…`},
		},
		{
			// The site's own address, written whole, is checked as its
			// path; another site's is not.
			name: "the site's address written whole",
			files: func(t *testing.T) []string {
				return []string{body(t, "[Ours](https://cyber.example.ca/en/bulletin/) and <https://cyber.example.ca/en/timelines/fixture/#nope>.\n")}
			},
			want: []string{
				bulletin + `:15:8: body: the "en" (English) text links to "https://cyber.example.ca/en/bulletin/", an address this site does not publish; did you mean "https://cyber.example.ca/en/bulletins/"?`,
				bulletin + `:15:52: body: the "en" (English) text links to "https://cyber.example.ca/en/timelines/fixture/#nope", but the page "/en/timelines/fixture/" has no anchor "nope"; link to the page alone, or to one of its anchors: an event's id, a heading's, a term's in the glossary`,
			},
		},
		// The text's language.
		{
			// A French reader sent to the English page, in a French
			// text: the link was copied from the English.
			name: "a French text linking to English pages",
			files: func(t *testing.T) []string {
				return []string{bodyFR(t, "Voir [le rapport](/en/reports/fixture-report/), [la chronologie](/en/timelines/fixture/timeline.json#x) et [la recherche](/en/search/).\n")}
			},
			want: []string{
				bulletinFR + `:16:19: body: the "fr" (Français) text links to "/en/reports/fixture-report/", an address of the English site; link to its counterpart in Français, "/fr/rapports/rapport-essai/"`,
				bulletinFR + `:16:66: body: the "fr" (Français) text links to "/en/timelines/fixture/timeline.json#x", an address of the English site; link to its counterpart in Français, "/fr/chronologies/chronologie-essai/timeline.json#x"`,
				bulletinFR + `:16:123: body: the "fr" (Français) text links to "/en/search/", an address of the English site; link to its counterpart in Français, "/fr/recherche/"`,
			},
		},
		{
			// The same links, in French: the hook gives a link by path
			// the page in the text's language; the root's files are in
			// every language's.
			name: "a French text linking to French pages",
			files: func(t *testing.T) []string {
				return []string{bodyFR(t, "[Rapport](/fr/rapports/rapport-essai/) [par chemin](/reports/fixture-report) [recherche](/fr/recherche/) [CSAF](/fr/csaf/2024/fixture-bulletin-fr-ca.json) [robots](/robots.txt) [un terme](/fr/glossaire/#exploit)\n")}
			},
		},
		// Anchors.
		{
			// An event's anchor, mistyped: the link went to the top of
			// the timeline.
			name: "an event's anchor",
			files: func(t *testing.T) []string {
				return []string{body(t, "On [that day](/en/timelines/fixture/#2021-03-01-first-of-mont), see [it](/timelines/fixture#2021-03-month-onyl).\n")}
			},
			want: []string{
				bulletin + `:15:15: body: the "en" (English) text links to "/en/timelines/fixture/#2021-03-01-first-of-mont", but the page "/en/timelines/fixture/" has no anchor "2021-03-01-first-of-mont"; did you mean "/en/timelines/fixture/#2021-03-01-first-of-month"?`,
				bulletin + `:15:74: body: the "en" (English) text links to "/timelines/fixture#2021-03-month-onyl", but the page "/en/timelines/fixture/" has no anchor "2021-03-month-onyl"; did you mean "/timelines/fixture#2021-03-month-only"?`,
			},
		},
		{
			// A heading's id is made from its words, in each language, as
			// Hugo makes it: the French page's heading has the French id,
			// accents and all.
			name: "a heading's anchor, in the page and in another language's",
			files: func(t *testing.T) []string {
				return []string{
					body(t, "## Scope\n\nSee [the scope](#scop).\n"),
					bodyFR(t, "## Portée\n\nVoir [la portée](#scope) et [ailleurs](/fr/bulletins/bulletin-essai/#portee).\n"),
				}
			},
			want: []string{
				bulletin + `:17:17: body: the "en" (English) text links to "#scop", but its page has no anchor "scop"; did you mean "#scope"?`,
				bulletinFR + `:18:18: body: the "fr" (Français) text links to "#scope", but its page has no anchor "scope"; link to the page alone, or to one of its anchors: an event's id, a heading's, a term's in the glossary`,
				bulletinFR + `:18:40: body: the "fr" (Français) text links to "/fr/bulletins/bulletin-essai/#portee", but its page has no anchor "portee"; did you mean "/fr/bulletins/bulletin-essai/#portée"?`,
			},
		},
		{
			// The glossary's list gives each term its id as an anchor.
			name:  "a term's anchor in the glossary",
			files: func(t *testing.T) []string { return []string{body(t, "An [exploit](/en/glossary/#exploitt).\n")} },
			want:  []string{bulletin + `:15:14: body: the "en" (English) text links to "/en/glossary/#exploitt", but the page "/en/glossary/" has no anchor "exploitt"; did you mean "/en/glossary/#exploit"?`},
		},
		// Texts of the data.
		{
			// An event's text is on its timeline's page: its links are
			// checked from there, in each language. The English file's
			// name in a French address is no French address: Hugo's path
			// of the page is, the hook making it the page's in French.
			name: "links in an event's text",
			files: func(t *testing.T) []string {
				return []string{edit(t, timeline, `text.fr = "Connu seulement par son mois."`, `text.fr = "Voir [plus tôt](#2020-year-onl) et [le bulletin](/fr/bulletins/fixture-bulletin/)."`)}
			},
			want: []string{
				timeline + `:47:28: event "2021-03-month-only": text: the "fr" (Français) text links to "#2020-year-onl", but its page has no anchor "2020-year-onl"; did you mean "#2020-year-only"?`,
				timeline + `:47:61: event "2021-03-month-only": text: the "fr" (Français) text links to "/fr/bulletins/fixture-bulletin/", an address this site does not publish; did you mean "/bulletins/fixture-bulletin"?`,
			},
		},
		{
			// An organization has no page: a link relative to one is
			// relative to whichever page shows it.
			name: "a relative link in a text with no page",
			files: func(t *testing.T) []string {
				return []string{edit(t, "data/actors.toml", `short.en = "Cyber Centre"`, `short.en = "[Cyber Centre](../about/)"`)}
			},
			want: []string{`data/actors.toml:5:28: organization "cyber-centre": short: the "en" (English) text links to "../about/", relative to the page it is on, but organizations have no page of their own; write the address from the site's root: /en/…`},
		},
		{
			// A source's address on this site, written whole, in a
			// measure of data and in a page's front matter.
			name: "the site's address as a source",
			files: func(t *testing.T) []string {
				return []string{
					edit(t, "data/mitigations.toml", `url = "https://example.org/guide"`, `url = "https://cyber.example.ca/en/guidance/use-mfa/#step"`),
					edit(t, bulletin, `url = "https://example.org/fixture-advisory"`, `url = "https://cyber.example.ca/en/bulletins/fixture-bulletn/"`),
				}
			},
			want: []string{
				bulletin + `:12:8: sources[1].url links to "https://cyber.example.ca/en/bulletins/fixture-bulletn/", an address this site does not publish; did you mean "https://cyber.example.ca/en/bulletins/fixture-bulletin/"?`,
				`data/mitigations.toml:13:57: measure "use-mfa": references[1].url links to "https://cyber.example.ca/en/guidance/use-mfa/#step", but the page "/en/guidance/use-mfa/" has no anchor "step"; link to the page alone, or to one of its anchors: an event's id, a heading's, a term's in the glossary`,
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := linkProblems(t, tc.files(t)...)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}
