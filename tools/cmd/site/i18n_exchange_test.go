package main

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/translation"
)

// readWithToolkit opens a file as translate-toolkit's factory does for a
// CAT tool, and returns its units: id, source and target.
func readWithToolkit(t *testing.T, file string) map[string][2]string {
	t.Helper()
	const script = `
import json, sys
from translate.storage import factory
store = factory.getobject(sys.argv[1])
print(json.dumps({u.getid(): [u.source, u.target] for u in store.units if not u.isheader()}))
`
	var units map[string][2]string
	if err := json.Unmarshal(sitetest.TranslateToolkit(t, script, file), &units); err != nil {
		t.Fatal(err)
	}
	return units
}

// site i18n export writes, beside the XLIFF, the termbase (TBX) and the
// translation memory (TMX), and translate-toolkit reads both: every term
// and organization of the site with its French, every current
// translation, each outdated one with the source it was made from, and
// none that is missing.
func TestExportWritesATermbaseAndATranslationMemory(t *testing.T) {
	root := fixture(t)
	mustRun(t, "i18n", "confirm", "--all", "--source", root)
	const timeline = "data/timelines/fixture.toml"
	sitetest.Edit(t, root, timeline, "An event on the first of the month.", "An event on the first day of the month.") // outdated
	sitetest.Edit(t, root, timeline, "text.fr = \"Connu seulement par son mois.\"\n", "")                              // missing

	dir := t.TempDir()
	out := mustRun(t, "i18n", "export", "--lang", "fr", "-o", filepath.Join(dir, "work.xlf"), "--source", root)
	p, problems := project.Open(root)
	if problems != nil {
		t.Fatal(problems)
	}
	site, _ := content.Load(p)
	ws, _ := translation.Open(site)

	termbase := readWithToolkit(t, filepath.Join(dir, "work.tbx"))
	terms := 0
	for _, it := range site.Items {
		if !it.Kind.Termbase {
			continue
		}
		terms++
		id := it.Kind.Name + "." + it.ID
		if got, want := termbase[id], [2]string{it.Title("en"), it.Title("fr")}; got != want {
			t.Errorf("termbase %s: %q, want %q", id, got, want)
		}
	}
	if terms < 5 || len(termbase) != terms {
		t.Errorf("termbase: %d entries, want the site's %d terms and organizations", len(termbase), terms)
	}

	memory := readWithToolkit(t, filepath.Join(dir, "work.tmx"))
	current := 0
	for _, s := range translation.Segments(ws.Units("fr")) {
		got, there := memory[s.ID]
		switch {
		case s.Target == "" || ws.State.Condition(s.Unit) == translation.Missing:
			if there {
				t.Errorf("memory: %s is there, though missing", s.ID)
			}
		case ws.State.Condition(s.Unit) == translation.Outdated:
			if want := [2]string{"An event on the first of the month.", s.Target}; got != want {
				t.Errorf("memory %s, outdated: %q, want the pair it was made of %q", s.ID, got, want)
			}
			current++
		case got != [2]string{s.Source, s.Target}:
			t.Errorf("memory %s: %q, want %q", s.ID, got, [2]string{s.Source, s.Target})
		default:
			current++
		}
	}
	if _, there := memory["timeline/fixture#events[2021-03-month-only].text"]; there {
		t.Errorf("memory: the missing translation is there")
	}
	if current < 20 || len(memory) != current {
		t.Errorf("memory: %d units, want the %d translations", len(memory), current)
	}
	for _, want := range []string{"work.xlf", "work.tbx", "work.tmx"} {
		if !strings.Contains(out, "wrote "+filepath.Join(dir, want)) {
			t.Errorf("export says:\n%s\nwithout %s", out, want)
		}
	}
}

// The round trip a translation agency makes, with translate-toolkit as its
// CAT tool: it opens the export, fills in only the units that need work
// (one changed English paragraph of a bulletin, one missing event text),
// saves; the import writes them, the build shows them, nothing else
// changed and nothing is left outdated or missing.
func TestXLIFFRoundTripThroughTranslateToolkit(t *testing.T) {
	root := fixture(t)
	mustRun(t, "i18n", "confirm", "--all", "--source", root)
	const (
		bulletin = "content/bulletins/fixture-bulletin.en.md"
		timeline = "data/timelines/fixture.toml"
	)
	sitetest.Edit(t, root, bulletin, "A firewall filters traffic,", "A firewall filters network traffic,")
	sitetest.Edit(t, root, timeline, "text.fr = \"Connu seulement par son mois.\"\n", "")
	before := sitetest.Snapshot(t, root)

	xlf := filepath.Join(t.TempDir(), "fr.xlf")
	mustRun(t, "i18n", "export", "--lang", "fr", "-o", xlf, "--source", root)
	translations := map[string]string{
		"bulletin/fixture-bulletin#body[b2]":               "Un pare-feu filtre le trafic réseau, mais un *exploit* d’une vulnérabilité connue le\ntraverse.",
		"timeline/fixture#events[2021-03-month-only].text": "Connu par son mois seulement.",
	}
	arg, _ := json.Marshal(translations)
	const fill = `
import json, sys
from translate.storage import factory
store = factory.getobject(sys.argv[1])
texts = json.loads(sys.argv[2])
filled = []
for u in store.units:
    if u.isheader():
        continue
    target = u.xmlelement.find(u.namespaced("target"))
    if target is not None and target.get("state") in ("needs-translation", "needs-review-translation"):
        u.settarget(texts[u.xmlelement.get("id")])
        u.xmlelement.find(u.namespaced("target")).set("state", "translated")
        filled.append(u.xmlelement.get("id"))
store.save()
print(json.dumps(sorted(filled)))
`
	var filled []string
	if err := json.Unmarshal(sitetest.TranslateToolkit(t, fill, xlf, string(arg)), &filled); err != nil {
		t.Fatal(err)
	}
	if want := slices.Sorted(maps.Keys(translations)); !slices.Equal(filled, want) {
		t.Fatalf("the units needing work: %v, want %v", filled, want)
	}
	mustRun(t, "i18n", "import", xlf, "--source", root)

	after := sitetest.Snapshot(t, root)
	changed := []string{}
	for file, data := range after {
		if data != before[file] {
			changed = append(changed, file)
		}
	}
	slices.Sort(changed)
	if want := []string{"content/bulletins/fixture-bulletin.fr.md", timeline, "translation-state.toml"}; !slices.Equal(changed, want) {
		t.Errorf("files changed: %v, want %v", changed, want)
	}
	page := after["content/bulletins/fixture-bulletin.fr.md"]
	old := before["content/bulletins/fixture-bulletin.fr.md"]
	start, end := strings.Index(old, "Un pare-feu filtre"), strings.Index(old, "occurrence est liée.")+len("occurrence est liée.")
	if want := old[:start] + translations["bulletin/fixture-bulletin#body[b2]"] + old[end:]; page != want {
		t.Errorf("the French bulletin:\n%s\nwant:\n%s", page, want)
	}

	var status struct {
		Languages []struct{ Items []struct{ ID string } }
	}
	if err := json.Unmarshal([]byte(mustRun(t, "i18n", "status", "--json", "--source", root)), &status); err != nil {
		t.Fatal(err)
	}
	if items := status.Languages[0].Items; len(items) > 0 {
		t.Errorf("after the import, still to translate: %v", items)
	}
	pages := tree(t, build(t, root))
	if got := pages["fr/bulletins/bulletin-essai/index.html"]; !strings.Contains(got, "filtre le trafic réseau, mais un <em><a href=/fr/glossaire/exploit/ class=term aria-describedby=term-exploit>exploit</a></em>") {
		t.Errorf("the French bulletin's page does not show its new paragraph:\n%s", got)
	}
	if got := pages["fr/chronologies/chronologie-essai/index.html"]; !strings.Contains(got, "Connu par son mois seulement.") {
		t.Errorf("the French timeline does not show its new event text")
	}
}

// On the project's own site: the bulletin is exported one unit per block
// of its body, and one changed English paragraph makes that block, and
// nothing else, outdated.
func TestRealBulletinIsTranslatedBlockByBlock(t *testing.T) {
	root := t.TempDir()
	for _, dir := range []string{"content", "data", "i18n"} {
		if err := os.CopyFS(filepath.Join(root, dir), os.DirFS(filepath.Join(sitetest.Root(t), dir))); err != nil {
			t.Fatal(err)
		}
	}
	for _, file := range []string{"config.toml", "translation-state.toml"} {
		sitetest.Write(t, root, map[string]string{file: sitetest.Read(t, sitetest.Root(t), file)})
	}
	bulletins, _ := filepath.Glob(filepath.Join(root, "content/bulletins/*.en.md"))
	bulletins = slices.DeleteFunc(bulletins, func(f string) bool { return filepath.Base(f) == "_index.en.md" })
	if len(bulletins) == 0 {
		t.Fatal("the site has no bulletin")
	}
	file, _ := filepath.Rel(root, bulletins[0])
	id := "bulletin/" + strings.TrimSuffix(filepath.Base(file), ".en.md")

	// Its blocks, counted by their first lines: headings, list items, and
	// the first line of each paragraph.
	src := sitetest.Read(t, root, file)
	body := src[strings.Index(src[3:], "+++")+6:]
	blocks, paragraph := 0, ""
	for _, line := range strings.Split(body, "\n") {
		switch trimmed := strings.TrimSpace(line); {
		case trimmed == "":
			paragraph = ""
		case strings.HasPrefix(trimmed, "#") || strings.HasPrefix(trimmed, "- ") || strings.HasPrefix(trimmed, "* ") || regexp.MustCompile(`^\d+\. `).MatchString(trimmed):
			blocks++
			paragraph = "in a block"
		case paragraph == "":
			blocks++
			paragraph = line
		}
	}
	units := 0
	for unit := range xliffUnits(t, []byte(mustRun(t, "i18n", "export", "-o", "-", "--source", root))) {
		if strings.HasPrefix(unit, id+"#body") {
			// b3 by place, or b-1a2b3c4d for a block added since the
			// blocks were recorded (named by its words).
			if !regexp.MustCompile(`#body\[b(\d+|-[0-9a-f]{8}(-\d+)?)\]$`).MatchString(unit) {
				t.Errorf("%s is not a block", unit)
			}
			units++
		}
	}
	if units < 10 || units != blocks {
		t.Errorf("%s: %d units for its body, want one per block: %d", id, units, blocks)
	}

	// The first paragraph that is not a heading, changed.
	var changed string
	for _, line := range strings.Split(body, "\n") {
		if trimmed := strings.TrimSpace(line); trimmed != "" && !strings.HasPrefix(trimmed, "#") {
			changed = line
			break
		}
	}
	sitetest.Edit(t, root, file, changed, changed+" Updated.")
	var status struct {
		Languages []struct {
			Items []struct{ ID, Condition string }
		}
	}
	if err := json.Unmarshal([]byte(mustRun(t, "i18n", "status", "--json", "--source", root)), &status); err != nil {
		t.Fatal(err)
	}
	if items := status.Languages[0].Items; len(items) != 1 || items[0].Condition != "outdated" || !strings.HasPrefix(items[0].ID, id+"#body[b") {
		t.Errorf("one paragraph changed: %+v, want one block of %s outdated", items, id)
	}
}

// An English text changed after its translation: the XLIFF unit carries
// the English it was translated from and its translation then, as XLIFF
// 1.2's previous version, which translate-toolkit reads back, with a note
// of the day it was translated; the memory keeps that pair; and site i18n
// status shows the change word by word.
func TestOutdatedTranslationShowsWhatChanged(t *testing.T) {
	root := fixture(t)
	t.Setenv("SOURCE_DATE_EPOCH", "1795132800") // 2026-11-20
	mustRun(t, "i18n", "confirm", "--all", "--source", root)
	const (
		timeline = "data/timelines/fixture.toml"
		id       = "timeline/fixture#events[2021-03-01-first-of-month].text"
		was      = "An event on the first of the month."
		french   = "Un événement le premier du mois."
	)
	sitetest.Edit(t, root, timeline, was, "An event on the first working day of the month.")
	t.Setenv("SOURCE_DATE_EPOCH", "1796947200") // 2026-12-11: the day of the export, which changes no record
	dir := t.TempDir()
	mustRun(t, "i18n", "export", "--lang", "fr", "-o", filepath.Join(dir, "fr.xlf"), "--source", root)
	validateXLIFF(t, filepath.Join(dir, "fr.xlf"))

	const script = `
import json, sys
from translate.storage import factory
store = factory.getobject(sys.argv[1])
print(json.dumps({u.xmlelement.get("id"): {"previous": [[a.source, a.target] for a in u.getalttrans()], "notes": u.getnotes()}
                  for u in store.units if not u.isheader()}))
`
	var units map[string]struct {
		Previous [][2]string
		Notes    string
	}
	if err := json.Unmarshal(sitetest.TranslateToolkit(t, script, filepath.Join(dir, "fr.xlf")), &units); err != nil {
		t.Fatal(err)
	}
	if got := units[id].Previous; len(got) != 1 || got[0] != [2]string{was, french} {
		t.Errorf("the outdated unit's previous version, as translate-toolkit reads it: %q, want %q", got, [2]string{was, french})
	}
	if !strings.Contains(units[id].Notes, "the English has changed since this translation was recorded on 2026-11-20") {
		t.Errorf("the outdated unit's notes: %q", units[id].Notes)
	}
	for other, u := range units {
		if other != id && len(u.Previous) > 0 {
			t.Errorf("%s, not outdated, has a previous version: %q", other, u.Previous)
		}
	}

	memory := readWithToolkit(t, filepath.Join(dir, "fr.tmx"))
	if got := memory[id]; got != [2]string{was, french} {
		t.Errorf("the memory keeps %q for the outdated text, want the pair it was made of %q", got, [2]string{was, french})
	}

	out := mustRun(t, "i18n", "status", "--lang", "fr", "--source", root)
	for _, want := range []string{
		"the English has changed since this translation was recorded on 2026-11-20",
		"changed: An event on the first {+working day +}of the month.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("status without %q:\n%s", want, out)
		}
	}
	var status struct {
		Languages []translation.LangStatus
	}
	if err := json.Unmarshal([]byte(mustRun(t, "i18n", "status", "--json", "--source", root)), &status); err != nil {
		t.Fatal(err)
	}
	var previous *translation.Previous
	for _, it := range status.Languages[0].Items {
		if it.ID == id {
			previous = it.Previous
		}
	}
	if previous == nil || previous.Source != was || previous.Date != "2026-11-20" {
		t.Fatalf("status --json, the outdated text's previous version: %+v", previous)
	}
	var old, now string
	for _, c := range previous.Changes {
		old += map[string]string{"=": c.Text, "-": c.Text}[c.Op]
		now += map[string]string{"=": c.Text, "+": c.Text}[c.Op]
	}
	if old != was || now != "An event on the first working day of the month." {
		t.Errorf("the changes make %q of %q, want the texts", now, old)
	}
}
