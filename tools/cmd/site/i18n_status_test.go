package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/cyberpub/site/tools/internal/sitetest"
)

// One changed English text makes its French, and nothing else, outdated:
// in the status, in site check, and until it is confirmed.
func TestChangedSourceMakesExactlyItsTranslationOutdated(t *testing.T) {
	root := fixture(t)
	mustRun(t, "i18n", "confirm", "--all", "--source", root)
	mustRun(t, "i18n", "status", "--strict", "--source", root)
	sitetest.Edit(t, root, "data/timelines/fixture.toml", "An event on the first of the month.", "An event on the first day of the month.")
	const id = "timeline/fixture#events[2021-03-01-first-of-month].text"

	var status struct {
		Languages []struct {
			Lang  string
			Items []struct {
				ID, Condition, File string
				Line, Col           int
			}
		}
	}
	if err := json.Unmarshal([]byte(mustRun(t, "i18n", "status", "--json", "--source", root)), &status); err != nil {
		t.Fatal(err)
	}
	if items := status.Languages[0].Items; len(items) != 1 || items[0].ID != id || items[0].Condition != "outdated" ||
		items[0].File != "data/timelines/fixture.toml" || items[0].Line != 36 || items[0].Col != 12 {
		t.Errorf("status: want only %s outdated, at its French text (36:12), got %+v", id, items)
	}
	if code, _, stderr := runSite(t, "check", "--source", root); code != 0 || !strings.Contains(stderr, "1 warning") || !strings.Contains(stderr, id) {
		t.Errorf("check: exit %d, want one warning about %s:\n%s", code, id, stderr)
	}
	if code, _, _ := runSite(t, "check", "--strict", "--source", root); code != 1 {
		t.Errorf("check --strict: exit %d, want 1", code)
	}
	if code, _, _ := runSite(t, "i18n", "status", "--strict", "--source", root); code != 1 {
		t.Errorf("status --strict: exit %d, want 1", code)
	}
	mustRun(t, "i18n", "confirm", id, "--source", root)
	mustRun(t, "i18n", "status", "--strict", "--source", root)
}

// An item's id confirms all its texts; an id that is no text is refused.
func TestConfirmAnItem(t *testing.T) {
	root := fixture(t)
	mustRun(t, "i18n", "confirm", "--all", "--source", root)
	sitetest.Edit(t, root, "content/backgrounders/fixture-backgrounder.en.md", `title = "Fixture backgrounder"`, `title = "The fixture statement"`)
	sitetest.Edit(t, root, "content/backgrounders/fixture-backgrounder.en.md", "A backgrounder, dated.", "A backgrounder, with its date.")
	if code, _, _ := runSite(t, "i18n", "status", "--strict", "--source", root); code != 1 {
		t.Fatal("the changes did not make the backgrounder outdated")
	}
	if out := mustRun(t, "i18n", "confirm", "backgrounder/fixture-backgrounder", "--source", root); !strings.Contains(out, "confirmed 3 translations") {
		t.Errorf("confirm: %s", out)
	}
	mustRun(t, "i18n", "status", "--strict", "--source", root)
	if code, _, stderr := runSite(t, "i18n", "confirm", "backgrounder/no-such", "--source", root); code != 1 || !strings.Contains(stderr, `no text has the id "backgrounder/no-such"`) {
		t.Errorf("confirm of no text: exit %d\n%s", code, stderr)
	}
}

// The translators' commands refuse to work on a site whose texts cannot all
// be read, and say why, every problem of it.
func TestTranslatorsCommandsNeedReadableContent(t *testing.T) {
	root := fixture(t, sitetest.Archive(map[string]string{
		"data/glossary.toml":         "broken = \n",
		"data/timelines/second.toml": "title = 1\n",
	}))
	code, _, stderr := runSite(t, "i18n", "export", "--source", root, "-o", "-")
	if code != 1 || !strings.Contains(stderr, "data/glossary.toml:1:10: expected value") || !strings.Contains(stderr, "data/timelines/second.toml:1:9: title: expected one text per language") {
		t.Errorf("export: exit %d\n%s", code, stderr)
	}
}

// A message is confirmed by its id, or by the id XLIFF gives one of its
// forms.
func TestConfirmAMessage(t *testing.T) {
	root := fixture(t)
	mustRun(t, "i18n", "confirm", "--all", "--source", root)
	sitetest.Edit(t, root, "i18n/en.toml", `other = "Events"`, `other = "What happened"`)
	if code, _, _ := runSite(t, "i18n", "status", "--strict", "--source", root); code != 1 {
		t.Fatal("the change did not make the message outdated")
	}
	if out := mustRun(t, "i18n", "confirm", "i18n#eventsHeading.other", "--source", root); !strings.Contains(out, "confirmed 1 translation") {
		t.Errorf("confirm: %s", out)
	}
	mustRun(t, "i18n", "status", "--strict", "--source", root)
}
