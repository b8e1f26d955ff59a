package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/websocket"

	"github.com/cyberpub/site/tools/diag"
	"github.com/gohugoio/hugo/hugolib"

	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/prepare"
	"github.com/cyberpub/site/tools/preview"
	"github.com/cyberpub/site/tools/render"
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
	_, out := startPreview(t, root)
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
		"1 error, ",
	}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) && !strings.Contains(out.String(), want[len(want)-1]) {
		time.Sleep(10 * time.Millisecond)
	}
	for _, w := range want {
		if !strings.Contains(out.String(), w) {
			t.Errorf("the preview's report lacks %q:\n%s", w, out.String())
		}
	}
}

// An edit reaches the page it changes: the browser is told to reload (a
// livereload message), and the page then shows the edit.
func TestPreviewReloadsAnEditedPage(t *testing.T) {
	root := fixture(t)
	s, out := startPreview(t, root)
	page := address(s, "/en/timelines/fixture/")
	if status, body := get(t, page); status != http.StatusOK || !strings.Contains(body, "A later event, listed first in the file.") {
		t.Fatalf("%s: %d\n%s", page, status, body)
	}
	reloads := livereload(t, s)
	sitetest.Edit(t, root, "data/timelines/fixture.toml", "A later event, listed first", "A later event, edited, listed first")
	waitReload(t, reloads, out)
	if status, body := get(t, page); status != http.StatusOK || !strings.Contains(body, "A later event, edited, listed first in the file.") {
		t.Errorf("after the edit, %s: %d\n%s\n%s", page, status, body, out.String())
	}
	// The same bytes saved again change nothing Hugo reads: Hugo, told of
	// no change, would render every page again.
	file := filepath.Join(root, "data", "timelines", "fixture.toml")
	same, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, same, 0o644); err != nil {
		t.Fatal(err)
	}
	waitReload(t, reloads, out)
	if !strings.Contains(out.String(), "nothing to render again") {
		t.Errorf("the same bytes saved again were rendered again:\n%s", out.String())
	}
	// The preview's views (drafts, marks) are its own: never the
	// project's prepared/, which plain Hugo reads.
	if _, err := os.Stat(filepath.Join(root, "prepared")); err == nil {
		t.Error("the preview wrote the project's prepared/")
	}
}

// A file with an error replaces every page with the problems, each at its
// file:line:col with its message and hint, as the terminal lists them, in
// the language of the page asked for; fixing the file brings the pages
// back, without a restart.
func TestPreviewShowsProblemsUntilTheyAreFixed(t *testing.T) {
	root := fixture(t)
	s, out := startPreview(t, root)
	en, fr := address(s, "/en/timelines/fixture/"), address(s, "/fr/chronologies/chronologie-essai/")
	get(t, en)
	reloads := livereload(t, s)
	// Both errors in one write: two writes may be two reloads, and the
	// test would look at the page between them.
	good := sitetest.Read(t, root, "data/timelines/fixture.toml")
	broken := strings.Replace(strings.Replace(good, "date    = 2022-07-14", `date    = "2022-13"`, 1), `actors  = ["cyber-centre", "hoc"]`, `actors  = ["cyber-centre", "hoc", "csi"]`, 1)
	sitetest.Write(t, root, map[string]string{"data/timelines/fixture.toml": broken})
	waitReload(t, reloads, out)
	// What the terminal says of the broken site.
	var terminal, discard bytes.Buffer
	validate(root, true, false, time.Now(), &discard, &terminal)
	ws, problems, err := load(root)
	if err != nil {
		t.Fatal(err)
	}
	problems = allProblems(ws, problems, true, false, nil)
	if problems.Errors() != 2 {
		t.Fatalf("the broken fixture has %d errors, not 2:\n%s", problems.Errors(), terminal.String())
	}
	status, page := get(t, en)
	if status != http.StatusInternalServerError {
		t.Errorf("a page of the broken site: status %d", status)
	}
	text := pageText(t, page)
	for _, p := range problems {
		for _, part := range []string{fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col), p.Subject + ": " + p.Message, p.Hint} {
			if !strings.Contains(text, part) {
				t.Errorf("the page of problems lacks %q:\n%s", part, text)
			}
		}
	}
	for _, want := range []string{"This page cannot be shown", "2 errors"} {
		if !strings.Contains(text, want) {
			t.Errorf("the page of problems lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(page, "Fixture timeline") {
		t.Errorf("the page of problems shows the page half-way:\n%s", page)
	}
	// In the language of the page asked for.
	if _, page := get(t, fr); !strings.Contains(pageText(t, page), "Cette page ne peut pas être affichée") || !strings.Contains(page, `lang="fr"`) {
		t.Errorf("the French page of problems:\n%s", page)
	}
	// Fixed, the page comes back.
	sitetest.Write(t, root, map[string]string{"data/timelines/fixture.toml": good})
	waitReload(t, reloads, out)
	if status, body := get(t, en); status != http.StatusOK || !strings.Contains(body, "A later event, listed first in the file.") {
		t.Errorf("after the fix, %s: %d\n%s\n%s", en, status, body, out.String())
	}
}

// An error Hugo finds (here in a template) shows on the page as the
// check's do, at its place, and the fix brings the page back.
func TestPreviewShowsHugoErrors(t *testing.T) {
	root := fixture(t)
	s, out := startPreview(t, root)
	page := address(s, "/en/timelines/fixture/")
	get(t, page)
	reloads := livereload(t, s)
	layout := "layouts/timelines/single.html"
	good := sitetest.Read(t, root, layout)
	sitetest.Write(t, root, map[string]string{layout: good + "\n{{ partial \"no-such-partial.html\" . }}\n"})
	waitReload(t, reloads, out)
	status, body := get(t, page)
	line := strings.Count(good, "\n") + 2
	if text := pageText(t, body); status != http.StatusInternalServerError || !strings.Contains(text, fmt.Sprintf("%s:%d:", layout, line)) || !strings.Contains(text, "no-such-partial.html") {
		t.Errorf("a template error: %d\n%s\n%s", status, text, out.String())
	}
	sitetest.Write(t, root, map[string]string{layout: good})
	waitReload(t, reloads, out)
	if status, body := get(t, page); status != http.StatusOK || !strings.Contains(body, "A later event, listed first in the file.") {
		t.Errorf("after the fix, %s: %d\n%s\n%s", page, status, body, out.String())
	}
}

// A broken config.toml shows on the page too, and its fix loads Hugo's
// sites again, with the pages back.
func TestPreviewRecoversFromABrokenConfiguration(t *testing.T) {
	root := fixture(t)
	s, out := startPreview(t, root)
	page := address(s, "/en/timelines/fixture/")
	get(t, page)
	reloads := livereload(t, s)
	config := sitetest.Read(t, root, "config.toml")
	sitetest.Write(t, root, map[string]string{"config.toml": config + "\nthis is not TOML\n"})
	waitReload(t, reloads, out)
	if status, body := get(t, page); status != http.StatusInternalServerError || !strings.Contains(pageText(t, body), "config.toml:") {
		t.Errorf("a broken config.toml: %d\n%s", status, pageText(t, body))
	}
	sitetest.Write(t, root, map[string]string{"config.toml": config})
	waitReload(t, reloads, out)
	if status, body := get(t, page); status != http.StatusOK || !strings.Contains(body, "A later event, listed first in the file.") {
		t.Errorf("after the fix, %s: %d\n%s\n%s", page, status, body, out.String())
	}
}

// The preview sends the published site's Content-Security-Policy, which
// allows no inline script: its pages and its page of problems load the
// livereload script from a file, and have no script or style of their
// own inline.
func TestPreviewRunsNoInlineScript(t *testing.T) {
	root := fixture(t)
	s, out := startPreview(t, root)
	page := address(s, "/en/timelines/fixture/")
	check := func(what string) {
		resp, err := http.Get(page)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		csp := resp.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: Content-Security-Policy %q", what, csp)
		}
		doc, err := html.Parse(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		livereload := false
		sitetest.Elements(doc, func(n *html.Node) {
			src := sitetest.Attr(n, "src")
			switch {
			case n.Data == "script" && src == "" && executable(sitetest.Attr(n, "type")):
				t.Errorf("%s: an inline script: %s", what, sitetest.Text(n))
			case n.Data == "script" && strings.HasPrefix(src, "/livereload.js?"):
				livereload = true
			case n.Data == "style":
				t.Errorf("%s: an inline stylesheet", what)
			}
			for _, a := range n.Attr {
				if a.Key == "style" || strings.HasPrefix(a.Key, "on") {
					t.Errorf("%s: <%s %s=%q>", what, n.Data, a.Key, a.Val)
				}
			}
		})
		if !livereload {
			t.Errorf("%s: no livereload script", what)
		}
	}
	check("a page")
	reloads := livereload(t, s)
	sitetest.Edit(t, root, "data/timelines/fixture.toml", "date    = 2022-07-14", "date    = 2022-13-14")
	waitReload(t, reloads, out)
	check("the page of problems")
}

// An address that does not exist gets the page of its language, with the
// status 404, as on the published site.
func TestPreviewServesEachLanguagesPageNotFound(t *testing.T) {
	root := fixture(t)
	s, _ := startPreview(t, root)
	for _, c := range []struct{ path, want string }{
		{"/fr/nulle-part/", `lang="fr`},
		{"/en/nowhere/", `lang="en`},
	} {
		status, body := get(t, address(s, c.path))
		if status != http.StatusNotFound || !strings.Contains(body, c.want) {
			t.Errorf("%s: %d\n%s", c.path, status, body)
		}
	}
}

// executable says whether a script of that type runs: a data block
// (JSON-LD) does not, and the Content-Security-Policy leaves it alone.
func executable(typ string) bool {
	typ = strings.ToLower(strings.TrimSpace(typ))
	return typ == "" || typ == "module" || strings.Contains(typ, "javascript") || strings.Contains(typ, "ecmascript")
}

// startPreview starts site serve's preview of the site at root on a free
// port, and returns it with what it writes in the terminal.
func startPreview(t *testing.T, root string) (*preview.Server, *lockedBuffer) {
	t.Helper()
	var out lockedBuffer
	views := t.TempDir()
	s, err := preview.Start(preview.Options{Root: root, Bind: "127.0.0.1", Source: newPreviewSource(root, &out, views), Log: &out,
		Report: func(problems diag.List) { printProblems(&out, problems) }, Inputs: previewInputs, Views: views})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, &out
}

// address is the address of a page of the preview.
func address(s *preview.Server, path string) string {
	return fmt.Sprintf("http://127.0.0.1:%d%s", s.Port(), path)
}

// get fetches a page as a browser navigating to it does.
func get(t *testing.T, url string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Sec-Fetch-Mode", "navigate")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

// pageText is a page's text, as a reader sees it.
func pageText(t *testing.T, page string) string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var text func(*html.Node)
	text = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			text(c)
		}
	}
	text(doc)
	return b.String()
}

// livereload connects to the preview as a page's livereload script does,
// and returns the messages it receives after the greeting.
func livereload(t *testing.T, s *preview.Server) <-chan string {
	t.Helper()
	origin := fmt.Sprintf("http://127.0.0.1:%d/", s.Port())
	ws, err := websocket.Dial(fmt.Sprintf("ws://127.0.0.1:%d/livereload", s.Port()), "", origin)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	if err := websocket.Message.Send(ws, `{"command":"hello","protocols":["http://livereload.com/protocols/official-7"]}`); err != nil {
		t.Fatal(err)
	}
	var hello string
	if err := websocket.Message.Receive(ws, &hello); err != nil || !strings.Contains(hello, `"hello"`) {
		t.Fatalf("livereload's greeting: %q, %v", hello, err)
	}
	messages := make(chan string, 16)
	go func() {
		defer close(messages)
		for {
			var m string
			if err := websocket.Message.Receive(ws, &m); err != nil {
				return
			}
			messages <- m
		}
	}()
	return messages
}

// waitReload waits for the preview to tell the browser to reload.
func waitReload(t *testing.T, reloads <-chan string, out *lockedBuffer) {
	t.Helper()
	select {
	case m := <-reloads:
		if !strings.Contains(m, `"command":"reload"`) {
			t.Fatalf("livereload said %s", m)
		}
	case <-time.After(time.Minute):
		t.Fatalf("no reload after a minute:\n%s", out.String())
	}
}

// The preview marks on the page the texts whose translation is outdated,
// and no other: a data text, a page's title, a page's body, a measure's
// step shown on a bulletin.
func TestPreviewMarksOutdatedTranslations(t *testing.T) {
	root := fixture(t)
	mustRun(t, "i18n", "confirm", "--all", "--source", root)
	sitetest.Edit(t, root, "data/timelines/fixture.toml", "An event on the first of the month.", "An event on the first day of the month.")
	sitetest.Edit(t, root, "content/backgrounders/fixture-backgrounder.en.md", `title = "Fixture backgrounder"`, `title = "The fixture backgrounder"`)
	sitetest.Edit(t, root, "content/backgrounders/fixture-backgrounder.en.md", "A backgrounder, dated.", "A backgrounder, with its date.")
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
	if page := tree(t, dest)["fr/documents-information/document-information-essai/index.html"]; !strings.Contains(page, `<span class="translation-outdated__blocks">Dans ce passage`+"\u00a0"+`: <q>Un document d’information, daté.</q></span>`) {
		t.Errorf("the backgrounder's note does not show its outdated block:\n%s", page)
	}
	want := map[string]string{
		"timeline/fixture#events[2021-03-01-first-of-month].text": "fr/chronologies/chronologie-essai/index.html",
		"backgrounder/fixture-backgrounder#title":                 "fr/documents-information/document-information-essai/index.html",
		"backgrounder/fixture-backgrounder#body":                  "fr/documents-information/document-information-essai/index.html",
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
	// Every translation recorded as made from another source.
	var ids []string
	shownAs := map[string]string{} // a block of a body is marked by its body's note
	for _, u := range ws.Units("fr") {
		ids = append(ids, u.ID)
		if u.Block != nil {
			shownAs[u.ID] = u.Text.ID
		}
		ws.State.Lang("fr").Units[u.ID] = translation.Record{Source: "sha1-older", Target: u.TargetHash}
	}
	dest := buildPreview(t, root, ws)
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

// A page of another site, whose name its DNS server turns into 127.0.0.1
// (DNS rebinding), cannot read the preview's drafts: the preview answers
// only for this machine's names.
func TestPreviewAnswersOnlyForThisMachinesNames(t *testing.T) {
	s, _ := startPreview(t, fixture(t))
	for host, want := range map[string]int{
		"":                           http.StatusOK, // 127.0.0.1:port
		"localhost":                  http.StatusOK,
		"preview.localhost":          http.StatusOK,
		"[::1]":                      http.StatusOK,
		"attacker.example":           http.StatusMisdirectedRequest,
		"attacker.example:80":        http.StatusMisdirectedRequest,
		"127.0.0.1.attacker.example": http.StatusMisdirectedRequest,
	} {
		req, err := http.NewRequest(http.MethodGet, address(s, "/en/"), nil)
		if err != nil {
			t.Fatal(err)
		}
		if host != "" {
			req.Host = host
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("for host %q: %d, want %d", host, resp.StatusCode, want)
		}
	}
}

// In the preview, raw HTML is listed by the check, at its place; the page
// shows the text without it, and Hugo neither stops nor advises to silence
// its warning.
func TestPreviewShowsATextWithRawHTMLWithoutIt(t *testing.T) {
	root := fixture(t)
	sitetest.Edit(t, root, "data/timelines/fixture.toml", `text.en = "A later event, listed first in the file."`, `text.en = "A later event, <b>pasted</b> first in the file."`)
	var out, errOut bytes.Buffer
	ws, err := validate(root, true, false, time.Now(), &out, &errOut)
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

// buildPreview builds the site at root as the preview shows it, with its
// views prepared from ws, and returns the output's folder.
func buildPreview(t *testing.T, root string, ws *translation.Workspace) string {
	t.Helper()
	if _, err := prepare.Write(ws, prepare.Options{Preview: true, Now: time.Now()}); err != nil {
		t.Fatal(err)
	}
	dest := t.TempDir()
	h, err := render.NewSites(root, render.SitesOptions{Preview: true, Destination: dest})
	if err == nil {
		err = h.Build(hugolib.BuildCfg{})
	}
	if err != nil {
		t.Fatal(err)
	}
	return dest
}
