package content_test

import (
	"fmt"
	"maps"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/project"
)

// load loads the fixture site with the archives' files added or replaced.
func load(t *testing.T, archives ...string) (*content.Site, diag.List) {
	t.Helper()
	root := sitetest.New(t, append([]string{sitetest.Fixture}, archives...)...)
	p, problems := project.Open(root)
	if problems != nil {
		t.Fatal(problems)
	}
	return content.Load(p)
}

// edit is an archive with one file of the fixture changed: old replaced
// by new.
func edit(t *testing.T, file, old, new string) string {
	t.Helper()
	src, ok := sitetest.Files(sitetest.Fixture)[file]
	if !ok || !strings.Contains(src, old) {
		t.Fatalf("the fixture's %s has no %q: update the test", file, old)
	}
	return sitetest.Archive(map[string]string{file: strings.Replace(src, old, new, 1)})
}

// add is an archive of one file.
func add(file, src string) string { return sitetest.Archive(map[string]string{file: src}) }

const timeline = "data/timelines/fixture.toml"

func TestFixtureIsValid(t *testing.T) {
	site, problems := load(t)
	if len(problems) > 0 {
		t.Fatalf("the fixture has problems:\n%v", problems)
	}
	tl := site.Item("timeline", "fixture")
	if tl == nil || len(tl.Records("events")) != 4 || tl.Address("fr") != "chronologie-essai" || tl.Address("en") != "fixture" {
		t.Fatalf("the fixture's timeline: %+v", tl)
	}
	e := tl.Records("events")[2]
	if d := e.Date("date"); d.Raw != "2021-03" || e.Text("text").Values["fr"] != "Connu seulement par son mois." || !slices.Equal(e.Strings("actors"), []string{"hoc"}) {
		t.Errorf("event 3: %+v", e.Values)
	}
	if b := site.Item("bulletin", "fixture-bulletin"); b == nil || b.Title("fr") != "Bulletin d’essai" || b.Address("fr") != "bulletin-essai" ||
		!strings.HasPrefix(b.Text("body").Values["en"], "## Why a firewall") {
		t.Errorf("the bulletin: %+v", b)
	}
	// A page's source: its title written in each language's file, one text.
	if src := site.Item("bulletin", "fixture-bulletin").Records("sources"); len(src) != 1 ||
		src[0].Text("title").ID != "bulletin/fixture-bulletin#sources[1].title" ||
		!maps.Equal(src[0].Text("title").Values, map[string]string{"en": "Fixture advisory", "fr": "Avis d’essai"}) ||
		src[0].Date("date").Raw != "2024-02-15" {
		t.Errorf("the bulletin's sources: %+v", src)
	}
}

func TestProblems(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files func(t *testing.T) []string
		want  []string // every problem, as printed (a prefix of each)
	}{
		// Timelines.
		{
			// A TOML date that does not exist is refused by the TOML parser
			// itself. A syntax error is reported once, and nothing that
			// follows from the file being unreadable is.
			name: "impossible bare date",
			files: func(t *testing.T) []string {
				return []string{edit(t, timeline, "date    = 2021-03-01", "date    = 2021-02-30")}
			},
			want: []string{timeline + `:33:11: invalid datetime: "2021-02-30"; a date is written 2021-01-22 and must exist in the calendar`},
		},
		{
			name: "impossible date in a string",
			files: func(t *testing.T) []string {
				return []string{edit(t, timeline, `date    = "2021-03"`, `date    = "2021-02-30"`)}
			},
			want: []string{timeline + `:44:12: event "2021-03-month-only": "2021-02-30" is not a date that exists; write date = 2021-01-22, or "2021-01"`},
		},
		{
			name: "unknown key, the closest known one suggested",
			files: func(t *testing.T) []string {
				return []string{edit(t, timeline, "text.en = \"Known only by its year.\"", "txt.en = \"Known only by its year.\"")}
			},
			want: []string{
				timeline + `:52:1: event "2020-year-only": unknown key "txt"; did you mean "text"?`,
				timeline + `:53:12: event "2020-year-only": text has no "en" (English) text; add text.en = "…"`,
			},
		},
		{
			name: "unknown top-level key",
			files: func(t *testing.T) []string {
				return []string{edit(t, timeline, "slug.fr", "sumary.en = \"x\"\nslug.fr")}
			},
			want: []string{timeline + `:4:1: unknown key "sumary"; did you mean "summary"?`},
		},
		{
			name: "missing text",
			files: func(t *testing.T) []string {
				return []string{edit(t, timeline, "summary.en = \"\"\"\nA *short* summary.\n\nA second paragraph.\n\"\"\"\nsummary.fr = \"\"\"\nUn résumé *court*.\n\nUn deuxième paragraphe.\n\"\"\"\n", "")}
			},
			want: []string{timeline + `:1:1: the timeline has no summary; add summary.en = "…" and summary.fr = "…"`},
		},
		{
			name:  "event without a date points at its header",
			files: func(t *testing.T) []string { return []string{edit(t, timeline, "date    = \"2020\"\n", "")} },
			want:  []string{timeline + `:49:1: event "2020-year-only": the event has no date; add date = 2021-01-22, or "2021-01" or "2021"`},
		},
		{
			name: "text in one language only, beside the one there",
			files: func(t *testing.T) []string {
				return []string{edit(t, timeline, "text.fr = \"Connu seulement par son année.\"\n", "")}
			},
			want: []string{timeline + `:52:12: event "2020-year-only": text has no "fr" (Français) text; add text.fr = "…"`},
		},
		{
			name: "empty text",
			files: func(t *testing.T) []string {
				return []string{edit(t, timeline, "\"Connu seulement par son année.\"", "\"  \"")}
			},
			want: []string{timeline + `:53:12: event "2020-year-only": text: the "fr" (Français) text is empty; write the text between the quotes`},
		},
		{
			name: "duplicate event ids",
			files: func(t *testing.T) []string {
				return []string{edit(t, timeline, `"2020-year-only"`, `"2022-07-14-later"`)}
			},
			want: []string{timeline + `:50:12: event "2022-07-14-later": the id "2022-07-14-later" is already used by event 1; give each event its own id`},
		},
		{
			name:  "unknown organization",
			files: func(t *testing.T) []string { return []string{edit(t, timeline, `["hoc"]`, `["hoc", "cyber-center"]`)} },
			want:  []string{timeline + `:45:20: event "2021-03-month-only": unknown organization "cyber-center"; did you mean "cyber-centre"? Each organization is a table of data/actors.toml`},
		},
		{
			name: "text in a language the site does not have",
			files: func(t *testing.T) []string {
				return []string{edit(t, timeline, "text.fr = \"Connu seulement par son année.\"", "text.fr = \"Connu seulement par son année.\"\ntext.de = \"Nur das Jahr.\"")}
			},
			want: []string{timeline + `:54:12: event "2020-year-only": text has a text in "de", which is not a language of the site; the languages are en and fr`},
		},
		{
			name:  "note in one language only: the hint says inside its braces",
			files: func(t *testing.T) []string { return []string{edit(t, timeline, `, fr = "Une première note."`, "")} },
			want:  []string{timeline + `:38:11: event "2021-03-01-first-of-month": notes[1] has no "fr" (Français) text; add fr = "…" inside the { } of notes[1]`},
		},
		{
			name: "id that cannot be an anchor",
			files: func(t *testing.T) []string {
				return []string{edit(t, timeline, `"2020-year-only"`, `"2020 year only"`)}
			},
			want: []string{timeline + `:50:12: event "2020 year only": the id "2020 year only" cannot be an anchor; use lower-case letters`},
		},
		{
			name: "a timeline with no events",
			files: func(t *testing.T) []string {
				return []string{add("data/timelines/empty.toml", "title = { en = \"T\", fr = \"T\" }\nsummary = { en = \"S\", fr = \"S\" }\ndate = 2024-03-01\n")}
			},
			want: []string{`data/timelines/empty.toml:1:1: the timeline has no events; add a [[events]] table; site new event empty writes one`},
		},
		{
			name: "a timeline file whose name cannot be an id",
			files: func(t *testing.T) []string {
				return []string{add("data/timelines/Second_Timeline.toml", "title = { en = \"T\", fr = \"T\" }\nsummary = { en = \"S\", fr = \"S\" }\ndate = 2024-03-01\n[[events]]\nid = \"e\"\ndate = 2020-01-01\ntext = { en = \"E\", fr = \"É\" }\n")}
			},
			want: []string{`data/timelines/Second_Timeline.toml:1:1: the file name "Second_Timeline" cannot be a timeline id; rename the file: use lower-case letters`},
		},
		{
			name: "a source's address that is not a web address",
			files: func(t *testing.T) []string {
				return []string{edit(t, timeline, `"https://example.org/source"`, `"example.org/source"`)}
			},
			want: []string{timeline + `:20:72: sources[1].url, "example.org/source", is not a web address; write the full address, starting with https://`},
		},
		{
			name: "two timelines at the same address in French",
			files: func(t *testing.T) []string {
				return []string{add("data/timelines/second.toml", "slug.fr = \"chronologie-essai\"\ntitle = { en = \"T\", fr = \"T\" }\nsummary = { en = \"S\", fr = \"S\" }\ndate = 2024-03-01\n[[events]]\nid = \"e\"\ndate = 2020-01-01\ntext = { en = \"E\", fr = \"É\" }\n")}
			},
			want: []string{`data/timelines/second.toml:1:12: the "fr" (Français) address "chronologie-essai" is already used by timeline "fixture"; give this timeline another slug in Français`},
		},
		{
			name: "a slug that cannot be an address",
			files: func(t *testing.T) []string {
				return []string{edit(t, timeline, `"chronologie-essai"`, `"chronologie essai"`)}
			},
			want: []string{timeline + `:4:15: the "fr" (Français) slug "chronologie essai" cannot be part of an address; use lower-case letters`},
		},
		// Organizations, measures, threat actors, glossary terms.
		{
			name: "an organization in one language, and a misspelt key",
			files: func(t *testing.T) []string {
				return []string{edit(t, "data/actors.toml", "[hoc]", "[fbi]\nname.en = \"Federal Bureau of Investigation\"\nshort.en = \"FBI\"\nshrt.fr = \"FBI\"\n\n[hoc]")}
			},
			want: []string{
				`data/actors.toml:9:12: organization "fbi": name has no "fr" (Français) text; add name.fr = "…"`,
				`data/actors.toml:10:13: organization "fbi": short has no "fr" (Français) text; add short.fr = "…"`,
				`data/actors.toml:11:1: organization "fbi": unknown key "shrt"; did you mean "short"?`,
			},
		},
		{
			name: "a measure's text in one language only",
			files: func(t *testing.T) []string {
				return []string{edit(t, "data/mitigations.toml", "body.fr = \"Corriger d’abord les systèmes exposés à Internet.\"\n", "")}
			},
			want: []string{`data/mitigations.toml:21:12: measure "patch": body has no "fr" (Français) text; add body.fr = "…"`},
		},
		{
			name: "two measures at the same address in French",
			files: func(t *testing.T) []string {
				return []string{edit(t, "data/mitigations.toml", `slug.fr = "corriger"`, `slug.fr = "utiliser-amf"`)}
			},
			want: []string{`data/mitigations.toml:4:12: measure "use-mfa": the "fr" (Français) address "utiliser-amf" is already used by measure "patch"; give this measure another slug in Français`},
		},
		{
			// A term's address is its term, made into an address: without
			// its accents, détection and detection are one address.
			name: "two terms at the same address in French",
			files: func(t *testing.T) []string {
				return []string{edit(t, "data/glossary.toml", "[exploit]", "[detection-two]\nterm = { en = \"Detection two\", fr = \"Detection\" }\ndefinition = { en = \"x\", fr = \"x\" }\ndate = 2024-03-01\n\n[exploit]")}
			},
			want: []string{`data/glossary.toml:21:38: term "detection-two": the "fr" (Français) address "detection" is already used by term "detection"; its address is its term: make the two terms different`},
		},
		{
			name: "a table of measures that is not a table",
			files: func(t *testing.T) []string {
				return []string{edit(t, "data/mitigations.toml", "# Measures", "retired = \"patch\"\n# Measures")}
			},
			want: []string{`data/mitigations.toml:1:12: measure "retired": expected a table of the measure's fields, found a string; write [retired] on a line of its own, then its fields`},
		},
		{
			name: "a threat actor file whose name cannot be an id",
			files: func(t *testing.T) []string {
				return []string{add("data/threat-actors/APT 98.toml", sitetest.Files(sitetest.Fixture)["data/threat-actors/apt99.toml"])}
			},
			want: []string{`data/threat-actors/APT 98.toml:1:1: the file name "APT 98" cannot be a threat actor id; rename the file`},
		},
		{
			name: "a threat actor without a name",
			files: func(t *testing.T) []string {
				return []string{edit(t, "data/threat-actors/apt99.toml", `name = "APT99"`, `name = ""`)}
			},
			want: []string{`data/threat-actors/apt99.toml:2:9: name is empty; write it between the quotes`},
		},
		{
			name: "a word form of two terms",
			files: func(t *testing.T) []string {
				return []string{edit(t, "data/glossary.toml", `forms.en = ["exploits"]`, `forms.en = ["exploits", "detection"]`)}
			},
			want: []string{`data/glossary.toml:26:12: term "exploit": the "en" (English) form "detection" is also one of term "detection"'s; a word stands for one term only: remove it from one of them`},
		},
		{
			name: "a word form that cannot be looked for in text",
			files: func(t *testing.T) []string {
				return []string{edit(t, "data/glossary.toml", `forms.en = ["firewalls"]`, `forms.en = ["firewalls", "fire*wall"]`)}
			},
			want: []string{`data/glossary.toml:35:27: term "firewall": the "en" (English) form "fire*wall" cannot be looked for in text; use letters, digits, spaces, hyphens and apostrophes only`},
		},
		{
			name: "word forms in a language the site does not have",
			files: func(t *testing.T) []string {
				return []string{edit(t, "data/glossary.toml", `forms.en = ["firewalls"]`, "forms.en = [\"firewalls\"]\nforms.de = [\"Firewalls\"]")}
			},
			want: []string{`data/glossary.toml:36:12: term "firewall": forms in "de", which is not a language of the site; the languages are en and fr`},
		},
		{
			name: "an unknown term in see_also",
			files: func(t *testing.T) []string {
				return []string{edit(t, "data/glossary.toml", `see_also = ["exploit"]`, `see_also = ["exploti"]`)}
			},
			want: []string{`data/glossary.toml:18:14: term "privilege-escalation": unknown term "exploti"; did you mean "exploit"? Each term is a table of data/glossary.toml`},
		},
		// Pages.
		{
			name: "unknown measure in a bulletin",
			files: func(t *testing.T) []string {
				return []string{edit(t, "content/bulletins/fixture-bulletin.fr.md", `"use-mfa"`, `"use-mfaa"`)}
			},
			want: []string{`content/bulletins/fixture-bulletin.fr.md:7:23: unknown measure "use-mfaa"; did you mean "use-mfa"? Each measure is a table of data/mitigations.toml`},
		},
		{
			name: "a bulletin's revisions out of order",
			files: func(t *testing.T) []string {
				return []string{
					edit(t, "content/bulletins/fixture-bulletin.en.md", "[2024-03-20, 2024-04-15]", "[2024-04-15, 2024-03-20]"),
					edit(t, "content/bulletins/fixture-bulletin.fr.md", "[2024-03-20, 2024-04-15]", "[2024-04-15, 2024-03-20]"),
				}
			},
			want: []string{
				`content/bulletins/fixture-bulletin.en.md:8:26: revisions: 2024-03-20 comes after 2024-04-15; write the dates oldest first, each once`,
				`content/bulletins/fixture-bulletin.fr.md:9:26: revisions: 2024-03-20 comes after 2024-04-15; write the dates oldest first, each once`,
			},
		},
		{
			// A change to a bulletin is a new version of its CSAF advisory:
			// its lastmod is its last revision.
			name: "a bulletin's lastmod that is not its last revision",
			files: func(t *testing.T) []string {
				return []string{
					edit(t, "content/bulletins/fixture-bulletin.en.md", "lastmod = 2024-04-15", "lastmod = 2024-05-02"),
					edit(t, "content/bulletins/fixture-bulletin.fr.md", "lastmod = 2024-04-15", "lastmod = 2024-05-02"),
				}
			},
			want: []string{
				`content/bulletins/fixture-bulletin.en.md:5:11: lastmod is 2024-05-02, but the last of revisions is 2024-04-15; a change is a revision: add 2024-05-02 at the end of revisions, or write lastmod = 2024-04-15`,
				`content/bulletins/fixture-bulletin.fr.md:6:11: lastmod is 2024-05-02, but the last of revisions is 2024-04-15;`,
			},
		},
		{
			name: "a bulletin's lastmod without revisions",
			files: func(t *testing.T) []string {
				return []string{
					edit(t, "content/bulletins/fixture-bulletin.en.md", "revisions = [2024-03-20, 2024-04-15]\n", ""),
					edit(t, "content/bulletins/fixture-bulletin.fr.md", "revisions = [2024-03-20, 2024-04-15]\n", ""),
				}
			},
			want: []string{
				`content/bulletins/fixture-bulletin.en.md:5:11: lastmod is 2024-04-15, which is not in revisions; a change is a revision: add revisions = [2024-04-15]`,
				`content/bulletins/fixture-bulletin.fr.md:6:11: lastmod is 2024-04-15, which is not in revisions;`,
			},
		},
		{
			// Only texts are translated: a date, a reference, are the
			// same in every language's file.
			name: "a page's date that differs between its languages",
			files: func(t *testing.T) []string {
				return []string{edit(t, "content/bulletins/fixture-bulletin.fr.md", "date = 2024-03-01", "date = 2024-03-02")}
			},
			want: []string{`content/bulletins/fixture-bulletin.fr.md:5:8: date is not the same as in content/bulletins/fixture-bulletin.en.md; a page's facts are the same in every language: write date = 2024-03-01, as in English, or correct both if the English is the one that is wrong`},
		},
		{
			// A page's sources are written in each language's file: their
			// titles are translated, their addresses and dates are facts.
			name: "a source's address that differs between a page's languages",
			files: func(t *testing.T) []string {
				return []string{edit(t, "content/bulletins/fixture-bulletin.fr.md", `url = "https://example.org/fixture-advisory"`, `url = "https://example.org/avis"`)}
			},
			want: []string{`content/bulletins/fixture-bulletin.fr.md:13:8: sources[1].url is not the same as in content/bulletins/fixture-bulletin.en.md; a page's facts are the same in every language: write url = "https://example.org/fixture-advisory", as in English, or correct both if the English is the one that is wrong`},
		},
		{
			name: "a source cited in one language only",
			files: func(t *testing.T) []string {
				return []string{edit(t, "content/bulletins/fixture-bulletin.en.md", "date = 2024-02-15\n", "date = 2024-02-15\n\n[[sources]]\ntitle = \"A second advisory\"\n")}
			},
			// Reported once, as a missing translation.
			want: []string{`content/bulletins/fixture-bulletin.fr.md:11:3: sources[2].title is in the other languages' files, not in this one; a page cites the same documents, in the same order, in every language: add its sources in Français`},
		},
		{
			name: "a source cited in French only",
			files: func(t *testing.T) []string {
				return []string{
					edit(t, "content/bulletins/fixture-bulletin.fr.md", "date = 2024-02-15\n", "date = 2024-02-15\n\n[[sources]]\ntitle = \"Un second avis\"\n"),
				}
			},
			want: []string{
				`content/bulletins/fixture-bulletin.en.md:10:3: sources[2].title is in the other languages' files, not in this one; a page cites the same documents, in the same order, in every language: add its sources in English`,
				`content/bulletins/fixture-bulletin.fr.md:16:1: sources[2] is not in content/bulletins/fixture-bulletin.en.md; a page's facts are the same in every language: write the same sources, in the same order, as in English: it has 1`,
			},
		},
		{
			name: "a source with no title in a page",
			files: func(t *testing.T) []string {
				return []string{edit(t, "content/bulletins/fixture-bulletin.fr.md", "title = \"Avis d’essai\"\n", "")}
			},
			want: []string{`content/bulletins/fixture-bulletin.fr.md:11:1: sources[1] has no title; add title = "…"`},
		},
		{
			name:  "unknown threat actor in an event",
			files: func(t *testing.T) []string { return []string{edit(t, timeline, `["apt99"]`, `["apt-99"]`)} },
			want:  []string{timeline + `:27:19: event "2022-07-14-later": unknown threat actor "apt-99"; did you mean "apt99"? Each threat actor is a file of data/threat-actors/`},
		},
		{
			name: "unknown timeline in a report",
			files: func(t *testing.T) []string {
				return []string{edit(t, "content/reports/fixture-report.fr.md", `timeline = "fixture"`, `timeline = "fixtures"`)}
			},
			want: []string{`content/reports/fixture-report.fr.md:6:13: unknown timeline "fixtures"; did you mean "fixture"? Each timeline is a file of data/timelines/`},
		},
		{
			name: "a page without its counterpart",
			files: func(t *testing.T) []string {
				return []string{add("content/backgrounders/new.en.md", "+++\ntitle = \"S\"\ndescription = \"D\"\ndate = 2021-07-19\n+++\nText.\n")}
			},
			want: []string{`content/backgrounders/new.en.md:1:1: the page has no "fr" (Français) counterpart; write content/backgrounders/new.fr.md beside it`},
		},
		{
			name: "a front matter field missing",
			files: func(t *testing.T) []string {
				return []string{edit(t, "content/backgrounders/fixture-backgrounder.en.md", "date = 2021-07-19\n", "")}
			},
			want: []string{`content/backgrounders/fixture-backgrounder.en.md:2:1: the front matter has no date; add date = 2024-03-01`},
		},
		{
			name: "a translated front matter text missing in one language",
			files: func(t *testing.T) []string {
				return []string{edit(t, "content/backgrounders/fixture-backgrounder.fr.md", "description = \"Un document d’information.\"\n", "")}
			},
			want: []string{`content/backgrounders/fixture-backgrounder.fr.md:2:1: the front matter has no description; its description is in the other languages' files; add description = "…" in Français`},
		},
		{
			name: "a required front matter text missing in every language",
			files: func(t *testing.T) []string {
				return []string{edit(t, "content/backgrounders/fixture-backgrounder.fr.md", "description = \"Un document d’information.\"\n", ""), edit(t, "content/backgrounders/fixture-backgrounder.en.md", "description = \"A backgrounder.\"\n", "")}
			},
			want: []string{
				`content/backgrounders/fixture-backgrounder.en.md:2:1: the front matter has no description; add description = "…"`,
				`content/backgrounders/fixture-backgrounder.fr.md:2:1: the front matter has no description; add description = "…"`,
			},
		},
		{
			name: "a front matter field of the wrong type",
			files: func(t *testing.T) []string {
				return []string{edit(t, "content/backgrounders/fixture-backgrounder.en.md", "date = 2021-07-19", `date = "July 2021"`)}
			},
			want: []string{`content/backgrounders/fixture-backgrounder.en.md:4:9: date must be a date, found a string; write date = 2024-03-01`},
		},
		{
			name: "a list of ids that is not a list",
			files: func(t *testing.T) []string {
				return []string{edit(t, "content/bulletins/fixture-bulletin.en.md", `["patch", "use-mfa"]`, `"patch"`)}
			},
			want: []string{`content/bulletins/fixture-bulletin.en.md:6:13: measures must be a list of ids, found a string; write measures = ["id-1", "id-2"]`},
		},
		{
			name: "an unknown front matter key",
			files: func(t *testing.T) []string {
				return []string{edit(t, "content/bulletins/fixture-bulletin.en.md", "measures =", "mesures =")}
			},
			want: []string{`content/bulletins/fixture-bulletin.en.md:6:1: unknown front matter key "mesures"; did you mean "measures"?`},
		},
		{
			name: "YAML front matter",
			files: func(t *testing.T) []string {
				return []string{add("content/backgrounders/fixture-backgrounder.en.md", "---\ntitle: S\n---\n")}
			},
			want: []string{`content/backgrounders/fixture-backgrounder.en.md:1:1: the front matter is YAML (---); this site's pages use TOML front matter (+++)`},
		},
		{
			name: "a page without text",
			files: func(t *testing.T) []string {
				return []string{edit(t, "content/backgrounders/fixture-backgrounder.en.md", "A backgrounder, dated.\n", "")}
			},
			want: []string{`content/backgrounders/fixture-backgrounder.en.md:6:1: the page has no text; write it in Markdown below the +++ line`},
		},
		{
			name: "front matter not closed",
			files: func(t *testing.T) []string {
				return []string{add("content/backgrounders/fixture-backgrounder.en.md", "+++\ntitle = \"S\"\nText.\n")}
			},
			want: []string{`content/backgrounders/fixture-backgrounder.en.md:1:1: the front matter is not closed; end it with a line of +++`},
		},
		{
			name: "a file name that does not say its language",
			files: func(t *testing.T) []string {
				return []string{add("content/backgrounders/new.md", "+++\ntitle = \"S\"\n+++\n")}
			},
			want: []string{`content/backgrounders/new.md: the file name does not say its language; name it new.en.md`},
		},
		{
			name: "a file name in a language the site does not have",
			files: func(t *testing.T) []string {
				return []string{add("content/backgrounders/fixture-backgrounder.de.md", "+++\ntitle = \"S\"\n+++\n")}
			},
			want: []string{`content/backgrounders/fixture-backgrounder.de.md: the file name says its language is "de", which is not a language of the site`},
		},
		{
			name: "a page in a section no kind publishes",
			files: func(t *testing.T) []string {
				return []string{add("content/advisories/a.en.md", "+++\ntitle = \"A\"\n+++\nText.\n")}
			},
			want: []string{`content/advisories/a.en.md: pages cannot go in content/advisories: no kind of content is published from there; publications go in content/bulletins, content/reports, content/backgrounders`},
		},
		{
			name: "a page in a folder of a section",
			files: func(t *testing.T) []string {
				return []string{add("content/bulletins/2024/b.en.md", "+++\ntitle = \"B\"\n+++\nText.\n")}
			},
			want: []string{`content/bulletins/2024/b.en.md: pages cannot go in content/bulletins/2024: no kind of content is published from there; publications go directly in content/bulletins, not in a folder of it`},
		},
		{
			name:  "a section page missing in one language",
			files: func(t *testing.T) []string { return []string{add("content/reports/_index.fr.md", "")} },
			want:  []string{`content/reports/_index.fr.md:1:1: the file has no front matter`},
		},
		{
			// A page exists only in English: it has no French address to
			// take from another.
			name: "a French slug that is the name of a page with no French file",
			files: func(t *testing.T) []string {
				return []string{edit(t, "content/backgrounders/fixture-backgrounder.fr.md", `slug = "document-information-essai"`, `slug = "english-only"`),
					add("content/backgrounders/english-only.en.md", "+++\ntitle = \"S\"\ndescription = \"D\"\ndate = 2021-07-19\n+++\nText.\n")}
			},
			want: []string{`content/backgrounders/english-only.en.md:1:1: the page has no "fr" (Français) counterpart`},
		},
		{
			name: "a front matter text of the wrong type is one problem",
			files: func(t *testing.T) []string {
				return []string{edit(t, "content/backgrounders/fixture-backgrounder.fr.md", `title = "Document d’information d’essai"`, `title = 3`)}
			},
			want: []string{`content/backgrounders/fixture-backgrounder.fr.md:2:9: title must be text in quotes, found a number; write title = "…"`},
		},
		{
			name: "a data text of the wrong type is one problem",
			files: func(t *testing.T) []string {
				return []string{edit(t, timeline, `title.fr   = "Chronologie d’essai"`, `title.fr   = 3`)}
			},
			want: []string{timeline + `:6:14: the "fr" text of title must be a quoted string, found a number`},
		},
		{
			name: "a required list that is empty",
			files: func(t *testing.T) []string {
				return []string{add("data/timelines/empty.toml", "title = { en = \"T\", fr = \"T\" }\nsummary = { en = \"S\", fr = \"S\" }\nevents = []\ndate = 2024-03-01\n")}
			},
			want: []string{`data/timelines/empty.toml:3:10: events is empty; add a [[events]] table; site new event empty writes one`},
		},
		{
			name: "a slug that is not text",
			files: func(t *testing.T) []string {
				return []string{edit(t, timeline, `slug.fr    = "chronologie-essai"`, `slug.fr    = 3`)}
			},
			want: []string{timeline + `:4:14: the "fr" (Français) slug must be text in quotes, found a number; write slug.fr = "…"`},
		},
		{
			name: "a section's page whose name does not say its language",
			files: func(t *testing.T) []string {
				return []string{add("content/bulletins/_index.md", "+++\ntitle = \"B\"\n+++\n")}
			},
			want: []string{`content/bulletins/_index.md: the file name does not say its language; name it _index.en.md`},
		},
		{
			// Some editors write one; the positions are still the file's.
			name: "a byte-order mark",
			files: func(t *testing.T) []string {
				return []string{add(timeline, "\uFEFF"+strings.Replace(sitetest.Files(sitetest.Fixture)[timeline], "\"Connu seulement par son année.\"", "\"\"", 1)),
					add("content/backgrounders/fixture-backgrounder.fr.md", "\uFEFF"+sitetest.Files(sitetest.Fixture)["content/backgrounders/fixture-backgrounder.fr.md"])}
			},
			want: []string{timeline + `:53:12: event "2020-year-only": text: the "fr" (Français) text is empty`},
		},
		{
			name: "a French text missing beside a dotted key in an inline table",
			files: func(t *testing.T) []string {
				return []string{edit(t, timeline, `{ title = { en = "Printed document", fr = "Document imprimé" } }`, `{ title.en = "Printed document" }`)}
			},
			want: []string{timeline + `:21:17: sources[2].title has no "fr" (Français) text; add title.fr = "…" inside the { } of sources[2].title`},
		},
		{
			name: "a page's front matter that is not TOML",
			files: func(t *testing.T) []string {
				return []string{edit(t, "content/backgrounders/fixture-backgrounder.en.md", `title = "Fixture backgrounder"`, `title = Fixture backgrounder`)}
			},
			want: []string{`content/backgrounders/fixture-backgrounder.en.md:2:9: expected value but found "Fixture" instead`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, got := load(t, tc.files(t)...)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d problems, want %d:\n%v", len(got), len(tc.want), got)
			}
			for i, w := range tc.want {
				if !strings.HasPrefix(got[i].String(), w) {
					t.Errorf("problem %d:\n got %s\nwant %s…", i+1, got[i], w)
				}
			}
		})
	}
}

// A syntax error makes a file unreadable: it is reported once, and what
// other files say of the items it holds is not reported as unknown.
func TestSyntaxErrorIsReportedOnce(t *testing.T) {
	for _, file := range []string{"data/mitigations.toml", "data/threat-actors/apt99.toml", timeline, "data/actors.toml", "data/glossary.toml"} {
		_, got := load(t, add(file, sitetest.Files(sitetest.Fixture)[file]+"\nbroken = \n"))
		if len(got) != 1 || got[0].File != file || got[0].Line == 0 {
			t.Errorf("%s: want one problem at its line, got:\n%v", file, got)
		}
	}
}

func TestTranslationGapsAreTheirOwnKind(t *testing.T) {
	// The preview demotes these to warnings; other problems stay errors.
	_, got := load(t, edit(t, timeline, "text.fr = \"Connu seulement par son année.\"\n", "bogus = 1\n"))
	if len(got) != 2 {
		t.Fatalf("want 2 problems, got:\n%v", got)
	}
	got.Demote(diag.TranslationGap)
	if got.Errors() != 1 || !strings.Contains(got[1].String(), "bogus") {
		t.Errorf("after demoting translation gaps, want only the unknown key as an error, got:\n%v", got)
	}
}

func TestLinksBothWays(t *testing.T) {
	site, problems := load(t)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	from := func(refs []*content.Ref) []string {
		var out []string
		for _, r := range refs {
			out = append(out, fmt.Sprintf("%s/%s.%s:%s", r.From.Kind.Name, r.From.ID, r.Field.Name, r.Lang))
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	for _, tc := range []struct {
		kind, id string
		want     []string
	}{
		{"measure", "patch", []string{"bulletin/fixture-bulletin.measures:en", "bulletin/fixture-bulletin.measures:fr"}},
		{"threat-actor", "apt99", []string{"bulletin/fixture-bulletin.threat_actors:en", "bulletin/fixture-bulletin.threat_actors:fr", "report/fixture-report.threat_actors:en", "report/fixture-report.threat_actors:fr", "timeline/fixture.threat_actors:"}},
		{"timeline", "fixture", []string{"report/fixture-report.timeline:en", "report/fixture-report.timeline:fr"}},
		{"term", "exploit", []string{"term/privilege-escalation.see_also:"}},
		{"organization", "hoc", []string{"timeline/fixture.actors:"}},
	} {
		if got := from(site.ReferringTo(tc.kind, tc.id)); !slices.Equal(got, tc.want) {
			t.Errorf("%s %s is referred to by %q, want %q", tc.kind, tc.id, got, tc.want)
		}
	}
}

// Each file is read once: the model, the data, the pages.
func TestEachFileIsReadOnce(t *testing.T) {
	root := sitetest.New(t, sitetest.Fixture)
	fsys := sitetest.NewCountingFS(os.DirFS(root))
	p, problems := project.OpenFS(root, fsys)
	if problems != nil {
		t.Fatal(problems)
	}
	if _, problems := content.Load(p); len(problems) > 0 {
		t.Fatal(problems)
	}
	for name, n := range fsys.Opened {
		if n != 1 {
			t.Errorf("%s was opened %d times", name, n)
		}
	}
	var data []string
	for name := range sitetest.Files(sitetest.Fixture) {
		data = append(data, name)
	}
	// and the header of the image a text shows
	data = append(data, "assets/images/exploits-by-month.png")
	for _, name := range data {
		if fsys.Opened[name] == 0 {
			t.Errorf("%s was not read", name)
		}
	}
	if want := len(data) + 2; len(fsys.Opened) != want { // and config.toml and the model
		t.Errorf("%d files read, want %d: %v", len(fsys.Opened), want, slices.Sorted(maps.Keys(fsys.Opened)))
	}
}

// values is what a site holds, whatever its files' spelling: every text
// with its values, every item's values but their places.
func values(site *content.Site) map[string]string {
	out := map[string]string{}
	for _, t := range site.Texts() {
		out[t.ID] = fmt.Sprint(t.Values)
	}
	for _, it := range site.Items {
		for k, v := range it.Values {
			if _, isText := v.(*content.Text); !isText {
				out[it.Kind.Name+"/"+it.ID+"."+k] = fmt.Sprintf("%v", plain(v))
			}
		}
	}
	return out
}

// plain drops the places of texts from a value, to compare values.
func plain(v any) any {
	switch v := v.(type) {
	case []*content.Record:
		var out []any
		for _, r := range v {
			m := map[string]any{}
			for k, e := range r.Values {
				m[k] = plain(e)
			}
			out = append(out, m)
		}
		return out
	case *content.Text:
		return v.Values
	case []*content.Text:
		var out []any
		for _, t := range v {
			out = append(out, t.Values)
		}
		return out
	}
	return v
}

// Every valid spelling of the same timeline is the same content, and a
// problem in it is reported where it is written in that spelling.
func TestEveryTOMLSpellingIsTheSameContent(t *testing.T) {
	original, problems := load(t)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	want := values(original)
	for name, src := range sitetest.TimelineSpellings {
		for _, crlf := range []bool{false, true} {
			if crlf {
				src, name = strings.ReplaceAll(src, "\n", "\r\n"), name+", CRLF"
			}
			t.Run(name, func(t *testing.T) {
				site, problems := load(t, add(timeline, src))
				if len(problems) > 0 {
					t.Fatalf("problems:\n%v", problems)
				}
				if got := values(site); !reflect.DeepEqual(got, want) {
					for k := range want {
						if got[k] != want[k] {
							t.Errorf("%s: got %s, want %s", k, got[k], want[k])
						}
					}
				}
				// The French of the last event's text removed: the problem
				// is reported beside its English, where it is in this file.
				broken := strings.Replace(src, `"Connu seulement par son année."`, `""`, 1)
				_, problems = load(t, add(timeline, broken))
				line := 1 + strings.Count(src[:strings.Index(src, "Connu seulement par son année.")], "\n")
				if len(problems) != 1 || problems[0].Line != line || !strings.Contains(problems[0].Message, `the "fr" (Français) text is empty`) {
					t.Errorf("want one problem on line %d, got:\n%v", line, problems)
				}
			})
		}
	}
}

// The whole site with CRLF line ends is the same content.
func TestCRLFFilesAreTheSameContent(t *testing.T) {
	original, _ := load(t)
	files := sitetest.Files(sitetest.Fixture)
	for name, src := range files {
		files[name] = strings.ReplaceAll(src, "\n", "\r\n")
	}
	site, problems := load(t, sitetest.Archive(files))
	if len(problems) > 0 {
		t.Fatalf("problems:\n%v", problems)
	}
	want, got := values(original), values(site)
	for k := range want {
		if got[k] != want[k] {
			t.Errorf("%s: got %q, want %q", k, got[k], want[k])
		}
	}
}

// A text written as a [table] with no language in it: the hint says where
// the languages go in that spelling.
func TestHintForATextTable(t *testing.T) {
	src := sitetest.TimelineSpellings["sub-tables and arrays of tables"]
	src = strings.Replace(src, "  en = \"Known only by its year.\"\n  fr = \"Connu seulement par son année.\"\n", "", 1)
	_, problems := load(t, add(timeline, src))
	if len(problems) != 2 || !strings.Contains(problems[0].Hint, `add en = "…" below its [header]`) {
		t.Errorf("want the hint to write en below the [header], got:\n%v", problems)
	}
}

// Whatever a data file holds, the loader ends, without a panic, with the
// site or with problems that each say in which file they are.
func FuzzLoad(f *testing.F) {
	f.Add(sitetest.Files(sitetest.Fixture)[timeline])
	for _, s := range []string{"", "title = 1\n", "[[events]]\n[[events]]\nid = 1\n", "events = [1, \"a\", {}]\nsources = [[[]]]\n",
		"title = { en = \"<b>x</b>\", fr = \"\x01\" }\nsummary = { en = \"[a](javascript:x)\", fr = \"<!-- c -->\" }\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		_, problems := load(t, add(timeline, src))
		for _, p := range problems {
			if p.File == "" || p.Message == "" {
				t.Errorf("a problem without its file or message: %+v", p)
			}
		}
	})
}
