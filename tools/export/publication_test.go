package export_test

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tdewolff/minify/v2"
	minifyjson "github.com/tdewolff/minify/v2/json"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/export"
	"github.com/cyberpub/site/tools/internal/sitetest"
)

// What is held back (a draft, an item scheduled later) is exported
// nowhere: not its files, not a mention in another's, not in a CSAF
// distribution nor in the provider metadata's date; even when the pages
// the caller gives have it.
func TestHeldBackItemsAreNotExported(t *testing.T) {
	site := loadSite(t, false, sitetest.Fixture,
		withEvents("\n[[events]]\nid = \"2023-05-05-unnamed\"\ndate = 2023-05-05\nthreat_actors = [\"secret\", \"apt99\"]\ntext = { en = \"Names a hidden actor.\", fr = \"Nomme un auteur caché.\" }\n"),
		sitetest.Archive(map[string]string{
			"data/threat-actors/secret.toml": `name = "SECRET-ACTOR"
draft = true
date = 2024-01-15
sponsor = { en = "S", fr = "S" }
targets = [{ en = "T", fr = "T" }]
summary = { en = "Secret.", fr = "Secret." }
`,
			"data/timelines/draft.toml": `title = { en = "Draft timeline", fr = "Chronologie provisoire" }
draft = true
date = 2024-01-01
summary = { en = "A draft.", fr = "Un brouillon." }

[[events]]
id = "2021-01-01-draft"
date = 2021-01-01
text = { en = "DRAFT-EVENT", fr = "DRAFT-EVENT" }
`,
			"content/bulletins/embargoed.en.md": "+++\ntitle = \"EMBARGOED\"\ndescription = \"D.\"\ndate = 2024-05-01\npublishDate = 2030-01-01T09:00:00-05:00\n+++\nText.\n",
			"content/bulletins/embargoed.fr.md": "+++\ntitle = \"EMBARGOED\"\ndescription = \"D.\"\ndate = 2024-05-01\npublishDate = 2030-01-01T09:00:00-05:00\n+++\nTexte.\n",
		}))
	held := site.HeldBack(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	if len(held) != 3 {
		t.Fatalf("held back: %v", held)
	}
	got := files(t, writeHeld(t, site, held, export.Options{}))
	for name, src := range got {
		for _, secret := range []string{"SECRET-ACTOR", "secret", "DRAFT-EVENT", "draft", "EMBARGOED", "embargoed", "2024-05-01"} {
			if strings.Contains(name, secret) || strings.Contains(src, secret) {
				t.Errorf("%s has %q, which is held back", name, secret)
			}
		}
	}
	// The event is there, naming only the actor that is published.
	if csv := got["en/timelines/fixture/timeline.csv"]; !strings.Contains(csv, "Names a hidden actor.,,APT99,") {
		t.Errorf("the event of the published timeline:\n%s", csv)
	}
	// Without the set, the same pages publish them: the test can fail.
	all := files(t, writeHeld(t, site, nil, export.Options{}))
	if !strings.Contains(all["en/csaf/index.txt"], "embargoed") || all["en/threat-actors/secret/stix.json"] == "" || all["en/timelines/draft/timeline.json"] == "" {
		t.Error("without the held-back set, the items are not exported either: this test shows nothing")
	}
}

// No export carries the path of an image (/images/NAME.png), which the
// site does not publish: an image is its description, in Markdown (JSON,
// CSAF) as in plain text (CSV, iCalendar, STIX).
func TestImagesAreTheirDescriptions(t *testing.T) {
	const image = "![Exploits by month, from 20 to 40](/images/exploits-by-month.png)"
	files := sitetest.Files(sitetest.Fixture)
	site := loadSite(t, true, sitetest.Fixture,
		withEvents("\n[[events]]\nid = \"2023-05-05-chart\"\ndate = 2023-05-05\ntext = { en = \"A chart: "+image+" *and* more.\", fr = \"Un graphique : "+image+"\" }\n"),
		sitetest.Archive(map[string]string{
			"data/threat-actors/apt99.toml": strings.NewReplacer(`summary.en = "`, `summary.en = "`+image+` `, `summary.fr = "`, `summary.fr = "`+image+` `).
				Replace(files["data/threat-actors/apt99.toml"]),
			"content/bulletins/fixture-bulletin.en.md": files["content/bulletins/fixture-bulletin.en.md"] + "\n" + image + "\n",
			"content/bulletins/fixture-bulletin.fr.md": files["content/bulletins/fixture-bulletin.fr.md"] + "\n" + image + "\n",
		}))
	got := fixturesOf(t, site)
	for name, src := range got {
		if strings.Contains(src, "/images/") {
			t.Errorf("%s has an image's path:\n%s", name, src)
		}
	}
	for name, want := range map[string]string{
		"en/timelines/fixture/timeline.json": `"A chart: Exploits by month, from 20 to 40 *and* more."`,
		"en/timelines/fixture/timeline.csv":  `A chart: Exploits by month, from 20 to 40 and more.`,
		"en/timelines/fixture/timeline.ics":  `DESCRIPTION:A chart: Exploits by month\, from 20 to 40 and more.`,
		"en/threat-actors/apt99/stix.json":   `"description": "Exploits by month, from 20 to 40 APT99 exists only in tests.`,
		"en/csaf/2024/fixture-bulletin.json": `only the first use is linked.\n\nExploits by month, from 20 to 40"`,
	} {
		if src := strings.ReplaceAll(got[name], "\r\n ", ""); !strings.Contains(src, want) {
			t.Errorf("%s has no %s:\n%s", name, want, src)
		}
	}
}

func fixturesOf(t *testing.T, site *content.Site) map[string]string {
	t.Helper()
	return files(t, write(t, site, export.Options{}))
}

// A segment of the site (site build --segment fr) has the files of its
// languages alone; the provider metadata goes with the first language.
func TestSegmentWritesItsLanguagesAlone(t *testing.T) {
	site := loadSite(t, true, sitetest.Fixture)
	fr := files(t, write(t, site, export.Options{Languages: []string{"fr"}}))
	for name := range fr {
		if !strings.HasPrefix(name, "fr/") {
			t.Errorf("the French segment wrote %s", name)
		}
	}
	all := fixtureFiles(t, export.Options{})
	for name, src := range all {
		if strings.HasPrefix(name, "fr/") && fr[name] != src {
			t.Errorf("%s differs when the French segment is built alone", name)
		}
	}
	en := files(t, write(t, site, export.Options{Languages: []string{"en"}}))
	if en[".well-known/csaf/provider-metadata.json"] != all[".well-known/csaf/provider-metadata.json"] {
		t.Error("the English segment's provider metadata is not the whole site's")
	}
	if err := export.Write(site, modelPages{site}, nil, t.TempDir(), export.Options{Languages: []string{"de"}}); err == nil || !strings.Contains(err.Error(), `"de" is not a language of the site`) {
		t.Errorf("a segment in a language the site does not have: %v", err)
	}
}

// pagesAt publishes every page at one address.
type pagesAt string

func (p pagesAt) Page(lang, path string) (export.Page, bool) {
	return export.Page{Permalink: "https://cyber.example.ca" + string(p), RelPermalink: string(p)}, true
}

// An address that would put a file outside the output, or that is not a
// folder, is refused, and nothing is written outside the output.
func TestAddressesStayInTheOutput(t *testing.T) {
	site := loadSite(t, true, sitetest.Fixture)
	for _, address := range []string{"/../escaped/", "/en/%2e%2e/%2e%2e/escaped/", "/en/timelines/fixture.html", "/elsewhere/../../escaped/"} {
		parent := t.TempDir()
		out := filepath.Join(parent, "public")
		if err := os.Mkdir(out, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := export.Write(site, pagesAt(address), nil, out, export.Options{}); err == nil {
			t.Errorf("%s: no error", address)
		}
		if _, err := os.Stat(filepath.Join(parent, "escaped")); err == nil {
			t.Errorf("%s: a file was written outside the output", address)
		}
	}
}

// Minified, each JSON file is what Hugo's minifier (tdewolff/minify, its
// JSON minifier, as Hugo configures it by default) makes of the indented
// one: encoding/json's compact form is already that, so the exports
// encode it directly rather than minify it again.
func TestMinifiedJSONIsWhatHugosMinifierMakes(t *testing.T) {
	site := loadSite(t, false, sitetest.Fixture, sitetest.Archive(map[string]string{
		"data/timelines/hostile.toml": `title = { en = "Hostile </script><b>", fr = "A & B > C" }
date = 2024-03-01
summary = { en = "\"quoted\" \\ \u2028 \t", fr = "é" }

[[events]]
id = "2024-03-01-markup"
date = 2024-03-01
text = { en = "<script>alert(1)</script>", fr = "1e5 and 0.50" }
`}))
	indented := files(t, write(t, site, export.Options{}))
	minified := files(t, write(t, site, export.Options{Minify: true}))
	m := minify.New()
	m.AddFunc("application/json", minifyjson.Minify)
	checked := 0
	for _, name := range slices.Sorted(maps.Keys(indented)) {
		if strings.HasSuffix(name, ".sha256") || strings.HasSuffix(name, ".sha512") {
			continue // a hash of its JSON, which minifying changes (TestAdvisoriesAreHashedAndSigned)
		}
		if !strings.HasSuffix(name, ".json") {
			if indented[name] != minified[name] {
				t.Errorf("%s differs when minified", name)
			}
			continue
		}
		want, err := m.String("application/json", indented[name])
		if err != nil {
			t.Fatal(err)
		}
		if minified[name] != want {
			t.Errorf("%s, minified:\n%s\nHugo's minifier:\n%s", name, sitetest.FirstDiff(want, minified[name]), want)
		}
		var a, b any
		if json.Unmarshal([]byte(indented[name]), &a) != nil || json.Unmarshal([]byte(minified[name]), &b) != nil || !jsonEqual(a, b) {
			t.Errorf("%s does not read the same minified", name)
		}
		checked++
	}
	if checked < 7 {
		t.Errorf("%d JSON files checked", checked)
	}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}
