package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cyberpub/site/tools/internal/sitetest"
)

// advisory is a new kind of publication: its declaration in the content
// model, and its label in each catalogue. No layout: the shared one shows
// it. This is the README's worked example.
const advisory = `
[[kinds]]
name = "advisory"
label = "contentTypeAdvisory"
section = "advisories"
files = "content/advisories/{id}.{lang}.md"
base = "publication"
fields = [
  { name = "measures", type = "refs", to = "measure", doc = "The measures the advisory recommends, in order." },
  { name = "threat_actors", type = "refs", to = "threat-actor", doc = "The threat actors it names." },
]
`

// A kind of publication added to the model is checked, scaffolded,
// translated and rendered, with nothing else written for it.
func TestANewKindOfPublication(t *testing.T) {
	root := fixture(t)
	sitetest.Write(t, root, map[string]string{
		"data/model.toml": sitetest.Read(t, root, "data/model.toml") + advisory,
		"i18n/en.toml":    sitetest.Read(t, root, "i18n/en.toml") + "\n[contentTypeAdvisory]\nother = \"Advisory\"\n",
		"i18n/fr.toml":    sitetest.Read(t, root, "i18n/fr.toml") + "\n[contentTypeAdvisory]\nother = \"Avis\"\n",
	})

	// Scaffolded: its pages, and its section's.
	out := mustRun(t, "new", "advisory", "patch-now", "--date", "2024-05-01", "--source", root)
	for _, f := range []string{"content/advisories/patch-now.en.md", "content/advisories/patch-now.fr.md", "content/advisories/_index.en.md", "content/advisories/_index.fr.md"} {
		if !strings.Contains(out, f) {
			t.Errorf("site new did not write %s: %s", f, out)
		}
	}
	skeleton := sitetest.Read(t, root, "content/advisories/patch-now.en.md")
	for _, want := range []string{"title = \"\"", "date = 2024-05-01", "# measures = []", "# Optional: the measures the advisory recommends, in order."} {
		if !strings.Contains(skeleton, want) {
			t.Errorf("the skeleton lacks %q:\n%s", want, skeleton)
		}
	}

	// Checked: the empty texts, and a reference to a measure that does not exist.
	page := func(title, description, measure, body string) string {
		return "+++\ntitle = \"" + title + "\"\ndescription = \"" + description + "\"\ndate = 2024-05-01\nmeasures = [\"" + measure + "\"]\nthreat_actors = [\"apt99\"]\n+++\n" + body + "\n"
	}
	sitetest.Write(t, root, map[string]string{
		"content/advisories/patch-now.en.md": page("Patch now", "A flaw is exploited.", "pach", "Apply the fix today."),
	})
	code, _, stderr := runSite(t, "check", "--source", root)
	for _, want := range []string{
		`content/advisories/patch-now.en.md:5:14: unknown measure "pach"; did you mean "patch"?`,
		`content/advisories/patch-now.fr.md:4:10: title is empty`,
		`content/advisories/_index.en.md:4:10: title is empty`,
	} {
		if code != 1 || !strings.Contains(stderr, want) {
			t.Errorf("check: exit %d, want %q:\n%s", code, want, stderr)
		}
	}
	sitetest.Write(t, root, map[string]string{
		"content/advisories/patch-now.en.md": page("Patch now", "A flaw is exploited.", "patch", "Apply the fix today."),
		"content/advisories/patch-now.fr.md": page("Corrigez maintenant", "Une faille est exploitée.", "patch", "Appliquez le correctif aujourd’hui."),
		"content/advisories/_index.en.md":    "+++\ntitle = \"Advisories\"\ndescription = \"Advice.\"\n+++\n",
		"content/advisories/_index.fr.md":    "+++\ntitle = \"Avis\"\ndescription = \"Des conseils.\"\n+++\n",
	})
	mustRun(t, "check", "--source", root)

	// Translated: its texts are units of their own.
	mustRun(t, "i18n", "confirm", "--all", "--source", root)
	sitetest.Edit(t, root, "content/advisories/patch-now.en.md", "Apply the fix today.", "Apply the fix within the day.")
	xlf := filepath.Join(t.TempDir(), "fr.xlf")
	mustRun(t, "i18n", "export", "-o", xlf, "--source", root)
	data, _ := os.ReadFile(xlf)
	units := xliffUnits(t, data)
	for id, want := range map[string]string{"advisory/patch-now#title": "translated", "advisory/patch-now#description": "translated", "advisory/patch-now#body[b1]": "needs-review-translation"} {
		if units[id].State != want {
			t.Errorf("%s: state %q, want %q", id, units[id].State, want)
		}
	}
	if err := os.WriteFile(xlf, sitetest.TranslateXLIFF(t, data, map[string]string{"advisory/patch-now#body[b1]": "Appliquez le correctif dans la journée."}), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "i18n", "import", xlf, "--source", root)
	mustRun(t, "i18n", "status", "--strict", "--source", root)

	// Rendered: by the shared layout, in the menu, with its references,
	// and named by what it refers to.
	dest := build(t, root, "--minify=false")
	pages := parseSite(t, dest)
	for lang, want := range map[string]struct{ path, label, title, body string }{
		"en": {"en/advisories/patch-now/index.html", "Advisory", "Patch now", "Apply the fix within the day."},
		"fr": {"fr/advisories/patch-now/index.html", "Avis", "Corrigez maintenant", "Appliquez le correctif dans la journée."},
	} {
		p := pages[want.path]
		if p == nil {
			t.Fatalf("%s: no page %s", lang, want.path)
		}
		html, _ := os.ReadFile(filepath.Join(dest, want.path))
		for _, s := range []string{`<p class="content-type" data-pagefind-meta="type" data-pagefind-ignore>` + want.label + `</p>`, want.body} {
			if !strings.Contains(string(html), s) {
				t.Errorf("%s lacks %q", want.path, s)
			}
		}
		if p.title != want.title || len(p.linksIn["measures"]) != 1 || len(p.linksIn["named-actors"]) != 1 || len(p.languageLinks) != 1 {
			t.Errorf("%s: title %q, measures %v, threat actors %v, language links %v", want.path, p.title, p.linksIn["measures"], p.linksIn["named-actors"], p.languageLinks)
		}
		home := pages[lang+"/index.html"]
		if !slices.Contains(home.allLinks, "/"+lang+"/advisories/") {
			t.Errorf("%s: the menu has no link to the advisories", lang)
		}
	}
	measure := pages["en/guidance/patch/index.html"]
	if measure == nil || !slices.Contains(measure.linksIn["recommended-by"], "/en/advisories/patch-now/") {
		t.Errorf("the measure does not list the advisory that recommends it: %+v", measure)
	}
	actor := pages["fr/auteurs-de-menace/apt99/index.html"]
	if actor == nil || !slices.Contains(actor.linksIn["naming-pages"], "/fr/advisories/patch-now/") {
		t.Errorf("the threat actor does not list the advisory that names it: %+v", actor)
	}
}
