package main

import (
	"bytes"
	"flag"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/render"
	"github.com/cyberpub/site/tools/tomlfile"
	"github.com/cyberpub/site/tools/translation"
)

// lockedBuffer is written by the watcher's goroutine and read by the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// While previewing, a change to the data is checked again as soon as it is
// saved: a missing translation is a warning, other problems stay errors.
func TestPreviewChecksDataAgainWhenItChanges(t *testing.T) {
	root := fixture(t)
	p, problems := project.Open(root)
	if problems != nil {
		t.Fatal(problems)
	}
	var out lockedBuffer
	stop, err := watchData(p, &out, func() { validate(root, true, false, &out, &out) })
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	sitetest.Write(t, root, map[string]string{"data/timelines/new.toml": `title = { en = "New", fr = "Nouvelle" }
summary = { en = "S", fr = "S" }
date = 2023-05-02

[[events]]
id = "2023-05-01-event"
date = 2023-05-01
text = { en = "An event.", fr = "Un événement.", de = "Ein Ereignis." }

[[events]]
id = "2023-06-01-draft"
date = 2023-06-01
text.en = "Not translated yet."
`})
	want := []string{
		`data/timelines/new.toml:8:56: event "2023-05-01-event": text has a text in "de"`,
		`data/timelines/new.toml:13:12: warning: event "2023-06-01-draft": text has no "fr" (Français) text`,
		"1 error, 1 warning",
	}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) && !strings.Contains(out.String(), want[len(want)-1]) {
		time.Sleep(50 * time.Millisecond)
	}
	for _, w := range want {
		if !strings.Contains(out.String(), w) {
			t.Errorf("the preview's report lacks %q:\n%s", w, out.String())
		}
	}
}

// The preview marks on the page the texts whose translation is outdated,
// and no other: a data text, a page's title, a page's body, a measure's
// step shown on a bulletin.
func TestPreviewMarksOutdatedTranslations(t *testing.T) {
	root := fixture(t)
	mustRun(t, "i18n", "confirm", "--all", "--source", root)
	sitetest.Edit(t, root, "data/timelines/fixture.toml", "An event on the first of the month.", "An event on the first day of the month.")
	sitetest.Edit(t, root, "content/statements/fixture-statement.en.md", `title = "Fixture statement"`, `title = "The fixture statement"`)
	sitetest.Edit(t, root, "content/statements/fixture-statement.en.md", "A statement, dated.", "A statement, with its date.")
	sitetest.Edit(t, root, "data/mitigations.toml", "Start with administrator accounts.", "Start with the administrators' accounts.")
	ws, _, err := load(root)
	if err != nil {
		t.Fatal(err)
	}
	dest := buildPreview(t, root, ws)
	marked := map[string][]string{}
	for path, page := range parseSite(t, dest) {
		for _, id := range page.outdated {
			marked[id] = append(marked[id], path)
		}
	}
	// The body's note says which of its blocks: by their start.
	if page := tree(t, dest)["fr/declarations/declaration-essai/index.html"]; !strings.Contains(page, `<span class="translation-outdated__blocks">Dans ce passage`+"\u00a0"+`: <q>Une déclaration, datée.</q></span>`) {
		t.Errorf("the statement's note does not show its outdated block:\n%s", page)
	}
	want := map[string]string{
		"timeline/fixture#events[2021-03-01-first-of-month].text": "fr/chronologies/chronologie-essai/index.html",
		"statement/fixture-statement#title":                       "fr/declarations/declaration-essai/index.html",
		"statement/fixture-statement#body":                        "fr/declarations/declaration-essai/index.html",
		"measure/use-mfa#items[1]":                                "fr/conseils/utiliser-amf/index.html fr/bulletins/bulletin-essai/index.html",
	}
	for id, pages := range want {
		for _, page := range strings.Fields(pages) {
			if !strings.Contains(strings.Join(marked[id], " "), page) {
				t.Errorf("%s is not marked on %s (marked on %v)", id, page, marked[id])
			}
		}
	}
	for id, pages := range marked {
		if _, ok := want[id]; !ok {
			t.Errorf("%s is marked on %v, but it is current", id, pages)
		}
		for _, page := range pages {
			if !strings.HasPrefix(page, "fr/") {
				t.Errorf("%s is marked on %s, a page of the source language", id, page)
			}
		}
	}
}

// Every text readers see can be marked in the preview: with every
// translation outdated, each text's id is marked on some page.
func TestPreviewCanMarkEveryText(t *testing.T) {
	root := fixture(t)
	ws, _, err := load(root)
	if err != nil {
		t.Fatal(err)
	}
	var ids, quoted []string
	shownAs := map[string]string{} // a block of a body is marked by its body's note
	for _, u := range ws.Units("fr") {
		ids = append(ids, u.ID)
		quoted = append(quoted, tomlfile.Quote(u.ID))
		if u.Block != nil {
			shownAs[u.ID] = u.Text.ID
			quoted = append(quoted, tomlfile.Quote(u.Text.ID))
		}
	}
	config := filepath.Join(t.TempDir(), "preview.toml")
	sitetest.Write(t, filepath.Dir(config), map[string]string{"preview.toml": "[languages.fr.params.translation]\noutdated = [" + strings.Join(quoted, ", ") + "]\n"})
	dest := t.TempDir()
	if err := render.Build(root, dest, render.BuildOptions{Quiet: true, ExtraConfig: config}); err != nil {
		t.Fatal(err)
	}
	marked := map[string]bool{}
	for _, page := range parseSite(t, dest) {
		for _, id := range page.outdated {
			marked[id] = true
		}
	}
	for _, id := range ids {
		// Not shown on any page: a section's description is for search
		// engines (<meta name="description">), and an organization's full
		// name is only looked for in texts, not shown.
		if strings.HasPrefix(id, "section/") && strings.HasSuffix(id, "#description") || strings.HasPrefix(id, "organization/") && strings.HasSuffix(id, "#name") {
			continue
		}
		if mark, ok := shownAs[id]; ok && !marked[mark] || !ok && !marked[id] {
			t.Errorf("%s is shown but cannot be marked outdated", id)
		}
	}
}

// The preview is for the editor's own machine: other machines cannot reach
// it unless --bind says so.
func TestPreviewListensOnThisMachineOnly(t *testing.T) {
	var c serveCommand
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	c.flags(fs)
	if err := fs.Parse(nil); err != nil {
		t.Fatal(err)
	}
	if ip := net.ParseIP(c.bind); ip == nil || !ip.IsLoopback() {
		t.Errorf("site serve listens on %q by default", c.bind)
	}
}

// In the preview, raw HTML is listed by the check, at its place; the page
// shows the text without it, and Hugo neither stops nor advises to silence
// its warning.
func TestPreviewShowsATextWithRawHTMLWithoutIt(t *testing.T) {
	root := fixture(t)
	sitetest.Edit(t, root, "data/timelines/fixture.toml", `text.en = "A later event, listed first in the file."`, `text.en = "A later event, <b>pasted</b> first in the file."`)
	var out, errOut bytes.Buffer
	ws, err := validate(root, true, false, &out, &errOut)
	if ws == nil || !strings.Contains(errOut.String()+out.String(), `holds raw HTML, "<b>"`) {
		t.Fatalf("the preview's check: %v\n%s%s", err, out.String(), errOut.String())
	}
	// As site build, with warnings made errors: none is left.
	dest := buildPreview(t, root, ws)
	page := sitetest.Read(t, dest, "en/timelines/fixture/index.html")
	shown := strings.ReplaceAll(page, "<!-- raw HTML omitted -->", "")
	if !strings.Contains(shown, "A later event, pasted first in the file.") || strings.Contains(page, "<b>") {
		t.Errorf("the page shows the event as:\n%s", page)
	}
}

// buildPreview builds the site at root as the preview shows it (its own
// configuration written from ws), and returns the output's folder.
func buildPreview(t *testing.T, root string, ws *translation.Workspace) string {
	t.Helper()
	preview, err := newPreviewConfig()
	if err != nil {
		t.Fatal(err)
	}
	defer preview.remove()
	if err := preview.update(ws); err != nil {
		t.Fatal(err)
	}
	dest := t.TempDir()
	if err := render.Build(root, dest, render.BuildOptions{Quiet: true, ExtraConfig: preview.path}); err != nil {
		t.Fatal(err)
	}
	return dest
}
