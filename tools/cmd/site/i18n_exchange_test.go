package main

import (
	"encoding/json"
	"path/filepath"
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
// and organization of the site with its French, and every current
// translation, and none that is outdated or missing.
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
		case s.Target == "" || ws.State.Condition(s.Unit) != translation.Current:
			if there {
				t.Errorf("memory: %s is there, though %s", s.ID, ws.State.Condition(s.Unit))
			}
		case got != [2]string{s.Source, s.Target}:
			t.Errorf("memory %s: %q, want %q", s.ID, got, [2]string{s.Source, s.Target})
		default:
			current++
		}
	}
	for _, id := range []string{"timeline/fixture#events[2021-03-01-first-of-month].text", "timeline/fixture#events[2021-03-month-only].text"} {
		if _, there := memory[id]; there {
			t.Errorf("memory: %s is there, outdated or missing", id)
		}
	}
	if current < 20 || len(memory) != current {
		t.Errorf("memory: %d units, want the %d current translations", len(memory), current)
	}
	for _, want := range []string{"work.xlf", "work.tbx", "work.tmx"} {
		if !strings.Contains(out, "wrote "+filepath.Join(dir, want)) {
			t.Errorf("export says:\n%s\nwithout %s", out, want)
		}
	}
}
