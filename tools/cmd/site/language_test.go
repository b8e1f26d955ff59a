package main

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/synthetic"
)

// spanish is a third language's settings in config.toml: nothing else in
// the site names it.
const spanish = `weight = 3
locale = "es-ES"
label = "Español"
title = "Publicaciones sobre ciberseguridad"
params.publisher.name = "Centro Canadiense de Ciberseguridad"`

// A third language is configuration plus its texts. Added to config.toml
// with a catalogue of one message, every check names what it lacks, each
// at its place; status counts it, and export gives translators its texts;
// once they are translated (here, that export filled in and imported),
// the site is whole again.
func TestThirdLanguageIsConfigurationAndTexts(t *testing.T) {
	root := fixture(t)
	sitetest.AddLanguage(t, root, "es", spanish, "[skipToContent]\nother = \"Saltar al contenido principal\"\n")

	// What translators are given: the export, in Spanish.
	xlf := filepath.Join(t.TempDir(), "translate.es.xlf")
	mustRun(t, "i18n", "export", "--lang", "es", "-o", xlf, "--source", root)
	data, err := os.ReadFile(xlf)
	if err != nil {
		t.Fatal(err)
	}
	units := placedUnits(t, data)

	t.Run("check names each text missing", func(t *testing.T) {
		code, _, stderr := runSite(t, "check", "--source", root)
		if code != 1 {
			t.Fatalf("exit %d:\n%s", code, stderr)
		}
		lines := strings.Split(strings.TrimSpace(stderr), "\n")
		// A sample, each line whole: a dotted key, an inline table, an
		// organization, a page, a message of the catalogue where the
		// source defines it, where a template uses it, and where the
		// model does.
		for _, want := range []string{
			`data/timelines/fixture.toml:28:12: event "2022-07-14-later": text has no "es" (Español) text; add text.es = "…"`,
			`data/timelines/fixture.toml:38:11: event "2021-03-01-first-of-month": notes[1] has no "es" (Español) text; add es = "…" inside the { } of notes[1]`,
			`data/actors.toml:3:13: organization "cyber-centre": name has no "es" (Español) text; add name.es = "…"`,
			`content/reports/fixture-report.en.md:1:1: the page has no "es" (Español) counterpart; write content/reports/fixture-report.es.md beside it`,
			`i18n/en.toml:8:10: message "mainMenu": the message has no Español translation in i18n/es.toml; add [mainMenu] to i18n/es.toml`,
			`layouts/_partials/timeline/events.html:`,
			`data/model.toml:`,
		} {
			if !slices.ContainsFunc(lines, func(l string) bool { return strings.HasPrefix(l, want) }) {
				t.Errorf("no line %s\n", want)
			}
		}
		// Every error is Spanish's, at a line and column; French is
		// whole as it was.
		placed := regexp.MustCompile(`^[^:]+:[0-9]+:[0-9]+: `)
		spanish := func(l string) bool { return strings.Contains(l, "Español") || strings.Contains(l, "i18n/es.toml") }
		for _, l := range lines[:len(lines)-1] {
			if strings.Contains(l, ": warning: ") {
				continue
			}
			if !placed.MatchString(l) || !spanish(l) {
				t.Errorf("a problem not at its place, or not of Spanish: %s", l)
			}
			if strings.Contains(l, `"fr"`) || strings.Contains(l, "Français") {
				t.Errorf("a problem of French: %s", l)
			}
		}
		// Every text to translate is named: a text of the data where its
		// English is, a page by its English file, a message where the
		// English catalogue defines it.
		for _, u := range units {
			if u.state == "translated" {
				continue
			}
			file, _, _ := strings.Cut(u.note, ":")
			var want string
			switch {
			case strings.HasPrefix(u.id, "i18n#"):
				key, _, _ := strings.Cut(strings.TrimPrefix(u.id, "i18n#"), ".")
				want = `message "` + key + `": the message has no Español translation in i18n/es.toml`
				file = "i18n/en.toml"
			case strings.HasSuffix(file, ".md"):
				file = strings.Replace(file, ".es.md", ".en.md", 1)
				want = file + `:1:1: the page has no "es" (Español) counterpart`
			default:
				file, want = u.note, u.note+": "
			}
			if !slices.ContainsFunc(lines, func(l string) bool {
				return strings.HasPrefix(l, file) && strings.Contains(l, want) && spanish(l)
			}) {
				t.Errorf("check does not name %s (%s)", u.id, u.note)
			}
		}
	})

	t.Run("status counts the third language", func(t *testing.T) {
		var status struct {
			Languages []struct {
				Lang  string
				Total struct{ Total, Missing, Outdated int }
				Items []struct{ ID, Condition string }
			}
		}
		if err := json.Unmarshal([]byte(mustRun(t, "i18n", "status", "--json", "--source", root)), &status); err != nil {
			t.Fatal(err)
		}
		if len(status.Languages) != 2 || status.Languages[0].Lang != "fr" || status.Languages[1].Lang != "es" {
			t.Fatalf("want fr, then es: %+v", status.Languages)
		}
		fr, es := status.Languages[0], status.Languages[1]
		if fr.Total.Missing != 0 || es.Total.Total != fr.Total.Total || es.Total.Missing != es.Total.Total-1 || es.Total.Outdated != 0 {
			t.Errorf("want every text but one missing in es, and none in fr: fr %+v, es %+v", fr.Total, es.Total)
		}
		// The export's units are those texts, a message's forms apart.
		missing := map[string]bool{}
		for _, it := range es.Items {
			missing[it.ID] = it.Condition == "missing"
		}
		forms := regexp.MustCompile(`^(i18n#[^.]+)\.(zero|one|two|few|many|other)$`)
		exported := map[string]bool{}
		for _, u := range units {
			if u.state != "translated" {
				exported[forms.ReplaceAllString(u.id, "$1")] = true
			}
		}
		for id := range missing {
			if !exported[id] {
				t.Errorf("%s is missing, and not exported", id)
			}
		}
		for id := range exported {
			if !missing[id] {
				t.Errorf("%s is exported, and not missing", id)
			}
		}
	})

	t.Run("export is in Spanish, its units the English texts", func(t *testing.T) {
		files := regexp.MustCompile(`<file [^>]*>`).FindAll(data, -1)
		for _, f := range files {
			if !strings.Contains(string(f), `source-language="en-CA" target-language="es-ES"`) {
				t.Errorf("not from English into Spanish: %s", f)
			}
		}
		u := units["timeline/fixture#events[2022-07-14-later].text"]
		if u.source != "A later event, listed first in the file." || u.state != "needs-translation" || u.note != "data/timelines/fixture.toml:28:12" {
			t.Errorf("the event's unit: %+v", u)
		}
		if u := units["i18n#mainMenu.other"]; u.source != "Main menu" || u.state != "needs-translation" {
			t.Errorf("the message's unit: %+v", u)
		}
		if u := units["i18n#skipToContent.other"]; u.state != "translated" {
			t.Errorf("the message es.toml has: %+v", u)
		}
		validateXLIFF(t, xlf) // last: it stops the test where xmllint is missing
	})

	t.Run("the texts given, the site is whole", func(t *testing.T) {
		french := map[string]string{}
		for name, content := range sitetest.Snapshot(t, root) {
			if strings.HasSuffix(name, ".fr.md") || name == "i18n/fr.toml" {
				french[name] = content
			}
		}
		filled := sitetest.TranslateEveryUnit(t, data, func(source string) string { return "es-" + source })
		if err := os.WriteFile(xlf, filled, 0o644); err != nil {
			t.Fatal(err)
		}
		if out := mustRun(t, "i18n", "import", xlf, "--source", root); !strings.Contains(out, `translations into "es"`) {
			t.Errorf("import: %s", out)
		}
		// What may be left are warnings on the translations themselves
		// (the glossary's terms, which a machine's "es-" does not use);
		// nothing is missing.
		code, _, stderr := runSite(t, "check", "--source", root)
		if code != 0 || strings.Contains(stderr, "error") {
			t.Fatalf("check: exit %d\n%s", code, stderr)
		}
		for _, l := range strings.Split(stderr, "\n") {
			if strings.Contains(l, `"es" (Español)`) || strings.Contains(l, "no Español translation") || strings.Contains(l, "is not in i18n/es.toml") {
				t.Errorf("check: %s", l)
			}
		}
		mustRun(t, "i18n", "status", "--lang", "es", "--strict", "--source", root)
		if got := sitetest.Read(t, root, "content/reports/fixture-report.es.md"); !strings.Contains(got, `title = "es-Fixture report"`) {
			t.Errorf("the report's Spanish page:\n%s", got)
		}
		for name, content := range french {
			if sitetest.Read(t, root, name) != content {
				t.Errorf("%s changed", name)
			}
		}
	})

	// Rendered (and minified): every page and format in Spanish too, each
	// page linking to its counterparts in the three languages.
	t.Run("built, the site is in the three languages", func(t *testing.T) {
		pages := tree(t, build(t, root, "--search=false"))
		timeline := pages["es/timelines/fixture/index.html"]
		for _, want := range []string{`<html lang=es-ES>`, "es-A later event, listed first in the file.", `hreflang=en-CA`, `hreflang=fr-CA`} {
			if !strings.Contains(timeline, want) {
				t.Errorf("the Spanish timeline has no %s", want)
			}
		}
		if english := pages["en/timelines/fixture/index.html"]; !strings.Contains(english, `hreflang=es-ES href=https://cyber.example.ca/es/timelines/fixture/`) {
			t.Error("the English timeline does not name its Spanish counterpart")
		}
		var export struct {
			Title map[string]string `json:"title"`
		}
		if err := json.Unmarshal([]byte(pages["es/timelines/fixture/timeline.json"]), &export); err != nil || export.Title["es"] != "es-Fixture timeline" {
			t.Errorf("the Spanish timeline.json: %v, %v", export.Title, err)
		}
		if pages["es/csaf/index.txt"] == "" || pages["es/timelines/fixture/timeline.ics"] == "" {
			t.Error("the Spanish CSAF distribution or calendar is missing")
		}
	})
}

// placedUnit is a trans-unit as the tests read it: its source and its
// state, and where its text is (its note).
type placedUnit struct{ id, source, state, note string }

// placedUnits reads the trans-units of an XLIFF file, by id.
func placedUnits(t *testing.T, data []byte) map[string]placedUnit {
	t.Helper()
	var doc struct {
		Units []struct {
			ID     string `xml:"id,attr"`
			Source string `xml:"source"`
			Target struct {
				State string `xml:"state,attr"`
			} `xml:"target"`
			Note string `xml:"note"`
		} `xml:"file>body>trans-unit"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	units := map[string]placedUnit{}
	for _, u := range doc.Units {
		units[u.ID] = placedUnit{u.ID, u.Source, u.Target.State, u.Note}
	}
	if len(units) == 0 {
		t.Fatal("no trans-unit")
	}
	return units
}

// The benchmark's synthetic sites are in the project's languages: a project
// with a third language (its catalogue and section pages translated, here
// by the export filled in and imported) gives a synthetic site in three
// languages, which every check passes.
func TestSyntheticSiteInAThirdLanguage(t *testing.T) {
	withSpanish := t.TempDir()
	if err := project.CopyPresentation(sitetest.Root(t), withSpanish, true); err != nil {
		t.Fatal(err)
	}
	sitetest.AddLanguage(t, withSpanish, "es", spanish, "")
	xlf := filepath.Join(t.TempDir(), "translate.es.xlf")
	mustRun(t, "i18n", "export", "--lang", "es", "-o", xlf, "--source", withSpanish)
	data, err := os.ReadFile(xlf)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(xlf, sitetest.TranslateEveryUnit(t, data, func(source string) string { return "es-" + source }), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "i18n", "import", xlf, "--source", withSpanish)

	root := t.TempDir()
	if err := synthetic.Write(withSpanish, root, synthetic.ScaleFor(100)); err != nil {
		t.Fatal(err)
	}
	if code, stdout, stderr := runSite(t, "check", "--source", root); code != 0 || !strings.Contains(stdout, "no problems found") {
		t.Fatalf("check: exit %d\n%s%s", code, stdout, stderr)
	}
	mustRun(t, "i18n", "status", "--lang", "es", "--strict", "--source", root)
	timeline := sitetest.Read(t, root, "data/timelines/timeline-00001.toml")
	for _, key := range []string{"title.en = ", "title.fr = ", "title.es = "} {
		if !strings.Contains(timeline, key) {
			t.Errorf("the timeline has no %s…:\n%s", key, timeline[:min(len(timeline), 500)])
		}
	}
	if _, err := os.Stat(filepath.Join(root, "content/bulletins/bulletin-00001.es.md")); err != nil {
		t.Error(err)
	}
}
